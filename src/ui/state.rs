//! The one workspace store, provided by context at the root. Its methods are the
//! commands the screens use; each edit goes through `edit`, and an effect in the shell
//! saves the workspace after every change.

use crate::model::edit::Removed;
use crate::model::Workspace;
use leptos::prelude::*;

/// How the app started, shown as a banner until dismissed or resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Startup {
    Normal,
    /// First launch: the demo was loaded.
    Demo,
    /// The stored value could not be read; it is kept untouched until the person
    /// chooses to start afresh.
    Unreadable {
        raw: String,
        error: String,
    },
    /// Local storage is not available: work stays in this tab only.
    Unavailable(String),
}

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    pub undo: Option<Removed>,
    /// Tells apart two toasts with the same text, so an old timer never hides a new one.
    serial: u64,
}

impl Toast {
    pub fn new(message: impl Into<String>, undo: Option<Removed>) -> Self {
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Toast {
            message: message.into(),
            undo,
            serial: SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// A file read from the picker or a drop, waiting for the person to choose merge or
/// replace (or showing why it was refused).
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub file_name: String,
    pub result: Result<crate::model::file::Restored, String>,
}

#[derive(Clone, Copy)]
pub struct Store {
    pub ws: RwSignal<Workspace>,
    /// False while an unreadable stored value awaits a decision: saving would destroy it.
    pub persist: RwSignal<bool>,
    pub save_error: RwSignal<Option<String>>,
    pub startup: RwSignal<Startup>,
    pub toast: RwSignal<Option<Toast>>,
    pub import: RwSignal<Option<PendingImport>>,
    pub route: RwSignal<super::route::Route>,
}

impl Store {
    pub fn new(ws: Workspace, startup: Startup) -> Self {
        let persist = !matches!(
            startup,
            Startup::Unreadable { .. } | Startup::Unavailable(_)
        );
        Store {
            ws: RwSignal::new(ws),
            persist: RwSignal::new(persist),
            save_error: RwSignal::new(None),
            startup: RwSignal::new(startup),
            toast: RwSignal::new(None),
            import: RwSignal::new(None),
            route: RwSignal::new(super::route::current()),
        }
    }

    /// Applies an edit to the workspace and returns what the edit returned. Views
    /// re-render and the workspace is saved only when the edit says it changed
    /// something: a refused or empty edit leaves local storage untouched.
    pub fn edit<R: Outcome>(&self, f: impl FnOnce(&mut Workspace) -> R) -> Option<R> {
        let outcome = self.ws.try_update_untracked(f)?;
        if outcome.changed() {
            self.ws.notify();
        }
        Some(outcome)
    }

    pub fn say(&self, message: impl Into<String>) {
        self.toast.set(Some(Toast::new(message, None)));
    }

    /// Replaces the whole workspace (reset, import) and, if an unreadable value was
    /// waiting, sets it aside first so it stays downloadable.
    pub fn replace(&self, ws: Workspace) {
        if let Startup::Unreadable { raw, .. } = self.startup.get_untracked() {
            if let Err(e) = crate::storage::local::set_aside_unreadable(&raw) {
                self.save_error.set(Some(e));
                return;
            }
            self.startup.set(Startup::Normal);
            self.persist.set(true);
        }
        self.ws.set(ws);
    }
}

/// What an edit returns, read as "did the workspace change?".
pub trait Outcome {
    fn changed(&self) -> bool;
}

impl Outcome for bool {
    fn changed(&self) -> bool {
        *self
    }
}

impl<T> Outcome for Option<T> {
    fn changed(&self) -> bool {
        self.is_some()
    }
}

impl<E> Outcome for Result<bool, E> {
    fn changed(&self) -> bool {
        matches!(self, Ok(true))
    }
}

impl<E> Outcome for Result<(), E> {
    fn changed(&self) -> bool {
        self.is_ok()
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
