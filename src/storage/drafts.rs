//! Drafts in local storage: one key per form and record under `tandem.draft.`, apart
//! from the workspace's key, read and written through `model::workspace::draft` (the
//! naming, the stored shape and the bounds live there).
//!
//! Every failure here is quiet on purpose: a draft that cannot be read is ignored, one
//! that cannot be written is reported to the form, and nothing in this file ever
//! writes the workspace's key.

use crate::model::workspace::draft::{self, Draft, DraftKey, Fields, MAX_DRAFTS, PREFIX};
use crate::model::Workspace;
use gloo_storage::{LocalStorage, Storage as _};

fn storage() -> Option<web_sys::Storage> {
    // gloo's `LocalStorage::raw()` panics when storage is unavailable: ask first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Some(LocalStorage::raw()),
        _ => None,
    }
}

/// Every key in storage that starts with the draft prefix.
fn draft_keys(store: &web_sys::Storage) -> Vec<String> {
    let n = store.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

/// The stored draft of `key`, if there is a readable one.
pub fn read(key: &DraftKey) -> Option<Draft> {
    let text = storage()?.get_item(&key.storage_key()?).ok().flatten()?;
    draft::read(&text)
}

/// Whether a readable draft of `key` is stored (a form that opens on demand opens by
/// itself when it has one).
pub fn exists(key: &DraftKey) -> bool {
    read(key).is_some()
}

/// Keeps `fields` as the draft of `key`, making room by removing the oldest drafts.
/// Says why when it cannot.
pub fn write(key: &DraftKey, fields: &Fields) -> Result<(), String> {
    let store = storage().ok_or_else(|| {
        "This browser does not let Tandem keep drafts: save before you leave.".to_owned()
    })?;
    let name = key
        .storage_key()
        .ok_or_else(|| "This form cannot be kept as a draft: save before you leave.".to_owned())?;
    let text = draft::write(fields, super::now()).map_err(|e| e.to_string())?;
    let stored: Vec<_> = draft_keys(&store)
        .into_iter()
        .map(|k| {
            let at = store
                .get_item(&k)
                .ok()
                .flatten()
                .and_then(|t| draft::read(&t))
                .map(|d| d.at)
                .unwrap_or_default();
            (k, at)
        })
        .collect();
    for old in draft::evict(&stored, &name, MAX_DRAFTS) {
        let _ = store.remove_item(&old);
    }
    store.set_item(&name, &text).map_err(|_| {
        "Local storage is full, so this form cannot be kept as a draft: save before you leave."
            .to_owned()
    })
}

pub fn remove(key: &DraftKey) {
    if let (Some(store), Some(name)) = (storage(), key.storage_key()) {
        let _ = store.remove_item(&name);
    }
}

/// Removes every draft that cannot be read, or whose record is no longer in `ws`.
pub fn prune(ws: &Workspace) {
    let Some(store) = storage() else { return };
    for k in draft_keys(&store) {
        let keep = DraftKey::parse(&k).is_some_and(|key| key.still_exists(ws))
            && store
                .get_item(&k)
                .ok()
                .flatten()
                .and_then(|t| draft::read(&t))
                .is_some();
        if !keep {
            let _ = store.remove_item(&k);
        }
    }
}
