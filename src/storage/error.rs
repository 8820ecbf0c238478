//! Why the browser boundary could not do what was asked: one error type per concern
//! (a download, reading a picked file, the clipboard, a form's draft, the workspace in
//! local storage), each `Display` the sentence the toast, banner or form shows. Web
//! Crypto's refusals are `storage::crypto::CryptoError`, beside the code that makes them.
//!
//! This file holds no web type, so unlike the rest of `storage` it is compiled on the
//! native target too, and `tests/model_errors.rs` pins its sentences there.

use crate::model::core::format;
use crate::model::formats::file;
use crate::model::formats::store::StoreError;
use crate::model::workspace::draft;

/// Why a download could not be offered (`storage::files::download`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DownloadError {
    /// The browser refused to make the file or the link to it; names the file.
    #[error("The browser would not create the download {0}.")]
    Refused(String),
    #[error("No document to download from.")]
    NoDocument,
    #[error("No link element.")]
    NoLink,
}

/// Why a picked or dropped file could not be read as text (`storage::files::read_text`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Larger than Tandem reads: refused before reading it.
    #[error(transparent)]
    TooLarge(#[from] file::TooLarge),
    /// The browser failed to read it; names the file.
    #[error("The browser could not read {0}.")]
    Unreadable(String),
    /// What it holds is not text; names the file.
    #[error("{0} is not a text file.")]
    NotText(String),
}

/// Why text could not be put on the clipboard (`storage::clipboard::copy_text`). Each
/// sentence offers the download instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    #[error("No browser window to copy from.")]
    NoWindow,
    /// `navigator.clipboard` exists only in a secure context (https, or localhost).
    #[error(
        "This browser does not offer the clipboard to this page (it needs https). \
         Download the file instead."
    )]
    NoClipboard,
    /// No user gesture, a denied permission, a page without focus.
    #[error(
        "The browser refused to copy (the clipboard permission may be blocked). \
         Download the file instead."
    )]
    Refused,
}

/// Why a form's unsaved input could not be kept as a draft (`storage::drafts::write`).
/// Each sentence tells the person to save before leaving.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("This browser does not let Tandem keep drafts: save before you leave.")]
    NoStorage,
    /// The form has no draft key (a record that cannot be named in storage).
    #[error("This form cannot be kept as a draft: save before you leave.")]
    NoKey,
    /// More than a draft keeps (`model::workspace::draft`'s bounds).
    #[error(transparent)]
    TooLarge(#[from] draft::TooLarge),
    #[error(
        "Local storage is full, so this form cannot be kept as a draft: save before you leave."
    )]
    Full,
}

/// Why the workspace could not be loaded from, saved to or set aside in local storage
/// (`storage::local`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LocalError {
    /// The browser gives this page no local storage (disabled, private mode, policy).
    #[error(
        "This browser does not allow this page to use local storage (it may be \
         disabled, or blocked in private windows). Your work is kept only until \
         the tab closes: export it from the Data screen to keep it."
    )]
    Unavailable,
    /// Storage was given but refused to be read at start-up.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A save was refused, with the bytes this site uses at that moment.
    #[error(
        "The browser refused to save: local storage is probably full (this site uses {} \
         of it). Your latest changes are kept in this tab only; export the workspace \
         from the Data screen so nothing is lost.",
        format::bytes(*used_bytes)
    )]
    Full { used_bytes: u64 },
    /// The old single key could not be moved to the store's layout yet (why, from the
    /// store); it stays and is read again at the next start.
    #[error(
        "The workspace saved by an earlier version of Tandem could not be moved to \
         the new storage layout yet ({0}); it stays as it was and is read again \
         at the next start. Export the workspace from the Data screen to be safe."
    )]
    NotMigrated(StoreError),
    #[error(
        "The previous workspace could not be kept as a backup (local storage is full); \
         Undo still brings it back in this tab."
    )]
    BackupNotKept,
    #[error("The unreadable value could not be set aside; download it first.")]
    NotSetAside,
    /// The code that saves comes on demand (`ui::lazy::SaveCode`) and did not arrive.
    #[error(
        "The code that saves your changes did not arrive (no connection?). They are kept \
         in this tab only, and the next change tries again; keep this tab open, or \
         export the workspace from the Data screen."
    )]
    SaveCodeMissing,
}
