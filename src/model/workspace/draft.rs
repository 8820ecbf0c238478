//! Drafts: what a person typed into a form and has not saved yet, kept apart from the
//! workspace so that switching tabs, navigating or reloading never loses it.
//!
//! This module is the pure half: how a draft is named in storage, what a stored draft
//! looks like, the bounds it must keep, and whether the record it belongs to still
//! exists. The browser half (`storage::drafts`) reads and writes local storage with it;
//! the UI half (`ui::draft`) keeps each form's fields in a draft and offers it back.
//!
//! # Keys
//! One key per form and record: `tandem.draft.<form>.<partner>.<record>`, where
//! `<partner>` is the partner's id or `-` for a program-wide form, and `<record>` is the
//! record's id, `new` for a record being added, or `-` for a form of the partner (or
//! program) itself. The landing plan's steps use `<track id>.<step>`, the metrics grid
//! the metric's name, so `<record>` is the rest of the key after the partner.
//!
//! # Values
//! `{"v":1,"at":"2026-12-06T10:42:00Z","fields":{"name":"Loopline",…}}`: the form's
//! fields as text, by the names the form gives them. A value that is not of this shape,
//! is larger than [`MAX_VALUE_CHARS`] or holds more than [`MAX_FIELDS`] fields is not a
//! draft: it is ignored (and removed by the next prune), never read into a form and
//! never near the workspace's own key.

use crate::model::core::id::Id;
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every draft key starts with this; nothing else in storage does.
pub const PREFIX: &str = "tandem.draft.";
/// The version of the stored value.
pub const VERSION: u32 = 1;
/// The largest stored value of one draft, in characters: 64 Ki, well above the longest
/// form the model accepts in practice and far below the origin's quota (about 5 Mi
/// characters), so drafts never crowd out the workspace.
pub const MAX_VALUE_CHARS: usize = 64 * 1024;
/// The most fields one draft may hold (the metrics grid keeps one per edited cell).
pub const MAX_FIELDS: usize = 1000;
/// The most drafts kept at once; writing one more removes the oldest.
pub const MAX_DRAFTS: usize = 40;
/// The longest `<record>` part of a key (a metric's name is the longest there is).
pub const MAX_RECORD_CHARS: usize = 200;

/// A form's fields as text, by name.
pub type Fields = BTreeMap<String, String>;

/// Every form that keeps a draft. The slug names it in the key; the label in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    Profile,
    KeyPlayer,
    Meeting,
    Goal,
    Commitment,
    LandingStep,
    LandingTrack,
    LandingPlan,
    Decision,
    Win,
    Fit,
    Pitch,
    Metrics,
    MetricName,
    Paste,
    Target,
    Lever,
    ProgramName,
    Market,
    NewPartner,
}

impl Form {
    pub const ALL: [Form; 20] = [
        Form::Profile,
        Form::KeyPlayer,
        Form::Meeting,
        Form::Goal,
        Form::Commitment,
        Form::LandingStep,
        Form::LandingTrack,
        Form::LandingPlan,
        Form::Decision,
        Form::Win,
        Form::Fit,
        Form::Pitch,
        Form::Metrics,
        Form::MetricName,
        Form::Paste,
        Form::Target,
        Form::Lever,
        Form::ProgramName,
        Form::Market,
        Form::NewPartner,
    ];

    /// The form's name in a key: lowercase letters and `-`, never a `.`.
    pub fn slug(self) -> &'static str {
        match self {
            Form::Profile => "profile",
            Form::KeyPlayer => "key-player",
            Form::Meeting => "meeting",
            Form::Goal => "goal",
            Form::Commitment => "commitment",
            Form::LandingStep => "landing-step",
            Form::LandingTrack => "landing-track",
            Form::LandingPlan => "landing-plan",
            Form::Decision => "decision",
            Form::Win => "win",
            Form::Fit => "fit",
            Form::Pitch => "pitch",
            Form::Metrics => "metrics",
            Form::MetricName => "metric-name",
            Form::Paste => "paste",
            Form::Target => "target",
            Form::Lever => "lever",
            Form::ProgramName => "program-name",
            Form::Market => "market",
            Form::NewPartner => "new-partner",
        }
    }

    /// What the form edits, for a sentence: "an unsaved draft of the profile".
    pub fn label(self) -> &'static str {
        match self {
            Form::Profile => "the profile",
            Form::KeyPlayer => "a key player",
            Form::Meeting => "a meeting",
            Form::Goal => "a shared goal",
            Form::Commitment => "a commitment",
            Form::LandingStep => "a landing step",
            Form::LandingTrack => "a landing track",
            Form::LandingPlan => "the landing plan",
            Form::Decision => "a decision",
            Form::Win => "a win",
            Form::Fit => "the assessment",
            Form::Pitch => "the pitch",
            Form::Metrics => "metric values",
            Form::MetricName => "a metric's name",
            Form::Paste => "a pasted table",
            Form::Target => "the target",
            Form::Lever => "a lever",
            Form::ProgramName => "the program name",
            Form::Market => "a new market",
            Form::NewPartner => "a new partner",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.slug() == slug)
    }
}

