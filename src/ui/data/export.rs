//! Export: the whole workspace, or chosen partners, as a Tandem file download —
//! optionally protected with a passphrase (`storage::crypto`, `model::formats::sealed`).
//!
//! The passphrase lives in the two fields only until the export it was typed for has
//! finished, successful or not; then both fields are cleared.

use crate::model::core::format::count;
use crate::model::formats::file::{self, Scope};
use crate::model::formats::sealed::{self, PassphraseError};
use crate::model::Id;
use crate::storage::{self, crypto};
use crate::ui::state::{use_store, Store};
use leptos::html::Input;
use leptos::prelude::*;
use std::collections::HashSet;

/// The panel's state, shared by its handlers and its parts.
#[derive(Clone, Copy)]
struct Export {
    store: Store,
    /// The partners ticked for "Export chosen partners".
    chosen: RwSignal<HashSet<Id>>,
    protect: RwSignal<bool>,
    passphrase: RwSignal<String>,
    confirm: RwSignal<String>,
    /// Problems show once an export was attempted, then follow the typing.
    attempted: RwSignal<bool>,
    /// A protected export is deriving its key.
    busy: RwSignal<bool>,
    /// Why the last export failed, shown under the buttons.
    failure: RwSignal<Option<String>>,
    /// What is wrong with the passphrase as typed, shown or not.
    problem: Memo<Option<PassphraseError>>,
    passphrase_input: NodeRef<Input>,
    confirm_input: NodeRef<Input>,
}

impl Export {
    fn new(store: Store) -> Self {
        let passphrase = RwSignal::new(String::new());
        let confirm = RwSignal::new(String::new());
        Export {
            store,
            chosen: RwSignal::new(HashSet::new()),
            protect: RwSignal::new(false),
            passphrase,
            confirm,
            attempted: RwSignal::new(false),
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
            problem: Memo::new(move |_| {
                passphrase.with(|p| confirm.with(|c| sealed::check_passphrase(p, c).err()))
            }),
            passphrase_input: NodeRef::new(),
            confirm_input: NodeRef::new(),
        }
    }

    /// The passphrase problem a field shows: those `which` picks, once an export was
    /// attempted.
    fn shown_problem(self, which: fn(&PassphraseError) -> bool) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.attempted
                .get()
                .then(|| self.problem.get())
                .flatten()
                .filter(which)
                .map(|e| e.to_string())
        })
    }

    /// Whether the buttons are off: an export is under way, or protection is asked for
    /// on a page without Web Crypto (the panel says why).
    fn blocked(self) -> bool {
        self.busy.get() || (self.protect.get() && crypto::available().is_err())
    }

    fn toggle_protection(self, on: bool) {
        self.protect.set(on);
        self.attempted.set(false);
        self.failure.set(None);
    }

    fn toggle_partner(self, id: &Id, on: bool) {
        self.chosen.update(|c| {
            if on {
                c.insert(id.clone());
            } else {
                c.remove(id);
            }
        });
    }

    /// Exports `scope` as a download, protected when asked.
    fn download(self, scope: Scope) {
        if untrack(|| self.blocked()) {
            return;
        }
        self.failure.set(None);
        let protected = self.protect.get_untracked();
        if protected && self.refused_passphrase() {
            return;
        }
        // Inside a protected file the Tandem file is compact: nobody reads it there.
        let (text, name) = self.file(scope, !protected);
        if !protected {
            match storage::files::download(&name, &text, "application/json") {
                Ok(()) => self.mark_shared(scope),
                Err(e) => self.store.say(e),
            }
            return;
        }
        // What Tandem could not open again is not written: said before any work starts.
        if let Err(e) = sealed::sealable(&text) {
            self.failure.set(Some(e.to_string()));
            return;
        }
        self.seal_and_download(scope, text, name);
    }

    /// Whether the passphrase stops the export: its problem is then shown, and its
    /// field focused.
    fn refused_passphrase(self) -> bool {
        let Some(e) = self.problem.get_untracked() else {
            return false;
        };
        self.attempted.set(true);
        let field = match e {
            PassphraseError::Mismatch => self.confirm_input,
            PassphraseError::TooShort { .. } | PassphraseError::TooRepetitive { .. } => {
                self.passphrase_input
            }
        };
        if let Some(input) = field.get_untracked() {
            let _ = input.focus();
        }
        true
    }

    /// The Tandem file of `scope` and its download name.
    fn file(self, scope: Scope, pretty: bool) -> (String, String) {
        let now = storage::now();
        self.store.ws.with_untracked(|ws| match scope {
            Scope::Workspace => (
                file::write(ws, scope, now, pretty),
                file::export_name(&ws.program_name, now.date_naive(), ""),
            ),
            Scope::Partners => self.chosen.with_untracked(|ids| {
                (
                    file::write(&file::subset(ws, ids), scope, now, pretty),
                    file::export_name(
                        &ws.program_name,
                        now.date_naive(),
                        &format!("-{}-partners", ids.len()),
                    ),
                )
            }),
        })
    }

    /// What is exported is now shared: a later import can tell who edited what since.
    fn mark_shared(self, scope: Scope) {
        self.store.ws.with_untracked(|ws| {
            self.chosen.with_untracked(|ids| {
                storage::local::mark_shared(
                    ws.partners
                        .iter()
                        .filter(|p| scope == Scope::Workspace || ids.contains(&p.id))
                        .map(|p| (&p.id, p.edit_stamp())),
                )
            })
        })
    }

    /// Seals `text` under the passphrase and offers it as a download; the passphrase is
    /// cleared once done, successful or not.
    fn seal_and_download(self, scope: Scope, text: String, name: String) {
        let secret = self.passphrase.get_untracked();
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crypto::seal(&text, &secret).await;
            drop(secret);
            self.passphrase.set(String::new());
            self.confirm.set(String::new());
            self.attempted.set(false);
            self.busy.set(false);
            let name = sealed::file_name(&name);
            match result.map_err(|e| e.to_string()).and_then(|sealed_text| {
                storage::files::download(&name, &sealed_text, "application/json")
                    .map_err(|e| e.to_string())
            }) {
                Ok(()) => {
                    self.mark_shared(scope);
                    self.store.say("Exported, protected by the passphrase.");
                }
                Err(e) => self.failure.set(Some(e)),
            }
        });
    }
}

