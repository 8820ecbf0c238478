//! Import: a file arrives by the picker or by a drop anywhere on the page, is checked by
//! `model::formats::file::restore`, and waits in a dialog that previews the merge and the replace.
//! Nothing changes until the person chooses; a refused file changes nothing at all.

use super::conflicts::ConflictList;
use crate::model::core::format::count;
use crate::model::formats::{file, sealed};
use crate::model::merge::conflict::{self, Conflict};
use crate::model::merge::import::{self, Mode, Preview};
use crate::model::Workspace;
use crate::storage;
use crate::ui::modal::{Modal, Refused};
use crate::ui::state::{use_store, ImportRefused, PendingImport, Store};
use chrono::{DateTime, Timelike, Utc};
use leptos::prelude::*;

/// Reads a picked or dropped file and opens the import dialog with the outcome.
pub fn open_file(store: Store, file: web_sys::File) {
    let file_name = file.name();
    if file_name.to_lowercase().ends_with(".csv") || file.type_() == "text/csv" {
        let result = Err(ImportRefused::Csv);
        store.import.set(Some(PendingImport { file_name, result }));
        return;
    }
    crate::ui::lazy::fetch_import_dialog();
    leptos::task::spawn_local(async move {
        let result = match storage::files::read_text(file).await {
            Ok(text) => match sealed::open(&text) {
                sealed::Opened::Sealed => return super::unseal::ask(store, file_name, text),
                sealed::Opened::Plain(restored) => restored.map_err(ImportRefused::from),
            },
            Err(e) => Err(e.into()),
        };
        store.import.set(Some(PendingImport { file_name, result }));
    });
}

/// Lets a file be dropped anywhere on the page.
pub fn listen_for_drops(store: Store) {
    let over = window_event_listener(leptos::ev::dragover, |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            crate::ui::lazy::open_dropped_file(store, file);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .map(|dt| dt.types().includes(&"Files".into(), 0))
        .unwrap_or(false)
}

/// The import dialog, shown while a file awaits a decision.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let store = use_store();
    move || {
        store
            .import
            .get()
            .map(|pending| view! { <ImportModal pending/> })
    }
}

#[component]
fn ImportModal(pending: PendingImport) -> impl IntoView {
    let store = use_store();
    let close = Callback::new(move |()| store.import.set(None));
    let body = match pending.result {
        Err(message) => view! { <Refused message=message.to_string() on_close=close/> }.into_any(),
        Ok(restored) => {
            view! { <Choices restored file_name=pending.file_name.clone()/> }.into_any()
        }
    };
    view! {
        <Modal labelled_by="import-title" on_close=close>
            <h2 id="import-title">"Import " <span class="file-name">{pending.file_name}</span></h2>
            {body}
        </Modal>
    }
}

/// The person's decision on a restored file: the mode, the preview and conflicts it
/// gives, and the choice made on each conflict.
#[derive(Clone, Copy)]
struct Decision {
    store: Store,
    incoming: StoredValue<Workspace>,
    mode: RwSignal<Mode>,
    preview: Memo<Preview>,
    conflicts: Memo<Vec<Conflict>>,
    chosen: RwSignal<conflict::Choices>,
}

impl Decision {
    fn new(store: Store, incoming: Workspace) -> Self {
        let incoming = StoredValue::new(incoming);
        let mode = RwSignal::new(Mode::Merge);
        let shared = StoredValue::new(storage::local::shared());
        Decision {
            store,
            incoming,
            mode,
            preview: Memo::new(move |_| {
                let mode = mode.get();
                store
                    .ws
                    .with(|ws| incoming.with_value(|inc| import::preview_valid(ws, inc, mode)))
            }),
            conflicts: Memo::new(move |_| {
                let mode = mode.get();
                store.ws.with(|ws| {
                    incoming.with_value(|inc| {
                        shared.with_value(|s| import::conflicts(ws, inc, s, mode))
                    })
                })
            }),
            chosen: RwSignal::new(conflict::Choices::default()),
        }
    }

