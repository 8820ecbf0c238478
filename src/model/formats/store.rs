//! The workspace as stored in key-value slots (the browser's local storage): one entry
//! per partner, one for the workspace-level records, and a manifest naming them.
//!
//! ```text
//! tandem.store            {"store":"tandem","version":1,"format":2,"saved_at":…,
//!                          "rest":"tandem.r.k3x9","partners":["tandem.p.<id>.k3x9",…]}
//! tandem.r.<save>         the program name, markets, tombstones and program (compact)
//! tandem.p.<id>.<save>    one partner as in a Tandem file (compact, see `compact`)
//! ```
//!
//! A save writes only the entries whose records changed, each under a new key (the
//! save's random suffix), then swaps the manifest, then removes the entries only the old
//! manifest named. A reader, another tab included, sees the old manifest with all its
//! entries or the new one with all of its: the multi-entry save looks atomic. On load,
//! entries the manifest does not name (left by a save that stopped half-way) are ignored
//! and removed.
//!
//! A partner entry that cannot be read is contained: the others load, and the damaged
//! entry is reported, kept under its key and named by every later manifest, so nothing is
//! ever written over it until the person removes it.
//!
//! The single key of earlier versions (`tandem.workspace`, a whole Tandem file) is
//! migrated on the first load: the entries and the manifest are written, read back and
//! compared, and only then is the old key removed. Until that check passes the old key
//! stays as the backup, and a load that finds it migrates again from it, so a migration
//! stopped at any step loses nothing (`tests/model_store.rs` stops it at every step).
//!
//! Everything here works on the [`Slots`] trait, so the whole behaviour is tested
//! natively; `storage::local` implements it over local storage.

use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::formats::compact::{self, CompactError};
use crate::model::formats::file::{self, FileError};
use crate::model::formats::json_text;
use crate::model::workspace::records::{Market, Partner, Tombstone, Workspace};
use crate::model::workspace::validate;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The key of the manifest.
pub const MANIFEST_KEY: &str = "tandem.store";
/// The key of the whole-file store of earlier versions, migrated on first load.
pub const LEGACY_KEY: &str = "tandem.workspace";
/// Partner entries: `tandem.p.<partner id>.<save>`.
pub const PARTNER_PREFIX: &str = "tandem.p.";
/// Entries of the workspace-level records: `tandem.r.<save>`.
pub const REST_PREFIX: &str = "tandem.r.";
/// The value of the manifest's `store` field.
const STORE: &str = "tandem";
/// The version of this layout (the manifest and its entries).
pub const STORE_VERSION: u64 = 1;

/// Why the stored workspace, or one of its entries, cannot be read or written: the
/// storage boundary's errors, worded for the banners that report them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The slots refuse to be read.
    #[error("The browser refused to read local storage.")]
    Read,
    /// The slots refused a write or a removal (full, or gone).
    #[error("refused")]
    Write,
    #[error("{0}")]
    Compact(#[from] CompactError),
    /// Stored JSON that does not parse or does not fit the records: serde's reason,
    /// after the path of the field when there is one.
    #[error("{0}")]
    Json(String),
    #[error("the store's manifest is not readable: {0}")]
    ManifestUnreadable(String),
    #[error("the store's manifest is not Tandem's")]
    NotTandem,
    /// A layout or file format this build does not read.
    #[error(
        "the store was written by another version of Tandem (layout {layout}, format \
         {format}); this one reads layout {STORE_VERSION}, formats {} to {}",
        file::OLDEST_VERSION,
        file::VERSION
    )]
    OtherVersion { layout: u64, format: u64 },
    /// An entry the manifest names is not in the slots.
    #[error("it is missing")]
    Missing,
    #[error("the migrated store did not read back as the saved workspace")]
    NotReadBack,
}

