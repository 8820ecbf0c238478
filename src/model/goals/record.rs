//! Shared goals, commitments on both sides, decisions and wins: the records and the
//! checks each must pass, knowing nothing of the partner that holds them.

use crate::model::core::check::{Checker, MAX_NAME, MAX_NOTES};
use crate::model::core::id::Id;
use crate::model::core::owner::{self, Owner};
use crate::model::core::vocabulary::{CommitmentStatus, DecisionKind, GoalStatus, Side, WinKind};
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
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
    #[serde(deserialize_with = "crate::model::core::when::day")]
    pub due: NaiveDate,
    pub status: CommitmentStatus,
    /// The day it was delivered, when it was.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub delivered: Option<NaiveDate>,
    /// Who on that side will deliver it: a key player of theirs or a person of ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
}

/// A decision about the partnership, with who took it and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Decision {
    pub id: Id,
    #[serde(deserialize_with = "crate::model::core::when::day")]
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
    #[serde(deserialize_with = "crate::model::core::when::day")]
    pub date: NaiveDate,
    pub kind: WinKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

pub(crate) fn check_goal(g: &Goal, c: &mut Checker) {
    c.id(&g.id);
    if let Some(due) = g.due {
        c.date("due", due);
    }
    c.required("statement", &g.statement, MAX_NOTES);
    c.max_len("metric", &g.metric, MAX_NAME);
    if let Some(t) = g.target {
        c.finite("target", t);
    }
}

pub(crate) fn check_commitment(k: &Commitment, c: &mut Checker) {
    c.id(&k.id);
    c.date("due", k.due);
    if let Some(delivered) = k.delivered {
        c.date("delivered", delivered);
    }
    c.required("what", &k.what, MAX_NOTES);
    if let Some(o) = &k.owner {
        owner::check(o, "owner", c);
    }
    if k.status == CommitmentStatus::Delivered && k.delivered.is_none() {
        c.push("delivered", "is required when the commitment is delivered");
    }
}

pub(crate) fn check_decision(d: &Decision, c: &mut Checker) {
    c.id(&d.id);
    c.date("date", d.date);
    c.required("who", &d.who, MAX_NAME);
    c.max_len("why", &d.why, MAX_NOTES);
}

pub(crate) fn check_win(w: &Win, c: &mut Checker) {
    c.id(&w.id);
    c.date("date", w.date);
    c.required("title", &w.title, MAX_NAME);
    c.max_len("note", &w.note, MAX_NOTES);
}
