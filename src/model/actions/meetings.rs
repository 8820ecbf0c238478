//! A partner's meetings and their next steps.

use super::{removed, ActionError, Applied, Gone};
use crate::model::core::format;
use crate::model::core::id::Id;
use crate::model::meetings::{self, Meeting};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum MeetingAction {
    Save {
        partner: Id,
        meeting: Meeting,
    },
    Remove {
        partner: Id,
        meeting: Id,
        /// The meeting's day, for the undo step.
        date: chrono::NaiveDate,
    },
    /// A next step ticked off, or back on.
    TickStep {
        partner: Id,
        meeting: Id,
        step: usize,
        done: bool,
    },
}

impl MeetingAction {
    pub fn label(&self) -> String {
        match self {
            MeetingAction::Save { meeting, .. } => {
                format!("record the meeting of {}", format::day(meeting.date))
            }
            MeetingAction::Remove { date, .. } => {
                format!("remove the meeting of {}", format::day(*date))
            }
            MeetingAction::TickStep { .. } => "tick off a next step".into(),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        match self {
            MeetingAction::Save { partner, meeting } => Ok(Applied::from_bool(
                meetings::save_meeting(ws, &partner, meeting, now)?,
            )),
            MeetingAction::Remove {
                partner, meeting, ..
            } => removed(
                meetings::remove_meeting(ws, &partner, &meeting, now),
                Gone::Meeting,
            ),
            // False when the step already reads so, or is gone: nothing to change either way.
            MeetingAction::TickStep {
                partner,
                meeting,
                step,
                done,
            } => Ok(Applied::from_bool(meetings::set_step_done(
                ws, &partner, &meeting, step, done, now,
            ))),
        }
    }
}
