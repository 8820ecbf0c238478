//! The deal-fit assessment of a partner, and the record of its moves up and down the
//! partnership ladder.

use super::choices::{Economics, LadderLevel, UxVerdict};
use super::id::Id;
use super::validate::{Checker, MAX_NOTES};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Leverage and strategic fit run from 1 to 5.
pub const SCORE: std::ops::RangeInclusive<u8> = 1..=5;

/// What the team judges about a deal. Every part may still be unanswered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Fit {
    /// Whether the partnership gives users the right experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ux: Option<UxVerdict>,
    /// Why the user-experience verdict is what it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ux_reason: String,
    /// How well the partner fits our strategy, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategic: Option<u8>,
    /// Our leverage in the deal, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub our_leverage: Option<u8>,
    /// The partner's leverage, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub their_leverage: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub economics: Option<Economics>,
    /// Whether the team understands the partner's market.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_understood: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Fit {
    /// Whether nothing has been assessed yet (such a fit is left out of files).
    pub fn is_blank(&self) -> bool {
        *self == Fit::default()
    }
}

/// A move on the partnership ladder, kept with the warnings it raised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LadderMove {
    pub id: Id,
    pub date: NaiveDate,
    pub from: LadderLevel,
    pub to: LadderLevel,
    /// The warnings shown when the move was made, such as "our leverage (2) is below
    /// theirs (4)".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

pub(crate) fn check(fit: &Fit, c: &mut Checker) {
    c.max_len("fit.ux_reason", &fit.ux_reason, MAX_NOTES);
    c.max_len("fit.notes", &fit.notes, MAX_NOTES);
    for (field, value) in [
        ("fit.strategic", fit.strategic),
        ("fit.our_leverage", fit.our_leverage),
        ("fit.their_leverage", fit.their_leverage),
    ] {
        if let Some(v) = value {
            c.in_range(field, v, SCORE);
        }
    }
}

pub(crate) fn check_move(m: &LadderMove, c: &mut Checker) {
    c.id(&m.id);
    for (w, warning) in m.warnings.iter().enumerate() {
        c.max_len(&format!("warnings[{w}]"), warning, MAX_NOTES);
    }
}
