//! One ingredient's field: its label, the guidance on what to write, the textarea, and
//! the check of what is typed, updated with every keystroke.

use crate::model::actions::PitchAction;
use crate::model::pitch::{self, Check};
use crate::model::{Id, Ingredient};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// The id of an ingredient's textarea, so the score's checklist can focus it.
pub(super) fn input_id(ingredient: Ingredient) -> String {
    format!("pitch-{}", ingredient.key())
}

#[component]
pub(super) fn IngredientField(
    partner: Id,
    pitch: Id,
    ingredient: Ingredient,
    /// The saved text.
    stored: Signal<String>,
    /// What is typed and not saved yet; `None` shows the saved text.
    draft: RwSignal<Option<String>>,
    check: Signal<Option<Check>>,
    /// A sent version cannot be edited.
    locked: Signal<bool>,
) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let id = input_id(ingredient);
    let hint_id = format!("{id}-hint");
    let check_id = format!("{id}-check");
    let error_id = format!("{id}-error");
    let save = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match store.dispatch(PitchAction::SetText {
            partner: partner.clone(),
            pitch: pitch.clone(),
            ingredient,
            text,
        }) {
            Some(Ok(_)) => {
                draft.set(None);
                error.set(None);
            }
            // The draft stays, so nothing typed is lost; the message says what to do.
            Some(Err(e)) => error.set(Some(e.to_string())),
            None => {}
        }
    };
    let status = move || check.with(|c| c.as_ref().map_or("missing", |c| c.status.key()));
    let status_label = move || check.with(|c| c.as_ref().map(|c| c.status.label()));
    let message = move || check.with(|c| c.as_ref().map(|c| c.message.clone()));
    view! {
        <div class=move || format!("pitch-field pitch-field--{}", status())>
            <div class="pitch-field__head">
                <label for=id.clone()>{ingredient.label()}</label>
                <span class="pitch-status">{status_label}</span>
            </div>
            <p class="field__hint" id=hint_id.clone()>{pitch::guidance(ingredient)}</p>
            <textarea id=id name=input_id(ingredient) rows="3"
                aria-describedby=format!("{hint_id} {check_id} {error_id}")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                readonly=move || locked.get()
                prop:value=move || draft.get().unwrap_or_else(|| stored.get())
                on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                on:change=save></textarea>
            <p class="pitch-check" id=check_id>{message}</p>
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}
