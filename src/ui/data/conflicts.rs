//! The conflicts step of an import: each field of a partner edited on both sides since
//! they last shared it, with the choice of which version to keep, field by field, or of
//! keeping both versions as two partners.

use crate::model::core::format::count;
use crate::model::merge::conflict::{Choices, Clash, Conflict};
use crate::model::merge::fields::Side;
use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn ConflictList(conflicts: Memo<Vec<Conflict>>, chosen: RwSignal<Choices>) -> impl IntoView {
    view! {
        <Show when=move || !conflicts.with(Vec::is_empty)>
            <section class="conflicts" aria-labelledby="conflicts-heading">
                <h3 id="conflicts-heading">
                    {move || format!("{} edited on both sides since you last shared files", count(conflicts.with(Vec::len), "partner"))}
                </h3>
                <p class="muted">"Fields only one side changed are merged already. For each field both changed, choose which version to keep; the later edit is chosen until you do."</p>
                {move || conflicts.get().into_iter().enumerate().map(|(i, c)| view! {
                    <ConflictItem index=i conflict=c chosen/>
                }).collect_view()}
            </section>
        </Show>
    }
}

#[component]
fn ConflictItem(index: usize, conflict: Conflict, chosen: RwSignal<Choices>) -> impl IntoView {
    let id = conflict.ours.id.clone();
    let both = {
        let id = id.clone();
        move || chosen.with(|c| c.both.contains(&id))
    };
    let toggle_both = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            chosen.update(|c| {
                if on {
                    c.both.insert(id.clone());
                } else {
                    c.both.remove(&id);
                }
            });
        }
    };
    let name = conflict.heading();
    let rows = conflict
        .fields
        .into_iter()
        .enumerate()
        .map(|(row, clash)| field_row(index, row, id.clone(), clash, chosen, both.clone()))
        .collect_view();
    view! {
        <fieldset class="conflict">
            <legend>{name}</legend>
            <div class="table-wrap">
                <table class="table conflict__table">
                    <thead><tr><th scope="col">"Field"</th><th scope="col">"Yours"</th><th scope="col">"In the file"</th><th scope="col">"Keep"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="conflict__choices">
                <label class="check">
                    <input type="checkbox" prop:checked=both on:change=toggle_both/>
                    "Keep both as two partners"
                </label>
            </div>
        </fieldset>
    }
}

/// One clashing field: both versions and the two choices.
fn field_row(
    index: usize,
    row: usize,
    id: Id,
    clash: Clash,
    chosen: RwSignal<Choices>,
    both: impl Fn() -> bool + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let key = (id, clash.key.clone());
    let later = clash.later;
    let current = {
        let key = key.clone();
        move || chosen.with(|c| c.fields.get(&key).copied().unwrap_or(later))
    };
    let label = clash.label.clone();
    let option = move |side: Side, text: &'static str| {
        let key = key.clone();
        let current = current.clone();
        let both = both.clone();
        view! {
            <label class="check">
                <input type="radio" name=format!("conflict-{index}-{row}")
                    aria-label=format!("{text}: {label}")
                    prop:disabled=both
                    checked=move || current() == side
                    on:change=move |_| { chosen.update(|c| { c.fields.insert(key.clone(), side); }); }/>
                {text}
            </label>
        }
    };
    view! {
        <tr>
            <th scope="row">{clash.label.clone()}</th>
            <td data-label="Yours">{clash.ours}</td>
            <td data-label="In the file">{clash.theirs}</td>
            <td class="conflict__keep" data-label="Keep">
                {option(Side::Ours, "Keep yours")}
                {option(Side::Theirs, "Keep the file's")}
            </td>
        </tr>
    }
}
