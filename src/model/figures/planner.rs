//! The target planner: how far the program's levers go toward its target, and how the
//! year is going against the plan.
//!
//! The baseline is a **yearly** figure: the metric's total over the twelve months from
//! `baseline_start`. The target year is the twelve months after those, and the target
//! is the baseline grown by `target_growth` percent. Each lever adds its expected
//! contribution to the baseline; weighting each by its confidence gives the plan the
//! team can count on. Month by month, the plan is the baseline's monthly average plus
//! the planned growth on a linear ramp (month k of the target year gets k/78 of it, as
//! 1 + 2 + … + 12 = 78), because levers take time to land and grow into the year.
//!
//! Every formula is written out, with a worked example, in `docs/model/planner.md`.
//! Figures are plain `f64` sums with no division by anything that may be zero, so no
//! input gives NaN: a share whose whole is zero is `None`.

use crate::model::core::check;
use crate::model::core::check::ValidationError;
use crate::model::core::format::percent;
use crate::model::core::format::{count, plural};
use crate::model::core::id::Id;
use crate::model::core::input::InputError;
use crate::model::core::month::Month;
use crate::model::core::shared::Shared;
use crate::model::core::vocabulary::Stage;
use crate::model::figures::health::Band;
use crate::model::figures::memo::PerPartner;
use crate::model::figures::portfolio::Reading;
use crate::model::metrics::{self, growth, Series};
use crate::model::program::{Lever, Program};
use crate::model::workspace::records::{Partner, Workspace};
use crate::model::workspace::validate::{self};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Months in the baseline year and in the target year.
pub const YEAR: i32 = 12;
/// 1 + 2 + … + 12: the ramp's weights add up to this.
const RAMP_TOTAL: f64 = 78.0;
/// How a lever whose partner was deleted is named.
pub const REMOVED_PARTNER: &str = "removed partner";

/// Everything the planner screen and the dashboard show about the program target.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The metric's name ("sign-ups"); may be empty when not chosen yet.
    pub metric: String,
    /// The baseline year's total, as entered.
    pub baseline: f64,
    /// The growth aimed for, in percent (250 for +250 %).
    pub target_growth: f64,
    /// baseline × (1 + growth / 100).
    pub target_total: f64,
    /// target − baseline: the growth the levers must bring.
    pub growth_needed: f64,
    /// Σ expected over the levers.
    pub expected: f64,
    /// Σ expected × confidence over the levers.
    pub expected_weighted: f64,
    /// baseline + Σ expected.
    pub planned: f64,
    /// baseline + Σ expected × confidence.
    pub planned_weighted: f64,
    /// target − planned: growth no lever is planned for (negative: planned beyond target).
    pub gap: f64,
    /// target − planned weighted = gap + Σ at-risk of the levers.
    pub gap_weighted: f64,
    /// Σ expected / growth needed, as a fraction; `None` when no growth is needed.
    pub coverage: Option<f64>,
    /// Σ expected × confidence / growth needed; `None` when no growth is needed.
    pub coverage_weighted: Option<f64>,
    /// The baseline year's total according to the metrics entered, when any exist: to
    /// compare with the baseline typed in.
    pub baseline_from_data: Option<f64>,
    /// The target year's first and last month; `None` without a baseline start.
    pub target_year: Option<(Month, Month)>,
    /// Target-year months that ended before today (0 to 12).
    pub months_to_date: u32,
    /// The months compared to date: those of `months_to_date` through the last month
    /// every partner still reporting has figures for (fewer when figures are late; all
    /// of them while the year has no figures yet).
    pub months_compared: u32,
    /// The last month compared when figures are late (fewer months compared than
    /// ended); `None` otherwise.
    pub figures_to: Option<Month>,
    /// The figures that stop there, holding the comparison back: "Loopline in Brazil".
    /// Late, not zero.
    pub late: Vec<String>,
    /// The markets silent for longer than that (up to six months) whose latest figure
    /// stands in for the last month compared, as for a goal: "Swervo in Nigeria (Jun
    /// 2027 figure)". Counted, not zero.
    pub carried: Vec<String>,
    /// Σ plan over the months compared.
    pub plan_to_date: f64,
    /// Σ target path over the months compared.
    pub target_to_date: f64,
    /// Σ actual over the months compared; `None` when none of them has a value.
    pub actual_to_date: Option<f64>,
    /// The twelve months of the target year.
    pub months: Vec<MonthRow>,
    /// The levers, the one carrying the most of the weighted gap first.
    pub levers: Vec<LeverRow>,
    /// What keeps the figures from meaning much, in words (zero baseline, removed
    /// partners, no baseline start, no metric).
    pub warnings: Vec<String>,
}

/// One month of the target year.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthRow {
    pub month: Month,
    /// baseline / 12 + (planned − baseline) × k / 78 for the k-th month.
    pub plan: f64,
    /// baseline / 12 + (target − baseline) × k / 78: where the target needs the month.
    pub target: f64,
    /// All partners' values of the metric this month, summed over markets; `None`
    /// when no partner has one.
    pub actual: Option<f64>,
    /// The same month a year earlier (baseline year), from the metrics.
    pub last_year: Option<f64>,
    /// Σ plan from the target year's first month to this one.
    pub plan_cumulative: f64,
    /// Σ actual so far (missing months add nothing); `None` until a month has a value.
    pub actual_cumulative: Option<f64>,
}

/// One lever with what it brings and what it leaves at risk.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverRow {
    pub id: Id,
    /// The partner's name, the initiative's name, or "removed partner".
    pub name: String,
    pub partner: Option<Id>,
    /// The lever names a partner that no longer exists.
    pub removed: bool,
    pub expected: f64,
    /// 0 to 100.
    pub confidence: u8,
    /// expected × confidence / 100.
    pub weighted: f64,
    /// expected × (1 − confidence / 100): the part of the weighted gap this lever carries.
    pub at_risk: f64,
    /// at_risk / gap weighted, when the weighted gap is positive.
    pub share_of_gap: Option<f64>,
    /// expected × the ramp's share of the months compared (Σ k/78 over them): the months
    /// to date, or for a partner lever the months its figures reach; `None` when no
    /// month of the target year has ended.
    pub expected_to_date: Option<f64>,
    /// For a partner lever: Σ over the months compared and its markets of (the month −
    /// the same month a year earlier), over the months with both values; `None` without
    /// such a pair. When several levers name one partner, each gets the share of that
    /// growth its expected to date is of theirs together (equal shares when those add up
    /// to nothing), so the rows add up to what the partner delivered.
    pub delivered_to_date: Option<f64>,
    /// Why the lever's figures compare fewer months or none, or whose growth they share:
    /// "figures to Sep 2026", "no year-earlier figures", "35 % of Loopline's growth,
    /// shared by plan among 2 levers".
    pub figures_note: Option<String>,
    pub notes: String,
}

