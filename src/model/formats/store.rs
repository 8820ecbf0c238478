//! The workspace as stored in key-value slots (the browser's local storage): one entry
//! per partner, one for the workspace-level records, pages listing the partner entries,
//! and a small manifest naming the pages.
//!
//! ```text
//! tandem.store            {"store":"tandem","version":2,"format":3,"saved_at":…,
//!                          "rest":"tandem.r.k3x9","pages":["tandem.m.k3x9.0",…]}
//! tandem.m.<save>.<n>     a page: ["tandem.p.<id>.k3x9",…], some 32 partner entries
//! tandem.r.<save>         the program name, markets, tombstones and program (compact)
//! tandem.p.<id>.<save>    one partner as in a Tandem file (compact, see `compact`)
//! ```
//!
//! A save writes only the entries whose records changed, each under a new key (the
//! save's random suffix), and the pages whose lists changed, then swaps the manifest,
//! then removes the entries only the old manifest named. A reader, another tab included,
//! sees the old manifest with all its pages and entries or the new one with all of its:
//! the multi-entry save looks atomic. On load, entries and pages the manifest does not
//! name (left by a save that stopped half-way) are ignored and removed.
//!
//! The pages are cut where the list's content says, not by position: a page ends after a
//! partner whose id hashes to a multiple of [`PAGE_SPREAD`] (or at [`PAGE_MAX`] entries).
//! So a partner added, removed or saved again changes its own page only, and a save costs
//! what it touches: at 2,000 partners the manifest is some 60 page keys instead of 2,000
//! entry keys (`examples/edit_cost.rs` measures it). A page this tab replaced is kept
//! [`RETIRE_SECONDS`] more, because another tab saving at the same moment may still name
//! it; a later save, or the next load's sweep, removes it.
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
//! A manifest of layout 1 (every partner entry named in the manifest itself) is read as
//! it is, and the first save writes layout 2.
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
/// Pages of the list of partner entries: `tandem.m.<save>.<n>`.
pub const PAGE_PREFIX: &str = "tandem.m.";
/// The value of the manifest's `store` field.
const STORE: &str = "tandem";
/// The version of this layout (the manifest, its pages and its entries).
pub const STORE_VERSION: u64 = 2;
/// The oldest layout this build reads: 1 named every partner entry in the manifest.
pub const OLDEST_STORE_VERSION: u64 = 1;
/// A page ends after a partner whose id hashes to a multiple of this: pages hold this
/// many entries on average. At 2,000 partners, about 60 pages of about 1,000 characters
/// and a manifest of about 1,700: near the least a one-partner save can write.
pub const PAGE_SPREAD: u64 = 32;
/// ... or once it holds this many, whatever the ids.
pub const PAGE_MAX: usize = 128;
/// How long a page this tab replaced stays stored: another tab saving in the same
/// moment, before it saw this tab's save, names it in its manifest.
pub const RETIRE_SECONDS: i64 = 10;

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
         {format}); this one reads layouts {OLDEST_STORE_VERSION} to {STORE_VERSION}, \
         formats {} to {}",
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
    /// Layout 2: the pages listing the partner entries, in the workspace's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
    /// Layout 1 only: the partner entries themselves, damaged entries last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// Layout 2: the damaged partner entries, kept until the person lets them go.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub damaged: Vec<String>,
}

