//! The form that adds a landing track: a market of the partner not in the plan yet
//! (one can be added to the partner from here), or an internal team by name.

use crate::model::actions::LandingAction;
use crate::model::landing::{self, LandingTrack};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, ValidationError};
use crate::storage;
use crate::ui::draft::{use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{field_error, problem, FieldError, TextField};
use crate::ui::goals::other_errors;
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// The form's state: the market chosen (empty for a team), the team's name, errors and
/// draft, shared by its handlers and its parts.
#[derive(Clone, Copy)]
struct NewTrack {
    store: Store,
    partner: StoredValue<Id>,
    /// The partner's markets without a track, by id and name.
    free: Memo<Vec<(Id, String)>>,
    /// The chosen market's id; empty means a team.
    choice: RwSignal<String>,
    team: RwSignal<String>,
    errors: RwSignal<Vec<ValidationError>>,
    kept: Draft,
    on_done: Callback<()>,
}

impl NewTrack {
    fn new(partner: Id, on_done: Callback<()>) -> Self {
        let store = use_store();
        // Read as the workspace changes: a market added from this form joins the list.
        let free = {
            let id = partner.clone();
            Memo::new(move |_| {
                store.ws.with(|ws| {
                    ws.partner(&id)
                        .map(|p| landing::markets_without_track(ws, p))
                        .unwrap_or_default()
                })
            })
        };
        // The first free market is the likely choice; an empty value means a team.
        let choice = RwSignal::new(
            free.with_untracked(|f| f.first().map(|(id, _)| id.to_string()).unwrap_or_default()),
        );
        let team = RwSignal::new(String::new());
        let kept = use_draft(
            DraftKey::adding(Form::LandingTrack, Some(&partner)),
            FormFields::new().text("market", choice).text("team", team),
        );
        NewTrack {
            store,
            partner: StoredValue::new(partner),
            free,
            choice,
            team,
            errors: RwSignal::new(Vec::new()),
            kept,
            on_done,
        }
    }

    /// The market chosen (`None` for a team), or why the choice does not read.
    fn market(self) -> Result<Option<Id>, ValidationError> {
        match self.choice.get().as_str() {
            "" => Ok(None),
            key => Id::parse(key)
                .map(Some)
                .map_err(|e| problem("market", &e.to_string())),
        }
    }

    fn add(self) {
        let market = match self.market() {
            Ok(market) => market,
            Err(e) => return self.errors.set(vec![e]),
        };
        let track = LandingTrack::new(storage::new_id(), market, self.team.get());
        match self.store.dispatch(LandingAction::AddTrack {
            partner: self.partner.get_value(),
            track,
        }) {
            Some(Ok(_)) => {
                self.errors.set(Vec::new());
                self.kept.clear();
                self.store.say("Landing track added.");
                self.on_done.run(());
            }
            Some(Err(e)) => self.errors.set(e.problems()),
            None => {}
        }
    }

    fn cancel(self) {
        self.kept.clear();
        self.on_done.run(());
    }
}

/// The fields with an input of their own; other errors show under the form.
const FIELDS: &[&str] = &["market", "team"];

#[component]
pub(super) fn TrackForm(partner: Id, on_done: Callback<()>) -> impl IntoView {
    let form = NewTrack::new(partner, on_done);
    let NewTrack {
        choice,
        team,
        errors,
        kept,
        ..
    } = form;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.add();
    };
    view! {
        <DraftOffer draft=kept/>
        <form class="form track-form" on:submit=submit novalidate aria-label="New landing track" inert=kept.pending()>
            <div class="form__grid">
                <MarketChoice form/>
                <Show when=move || choice.get().is_empty()>
                    <TextField label="Team name" name="track-team".into() value=team error=field_error(errors, "team")/>
                </Show>
            </div>
            <p class="field__error" role="alert">{other_errors(errors, FIELDS)}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Add track"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| form.cancel()>"Cancel"</button>
            </div>
        </form>
    }
}

/// The market or team select: each free market, then "An internal team…"; with the
/// way to add a market to the partner, which the select then chooses.
#[component]
fn MarketChoice(form: NewTrack) -> impl IntoView {
    let NewTrack {
        free,
        choice,
        errors,
        ..
    } = form;
    let options = move || {
        free.get()
            .into_iter()
            .map(|(id, name)| {
                let key = id.to_string();
                let selected = key.clone();
                view! { <option value=key selected=move || choice.get() == selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="f-track-market">"Market or team"</label>
            <select id="f-track-market" aria-describedby="e-track-market"
                prop:value=move || choice.get()
                on:change=move |ev| choice.set(event_target_value(&ev))>
                {options}
                <option value="" selected=move || choice.get().is_empty()>"An internal team…"</option>
            </select>
            <FieldError id="e-track-market".into() message=field_error(errors, "market")/>
            <crate::ui::markets::AddMarket partner=form.partner.get_value() name="landing"
                on_added=Callback::new(move |id: Id| choice.set(id.to_string()))/>
        </div>
    }
}
