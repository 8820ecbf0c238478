//! Growth per market (month over month, year over year, and the three-month change that
//! feeds buy-in) and the breadth-of-buy-in panel with its concentration flag.

use crate::model::metrics::growth::{
    self, BuyIn, MarketGrowth, CONCENTRATION, MIN_MARKETS, WINDOW,
};
use crate::model::metrics::{self, percent, plain};
use crate::model::{Id, Month};
use crate::ui::charts::line::month_label;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// Everything the panel shows, computed once per change.
#[derive(Clone, PartialEq)]
struct Figures {
    latest: Month,
    rows: Vec<(String, MarketGrowth)>,
    buy_in: Option<BuyIn>,
    names: Vec<(Id, String)>,
    active: usize,
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", plain(v))
    } else {
        plain(v)
    }
}

#[component]
pub fn GrowthPanel(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let store = use_store();
    let figures = Memo::new(move |_| {
        let metric = metric.get();
        store.ws.with(|ws| {
            let p = ws.partner(&id)?;
            let latest = metrics::partner_latest(p, &metric)?;
            let rows = growth::by_market(p, &metric, latest)
                .into_iter()
                .map(|r| (ws.market_name(&r.market).to_owned(), r))
                .collect();
            let names = ws
                .markets
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect();
            Some(Figures {
                latest,
                rows,
                buy_in: growth::buy_in(ws, p, &metric, latest),
                names,
                active: growth::active_markets(p, &metric),
            })
        })
    });
    let body = move || {
        let Some(f) = figures.get() else {
            return view! { <p class="empty">"No values yet: growth appears once a market has two months."</p> }.into_any();
        };
        let latest = month_label(f.latest);
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
                        <td class="num">{r.window.map(signed).unwrap_or_else(|| "—".to_owned())}</td>
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
            <p class="field__hint">"Hover a growth figure to see how it was made. “new” means the month before was zero, so there is no rate; “—” means a month is missing."</p>
            <BuyInView buy_in=f.buy_in.clone() names=f.names.clone() active=f.active/>
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
fn BuyInView(buy_in: Option<BuyIn>, names: Vec<(Id, String)>, active: usize) -> impl IntoView {
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
                <p class="muted">{format!("No market grew over the last {WINDOW} months against the same months a year earlier, so there is no growth to share out.")}</p>
            </div>
        }
        .into_any();
    };
    let total: f64 = b.by_market.iter().map(|(_, g)| g.max(0.0)).sum();
    let bars = b
        .by_market
        .iter()
        .map(|(m, g)| {
            let share = if total > 0.0 { g.max(0.0) / total } else { 0.0 };
            // An SVG bar: the page's content security policy forbids inline styles.
            let width = (share * 100.0).round() as i64;
            view! {
                <li>
                    <span class="buy-in__market">{name(m)}</span>
                    <svg class="buy-in__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="buy-in__track" width="100" height="10" rx="5"/>
                        <rect class="buy-in__fill" width=width height="10" rx="5"/>
                    </svg>
                    <span class="buy-in__share">
                        {if *g <= 0.0 {
                            "none".to_owned()
                        } else if share < 0.005 {
                            "under 1 %".to_owned()
                        } else {
                            percent(share)
                        }}
                        <span class="muted">{format!(" ({})", signed(*g))}</span>
                    </span>
                </li>
            }
        })
        .collect_view();
    let flagged = b.flagged.clone();
    view! {
        <div class="buy-in">
            <h3>"Breadth of buy-in"</h3>
            {flagged.map(|reason| view! {
                <p class="buy-in__flag" role="status"><strong>"Growth is concentrated. "</strong>{reason}</p>
            })}
            <dl class="buy-in__figures">
                <div><dt>"Two largest markets' share of growth"</dt><dd>{percent(b.top_two_share)}</dd></div>
                <div><dt>"Effective number of growing markets"</dt>
                    <dd>{format!("{} of {active}", plain((b.effective_markets * 10.0).round() / 10.0))}</dd></div>
            </dl>
            <p class="field__hint">{format!(
                "Each market's growth is the sum of its last {WINDOW} months minus the same months a year earlier; only markets that grew share it. A live partner in {MIN_MARKETS} or more markets is flagged when its two largest bring more than {}.",
                percent(CONCENTRATION))}</p>
            <ul class="buy-in__bars" aria-label="Share of growth by market">{bars}</ul>
        </div>
    }
    .into_any()
}