/// One part of the weighted gap: the unplanned growth or one lever's at-risk part.
#[derive(Clone, Debug, PartialEq)]
pub struct GapPart {
    pub name: String,
    /// The lever, or `None` for the unplanned growth.
    pub lever: Option<Id>,
    pub amount: f64,
    /// amount / Σ amounts of the parts (0 to 1).
    pub share: f64,
}

impl LeverRow {
    /// expected to date − delivered to date: how far the lever runs behind its part of
    /// the plan (negative: ahead).
    pub fn behind(&self) -> Option<f64> {
        Some(self.expected_to_date? - self.delivered_to_date?)
    }
}

/// The program's plan as of `today`, or `None` while the program has no target (no
/// baseline or no growth percentage).
pub fn plan(ws: &Workspace, today: NaiveDate) -> Option<Plan> {
    PlanParts::default().plan(ws, today)
}

/// A month's figure by the goals' rule, with the series (by position) whose latest
/// figure stood in and the month it is of ([`metrics::carried_total`]).
type Carried = (f64, Vec<(usize, Month)>);

/// What the plan reads of one partner: its series of the program's metric (market and
/// last month with a value by the cap), and month by month from its first value through
/// the cap, its figure by the goals' rule ([`metrics::carried_total`]) with the series
/// whose latest figure stood in.
#[derive(Debug)]
pub struct PlanPart {
    series: Vec<(Id, Option<Month>)>,
    first: Option<Month>,
    months: Vec<Option<Carried>>,
    /// The last month every series of the partner is in by ([`metrics::complete_month`]).
    complete: Option<Month>,
    /// A lever's delivered figure for this partner, computed when a lever names it.
    delivered: OnceLock<Option<f64>>,
}

impl PlanPart {
    fn of(p: &Partner, metric: &str, cap: Option<Month>) -> Self {
        let own: Vec<&Series> = p.metrics.iter().filter(|s| s.metric == metric).collect();
        let first = own
            .iter()
            .filter_map(|s| s.values.keys().next().copied())
            .min();
        let mut months = Vec::new();
        if let (Some(first), Some(cap)) = (first, cap) {
            let mut month = first;
            while month <= cap {
                months.push(metrics::carried_total(own.iter().copied(), month));
                let Some(next) = month.plus(1) else { break };
                month = next;
            }
        }
        PlanPart {
            series: own
                .iter()
                .map(|s| (s.market.clone(), cap.and_then(|c| growth::as_of(s, c))))
                .collect(),
            first,
            months,
            complete: cap.and_then(|cap| metrics::complete_month(own.iter().copied(), cap)),
            delivered: OnceLock::new(),
        }
    }

    /// Its figure in `month` and the series standing in, if it has one.
    fn at(&self, month: Month) -> Option<&Carried> {
        let i = usize::try_from(month.since(self.first?)).ok()?;
        self.months.get(i)?.as_ref()
    }
}

/// The plan's parts, kept per partner version (`figures::memo::PerPartner`) while the
/// metric, the month and the target year are the same: an edit computes the edited
/// partner's part again and the plan adds up the parts it holds (at 2,000 partners the
/// plan computed whole took about 100 ms natively). [`plan`] is the same with nothing
/// held, so the two always agree. The program's figure for a month is the sum of the
/// partners' figures, each the sum of its markets'.
#[derive(Debug, Default)]
pub struct PlanParts {
    parts: PerPartner<(String, Option<Month>, Option<Month>, u32), PlanPart>,
}

impl PlanParts {
    /// How many partner parts were computed (cache misses) since the parts were made.
    pub fn computed(&self) -> u64 {
        self.parts.computed()
    }

    /// [`plan`], from the parts held.
    pub fn plan(&mut self, ws: &Workspace, today: NaiveDate) -> Option<Plan> {
        let program = &ws.program;
        let target = Target::of(program)?;
        let window = Window::of(program, today);
        self.parts.within(
            ws,
            (
                program.metric.clone(),
                window.cap,
                window.target_start,
                window.months_to_date,
            ),
        );
        let parts = ws
            .partners
            .iter()
            .map(|p| {
                (
                    &**p,
                    self.parts
                        .get(p, |p| PlanPart::of(p, &program.metric, window.cap)),
                )
            })
            .collect();
        let inputs = PlanInputs {
            ws,
            program,
            parts,
            window,
        };
        Some(inputs.plan(target))
    }
}

/// The target's figures, from the program alone: the baseline, the target, and what the
/// levers add to the baseline as expected and weighted by their confidence.
struct Target {
    baseline: f64,
    target_growth: f64,
    target_total: f64,
    growth_needed: f64,
    expected: f64,
    expected_weighted: f64,
}

impl Target {
    /// `None` while the program has no baseline or no growth percentage.
    fn of(program: &Program) -> Option<Self> {
        let baseline = finite(program.baseline?);
        let target_growth = finite(program.target_growth?).max(-100.0);
        let target_total = baseline * (1.0 + target_growth / 100.0);
        Some(Target {
            baseline,
            target_growth,
            target_total,
            growth_needed: target_total - baseline,
            expected: program.levers.iter().map(|l| finite(l.expected)).sum(),
            expected_weighted: program.levers.iter().map(weighted).sum(),
        })
    }

    /// target − (baseline + Σ expected × confidence): the gap the levers' risk adds to.
    fn gap_weighted(&self) -> f64 {
        self.target_total - (self.baseline + self.expected_weighted)
    }
}

/// Which months the plan compares as of a day.
#[derive(Clone, Copy)]
struct Window {
    /// The last month that ended before today; figures reach it at most.
    cap: Option<Month>,
    /// The target year's first month; `None` without a baseline start.
    target_start: Option<Month>,
    target_year: Option<(Month, Month)>,
    /// Target-year months that ended before today (0 to 12).
    months_to_date: u32,
}

