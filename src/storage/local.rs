//! The workspace in local storage: one key holding a Tandem file (compact JSON).
//!
//! Loading distinguishes four outcomes so the app can say what happened: nothing stored
//! yet (first launch), a sound workspace, a value that cannot be read (kept untouched
//! and offered for download), and storage the browser will not give us.

use crate::model::formats::file::{self, Scope};
use crate::model::Workspace;
use gloo_storage::{LocalStorage, Storage as _};

/// Where the workspace lives.
pub const KEY: &str = "tandem.workspace";
/// Where an unreadable value is moved once the person chooses to start afresh.
pub const UNREADABLE_KEY: &str = "tandem.workspace.unreadable";
/// Chromium allows 10 MiB of local storage per origin, counting 2 bytes a character.
pub const QUOTA_BYTES: u64 = 10 * 1024 * 1024;

/// What was found in local storage at start-up.
pub enum Loaded {
    /// Nothing stored: first launch.
    Nothing,
    /// A sound workspace, with the text it was read from.
    Workspace(Workspace, String),
    /// A value is stored but cannot be used. `raw` is left in place until the person
    /// decides, and can be downloaded.
    Unreadable { raw: String, error: String },
    /// The browser refuses local storage (disabled, private mode, policy).
    Unavailable(String),
}

fn storage() -> Result<web_sys::Storage, String> {
    // gloo's `LocalStorage::raw()` panics when storage is unavailable: ask first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(
            "This browser does not allow this page to use local storage (it may be \
                  disabled, or blocked in private windows). Your work is kept only until \
                  the tab closes: export it from the Data screen to keep it."
                .into(),
        ),
    }
}

pub fn load() -> Loaded {
    let store = match storage() {
        Ok(s) => s,
        Err(e) => return Loaded::Unavailable(e),
    };
    match store.get_item(KEY) {
        Err(_) => Loaded::Unavailable("The browser refused to read local storage.".into()),
        Ok(None) => Loaded::Nothing,
        Ok(Some(raw)) => match file::restore(&raw) {
            Ok(restored) => Loaded::Workspace(restored.workspace, raw),
            Err(e) => Loaded::Unreadable {
                raw,
                error: e.to_string(),
            },
        },
    }
}

/// Saves the workspace and returns the text stored; on failure the stored copy is left
/// as it was.
pub fn save(ws: &Workspace) -> Result<String, String> {
    let text = file::write(ws, Scope::Workspace, super::now(), false);
    match storage()?.set_item(KEY, &text) {
        Ok(()) => Ok(text),
        Err(_) => Err(format!(
            "The browser refused to save ({}): local storage is probably full. Your latest \
             changes are kept in this tab only; export the workspace from the Data screen so \
             nothing is lost.",
            crate::model::core::format::bytes(text.len() as u64 * 2)
        )),
    }
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
) -> Result<(), String> {
    let store = storage()?;
    let text = file::write(ws, Scope::Workspace, now, false);
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
            "The previous workspace could not be kept as a backup (local storage is full); \
             Undo still brings it back in this tab."
                .to_string()
        })
}

/// The kept backup, if there is one and it can be read.
pub fn backup() -> Option<Backup> {
    let store = storage().ok()?;
    let text = store.get_item(BACKUP_KEY).ok().flatten()?;
    let workspace = file::restore(&text).ok()?.workspace;
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

/// The shared times of records. This is Tandem's own bookkeeping: should it be missing
/// or unreadable, imports fall back to newer-edit-wins, so it reads as empty.
pub fn shared() -> crate::model::merge::conflict::Shared {
    storage()
        .ok()
        .and_then(|s| s.get_item(SHARED_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Records that these versions of records crossed a file boundary.
pub fn mark_shared<'a>(
    records: impl IntoIterator<Item = (&'a crate::model::Id, chrono::DateTime<chrono::Utc>)>,
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
pub fn set_aside_unreadable(raw: &str) -> Result<(), String> {
    storage()?
        .set_item(UNREADABLE_KEY, raw)
        .map_err(|_| "The unreadable value could not be set aside; download it first.".into())
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
