//! Growth per partner, market and metric, and the breadth of buy-in: how many of a
//! partner's markets bought in, each judged against its own base?
//!
//! Formulas, thresholds, the reasons for them and worked examples are in
//! `docs/model/metrics.md`.
//!
//! - [`growth`] compares one month with the month before (month over month) or the
//!   same month a year earlier (year over year). A missing month or a zero base gives
//!   no rate, and the [`Growth`] value says which, so no figure divides by zero.
//! - [`window`] pairs the latest [`WINDOW`] months of a market with the same months a
//!   year earlier. A month without a value is missing, never zero: it pairs with nothing.
//! - [`buy_in`] judges each market on its own base (relative growth over the window,
//!   with a floor for tiny bases), leaves out markets whose figures are late, counts the
//!   markets that bought in, and reads the breadth (the health component) and the
//!   concentration flag (the signal) from that one count, so the two never disagree.

use crate::model::core::format::percent_change;
use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::core::vocabulary::Stage;
use crate::model::metrics::{grid_markets, plain, Series};
use crate::model::workspace::records::{Partner, Workspace};
use chrono::NaiveDate;

/// Months in the buy-in window: the latest three, against the same three a year earlier.
/// Three months smooth out one odd month; year over year removes seasons.
pub const WINDOW: i32 = 3;
/// A market bought in when its window grew by at least this share of its own base
/// (+10 %): more than the drift of a market nobody worked on.
pub const BOUGHT_IN: f64 = 0.10;
/// A market whose window fell by this share of its base or more (−10 %) is declining.
pub const DECLINING: f64 = -0.10;
/// The floor under a tiny base, as a share of the partner's median market base: a market
/// is never judged against less than a quarter of a typical market of the partner, so
/// 3 → 30 sign-ups next to markets of thousands is not "+900 %".
pub const FLOOR: f64 = 0.25;
/// The concentration flag needs at least this many markets judged: with one or two,
/// "one of two" is a split, not growth carried by a few of many.
pub const MIN_MARKETS: usize = 3;
/// Growth is concentrated when at most this share of the judged markets bought in
/// (and at least one did).
pub const CONCENTRATED_AT_MOST: f64 = 0.5;

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

/// A market's figures over the buy-in window ending at `latest`: the months among the
/// latest [`WINDOW`] that have a value **and** a value twelve months earlier, summed.
/// A month missing on either side is left out with its pair (missing is not zero: a
/// launch counts as growth only when the months before it were entered as 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// How many months paired up (1 to [`WINDOW`]).
    pub pairs: usize,
    /// Σ of the year-earlier values of the paired months.
    pub before: f64,
    /// Σ of the values of the paired months.
    pub now: f64,
}

impl Window {
    /// now − before: the absolute growth over the window.
    pub fn change(&self) -> f64 {
        self.now - self.before
    }

    /// The growth per paired month: (now − before) ÷ pairs. What a person reads beside a
    /// month's figure: summed over three months, a market of 97,000 users showed
    /// "+145,545", more than its whole audience.
    pub fn monthly_change(&self) -> f64 {
        self.change() / self.pairs.max(1) as f64
    }
}

/// The paired months of `series` over the window ending at `latest`; `None` when no month
/// pairs up.
pub fn window(series: &Series, latest: Month) -> Option<Window> {
    let mut w = Window {
        pairs: 0,
        before: 0.0,
        now: 0.0,
    };
    for k in 0..WINDOW {
        let Some(month) = latest.plus(-k) else {
            continue;
        };
        let (Some(now), Some(before)) = (
            series.values.get(&month),
            month.plus(-12).and_then(|b| series.values.get(&b)),
        ) else {
            continue;
        };
        w.pairs += 1;
        w.before += before;
        w.now += now;
    }
    (w.pairs > 0 && w.change().is_finite()).then_some(w)
}

/// A market's absolute growth over the window ([`window`]), or `None` without a pair.
pub fn window_growth(series: &Series, latest: Month) -> Option<f64> {
    window(series, latest).map(|w| w.change())
}

/// The last month at or before `latest` holding a value of `series`.
pub fn as_of(series: &Series, latest: Month) -> Option<Month> {
    series.values.range(..=latest).next_back().map(|(m, _)| *m)
}

