//! Signals: the warnings a partner manager should act on, each with a severity and a
//! plain reason, and the walk-away suggestion when several severe ones hold together.
//!
//! [`evaluate`] is pure over [`Facts`], the few measurements the rules need; [`facts`]
//! gathers them from a partner. Every threshold is a constant here and a row in
//! docs/model/health.md.

use crate::model::core::month::Month;
use crate::model::core::vocabulary::{DecisionRole, Side, Stage, Stance};
use crate::model::goals::{self, DeliveryRecord};
use crate::model::workspace::records::{Partner, Workspace};
use crate::model::{figures::health, fit, landing, meetings, metrics, metrics::growth};
use chrono::NaiveDate;

/// How much a signal matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Severe,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Severe => "Severe",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Severe => "severe",
        }
    }
}

/// The kinds of signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    NoSharedGoal,
    NoChampion,
    LowInfluence,
    Overdue,
    PoorDelivery,
    Stuck,
    Concentrated,
    LandingStalled,
    ReceptionFalling,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::NoSharedGoal,
        Kind::NoChampion,
        Kind::LowInfluence,
        Kind::Overdue,
        Kind::PoorDelivery,
        Kind::Stuck,
        Kind::Concentrated,
        Kind::LandingStalled,
        Kind::ReceptionFalling,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::NoSharedGoal => "No shared goal",
            Kind::NoChampion => "No champion",
            Kind::LowInfluence => "Low influence to deliver",
            Kind::Overdue => "Commitments overdue",
            Kind::PoorDelivery => "Poor delivery record",
            Kind::Stuck => "Stuck in stage",
            Kind::Concentrated => "Growth concentrated",
            Kind::LandingStalled => "Landing stalled",
            Kind::ReceptionFalling => "Reception falling",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::NoSharedGoal => "no_shared_goal",
            Kind::NoChampion => "no_champion",
            Kind::LowInfluence => "low_influence",
            Kind::Overdue => "overdue",
            Kind::PoorDelivery => "poor_delivery",
            Kind::Stuck => "stuck",
            Kind::Concentrated => "concentrated",
            Kind::LandingStalled => "landing_stalled",
            Kind::ReceptionFalling => "reception_falling",
        }
    }
}

/// One signal: what, how bad, and why in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub kind: Kind,
    pub severity: Severity,
    pub reason: String,
}

/// Stages after signature: the partnership exists and must be landed and grown.
pub fn post_signature(stage: Stage) -> bool {
    matches!(stage, Stage::Signed | Stage::Landing | Stage::Live)
}

/// Days a partner may stay in a stage before it counts as stuck (severe at twice
/// that); `None` where staying is the point (live) or over (walked away).
pub fn stuck_after(stage: Stage) -> Option<i64> {
    match stage {
        Stage::Research => Some(60),
        Stage::Pitching => Some(60),
        Stage::Negotiating => Some(90),
        Stage::Signed => Some(45),
        Stage::Landing => Some(120),
        Stage::Paused => Some(90),
        Stage::Live | Stage::WalkedAway => None,
    }
}

/// Delivery records below this share (0–1) of commitments on time raise a warning...
pub const DELIVERY_WARNING: f64 = 0.6;
/// ...and below this one, with at least [`DELIVERY_SEVERE_MIN_DUE`] due, a severe signal.
pub const DELIVERY_SEVERE: f64 = 0.4;
pub const DELIVERY_SEVERE_MIN_DUE: usize = 3;
/// Overdue commitments become severe from this many, or when one is this many days late.
pub const OVERDUE_SEVERE_COUNT: usize = 3;
pub const OVERDUE_SEVERE_DAYS: i64 = 60;
/// The partner's ability to deliver (0–1) below this is low (the deal-fit threshold);
/// below the second, severe.
pub const ABILITY_LOW: f64 = fit::LOW_ABILITY;
pub const ABILITY_SEVERE: f64 = 0.25;
/// Walk away is suggested from this many severe signals...
pub const WALK_AWAY_SEVERE: usize = 3;
/// ...or from this many after signature, where each one costs more.
pub const WALK_AWAY_SEVERE_SIGNED: usize = 2;

/// A commitment past its due date, not delivered and not dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Late {
    pub what: String,
    pub days: i64,
    /// Whether the partner owes it (rather than us).
    pub theirs: bool,
}

/// A key player whose reception is falling.
#[derive(Clone, Debug, PartialEq)]
pub struct Cooling {
    pub name: String,
    /// Why, as the meeting log words it.
    pub reason: String,
    /// Influence 1–5; a cooling decision maker or champion matters more.
    pub influence: u8,
    pub key: bool,
}

