//! The deal-fit assessment and the partnership ladder (`model::fit`, `model::fit::ladder`):
//! one test per rule, and property tests for the invariants — a wrong user experience
//! always recommends stop, the ability to deliver stays within 0–1, and a move to
//! exclusive warns exactly when our leverage is lower or the economics unfavourable.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use tandem::model::core::vocabulary::{DecisionRole, Scale};
use tandem::model::fit::ladder::{self, move_to, rungs, warning_list, warnings, Warning};
use tandem::model::fit::{
    ability_to_deliver, bias_warning, form_errors, in_the_way, incumbent_effort, parse_score,
    recommendation, save_fit, EffortBasis, Fit, Verdict,
};
use tandem::model::goals::Commitment;
use tandem::model::meetings::{Meeting, Reception};
use tandem::model::{
    workspace::validate, CommitmentStatus, Economics, Id, KeyPlayer, LadderLevel, MarketPosition,
    Partner, Side, Stage, Stance, UxVerdict, Workspace,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn player(n: u8, influence: u8, stance: Stance) -> KeyPlayer {
    KeyPlayer {
        influence,
        stance,
        ..KeyPlayer::new(id(&format!("kp-{n}")), format!("Player {n}"), now())
    }
}

fn partner() -> Partner {
    Partner::new(id("p-1"), "Wavelet", now() - Duration::days(200))
}

/// A fully assessed deal that recommends pursue.
fn good_fit() -> Fit {
    Fit {
        ux: Some(UxVerdict::Right),
        ux_reason: "listeners keep their choice".into(),
        strategic: Some(4),
        our_leverage: Some(3),
        their_leverage: Some(3),
        economics: Some(Economics::Favourable),
        market_understood: Some(true),
        notes: String::new(),
    }
}

fn good_partner() -> Partner {
    Partner {
        fit: good_fit(),
        key_players: vec![
            player(1, 5, Stance::Champion),
            player(2, 3, Stance::Neutral),
        ],
        ..partner()
    }
}

fn commitment(n: u8, due_ago: i64, delivered_ago: Option<i64>) -> Commitment {
    let due = today() - Duration::days(due_ago);
    Commitment {
        owner: None,
        id: id(&format!("c-{n}")),
        side: Side::Partner,
        what: "Ship the thing".into(),
        due,
        status: if delivered_ago.is_some() {
            CommitmentStatus::Delivered
        } else {
            CommitmentStatus::Open
        },
        delivered: delivered_ago.map(|d| today() - Duration::days(d)),
    }
}

fn meeting(n: u32, ago: i64) -> Meeting {
    Meeting {
        pitch: None,
        id: id(&format!("m-{n}")),
        date: today() - Duration::days(ago),
        ours: Vec::new(),
        presented: String::new(),
        attendees: Vec::new(),
        room: None,
        room_note: String::new(),
        next_steps: Vec::new(),
    }
}

/// A key player's reception with all three readings at `s`.
fn reception(player: &str, s: Scale) -> Reception {
    Reception {
        player: id(player),
        body_language: s,
        tone: s,
        reaction: s,
        note: String::new(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ---------------------------------------------------------------------------------------
// Ability to deliver
// ---------------------------------------------------------------------------------------

#[test]
fn ability_is_unknown_without_key_players_or_commitments_due() {
    let a = ability_to_deliver(&partner(), today());
    assert_eq!(a.score, None);
    assert!(a.reasons.iter().any(|r| r.contains("No key players")));
    assert!(a.reasons.iter().any(|r| r.contains("No commitment")));
}

#[test]
fn ability_from_key_players_is_support_and_reach_averaged() {
    // The champion (influence 5) has never been met in a logged meeting: unverified, so
    // their support counts half its pull above neutral (0.75) and their reach half.
    // Support: (5 × 0.75 + 3 × 0.5) ÷ 8 = 0.65625; reach: 5 ÷ 5 × ½ = 0.5; players
    // (0.65625 + 0.5) ÷ 2 = 0.578125.
    let a = ability_to_deliver(&good_partner(), today());
    assert!(close(a.score.unwrap(), 0.578125), "{:?}", a.score);
    assert!(a.reasons.iter().any(|r| r.contains("unverified")));
    assert!(a.reasons.iter().any(|r| r.contains("Player 1")));
    // Once met, and still reading as a champion: support (5 + 1.5) ÷ 8 = 0.8125, reach
    // 1, players 0.90625.
    let mut met = good_partner();
    met.meetings.push(Meeting {
        attendees: vec![reception("kp-1", Scale::StronglyPositive)],
        ..meeting(1, 10)
    });
    let a = ability_to_deliver(&met, today());
    assert!(close(a.score.unwrap(), 0.90625), "{:?}", a.score);
    assert!(!a.reasons.iter().any(|r| r.contains("unverified")));
}

#[test]
fn support_without_influence_does_not_deliver() {
    // A lone champion of influence 1, never met: support 0.75 (unverified), reach
    // 0.2 × ½, ability 0.425.
    let p = Partner {
        key_players: vec![player(1, 1, Stance::Champion)],
        ..partner()
    };
    assert!(close(ability_to_deliver(&p, today()).score.unwrap(), 0.425));
    // Only skeptics and blockers: no reach at all, and it is said.
    let p = Partner {
        key_players: vec![
            player(1, 5, Stance::Blocker),
            player(2, 4, Stance::Skeptical),
        ],
        ..partner()
    };
    let a = ability_to_deliver(&p, today());
    // Support (0 + 4 × 0.25) ÷ 9 = 0.111…, reach 0: ability 0.0555…
    assert!(close(a.score.unwrap(), 1.0 / 18.0));
    assert!(a.reasons.iter().any(|r| r.contains("No champion")));
    assert!(a
        .reasons
        .iter()
        .any(|r| r.contains("Player 1 is a blocker")));
    assert!(a
        .reasons
        .iter()
        .any(|r| r.contains("Player 2 is skeptical")));
}

#[test]
fn delivery_record_weighs_forty_percent() {
    // Two of four due in the last 90 days came on time, one came 20 days late (17
    // past the grace days: credit 1 − ½ × 17 ÷ 27) and one never came: record 0.671.
    let p = Partner {
        commitments: vec![
            commitment(1, 10, Some(12)),
            commitment(2, 20, Some(25)),
            commitment(3, 30, None),
            commitment(4, 40, Some(20)),
        ],
        ..good_partner()
    };
    let a = ability_to_deliver(&p, today());
    let record = (2.0 + (1.0 - 0.5 * 17.0 / 27.0)) / 4.0;
    assert!(close(a.score.unwrap(), 0.6 * 0.578125 + 0.4 * record));
    assert!(
        a.reasons
            .iter()
            .any(|r| r.contains("Delivery record: 67 % delivery credit")
                && r.contains("(2 of 4 due delivered on time, 1 late, 1 not delivered;")),
        "{:?}",
        a.reasons
    );
    // Without key players the record alone is no ability: nobody known carries the work.
    let alone = Partner {
        commitments: p.commitments.clone(),
        ..partner()
    };
    let a = ability_to_deliver(&alone, today());
    assert_eq!(a.score, None);
    assert!(
        a.reasons
            .iter()
            .any(|r| r.contains("alone does not make an ability to deliver")),
        "{:?}",
        a.reasons
    );
}

#[test]
fn an_old_record_counts_when_nothing_fell_due_recently() {
    let p = Partner {
        commitments: vec![commitment(1, 200, Some(201)), commitment(2, 300, None)],
        ..good_partner()
    };
    let a = ability_to_deliver(&p, today());
    let players = ability_to_deliver(&good_partner(), today()).score.unwrap();
    assert!(close(a.score.unwrap(), 0.6 * players + 0.4 * 0.5));
    assert!(a
        .reasons
        .iter()
        .any(|r| r.contains("none fell due in the last 90 days")));
}

// ---------------------------------------------------------------------------------------
// Recommendation
// ---------------------------------------------------------------------------------------

#[test]
fn a_sound_deal_is_pursued_with_its_reasons() {
    let r = recommendation(&good_partner(), today());
    assert_eq!(r.verdict, Verdict::Pursue);
    assert!(r.reasons[0].contains("listeners keep their choice"));
    assert!(r
        .reasons
        .iter()
        .any(|x| x.contains("Strong strategic fit (4 of 5)")));
    assert!(r.reasons.iter().any(|x| x.contains("favourable")));
}

#[test]
fn a_wrong_experience_stops_the_best_deal() {
    let mut p = good_partner();
    p.fit.ux = Some(UxVerdict::Wrong);
    p.fit.ux_reason = "the app could not be removed".into();
    p.fit.strategic = Some(5);
    let r = recommendation(&p, today());
    assert_eq!(r.verdict, Verdict::Stop);
    assert!(r.reasons[0].contains("the app could not be removed"));
    assert!(r
        .reasons
        .last()
        .unwrap()
        .starts_with("In its favour, but not enough"));
}

#[test]
fn a_wrong_verdict_without_reason_still_stops_and_says_so() {
    let mut p = good_partner();
    p.fit.ux = Some(UxVerdict::Wrong);
    p.fit.ux_reason.clear();
    let r = recommendation(&p, today());
    assert_eq!(r.verdict, Verdict::Stop);
    assert!(r.reasons[0].contains("no reason given yet"));
}

#[test]
fn no_fit_and_losing_money_stops() {
    let mut p = good_partner();
    p.fit.strategic = Some(1);
    p.fit.economics = Some(Economics::Unfavourable);
    let r = recommendation(&p, today());
    assert_eq!(r.verdict, Verdict::Stop);
    assert!(r.reasons[0].contains("nothing in the deal pays"));
    // The stop reason covers both facts: they are not repeated as reasons for care.
    assert!(!r
        .reasons
        .iter()
        .any(|x| x.starts_with("Weak strategic fit")));
}

/// The review's example (`tests/scenarios/decision_maker_blocks`): a live partner with a
/// champion of influence 5 and Omar Haddad, the decision maker at influence 5, a blocker
/// strongly negative at both meetings. Support is 50 %, reach 100 %, the ability 85 % —
/// which used to read "pursue" with "Strong ability to deliver (85 %)" beside a severe
/// "A decision maker is against it".
#[test]
fn a_decision_maker_who_blocks_stops_a_plain_pursue_and_the_ability_is_not_called_strong() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/decision_maker_blocks.json"
    );
    let text = std::fs::read_to_string(path).expect("the scenario");
    let ws = tandem::model::formats::file::restore(&text)
        .expect("readable")
        .workspace;
    let p = &ws.partners[0];
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let a = ability_to_deliver(p, day);
    assert!(close(a.score.unwrap(), 0.85), "{:?}", a);
    assert!(
        a.reasons.iter().any(|r| r.contains("50 %")),
        "{:?}",
        a.reasons
    );

    let r = recommendation(p, day);
    assert_eq!(r.verdict, Verdict::PursueWithCare, "{:#?}", r.reasons);
    let named = r
        .reasons
        .iter()
        .find(|x| x.starts_with("Against it and able to stop it"))
        .expect("a reason naming who is in the way");
    assert!(
        named.contains("Omar Haddad (decision maker, influence 5 of 5, reads as blocker; latest reception −2.0 on"),
        "{named}"
    );
    assert!(named.contains("averages their opposition away"), "{named}");
    assert!(
        !r.reasons.iter().any(|x| x.contains("Strong ability")),
        "{:#?}",
        r.reasons
    );
    assert!(
        r.reasons
            .iter()
            .any(|x| x.contains("ability to deliver 85 % on paper")),
        "{:#?}",
        r.reasons
    );

    // The signals say the same about the same person.
    let signals = tandem::model::figures::signals::for_partner(&ws, p, day);
    let against = signals
        .iter()
        .find(|s| s.kind == tandem::model::figures::signals::Kind::DecisionMakerAgainst)
        .expect("the signal");
    assert_eq!(
        against.severity,
        tandem::model::figures::signals::Severity::Severe
    );
    assert!(against.reason.contains("Omar Haddad"), "{}", against.reason);
    let ways = in_the_way(p);
    assert_eq!(ways.len(), 1);
    assert_eq!(ways[0].name, "Omar Haddad");
}

/// A partner that is pursued, with one more key player of this role, influence and
/// stance.
fn with_player(role: DecisionRole, influence: u8, stance: Stance) -> Partner {
    let mut p = good_partner();
    let mut k = player(3, influence, stance);
    k.role = role;
    p.key_players.push(k);
    p
}

#[test]
fn a_skeptic_or_blocker_of_low_influence_who_does_not_decide_does_not_demote() {
    for stance in [Stance::Skeptical, Stance::Blocker] {
        for influence in 1..=3 {
            let p = with_player(DecisionRole::Influencer, influence, stance);
            assert!(in_the_way(&p).is_empty());
            let r = recommendation(&p, today());
            assert_eq!(
                r.verdict,
                Verdict::Pursue,
                "{stance:?} {influence}: {:#?}",
                r.reasons
            );
        }
    }
}

#[test]
fn a_blocker_with_influence_5_who_does_not_decide_still_calls_for_care() {
    for (role, stance) in [
        (DecisionRole::Gatekeeper, Stance::Blocker),
        (DecisionRole::Influencer, Stance::Skeptical),
    ] {
        let p = with_player(role, 5, stance);
        let r = recommendation(&p, today());
        assert_eq!(r.verdict, Verdict::PursueWithCare, "{:#?}", r.reasons);
        let label = role.label().to_lowercase();
        assert!(
            r.reasons
                .iter()
                .any(|x| x.contains(&format!("Player 3 ({label}, influence 5 of 5"))),
            "{:#?}",
            r.reasons
        );
    }
    // Influence 4 is high enough; 3 is not.
    let four = with_player(DecisionRole::Gatekeeper, 4, Stance::Blocker);
    assert_eq!(
        recommendation(&four, today()).verdict,
        Verdict::PursueWithCare
    );
}

#[test]
fn a_decision_maker_against_it_calls_for_care_whatever_their_influence() {
    // Read as skeptical, never met: bad news counts without a meeting.
    let p = with_player(DecisionRole::DecisionMaker, 1, Stance::Skeptical);
    assert_eq!(recommendation(&p, today()).verdict, Verdict::PursueWithCare);
    // Recorded supportive, but the latest reception was a no.
    let mut p = with_player(DecisionRole::DecisionMaker, 2, Stance::Supportive);
    let mut warm = meeting(1, 60);
    warm.attendees
        .push(reception("kp-3", Scale::StronglyPositive));
    let mut cold = meeting(2, 10);
    cold.attendees.push(reception("kp-3", Scale::Negative));
    p.meetings = vec![warm, cold];
    let r = recommendation(&p, today());
    assert_eq!(r.verdict, Verdict::PursueWithCare, "{:#?}", r.reasons);
    assert!(
        r.reasons
            .iter()
            .any(|x| x.contains("latest reception −1.0")),
        "{:#?}",
        r.reasons
    );
    // A neutral decision maker met warmly is not in the way.
    let mut p = with_player(DecisionRole::DecisionMaker, 2, Stance::Neutral);
    let mut fine = meeting(1, 10);
    fine.attendees.push(reception("kp-3", Scale::Neutral));
    p.meetings = vec![fine];
    assert_eq!(recommendation(&p, today()).verdict, Verdict::Pursue);
}

#[test]
fn each_concern_calls_for_care_and_is_listed() {
    type Change = fn(&mut Partner);
    let cases: [(Change, &str); 7] = [
        (|p| p.fit.ux = Some(UxVerdict::Risky), "risky"),
        (|p| p.fit.strategic = Some(2), "Weak strategic fit (2 of 5)"),
        (
            |p| p.fit.economics = Some(Economics::Unfavourable),
            "unfavourable",
        ),
        (
            |p| p.fit.our_leverage = Some(1),
            "Our leverage (1) is below theirs (3)",
        ),
        (|p| p.fit.market_understood = Some(false), "not understood"),
        (
            |p| p.key_players = vec![player(1, 5, Stance::Blocker)],
            "Low ability to deliver",
        ),
        (
            |p| p.fit.economics = None,
            "Not assessed yet: the economics",
        ),
    ];
    for (change, text) in cases {
        let mut p = good_partner();
        change(&mut p);
        let r = recommendation(&p, today());
        assert_eq!(r.verdict, Verdict::PursueWithCare, "{text}");
        assert!(
            r.reasons.iter().any(|x| x.contains(text)),
            "{text} in {:?}",
            r.reasons
        );
        assert!(r.reasons.last().unwrap().starts_with("In its favour"));
    }
}

#[test]
fn every_concern_is_listed_not_just_the_first() {
    let mut p = good_partner();
    p.fit.ux = Some(UxVerdict::Risky);
    p.fit.economics = Some(Economics::Unfavourable);
    p.fit.our_leverage = Some(2);
    p.fit.their_leverage = Some(4);
    let r = recommendation(&p, today());
    assert_eq!(r.verdict, Verdict::PursueWithCare);
    let concerns = r
        .reasons
        .iter()
        .filter(|x| !x.starts_with("In its favour"))
        .count();
    assert_eq!(concerns, 3, "{:?}", r.reasons);
}

#[test]
fn without_a_ux_verdict_the_deal_is_not_assessed() {
    let r = recommendation(&partner(), today());
    assert_eq!(r.verdict, Verdict::NotAssessed);
    assert!(r.reasons[0].contains("the user-experience verdict"));
    let mut p = good_partner();
    p.fit.ux = None;
    p.fit.our_leverage = Some(1);
    let r = recommendation(&p, today());
    assert_eq!(r.verdict, Verdict::NotAssessed);
    assert!(r.reasons.iter().any(|x| x.contains("Our leverage (1)")));
}

// ---------------------------------------------------------------------------------------
// Incumbent bias and the portfolio's effort
// ---------------------------------------------------------------------------------------

fn incumbent(stage: Stage, understood: Option<bool>) -> Partner {
    let mut p = good_partner();
    p.position = Some(MarketPosition::Incumbent);
    p.stage = stage;
    p.fit.market_understood = understood;
    p
}

#[test]
fn pursuing_an_incumbent_in_a_market_not_understood_warns() {
    let warning = bias_warning(&incumbent(Stage::Negotiating, Some(false)));
    assert!(warning.unwrap().contains("Wavelet is the incumbent"));
    let r = recommendation(&incumbent(Stage::Live, Some(false)), today());
    assert_eq!(r.verdict, Verdict::PursueWithCare);
    assert!(r
        .reasons
        .iter()
        .any(|x| x.starts_with("Possible incumbent bias")));
}

#[test]
fn no_bias_warning_when_understood_unassessed_inactive_or_not_incumbent() {
    assert_eq!(bias_warning(&incumbent(Stage::Pitching, Some(true))), None);
    assert_eq!(bias_warning(&incumbent(Stage::Pitching, None)), None);
    assert_eq!(bias_warning(&incumbent(Stage::Paused, Some(false))), None);
    assert_eq!(
        bias_warning(&incumbent(Stage::WalkedAway, Some(false))),
        None
    );
    let mut challenger = incumbent(Stage::Pitching, Some(false));
    challenger.position = Some(MarketPosition::Challenger);
    assert_eq!(bias_warning(&challenger), None);
}

fn portfolio() -> Workspace {
    let mut ws = Workspace::empty();
    let mk = |n: u8, position, stage| Partner {
        position,
        stage,
        ..Partner::new(id(&format!("p-{n}")), format!("P{n}"), now())
    };
    ws.partners = vec![
        mk(1, Some(MarketPosition::Incumbent), Stage::Live).into(),
        mk(2, Some(MarketPosition::Challenger), Stage::Pitching).into(),
        mk(3, Some(MarketPosition::Disruptor), Stage::Research).into(),
        mk(4, Some(MarketPosition::Incumbent), Stage::WalkedAway).into(),
    ];
    ws
}

#[test]
fn effort_falls_back_to_counting_partners_in_pursuit() {
    let e = incumbent_effort(&portfolio(), today()).unwrap();
    assert_eq!(e.basis, EffortBasis::Partners);
    assert_eq!((e.incumbent_partners, e.partners), (1, 3));
    assert!(close(e.share, 1.0 / 3.0));
    assert!(!e.skewed());
}

#[test]
fn a_position_nobody_set_is_left_out_of_the_effort_not_read_as_a_challenger() {
    let mut ws = portfolio();
    // Two partners in pursuit added without a position: were they read as challengers
    // (the old default), the incumbent's share would fall from 1/3 to 1/5.
    for n in 5..=6 {
        ws.partners.push(
            Partner {
                stage: Stage::Pitching,
                ..Partner::new(id(&format!("p-{n}")), format!("P{n}"), now())
            }
            .into(),
        );
    }
    assert_eq!(ws.partners[4].position, None);
    let e = incumbent_effort(&ws, today()).unwrap();
    assert_eq!((e.incumbent_partners, e.partners, e.unset), (1, 3, 2));
    assert!(close(e.share, 1.0 / 3.0));
    // Their meetings are not weighed either: whose effort they are is unknown.
    ws.partners[4].meetings = (1..=6).map(|i| meeting(i, i64::from(i))).collect();
    let e = incumbent_effort(&ws, today()).unwrap();
    assert_eq!((e.meetings, e.basis), (0, EffortBasis::Partners));
    // Only partners without a position: the figure exists, says so, and judges nothing.
    let mut unknown = Workspace::empty();
    unknown.partners = ws.partners.split_off(4);
    let e = incumbent_effort(&unknown, today()).unwrap();
    assert_eq!((e.partners, e.unset), (0, 2));
    assert!(!e.enough() && !e.skewed());
}

#[test]
fn effort_is_meetings_of_the_last_90_days() {
    let mut ws = portfolio();
    // Three recent meetings with the incumbent, one with the challenger; older or
    // future meetings, and those with a partner walked away from, do not count.
    ws.partners[0].meetings = vec![
        meeting(1, 0),
        meeting(2, 30),
        meeting(3, 89),
        meeting(4, 90),
    ];
    ws.partners[1].meetings = vec![meeting(5, 10), meeting(6, -3)];
    ws.partners[3].meetings = vec![meeting(7, 5)];
    // Four meetings are too few to weigh effort by: partners are counted instead.
    let e = incumbent_effort(&ws, today()).unwrap();
    assert_eq!(e.basis, EffortBasis::Partners);
    ws.partners[1].meetings.push(meeting(8, 20));
    let e = incumbent_effort(&ws, today()).unwrap();
    assert_eq!(e.basis, EffortBasis::Meetings);
    assert_eq!((e.incumbent_meetings, e.meetings), (3, 5));
    assert!(close(e.share, 0.6));
    assert!(e.skewed());
    assert!(e.enough());
}

#[test]
fn no_effort_figure_without_partners_in_pursuit() {
    let mut ws = portfolio();
    ws.partners.retain(|p| p.stage == Stage::WalkedAway);
    assert_eq!(incumbent_effort(&ws, today()), None);
    assert_eq!(incumbent_effort(&Workspace::empty(), today()), None);
}

#[test]
fn effort_counts_incumbents_carrying_the_bias_warning() {
    let mut ws = portfolio();
    ws.partners[0].fit.market_understood = Some(false);
    ws.partners[3].fit.market_understood = Some(false);
    assert_eq!(incumbent_effort(&ws, today()).unwrap().biased, 1);
}

// ---------------------------------------------------------------------------------------
// Saving the assessment
// ---------------------------------------------------------------------------------------

#[test]
fn scores_parse_from_form_text() {
    assert_eq!(parse_score(""), Ok(None));
    assert_eq!(parse_score(" 4 "), Ok(Some(4)));
    assert!(parse_score("0")
        .unwrap_err()
        .to_string()
        .contains("from 1 to 5"));
    assert!(parse_score("6").is_err());
    assert!(parse_score("three").is_err());
    assert!(parse_score("-1").is_err());
}

#[test]
fn a_risky_or_wrong_verdict_needs_a_reason_to_save() {
    let fit = Fit {
        ux: Some(UxVerdict::Wrong),
        ..Fit::default()
    };
    let errors = form_errors(&fit);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "fit.ux_reason");
    let fit = Fit {
        ux: Some(UxVerdict::Right),
        strategic: Some(9),
        ..Fit::default()
    };
    let errors = form_errors(&fit);
    assert_eq!(errors[0].path, "fit.strategic");
    assert!(errors[0].message.contains("9 is outside 1–5"));
}

#[test]
fn saving_an_assessment_stamps_the_partner_and_refuses_bad_input() {
    let mut ws = Workspace::empty();
    ws.partners.push(partner().into());
    let pid = id("p-1");
    let later = now() + Duration::hours(1);
    assert_eq!(save_fit(&mut ws, &pid, good_fit(), later), Ok(true));
    assert_eq!(ws.partners[0].fit, good_fit());
    assert_eq!(ws.partners[0].updated, later);
    // The same again changes nothing.
    assert_eq!(
        save_fit(&mut ws, &pid, good_fit(), later + Duration::hours(1)),
        Ok(false)
    );
    assert_eq!(ws.partners[0].updated, later);
    // A refused save leaves the workspace as it was.
    let before = ws.clone();
    let bad = Fit {
        our_leverage: Some(0),
        ..good_fit()
    };
    assert!(save_fit(&mut ws, &pid, bad, later).is_err());
    assert!(save_fit(&mut ws, &id("nobody"), good_fit(), later).is_err());
    assert_eq!(ws, before);
    assert!(validate::workspace(&ws).is_empty());
}

#[test]
fn out_of_range_scores_in_a_file_are_validation_errors() {
    let mut ws = Workspace::empty();
    let mut p = partner();
    p.fit.their_leverage = Some(7);
    ws.partners.push(p.into());
    let errors = validate::workspace(&ws);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "partners[0].fit.their_leverage");
}