impl Window {
    fn of(program: &Program, today: NaiveDate) -> Self {
        let target_start = program.baseline_start.and_then(|m| m.plus(YEAR));
        Window {
            cap: Month::of(today).plus(-1),
            target_start,
            target_year: target_start.and_then(|s| Some((s, s.plus(YEAR - 1)?))),
            months_to_date: match target_start {
                Some(start) => Month::of(today).since(start).clamp(0, YEAR as i64) as u32,
                None => 0,
            },
        }
    }
}

/// What one plan reads: the program, each partner with its part, and the months.
struct PlanInputs<'a> {
    ws: &'a Workspace,
    program: &'a Program,
    parts: Vec<(&'a Partner, Shared<PlanPart>)>,
    window: Window,
}

impl<'a> PlanInputs<'a> {
    /// The plan from the target's figures and what the partners' parts read.
    fn plan(&self, target: Target) -> Plan {
        let Window {
            target_start,
            months_to_date,
            ..
        } = self.window;
        // Compare like with like: stop at the last month every partner still reporting has
        // figures for, so a partner's late month is not read as a fall; a market silent for
        // longer stands in with its latest figure (up to six months old), as for a goal.
        let complete = self.complete();
        let actual = self.actual(complete);
        let months = month_rows(&target, target_start, &actual);
        let months_compared = compared(target_start, complete, months_to_date);
        let done = &months[..(months_compared as usize).min(months.len())];
        let gap_weighted = target.gap_weighted();
        let mut levers = self.lever_rows(gap_weighted);
        levers.sort_by(lever_order);
        let Target {
            baseline,
            expected,
            expected_weighted,
            growth_needed,
            target_growth,
            target_total,
        } = target;
        Plan {
            metric: self.program.metric.clone(),
            baseline,
            target_growth,
            target_total,
            growth_needed,
            expected,
            expected_weighted,
            planned: baseline + expected,
            planned_weighted: baseline + expected_weighted,
            gap: target_total - (baseline + expected),
            gap_weighted,
            coverage: ratio(expected, growth_needed),
            coverage_weighted: ratio(expected_weighted, growth_needed),
            baseline_from_data: self
                .program
                .baseline_start
                .and_then(|start| year_total(&actual, start)),
            target_year: self.window.target_year,
            months_to_date,
            months_compared,
            figures_to: complete.filter(|_| months_compared < months_to_date),
            late: self.late(complete, months_compared),
            carried: self.carried(done),
            plan_to_date: done.iter().map(|r| r.plan).sum(),
            target_to_date: done.iter().map(|r| r.target).sum(),
            actual_to_date: sum_present(done.iter().map(|r| r.actual)),
            warnings: warnings(self.program, baseline, &levers),
            months,
            levers,
        }
    }

