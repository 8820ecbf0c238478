//! Export: the whole workspace, or chosen partners, as a Tandem file download —
//! optionally protected with a passphrase (`storage::crypto`, `model::formats::sealed`).
//!
//! The passphrase lives in the two fields only until the export it was typed for has
//! finished, successful or not; then both fields are cleared.

use crate::model::formats::file::{self, Scope};
use crate::model::formats::sealed::{self, PassphraseError};
use crate::model::Id;
use crate::storage::{self, crypto};
use crate::ui::state::use_store;
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = use_store();
    let chosen = RwSignal::new(HashSet::<Id>::new());
    let protect = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    // Problems show once an export was attempted, then follow the typing.
    let attempted = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let problem = Memo::new(move |_| {
        passphrase.with(|p| confirm.with(|c| sealed::check_passphrase(p, c).err()))
    });
    let shown = move |which: fn(&PassphraseError) -> bool| {
        Signal::derive(move || {
            attempted
                .get()
                .then(|| problem.get())
                .flatten()
                .filter(which)
                .map(|e| e.to_string())
        })
    };
    let passphrase_error = shown(|e| !matches!(e, PassphraseError::Mismatch));
    let confirm_error = shown(|e| matches!(e, PassphraseError::Mismatch));
    // Protection asked for on a page without Web Crypto: the panel says why (below).
    let blocked = move || busy.get() || (protect.get() && crypto::available().is_err());
    let passphrase_input = NodeRef::<leptos::html::Input>::new();
    let confirm_input = NodeRef::<leptos::html::Input>::new();

    let download = move |scope: Scope| {
        if untrack(blocked) {
            return;
        }
        failure.set(None);
        let protected = protect.get_untracked();
        if protected {
            if let Some(e) = problem.get_untracked() {
                attempted.set(true);
                let field = match e {
                    PassphraseError::Mismatch => confirm_input,
                    PassphraseError::TooShort { .. } | PassphraseError::TooRepetitive { .. } => {
                        passphrase_input
                    }
                };
                if let Some(input) = field.get_untracked() {
                    let _ = input.focus();
                }
                return;
            }
        }
        let now = storage::now();
        // Inside a protected file the Tandem file is compact: nobody reads it there.
        let pretty = !protected;
        let (text, name) = store.ws.with_untracked(|ws| match scope {
            Scope::Workspace => (
                file::write(ws, scope, now, pretty),
                file::export_name(&ws.program_name, now.date_naive(), ""),
            ),
            Scope::Partners => chosen.with_untracked(|ids| {
                (
                    file::write(&file::subset(ws, ids), scope, now, pretty),
                    file::export_name(
                        &ws.program_name,
                        now.date_naive(),
                        &format!("-{}-partners", ids.len()),
                    ),
                )
            }),
        });
        // What is exported is now shared: a later import can tell who edited what since.
        let mark_shared = move || {
            store.ws.with_untracked(|ws| {
                chosen.with_untracked(|ids| {
                    storage::local::mark_shared(
                        ws.partners
                            .iter()
                            .filter(|p| scope == Scope::Workspace || ids.contains(&p.id))
                            .map(|p| (&p.id, p.edit_stamp())),
                    )
                })
            })
        };
        if !protected {
            match storage::files::download(&name, &text, "application/json") {
                Ok(()) => mark_shared(),
                Err(e) => store.say(e),
            }
            return;
        }
        // What Tandem could not open again is not written: said before any work starts.
        if let Err(e) = sealed::sealable(&text) {
            failure.set(Some(e.to_string()));
            return;
        }
        let secret = passphrase.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crypto::seal(&text, &secret).await;
            drop(secret);
            passphrase.set(String::new());
            confirm.set(String::new());
            attempted.set(false);
            busy.set(false);
            let name = sealed::file_name(&name);
            match result.and_then(|sealed_text| {
                storage::files::download(&name, &sealed_text, "application/json")
            }) {
                Ok(()) => {
                    mark_shared();
                    store.say("Exported, protected by the passphrase.");
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
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
        <section class="card" aria-labelledby="export-heading" aria-busy=move || busy.get().then_some("true")>
            <h2 id="export-heading">"Export"</h2>
            <p>"Download a Tandem file to keep a copy or send to a colleague, who can merge it into their workspace."</p>
            <div class="protect">
                <label class="check">
                    <input type="checkbox" id="export-protect" prop:checked=move || protect.get()
                        disabled=move || busy.get()
                        on:change=move |ev| {
                            protect.set(event_target_checked(&ev));
                            attempted.set(false);
                            failure.set(None);
                        }/>
                    "Protect with a passphrase"
                </label>
                <Show when=move || protect.get()>
                    <div class="protect__fields">
                        <p class="muted">
                            "The file is encrypted: only someone with the passphrase can open it, and nothing "
                            "recovers a lost one. Send it another way than the file."
                        </p>
                        {crypto::available().err().map(|message| view! {
                            <p class="import__error" role="alert">{message}</p>
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
            <div class="form__actions">
                <button class="button button--primary" disabled=blocked
                    on:click=move |_| download(Scope::Workspace)>
                    "Export whole workspace"
                </button>
                <span class="form__status" id="export-status" role="status">
                    {move || busy.get().then_some("Protecting… deriving the key from the passphrase.")}
                </span>
            </div>
            {move || failure.get().map(|message| view! {
                <p class="import__error" role="alert">{message}</p>
            })}
            <details class="choose">
                <summary>"Export chosen partners"</summary>
                <div class="choose__list">
                    {move || partners().into_iter().map(|(id, name)| {
                        let checked = id.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&checked))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { if on { c.insert(id.clone()); } else { c.remove(&id); } });
                                    }/>
                                {name}
                            </label>
                        }
                    }).collect_view()}
                </div>
                <button class="button" disabled=move || blocked() || chosen.with(HashSet::is_empty)
                    on:click=move |_| download(Scope::Partners)>
                    {move || format!("Export {} chosen partner(s)", chosen.with(HashSet::len))}
                </button>
            </details>
        </section>
    }
}

/// A new-passphrase input with its label, hint and inline error.
#[component]
fn PassphraseField(
    label: &'static str,
    id: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    node: NodeRef<leptos::html::Input>,
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