/// How one market is judged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Grew by [`BOUGHT_IN`] or more of its own base.
    BoughtIn,
    /// Between [`DECLINING`] and [`BOUGHT_IN`].
    Flat,
    /// Fell by 10 % of its base or more.
    Declining,
    /// Its figures stop before the partner's latest month: late, not flat. Left out.
    Late { as_of: Month },
    /// No month of the window has a value a year earlier. Left out.
    NoYearEarlier,
    /// The partner is in the market but has no figures of the metric there. Left out.
    NoFigures,
}

impl Verdict {
    /// Whether the market counts in the breadth (bought in, flat or declining).
    pub fn judged(self) -> bool {
        matches!(self, Verdict::BoughtIn | Verdict::Flat | Verdict::Declining)
    }

    /// "bought in", "late: figures to Aug 2026".
    pub fn label(self) -> String {
        match self {
            Verdict::BoughtIn => "bought in".into(),
            Verdict::Flat => "flat".into(),
            Verdict::Declining => "declining".into(),
            Verdict::Late { as_of } => format!(
                "late: figures to {}",
                crate::model::core::format::month_short(as_of)
            ),
            Verdict::NoYearEarlier => "no year-earlier data".into(),
            Verdict::NoFigures => "no figures".into(),
        }
    }
}

/// One market of the partner, judged.
#[derive(Clone, Debug, PartialEq)]
pub struct MarketBuyIn {
    pub market: Id,
    pub verdict: Verdict,
    /// The window's paired months (absent when late, without figures or without pairs).
    pub window: Option<Window>,
    /// (now − before) / max(|before|, floor), per paired month; `None` when not judged.
    pub rate: Option<f64>,
    /// The floor stood in for a base smaller than it.
    pub floored: bool,
}

/// What the count of markets that bought in says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// More than half of the judged markets bought in.
    Broad,
    /// Half or fewer bought in, but fewer than [`MIN_MARKETS`] are judged: read in the
    /// breadth, never flagged.
    Narrow,
    /// Half or fewer of at least [`MIN_MARKETS`] judged markets bought in, at least one
    /// did: growth is carried by a few markets.
    Concentrated,
    /// Markets were judged and none bought in: no growth to be concentrated.
    NoneBoughtIn,
    /// Fewer than two markets can be judged: no breadth to read.
    TooFewMarkets,
}

