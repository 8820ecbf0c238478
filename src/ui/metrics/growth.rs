//! Growth per market (month over month, year over year, and the three-month change that
//! feeds buy-in) and the breadth-of-buy-in panel: each market's verdict, the count of
//! markets that bought in and the concentration flag, all read from one
//! `growth::buy_in`.

use crate::model::core::format::month_short;
use crate::model::core::format::{percent, percent_change};
use crate::model::metrics::growth::per_month;
use crate::model::metrics::growth::{
    self, BuyIn, MarketGrowth, Verdict, BOUGHT_IN, FLOOR, MIN_MARKETS, WINDOW,
};
use crate::model::metrics::plain;
use crate::model::{Id, Month};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// Everything the panel shows, computed once per change.
#[derive(Clone, PartialEq)]
struct Figures {
    latest: Month,
    rows: Vec<(String, MarketGrowth)>,
    buy_in: Option<BuyIn>,
    names: Vec<(Id, String)>,
}

#[component]
pub fn GrowthPanel(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let store = use_store();
    let today = crate::storage::now().date_naive();
    let figures = Memo::new(move |_| {
        let metric = metric.get();
        store.ws.with(|ws| {
            let p = ws.partner(&id)?;
            // The month health judges, so this panel, the Health tab and the brief agree.
            let panel = growth::panel(ws, p, &metric, today)?;
            let rows = panel
                .rows
                .into_iter()
                .map(|r| (ws.market_name(&r.market).to_owned(), r))
                .collect();
            let names = ws
                .markets
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect();
            Some(Figures {
                latest: panel.latest,
                rows,
                buy_in: panel.buy_in,
                names,
            })
        })
    });
    let body = move || {
        let Some(f) = figures.get() else {
            return view! { <p class="empty">"No values yet: growth appears once a market has two months."</p> }.into_any();
        };
        let latest = month_short(f.latest);
        let rows = f
            .rows
            .iter()
            .map(|(name, r)| {
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        <td class="num">{r.latest.map(plain).unwrap_or_else(|| "—".to_owned())}</td>
                        <td class="num" title=r.mom.explain()>{r.mom.short()}</td>
                        <td class="num" title=r.yoy.explain()>{r.yoy.short()}</td>
                        <td class="num">{growth::window_text(f.buy_in.as_ref(), r)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too.
            <div class="metrics-growth__scroll" tabindex="0" role="region"
                aria-label=format!("Growth in {latest}, scrollable")>
                <table class="metrics-growth__table">
                    <caption>{format!("Growth in {latest}")}</caption>
                    <thead><tr>
                        <th scope="col">"Market"</th>
                        <th scope="col">{latest.clone()}</th>
                        <th scope="col"><abbr title="month over month">"MoM"</abbr></th>
                        <th scope="col"><abbr title="year over year">"YoY"</abbr></th>
                        <th scope="col">{format!("Last {WINDOW} months vs a year earlier")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="field__hint">"Hover a growth figure to see how it was made. “new” means the month before was zero, so there is no rate; “—” means a month is missing. A missing month is never read as zero: enter 0 for the months before a launch to count the launch as growth."</p>
            <BuyInView buy_in=f.buy_in.clone() names=f.names.clone()/>
        }
        .into_any()
    };
    view! {
        <section class="card metrics-growth" aria-labelledby="metrics-growth-heading">
            <h2 id="metrics-growth-heading">"Growth and breadth of buy-in"</h2>
            {body}
        </section>
    }
}

#[component]
fn BuyInView(buy_in: Option<BuyIn>, names: Vec<(Id, String)>) -> impl IntoView {
    let name = move |id: &Id| {
        names
            .iter()
            .find(|(m, _)| m == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone())
    };
    let Some(b) = buy_in else {
        return view! {
            <div class="buy-in">
                <h3>"Breadth of buy-in"</h3>
                <p class="muted">"No figures of this metric yet."</p>
            </div>
        }
        .into_any();
    };
    let rows = b
        .markets
        .iter()
        .map(|m| {
            // An SVG bar of the market's growth on its own base, full at +100 %: the
            // page's content security policy forbids inline styles.
            let width = m.rate.map_or(0, |r| (r.clamp(0.0, 1.0) * 100.0).round() as i64);
            let class = match m.verdict {
                Verdict::BoughtIn => "buy-in__fill buy-in__fill--in",
                _ => "buy-in__fill buy-in__fill--out",
            };
            let text = match (m.rate, m.window) {
                (Some(rate), Some(w)) => format!(
                    "{}, {} ({}){}",
                    m.verdict.label(),
                    percent_change(rate),
                    per_month(w.monthly_change()),
                    if m.floored { ", small base: judged against the floor" } else { "" }
                ),
                _ => m.verdict.label(),
            };
            view! {
                <li class=if m.verdict.judged() { "" } else { "buy-in__left-out" }>
                    <span class="buy-in__market">{name(&m.market)}</span>
                    <svg class="buy-in__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="buy-in__track" width="100" height="10" rx="5"/>
                        <rect class=class width=width height="10" rx="5"/>
                    </svg>
                    <span class="buy-in__share">{text}</span>
                </li>
            }
        })
        .collect_view();
    let flagged = b.flagged.clone();
    let reading = b.reading_text();
    view! {
        <div class="buy-in">
            <h3>"Breadth of buy-in"</h3>
            {flagged.map(|reason| view! {
                <p class="buy-in__flag" role="status"><strong>"Growth is concentrated. "</strong>{reason}</p>
            })}
            <dl class="buy-in__figures">
                <div><dt>"Markets that bought in"</dt><dd>{format!("{} of {}", b.bought_in, b.judged)}</dd></div>
                <div><dt>"Breadth (in health)"</dt><dd>{b.breadth.map_or_else(|| "—".to_owned(), percent)}</dd></div>
            </dl>
            {(!reading.is_empty()).then(|| view! { <p class="buy-in__reading">{reading}</p> })}
            <ul class="buy-in__bars" aria-label="Each market judged on its own base">{rows}</ul>
            <p class="field__hint">{format!(
                "Each market is judged on its own base: its last {WINDOW} months against the same months a year earlier. It bought in when it grew {} or more; a base smaller than {} of the partner's typical market ({} a month) is judged against that floor. Markets whose latest month is not in yet are late and left out, never read as a fall. Growth is concentrated when half or fewer of at least {MIN_MARKETS} markets bought in.",
                percent_change(BOUGHT_IN), percent(FLOOR), plain(b.floor.round()))}</p>
        </div>
    }
    .into_any()
}