    /// Imports the file as decided; a choice on a conflict that breaks a rule turns the
    /// dialog into the refusal.
    fn apply(self, file_name: &str) {
        let Decision {
            store,
            incoming,
            mode,
            conflicts,
            chosen,
            ..
        } = self;
        let merged = store.ws.with_untracked(|ws| {
            incoming.with_value(|inc| import::apply_valid(ws, inc, mode.get_untracked()))
        });
        let result = merged.and_then(|merged| {
            // The choice is an edit made now: stamped later than anything in the file.
            incoming.with_value(|inc| store.observe(inc));
            let at = store.stamp();
            conflicts.with_untracked(|c| {
                import::settle(
                    merged,
                    c,
                    &chosen.get_untracked(),
                    storage::now(),
                    at,
                    storage::new_id,
                )
            })
        });
        match result {
            Ok(ws) => incoming.with_value(|inc| finish_import(store, ws, inc, file_name)),
            // The preview runs the same checks and offers no import they refuse; this is
            // left for a choice made on a conflict that breaks a rule.
            Err(errors) => {
                store.import.set(Some(PendingImport {
                    file_name: "the file".into(),
                    result: Err(ImportRefused::NotCombined {
                        refusals: refusals(&errors),
                    }),
                }));
            }
        }
    }
}

#[component]
fn Choices(restored: file::Restored, file_name: String) -> impl IntoView {
    let store = use_store();
    let decision = Decision::new(store, restored.workspace);
    let Decision {
        mode,
        preview,
        conflicts,
        chosen,
        ..
    } = decision;
    view! {
        <p class="muted">{about(restored.version, restored.scope, restored.saved_at)}</p>
        <ModeChoice mode/>
        // Conflicting partners are listed below with their choice, not in the preview.
        {move || view! { <PreviewView preview=conflicts.with(|c| preview.get().beside(c))/> }}
        <ConflictList conflicts chosen/>
        <div class="form__actions">
            <button class="button button--primary" on:click=move |_| decision.apply(&file_name)
                prop:disabled=move || preview.with(|p| !p.can_apply())>
                {move || match mode.get() { Mode::Merge => "Merge into my workspace", Mode::Replace => "Replace my workspace" }}
            </button>
            <button class="button button--quiet" on:click=move |_| store.import.set(None)>"Cancel"</button>
        </div>
    }
}

/// What the file is: "A Tandem file (format version 3) holding a whole workspace, saved
/// 2026-11-23 at 14:05 UTC."
fn about(version: u64, scope: file::Scope, saved_at: DateTime<Utc>) -> String {
    let scope = match scope {
        file::Scope::Workspace => "a whole workspace",
        file::Scope::Partners => "a selection of partners",
    };
    format!(
        "A Tandem file (format version {version}) holding {scope}, saved {} at {:02}:{:02} UTC.",
        saved_at.date_naive(),
        saved_at.hour(),
        saved_at.minute()
    )
}

/// Merge or replace, each with what it does.
#[component]
fn ModeChoice(mode: RwSignal<Mode>) -> impl IntoView {
    view! {
        <fieldset class="mode">
            <legend>"How to import"</legend>
            <label class="check">
                <input type="radio" name="mode" checked=move || mode.get() == Mode::Merge
                    on:change=move |_| mode.set(Mode::Merge)/>
                <span><strong>"Merge"</strong>" — add new partners, take the newer version of each one both sides have, keep everything else."</span>
            </label>
            <label class="check">
                <input type="radio" name="mode" checked=move || mode.get() == Mode::Replace
                    on:change=move |_| mode.set(Mode::Replace)/>
                <span><strong>"Replace"</strong>" — make the workspace exactly what the file holds."</span>
            </label>
        </fieldset>
    }
}

/// Puts the imported workspace in place and remembers each partner's version in the file
/// as the last one shared (the base of the next import's conflicts).
fn finish_import(store: Store, ws: Workspace, incoming: &Workspace, file_name: &str) {
    let n = ws.partners.len();
    storage::local::mark_shared(incoming.partners.iter().map(|p| (&p.id, p.edit_stamp())));
    store.replace(ws, format!("Import {file_name}"));
    store.import.set(None);
    store.say(format!(
        "Imported. The workspace now holds {}.",
        count(n, "partner")
    ));
}

