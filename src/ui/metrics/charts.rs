//! A line chart per market of the chosen metric, small multiples sharing nothing but
//! their layout: each market's line reads on its own scale.

use crate::model::Id;
use crate::ui::charts::line::{LineChart, LineSeries};
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
    view! {
        <section class="card metrics-charts" aria-labelledby="metrics-charts-heading">
            <h2 id="metrics-charts-heading">{move || format!("{} by market", metric.get())}</h2>
            <Show when=move || !markets.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No values to chart yet."</p> }>
                <div class="metrics-charts__grid">
                    {move || markets.get().into_iter().enumerate().map(|(i, (name, points))| {
                        let label = format!("{} in {name}", metric.get_untracked());
                        let series = Signal::derive(move || vec![LineSeries::new(name.clone(), points.clone()).color(i)]);
                        view! {
                            <div class="metrics-charts__item">
                                <h3>{label.clone()}</h3>
                                <LineChart label=label series unit=metric.get_untracked() small=true/>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </Show>
        </section>
    }
}
