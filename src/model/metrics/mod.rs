//! Metric values per partner, market, month and metric: the records, the edits the grid
//! and the paste make, the figures other screens read (latest month, totals, goal
//! progress), and how values are written for people.
//!
//! Growth and breadth of buy-in are in [`crate::model::metrics::growth`]; the spreadsheet paste and CSV
//! are in [`crate::model::formats::csv_metrics`].

pub mod growth;
pub mod record;

use crate::model::core::check::{MAX_NAME, MAX_VALUE, PARTNER_GONE};
use crate::model::core::format::grouped;
use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::core::vocabulary::GoalStatus;
use crate::model::goals::Goal;
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, Utc};
pub use record::*;
use std::collections::BTreeMap;

/// The metric names a partner has series for, standard ones first (in their usual
/// order), then the user's own alphabetically. The standard names are always offered.
pub fn metric_names(p: &Partner) -> Vec<String> {
    let mut names: Vec<String> = STANDARD.iter().map(|s| s.to_string()).collect();
    let mut own: Vec<String> = p
        .metrics
        .iter()
        .map(|s| s.metric.clone())
        .filter(|m| !STANDARD.contains(&m.as_str()))
        .collect();
    own.sort();
    own.dedup();
    names.extend(own);
    names
}

/// The partner's series of `metric` in `market`, if any.
pub fn series<'a>(p: &'a Partner, market: &Id, metric: &str) -> Option<&'a Series> {
    p.metrics
        .iter()
        .find(|s| &s.market == market && s.metric == metric)
}

/// The markets a partner's grid shows for `metric`: the partner's own markets in their
/// order, then any other market that has a series of that metric.
pub fn grid_markets(p: &Partner, metric: &str) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    let extra = p
        .metrics
        .iter()
        .filter(|s| s.metric == metric)
        .map(|s| &s.market);
    for m in p.markets.iter().chain(extra) {
        if !out.contains(m) {
            out.push(m.clone());
        }
    }
    out
}

/// The months a partner's grid shows for `metric`: every month from the first value of
/// that metric to `this_month` (or to the last value, when values run later), with at
/// most `max` months kept (the latest). Without values: the 12 months to `this_month`.
pub fn grid_months(p: &Partner, metric: &str, this_month: Month, max: usize) -> Vec<Month> {
    let months = p
        .metrics
        .iter()
        .filter(|s| s.metric == metric)
        .flat_map(|s| s.values.keys().copied());
    let (first, last) = months.fold((None::<Month>, None::<Month>), |(lo, hi), m| {
        (
            Some(lo.map_or(m, |x| x.min(m))),
            Some(hi.map_or(m, |x| x.max(m))),
        )
    });
    let end = last.map_or(this_month, |l| l.max(this_month));
    let start = first.unwrap_or_else(|| end.plus(-11).unwrap_or(end));
    let span = end.since(start).clamp(0, max.saturating_sub(1) as i64) as i32;
    (0..=span).rev().filter_map(|k| end.plus(-k)).collect()
}

/// The latest month holding any value of any partner, or `None` in an empty workspace.
pub fn latest_month(ws: &Workspace) -> Option<Month> {
    ws.partners
        .iter()
        .flat_map(|p| &p.metrics)
        .filter_map(|s| s.values.keys().next_back().copied())
        .max()
}

/// The latest month holding a value of one partner's `metric`.
pub fn partner_latest(p: &Partner, metric: &str) -> Option<Month> {
    p.metrics
        .iter()
        .filter(|s| s.metric == metric)
        .filter_map(|s| s.values.keys().next_back().copied())
        .max()
}

/// The last complete month on `today`: the month before today's. The month under way
/// is never judged: its figures are partial, so it would read as a fall, and a market
/// that already has a few days of it would make every other market look late.
pub fn last_complete_month(today: chrono::NaiveDate) -> Option<Month> {
    Month::of(today).plus(-1)
}

/// The month a partner's `metric` is judged in on `today` (health, signals, buy-in, the
/// report): its latest month with a value, up to [`last_complete_month`]. `None` when it
/// has no value by then.
pub fn judged_month(p: &Partner, metric: &str, today: chrono::NaiveDate) -> Option<Month> {
    let cap = last_complete_month(today)?;
    p.metrics
        .iter()
        .filter(|s| s.metric == metric)
        .filter_map(|s| growth::as_of(s, cap))
        .max()
}

