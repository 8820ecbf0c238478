//! The records of a workspace: the program, its market catalogue and its partners with
//! their key players. Every record carries a stable id and created/updated times (UTC).

use super::choices::{Category, DecisionRole, LadderLevel, MarketPosition, Stage, Stance};
use super::id::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One browser profile's partnership program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Workspace {
    /// The program's name, shown in the header.
    pub program_name: String,
    /// The markets partners can operate in; partners refer to them by id.
    #[serde(default)]
    pub markets: Vec<Market>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Records deleted, and when: a merge must not bring back a record the other side
    /// deleted after its last edit. Omitted from files while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Tombstone>,
}

/// The id and time of a deleted partner or market.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Tombstone {
    pub id: Id,
    pub deleted: DateTime<Utc>,
}

/// A market of the catalogue, such as a country or a region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Market {
    pub id: Id,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub name: String,
}

/// A company the program partners with, or might.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Partner {
    pub id: Id,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub name: String,
    /// An http or https address, or empty.
    #[serde(default)]
    pub website: String,
    pub category: Category,
    pub position: MarketPosition,
    /// Ids of the catalogue markets the partner operates in.
    #[serde(default)]
    pub markets: Vec<Id>,
    pub stage: Stage,
    pub ladder: LadderLevel,
    /// Who on our side owns the relationship.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub key_players: Vec<KeyPlayer>,
}

/// A person at the partner who matters to the decision.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct KeyPlayer {
    pub id: Id,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub name: String,
    #[serde(default)]
    pub title: String,
    pub role: DecisionRole,
    /// 1 (little) to 5 (decides alone).
    pub influence: u8,
    pub stance: Stance,
    #[serde(default)]
    pub notes: String,
}

impl Partner {
    /// A new partner with sensible defaults: a research-stage, self-serve prospect.
    pub fn new(id: Id, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Partner {
            id,
            created: now,
            updated: now,
            name: name.into(),
            website: String::new(),
            category: Category::Platform,
            position: MarketPosition::Challenger,
            markets: Vec::new(),
            stage: Stage::Research,
            ladder: LadderLevel::SelfServe,
            owner: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            key_players: Vec::new(),
        }
    }
}

impl KeyPlayer {
    /// A new key player: a neutral influencer of middling influence until told otherwise.
    pub fn new(id: Id, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        KeyPlayer {
            id,
            created: now,
            updated: now,
            name: name.into(),
            title: String::new(),
            role: DecisionRole::Influencer,
            influence: 3,
            stance: Stance::Neutral,
            notes: String::new(),
        }
    }
}

impl Market {
    pub fn new(id: Id, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Market {
            id,
            created: now,
            updated: now,
            name: name.into(),
        }
    }
}

impl Workspace {
    /// An empty workspace with a placeholder program name the user can change.
    pub fn empty() -> Self {
        Workspace {
            program_name: "My partnership program".into(),
            markets: Vec::new(),
            partners: Vec::new(),
            deleted: Vec::new(),
        }
    }

    pub fn partner(&self, id: &Id) -> Option<&Partner> {
        self.partners.iter().find(|p| &p.id == id)
    }

    /// When the record with this id was deleted, if it was.
    pub fn deleted_at(&self, id: &Id) -> Option<DateTime<Utc>> {
        self.deleted
            .iter()
            .filter(|t| &t.id == id)
            .map(|t| t.deleted)
            .max()
    }

    pub fn market(&self, id: &Id) -> Option<&Market> {
        self.markets.iter().find(|m| &m.id == id)
    }

    /// The catalogue as (id, name) pairs, in catalogue order, for pickers and filters.
    pub fn market_choices(&self) -> Vec<(Id, String)> {
        self.markets
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect()
    }

    /// The market's name, or a marker for a reference that validation would refuse.
    pub fn market_name(&self, id: &Id) -> &str {
        self.market(id)
            .map_or("(unknown market)", |m| m.name.as_str())
    }
}
