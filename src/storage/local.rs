//! The workspace in local storage, as `model::formats::store` lays it out: a manifest
//! (`tandem.store`) naming pages that list one compact entry per partner, and one entry
//! for the workspace-level records. This file only adapts local storage to the model's
//! `Slots` and keeps the tab's `Snapshot` (what it knows is stored); every decision is
//! the model's.
//!
//! Loading distinguishes four outcomes so the app can say what happened: nothing stored
//! yet (first launch), a workspace (maybe without some damaged partner entries, which
//! stay stored and downloadable), a store that cannot be read (kept untouched and offered
//! for download), and storage the browser will not give us.

use super::error::LocalError;
use crate::model::formats::compact;
use crate::model::formats::file::{self, Scope};
use crate::model::formats::store::{self, Damaged, Opened, Slots, Snapshot, StoreError};
use crate::model::Workspace;
use gloo_storage::{LocalStorage, Storage as _};
use std::cell::RefCell;

/// The old single key, migrated on first load; also where hand-made test values go.
pub const KEY: &str = store::LEGACY_KEY;
/// The manifest's key: another tab's save changes it.
pub const MANIFEST_KEY: &str = store::MANIFEST_KEY;
/// Where an unreadable value is moved once the person chooses to start afresh.
pub const UNREADABLE_KEY: &str = "tandem.workspace.unreadable";
/// Chromium allows 10 MiB of local storage per origin, counting 2 bytes a character.
pub const QUOTA_BYTES: u64 = 10 * 1024 * 1024;

thread_local! {
    /// What this tab knows is stored: saves write what differs from it.
    static SNAPSHOT: RefCell<Snapshot> = RefCell::new(Snapshot::default());
}

/// What was found in local storage at start-up. Made once per start, so the size of
/// the workspace variant beside the others costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// Nothing stored: first launch.
    Nothing,
    /// A workspace. `damaged` lists partner entries that could not be read (kept in
    /// storage as they are); `migration` says why the old single key could not be
    /// migrated yet, when it could not.
    Workspace {
        workspace: Workspace,
        damaged: Vec<Damaged>,
        migration: Option<LocalError>,
    },
    /// A value is stored but cannot be used. `raw` is left in place until the person
    /// decides, and can be downloaded.
    Unreadable { raw: String, error: String },
    /// The browser refuses local storage (disabled, private mode, policy), or refused
    /// to read it.
    Unavailable(LocalError),
    /// The old single key is stored: [`migrate`] reads and migrates it. Apart from
    /// [`load`], because migrating writes the store, and the code that writes comes on
    /// demand (`ui::lazy`): most starts only read.
    Legacy,
}

fn storage() -> Result<web_sys::Storage, LocalError> {
    // gloo's `LocalStorage::raw()` panics when storage is unavailable: ask first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(LocalError::Unavailable),
    }
}

/// Local storage as the model's key-value slots.
struct Local(web_sys::Storage);

impl Slots for Local {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(|_| StoreError::Read)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|_| StoreError::Write)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(|_| StoreError::Write)
    }
    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// A fresh suffix for the keys one save writes: random, so that two tabs saving at
/// once never write the same key.
fn suffix() -> String {
    let id = super::new_id();
    id.as_str()[..10].to_owned()
}

/// Reads the stored workspace; [`Loaded::Legacy`] when the old single key needs
/// [`migrate`].
pub fn load() -> Loaded {
    let mut slots = match storage() {
        Ok(s) => Local(s),
        Err(e) => return Loaded::Unavailable(e),
    };
    match store::has_legacy(&slots) {
        Ok(true) => Loaded::Legacy,
        Ok(false) => {
            loaded(SNAPSHOT.with(|snap| store::open_store(&mut slots, &mut snap.borrow_mut())))
        }
        Err(e) => Loaded::Unavailable(e.into()),
    }
}

/// Reads the stored workspace, migrating the old single key to the store's layout.
pub fn migrate() -> Loaded {
    let mut slots = match storage() {
        Ok(s) => Local(s),
        Err(e) => return Loaded::Unavailable(e),
    };
    loaded(
        SNAPSHOT
            .with(|snap| store::open(&mut slots, &mut snap.borrow_mut(), &suffix(), super::now())),
    )
}

fn loaded(opened: Result<Opened, StoreError>) -> Loaded {
    match opened {
        Err(e) => Loaded::Unavailable(e.into()),
        Ok(Opened::Nothing) => Loaded::Nothing,
        Ok(Opened::Loaded {
            workspace,
            damaged,
            migrated,
        }) => Loaded::Workspace {
            workspace,
            damaged,
            migration: migrated.and_then(Result::err).map(LocalError::NotMigrated),
        },
        Ok(Opened::Unreadable { raw, error }) => Loaded::Unreadable { raw, error },
    }
}

/// Saves what changed in the workspace since the last save; on failure the stored
/// copy is left as it was.
pub fn save(ws: &Workspace) -> Result<(), LocalError> {
    let mut slots = Local(storage()?);
    let result = SNAPSHOT.with(|snap| {
        store::save(
            &mut slots,
            &mut snap.borrow_mut(),
            ws,
            &suffix(),
            super::now(),
        )
    });
    result.map(|_| ()).map_err(|_| LocalError::Full {
        used_bytes: used_bytes().unwrap_or(0),
    })
}

