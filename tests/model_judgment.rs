//! Judgment a partnerships lead would sign (docs/model/judgment.md): realistic partner
//! situations put through health, signals, the walk-away suggestion and the ability to
//! deliver, each with what an experienced lead concludes; and property tests of the
//! principles that can be stated as one.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::core::vocabulary::{
    CommitmentStatus, DecisionRole, GoalStatus, LadderLevel, Scale, Side,
};
use tandem::model::figures::health::{self, score, Band, Component, Factor, EVIDENCE_SHARE};
use tandem::model::figures::portfolio;
use tandem::model::figures::signals::{self, Kind, Owner, Severity, Signal};
use tandem::model::fit;
use tandem::model::goals::{self, Commitment, Goal};
use tandem::model::landing::LandingTrack;
use tandem::model::meetings::{Meeting, Reception};
use tandem::model::{Id, KeyPlayer, Partner, Stage, Stance, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn player(key: &str, role: DecisionRole, influence: u8, stance: Stance) -> KeyPlayer {
    let mut k = KeyPlayer::new(id(key), key, now());
    k.role = role;
    k.influence = influence;
    k.stance = stance;
    k
}

fn scale(v: i32) -> Scale {
    match v {
        -2 => Scale::StronglyNegative,
        -1 => Scale::Negative,
        0 => Scale::Neutral,
        1 => Scale::Positive,
        _ => Scale::StronglyPositive,
    }
}

/// A meeting `days` ago where each (player, [body, tone, reaction]) attended.
fn meeting(n: usize, days: i64, who: &[(&str, [i32; 3])]) -> Meeting {
    Meeting {
        attendees: who
            .iter()
            .map(|(p, [b, t, r])| Reception {
                player: id(p),
                body_language: scale(*b),
                tone: scale(*t),
                reaction: scale(*r),
                note: String::new(),
            })
            .collect(),
        ..Meeting::new(id(&format!("m{n}")), ago(days))
    }
}

fn goal(status: GoalStatus) -> Goal {
    Goal {
        id: id("g"),
        statement: "Grow together".into(),
        metric: String::new(),
        target: None,
        due: None,
        status,
    }
}

fn commitment(
    n: &str,
    side: Side,
    due_ago: i64,
    status: CommitmentStatus,
    delivered_ago: Option<i64>,
) -> Commitment {
    Commitment {
        owner: None,
        id: id(n),
        side,
        what: format!("item {n}"),
        due: ago(due_ago),
        status,
        delivered: delivered_ago.map(ago),
    }
}

/// A signed-and-landing partner in good standing: a champion met in meetings, a goal on
/// track, commitments kept, a landing plan half done on time.
fn landing_partner() -> Partner {
    let mut p = Partner::new(id("p"), "Partner", now() - Duration::days(400));
    p.stage = Stage::Landing;
    p.stage_since = Some(ago(60));
    p.key_players = vec![
        player("dm", DecisionRole::DecisionMaker, 5, Stance::Supportive),
        player("ch", DecisionRole::Champion, 3, Stance::Champion),
    ];
    p.meetings = vec![
        meeting(1, 80, &[("dm", [1, 1, 1]), ("ch", [2, 2, 2])]),
        meeting(2, 30, &[("dm", [1, 1, 1]), ("ch", [2, 2, 2])]),
    ];
    p.goals = vec![goal(GoalStatus::OnTrack)];
    p.commitments = vec![
        commitment(
            "a",
            Side::Partner,
            50,
            CommitmentStatus::Delivered,
            Some(51),
        ),
        commitment(
            "b",
            Side::Partner,
            20,
            CommitmentStatus::Delivered,
            Some(20),
        ),
    ];
    let mut t = LandingTrack::new(id("t"), None, "Sales");
    t.enabled.planned = Some(ago(40));
    t.enabled.done = Some(ago(41));
    t.launched.planned = Some(ago(-20));
    p.landing = vec![t];
    p.fit.our_leverage = Some(3);
    p.fit.their_leverage = Some(3);
    p.fit.strategic = Some(4);
    p
}

fn read(p: &Partner) -> portfolio::Reading {
    portfolio::reading(&Workspace::empty(), p, today())
}

fn kinds(s: &[Signal]) -> Vec<(Kind, Severity)> {
    s.iter().map(|s| (s.kind, s.severity)).collect()
}

fn has(s: &[Signal], kind: Kind) -> Option<Severity> {
    s.iter().find(|s| s.kind == kind).map(|s| s.severity)
}

#[test]
fn a_partner_in_good_standing_reads_healthy_and_quiet() {
    let r = read(&landing_partner());
    assert_eq!(r.health.band(), Band::Healthy, "{:?}", r.health);
    assert!(r.signals.is_empty(), "{:?}", kinds(&r.signals));
    assert!(r.walk_away.is_none());
}

// ----- Day one: what a lead saw on a fresh workspace ----------------------------------

/// Exclusive with our leverage 2 against their 5, a landing step 5 days late and a
/// decision maker who reacted negatively: a lead sees three things to act on, not
/// "No signals".
#[test]
fn day_one_exclusive_without_leverage_a_late_step_and_a_negative_decision_maker() {
    let mut p = landing_partner();
    p.ladder = LadderLevel::Exclusive;
    p.fit.our_leverage = Some(2);
    p.fit.their_leverage = Some(5);
    p.landing[0].launched.planned = Some(ago(5));
    p.meetings.push(meeting(3, 3, &[("dm", [0, 1, -2])]));
    let r = read(&p);
    let k = kinds(&r.signals);
    assert_eq!(
        has(&r.signals, Kind::StandingRisk),
        Some(Severity::Warning),
        "{k:?}"
    );
    assert_eq!(
        has(&r.signals, Kind::LandingBehind),
        Some(Severity::Warning),
        "{k:?}"
    );
    // The decision maker's clearly negative reaction after two positive meetings: one
    // severe people signal naming them (the fall, or their objection), not both.
    let people: Vec<&Signal> = r
        .signals
        .iter()
        .filter(|s| matches!(s.kind, Kind::ReceptionFalling | Kind::DecisionMakerAgainst))
        .collect();
    assert_eq!(people.len(), 1, "{k:?}");
    assert_eq!(people[0].severity, Severity::Severe);
    assert!(people[0].reason.contains("dm"));
    // Who acts: the ladder level is our choice; the late step and the objection are theirs.
    let owner = |kind| r.signals.iter().find(|s| s.kind == kind).unwrap().owner();
    assert_eq!(owner(Kind::StandingRisk), Owner::Ours);
    assert_eq!(owner(Kind::LandingBehind), Owner::Theirs);
    // One area (people) of severe trouble: not yet a reason to walk away.
    assert!(r.walk_away.is_none());
}

/// A clearly negative reaction with a polite tone is a "no", not "neutral".
#[test]
fn a_polite_no_reads_negative() {
    let r = Reception {
        player: id("x"),
        body_language: Scale::Neutral,
        tone: Scale::Positive,
        reaction: Scale::Negative,
        note: String::new(),
    };
    assert!(r.score() < -0.5, "{}", r.score());
    assert_eq!(
        tandem::model::meetings::read_stance(r.score()),
        Stance::Skeptical
    );
}

/// The reception trend needs two meetings of the same key player, and says so.
#[test]
fn one_meeting_is_not_a_trend_and_the_screen_says_two_are_needed() {
    let mut p = landing_partner();
    p.meetings.truncate(1);
    let c = &health::components(&Workspace::empty(), &p, today())[3];
    assert_eq!(c.factor, Factor::Reception);
    assert_eq!(c.value, None);
    assert!(c.detail.contains("two meetings"), "{}", c.detail);
}

/// One meeting says nothing about where the portfolio's effort goes.
#[test]
fn effort_on_incumbents_needs_enough_meetings() {
    let mut ws = Workspace::empty();
    let mut p = Partner::new(id("inc"), "Incumbent", now());
    p.stage = Stage::Pitching;
    p.position = Some(tandem::model::MarketPosition::Incumbent);
    p.meetings = vec![meeting(1, 10, &[])];
    ws.partners.push(p.into());
    let e = fit::incumbent_effort(&ws, today()).unwrap();
    assert!(!e.enough());
    assert!(!e.skewed(), "100 % from a single meeting is not a finding");
}

// ----- 5. Ours versus theirs ------------------------------------------------------------

#[test]
fn our_overdue_items_are_our_action_items_not_the_partners_risk() {
    let mut p = landing_partner();
    p.commitments.push(commitment(
        "us1",
        Side::Us,
        70,
        CommitmentStatus::Open,
        None,
    ));
    p.commitments.push(commitment(
        "us2",
        Side::Us,
        40,
        CommitmentStatus::Late,
        None,
    ));
    let before = read(&landing_partner());
    let r = read(&p);
    assert_eq!(
        r.health.score, before.health.score,
        "our lateness is not their health"
    );
    let ours: Vec<&Signal> = r
        .signals
        .iter()
        .filter(|s| s.owner() == Owner::Ours)
        .collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].kind, Kind::OurOverdue);
    assert_eq!(
        ours[0].severity,
        Severity::Severe,
        "70 days late is ours to fix now"
    );
    assert!(!r.signals.iter().any(|s| s.kind == Kind::Overdue));
    assert!(r.walk_away.is_none());
}

