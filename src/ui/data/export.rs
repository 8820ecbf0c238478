//! Export: the whole workspace, or chosen partners, as a Tandem file download.

use crate::model::file::{self, Scope};
use crate::model::Id;
use crate::storage;
use crate::ui::state::use_store;
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = use_store();
    let chosen = RwSignal::new(HashSet::<Id>::new());
    let download = move |scope: Scope| {
        let now = storage::now();
        let (text, name) = store.ws.with(|ws| match scope {
            Scope::Workspace => (
                file::write(ws, scope, now, true),
                file::export_name(&ws.program_name, now.date_naive(), ""),
            ),
            Scope::Partners => chosen.with(|ids| {
                (
                    file::write(&file::subset(ws, ids), scope, now, true),
                    file::export_name(
                        &ws.program_name,
                        now.date_naive(),
                        &format!("-{}-partners", ids.len()),
                    ),
                )
            }),
        });
        match storage::files::download(&name, &text, "application/json") {
            // What was exported is now shared: a later import can tell who edited what.
            Ok(()) => store.ws.with_untracked(|ws| {
                chosen.with_untracked(|ids| {
                    storage::local::mark_shared(
                        ws.partners
                            .iter()
                            .filter(|p| scope == Scope::Workspace || ids.contains(&p.id))
                            .map(|p| (&p.id, p.updated)),
                    )
                })
            }),
            Err(e) => store.say(e),
        }
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
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Export"</h2>
            <p>"Download a Tandem file to keep a copy or send to a colleague, who can merge it into their workspace."</p>
            <div class="form__actions">
                <button class="button button--primary" on:click=move |_| download(Scope::Workspace)>
                    "Export whole workspace"
                </button>
            </div>
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
                <button class="button" disabled=move || chosen.with(HashSet::is_empty)
                    on:click=move |_| download(Scope::Partners)>
                    {move || format!("Export {} chosen partner(s)", chosen.with(HashSet::len))}
                </button>
            </details>
        </section>
    }
}
