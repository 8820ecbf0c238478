//! The market heat map: partners by markets, each cell the metric over the last twelve
//! months, coloured by size, with every number written in the cell.

use crate::model::figures::portfolio::{self, HEAT_WINDOW};
use crate::model::metrics::compact;
use crate::ui::route::{Route, Section};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// Rows shown before "Show all": at 2,000 partners the whole table (24,000 cells) took
/// seconds of the browser's layout on every visit (bench/RESULTS.md).
const FIRST_ROWS: usize = 25;

#[component]
pub fn HeatMapCard() -> impl IntoView {
    let store = use_store();
    let today = crate::storage::now().date_naive();
    let map = Memo::new(move |_| store.ws.with(|ws| store.heat_map(ws, today)));
    let show_all = RwSignal::new(false);
    let caption = move || {
        map.with(|m| match m.latest {
            Some(latest) => format!(
                "{} over the {HEAT_WINDOW} months to {}, by partner and market. Darker is larger; — means no values.",
                capitalised(&m.metric),
                crate::model::core::format::month_short(latest)
            ),
            None => String::new(),
        })
    };
    let head = move || {
        map.with(|m| {
            m.markets
                .iter()
                .map(|(_, name)| view! { <th scope="col" class="num">{name.clone()}</th> })
                .collect_view()
        })
    };
    let rows = move || {
        let limit = if show_all.get() {
            usize::MAX
        } else {
            FIRST_ROWS
        };
        map.with(|m| {
            m.rows
                .iter()
                .take(limit)
                .map(|r| heat_row(r, m))
                .collect_view()
        })
    };
    view! {
        <section class="card dashboard__heat" aria-labelledby="heat-heading">
            <div class="card__head"><h2 id="heat-heading">"Markets"</h2></div>
            <Show when=move || map.with(|m| !m.rows.is_empty())
                fallback=|| view! { <p class="empty">"No metric values yet: enter them on a partner's Metrics tab."</p> }>
                <div class="table-wrap">
                    <table class="table heat-map" data-testid="heat-map">
                        <caption>{caption}</caption>
                        <thead><tr><th scope="col">"Partner"</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <Show when=move || !show_all.get() && map.with(|m| m.rows.len() > FIRST_ROWS)>
                    <div class="more">
                        <p class="muted">{move || format!("The first {FIRST_ROWS} of {} partners.", map.with(|m| m.rows.len()))}</p>
                        <button class="button" on:click=move |_| show_all.set(true)>
                            {move || format!("Show all {} rows", map.with(|m| m.rows.len()))}
                        </button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One partner's row: a link to its Metrics tab, then a cell per market.
fn heat_row(r: &portfolio::HeatRow, m: &portfolio::HeatMap) -> impl IntoView {
    let href = Route::Section(r.partner.clone(), Section::Metrics).href();
    let cells = r
        .cells
        .iter()
        .zip(&m.markets)
        .map(|(v, (_, market))| {
            let level = portfolio::heat_level(*v, m.max);
            let text = v.map_or("—".to_owned(), compact);
            let title = match v {
                Some(_) => format!("{}, {market}: {text}", r.name),
                None => format!("{}, {market}: no values", r.name),
            };
            view! {
                <td class=format!("num heat heat--{level}") title=title>{text}</td>
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row"><a href=href>{r.name.clone()}</a></th>
            {cells}
        </tr>
    }
}
