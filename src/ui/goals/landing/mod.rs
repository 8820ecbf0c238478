//! The landing plan as a grid: one row per market or internal team, one column per step
//! (enabled → launched → adopted) with its planned day, done day and owner; the
//! partner's landing progress above it, and the stall warning when the rule holds.

mod plan_grid;
mod step_cell;
mod step_inputs;
mod track_form;

use super::partner_memo;
use crate::model::actions::LandingAction;
use crate::model::landing::{self, LandingTrack, StepKind};
use crate::model::metrics::percent;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Id;
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::has_draft;
use crate::ui::state::use_store;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn LandingPlan(id: Id) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    let partner = partner_memo(id.clone());
    let tracks = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| p.landing.clone()).unwrap_or_default())
    });
    let progress = Memo::new(move |_| {
        tracks.with(|t| landing::progress(t).map(|share| (share, landing::steps_done(t))))
    });
    let stalled = {
        let id = id.clone();
        Memo::new(move |_| {
            store.ws.with(|ws| {
                ws.partner(&id)
                    .and_then(|p| landing::stalled_in(ws, p, today))
            })
        })
    };
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::LandingTrack, Some(&id))));
    let planning = RwSignal::new(has_draft(&DraftKey::of_partner(Form::LandingPlan, &id)));
    let add_id = id.clone();
    let plan_id = id.clone();
    let id = StoredValue::new(id);
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
            {move || match progress.get() {
                Some((share, (done, total))) => view! {
                    <div class="landing-progress">
                        <label for="landing-progress-bar">"Landing progress"</label>
                        <progress id="landing-progress-bar" max="100"
                            value=format!("{}", (share * 100.0).round())>{percent(share)}</progress>
                        <strong class="landing-progress__value">{percent(share)}</strong>
                        <span class="muted">{format!("{done} of {total} steps done")}</span>
                    </div>
                }.into_any(),
                None => view! {
                    <p class="empty">"No landing plan yet. Add a track for each market the partner operates in, or an internal team that must adopt it."</p>
                }.into_any(),
            }}
            {move || stalled.get().map(|why| view! {
                <p class="notice landing-stalled" role="status">{why}</p>
            })}
            <Show when=move || adding.get()>
                <track_form::TrackForm partner=add_id.clone() on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || planning.get()>
                <plan_grid::PlanGrid partner=plan_id.clone() on_done=Callback::new(move |_| planning.set(false))/>
            </Show>
            <Show when=move || !tracks.with(Vec::is_empty) && !planning.get()>
                <div class="table-wrap">
                    <table class="landing-grid">
                        <caption class="visually-hidden">"Landing plan: each track's steps with planned and done days and owners"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Market or team"</th>
                                {StepKind::ALL.into_iter().map(|k| view! { <th scope="col">{k.label()}</th> }).collect_view()}
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || tracks.get() key=|t| format!("{t:?}") let:track>
                                <TrackRow partner=id.get_value() track=track today=today/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn TrackRow(partner: Id, track: LandingTrack, today: NaiveDate) -> impl IntoView {
    let store = use_store();
    let label = {
        let track = track.clone();
        Memo::new(move |_| store.ws.with(|ws| track.label(ws)))
    };
    let remove = {
        let (pid, tid) = (partner.clone(), track.id.clone());
        Callback::new(move |_: ()| {
            store.dispatch(LandingAction::RemoveTrack {
                partner: pid.clone(),
                track: tid.clone(),
            });
            store.say("Landing track removed.");
        })
    };
    let kind_label = if track.market.is_some() {
        "Market"
    } else {
        "Team"
    };
    let cells = StepKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <step_cell::StepCell partner=partner.clone() track=track.id.clone() kind=kind
                    step=track.step(kind).clone() today=today name=label/>
            }
        })
        .collect_view();
    view! {
        <tr class="landing-track">
            <th scope="row">
                <span class="landing-track__name">{move || label.get()}</span>
                <span class="muted landing-track__kind">{kind_label}</span>
            </th>
            {cells}
            <td class="landing-track__actions">
                <ConfirmRemove what=format!("landing track {}", label.get_untracked()) on_remove=remove/>
            </td>
        </tr>
    }
}
