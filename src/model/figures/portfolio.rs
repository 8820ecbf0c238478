//! The program seen whole, for the dashboard: the pipeline funnel, the spread of
//! health, every partner's signals in one list, and the markets' picture.

use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::core::shared::Shared;
use crate::model::core::vocabulary::Stage;
use crate::model::figures::health::{self, Band, Health};
use crate::model::figures::memo::PerPartner;
use crate::model::figures::signals::{self, Severity, Signal, WalkAway};
use crate::model::metrics::{self, growth};
use crate::model::workspace::records::{Partner, Workspace};
use chrono::NaiveDate;
use std::borrow::Borrow;
use std::collections::HashSet;

/// A partner's health and signals, measured once for every view of the portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub id: Id,
    pub name: String,
    pub stage: Stage,
    pub health: Health,
    pub signals: Vec<Signal>,
    pub walk_away: Option<WalkAway>,
}

/// One partner's reading on `today`: health, signals and the walk-away suggestion,
/// made to agree with one another here, the one place every screen reads them from.
///
/// - A severe risk on the partner's side holds the health band at Watch
///   ([`Health::cap`]): a lead who sees "Landing stalled, severe" cannot also be told
///   "Healthy". Our own severe action items do not cap it: they are ours to fix, not a
///   judgment of the partner.
/// - Walk-away reads the score's own band: a band held at Watch by the very risks that
///   would justify walking away cannot count as a reason to walk away.
pub fn reading(ws: &Workspace, p: &Partner, today: NaiveDate) -> Reading {
    let signals = signals::for_partner(ws, p, today);
    let mut health = health::health(ws, p, today);
    if let Some(worst) = signals
        .iter()
        .find(|s| s.severity == Severity::Severe && s.owner() == signals::Owner::Theirs)
    {
        health.cap(format!(
            "Held at Watch while a severe partner risk stands: {}.",
            worst.kind.label().to_lowercase()
        ));
    }
    Reading {
        id: p.id.clone(),
        name: p.name.clone(),
        stage: p.stage,
        walk_away: signals::walk_away(&signals, p.stage, health.score_band()),
        health,
        signals,
    }
}

/// Every partner's reading, in workspace order. The views read them through
/// `figures::memo::Figures`, which computes each partner's once per version; these
/// functions take either.
pub fn readings(ws: &Workspace, today: NaiveDate) -> Vec<Reading> {
    ws.partners.iter().map(|p| reading(ws, p, today)).collect()
}

/// How many partners are at each stage, in lifecycle order (every stage listed, zeros
/// included, so the funnel keeps its shape).
pub fn funnel(ws: &Workspace) -> Vec<(Stage, usize)> {
    Stage::ALL
        .iter()
        .map(|s| (*s, ws.partners.iter().filter(|p| p.stage == *s).count()))
        .collect()
}

/// How many partners fall in each health band, in [`Band::ALL`] order. Partners walked
/// away from are not counted: their health no longer describes the program.
pub fn distribution<R: Borrow<Reading>>(readings: &[R]) -> Vec<(Band, usize)> {
    Band::ALL
        .iter()
        .map(|b| {
            let n = readings
                .iter()
                .map(Borrow::borrow)
                .filter(|r: &&Reading| r.stage != Stage::WalkedAway && r.health.band() == *b)
                .count();
            (*b, n)
        })
        .collect()
}

/// The partners counted in Watch although their score reaches Healthy (held there by a
/// severe partner risk, [`Health::cap`]), by name: the distribution's note names them, so
/// that "Watch (40–69)" beside a partner scoring 71 is explained, not a contradiction.
/// Walked-away partners are left out, as in [`distribution`].
pub fn held_at_watch<R: Borrow<Reading>>(readings: &[R]) -> Vec<String> {
    let mut names: Vec<String> = readings
        .iter()
        .map(Borrow::borrow)
        .filter(|r: &&Reading| {
            r.stage != Stage::WalkedAway
                && r.health.band() == Band::Watch
                && r.health.score_band() == Band::Healthy
        })
        .map(|r| r.name.clone())
        .collect();
    names.sort_by_cached_key(|n| n.to_lowercase());
    names
}

