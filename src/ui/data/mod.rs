//! The Data screen: export, import, storage usage, the workspace's settings, and reset.

pub mod conflicts;
pub mod csv;
pub mod export;
pub mod import;
pub mod settings;
pub mod unseal;

use crate::model::{core::format, demo, Workspace};
use crate::storage::{self, local};
use crate::ui::banners::download_unreadable;
use crate::ui::state::use_store;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn DataScreen() -> impl IntoView {
    view! {
        <section class="screen">
            <h1 tabindex="-1">"Data"</h1>
            <div class="data-grid">
                <export::ExportPanel/>
                <ImportPanel/>
                <csv::CsvPanel/>
                <crate::ui::metrics::csv::MetricsCsv/>
                <settings::SettingsPanel/>
                <StoragePanel/>
                <BackupPanel/>
                <ResetPanel/>
            </div>
        </section>
    }
}

#[component]
fn ImportPanel() -> impl IntoView {
    let store = use_store();
    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import"</h2>
            <p>"Choose a Tandem file (.json), or drop one anywhere on the page. You will see what changes before anything does."</p>
            <label class="button file-button">
                "Choose a file…"
                <input type="file" accept=".json,application/json" class="visually-hidden" id="import-file"
                    on:change=move |ev| {
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        if let Some(input) = input {
                            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                                import::open_file(store, file);
                            }
                            // Let the same file be chosen again later.
                            input.set_value("");
                        }
                    }/>
            </label>
        </section>
    }
}

#[component]
fn StoragePanel() -> impl IntoView {
    let store = use_store();
    // Recount after every save.
    // Recount after every save, and after a failed one (storage may have filled up).
    let used = Memo::new(move |_| {
        store.saves.track();
        store.save_error.track();
        local::used_bytes()
    });
    // Re-read after a fresh start sets a value aside, and after "Delete it".
    let forgotten = RwSignal::new(0u32);
    let unreadable = Memo::new(move |_| {
        store.startup.track();
        forgotten.track();
        local::unreadable()
    });
    view! {
        <section class="card" aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage"</h2>
            {move || match used.get() {
                None => view! { <p>"Local storage is not available in this browser."</p> }.into_any(),
                Some(bytes) => {
                    view! {
                        <p>{format!("{} used of this browser's {} local-storage quota ({}).",
                            format::bytes(bytes), format::bytes(local::QUOTA_BYTES),
                            format::percent_of(bytes, local::QUOTA_BYTES))}</p>
                        <meter min="0" max=local::QUOTA_BYTES as f64 low=0.6 * local::QUOTA_BYTES as f64
                            high=0.8 * local::QUOTA_BYTES as f64 optimum="0" value=bytes as f64
                            aria-label="Local storage used"></meter>
                        <p class="muted">"Local storage counts 2 bytes a character. The workspace saves itself after every change."</p>
                        {(bytes * 10 >= local::QUOTA_BYTES * 8).then(|| view! {
                            <p class="notice" role="alert">
                                "Local storage is nearly full. When it is full, changes can no longer be saved: "
                                "export the workspace now, and consider removing partners you no longer need."
                            </p>
                        })}
                    }.into_any()
                }
            }}
            {move || unreadable.get().map(|raw| view! {
                <div class="notice">
                    <p>{format!("A workspace that could not be read was set aside ({} characters).", raw.chars().count())}</p>
                    <button class="button" on:click=move |_| download_unreadable(&raw)>"Download it"</button>
                    <button class="button button--quiet" on:click=move |_| {
                        local::forget_unreadable();
                        forgotten.update(|n| *n += 1);
                    }>"Delete it"</button>
                </div>
            })}
        </section>
    }
}

/// The workspace as it was before the latest import or reset, restorable in one click.
#[component]
fn BackupPanel() -> impl IntoView {
    let store = use_store();
    let forgotten = RwSignal::new(0u32);
    let backup = Memo::new(move |_| {
        store.saves.track();
        forgotten.track();
        local::backup().map(|b| (b.label, b.workspace.partners.len()))
    });
    let restore = move |_| {
        if let Some(b) = local::backup() {
            store.replace(b.workspace, "Restore the backup");
            store.say("The backup is restored; the workspace it replaced is now the backup.");
        }
    };
    view! {
        <section class="card" aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Backup"</h2>
            {move || match backup.get() {
                None => view! {
                    <p class="muted">"Before an import or a reset replaces or merges into the workspace, Tandem keeps the workspace as it was here."</p>
                }.into_any(),
                Some((label, partners)) => view! {
                    <p>{format!("Kept before “{label}”: {partners} partners.")}</p>
                    <div class="form__actions">
                        <button class="button" on:click=restore>"Restore the backup"</button>
                        <button class="button button--quiet" on:click=move |_| {
                            local::forget_backup();
                            forgotten.update(|n| *n += 1);
                        }>"Delete the backup"</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ResetPanel() -> impl IntoView {
    let store = use_store();
    let confirming = RwSignal::new(None::<&'static str>);
    let reset = move |_| {
        let ws = match confirming.get() {
            Some("demo") => demo::workspace(storage::now()),
            _ => Workspace::empty(),
        };
        store.reset(
            ws,
            if confirming.get() == Some("demo") {
                "Reset to demo"
            } else {
                "Start empty"
            },
        );
        confirming.set(None);
        store.say("Workspace reset.");
    };
    view! {
        <section class="card" aria-labelledby="reset-heading">
            <h2 id="reset-heading">"Reset"</h2>
            <p>"Replace the whole workspace with the demo, or start empty. Export first if you want to keep what is here."</p>
            <Show when=move || confirming.get().is_some() fallback=move || view! {
                <div class="form__actions">
                    <button class="button" on:click=move |_| confirming.set(Some("demo"))>"Reset to demo…"</button>
                    <button class="button" on:click=move |_| confirming.set(Some("empty"))>"Start empty…"</button>
                </div>
            }>
                <div class="confirm-box" role="alert">
                    <p>{move || format!("Replace all {} partners {}? This cannot be undone.",
                        store.ws.with(|ws| ws.partners.len()),
                        if confirming.get() == Some("demo") { "with the demo" } else { "with an empty workspace" })}</p>
                    <div class="form__actions">
                        <button class="button button--danger" on:click=reset>"Yes, replace"</button>
                        <button class="button button--quiet" on:click=move |_| confirming.set(None)>"Cancel"</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