#[test]
fn walk_away_needs_two_areas_of_partner_trouble_and_says_why() {
    let mut p = landing_partner();
    // Delivery: three promises well over two weeks late.
    for n in ["x", "y", "z"] {
        p.commitments.push(commitment(
            n,
            Side::Partner,
            30,
            CommitmentStatus::Late,
            None,
        ));
    }
    let r = read(&p);
    assert!(
        r.walk_away.is_none(),
        "delivery alone: escalate, do not walk"
    );
    // People: the decision maker, who signed, now blocks it.
    p.meetings.push(meeting(3, 5, &[("dm", [-2, -2, -2])]));
    p.meetings.push(meeting(4, 2, &[("dm", [-2, -2, -2])]));
    let r = read(&p);
    let w = r.walk_away.expect("delivery and people");
    assert!(
        w.reason.contains("delivery") && w.reason.contains("people"),
        "{}",
        w.reason
    );
    assert_ne!(r.health.band(), Band::Healthy);
}

// ----- 3. Enough evidence before a verdict -----------------------------------------------

#[test]
fn a_pitching_partner_with_nothing_recorded_has_no_verdict_and_a_placeholder_goal_changes_nothing()
{
    let mut p = Partner::new(id("p"), "New", now());
    p.stage = Stage::Pitching;
    let h = read(&p).health;
    assert_eq!(h.band(), Band::Unknown);
    let why = h.not_enough().unwrap();
    assert!(why.contains("assess the deal's fit"), "{why}");
    p.goals.push(goal(GoalStatus::Open));
    assert_eq!(
        read(&p).health.band(),
        Band::Unknown,
        "one goal is 10 % of the weight"
    );
    // No goal while pitching is a nudge, not a zero.
    p.goals.clear();
    p.fit.strategic = Some(5);
    p.key_players
        .push(player("k", DecisionRole::Champion, 3, Stance::Champion));
    let h = read(&p).health;
    assert!(h.score.is_some());
    assert!(h.left_out().contains(&Factor::Goals));
}

#[test]
fn signed_a_month_ago_with_no_landing_plan_is_a_signal() {
    let mut p = landing_partner();
    p.stage = Stage::Signed;
    p.stage_since = Some(ago(30));
    p.landing.clear();
    let r = read(&p);
    assert_eq!(
        has(&r.signals, Kind::NoLandingPlan),
        Some(Severity::Warning)
    );
    p.stage_since = Some(ago(61));
    assert_eq!(
        has(&read(&p).signals, Kind::NoLandingPlan),
        Some(Severity::Severe)
    );
    // Just signed: give it two weeks.
    p.stage_since = Some(ago(7));
    assert_eq!(has(&read(&p).signals, Kind::NoLandingPlan), None);
}

// ----- 4. Proportion ---------------------------------------------------------------------

#[test]
fn a_partner_that_delivers_a_few_days_late_keeps_its_record() {
    let mut p = landing_partner();
    p.commitments = (1..=4)
        .map(|n| {
            commitment(
                &format!("c{n}"),
                Side::Partner,
                20 * n,
                CommitmentStatus::Delivered,
                Some(20 * n - n.min(3)),
            )
        })
        .collect();
    let rec = goals::delivery_record(&p.commitments, today());
    assert_eq!(rec.all_time, Some(1.0));
    assert!(!read(&p)
        .signals
        .iter()
        .any(|s| s.kind == Kind::PoorDelivery));
}