/// One page of the list of partner entries: its key and the entry keys it holds.
#[derive(Clone, Debug, Default, PartialEq)]
struct Page {
    /// Empty for the list of a layout-1 manifest, which is no page of its own.
    key: String,
    entries: Vec<String>,
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
    /// The pages the manifest names, in order, with the entries each lists.
    pages: Vec<Page>,
    /// Each stored partner with its entry's key, in the order of the workspace saved or
    /// read: the record is shared with that workspace (a pointer, not a copy). A save
    /// finds a partner no edit touched at its own position by pointer, and looks ids up
    /// only for the positions where the list changed (`partner_writes`).
    partners: Vec<(String, Shared<Partner>)>,
    /// The workspace-level records' key and value (a workspace without partners).
    rest: Option<(String, Workspace)>,
    /// Keys of damaged entries, carried into every manifest untouched.
    damaged: Vec<String>,
    /// Damaged entries the person let go: the next save removes them.
    forgotten: Vec<String>,
    /// Pages this tab's saves replaced, and when: removed once [`RETIRE_SECONDS`] old.
    retired: Vec<(String, DateTime<Utc>)>,
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
        if self.damaged.iter().any(|k| k == key) {
            self.damaged.retain(|k| k != key);
            self.forgotten.push(key.to_owned());
        }
    }

    /// Every key the last manifest names, through its pages.
    fn named(&self) -> HashSet<&str> {
        let rest = self.manifest.iter().map(|m| m.rest.as_str());
        let pages = self.pages.iter().filter(|p| !p.key.is_empty());
        let entries = self.pages.iter().flat_map(|p| p.entries.iter());
        rest.chain(pages.map(|p| p.key.as_str()))
            .chain(entries.chain(&self.damaged).map(String::as_str))
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
    /// Entries written (pages and the manifest not counted).
    pub written: usize,
    /// Pages written.
    pub pages: usize,
    /// Characters written, keys, pages and manifest included.
    pub chars: usize,
    /// Characters of the manifest written.
    pub manifest_chars: usize,
    /// Entries and pages removed after the manifest swap.
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
    if !(OLDEST_STORE_VERSION..=STORE_VERSION).contains(&m.version)
        || !(file::OLDEST_VERSION..=file::VERSION).contains(&m.format)
    {
        return Err(StoreError::OtherVersion {
            layout: m.version,
            format: m.format,
        });
    }
    Ok(m)
}

/// Whether a page ends after the partner `id`. Decided by the id alone (FNV-1a, the same
/// on every machine and build), so pages keep their bounds wherever partners are added,
/// removed or saved again elsewhere in the list.
fn ends_page(id: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // The high bits: FNV's low bits mix only the bytes' low bits.
    (h >> 40) % PAGE_SPREAD == 0
}

/// The list of partners cut into pages: the ranges of their positions.
fn page_bounds<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<std::ops::Range<usize>> {
    let mut bounds = Vec::new();
    let (mut start, mut end) = (0, 0);
    for (i, id) in ids.enumerate() {
        end = i + 1;
        if ends_page(id) || end - start >= PAGE_MAX {
            bounds.push(start..end);
            start = end;
        }
    }
    if start < end {
        bounds.push(start..end);
    }
    bounds
}

/// A page from its stored text: a JSON list of entry keys.
fn decode_page(key: &str, stored: Option<String>) -> Result<Page, StoreError> {
    let text = stored.ok_or(StoreError::Missing)?;
    let entries = serde_json::from_str(&text).map_err(|e| StoreError::Json(e.to_string()))?;
    Ok(Page {
        key: key.to_owned(),
        entries,
    })
}

/// The pages a manifest names, read from the slots unless `known` holds them (pages are
/// never written over, so a key names one content). A layout-1 manifest's own list is
/// one page without a key. `Err` names the page that cannot be read.
fn pages_of(
    slots: &impl Slots,
    manifest: &Manifest,
    known: &[Page],
    read: &mut Vec<String>,
) -> Result<Vec<Page>, (String, StoreError)> {
    if manifest.version == 1 {
        return Ok(vec![Page {
            key: String::new(),
            entries: manifest.partners.clone(),
        }]);
    }
    let known: HashMap<&str, &Page> = known.iter().map(|p| (p.key.as_str(), p)).collect();
    manifest
        .pages
        .iter()
        .map(|key| match known.get(key.as_str()) {
            Some(p) => Ok((*p).clone()),
            None => {
                read.push(key.clone());
                slots
                    .get(key)
                    .and_then(|stored| decode_page(key, stored))
                    .map_err(|e| (key.clone(), e))
            }
        })
        .collect()
}