// ---------------------------------------------------------------------------------------
// The ladder
// ---------------------------------------------------------------------------------------

#[test]
fn each_level_lists_its_needs_and_whether_they_are_met() {
    let mut p = good_partner();
    p.ladder = LadderLevel::Integration;
    let r = rungs(&p, today());
    assert_eq!(r.len(), 4);
    assert!(r[0].needs.is_empty() && r[0].ready == Some(true));
    assert!(r[1].current && !r[0].current);
    // No shared goal yet: integration is not ready, and neither is anything above it.
    let goal = r[1].needs.iter().find(|n| n.text.contains("goal")).unwrap();
    assert_eq!(goal.met, Some(false));
    assert_eq!(r[1].ready, Some(false));
    assert_eq!(r[3].ready, Some(false));
    assert!(ladder::gaps(&r[1])
        .iter()
        .any(|g| g.contains("at least one goal shared")));
}

#[test]
fn unassessed_needs_leave_a_level_undecided() {
    let mut p = good_partner();
    p.goals.push(tandem::model::goals::Goal {
        id: id("g-1"),
        statement: "Grow trials".into(),
        metric: String::new(),
        target: None,
        due: None,
        status: tandem::model::GoalStatus::Open,
    });
    p.fit.their_leverage = None;
    // The only backer of influence 4+ has never been met: strategic is not ready.
    let r = rungs(&p, today());
    assert_eq!(r[1].ready, Some(true));
    assert_eq!(r[2].ready, Some(false));
    assert!(ladder::gaps(&r[2])
        .iter()
        .any(|g| g.contains("met in a logged meeting")));
    // Met, and still a champion: strategic is ready; exclusive waits for the leverage.
    p.meetings.push(Meeting {
        attendees: vec![reception("kp-1", Scale::StronglyPositive)],
        ..meeting(1, 10)
    });
    let r = rungs(&p, today());
    assert_eq!(r[2].ready, Some(true));
    assert_eq!(r[3].ready, None);
}