/// Key-value slots: local storage in the browser, a map in tests.
pub trait Slots {
    /// The value under `key`. `Err` ([`StoreError::Read`]) when the slots refuse to be read.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`. `Err` ([`StoreError::Write`]) when refused (full, or gone).
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`. `Err` ([`StoreError::Write`]) when refused.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key held.
    fn keys(&self) -> Vec<String>;
}

/// Slots in memory: what the native tests, the benchmark example and any tool outside
/// the browser store into.
impl Slots for std::collections::BTreeMap<String, String> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(std::collections::BTreeMap::get(self, key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        std::collections::BTreeMap::remove(self, key);
        Ok(())
    }
    fn keys(&self) -> Vec<String> {
        std::collections::BTreeMap::keys(self).cloned().collect()
    }
}

/// What names the entries of one stored workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `"tandem"`.
    pub store: String,
    /// This layout's version: [`STORE_VERSION`].
    pub version: u64,
    /// The Tandem file format version of the records in the entries.
    pub format: u64,
    pub saved_at: DateTime<Utc>,
    /// The entry of the workspace-level records.
    pub rest: String,
    /// The partner entries, in the workspace's order; damaged entries last.
    pub partners: Vec<String>,
}

/// The workspace-level records: everything but the partners.
#[derive(Serialize)]
struct RestRef<'a> {
    program_name: &'a str,
    markets: &'a [Market],
    #[serde(skip_serializing_if = "<[Tombstone]>::is_empty")]
    deleted: &'a [Tombstone],
    #[serde(skip_serializing_if = "crate::model::program::record::Program::is_blank")]
    program: &'a crate::model::program::record::Program,
}

/// A stored partner entry that could not be read. It stays stored as it is. Its
/// `Display` is the banner's sentence: `partner "Loopline": stage: unknown variant …`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{name}: {error}")]
pub struct Damaged {
    /// The entry's key in storage.
    pub key: String,
    /// The record as far as the entry tells: `partner "Loopline"`, or `the partner with
    /// id p-17` when even the name cannot be read.
    pub name: String,
    /// Why it cannot be read.
    pub error: String,
    /// The entry's JSON when it still inflates, else the stored value itself: what the
    /// person downloads to repair it.
    pub text: String,
}

/// What this tab knows is in storage: the last manifest it wrote or read, and the
/// records of its entries. Saves write what differs from it; tab sync reads what another
/// tab's manifest names that it does not hold.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    manifest: Option<Manifest>,
    /// The manifest's text as stored, to notice another writer in between.
    text: String,
    /// Each stored partner by id: its entry's key and its record, shared with the
    /// workspace that was saved (a pointer, not a copy).
    partners: HashMap<Id, (String, Shared<Partner>)>,
    /// The workspace-level records' key and value (a workspace without partners).
    rest: Option<(String, Workspace)>,
    /// Keys of damaged entries, carried into every manifest untouched.
    damaged: Vec<String>,
    /// The old single key is still there, to remove after the next complete save.
    legacy: bool,
}

impl Snapshot {
    /// The damaged entries' keys this snapshot keeps.
    pub fn damaged(&self) -> &[String] {
        &self.damaged
    }

    /// Stops carrying a damaged entry: the next save removes it.
    pub fn forget_damaged(&mut self, key: &str) {
        self.damaged.retain(|k| k != key);
    }

    /// Every key the last manifest names.
    fn named(&self) -> HashSet<&str> {
        self.manifest
            .iter()
            .flat_map(|m| std::iter::once(&m.rest).chain(&m.partners))
            .map(String::as_str)
            .collect()
    }
}

/// What a load found.
// One value per page load: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Opened {
    /// Nothing stored: first launch.
    Nothing,
    /// A workspace, maybe without some damaged partners.
    Loaded {
        workspace: Workspace,
        damaged: Vec<Damaged>,
        /// The old single key was found: `Ok` once migrated and confirmed, `Err` with the
        /// reason it is still there (it is then read on every load until a save succeeds).
        migrated: Option<Result<(), StoreError>>,
    },
    /// Something is stored that cannot be used. `raw` is what to download; nothing is
    /// written over it until the person decides.
    Unreadable { raw: String, error: String },
}

/// What one save did, for the benchmark and the tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    /// Entries written (the manifest not counted).
    pub written: usize,
    /// Characters written, keys and manifest included.
    pub chars: usize,
    /// Entries removed after the manifest swap.
    pub removed: usize,
}

/// The key of a partner's entry.
pub fn partner_key(id: &Id, save: &str) -> String {
    format!("{PARTNER_PREFIX}{id}.{save}")
}