/// A metric summed over every partner and market, month by month (months without any
/// value are absent, not zero).
pub fn total_by_month(ws: &Workspace, metric: &str) -> BTreeMap<Month, f64> {
    let mut out = BTreeMap::new();
    for s in ws.partners.iter().flat_map(|p| &p.metrics) {
        if s.metric == metric {
            for (m, v) in &s.values {
                *out.entry(*m).or_insert(0.0) += v;
            }
        }
    }
    out
}

/// One partner's metric summed over its markets, month by month.
pub fn partner_total_by_month(p: &Partner, metric: &str) -> BTreeMap<Month, f64> {
    let mut out = BTreeMap::new();
    for s in p.metrics.iter().filter(|s| s.metric == metric) {
        for (m, v) in &s.values {
            *out.entry(*m).or_insert(0.0) += v;
        }
    }
    out
}

/// Figures at most this many months behind the latest month are *late*: the month
/// compared steps back to wait for them. Silent for longer, a market has stopped
/// reporting and is left out instead of holding every other figure back.
pub const LATE_MONTHS: i64 = 2;

/// The last month through which every series still reporting has figures: the latest
/// month with a value (at most `cap`), stepped back to the earliest last value among the
/// series at most [`LATE_MONTHS`] behind it. `None` when no series has a value by `cap`.
///
/// A market whose October is not in yet makes the comparison read September for every
/// market, rather than reading its missing October as zero.
pub fn complete_month<'a>(
    series: impl IntoIterator<Item = &'a Series>,
    cap: Month,
) -> Option<Month> {
    complete_of(series.into_iter().filter_map(|s| growth::as_of(s, cap)))
}

/// [`complete_month`] from the series' last months with a value by the cap.
pub fn complete_of(ends: impl IntoIterator<Item = Month>) -> Option<Month> {
    let ends: Vec<Month> = ends.into_iter().collect();
    let latest = ends.iter().copied().max()?;
    ends.into_iter()
        .filter(|m| latest.since(*m) <= LATE_MONTHS)
        .min()
}

/// A market's latest figure stands in for a goal's month when it is at most this many
/// months older (a quarterly report arrives up to five months after the month it ends
/// with); older, the market has stopped reporting and adds nothing to the goal.
pub const CARRY_MONTHS: i64 = 6;

/// A market's figure standing for `month`: its value that month, or else its latest value
/// at most [`CARRY_MONTHS`] older, with the month that value is of. `None` when it has
/// no value in that span (not reporting yet, or silent for longer: stopped).
///
/// The one rule for reading a level across markets whose figures lag (quarterly
/// reporting, a market a few months behind): goal progress and the planner's program
/// totals both read it, so a goal and the program never disagree on the same figures.
pub fn carried(series: &Series, month: Month) -> Option<(f64, Month)> {
    let as_of = growth::as_of(series, month)?;
    let value = series.values.get(&as_of).copied()?;
    (month.since(as_of) <= CARRY_MONTHS && value.is_finite()).then_some((value, as_of))
}

/// A metric over several markets in `month` by [`carried`]: the sum, and the series
/// (by position) whose latest figure stood in for the month, with the month it is of.
/// `None` when no series has a figure for the month.
pub fn carried_total<'a>(
    series: impl IntoIterator<Item = &'a Series>,
    month: Month,
) -> Option<(f64, Vec<(usize, Month)>)> {
    let mut total: Option<f64> = None;
    let mut stood_in = Vec::new();
    for (i, s) in series.into_iter().enumerate() {
        let Some((value, as_of)) = carried(s, month) else {
            continue;
        };
        total = Some(total.unwrap_or(0.0) + value);
        if as_of < month {
            stood_in.push((i, as_of));
        }
    }
    total.map(|t| (t, stood_in))
}

/// How a shared goal stands against its plan to date.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalReading {
    /// The month read: the partner's last month with every reporting market in.
    pub month: Month,
    /// The goal's metric that month, summed over the markets: each market's value that
    /// month, or for a market whose figures lag (quarterly reporting, say) its latest
    /// value at most [`CARRY_MONTHS`] old, as of its own month.
    pub actual: f64,
    /// The markets whose latest value stands in for `month`, with the month it is of.
    pub carried: Vec<(Id, Month)>,
    /// The goal's target (the monthly value that meets it).
    pub target: f64,
    /// Where the plan says the metric should be in `month`: the target, pro-rated on a
    /// straight line from the partner's first month with figures to the due month.
    pub plan: f64,
    /// The plan's start, (first month with figures, the total that month); `None` when
    /// the goal has no due date after it (the plan is then the target itself).
    pub start: Option<(Month, f64)>,
    /// actual ÷ plan (never below 0; 1 = on plan).
    pub progress: f64,
}

