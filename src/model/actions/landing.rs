//! A partner's landing plan: its tracks (one per market or team) and their steps.

use super::{removed, ActionError, Applied, Gone};
use crate::model::core::id::Id;
use crate::model::landing::{self, LandingStep, LandingTrack, StepKind};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum LandingAction {
    AddTrack {
        partner: Id,
        track: LandingTrack,
    },
    RemoveTrack {
        partner: Id,
        track: Id,
    },
    /// One step of one track, edited in its cell.
    SetStep {
        partner: Id,
        track: Id,
        kind: StepKind,
        step: LandingStep,
    },
    /// The whole plan, edited in the grid.
    SavePlan {
        partner: Id,
        tracks: Vec<LandingTrack>,
    },
}

impl LandingAction {
    pub fn label(&self) -> String {
        match self {
            LandingAction::AddTrack { .. } => "add a landing track".into(),
            LandingAction::RemoveTrack { .. } => "remove a landing track".into(),
            LandingAction::SetStep { kind, .. } => {
                format!("landing step {}", kind.label().to_lowercase())
            }
            LandingAction::SavePlan { .. } => "edit the landing plan".into(),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        let changed = match self {
            LandingAction::AddTrack { partner, track } => {
                landing::save_track(ws, &partner, track, now)?
            }
            LandingAction::RemoveTrack { partner, track } => {
                return removed(
                    landing::remove_track(ws, &partner, &track, now),
                    Gone::LandingTrack,
                )
            }
            LandingAction::SetStep {
                partner,
                track,
                kind,
                step,
            } => landing::set_step(ws, &partner, &track, kind, step, now)?,
            LandingAction::SavePlan { partner, tracks } => {
                landing::save_plan(ws, &partner, tracks, now)?
            }
        };
        Ok(Applied::from_bool(changed))
    }
}