/// The partner id a partner entry's key names.
pub fn key_id(key: &str) -> Option<&str> {
    key.strip_prefix(PARTNER_PREFIX)?
        .rsplit_once('.')
        .map(|(id, _)| id)
}

/// The stored form of a partner.
pub fn encode_partner(p: &Partner) -> String {
    // Serialising plain structs with string keys cannot fail.
    compact::encode(&serde_json::to_string(p).unwrap_or_default())
}

/// The stored form of the workspace-level records.
pub fn encode_rest(ws: &Workspace) -> String {
    let rest = RestRef {
        program_name: &ws.program_name,
        markets: &ws.markets,
        deleted: &ws.deleted,
        program: &ws.program,
    };
    compact::encode(&serde_json::to_string(&rest).unwrap_or_default())
}

/// A partner from its stored form, shape-checked (the rules are checked on the whole
/// workspace). `Err` names what is wrong, for [`Damaged`].
pub fn decode_partner(key: &str, stored: &str) -> Result<Partner, Damaged> {
    let damaged = |name: String, error: String, text: String| Damaged {
        key: key.to_owned(),
        name,
        error,
        text,
    };
    let by_id = || match key_id(key) {
        Some(id) => format!("the partner with id {id}"),
        None => format!("the entry {key}"),
    };
    let json =
        compact::decode(stored).map_err(|e| damaged(by_id(), e.to_string(), stored.to_owned()))?;
    json_text::read::<Partner>(&json).map_err(|refused| {
        let name = refused
            .value
            .as_ref()
            .and_then(|v| v["name"].as_str())
            .map(validate::quoted)
            .map_or_else(by_id, |n| format!("partner {n}"));
        damaged(name, refused.to_string(), json.clone())
    })
}

fn decode_rest(stored: &str) -> Result<Workspace, StoreError> {
    let json = compact::decode(stored)?;
    json_text::read::<Workspace>(&json).map_err(|refused| StoreError::Json(refused.to_string()))
}

/// The manifest from its text; `Err` says why it is not one this build reads.
pub fn parse_manifest(text: &str) -> Result<Manifest, StoreError> {
    let m: Manifest =
        serde_json::from_str(text).map_err(|e| StoreError::ManifestUnreadable(e.to_string()))?;
    if m.store != STORE {
        return Err(StoreError::NotTandem);
    }
    if m.version != STORE_VERSION || !(file::OLDEST_VERSION..=file::VERSION).contains(&m.format) {
        return Err(StoreError::OtherVersion {
            layout: m.version,
            format: m.format,
        });
    }
    Ok(m)
}

/// The keys `new` names that `old` does not: the entries another tab wrote since.
pub fn changed_keys<'a>(old: Option<&Manifest>, new: &'a Manifest) -> Vec<&'a str> {
    let known: HashSet<&str> = old
        .iter()
        .flat_map(|m| std::iter::once(&m.rest).chain(&m.partners))
        .map(String::as_str)
        .collect();
    std::iter::once(&new.rest)
        .chain(&new.partners)
        .map(String::as_str)
        .filter(|k| !known.contains(k))
        .collect()
}

