//! Partner health, signals, the walk-away suggestion and the portfolio figures: every
//! formula and threshold of docs/model/health.md, the worked example, property tests of
//! the invariants, and the demo's promise to raise every signal.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::core::vocabulary::{CommitmentStatus, Economics, GoalStatus, Side, UxVerdict};
use tandem::model::figures::health::{
    self, buy_in_component, delivery_component, fit_component, goals_component, growth_component,
    landing_component, reception_component, score, stage_weight, support_component, Band,
    Component, Factor, PlayerStance, WEIGHTS,
};
use tandem::model::figures::portfolio;
use tandem::model::figures::signals::{
    self, evaluate, walk_away, Cooling, Facts, Kind, Late, Severity, Signal,
};
use tandem::model::goals::{delivery_record, Commitment, Goal};
use tandem::model::landing;
use tandem::model::{Id, KeyPlayer, Partner, Stage, Stance, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn c(factor: Factor, value: Option<f64>) -> Component {
    Component::new(factor, value, "")
}

/// A shared goal in `status`, measured by nothing in particular.
fn goal(n: &str, status: GoalStatus) -> Goal {
    Goal {
        id: id(n),
        statement: "Grow".into(),
        metric: String::new(),
        target: None,
        due: None,
        status,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ---------------------------------------------------------------------------------------
// The score
// ---------------------------------------------------------------------------------------

#[test]
fn every_stage_has_a_weight_row_summing_to_100() {
    for stage in Stage::ALL {
        let row = WEIGHTS.iter().find(|(s, _)| s == stage).expect("a row");
        assert_eq!(row.1.iter().map(|w| u32::from(*w)).sum::<u32>(), 100);
    }
}

#[test]
fn before_signature_fit_and_relationship_weigh_most_after_it_landing_and_results() {
    let relationship = |s| {
        stage_weight(s, Factor::Fit)
            + stage_weight(s, Factor::Support)
            + stage_weight(s, Factor::Reception)
    };
    let results = |s| {
        stage_weight(s, Factor::Landing)
            + stage_weight(s, Factor::Growth)
            + stage_weight(s, Factor::BuyIn)
            + stage_weight(s, Factor::Delivery)
    };
    for s in [Stage::Research, Stage::Pitching, Stage::Negotiating] {
        assert!(relationship(s) > results(s), "{s:?}");
        assert_eq!(stage_weight(s, Factor::Landing), 0.0);
    }
    for s in [Stage::Signed, Stage::Landing, Stage::Live] {
        assert!(results(s) > relationship(s), "{s:?}");
    }
    assert!(stage_weight(Stage::Live, Factor::Growth) >= 0.25);
}

/// The worked example of docs/model/health.md, to the number.
#[test]
fn worked_example_live_partner_scores_67() {
    let components = vec![
        c(Factor::Goals, Some(0.7)),
        c(Factor::Support, Some(0.75)),
        c(Factor::Reception, None),
        c(Factor::Delivery, Some(0.625)),
        c(Factor::Landing, Some(8.0 / 12.0)),
        c(Factor::Growth, Some(0.8)),
        c(Factor::BuyIn, Some(0.5)),
    ];
    let h = score(&components, Stage::Live);
    assert_eq!(h.score, Some(67));
    assert_eq!(h.left_out(), vec![Factor::Reception]);
    // Fit weighs nothing when live, so it is not listed at all.
    assert!(h.parts.iter().all(|p| p.factor != Factor::Fit));
    let growth = h.parts.iter().find(|p| p.factor == Factor::Growth).unwrap();
    assert!(close(growth.stage_weight, 0.25));
    assert!(close(growth.weight, 25.0 / 95.0));
    let total: f64 = h.parts.iter().map(|p| p.points()).sum();
    assert!(close(total, 6387.5 / 95.0), "{total}");
    assert_eq!(h.band(), Band::Watch);
}

#[test]
fn worked_example_from_measured_components() {
    // Support: champion 4, supportive 5, skeptical 2, all met → (4 + 3.75 + 0.5) / 11 =
    // 0.75.
    let met = |stance, influence| PlayerStance {
        stance,
        influence,
        met: true,
    };
    let s = support_component(&[
        met(Stance::Champion, 4),
        met(Stance::Supportive, 5),
        met(Stance::Skeptical, 2),
    ]);
    // The strongest backer (the supporter, influence 5, met) reaches 1: all of it counts.
    assert!(close(s.value.unwrap(), 0.75));
    assert!(s.detail.contains("2 of 3"));
    assert!(!s.detail.contains("counted at"), "{}", s.detail);
    // The supporter never met: their pull above neutral counts half, 0.625 instead of
    // 0.75 → (4 + 3.125 + 0.5) / 11 = 0.693; the skeptic counts in full either way.
    let s = support_component(&[
        met(Stance::Champion, 4),
        PlayerStance {
            met: false,
            ..met(Stance::Supportive, 5)
        },
        PlayerStance {
            met: false,
            ..met(Stance::Skeptical, 2)
        },
    ]);
    // The strongest backer is now the champion, influence 4, met: reach 0.8, so the
    // support counts at 0.5 + 0.5 × 0.8 = 90 %.
    assert!(close(s.value.unwrap(), 7.625 / 11.0 * 0.9), "{:?}", s.value);
    assert!(s.detail.contains("1 unverified"), "{}", s.detail);
    assert!(
        s.detail
            .ends_with("; counted at 90 %: the strongest backer has influence 4 of 5"),
        "{}",
        s.detail
    );
    // Delivery: 3 of 4 on time all time, 1 of 2 recently → (0.75 + 0.5) / 2.
    let mut p = Partner::new(id("p"), "P", now());
    let day = |d: i64| today() - Duration::days(d);
    let k = |n: &str, due: i64, delivered: Option<i64>| Commitment {
        owner: None,
        id: id(n),
        side: Side::Partner,
        what: n.into(),
        due: day(due),
        status: if delivered.is_some() {
            CommitmentStatus::Delivered
        } else {
            CommitmentStatus::Late
        },
        delivered: delivered.map(day),
    };
    p.commitments = vec![
        k("a", 200, Some(201)),
        k("b", 150, Some(151)),
        k("c", 30, Some(31)),
        k("d", 10, None),
    ];
    let d = delivery_component(&delivery_record(&p.commitments, today()));
    assert!(close(d.value.unwrap(), 0.625), "{:?}", d.value);
    // The detail names both shares the value is the mean of, so 63 % can be checked by
    // hand and the all-time share matches the Goals tab's delivery record.
    assert_eq!(
        d.detail,
        "mean of all time 75 % delivery credit (3 of 4 due delivered on time, 1 not delivered) and last 90 days 50 %"
    );
    // Landing 8 of 12 steps, growth 0.8, buy-in 2 effective markets of 4.
    assert!(close(
        landing_component(Some(8.0 / 12.0)).value.unwrap(),
        8.0 / 12.0
    ));
    assert!(close(growth_component(&[0.8]).value.unwrap(), 0.8));
    assert!(close(
        buy_in_component(Some(0.5), "2 of 4 markets bought in")
            .value
            .unwrap(),
        0.5
    ));
}

#[test]
fn left_out_components_renormalise_the_rest() {
    let h = score(
        &[c(Factor::Fit, Some(1.0)), c(Factor::Support, Some(0.0))],
        Stage::Research,
    );
    // Research: fit 40, support 40, reception 20 (left out) → 50 / 50.
    assert_eq!(h.score, Some(50));
    assert_eq!(h.left_out(), vec![Factor::Reception]);
    let used: f64 = h.parts.iter().map(|p| p.weight).sum();
    assert!(close(used, 1.0));
}

#[test]
fn no_data_at_all_gives_no_score_and_names_every_part_left_out() {
    let h = score(&[], Stage::Negotiating);
    assert_eq!(h.score, None);
    assert_eq!(h.band(), Band::Unknown);
    assert_eq!(h.left_out().len(), h.parts.len());
    assert_eq!(h.parts.len(), 5);
}

#[test]
fn values_are_clamped_and_non_finite_ones_left_out() {
    let h = score(
        &[
            c(Factor::Fit, Some(7.0)),
            c(Factor::Support, Some(f64::NAN)),
            c(Factor::Reception, Some(-3.0)),
        ],
        Stage::Research,
    );
    // fit 1 × 40 + reception 0 × 20 over 60 → 67.
    assert_eq!(h.score, Some(67));
    assert_eq!(h.left_out(), vec![Factor::Support]);
}

#[test]
fn the_first_component_of_a_factor_counts() {
    let h = score(
        &[
            c(Factor::Fit, Some(1.0)),
            c(Factor::Fit, Some(0.0)),
            c(Factor::Support, Some(1.0)),
        ],
        Stage::Research,
    );
    assert_eq!(h.score, Some(100));
}

#[test]
fn bands_have_their_thresholds() {
    assert_eq!(Band::of(Some(100)), Band::Healthy);
    assert_eq!(Band::of(Some(70)), Band::Healthy);
    assert_eq!(Band::of(Some(69)), Band::Watch);
    assert_eq!(Band::of(Some(40)), Band::Watch);
    assert_eq!(Band::of(Some(39)), Band::AtRisk);
    assert_eq!(Band::of(Some(0)), Band::AtRisk);
    assert_eq!(Band::of(None), Band::Unknown);
}

// ---------------------------------------------------------------------------------------
// Measuring components
// ---------------------------------------------------------------------------------------

#[test]
fn fit_is_the_mean_of_what_is_assessed_and_zero_for_a_wrong_experience() {
    let mut p = Partner::new(id("p"), "P", now());
    assert_eq!(fit_component(&p).value, None);
    p.fit.ux = Some(UxVerdict::Right); // 1
    p.fit.strategic = Some(4); // 0.75
    p.fit.economics = Some(Economics::Unfavourable); // 0
    p.fit.our_leverage = Some(2);
    p.fit.their_leverage = Some(4); // 0.5 − 2/8 = 0.25
    assert!(close(fit_component(&p).value.unwrap(), 2.0 / 4.0));
    p.fit.ux = Some(UxVerdict::Risky); // 0.5
    assert!(close(fit_component(&p).value.unwrap(), 1.5 / 4.0));
    p.fit.ux = Some(UxVerdict::Wrong);
    assert_eq!(fit_component(&p).value, Some(0.0));
}

#[test]
fn no_shared_goal_is_zero_from_negotiating_and_a_nudge_before() {
    let mut p = Partner::new(id("p"), "P", now());
    p.stage = Stage::Pitching;
    assert_eq!(goals_component(&p).value, None, "a nudge, not a zero");
    p.stage = Stage::Negotiating;
    assert_eq!(goals_component(&p).value, Some(0.0));
    p.goals = vec![
        goal("a", GoalStatus::OnTrack),
        goal("b", GoalStatus::AtRisk),
    ];
    assert!(close(goals_component(&p).value.unwrap(), 0.7));
    p.goals.push(goal("c", GoalStatus::Missed));
    p.goals.push(goal("d", GoalStatus::Open));
    assert!(close(
        goals_component(&p).value.unwrap(),
        (1.0 + 0.4 + 0.0 + 0.7) / 4.0
    ));
}

#[test]
fn reception_trend_maps_minus_one_to_one_onto_zero_to_one() {
    assert_eq!(reception_component(Some(-1.0)).value, Some(0.0));
    assert_eq!(reception_component(Some(0.0)).value, Some(0.5));
    assert_eq!(reception_component(Some(1.0)).value, Some(1.0));
    assert_eq!(reception_component(Some(-4.0)).value, Some(0.0));
    assert_eq!(reception_component(None).value, None);
    assert!(reception_component(Some(-0.5)).detail.contains("falling"));
}

#[test]
fn support_without_key_players_is_left_out() {
    assert_eq!(support_component(&[]).value, None);
    let blocker = PlayerStance {
        stance: Stance::Blocker,
        influence: 5,
        met: false,
    };
    assert_eq!(support_component(&[blocker]).value, Some(0.0));
}

#[test]
fn growth_caps_each_goal_at_its_target_and_buy_in_needs_growth() {
    assert!(close(growth_component(&[1.6, 0.4]).value.unwrap(), 0.7));
    assert_eq!(growth_component(&[]).value, None);
    assert_eq!(buy_in_component(None, "").value, None);
    assert_eq!(buy_in_component(Some(1.0), "2 of 2").value, Some(1.0));
    assert_eq!(buy_in_component(Some(f64::NAN), "?").value, None);
}

#[test]
fn late_commitments_lower_health_and_raise_signals() {
    let mut p = Partner::new(id("p"), "P", now());
    p.stage = Stage::Live;
    p.stage_since = Some(today() - Duration::days(30));
    let mut kp = KeyPlayer::new(id("k"), "Kim", now());
    kp.stance = Stance::Champion;
    p.key_players.push(kp);
    p.goals.push(Goal {
        id: id("g"),
        statement: "Grow".into(),
        metric: String::new(),
        target: None,
        due: None,
        status: GoalStatus::OnTrack,
    });
    let k = |n: &str, status, delivered: Option<NaiveDate>| Commitment {
        owner: None,
        id: id(n),
        side: Side::Partner,
        what: format!("thing {n}"),
        due: today() - Duration::days(20),
        status,
        delivered,
    };
    // A landing plan with one step done: enough evidence (half the live weight).
    let mut track = tandem::model::landing::LandingTrack::new(id("t"), None, "Team");
    track.enabled.done = Some(today() - Duration::days(40));
    p.landing.push(track);
    let on_time = Some(today() - Duration::days(21));
    p.commitments = ["a", "b", "c"]
        .iter()
        .map(|n| k(n, CommitmentStatus::Delivered, on_time))
        .collect();
    let ws = Workspace::empty();
    let before = health::health(&ws, &p, today());
    let sig_before = signals::for_partner(&ws, &p, today());
    assert!(!sig_before.iter().any(|s| s.kind == Kind::PoorDelivery));
    for k in &mut p.commitments {
        k.status = CommitmentStatus::Late;
        k.delivered = None;
    }
    let after = health::health(&ws, &p, today());
    assert!(after.score < before.score, "{before:?} → {after:?}");
    let sig = signals::for_partner(&ws, &p, today());
    let kinds: Vec<Kind> = sig.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&Kind::Overdue), "{kinds:?}");
    assert!(kinds.contains(&Kind::PoorDelivery), "{kinds:?}");
    let overdue = sig.iter().find(|s| s.kind == Kind::Overdue).unwrap();
    assert_eq!(overdue.severity, Severity::Severe, "3 overdue is severe");
    assert!(overdue.reason.contains("thing a"));
    // The same three late items make the record poor: one fact, one severe signal.
    let poor = sig.iter().find(|s| s.kind == Kind::PoorDelivery).unwrap();
    assert_eq!(poor.severity, Severity::Warning, "{sig:?}");
    // Severe in one area only (delivery): no walk-away suggestion.
    assert!(walk_away(&sig, p.stage, after.band()).is_none());
}

// ---------------------------------------------------------------------------------------
// Signals
// ---------------------------------------------------------------------------------------

fn kinds(f: &Facts) -> Vec<(Kind, Severity)> {
    evaluate(f)
        .into_iter()
        .map(|s| (s.kind, s.severity))
        .collect()
}

fn severity_of(f: &Facts, kind: Kind) -> Option<Severity> {
    evaluate(f)
        .into_iter()
        .find(|s| s.kind == kind)
        .map(|s| s.severity)
}

#[test]
fn quiet_facts_raise_nothing_at_any_stage() {
    for s in Stage::ALL {
        assert!(evaluate(&Facts::quiet(*s)).is_empty(), "{s:?}");
    }
}

#[test]
fn no_shared_goal_grows_with_the_stage() {
    let at = |stage| {
        let mut f = Facts::quiet(stage);
        f.goals = 0;
        severity_of(&f, Kind::NoSharedGoal)
    };
    assert_eq!(at(Stage::Research), None);
    assert_eq!(at(Stage::Pitching), Some(Severity::Info));
    assert_eq!(at(Stage::Negotiating), Some(Severity::Warning));
    assert_eq!(at(Stage::Paused), Some(Severity::Warning));
    for s in [Stage::Signed, Stage::Landing, Stage::Live] {
        assert_eq!(at(s), Some(Severity::Severe));
    }
}

#[test]
fn no_champion_is_severe_when_nobody_even_supports() {
    let mut f = Facts::quiet(Stage::Negotiating);
    f.champions = 0;
    assert_eq!(severity_of(&f, Kind::NoChampion), Some(Severity::Warning));
    f.backers = 0;
    assert_eq!(severity_of(&f, Kind::NoChampion), Some(Severity::Severe));
    f.stage = Stage::Research;
    assert_eq!(severity_of(&f, Kind::NoChampion), Some(Severity::Info));
    f.key_players = 0;
    let s = evaluate(&f);
    assert!(s[0].reason.contains("No key players"));
}

#[test]
fn low_influence_thresholds() {
    let at = |a: f64| {
        let mut f = Facts::quiet(Stage::Pitching);
        f.ability = Some(a);
        severity_of(&f, Kind::LowInfluence)
    };
    assert_eq!(at(signals::ABILITY_LOW), None);
    assert_eq!(at(signals::ABILITY_LOW - 0.01), Some(Severity::Warning));
    assert_eq!(at(signals::ABILITY_SEVERE), Some(Severity::Warning));
    assert_eq!(at(signals::ABILITY_SEVERE - 0.01), Some(Severity::Severe));
    let mut f = Facts::quiet(Stage::Pitching);
    f.ability = None;
    assert_eq!(severity_of(&f, Kind::LowInfluence), None);
}

#[test]
fn overdue_is_graded_by_days_late_and_split_ours_from_theirs() {
    let late = |days, theirs| Late {
        what: "x".into(),
        days,
        theirs,
    };
    let mut f = Facts::quiet(Stage::Live);
    f.overdue = vec![late(3, true)];
    assert_eq!(
        severity_of(&f, Kind::Overdue),
        Some(Severity::Info),
        "grace"
    );
    f.overdue = vec![late(4, true)];
    assert_eq!(severity_of(&f, Kind::Overdue), Some(Severity::Warning));
    f.overdue = vec![late(3, true), late(59, true)];
    assert_eq!(severity_of(&f, Kind::Overdue), Some(Severity::Warning));
    f.overdue = vec![late(3, true), late(60, true)];
    assert_eq!(severity_of(&f, Kind::Overdue), Some(Severity::Severe));
    f.overdue = vec![late(1, true), late(1, true), late(1, true)];
    assert_eq!(severity_of(&f, Kind::Overdue), Some(Severity::Info));
    f.overdue = vec![late(15, true), late(15, true), late(15, true)];
    assert_eq!(severity_of(&f, Kind::Overdue), Some(Severity::Severe));
    let r = &evaluate(&f)[0].reason;
    assert!(
        r.starts_with("The partner has 3 commitments overdue"),
        "{r}"
    );
    // Ours: our own action item, never the partner's signal.
    f.overdue = vec![late(90, false)];
    let s = evaluate(&f);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].kind, Kind::OurOverdue);
    assert_eq!(s[0].owner(), signals::Owner::Ours);
    assert!(
        s[0].reason.starts_with("We have 1 commitment overdue"),
        "{}",
        s[0].reason
    );
}