/// The partner entries a manifest names, in the workspace's order, read through its
/// pages; damaged entries last.
///
/// # Errors
/// A page is missing or not a list of keys.
pub fn entry_keys(slots: &impl Slots, manifest: &Manifest) -> Result<Vec<String>, StoreError> {
    let pages = pages_of(slots, manifest, &[], &mut Vec::new()).map_err(|(_, e)| e)?;
    let listed = pages.into_iter().flat_map(|p| p.entries);
    Ok(listed.chain(manifest.damaged.iter().cloned()).collect())
}

/// What a save does with one page of the new list.
enum Plan {
    /// The page of the snapshot at this index lists the same entries: named again.
    Keep(usize),
    /// A new page, written by this save.
    New(Page),
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
    let changes = Changes::of(snap, ws, save);
    if changes.nothing_to_write(snap) {
        return Ok(Saved::default());
    }
    let mut done = changes.write(slots)?;
    let manifest = changes.manifest(snap, now);
    let text = serde_json::to_string(&manifest).unwrap_or_default();
    // Another tab may have swapped the manifest since this one last read it: what it
    // names is not ours to remove.
    let theirs = named_by_another_tab(slots, snap);
    if let Err(e) = slots.set(MANIFEST_KEY, &text) {
        // The old manifest stays, and names none of what this save wrote.
        changes.remove_written(slots, changes.writes().count());
        return Err(e);
    }
    done.manifest_chars = MANIFEST_KEY.len() + text.encode_utf16().count();
    done.chars += done.manifest_chars;

    for old in changes.superseded(snap, &manifest, now) {
        let theirs_too = theirs.as_ref().is_some_and(|t| t.contains(&old));
        if !theirs_too && slots.remove(&old).is_ok() {
            done.removed += 1;
        }
    }
    if snap.legacy && slots.remove(LEGACY_KEY).is_ok() {
        snap.legacy = false;
    }
    changes.remember(snap, ws, manifest, text);
    Ok(done)
}

/// What one save writes, worked out from the workspace and the snapshot before anything
/// is written: the save then writes it, names it in the manifest and records it in the
/// snapshot, and a refused write removes exactly what was written.
struct Changes {
    /// For each partner of `ws.partners`, in order: the index in the snapshot's
    /// partners of its stored entry, or `None` when this save writes its entry (in
    /// `entries`, in the same order).
    from: Vec<Option<usize>>,
    /// The partner entries to write: key and stored form.
    entries: Vec<(String, String)>,
    /// The entry of the workspace-level records, when they changed.
    rest: Option<(String, String)>,
    /// The pages to write: key and stored form.
    pages: Vec<(String, String)>,
    /// The new list of pages, each named again or new.
    plan: Vec<Plan>,
}

impl Changes {
    fn of(snap: &Snapshot, ws: &Workspace, save: &str) -> Changes {
        let (from, entries) = partner_writes(snap, ws, save);
        let rest = rest_write(snap, ws, save);
        let (plan, pages) = plan_pages(snap, ws, &from, &entries, save);
        Changes {
            from,
            entries,
            rest,
            pages,
            plan,
        }
    }

    /// Whether storage holds the workspace as it is: then not even the manifest is
    /// written.
    fn nothing_to_write(&self, snap: &Snapshot) -> bool {
        let same_pages = self.plan.len() == snap.pages.len()
            && self
                .plan
                .iter()
                .enumerate()
                .all(|(n, p)| matches!(p, Plan::Keep(i) if *i == n));
        let same_damaged = snap
            .manifest
            .as_ref()
            .is_some_and(|m| m.damaged == snap.damaged);
        self.entries.is_empty()
            && self.rest.is_none()
            && same_pages
            && same_damaged
            && snap.forgotten.is_empty()
            && !snap.legacy
    }

    /// Every entry and page to write, in the order they are written.
    fn writes(&self) -> impl Iterator<Item = &(String, String)> {
        self.entries.iter().chain(&self.rest).chain(&self.pages)
    }