/// What the rules look at, measured once per partner.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub stage: Stage,
    pub days_in_stage: i64,
    pub goals: usize,
    pub key_players: usize,
    pub champions: usize,
    /// Key players who are champions or supportive.
    pub backers: usize,
    /// The partner's ability to deliver, 0–1, when it can be judged.
    pub ability: Option<f64>,
    pub overdue: Vec<Late>,
    pub delivery: DeliveryRecord,
    /// The concentration warning of the buy-in measure, naming the markets.
    pub concentrated: Option<String>,
    /// Why landing is stalled, when it is.
    pub landing_stalled: Option<String>,
    pub cooling: Vec<Cooling>,
}

impl Facts {
    /// Facts that raise nothing, for tests and as a base to change one thing at a time.
    pub fn quiet(stage: Stage) -> Self {
        Facts {
            stage,
            days_in_stage: 0,
            goals: 1,
            key_players: 2,
            champions: 1,
            backers: 2,
            ability: Some(1.0),
            overdue: Vec::new(),
            // Nothing due, whatever fields the record grows.
            delivery: goals::delivery_record(&[], NaiveDate::MIN),
            concentrated: None,
            landing_stalled: None,
            cooling: Vec::new(),
        }
    }
}

/// The signals these facts raise, most severe first. A walked-away partner raises none.
pub fn evaluate(f: &Facts) -> Vec<Signal> {
    let mut out = Vec::new();
    if f.stage == Stage::WalkedAway {
        return out;
    }
    let signed = post_signature(f.stage);
    let mut push = |kind: Kind, severity: Severity, reason: String| {
        out.push(Signal {
            kind,
            severity,
            reason,
        })
    };

    // A shared goal is expected once the deal is negotiated; before that only a hint.
    if f.goals == 0 && f.stage != Stage::Research {
        let severity = match f.stage {
            Stage::Pitching => Severity::Info,
            _ if signed => Severity::Severe,
            _ => Severity::Warning,
        };
        push(
            Kind::NoSharedGoal,
            severity,
            "No goal is shared with the partner: agree one measurable goal both sides own.".into(),
        );
    }

    if f.champions == 0 {
        let (severity, reason) = if f.key_players == 0 {
            (
                Severity::Warning,
                "No key players are recorded, so nobody is known to champion the partnership."
                    .to_owned(),
            )
        } else if f.backers == 0 && f.stage != Stage::Research {
            (
                Severity::Severe,
                format!(
                    "None of the {} key players champions or even supports the partnership.",
                    f.key_players
                ),
            )
        } else {
            (
                if f.stage == Stage::Research {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                format!(
                    "None of the {} key players is a champion: find someone inside who will push for it.",
                    f.key_players
                ),
            )
        };
        push(Kind::NoChampion, severity, reason);
    }

    if let Some(a) = f.ability.filter(|a| a.is_finite() && *a < ABILITY_LOW) {
        let severity = if a < ABILITY_SEVERE {
            Severity::Severe
        } else {
            Severity::Warning
        };
        push(
            Kind::LowInfluence,
            severity,
            format!(
                "The partner's ability to deliver is low ({} %): its supporters lack the influence to carry the work.",
                crate::model::figures::health::percent(a)
            ),
        );
    }

    if !f.overdue.is_empty() && f.stage != Stage::Research {
        let worst = f.overdue.iter().map(|l| l.days).max().unwrap_or(0);
        let severity = if f.overdue.len() >= OVERDUE_SEVERE_COUNT || worst >= OVERDUE_SEVERE_DAYS {
            Severity::Severe
        } else {
            Severity::Warning
        };
        let list = f
            .overdue
            .iter()
            .map(|l| {
                format!(
                    "\"{}\" ({}, {} day{} late)",
                    l.what,
                    if l.theirs { "theirs" } else { "ours" },
                    l.days,
                    if l.days == 1 { "" } else { "s" }
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        push(
            Kind::Overdue,
            severity,
            format!(
                "{} commitment{} overdue: {list}.",
                f.overdue.len(),
                if f.overdue.len() == 1 { " is" } else { "s are" }
            ),
        );
    }

    if let Some(share) = f.delivery.all_time.filter(|s| *s < DELIVERY_WARNING) {
        let severity = if share < DELIVERY_SEVERE && f.delivery.due >= DELIVERY_SEVERE_MIN_DUE {
            Severity::Severe
        } else {
            Severity::Warning
        };
        push(
            Kind::PoorDelivery,
            severity,
            format!(
                "The partner delivered {} of {} commitments on time ({} %, below {} %).",
                f.delivery.on_time,
                f.delivery.due,
                crate::model::figures::health::percent(share),
                crate::model::figures::health::percent(DELIVERY_WARNING)
            ),
        );
    }

    if let Some(limit) = stuck_after(f.stage) {
        if f.days_in_stage > limit {
            let severity = if f.days_in_stage > 2 * limit {
                Severity::Severe
            } else {
                Severity::Warning
            };
            push(
                Kind::Stuck,
                severity,
                format!(
                    "{} days in {}, longer than the {limit} days expected: decide to move on, pivot or pause.",
                    f.days_in_stage,
                    f.stage.label().to_lowercase()
                ),
            );
        }
    }

    if let Some(why) = &f.concentrated {
        push(Kind::Concentrated, Severity::Warning, why.clone());
    }

    if let Some(why) = &f.landing_stalled {
        if signed || f.stage == Stage::Paused {
            let severity = if f.stage == Stage::Landing {
                Severity::Severe
            } else {
                Severity::Warning
            };
            push(Kind::LandingStalled, severity, why.clone());
        }
    }

    if !f.cooling.is_empty() {
        let severity = if f.cooling.iter().any(|c| c.key || c.influence >= 4) {
            Severity::Severe
        } else {
            Severity::Warning
        };
        let who = f
            .cooling
            .iter()
            .map(|c| format!("{}: {}", c.name, lower_first(&c.reason)))
            .collect::<Vec<_>>()
            .join(". ");
        push(
            Kind::ReceptionFalling,
            severity,
            format!("The room is cooling. {who}."),
        );
    }

    out.sort_by_key(|s| std::cmp::Reverse(s.severity));
    out
}

fn lower_first(s: &str) -> String {
    let s = s.trim_end_matches('.');
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The suggestion to walk away, listing the severe signals behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct WalkAway {
    pub signals: Vec<Signal>,
    pub reason: String,
}

/// Walk away is suggested when at least [`WALK_AWAY_SEVERE`] severe signals hold
/// together, or [`WALK_AWAY_SEVERE_SIGNED`] after signature. Never for a partner already
/// walked away from.
pub fn walk_away(signals: &[Signal], stage: Stage) -> Option<WalkAway> {
    if stage == Stage::WalkedAway {
        return None;
    }
    let severe: Vec<Signal> = signals
        .iter()
        .filter(|s| s.severity == Severity::Severe)
        .cloned()
        .collect();
    let needed = if post_signature(stage) {
        WALK_AWAY_SEVERE_SIGNED
    } else {
        WALK_AWAY_SEVERE
    };
    (severe.len() >= needed).then(|| WalkAway {
        reason: format!(
            "{} severe signals hold together (the threshold {} is {needed}): consider walking away, \
             or record a decision to pivot.",
            severe.len(),
            if post_signature(stage) {
                "after signature"
            } else {
                "before signature"
            }
        ),
        signals: severe,
    })
}

/// Whether a key player champions the partnership today: recorded as a champion (by
/// stance or by role) and not read as skeptical or worse from the latest meetings.
fn is_champion(recorded: Stance, role: DecisionRole, read: Stance) -> bool {
    (recorded == Stance::Champion || role == DecisionRole::Champion)
        && !matches!(read, Stance::Skeptical | Stance::Blocker)
}

/// The facts of a partner on `today`.
pub fn facts(ws: &Workspace, p: &Partner, today: NaiveDate) -> Facts {
    let map = meetings::map(p);
    let champions = map
        .iter()
        .filter(|m| is_champion(m.recorded, m.role, m.read))
        .count();
    let backers = map
        .iter()
        .filter(|m| matches!(m.read, Stance::Champion | Stance::Supportive))
        .count();
    let overdue = goals::overdue(p, today)
        .into_iter()
        .map(|k| Late {
            what: k.what.clone(),
            days: goals::days_overdue(k, today).unwrap_or(0),
            theirs: k.side == Side::Partner,
        })
        .collect();
    let concentrated = health::main_metric(ws, p).and_then(|metric| {
        let latest = metrics::partner_latest(p, &metric)?.min(Month::of(today));
        growth::buy_in(ws, p, &metric, latest)?.flagged
    });
    let cooling = meetings::cooling(p)
        .into_iter()
        .map(|c| {
            let player = p.key_players.iter().find(|k| k.id == c.player);
            Cooling {
                influence: player.map_or(1, |k| k.influence),
                key: player.is_some_and(|k| {
                    matches!(k.role, DecisionRole::DecisionMaker | DecisionRole::Champion)
                        || k.stance == Stance::Champion
                }),
                name: c.name,
                reason: c.reason,
            }
        })
        .collect();
    Facts {
        stage: p.stage,
        days_in_stage: (today - p.in_stage_since()).num_days(),
        goals: p.goals.len(),
        key_players: map.len(),
        champions,
        backers,
        ability: fit::ability_to_deliver(p, today).score,
        overdue,
        delivery: goals::delivery_record(&p.commitments, today),
        concentrated,
        landing_stalled: landing::stalled_in(ws, p, today),
        cooling,
    }
}

/// The partner's signals on `today`, most severe first.
pub fn for_partner(ws: &Workspace, p: &Partner, today: NaiveDate) -> Vec<Signal> {
    evaluate(&facts(ws, p, today))
}
