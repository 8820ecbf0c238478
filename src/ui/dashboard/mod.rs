//! The program dashboard (`#/dashboard`): the pipeline funnel, the spread of partner
//! health, every signal across the portfolio, the markets' heat map, and what the
//! other features contribute (the program target, wins, the incumbent-effort share).
//! Every figure comes from `model::figures::portfolio`; the view lays it out.

mod heat;
mod signals;

use crate::model::figures::health::Band;
use crate::model::figures::portfolio;
use crate::storage;
use crate::ui::charts::bars::{Bar, BarChart};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn DashboardScreen() -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    // One reading per partner version (the store's cache: an edit recomputes the one
    // partner it changed), shared by every panel below, which re-aggregate them.
    let readings = Memo::new(move |_| store.ws.with(|ws| store.readings(ws, today)));
    let funnel = Signal::derive(move || {
        store.ws.with(|ws| {
            portfolio::funnel(ws)
                .into_iter()
                .map(|(stage, n)| {
                    Bar::new(stage.label(), n as f64, partners(n))
                        .class(format!("stage-{}", stage.key()))
                })
                .collect::<Vec<_>>()
        })
    });
    let distribution = Signal::derive(move || {
        readings.with(|r| {
            portfolio::distribution(r)
                .into_iter()
                .map(|(band, n)| Bar::new(band.label(), n as f64, partners(n)).class(band.key()))
                .collect::<Vec<_>>()
        })
    });
    let unknown_note = move || {
        readings.with(|r| {
            portfolio::distribution(r)
                .into_iter()
                .find(|(b, n)| *b == Band::Unknown && *n > 0)
                .map(|(_, n)| {
                    format!(
                        "{} without enough evidence for a verdict yet: what is recorded carries less than half the stage's weight; each Health tab says what to record next.",
                        partners(n)
                    )
                })
        })
    };
    view! {
        <section class="screen dashboard">
            <div class="screen__head"><h1 tabindex="-1">"Dashboard"</h1></div>
            <div class="dashboard__grid">
                <section class="card" aria-labelledby="funnel-heading">
                    <div class="card__head">
                        <h2 id="funnel-heading">"Pipeline by stage"</h2>
                        <a href="#/pipeline">"Open the board"</a>
                    </div>
                    <BarChart label="Partners by stage" bars=funnel funnel=true unit="Partners"/>
                </section>
                <section class="card" aria-labelledby="distribution-heading">
                    <div class="card__head"><h2 id="distribution-heading">"Partner health"</h2></div>
                    <BarChart label="Partners by health band" bars=distribution unit="Partners"/>
                    <p class="muted dashboard__note">
                        "Walked-away partners are not counted. "{unknown_note}
                        {move || readings.with(|r| portfolio::held_note(r)).map(|n| view! {
                            " "<span data-testid="held-note">{n}</span>
                        })}
                    </p>
                </section>
            </div>
            <crate::ui::planner::TargetSummary/>
            <signals::PortfolioSignals readings=readings/>
            <heat::HeatMapCard/>
            <div class="dashboard__grid">
                <crate::ui::goals::WinsFeed partner=None/>
                <crate::ui::fit::IncumbentEffort/>
            </div>
        </section>
    }
}

/// "1 partner", "4 partners".
pub(crate) fn partners(n: usize) -> String {
    if n == 1 {
        "1 partner".into()
    } else {
        format!("{n} partners")
    }
}