    /// Writes the entries and pages. A refused write removes the ones written before it,
    /// so that nothing the old manifest does not name is left behind.
    fn write(&self, slots: &mut impl Slots) -> Result<Saved, StoreError> {
        let mut done = Saved::default();
        for (i, (key, value)) in self.writes().enumerate() {
            if let Err(e) = slots.set(key, value) {
                self.remove_written(slots, i);
                return Err(e);
            }
            done.chars += key.chars().count() + value.encode_utf16().count();
        }
        done.written = self.entries.len() + usize::from(self.rest.is_some());
        done.pages = self.pages.len();
        Ok(done)
    }

    /// Removes the first `count` writes again: the save was refused.
    fn remove_written(&self, slots: &mut impl Slots, count: usize) {
        for (written, _) in self.writes().take(count) {
            let _ = slots.remove(written);
        }
    }

    /// The manifest naming what storage holds once these changes are written.
    fn manifest(&self, snap: &Snapshot, now: DateTime<Utc>) -> Manifest {
        // Without a stored one, the workspace-level records count as changed and there
        // is a write.
        let rest = match (&self.rest, &snap.rest) {
            (Some((key, _)), _) | (None, Some((key, _))) => key.clone(),
            (None, None) => String::new(),
        };
        Manifest {
            store: STORE.into(),
            version: STORE_VERSION,
            format: file::VERSION,
            saved_at: now,
            rest,
            pages: self
                .plan
                .iter()
                .map(|p| match p {
                    Plan::Keep(i) => snap.pages[*i].key.clone(),
                    Plan::New(page) => page.key.clone(),
                })
                .collect(),
            partners: Vec::new(),
            damaged: snap.damaged.clone(),
        }
    }

    /// What only the old manifest named, to remove now that `manifest` is stored: the
    /// entries of the pages replaced that no new page lists, the old workspace-level
    /// entry, the damaged entries let go. The pages replaced are retired in `snap`, and
    /// returned once old enough.
    fn superseded(
        &self,
        snap: &mut Snapshot,
        manifest: &Manifest,
        now: DateTime<Utc>,
    ) -> Vec<String> {
        let kept: HashSet<usize> = self
            .plan
            .iter()
            .filter_map(|p| match p {
                Plan::Keep(i) => Some(*i),
                Plan::New(_) => None,
            })
            .collect();
        let listed: HashSet<&str> = self
            .plan
            .iter()
            .filter_map(|p| match p {
                Plan::New(page) => Some(page.entries.iter()),
                Plan::Keep(_) => None,
            })
            .flatten()
            .chain(&manifest.damaged)
            .map(String::as_str)
            .collect();
        let mut gone: Vec<String> = Vec::new();
        for (n, page) in snap.pages.iter().enumerate() {
            if kept.contains(&n) {
                continue;
            }
            gone.extend(
                page.entries
                    .iter()
                    .filter(|e| !listed.contains(e.as_str()))
                    .cloned(),
            );
            if !page.key.is_empty() {
                snap.retired.push((page.key.clone(), now));
            }
        }
        if let (Some((old, _)), Some(_)) = (&snap.rest, &self.rest) {
            gone.push(old.clone());
        }
        gone.append(&mut snap.forgotten);
        let named_pages: HashSet<&str> = manifest.pages.iter().map(String::as_str).collect();
        let ripe = now - chrono::Duration::seconds(RETIRE_SECONDS);
        snap.retired.retain(|(key, at)| {
            if named_pages.contains(key.as_str()) {
                return false;
            }
            if *at > ripe {
                return true;
            }
            gone.push(key.clone());
            false
        });
        gone
    }

