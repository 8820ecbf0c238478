//! Signals: the warnings a partner manager should act on, each with a severity and a
//! plain reason, and the walk-away suggestion when several severe ones hold together.
//!
//! [`evaluate`] is pure over [`Facts`], the few measurements the rules need; [`facts`]
//! gathers them from a partner. Every threshold is a constant here and a row in
//! docs/model/health.md.

use crate::model::core::format::count;
use crate::model::core::id::Id;
use crate::model::core::vocabulary::{
    CommitmentStatus, DecisionRole, Economics, LadderLevel, Side, Stage, Stance,
};
use crate::model::figures::health::{self, Band};
use crate::model::goals::{self, DeliveryRecord};
use crate::model::meetings::MapPoint;
use crate::model::workspace::records::{Partner, Workspace};
use crate::model::{fit, landing, meetings, metrics, metrics::growth};
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
    /// Nobody at the partner is recorded: buy-in cannot be judged. Our gap to close.
    NoKeyPlayers,
    NoChampion,
    LowInfluence,
    /// The partner's commitments past their due date.
    Overdue,
    /// Our own commitments past their due date: our action items, never the partner's
    /// fault.
    OurOverdue,
    PoorDelivery,
    Stuck,
    Concentrated,
    LandingStalled,
    /// A landing step a few days past its planned date.
    LandingBehind,
    ReceptionFalling,
    /// Signed for a while and still no landing plan.
    NoLandingPlan,
    /// A decision maker who reads as skeptical or worse, or whose latest reception was
    /// negative.
    DecisionMakerAgainst,
    /// From Negotiating on, a decision maker nobody has met in a logged meeting.
    DecisionMakerUnmet,
    /// The partner sits at a ladder level its fit does not support (exclusive without
    /// leverage, say): a standing risk, not only a warning at the move.
    StandingRisk,
}

/// Whose move a signal asks for: ours (an action item on our side) or theirs (a risk
/// about the partner).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    Ours,
    Theirs,
}

impl Owner {
    pub fn key(self) -> &'static str {
        match self {
            Owner::Ours => "ours",
            Owner::Theirs => "theirs",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Owner::Ours => "Our action item",
            Owner::Theirs => "Partner risk",
        }
    }
}

/// What a signal is about. Walking away needs severe partner risks in two different
/// areas among people, delivery and results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    People,
    Delivery,
    Results,
    /// The deal's terms and our own process (stage, ladder level, plans).
    Deal,
}

