//! The outreach pitch, one version of the twelve ingredients: the record and its checks.

use crate::model::core::check::{Checker, MAX_NAME, MAX_NOTES};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::Ingredient;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One version of the pitch to a partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Pitch {
    pub id: Id,
    /// What tells this version apart: "v2, after the Berlin call".
    pub label: String,
    /// The day this version was started.
    #[serde(deserialize_with = "crate::model::core::when::day")]
    pub drafted: NaiveDate,
    /// The day this version was sent, when it was.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub sent: Option<NaiveDate>,
    /// The text of each ingredient written so far; a missing one is empty.
    #[serde(default)]
    pub ingredients: BTreeMap<Ingredient, String>,
    /// The partner's shared goal the mutual goal speaks to, if one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Id>,
}

impl Pitch {
    pub fn new(id: Id, label: impl Into<String>, drafted: NaiveDate) -> Self {
        Pitch {
            id,
            label: label.into(),
            drafted,
            sent: None,
            ingredients: BTreeMap::new(),
            goal: None,
        }
    }

    /// The text of one ingredient, empty when not written.
    pub fn text(&self, ingredient: Ingredient) -> &str {
        self.ingredients.get(&ingredient).map_or("", String::as_str)
    }
}

pub(crate) fn check(pitch: &Pitch, c: &mut Checker) {
    c.id(&pitch.id);
    c.required("label", &pitch.label, MAX_NAME);
    for (ingredient, text) in &pitch.ingredients {
        c.max_len(
            format_args!("ingredients.{}", ingredient.key()),
            text,
            MAX_NOTES,
        );
    }
    // A goal the pitch points to may since have been removed: the pitch keeps the id
    // and reads as linked to no goal, so removing a goal never makes a file invalid.
    if let Some(goal) = &pitch.goal {
        c.id_at("goal", goal);
    }
    c.date("drafted", pitch.drafted);
    if let Some(sent) = pitch.sent {
        c.date("sent", sent);
        if sent < pitch.drafted {
            c.push("sent", "is earlier than the day the pitch was drafted");
        }
    }
}