/// The distribution's note on [`held_at_watch`]: one partner with its score, up to three
/// by name, more as a count. `None` when no partner is held.
pub fn held_note<R: Borrow<Reading>>(readings: &[R]) -> Option<String> {
    let names = held_at_watch(readings);
    let score = |name: &str| {
        readings
            .iter()
            .map(Borrow::borrow)
            .find(|r: &&Reading| r.name == name)
            .and_then(|r| r.health.score)
    };
    let who = match names.as_slice() {
        [] => return None,
        [one] => match score(one) {
            Some(s) => format!("{one} scores {s}, in the Healthy range, but is"),
            None => format!("{one} is"),
        },
        [a, b] => format!("{a} and {b} score 70 or more but are"),
        [a, b, c] => format!("{a}, {b} and {c} score 70 or more but are"),
        more => format!("{} partners score 70 or more but are", more.len()),
    };
    let whose = if names.len() == 1 { "its" } else { "each" };
    Some(format!(
        "{who} counted in Watch while a severe partner risk stands ({whose} Health tab says which)."
    ))
}

/// One signal of one partner, for the portfolio's list.
#[derive(Clone, Debug, PartialEq)]
pub struct PortfolioSignal {
    pub partner: Id,
    pub name: String,
    pub signal: Signal,
}

/// Every partner's signals, most severe first, then by partner name and signal kind.
pub fn all_signals<R: Borrow<Reading>>(readings: &[R]) -> Vec<PortfolioSignal> {
    let mut out: Vec<PortfolioSignal> = readings
        .iter()
        .map(Borrow::borrow)
        .flat_map(|r: &Reading| {
            r.signals.iter().map(|s| PortfolioSignal {
                partner: r.id.clone(),
                name: r.name.clone(),
                signal: s.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.signal
            .severity
            .cmp(&a.signal.severity)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.signal.kind.cmp(&b.signal.kind))
    });
    out
}

/// One partner's row on the dashboard: its signals grouped, partner risks apart from
/// our own action items, so the list reads one line per partner, worst first.
/// Eq and Hash: the dashboard keys its rows by their content, so a row re-renders only
/// when what it shows changed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PartnerRow {
    pub id: Id,
    pub name: String,
    pub stage: Stage,
    pub band: Band,
    /// The most severe of its signals.
    pub worst: Severity,
    /// Risks about the partner (theirs), most severe first.
    pub risks: Vec<Signal>,
    /// Our own action items (ours), most severe first.
    pub ours: Vec<Signal>,
    pub walk_away: Option<WalkAway>,
}

impl PartnerRow {
    pub fn severe(&self) -> usize {
        self.risks
            .iter()
            .chain(&self.ours)
            .filter(|s| s.severity == Severity::Severe)
            .count()
    }
}

/// One row per partner with signals, worst first: a walk-away suggestion, then the
/// worst severity, then the number of severe signals, then the name.
pub fn rows<R: Borrow<Reading>>(readings: &[R]) -> Vec<PartnerRow> {
    let mut out: Vec<PartnerRow> = readings
        .iter()
        .map(Borrow::borrow)
        .filter(|r: &&Reading| !r.signals.is_empty())
        .map(|r| {
            let (ours, risks): (Vec<Signal>, Vec<Signal>) = r
                .signals
                .iter()
                .cloned()
                .partition(|s| s.owner() == signals::Owner::Ours);
            PartnerRow {
                id: r.id.clone(),
                name: r.name.clone(),
                stage: r.stage,
                band: r.health.band(),
                worst: r
                    .signals
                    .iter()
                    .map(|s| s.severity)
                    .max()
                    .unwrap_or(Severity::Info),
                risks,
                ours,
                walk_away: r.walk_away.clone(),
            }
        })
        .collect();
    // Each row's key computed once, not in every comparison: at 2,000 partners most
    // comparisons reach the name, and lower-casing it in each cost more than the sort.
    // A stable sort, as before: rows equal by the key keep workspace order.
    out.sort_by_cached_key(|r| {
        (
            std::cmp::Reverse(r.walk_away.is_some()),
            std::cmp::Reverse(r.worst),
            std::cmp::Reverse(r.severe()),
            r.name.to_lowercase(),
        )
    });
    out
}

