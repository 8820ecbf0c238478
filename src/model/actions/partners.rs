//! The partner list, the pipeline and a partner's profile and key players.

use super::{removed, ActionError, Applied, Gone};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::Stage;
use crate::model::workspace::edit::Removed;
use crate::model::workspace::records::{KeyPlayer, Partner, Workspace};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum PartnerAction {
    /// A new partner from the list's "Add partner".
    Add(Partner),
    /// The profile saved as edited.
    Save(Partner),
    Delete {
        partner: Id,
        name: String,
    },
    /// The delete undone from its toast: the partner back where it stood.
    Restore(Removed),
    /// A card moved on the pipeline: by drag, its menu or the arrow keys.
    MoveStage {
        partner: Id,
        name: String,
        to: Stage,
    },
    SaveKeyPlayer {
        partner: Id,
        player: KeyPlayer,
    },
    RemoveKeyPlayer {
        partner: Id,
        player: Id,
        name: String,
    },
}

impl PartnerAction {
    pub fn label(&self) -> String {
        match self {
            PartnerAction::Add(p) => format!("add {}", p.name),
            PartnerAction::Save(p) => format!("edit {}", p.name),
            PartnerAction::Delete { name, .. } => format!("delete {name}"),
            PartnerAction::Restore(r) => format!("restore {}", r.partner.name),
            PartnerAction::MoveStage { name, to, .. } => format!("move {name} to {}", to.label()),
            PartnerAction::SaveKeyPlayer { player, .. } => {
                format!("save key player {}", player.name)
            }
            PartnerAction::RemoveKeyPlayer { name, .. } => format!("remove {name}"),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        match self {
            PartnerAction::Add(p) | PartnerAction::Save(p) => {
                Ok(Applied::from_bool(ws.save_partner(p, now)?))
            }
            PartnerAction::Delete { partner, .. } => ws
                .delete_partner(&partner, now)
                .map(Applied::Deleted)
                .ok_or(ActionError::Gone(Gone::Partner)),
            // Already back (a second click on the toast): nothing to do.
            PartnerAction::Restore(r) => Ok(Applied::from_bool(ws.undo_delete(r))),
            PartnerAction::MoveStage { partner, to, .. } => {
                if ws.partner(&partner).is_none() {
                    return Err(ActionError::Gone(Gone::Partner));
                }
                Ok(Applied::from_bool(ws.move_stage(&partner, to, now)))
            }
            PartnerAction::SaveKeyPlayer { partner, player } => Ok(Applied::from_bool(
                ws.save_key_player(&partner, player, now)?,
            )),
            PartnerAction::RemoveKeyPlayer {
                partner, player, ..
            } => removed(
                ws.remove_key_player(&partner, &player, now),
                Gone::KeyPlayer,
            ),
        }
    }
}
