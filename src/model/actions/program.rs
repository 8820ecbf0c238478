//! The program's own records: its name and the market catalogue.

use super::{ActionError, Applied};
use crate::model::core::id::Id;
use crate::model::workspace::records::{Market, Workspace};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub enum ProgramAction {
    Rename(String),
    /// A market added to the catalogue (the Data screen's settings).
    AddMarket(Market),
    /// A market added where a partner needs it ("Add market…"): to the catalogue and to
    /// the partner's markets, as one edit.
    AddPartnerMarket {
        partner: Id,
        market: Market,
    },
    RemoveMarket(Id),
}

impl ProgramAction {
    pub fn label(&self) -> String {
        match self {
            ProgramAction::Rename(_) => "rename the program".into(),
            ProgramAction::AddMarket(_) => "add a market".into(),
            ProgramAction::AddPartnerMarket { market, .. } => format!("add market {}", market.name),
            ProgramAction::RemoveMarket(_) => "remove a market".into(),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        match self {
            ProgramAction::Rename(name) => Ok(Applied::from_bool(ws.set_program_name(&name)?)),
            ProgramAction::AddMarket(market) => {
                ws.add_market(market)?;
                Ok(Applied::Changed)
            }
            ProgramAction::AddPartnerMarket { partner, market } => {
                ws.add_partner_market(&partner, market, now)?;
                Ok(Applied::Changed)
            }
            ProgramAction::RemoveMarket(id) => {
                ws.remove_market(&id, now)?;
                Ok(Applied::Changed)
            }
        }
    }
}
