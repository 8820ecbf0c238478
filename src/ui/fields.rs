//! Form widgets shared by the screens: labelled inputs and selects bound to a signal,
//! each showing the model's validation message for its field; the save and cancel of a
//! form that closes when done.

use crate::model::actions::{ActionError, Applied};
use crate::model::core::format;
use crate::model::{Choice, ValidationError};
use crate::ui::draft::Draft;
use crate::ui::state::Store;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The message for one field path among a form's errors, if any.
pub fn error_for(errors: &[ValidationError], path: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.message.clone())
}

/// A field's error line, with an id the input points at via `aria-describedby`.
#[component]
pub fn FieldError(id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field__error" id=id role="alert">
            {move || message.get()}
        </p>
    }
}

/// A labelled text input (or textarea when `multiline`) bound to `value`.
#[component]
pub fn TextField(
    label: &'static str,
    /// Form-unique name; also the input's id suffix.
    name: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] hint: &'static str,
    #[prop(optional, into)] input_type: Option<&'static str>,
) -> impl IntoView {
    let input_id = format!("f-{name}");
    let error_id = format!("e-{name}");
    let invalid = move || error.get().is_some().then_some("true");
    let input = if multiline {
        view! {
            <textarea id=input_id.clone() name=name.clone() rows="4"
                aria-invalid=invalid aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=input_id.clone() name=name.clone() type=input_type.unwrap_or("text")
                aria-invalid=invalid aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=input_id>{label}</label>
            {input}
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            <FieldError id=error_id message=error/>
        </div>
    }
}

/// A labelled select over one of the model's vocabularies.
#[component]
pub fn ChoiceField<T: Choice>(
    label: &'static str,
    name: String,
    value: RwSignal<T>,
) -> impl IntoView {
    let input_id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=input_id.clone()>{label}</label>
            <ChoiceSelect id=input_id value=value/>
        </div>
    }
}

/// A bare select over a vocabulary, for places that label it themselves.
#[component]
pub fn ChoiceSelect<T: Choice>(
    id: String,
    value: RwSignal<T>,
    #[prop(optional)] aria_label: Option<String>,
) -> impl IntoView {
    view! {
        // `selected` places the first value; `prop:value` keeps the select following the
        // signal after the person has picked (an undo, a revert, another tab).
        <select id=id aria-label=aria_label prop:value=move || value.get().key()
            on:change=move |ev| {
                if let Some(v) = T::from_key(&event_target_value(&ev)) {
                    value.set(v);
                }
            }>
            {T::all().iter().map(|&option| view! {
                <option value=option.key() selected=move || value.get() == option>
                    {option.label()}
                </option>
            }).collect_view()}
        </select>
    }
}

/// A labelled select over a vocabulary whose value may not be chosen yet: while it is
/// not, the select reads "Not set — choose…" and a hint says why choosing matters.
#[component]
pub fn OptionalChoiceField<T: Choice>(
    label: &'static str,
    name: String,
    value: RwSignal<Option<T>>,
    /// What the choice is for, said while it is not made.
    prompt: &'static str,
) -> impl IntoView {
    let input_id = format!("f-{name}");
    let hint_id = format!("h-{name}");
    let unset = move || value.get().is_none();
    view! {
        <div class="field" class:field--unset=unset>
            <label for=input_id.clone()>{label}</label>
            <OptionSelect value none=format!("{} — choose…", crate::model::core::vocabulary::NOT_SET)
                id=input_id name=name describedby=hint_id.clone()/>
            <p class="field__hint" id=hint_id>{move || unset().then_some(prompt)}</p>
        </div>
    }
}

/// A select offering "Any" plus every value of a vocabulary, for filters.
#[component]
pub fn ChoiceFilter<T: Choice>(label: &'static str, value: RwSignal<Option<T>>) -> impl IntoView {
    view! {
        <label class="filter">
            <span>{label}</span>
            <OptionSelect value none="Any".to_owned()/>
        </label>
    }
}

/// A select over a vocabulary whose first option stands for no value (`none`: "Any" in a
/// filter, "Not set — choose…" in a form); the one place such a select is written.
#[component]
pub fn OptionSelect<T: Choice>(
    value: RwSignal<Option<T>>,
    none: String,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] name: Option<String>,
    #[prop(optional)] describedby: Option<String>,
) -> impl IntoView {
    view! {
        <select id=id name=name aria-describedby=describedby
            prop:value=move || value.get().map_or("", |v| v.key())
            on:change=move |ev| value.set(T::from_key(&event_target_value(&ev)))>
            <option value="" selected=move || value.get().is_none()>{none}</option>
            {T::all().iter().map(|&option| view! {
                <option value=option.key() selected=move || value.get() == Some(option)>
                    {option.label()}
                </option>
            }).collect_view()}
        </select>
    }
}

