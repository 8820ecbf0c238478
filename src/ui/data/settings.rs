//! The workspace's own settings: the program's name and the market catalogue.

use crate::model::actions::ProgramAction;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Workspace;
use crate::model::{Id, Market};
use crate::storage;
use crate::ui::draft::{use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{on_submit, FieldError};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// The panel's state: its two one-field forms, shared by the handlers and the parts.
#[derive(Clone, Copy)]
struct Settings {
    store: Store,
    program: RwSignal<String>,
    program_kept: Draft,
    program_error: RwSignal<Option<String>>,
    /// The name of the market to add.
    new_market: RwSignal<String>,
    market_kept: Draft,
    /// Why the last market added or removed was refused.
    market_error: RwSignal<Option<String>>,
}

impl Settings {
    fn new(store: Store) -> Self {
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
        let new_market = RwSignal::new(String::new());
        let market_kept = use_draft(
            DraftKey::adding(Form::Market, None),
            FormFields::new().text("name", new_market),
        );
        Settings {
            store,
            program,
            program_kept,
            program_error: RwSignal::new(None),
            new_market,
            market_kept,
            market_error: RwSignal::new(None),
        }
    }

    fn save_program(self) {
        match self
            .store
            .dispatch(ProgramAction::Rename(self.program.get()))
        {
            Some(Err(e)) => self
                .program_error
                .set(Some(format!("The name {}.", e.message()))),
            _ => {
                self.program_error.set(None);
                self.program_kept.clear();
                self.store.say("Program name saved.");
            }
        }
    }

    fn add_market(self) {
        let market = Market::new(storage::new_id(), self.new_market.get(), storage::now());
        match self.store.dispatch(ProgramAction::AddMarket(market)) {
            Some(Err(e)) => self
                .market_error
                .set(Some(format!("The market name {}.", e.message()))),
            _ => {
                self.market_error.set(None);
                self.new_market.set(String::new());
                self.market_kept.clear();
            }
        }
    }

    fn remove_market(self, id: Id) {
        if let Some(Err(e)) = self.store.dispatch(ProgramAction::RemoveMarket(id)) {
            self.market_error.set(Some(e.to_string()));
        }
    }
}

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let settings = Settings::new(use_store());
    view! {
        <section class="card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Workspace"</h2>
            <InlineForm kept=settings.program_kept value=settings.program
                error=settings.program_error save=move || settings.save_program()
                id="program-name" error_id="program-error" label="Program name" button="Save"/>
            <h3>"Markets"</h3>
            <MarketList settings/>
            <InlineForm kept=settings.market_kept value=settings.new_market
                error=settings.market_error save=move || settings.add_market()
                id="new-market" error_id="market-error" label="New market" button="Add market"
                label_class="visually-hidden" placeholder="New market, e.g. Brazil"/>
        </section>
    }
}

/// The catalogue's markets, each with its remove button.
#[component]
fn MarketList(settings: Settings) -> impl IntoView {
    let markets = move || settings.store.ws.with(Workspace::market_choices);
    view! {
        <ul class="market-list">
            <For each=markets key=|m| m.clone() let:m>
                {
                    let (id, name) = m;
                    view! {
                        <li>
                            <span>{name.clone()}</span>
                            <button class="button button--quiet button--small"
                                aria-label=format!("Remove market {name}")
                                on:click=move |_| settings.remove_market(id.clone())>"Remove"</button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// A one-field form on a line, with its draft's offer above and its error below.
#[component]
fn InlineForm(
    kept: Draft,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
    save: impl Fn() + 'static,
    id: &'static str,
    error_id: &'static str,
    label: &'static str,
    button: &'static str,
    #[prop(optional)] label_class: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    view! {
        <DraftOffer draft=kept/>
        <form class="inline-form" on:submit=on_submit(save) inert=kept.pending()>
            <label for=id class=label_class>{label}</label>
            <input id=id placeholder=placeholder
                aria-describedby=error_id
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <button class="button" type="submit">{button}</button>
            <FieldError id=error_id.into() message=error/>
        </form>
    }
}