/// Which form of which record a draft belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DraftKey {
    pub form: Form,
    /// The partner the form belongs to; `None` for a program-wide form.
    pub partner: Option<Id>,
    /// The record: its id, [`NEW`] for one being added; `None` for the partner's (or
    /// the program's) own form.
    pub record: Option<String>,
}

/// The record part of a key for a record being added.
pub const NEW: &str = "new";
/// Stands for "none" in a key.
const NONE: &str = "-";

impl DraftKey {
    /// The form of the partner itself (profile, assessment).
    pub fn of_partner(form: Form, partner: &Id) -> Self {
        DraftKey {
            form,
            partner: Some(partner.clone()),
            record: None,
        }
    }

    /// The form of one record of a partner, or of a program record when `partner` is
    /// `None`.
    pub fn of_record(form: Form, partner: Option<&Id>, record: &str) -> Self {
        DraftKey {
            form,
            partner: partner.cloned(),
            record: Some(record.to_owned()),
        }
    }

    /// The form that adds a record (to a partner, or to the program).
    pub fn adding(form: Form, partner: Option<&Id>) -> Self {
        Self::of_record(form, partner, NEW)
    }

    /// A program-wide form with no record (the target, the program name).
    pub fn of_program(form: Form) -> Self {
        DraftKey {
            form,
            partner: None,
            record: None,
        }
    }

    /// The storage key, `None` when the record part is too long to be one.
    pub fn storage_key(&self) -> Option<String> {
        let record = self.record.as_deref().unwrap_or(NONE);
        if record.is_empty() || record.chars().count() > MAX_RECORD_CHARS {
            return None;
        }
        Some(format!(
            "{PREFIX}{}.{}.{record}",
            self.form.slug(),
            self.partner.as_ref().map_or(NONE, Id::as_str),
        ))
    }

    /// Reads a storage key back; `None` for anything that is not a draft key this
    /// version writes.
    pub fn parse(key: &str) -> Option<Self> {
        let rest = key.strip_prefix(PREFIX)?;
        let mut parts = rest.splitn(3, '.');
        let form = Form::from_slug(parts.next()?)?;
        let partner = match parts.next()? {
            NONE => None,
            id => Some(Id::parse(id).ok()?),
        };
        let record = match parts.next()? {
            NONE => None,
            "" => return None,
            r if r.chars().count() > MAX_RECORD_CHARS => return None,
            r => Some(r.to_owned()),
        };
        Some(DraftKey {
            form,
            partner,
            record,
        })
    }

    /// Whether the record this draft belongs to is still in `ws`. A draft for a partner
    /// or record that was deleted (here, in another tab, or by an import) is dropped.
    pub fn still_exists(&self, ws: &Workspace) -> bool {
        let record = self.record.as_deref();
        let is = |id: &Id| record == Some(id.as_str());
        let Some(pid) = &self.partner else {
            return match (self.form, record) {
                (_, None | Some(NEW)) => true,
                (Form::Lever, Some(_)) => ws.program.levers.iter().any(|l| is(&l.id)),
                _ => false,
            };
        };
        let Some(p) = ws.partner(pid) else {
            return false;
        };
        match (self.form, record) {
            (_, None | Some(NEW)) => true,
            (Form::KeyPlayer, _) => p.key_players.iter().any(|k| is(&k.id)),
            (Form::Meeting, _) => p.meetings.iter().any(|m| is(&m.id)),
            (Form::Goal, _) => p.goals.iter().any(|g| is(&g.id)),
            (Form::Commitment, _) => p.commitments.iter().any(|c| is(&c.id)),
            (Form::Pitch, _) => p.pitches.iter().any(|x| is(&x.id)),
            (Form::LandingStep, Some(r)) => {
                let track = r.split('.').next().unwrap_or_default();
                p.landing.iter().any(|t| t.id.as_str() == track)
            }
            // A metric's name: the grid of a metric with no values yet is real too.
            (Form::Metrics | Form::MetricName | Form::Paste, _) => true,
            _ => false,
        }
    }
}

/// A draft as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub v: u32,
    /// When it was last written.
    pub at: DateTime<Utc>,
    pub fields: Fields,
}

/// Why a draft could not be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TooLarge {
    Fields(usize),
    Chars(usize),
}

impl std::error::Error for TooLarge {}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TooLarge::Fields(n) => write!(
                f,
                "This form holds {n} unsaved fields, more than the {MAX_FIELDS} a draft keeps: save it before you leave."
            ),
            TooLarge::Chars(n) => write!(
                f,
                "This form holds {n} characters of unsaved text, more than a draft keeps ({MAX_VALUE_CHARS}): save it before you leave."
            ),
        }
    }
}