    /// Records in `snap` what was written, so that it mirrors storage again.
    fn remember(self, snap: &mut Snapshot, ws: &Workspace, manifest: Manifest, text: String) {
        // Every partner as `ws` holds it, under the key of its entry: an unchanged one
        // keeps its key (taken, each is named once), a written one gets its new key. A
        // record written to without a change is remembered by its new pointer, so the
        // next save finds it by pointer instead of comparing it again.
        let mut old = std::mem::take(&mut snap.partners);
        let mut fresh = self.entries.into_iter().map(|(key, _)| key);
        snap.partners = ws
            .partners
            .iter()
            .zip(&self.from)
            .map(|(p, from)| {
                let key = match from {
                    Some(j) => old.get_mut(*j).map(|(k, _)| std::mem::take(k)),
                    None => fresh.next(),
                };
                (key.unwrap_or_default(), p.clone())
            })
            .collect();
        let mut old_pages: Vec<Option<Page>> = std::mem::take(&mut snap.pages)
            .into_iter()
            .map(Some)
            .collect();
        snap.pages = self
            .plan
            .into_iter()
            .map(|p| match p {
                Plan::Keep(i) => old_pages[i].take().unwrap_or_default(),
                Plan::New(page) => page,
            })
            .collect();
        if let Some((key, _)) = self.rest {
            snap.rest = Some((key, rest_of(ws)));
        }
        snap.manifest = Some(manifest);
        snap.text = text;
    }
}

/// Where each partner of `ws` is stored (its index in the snapshot's partners), and the
/// entries to write for those that are not: none while the record equals the one stored.
fn partner_writes(
    snap: &Snapshot,
    ws: &Workspace,
    save: &str,
) -> (Vec<Option<usize>>, Vec<(String, String)>) {
    let stored = &snap.partners;
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut from: Vec<Option<usize>> = Vec::with_capacity(ws.partners.len());
    // Built only when a partner is not where the snapshot has it (an addition, a
    // removal, a reorder before it): hashing 2,000 ids took a tenth of a move.
    let mut by_id: Option<HashMap<&Id, usize>> = None;
    for (i, p) in ws.partners.iter().enumerate() {
        let at = match stored.get(i) {
            // The pointer first: a partner no edit wrote to since the last save is the
            // very record stored at the same position, and no field is compared.
            Some((_, s)) if Shared::same(s, p) => {
                from.push(Some(i));
                continue;
            }
            Some((_, s)) if s.id == p.id => Some(i),
            _ => by_id
                .get_or_insert_with(|| {
                    stored
                        .iter()
                        .enumerate()
                        .map(|(j, (_, s))| (&s.id, j))
                        .collect()
                })
                .get(&p.id)
                .copied(),
        };
        match at {
            Some(j) if stored[j].1 == *p => from.push(Some(j)),
            _ => {
                from.push(None);
                entries.push((partner_key(&p.id, save), encode_partner(p)));
            }
        }
    }
    (from, entries)
}

/// The entry of the workspace-level records to write: none while they equal the stored
/// ones.
fn rest_write(snap: &Snapshot, ws: &Workspace, save: &str) -> Option<(String, String)> {
    let rest_same = snap.rest.as_ref().is_some_and(|(_, r)| {
        r.program_name == ws.program_name
            && r.markets == ws.markets
            && r.deleted == ws.deleted
            && r.program == ws.program
    });
    (!rest_same).then(|| (format!("{REST_PREFIX}{save}"), encode_rest(ws)))
}

/// The pages of the new list and the pages to write: a page listing exactly the entries
/// of one the snapshot holds is named again; any other is written. `from` and
/// `entries` are [`partner_writes`]'s.
fn plan_pages(
    snap: &Snapshot,
    ws: &Workspace,
    from: &[Option<usize>],
    entries: &[(String, String)],
    save: &str,
) -> (Vec<Plan>, Vec<(String, String)>) {
    let mut page_writes: Vec<(String, String)> = Vec::new();
    let mut plan: Vec<Plan> = Vec::new();
    let mut fresh = entries.iter().map(|(key, _)| key.as_str());
    let keys: Vec<&str> = from
        .iter()
        .map(|from| match from {
            Some(j) => snap.partners.get(*j).map_or("", |(k, _)| k.as_str()),
            None => fresh.next().unwrap_or(""),
        })
        .collect();
    let by_first: HashMap<&str, usize> = snap
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.key.is_empty())
        .filter_map(|(i, p)| Some((p.entries.first()?.as_str(), i)))
        .collect();
    for range in page_bounds(ws.partners.iter().map(|p| p.id.as_str())) {
        let chunk = &keys[range];
        let same = by_first.get(chunk[0]).copied().filter(|&i| {
            let old = &snap.pages[i].entries;
            old.len() == chunk.len() && old.iter().zip(chunk).all(|(a, b)| a == b)
        });
        match same {
            Some(i) => plan.push(Plan::Keep(i)),
            None => {
                let key = format!("{PAGE_PREFIX}{save}.{}", page_writes.len());
                let entries: Vec<String> = chunk.iter().map(|k| (*k).to_owned()).collect();
                // A list of strings always serialises.
                page_writes.push((
                    key.clone(),
                    serde_json::to_string(&entries).unwrap_or_default(),
                ));
                plan.push(Plan::New(Page { key, entries }));
            }
        }
    }
    (plan, page_writes)
}

