//! The records of a workspace: the program, its market catalogue and its partners with
//! their key players. Every record carries a stable id and created/updated times (UTC).

use crate::model::core::id::Id;
use crate::model::core::owner::Owner;
use crate::model::core::shared::Shared;
use crate::model::core::stamp::Stamp;
use crate::model::core::vocabulary::{
    Category, DecisionRole, LadderLevel, MarketPosition, Stage, Stance,
};
use crate::model::fit::record::{Fit, LadderMove};
use crate::model::goals::record::{Commitment, Decision, Goal, Win};
use crate::model::landing::record::LandingTrack;
use crate::model::meetings::record::Meeting;
use crate::model::metrics::record::Series;
use crate::model::pitch::record::Pitch;
use crate::model::program::record::Program;
use chrono::{DateTime, NaiveDate, Utc};
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
    // Shared with earlier versions of the workspace (undo steps, the store's snapshot):
    // an edit copies only the partners it writes to (`core::shared`). A plain comment:
    // the file's schema describes the records, not how the app holds them.
    #[serde(default)]
    pub partners: Vec<Shared<Partner>>,
    /// Records deleted, and when: a merge must not bring back a record the other side
    /// deleted after its last edit. Omitted from files while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Tombstone>,
    /// The program's target, levers and program-wide wins.
    #[serde(default, skip_serializing_if = "Program::is_blank")]
    pub program: Program,
}

/// The id and time of a deleted partner or market.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Tombstone {
    pub id: Id,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub deleted: DateTime<Utc>,
    /// The deletion's edit stamp; absent in files written before stamps (`deleted`
    /// then stands in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
}

/// A market of the catalogue, such as a country or a region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Market {
    pub id: Id,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub created: DateTime<Utc>,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub updated: DateTime<Utc>,
    /// The edit stamp of this version (see `core::stamp`): what a merge orders versions
    /// by. Absent in records written before stamps; `updated` then stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    pub name: String,
}

/// A company the program partners with, or might.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Partner {
    pub id: Id,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub created: DateTime<Utc>,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub updated: DateTime<Utc>,
    /// The edit stamp of this version (see `core::stamp`): what a merge orders versions
    /// by. Absent in records written before stamps; `updated` then stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The stamp of every field and list item without its own entry in `stamps`: the
    /// partner's version when those were last written. Absent, it is `stamp` (a partner
    /// not edited since it was made, or written before field stamps, format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Stamp>,
    /// The fields and list items edited since `base`, each with its own stamp, so that a
    /// merge takes each from the side that edited it last (`workspace::stamps`): `notes`,
    /// `stage`, …, and `kp:<id>` for a key player, `mt:<id>` for a meeting and so on. An
    /// item's key without the item records its deletion.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub stamps: std::collections::BTreeMap<String, Stamp>,
    pub name: String,
    /// An http or https address, or empty.
    #[serde(default)]
    pub website: String,
    /// What kind of partnership this is. Absent (not set) until someone chooses: a new
    /// partner is not silently a platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Where the partner stands in its market. Absent (not set) until someone chooses;
    /// every figure reads it as unknown, never as a challenger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<MarketPosition>,
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
    /// The day the partner entered its current stage; `created` stands in when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub stage_since: Option<NaiveDate>,
    /// Versions of the outreach pitch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pitches: Vec<Pitch>,
    /// The deal-fit assessment.
    #[serde(default, skip_serializing_if = "Fit::is_blank")]
    pub fit: Fit,
    /// Moves on the partnership ladder, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ladder_moves: Vec<LadderMove>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    /// Goals shared with the partner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// The landing plan, one track per market or internal team.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub landing: Vec<LandingTrack>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Series>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<Win>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
}

/// A person at the partner who matters to the decision.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct KeyPlayer {
    pub id: Id,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub created: DateTime<Utc>,
    #[serde(deserialize_with = "crate::model::core::when::utc")]
    pub updated: DateTime<Utc>,
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// How letters greet them, such as "Dr. Whitfield" or "Dana": empty (and absent
    /// from files written before it existed) means the first word of the name. See
    /// [`KeyPlayer::salutation`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub addressed_as: String,
    pub role: DecisionRole,
    /// 1 (little) to 5 (decides alone).
    pub influence: u8,
    pub stance: Stance,
    #[serde(default)]
    pub notes: String,
}