/// The breadth of buy-in of one partner's metric: every fact the health component, the
/// concentration signal and the Metrics tab show, computed once.
#[derive(Clone, Debug, PartialEq)]
pub struct BuyIn {
    pub metric: String,
    /// The partner's latest month: markets without a value in it are late.
    pub latest: Month,
    /// Every market of the partner: judged ones first (highest rate first), then late,
    /// without year-earlier data, without figures.
    pub markets: Vec<MarketBuyIn>,
    /// The floor under a tiny base, per month.
    pub floor: f64,
    /// Markets that bought in.
    pub bought_in: usize,
    /// Markets judged (bought in, flat or declining).
    pub judged: usize,
    /// The health component: bought in ÷ judged; `None` when fewer than two are judged.
    pub breadth: Option<f64>,
    pub reading: Reading,
    /// The concentration signal's reason: `Some` exactly when the reading is
    /// [`Reading::Concentrated`] and the partner is live.
    pub flagged: Option<String>,
    /// One line for the health component: the count and the markets left out.
    pub summary: String,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// "United States", "United States and Brazil", "A, B and C".
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Breadth of buy-in of `metric` for partner `p`, over the window ending at `latest` (the
/// partner's latest month with figures, at most today's). `None` when the partner has no
/// value of the metric at all.
///
/// Each market of the partner is judged on its own base: its window's relative growth,
/// (now − before) / max(|before|, floor) per paired month, is bought in at +10 % or more.
/// A market without a value in `latest` is late and left out, as is one without a
/// year-earlier month to compare with. breadth = bought in ÷ judged (two or more
/// judged); the flag is raised for a live partner when at least three markets are judged
/// and half or fewer bought in (at least one).
pub fn buy_in(ws: &Workspace, p: &Partner, metric: &str, latest: Month) -> Option<BuyIn> {
    if !p
        .metrics
        .iter()
        .any(|s| s.metric == metric && as_of(s, latest).is_some())
    {
        return None;
    }
    let ids = grid_markets(p, metric);
    let series = |m: &Id| {
        p.metrics
            .iter()
            .find(|s| &s.market == m && s.metric == metric)
    };
    let floor = floor_of(ids.iter().filter_map(series), latest);
    let mut markets: Vec<MarketBuyIn> = ids
        .iter()
        .map(|m| judge_market(m, series(m), latest, floor))
        .collect();
    markets.sort_by(market_order);

    let judged = markets.iter().filter(|m| m.verdict.judged()).count();
    let bought_in = markets
        .iter()
        .filter(|m| m.verdict == Verdict::BoughtIn)
        .count();
    let breadth = (judged >= 2).then(|| bought_in as f64 / judged as f64);
    let reading = reading_of(breadth, bought_in, judged);
    let words = BuyInWords {
        ws,
        ids: &ids,
        markets: &markets,
        judged,
        bought_in,
    };
    let summary = words.summary(reading);
    let flagged =
        (reading == Reading::Concentrated && p.stage == Stage::Live).then(|| words.flag());
    Some(BuyIn {
        metric: metric.to_owned(),
        latest,
        markets,
        floor,
        bought_in,
        judged,
        breadth,
        reading,
        flagged,
        summary,
    })
}

/// The floor under a tiny base: [`FLOOR`] of the partner's median base (the mean of each
/// market's year-earlier window months with a value, whether or not the market is
/// late), else of its median current level.
fn floor_of<'a>(series: impl Iterator<Item = &'a Series> + Clone, latest: Month) -> f64 {
    let bases: Vec<f64> = series
        .clone()
        .filter_map(|s| {
            let v: Vec<f64> = (0..WINDOW)
                .filter_map(|k| latest.plus(-k - 12))
                .filter_map(|m| s.values.get(&m).copied())
                .collect();
            (!v.is_empty()).then(|| v.iter().map(|x| x.abs()).sum::<f64>() / v.len() as f64)
        })
        .collect();
    // Most markets launched from zero: their last known levels stand in for the base
    // (a late market's too, so its lateness moves nothing).
    let typical = median(bases).filter(|b| *b > 0.0).or_else(|| {
        median(
            series
                .filter_map(|s| s.values.get(&as_of(s, latest)?).map(|v| v.abs()))
                .collect(),
        )
    });
    FLOOR * typical.unwrap_or(0.0)
}

/// One market judged on its own base: late, without figures or without a year-earlier
/// month it is left out; otherwise its growth per paired month over max(|base|, floor)
/// says bought in, flat or declining.
fn judge_market(market: &Id, s: Option<&Series>, latest: Month, floor: f64) -> MarketBuyIn {
    let current = s.is_some_and(|s| s.values.contains_key(&latest));
    let Some(w) = s.filter(|_| current).and_then(|s| window(s, latest)) else {
        return MarketBuyIn {
            market: market.clone(),
            verdict: match s.and_then(|s| as_of(s, latest)) {
                None => Verdict::NoFigures,
                Some(m) if m < latest => Verdict::Late { as_of: m },
                Some(_) => Verdict::NoYearEarlier,
            },
            window: None,
            rate: None,
            floored: false,
        };
    };
    let n = w.pairs as f64;
    let base = (w.before / n).abs();
    let denominator = base.max(floor);
    let change = w.change() / n;
    let rate = (denominator > 0.0)
        .then(|| change / denominator)
        .filter(|r| r.is_finite());
    let verdict = match rate {
        Some(r) if r >= BOUGHT_IN => Verdict::BoughtIn,
        Some(r) if r <= DECLINING => Verdict::Declining,
        Some(_) => Verdict::Flat,
        // Base and floor both zero: only the sign can speak.
        None if change > 0.0 => Verdict::BoughtIn,
        None if change < 0.0 => Verdict::Declining,
        None => Verdict::Flat,
    };
    MarketBuyIn {
        market: market.clone(),
        verdict,
        window: Some(w),
        rate,
        floored: floor > base,
    }
}

/// Judged markets first (highest rate first), then late ones, those without
/// year-earlier data and those without figures.
fn market_order(a: &MarketBuyIn, b: &MarketBuyIn) -> std::cmp::Ordering {
    let order = |m: &MarketBuyIn| match m.verdict {
        v if v.judged() => 0,
        Verdict::Late { .. } => 1,
        Verdict::NoYearEarlier => 2,
        _ => 3,
    };
    order(a).cmp(&order(b)).then_with(|| {
        let r = |m: &MarketBuyIn| m.rate.unwrap_or(f64::NEG_INFINITY);
        r(b).total_cmp(&r(a))
    })
}

/// What the count says: too few judged to read, none bought in, broad (more than half),
/// concentrated (half or fewer of at least [`MIN_MARKETS`]) or narrow (fewer judged).
fn reading_of(breadth: Option<f64>, bought_in: usize, judged: usize) -> Reading {
    match breadth {
        None => Reading::TooFewMarkets,
        Some(_) if bought_in == 0 => Reading::NoneBoughtIn,
        Some(b) if b > CONCENTRATED_AT_MOST => Reading::Broad,
        Some(_) if judged >= MIN_MARKETS => Reading::Concentrated,
        Some(_) => Reading::Narrow,
    }
}

/// The buy-in's sentences. They name markets in the partner's own order (`ids`), the
/// way the team lists them.
struct BuyInWords<'a> {
    ws: &'a Workspace,
    ids: &'a [Id],
    markets: &'a [MarketBuyIn],
    judged: usize,
    bought_in: usize,
}