#[test]
fn delivery_below_60_percent_or_delivering_late_warns_and_below_40_with_three_due_is_severe() {
    let rec = |on_time: usize, due: usize| {
        let mut r = delivery_record(&[], today());
        r.all_time = Some(on_time as f64 / due as f64);
        r.due = due;
        r.on_time = on_time;
        r
    };
    let at = |on_time, due| {
        let mut f = Facts::quiet(Stage::Live);
        f.delivery = rec(on_time, due);
        severity_of(&f, Kind::PoorDelivery)
    };
    assert_eq!(at(3, 5), None); // exactly 60 %
    assert_eq!(at(1, 2), None); // two due are not yet a record
    assert_eq!(at(0, 2), None);
    assert_eq!(at(2, 4), Some(Severity::Warning)); // 50 %
    assert_eq!(at(1, 3), Some(Severity::Severe)); // 33 % of 3
    assert_eq!(at(2, 5), Some(Severity::Warning)); // exactly 40 %

    // What was delivered, delivered late: a warning below 75 %, never severe.
    let late = |on_time, due| {
        let mut f = Facts::quiet(Stage::Live);
        f.delivery = rec(on_time, due);
        f.delivered = rec(on_time, due);
        severity_of(&f, Kind::PoorDelivery)
    };
    assert_eq!(late(3, 4), None); // exactly 75 %
    assert_eq!(late(7, 10), Some(Severity::Warning)); // 70 %: three weeks late, mostly
    assert_eq!(late(1, 2), None); // two delivered are not yet a habit
                                  // Open items pull the whole record to 67 % but what came, came on time: the
                                  // overdue signal names the open one, no poor-delivery signal.
    let mut f = Facts::quiet(Stage::Live);
    f.delivery = rec(2, 3);
    f.delivered = rec(2, 2);
    assert_eq!(severity_of(&f, Kind::PoorDelivery), None);
}