#[test]
fn readiness_words_match_the_ticks_shown_and_name_the_level_that_holds_back() {
    // Strategic's own needs all met (a met champion of influence 4+), but no shared goal:
    // integration below is not ready. The words under strategic's green ticks must say
    // its needs are met and name integration, never "needs not met".
    let mut p = good_partner();
    p.meetings.push(Meeting {
        attendees: vec![reception("kp-1", Scale::StronglyPositive)],
        ..meeting(1, 10)
    });
    let r = rungs(&p, today());
    assert_eq!(r[2].own(), Some(true));
    assert_eq!(r[2].ready, Some(false));
    assert_eq!(
        r[2].readiness(),
        "These needs are met, but Integration below still has needs not met."
    );
    assert_eq!(
        r[1].readiness(),
        "Not ready: 1 of these 3 needs is not met."
    );
    // With the goal shared, every level up to strategic is ready and says so.
    p.goals.push(tandem::model::goals::Goal {
        id: id("g-1"),
        statement: "Grow trials".into(),
        metric: String::new(),
        target: None,
        due: None,
        status: tandem::model::GoalStatus::Open,
    });
    p.fit.their_leverage = None;
    let r = rungs(&p, today());
    assert_eq!(
        r[2].readiness(),
        "Ready: these needs and those of every level below are met."
    );
    assert_eq!(
        r[3].readiness(),
        "Not fully assessed: 1 of these 3 needs is not assessed yet."
    );
    for rung in &r {
        // The sentence never contradicts the level's own ticks.
        assert_eq!(
            rung.readiness().starts_with("Not ready"),
            rung.own() == Some(false),
            "{}",
            rung.readiness()
        );
    }
}