impl<'a> BuyInWords<'a> {
    /// The names of the markets whose verdict `pick` accepts.
    fn names(&self, pick: impl Fn(Verdict) -> bool) -> Vec<&'a str> {
        self.ids
            .iter()
            .filter(|id| {
                self.markets
                    .iter()
                    .any(|m| &m.market == *id && pick(m.verdict))
            })
            .map(|id| self.ws.market_name(id))
            .collect()
    }

    /// The late markets with the month their figures reach: "Brazil (figures to Aug 2026)".
    fn late(&self) -> Vec<String> {
        self.ids
            .iter()
            .filter_map(|id| self.markets.iter().find(|m| &m.market == id))
            .filter_map(|m| match m.verdict {
                Verdict::Late { as_of } => Some(format!(
                    "{} (figures to {})",
                    self.ws.market_name(&m.market),
                    crate::model::core::format::month_short(as_of)
                )),
                _ => None,
            })
            .collect()
    }

    /// One line for the health component: the count and the markets left out.
    fn summary(&self, reading: Reading) -> String {
        let (judged, bought_in) = (self.judged, self.bought_in);
        let late = self.late();
        let late_refs: Vec<&str> = late.iter().map(String::as_str).collect();
        let no_base = self.names(|v| v == Verdict::NoYearEarlier);
        let mut left_out = Vec::new();
        if !late.is_empty() {
            left_out.push(format!("late, left out: {}", and_list(&late_refs)));
        }
        if !no_base.is_empty() {
            left_out.push(format!("no year-earlier data: {}", and_list(&no_base)));
        }
        let tail = if left_out.is_empty() {
            String::new()
        } else {
            format!("; {}", left_out.join("; "))
        };
        match reading {
            Reading::TooFewMarkets => format!(
                "breadth needs two markets with current figures and a year-earlier month; {}{tail}",
                if judged == 1 {
                    "only one has them"
                } else {
                    "none has them"
                }
            ),
            Reading::NoneBoughtIn => format!(
                "none of {judged} markets bought in (grew {} or more on its own base){tail}",
                percent_change(BOUGHT_IN)
            ),
            _ => format!(
                "{bought_in} of {judged} markets bought in ({}){tail}",
                and_list(&self.names(|v| v == Verdict::BoughtIn))
            ),
        }
    }

    /// The concentration signal's reason: who bought in, who did not, and the late
    /// markets left out.
    fn flag(&self) -> String {
        let late = self.late();
        let late_refs: Vec<&str> = late.iter().map(String::as_str).collect();
        let mut s = format!(
            "Only {} of {} markets bought in (grew {} or more on their own base over the last {WINDOW} months); {} did not.",
            and_list(&self.names(|v| v == Verdict::BoughtIn)),
            self.judged,
            percent_change(BOUGHT_IN),
            and_list(&self.names(|v| matches!(v, Verdict::Flat | Verdict::Declining)))
        );
        if !late.is_empty() {
            s.push_str(&format!(
                " Late figures, left out: {}.",
                and_list(&late_refs)
            ));
        }
        s
    }
}

