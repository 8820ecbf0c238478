//! A partner's pitch: its versions and their texts.

use super::{ActionError, Applied};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::Ingredient;
use crate::model::pitch::{self, Start};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum PitchAction {
    SetText {
        partner: Id,
        pitch: Id,
        ingredient: Ingredient,
        text: String,
    },
    Rename {
        partner: Id,
        pitch: Id,
        label: String,
    },
    LinkGoal {
        partner: Id,
        pitch: Id,
        goal: Option<Id>,
    },
    /// Marked sent on a day, or unmarked (`None`).
    MarkSent {
        partner: Id,
        pitch: Id,
        day: Option<NaiveDate>,
    },
    NewVersion {
        partner: Id,
        id: Id,
        start: Start,
    },
    DeleteVersion {
        partner: Id,
        pitch: Id,
        /// The version's label, for the undo step.
        label: String,
    },
    /// A stored draft restored: each text (and the label) saved as a field saves when it
    /// is left; [`Applied::Saved`] lists the texts saved, then the label's position
    /// (`texts.len()`) if it was.
    RestoreDraft {
        partner: Id,
        pitch: Id,
        texts: Vec<(Ingredient, String)>,
        label: Option<String>,
    },
}

impl PitchAction {
    pub fn label(&self) -> String {
        match self {
            PitchAction::SetText { ingredient, .. } => {
                format!("edit “{}” in the pitch", ingredient.label())
            }
            PitchAction::Rename { .. } => "rename the pitch version".into(),
            PitchAction::LinkGoal { .. } => "link the pitch to a shared goal".into(),
            PitchAction::MarkSent { day: Some(_), .. } => "mark the pitch sent".into(),
            PitchAction::MarkSent { day: None, .. } => "unmark the pitch as sent".into(),
            PitchAction::NewVersion {
                start: Start::Blank,
                ..
            } => "start a blank pitch version".into(),
            PitchAction::NewVersion {
                start: Start::CopyLatest,
                ..
            } => "copy the latest pitch version".into(),
            PitchAction::DeleteVersion { label, .. } => format!("delete pitch version {label}"),
            PitchAction::RestoreDraft { .. } => "restore the pitch draft".into(),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        let changed = match self {
            PitchAction::SetText {
                partner,
                pitch,
                ingredient,
                text,
            } => pitch::set_text(ws, &partner, &pitch, ingredient, &text, now)?,
            PitchAction::Rename {
                partner,
                pitch,
                label,
            } => pitch::set_label(ws, &partner, &pitch, &label, now)?,
            PitchAction::LinkGoal {
                partner,
                pitch,
                goal,
            } => pitch::link_goal(ws, &partner, &pitch, goal, now)?,
            PitchAction::MarkSent {
                partner,
                pitch,
                day,
            } => pitch::mark_sent(ws, &partner, &pitch, day, now)?,
            PitchAction::NewVersion { partner, id, start } => {
                pitch::new_version(ws, &partner, id, start, now)?
            }
            PitchAction::DeleteVersion { partner, pitch, .. } => {
                pitch::delete_version(ws, &partner, &pitch, now)?
            }
            PitchAction::RestoreDraft {
                partner,
                pitch,
                texts,
                label,
            } => {
                let mut saved: Vec<usize> = texts
                    .iter()
                    .enumerate()
                    .filter(|(_, (i, text))| {
                        pitch::set_text(ws, &partner, &pitch, *i, text, now).is_ok()
                    })
                    .map(|(n, _)| n)
                    .collect();
                if let Some(l) = &label {
                    if pitch::set_label(ws, &partner, &pitch, l, now).is_ok() {
                        saved.push(texts.len());
                    }
                }
                return Ok(Applied::Saved(saved));
            }
        };
        Ok(Applied::from_bool(changed))
    }
}