impl Partner {
    /// A new partner: a research-stage, self-serve prospect whose category and market
    /// position are not set until someone chooses them.
    pub fn new(id: Id, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Partner {
            id,
            created: now,
            updated: now,
            stamp: None,
            base: None,
            stamps: Default::default(),
            name: name.into(),
            website: String::new(),
            category: None,
            position: None,
            markets: Vec::new(),
            stage: Stage::Research,
            ladder: LadderLevel::SelfServe,
            owner: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            key_players: Vec::new(),
            stage_since: None,
            pitches: Vec::new(),
            fit: Fit::default(),
            ladder_moves: Vec::new(),
            meetings: Vec::new(),
            goals: Vec::new(),
            commitments: Vec::new(),
            landing: Vec::new(),
            metrics: Vec::new(),
            wins: Vec::new(),
            decisions: Vec::new(),
        }
    }
}

impl Partner {
    /// Hands what key player `player` owned (next steps, commitments) to their name on
    /// the partner's side, so removing a key player neither invalidates the partner nor
    /// forgets who was to do the work. Returns how many owners changed.
    pub fn release_owner(&mut self, player: &Id, name: &str) -> usize {
        let named = Owner::Theirs(name.to_owned());
        let owners = self
            .meetings
            .iter_mut()
            .flat_map(|m| m.next_steps.iter_mut().map(|s| &mut s.owner))
            .chain(self.commitments.iter_mut().map(|k| &mut k.owner));
        let mut changed = 0;
        for owner in owners {
            if owner.as_ref().and_then(Owner::player) == Some(player) {
                *owner = Some(named.clone());
                changed += 1;
            }
        }
        changed
    }

    /// An owner as people read it: the key player's name (or "a former key player"
    /// should the id name nobody), or the name given, with the side in brackets:
    /// "Dana Whitfield (Loopline)", "Sam Ortiz (us)".
    pub fn owner_label(&self, owner: &Owner) -> String {
        match owner {
            Owner::Player(id) => match self.key_players.iter().find(|k| &k.id == id) {
                Some(k) => format!("{} ({})", k.name, self.name),
                None => format!("a former key player ({})", self.name),
            },
            Owner::Theirs(name) => format!("{name} ({})", self.name),
            Owner::Ours(name) => format!("{name} (us)"),
        }
    }

    /// Every catalogue market this partner refers to: its own markets, and those of its
    /// metrics and landing plan (a market dropped from the partner keeps its history).
    /// The same places as [`Partner::market_refs_mut`], read only.
    pub fn market_refs(&self) -> impl Iterator<Item = &Id> {
        self.markets
            .iter()
            .chain(self.metrics.iter().map(|s| &s.market))
            .chain(self.landing.iter().filter_map(|t| t.market.as_ref()))
    }

    /// Every place in the partner that names a catalogue market, to rewrite: what an
    /// import changes when a market of the file turns out to be one of ours.
    ///
    /// The destructuring names every field on purpose: a new field stops the build here
    /// until someone says whether it names a market. Records nested deeper are covered
    /// by a test that walks the file's schema for every id-valued field.
    pub fn market_refs_mut(&mut self) -> impl Iterator<Item = &mut Id> {
        let Partner {
            id: _,
            created: _,
            updated: _,
            stamp: _,
            base: _,
            stamps: _,
            name: _,
            website: _,
            category: _,
            position: _,
            markets,
            stage: _,
            ladder: _,
            owner: _,
            tags: _,
            notes: _,
            key_players: _,
            stage_since: _,
            pitches: _,
            fit: _,
            ladder_moves: _,
            meetings: _,
            goals: _,
            commitments: _,
            landing,
            metrics,
            wins: _,
            decisions: _,
        } = self;
        markets
            .iter_mut()
            .chain(metrics.iter_mut().map(|s| &mut s.market))
            .chain(landing.iter_mut().filter_map(|t| t.market.as_mut()))
    }

