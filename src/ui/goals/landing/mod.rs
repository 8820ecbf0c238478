//! The landing plan as a grid: one row per market or internal team, one column per step
//! (enabled → launched → adopted) with its planned day, done day and owner; the
//! partner's landing progress above it, and the stall warning when the rule holds.
//!
//! The card is here; the table of tracks in `tracks.rs`, each step's cell and form in
//! `step_cell.rs` (their three inputs in `step_inputs.rs`, shared with the grid), the
//! new-track form in `track_form.rs` and the whole plan edited as one grid in
//! `plan_grid.rs`.

mod plan_grid;
mod step_cell;
mod step_inputs;
mod track_form;
mod tracks;

use super::partner_memo;
use crate::model::core::format::percent;
use crate::model::landing::{self, LandingTrack, StepKind};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Id;
use crate::storage;
use crate::ui::draft::has_draft;
use crate::ui::state::use_store;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn LandingPlan(id: Id) -> impl IntoView {
    let today = storage::now().date_naive();
    let partner = partner_memo(id.clone());
    let tracks = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| p.landing.clone()).unwrap_or_default())
    });
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::LandingTrack, Some(&id))));
    let planning = RwSignal::new(has_draft(&DraftKey::of_partner(Form::LandingPlan, &id)));
    let (add_id, plan_id, table_id) = (id.clone(), id.clone(), StoredValue::new(id.clone()));
    view! {
        <section class="card landing" aria-labelledby="landing-heading">
            <div class="card__head">
                <h2 id="landing-heading">"Landing plan"</h2>
                <div class="form__actions">
                    <button class="button button--primary" on:click=move |_| planning.set(true)
                        disabled=move || planning.get()>"Edit plan as a grid"</button>
                    <button class="button" on:click=move |_| adding.set(true)
                        disabled=move || adding.get()>"Add track"</button>
                </div>
            </div>
            <p class="muted landing__why">
                "Signing is a fifth of the work; the rest is landing the partnership with the people in each market and team."
            </p>
            <LandingProgress tracks today/>
            <StallNotice partner=id today/>
            <Show when=move || adding.get()>
                <track_form::TrackForm partner=add_id.clone() on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || planning.get()>
                <plan_grid::PlanGrid partner=plan_id.clone() on_done=Callback::new(move |_| planning.set(false))/>
            </Show>
            <Show when=move || !tracks.with(Vec::is_empty) && !planning.get()>
                <tracks::TracksTable partner=table_id.get_value() tracks today/>
            </Show>
        </section>
    }
}

/// How much of the plan is done, as a bar and in words; or, with no plan yet, what to
/// add.
#[component]
fn LandingProgress(tracks: Memo<Vec<LandingTrack>>, today: NaiveDate) -> impl IntoView {
    let progress = Memo::new(move |_| {
        tracks.with(|t| {
            let counts = landing::step_counts(t, today);
            landing::progress(t).map(|share| (share, counts))
        })
    });
    move || {
        match progress.get() {
        Some((share, counts)) => view! {
            <div class="landing-progress">
                <label for="landing-progress-bar">"Landing progress"</label>
                <progress id="landing-progress-bar" max="100"
                    value=format!("{}", (share * 100.0).round())>{percent(share)}</progress>
                <strong class="landing-progress__value">{percent(share)}</strong>
                <span class="muted" data-testid="landing-steps">{counts.words()}</span>
            </div>
        }.into_any(),
        None => view! {
            <p class="empty">"No landing plan yet. Add a track for each market the partner operates in, or an internal team that must adopt it."</p>
        }.into_any(),
    }
    }
}

/// The warning that landing has stalled, while the rule holds.
#[component]
fn StallNotice(partner: Id, today: NaiveDate) -> impl IntoView {
    let store = use_store();
    let stalled = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&partner)
                .and_then(|p| landing::stalled_in(ws, p, today))
        })
    });
    move || {
        stalled.get().map(|why| {
            view! { <p class="notice landing-stalled" role="status">{why}</p> }
        })
    }
}

/// The header cells both landing tables start with: the market or team, then a column
/// per step.
#[component]
fn StepColumns() -> impl IntoView {
    view! {
        <th scope="col">"Market or team"</th>
        {StepKind::ALL.into_iter().map(|k| view! { <th scope="col">{k.label()}</th> }).collect_view()}
    }
}