#[component]
pub fn ExportPanel() -> impl IntoView {
    let export = Export::new(use_store());
    let busy = export.busy;
    view! {
        <section class="card" aria-labelledby="export-heading" aria-busy=move || busy.get().then_some("true")>
            <h2 id="export-heading">"Export"</h2>
            <p>"Download a Tandem file to keep a copy or send to a colleague, who can merge it into their workspace."</p>
            <Protection export/>
            <div class="form__actions">
                <button class="button button--primary" disabled=move || export.blocked()
                    on:click=move |_| export.download(Scope::Workspace)>
                    "Export whole workspace"
                </button>
                <span class="form__status" id="export-status" role="status">
                    {move || busy.get().then_some("Protecting… deriving the key from the passphrase.")}
                </span>
            </div>
            {move || export.failure.get().map(|message| view! {
                <p class="import__error" role="alert">{message}</p>
            })}
            <ChosenPartners export/>
        </section>
    }
}

/// "Protect with a passphrase" and, once ticked, the passphrase twice.
#[component]
fn Protection(export: Export) -> impl IntoView {
    let Export {
        protect,
        busy,
        passphrase,
        confirm,
        passphrase_input,
        confirm_input,
        ..
    } = export;
    let passphrase_error = export.shown_problem(|e| !matches!(e, PassphraseError::Mismatch));
    let confirm_error = export.shown_problem(|e| matches!(e, PassphraseError::Mismatch));
    view! {
        <div class="protect">
            <label class="check">
                <input type="checkbox" id="export-protect" prop:checked=move || protect.get()
                    disabled=move || busy.get()
                    on:change=move |ev| export.toggle_protection(event_target_checked(&ev))/>
                "Protect with a passphrase"
            </label>
            <Show when=move || protect.get()>
                <div class="protect__fields">
                    <p class="muted">
                        "The file is encrypted: only someone with the passphrase can open it, and nothing "
                        "recovers a lost one. Send it another way than the file."
                    </p>
                    {crypto::available().err().map(|e| view! {
                        <p class="import__error" role="alert">{e.to_string()}</p>
                    })}
                    <div class="form__grid">
                        <PassphraseField label="Passphrase" id="export-passphrase"
                            value=passphrase error=passphrase_error node=passphrase_input busy
                            hint=format!("At least {} characters: a few unrelated words are easy to remember and hard to guess.", sealed::MIN_PASSPHRASE_CHARS)/>
                        <PassphraseField label="Confirm passphrase" id="export-passphrase-confirm"
                            value=confirm error=confirm_error node=confirm_input busy
                            hint=String::new()/>
                    </div>
                </div>
            </Show>
        </div>
    }
}

/// "Export chosen partners": a tick box per partner, by name, and the button.
#[component]
fn ChosenPartners(export: Export) -> impl IntoView {
    let Export { store, chosen, .. } = export;
    let partners = move || {
        store.ws.with(|ws| {
            let mut list: Vec<(Id, String)> = ws
                .partners
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            list.sort_by_key(|(_, n)| n.to_lowercase());
            list
        })
    };
    view! {
        <details class="choose">
            <summary>"Export chosen partners"</summary>
            <div class="choose__list">
                {move || partners().into_iter().map(|(id, name)| {
                    let checked = id.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || chosen.with(|c| c.contains(&checked))
                                on:change=move |ev| export.toggle_partner(&id, event_target_checked(&ev))/>
                            {name}
                        </label>
                    }
                }).collect_view()}
            </div>
            <button class="button" disabled=move || export.blocked() || chosen.with(HashSet::is_empty)
                on:click=move |_| export.download(Scope::Partners)>
                {move || format!("Export {}", count(chosen.with(HashSet::len), "chosen partner"))}
            </button>
        </details>
    }
}

/// A new-passphrase input with its label, hint and inline error.
#[component]
fn PassphraseField(
    label: &'static str,
    id: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    node: NodeRef<Input>,
    busy: RwSignal<bool>,
    hint: String,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_empty() {
        error_id.clone()
    } else {
        format!("{hint_id} {error_id}")
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete="new-password" node_ref=node
                minlength=sealed::MIN_PASSPHRASE_CHARS
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                disabled=move || busy.get()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}