/// Every key the manifest now stored names, when another tab swapped it since this one
/// last read or wrote it; `None` when it is still this tab's.
fn named_by_another_tab(slots: &impl Slots, snap: &Snapshot) -> Option<HashSet<String>> {
    slots
        .get(MANIFEST_KEY)
        .ok()
        .flatten()
        .filter(|t| *t != snap.text)
        .and_then(|t| parse_manifest(&t).ok())
        .map(|m| {
            let pages = m.pages.iter().map(|key| {
                snap.pages
                    .iter()
                    .find(|p| p.key == *key)
                    .cloned()
                    .or_else(|| decode_page(key, slots.get(key).ok().flatten()).ok())
                    .unwrap_or_default()
            });
            let pages: Vec<Page> = pages.collect();
            std::iter::once(m.rest.clone())
                .chain(m.pages.iter().cloned())
                .chain(m.partners.iter().cloned())
                .chain(m.damaged.iter().cloned())
                .chain(pages.into_iter().flat_map(|p| p.entries))
                .collect::<HashSet<String>>()
        })
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
    open_store(slots, snap)
}

/// Whether the slots hold the old single key, which [`open`] migrates.
///
/// # Errors
/// The slots refuse to be read.
pub fn has_legacy(slots: &impl Slots) -> Result<bool, StoreError> {
    Ok(slots.get(LEGACY_KEY)?.is_some())
}

