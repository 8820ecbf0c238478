//! Growth per partner, market and metric, and the breadth of buy-in: does a partner's
//! growth come from many of its markets, or from two?
//!
//! Formulas, thresholds and a worked example are in `docs/model/metrics.md`.
//!
//! - [`growth`] compares one month with the month before (month over month) or the
//!   same month a year earlier (year over year). A missing month or a zero base gives
//!   no rate, and the [`Growth`] value says which, so no figure divides by zero.
//! - [`buy_in`] measures growth over a window: for each market, the values of the
//!   latest [`WINDOW`] months minus those of the same months a year earlier. Only
//!   markets whose growth is positive contribute; their shares of the total give the
//!   top-two share and the effective number of contributing markets (1 / Σ share²).

use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::core::vocabulary::Stage;
use crate::model::metrics::{percent, percent_change, plain, Series};
use crate::model::workspace::records::{Partner, Workspace};

/// Months in the buy-in window: the latest three, against the same three a year earlier.
/// Three months smooth out one odd month; year over year removes seasons.
pub const WINDOW: i32 = 3;
/// A partner active in at least this many markets can be flagged for concentration.
pub const MIN_MARKETS: usize = 4;
/// The flag is raised when the two largest markets bring more than this share.
pub const CONCENTRATION: f64 = 0.75;

/// Which earlier month a value is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// The month before.
    MonthOverMonth,
    /// The same month a year earlier.
    YearOverYear,
}

impl Period {
    pub fn months_back(self) -> i32 {
        match self {
            Period::MonthOverMonth => 1,
            Period::YearOverYear => 12,
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Period::MonthOverMonth => "MoM",
            Period::YearOverYear => "YoY",
        }
    }
}

/// The growth of one series in one month against an earlier month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Growth {
    /// `rate` = (now − before) / |before|: 0.12 is +12 %. Dividing by the absolute base
    /// keeps a rise a positive rate even from a negative base (a loss shrinking).
    Change { before: f64, now: f64, rate: f64 },
    /// The base month is zero: there is no rate; `now` says whether it started.
    FromZero { now: f64 },
    /// The month itself has no value.
    NoValue,
    /// The earlier month has no value.
    NoBase { base: Month },
}

impl Growth {
    /// The rate when there is one.
    pub fn rate(self) -> Option<f64> {
        match self {
            Growth::Change { rate, .. } => Some(rate),
            _ => None,
        }
    }

    /// The figure for a table cell: "+12 %", "new", "—".
    pub fn short(self) -> String {
        match self {
            Growth::Change { rate, .. } => percent_change(rate),
            Growth::FromZero { now } if now > 0.0 => "new".to_owned(),
            Growth::FromZero { now } if now < 0.0 => "below 0".to_owned(),
            Growth::FromZero { .. } => "0 %".to_owned(),
            Growth::NoValue | Growth::NoBase { .. } => "—".to_owned(),
        }
    }

    /// A sentence for a tooltip: how the figure was made, or why there is none.
    pub fn explain(self) -> String {
        match self {
            Growth::Change { before, now, .. } => {
                format!("from {} to {}", plain(before), plain(now))
            }
            Growth::FromZero { now } => {
                format!("from 0 to {}: no rate from a zero base", plain(now))
            }
            Growth::NoValue => "no value this month".to_owned(),
            Growth::NoBase { base } => format!("no value in {base} to compare with"),
        }
    }
}

/// The growth of `series` in `month` against the month `kind` looks back to.
pub fn growth(series: &Series, month: Month, kind: Period) -> Growth {
    let Some(now) = series.values.get(&month).copied() else {
        return Growth::NoValue;
    };
    let Some(base) = month.plus(-kind.months_back()) else {
        return Growth::NoValue;
    };
    match series.values.get(&base).copied() {
        None => Growth::NoBase { base },
        Some(0.0) => Growth::FromZero { now },
        Some(before) => {
            let rate = (now - before) / before.abs();
            if rate.is_finite() {
                Growth::Change { before, now, rate }
            } else {
                // Only reachable with values beyond the file format's limits.
                Growth::NoBase { base }
            }
        }
    }
}

/// A market's growth over the buy-in window ending at `latest`: the sum over the
/// latest [`WINDOW`] months of (value − value a year earlier). A month without a value
/// is left out of the sum with its pair; a year-earlier month before the series' first
/// value counts as 0 (the market had not started). `None` when no month pairs up.
pub fn window_growth(series: &Series, latest: Month) -> Option<f64> {
    let first = *series.values.keys().next()?;
    let mut sum = 0.0;
    let mut pairs = 0;
    for k in 0..WINDOW {
        let Some(month) = latest.plus(-k) else {
            continue;
        };
        let Some(now) = series.values.get(&month) else {
            continue;
        };
        let Some(base_month) = month.plus(-12) else {
            continue;
        };
        let before = match series.values.get(&base_month) {
            Some(v) => *v,
            None if base_month < first => 0.0,
            None => continue,
        };
        sum += now - before;
        pairs += 1;
    }
    (pairs > 0 && sum.is_finite()).then_some(sum)
}