    /// The partners' parts of the program's metric: without a metric no series is the
    /// program's, so none.
    fn program_parts(&self) -> impl Iterator<Item = &(&'a Partner, Shared<PlanPart>)> + '_ {
        let chosen = !self.program.metric.trim().is_empty();
        self.parts.iter().filter(move |_| chosen)
    }

    /// The last month every series of the program's metric is in by
    /// ([`metrics::complete_of`]); `None` without figures of the metric.
    fn complete(&self) -> Option<Month> {
        self.window.cap.and_then(|_| {
            metrics::complete_of(
                self.program_parts()
                    .flat_map(|(_, part)| part.series.iter().filter_map(|(_, end)| *end)),
            )
        })
    }

    /// The program's figure month by month from its first value through `complete`: the
    /// sum of the partners' figures, for the months where any partner has one.
    fn actual(&self, complete: Option<Month>) -> BTreeMap<Month, f64> {
        let mut actual = BTreeMap::new();
        let first = self
            .program_parts()
            .filter_map(|(_, part)| part.first)
            .min();
        if let (Some(mut month), Some(complete)) = (first, complete) {
            while month <= complete {
                let total = self
                    .program_parts()
                    .filter_map(|(_, part)| part.at(month))
                    .fold(None, |acc: Option<f64>, (v, _)| {
                        Some(acc.unwrap_or(0.0) + v)
                    });
                if let Some(total) = total {
                    actual.insert(month, finite_sum(total));
                }
                let Some(next) = month.plus(1) else { break };
                month = next;
            }
        }
        actual
    }

    /// The figures that stop at `complete` when fewer months are compared than ended:
    /// "Loopline in Brazil".
    fn late(&self, complete: Option<Month>, months_compared: u32) -> Vec<String> {
        match (complete, self.window.cap) {
            (Some(complete), Some(_)) if months_compared < self.window.months_to_date => self
                .parts
                .iter()
                .flat_map(|(p, part)| part.series.iter().map(move |s| (*p, s)))
                .filter(|(_, (_, end))| *end == Some(complete))
                .map(|(p, (market, _))| format!("{} in {}", p.name, self.ws.market_name(market)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The markets whose latest figure stands in for the last month compared (`done`'s
    /// last): "Swervo in Nigeria (Jun 2027 figure)".
    fn carried(&self, done: &[MonthRow]) -> Vec<String> {
        match (done.last(), self.window.target_start) {
            (Some(last), Some(_)) if last.actual.is_some() => self
                .program_parts()
                .filter_map(|(p, part)| Some((p, part, part.at(last.month)?)))
                .flat_map(|(p, part, (_, stood_in))| {
                    stood_in.iter().map(move |&(i, as_of)| {
                        format!(
                            "{} in {} ({} figure)",
                            p.name,
                            self.ws.market_name(&part.series[i].0),
                            crate::model::core::format::month_short(as_of)
                        )
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A row per lever, in the program's order.
    fn lever_rows(&self, gap_weighted: f64) -> Vec<LeverRow> {
        // The levers' partners by id, first of a duplicated id as `Workspace::partner`.
        let mut by_id: HashMap<&Id, (&Partner, &Shared<PlanPart>)> = HashMap::new();
        if !self.program.levers.is_empty() {
            for (p, part) in &self.parts {
                by_id.entry(&p.id).or_insert((*p, part));
            }
        }
        let mut rows: Vec<LeverRow> = self
            .program
            .levers
            .iter()
            .map(|l| {
                let found = l.partner.as_ref().and_then(|id| by_id.get(id).copied());
                self.lever_row(l, found, gap_weighted)
            })
            .collect();
        share_delivered(&mut rows);
        rows
    }

    /// One lever's row; `found` is its partner with its part, when it names one that
    /// exists.
    fn lever_row(
        &self,
        l: &Lever,
        found: Option<(&Partner, &Shared<PlanPart>)>,
        gap_weighted: f64,
    ) -> LeverRow {
        let partner = found.map(|(p, _)| p);
        let name = match (&l.partner, partner) {
            (Some(_), Some(p)) => p.name.clone(),
            (Some(_), None) => REMOVED_PARTNER.to_owned(),
            (None, _) => l.initiative.clone(),
        };
        let at_risk = finite(l.expected) - weighted(l);
        let months_to_date = self.window.months_to_date;
        let ToDate {
            months,
            delivered,
            figures_note,
        } = match found {
            Some(found) => self.partner_to_date(found),
            None => ToDate::of_the_year(months_to_date),
        };
        LeverRow {
            id: l.id.clone(),
            name,
            partner: l.partner.clone(),
            removed: l.partner.is_some() && partner.is_none(),
            expected: finite(l.expected),
            confidence: l.confidence.min(100),
            weighted: weighted(l),
            at_risk,
            share_of_gap: ratio(at_risk, gap_weighted).filter(|_| gap_weighted > 0.0),
            expected_to_date: (months_to_date > 0).then(|| finite(l.expected) * ramp_to(months)),
            delivered_to_date: delivered,
            figures_note,
            notes: l.notes.clone(),
        }
    }

    /// How far a partner lever's figures reach into the year: the months its own figures
    /// are in by (a note when that is fewer than ended) and what it delivered over them.
    fn partner_to_date(&self, (p, part): (&Partner, &Shared<PlanPart>)) -> ToDate {
        let Window {
            cap,
            target_start,
            months_to_date,
            ..
        } = self.window;
        let mut to_date = ToDate::of_the_year(months_to_date);
        let (Some(start), Some(_)) = (target_start, cap) else {
            return to_date;
        };
        let complete = part.complete;
        let k = compared(target_start, complete, months_to_date);
        if k < months_to_date {
            if let Some(c) = complete.filter(|_| k > 0) {
                to_date.figures_note = Some(format!(
                    "figures to {}",
                    crate::model::core::format::month_short(c)
                ));
            }
        }
        if complete.is_some_and(|c| c >= start) && months_to_date > 0 {
            to_date.months = k;
            // k is the part's own: its figures' months and the context's year.
            to_date.delivered = *part.delivered.get_or_init(|| {
                let own: Vec<&Series> = p
                    .metrics
                    .iter()
                    .filter(|s| s.metric == self.program.metric)
                    .collect();
                delivered(&own, start, k)
            });
            if to_date.delivered.is_none() {
                to_date.figures_note = Some("no year-earlier figures".to_owned());
            }
        }
        to_date
    }
}

/// Shares each partner's delivered growth among the levers that name it, in proportion
/// to their expected to date (equally when those add up to nothing), and says so in the
/// row's figures note. Without this each of two levers on one partner would claim the
/// partner's whole growth, and both could read ahead while together they run behind.
/// A lever alone on its partner keeps the whole.
fn share_delivered(rows: &mut [LeverRow]) {
    let mut groups: HashMap<Id, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let (Some(partner), Some(_)) = (&r.partner, r.delivered_to_date) {
            groups.entry(partner.clone()).or_default().push(i);
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let expected: Vec<f64> = members
            .iter()
            .map(|&i| rows[i].expected_to_date.unwrap_or(0.0).max(0.0))
            .collect();
        let total: f64 = expected.iter().sum();
        let n = members.len();
        for (&i, e) in members.iter().zip(&expected) {
            let share = if total > 0.0 {
                e / total
            } else {
                1.0 / n as f64
            };
            let row = &mut rows[i];
            row.delivered_to_date = row.delivered_to_date.map(|d| finite(d * share));
            let note = format!(
                "{} of {}'s growth, shared by plan among {n} levers",
                percent(share),
                row.name
            );
            row.figures_note = Some(match row.figures_note.take() {
                Some(before) => format!("{before}; {note}"),
                None => note,
            });
        }
    }
}

/// What a lever's row compares to date.
struct ToDate {
    /// The months compared (the ramp's share counts over these).
    months: u32,
    delivered: Option<f64>,
    figures_note: Option<String>,
}

impl ToDate {
    /// Every month to date and nothing delivered: an initiative, a lever whose partner
    /// is gone, or a partner lever whose figures do not reach the target year yet.
    fn of_the_year(months_to_date: u32) -> Self {
        ToDate {
            months: months_to_date,
            delivered: None,
            figures_note: None,
        }
    }
}

/// The twelve months of the target year from `start` (none without it): the plan and
/// the target on the ramp, the actual figures and their running sums.
fn month_rows(
    target: &Target,
    start: Option<Month>,
    actual: &BTreeMap<Month, f64>,
) -> Vec<MonthRow> {
    let mut months = Vec::new();
    let mut plan_cumulative = 0.0;
    let mut actual_cumulative: Option<f64> = None;
    let Some(start) = start else {
        return months;
    };
    for k in 1..=YEAR {
        let Some(month) = start.plus(k - 1) else {
            break;
        };
        let ramp = k as f64 / RAMP_TOTAL;
        let plan = target.baseline / 12.0 + target.expected * ramp;
        plan_cumulative += plan;
        let value = actual.get(&month).copied();
        if let Some(v) = value {
            actual_cumulative = Some(actual_cumulative.unwrap_or(0.0) + v);
        }
        months.push(MonthRow {
            month,
            plan,
            target: target.baseline / 12.0 + target.growth_needed * ramp,
            actual: value,
            last_year: month.plus(-YEAR).and_then(|m| actual.get(&m).copied()),
            plan_cumulative,
            actual_cumulative,
        });
    }
    months
}

/// The levers' order: the one carrying the most of the weighted gap first, then the one
/// furthest behind, then by name and id.
fn lever_order(a: &LeverRow, b: &LeverRow) -> std::cmp::Ordering {
    b.at_risk
        .total_cmp(&a.at_risk)
        .then_with(|| {
            let behind = |r: &LeverRow| r.behind().unwrap_or(0.0);
            behind(b).total_cmp(&behind(a))
        })
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.id.cmp(&b.id))
}

/// What keeps the plan's figures from meaning much, in words.
fn warnings(program: &Program, baseline: f64, levers: &[LeverRow]) -> Vec<String> {
    let mut warnings = Vec::new();
    if program.metric.trim().is_empty() {
        warnings.push("No metric is chosen, so no actual figures can be read.".to_owned());
    }
    if baseline == 0.0 {
        warnings.push(
            "The baseline is zero, so a growth percentage sets a target of zero. Enter the \
             baseline year's total."
                .to_owned(),
        );
    }
    if program.baseline_start.is_none() {
        warnings
            .push("No baseline start month, so the plan cannot be laid out by month.".to_owned());
    }
    let removed = levers.iter().filter(|l| l.removed).count();
    if removed > 0 {
        warnings.push(format!(
            "{} {} to a removed partner; edit or remove {}.",
            count(removed, "lever"),
            plural(removed, "refers", "refer"),
            plural(removed, "it", "them")
        ));
    }
    warnings
}

/// The metric's total over the twelve months from `start`, summed over every partner
/// and market, or `None` when none of those months has a value: what the form offers
/// as the baseline.
pub fn baseline_from_data(ws: &Workspace, metric: &str, start: Month) -> Option<f64> {
    let series = metric_series(ws, metric);
    let latest = series
        .iter()
        .filter_map(|(_, s)| s.values.keys().next_back().copied())
        .max();
    year_total(
        &carried_by_month(series.iter().map(|(_, s)| *s), latest),
        start,
    )
}

fn year_total(totals: &BTreeMap<Month, f64>, start: Month) -> Option<f64> {
    sum_present(
        (0..YEAR)
            .filter_map(|k| start.plus(k))
            .map(|m| totals.get(&m).copied()),
    )
}

/// The ramp's share of the year's growth over the first `n` months: n(n + 1) / 2 / 78.
pub fn ramp_to(n: u32) -> f64 {
    let n = n.min(YEAR as u32) as f64;
    n * (n + 1.0) / 2.0 / RAMP_TOTAL
}

fn weighted(l: &Lever) -> f64 {
    finite(l.expected) * f64::from(l.confidence.min(100)) / 100.0
}

/// Stored numbers are checked to be finite and within ±10¹⁵, but a plan must not turn
/// a bad value into NaN or infinity: anything else counts as 0 or the nearest limit.
fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(-check::MAX_VALUE, check::MAX_VALUE)
    } else {
        0.0
    }
}

/// part / whole, or `None` when the whole is (nearly) zero.
fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole.abs() > 1e-9)
        .then(|| part / whole)
        .filter(|r| r.is_finite())
}

/// The sum of the values present, or `None` when there are none.
fn sum_present(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

/// Every partner's series of `metric` (none when no metric is chosen).
fn metric_series<'a>(ws: &'a Workspace, metric: &str) -> Vec<(&'a Partner, &'a Series)> {
    if metric.trim().is_empty() {
        return Vec::new();
    }
    ws.partners
        .iter()
        .flat_map(|p| p.metrics.iter().map(move |s| (&**p, s)))
        .filter(|(_, s)| s.metric == metric)
        .collect()
}

/// The program's figure month by month, from the first month with a value through
/// `through`, summed over every partner and market by the goals' rule
/// ([`metrics::carried_total`]): a market's value that month, or its latest value at
/// most six months old. Months after `through` (figures still coming in) are absent.
fn carried_by_month<'a>(
    series: impl Iterator<Item = &'a Series> + Clone,
    through: Option<Month>,
) -> BTreeMap<Month, f64> {
    let mut out = BTreeMap::new();
    let Some(through) = through else {
        return out;
    };
    let Some(first) = series
        .clone()
        .filter_map(|s| s.values.keys().next().copied())
        .min()
    else {
        return out;
    };
    let mut month = first;
    while month <= through {
        if let Some((total, _)) = metrics::carried_total(series.clone(), month) {
            out.insert(month, finite_sum(total));
        }
        let Some(next) = month.plus(1) else { break };
        month = next;
    }
    out
}

/// A sum of checked values stays far inside f64; a NaN from an unchecked value counts 0.
fn finite_sum(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// How many of the `months_to_date` the figures reach: the target-year months through
/// `complete`. While the target year has no figures yet, all of them (the plan to date
/// is then what is still to show).
fn compared(target_start: Option<Month>, complete: Option<Month>, months_to_date: u32) -> u32 {
    match (target_start, complete) {
        (Some(start), Some(c)) if c >= start => {
            (c.since(start) + 1).clamp(0, i64::from(months_to_date)) as u32
        }
        _ => months_to_date,
    }
}

/// A partner's growth over the first `n` months of the target year against the same
/// months a year earlier, market by market, each side read by the goals' rule
/// ([`metrics::carried`]: the month's value, or the latest at most six months old), over
/// the months with both (a month missing on either side is missing, not zero); `None`
/// when no month pairs up.
fn delivered(series: &[&Series], start: Month, n: u32) -> Option<f64> {
    let mut total = None;
    for s in series {
        for k in 0..n as i32 {
            let Some(m) = start.plus(k) else { continue };
            let (Some((now, _)), Some((before, _))) = (
                metrics::carried(s, m),
                m.plus(-YEAR).and_then(|b| metrics::carried(s, b)),
            ) else {
                continue;
            };
            total = Some(total.unwrap_or(0.0) + finite_sum(now - before));
        }
    }
    total
}

// ---------------------------------------------------------------------------------
// Words

impl Plan {
    /// "Levers cover 71 % of the growth needed; 38,000 sign-ups still unplanned."
    pub fn coverage_sentence(&self) -> String {
        let unit = self.unit();
        match self.coverage {
            None => format!(
                "The target asks for no growth over the baseline; levers add {} {unit}.",
                amount(self.expected)
            ),
            Some(_) if self.gap.round() == 0.0 => {
                "Levers cover exactly the growth needed.".to_owned()
            }
            Some(c) if self.gap > 0.0 => format!(
                "Levers cover {} of the growth needed; {} {unit} still unplanned.",
                percent(c),
                amount(self.gap)
            ),
            Some(c) => format!(
                "Levers cover {} of the growth needed: {} {unit} beyond the target.",
                percent(c),
                amount(-self.gap)
            ),
        }
    }

    /// The same, weighted by confidence.
    pub fn weighted_sentence(&self) -> String {
        let unit = self.unit();
        match self.coverage_weighted {
            None => "With no growth needed, confidence changes nothing.".to_owned(),
            Some(c) if self.gap_weighted > 0.0 => format!(
                "Weighted by confidence they cover {}; {} {unit} unplanned or at risk.",
                percent(c),
                amount(self.gap_weighted)
            ),
            Some(c) => format!(
                "Weighted by confidence they cover {}: the target holds even if the \
                 less certain levers fall short.",
                percent(c)
            ),
        }
    }

    /// The figure a lead acts on, first: the weighted gap, split into the growth no
    /// lever is planned for and what the levers may not deliver, so the two gaps read as
    /// one story. "50,900 sign-ups unplanned or at risk: 29,000 no lever is planned for
    /// and 21,900 the levers may not deliver."
    pub fn gap_sentence(&self) -> String {
        let unit = self.unit();
        if self.gap_weighted.round() <= 0.0 {
            return "Even weighted by confidence, the levers reach the target.".to_owned();
        }
        let (whole, unplanned, at_risk) = self.gap_split();
        if unplanned <= 0.0 {
            return format!(
                "{} {unit} at risk: the levers reach the target in full, but not weighted by \
                 confidence.",
                amount(whole)
            );
        }
        format!(
            "{} {unit} unplanned or at risk: {} no lever is planned for and {} the levers may \
             not deliver.",
            amount(whole),
            amount(unplanned),
            amount(at_risk)
        )
    }

    /// The weighted gap as shown and its two parts, rounded so that they add up as
    /// shown: (weighted gap, growth no lever is planned for, what the levers may not
    /// deliver). When the levers reach the target in full, the whole weighted gap is risk.
    pub fn gap_split(&self) -> (f64, f64, f64) {
        let whole = self.gap_weighted.round();
        let unplanned = self.gap.round().clamp(0.0, whole.max(0.0));
        (whole, unplanned, whole - unplanned)
    }

    /// "Actual to date: 41,200 sign-ups against 36,000 planned (5,200 ahead)."
    pub fn to_date_sentence(&self) -> String {
        let unit = self.unit();
        if self.target_year.is_none() {
            return "Set the baseline's first month to follow the year month by month.".into();
        }
        if self.months_to_date == 0 {
            return match self.target_year {
                Some((first, _)) => format!(
                    "Nothing to compare yet: the target year starts in {}.",
                    crate::model::core::format::month(first)
                ),
                None => String::new(),
            };
        }
        let months = count(self.months_compared, "month");
        let who = |names: &[String]| {
            let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
            let more = names.len().saturating_sub(3);
            if more > 0 {
                format!("{}, and {more} more", shown.join(", "))
            } else {
                growth::and_list(&shown)
            }
        };
        let mut late = match self.figures_to {
            Some(to) if !self.late.is_empty() => {
                let who = who(&self.late);
                let next = to
                    .plus(1)
                    .map(crate::model::core::format::month_short)
                    .unwrap_or_default();
                format!(
                    " (figures to {}: {next} not in yet from {who})",
                    crate::model::core::format::month_short(to)
                )
            }
            _ => String::new(),
        };
        if !self.carried.is_empty() {
            late.push_str(&format!(
                " (counting {} at {} latest figure)",
                who(&self.carried),
                plural(self.carried.len(), "its", "their")
            ));
        }
        match self.actual_to_date {
            None => format!(
                "No {unit} figures yet for the first {months} of the target year; the plan \
                 expects {}.",
                amount(self.plan_to_date)
            ),
            Some(actual) => {
                let diff = actual - self.plan_to_date;
                let verdict = if diff.round() == 0.0 {
                    "on plan".to_owned()
                } else if diff > 0.0 {
                    format!("{} ahead", amount(diff))
                } else {
                    format!("{} behind", amount(-diff))
                };
                format!(
                    "First {months} of the target year{late}: {} {unit} against {} planned ({verdict}).",
                    amount(actual),
                    amount(self.plan_to_date)
                )
            }
        }
    }

    /// actual to date / target total, for a progress bar (0 to 1, clamped).
    pub fn progress(&self) -> f64 {
        clamp01(ratio(self.actual_to_date.unwrap_or(0.0), self.target_total).unwrap_or(0.0))
    }

    /// actual to date / plan to date: how the year runs against its plan so far (1 = on
    /// plan); `None` without figures or plan.
    pub fn on_plan(&self) -> Option<f64> {
        ratio(self.actual_to_date?, self.plan_to_date).filter(|_| self.plan_to_date > 0.0)
    }

    /// plan to date / target total: where the bar should have reached (0 to 1).
    pub fn progress_planned(&self) -> f64 {
        clamp01(ratio(self.plan_to_date, self.target_total).unwrap_or(0.0))
    }

    /// What the weighted gap is made of, largest first after the unplanned growth: the
    /// growth no lever is planned for (when positive), then each lever's at-risk part
    /// (when positive). Each share is the part over the sum of the parts, which is the
    /// weighted gap itself whenever the plan stays below the target and no lever
    /// expects a loss. Empty when the weighted plan reaches the target.
    pub fn gap_parts(&self) -> Vec<GapPart> {
        if self.gap_weighted <= 0.0 {
            return Vec::new();
        }
        let unplanned = (self.gap > 0.0).then(|| GapPart {
            name: "Unplanned growth".to_owned(),
            lever: None,
            amount: self.gap,
            share: 0.0,
        });
        let mut parts: Vec<GapPart> = unplanned
            .into_iter()
            .chain(
                self.levers
                    .iter()
                    .filter(|l| l.at_risk > 0.0)
                    .map(|l| GapPart {
                        name: l.name.clone(),
                        lever: Some(l.id.clone()),
                        amount: l.at_risk,
                        share: 0.0,
                    }),
            )
            .collect();
        let total: f64 = parts.iter().map(|p| p.amount).sum();
        for p in &mut parts {
            p.share = ratio(p.amount, total).unwrap_or(0.0);
        }
        parts
    }

    pub fn unit(&self) -> &str {
        if self.metric.trim().is_empty() {
            "units"
        } else {
            self.metric.trim()
        }
    }
}

fn clamp01(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A figure rounded to a whole number with thousands separated: "38,000", "−1,250".
/// Integer arithmetic only, like `units`: the browser build carries no float printing.
pub fn amount(v: f64) -> String {
    // `as` saturates and maps NaN to 0, so nothing here can panic; the digits are
    // grouped where every figure's are (`core::format::grouped`).
    let n = v.round() as i64;
    let digits = crate::model::core::format::grouped(n.unsigned_abs());
    if n < 0 {
        format!("−{digits}")
    } else {
        digits
    }
}

/// A growth percentage with its sign, written as every change in the app is
/// (`core::format::percent_change`): 250 → "+250 %", 7.5 → "+7.5 %" (not "+8 %" beside
/// a metrics tab that reads the same growth "+7.5 %").
pub fn growth(percent_value: f64) -> String {
    crate::model::core::format::percent_change(percent_value / 100.0)
}

// ---------------------------------------------------------------------------------
// Choices for the forms

/// The metrics a target can be set in: the standard names, then the ones in use, then
/// the program's own if it is none of those.
pub fn metric_choices(ws: &Workspace) -> Vec<String> {
    let mut out: Vec<String> = metrics::STANDARD.iter().map(|s| (*s).to_owned()).collect();
    let mut used: Vec<&str> = ws
        .partners
        .iter()
        .flat_map(|p| p.metrics.iter().map(|s| s.metric.trim()))
        .chain([ws.program.metric.trim()])
        .filter(|m| !m.is_empty())
        .collect();
    used.sort_by_key(|m| m.to_lowercase());
    for m in used {
        if !out.iter().any(|o| o == m) {
            out.push(m.to_owned());
        }
    }
    out
}

/// The partners a lever can name, by name.
pub fn partner_choices(ws: &Workspace) -> Vec<(Id, String)> {
    let mut out: Vec<(Id, String)> = ws
        .partners
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    out.sort_by_key(|(_, n)| n.to_lowercase());
    out
}

// ---------------------------------------------------------------------------------
// Edits

/// The target as typed in the form, before it is read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetText {
    pub metric: String,
    /// "2026-01"
    pub baseline_start: String,
    pub baseline: String,
    /// "250", "+250 %"
    pub growth: String,
}

impl TargetText {
    /// The form's fields as the program holds them now.
    pub fn of(p: &Program) -> Self {
        TargetText {
            metric: p.metric.clone(),
            baseline_start: p.baseline_start.map(|m| m.to_string()).unwrap_or_default(),
            baseline: p.baseline.map(plain).unwrap_or_default(),
            growth: p.target_growth.map(plain).unwrap_or_default(),
        }
    }
}

/// A lever as typed in the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeverText {
    pub id: Option<Id>,
    /// A partner's id, or empty for an initiative.
    pub partner: String,
    pub initiative: String,
    pub expected: String,
    /// "70", "70 %"
    pub confidence: String,
    pub notes: String,
}

impl LeverText {
    pub fn of(l: &Lever) -> Self {
        LeverText {
            id: Some(l.id.clone()),
            partner: l.partner.as_ref().map(Id::to_string).unwrap_or_default(),
            initiative: l.initiative.clone(),
            expected: plain(l.expected),
            confidence: l.confidence.to_string(),
            notes: l.notes.clone(),
        }
    }
}

/// A number for an input field: whole numbers without a fraction, others as Rust
/// prints them.
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).to_string()
    } else {
        v.to_string()
    }
}

/// Reads a number as people type it: "38,000", "38 000", "+250 %", "1.5".
pub fn parse_number(text: &str) -> Result<f64, InputError> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '_')
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err(InputError::Required);
    }
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= check::MAX_VALUE => Ok(v),
        Ok(_) => Err(InputError::OutOfRange),
        Err(_) => Err(InputError::NotNumber(
            text.trim().chars().take(20).collect(),
        )),
    }
}

