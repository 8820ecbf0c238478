//! A partner's shared goals, commitments and decisions, and the wins of a partner or of
//! the program.

use super::{removed, ActionError, Applied, Gone};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::CommitmentStatus;
use crate::model::goals::{self, Commitment, Decision, Goal, Win};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum GoalAction {
    SaveGoal {
        partner: Id,
        goal: Goal,
    },
    RemoveGoal {
        partner: Id,
        goal: Id,
    },
    /// A win of a partner, or of the program (`partner: None`).
    AddWin {
        partner: Option<Id>,
        win: Win,
    },
    RemoveWin {
        partner: Option<Id>,
        win: Id,
    },
    SaveCommitment {
        partner: Id,
        commitment: Commitment,
    },
    SetCommitmentStatus {
        partner: Id,
        commitment: Id,
        status: CommitmentStatus,
        delivered: Option<NaiveDate>,
    },
    RemoveCommitment {
        partner: Id,
        commitment: Id,
    },
    RecordDecision {
        partner: Id,
        decision: Decision,
    },
    RemoveDecision {
        partner: Id,
        decision: Id,
    },
}

impl GoalAction {
    pub fn label(&self) -> String {
        match self {
            GoalAction::SaveGoal { .. } => "save a shared goal".into(),
            GoalAction::RemoveGoal { .. } => "remove a shared goal".into(),
            GoalAction::AddWin {
                partner: Some(_), ..
            } => "add a win".into(),
            GoalAction::AddWin { partner: None, .. } => "add a program win".into(),
            GoalAction::RemoveWin { .. } => "remove a win".into(),
            GoalAction::SaveCommitment { .. } => "save a commitment".into(),
            GoalAction::SetCommitmentStatus { status, .. } => {
                format!("mark a commitment {}", status.label().to_lowercase())
            }
            GoalAction::RemoveCommitment { .. } => "remove a commitment".into(),
            GoalAction::RecordDecision { decision, .. } => {
                format!("record a {} decision", decision.kind.label().to_lowercase())
            }
            GoalAction::RemoveDecision { .. } => "remove a decision".into(),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        let changed = match self {
            GoalAction::SaveGoal { partner, goal } => goals::save_goal(ws, &partner, goal, now)?,
            GoalAction::RemoveGoal { partner, goal } => {
                return removed(goals::remove_goal(ws, &partner, &goal, now), Gone::Goal)
            }
            GoalAction::AddWin { partner, win } => goals::save_win(ws, partner.as_ref(), win, now)?,
            GoalAction::RemoveWin { partner, win } => {
                return removed(
                    goals::remove_win(ws, partner.as_ref(), &win, now),
                    Gone::Win,
                )
            }
            GoalAction::SaveCommitment {
                partner,
                commitment,
            } => goals::save_commitment(ws, &partner, commitment, now)?,
            GoalAction::SetCommitmentStatus {
                partner,
                commitment,
                status,
                delivered,
            } => goals::set_commitment_status(ws, &partner, &commitment, status, delivered, now)?,
            GoalAction::RemoveCommitment {
                partner,
                commitment,
            } => {
                return removed(
                    goals::remove_commitment(ws, &partner, &commitment, now),
                    Gone::Commitment,
                )
            }
            GoalAction::RecordDecision { partner, decision } => {
                goals::save_decision(ws, &partner, decision, now)?
            }
            GoalAction::RemoveDecision { partner, decision } => {
                return removed(
                    goals::remove_decision(ws, &partner, &decision, now),
                    Gone::Decision,
                )
            }
        };
        Ok(Applied::from_bool(changed))
    }
}