#[test]
fn exclusive_with_lower_leverage_warns_naming_both_levels() {
    let mut p = good_partner();
    p.ladder = LadderLevel::Strategic;
    p.fit.our_leverage = Some(2);
    p.fit.their_leverage = Some(4);
    let w = warnings(&p, LadderLevel::Exclusive);
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("Our leverage (2) is below theirs (4)"));
}

#[test]
fn exclusive_with_unfavourable_economics_warns() {
    let mut p = good_partner();
    p.ladder = LadderLevel::Strategic;
    p.fit.economics = Some(Economics::Unfavourable);
    assert_eq!(
        warning_list(&p, LadderLevel::Exclusive),
        vec![Warning::UnfavourableEconomics]
    );
    assert!(warnings(&p, LadderLevel::Exclusive)[0].contains("economics are unfavourable"));
}

#[test]
fn other_warnings_skipping_levels_unknown_leverage_and_the_experience() {
    let mut p = good_partner();
    assert_eq!(
        warning_list(&p, LadderLevel::Strategic),
        vec![Warning::SkipsLevels(vec![LadderLevel::Integration])]
    );
    p.fit.our_leverage = None;
    p.fit.ux = Some(UxVerdict::Risky);
    p.ladder = LadderLevel::Strategic;
    assert_eq!(
        warning_list(&p, LadderLevel::Exclusive),
        vec![Warning::LeverageNotAssessed, Warning::RiskyExperience]
    );
    p.fit.ux = Some(UxVerdict::Wrong);
    p.ladder = LadderLevel::SelfServe;
    assert_eq!(
        warning_list(&p, LadderLevel::Integration),
        vec![Warning::WrongExperience]
    );
}

