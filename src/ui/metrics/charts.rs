//! A line chart per market of the chosen metric, small multiples on one scale: every
//! chart spans the same values and months, so 360 a month in a small market reads as
//! small beside 90,000 in a large one rather than as the same climb.

use crate::model::metrics::compact;
use crate::model::Id;
use crate::ui::charts::line::{LineChart, LineSeries, SharedScale};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn MarketCharts(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let store = use_store();
    let markets = Memo::new(move |_| {
        let metric = metric.get();
        store.ws.with(|ws| {
            ws.partner(&id)
                .map(|p| {
                    p.metrics
                        .iter()
                        .filter(|s| s.metric == metric && !s.values.is_empty())
                        .map(|s| {
                            let points = s.values.iter().map(|(m, v)| (*m, *v)).collect();
                            (ws.market_name(&s.market).to_owned(), points)
                        })
                        .collect::<Vec<(String, Vec<_>)>>()
                })
                .unwrap_or_default()
        })
    });
    // One scale for all the partner's markets: heights compare across the charts.
    let scale = Memo::new(move |_| {
        markets.with(|all| SharedScale::spanning(all.iter().map(|(_, p)| p.as_slice())))
    });
    view! {
        <section class="card metrics-charts" aria-labelledby="metrics-charts-heading">
            <h2 id="metrics-charts-heading">{move || format!("{} by market", metric.get())}</h2>
            <Show when=move || !markets.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No values to chart yet."</p> }>
                {move || (markets.with(Vec::len) > 1).then(|| view! {
                    <p class="muted metrics-charts__scale">{scale_note(scale.get())}</p>
                })}
                <div class="metrics-charts__grid">
                    {move || markets.get().into_iter().enumerate().map(|(i, (name, points))| {
                        let label = format!("{} in {name}", metric.get_untracked());
                        let series = Signal::derive(move || vec![LineSeries::new(name.clone(), points.clone()).color(i)]);
                        view! {
                            <div class="metrics-charts__item">
                                <h3>{label.clone()}</h3>
                                <LineChart label=label series unit=metric.get_untracked() small=true
                                    shared=scale.get_untracked()/>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </Show>
        </section>
    }
}

/// The sentence over the charts that says they share one scale.
fn scale_note(scale: Option<SharedScale>) -> String {
    match scale {
        Some(s) => format!(
            "Every market is drawn on the same scale ({} to {}), so heights compare across markets.",
            compact(s.lo.min(0.0)),
            compact(s.hi.max(0.0))
        ),
        None => String::new(),
    }
}
