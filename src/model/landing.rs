//! The landing plan: after signature, each market or internal team the partnership must
//! reach goes through three steps, enabled → launched → adopted.

use super::id::Id;
use super::validate::{Checker, MAX_NAME};
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
}

/// One step of a track: when it is planned, when it was done, and who owns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LandingStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

impl LandingTrack {
    pub fn steps(&self) -> [(&'static str, &LandingStep); 3] {
        [
            ("enabled", &self.enabled),
            ("launched", &self.launched),
            ("adopted", &self.adopted),
        ]
    }
}

pub(crate) fn check(t: &LandingTrack, markets: &[&Id], c: &mut Checker) {
    c.id(&t.id);
    match &t.market {
        Some(m) if !markets.contains(&m) => c.push(
            "market",
            format!("refers to market {m}, which is not in the catalogue"),
        ),
        Some(_) => {}
        None => c.required("team", &t.team, MAX_NAME),
    }
    for (name, step) in t.steps() {
        c.max_len(&format!("{name}.owner"), &step.owner, MAX_NAME);
    }
}

/// The share (0–1) of the landing plan's steps done, over every track; `None` without
/// a plan.
pub fn progress(tracks: &[LandingTrack]) -> Option<f64> {
    let steps = tracks.len() * 3;
    let done = tracks
        .iter()
        .flat_map(|t| t.steps())
        .filter(|(_, s)| s.done.is_some())
        .count();
    (steps > 0).then(|| done as f64 / steps as f64)
}
