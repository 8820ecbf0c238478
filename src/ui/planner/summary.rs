//! Growth against the program target in a compact card, for the dashboard: a progress
//! bar of actual to date against the year's target, marked where the plan says the
//! program should be by now, with the numbers beside it.
//!
//! ```ignore
//! use crate::ui::planner::TargetSummary;
//! view! { <TargetSummary/> }
//! ```

use super::plan_memo;
use crate::model::core::format::percent;
use crate::model::figures::planner::{amount, growth};
use crate::ui::route::Route;
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn TargetSummary() -> impl IntoView {
    let store = use_store();
    let plan = plan_memo(store);
    view! {
        <section class="card target-summary" aria-labelledby="target-summary-heading">
            <div class="card__head">
                <h2 id="target-summary-heading">"Growth against the target"</h2>
                <a href=Route::Planner.href()>"Open the planner"</a>
            </div>
            {move || plan.with(|p| match p {
                None => view! {
                    <p class="empty">"No program target yet. Set one in the planner: a metric, last year's total and the growth aimed for."</p>
                }.into_any(),
                Some(p) => {
                    let unit = p.unit().to_owned();
                    let done = p.progress();
                    let due = p.progress_planned();
                    let actual = p.actual_to_date.unwrap_or(0.0);
                    let bar_label = format!(
                        "{} of the year's target of {} {unit} reached; the plan expected {} by now",
                        percent(done),
                        amount(p.target_total),
                        percent(due)
                    );
                    // Positions as SVG attributes: the page's content policy refuses
                    // inline styles.
                    let fill = per_mille(done);
                    let mark = per_mille(due);
                    view! {
                        <p class="target-summary__goal">
                            <strong>{growth(p.target_growth)}</strong>" "{unit.clone()}
                            " — target "<strong>{amount(p.target_total)}</strong>
                            " from "{amount(p.baseline)}
                        </p>
                        <svg class="target-summary__bar" viewBox="0 0 1000 24" preserveAspectRatio="none"
                            role="img" aria-label=bar_label.clone()>
                            <title>{bar_label.clone()}</title>
                            <rect class="target-summary__back" y="4" width="1000" height="16" rx="8"/>
                            <rect class="target-summary__fill" y="4" width=fill height="16" rx="8"/>
                            {(p.months_to_date > 0).then(|| view! {
                                <rect class="target-summary__mark" x=(mark - 3).max(0) y="0" width="6" height="24"/>
                            })}
                        </svg>
                        {(p.months_to_date > 0).then(|| view! {
                            <p class="target-summary__key">"The bar is the year's target; the mark, where the plan expected the program by now."</p>
                        })}
                        <dl class="target-summary__numbers">
                            <div><dt>"Actual to date"</dt><dd>{amount(actual)}{p.on_plan().map(|r| format!(" ({} of plan)", percent(r)))}</dd></div>
                            <div><dt>"Plan to date"</dt><dd>{amount(p.plan_to_date)}</dd></div>
                            <div><dt>"Planned for the year"</dt><dd>{amount(p.planned)}</dd></div>
                            <div><dt>"Gap, weighted by confidence"</dt><dd>{amount(p.gap_weighted)}" ("{amount(p.gap_split().1)}" unplanned)"</dd></div>
                        </dl>
                        <p class="target-summary__say">{p.to_date_sentence()}</p>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// A fraction 0–1 in thousandths of the bar's width.
fn per_mille(fraction: f64) -> i64 {
    (fraction.clamp(0.0, 1.0) * 1000.0).round() as i64
}
