//! What needs action this week: one row per partner, worst first, each expandable to its
//! partner risks and our own action items, with the counts stated and the partners it
//! may be time to walk away from on top. Every row links to the partner's Health tab.

use crate::model::figures::portfolio::{self, PartnerRow, Reading};
use crate::model::figures::signals::Signal;
use crate::model::Shared;
use crate::ui::health::SeverityPill;
use crate::ui::route::{Route, Section};
use leptos::prelude::*;

/// Rows shown before "Show all": the list stays short on a large program.
const FIRST_ROWS: usize = 8;

fn plural(n: usize, one: &str, many: &str) -> String {
    crate::model::core::format::count_of(n, one, many)
}

#[component]
pub fn PortfolioSignals(readings: Memo<Vec<Shared<Reading>>>) -> impl IntoView {
    let rows = Memo::new(move |_| readings.with(|r| portfolio::rows(r)));
    let show_all = RwSignal::new(false);
    let summary = move || {
        rows.with(|r| {
            let b = portfolio::budget(r);
            let total = readings.with(|r| {
                r.iter()
                    .filter(|r| r.stage != crate::model::Stage::WalkedAway)
                    .count()
            });
            format!(
                "{} of {total} partners need attention, {} of them urgently. Partner risks: {} ({} severe). Our action items: {} ({} severe).",
                b.partners,
                b.partners_severe,
                b.risks,
                b.risks_severe,
                b.ours,
                b.ours_severe
            )
        })
    };
    let list = move || {
        let limit = if show_all.get() {
            usize::MAX
        } else {
            FIRST_ROWS
        };
        rows.with(|r| r.iter().take(limit).cloned().collect::<Vec<_>>())
    };
    let more_to_show = move || !show_all.get() && rows.with(Vec::len) > FIRST_ROWS;
    view! {
        <section class="card dashboard__signals" aria-labelledby="portfolio-signals-heading">
            <div class="card__head"><h2 id="portfolio-signals-heading">"Needs action"</h2></div>
            <p class="signal-summary" data-testid="signal-summary">{summary}</p>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No signals: nothing needs attention right now."</p> }>
                // Keyed by the row's content: a row re-renders only when what it shows changed.
                <ul class="partner-signals" data-testid="portfolio-signals">
                    <For each=list key=|row| row.clone() let:row>
                        <PartnerSignals row=row/>
                    </For>
                </ul>
                <Show when=more_to_show>
                    <div class="more">
                        <button class="button" on:click=move |_| show_all.set(true)>
                            {move || format!("Show all {} partners", rows.with(Vec::len))}
                        </button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

/// One partner's row: the worst severity, the name, the counts and the top signal;
/// open it for every partner risk and our action items.
#[component]
fn PartnerSignals(row: PartnerRow) -> impl IntoView {
    let href = Route::Section(row.id.clone(), Section::Health).href();
    // The worst signal, a partner risk before our own item of the same severity.
    let top = row
        .risks
        .iter()
        .chain(&row.ours)
        .fold(
            None::<&crate::model::figures::signals::Signal>,
            |best, s| match best {
                Some(b) if b.severity >= s.severity => Some(b),
                _ => Some(s),
            },
        )
        .map(|s| s.kind.label())
        .unwrap_or_default();
    let counts = [
        (!row.risks.is_empty()).then(|| plural(row.risks.len(), "partner risk", "partner risks")),
        (!row.ours.is_empty()).then(|| {
            plural(
                row.ours.len(),
                "action item of ours",
                "action items of ours",
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let walk = row.walk_away.clone();
    let open = walk.is_some();
    view! {
        <li class=format!("partner-signals__row signal--{}", row.worst.key()) data-partner=row.id.to_string()>
            // The link stands outside the summary: a control inside the summary's own
            // control cannot be reached or announced properly (axe: nested-interactive).
            <div class="partner-signals__head">
                <a class="partner-signals__name" href=href>{row.name.clone()}</a>
                <span class=format!("pill partner-signals__band health--{}", row.band.key())>{row.band.name()}</span>
            </div>
            <details open=open>
                <summary>
                    <SeverityPill severity=row.worst/>
                    <span class="partner-signals__top">{top}</span>
                    <span class="muted partner-signals__counts">{counts}</span>
                </summary>
                {walk.map(|w| view! {
                    <div class="walk-away" data-testid="portfolio-walk-away">
                        <h3>"Walk away?"</h3>
                        <p>{w.reason}</p>
                    </div>
                })}
                <Group title="Partner risks" signals=row.risks.clone()/>
                <Group title="Our action items" signals=row.ours.clone()/>
            </details>
        </li>
    }
}

#[component]
fn Group(title: &'static str, signals: Vec<Signal>) -> impl IntoView {
    (!signals.is_empty()).then(|| {
        let items = signals
            .into_iter()
            .map(|s| {
                let owner = s.owner().key();
                view! {
                    <li data-kind=s.kind.key() data-owner=owner>
                        <SeverityPill severity=s.severity/>
                        <strong>{s.kind.label()}</strong>": "
                        <span class="muted">{s.reason}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3 class="partner-signals__group">{title}</h3>
            <ul class="partner-signals__list">{items}</ul>
        }
    })
}