#[test]
fn stuck_thresholds_per_stage() {
    for stage in Stage::ALL {
        let mut f = Facts::quiet(*stage);
        match signals::stuck_after(*stage) {
            None => {
                f.days_in_stage = 10_000;
                assert_eq!(severity_of(&f, Kind::Stuck), None, "{stage:?}");
            }
            Some(limit) => {
                f.days_in_stage = limit;
                assert_eq!(severity_of(&f, Kind::Stuck), None, "{stage:?}");
                f.days_in_stage = limit + 1;
                assert_eq!(severity_of(&f, Kind::Stuck), Some(Severity::Warning));
                f.days_in_stage = 2 * limit;
                assert_eq!(severity_of(&f, Kind::Stuck), Some(Severity::Warning));
                f.days_in_stage = 2 * limit + 1;
                // A paused partner's risks stay visible, as warnings.
                let severe = if *stage == Stage::Paused {
                    Severity::Warning
                } else {
                    Severity::Severe
                };
                assert_eq!(severity_of(&f, Kind::Stuck), Some(severe));
            }
        }
    }
    assert_eq!(signals::stuck_after(Stage::Negotiating), Some(90));
    assert_eq!(signals::stuck_after(Stage::Signed), Some(45));
}

#[test]
fn concentration_landing_and_reception_signals() {
    let mut f = Facts::quiet(Stage::Live);
    f.concentrated = Some("US and Brazil bring 80 % of the growth.".into());
    assert_eq!(severity_of(&f, Kind::Concentrated), Some(Severity::Warning));

    // Graded by days late: 15 to 30 days late is a warning, more than 30 severe while
    // landing; a quiet plan is severe after twice the quiet days.
    let mut f = Facts::quiet(Stage::Landing);
    let stall = |days: i64, quiet: bool| landing::Stall {
        reason: "Landing stalled in Japan.".into(),
        days,
        quiet,
    };
    for (days, quiet, want) in [
        (15, false, Severity::Warning),
        (30, false, Severity::Warning),
        (31, false, Severity::Severe),
        (61, true, Severity::Warning),
        (120, true, Severity::Warning),
        (121, true, Severity::Severe),
    ] {
        f.landing_stalled = Some(stall(days, quiet));
        assert_eq!(
            severity_of(&f, Kind::LandingStalled),
            Some(want),
            "{days} days, quiet {quiet}"
        );
    }
    f.stage = Stage::Live;
    assert_eq!(
        severity_of(&f, Kind::LandingStalled),
        Some(Severity::Warning)
    );
    f.stage = Stage::Research;
    assert_eq!(severity_of(&f, Kind::LandingStalled), None);

    let mut f = Facts::quiet(Stage::Negotiating);
    f.cooling = vec![Cooling {
        name: "Ravi".into(),
        reason: "Reception fell over the last three meetings".into(),
        influence: 3,
        key: false,
        latest: None,
        against: false,
    }];
    assert_eq!(
        severity_of(&f, Kind::ReceptionFalling),
        Some(Severity::Warning)
    );
    f.cooling[0].influence = 4;
    assert_eq!(
        severity_of(&f, Kind::ReceptionFalling),
        Some(Severity::Severe)
    );
    let r = &evaluate(&f)[0].reason;
    assert!(r.contains("Ravi: reception fell"), "{r}");
    // Eased from +2.0 to +1.0: still positive, so at most a warning.
    f.cooling[0].latest = Some(1.0);
    assert_eq!(
        severity_of(&f, Kind::ReceptionFalling),
        Some(Severity::Warning)
    );
    // One mildly negative meeting (−0.7) of someone who still reads neutral: a warning.
    f.cooling[0].latest = Some(-0.7);
    assert_eq!(
        severity_of(&f, Kind::ReceptionFalling),
        Some(Severity::Warning)
    );
    // Clearly negative, or read as against it: severe.
    f.cooling[0].latest = Some(-1.0);
    assert_eq!(
        severity_of(&f, Kind::ReceptionFalling),
        Some(Severity::Severe)
    );
    f.cooling[0].latest = Some(-0.7);
    f.cooling[0].against = true;
    assert_eq!(
        severity_of(&f, Kind::ReceptionFalling),
        Some(Severity::Severe)
    );
}