/// Writes what changed in `ws` since `snap`, swaps the manifest and removes what only the
/// old manifest named. `save` is this save's suffix for new keys, unique to the save
/// (random in the browser). Writes nothing when nothing changed.
///
/// # Errors
/// The slots refused a write: the entries this save wrote are removed again, the old
/// manifest stays, and `snap` is unchanged.
pub fn save(
    slots: &mut impl Slots,
    snap: &mut Snapshot,
    ws: &Workspace,
    save: &str,
    now: DateTime<Utc>,
) -> Result<Saved, StoreError> {
    let mut writes: Vec<(String, String)> = Vec::new();
    let mut keys = Vec::with_capacity(ws.partners.len() + snap.damaged.len());
    let mut changed: Vec<usize> = Vec::new();
    for (i, p) in ws.partners.iter().enumerate() {
        match snap.partners.get(&p.id) {
            // The pointer first: a partner no edit wrote to since the last save is the
            // very record stored, and no field is compared.
            Some((key, stored)) if stored == p => keys.push(key.clone()),
            _ => {
                let key = partner_key(&p.id, save);
                writes.push((key.clone(), encode_partner(p)));
                keys.push(key);
                changed.push(i);
            }
        }
    }
    keys.extend(snap.damaged.iter().cloned());
    let rest_same = snap.rest.as_ref().is_some_and(|(_, r)| {
        r.program_name == ws.program_name
            && r.markets == ws.markets
            && r.deleted == ws.deleted
            && r.program == ws.program
    });
    let rest_key = match (&snap.rest, rest_same) {
        (Some((key, _)), true) => key.clone(),
        _ => {
            let key = format!("{REST_PREFIX}{save}");
            writes.push((key.clone(), encode_rest(ws)));
            key
        }
    };
    let same_list = snap.manifest.as_ref().is_some_and(|m| m.partners == keys);
    if writes.is_empty() && same_list && !snap.legacy {
        return Ok(Saved::default());
    }

    let mut done = Saved::default();
    for (i, (key, value)) in writes.iter().enumerate() {
        if let Err(e) = slots.set(key, value) {
            for (written, _) in &writes[..i] {
                let _ = slots.remove(written);
            }
            return Err(e);
        }
        done.written += 1;
        done.chars += key.chars().count() + value.encode_utf16().count();
    }
    let manifest = Manifest {
        store: STORE.into(),
        version: STORE_VERSION,
        format: file::VERSION,
        saved_at: now,
        rest: rest_key.clone(),
        partners: keys,
    };
    let text = serde_json::to_string(&manifest).unwrap_or_default();
    // Another tab may have swapped the manifest since this one last read it: its
    // entries are not ours to remove.
    let theirs = slots
        .get(MANIFEST_KEY)
        .ok()
        .flatten()
        .filter(|t| *t != snap.text)
        .and_then(|t| parse_manifest(&t).ok());
    if let Err(e) = slots.set(MANIFEST_KEY, &text) {
        for (written, _) in &writes {
            let _ = slots.remove(written);
        }
        return Err(e);
    }
    done.chars += MANIFEST_KEY.len() + text.encode_utf16().count();

    let keep: HashSet<&str> = std::iter::once(&manifest.rest)
        .chain(&manifest.partners)
        .chain(
            theirs
                .iter()
                .flat_map(|m| std::iter::once(&m.rest).chain(&m.partners)),
        )
        .map(String::as_str)
        .collect();
    for old in snap.named() {
        if !keep.contains(old) && slots.remove(old).is_ok() {
            done.removed += 1;
        }
    }
    if snap.legacy && slots.remove(LEGACY_KEY).is_ok() {
        snap.legacy = false;
    }

    // The snapshot now mirrors what was written.
    let present: HashSet<&Id> = ws.partners.iter().map(|p| &p.id).collect();
    snap.partners.retain(|id, _| present.contains(id));
    for i in changed {
        let p = &ws.partners[i];
        snap.partners
            .insert(p.id.clone(), (manifest.partners[i].clone(), p.clone()));
    }
    if !rest_same {
        snap.rest = Some((rest_key, rest_of(ws)));
    }
    snap.manifest = Some(manifest);
    snap.text = text;
    Ok(done)
}

/// A workspace holding only the workspace-level records of `ws`.
fn rest_of(ws: &Workspace) -> Workspace {
    Workspace {
        program_name: ws.program_name.clone(),
        markets: ws.markets.clone(),
        partners: Vec::new(),
        deleted: ws.deleted.clone(),
        program: ws.program.clone(),
    }
}

/// Loads what the slots hold: the store, or the old single key (migrating it), or
/// nothing. `save` is the suffix a migration writes its keys under.
///
/// # Errors
/// The slots refuse to be read.
pub fn open(
    slots: &mut impl Slots,
    snap: &mut Snapshot,
    save: &str,
    now: DateTime<Utc>,
) -> Result<Opened, StoreError> {
    *snap = Snapshot::default();
    if let Some(raw) = slots.get(LEGACY_KEY)? {
        return Ok(migrate(slots, snap, raw, save, now));
    }
    let Some(text) = slots.get(MANIFEST_KEY)? else {
        return Ok(Opened::Nothing);
    };
    let opened = read(slots, snap, text);
    if matches!(opened, Opened::Loaded { .. }) {
        sweep(slots, snap);
    }
    Ok(opened)
}

