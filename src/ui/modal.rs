//! The one modal dialog of the app, on the native `<dialog>`: opened with
//! `show_modal()`, the browser moves focus into it, keeps Tab inside it, makes the page
//! behind it inert, and turns Escape into `cancel`, which closes it.

use leptos::prelude::*;

#[component]
pub fn Modal(
    /// The id of the dialog's heading, which names it for assistive technology.
    labelled_by: &'static str,
    /// Called on Escape; the caller removes the dialog.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="modal" aria-labelledby=labelled_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }>
            {children()}
        </dialog>
    }
}

/// The body of a dialog whose file was refused: the reason, the reassurance, and Close.
#[component]
pub fn Refused(message: String, on_close: Callback<()>) -> impl IntoView {
    view! {
        <p class="import__error" role="alert">{message}</p>
        <p>"Your workspace has not changed."</p>
        <div class="form__actions">
            <button class="button button--primary" autofocus
                on:click=move |_| on_close.run(())>"Close"</button>
        </div>
    }
}
