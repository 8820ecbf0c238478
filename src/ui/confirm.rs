//! The two-step remove button every list uses: the first press asks, the second
//! removes, Cancel steps back. Written once so every record is removed the same way,
//! with the same words.

use leptos::prelude::*;

/// The verb on the buttons: a record of a partner is removed; a partner or a pitch
/// version is deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Verb {
    #[default]
    Remove,
    Delete,
}

impl Verb {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Verb::Remove => "Remove",
            Verb::Delete => "Delete",
        }
    }

    pub(crate) fn confirm(self) -> &'static str {
        match self {
            Verb::Remove => "Confirm remove",
            Verb::Delete => "Confirm delete",
        }
    }
}

/// A "Remove" button that asks first: "Confirm remove" and "Cancel" take its place
/// until one is pressed.
#[component]
pub fn ConfirmRemove(
    /// Runs on the second press.
    on_remove: Callback<()>,
    #[prop(optional)] verb: Verb,
    /// What is removed, for both buttons' accessible names ("Remove goal: …", "Confirm:
    /// remove goal: …") where the row around them does not already say it.
    #[prop(optional, into)]
    what: Option<String>,
    /// The first button's accessible name alone, for a table whose confirm button is
    /// found by its text ("Delete Pacewell", then "Confirm delete").
    #[prop(optional, into)]
    label: Option<String>,
    /// The first button's text when the verb alone would not say what goes ("Delete
    /// this version").
    #[prop(optional)]
    ask: Option<&'static str>,
    /// A question shown beside the confirm button.
    #[prop(optional)]
    question: Option<&'static str>,
    /// The asking state, when it must outlive a redraw of the row or be reset from
    /// outside; by default the button keeps its own.
    #[prop(optional)]
    confirming: Option<RwSignal<bool>>,
) -> impl IntoView {
    let confirming = confirming.unwrap_or_else(|| RwSignal::new(false));
    let lower = verb.word().to_lowercase();
    let label = label.or_else(|| what.as_ref().map(|w| format!("{} {w}", verb.word())));
    let confirm_label = what.map(|w| format!("Confirm: {lower} {w}"));
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="button button--quiet button--small" aria-label=label.clone()
                on:click=move |_| confirming.set(true)>{ask.unwrap_or(verb.word())}</button>
        }>
            {question.map(|q| view! { <span class="muted">{q}</span> })}
            <button type="button" class="button button--danger button--small" aria-label=confirm_label.clone()
                on:click=move |_| { confirming.set(false); on_remove.run(()) }>{verb.confirm()}</button>
            <button type="button" class="button button--quiet button--small"
                on:click=move |_| confirming.set(false)>"Cancel"</button>
        </Show>
    }
}