/// Removes the entries the manifest does not name: left by a save or a migration that
/// stopped half-way.
fn sweep(slots: &mut impl Slots, snap: &Snapshot) {
    let named: HashSet<String> = snap.named().into_iter().map(str::to_owned).collect();
    for key in slots.keys() {
        let ours = key.starts_with(PARTNER_PREFIX) || key.starts_with(REST_PREFIX);
        if ours && !named.contains(&key) {
            let _ = slots.remove(&key);
        }
    }
}

/// Reads the store a manifest names into `snap`.
fn read(slots: &impl Slots, snap: &mut Snapshot, text: String) -> Opened {
    let unreadable = |error: String| Opened::Unreadable {
        raw: dump(slots, &text),
        error,
    };
    let manifest = match parse_manifest(&text) {
        Ok(m) => m,
        Err(e) => return unreadable(e.to_string()),
    };
    let rest = match slots.get(&manifest.rest) {
        Ok(Some(stored)) => decode_rest(&stored),
        Ok(None) => Err(StoreError::Missing),
        Err(e) => Err(e),
    };
    let mut ws = match rest {
        Ok(ws) => ws,
        Err(e) => {
            return unreadable(format!(
                "The workspace's own records (program, markets) cannot be read: {e}."
            ))
        }
    };
    let mut damaged = Vec::new();
    let mut keys = Vec::with_capacity(manifest.partners.len());
    for key in &manifest.partners {
        let stored = match slots.get(key) {
            Ok(Some(s)) => s,
            Ok(None) | Err(_) => {
                damaged.push(Damaged {
                    key: key.clone(),
                    name: key_id(key).map_or(format!("the entry {key}"), |id| {
                        format!("the partner with id {id}")
                    }),
                    error: "its entry is missing from storage".into(),
                    text: String::new(),
                });
                continue;
            }
        };
        match decode_partner(key, &stored) {
            Ok(p) => {
                ws.partners.push(p.into());
                keys.push(key.clone());
            }
            Err(d) => damaged.push(d),
        }
    }
    // The model's rules: a partner breaking one is contained like a damaged entry; a
    // broken workspace-level rule makes the whole store unreadable.
    let errors = validate::workspace(&ws);
    if !errors.is_empty() {
        let mut bad: HashMap<usize, Vec<String>> = HashMap::new();
        let mut other = Vec::new();
        for e in errors {
            let index = e
                .path
                .strip_prefix("partners[")
                .and_then(|p| p.split(']').next())
                .and_then(|i| i.parse::<usize>().ok());
            match index {
                Some(i) => bad.entry(i).or_default().push(e.to_string()),
                None => other.push(e),
            }
        }
        if !other.is_empty() {
            return unreadable(FileError::Invalid(other).to_string());
        }
        let mut i = 0;
        ws.partners.retain(|p| {
            let keep = !bad.contains_key(&i);
            if !keep {
                damaged.push(Damaged {
                    key: keys[i].clone(),
                    name: format!("partner {}", validate::quoted(&p.name)),
                    error: bad[&i].join("; "),
                    text: serde_json::to_string_pretty(p).unwrap_or_default(),
                });
            }
            i += 1;
            keep
        });
        let mut i = 0;
        keys.retain(|_| {
            i += 1;
            !bad.contains_key(&(i - 1))
        });
    }
    snap.partners = ws
        .partners
        .iter()
        .zip(&keys)
        .map(|(p, k)| (p.id.clone(), (k.clone(), p.clone())))
        .collect();
    snap.rest = Some((manifest.rest.clone(), rest_of(&ws)));
    snap.damaged = damaged.iter().map(|d| d.key.clone()).collect();
    snap.manifest = Some(manifest);
    snap.text = text;
    Opened::Loaded {
        workspace: ws,
        damaged,
        migrated: None,
    }
}

/// Every entry the manifest names, as one JSON object of key to stored value: what a
/// person downloads when the store as a whole cannot be read.
fn dump(slots: &impl Slots, manifest: &str) -> String {
    let mut all = serde_json::Map::new();
    all.insert(MANIFEST_KEY.into(), manifest.into());
    if let Ok(m) = serde_json::from_str::<serde_json::Value>(manifest) {
        let keys = std::iter::once(&m["rest"])
            .chain(m["partners"].as_array().into_iter().flatten())
            .filter_map(|k| k.as_str());
        for key in keys {
            if let Ok(Some(v)) = slots.get(key) {
                all.insert(key.into(), v.into());
            }
        }
    }
    serde_json::Value::Object(all).to_string()
}

