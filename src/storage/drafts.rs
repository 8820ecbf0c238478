//! Drafts in local storage: one key per form and record under `tandem.draft.`, apart
//! from the workspace's key, read and written through `model::workspace::draft` (the
//! naming, the stored shape and the bounds live there).
//!
//! Which drafts are stored is kept in an index (`draft::Index`), filled by one walk over
//! storage when the tab starts and kept current by this tab's writes and removals and by
//! other tabs' storage events ([`heard`]). Pruning after every edit and making room for a
//! new draft then cost the drafts (at most 40), not every key in storage.
//!
//! Every failure here is quiet on purpose: a draft that cannot be read is ignored, one
//! that cannot be written is reported to the form, and nothing in this file ever
//! writes the workspace's key.

use super::error::DraftError;
use crate::model::workspace::draft::{self, Draft, DraftKey, Fields, Index, MAX_DRAFTS, PREFIX};
use crate::model::Workspace;
use gloo_storage::{LocalStorage, Storage as _};
use std::cell::RefCell;

thread_local! {
    /// The drafts this tab knows are stored; `None` until the first walk.
    static INDEX: RefCell<Option<Index>> = const { RefCell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    // gloo's `LocalStorage::raw()` panics when storage is unavailable: ask first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Some(LocalStorage::raw()),
        _ => None,
    }
}

/// Runs `f` on the index, walking storage once first if this tab has not yet: every
/// draft key with its value, removing what is not a draft or (given `ws`) whose record
/// is gone.
fn with_index<R>(
    store: &web_sys::Storage,
    ws: Option<&Workspace>,
    f: impl FnOnce(&mut Index) -> R,
) -> R {
    INDEX.with_borrow_mut(|slot| {
        let index = slot.get_or_insert_with(|| {
            let n = store.length().unwrap_or(0);
            let stored = (0..n)
                .filter_map(|i| store.key(i).ok().flatten())
                .filter(|k| k.starts_with(PREFIX))
                .map(|k| {
                    let value = store.get_item(&k).ok().flatten();
                    (k, value)
                })
                .collect::<Vec<_>>();
            let (index, remove) = Index::scan(stored, ws);
            for k in remove {
                let _ = store.remove_item(&k);
            }
            index
        });
        f(index)
    })
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
pub fn write(key: &DraftKey, fields: &Fields) -> Result<(), DraftError> {
    let store = storage().ok_or(DraftError::NoStorage)?;
    let name = key.storage_key().ok_or(DraftError::NoKey)?;
    let text = draft::write(fields, super::now())?;
    for old in with_index(&store, None, |index| index.make_room(&name, MAX_DRAFTS)) {
        let _ = store.remove_item(&old);
    }
    store.set_item(&name, &text).map_err(|_| DraftError::Full)?;
    with_index(&store, None, |index| index.heard(&name, Some(&text)));
    Ok(())
}

pub fn remove(key: &DraftKey) {
    if let (Some(store), Some(name)) = (storage(), key.storage_key()) {
        let _ = store.remove_item(&name);
        with_index(&store, None, |index| index.heard(&name, None));
    }
}

/// Another tab wrote (`Some`) or removed (`None`) the key `key`, or cleared storage
/// (`key` is `None`): the index follows, or is walked afresh at its next use.
pub fn heard(key: Option<&str>, value: Option<&str>) {
    let Some(key) = key else {
        INDEX.with_borrow_mut(|slot| *slot = None);
        return;
    };
    if let Some(store) = storage() {
        with_index(&store, None, |index| index.heard(key, value));
    }
}

/// Removes every draft whose record is no longer in `ws`; at the tab's first call, also
/// every value under a draft key that cannot be read.
pub fn prune(ws: &Workspace) {
    let Some(store) = storage() else { return };
    for k in with_index(&store, Some(ws), |index| index.prune(ws)) {
        let _ = store.remove_item(&k);
    }
}
