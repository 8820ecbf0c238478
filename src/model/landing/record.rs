//! Landing tracks (a market or team with its enabled → launched → adopted steps): the
//! records and their checks.

use crate::model::core::check::{unknown_market, Catalogue, Checker, MAX_NAME};
use crate::model::core::id::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Landing the partnership in one market, or with one internal team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LandingTrack {
    pub id: Id,
    /// The catalogue market landed in; `None` for an internal team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<Id>,
    /// The internal team's name, when the track is not a market.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(default)]
    pub enabled: LandingStep,
    #[serde(default)]
    pub launched: LandingStep,
    #[serde(default)]
    pub adopted: LandingStep,
    /// The day the track was added to the plan: a track just added cannot have stalled.
    /// Set when the track is first saved; `None` in files written before it existed,
    /// where the partner's stage date stands in ([`crate::model::landing::stall_in`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub added: Option<NaiveDate>,
}

/// One step of a track: when it is planned, when it was done, and who owns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LandingStep {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub planned: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub done: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

/// The three steps of every track, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    Enabled,
    Launched,
    Adopted,
}

impl StepKind {
    pub const ALL: [StepKind; 3] = [StepKind::Enabled, StepKind::Launched, StepKind::Adopted];

    /// The field name in files, also used in messages.
    pub fn key(self) -> &'static str {
        match self {
            StepKind::Enabled => "enabled",
            StepKind::Launched => "launched",
            StepKind::Adopted => "adopted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StepKind::Enabled => "Enabled",
            StepKind::Launched => "Launched",
            StepKind::Adopted => "Adopted",
        }
    }
}

pub(crate) fn check(t: &LandingTrack, markets: &Catalogue, c: &mut Checker) {
    c.id(&t.id);
    match &t.market {
        Some(m) if !markets.contains_key(m) => c.push("market", unknown_market(m)),
        Some(_) => {}
        None => c.required("team", &t.team, MAX_NAME),
    }
    for (name, step) in t.steps() {
        for (when, day) in [("planned", step.planned), ("done", step.done)] {
            if let Some(day) = day {
                c.date(format_args!("{name}.{when}"), day);
            }
        }
        c.max_len(format_args!("{name}.owner"), &step.owner, MAX_NAME);
    }
    if let Some(day) = t.added {
        c.date("added", day);
    }
}
