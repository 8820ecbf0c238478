//! The form that adds a landing track: a market of the partner not in the plan yet
//! (one can be added to the partner from here), or an internal team by name.

use crate::model::actions::LandingAction;
use crate::model::landing::{self, LandingTrack};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, ValidationError};
use crate::storage;
use crate::ui::draft::{use_draft, DraftForm, FormFields};
use crate::ui::fields::{field_error, problem, Closing, FieldError, SaveCancel, TextField};
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
    /// The errors, the draft and closing the form.
    form: Closing,
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
            form: Closing::new(kept, on_done),
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
            Err(e) => return self.form.errors.set(vec![e]),
        };
        let track = LandingTrack::new(storage::new_id(), market, self.team.get());
        let result = self.store.dispatch(LandingAction::AddTrack {
            partner: self.partner.get_value(),
            track,
        });
        self.form
            .finish(self.store, result, |_| "Landing track added.");
    }
}

/// The fields with an input of their own; other errors show under the form.
const FIELDS: &[&str] = &["market", "team"];

#[component]
pub(super) fn TrackForm(partner: Id, on_done: Callback<()>) -> impl IntoView {
    let track = NewTrack::new(partner, on_done);
    let NewTrack { choice, team, .. } = track;
    let Closing { errors, kept, .. } = track.form;
    view! {
        <DraftForm draft=kept class="form track-form" label="New landing track"
            on_submit=Callback::new(move |_| track.add())>
            <div class="form__grid">
                <MarketChoice track/>
                <Show when=move || choice.get().is_empty()>
                    <TextField label="Team name" name="track-team".into() value=team error=field_error(errors, "team")/>
                </Show>
            </div>
            <p class="field__error" role="alert">{other_errors(errors, FIELDS)}</p>
            <SaveCancel save_label="Add track" on_cancel=Callback::new(move |_| track.form.cancel())/>
        </DraftForm>
    }
}

/// The market or team select: each free market, then "An internal team…"; with the
/// way to add a market to the partner, which the select then chooses.
#[component]
fn MarketChoice(track: NewTrack) -> impl IntoView {
    let NewTrack { free, choice, .. } = track;
    let errors = track.form.errors;
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
            <crate::ui::markets::AddMarket partner=track.partner.get_value() name="landing"
                on_added=Callback::new(move |id: Id| choice.set(id.to_string()))/>
        </div>
    }
}