/// How far a shared goal is on its plan to date, read in the partner's complete month at
/// or before `latest` (see [`complete_month`]). `None` when the goal has no metric, no
/// positive target, or no market has a value of that metric by `latest`.
///
/// Tandem keeps no start date for a goal, so its plan starts at the partner's first month
/// with figures of the metric (its launch in the figures), at the total of that month, and
/// runs straight to the target in the due month. Without a due date, or from the due month
/// on, the plan is the target.
pub fn goal_reading(p: &Partner, goal: &Goal, latest: Month) -> Option<GoalReading> {
    let target = goal.target.filter(|t| t.is_finite() && *t > 0.0)?;
    let metric = goal.metric.trim();
    if metric.is_empty() {
        return None;
    }
    let series: Vec<&Series> = p.metrics.iter().filter(|s| s.metric == metric).collect();
    let month = complete_month(series.iter().copied(), latest)?;
    // A goal is a level the partner reaches over all its markets: a market that reports
    // quarterly still has its users. Its latest figure stands in, named, rather than
    // reading its silence as zero and the goal as a fraction of itself.
    let (actual, stood_in) = carried_total(series.iter().copied(), month).unwrap_or_default();
    let mut carried: Vec<(Id, Month)> = Vec::new();
    for (i, as_of) in stood_in {
        let market = &series[i].market;
        if !carried.iter().any(|(m, _)| m == market) {
            carried.push((market.clone(), as_of));
        }
    }
    let first = series
        .iter()
        .filter_map(|s| s.values.keys().next().copied())
        .min()?;
    let first_total: f64 = series.iter().filter_map(|s| s.values.get(&first)).sum();
    let due = goal.due.map(Month::of).filter(|d| *d > first);
    let (plan, start) = match due {
        Some(due) if month < due => {
            let along = month.since(first) as f64 / due.since(first) as f64;
            let plan = first_total + (target - first_total) * along.clamp(0.0, 1.0);
            if plan > 0.0 && plan.is_finite() {
                (plan, Some((first, first_total)))
            } else {
                (target, None)
            }
        }
        _ => (target, None),
    };
    let progress = (actual / plan).max(0.0);
    progress.is_finite().then_some(GoalReading {
        month,
        actual,
        carried,
        target,
        plan,
        start,
        progress,
    })
}

/// A shared goal's figures as every screen reads them on `today`: in the partner's last
/// judged month of the goal's metric ([`judged_month`]: the month under way is never
/// judged), against its plan to date ([`goal_reading`]). Health's growth component and
/// the Goals tab both ask here.
pub fn goal_figures(p: &Partner, goal: &Goal, today: chrono::NaiveDate) -> Option<GoalReading> {
    let latest = judged_month(p, goal.metric.trim(), today)?;
    goal_reading(p, goal, latest)
}

/// Below this share of the plan to date the figures read behind a goal marked on track.
pub const BEHIND_PLAN: f64 = 0.8;

impl GoalReading {
    /// The figures in a sentence, for the goal's card: "Nov 2026: 174,735 users, 97 % of
    /// the plan to date (181,000) and 83 % of the target. Germany as of Sep 2026." With
    /// no plan line (no due date, or due already) the plan is the target itself.
    pub fn words(&self, metric: &str, market_name: impl Fn(&Id) -> String) -> String {
        use crate::model::core::format::{month_short, percent};
        let of_target = self.actual / self.target;
        let mut text = format!(
            "{}: {} {metric}, ",
            month_short(self.month),
            plain(self.actual.round())
        );
        if self.start.is_some() {
            text.push_str(&format!(
                "{} of the plan to date ({}) and {} of the target.",
                percent(self.progress),
                plain(self.plan.round()),
                percent(of_target)
            ));
        } else {
            text.push_str(&format!("{} of the target.", percent(of_target)));
        }
        for (market, month) in &self.carried {
            text.push_str(&format!(
                " {} as of {}.",
                market_name(market),
                month_short(*month)
            ));
        }
        text
    }