#[test]
fn a_reception_that_eases_but_stays_positive_is_at_most_a_warning() {
    let mut p = landing_partner();
    p.meetings = vec![
        meeting(1, 90, &[("dm", [2, 2, 2])]),
        meeting(2, 60, &[("dm", [2, 1, 2])]),
        meeting(3, 10, &[("dm", [1, 1, 1])]),
    ];
    let r = read(&p);
    assert_eq!(
        has(&r.signals, Kind::ReceptionFalling),
        Some(Severity::Warning),
        "{:?}",
        kinds(&r.signals)
    );
}

// ----- 6. One reading of people ----------------------------------------------------------

#[test]
fn a_champion_whose_receptions_collapsed_no_longer_counts_anywhere() {
    let mut p = landing_partner();
    p.meetings = vec![
        meeting(1, 90, &[("ch", [2, 2, 2]), ("dm", [1, 1, 1])]),
        meeting(2, 60, &[("ch", [-1, -1, -1]), ("dm", [1, 1, 1])]),
        meeting(3, 10, &[("ch", [-2, -2, -2]), ("dm", [1, 1, 1])]),
    ];
    let r = read(&p);
    assert!(
        r.signals.iter().any(|s| s.kind == Kind::NoChampion),
        "{:?}",
        kinds(&r.signals)
    );
    let before = fit::ability_to_deliver(&landing_partner(), today())
        .score
        .unwrap();
    let after = fit::ability_to_deliver(&p, today()).score.unwrap();
    assert!(
        after < before,
        "ability reads the same stances: {before} → {after}"
    );
}

#[test]
fn a_decision_maker_never_met_is_unverified() {
    let mut p = landing_partner();
    p.stage = Stage::Negotiating;
    p.key_players[0].stance = Stance::Champion;
    p.meetings.retain(|_| false);
    p.meetings.push(meeting(1, 20, &[("ch", [2, 2, 2])]));
    let r = read(&p);
    assert_eq!(
        has(&r.signals, Kind::DecisionMakerUnmet),
        Some(Severity::Warning)
    );
    let a = fit::ability_to_deliver(&p, today());
    assert!(
        a.reasons
            .iter()
            .any(|x| x.starts_with("Unverified, never met in a logged meeting: dm.")),
        "{:?}",
        a.reasons
    );
    // Met and received as warmly as recorded, the same decision maker counts in full.
    let mut met = p.clone();
    met.meetings.push(meeting(2, 5, &[("dm", [2, 2, 2])]));
    let b = fit::ability_to_deliver(&met, today());
    assert!(a.score < b.score, "{:?} vs {:?}", a.score, b.score);
    // The fit calls for care, naming the decision maker; met, it does not.
    p.fit.ux = Some(tandem::model::UxVerdict::Right);
    p.fit.economics = Some(tandem::model::Economics::Favourable);
    p.fit.market_understood = Some(true);
    met.fit = p.fit.clone();
    let r = fit::recommendation(&p, today());
    assert_eq!(r.verdict, fit::Verdict::PursueWithCare, "{:?}", r.reasons);
    assert!(r.reasons[0].starts_with("Decision maker never met in a logged meeting: dm."));
    assert_eq!(
        fit::recommendation(&met, today()).verdict,
        fit::Verdict::Pursue
    );
    // Before negotiating, not yet a signal nor a reason for care.
    p.stage = Stage::Pitching;
    assert_eq!(has(&read(&p).signals, Kind::DecisionMakerUnmet), None);
    assert_eq!(
        fit::recommendation(&p, today()).verdict,
        fit::Verdict::Pursue
    );
}

/// Pacewell in the demo: researching, the user experience right and a strategic fit of 4,
/// two people known — the decision maker (influence 5) met and neutral, and the only
/// supporter a colleague of influence 2 nobody has met. A lead: "promising on paper, but
/// nobody who can move it is for us yet: watch it." The ability to deliver is low and a
/// warning says so; health called it Healthy (71) beside them, because support ignored
/// who the supporters are. Now the support counts as far as the strongest backer reaches.
#[test]
fn a_promising_fit_backed_only_by_someone_who_cannot_carry_it_is_watch_not_healthy() {
    let mut p = Partner::new(id("p"), "Pacewell", now() - Duration::days(30));
    p.stage = Stage::Research;
    p.stage_since = Some(ago(12));
    p.fit.ux = Some(tandem::model::UxVerdict::Right);
    p.fit.strategic = Some(4);
    p.key_players = vec![
        player("dm", DecisionRole::DecisionMaker, 5, Stance::Neutral),
        player("pm", DecisionRole::Influencer, 2, Stance::Supportive),
    ];
    p.meetings = vec![meeting(1, 10, &[("dm", [0, 0, 0])])];
    let r = read(&p);
    assert_eq!(r.health.band(), Band::Watch, "{:?}", r.health);
    assert_eq!(r.health.score, Some(60), "{:?}", r.health);
    assert_eq!(has(&r.signals, Kind::LowInfluence), Some(Severity::Warning));
    assert_eq!(
        fit::recommendation(&p, today()).verdict,
        fit::Verdict::PursueWithCare
    );
    // The same partner once its supporter is a champion of influence 5 someone has met:
    // healthy, and no warning.
    let mut backed = p.clone();
    backed.key_players[1].influence = 5;
    backed.key_players[1].stance = Stance::Champion;
    backed.meetings.push(meeting(2, 5, &[("pm", [2, 2, 2])]));
    let r = read(&backed);
    assert_eq!(r.health.band(), Band::Healthy, "{:?}", r.health);
    assert_eq!(has(&r.signals, Kind::LowInfluence), None);
}

// ----- 7. Landing judged against its plan -------------------------------------------------

#[test]
fn steps_planned_for_next_month_are_not_a_stall() {
    let mut p = landing_partner();
    p.stage_since = Some(ago(200));
    let mut t = LandingTrack::new(id("t"), None, "Japan");
    t.enabled.planned = Some(ago(-30));
    t.launched.planned = Some(ago(-60));
    p.landing = vec![t];
    let r = read(&p);
    assert_eq!(
        has(&r.signals, Kind::LandingStalled),
        None,
        "{:?}",
        kinds(&r.signals)
    );
    assert_eq!(has(&r.signals, Kind::LandingBehind), None);
    // Once the first date has passed by more than two weeks, it is a stall: a warning,
    // severe once the step is more than a month late.
    p.landing[0].enabled.planned = Some(ago(20));
    assert_eq!(
        has(&read(&p).signals, Kind::LandingStalled),
        Some(Severity::Warning)
    );
    p.landing[0].enabled.planned = Some(ago(31));
    assert_eq!(
        has(&read(&p).signals, Kind::LandingStalled),
        Some(Severity::Severe)
    );
}

