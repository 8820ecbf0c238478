//! The program planner: its target and the levers expected to close the gap.

use super::{removed, ActionError, Applied, Gone};
use crate::model::core::id::Id;
use crate::model::figures::planner::{self, LeverText, TargetText};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum PlannerAction {
    SetTarget(TargetText),
    /// A lever added (the form has no id; the new lever takes `new_id`) or edited.
    SaveLever {
        form: LeverText,
        new_id: Id,
    },
    RemoveLever {
        lever: Id,
        name: String,
    },
}

impl PlannerAction {
    pub fn label(&self) -> String {
        match self {
            PlannerAction::SetTarget(_) => "set the program target".into(),
            PlannerAction::SaveLever { form, .. } if form.id.is_none() => "add a lever".into(),
            PlannerAction::SaveLever { .. } => "edit a lever".into(),
            PlannerAction::RemoveLever { name, .. } => format!("remove lever {name}"),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        let changed = match self {
            PlannerAction::SetTarget(form) => planner::set_target(ws, &form, now)?,
            PlannerAction::SaveLever { form, new_id } => {
                planner::save_lever(ws, &form, new_id, now)?
            }
            PlannerAction::RemoveLever { lever, .. } => {
                return removed(planner::remove_lever(ws, &lever, now), Gone::Lever)
            }
        };
        Ok(Applied::from_bool(changed))
    }
}
