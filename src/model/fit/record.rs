//! The deal-fit assessment and the ladder moves a partner carries: the records and
//! their checks. What the assessment recommends is in the folder's rules.

use crate::model::core::check::{Checker, ValidationError, MAX_NOTES};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::{Economics, LadderLevel, UxVerdict};
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
    #[serde(deserialize_with = "crate::model::core::when::day")]
    pub date: NaiveDate,
    pub from: LadderLevel,
    pub to: LadderLevel,
    /// The warnings shown when the move was made, such as "our leverage (2) is below
    /// theirs (4)".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// What is wrong with a fit as a file holds it: (field path, message) pairs.
fn problems(fit: &Fit) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (field, text) in [("fit.ux_reason", &fit.ux_reason), ("fit.notes", &fit.notes)] {
        let len = text.chars().count();
        if len > MAX_NOTES {
            out.push((
                field.to_owned(),
                format!("has {len} characters; the limit is {MAX_NOTES}"),
            ));
        }
    }
    for (field, value) in [
        ("fit.strategic", fit.strategic),
        ("fit.our_leverage", fit.our_leverage),
        ("fit.their_leverage", fit.their_leverage),
    ] {
        if let Some(v) = value.filter(|v| !SCORE.contains(v)) {
            out.push((
                field.to_owned(),
                format!("{v} is outside {}–{}", SCORE.start(), SCORE.end()),
            ));
        }
    }
    out
}

pub(crate) fn check(fit: &Fit, c: &mut Checker) {
    for (field, message) in problems(fit) {
        c.push(&field, message);
    }
}

pub(crate) fn check_move(m: &LadderMove, c: &mut Checker) {
    c.id(&m.id);
    c.date("date", m.date);
    if m.from == m.to {
        c.push(
            "to",
            "is the same level as from: a move must change the level",
        );
    }
    for (w, warning) in m.warnings.iter().enumerate() {
        c.max_len(format_args!("warnings[{w}]"), warning, MAX_NOTES);
    }
}

/// What the assessment form may not save, with paths such as `fit.strategic`. Beyond
/// what a file must satisfy, the form asks for the reason of a risky or wrong verdict:
/// a verdict that can stop a deal must say why. (Files without one still import; the
/// recommendation then says that no reason was given.)
pub fn form_errors(fit: &Fit) -> Vec<ValidationError> {
    let mut out = problems(fit);
    if matches!(fit.ux, Some(UxVerdict::Risky | UxVerdict::Wrong))
        && fit.ux_reason.trim().is_empty()
    {
        out.push((
            "fit.ux_reason".into(),
            "is required when the verdict is risky or wrong: say what users would get".into(),
        ));
    }
    out.into_iter()
        .map(|(path, message)| ValidationError {
            path,
            record: "the deal-fit assessment".into(),
            message,
        })
        .collect()
}
