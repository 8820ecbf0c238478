//! What the two sides agreed and did after the deal. Two partner tabs: "Goals &
//! commitments" (shared goals with the no-goal flag, commitments of each side with the
//! delivery record, the decision log) and "Landing & wins" (the landing plan as a grid
//! of tracks × steps, the partner's wins); plus [`WinsFeed`], which the dashboard shows
//! for the whole program.
//!
//! Every figure comes from `model::goals` and `model::landing`; every edit goes through
//! one of their functions inside `store.edit`, so undo, saving and tab sync follow.

mod commitments;
mod decisions;
pub mod feed;
mod goal_list;
mod landing;
mod plan_grid;

pub use feed::WinsFeed;

use crate::model::{Id, Partner, ValidationError};
use crate::ui::fields::field_error;
use crate::ui::state::use_store;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn GoalsSection(id: Id) -> impl IntoView {
    view! {
        <div class="goals-page">
            <goal_list::GoalList id=id.clone()/>
            <commitments::Commitments id=id.clone()/>
            <decisions::Decisions id=id/>
        </div>
    }
}

#[component]
pub fn LandingSection(id: Id) -> impl IntoView {
    view! {
        <div class="goals-page">
            <landing::LandingPlan id=id.clone()/>
            <WinsFeed partner=Some(id)/>
        </div>
    }
}

/// The stored partner, following every change to the workspace.
fn partner_memo(id: Id) -> Memo<Option<Partner>> {
    let store = use_store();
    Memo::new(move |_| store.ws.with(|ws| ws.partner(&id).cloned()))
}

/// A date input's value: empty, or `YYYY-MM-DD` as the browser's date picker gives it.
fn parse_date(text: &str, field: &str) -> Result<Option<NaiveDate>, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| problem(field, "is not a date; use the date picker or YYYY-MM-DD"))
}

/// A date input's value that must be given: `missing` says what to do when it is empty.
fn required_date(text: &str, field: &str, missing: &str) -> Result<NaiveDate, ValidationError> {
    parse_date(text, field)?.ok_or_else(|| problem(field, missing))
}

/// A date input's value for a stored date.
fn date_value(date: Option<NaiveDate>) -> String {
    date.map(crate::model::core::format::iso_day)
        .unwrap_or_default()
}

/// A form's own error for one field, before the model sees the value.
fn problem(field: &str, message: &str) -> ValidationError {
    ValidationError {
        path: field.into(),
        record: String::new(),
        message: message.into(),
    }
}

/// Errors that belong to no field of the form, as one line.
fn other_errors(
    errors: RwSignal<Vec<ValidationError>>,
    fields: &'static [&'static str],
) -> impl Fn() -> String {
    move || {
        errors.with(|e| {
            e.iter()
                .filter(|e| !fields.contains(&e.path.as_str()))
                .map(|e| {
                    if e.path.is_empty() {
                        e.message.clone()
                    } else {
                        // The field by name: a person has no use for an index path.
                        format!("{}: {}", e.field(), e.message)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    }
}

/// A labelled date input bound to a text signal.
#[component]
fn DateField(
    label: &'static str,
    name: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let input_id = format!("f-{name}");
    let error_id = format!("e-{name}");
    view! {
        <div class="field">
            <label for=input_id.clone()>{label}</label>
            <input id=input_id type="date" name=name aria-describedby=error_id.clone()
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <crate::ui::fields::FieldError id=error_id message=error/>
        </div>
    }
}

/// A two-step remove button: the first press asks, the second removes.
#[component]
fn RemoveButton(
    /// What is removed, for the button's accessible name.
    what: String,
    on_remove: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let label = format!("Remove {what}");
    let confirm_label = format!("Confirm: remove {what}");
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="button button--quiet button--small" aria-label=label.clone()
                on:click=move |_| confirming.set(true)>"Remove"</button>
        }>
            <button type="button" class="button button--danger button--small" aria-label=confirm_label.clone()
                on:click=move |_| { confirming.set(false); on_remove.run(()) }>"Confirm remove"</button>
            <button type="button" class="button button--quiet button--small"
                on:click=move |_| confirming.set(false)>"Cancel"</button>
        </Show>
    }
}