/// [`open`] for slots without the old single key ([`has_legacy`] is false): it only
/// reads (and sweeps), so it needs none of the code that writes entries, which the
/// browser fetches on demand.
///
/// # Errors
/// The slots refuse to be read.
pub fn open_store(slots: &mut impl Slots, snap: &mut Snapshot) -> Result<Opened, StoreError> {
    *snap = Snapshot::default();
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
        let ours = key.starts_with(PARTNER_PREFIX)
            || key.starts_with(REST_PREFIX)
            || key.starts_with(PAGE_PREFIX);
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
    let pages = match pages_of(slots, &manifest, &[], &mut Vec::new()) {
        Ok(pages) => pages,
        Err((key, e)) => {
            return unreadable(format!(
                "The store's list of partners cannot be read: its page {key}: {e}."
            ))
        }
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
    let (mut keys, mut damaged) = read_partners(slots, &pages, &manifest, &mut ws);
    if let Err(e) = contain_rule_breakers(slots, &mut ws, &mut keys, &mut damaged) {
        return unreadable(e.to_string());
    }
    snap.partners = keys
        .into_iter()
        .zip(&ws.partners)
        .map(|(k, p)| (k, p.clone()))
        .collect();
    snap.rest = Some((manifest.rest.clone(), rest_of(&ws)));
    snap.damaged = damaged.iter().map(|d| d.key.clone()).collect();
    snap.pages = pages;
    snap.manifest = Some(manifest);
    snap.text = text;
    Opened::Loaded {
        workspace: ws,
        damaged,
        migrated: None,
    }
}

/// Reads the partner entries the pages list, then the damaged ones the manifest names,
/// into `ws`: returns the keys of the partners read, in `ws`'s order, and the entries
/// that are missing or cannot be read.
fn read_partners(
    slots: &impl Slots,
    pages: &[Page],
    manifest: &Manifest,
    ws: &mut Workspace,
) -> (Vec<String>, Vec<Damaged>) {
    let mut damaged = Vec::new();
    let mut keys = Vec::new();
    let listed = pages.iter().flat_map(|p| &p.entries);
    for key in listed.chain(&manifest.damaged) {
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
    (keys, damaged)
}

/// The model's rules on what was read: a partner breaking one is contained like a
/// damaged entry (taken out of `ws` and `keys`, added to `damaged`); a broken
/// workspace-level rule makes the whole store unreadable, the `Err`.
fn contain_rule_breakers(
    slots: &impl Slots,
    ws: &mut Workspace,
    keys: &mut Vec<String>,
    damaged: &mut Vec<Damaged>,
) -> Result<(), FileError> {
    let errors = validate::workspace(ws);
    if errors.is_empty() {
        return Ok(());
    }
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
        return Err(FileError::Invalid(other));
    }
    let mut i = 0;
    ws.partners.retain(|p| {
        let keep = !bad.contains_key(&i);
        if !keep {
            damaged.push(Damaged {
                key: keys[i].clone(),
                name: format!("partner {}", validate::quoted(&p.name)),
                error: bad[&i].join("; "),
                // The entry's own text, laid out for reading: serialising the record
                // instead would bring the record serialisers (the save's code, fetched
                // on demand in the browser) into every load.
                text: slots
                    .get(&keys[i])
                    .ok()
                    .flatten()
                    .and_then(|stored| compact::decode(&stored).ok())
                    .map(|json| readable(&json))
                    .unwrap_or_default(),
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
    Ok(())
}

/// `json` laid out for reading (as it is, should it not be JSON).
fn readable(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| json.to_owned())
}

/// Every entry the manifest names, as one JSON object of key to stored value: what a
/// person downloads when the store as a whole cannot be read.
fn dump(slots: &impl Slots, manifest: &str) -> String {
    let mut all = serde_json::Map::new();
    all.insert(MANIFEST_KEY.into(), manifest.into());
    if let Ok(m) = serde_json::from_str::<serde_json::Value>(manifest) {
        let list = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        };
        let mut keys: Vec<String> = m["rest"].as_str().map(str::to_owned).into_iter().collect();
        keys.extend(list(&m["partners"]));
        keys.extend(list(&m["damaged"]));
        for page in list(&m["pages"]) {
            if let Ok(Some(v)) = slots.get(&page) {
                if let Ok(entries) = serde_json::from_str::<serde_json::Value>(&v) {
                    keys.extend(list(&entries));
                }
                all.insert(page, v.into());
            }
        }
        for key in keys {
            if let Ok(Some(v)) = slots.get(&key) {
                all.insert(key, v.into());
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
    /// The pages and entries read: only those the new manifest names and this tab did
    /// not hold.
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
    let mut read = Vec::new();
    let pages = pages_of(slots, &manifest, &snap.pages, &mut read).ok()?;
    let mut ws = match &snap.rest {
        Some((key, rest)) if *key == manifest.rest => rest.clone(),
        _ => {
            read.push(manifest.rest.clone());
            decode_rest(&slots.get(&manifest.rest).ok()??).ok()?
        }
    };
    let theirs = their_partners(slots, snap, &pages, &manifest, &mut ws, &mut read)?;
    // What their entry holds, before a stand-in adds to it: the repair below then sees
    // the catalogue differ and writes it again with the markets added.
    let stored_rest = rest_of(&ws);
    if !theirs.repaired.is_empty() {
        let ours = snap
            .rest
            .as_ref()
            .map_or(&[][..], |(_, r)| r.markets.as_slice());
        complete_catalogue(&mut ws, ours, &theirs.repaired);
    }
    if !validate::workspace(&ws).is_empty() {
        return None;
    }
    snap.rest = Some((manifest.rest.clone(), stored_rest));
    snap.partners = theirs.partners;
    snap.damaged = theirs.damaged;
    retire_replaced(snap, &pages, now);
    snap.pages = pages;
    snap.manifest = Some(manifest);
    snap.text = manifest_text.to_owned();
    if !theirs.repaired.is_empty() {
        // Failing, the next save of this tab writes them (they are not in `snap`).
        let _ = save(slots, snap, &ws, save_suffix, now);
    }
    Some(Synced {
        workspace: ws,
        read,
        repaired: theirs.repaired,
    })
}

/// The partners another tab's manifest names, as [`their_partners`] read them.
struct TheirPartners {
    /// Each partner read, with its entry's key, in order: the snapshot's new partners
    /// (the stand-ins are not among them: they are not stored).
    partners: Vec<(String, Shared<Partner>)>,
    /// The damaged entries' keys, carried on untouched.
    damaged: Vec<String>,
    /// Entries the manifest names that were gone, for which ours stand in.
    repaired: Vec<String>,
}

/// Reads into `ws` the partner entries the pages list, then the damaged ones, taking
/// each key this tab holds from `snap` and reading the others (named in `read`). `None`
/// when an entry cannot be read.
fn their_partners(
    slots: &impl Slots,
    snap: &Snapshot,
    pages: &[Page],
    manifest: &Manifest,
    ws: &mut Workspace,
    read: &mut Vec<String>,
) -> Option<TheirPartners> {
    let by_key: HashMap<&str, &Shared<Partner>> =
        snap.partners.iter().map(|(k, p)| (k.as_str(), p)).collect();
    let mut partners = Vec::new();
    let mut damaged = Vec::new();
    let mut repaired = Vec::new();
    let listed = pages.iter().flat_map(|p| &p.entries);
    for key in listed.chain(&manifest.damaged) {
        if snap.damaged.contains(key) || manifest.damaged.contains(key) {
            damaged.push(key.clone());
            continue;
        }
        // Entries are never written over: a key this tab holds names what it holds.
        let p = match by_key.get(key.as_str()) {
            Some(p) => (*p).clone(),
            None => {
                read.push(key.clone());
                match slots.get(key).ok()? {
                    Some(stored) => decode_partner(key, &stored).ok()?.into(),
                    None => {
                        // Ours stands in, and is not recorded as stored: the repair
                        // writes it again.
                        let id = key_id(key)?;
                        let ours = snap.partners.iter().find(|(_, p)| p.id.as_str() == id);
                        repaired.push(key.clone());
                        ws.partners.push(ours?.1.clone());
                        continue;
                    }
                }
            }
        };
        partners.push((key.clone(), p.clone()));
        ws.partners.push(p);
    }
    Some(TheirPartners {
        partners,
        damaged,
        repaired,
    })
}

/// Pages this tab named and the other tab's manifest (listing `pages`) does not were
/// replaced: retired like this tab's own, so a later save removes them once no manifest
/// names them.
fn retire_replaced(snap: &mut Snapshot, pages: &[Page], now: DateTime<Utc>) {
    let named: HashSet<&str> = pages.iter().map(|p| p.key.as_str()).collect();
    let replaced: Vec<String> = snap
        .pages
        .iter()
        .filter(|p| !p.key.is_empty() && !named.contains(p.key.as_str()))
        .map(|p| p.key.clone())
        .collect();
    snap.retired.extend(replaced.into_iter().map(|k| (k, now)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Where pages end is part of the layout: `bench/seed.mjs` seeds the same cut (its
    /// `endsPage`), so these ids are checked against it.
    #[test]
    fn pages_end_after_the_ids_the_benchmark_cuts_after() {
        let ends: Vec<usize> = (0..200)
            .filter(|i| ends_page(&format!("p-gen-{i:05}")))
            .collect();
        assert_eq!(ends, [107, 117, 147, 167, 177]);
        let ids: Vec<String> = (0..300).map(|i| format!("p-gen-{i:05}")).collect();
        let bounds = page_bounds(ids.iter().map(String::as_str));
        assert_eq!(bounds[0], 0..107 + 1);
        assert_eq!(bounds.last().map(|r| r.end), Some(300));
        // Contiguous, none empty, none longer than the cap.
        assert!(bounds.windows(2).all(|w| w[0].end == w[1].start));
        assert!(bounds.iter().all(|r| !r.is_empty() && r.len() <= PAGE_MAX));
    }
}