    /// When the figures and the status set by hand disagree, in words: a goal marked on
    /// track (or met) whose figures are below [`BEHIND_PLAN`] of the plan to date, or one
    /// marked at risk (or missed) whose figures are at or above the plan.
    pub fn disagrees_with(&self, status: GoalStatus) -> Option<&'static str> {
        match status {
            GoalStatus::OnTrack | GoalStatus::Met if self.progress < BEHIND_PLAN => {
                Some("The figures read behind plan: check the status.")
            }
            GoalStatus::AtRisk | GoalStatus::Missed if self.progress >= 1.0 => {
                Some("The figures read on plan: check the status.")
            }
            _ => None,
        }
    }
}

/// A shared goal's progress on its plan to date ([`goal_reading`]): 1.0 = on plan; may
/// exceed 1 and is never negative.
pub fn goal_progress(p: &Partner, goal: &Goal, latest: Month) -> Option<f64> {
    goal_reading(p, goal, latest).map(|r| r.progress)
}

// ---------------------------------------------------------------------------------------
// Edits: each validates first, changes nothing on error, stamps the partner's `updated`
// and says whether anything changed.

/// Why an edit of a partner's metrics was refused, worded for the person who made it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MetricError {
    #[error("{}", PARTNER_GONE)]
    NoPartner,
    #[error("Give the metric a name, such as \"downloads\".")]
    NoName,
    #[error("A metric name has at most {MAX_NAME} characters.")]
    NameTooLong,
    /// Not finite, or beyond what the file format holds.
    #[error("A value must be a number between −10¹⁵ and 10¹⁵.")]
    Value,
    #[error("Market {0} is not in the catalogue.")]
    UnknownMarket(Id),
    #[error("This partner has no markets yet: add its markets on the Overview tab first.")]
    NoMarkets,
    /// A standard metric cannot be renamed.
    #[error("\"{0}\" is a standard metric and keeps its name.")]
    Standard(String),
    #[error("This partner has no metric \"{0}\".")]
    NoSuchMetric(String),
    #[error("\"{0}\" is already a metric of this partner: choose another name.")]
    NameTaken(String),
}

fn partner_mut<'a>(ws: &'a mut Workspace, id: &Id) -> Result<&'a mut Partner, MetricError> {
    ws.partner_mut(id).ok_or(MetricError::NoPartner)
}

/// A metric name as typed, trimmed and checked: not empty, at most 120 characters.
pub fn clean_metric(name: &str) -> Result<String, MetricError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(MetricError::NoName);
    }
    if name.chars().count() > MAX_NAME {
        return Err(MetricError::NameTooLong);
    }
    Ok(name.to_owned())
}

/// Refuses a value the file format would refuse.
pub fn check_value(value: f64) -> Result<f64, MetricError> {
    if value.is_finite() && value.abs() <= MAX_VALUE {
        Ok(value)
    } else {
        Err(MetricError::Value)
    }
}

fn check_market(ws: &Workspace, market: &Id) -> Result<(), MetricError> {
    ws.market(market)
        .map(|_| ())
        .ok_or_else(|| MetricError::UnknownMarket(market.clone()))
}

/// Sets (`Some`) or clears (`None`) one value. Creates the series when needed.
pub fn set_value(
    ws: &mut Workspace,
    partner: &Id,
    market: &Id,
    metric: &str,
    month: Month,
    value: Option<f64>,
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    set_values(ws, partner, metric, &[(market.clone(), month, value)], now)
}

/// Sets or clears many values of one metric at once (a paste, an import): all are
/// checked before any is applied.
pub fn set_values(
    ws: &mut Workspace,
    partner: &Id,
    metric: &str,
    cells: &[(Id, Month, Option<f64>)],
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    let metric = clean_metric(metric)?;
    for (market, _, value) in cells {
        check_market(ws, market)?;
        if let Some(v) = value {
            check_value(*v)?;
        }
    }
    let p = partner_mut(ws, partner)?;
    let mut changed = false;
    for (market, month, value) in cells {
        let index = match p
            .metrics
            .iter()
            .position(|s| &s.market == market && s.metric == metric)
        {
            Some(i) => i,
            None if value.is_none() => continue,
            None => {
                p.metrics.push(Series {
                    market: market.clone(),
                    metric: metric.clone(),
                    values: BTreeMap::new(),
                });
                p.metrics.len() - 1
            }
        };
        let values = &mut p.metrics[index].values;
        let before = values.get(month).copied();
        match value {
            Some(v) => {
                values.insert(*month, *v);
            }
            None => {
                values.remove(month);
            }
        }
        // Comparing bits keeps 0.0 and -0.0 apart and never treats two equal values as
        // a change.
        changed |= before.map(f64::to_bits) != value.map(f64::to_bits);
    }
    if changed {
        p.updated = now.max(p.created);
    }
    Ok(changed)
}

