//! Opening a protected file: when a picked or dropped file is sealed
//! (`model::formats::sealed::is_sealed`), [`ask`] checks its envelope, asks for the passphrase,
//! decrypts it (`storage::crypto`) and hands the Tandem file inside to the ordinary
//! import (`file::restore`, then the preview). A wrong passphrase or a changed file is
//! said in the dialog, may be retried, and changes nothing; Cancel or Escape closes it.
//!
//! The dialog mounts itself under `<body>` when asked and unmounts when done, so a file
//! dropped on any screen can ask for its passphrase without the shell knowing about
//! protected files.

use crate::model::formats::file;
use crate::model::formats::sealed::{self, SealedFile};
use crate::storage::crypto;
use crate::ui::state::{PendingImport, Store};
use leptos::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The dialog on screen, if any: which request it answers, and what unmounts it.
struct Open {
    id: u64,
    _mounted: Box<dyn Any>,
}

thread_local! {
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// Asks for the passphrase of the sealed file `text`, named `file_name`. An envelope
/// that cannot be read is refused at once through the import dialog, before anyone
/// types a passphrase for it.
pub fn ask(store: Store, file_name: String, text: String) {
    let sealed = match sealed::parse(&text) {
        Ok(sealed) => Rc::new(sealed),
        Err(e) => {
            close();
            store.import.set(Some(PendingImport {
                file_name,
                result: Err(e.into()),
            }));
            return;
        }
    };
    drop(text);
    // A newer file replaces whatever was waiting, as in the ordinary import.
    store.import.set(None);
    close();
    let Some(body) = document().body() else {
        return;
    };
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let mounted = leptos::mount::mount_to(body, move || {
        view! { <UnsealModal store file_name sealed id/> }
    });
    OPEN.with(|open| {
        *open.borrow_mut() = Some(Open {
            id,
            _mounted: Box::new(mounted),
        })
    });
}

/// Unmounts the dialog, if one is open.
fn close() {
    // Dropped outside the borrow: unmounting runs the dialog's cleanups.
    let open = OPEN.with(|open| open.borrow_mut().take());
    drop(open);
}

/// Whether the dialog for request `id` is still the one on screen.
fn is_current(id: u64) -> bool {
    OPEN.with(|open| open.borrow().as_ref().is_some_and(|o| o.id == id))
}

/// Closes from inside the dialog's own event handler, once that handler has returned.
fn close_soon() {
    set_timeout(close, std::time::Duration::ZERO);
}

/// The dialog's state: the passphrase as typed, why the last try failed, and whether
/// a key is being derived.
#[derive(Clone, Copy)]
struct Attempt {
    passphrase: RwSignal<String>,
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    input: NodeRef<leptos::html::Input>,
}

impl Attempt {
    fn new() -> Self {
        Attempt {
            passphrase: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            input: NodeRef::new(),
        }
    }

    /// Opens `sealed` with the passphrase typed: its Tandem file goes on to the import
    /// dialog, or the dialog says why not and asks again.
    fn open(self, store: Store, file_name: String, sealed: Rc<SealedFile>, id: u64) {
        if self.busy.get_untracked() {
            return;
        }
        let secret = self.passphrase.get_untracked();
        if secret.is_empty() {
            self.error.set(Some(
                "Type the passphrase the file was protected with.".into(),
            ));
            return;
        }
        self.error.set(None);
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crypto::open_parsed(&sealed, &secret).await;
            drop(secret);
            // Cancelled, or replaced by another file, while the key was derived.
            if !is_current(id) {
                return;
            }
            match result {
                Ok(plain) => {
                    close();
                    let result = file::restore(&plain).map_err(Into::into);
                    store.import.set(Some(PendingImport { file_name, result }));
                }
                Err(e) => self.failed(e.to_string()),
            }
        });
    }

    /// A try that failed: the field is emptied and focused for the next.
    fn failed(self, message: String) {
        self.busy.set(false);
        self.passphrase.set(String::new());
        self.error.set(Some(message));
        if let Some(input) = self.input.get_untracked() {
            let _ = input.focus();
        }
    }
}

#[component]
fn UnsealModal(store: Store, file_name: String, sealed: Rc<SealedFile>, id: u64) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let attempt = Attempt::new();
    let title_name = file_name.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempt.open(store, file_name.clone(), Rc::clone(&sealed), id);
    };
    view! {
        <dialog node_ref=dialog class="modal" aria-labelledby="unseal-title"
            aria-describedby="unseal-about"
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                close_soon();
            }>
            <h2 id="unseal-title">"Open " <span class="file-name">{title_name}</span></h2>
            <p id="unseal-about">
                "This file is protected with a passphrase. Type it to see what the file holds; "
                "nothing changes until you choose."
            </p>
            <form on:submit=submit>
                <PassphraseInput attempt/>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || attempt.busy.get()>
                        "Open"
                    </button>
                    <button type="button" class="button button--quiet" on:click=move |_| close_soon()>
                        "Cancel"
                    </button>
                    <span class="form__status" role="status">
                        {move || attempt.busy.get().then_some("Opening… deriving the key from the passphrase.")}
                    </span>
                </div>
            </form>
        </dialog>
    }
}

/// The passphrase field and, after a failed try, why it failed.
#[component]
fn PassphraseInput(attempt: Attempt) -> impl IntoView {
    let Attempt {
        passphrase,
        error,
        busy,
        input,
    } = attempt;
    view! {
        <div class="field">
            <label for="unseal-passphrase">"Passphrase"</label>
            <input id="unseal-passphrase" type="password" autocomplete="off" node_ref=input
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby="unseal-error"
                readonly=move || busy.get()
                prop:value=move || passphrase.get()
                on:input=move |ev| passphrase.set(event_target_value(&ev))/>
        </div>
        <div id="unseal-error" role="alert">
            {move || error.get().map(|message| view! {
                <p class="import__error">{message}</p>
                <p>"Your workspace has not changed."</p>
            })}
        </div>
    }
}
