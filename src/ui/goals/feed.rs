//! The wins feed: small wins, milestones and big targets, newest first.
//!
//! ```ignore
//! // A partner's wins, on its "Landing & wins" tab:
//! view! { <WinsFeed partner=Some(id)/> }
//! // Every win of the program and its partners, with a form for program wins:
//! view! { <WinsFeed partner=None/> }
//! ```

use super::{date_value, field_error, other_errors, required_date, DateField};
use crate::model::actions::GoalAction;
use crate::model::core::format::{day, iso_day};
use crate::model::goals::{self, FeedItem, Win};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, ValidationError, WinKind};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::fields::{ChoiceField, TextField};
use crate::ui::route::Route;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// The wins of one partner (`Some`), or of the whole program and every partner (`None`).
/// The form adds a win to the partner, or, program-wide, a win of the program itself.
#[component]
pub fn WinsFeed(partner: Option<Id>) -> impl IntoView {
    let store = use_store();
    let of = partner.clone();
    let feed = Memo::new(move |_| store.ws.with(|ws| goals::feed_of(ws, of.as_ref())));
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::Win, partner.as_ref())));
    let program_wide = partner.is_none();
    let (heading, empty, button) = if program_wide {
        (
            "Wins across the program",
            "No wins yet. Celebrate the small ones too: a first campaign, a market enabled, a champion won over.",
            "Add program win",
        )
    } else {
        (
            "Wins",
            "No wins recorded for this partner yet. A first launch or a happy team on the ground counts.",
            "Add win",
        )
    };
    let form_partner = partner.clone();
    view! {
        <section class="card wins" aria-labelledby="wins-heading">
            <div class="card__head">
                <h2 id="wins-heading">{heading}</h2>
                <button class="button" on:click=move |_| adding.set(true)
                    disabled=move || adding.get()>{button}</button>
            </div>
            <Show when=move || adding.get()>
                <WinForm partner=form_partner.clone() on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || !feed.with(Vec::is_empty) fallback=move || view! { <p class="empty">{empty}</p> }>
                <ol class="wins-feed">
                    <For each=move || feed.get() key=|f| format!("{f:?}") let:item>
                        <FeedEntry item=item program_wide=program_wide/>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

#[component]
fn FeedEntry(item: FeedItem, program_wide: bool) -> impl IntoView {
    let store = use_store();
    let FeedItem { win, partner } = item;
    let owner = partner.as_ref().map(|(id, _)| id.clone());
    let remove = {
        let wid = win.id.clone();
        Callback::new(move |_: ()| {
            store.dispatch(GoalAction::RemoveWin {
                partner: owner.clone(),
                win: wid.clone(),
            });
            store.say("Win removed.");
        })
    };
    // On the program's feed each win says whose it is; on a partner's tab that is plain.
    let whose = program_wide.then(|| match &partner {
        Some((id, name)) => view! {
            <a class="win__partner" href=Route::Section(id.clone(), crate::ui::route::Section::Landing).href()>{name.clone()}</a>
        }
        .into_any(),
        None => view! { <span class="win__partner win__partner--program">"Program"</span> }.into_any(),
    });
    view! {
        <li class=format!("win win--{}", win.kind.key())>
            <p class="win__head">
                <time datetime=iso_day(win.date)>{day(win.date)}</time>
                <span class=format!("pill win-kind win-kind--{}", win.kind.key())>{win.kind.label()}</span>
                {whose}
            </p>
            <p class="win__title">{win.title.clone()}</p>
            {(!win.note.is_empty()).then(|| view! { <p class="win__note muted">{win.note.clone()}</p> })}
            <div class="row-actions">
                <ConfirmRemove what=format!("win: {}", win.title) on_remove=remove/>
            </div>
        </li>
    }
}

#[component]
fn WinForm(partner: Option<Id>, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    let date = RwSignal::new(date_value(Some(today)));
    let kind = RwSignal::new(WinKind::SmallWin);
    let title = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let kept = use_draft(
        DraftKey::adding(Form::Win, partner.as_ref()),
        FormFields::new()
            .text("date", date)
            .choice("kind", kind)
            .text("title", title)
            .text("note", note),
    );
    let prefix = if partner.is_some() {
        "partner"
    } else {
        "program"
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date_value = match required_date(&date.get(), "date", "is required") {
            Ok(d) => d,
            Err(e) => {
                errors.set(vec![e]);
                return;
            }
        };
        let win = Win {
            id: storage::new_id(),
            date: date_value,
            kind: kind.get(),
            title: title.get().trim().to_owned(),
            note: note.get().trim().to_owned(),
        };
        match store.dispatch(GoalAction::AddWin {
            partner: partner.clone(),
            win,
        }) {
            Some(Ok(_)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say("Win added.");
                on_done.run(());
            }
            Some(Err(e)) => errors.set(e.problems()),
            None => {}
        }
    };
    const FIELDS: &[&str] = &["date", "title", "note"];
    view! {
        <DraftOffer draft=kept/>
        <form class="form win-form" on:submit=submit novalidate inert=kept.pending()
            aria-label=if prefix == "program" { "New program win" } else { "New win" }>
            <div class="form__grid">
                <TextField label="What happened" name=format!("win-title-{prefix}") value=title error=field_error(errors, "title")/>
                <DateField label="Date" name=format!("win-date-{prefix}") value=date error=field_error(errors, "date")/>
                <ChoiceField label="Kind" name=format!("win-kind-{prefix}") value=kind/>
            </div>
            <TextField label="Note" name=format!("win-note-{prefix}") value=note error=field_error(errors, "note") multiline=true/>
            <p class="field__error" role="alert">{other_errors(errors, FIELDS)}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save win"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}
