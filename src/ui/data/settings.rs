//! The workspace's own settings: the program's name and the market catalogue.

use crate::model::actions::ProgramAction;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Workspace;
use crate::model::{Id, Market};
use crate::storage;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let store = use_store();
    let stored_name = Memo::new(move |_| store.ws.with(|ws| ws.program_name.clone()));
    let program = RwSignal::new(stored_name.get_untracked());
    let program_kept = use_draft(
        DraftKey::of_program(Form::ProgramName),
        FormFields::new().text("name", program),
    );
    // An import or reset renames the program under this field: follow it.
    Effect::new(move |first: Option<()>| {
        let name = stored_name.get();
        if first.is_some() {
            program.set(name);
            program_kept.rebase();
        }
    });
    let program_error = RwSignal::new(None::<String>);
    let new_market = RwSignal::new(String::new());
    let market_kept = use_draft(
        DraftKey::adding(Form::Market, None),
        FormFields::new().text("name", new_market),
    );
    let market_error = RwSignal::new(None::<String>);
    let save_program = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match store.dispatch(ProgramAction::Rename(program.get())) {
            Some(Err(e)) => program_error.set(Some(format!("The name {}.", e.message()))),
            _ => {
                program_error.set(None);
                program_kept.clear();
                store.say("Program name saved.");
            }
        }
    };
    let add_market = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let market = Market::new(storage::new_id(), new_market.get(), storage::now());
        match store.dispatch(ProgramAction::AddMarket(market)) {
            Some(Err(e)) => market_error.set(Some(format!("The market name {}.", e.message()))),
            _ => {
                market_error.set(None);
                new_market.set(String::new());
                market_kept.clear();
            }
        }
    };
    let remove = move |id: Id| {
        if let Some(Err(e)) = store.dispatch(ProgramAction::RemoveMarket(id)) {
            market_error.set(Some(e.to_string()));
        }
    };
    let markets = move || store.ws.with(Workspace::market_choices);
    view! {
        <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Workspace"</h2>
            <DraftOffer draft=program_kept/>
            <form class="inline-form" on:submit=save_program inert=program_kept.pending()>
                <label for="program-name">"Program name"</label>
                <input id="program-name" prop:value=move || program.get()
                    aria-describedby="program-error"
                    on:input=move |ev| program.set(event_target_value(&ev))/>
                <button class="button" type="submit">"Save"</button>
                <p id="program-error" class="field__error" role="alert">{move || program_error.get()}</p>
            </form>
            <h3>"Markets"</h3>
            <ul class="market-list">
                <For each=markets key=|m| m.clone() let:m>
                    {
                        let (id, name) = m;
                        view! {
                            <li>
                                <span>{name.clone()}</span>
                                <button class="button button--quiet button--small"
                                    aria-label=format!("Remove market {name}")
                                    on:click=move |_| remove(id.clone())>"Remove"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <DraftOffer draft=market_kept/>
            <form class="inline-form" on:submit=add_market inert=market_kept.pending()>
                <label for="new-market" class="visually-hidden">"New market"</label>
                <input id="new-market" placeholder="New market, e.g. Brazil"
                    aria-describedby="market-error"
                    prop:value=move || new_market.get()
                    on:input=move |ev| new_market.set(event_target_value(&ev))/>
                <button class="button" type="submit">"Add market"</button>
                <p id="market-error" class="field__error" role="alert">{move || market_error.get()}</p>
            </form>
        </section>
    }
}