/// Migrates the old single key: writes the store, reads it back, and removes the old key
/// only when what is read back is the workspace. Until then the old key is the backup.
fn migrate(
    slots: &mut impl Slots,
    snap: &mut Snapshot,
    raw: String,
    save_suffix: &str,
    now: DateTime<Utc>,
) -> Opened {
    let workspace = match file::restore(&raw) {
        Ok(r) => r.workspace,
        Err(e) => {
            return Opened::Unreadable {
                raw,
                error: e.to_string(),
            }
        }
    };
    // The old key is removed only by a save whose result was read back and compared.
    let outcome = save(slots, snap, &workspace, save_suffix, now).and_then(|_| {
        let mut check = Snapshot::default();
        let text = slots.get(MANIFEST_KEY)?.unwrap_or_default();
        match read(slots, &mut check, text) {
            Opened::Loaded {
                workspace: back,
                damaged,
                ..
            } if back == workspace && damaged.is_empty() => Ok(()),
            _ => Err(StoreError::NotReadBack),
        }
    });
    let migrated = match outcome {
        Ok(()) => {
            sweep(slots, snap);
            slots.remove(LEGACY_KEY).inspect_err(|_| snap.legacy = true)
        }
        Err(e) => {
            // Nothing of the store is trusted: the next save writes it whole, and only a
            // save that completes removes the old key.
            *snap = Snapshot {
                legacy: true,
                ..Snapshot::default()
            };
            Err(e)
        }
    };
    Opened::Loaded {
        workspace,
        damaged: Vec::new(),
        migrated: Some(migrated),
    }
}

/// What another tab's save changed, read entry by entry.
#[derive(Debug)]
pub struct Synced {
    /// The stored workspace as the new manifest names it.
    pub workspace: Workspace,
    /// The entries read: only those the new manifest names and this tab did not hold.
    pub read: Vec<String>,
    /// Entries the manifest names that were gone, and that this tab wrote again.
    pub repaired: Vec<String>,
}

/// Takes in another tab's manifest: reads only the entries whose keys this tab does not
/// know, and returns the stored workspace. `None` when the manifest or an entry it needs
/// cannot be read or breaks a rule (the next load reports it; this tab keeps working).
///
/// Two tabs saving within the moment it takes a save to reach the other can leave a
/// manifest naming an entry the other tab had just superseded and removed: the other
/// tab's manifest still names its partner's old entry. That entry is never needed: this
/// tab holds the partner's newer version, which it wrote. It stands in for the missing
/// entry and is written again under a new key, with a new manifest (`save` is that
/// save's suffix), so storage holds every partner again before anything else happens.
pub fn sync(
    slots: &mut impl Slots,
    snap: &mut Snapshot,
    manifest_text: &str,
    save_suffix: &str,
    now: DateTime<Utc>,
) -> Option<Synced> {
    let manifest = parse_manifest(manifest_text).ok()?;
    if snap.text == manifest_text {
        return None;
    }
    let fresh = changed_keys(snap.manifest.as_ref(), &manifest);
    let mut read = Vec::new();
    let mut ws = match &snap.rest {
        Some((key, rest)) if *key == manifest.rest => rest.clone(),
        _ => {
            read.push(manifest.rest.clone());
            decode_rest(&slots.get(&manifest.rest).ok()??).ok()?
        }
    };
    let by_key: HashMap<&str, &Shared<Partner>> = snap
        .partners
        .values()
        .map(|(k, p)| (k.as_str(), p))
        .collect();
    let fresh: HashSet<&str> = fresh.into_iter().collect();
    let mut new_partners = HashMap::new();
    let mut damaged = Vec::new();
    let mut repaired = Vec::new();
    for key in &manifest.partners {
        if snap.damaged.contains(key) {
            damaged.push(key.clone());
            continue;
        }
        let p = match by_key.get(key.as_str()) {
            Some(p) if !fresh.contains(key.as_str()) => (*p).clone(),
            _ => {
                read.push(key.clone());
                match slots.get(key).ok()? {
                    Some(stored) => decode_partner(key, &stored).ok()?.into(),
                    None => {
                        // Ours stands in, and is not recorded as stored: the repair
                        // below writes it again.
                        let id = key_id(key)?;
                        let ours = snap.partners.values().find(|(_, p)| p.id.as_str() == id);
                        repaired.push(key.clone());
                        ws.partners.push(ours?.1.clone());
                        continue;
                    }
                }
            }
        };
        new_partners.insert(p.id.clone(), (key.clone(), p.clone()));
        ws.partners.push(p);
    }
    // What their entry holds, before a stand-in adds to it: the repair below then sees
    // the catalogue differ and writes it again with the markets added.
    let stored_rest = rest_of(&ws);
    if !repaired.is_empty() {
        let ours = snap
            .rest
            .as_ref()
            .map_or(&[][..], |(_, r)| r.markets.as_slice());
        complete_catalogue(&mut ws, ours, &repaired);
    }
    if !validate::workspace(&ws).is_empty() {
        return None;
    }
    snap.rest = Some((manifest.rest.clone(), stored_rest));
    snap.partners = new_partners;
    snap.damaged = damaged;
    snap.manifest = Some(manifest);
    snap.text = manifest_text.to_owned();
    if !repaired.is_empty() {
        // Failing, the next save of this tab writes them (they are not in `snap`).
        let _ = save(slots, snap, &ws, save_suffix, now);
    }
    Some(Synced {
        workspace: ws,
        read,
        repaired,
    })
}