/// One row of the growth table: a market's latest value and its growth.
#[derive(Clone, Debug, PartialEq)]
pub struct MarketGrowth {
    pub market: Id,
    pub latest: Option<f64>,
    pub mom: Growth,
    pub yoy: Growth,
    /// Growth over the buy-in window per paired month ([`Window::monthly_change`]).
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
            window: window(s, month).map(|w| w.monthly_change()),
        });
    }
    rows
}

/// What a partner's Metrics tab shows of one metric, and the brief repeats: the month
/// judged, each market's growth in it, and the breadth of buy-in — computed once here so
/// the tab and the brief never disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    /// The month judged: the last complete month with figures, as health reads it (or,
    /// for a partner with figures for the month under way only, that month).
    pub latest: Month,
    pub rows: Vec<MarketGrowth>,
    pub buy_in: Option<BuyIn>,
}

/// The growth panel of `metric` for `p` on `today`; `None` without any value of it.
pub fn panel(ws: &Workspace, p: &Partner, metric: &str, today: NaiveDate) -> Option<Panel> {
    let latest = crate::model::metrics::judged_month(p, metric, today)
        .or_else(|| crate::model::metrics::partner_latest(p, metric))?;
    Some(Panel {
        latest,
        rows: by_market(p, metric, latest),
        buy_in: buy_in(ws, p, metric, latest),
    })
}

/// A change with its sign: "+1,200", "-300", "0".
pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", plain(v))
    } else {
        plain(v)
    }
}

/// A change a month over the buy-in window, as every screen words it: "+22,892 a month".
/// It is a difference of 3-month means, so thirds are an artefact of the mean, not a
/// measurement: whole numbers from 10 on, one decimal below ("+22,891.67" read as noise).
pub fn per_month(v: f64) -> String {
    let shown = if v.abs() >= 10.0 {
        v.round()
    } else {
        (v * 10.0).round() / 10.0
    };
    format!("{} a month", signed(shown))
}

/// A market's change over the buy-in window, as the growth table's last column reads:
/// "+4,000 a month (+40 %)" when judged, else why it is not ("late: figures to …").
pub fn window_text(buy_in: Option<&BuyIn>, row: &MarketGrowth) -> String {
    let judged = buy_in.and_then(|b| b.markets.iter().find(|m| m.market == row.market));
    match judged {
        Some(m) => match (m.window, m.rate) {
            (Some(w), Some(rate)) => format!(
                "{} ({})",
                per_month(w.monthly_change()),
                percent_change(rate)
            ),
            (Some(w), None) => per_month(w.monthly_change()),
            _ => m.verdict.label(),
        },
        None => row.window.map(per_month).unwrap_or_else(|| "—".to_owned()),
    }
}

impl BuyIn {
    /// What the count of markets that bought in says, in a sentence; empty when the
    /// concentration flag says it (its reason is then shown instead).
    pub fn reading_text(&self) -> String {
        match self.reading {
            Reading::Broad => "Broad: more than half of the markets judged bought in.".to_owned(),
            Reading::Narrow => format!(
                "Half or fewer bought in, but with fewer than {MIN_MARKETS} markets judged that is a split, not concentration: it counts in health without a flag."
            ),
            Reading::Concentrated if self.flagged.is_none() => {
                "Concentrated: half or fewer of the markets bought in (flagged once the partner is live).".to_owned()
            }
            Reading::Concentrated => String::new(),
            Reading::NoneBoughtIn => format!(
                "No market bought in: none grew {} or more on its own base over the last {WINDOW} months.",
                percent_change(BOUGHT_IN)
            ),
            Reading::TooFewMarkets => {
                "Breadth needs two markets with current figures and a year-earlier month to compare: see the markets below.".to_owned()
            }
        }
    }
}