/// Live for ten months with a Sales track planned and done, and then Japan added to
/// the plan today with no dates yet: a lead says "the plan has a new market", not
/// "landing stalled, no step done in 300 days". The track was added today, so it
/// cannot have gone quiet; two months on with still no date, it has.
#[test]
fn a_track_added_today_without_dates_has_not_stalled() {
    let mut ws = Workspace::empty();
    let mut p = landing_partner();
    p.stage = Stage::Live;
    p.stage_since = Some(ago(300));
    let mut sales = LandingTrack::new(id("t-sales"), None, "Sales");
    for (step, day) in [(0, 290), (1, 250), (2, 200)] {
        let s = match step {
            0 => &mut sales.enabled,
            1 => &mut sales.launched,
            _ => &mut sales.adopted,
        };
        s.planned = Some(ago(day));
        s.done = Some(ago(day));
    }
    p.landing = vec![sales];
    ws.partners.push(p.into());
    let japan = LandingTrack::new(id("t-jp"), None, "Japan sales");
    assert_eq!(
        tandem::model::landing::save_track(&mut ws, &id("p"), japan, now()),
        Ok(true)
    );
    let p = &ws.partners[0];
    assert_eq!(
        p.landing[1].added,
        Some(today()),
        "the day it joined the plan"
    );
    let r = portfolio::reading(&ws, p, today());
    assert_eq!(
        has(&r.signals, Kind::LandingStalled),
        None,
        "{:?}",
        kinds(&r.signals)
    );
    // Sixty-one days later, still no date: now it is quiet, and said so.
    let later = today() + Duration::days(61);
    let r = portfolio::reading(&ws, p, later);
    assert_eq!(
        has(&r.signals, Kind::LandingStalled),
        Some(Severity::Warning),
        "{:?}",
        kinds(&r.signals)
    );
    // A track from a file written before `added` existed reads from the partner's stage
    // date, as before: quiet for 200 days, stalled.
    let mut old: Partner = (*ws.partners[0]).clone();
    old.landing[1].added = None;
    assert!(has(&read(&old).signals, Kind::LandingStalled).is_some());
}

// ----- Nobody known at the partner -------------------------------------------------------

/// Two partners signed 40 days ago with the same deal, goal, commitments kept and a
/// landing plan on time. At one we know two people and both read as skeptical; at the
/// other we have recorded nobody. Before, the unknown one read better (83, Healthy,
/// "no key players recorded" as a warning, the fit "pursue") than the known-bad one.
/// A lead: "we cannot judge buy-in at a partner where we know no one — that is a
/// serious gap, not good news". No verdict, the reason and the next step, a severe
/// action item on our side, and never a verdict above the known-bad partner's.
#[test]
fn a_partner_with_nobody_recorded_gets_no_verdict_and_a_severe_action_item() {
    let mut known_bad = landing_partner();
    known_bad.stage = Stage::Signed;
    known_bad.stage_since = Some(ago(40));
    known_bad.fit.ux = Some(tandem::model::core::vocabulary::UxVerdict::Right);
    known_bad.fit.economics = Some(tandem::model::core::vocabulary::Economics::Favourable);
    known_bad.fit.market_understood = Some(true);
    known_bad.key_players = vec![
        player("dm", DecisionRole::DecisionMaker, 4, Stance::Skeptical),
        player("ops", DecisionRole::OnTheGround, 3, Stance::Skeptical),
    ];
    known_bad.meetings = vec![
        meeting(1, 80, &[("dm", [0, 0, -1]), ("ops", [0, 0, 0])]),
        meeting(2, 30, &[("dm", [0, 0, -1]), ("ops", [-1, 0, 0])]),
    ];
    let mut unknown = known_bad.clone();
    unknown.key_players.clear();
    unknown.meetings.clear();

    let bad = read(&known_bad);
    let r = read(&unknown);
    assert!(bad.health.score.is_some(), "{:?}", bad.health);
    assert_eq!(
        r.health.score, None,
        "no verdict without the people: {:?}",
        r.health
    );
    assert_eq!(r.health.band(), Band::Unknown);
    let why = r.health.not_enough().unwrap_or_default();
    assert!(why.contains("no key players are recorded"), "{why}");
    assert!(why.contains("record who decides"), "{why}");
    assert_eq!(r.health.next_to_record().first(), Some(&Factor::Support));

    // The signal: severe, ours, people; not the milder "no champion".
    let s = r.signals.iter().find(|s| s.kind == Kind::NoKeyPlayers);
    let s = s.unwrap_or_else(|| panic!("{:?}", kinds(&r.signals)));
    assert_eq!(s.severity, Severity::Severe);
    assert_eq!(s.owner(), Owner::Ours, "recording who decides is our work");
    assert!(s.reason.contains("Record who decides"), "{}", s.reason);
    assert_eq!(has(&r.signals, Kind::NoChampion), None);
    assert!(
        r.walk_away.is_none(),
        "not knowing anyone is no reason to leave"
    );
    // Never milder than the known-bad partner's worst people signal.
    let worst_bad = bad
        .signals
        .iter()
        .filter(|s| s.area() == signals::Area::People)
        .map(|s| s.severity)
        .max();
    assert!(Some(s.severity) >= worst_bad, "{:?}", kinds(&bad.signals));

    // The fit waits for the people rather than recommending on the deal's terms alone.
    let rec = fit::recommendation(&unknown, today());
    assert_eq!(rec.verdict, fit::Verdict::NotAssessed, "{:?}", rec.reasons);
    assert!(
        rec.reasons.iter().any(|x| x.contains("record who decides")),
        "{:?}",
        rec.reasons
    );
    assert_eq!(
        fit::recommendation(&known_bad, today()).verdict,
        fit::Verdict::PursueWithCare
    );
    // A delivery record alone is not an ability to deliver.
    assert_eq!(fit::ability_to_deliver(&unknown, today()).score, None);

    // Severity follows the size of the fact: a note in research, a warning while
    // pitching, severe from negotiating on.
    for (stage, severity) in [
        (Stage::Research, Severity::Info),
        (Stage::Pitching, Severity::Warning),
        (Stage::Negotiating, Severity::Severe),
        (Stage::Live, Severity::Severe),
    ] {
        unknown.stage = stage;
        assert_eq!(
            has(&read(&unknown).signals, Kind::NoKeyPlayers),
            Some(severity),
            "{stage:?}"
        );
    }
}