#[test]
fn moving_down_or_nowhere_never_warns() {
    let mut p = good_partner();
    p.fit.ux = Some(UxVerdict::Wrong);
    p.fit.our_leverage = Some(1);
    p.ladder = LadderLevel::Exclusive;
    for to in LadderLevel::ALL {
        assert!(warnings(&p, *to).is_empty(), "{to:?}");
    }
}

#[test]
fn a_move_is_recorded_with_its_warnings_and_stamps_the_partner() {
    let mut ws = Workspace::empty();
    let mut p = good_partner();
    p.ladder = LadderLevel::Strategic;
    p.fit.our_leverage = Some(1);
    ws.partners.push(p.into());
    let pid = id("p-1");
    let later = now() + Duration::hours(2);
    let moved = move_to(
        &mut ws,
        &pid,
        LadderLevel::Exclusive,
        id("lm-1"),
        today(),
        later,
    );
    assert_eq!(moved, Ok(true));
    let p = &ws.partners[0];
    assert_eq!(p.ladder, LadderLevel::Exclusive);
    assert_eq!(p.updated, later);
    let m = &p.ladder_moves[0];
    assert_eq!(
        (m.from, m.to, m.date),
        (LadderLevel::Strategic, LadderLevel::Exclusive, today())
    );
    assert!(m.warnings[0].contains("Our leverage (1) is below theirs (3)"));
    assert!(ladder::describe(m).contains("Strategic → Exclusive (up)"));
    assert!(validate::workspace(&ws).is_empty());
    // The file keeps the warnings.
    let json = serde_json::to_string(&ws).unwrap();
    let back: Workspace = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ws);
}