impl Area {
    pub fn key(self) -> &'static str {
        match self {
            Area::People => "people",
            Area::Delivery => "delivery",
            Area::Results => "results",
            Area::Deal => "deal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::People => "people",
            Area::Delivery => "delivery",
            Area::Results => "results",
            Area::Deal => "the deal",
        }
    }
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::NoSharedGoal,
        Kind::NoKeyPlayers,
        Kind::NoChampion,
        Kind::LowInfluence,
        Kind::Overdue,
        Kind::OurOverdue,
        Kind::PoorDelivery,
        Kind::Stuck,
        Kind::Concentrated,
        Kind::LandingStalled,
        Kind::LandingBehind,
        Kind::ReceptionFalling,
        Kind::NoLandingPlan,
        Kind::DecisionMakerAgainst,
        Kind::DecisionMakerUnmet,
        Kind::StandingRisk,
    ];

    /// Whose action the signal asks for. Ours: what we must do or decide (our late
    /// commitments, agreeing a goal, a plan, meeting the decision maker, the stage and
    /// the ladder level we chose). Theirs: facts about the partner.
    pub fn owner(self) -> Owner {
        match self {
            Kind::OurOverdue
            | Kind::NoSharedGoal
            | Kind::NoKeyPlayers
            | Kind::Stuck
            | Kind::NoLandingPlan
            | Kind::DecisionMakerUnmet
            | Kind::StandingRisk => Owner::Ours,
            Kind::NoChampion
            | Kind::LowInfluence
            | Kind::Overdue
            | Kind::PoorDelivery
            | Kind::Concentrated
            | Kind::LandingStalled
            | Kind::LandingBehind
            | Kind::DecisionMakerAgainst
            | Kind::ReceptionFalling => Owner::Theirs,
        }
    }

    /// What the signal is about.
    pub fn area(self) -> Area {
        match self {
            Kind::NoKeyPlayers
            | Kind::NoChampion
            | Kind::LowInfluence
            | Kind::ReceptionFalling
            | Kind::DecisionMakerAgainst
            | Kind::DecisionMakerUnmet => Area::People,
            Kind::Overdue
            | Kind::OurOverdue
            | Kind::PoorDelivery
            | Kind::LandingStalled
            | Kind::LandingBehind => Area::Delivery,
            Kind::Concentrated | Kind::NoSharedGoal => Area::Results,
            Kind::Stuck | Kind::NoLandingPlan | Kind::StandingRisk => Area::Deal,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::NoSharedGoal => "No shared goal",
            Kind::NoKeyPlayers => "No key players",
            Kind::NoChampion => "No champion",
            Kind::LowInfluence => "Low influence to deliver",
            Kind::Overdue => "Partner commitments overdue",
            Kind::OurOverdue => "Our commitments overdue",
            Kind::PoorDelivery => "Poor delivery record",
            Kind::Stuck => "Stuck in stage",
            Kind::Concentrated => "Growth concentrated",
            Kind::LandingStalled => "Landing stalled",
            Kind::LandingBehind => "Landing behind plan",
            Kind::ReceptionFalling => "Reception falling",
            Kind::NoLandingPlan => "No landing plan",
            Kind::DecisionMakerAgainst => "Decision maker against",
            Kind::DecisionMakerUnmet => "Decision maker never met",
            Kind::StandingRisk => "Standing risk",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::NoSharedGoal => "no_shared_goal",
            Kind::NoKeyPlayers => "no_key_players",
            Kind::NoChampion => "no_champion",
            Kind::LowInfluence => "low_influence",
            Kind::Overdue => "partner_overdue",
            Kind::OurOverdue => "our_overdue",
            Kind::PoorDelivery => "poor_delivery",
            Kind::Stuck => "stuck",
            Kind::Concentrated => "concentrated",
            Kind::LandingStalled => "landing_stalled",
            Kind::LandingBehind => "landing_behind",
            Kind::ReceptionFalling => "reception_falling",
            Kind::NoLandingPlan => "no_landing_plan",
            Kind::DecisionMakerAgainst => "decision_maker_against",
            Kind::DecisionMakerUnmet => "decision_maker_unmet",
            Kind::StandingRisk => "standing_risk",
        }
    }
}

/// One signal: what, how bad, and why in words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signal {
    pub kind: Kind,
    pub severity: Severity,
    pub reason: String,
}

impl Signal {
    /// Whose action it is: see [`Kind::owner`].
    pub fn owner(&self) -> Owner {
        self.kind.owner()
    }