// ----- 8. Standing risks stay visible -------------------------------------------------------

#[test]
fn exclusive_without_leverage_keeps_a_standing_risk() {
    let mut p = landing_partner();
    p.ladder = LadderLevel::Exclusive;
    p.fit.our_leverage = Some(2);
    p.fit.their_leverage = Some(4);
    assert_eq!(
        has(&read(&p).signals, Kind::StandingRisk),
        Some(Severity::Warning)
    );
    p.fit.our_leverage = Some(4);
    assert_eq!(has(&read(&p).signals, Kind::StandingRisk), None);
}

// ----- Every kind has a stable key, an owner and an area --------------------------------------

#[test]
fn every_kind_has_a_stable_snake_case_key() {
    let mut keys: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
    for k in &keys {
        assert!(k.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{k}");
    }
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), Kind::ALL.len());
}

// ----- Properties -------------------------------------------------------------------------

fn any_stage() -> impl Strategy<Value = Stage> {
    (0..Stage::ALL.len()).prop_map(|i| Stage::ALL[i])
}

proptest! {
    #![proptest_config(common::fast_config(200))]

    /// Adding our own overdue commitment never lowers health nor triggers walk-away.
    #[test]
    fn our_own_overdue_commitment_never_lowers_health_nor_triggers_walk_away(
        stage in any_stage(),
        late in 1i64..400,
        marked in any::<bool>(),
        theirs_late in proptest::collection::vec(1i64..200, 0..4),
        dm_reaction in -2i32..=2,
    ) {
        let mut p = landing_partner();
        p.stage = stage;
        for (i, d) in theirs_late.iter().enumerate() {
            p.commitments.push(commitment(&format!("t{i}"), Side::Partner, *d, CommitmentStatus::Open, None));
        }
        p.meetings.push(meeting(9, 1, &[("dm", [dm_reaction, dm_reaction, dm_reaction])]));
        let before = read(&p);
        let status = if marked { CommitmentStatus::Late } else { CommitmentStatus::Open };
        p.commitments.push(commitment("ours", Side::Us, late, status, None));
        let after = read(&p);
        prop_assert_eq!(after.health.score, before.health.score);
        prop_assert_eq!(after.health.band(), before.health.band());
        prop_assert!(before.walk_away.is_some() || after.walk_away.is_none());
        let theirs = |r: &portfolio::Reading| -> Vec<Signal> {
            r.signals.iter().filter(|s| s.owner() == Owner::Theirs).cloned().collect()
        };
        prop_assert_eq!(theirs(&after), theirs(&before));
    }

    /// A later but delivered commitment never scores below an undelivered one, and a
    /// later delivery never scores above an earlier one.
    #[test]
    fn a_late_delivery_never_scores_below_none_nor_above_an_earlier_one(
        due in 1i64..300, late in 0i64..400, later in 0i64..100,
    ) {
        let delivered = |d: i64| commitment("k", Side::Partner, due + d, CommitmentStatus::Delivered, Some(due));
        let never = commitment("k", Side::Partner, due, CommitmentStatus::Late, None);
        prop_assert!(goals::credit(&delivered(late)) > goals::credit(&never));
        prop_assert!(goals::credit(&delivered(late + later)) <= goals::credit(&delivered(late)));
    }

    /// Delivering an overdue commitment, however late, never lowers the partner's
    /// delivery component nor raises its worst delivery signal: delivered late is
    /// always better than not delivered.
    #[test]
    fn delivering_late_never_reads_worse_than_not_delivering(
        stage in any_stage(),
        others in proptest::collection::vec((1i64..200, 0i64..60, any::<bool>()), 0..6),
        due in 5i64..300,
        late_by in 0i64..300,
    ) {
        let mut p = landing_partner();
        p.stage = stage;
        for (i, (d, l, delivered)) in others.iter().enumerate() {
            let k = if *delivered {
                commitment(&format!("o{i}"), Side::Partner, *d, CommitmentStatus::Delivered, Some((*d - *l).max(0)))
            } else {
                commitment(&format!("o{i}"), Side::Partner, *d, CommitmentStatus::Open, None)
            };
            p.commitments.push(k);
        }
        p.commitments.push(commitment("x", Side::Partner, due, CommitmentStatus::Open, None));
        let before = read(&p);
        // Delivered at most today: `late_by` days after its due date, capped at today.
        let delivered_ago = (due - late_by).max(0);
        p.commitments.pop();
        p.commitments.push(commitment("x", Side::Partner, due, CommitmentStatus::Delivered, Some(delivered_ago)));
        let after = read(&p);
        let delivery = |r: &portfolio::Reading| {
            r.health.parts.iter().find(|x| x.factor == Factor::Delivery).and_then(|x| x.value)
        };
        if let (Some(b), Some(a)) = (delivery(&before), delivery(&after)) {
            prop_assert!(a >= b - 1e-12, "{} < {}", a, b);
        }
        let worst = |r: &portfolio::Reading| {
            r.signals
                .iter()
                .filter(|s| s.owner() == Owner::Theirs && s.area() == signals::Area::Delivery)
                .filter(|s| matches!(s.kind, Kind::Overdue | Kind::PoorDelivery))
                .map(|s| s.severity)
                .max()
        };
        prop_assert!(worst(&after) <= worst(&before), "{:?} > {:?}", worst(&after), worst(&before));
    }

    /// A severe risk on the partner's side never shows beside a Healthy band; our own
    /// severe items never hold the band down.
    #[test]
    fn a_severe_partner_risk_never_shows_beside_healthy(
        stage in any_stage(),
        theirs_late in proptest::collection::vec(1i64..200, 0..5),
        ours_late in proptest::collection::vec(1i64..200, 0..5),
        step_late in proptest::option::of(-30i64..200),
        dm_reaction in -2i32..=2,
    ) {
        let mut p = landing_partner();
        p.stage = stage;
        for (i, d) in theirs_late.iter().enumerate() {
            p.commitments.push(commitment(&format!("t{i}"), Side::Partner, *d, CommitmentStatus::Open, None));
        }
        for (i, d) in ours_late.iter().enumerate() {
            p.commitments.push(commitment(&format!("u{i}"), Side::Us, *d, CommitmentStatus::Open, None));
        }
        if let Some(d) = step_late {
            let mut t = LandingTrack::new(id("t-late"), None, "Support");
            t.enabled.planned = Some(ago(d));
            p.landing.push(t);
        }
        p.meetings.push(meeting(9, 1, &[("dm", [dm_reaction, dm_reaction, dm_reaction])]));
        let r = read(&p);
        let severe_theirs = r
            .signals
            .iter()
            .any(|s| s.severity == Severity::Severe && s.owner() == Owner::Theirs);
        if severe_theirs {
            prop_assert_ne!(r.health.band(), Band::Healthy, "{:?}", kinds(&r.signals));
            prop_assert!(r.health.capped.is_some() || r.health.score_band() != Band::Healthy);
        } else {
            prop_assert!(r.health.capped.is_none());
            prop_assert_eq!(r.health.band(), r.health.score_band());
        }
        // The band's words never give a range the score beside them is outside of.
        if r.health.capped.is_some() {
            prop_assert_eq!(r.health.band_label(), "Watch (held from Healthy)");
        } else {
            prop_assert_eq!(r.health.band_label(), r.health.band().label());
        }
        // The walk-away suggestion reads the score's own band, never the held one.
        if r.walk_away.is_some() {
            prop_assert_ne!(r.health.score_band(), Band::Healthy);
        }
    }

    /// Health is "not enough data" exactly below the evidence threshold.
    #[test]
    fn health_has_no_verdict_below_the_evidence_threshold(
        present in proptest::collection::vec(any::<bool>(), 8),
        values in proptest::collection::vec(0.0f64..=1.0, 8),
        stage in any_stage(),
    ) {
        let components: Vec<Component> = Factor::ALL
            .iter()
            .zip(present.iter().zip(&values))
            .map(|(f, (p, v))| Component::new(*f, p.then_some(*v), ""))
            .collect();
        let h = score(&components, stage);
        let carried: f64 = Factor::ALL
            .iter()
            .zip(&present)
            .filter(|(_, p)| **p)
            .map(|(f, _)| health::stage_weight(stage, *f))
            .sum();
        prop_assert_eq!(h.score.is_some(), carried >= EVIDENCE_SHARE - 1e-9);
        if h.score.is_none() {
            prop_assert!(h.not_enough().is_some());
            prop_assert!(!h.next_to_record().is_empty());
        }
    }

    /// Walk-away is never suggested for a Healthy partner, and never on our own items.
    #[test]
    fn walk_away_never_for_healthy_nor_on_our_items(
        picks in proptest::collection::vec((0..Kind::ALL.len(), 0..3usize), 0..10),
        stage in any_stage(),
    ) {
        let sev = [Severity::Info, Severity::Warning, Severity::Severe];
        let list: Vec<Signal> = picks
            .iter()
            .map(|(k, s)| Signal { kind: Kind::ALL[*k], severity: sev[*s], reason: String::new() })
            .collect();
        prop_assert!(signals::walk_away(&list, stage, Band::Healthy).is_none());
        let theirs: Vec<Signal> = list.iter().filter(|s| s.owner() == Owner::Theirs).cloned().collect();
        prop_assert_eq!(
            signals::walk_away(&list, stage, Band::AtRisk).is_some(),
            signals::walk_away(&theirs, stage, Band::AtRisk).is_some()
        );
    }
}