/// The stored text of a draft of `fields` written `at`, within the bounds.
pub fn write(fields: &Fields, at: DateTime<Utc>) -> Result<String, TooLarge> {
    if fields.len() > MAX_FIELDS {
        return Err(TooLarge::Fields(fields.len()));
    }
    let draft = Draft {
        v: VERSION,
        at,
        fields: fields.clone(),
    };
    // Serialising a map of strings cannot fail; an empty text would read as no draft.
    let text = serde_json::to_string(&draft).unwrap_or_default();
    let chars = text.chars().count();
    if chars > MAX_VALUE_CHARS {
        return Err(TooLarge::Chars(chars));
    }
    Ok(text)
}

/// A stored draft, or `None` for anything that is not one: not JSON, another shape,
/// another version, over a bound. Never panics, whatever the text.
pub fn read(text: &str) -> Option<Draft> {
    // Checked before parsing, so a huge hostile value costs no parse.
    if text.len() > 4 * MAX_VALUE_CHARS || text.chars().count() > MAX_VALUE_CHARS {
        return None;
    }
    let draft: Draft = serde_json::from_str(text).ok()?;
    (draft.v == VERSION && draft.fields.len() <= MAX_FIELDS).then_some(draft)
}

/// The keys to remove so that `adding` fits among the `stored` drafts (key, time
/// written): the oldest first, never `adding` itself.
pub fn evict(stored: &[(String, DateTime<Utc>)], adding: &str, max: usize) -> Vec<String> {
    let mut others: Vec<&(String, DateTime<Utc>)> =
        stored.iter().filter(|(k, _)| k != adding).collect();
    let room = max.saturating_sub(1);
    if others.len() <= room {
        return Vec::new();
    }
    others.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let excess = others.len() - room;
    others
        .into_iter()
        .take(excess)
        .map(|(k, _)| k.clone())
        .collect()
}

/// The drafts a tab knows are stored, with when each was written: filled by one walk
/// over storage when the tab starts, then kept up to date by the tab's own writes and
/// removals and by other tabs' (their storage events). Pruning after an edit and making
/// room for a new draft then look at the drafts alone (at most [`MAX_DRAFTS`]), never at
/// every key in storage, which at 2,000 partners holds thousands of entries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    drafts: BTreeMap<String, DateTime<Utc>>,
}

impl Index {
    /// The index of what one walk over storage found (each key with its stored value),
    /// and the keys to remove: those that are not draft keys of this version, whose
    /// value is not a draft, or whose record is not in `ws` (when a workspace is given:
    /// none while an unreadable stored workspace awaits a decision).
    pub fn scan(
        stored: impl IntoIterator<Item = (String, Option<String>)>,
        ws: Option<&Workspace>,
    ) -> (Index, Vec<String>) {
        let mut index = Index::default();
        let mut remove = Vec::new();
        for (key, value) in stored {
            if !key.starts_with(PREFIX) {
                continue;
            }
            let draft = value.as_deref().and_then(read);
            match (DraftKey::parse(&key), draft) {
                (Some(k), Some(d)) if ws.is_none_or(|ws| k.still_exists(ws)) => {
                    index.drafts.insert(key, d.at);
                }
                _ => remove.push(key),
            }
        }
        (index, remove)
    }

    /// A draft was written under `key` (here or, heard through a storage event, in
    /// another tab); `value` is what was stored, `None` when it was removed.
    pub fn heard(&mut self, key: &str, value: Option<&str>) {
        if !key.starts_with(PREFIX) {
            return;
        }
        match value.and_then(read) {
            Some(d) => {
                self.drafts.insert(key.to_owned(), d.at);
            }
            // Removed, or not a draft (a hand edit): the next walk at start removes it.
            None => {
                self.drafts.remove(key);
            }
        }
    }

    /// The drafts known whose record is no longer in `ws`; they leave the index.
    pub fn prune(&mut self, ws: &Workspace) -> Vec<String> {
        let gone: Vec<String> = self
            .drafts
            .keys()
            .filter(|k| !DraftKey::parse(k).is_some_and(|key| key.still_exists(ws)))
            .cloned()
            .collect();
        for k in &gone {
            self.drafts.remove(k);
        }
        gone
    }

    /// The keys to remove so that `adding` fits (see [`evict`]); they leave the index.
    pub fn make_room(&mut self, adding: &str, max: usize) -> Vec<String> {
        let stored: Vec<(String, DateTime<Utc>)> =
            self.drafts.iter().map(|(k, at)| (k.clone(), *at)).collect();
        let out = evict(&stored, adding, max);
        for k in &out {
            self.drafts.remove(k);
        }
        out
    }

    /// The draft keys known, in key order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.drafts.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_distinct_and_dotless() {
        for f in Form::ALL {
            assert!(!f.slug().contains('.'));
            assert_eq!(Form::from_slug(f.slug()), Some(f));
        }
    }
}