    pub fn area(&self) -> Area {
        self.kind.area()
    }
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

/// A delivery record (0–1, late deliveries earning part credit) below this raises a
/// warning, whatever the cause...
pub const DELIVERY_WARNING: f64 = 0.6;
/// ...and so does a record of the *delivered* commitments alone below this one: a
/// partner who delivers most things three weeks late (about 70 %) has a habit to raise,
/// one who runs two weeks late (about 80 %) or a few days late (100 %) has not. Items
/// still open are left out of this line: the overdue signal already names them...
pub const DELIVERY_LATENESS: f64 = 0.75;
/// ...and below this one, with at least [`DELIVERY_SEVERE_MIN_DUE`] due, a severe signal.
pub const DELIVERY_SEVERE: f64 = 0.4;
pub const DELIVERY_SEVERE_MIN_DUE: usize = 3;
/// The delivery record says something only from this many commitments due.
pub const DELIVERY_MIN_DUE: usize = 3;
/// Overdue commitments become severe from this many, each more than
/// [`OVERDUE_WARNING_DAYS`] late, or when one is [`OVERDUE_SEVERE_DAYS`] late.
pub const OVERDUE_SEVERE_COUNT: usize = 3;
pub const OVERDUE_SEVERE_DAYS: i64 = 60;
/// An overdue commitment within this many days of its due date is a note (info), not
/// yet a warning: a few days' slip is ordinary.
pub const OVERDUE_GRACE_DAYS: i64 = goals::GRACE_DAYS;
/// Beyond this many days late an overdue commitment counts towards the severe count.
pub const OVERDUE_WARNING_DAYS: i64 = 14;
/// Signed this many days without a landing plan is a warning ([`landing::NO_PLAN_DAYS`]);
/// past [`NO_PLAN_SEVERE_DAYS`], severe.
pub const NO_PLAN_DAYS: i64 = landing::NO_PLAN_DAYS;
pub const NO_PLAN_SEVERE_DAYS: i64 = 60;
/// Walk away is suggested only when severe partner risks cover this many different
/// areas (people, delivery, results).
pub const WALK_AWAY_AREAS: usize = 2;
/// The partner's ability to deliver (0–1) below this is low (the deal-fit threshold);
/// below the second, severe.
pub const ABILITY_LOW: f64 = fit::LOW_ABILITY;
pub const ABILITY_SEVERE: f64 = 0.25;

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
    /// Their latest reception score (−2 … +2), when they attended a meeting: a fall
    /// that stays positive is at most a warning.
    pub latest: Option<f64>,
    /// Whether they now read as skeptical or a blocker from the latest meetings.
    pub against: bool,
}

/// A reception at or below this score (−2 … +2) is clearly negative.
pub const CLEARLY_NEGATIVE: f64 = -1.0;

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
    /// The same record over the partner's delivered commitments only: how late what
    /// came did come.
    pub delivered: DeliveryRecord,
    /// The concentration warning of the buy-in measure, naming the markets.
    pub concentrated: Option<String>,
    /// The landing stall, when there is one: why, and how many days late or quiet.
    pub landing_stalled: Option<landing::Stall>,
    /// Why landing is behind plan (a step a few days late), when it is and not stalled.
    pub landing_behind: Option<String>,
    pub cooling: Vec<Cooling>,
    /// Whether the partner has a landing plan (at least one track).
    pub landing_plan: bool,
    /// Decision makers read as against the partnership (and not already in `cooling`):
    /// name, why, and whether it is clear (read as a blocker, or a latest reception
    /// at or below [`CLEARLY_NEGATIVE`]).
    pub opposed_decision_makers: Vec<(String, String, bool)>,
    /// Decision makers nobody has met in a logged meeting.
    pub unmet_decision_makers: Vec<String>,
    /// Why the partner's ladder level is a standing risk, when it is.
    pub standing_risk: Option<String>,
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
            delivered: goals::delivery_record(&[], NaiveDate::MIN),
            concentrated: None,
            landing_stalled: None,
            landing_behind: None,
            cooling: Vec::new(),
            landing_plan: true,
            opposed_decision_makers: Vec::new(),
            unmet_decision_makers: Vec::new(),
            standing_risk: None,
        }
    }
}

/// The signals these facts raise, most severe first. A walked-away partner raises none.
///
/// Each area has its own rules ([`results_signals`], [`people_signals`],
/// [`delivery_signals`], [`landing_signals`], [`deal_signals`]); this function only
/// collects them and applies the rules that span areas: a paused partner's risks are
/// warnings at most, and one severe fact is one signal.
pub fn evaluate(f: &Facts) -> Vec<Signal> {
    let mut out = Signals(Vec::new());
    if f.stage == Stage::WalkedAway {
        return out.0;
    }
    results_signals(f, &mut out);
    people_signals(f, &mut out);
    delivery_signals(f, &mut out);
    landing_signals(f, &mut out);
    deal_signals(f, &mut out);
    let mut out = out.0;

    // A paused partnership is on hold by our decision: its risks stay visible, as
    // warnings, but nothing about it needs action this week.
    if f.stage == Stage::Paused {
        for s in &mut out {
            s.severity = s.severity.min(Severity::Warning);
        }
    }
    // The stall in Signed is the missing plan: one fact, one signal.
    if f.stage == Stage::Signed && out.iter().any(|s| s.kind == Kind::NoLandingPlan) {
        out.retain(|s| s.kind != Kind::Stuck);
    }
    one_severe_per_area(&mut out);
    out.sort_by_key(|s| std::cmp::Reverse(s.severity));
    out
}