/// The concentration of positive growth. `growth` holds each market's growth (any
/// sign); only positive entries count. Returns (top-two share, effective number of
/// contributing markets), or `None` when no market grew.
pub fn concentration(growth: &[f64]) -> Option<(f64, f64)> {
    let mut positive: Vec<f64> = growth
        .iter()
        .copied()
        .filter(|g| g.is_finite() && *g > 0.0)
        .collect();
    let total: f64 = positive.iter().sum();
    if positive.is_empty() || total <= 0.0 || !total.is_finite() {
        return None;
    }
    positive.sort_by(|a, b| b.total_cmp(a));
    let top_two: f64 = positive.iter().take(2).sum::<f64>() / total;
    let sum_sq: f64 = positive.iter().map(|g| (g / total).powi(2)).sum();
    // Rounding can push either figure a hair outside its range; clamp to it.
    let n = positive.len() as f64;
    let effective = (1.0 / sum_sq).clamp(1.0, n);
    Some((top_two.clamp(0.0, 1.0), effective))
}

/// The breadth of buy-in of one partner's metric.
#[derive(Clone, Debug, PartialEq)]
pub struct BuyIn {
    /// Each market's window growth (absolute change; negative when it shrank), largest
    /// first. Markets without a comparable month are absent.
    pub by_market: Vec<(Id, f64)>,
    /// The share of positive growth brought by the two largest growing markets, 0–1.
    pub top_two_share: f64,
    /// 1 / Σ share² over the growing markets: between 1 and their number.
    pub effective_markets: f64,
    /// Why the partner is flagged, naming the two markets; `None` when it is not.
    pub flagged: Option<String>,
}

/// The markets a partner counts as active in for `metric`: its own markets and any
/// market holding a value of that metric.
pub fn active_markets(p: &Partner, metric: &str) -> usize {
    let mut ids: Vec<&Id> = p.markets.iter().collect();
    for s in &p.metrics {
        if s.metric == metric && !s.values.is_empty() && !ids.contains(&&s.market) {
            ids.push(&s.market);
        }
    }
    ids.len()
}

/// Breadth of buy-in of `metric` for partner `p`, over the window ending at `latest`.
/// `None` when no market grew over the window (nothing to share out). A partner in the
/// Live stage, active in at least [`MIN_MARKETS`] markets, whose two largest growing
/// markets bring more than [`CONCENTRATION`] of the growth is flagged.
pub fn buy_in(ws: &Workspace, p: &Partner, metric: &str, latest: Month) -> Option<BuyIn> {
    let mut by_market: Vec<(Id, f64)> = Vec::new();
    for s in p.metrics.iter().filter(|s| s.metric == metric) {
        if by_market.iter().any(|(m, _)| m == &s.market) {
            continue;
        }
        if let Some(g) = window_growth(s, latest) {
            by_market.push((s.market.clone(), g));
        }
    }
    by_market.sort_by(|a, b| b.1.total_cmp(&a.1));
    let values: Vec<f64> = by_market.iter().map(|(_, g)| *g).collect();
    let (top_two_share, effective_markets) = concentration(&values)?;
    let active = active_markets(p, metric);
    let flagged = (p.stage == Stage::Live
        && active >= MIN_MARKETS
        && top_two_share > CONCENTRATION)
        .then(|| {
            let names: Vec<&str> = by_market
                .iter()
                .filter(|(_, g)| *g > 0.0)
                .take(2)
                .map(|(m, _)| ws.market_name(m))
                .collect();
            let (who, verb) = match names.as_slice() {
                [one] => (one.to_string(), "brings"),
                [a, b] => (format!("{a} and {b}"), "bring"),
                _ => (String::new(), "bring"),
            };
            format!(
                "{who} {verb} {} of the growth in {metric} across {active} markets (flagged above {}).",
                percent(top_two_share),
                percent(CONCENTRATION)
            )
        });
    Some(BuyIn {
        by_market,
        top_two_share,
        effective_markets,
        flagged,
    })
}

/// One row of the growth table: a market's latest value and its growth.
#[derive(Clone, Debug, PartialEq)]
pub struct MarketGrowth {
    pub market: Id,
    pub latest: Option<f64>,
    pub mom: Growth,
    pub yoy: Growth,
    /// Growth over the buy-in window ([`window_growth`]).
    pub window: Option<f64>,
}

/// The growth table of a partner's metric in `month`, one row per market with a series.
pub fn by_market(p: &Partner, metric: &str, month: Month) -> Vec<MarketGrowth> {
    let mut rows: Vec<MarketGrowth> = Vec::new();
    for s in p.metrics.iter().filter(|s| s.metric == metric) {
        if rows.iter().any(|r| r.market == s.market) {
            continue;
        }
        rows.push(MarketGrowth {
            market: s.market.clone(),
            latest: s.values.get(&month).copied(),
            mom: growth(s, month, Period::MonthOverMonth),
            yoy: growth(s, month, Period::YearOverYear),
            window: window_growth(s, month),
        });
    }
    rows
}