#[test]
fn walked_away_partners_raise_no_signals_and_no_suggestion() {
    let mut f = Facts::quiet(Stage::WalkedAway);
    f.goals = 0;
    f.champions = 0;
    f.backers = 0;
    f.days_in_stage = 999;
    assert!(evaluate(&f).is_empty());
    let severe = Signal {
        kind: Kind::Stuck,
        severity: Severity::Severe,
        reason: String::new(),
    };
    assert!(walk_away(&vec![severe; 5], Stage::WalkedAway, Band::AtRisk).is_none());
}

#[test]
fn signals_come_most_severe_first() {
    let mut f = Facts::quiet(Stage::Live);
    f.concentrated = Some("x".into()); // warning
    f.goals = 0; // severe
    let s = kinds(&f);
    assert_eq!(s[0], (Kind::NoSharedGoal, Severity::Severe));
    assert_eq!(s[1].1, Severity::Warning);
}

fn sig(kind: Kind, severity: Severity) -> Signal {
    Signal {
        kind,
        severity,
        reason: kind.label().into(),
    }
}

#[test]
fn walk_away_needs_severe_partner_risks_in_two_areas_and_never_when_healthy() {
    // Delivery and people: two areas of severe facts about the partner.
    let two = vec![
        sig(Kind::Overdue, Severity::Severe),
        sig(Kind::NoChampion, Severity::Severe),
        sig(Kind::Concentrated, Severity::Warning),
    ];
    let w = walk_away(&two, Stage::Live, Band::Watch).expect("two areas");
    assert_eq!(w.signals.len(), 2, "lists only the severe ones");
    assert!(
        w.reason.contains("delivery") && w.reason.contains("people"),
        "{}",
        w.reason
    );
    assert!(walk_away(&two, Stage::Negotiating, Band::AtRisk).is_some());
    // Never for a partner whose health is Healthy: the screen would contradict itself.
    assert!(walk_away(&two, Stage::Live, Band::Healthy).is_none());
    // Two severe facts in one area are one area.
    let one_area = vec![
        sig(Kind::Overdue, Severity::Severe),
        sig(Kind::PoorDelivery, Severity::Severe),
        sig(Kind::LandingStalled, Severity::Severe),
    ];
    assert!(walk_away(&one_area, Stage::Live, Band::AtRisk).is_none());
    // Our own items never count: our overdue, no goal agreed, stuck, no plan.
    let ours = vec![
        sig(Kind::OurOverdue, Severity::Severe),
        sig(Kind::NoSharedGoal, Severity::Severe),
        sig(Kind::Stuck, Severity::Severe),
        sig(Kind::NoLandingPlan, Severity::Severe),
        sig(Kind::Overdue, Severity::Severe),
    ];
    assert!(walk_away(&ours, Stage::Live, Band::AtRisk).is_none());
}

