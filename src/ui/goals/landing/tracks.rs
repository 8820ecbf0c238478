//! The landing plan as a table: a row per track, a cell per step, and the track's
//! remove button.

use super::step_cell::StepCell;
use crate::model::actions::LandingAction;
use crate::model::landing::{LandingTrack, StepKind};
use crate::model::Id;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::state::use_store;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn TracksTable(
    partner: Id,
    tracks: Memo<Vec<LandingTrack>>,
    today: NaiveDate,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="landing-grid">
                <caption class="visually-hidden">"Landing plan: each track's steps with planned and done days and owners"</caption>
                <thead>
                    <tr>
                        <super::StepColumns/>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || tracks.get() key=|t| format!("{t:?}") let:track>
                        <TrackRow partner=partner.clone() track=track today=today/>
                    </For>
                </tbody>
            </table>
        </div>
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
                <StepCell partner=partner.clone() track=track.id.clone() kind=kind
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