/// The signals raised so far, in the order the rules raise them.
struct Signals(Vec<Signal>);

impl Signals {
    fn push(&mut self, kind: Kind, severity: Severity, reason: String) {
        self.0.push(Signal {
            kind,
            severity,
            reason,
        });
    }
}

/// Results: a shared goal to measure them by, and where the growth comes from.
fn results_signals(f: &Facts, out: &mut Signals) {
    // A shared goal is expected once the deal is negotiated; before that only a hint.
    if f.goals == 0 && f.stage != Stage::Research {
        let severity = match f.stage {
            Stage::Pitching => Severity::Info,
            _ if post_signature(f.stage) => Severity::Severe,
            _ => Severity::Warning,
        };
        out.push(
            Kind::NoSharedGoal,
            severity,
            "No goal is shared with the partner: agree one measurable goal both sides own.".into(),
        );
    }

    if let Some(why) = &f.concentrated {
        out.push(Kind::Concentrated, Severity::Warning, why.clone());
    }
}

/// People: a champion, enough influence to deliver, a room that is not cooling, and
/// decision makers who are for it and have been met.
fn people_signals(f: &Facts, out: &mut Signals) {
    champion_signal(f, out);
    influence_signal(f, out);
    cooling_signal(f, out);
    opposed_signal(f, out);
    unmet_signal(f, out);
}

/// Nobody at the partner recorded: not a milder case of "no champion" but a bigger
/// gap, since support, the champion and the ability to deliver cannot be judged at all.
/// A note in research (finding the people is the work), a warning while pitching,
/// severe from Negotiating on: negotiating or landing with nobody known is worse than
/// knowing people who are lukewarm. Ours: recording who decides is our work.
fn no_key_players_signal(f: &Facts, out: &mut Signals) {
    let severity = match f.stage {
        Stage::Research => Severity::Info,
        Stage::Pitching => Severity::Warning,
        _ => Severity::Severe,
    };
    out.push(
        Kind::NoKeyPlayers,
        severity,
        "No key players are recorded: nobody at the partner is known, so their buy-in and their ability to deliver cannot be judged. Record who decides and where they stand."
            .to_owned(),
    );
}