fn error(path: &str, message: impl ToString) -> ValidationError {
    ValidationError {
        path: path.to_owned(),
        record: "the program".into(),
        message: message.to_string(),
    }
}

/// The validation errors of a program, with paths under `program.` only.
fn check_program(ws: &Workspace, program: &Program) -> Vec<ValidationError> {
    let probe = Workspace {
        program_name: ws.program_name.clone(),
        program: program.clone(),
        ..Workspace::default()
    };
    validate::workspace(&probe)
        .into_iter()
        .filter(|e| e.path.starts_with("program."))
        .collect()
}

/// Sets the program's metric, baseline start, baseline and growth target from the
/// form; `Ok(false)` when nothing changed. Errors name the form's fields: `metric`,
/// `baseline_start`, `baseline`, `growth`. Nothing changes on error.
pub fn set_target(
    ws: &mut Workspace,
    form: &TargetText,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let metric = form.metric.trim().to_owned();
    if metric.is_empty() {
        errors.push(error(
            "metric",
            "is required: choose what the target counts",
        ));
    }
    let start = match Month::parse(&form.baseline_start) {
        Ok(m) => Some(m),
        Err(_) if form.baseline_start.trim().is_empty() => {
            errors.push(error(
                "baseline_start",
                "is required: the first month of the baseline year, such as 2026-01",
            ));
            None
        }
        Err(e) => {
            errors.push(error("baseline_start", e));
            None
        }
    };
    let baseline = parse_number(&form.baseline)
        .map_err(|e| errors.push(error("baseline", e)))
        .ok();
    let growth = parse_number(&form.growth)
        .map_err(|e| errors.push(error("growth", e)))
        .ok();
    if !errors.is_empty() {
        return Err(errors);
    }
    let draft = Program {
        metric,
        baseline_start: start,
        baseline,
        target_growth: growth,
        ..ws.program.clone()
    };
    let errors: Vec<_> = check_program(ws, &draft)
        .into_iter()
        .filter_map(|mut e| {
            let field = match e.path.as_str() {
                "program.metric" => "metric",
                "program.baseline" => "baseline",
                "program.target_growth" => "growth",
                _ => return None,
            };
            e.path = field.to_owned();
            Some(e)
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    if draft == ws.program {
        return Ok(false);
    }
    ws.program = draft;
    stamp(&mut ws.program, now);
    Ok(true)
}

/// Adds a lever (a form without id) or replaces the one with the form's id; `Ok(false)`
/// when nothing changed. Errors name the form's fields: `partner`, `initiative`,
/// `expected`, `confidence`, `notes`. A lever can keep a partner that has since been
/// removed, but cannot be given one that does not exist.
pub fn save_lever(
    ws: &mut Workspace,
    form: &LeverText,
    new_id: Id,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let existing = form
        .id
        .as_ref()
        .and_then(|id| ws.program.levers.iter().position(|l| &l.id == id));
    if form.id.is_some() && existing.is_none() {
        return Err(vec![error("", "This lever was removed meanwhile.")]);
    }
    let partner = lever_partner(ws, form, existing, &mut errors);
    let expected = parse_number(&form.expected)
        .map_err(|e| errors.push(error("expected", e)))
        .ok();
    let confidence = lever_confidence(&form.confidence, &mut errors);
    let (Some(expected), Some(confidence)) = (expected, confidence) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let lever = Lever {
        id: form.id.clone().unwrap_or(new_id),
        initiative: if partner.is_some() {
            String::new()
        } else {
            form.initiative.trim().to_owned()
        },
        partner,
        expected,
        confidence,
        notes: form.notes.trim().to_owned(),
    };
    let mut draft = ws.program.clone();
    let index = match existing {
        Some(i) if draft.levers[i] == lever => return Ok(false),
        Some(i) => {
            draft.levers[i] = lever;
            i
        }
        None => {
            draft.levers.push(lever);
            draft.levers.len() - 1
        }
    };
    let errors = lever_errors(ws, &draft, index);
    if !errors.is_empty() {
        return Err(errors);
    }
    ws.program = draft;
    stamp(&mut ws.program, now);
    Ok(true)
}

/// The form's partner, or `None` for an initiative. A partner must exist, unless the
/// lever at `existing` already had it (its partner was removed since); without a
/// partner the initiative needs a name.
fn lever_partner(
    ws: &Workspace,
    form: &LeverText,
    existing: Option<usize>,
    errors: &mut Vec<ValidationError>,
) -> Option<Id> {
    let partner = match form.partner.trim() {
        "" => None,
        text => match Id::parse(text) {
            Ok(id) => Some(id),
            Err(e) => {
                errors.push(error("partner", e));
                None
            }
        },
    };
    if let Some(id) = &partner {
        let kept = existing.is_some_and(|i| ws.program.levers[i].partner.as_ref() == Some(id));
        if ws.partner(id).is_none() && !kept {
            errors.push(error("partner", "is not a partner of this workspace"));
        }
    } else if form.initiative.trim().is_empty() {
        errors.push(error(
            "initiative",
            "is required: choose a partner or name the initiative",
        ));
    }
    partner
}

/// The form's confidence: a whole percentage from 0 to 100.
fn lever_confidence(text: &str, errors: &mut Vec<ValidationError>) -> Option<u8> {
    match parse_number(text) {
        Ok(c) if (0.0..=100.0).contains(&c) && c.fract() == 0.0 => Some(c as u8),
        Ok(c) => {
            errors.push(error(
                "confidence",
                format!("{c} is not a whole percentage from 0 to 100"),
            ));
            None
        }
        Err(e) => {
            errors.push(error("confidence", e));
            None
        }
    }
}

/// The validation errors of the lever at `index` in the draft program, with paths
/// naming the form's fields (an error of the lever's id or of the levers as a whole
/// belongs to the form, with an empty path); errors elsewhere in the program are not
/// the form's.
fn lever_errors(ws: &Workspace, draft: &Program, index: usize) -> Vec<ValidationError> {
    let prefix = format!("program.levers[{index}].");
    check_program(ws, draft)
        .into_iter()
        .map(|mut e| {
            if let Some(field) = e.path.strip_prefix(&prefix) {
                e.path = if field == "id" {
                    String::new()
                } else {
                    field.to_owned()
                };
            } else if e.path == "program.levers" {
                e.path = String::new();
            }
            e
        })
        .filter(|e| !e.path.starts_with("program."))
        .collect()
}

/// Removes a lever; returns whether there was one to remove.
pub fn remove_lever(ws: &mut Workspace, id: &Id, now: DateTime<Utc>) -> bool {
    let before = ws.program.levers.len();
    ws.program.levers.retain(|l| &l.id != id);
    let removed = ws.program.levers.len() != before;
    if removed {
        stamp(&mut ws.program, now);
    }
    removed
}

/// Marks the program edited now, never earlier than its last edit: a merge keeps the
/// later program.
fn stamp(p: &mut Program, now: DateTime<Utc>) {
    p.updated = Some(p.updated.map_or(now, |u| u.max(now)));
}

/// A confidence at or below this already discounts most of a lever: no caution then.
pub const CAUTION_ABOVE: u8 = 25;

/// Why a partner lever's confidence may be too high for the partner's state, in words
/// for the levers table; `None` when the state gives no reason to doubt it.
///
/// The planner takes confidence as the team typed it, but a lead reading "40 %" beside a
/// partner whose Health tab suggests walking away counts it lower: the table says so,
/// strongest reason first. A walked-away partner brings nothing at any confidence; the
/// other reasons wait for a confidence above [`CAUTION_ABOVE`].
pub fn lever_caution(confidence: u8, r: &Reading) -> Option<String> {
    if r.stage == Stage::WalkedAway {
        return (confidence > 0).then(|| {
            format!(
                "We walked away from {}: this lever brings nothing; set its confidence to 0 % or remove it.",
                r.name
            )
        });
    }
    if confidence <= CAUTION_ABOVE {
        return None;
    }
    let reason = if r.stage == Stage::Paused {
        "the partnership is paused".to_owned()
    } else if r.walk_away.is_some() {
        "its Health tab suggests walking away".to_owned()
    } else if r.health.band() == Band::AtRisk {
        format!(
            "its health is at risk ({}/100)",
            r.health.score.unwrap_or_default()
        )
    } else {
        return None;
    };
    Some(format!("{confidence} % may be high: {reason}."))
}
