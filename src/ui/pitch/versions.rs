//! The list of pitch versions: pick one to edit, start a new one (blank or a copy of the
//! latest), delete the one shown. A sent version carries its date; the one sent most
//! recently is marked as the pitch on the table.

use super::VersionRow;
use crate::model::actions::PitchAction;
use crate::model::core::format;
use crate::model::pitch::Start;
use crate::model::Id;
use crate::storage;
use crate::ui::confirm::{ConfirmRemove, Verb};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub(super) fn VersionList(
    partner: Id,
    rows: Memo<Vec<VersionRow>>,
    current: Memo<Option<Id>>,
    chosen: RwSignal<Option<Id>>,
) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let add = {
        let partner = partner.clone();
        Callback::new(move |start: Start| {
            let new = storage::new_id();
            let outcome = store.dispatch(PitchAction::NewVersion {
                partner: partner.clone(),
                id: new.clone(),
                start,
            });
            match outcome {
                Some(Ok(_)) => {
                    error.set(None);
                    confirming.set(false);
                    chosen.set(Some(new));
                }
                Some(Err(e)) => error.set(Some(e.to_string())),
                None => {}
            }
        })
    };
    let add_blank = move |_| add.run(Start::Blank);
    let add_copy = move |_| add.run(Start::CopyLatest);
    let delete = deleter(partner.clone(), rows, current, error);
    let empty = move || rows.with(Vec::is_empty);
    view! {
        <section class="card pitch-versions" aria-labelledby="pitch-versions-heading">
            <div class="card__head">
                <h2 id="pitch-versions-heading">"Versions"</h2>
                <div class="form__actions pitch-versions__actions">
                    <button class="button" on:click=add_blank>
                        {move || if empty() { "Start a pitch" } else { "New blank version" }}
                    </button>
                    <Show when=move || !empty()>
                        <button class="button" on:click=add_copy>"New copy of latest"</button>
                    </Show>
                </div>
            </div>
            <Show when=empty>
                <p class="empty">
                    "No pitch yet. Start one: each of the twelve ingredients gets a field, a hint and a check, and the memo writes itself as you go."
                </p>
            </Show>
            <ul class="pitch-versions__list">
                <For each=move || rows.get() key=|r| r.clone() let:row>
                    <VersionItem row=row current=current chosen=chosen/>
                </For>
            </ul>
            <Show when=move || !empty()>
                <div class="pitch-versions__delete">
                    <ConfirmRemove verb=Verb::Delete ask="Delete this version"
                        question="Delete the version shown?" on_remove=delete confirming=confirming/>
                </div>
            </Show>
            <p class="field__error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// Deletes the version shown; a refusal goes to `error`.
fn deleter(
    partner: Id,
    rows: Memo<Vec<VersionRow>>,
    current: Memo<Option<Id>>,
    error: RwSignal<Option<String>>,
) -> Callback<()> {
    let store = use_store();
    Callback::new(move |_: ()| {
        let Some(pid) = current.get_untracked() else {
            return;
        };
        let label = rows.with_untracked(|rows| {
            rows.iter()
                .find(|r| r.id == pid)
                .map(|r| r.label.clone())
                .unwrap_or_default()
        });
        let outcome = store.dispatch(PitchAction::DeleteVersion {
            partner: partner.clone(),
            pitch: pid,
            label: label.clone(),
        });
        match outcome {
            Some(Ok(_)) => {
                error.set(None);
                store.say(format!(
                    "Deleted pitch version {label}. Undo brings it back."
                ));
            }
            Some(Err(e)) => error.set(Some(e.to_string())),
            None => {}
        }
    })
}

#[component]
fn VersionItem(
    row: VersionRow,
    current: Memo<Option<Id>>,
    chosen: RwSignal<Option<Id>>,
) -> impl IntoView {
    let id = row.id.clone();
    let pick_id = row.id.clone();
    let is_current = move || current.with(|c| c.as_ref() == Some(&id));
    let state = match row.sent {
        Some(day) => format!("Sent {}", format::day(day)),
        None => format!("Drafted {}", format::day(row.drafted)),
    };
    let presented = (!row.presented.is_empty()).then(|| {
        let days: Vec<String> = row.presented.iter().map(|d| format::day(*d)).collect();
        format!("Presented at the meeting of {}", days.join(", "))
    });
    view! {
        <li>
            <button class="pitch-version" class:pitch-version--sent=row.sent.is_some()
                aria-pressed=move || if is_current() { "true" } else { "false" }
                on:click=move |_| chosen.set(Some(pick_id.clone()))>
                <span class="pitch-version__label">{row.label.clone()}</span>
                <span class="pitch-version__state">{state}</span>
                <span class="pitch-version__score">{format!("{} %", row.percent)}</span>
                {row.on_table.then(|| view! { <span class="pill pitch-version__table">"On the table"</span> })}
                {presented.map(|p| view! { <span class="pitch-version__presented">{p}</span> })}
            </button>
        </li>
    }
}
