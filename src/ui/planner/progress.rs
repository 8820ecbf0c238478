//! Actual against plan, month by month over the target year.

use crate::model::figures::planner::Plan;
use crate::ui::charts::line::{LineChart, LineSeries};
use leptos::prelude::*;

#[component]
pub fn ActualChart(plan: Memo<Option<Plan>>) -> impl IntoView {
    let series = Signal::derive(move || {
        plan.with(|p| {
            let Some(p) = p else { return Vec::new() };
            let rows = &p.months;
            let actual: Vec<_> = rows
                .iter()
                .filter_map(|r| Some((r.month, r.actual?)))
                .collect();
            let last_year: Vec<_> = rows
                .iter()
                .filter_map(|r| Some((r.month, r.last_year?)))
                .collect();
            let mut out = vec![
                LineSeries::new("Actual", actual),
                LineSeries::new("Plan", rows.iter().map(|r| (r.month, r.plan)).collect())
                    .dashed()
                    .color(1),
                LineSeries::new(
                    "Target path",
                    rows.iter().map(|r| (r.month, r.target)).collect(),
                )
                .dashed()
                .color(2),
            ];
            if !last_year.is_empty() {
                out.push(LineSeries::new("Same month last year", last_year).color(7));
            }
            out
        })
    });
    let unit = plan.with_untracked(|p| p.as_ref().map(|p| p.unit().to_owned()).unwrap_or_default());
    let no_months = move || plan.with(|p| p.as_ref().is_none_or(|p| p.months.is_empty()));
    view! {
        <section class="card planner-chart" aria-labelledby="planner-chart-heading">
            <h2 id="planner-chart-heading">"Actual against plan"</h2>
            <Show when=move || !no_months()
                fallback=|| view! { <p class="empty">"Set the baseline year's first month to lay the plan out by month."</p> }>
                <p class="muted">"Each month of the target year: what the partners' figures add up to (all markets), what the levers plan (the baseline's monthly average plus the planned growth on a linear ramp), and where the target needs the month to be."</p>
                <LineChart label="Actual against plan by month" unit=unit.clone() series=series/>
            </Show>
        </section>
    }
}