/// A group of more names than this lists them when opened: 2,000 unchanged partners
/// written out at once were a visible part of a large import's wait for its preview.
const LISTED_WHEN_OPENED: usize = 50;

/// One group of an import preview ("3 added"), open when short enough to read at once.
pub fn preview_group(
    title: &'static str,
    class: &'static str,
    names: Vec<String>,
) -> impl IntoView {
    let n = names.len();
    let listed = RwSignal::new(n <= LISTED_WHEN_OPENED);
    let names = StoredValue::new(names);
    let items = move || {
        listed.get().then(|| {
            names.with_value(|names| {
                names
                    .iter()
                    .map(|name| view! { <li>{name.clone()}</li> })
                    .collect_view()
            })
        })
    };
    view! {
        <details class=format!("preview__group preview__group--{class}") open={n > 0 && n <= 8}
            on:toggle=move |_| listed.set(true)>
            <summary><span class="preview__count">{n}</span>" "{title}</summary>
            <ul>{items}</ul>
        </details>
    }
}

/// The first few broken rules, each naming its record, and how many more there are.
pub(super) fn refusals(errors: &[crate::model::ValidationError]) -> String {
    let mut text: Vec<String> = errors.iter().take(5).map(ToString::to_string).collect();
    if errors.len() > 5 {
        text.push(format!("and {} more", errors.len() - 5));
    }
    text.join("; ")
}

/// What a market matched by name means for the person: the file's records there are
/// filed under ours.
fn matched_market((theirs, ours): &(String, String)) -> String {
    if theirs == ours {
        format!("“{ours}” is already in your catalogue: the file's partners, landing plans and metrics there are filed under yours.")
    } else {
        format!("“{theirs}” in the file is your “{ours}”: the file's partners, landing plans and metrics there are filed under yours.")
    }
}

#[component]
fn PreviewView(preview: Preview) -> impl IntoView {
    let group = preview_group;
    let markets = preview.markets_added;
    let no_op = preview.is_no_op();
    let refused = preview.refused.clone();
    view! {
        <div class="preview" aria-live="polite">
            {(!refused.is_empty()).then(|| view! {
                <div class="preview__refused" role="alert">
                    <p><strong>"This file cannot be merged into your workspace as it stands."</strong>
                        " Nothing has changed. The combined workspace would break "
                        {if refused.len() == 1 { "this rule:".to_owned() } else { format!("these {} rules:", refused.len()) }}</p>
                    <ul>{refused.iter().take(5).map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
                    {(refused.len() > 5).then(|| view! { <p>{format!("and {} more.", refused.len() - 5)}</p> })}
                    <p class="muted">"Replace would make your workspace exactly the file's, dropping what only you have; or ask the file's author to fix these in their Tandem."</p>
                </div>
            })}
            {preview.markets_matched.iter().map(|m| view! { <p class="preview__matched">{matched_market(m)}</p> }).collect_view()}
            {group("added", "added", preview.added)}
            {group("updated", "updated", preview.updated)}
            {group("unchanged", "unchanged", preview.unchanged)}
            {(!preview.kept_ours.is_empty()).then(|| group("kept as yours (yours is newer)", "kept", preview.kept_ours.clone()))}
            {(!preview.removed.is_empty()).then(|| group("removed", "removed", preview.removed.clone()))}
            {(markets > 0).then(|| view! { <p>{format!("{markets} new market(s) join the catalogue.")}</p> })}
            {(preview.markets_updated > 0).then(|| view! { <p>{format!("{} market(s) take the file's newer name.", preview.markets_updated)}</p> })}
            {(preview.markets_removed > 0).then(|| view! { <p>{format!("{} market(s) leave the catalogue.", preview.markets_removed)}</p> })}
            {preview.program_renamed.clone().map(|name| view! { <p>"The program will be named “"{name}"”."</p> })}
            {preview.program_target_changed.then(|| view! {
                <p>"The program's target, levers and program wins will be taken from the file."</p>
            })}
            {preview.program_target_kept.then(|| view! {
                <p>"The file has another program target; yours was edited more recently and stays."</p>
            })}
            {no_op.then(|| view! { <p class="muted">"Importing this file would change nothing."</p> })}
        </div>
    }
}
