//! The program's target and the levers planned to reach it.

use crate::model::core::check::{named, Checker, Item, MAX_NAME, MAX_NOTES, MAX_RECORDS};
use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::core::stamp::Stamp;
use crate::model::goals::record::Win;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::model::core::check::MAX_LEVERS;

/// The whole program's target: one metric, grown from a baseline by a percentage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Program {
    /// When the target, levers or program wins were last edited; a merge keeps the later.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::utc_opt"
    )]
    pub updated: Option<DateTime<Utc>>,
    /// The edit stamp of this version (see `core::stamp`), what a merge orders versions
    /// by; absent in files written before stamps (`updated` then stands in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The edit stamp of the program's name (the workspace's `program_name`), which a
    /// merge orders on its own; absent when the name was never edited with stamps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_stamp: Option<Stamp>,
    /// The metric the target is set in, by name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metric: String,
    /// The first month of the baseline year: the baseline covers it and the 11 months
    /// after, and the target year is the 12 months after those.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_start: Option<Month>,
    /// The metric's total over the baseline year (the sum of its 12 monthly values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// The growth aimed for over the baseline, in percent (250 for +250 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_growth: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levers: Vec<Lever>,
    /// Wins of the program as a whole; partners' wins live with the partner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<Win>,
}

impl Program {
    pub fn is_blank(&self) -> bool {
        *self == Program::default()
    }
}

/// A partner or initiative expected to carry part of the growth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Lever {
    pub id: Id,
    /// The partner, when the lever is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<Id>,
    /// The initiative's name, when the lever is not a partner.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub initiative: String,
    /// The growth expected from it, in the metric's unit.
    pub expected: f64,
    /// How sure the team is of it, 0 to 100 %.
    pub confidence: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

pub(crate) fn check(p: &Program, c: &mut Checker) {
    c.max_len("program.metric", &p.metric, MAX_NAME);
    if let Some(updated) = p.updated {
        c.time("program.updated", updated);
    }
    c.stamp("program.stamp", p.stamp);
    c.stamp("program.name_stamp", p.name_stamp);
    for (field, value) in [
        ("program.baseline", p.baseline),
        ("program.target_growth", p.target_growth),
    ] {
        if let Some(v) = value {
            c.finite(field, v);
        }
    }
    if let Some(g) = p.target_growth {
        // Below −100 % the target would sit below zero, which no count can reach.
        if g.is_finite() && g < -100.0 {
            c.push(
                "program.target_growth",
                format!("{g} % would aim below zero; the least is −100 %"),
            );
        }
    }
    if p.levers.len() > MAX_LEVERS {
        c.push(
            "program.levers",
            format!("has {} levers; the limit is {MAX_LEVERS}", p.levers.len()),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, lever) in p.levers.iter().enumerate() {
        let at = format!("program.levers[{i}]");
        c.id_at(format_args!("{at}.id"), &lever.id);
        if !seen.insert(&lever.id) {
            c.push(
                format_args!("{at}.id"),
                format!("duplicate id {}", lever.id),
            );
        }
        // A lever's partner may since have been deleted: the planner shows it as a
        // removed partner, and the file stays valid.
        match &lever.partner {
            Some(id) => c.id_at(format_args!("{at}.partner"), id),
            None => c.required(format_args!("{at}.initiative"), &lever.initiative, MAX_NAME),
        }
        c.finite(format_args!("{at}.expected"), lever.expected);
        c.in_range(format_args!("{at}.confidence"), lever.confidence, 0..=100);
        c.max_len(format_args!("{at}.notes"), &lever.notes, MAX_NOTES);
    }
    c.count("program.wins", p.wins.len(), MAX_RECORDS, "wins");
    for (i, w) in p.wins.iter().enumerate() {
        let at = Item("program.wins", i);
        let name = named(|f| write!(f, "program win \"{}\"", w.title));
        let mut wc = c.nested(&at, &name);
        crate::model::goals::record::check_win(w, &mut wc);
    }
}
