//! The partner's health and signals (the Health tab), and a small health badge other
//! screens can place next to a partner's name. Every figure comes from
//! `model::figures::portfolio::reading`; this view only lays it out.

mod badge;
mod signals;

pub use badge::{Badge, HealthBadge};
pub use signals::{SeverityPill, SignalList, WalkAwayBox};

use crate::model::core::format::percent;
use crate::model::figures::health::{tenths, Health, Part};
use crate::model::figures::portfolio::Reading;
use crate::model::Id;
use crate::storage;
use crate::ui::route::{Route, Section};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// The partner's reading today, kept up to date with the workspace.
pub fn use_reading(id: Id) -> Memo<Option<Reading>> {
    let store = use_store();
    let today = storage::now().date_naive();
    Memo::new(move |_| {
        store
            .ws
            .with(|ws| store.reading(ws, &id, today))
            .map(|r| Reading::clone(&r))
    })
}

#[component]
pub fn HealthSection(id: Id) -> impl IntoView {
    let reading = use_reading(id.clone());
    let decisions = Route::Section(id, Section::Goals).href();
    move || {
        reading.get().map(|r| {
            let health = r.health.clone();
            view! {
                <div class="health">
                    <ScoreCard health=health.clone() walked_away=r.stage == crate::model::Stage::WalkedAway/>
                    <PartsCard health=health/>
                    <section class="card" aria-labelledby="signals-heading">
                        <div class="card__head"><h2 id="signals-heading">"Signals"</h2></div>
                        {r.walk_away.clone().map(|w| view! {
                            <WalkAwayBox walk_away=w decisions=decisions.clone()/>
                        })}
                        <SignalList signals=r.signals.clone() stage=r.stage/>
                    </section>
                </div>
            }
        })
    }
}

#[component]
fn ScoreCard(health: Health, walked_away: bool) -> impl IntoView {
    let band = health.band();
    let left_out = health.left_out();
    let score_text = health.score.map_or("—".to_owned(), |s| s.to_string());
    let label = health.score.map_or_else(
        || "Health: not enough data yet".to_owned(),
        |s| format!("Health {s} of 100"),
    );
    let left_out_text = if health.parts.is_empty() {
        String::new()
    } else if let Some(why) = health.not_enough() {
        why
    } else if left_out.is_empty() {
        "Every component that counts at this stage has data.".to_owned()
    } else {
        format!(
            "Left out for lack of data: {}. The other weights were scaled up to sum to 100 %.",
            left_out
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    view! {
        <section class="card health-score" aria-labelledby="health-heading">
            <h2 id="health-heading" class="visually-hidden">"Health score"</h2>
            <div class=format!("health-score__figure health--{}", band.key()) role="img" aria-label=label>
                <span class="health-score__number" data-testid="health-score">{score_text}</span>
                <span class="health-score__of">"/ 100"</span>
            </div>
            <div class="health-score__text">
                <p class="health-score__band">{health.band_label()}</p>
                <p>"Weighted for the "<strong>{health.stage.label()}</strong>" stage: "
                    {if crate::model::figures::signals::post_signature(health.stage) || !crate::model::fit::in_pursuit(health.stage) {
                        "landing and results weigh most."
                    } else {
                        "deal fit and the relationship weigh most."
                    }}
                </p>
                {health.capped.clone().map(|why| view! {
                    <p class="health-score__capped" data-testid="health-capped">{why}</p>
                })}
                <p class="health-score__left-out" data-testid="left-out">{left_out_text}</p>
                {walked_away.then(|| view! {
                    <p class="muted">"The partnership was walked away from: the score shows how things stood, and no signals are raised."</p>
                })}
            </div>
        </section>
    }
}

#[component]
fn PartsCard(health: Health) -> impl IntoView {
    let total: f64 = health.parts.iter().map(Part::points).sum();
    let score = health.score;
    let rows = health
        .parts
        .into_iter()
        .map(|p| {
            let value = p.value.map_or("—".to_owned(), percent);
            let weight = if p.left_out {
                format!("left out ({} in the table)", percent(p.stage_weight))
            } else if score.is_none() {
                format!("— (table {})", percent(p.stage_weight))
            } else if (p.weight - p.stage_weight).abs() > 1e-9 {
                format!(
                    "{} % (table {})",
                    tenths(p.weight * 100.0),
                    percent(p.stage_weight)
                )
            } else {
                percent(p.weight)
            };
            let points = if p.left_out || score.is_none() {
                "—".to_owned()
            } else {
                tenths(p.points())
            };
            view! {
                <tr class:is-left-out=p.left_out data-factor=p.factor.key()>
                    <th scope="row">{p.factor.label()}</th>
                    <td class="num">{value}</td>
                    <td class="num">{weight}</td>
                    <td class="num">{points}</td>
                    <td class="muted">{p.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="parts-heading">
            <div class="card__head"><h2 id="parts-heading">"What the score is made of"</h2></div>
            <div class="table-wrap health-parts">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">"Component"</th>
                            <th scope="col" class="num">"Value"</th>
                            <th scope="col" class="num">"Weight"</th>
                            <th scope="col" class="num">"Points"</th>
                            <th scope="col">"Made of"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Score"</th>
                            <td></td>
                            <td class="num">{if score.is_some() { "100 %" } else { "—" }}</td>
                            <td class="num">{if score.is_some() { tenths(total) } else { "—".to_owned() }}</td>
                            <td class="muted">{score.map_or(
                                "No score: not enough evidence for a verdict yet.".to_owned(),
                                |s| format!("Points summed and rounded: {s} of 100."),
                            )}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="muted health-parts__note">"Value × weight = points. Components that do not count at this stage are not listed."</p>
        </section>
    }
}