// ---------------------------------------------------------------------------------------
// Portfolio
// ---------------------------------------------------------------------------------------

#[test]
fn funnel_lists_every_stage_and_distribution_skips_walked_away() {
    let ws = tandem::model::demo::workspace(now());
    let funnel = portfolio::funnel(&ws);
    assert_eq!(funnel.len(), Stage::ALL.len());
    assert_eq!(
        funnel.iter().map(|(_, n)| n).sum::<usize>(),
        ws.partners.len()
    );
    let readings = portfolio::readings(&ws, today());
    let dist = portfolio::distribution(&readings);
    let walked = ws
        .partners
        .iter()
        .filter(|p| p.stage == Stage::WalkedAway)
        .count();
    assert_eq!(
        dist.iter().map(|(_, n)| n).sum::<usize>(),
        ws.partners.len() - walked
    );
}

#[test]
fn portfolio_signals_sort_by_severity_then_partner() {
    let ws = tandem::model::demo::workspace(now());
    let all = portfolio::all_signals(&portfolio::readings(&ws, today()));
    for w in all.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            a.signal.severity > b.signal.severity
                || (a.signal.severity == b.signal.severity
                    && a.name.to_lowercase() <= b.name.to_lowercase()),
            "{} {:?} before {} {:?}",
            a.name,
            a.signal.severity,
            b.name,
            b.signal.severity
        );
    }
    let counts = portfolio::severity_counts(&all);
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), all.len());
}