/// Another tab swapped the manifest to `manifest`: reads the entries it names that this
/// tab does not hold, and returns the stored workspace to take in.
pub fn sync(manifest: &str) -> Option<Workspace> {
    let mut slots = Local(storage().ok()?);
    SNAPSHOT
        .with(|snap| {
            store::sync(
                &mut slots,
                &mut snap.borrow_mut(),
                manifest,
                &suffix(),
                super::now(),
            )
        })
        .map(|s| s.workspace)
}

/// Stops keeping a damaged entry: the next save removes it from storage.
pub fn forget_damaged(key: &str) {
    SNAPSHOT.with(|snap| snap.borrow_mut().forget_damaged(key));
}

/// The stored workspace as one Tandem file, read fresh from storage: the crash banner's
/// download. It touches no state of this tab, so it is safe inside the panic hook.
pub fn saved_file() -> Option<String> {
    store::saved_file(&Local(storage().ok()?), super::now())
}

/// Where the workspace is kept before an import or reset replaces it, and what replaced it.
pub const BACKUP_KEY: &str = "tandem.workspace.backup";
pub const BACKUP_LABEL_KEY: &str = "tandem.workspace.backup.label";

/// A workspace kept from before an import or reset.
pub struct Backup {
    /// What replaced it and when: "Import colleague.json, 2026-11-23 14:05 UTC".
    pub label: String,
    pub workspace: Workspace,
}

/// Keeps `ws` as the backup before `label` replaces it. One backup is kept: the latest.
pub fn keep_backup(
    ws: &Workspace,
    label: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), LocalError> {
    let store = storage()?;
    // Compact, like the store: a backup of a large program must fit beside it.
    let text = compact::encode(&file::write(ws, Scope::Workspace, now, false));
    use chrono::Timelike;
    let label = format!(
        "{label}, {} {:02}:{:02} UTC",
        now.date_naive(),
        now.hour(),
        now.minute()
    );
    store
        .set_item(BACKUP_KEY, &text)
        .and_then(|()| store.set_item(BACKUP_LABEL_KEY, &label))
        .map_err(|_| {
            let _ = store.remove_item(BACKUP_KEY);
            LocalError::BackupNotKept
        })
}

/// The kept backup, if there is one and it can be read.
pub fn backup() -> Option<Backup> {
    let store = storage().ok()?;
    let text = store.get_item(BACKUP_KEY).ok().flatten()?;
    let workspace = file::restore(&compact::decode(&text).ok()?).ok()?.workspace;
    let label = store
        .get_item(BACKUP_LABEL_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    Some(Backup { label, workspace })
}

pub fn forget_backup() {
    if let Ok(s) = storage() {
        let _ = s.remove_item(BACKUP_KEY);
        let _ = s.remove_item(BACKUP_LABEL_KEY);
    }
}

/// Where the shared time of each record is kept (see `model::merge::conflict`).
pub const SHARED_KEY: &str = "tandem.shared";

/// The shared stamps of partners (`model::merge::conflict`). This is Tandem's own
/// bookkeeping: should it be missing or unreadable, imports fall back to the later edit
/// of each field winning, so it reads as empty. Times stored before field stamps read as
/// stamps (`conflict::read_shared`).
pub fn shared() -> crate::model::merge::conflict::Shared {
    storage()
        .ok()
        .and_then(|s| s.get_item(SHARED_KEY).ok().flatten())
        .map(|text| crate::model::merge::conflict::read_shared(&text))
        .unwrap_or_default()
}

/// Records that these versions of partners (by their edit stamps) crossed a file
/// boundary.
pub fn mark_shared<'a>(
    records: impl IntoIterator<Item = (&'a crate::model::Id, crate::model::core::stamp::Stamp)>,
) {
    let mut map = shared();
    for (id, at) in records {
        map.insert(id.clone(), at);
    }
    if let (Ok(store), Ok(text)) = (storage(), serde_json::to_string(&map)) {
        // Losing this only means a later import cannot spot a conflict.
        let _ = store.set_item(SHARED_KEY, &text);
    }
}

/// Moves an unreadable stored value aside, so a fresh workspace can be saved without
/// destroying it. It stays downloadable from the Data screen.
pub fn set_aside_unreadable(raw: &str) -> Result<(), LocalError> {
    let store = storage()?;
    store
        .set_item(UNREADABLE_KEY, raw)
        .map_err(|_| LocalError::NotSetAside)?;
    // The old single key (if that is what could not be read) would be read again at the
    // next start; the copy set aside keeps it.
    let _ = store.remove_item(KEY);
    Ok(())
}

/// A previously set-aside unreadable value, if any.
pub fn unreadable() -> Option<String> {
    storage().ok()?.get_item(UNREADABLE_KEY).ok().flatten()
}

pub fn forget_unreadable() {
    if let Ok(s) = storage() {
        let _ = s.remove_item(UNREADABLE_KEY);
    }
}

/// Bytes this origin uses in local storage (keys and values, 2 bytes a character).
pub fn used_bytes() -> Option<u64> {
    let store = storage().ok()?;
    let n = store.length().ok()?;
    let mut chars = 0usize;
    for i in 0..n {
        if let Ok(Some(key)) = store.key(i) {
            let value = store.get_item(&key).ok().flatten().unwrap_or_default();
            chars += key.encode_utf16().count() + value.encode_utf16().count();
        }
    }
    Some(chars as u64 * 2)
}