/// "N of M partners need attention" counts partners with a warning or worse: a partner
/// whose only signal is an info note (a nudge while pitching) does not need attention.
#[test]
fn partners_with_only_info_notes_do_not_count_as_needing_attention() {
    let ws = tandem::model::demo::workspace(now());
    let readings = portfolio::readings(&ws, today());
    let rows = portfolio::rows(&readings);
    let info_only = rows.iter().filter(|r| r.worst == Severity::Info).count();
    let budget = portfolio::budget(&rows);
    assert_eq!(budget.partners, rows.len() - info_only);
    assert!(budget.partners_severe <= budget.partners);
    // The rule itself, on a row made to carry an info note only.
    let mut only_info = rows[0].clone();
    only_info.worst = Severity::Info;
    assert_eq!(portfolio::budget(&[only_info]).partners, 0);
}

/// A partner scoring 70 or more but held at Watch is named under the distribution, so
/// the Watch bar's "(40–69)" beside their score reads as a rule, not a mistake. The demo
/// holds one (Hearthpod: a severe partner risk at a Healthy score).
#[test]
fn the_distribution_names_partners_held_at_watch() {
    let ws = tandem::model::demo::workspace(now());
    let readings = portfolio::readings(&ws, today());
    let held = portfolio::held_at_watch(&readings);
    assert!(!held.is_empty(), "the demo shows a held band");
    for name in &held {
        let r = readings
            .iter()
            .find(|r| &r.name == name)
            .expect("a reading");
        assert_eq!(r.health.band(), Band::Watch);
        assert!(r.health.score.is_some_and(|s| s >= 70), "{name}");
        assert!(r.health.capped.is_some());
    }
    // Every other partner in Watch scores 40–69.
    for r in readings.iter().filter(|r| !held.contains(&r.name)) {
        if r.health.band() == Band::Watch {
            assert!(r.health.score.is_some_and(|s| (40..70).contains(&s)));
        }
    }
    let note = portfolio::held_note(&readings).expect("a note");
    assert!(note.starts_with(&held[0]), "{note}");
    if held.len() == 1 {
        let r = readings
            .iter()
            .find(|r| r.name == held[0])
            .expect("a reading");
        let score = r.health.score.expect("a score");
        assert!(
            note.contains(&format!("scores {score}, in the Healthy range")),
            "{note}"
        );
    }
    assert!(
        note.contains("counted in Watch while a severe partner risk stands"),
        "{note}"
    );
    // Walked away: no longer counted, so no longer named.
    let mut ws = ws;
    for p in ws.partners.iter_mut() {
        if held.contains(&p.name) {
            p.stage = Stage::WalkedAway;
        }
    }
    let readings = portfolio::readings(&ws, today());
    assert_eq!(portfolio::held_note(&readings), None);
}

/// The note's wording for one, three and more held partners.
#[test]
fn the_held_note_names_up_to_three_partners_and_counts_more() {
    let mut p = landing_partner();
    p.commitments.clear();
    let base = read(&p);
    let held = |name: &str| {
        let mut r = base.clone();
        r.name = name.to_owned();
        r.health.score = Some(75);
        r.health
            .cap("Held at Watch while a severe partner risk stands: landing stalled.");
        r
    };
    assert_eq!(
        portfolio::held_note(&[held("Zeta")]).as_deref(),
        Some("Zeta scores 75, in the Healthy range, but is counted in Watch while a severe partner risk stands (its Health tab says which).")
    );
    let three = [held("b"), held("A"), held("c")];
    assert!(portfolio::held_note(&three)
        .unwrap()
        .starts_with("A, b and c score 70 or more but are"));
    let four = [held("a"), held("b"), held("c"), held("d")];
    assert!(portfolio::held_note(&four)
        .unwrap()
        .starts_with("4 partners score 70 or more but are"));
}