/// The dashboard's alarm budget in numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Budget {
    /// Partners that need attention (a warning or worse: an info note alone does not),
    /// and those with at least one severe signal.
    pub partners: usize,
    pub partners_severe: usize,
    /// Partner risks and our action items, and how many of each are severe.
    pub risks: usize,
    pub risks_severe: usize,
    pub ours: usize,
    pub ours_severe: usize,
}

pub fn budget(rows: &[PartnerRow]) -> Budget {
    let severe = |v: &[Signal]| v.iter().filter(|s| s.severity == Severity::Severe).count();
    rows.iter().fold(Budget::default(), |mut b, r| {
        b.partners += usize::from(r.worst != Severity::Info);
        b.partners_severe += usize::from(r.worst == Severity::Severe);
        b.risks += r.risks.len();
        b.risks_severe += severe(&r.risks);
        b.ours += r.ours.len();
        b.ours_severe += severe(&r.ours);
        b
    })
}

/// How many signals of each severity, most severe first.
pub fn severity_counts(signals: &[PortfolioSignal]) -> [(Severity, usize); 3] {
    [Severity::Severe, Severity::Warning, Severity::Info].map(|sev| {
        (
            sev,
            signals.iter().filter(|s| s.signal.severity == sev).count(),
        )
    })
}

/// The market heat map: partners (rows) by markets (columns). Each cell is the sum of
/// the metric over the twelve months ending with `latest` (the last complete month with
/// values), `None` where the partner has no value there in that window.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatMap {
    pub metric: String,
    /// The last month of the window; `None` when the workspace has no values of it.
    pub latest: Option<Month>,
    /// Market ids and names, in catalogue order, only those with a value somewhere.
    pub markets: Vec<(Id, String)>,
    pub rows: Vec<HeatRow>,
    /// The largest cell, which the colour scale runs up to.
    pub max: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HeatRow {
    pub partner: Id,
    pub name: String,
    /// One cell per column of [`HeatMap::markets`].
    pub cells: Vec<Option<f64>>,
}

/// Months in the heat map's window.
pub const HEAT_WINDOW: i32 = 12;