/// A form's save and revert buttons with its status: what stops a save, unsaved
/// changes, or all saved. `dirty` and `has_errors` come from the form.
#[component]
pub fn FormActions(
    save_label: &'static str,
    #[prop(into)] dirty: Signal<bool>,
    #[prop(into)] has_errors: Signal<bool>,
    on_revert: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <div class="form__actions">
            <button type="submit" class="button button--primary"
                disabled=move || !dirty.get() || has_errors.get()>{save_label}</button>
            <button type="button" class="button button--quiet" on:click=on_revert
                disabled=move || !dirty.get()>"Revert"</button>
            <span class="form__status" aria-live="polite">
                {move || if has_errors.get() {
                    "Fix the marked fields to save."
                } else if dirty.get() {
                    "Unsaved changes. Kept as a draft until you save or revert."
                } else {
                    "All changes saved."
                }}
            </span>
        </div>
    }
}

/// A form's submit handler: the page stays (no reload), and `f` runs.
pub fn on_submit(f: impl Fn() + 'static) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    move |ev| {
        ev.prevent_default();
        f();
    }
}

/// Said when the record a form edits changed elsewhere under unsaved edits, with the
/// way back to the stored version.
#[component]
pub fn OutdatedNotice(message: &'static str, on_load: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_load.run(())>"Load the newer version (discard my edits)"</button>
        </div>
    }
}

/// The errors, draft and closing of an add or edit form that closes once saved or
/// cancelled: the form's state struct holds one, so such forms save and cancel alike.
#[derive(Clone, Copy)]
pub struct Closing {
    pub errors: RwSignal<Vec<ValidationError>>,
    pub kept: Draft,
    on_done: Callback<()>,
}

impl Closing {
    pub fn new(kept: Draft, on_done: Callback<()>) -> Self {
        Closing {
            errors: RwSignal::new(Vec::new()),
            kept,
            on_done,
        }
    }

    /// Ends a save: an applied `result` clears the errors and the draft, is said in the
    /// words `said` gives it, and closes the form; a refused one shows its problems.
    pub fn finish(
        self,
        store: Store,
        result: Option<Result<Applied, ActionError>>,
        said: impl FnOnce(&Applied) -> &'static str,
    ) {
        match result {
            Some(Ok(applied)) => {
                self.errors.set(Vec::new());
                self.kept.clear();
                store.say(said(&applied));
                self.on_done.run(());
            }
            Some(Err(e)) => self.errors.set(e.problems()),
            None => {}
        }
    }

    /// Drops the draft and closes the form.
    pub fn cancel(self) {
        self.kept.clear();
        self.on_done.run(());
    }
}

/// The save and cancel buttons of a form that closes when done; `can_cancel`, where
/// given, hides Cancel while there is nothing to go back to.
#[component]
pub fn SaveCancel(
    save_label: &'static str,
    on_cancel: Callback<()>,
    #[prop(optional)] small: bool,
    #[prop(optional, into)] can_cancel: Option<Signal<bool>>,
) -> impl IntoView {
    let size = if small { " button--small" } else { "" };
    let cancel = move || {
        view! {
            <button type="button" class=format!("button button--quiet{size}")
                on:click=move |_| on_cancel.run(())>"Cancel"</button>
        }
    };
    let cancel = match can_cancel {
        None => cancel().into_any(),
        Some(can) => view! { <Show when=move || can.get()>{cancel()}</Show> }.into_any(),
    };
    view! {
        <div class="form__actions">
            <button type="submit" class=format!("button button--primary{size}")>{save_label}</button>
            {cancel}
        </div>
    }
}

/// The message for one field among a form's errors, as a signal for its field.
pub fn field_error(
    errors: RwSignal<Vec<ValidationError>>,
    path: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| error_for(e, path)))
}

/// The first of a form's errors that belongs to no field (an empty path).
pub fn general_error(errors: RwSignal<Vec<ValidationError>>) -> impl Fn() -> Option<String> + Copy {
    move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.path.is_empty())
                .map(|e| e.message.clone())
        })
    }
}

/// A form's own error for one field, before the model sees the value.
pub fn problem(field: &str, message: &str) -> ValidationError {
    ValidationError {
        path: field.into(),
        record: String::new(),
        message: message.into(),
    }
}

/// A labelled date input bound to the day's ISO text, as the browser's date picker gives
/// it; read the text with [`parse_date`] or [`required_date`], fill it with [`date_value`].
#[component]
pub fn DateField(
    label: &'static str,
    /// Form-unique name; also the input's id suffix.
    name: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! { <TextField label name value error input_type="date"/> }
}

/// A date input's value: nothing, or the day; an error on the form's `field` otherwise.
pub fn parse_date(text: &str, field: &str) -> Result<Option<NaiveDate>, ValidationError> {
    format::parse_iso_day(text).map_err(|e| problem(field, &e.to_string()))
}

/// A date input's value that must be given: `missing` says what to do when it is empty.
pub fn required_date(text: &str, field: &str, missing: &str) -> Result<NaiveDate, ValidationError> {
    parse_date(text, field)?.ok_or_else(|| problem(field, missing))
}

/// A date input's value for a stored date.
pub fn date_value(date: Option<NaiveDate>) -> String {
    date.map(format::iso_day).unwrap_or_default()
}