#[test]
fn heat_map_sums_the_last_twelve_months_per_market() {
    use tandem::model::metrics::Series;
    use tandem::model::{Market, Month};
    let mut ws = Workspace::empty();
    ws.markets = vec![
        Market::new(id("us"), "US", now()),
        Market::new(id("de"), "Germany", now()),
        Market::new(id("jp"), "Japan", now()),
    ];
    let series = |market: &str, months: &[(i32, u32, f64)]| Series {
        market: id(market),
        metric: "users".into(),
        values: months
            .iter()
            .map(|(y, m, v)| (Month::new(*y, *m).unwrap(), *v))
            .collect(),
    };
    let mut a = Partner::new(id("a"), "Alpha", now());
    a.metrics = vec![
        // 2025-12 falls outside the window 2026-01 … 2026-12.
        series(
            "us",
            &[(2025, 12, 1000.0), (2026, 1, 10.0), (2026, 12, 20.0)],
        ),
        series("de", &[(2026, 6, 5.0)]),
    ];
    let mut b = Partner::new(id("b"), "Beta", now());
    b.metrics = vec![series("us", &[(2026, 12, 40.0)])];
    let mut gone = Partner::new(id("c"), "Gone", now());
    gone.stage = Stage::WalkedAway;
    gone.metrics = vec![series("jp", &[(2026, 12, 99.0)])];
    ws.partners = vec![a.into(), b.into(), gone.into()];
    let map = portfolio::heat_map(&ws, "users", today());
    assert_eq!(map.latest, Month::new(2026, 12));
    let names: Vec<&str> = map.markets.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        vec!["US", "Germany"],
        "Japan only has a walked-away partner"
    );
    assert_eq!(map.rows.len(), 2);
    assert_eq!(map.rows[0].cells, vec![Some(30.0), Some(5.0)]);
    assert_eq!(map.rows[1].cells, vec![Some(40.0), None]);
    assert_eq!(map.max, 40.0);
    assert_eq!(portfolio::heat_level(Some(40.0), 40.0), 4);
    assert_eq!(portfolio::heat_level(Some(5.0), 40.0), 1);
    assert_eq!(portfolio::heat_level(Some(20.0), 40.0), 2);
    assert_eq!(portfolio::heat_level(None, 40.0), 0);
    assert_eq!(portfolio::heat_level(Some(0.0), 40.0), 0);
}

#[test]
fn heat_map_window_ends_at_the_last_complete_month_not_one_partner_s_partial_one() {
    use tandem::model::metrics::Series;
    use tandem::model::{Market, Month};
    // Today is 15 March 2027: February is the last complete month.
    let mut ws = Workspace::empty();
    ws.markets = vec![Market::new(id("us"), "US", now())];
    let months = |from: Month, n: i32, v: f64| -> std::collections::BTreeMap<Month, f64> {
        (0..n)
            .filter_map(|k| from.plus(k))
            .map(|m| (m, v))
            .collect()
    };
    let mut a = Partner::new(id("a"), "Alpha", now());
    // A full year, March 2026 to February 2027.
    a.metrics = vec![Series {
        market: id("us"),
        metric: "users".into(),
        values: months(Month::new(2026, 3).unwrap(), 12, 10.0),
    }];
    let mut b = Partner::new(id("b"), "Beta", now());
    // Beta has already typed in a few days of March.
    b.metrics = vec![Series {
        market: id("us"),
        metric: "users".into(),
        values: months(Month::new(2027, 2).unwrap(), 2, 7.0),
    }];
    ws.partners = vec![a.into(), b.into()];
    let map = portfolio::heat_map(&ws, "users", today());
    assert_eq!(map.latest, Month::new(2027, 2));
    assert_eq!(
        map.rows[0].cells,
        vec![Some(120.0)],
        "Alpha keeps its whole year"
    );
    assert_eq!(
        map.rows[1].cells,
        vec![Some(7.0)],
        "Beta's partial March is not counted"
    );
}

#[test]
fn heat_metric_prefers_the_programs_then_the_commonest() {
    let mut ws = tandem::model::demo::workspace(now());
    ws.program.metric = "revenue".into();
    assert_eq!(portfolio::heat_metric(&ws), "revenue");
    let empty = Workspace::empty();
    assert_eq!(portfolio::heat_metric(&empty), "users");
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn any_value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-2.0f64..3.0).prop_map(Some),
        Just(Some(f64::NAN)),
        Just(Some(f64::INFINITY)),
        Just(Some(f64::NEG_INFINITY)),
        any::<f64>().prop_map(Some),
    ]
}

fn any_components() -> impl Strategy<Value = Vec<Component>> {
    proptest::collection::vec(
        (0..Factor::ALL.len(), any_value()).prop_map(|(i, v)| c(Factor::ALL[i], v)),
        0..12,
    )
}

fn any_stage() -> impl Strategy<Value = Stage> {
    (0..Stage::ALL.len()).prop_map(|i| Stage::ALL[i])
}

fn any_severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Info),
        Just(Severity::Warning),
        Just(Severity::Severe)
    ]
}

fn any_signals() -> impl Strategy<Value = Vec<Signal>> {
    proptest::collection::vec(
        (0..Kind::ALL.len(), any_severity()).prop_map(|(k, s)| sig(Kind::ALL[k], s)),
        0..8,
    )
}