/// Our partners standing in for entries the other tab removed (`stand_ins`, their
/// entry keys) are our versions: they may name a market of ours the other tab's
/// catalogue lacks, when each tab added a market before seeing the other's save. Each
/// such market joins the catalogue read — or, when the catalogue holds one of the same
/// name ([`Market::key`]: two tabs that each created "United States"), the stand-in
/// names that one — so that what is read is whole and valid. The merge that takes it in
/// then settles which of two same-named markets both tabs keep.
fn complete_catalogue(ws: &mut Workspace, ours: &[Market], stand_ins: &[String]) {
    let ids: HashSet<&str> = stand_ins.iter().filter_map(|k| key_id(k)).collect();
    let present: HashSet<Id> = ws.markets.iter().map(|m| m.id.clone()).collect();
    let mut renames: HashMap<Id, Id> = HashMap::new();
    let mut added: Vec<Market> = Vec::new();
    for p in ws.partners.iter().filter(|p| ids.contains(p.id.as_str())) {
        for id in p.market_refs() {
            if present.contains(id) || renames.contains_key(id) || added.iter().any(|m| &m.id == id)
            {
                continue;
            }
            let Some(mine) = ours.iter().find(|m| &m.id == id) else {
                continue;
            };
            let key = Market::key(&mine.name);
            match ws.markets.iter().find(|m| Market::key(&m.name) == key) {
                Some(theirs) => {
                    renames.insert(id.clone(), theirs.id.clone());
                }
                None => added.push(mine.clone()),
            }
        }
    }
    ws.markets.extend(added);
    if renames.is_empty() {
        return;
    }
    for p in ws
        .partners
        .iter_mut()
        .filter(|p| ids.contains(p.id.as_str()))
    {
        for id in p.market_refs_mut() {
            if let Some(theirs) = renames.get(id) {
                *id = theirs.clone();
            }
        }
        let mut seen = HashSet::new();
        p.markets.retain(|m| seen.insert(m.clone()));
    }
}

/// The whole stored workspace as one Tandem file, read fresh from the slots without
/// touching any snapshot: what the crash banner offers for download.
pub fn saved_file(slots: &impl Slots, now: DateTime<Utc>) -> Option<String> {
    if let Ok(Some(raw)) = slots.get(LEGACY_KEY) {
        return Some(raw);
    }
    let text = slots.get(MANIFEST_KEY).ok()??;
    match read(slots, &mut Snapshot::default(), text) {
        Opened::Loaded { workspace, .. } => {
            Some(file::write(&workspace, file::Scope::Workspace, now, true))
        }
        _ => None,
    }
}
