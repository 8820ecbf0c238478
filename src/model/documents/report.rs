//! The judgment report: every judgment Tandem makes about a workspace on a given day, as
//! one serialisable value, so that a lead (or the calibration suite in
//! `tests/scenarios/`) can check the model's judgment outside the browser.
//!
//! [`build`] is a pure function of the workspace and today's date; it only reads the
//! figures the screens show (health, signals, walk-away, buy-in, ability to deliver, fit,
//! ladder, pitch checks, portfolio, planner) and adds nothing of its own but the names
//! the report gives them. Two exceptions, each kept in one place so they are easy to
//! replace when the model grows them: [`signal_kind`] (a stable snake_case kind and whose
//! action a signal is) and [`market_picture`] (the markets that bought in, and the stale
//! ones). The shape is documented, and versioned by [`REPORT_VERSION`], in
//! `docs/model/report.md`; the binary `tandem-report` prints it as JSON.

use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::figures::health::{self, Band};
use crate::model::figures::signals::{self, Owner, Signal};
use crate::model::figures::{planner, portfolio};
use crate::model::fit::{self, ladder};
use crate::model::metrics::{self, growth};
use crate::model::pitch::{self, Context};
use crate::model::workspace::records::{Partner, Workspace};
use chrono::NaiveDate;
use serde::Serialize;

/// The version of the report's shape. Raise it when a field changes meaning or goes
/// away; adding a field does not raise it.
pub const REPORT_VERSION: u32 = 1;

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub report_version: u32,
    /// The day the judgments are made for (`YYYY-MM-DD`).
    pub today: NaiveDate,
    /// The format version of the file read, before migration (set by the reader).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_version: Option<u64>,
    pub program_name: String,
    /// Every partner, in workspace order.
    pub partners: Vec<PartnerReport>,
    pub portfolio: PortfolioReport,
    /// `None` while the program has no target.
    pub planner: Option<PlannerReport>,
}

