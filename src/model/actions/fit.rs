//! A partner's fit assessment and its place on the ladder.

use super::{ActionError, Applied};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::LadderLevel;
use crate::model::fit::{self, ladder, Fit};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum FitAction {
    Assess {
        partner: Id,
        name: String,
        fit: Fit,
    },
    /// A move on the ladder, recorded with its warnings under the id `record`; the day
    /// of the move is the day of `now`.
    MoveLadder {
        partner: Id,
        name: String,
        to: LadderLevel,
        record: Id,
    },
}

impl FitAction {
    pub fn label(&self) -> String {
        match self {
            FitAction::Assess { name, .. } => format!("assess {name}"),
            FitAction::MoveLadder { name, to, .. } => format!("move {name} to {}", to.label()),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        let changed = match self {
            FitAction::Assess { partner, fit, .. } => fit::save_fit(ws, &partner, fit, now)?,
            FitAction::MoveLadder {
                partner,
                to,
                record,
                ..
            } => ladder::move_to(ws, &partner, to, record, now.date_naive(), now)?,
        };
        Ok(Applied::from_bool(changed))
    }
}