// ----- Properties of one reading of people ----------------------------------------------

/// Key players "k0", "k1", … from (role, influence 1–5, stance), and a partner in
/// `stage` holding them, fully assessed so that only the people decide the verdict.
fn people_partner(players: &[(usize, u8, usize)], stage: Stage) -> Partner {
    let mut p = landing_partner();
    p.stage = stage;
    p.commitments.clear();
    p.meetings.clear();
    p.key_players = players
        .iter()
        .enumerate()
        .map(|(i, (role, influence, stance))| {
            player(
                &format!("k{i}"),
                DecisionRole::ALL[*role],
                *influence,
                Stance::ALL[*stance],
            )
        })
        .collect();
    p.fit.ux = Some(tandem::model::UxVerdict::Right);
    p.fit.economics = Some(tandem::model::Economics::Favourable);
    p.fit.market_understood = Some(true);
    p
}

fn any_players() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    proptest::collection::vec(
        (0..DecisionRole::ALL.len(), 1u8..=5, 0..Stance::ALL.len()),
        1..5,
    )
}

fn ability(p: &Partner) -> f64 {
    fit::ability_to_deliver(p, today()).score.unwrap_or(0.0)
}

fn support(p: &Partner) -> f64 {
    health::components(&Workspace::empty(), p, today())
        .into_iter()
        .find(|c| c.factor == Factor::Support)
        .and_then(|c| c.value)
        .unwrap_or(0.0)
}

/// The (up to) three readings of a reception, −2 … +2 each.
fn any_reading() -> impl Strategy<Value = [i32; 3]> {
    [-2i32..=2, -2i32..=2, -2i32..=2]
}

/// A decision maker whose reaction was negative in an otherwise warm meeting said no
/// (a polite tone does not average a no away): the signal names them, and the Fit tab
/// names the same person, both asking `Reading::is_a_no`.
#[test]
fn a_polite_no_from_a_decision_maker_is_read_alike_by_the_signal_and_the_fit() {
    let mut p = people_partner(&[(0, 5, 2)], Stage::Negotiating);
    p.fit.strategic = Some(4);
    p.fit.our_leverage = Some(3);
    p.fit.their_leverage = Some(3);
    p.meetings.push(meeting(0, 40, &[("k0", [1, 1, 1])]));
    // Warm body language and tone, a negative reaction: a no (points −2, reception −0.7).
    p.meetings.push(meeting(1, 5, &[("k0", [2, 2, -1])]));
    let last = tandem::model::meetings::series(&p, &id("k0"))
        .pop()
        .unwrap();
    assert!(last.is_a_no() && last.score < 0.0, "{last:?}");
    let signal = signals::for_partner(&Workspace::empty(), &p, today())
        .into_iter()
        .find(|s| s.kind == Kind::DecisionMakerAgainst)
        .expect("the signal names the decision maker");
    let rec = fit::recommendation(&p, today());
    let named = rec
        .reasons
        .iter()
        .find(|r| r.starts_with("Against it and able to stop it"))
        .unwrap_or_else(|| panic!("{} / {:?}", signal.reason, rec.reasons));
    assert!(named.contains("k0 ("), "{named}");
    assert_ne!(rec.verdict, fit::Verdict::Pursue);
}