/// Adds a metric to a partner: an empty series in each of its markets (or in `market`
/// alone when given), so the grid offers it. Adding what exists changes nothing.
pub fn add_series(
    ws: &mut Workspace,
    partner: &Id,
    market: Option<&Id>,
    metric: &str,
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    let metric = clean_metric(metric)?;
    if let Some(m) = market {
        check_market(ws, m)?;
    }
    let p = partner_mut(ws, partner)?;
    let markets: Vec<Id> = match market {
        Some(m) => vec![m.clone()],
        None => p.markets.clone(),
    };
    if markets.is_empty() {
        return Err(MetricError::NoMarkets);
    }
    let mut changed = false;
    for m in markets {
        if series(p, &m, &metric).is_none() {
            p.metrics.push(Series {
                market: m,
                metric: metric.clone(),
                values: BTreeMap::new(),
            });
            changed = true;
        }
    }
    if changed {
        p.updated = now.max(p.created);
    }
    Ok(changed)
}

/// Renames one of the user's own metrics for this partner (every market). Standard
/// metrics cannot be renamed, and a name already in use for this partner is refused
/// rather than silently merging two metrics.
pub fn rename_metric(
    ws: &mut Workspace,
    partner: &Id,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    let to = clean_metric(to)?;
    if STANDARD.contains(&from) {
        return Err(MetricError::Standard(from.to_owned()));
    }
    let p = partner_mut(ws, partner)?;
    if from == to {
        return Ok(false);
    }
    if !p.metrics.iter().any(|s| s.metric == from) {
        return Err(MetricError::NoSuchMetric(from.to_owned()));
    }
    if STANDARD.contains(&to.as_str()) || p.metrics.iter().any(|s| s.metric == to) {
        return Err(MetricError::NameTaken(to));
    }
    for s in p.metrics.iter_mut().filter(|s| s.metric == from) {
        s.metric = to.clone();
    }
    p.updated = now.max(p.created);
    Ok(true)
}

// ---------------------------------------------------------------------------------------
// Writing values for people. Integer arithmetic (values are at most 10¹⁵, so hundredths
// fit an i64), which keeps float formatting out of the browser build.

/// A value in full with thousands separators and at most two decimals: "12,345",
/// "1,234.5", "−0.25".
pub fn plain(value: f64) -> String {
    let hundredths = (value * 100.0).round();
    if !hundredths.is_finite() || hundredths.abs() > 9.0e18 {
        return "—".to_owned();
    }
    let h = hundredths as i64;
    let sign = if h < 0 { "−" } else { "" };
    let h = h.unsigned_abs();
    let (whole, frac) = (h / 100, h % 100);
    let mut out = format!("{sign}{}", grouped(whole));
    if frac != 0 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// A value in a few characters for axes and tight cells: "950", "12.5", "12.3k",
/// "4.2M", "1.1B", "3T".
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let abs = value.abs();
    let sign = if value < 0.0 && abs >= 0.05 {
        "−"
    } else {
        ""
    };
    let (scaled, suffix) = if abs >= 1e12 {
        (abs / 1e12, "T")
    } else if abs >= 1e9 {
        (abs / 1e9, "B")
    } else if abs >= 1e6 {
        (abs / 1e6, "M")
    } else if abs >= 1e3 {
        (abs / 1e3, "k")
    } else {
        (abs, "")
    };
    let tenths = (scaled * 10.0).round() as u64;
    // Large scaled numbers read better without the decimal ("125k", not "125.0k").
    let body = if tenths % 10 == 0 || tenths >= 1000 {
        ((tenths + 5) / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    format!("{sign}{body}{suffix}")
}

/// Round axis values between `min` and `max`: about `count` ticks at steps of 1, 2, 2.5
/// or 5 times a power of ten, the first at or below `min`, the last at or above `max`.
/// A flat or empty range still gets two ticks.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    let (mut lo, mut hi) = if min.is_finite() && max.is_finite() {
        (min.min(max), min.max(max))
    } else {
        (0.0, 1.0)
    };
    if hi - lo < f64::EPSILON * hi.abs().max(1.0) {
        // A flat line: give it room around its value.
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.5 };
        lo -= if lo == 0.0 { 0.0 } else { pad };
        hi += pad;
    }
    let raw = (hi - lo) / count.saturating_sub(1).max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|f| f * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let n = ((last - first) as usize).min(20);
    (0..=n).map(|i| (first + i as f64) * step).collect()
}
