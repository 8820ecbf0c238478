//! The program in the header: its name, which a person renames where they read it, and
//! the way to start a new program at any time — not only from the first load's banner
//! or Data → Reset.
//!
//! Both live in one dialog opened from the name. Renaming is the same edit as the Data
//! screen's (`Workspace::set_program_name`: not blank, at most 120 characters), one
//! undo step. Starting a new program replaces the workspace through `Store::replace`,
//! which keeps the workspace it replaces as the backup (restorable from Data → Backup)
//! and as an undo step; the confirmation names what is replaced and both ways back.

use crate::model::actions::{Applied, ProgramAction};
use crate::model::core::format::count;
use crate::model::Workspace;
use crate::ui::modal::Modal;
use crate::ui::state::{use_store, Startup};
use leptos::prelude::*;

/// The program's name as a button in the header; it opens the program dialog.
#[component]
pub fn ProgramControl() -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    let opener = NodeRef::<leptos::html::Button>::new();
    let name = move || store.ws.with(|ws| ws.program_name.clone());
    let close = Callback::new(move |()| {
        open.set(false);
        // Back to where the person was: the button that opened the dialog, once the
        // dialog is gone (while it is open, the page behind it takes no focus).
        request_animation_frame(move || {
            if let Some(b) = opener.get_untracked() {
                let _ = b.focus();
            }
        });
    });
    view! {
        <button type="button" class="brand__program-button" node_ref=opener
            title="Rename the program or start a new one"
            aria-label=move || format!("Program: {}. Rename it or start a new program", name())
            aria-haspopup="dialog"
            on:click=move |_| open.set(true)>
            <span class="brand__program">{name}</span>
            <span class="brand__program-edit" aria-hidden="true">" ✎"</span>
        </button>
        {move || open.get().then(|| view! { <ProgramDialog on_close=close/> })}
    }
}

#[component]
fn ProgramDialog(on_close: Callback<()>) -> impl IntoView {
    let store = use_store();
    let current = store.ws.with_untracked(|ws| ws.program_name.clone());
    let name = RwSignal::new(current);
    let error = RwSignal::new(None::<String>);
    let starting = RwSignal::new(false);
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match store.dispatch(ProgramAction::Rename(name.get_untracked())) {
            Some(Err(e)) => error.set(Some(format!("The name {}.", e.message()))),
            Some(Ok(Applied::Changed)) => {
                store.say("Program renamed. Undo brings the old name back.");
                on_close.run(());
            }
            _ => on_close.run(()),
        }
    };
    view! {
        <Modal labelled_by="program-dialog-heading" on_close>
            <h2 id="program-dialog-heading">"Program"</h2>
            <form class="form program-form" on:submit=rename novalidate>
                <div class="field">
                    <label for="program-dialog-name">"Program name"</label>
                    <input id="program-dialog-name" autofocus autocomplete="off"
                        aria-describedby="program-dialog-error"
                        aria-invalid=move || error.get().is_some().then_some("true")
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    <p id="program-dialog-error" class="field__error" role="alert">{move || error.get()}</p>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">"Save name"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| on_close.run(())>"Close"</button>
                </div>
            </form>
            <section class="program-new" aria-labelledby="program-new-heading">
                <h3 id="program-new-heading">"Start a new program"</h3>
                <Show when=move || starting.get() fallback=move || view! {
                    <p class="muted">"An empty workspace: no partners, no markets, no target. What is here now is kept as the backup."</p>
                    <button type="button" class="button" on:click=move |_| starting.set(true)>"Start a new program…"</button>
                }>
                    <NewProgram on_cancel=Callback::new(move |()| starting.set(false)) on_done=on_close/>
                </Show>
            </section>
        </Modal>
    }
}

/// The confirmation: what is replaced, by name and count, how to get it back, and the
/// new program's name.
#[component]
fn NewProgram(on_cancel: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let (old_name, replaced) = store
        .ws
        .with_untracked(|ws| (ws.program_name.clone(), what_is_replaced(ws)));
    let name = RwSignal::new(Workspace::empty().program_name);
    let error = RwSignal::new(None::<String>);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut fresh = Workspace::empty();
        if let Err(e) = fresh.set_program_name(&name.get_untracked()) {
            error.set(Some(format!("The name {}.", e.message)));
            return;
        }
        let new_name = fresh.program_name.clone();
        store.reset(fresh, "Start a new program");
        // The first load's welcome no longer applies once a program of one's own starts.
        if store.startup.get_untracked() == Startup::Demo {
            store.startup.set(Startup::Normal);
        }
        store.say(format!(
            "Started “{new_name}”. The previous program is the backup on the Data screen; Undo also brings it back."
        ));
        on_done.run(());
    };
    view! {
        <form class="confirm-box program-new__confirm" on:submit=start novalidate>
            <p role="alert">
                {format!("This replaces “{old_name}”: {replaced}.")}
            </p>
            <p>
                "It is kept as the backup: "<strong>"Data → Backup → Restore the backup"</strong>
                " brings it back (until the next import or reset replaces the backup), and so does "
                <strong>"Undo"</strong>" in this tab. To keep a copy for good, export it from the Data screen first."
            </p>
            <div class="field">
                <label for="program-new-name">"Name of the new program"</label>
                <input id="program-new-name" autocomplete="off"
                    aria-describedby="program-new-error"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <p id="program-new-error" class="field__error" role="alert">{move || error.get()}</p>
            </div>
            <div class="form__actions">
                <button type="submit" class="button button--danger">"Replace with a new program"</button>
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

/// "12 partners, 8 markets and the program's target", as counted in the workspace.
fn what_is_replaced(ws: &Workspace) -> String {
    let mut parts = vec![
        count(ws.partners.len(), "partner"),
        count(ws.markets.len(), "market"),
    ];
    if !ws.program.is_blank() {
        parts.push("the program's target and levers".to_owned());
    }
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}