/// The metric the dashboard maps: the program's, else the one with most series, else
/// "users".
pub fn heat_metric(ws: &Workspace) -> String {
    if !ws.program.metric.trim().is_empty() {
        return ws.program.metric.clone();
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for s in ws.partners.iter().flat_map(|p| &p.metrics) {
        match counts.iter_mut().find(|(m, _)| *m == s.metric) {
            Some((_, n)) => *n += 1,
            None => counts.push((&s.metric, 1)),
        }
    }
    // Most series first; ties go to the name first seen.
    counts
        .iter()
        .fold(None::<(&str, usize)>, |best, &(m, n)| match best {
            Some((_, bn)) if bn >= n => best,
            _ => Some((m, n)),
        })
        .map_or_else(|| "users".to_owned(), |(m, _)| m.to_owned())
}

/// The heat map of `metric` on `today`, over the [`HEAT_WINDOW`] months ending with the
/// last complete month that has values ([`metrics::last_complete_month`]). Partners
/// walked away from are left out.
///
/// The month under way is never in the window: one partner entering a few days of it
/// would otherwise move every partner's window a month on, dropping a full month from
/// each and reading the partial one in its place.
pub fn heat_map(ws: &Workspace, metric: &str, today: NaiveDate) -> HeatMap {
    HeatParts::default().map(ws, metric, today)
}

/// What the heat map reads of one partner in one window: for each market its series of
/// the metric are in, whether one has a value in the window, and the cell (the sum of
/// its finite values there; `None` without one).
#[derive(Debug)]
pub struct HeatPart {
    /// Not walked away from, with a series of the metric: the partner has a row.
    shown: bool,
    markets: Vec<(Id, bool, Option<f64>)>,
}

impl HeatPart {
    fn of(p: &Partner, metric: &str, window: Option<(Month, Month)>) -> Self {
        let in_window = |m: &Month| window.is_some_and(|(first, last)| *m >= first && *m <= last);
        let active = p.stage != Stage::WalkedAway;
        let mut markets: Vec<(Id, bool, Option<f64>)> = Vec::new();
        let mine = || p.metrics.iter().filter(|s| s.metric == metric);
        for s in mine().filter(|_| active) {
            if markets.iter().any(|(id, ..)| *id == s.market) {
                continue;
            }
            let here = || mine().filter(|t| t.market == s.market);
            let values: Vec<f64> = here()
                .flat_map(|t| t.values.iter())
                .filter(|(m, _)| in_window(m))
                .map(|(_, v)| *v)
                .filter(|v| v.is_finite())
                .collect();
            markets.push((
                s.market.clone(),
                here().any(|t| t.values.keys().any(in_window)),
                (!values.is_empty()).then(|| values.iter().sum()),
            ));
        }
        HeatPart {
            shown: active && mine().next().is_some(),
            markets,
        }
    }

    fn cell(&self, market: &Id) -> Option<f64> {
        self.markets
            .iter()
            .find(|(id, ..)| id == market)
            .and_then(|(_, _, cell)| *cell)
    }
}

/// The heat map's parts, kept per partner version (`figures::memo::PerPartner`): each
/// partner's last month with a value, and its cells in the window. An edit computes the
/// edited partner's parts again; the map is then put together from the parts held (at
/// 2,000 partners computing it whole took about 30 ms natively, more in the browser).
/// [`heat_map`] is the same with nothing held, so the two always agree.
#[derive(Debug, Default)]
pub struct HeatParts {
    latest: PerPartner<(String, Option<Month>), Option<Month>>,
    cells: PerPartner<(String, Option<(Month, Month)>), HeatPart>,
}

impl HeatParts {
    /// [`heat_map`], from the parts held.
    pub fn map(&mut self, ws: &Workspace, metric: &str, today: NaiveDate) -> HeatMap {
        let cap = metrics::last_complete_month(today);
        self.latest.within(ws, (metric.to_owned(), cap));
        let latest = match cap {
            Some(cap) => ws
                .partners
                .iter()
                .filter_map(|p| {
                    *self.latest.get(p, |p| {
                        p.metrics
                            .iter()
                            .filter(|_| p.stage != Stage::WalkedAway)
                            .filter(|s| s.metric == metric)
                            .filter_map(|s| growth::as_of(s, cap))
                            .max()
                    })
                })
                .max(),
            None => None,
        };
        let window = latest.and_then(|last| Some((last.plus(1 - HEAT_WINDOW)?, last)));
        self.cells.within(ws, (metric.to_owned(), window));
        let parts: Vec<(&Partner, Shared<HeatPart>)> = ws
            .partners
            .iter()
            .map(|p| (&**p, self.cells.get(p, |p| HeatPart::of(p, metric, window))))
            .collect();
        let with_values: HashSet<&Id> = parts
            .iter()
            .flat_map(|(_, part)| part.markets.iter())
            .filter(|(_, in_window, _)| *in_window)
            .map(|(id, ..)| id)
            .collect();
        let markets: Vec<(Id, String)> = ws
            .markets
            .iter()
            .filter(|m| with_values.contains(&m.id))
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect();
        let mut max: f64 = 0.0;
        let rows: Vec<HeatRow> = parts
            .iter()
            .filter(|(_, part)| part.shown)
            .filter_map(|(p, part)| {
                let cells: Vec<Option<f64>> = markets.iter().map(|(id, _)| part.cell(id)).collect();
                for v in cells.iter().flatten() {
                    max = max.max(*v);
                }
                cells.iter().any(Option::is_some).then(|| HeatRow {
                    partner: p.id.clone(),
                    name: p.name.clone(),
                    cells,
                })
            })
            .collect();
        HeatMap {
            metric: metric.to_owned(),
            latest,
            markets,
            rows,
            max,
        }
    }

    /// How many partner parts were computed (cache misses) since the parts were made:
    /// last months, then cells.
    pub fn computed(&self) -> (u64, u64) {
        (self.latest.computed(), self.cells.computed())
    }
}

/// A cell's place on the colour scale, 0–4 (0 for an empty or zero cell), so the view
/// only picks a class.
pub fn heat_level(value: Option<f64>, max: f64) -> u8 {
    match value {
        Some(v) if v > 0.0 && max > 0.0 => (((v / max) * 4.0).ceil() as u8).clamp(1, 4),
        _ => 0,
    }
}