/// One partner's judgments.
#[derive(Clone, Debug, Serialize)]
pub struct PartnerReport {
    pub id: Id,
    pub name: String,
    /// The stage's key (`live`, `walked_away`, …).
    pub stage: &'static str,
    pub days_in_stage: i64,
    pub health: HealthReport,
    /// Most severe first.
    pub signals: Vec<SignalReport>,
    pub walk_away: WalkAwayReport,
    pub buy_in: BuyInReport,
    pub ability_to_deliver: AbilityReport,
    pub fit: FitReport,
    pub ladder: LadderReport,
    /// The pitch on the table (the latest sent), else the latest draft; `None` without one.
    pub pitch: Option<PitchReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HealthReport {
    /// 0–100, or `None`: not enough data.
    pub score: Option<u8>,
    /// `healthy`, `watch`, `at_risk` or `not_enough_data`: the band shown, held at
    /// `watch` beside a severe partner risk.
    pub band: &'static str,
    /// Why the band is held at Watch although the score reaches Healthy, or `None`.
    pub capped_by: Option<String>,
    /// The components that count at the partner's stage, in the screen's order.
    pub components: Vec<ComponentReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ComponentReport {
    /// `fit`, `goals`, `support`, `reception`, `delivery`, `landing`, `growth`, `buy_in`.
    pub component: &'static str,
    /// 0–1, `None` without data.
    pub value: Option<f64>,
    /// The weight in the stage's table (0–1).
    pub stage_weight: f64,
    /// The weight used, after leaving out components without data (0 when left out).
    pub weight: f64,
    pub left_out: bool,
    pub detail: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SignalReport {
    /// A stable snake_case kind ([`signal_kind`]).
    pub kind: &'static str,
    /// `info`, `warning` or `severe`.
    pub severity: &'static str,
    /// Whose action it is: `ours` (our action item), `partner` (a risk on the partner's
    /// side) or `shared` (both sides own the next step).
    pub whose: &'static str,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct WalkAwayReport {
    pub suggested: bool,
    /// Why, in words; empty when not suggested.
    pub reasons: Vec<String>,
    /// The kinds of the signals behind it.
    pub signals: Vec<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BuyInReport {
    /// The metric buy-in is read in; `None` when the partner has no figures.
    pub metric: Option<String>,
    /// The month the window ends with.
    pub latest: Option<Month>,
    /// The concentration flag, and its sentence.
    pub flagged: bool,
    pub flag_reason: Option<String>,
    /// Markets that grew by at least a tenth of their own base (names).
    pub markets_bought_in: Vec<String>,
    /// Markets whose figures stop before the partner's latest month (names).
    pub stale_markets: Vec<String>,
    /// Bought in ÷ judged: the health component; `None` below two judged markets.
    pub breadth: Option<f64>,
    /// Markets judged (bought in, flat or declining).
    pub judged: usize,
    /// Every market with its verdict and rate, judged ones first.
    pub by_market: Vec<MarketGrowthReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MarketGrowthReport {
    pub market: Id,
    pub name: String,
    /// `bought_in`, `flat`, `declining`, `late`, `no_year_earlier` or `no_figures`.
    pub verdict: &'static str,
    /// Growth per month over the window, against the market's own base (or the floor).
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AbilityReport {
    pub score: Option<f64>,
    /// `low` (below 40 %), `fair`, `strong` (60 % and up) or `unknown`.
    pub level: &'static str,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FitReport {
    /// `pursue`, `pursue_with_care`, `stop` or `not_assessed`.
    pub recommendation: &'static str,
    pub reasons: Vec<String>,
    pub incumbent_bias: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LadderReport {
    /// The current level's key.
    pub current: &'static str,
    /// Bottom level first.
    pub levels: Vec<RungReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RungReport {
    pub level: &'static str,
    /// `ready`, `not_ready` or `undecided` (nothing unmet, something not assessed).
    pub readiness: &'static str,
    pub current: bool,
    pub needs: Vec<NeedReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NeedReport {
    pub need: &'static str,
    /// `Some(true)` met, `Some(false)` not met, `None` not assessed.
    pub met: Option<bool>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PitchReport {
    pub id: Id,
    pub label: String,
    pub sent: Option<NaiveDate>,
    /// Completeness, 0–100.
    pub percent: u8,
    /// Every ingredient, in memo order.
    pub ingredients: Vec<IngredientReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IngredientReport {
    pub ingredient: &'static str,
    /// `missing`, `weak` or `ready`.
    pub status: &'static str,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PortfolioReport {
    /// Partners per stage, every stage in lifecycle order.
    pub funnel: Vec<StageCount>,
    /// Partners per band (walked-away partners left out).
    pub health: Vec<BandCount>,
    pub signals: SignalCounts,
    /// Names of the partners for whom walking away is suggested.
    pub walk_away: Vec<String>,
    /// The share of effort on incumbents in pursuit, when any partner is in pursuit.
    pub incumbent_effort: Option<EffortReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StageCount {
    pub stage: &'static str,
    pub partners: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct BandCount {
    pub band: &'static str,
    pub partners: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct SignalCounts {
    pub severe: usize,
    pub warning: usize,
    pub info: usize,
    /// Signals that are our own action items, of any severity.
    pub ours: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct EffortReport {
    pub share: f64,
    pub skewed: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlannerReport {
    pub metric: String,
    pub baseline: f64,
    pub target_growth: f64,
    pub target_total: f64,
    pub planned: f64,
    pub planned_weighted: f64,
    pub gap: f64,
    pub gap_weighted: f64,
    pub coverage: Option<f64>,
    pub coverage_weighted: Option<f64>,
    pub months_to_date: u32,
    pub plan_to_date: f64,
    pub actual_to_date: Option<f64>,
    /// plan to date − actual to date (positive: behind), when there are actuals.
    pub behind_plan: Option<f64>,
    pub levers: Vec<LeverReport>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LeverReport {
    pub name: String,
    pub expected: f64,
    pub confidence: u8,
    pub at_risk: f64,
    pub expected_to_date: Option<f64>,
    pub delivered_to_date: Option<f64>,
    /// expected to date − delivered to date (negative: ahead).
    pub behind: Option<f64>,
}

/// The report for `ws` on `today`.
pub fn build(ws: &Workspace, today: NaiveDate) -> Report {
    let readings = portfolio::readings(ws, today);
    let partners: Vec<PartnerReport> = ws
        .partners
        .iter()
        .zip(&readings)
        .map(|(p, r)| partner_report(ws, p, r, today))
        .collect();
    let count = |sev: &str| {
        partners
            .iter()
            .flat_map(|p| &p.signals)
            .filter(|s| s.severity == sev)
            .count()
    };
    let signals = SignalCounts {
        severe: count("severe"),
        warning: count("warning"),
        info: count("info"),
        ours: partners
            .iter()
            .flat_map(|p| &p.signals)
            .filter(|s| s.whose == "ours")
            .count(),
    };
    let portfolio = PortfolioReport {
        funnel: portfolio::funnel(ws)
            .into_iter()
            .map(|(s, n)| StageCount {
                stage: s.key(),
                partners: n,
            })
            .collect(),
        health: portfolio::distribution(&readings)
            .into_iter()
            .map(|(b, n)| BandCount {
                band: band_key(b),
                partners: n,
            })
            .collect(),
        signals,
        walk_away: partners
            .iter()
            .filter(|p| p.walk_away.suggested)
            .map(|p| p.name.clone())
            .collect(),
        incumbent_effort: fit::incumbent_effort(ws, today).map(|e| EffortReport {
            share: e.share,
            skewed: e.skewed(),
        }),
    };
    Report {
        report_version: REPORT_VERSION,
        today,
        file_version: None,
        program_name: ws.program_name.clone(),
        partners,
        portfolio,
        planner: planner::plan(ws, today).map(|p| planner_report(&p)),
    }
}

fn band_key(b: Band) -> &'static str {
    match b {
        Band::Healthy => "healthy",
        Band::Watch => "watch",
        Band::AtRisk => "at_risk",
        Band::Unknown => "not_enough_data",
    }
}

/// The stable kind of a signal and whose action it is, read from the model's own
/// keys (`signals::Kind::key`, `Kind::owner`): `ours` for our action items, `partner`
/// for risks about the partner.
pub fn signal_kind(signal: &Signal) -> (&'static str, &'static str) {
    let whose = match signal.kind.owner() {
        Owner::Ours => "ours",
        Owner::Theirs => "partner",
    };
    (signal.kind.key(), whose)
}

/// One partner's section: its stage, health, signals, walk-away suggestion, buy-in,
/// ability to deliver, deal fit, ladder and pitch, as the screens read them on `today`.
fn partner_report(
    ws: &Workspace,
    p: &Partner,
    r: &portfolio::Reading,
    today: NaiveDate,
) -> PartnerReport {
    let facts = signals::facts(ws, p, today);
    PartnerReport {
        id: p.id.clone(),
        name: p.name.clone(),
        stage: p.stage.key(),
        days_in_stage: facts.days_in_stage,
        health: health_report(&r.health),
        signals: r.signals.iter().map(signal_report).collect(),
        walk_away: walk_away_report(r.walk_away.as_ref()),
        buy_in: market_picture(ws, p, today),
        ability_to_deliver: ability_report(p, today),
        fit: fit_report(p, today),
        ladder: ladder_report(p, today),
        pitch: pitch_report(p),
    }
}

fn signal_report(s: &Signal) -> SignalReport {
    let (kind, whose) = signal_kind(s);
    SignalReport {
        kind,
        severity: s.severity.key(),
        whose,
        reason: s.reason.clone(),
    }
}

/// The walk-away suggestion with its reason and the signals behind it, or not
/// suggested.
fn walk_away_report(w: Option<&signals::WalkAway>) -> WalkAwayReport {
    match w {
        Some(w) => WalkAwayReport {
            suggested: true,
            reasons: std::iter::once(w.reason.clone())
                .chain(w.signals.iter().map(|s| s.reason.clone()))
                .collect(),
            signals: w.signals.iter().map(|s| signal_kind(s).0).collect(),
        },
        None => WalkAwayReport {
            suggested: false,
            reasons: Vec::new(),
            signals: Vec::new(),
        },
    }
}

fn health_report(h: &health::Health) -> HealthReport {
    HealthReport {
        score: h.score,
        band: band_key(h.band()),
        capped_by: h.capped.clone(),
        components: h
            .parts
            .iter()
            .map(|part| ComponentReport {
                component: part.factor.key(),
                value: part.value,
                stage_weight: part.stage_weight,
                weight: part.weight,
                left_out: part.left_out,
                detail: part.detail.clone(),
            })
            .collect(),
    }
}

/// The ability to deliver with its level: low below [`fit::LOW_ABILITY`], strong as
/// [`fit::is_strong`] says (not while someone able to stop the deal is against it), fair
/// between, unknown without a score.
fn ability_report(p: &Partner, today: NaiveDate) -> AbilityReport {
    let ability = fit::ability_to_deliver(p, today);
    AbilityReport {
        score: ability.score,
        level: match ability.score {
            None => "unknown",
            Some(a) if a < fit::LOW_ABILITY => "low",
            Some(a) if fit::is_strong(a, !fit::in_the_way(p).is_empty()) => "strong",
            Some(_) => "fair",
        },
        reasons: ability.reasons,
    }
}

fn fit_report(p: &Partner, today: NaiveDate) -> FitReport {
    let rec = fit::recommendation(p, today);
    FitReport {
        recommendation: match rec.verdict {
            fit::Verdict::Pursue => "pursue",
            fit::Verdict::PursueWithCare => "pursue_with_care",
            fit::Verdict::Stop => "stop",
            fit::Verdict::NotAssessed => "not_assessed",
        },
        reasons: rec.reasons,
        incumbent_bias: fit::bias_warning(p),
    }
}

/// The partner's ladder level and each rung with its readiness and needs.
fn ladder_report(p: &Partner, today: NaiveDate) -> LadderReport {
    LadderReport {
        current: p.ladder.key(),
        levels: ladder::rungs(p, today)
            .into_iter()
            .map(|rung| RungReport {
                level: rung.level.key(),
                readiness: match rung.ready {
                    Some(true) => "ready",
                    Some(false) => "not_ready",
                    None => "undecided",
                },
                current: rung.current,
                needs: rung
                    .needs
                    .iter()
                    .map(|n| NeedReport {
                        need: n.text,
                        met: n.met,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Buy-in as the health screen reads it: the partner's main metric up to its latest
/// month, each market judged against its own base by [`growth::buy_in`], with the
/// markets that bought in and the late (stale) ones named.
pub fn market_picture(ws: &Workspace, p: &Partner, today: NaiveDate) -> BuyInReport {
    let metric = health::main_metric(ws, p);
    let latest = metric
        .as_deref()
        .and_then(|m| metrics::judged_month(p, m, today));
    let buy_in = match (&metric, latest) {
        (Some(m), Some(l)) => growth::buy_in(ws, p, m, l),
        _ => None,
    };
    let names = |keep: fn(growth::Verdict) -> bool| -> Vec<String> {
        buy_in
            .iter()
            .flat_map(|b| &b.markets)
            .filter(|m| keep(m.verdict))
            .map(|m| ws.market_name(&m.market).to_owned())
            .collect()
    };
    BuyInReport {
        metric,
        latest,
        flagged: buy_in.as_ref().is_some_and(|b| b.flagged.is_some()),
        flag_reason: buy_in.as_ref().and_then(|b| b.flagged.clone()),
        markets_bought_in: names(|v| v == growth::Verdict::BoughtIn),
        stale_markets: names(|v| matches!(v, growth::Verdict::Late { .. })),
        breadth: buy_in.as_ref().and_then(|b| b.breadth),
        judged: buy_in.as_ref().map_or(0, |b| b.judged),
        by_market: buy_in
            .iter()
            .flat_map(|b| &b.markets)
            .map(|m| MarketGrowthReport {
                market: m.market.clone(),
                name: ws.market_name(&m.market).to_owned(),
                verdict: verdict_key(m.verdict),
                rate: m.rate,
            })
            .collect(),
    }
}

/// The stable name of a market's buy-in verdict in the report.
fn verdict_key(v: growth::Verdict) -> &'static str {
    match v {
        growth::Verdict::BoughtIn => "bought_in",
        growth::Verdict::Flat => "flat",
        growth::Verdict::Declining => "declining",
        growth::Verdict::Late { .. } => "late",
        growth::Verdict::NoYearEarlier => "no_year_earlier",
        growth::Verdict::NoFigures => "no_figures",
    }
}

fn pitch_report(p: &Partner) -> Option<PitchReport> {
    let chosen = pitch::on_the_table(p).or_else(|| pitch::latest(p))?;
    let ctx = Context::of(p);
    let checks = pitch::checks(chosen, &ctx);
    Some(PitchReport {
        id: chosen.id.clone(),
        label: chosen.label.clone(),
        sent: chosen.sent,
        percent: pitch::score(&checks).percent,
        ingredients: checks
            .into_iter()
            .map(|c| IngredientReport {
                ingredient: c.ingredient.key(),
                status: c.status.key(),
                message: c.message,
            })
            .collect(),
    })
}

fn planner_report(plan: &planner::Plan) -> PlannerReport {
    PlannerReport {
        metric: plan.metric.clone(),
        baseline: plan.baseline,
        target_growth: plan.target_growth,
        target_total: plan.target_total,
        planned: plan.planned,
        planned_weighted: plan.planned_weighted,
        gap: plan.gap,
        gap_weighted: plan.gap_weighted,
        coverage: plan.coverage,
        coverage_weighted: plan.coverage_weighted,
        months_to_date: plan.months_to_date,
        plan_to_date: plan.plan_to_date,
        actual_to_date: plan.actual_to_date,
        behind_plan: plan.actual_to_date.map(|a| plan.plan_to_date - a),
        levers: plan
            .levers
            .iter()
            .map(|l| LeverReport {
                name: l.name.clone(),
                expected: l.expected,
                confidence: l.confidence,
                at_risk: l.at_risk,
                expected_to_date: l.expected_to_date,
                delivered_to_date: l.delivered_to_date,
                behind: l.behind(),
            })
            .collect(),
        warnings: plan.warnings.clone(),
    }
}