proptest! {
    #![proptest_config(common::fast_config(400))]

    #[test]
    fn health_stays_within_0_to_100(components in any_components(), stage in any_stage()) {
        let h = score(&components, stage);
        if let Some(s) = h.score {
            prop_assert!(s <= 100);
        }
        for p in &h.parts {
            if let Some(v) = p.value {
                prop_assert!((0.0..=1.0).contains(&v));
            }
            prop_assert!((0.0..=1.0).contains(&p.weight));
        }
    }

    #[test]
    fn used_weights_sum_to_one_and_left_out_weigh_nothing(
        components in any_components(), stage in any_stage()
    ) {
        let h = score(&components, stage);
        let used: f64 = h.parts.iter().filter(|p| !p.left_out).map(|p| p.weight).sum();
        if h.score.is_some() {
            prop_assert!((used - 1.0).abs() < 1e-9, "{used}");
        } else {
            prop_assert!(h.parts.iter().all(|p| p.weight == 0.0));
            prop_assert!(h.evidence() < health::EVIDENCE_SHARE);
        }
        prop_assert!(h.parts.iter().filter(|p| p.left_out).all(|p| p.weight == 0.0));
    }

    #[test]
    fn leaving_a_component_out_keeps_the_score_between_the_others(
        components in any_components(), stage in any_stage(), drop in 0..Factor::ALL.len()
    ) {
        // Removing one component renormalises the rest: the score is then a weighted
        // mean of the remaining values, so within their range.
        let factor = Factor::ALL[drop];
        let rest: Vec<Component> = components.into_iter().filter(|c| c.factor != factor).collect();
        let h = score(&rest, stage);
        prop_assert!(h.parts.iter().any(|p| p.factor == factor && p.left_out)
            || stage_weight(stage, factor) == 0.0);
        if let Some(s) = h.score {
            let values: Vec<f64> = h.parts.iter().filter_map(|p| p.value).collect();
            let lo = values.iter().copied().fold(1.0, f64::min) * 100.0;
            let hi = values.iter().copied().fold(0.0, f64::max) * 100.0;
            prop_assert!(f64::from(s) >= lo.floor() && f64::from(s) <= hi.ceil());
        }
    }

    #[test]
    fn adding_a_severe_signal_never_removes_the_walk_away_suggestion(
        signals in any_signals(), stage in any_stage(), kind in 0..Kind::ALL.len(),
        band in 0..Band::ALL.len()
    ) {
        let band = Band::ALL[band];
        let before = walk_away(&signals, stage, band).is_some();
        let mut more = signals.clone();
        more.push(sig(Kind::ALL[kind], Severity::Severe));
        let after = walk_away(&more, stage, band);
        prop_assert!(!before || after.is_some());
        if let Some(w) = after {
            prop_assert!(w.signals.iter().all(|s| s.severity == Severity::Severe));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The demo's story
// ---------------------------------------------------------------------------------------

/// The demo must show every signal at least once, and at least one walk-away
/// suggestion, so a newcomer sees each of them working.
#[test]
fn the_demo_raises_every_signal_kind_and_a_walk_away() {
    let ws = tandem::model::demo::workspace(now());
    let readings = portfolio::readings(&ws, today());
    let mut report = String::new();
    for r in &readings {
        report.push_str(&format!(
            "{} ({:?}) health {:?}\n",
            r.name, r.stage, r.health.score
        ));
        for s in &r.signals {
            report.push_str(&format!("  {:?} {:?}: {}\n", s.severity, s.kind, s.reason));
        }
        if r.walk_away.is_some() {
            report.push_str("  => walk away suggested\n");
        }
    }
    // Shown with `--nocapture`: the whole story at a glance.
    eprintln!("{report}");
    // Every demo partner has its people recorded (`sizes_are_as_promised`), so "no key
    // players" is the one kind the demo cannot show; `tests/model_judgment.rs` proves it.
    let missing: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| *k != Kind::NoKeyPlayers)
        .filter(|k| {
            !readings
                .iter()
                .any(|r| r.signals.iter().any(|s| s.kind == *k))
        })
        .collect();
    assert!(missing.is_empty(), "missing {missing:?}\n{report}");
    assert!(
        readings.iter().any(|r| r.walk_away.is_some()),
        "no walk-away suggestion\n{report}"
    );
    // Every partner in play has a score, or says what to record to get one.
    for r in readings.iter().filter(|r| r.stage != Stage::WalkedAway) {
        assert!(
            r.health.score.is_some() || !r.health.next_to_record().is_empty(),
            "{}\n{report}",
            r.name
        );
    }
    // The alarm budget: about one severe item per three partners, a lead's "this week".
    let severe = readings
        .iter()
        .flat_map(|r| &r.signals)
        .filter(|s| s.severity == Severity::Severe)
        .count();
    assert!(
        severe <= readings.len() / 3 + 1,
        "{severe} severe\n{report}"
    );
    // One walk-away, for the partner with severe trouble in two areas, whose health
    // is not Healthy.
    let walk: Vec<&str> = readings
        .iter()
        .filter(|r| r.walk_away.is_some())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(walk, vec!["Dashline Auto"], "{report}");
}

#[test]
fn main_metric_prefers_the_programs_then_a_goals_then_the_commonest() {
    use tandem::model::metrics::Series;
    let series = |metric: &str, market: &str| Series {
        market: id(market),
        metric: metric.into(),
        values: Default::default(),
    };
    let mut ws = Workspace::empty();
    let mut p = Partner::new(id("p"), "P", now());
    assert_eq!(health::main_metric(&ws, &p), None);
    p.metrics = vec![
        series("streams", "us"),
        series("users", "us"),
        series("users", "de"),
    ];
    assert_eq!(health::main_metric(&ws, &p).as_deref(), Some("users"));
    p.goals.push(Goal {
        id: id("g"),
        statement: "Stream more".into(),
        metric: "streams".into(),
        target: Some(10.0),
        due: None,
        status: GoalStatus::Open,
    });
    assert_eq!(health::main_metric(&ws, &p).as_deref(), Some("streams"));
    ws.program.metric = "users".into();
    assert_eq!(health::main_metric(&ws, &p).as_deref(), Some("users"));
    // A program metric the partner has no values of does not count.
    ws.program.metric = "revenue".into();
    assert_eq!(health::main_metric(&ws, &p).as_deref(), Some("streams"));
}

/// The meeting log feeds health and signals: a champion whose receptions fall to
/// strongly negative no longer counts as a champion, the room is cooling, and support
/// and the reception trend drop.
#[test]
fn a_champion_cooling_in_meetings_changes_support_and_signals() {
    use tandem::model::meetings::{Meeting, Reception};
    use tandem::model::Scale;
    let mut p = Partner::new(id("p"), "P", now());
    p.stage = Stage::Negotiating;
    p.stage_since = Some(today() - Duration::days(10));
    let mut kp = KeyPlayer::new(id("k"), "Kim", now());
    kp.stance = Stance::Champion;
    kp.influence = 4;
    p.key_players.push(kp);
    let ws = Workspace::empty();
    let calm = signals::for_partner(&ws, &p, today());
    assert!(!calm.iter().any(|s| s.kind == Kind::NoChampion), "{calm:?}");
    let support_before = health::components(&ws, &p, today())[2].value;

    let meeting = |n: i64, s: Scale| Meeting {
        pitch: None,
        id: id(&format!("m{n}")),
        date: today() - Duration::days(100 - 30 * n),
        ours: Vec::new(),
        presented: String::new(),
        attendees: vec![Reception {
            player: id("k"),
            body_language: s,
            tone: s,
            reaction: s,
            note: String::new(),
        }],
        room: None,
        room_note: String::new(),
        next_steps: Vec::new(),
    };
    p.meetings = vec![
        meeting(0, Scale::Positive),
        meeting(1, Scale::Negative),
        meeting(2, Scale::StronglyNegative),
    ];
    let sig = signals::for_partner(&ws, &p, today());
    let kinds: Vec<Kind> = sig.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&Kind::ReceptionFalling), "{sig:?}");
    // Read as neutral now ((2 + 2 × −1.17) / 3): one reading of people, so no longer
    // counted as a champion.
    assert!(kinds.contains(&Kind::NoChampion), "{sig:?}");
    let falling = sig
        .iter()
        .find(|s| s.kind == Kind::ReceptionFalling)
        .unwrap();
    assert!(falling.reason.contains("Kim"));
    // One severe fact, one severe signal: the people area carries one severe signal.
    let severe_people = sig
        .iter()
        .filter(|s| s.severity == Severity::Severe && s.area() == signals::Area::People)
        .count();
    assert_eq!(severe_people, 1, "{sig:?}");
    let parts = health::components(&ws, &p, today());
    assert!(
        parts[2].value < support_before,
        "support read from the meetings"
    );
    assert!(
        parts[3].value.is_some_and(|v| v < 0.5),
        "reception trend falling"
    );

    // Another strongly negative meeting: read as skeptical, no longer a champion, and
    // nobody else backs the deal. One fact, one severe signal: the severe one names Kim
    // and her fall (the cause); "no champion" (its consequence) stays as a warning.
    p.meetings.push(meeting(3, Scale::StronglyNegative));
    p.meetings[0].date = today() - Duration::days(120);
    let sig = signals::for_partner(&ws, &p, today());
    let severity = |k: Kind| sig.iter().find(|s| s.kind == k).map(|s| s.severity);
    assert_eq!(
        severity(Kind::ReceptionFalling),
        Some(Severity::Severe),
        "{sig:?}"
    );
    assert_eq!(
        severity(Kind::NoChampion),
        Some(Severity::Warning),
        "{sig:?}"
    );
}