proptest! {
    #![proptest_config(common::fast_config(300))]

    /// Forgetting everyone at a partner never reads better than knowing them, whoever
    /// they are: with the key players removed there is no health band, the fit does not
    /// say "pursue", and the people signal is at least as severe as the worst one the
    /// recorded people raised (from Negotiating on).
    #[test]
    fn knowing_nobody_never_reads_better_than_knowing_anyone(
        players in any_players(),
        stage in prop_oneof![Just(Stage::Negotiating), Just(Stage::Signed), Just(Stage::Live)],
    ) {
        let known = people_partner(&players, stage);
        let mut unknown = known.clone();
        unknown.key_players.clear();
        let r = read(&unknown);
        prop_assert_eq!(r.health.band(), Band::Unknown);
        prop_assert_ne!(fit::recommendation(&unknown, today()).verdict, fit::Verdict::Pursue);
        let people = |s: &[Signal]| s.iter()
            .filter(|s| s.area() == signals::Area::People)
            .map(|s| s.severity)
            .max();
        prop_assert!(people(&r.signals) >= people(&read(&known).signals));
    }

    /// A key player nobody has met never counts for more than the same key player met in
    /// meetings that confirm their recorded stance: not in the ability to deliver, not in
    /// health's support, not in the ladder's backers, and the fit is at least as cautious.
    #[test]
    fn a_never_met_key_player_never_counts_more_than_a_met_one_with_the_same_stance(
        players in any_players(),
        pick in 0usize..5,
        others in proptest::collection::vec(any_reading(), 0..4),
        stage in any_stage(),
    ) {
        let mut unmet = people_partner(&players, stage);
        let k = pick % players.len();
        let key = format!("k{k}");
        // The others' receptions are the same on both sides.
        for (n, r) in others.iter().enumerate() {
            let who = format!("k{}", (k + 1 + n) % players.len());
            if who != key {
                unmet.meetings.push(meeting(n, 200 - n as i64, &[(who.as_str(), *r)]));
            }
        }
        let mut met = unmet.clone();
        let v = tandem::model::meetings::stance_value(unmet.key_players[k].stance);
        met.meetings.push(meeting(9, 5, &[(key.as_str(), [v, v, v])]));
        prop_assert!(ability(&unmet) <= ability(&met) + 1e-12,
            "{} > {}", ability(&unmet), ability(&met));
        prop_assert!(support(&unmet) <= support(&met) + 1e-12);
        let verdict = |p: &Partner| fit::recommendation(p, today()).verdict;
        if verdict(&unmet) == fit::Verdict::Pursue {
            prop_assert_eq!(verdict(&met), fit::Verdict::Pursue);
        }
        let backed = |p: &Partner| {
            fit::ladder::rungs(p, today())
                .into_iter()
                .flat_map(|r| r.needs)
                .filter(|n| n.text.contains("backer") || n.text.contains("supportive"))
                .map(|n| n.met)
                .collect::<Vec<_>>()
        };
        for (a, b) in backed(&unmet).into_iter().zip(backed(&met)) {
            prop_assert!(a <= b, "{:?} vs {:?}", a, b);
        }
    }

    /// The Fit tab and the Signals never contradict each other about a decision maker:
    /// whenever a signal says a decision maker is against it, the recommendation is not
    /// a plain "pursue" and names them; a severe one never sits beside "strong ability".
    #[test]
    fn a_decision_maker_against_it_never_sits_beside_pursue(
        players in any_players(),
        log in proptest::collection::vec((0usize..5, 1i64..300, any_reading()), 0..6),
        stage in any_stage(),
    ) {
        let mut p = people_partner(&players, stage);
        p.fit.strategic = Some(4);
        p.fit.our_leverage = Some(3);
        p.fit.their_leverage = Some(3);
        for (n, (who, days, r)) in log.iter().enumerate() {
            let who = format!("k{}", who % players.len());
            p.meetings.push(meeting(n, *days, &[(who.as_str(), *r)]));
        }
        let ws = Workspace::empty();
        let against = signals::for_partner(&ws, &p, today())
            .into_iter()
            .find(|s| s.kind == Kind::DecisionMakerAgainst);
        let rec = fit::recommendation(&p, today());
        if let Some(s) = against {
            prop_assert_ne!(rec.verdict, fit::Verdict::Pursue, "{} / {:?}", s.reason, rec.reasons);
            let named = rec
                .reasons
                .iter()
                .find(|r| r.starts_with("Against it and able to stop it"))
                .cloned()
                .unwrap_or_default();
            for m in tandem::model::meetings::map(&p)
                .into_iter()
                .filter(|m| m.role == DecisionRole::DecisionMaker && s.reason.contains(&format!("{} (", m.name)))
            {
                prop_assert!(named.contains(&format!("{} (", m.name)), "{} / {}", s.reason, named);
            }
            prop_assert!(!rec.reasons.iter().any(|r| r.contains("Strong ability")), "{:?}", rec.reasons);
        }
    }

    /// A colder reception never raises the ability to deliver nor health's support:
    /// lowering any one reading of any reception in the log never raises either.
    #[test]
    fn a_colder_reception_never_raises_ability_nor_support(
        players in any_players(),
        log in proptest::collection::vec((0usize..5, 1i64..300, any_reading()), 1..8),
        pick in 0usize..8,
        which in 0usize..3,
        stage in any_stage(),
    ) {
        let mut p = people_partner(&players, stage);
        for (n, (who, days, r)) in log.iter().enumerate() {
            let who = format!("k{}", who % players.len());
            p.meetings.push(meeting(n, *days, &[(who.as_str(), *r)]));
        }
        let before = (ability(&p), support(&p));
        let m = pick % p.meetings.len();
        let r = &mut p.meetings[m].attendees[0];
        let reading = match which {
            0 => r.body_language,
            1 => r.tone,
            _ => r.reaction,
        };
        let lower = match reading {
            Scale::StronglyPositive => Scale::Positive,
            Scale::Positive => Scale::Neutral,
            Scale::Neutral => Scale::Negative,
            _ => Scale::StronglyNegative,
        };
        match which {
            0 => r.body_language = lower,
            1 => r.tone = lower,
            _ => r.reaction = lower,
        }
        let after = (ability(&p), support(&p));
        prop_assert!(after.0 <= before.0 + 1e-12, "ability {} → {}", before.0, after.0);
        prop_assert!(after.1 <= before.1 + 1e-12, "support {} → {}", before.1, after.1);
    }

    /// Receptions that keep falling never raise the ability to deliver: once a key player
    /// has been met, each further meeting received no better than the last never raises
    /// it (nor health's support).
    #[test]
    fn falling_receptions_never_raise_ability(
        players in any_players(),
        pick in 0usize..5,
        mut series in proptest::collection::vec(any_reading(), 2..7),
        stage in any_stage(),
    ) {
        let base = people_partner(&players, stage);
        let key = format!("k{}", pick % players.len());
        let points = |r: &[i32; 3]| tandem::model::meetings::points(&Reception {
            player: id("x"),
            body_language: scale(r[0]),
            tone: scale(r[1]),
            reaction: scale(r[2]),
            note: String::new(),
        });
        // Warmest first: each reception no better than the one before.
        series.sort_by_key(|r| std::cmp::Reverse(points(r)));
        let upto = |n: usize| {
            let mut p = base.clone();
            for (i, r) in series.iter().take(n).enumerate() {
                p.meetings.push(meeting(i, 100 - i as i64, &[(key.as_str(), *r)]));
            }
            p
        };
        for n in 1..series.len() {
            let (a, b) = (upto(n), upto(n + 1));
            prop_assert!(ability(&b) <= ability(&a) + 1e-12,
                "after {} meetings {} → {}", n, ability(&a), ability(&b));
            prop_assert!(support(&b) <= support(&a) + 1e-12);
        }
    }
}

/// "Decision maker against … reads as neutral" says two things at once: when the stance
/// as read is not against, the reason says the latest no is newer than the warmer history,
/// in the signal and in the Fit tab's care reason alike (Loopline's Dana Whitlock).
#[test]
fn a_decision_maker_against_never_reads_as_neutral_in_the_same_sentence() {
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap();
    let ws = tandem::model::demo::workspace(now);
    let mut seen = 0;
    for p in &ws.partners {
        for s in tandem::model::figures::signals::for_partner(&ws, p, now.date_naive()) {
            if s.kind != tandem::model::figures::signals::Kind::DecisionMakerAgainst {
                continue;
            }
            seen += 1;
            for calm in ["neutral", "supportive", "champion"] {
                assert!(
                    !s.reason.contains(&format!("reads as {calm}")),
                    "{}: {}",
                    p.name,
                    s.reason
                );
            }
        }
        // The Fit tab's care reason names the same people: the same rule for its words.
        let fit = tandem::model::fit::recommendation(p, now.date_naive());
        for reason in fit.reasons.iter().filter(|r| r.starts_with("Against it")) {
            seen += 1;
            for calm in ["neutral", "supportive", "champion"] {
                assert!(
                    !reason.contains(&format!("reads as {calm}")),
                    "{}: {reason}",
                    p.name
                );
            }
        }
    }
    assert!(seen > 0, "the demo has a decision maker against");
}
