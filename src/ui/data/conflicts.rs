//! The conflicts step of an import: each partner edited on both sides since they last
//! shared it, field by field, with the choice of which version to keep.

use crate::model::merge::conflict::{Choice, Conflict};
use crate::model::Id;
use leptos::prelude::*;
use std::collections::HashMap;

/// What a conflict settles to when the person has not chosen: the newer edit, as the
/// merge would.
pub fn default_choice(c: &Conflict) -> Choice {
    if c.theirs.updated > c.ours.updated {
        Choice::KeepTheirs
    } else {
        Choice::KeepOurs
    }
}

/// Every conflict's choice, made or defaulted.
pub fn effective(conflicts: &[Conflict], chosen: &HashMap<Id, Choice>) -> HashMap<Id, Choice> {
    conflicts
        .iter()
        .map(|c| {
            (
                c.ours.id.clone(),
                chosen
                    .get(&c.ours.id)
                    .copied()
                    .unwrap_or_else(|| default_choice(c)),
            )
        })
        .collect()
}

#[component]
pub fn ConflictList(
    conflicts: Memo<Vec<Conflict>>,
    chosen: RwSignal<HashMap<Id, Choice>>,
) -> impl IntoView {
    view! {
        <Show when=move || !conflicts.with(Vec::is_empty)>
            <section class="conflicts" aria-labelledby="conflicts-heading">
                <h3 id="conflicts-heading">
                    {move || format!("{} partner(s) edited on both sides since you last shared them", conflicts.with(Vec::len))}
                </h3>
                <p class="muted">"Choose which version to keep for each. Nothing is dropped unless you choose it."</p>
                {move || conflicts.get().into_iter().enumerate().map(|(i, c)| view! {
                    <ConflictItem index=i conflict=c chosen/>
                }).collect_view()}
            </section>
        </Show>
    }
}

#[component]
fn ConflictItem(
    index: usize,
    conflict: Conflict,
    chosen: RwSignal<HashMap<Id, Choice>>,
) -> impl IntoView {
    let id = conflict.ours.id.clone();
    let default = default_choice(&conflict);
    let current = {
        let id = id.clone();
        move || chosen.with(|c| c.get(&id).copied().unwrap_or(default))
    };
    let option = move |choice: Choice, label: &'static str| {
        let id = id.clone();
        let current = current.clone();
        view! {
            <label class="check">
                <input type="radio" name=format!("conflict-{index}")
                    checked=move || current() == choice
                    on:change=move |_| { chosen.update(|c| { c.insert(id.clone(), choice); }); }/>
                {label}
            </label>
        }
    };
    let name = conflict.ours.name.clone();
    view! {
        <fieldset class="conflict">
            <legend>{name}</legend>
            <div class="table-wrap">
                <table class="table conflict__table">
                    <thead><tr><th scope="col">"Field"</th><th scope="col">"Yours"</th><th scope="col">"In the file"</th></tr></thead>
                    <tbody>
                        {conflict.fields.into_iter().map(|(label, ours, theirs)| view! {
                            <tr><th scope="row">{label}</th><td>{ours}</td><td>{theirs}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="conflict__choices">
                {option(Choice::KeepOurs, "Keep yours")}
                {option(Choice::KeepTheirs, "Keep the file's")}
                {option(Choice::KeepBoth, "Keep both")}
            </div>
        </fieldset>
    }
}