#[test]
fn moves_to_the_same_level_or_with_a_bad_id_change_nothing() {
    let mut ws = Workspace::empty();
    ws.partners.push(good_partner().into());
    let pid = id("p-1");
    let before = ws.clone();
    assert_eq!(
        move_to(
            &mut ws,
            &pid,
            LadderLevel::SelfServe,
            id("lm-1"),
            today(),
            now()
        ),
        Ok(false)
    );
    assert_eq!(ws, before);
    assert!(move_to(
        &mut ws,
        &id("nobody"),
        LadderLevel::Integration,
        id("lm-1"),
        today(),
        now()
    )
    .is_err());
    move_to(
        &mut ws,
        &pid,
        LadderLevel::Integration,
        id("lm-1"),
        today(),
        now(),
    )
    .unwrap();
    let before = ws.clone();
    let again = move_to(
        &mut ws,
        &pid,
        LadderLevel::Strategic,
        id("lm-1"),
        today(),
        now(),
    );
    assert!(again.unwrap_err().to_string().contains("already used"));
    assert_eq!(ws, before);
}

#[test]
fn a_recorded_move_that_changes_nothing_is_invalid() {
    let mut ws = Workspace::empty();
    let mut p = partner();
    p.ladder_moves.push(tandem::model::fit::LadderMove {
        id: id("lm-1"),
        date: today(),
        from: LadderLevel::Strategic,
        to: LadderLevel::Strategic,
        warnings: Vec::new(),
    });
    ws.partners.push(p.into());
    let errors = validate::workspace(&ws);
    assert_eq!(errors[0].path, "partners[0].ladder_moves[0].to");
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn score() -> impl Strategy<Value = Option<u8>> {
    prop_oneof![1 => Just(None), 5 => (1u8..=5).prop_map(Some)]
}

fn any_fit() -> impl Strategy<Value = Fit> {
    (
        proptest::option::of(select(UxVerdict::ALL.to_vec())),
        "[a-z ]{0,20}",
        score(),
        score(),
        score(),
        proptest::option::of(select(Economics::ALL.to_vec())),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(ux, ux_reason, strategic, ours, theirs, economics, understood)| Fit {
                ux,
                ux_reason,
                strategic,
                our_leverage: ours,
                their_leverage: theirs,
                economics,
                market_understood: understood,
                notes: String::new(),
            },
        )
}

fn any_partner() -> impl Strategy<Value = Partner> {
    (
        any_fit(),
        // Influence from files may be anything a u8 holds before validation.
        proptest::collection::vec((any::<u8>(), select(Stance::ALL.to_vec())), 0..6),
        proptest::collection::vec((-400i64..400, proptest::option::of(-400i64..400)), 0..8),
        select(Stage::ALL.to_vec()),
        proptest::option::of(select(MarketPosition::ALL.to_vec())),
        select(LadderLevel::ALL.to_vec()),
    )
        .prop_map(
            |(fit, players, commitments, stage, position, ladder)| Partner {
                fit,
                key_players: players
                    .into_iter()
                    .enumerate()
                    .map(|(i, (inf, stance))| player(i as u8, inf, stance))
                    .collect(),
                commitments: commitments
                    .into_iter()
                    .enumerate()
                    .map(|(i, (due, delivered))| commitment(i as u8, due, delivered))
                    .collect(),
                stage,
                position,
                ladder,
                ..partner()
            },
        )
}

proptest! {
    #![proptest_config(common::fast_config(400))]

    #[test]
    fn a_wrong_experience_always_recommends_stop(mut p in any_partner()) {
        p.fit.ux = Some(UxVerdict::Wrong);
        let r = recommendation(&p, today());
        prop_assert_eq!(r.verdict, Verdict::Stop);
        prop_assert!(r.reasons[0].starts_with("The user experience is wrong"));
    }

    #[test]
    fn ability_stays_within_zero_and_one(p in any_partner()) {
        let a = ability_to_deliver(&p, today());
        if let Some(s) = a.score {
            prop_assert!((0.0..=1.0).contains(&s), "{}", s);
        }
        // No ability without key players, whatever the delivery record says.
        prop_assert_eq!(a.score.is_none(), p.key_players.is_empty());
    }

    #[test]
    fn every_verdict_comes_with_reasons(p in any_partner()) {
        let r = recommendation(&p, today());
        prop_assert!(!r.reasons.is_empty());
        prop_assert_eq!(r.verdict == Verdict::Pursue, {
            let f = &p.fit;
            f.ux == Some(UxVerdict::Right)
                && r.reasons.iter().all(|x| !x.starts_with("In its favour"))
        });
    }

    #[test]
    fn exclusive_warns_exactly_when_leverage_is_lower_or_economics_unfavourable(
        mut p in any_partner(),
        ours in 1u8..=5,
        theirs in 1u8..=5,
    ) {
        p.fit.our_leverage = Some(ours);
        p.fit.their_leverage = Some(theirs);
        p.ladder = LadderLevel::Strategic;
        let list = warning_list(&p, LadderLevel::Exclusive);
        let leverage = list.iter().any(|w| matches!(w, Warning::LeverageBelow { .. }));
        let economics = list.contains(&Warning::UnfavourableEconomics);
        prop_assert_eq!(leverage, ours < theirs);
        prop_assert_eq!(economics, p.fit.economics == Some(Economics::Unfavourable));
        // With the user experience right, those are the only warnings there can be.
        if p.fit.ux == Some(UxVerdict::Right) {
            prop_assert_eq!(
                !list.is_empty(),
                ours < theirs || p.fit.economics == Some(Economics::Unfavourable)
            );
        }
        // And a move records exactly what was shown.
        let shown = warnings(&p, LadderLevel::Exclusive);
        let mut ws = Workspace::empty();
        ws.partners.push(p.into());
        let pid = ws.partners[0].id.clone();
        prop_assert_eq!(move_to(&mut ws, &pid, LadderLevel::Exclusive, id("lm-x"), today(), now()), Ok(true));
        prop_assert_eq!(&ws.partners[0].ladder_moves[0].warnings, &shown);
    }

    #[test]
    fn the_incumbent_share_stays_within_zero_and_one(
        partners in proptest::collection::vec(any_partner(), 0..8),
        meetings in proptest::collection::vec((0usize..8, -30i64..200), 0..30),
    ) {
        let mut ws = Workspace::empty();
        for (i, mut p) in partners.into_iter().enumerate() {
            p.id = id(&format!("p-{i}"));
            ws.partners.push(p.into());
        }
        let n = ws.partners.len();
        for (k, (who, ago)) in meetings.into_iter().enumerate() {
            if n > 0 {
                ws.partners[who % n].meetings.push(meeting(k as u32, ago));
            }
        }
        match incumbent_effort(&ws, today()) {
            Some(e) => {
                prop_assert!((0.0..=1.0).contains(&e.share));
                prop_assert!(e.incumbent_partners <= e.partners);
                prop_assert!(e.incumbent_meetings <= e.meetings);
                prop_assert!(e.biased <= e.incumbent_partners);
            }
            None => prop_assert!(ws.partners.iter().all(|p| matches!(p.stage, Stage::Paused | Stage::WalkedAway))),
        }
    }
}
