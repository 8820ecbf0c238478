//! What the two sides agreed and did: shared goals, commitments, decisions and wins.

use super::choices::{CommitmentStatus, DecisionKind, GoalStatus, Side, WinKind};
use super::id::Id;
use super::validate::{Checker, MAX_NAME, MAX_NOTES};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A goal both sides signed up to, measured by one metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Goal {
    pub id: Id,
    pub statement: String,
    /// The metric that measures it, by name ("users", "revenue", or one of the user's).
    #[serde(default)]
    pub metric: String,
    /// The value of the metric that meets the goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
}

/// Something one side promised to deliver.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Commitment {
    pub id: Id,
    pub side: Side,
    pub what: String,
    pub due: NaiveDate,
    pub status: CommitmentStatus,
    /// The day it was delivered, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<NaiveDate>,
}

/// A decision about the partnership, with who took it and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Decision {
    pub id: Id,
    pub date: NaiveDate,
    pub kind: DecisionKind,
    pub who: String,
    #[serde(default)]
    pub why: String,
}

/// A win or milestone, of a partner or of the whole program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Win {
    pub id: Id,
    pub date: NaiveDate,
    pub kind: WinKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

pub(crate) fn check_goal(g: &Goal, c: &mut Checker) {
    c.id(&g.id);
    c.required("statement", &g.statement, MAX_NOTES);
    c.max_len("metric", &g.metric, MAX_NAME);
    if let Some(t) = g.target {
        c.finite("target", t);
    }
}

pub(crate) fn check_commitment(k: &Commitment, c: &mut Checker) {
    c.id(&k.id);
    c.required("what", &k.what, MAX_NOTES);
    if k.status == CommitmentStatus::Delivered && k.delivered.is_none() {
        c.push("delivered", "is required when the commitment is delivered");
    }
}

pub(crate) fn check_decision(d: &Decision, c: &mut Checker) {
    c.id(&d.id);
    c.required("who", &d.who, MAX_NAME);
    c.max_len("why", &d.why, MAX_NOTES);
}

pub(crate) fn check_win(w: &Win, c: &mut Checker) {
    c.id(&w.id);
    c.required("title", &w.title, MAX_NAME);
    c.max_len("note", &w.note, MAX_NOTES);
}

/// How reliably the partner delivers what it commits to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeliveryRecord {
    /// Share (0–1) of the partner's commitments due so far that were delivered on time,
    /// over all time; `None` when none is due yet.
    pub all_time: Option<f64>,
    /// The same over commitments due in the last 90 days.
    pub recent: Option<f64>,
    /// How many commitments are due so far, and how many of them came on time.
    pub due: usize,
    pub on_time: usize,
}

/// The window of the recent delivery record.
pub const RECENT_DAYS: i64 = 90;

/// The partner's delivery record on `today`. A commitment counts once it is due (due
/// date on or before today) and was not dropped by agreement; it was on time when
/// delivered on or before its due date.
pub fn delivery_record(commitments: &[Commitment], today: NaiveDate) -> DeliveryRecord {
    let counted = |since: Option<NaiveDate>| {
        let due: Vec<&Commitment> = commitments
            .iter()
            .filter(|k| k.side == Side::Partner && k.status != CommitmentStatus::Dropped)
            .filter(|k| k.due <= today && since.is_none_or(|s| k.due > s))
            .collect();
        let on_time = due
            .iter()
            .filter(|k| {
                k.status == CommitmentStatus::Delivered && k.delivered.is_some_and(|d| d <= k.due)
            })
            .count();
        (due.len(), on_time)
    };
    let share = |(due, on_time): (usize, usize)| (due > 0).then(|| on_time as f64 / due as f64);
    let all = counted(None);
    let recent = counted(Some(today - chrono::Duration::days(RECENT_DAYS)));
    DeliveryRecord {
        all_time: share(all),
        recent: share(recent),
        due: all.0,
        on_time: all.1,
    }
}