/// A champion: someone inside who pushes for the partnership. Without one, a warning;
/// severe past research when none of the key players even supports it; only a hint in
/// research when key players are recorded. Without key players at all, the gap is
/// [`no_key_players_signal`]'s.
fn champion_signal(f: &Facts, out: &mut Signals) {
    if f.key_players == 0 {
        no_key_players_signal(f, out);
    } else if f.champions == 0 {
        let (severity, reason) = if f.backers == 0 && f.stage != Stage::Research {
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
        out.push(Kind::NoChampion, severity, reason);
    }
}

/// Enough influence to deliver: the partner's ability below [`ABILITY_LOW`] is a
/// warning, below [`ABILITY_SEVERE`] severe.
fn influence_signal(f: &Facts, out: &mut Signals) {
    if let Some(a) = f.ability.filter(|a| a.is_finite() && *a < ABILITY_LOW) {
        let severity = if a < ABILITY_SEVERE {
            Severity::Severe
        } else {
            Severity::Warning
        };
        out.push(
            Kind::LowInfluence,
            severity,
            format!(
                "The partner's ability to deliver is low ({}): its supporters lack the influence to carry the work.",
                crate::model::core::format::percent(a)
            ),
        );
    }
}

/// A room that is not cooling: key players whose reception is falling.
fn cooling_signal(f: &Facts, out: &mut Signals) {
    if !f.cooling.is_empty() {
        // Severe only for someone who matters (a decision maker or champion, or
        // influence 4 or more) who now reads as against it, or whose latest reception was
        // clearly negative. A fall that stays positive, or one bad meeting, is a warning.
        let matters = |c: &Cooling| {
            (c.key || c.influence >= 4)
                && (c.against || c.latest.is_none_or(|l| l <= CLEARLY_NEGATIVE))
        };
        let severity = if f.cooling.iter().any(matters) {
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
        out.push(
            Kind::ReceptionFalling,
            severity,
            format!("The room is cooling. {who}."),
        );
    }
}

/// Decision makers who are for it: one read as against it, past research.
fn opposed_signal(f: &Facts, out: &mut Signals) {
    if !f.opposed_decision_makers.is_empty() && f.stage != Stage::Research {
        let severity = if f.opposed_decision_makers.iter().any(|(_, _, b)| *b) {
            Severity::Severe
        } else {
            Severity::Warning
        };
        let who = f
            .opposed_decision_makers
            .iter()
            .map(|(n, why, _)| format!("{n} ({why})"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Kind::DecisionMakerAgainst,
            severity,
            format!("A decision maker is against it: {who}. Find out the objection before the next step."),
        );
    }
}

/// Decision makers who have been met: one nobody has met in a logged meeting, from
/// the stage where they must have been.
fn unmet_signal(f: &Facts, out: &mut Signals) {
    if !f.unmet_decision_makers.is_empty() && meetings::must_have_met_decision_makers(f.stage) {
        let severity = if f.stage == Stage::Negotiating {
            Severity::Warning
        } else {
            Severity::Info
        };
        out.push(
            Kind::DecisionMakerUnmet,
            severity,
            format!(
                "Decision maker never met in a logged meeting: {}. Their stance is unverified: meet them before counting on it.",
                f.unmet_decision_makers.join(", ")
            ),
        );
    }
}

/// Delivery: commitments past their due date, the partner's and ours apart, and the
/// partner's delivery record.
fn delivery_signals(f: &Facts, out: &mut Signals) {
    // In research nothing is agreed with the partner yet: no delivery to judge.
    if f.stage == Stage::Research {
        return;
    }
    let theirs: Vec<&Late> = f.overdue.iter().filter(|l| l.theirs).collect();
    let ours: Vec<&Late> = f.overdue.iter().filter(|l| !l.theirs).collect();
    if let Some(severity) = overdue_severity(&theirs) {
        out.push(
            Kind::Overdue,
            severity,
            format!("The partner {}", overdue_list(&theirs, "has")),
        );
    }
    if let Some(severity) = overdue_severity(&ours) {
        out.push(
            Kind::OurOverdue,
            severity,
            format!(
                "We {} Deliver or renegotiate: this is ours to fix, not held against the partner.",
                overdue_list(&ours, "have")
            ),
        );
    }

    // A record of one or two commitments is not yet a record: the overdue signal
    // already names them.
    let below = |r: &DeliveryRecord, line: f64| {
        r.all_time
            .filter(|s| *s < line && r.due >= DELIVERY_MIN_DUE)
    };
    let percent = crate::model::core::format::percent;
    if let Some(share) = below(&f.delivery, DELIVERY_WARNING) {
        let severity = if share < DELIVERY_SEVERE && f.delivery.due >= DELIVERY_SEVERE_MIN_DUE {
            Severity::Severe
        } else {
            Severity::Warning
        };
        out.push(
            Kind::PoorDelivery,
            severity,
            format!(
                "The partner delivered {} of {} due commitments on time or within a few days; late deliveries earn part credit, so the record is {} (below {}).",
                f.delivery.on_time,
                f.delivery.due,
                percent(share),
                percent(DELIVERY_WARNING)
            ),
        );
    } else if let Some(share) = below(&f.delivered, DELIVERY_LATENESS) {
        out.push(
            Kind::PoorDelivery,
            Severity::Warning,
            format!(
                "The partner delivers late: {} of the {} commitments it delivered came on time or within a few days, the others weeks late (record of what it delivered {}, below {}).",
                f.delivered.on_time,
                f.delivered.due,
                percent(share),
                percent(DELIVERY_LATENESS)
            ),
        );
    }
}

/// Landing: steps late against their planned dates (a stall, or a few days behind).
fn landing_signals(f: &Facts, out: &mut Signals) {
    let signed = post_signature(f.stage);
    // Graded by how late: a step two weeks late is a warning; more than a month late
    // (or a plan quiet for four months) is severe while landing is the job at hand.
    // Before and after the Landing stage a stall is a warning.
    if let Some(stall) = &f.landing_stalled {
        if signed || f.stage == Stage::Paused {
            let severity = if f.stage == Stage::Landing && stall.large() {
                Severity::Severe
            } else {
                Severity::Warning
            };
            out.push(Kind::LandingStalled, severity, stall.reason.clone());
        }
    }

    if let Some(why) = &f.landing_behind {
        if signed && f.landing_stalled.is_none() {
            out.push(Kind::LandingBehind, Severity::Warning, why.clone());
        }
    }
}

/// The deal and our process: time in stage, a landing plan after signature, and a
/// ladder level the fit does not support.
fn deal_signals(f: &Facts, out: &mut Signals) {
    if let Some(limit) = stuck_after(f.stage) {
        if f.days_in_stage > limit {
            let severity = if f.days_in_stage > 2 * limit {
                Severity::Severe
            } else {
                Severity::Warning
            };
            out.push(
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

    if landing::plan_missing(f.stage, f.days_in_stage, f.landing_plan) {
        let days = f.days_in_stage;
        let severity = if f.stage == Stage::Landing
            || (f.stage == Stage::Signed && days > NO_PLAN_SEVERE_DAYS)
        {
            Severity::Severe
        } else {
            Severity::Warning
        };
        let when = if f.stage == Stage::Signed {
            format!("Signed {days} days ago and no landing plan")
        } else {
            format!("{} and no landing plan", f.stage.label())
        };
        out.push(
            Kind::NoLandingPlan,
            severity,
            format!("{when}: agree the markets, the steps and their dates with the partner."),
        );
    }

    if let Some(why) = &f.standing_risk {
        out.push(Kind::StandingRisk, Severity::Warning, why.clone());
    }
}

/// One severe fact is one signal: within an area, of one side, only the first severe
/// signal stays severe (in [`Kind::ALL`] order, except that a falling reception, which
/// names the person and the meetings, comes first: a champion turning cold is the fact,
/// "no champion" its consequence); the others that describe the same trouble from
/// another angle are lowered to warnings.
fn one_severe_per_area(out: &mut [Signal]) {
    let mut seen: Vec<(Owner, Area)> = Vec::new();
    out.sort_by_key(|s| (s.kind != Kind::ReceptionFalling, s.kind));
    for s in out.iter_mut().filter(|s| s.severity == Severity::Severe) {
        let at = (s.owner(), s.area());
        if seen.contains(&at) {
            s.severity = Severity::Warning;
        } else {
            seen.push(at);
        }
    }
}

/// The severity of a list of overdue commitments: none when empty; info while every one
/// is within the grace days; severe from [`OVERDUE_SEVERE_COUNT`] each more than
/// [`OVERDUE_WARNING_DAYS`] late, or one [`OVERDUE_SEVERE_DAYS`] late; else a warning.
fn overdue_severity(list: &[&Late]) -> Option<Severity> {
    let worst = list.iter().map(|l| l.days).max()?;
    let long = list
        .iter()
        .filter(|l| l.days > OVERDUE_WARNING_DAYS)
        .count();
    Some(
        if worst >= OVERDUE_SEVERE_DAYS || long >= OVERDUE_SEVERE_COUNT {
            Severity::Severe
        } else if worst <= OVERDUE_GRACE_DAYS {
            Severity::Info
        } else {
            Severity::Warning
        },
    )
}

fn overdue_list(list: &[&Late], verb: &str) -> String {
    let items = list
        .iter()
        .map(|l| format!("\"{}\" ({} late)", l.what, count(l.days, "day")))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{verb} {} overdue: {items}.",
        count(list.len(), "commitment")
    )
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WalkAway {
    pub signals: Vec<Signal>,
    pub reason: String,
}

/// Walk away is suggested when severe partner risks (theirs, not our own action
/// items) hold in at least [`WALK_AWAY_AREAS`] different areas among people, delivery and
/// results; never for a partner whose health is Healthy (the figures would contradict
/// each other), nor for one already walked away from.
pub fn walk_away(signals: &[Signal], stage: Stage, band: Band) -> Option<WalkAway> {
    if stage == Stage::WalkedAway || band == Band::Healthy {
        return None;
    }
    let severe: Vec<Signal> = signals
        .iter()
        .filter(|s| {
            s.severity == Severity::Severe
                && s.owner() == Owner::Theirs
                && matches!(s.area(), Area::People | Area::Delivery | Area::Results)
        })
        .cloned()
        .collect();
    let mut areas: Vec<Area> = severe.iter().map(Signal::area).collect();
    areas.sort();
    areas.dedup();
    (areas.len() >= WALK_AWAY_AREAS).then(|| {
        let names: Vec<&str> = areas.iter().map(|a| a.label()).collect();
        WalkAway {
            reason: format!(
                "Severe risks on the partner's side in {} different areas ({}), and health is not Healthy: \
                 consider walking away, or record a decision to pivot. Our own overdue items do not count here.",
                areas.len(),
                names.join(", ")
            ),
            signals: severe,
        }
    })
}

/// The facts of a partner on `today`.
pub fn facts(ws: &Workspace, p: &Partner, today: NaiveDate) -> Facts {
    let map = meetings::map(p);
    let cooling_all = meetings::cooling(p);
    let cooling_ids: Vec<Id> = cooling_all.iter().map(|c| c.player.clone()).collect();
    Facts {
        stage: p.stage,
        days_in_stage: (today - p.in_stage_since()).num_days(),
        goals: p.goals.len(),
        key_players: map.len(),
        champions: map.iter().filter(|m| m.is_champion()).count(),
        backers: map
            .iter()
            .filter(|m| matches!(m.read, Stance::Champion | Stance::Supportive))
            .count(),
        ability: fit::ability_to_deliver(p, today).score,
        overdue: overdue_facts(p, today),
        delivery: goals::delivery_record(&p.commitments, today),
        delivered: goals::delivery_record(
            &p.commitments
                .iter()
                .filter(|k| k.status == CommitmentStatus::Delivered)
                .cloned()
                .collect::<Vec<_>>(),
            today,
        ),
        concentrated: health::main_metric(ws, p).and_then(|metric| {
            let latest = metrics::judged_month(p, &metric, today)?;
            growth::buy_in(ws, p, &metric, latest)?.flagged
        }),
        landing_stalled: landing::stall_in(ws, p, today),
        landing_behind: landing::behind_in(ws, p, today),
        cooling: cooling_all
            .into_iter()
            .map(|c| cooling_fact(p, &map, c))
            .collect(),
        landing_plan: !p.landing.is_empty(),
        opposed_decision_makers: map
            .iter()
            .filter(|m| m.role == DecisionRole::DecisionMaker)
            .filter_map(|m| opposed_decision_maker(p, m, &cooling_ids))
            .collect(),
        unmet_decision_makers: meetings::unmet_decision_makers(p),
        standing_risk: standing_risk(p),
    }
}

/// The commitments past their due date, with how late each is and who owes it.
fn overdue_facts(p: &Partner, today: NaiveDate) -> Vec<Late> {
    goals::overdue(p, today)
        .into_iter()
        .map(|k| Late {
            what: k.what.clone(),
            days: goals::days_overdue(k, today).unwrap_or(0),
            theirs: k.side == Side::Partner,
        })
        .collect()
}

/// A key player the room is cooling on, with what makes the fall matter: their
/// influence, whether they decide or champion, their latest reception, and whether the
/// map now reads them as skeptical or a blocker.
fn cooling_fact(p: &Partner, map: &[MapPoint], c: meetings::Cooling) -> Cooling {
    let player = p.key_players.iter().find(|k| k.id == c.player);
    Cooling {
        influence: player.map_or(1, |k| k.influence),
        key: player.is_some_and(|k| {
            matches!(k.role, DecisionRole::DecisionMaker | DecisionRole::Champion)
                || k.stance == Stance::Champion
        }),
        latest: meetings::series(p, &c.player).last().map(|r| r.score),
        against: map
            .iter()
            .any(|m| m.player == c.player && matches!(m.read, Stance::Skeptical | Stance::Blocker)),
        name: c.name,
        reason: c.reason,
    }
}

/// A decision maker read as against the partnership (skeptical or a blocker, or whose
/// latest reception was negative; the same decision makers `fit::in_the_way` finds,
/// so the recommendation is never "pursue" beside this signal): name, why, and whether it is clear (a blocker, or a
/// latest reception at or below [`CLEARLY_NEGATIVE`]). `None` for one who is not, or
/// whom the room is already cooling on (`cooling`): that is named there, one fact, one
/// signal.
fn opposed_decision_maker(
    p: &Partner,
    m: &MapPoint,
    cooling: &[Id],
) -> Option<(String, String, bool)> {
    let last = meetings::series(p, &m.player).last().cloned();
    let negative = last.as_ref().is_some_and(|r| r.is_a_no());
    let against = matches!(m.read, Stance::Skeptical | Stance::Blocker);
    let clearly =
        m.read == Stance::Blocker || last.as_ref().is_some_and(|r| r.score <= CLEARLY_NEGATIVE);
    if !(negative || against) || cooling.contains(&m.player) {
        return None;
    }
    let why = match last.filter(|r| r.is_a_no()) {
        Some(r) if against => format!(
            "latest reception {} on {}, reads as {}",
            meetings::format_score(r.score),
            crate::model::core::format::day(r.date),
            m.read.label().to_lowercase()
        ),
        // "Against … reads as neutral" would contradict itself: the no is the latest
        // fact, the warmer reading is its history.
        Some(r) => format!(
            "latest reception {} on {}: a no, after warmer meetings that still leave the \
             overall reading at {}",
            meetings::format_score(r.score),
            crate::model::core::format::day(r.date),
            m.read.label().to_lowercase()
        ),
        None => format!("reads as {}", m.read.label().to_lowercase()),
    };
    Some((m.name.clone(), why, clearly))
}

/// The partner's signals on `today`, most severe first.
pub fn for_partner(ws: &Workspace, p: &Partner, today: NaiveDate) -> Vec<Signal> {
    evaluate(&facts(ws, p, today))
}

/// Why the partner's current ladder level is a standing risk: exclusive while our
/// leverage is below theirs or not assessed, or while the economics are unfavourable.
pub fn standing_risk(p: &Partner) -> Option<String> {
    if p.ladder != LadderLevel::Exclusive {
        return None;
    }
    let f = &p.fit;
    let mut why = Vec::new();
    match (f.our_leverage, f.their_leverage) {
        (Some(ours), Some(theirs)) if ours < theirs => {
            why.push(format!("our leverage ({ours}) is below theirs ({theirs})"))
        }
        (Some(_), Some(_)) => {}
        _ => why.push("leverage is not assessed on both sides".to_owned()),
    }
    if f.economics == Some(Economics::Unfavourable) {
        why.push("the economics are unfavourable for us".to_owned());
    }
    (!why.is_empty()).then(|| {
        format!(
            "Exclusive while {}: we are locked in on their terms. Build leverage or plan the way out.",
            why.join(" and ")
        )
    })
}
