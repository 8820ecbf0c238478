//! The outreach pitch: one version per draft, each with a text for every ingredient —
//! the record, its validation, and the edits a person makes to it. What to write for
//! each ingredient is in [`guidance`], how far a pitch has come in [`checks`], and the
//! memo written from it in `model::documents::memo`.
//!
//! A partner keeps several versions, oldest first. Several may be marked sent, each with
//! its own day (a pitch is often sent, discussed, revised and sent again); the most
//! recently sent one is the pitch on the table ([`on_the_table`]). A sent version is a
//! record of what the partner read, so its text and goal link are frozen until it is
//! unmarked; to change it, start a new version from it.

mod checks;
mod guidance;
pub mod plain;
pub mod record;

pub use checks::{
    check_ingredient, check_text, checks, completeness, is_written, score, Check, Completeness,
    Context, Status, AROUND, BELIEF, BOTH, CONDITION, FIRST, LEVERAGE, MEASURE, MIN_WORDS, MONTHS,
    OFFER, OURS, PRODUCT_MAX_WORDS, SELF_SERVE, THEIRS, THING, VISION_MAX_WORDS, VISION_MIN_WORDS,
    WHEN, YOURS,
};
pub use guidance::guidance;

use crate::model::core::check::{MAX_NAME, MAX_NOTES};
use crate::model::core::format;
use crate::model::core::id::{Id, IdError};
use crate::model::core::text;
use crate::model::core::vocabulary::Ingredient;
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
pub use record::*;

/// Why an edit of a pitch was refused, worded for the person who made it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PitchError {
    #[error("{}", crate::model::core::check::PARTNER_GONE)]
    NoPartner,
    #[error("This pitch version no longer exists; it may have been deleted in another tab.")]
    NoPitch,
    #[error("{0}")]
    Id(#[from] IdError),
    #[error("A pitch with id {0} already exists; try again.")]
    IdTaken(Id),
    #[error("{} has {len} characters; the limit is {MAX_NOTES}.", ingredient.label())]
    TextTooLong { ingredient: Ingredient, len: usize },
    #[error("Give the version a label, such as \"v2, after the first call\".")]
    NoLabel,
    #[error("The label has {0} characters; the limit is {MAX_NAME}.")]
    LabelTooLong(usize),
    #[error("That goal is not among the partner's shared goals; it may have been removed.")]
    NoSuchGoal,
    /// The day it was drafted.
    #[error("This version was drafted on {}; it cannot have been sent before that.", format::day(*.0))]
    SentBeforeDrafted(NaiveDate),
    #[error("{} is in the future; mark the version sent once it has gone out.", format::day(*.0))]
    SentInFuture(NaiveDate),
    /// The text of a version sent on this day stays as sent.
    #[error(
        "This version was sent on {} and stays as sent; start a new version from it to change the text.",
        format::day(*.0)
    )]
    Sent(NaiveDate),
}

/// The version a new one is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Every ingredient empty, no goal linked.
    Blank,
    /// The ingredients and goal link of the latest version (the last in the list).
    CopyLatest,
}

/// The latest version: the last one made.
pub fn latest(partner: &Partner) -> Option<&Pitch> {
    partner.pitches.last()
}

/// The pitch on the table: the version sent most recently (the later in the list when
/// two were sent the same day), if any was sent.
pub fn on_the_table(partner: &Partner) -> Option<&Pitch> {
    partner
        .pitches
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.sent.map(|day| ((day, i), p)))
        .max_by_key(|(key, _)| *key)
        .map(|(_, p)| p)
}

/// Adds a version to the partner's pitches, blank or copied from the latest, labelled
/// "Version N" and drafted today. Returns `Ok(true)` once added.
///
/// # Errors
/// When the partner does not exist or already has a pitch with this id.
pub fn new_version(
    ws: &mut Workspace,
    partner: &Id,
    id: Id,
    start: Start,
    now: DateTime<Utc>,
) -> Result<bool, PitchError> {
    let p = partner_mut(ws, partner)?;
    id.check()?;
    if p.pitches.iter().any(|x| x.id == id) {
        return Err(PitchError::IdTaken(id));
    }
    let mut pitch = Pitch::new(id, next_label(p), now.date_naive());
    if let (Start::CopyLatest, Some(from)) = (start, p.pitches.last()) {
        pitch.ingredients = from.ingredients.clone();
        pitch.goal = from.goal.clone();
    }
    p.pitches.push(pitch);
    stamp(p, now);
    Ok(true)
}