#[test]
fn made_of_details_say_how_the_value_is_built() {
    // A lead reading "1 of 3 supportive" beside 48 %, or "1 at risk" beside 40 %, takes the
    // figure for a mistake: each detail names what the value weighs.
    let mut p = Partner::new(id("p"), "P", now());
    p.goals = vec![
        goal("a", GoalStatus::OnTrack),
        goal("b", GoalStatus::AtRisk),
    ];
    let g = goals_component(&p);
    assert!(close(g.value.unwrap(), 0.7));
    assert_eq!(
        g.detail,
        "2 shared goals: 1 on track (100 %), 1 at risk (40 %)"
    );
    let s = support_component(&[PlayerStance {
        stance: Stance::Neutral,
        influence: 3,
        met: true,
    }]);
    assert!(
        s.detail.starts_with("0 of 1 key player supportive"),
        "{}",
        s.detail
    );
    assert!(s.detail.contains("weighted by influence"), "{}", s.detail);
    // Only an old record: no recent share to average with.
    p.commitments = vec![Commitment {
        owner: None,
        id: id("old"),
        side: Side::Partner,
        what: "old".into(),
        due: today() - Duration::days(200),
        status: CommitmentStatus::Delivered,
        delivered: Some(today() - Duration::days(200)),
    }];
    let d = delivery_component(&delivery_record(&p.commitments, today()));
    assert_eq!(
        d.detail,
        "all time 100 % delivery credit (1 of 1 due delivered on time); none due in the last 90 days"
    );
}

/// Support counts as far as the strongest backer can carry the deal: all of it behind a
/// met champion of influence 5, half with no backer at all, and between for a backer of
/// less influence or one nobody has met (the ability to deliver's reach).
#[test]
fn support_counts_as_far_as_the_strongest_backer_reaches() {
    let k = |stance, influence, met| PlayerStance {
        stance,
        influence,
        met,
    };
    let full = support_component(&[k(Stance::Champion, 5, true), k(Stance::Neutral, 5, true)]);
    assert!(close(full.value.unwrap(), 0.75), "{:?}", full.value);
    let none = support_component(&[k(Stance::Neutral, 5, true), k(Stance::Skeptical, 3, true)]);
    assert!(
        close(none.value.unwrap(), (2.5 + 0.75) / 8.0 * 0.5),
        "{:?}",
        none.value
    );
    assert!(
        none.detail
            .ends_with("; counted at half: no backer to carry the deal"),
        "{}",
        none.detail
    );
    // A supporter of influence 2 never met: reach 2 ÷ 5 × ½ = 0.2, counted at 60 %.
    let weak = support_component(&[k(Stance::Neutral, 5, true), k(Stance::Supportive, 2, false)]);
    assert!(
        close(weak.value.unwrap(), (2.5 + 1.25) / 7.0 * 0.6),
        "{:?}",
        weak.value
    );
    assert!(
        weak.detail.ends_with(
            "weighted by influence: 54 %; counted at 60 %: the strongest backer has influence 2 of 5 and is unverified"
        ),
        "{}",
        weak.detail
    );
}