    /// The day the partner entered its current stage.
    pub fn in_stage_since(&self) -> NaiveDate {
        self.stage_since
            .unwrap_or_else(|| self.created.date_naive())
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
            addressed_as: String::new(),
            role: DecisionRole::Influencer,
            influence: 3,
            stance: Stance::Neutral,
            notes: String::new(),
        }
    }

    /// The name a letter greets them by: what the person chose ("addressed as"), else
    /// their first name, the first word of the name — colleagues write "Dear Dana,", not
    /// "Dear Dana Whitfield,". Empty only when the name is.
    pub fn salutation(&self) -> String {
        let chosen = crate::model::core::text::one_line(&self.addressed_as);
        if !chosen.is_empty() {
            return chosen;
        }
        crate::model::core::text::one_line(&self.name)
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

impl Market {
    /// The form of a market's name that decides whether two names mean the same market:
    /// trimmed, runs of white space made one space, lower case, and the accents of Latin
    /// letters dropped (`" México "`, `"mexico"` and `"MEXICO"` meet). The accents are
    /// folded by a short table of the Latin letters of European languages rather than
    /// full Unicode normalisation, whose tables would weigh more than the rest of the
    /// model in the browser; a letter outside the table is compared as it is.
    pub fn key(name: &str) -> String {
        let mut out = String::with_capacity(name.len());
        for word in name.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            for c in word.chars().flat_map(char::to_lowercase) {
                match fold_accent(c) {
                    Some(plain) => out.push_str(plain),
                    None => out.push(c),
                }
            }
        }
        out
    }

    pub fn new(id: Id, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Market {
            id,
            created: now,
            updated: now,
            stamp: None,
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
            program: Program::default(),
        }
    }

    pub fn partner(&self, id: &Id) -> Option<&Partner> {
        self.partners.iter().find(|p| &p.id == id).map(|p| &**p)
    }

    /// The partner with this id, to write to: only this partner is copied, and only when
    /// an earlier version of the workspace still shares it (`core::shared`).
    pub fn partner_mut(&mut self, id: &Id) -> Option<&mut Partner> {
        self.partners
            .iter_mut()
            .find(|p| &p.id == id)
            .map(|p| &mut **p)
    }

    /// When the record with this id was deleted, if it was.
    pub fn deleted_at(&self, id: &Id) -> Option<DateTime<Utc>> {
        self.deleted
            .iter()
            .filter(|t| &t.id == id)
            .map(|t| t.deleted)
            .max()
    }

    /// Every place in the workspace that names a catalogue market (the catalogue's own
    /// ids aside): the one list an import rewrites when it matches markets by name.
    /// Like [`Partner::market_refs_mut`], it names every field so that a new one must be
    /// placed on one side or the other.
    pub fn market_refs_mut(&mut self) -> impl Iterator<Item = &mut Id> {
        self.market_refs_mut_where(|_, _| true)
    }

    /// [`Workspace::market_refs_mut`] in the partners `which` chooses (by position and
    /// record, asked before any is written): a partner left out is not written, so it
    /// stays the very version it was, shared with other versions of the workspace.
    pub fn market_refs_mut_where(
        &mut self,
        mut which: impl FnMut(usize, &Partner) -> bool,
    ) -> impl Iterator<Item = &mut Id> {
        let Workspace {
            program_name: _,
            markets: _,
            partners,
            // A tombstone names a record deleted on its own side: renamed, their
            // deletion of their copy would become a deletion of ours.
            deleted: _,
            program,
        } = self;
        // The program names its metric by name and its levers by partner: no market.
        let Program {
            updated: _,
            stamp: _,
            name_stamp: _,
            metric: _,
            baseline_start: _,
            baseline: _,
            target_growth: _,
            levers: _,
            wins: _,
        } = program;
        partners
            .iter_mut()
            .enumerate()
            .filter(move |(i, p)| which(*i, p))
            .flat_map(|(_, p)| Partner::market_refs_mut(p))
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

/// The plain letters for a lower-case accented Latin letter, or `None` to keep it.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}