/// Sets the text of one ingredient; blank text removes it. Surrounding white space is
/// trimmed. Returns whether the text changed.
///
/// # Errors
/// When the partner or pitch does not exist, the version was sent (see the module
/// documentation), or the text is longer than the notes limit.
pub fn set_text(
    ws: &mut Workspace,
    partner: &Id,
    pitch: &Id,
    ingredient: Ingredient,
    text: &str,
    now: DateTime<Utc>,
) -> Result<bool, PitchError> {
    let text = text.trim();
    let len = text.chars().count();
    if len > MAX_NOTES {
        return Err(PitchError::TextTooLong { ingredient, len });
    }
    let (p, i) = pitch_mut(ws, partner, pitch)?;
    unsent(&p.pitches[i])?;
    let x = &mut p.pitches[i];
    if x.text(ingredient) == text {
        return Ok(false);
    }
    if text.is_empty() {
        x.ingredients.remove(&ingredient);
    } else {
        x.ingredients.insert(ingredient, text.to_owned());
    }
    stamp(p, now);
    Ok(true)
}

/// Renames a version. Allowed on a sent version too: the label is ours, not the
/// partner's. Returns whether the label changed.
///
/// # Errors
/// When the partner or pitch does not exist, or the label is blank or too long.
pub fn set_label(
    ws: &mut Workspace,
    partner: &Id,
    pitch: &Id,
    label: &str,
    now: DateTime<Utc>,
) -> Result<bool, PitchError> {
    let label = text::one_line(label);
    if label.is_empty() {
        return Err(PitchError::NoLabel);
    }
    let len = label.chars().count();
    if len > MAX_NAME {
        return Err(PitchError::LabelTooLong(len));
    }
    let (p, i) = pitch_mut(ws, partner, pitch)?;
    if p.pitches[i].label == label {
        return Ok(false);
    }
    p.pitches[i].label = label;
    stamp(p, now);
    Ok(true)
}

/// Links the mutual goal to one of the partner's shared goals, or unlinks it (`None`).
/// Returns whether the link changed.
///
/// # Errors
/// When the partner or pitch does not exist, the version was sent, or the goal is not
/// one of the partner's.
pub fn link_goal(
    ws: &mut Workspace,
    partner: &Id,
    pitch: &Id,
    goal: Option<Id>,
    now: DateTime<Utc>,
) -> Result<bool, PitchError> {
    let (p, i) = pitch_mut(ws, partner, pitch)?;
    unsent(&p.pitches[i])?;
    if let Some(goal) = &goal {
        if !p.goals.iter().any(|g| &g.id == goal) {
            return Err(PitchError::NoSuchGoal);
        }
    }
    if p.pitches[i].goal == goal {
        return Ok(false);
    }
    p.pitches[i].goal = goal;
    stamp(p, now);
    Ok(true)
}

/// Marks a version sent on `day`, or unmarks it (`None`). Other versions keep their own
/// sent days. Returns whether anything changed.
///
/// # Errors
/// When the partner or pitch does not exist, or the day is before the version was
/// drafted or after today.
pub fn mark_sent(
    ws: &mut Workspace,
    partner: &Id,
    pitch: &Id,
    day: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<bool, PitchError> {
    let today = now.date_naive();
    let (p, i) = pitch_mut(ws, partner, pitch)?;
    let x = &mut p.pitches[i];
    if let Some(day) = day {
        if day < x.drafted {
            return Err(PitchError::SentBeforeDrafted(x.drafted));
        }
        if day > today {
            return Err(PitchError::SentInFuture(day));
        }
    }
    if x.sent == day {
        return Ok(false);
    }
    x.sent = day;
    stamp(p, now);
    Ok(true)
}

/// Deletes a version (undo brings it back). Returns `Ok(true)` once deleted.
///
/// # Errors
/// When the partner or pitch does not exist.
pub fn delete_version(
    ws: &mut Workspace,
    partner: &Id,
    pitch: &Id,
    now: DateTime<Utc>,
) -> Result<bool, PitchError> {
    let (p, i) = pitch_mut(ws, partner, pitch)?;
    p.pitches.remove(i);
    stamp(p, now);
    Ok(true)
}

/// "Version N", with N one more than the number of versions, raised until no version
/// has that label.
fn next_label(p: &Partner) -> String {
    (p.pitches.len() + 1..)
        .map(|n| format!("Version {n}"))
        .find(|label| !p.pitches.iter().any(|x| &x.label == label))
        .unwrap_or_else(|| "New version".into())
}

fn partner_mut<'a>(ws: &'a mut Workspace, id: &Id) -> Result<&'a mut Partner, PitchError> {
    ws.partner_mut(id).ok_or(PitchError::NoPartner)
}

fn pitch_mut<'a>(
    ws: &'a mut Workspace,
    partner: &Id,
    pitch: &Id,
) -> Result<(&'a mut Partner, usize), PitchError> {
    let p = partner_mut(ws, partner)?;
    let i = p
        .pitches
        .iter()
        .position(|x| &x.id == pitch)
        .ok_or(PitchError::NoPitch)?;
    Ok((p, i))
}

fn unsent(pitch: &Pitch) -> Result<(), PitchError> {
    match pitch.sent {
        Some(day) => Err(PitchError::Sent(day)),
        None => Ok(()),
    }
}

/// Every edit of a pitch is an edit of its partner, for merge and sync.
fn stamp(p: &mut Partner, now: DateTime<Utc>) {
    p.updated = now.max(p.created);
}
