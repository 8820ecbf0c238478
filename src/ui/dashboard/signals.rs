//! The signals across the portfolio: counts by severity, the partners it may be time to
//! walk away from, and every signal, each linking to the partner's Health tab.

use crate::model::figures::portfolio::{self, Reading};
use crate::ui::health::SeverityPill;
use crate::ui::route::{Route, Section};
use leptos::prelude::*;

/// Rows shown before "Show all": the list stays short on a large program.
const FIRST_ROWS: usize = 25;

#[component]
pub fn PortfolioSignals(readings: Memo<Vec<Reading>>) -> impl IntoView {
    let all = Memo::new(move |_| readings.with(|r| portfolio::all_signals(r)));
    let show_all = RwSignal::new(false);
    let counts = move || {
        all.with(|a| {
            portfolio::severity_counts(a)
                .into_iter()
                .map(|(sev, n)| {
                    view! {
                        <li class=format!("signal-counts__item severity--{}", sev.key())>
                            <strong>{n}</strong>" "{sev.label().to_lowercase()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let walk_aways = move || {
        readings.with(|r| {
            r.iter()
                .filter_map(|r| r.walk_away.as_ref().map(|w| (r, w)))
                .map(|(r, w)| {
                    let href = Route::Section(r.id.clone(), Section::Health).href();
                    let kinds = w
                        .signals
                        .iter()
                        .map(|s| s.kind.label().to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <li><a href=href>{r.name.clone()}</a>": "{kinds}</li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let rows = move || {
        let limit = if show_all.get() {
            usize::MAX
        } else {
            FIRST_ROWS
        };
        all.with(|a| {
            a.iter()
                .take(limit)
                .map(|s| {
                    let href = Route::Section(s.partner.clone(), Section::Health).href();
                    view! {
                        <tr data-kind=s.signal.kind.key()>
                            <td><SeverityPill severity=s.signal.severity/></td>
                            <th scope="row"><a href=href>{s.name.clone()}</a></th>
                            <td class="nowrap">{s.signal.kind.label()}</td>
                            <td class="muted">{s.signal.reason.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let more_to_show = move || !show_all.get() && all.with(Vec::len) > FIRST_ROWS;
    view! {
        <section class="card dashboard__signals" aria-labelledby="portfolio-signals-heading">
            <div class="card__head"><h2 id="portfolio-signals-heading">"Signals across the portfolio"</h2></div>
            <ul class="signal-counts">{counts}</ul>
            {move || {
                let list = walk_aways();
                (!list.is_empty()).then(|| view! {
                    <div class="walk-away" data-testid="portfolio-walk-away">
                        <h3>"Walk away?"</h3>
                        <p>"Several severe signals hold together for these partners:"</p>
                        <ul>{list}</ul>
                    </div>
                })
            }}
            <Show when=move || !all.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No signals: nothing needs attention right now."</p> }>
                <div class="table-wrap">
                    <table class="table dashboard__signal-table" data-testid="portfolio-signals">
                        <thead>
                            <tr>
                                <th scope="col">"Severity"</th>
                                <th scope="col">"Partner"</th>
                                <th scope="col">"Signal"</th>
                                <th scope="col">"Why"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <Show when=more_to_show>
                    <div class="more">
                        <button class="button" on:click=move |_| show_all.set(true)>
                            {move || format!("Show all {} signals", all.with(Vec::len))}
                        </button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}
