//! The gap in numbers and words, and what it is made of.

use crate::model::core::format::percent;
use crate::model::figures::planner::{amount, Plan};
use leptos::prelude::*;

/// The figures (target, planned, weighted, the weighted gap a lead acts on, the gap in
/// full) and the sentences that read them, the weighted gap first.
#[component]
pub fn Numbers(plan: Memo<Option<Plan>>) -> impl IntoView {
    move || {
        plan.with(|p| {
            let p = p.as_ref()?;
            let unit = p.unit().to_owned();
            let figure = |term: &'static str, value: f64, detail: String, class: &'static str| {
                view! {
                    <div class=format!("planner-figure {class}")>
                        <dt>{term}</dt>
                        <dd class="planner-figure__value">{amount(value)}</dd>
                        <dd class="planner-figure__detail">{detail}</dd>
                    </div>
                }
            };
            let data_note = p
                .baseline_from_data
                .filter(|d| (d - p.baseline).abs() > p.baseline.abs() * 0.01)
                .map(|d| {
                    format!(
                        "The metrics entered give {} {unit} for the baseline year, against the {} typed in.",
                        amount(d),
                        amount(p.baseline)
                    )
                });
            Some(view! {
                <section class="card planner-numbers" aria-labelledby="planner-numbers-heading">
                    <h2 id="planner-numbers-heading">"The gap"</h2>
                    <dl class="planner-figures">
                        {figure("Gap, weighted by confidence", p.gap_weighted,
                            format!("{} unplanned + {} at risk in the levers",
                                amount(p.gap_split().1), amount(p.gap_split().2)),
                            if p.gap_weighted > 0.0 { "planner-figure--gap" } else { "planner-figure--met" })}
                        {figure("Target", p.target_total,
                            format!("baseline {} + growth needed {}", amount(p.baseline), amount(p.growth_needed)), "")}
                        {figure("Planned", p.planned,
                            format!("baseline + levers {}", amount(p.expected)), "")}
                        {figure("Weighted by confidence", p.planned_weighted,
                            format!("baseline + {} counted", amount(p.expected_weighted)), "")}
                        {figure("Gap if every lever delivers", p.gap,
                            "levers counted in full".to_owned(), "")}
                    </dl>
                    <p class="planner-numbers__lead" data-testid="planner-gap">{p.gap_sentence()}</p>
                    <p class="planner-numbers__say" data-testid="planner-weighted">{p.weighted_sentence()}</p>
                    <p class="planner-numbers__say" data-testid="planner-coverage">{p.coverage_sentence()}</p>
                    <p class="planner-numbers__say" data-testid="planner-to-date">{p.to_date_sentence()}</p>
                    {data_note.map(|n| view! { <p class="muted">{n}</p> })}
                </section>
            })
        })
    }
}

/// Where the weighted gap sits: the unplanned growth, then each lever's at-risk part.
#[component]
pub fn GapBreakdown(plan: Memo<Option<Plan>>) -> impl IntoView {
    let parts =
        Memo::new(move |_| plan.with(|p| p.as_ref().map(|p| (p.gap_parts(), p.unit().to_owned()))));
    view! {
        <section class="card planner-breakdown" aria-labelledby="planner-breakdown-heading">
            <h2 id="planner-breakdown-heading">"Where the gap is"</h2>
            <p class="muted">"The weighted gap is the growth no lever is planned for, plus what each lever leaves at risk: its expected contribution times (1 − confidence). The levers carrying the most come first."</p>
            {move || parts.with(|parts| {
                let (parts, unit) = parts.as_ref()?;
                if parts.is_empty() {
                    return Some(view! {
                        <p class="empty">"Even weighted by confidence, the levers reach the target: no gap to carry."</p>
                    }.into_any());
                }
                Some(view! {
                    <ol class="planner-bars">
                        {parts.iter().map(|part| {
                            // Widths as SVG attributes: the page's content policy refuses
                            // inline styles.
                            let width = (part.share * 1000.0).round().clamp(0.0, 1000.0) as i64;
                            let text = format!("{} {unit} ({})", amount(part.amount), percent(part.share));
                            let class = if part.lever.is_none() { "planner-bar planner-bar--unplanned" } else { "planner-bar" };
                            view! {
                                <li class=class>
                                    <span class="planner-bar__name">{part.name.clone()}</span>
                                    <svg class="planner-bar__track" viewBox="0 0 1000 14"
                                        preserveAspectRatio="none" aria-hidden="true">
                                        <rect class="planner-bar__back" width="1000" height="14" rx="7"/>
                                        <rect class="planner-bar__fill" width=width.max(4) height="14" rx="7"/>
                                    </svg>
                                    <span class="planner-bar__value">{text}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any())
            })}
        </section>
    }
}
