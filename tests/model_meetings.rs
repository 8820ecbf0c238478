//! The meeting log and the reading of the room: scores, series, the cooling signals,
//! the reception trend, the influence × stance map, and the edits that keep the log.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::meetings::{
    self, cooling, map, reception_trend, series, Meeting, NextStep, Reception,
};
use tandem::model::workspace::validate;
use tandem::model::{DecisionRole, Id, KeyPlayer, Partner, Scale, Stance, Workspace};

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Duration::days(n)
}

const SCALE: [Scale; 5] = [
    Scale::StronglyNegative,
    Scale::Negative,
    Scale::Neutral,
    Scale::Positive,
    Scale::StronglyPositive,
];

/// The scale reading for −2 … +2.
fn s(v: i32) -> Scale {
    SCALE[(v + 2) as usize]
}

fn reception(player: &str, [b, t, r]: [i32; 3]) -> Reception {
    Reception {
        player: id(player),
        body_language: s(b),
        tone: s(t),
        reaction: s(r),
        note: String::new(),
    }
}

fn player(key: &str, name: &str, role: DecisionRole, influence: u8, stance: Stance) -> KeyPlayer {
    KeyPlayer {
        role,
        influence,
        stance,
        ..KeyPlayer::new(id(key), name, now() - Duration::days(300))
    }
}

/// Aria with two key players: Kai (decision maker, influence 5, supportive) and Mo
/// (champion, influence 3).
fn partner() -> Partner {
    let mut p = Partner::new(id("p"), "Aria", now() - Duration::days(300));
    p.key_players = vec![
        player(
            "kai",
            "Kai",
            DecisionRole::DecisionMaker,
            5,
            Stance::Supportive,
        ),
        player("mo", "Mo", DecisionRole::Champion, 3, Stance::Champion),
    ];
    p
}

/// A meeting on day `n` with these receptions.
fn meeting(n: i64, receptions: Vec<Reception>) -> Meeting {
    Meeting {
        attendees: receptions,
        ..Meeting::new(id(&format!("m{n}")), day(n))
    }
}

fn with_meetings(meetings: Vec<Meeting>) -> Partner {
    Partner {
        meetings,
        ..partner()
    }
}

fn workspace() -> Workspace {
    let mut ws = Workspace::empty();
    ws.partners.push(partner().into());
    ws
}

// ---------------------------------------------------------------------------------------
// Scores and series
// ---------------------------------------------------------------------------------------

#[test]
fn a_score_is_the_mean_of_the_three_readings() {
    let r = reception("kai", [2, 1, 1]);
    assert_eq!(meetings::points(&r), 4);
    assert!((r.score() - 4.0 / 3.0).abs() < 1e-12);
    assert_eq!(reception("kai", [-2, -2, -2]).score(), -2.0);
    assert_eq!(reception("kai", [2, 2, 2]).score(), 2.0);
}

#[test]
fn a_series_runs_in_date_order_whatever_the_stored_order() {
    let p = with_meetings(vec![
        meeting(20, vec![reception("kai", [0, 0, 0])]),
        meeting(5, vec![reception("kai", [1, 1, 1])]),
        meeting(10, vec![reception("mo", [2, 2, 2])]),
    ]);
    let kai = series(&p, &id("kai"));
    let dates: Vec<NaiveDate> = kai.iter().map(|r| r.date).collect();
    assert_eq!(dates, [day(5), day(20)]);
    assert_eq!(series(&p, &id("mo")).len(), 1);
    let log: Vec<NaiveDate> = meetings::log(&p).iter().map(|m| m.date).collect();
    assert_eq!(log, [day(20), day(10), day(5)], "the log is newest first");
}

// ---------------------------------------------------------------------------------------
// Cooling signals
// ---------------------------------------------------------------------------------------

fn kai_over(points: &[[i32; 3]]) -> Partner {
    with_meetings(
        points
            .iter()
            .enumerate()
            .map(|(i, r)| meeting(i as i64 * 10, vec![reception("kai", *r)]))
            .collect(),
    )
}

fn signalled(p: &Partner, key: &str) -> Option<String> {
    cooling(p)
        .into_iter()
        .find(|c| c.player == id(key))
        .map(|c| c.reason)
}

#[test]
fn a_fall_over_the_last_three_meetings_signals_with_scores_and_dates() {
    let p = kai_over(&[[2, 1, 1], [1, 0, 0], [0, -1, -1]]);
    let reason = signalled(&p, "kai").expect("Kai's reception fell");
    assert_eq!(
        reason,
        "Reception fell over the last three meetings: +1.3 → +0.3 → −0.7 (1 Jun 2026, 11 Jun 2026, 21 Jun 2026)"
    );
}

#[test]
fn a_drop_of_a_whole_step_counts_even_with_a_flat_step() {
    // 5 → 5 → 2 points: flat, then down three.
    assert!(signalled(&kai_over(&[[2, 2, 1], [2, 2, 1], [1, 1, 0]]), "kai").is_some());
    // 5 → 2 → 2: down three, then flat.
    assert!(signalled(&kai_over(&[[2, 2, 1], [1, 1, 0], [1, 1, 0]]), "kai").is_some());
    // 5 → 3 → 3: down only two points in all, not strictly falling.
    assert!(signalled(&kai_over(&[[2, 2, 1], [1, 1, 1], [1, 1, 1]]), "kai").is_none());
    // 6 → 0 → 3: a big drop, but recovering at the end.
    assert!(signalled(&kai_over(&[[2, 2, 2], [0, 0, 0], [1, 1, 1]]), "kai").is_none());
}

#[test]
fn only_the_last_three_meetings_count() {
    // Fell long ago, steady since.
    let p = kai_over(&[[2, 2, 2], [1, 1, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    assert!(signalled(&p, "kai").is_none());
    // Two meetings are not enough to fall.
    assert!(signalled(&kai_over(&[[2, 2, 2], [-2, -2, -2]]), "kai").is_none());
}

#[test]
fn a_champion_turns_skeptical_on_a_negative_latest_reception() {
    let p = with_meetings(vec![
        meeting(1, vec![reception("mo", [2, 2, 2])]),
        meeting(2, vec![reception("mo", [0, -1, 0])]),
    ]);
    assert_eq!(
        signalled(&p, "mo").unwrap(),
        "A champion turning skeptical: latest reception −0.3 on 3 Jun 2026"
    );
    // A neutral latest reception is not negative.
    let p = with_meetings(vec![meeting(1, vec![reception("mo", [1, -1, 0])])]);
    assert!(signalled(&p, "mo").is_none());
    // A negative reaction is not averaged away by friendly body language: it reads
    // negative (capped at twice the reaction, −2 points).
    let p = with_meetings(vec![meeting(1, vec![reception("mo", [1, 0, -1])])]);
    assert_eq!(
        signalled(&p, "mo").unwrap(),
        "A champion turning skeptical: latest reception −0.7 on 2 Jun 2026"
    );
}

#[test]
fn a_champion_by_role_with_a_skeptical_stance_signals_without_meetings() {
    let mut p = partner();
    p.key_players[1].stance = Stance::Blocker;
    assert_eq!(
        signalled(&p, "mo").unwrap(),
        "A champion turning skeptical: stance recorded as Blocker"
    );
    // A skeptical decision maker is not a champion turning.
    p.key_players[0].stance = Stance::Skeptical;
    assert!(signalled(&p, "kai").is_none());
}

#[test]
fn a_falling_champion_gets_one_signal_with_both_reasons() {
    let p = with_meetings(vec![
        meeting(1, vec![reception("mo", [2, 2, 2])]),
        meeting(2, vec![reception("mo", [1, 1, 1])]),
        meeting(3, vec![reception("mo", [-1, -1, 0])]),
    ]);
    let c = cooling(&p);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].name, "Mo");
    assert!(c[0].reason.starts_with("Reception fell"), "{}", c[0].reason);
    assert!(c[0].reason.contains("; a champion turning skeptical"));
}

#[test]
fn a_removed_key_player_keeps_receptions_but_raises_no_signal() {
    let mut p = kai_over(&[[2, 2, 2], [1, 1, 1], [0, 0, 0]]);
    assert!(signalled(&p, "kai").is_some());
    p.key_players.retain(|k| k.id != id("kai"));
    assert!(cooling(&p).is_empty());
    assert_eq!(series(&p, &id("kai")).len(), 3);
    let who = meetings::attendee(&p, &id("kai"));
    assert!(who.former);
    let mut ws = Workspace::empty();
    ws.partners.push(p.into());
    assert_eq!(
        validate::workspace(&ws),
        vec![],
        "a former key player is no error"
    );
}

// ---------------------------------------------------------------------------------------
// Reception trend
// ---------------------------------------------------------------------------------------

#[test]
fn the_trend_needs_two_meetings_and_a_key_player_in_two() {
    assert_eq!(reception_trend(&partner()), None);
    assert_eq!(reception_trend(&kai_over(&[[1, 1, 1]])), None);
    let p = with_meetings(vec![
        meeting(1, vec![reception("kai", [1, 1, 1])]),
        meeting(2, vec![reception("mo", [1, 1, 1])]),
    ]);
    assert_eq!(reception_trend(&p), None);
}

#[test]
fn the_trend_is_weighted_by_influence_worked_example() {
    // Kai (influence 5): +1.3 → +0.3 → −0.7, change (−0.7 − 1.3) / 4 = −0.5.
    // Mo (influence 3): 0 → +1.0, change (1.0 − 0) / 4 = +0.25.
    // Trend = (5 × −0.5 + 3 × 0.25) / 8 = −1.75 / 8 = −0.21875.
    let p = with_meetings(vec![
        meeting(
            1,
            vec![reception("kai", [2, 1, 1]), reception("mo", [0, 0, 0])],
        ),
        meeting(2, vec![reception("kai", [1, 0, 0])]),
        meeting(
            3,
            vec![reception("kai", [0, -1, -1]), reception("mo", [1, 1, 1])],
        ),
    ]);
    let t = reception_trend(&p).unwrap();
    assert!((t - (-0.21875)).abs() < 1e-12, "{t}");
    assert_eq!(meetings::describe_trend(Some(t)), "cooling (−0.22)");
    // The rest of the worked example in docs/model/meetings.md.
    assert_eq!(
        signalled(&p, "kai").unwrap(),
        "Reception fell over the last three meetings: +1.3 → +0.3 → −0.7 (2 Jun 2026, 3 Jun 2026, 4 Jun 2026)"
    );
    assert_eq!(signalled(&p, "mo"), None);
    let points = map(&p);
    assert!(points[0].recent.unwrap().abs() < 1e-12);
    assert!((points[0].read_value - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(points[0].read, Stance::Neutral);
    assert!((points[1].recent.unwrap() - 0.6).abs() < 1e-12);
    assert!((points[1].read_value - 3.2 / 3.0).abs() < 1e-12);
    assert_eq!(points[1].read, Stance::Supportive);
}

#[test]
fn the_trend_reaches_its_bounds() {
    let p = kai_over(&[[2, 2, 2], [-2, -2, -2]]);
    assert_eq!(reception_trend(&p), Some(-1.0));
    let p = kai_over(&[[-2, -2, -2], [0, 0, 0], [2, 2, 2]]);
    assert_eq!(reception_trend(&p), Some(1.0));
}

// ---------------------------------------------------------------------------------------
// The map
// ---------------------------------------------------------------------------------------

#[test]
fn the_map_reads_the_stance_from_the_latest_meetings() {
    // Mo is a recorded champion (+2) whose last three scores are +1, −1, −2 (oldest
    // first): recent = (3 × −2 + 2 × −1 + 1 × 1) / 6 = −7/6; read = (2 + 2 × −7/6) / 3
    // = −1/9 ≈ −0.11, which reads Neutral.
    let p = with_meetings(vec![
        meeting(1, vec![reception("mo", [1, 1, 1])]),
        meeting(2, vec![reception("mo", [-1, -1, -1])]),
        meeting(3, vec![reception("mo", [-2, -2, -2])]),
    ]);
    let points = map(&p);
    assert_eq!(points.len(), 2);
    let kai = &points[0];
    assert_eq!(
        (kai.recorded, kai.read, kai.meetings),
        (Stance::Supportive, Stance::Supportive, 0)
    );
    assert_eq!(kai.recent, None);
    let mo = &points[1];
    assert_eq!(mo.recorded, Stance::Champion);
    assert!((mo.recent.unwrap() - (-7.0 / 6.0)).abs() < 1e-12);
    assert!((mo.read_value - (-1.0 / 9.0)).abs() < 1e-12);
    assert_eq!(mo.read, Stance::Neutral);
    assert_eq!((mo.influence, mo.meetings), (3, 3));
}

// ---------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------

#[test]
fn saving_a_meeting_stamps_the_partner_and_reports_change() {
    let mut ws = workspace();
    let mut m = meeting(1, vec![reception("kai", [1, 1, 1])]);
    m.ours = vec!["  Priya ".into(), " ".into()];
    m.next_steps = vec![
        NextStep {
            owner: None,
            what: " Send the deck ".into(),
            due: Some(day(8)),
            done: false,
        },
        NextStep {
            owner: None,
            what: "".into(),
            due: None,
            done: false,
        },
    ];
    assert_eq!(
        meetings::save_meeting(&mut ws, &id("p"), m.clone(), now()),
        Ok(true)
    );
    let stored = &ws.partners[0].meetings[0];
    assert_eq!(stored.ours, ["Priya"], "names trimmed, blanks dropped");
    assert_eq!(stored.next_steps.len(), 1, "an empty next step is dropped");
    assert_eq!(stored.next_steps[0].what, "Send the deck");
    assert_eq!(ws.partners[0].updated, now());

    let later = now() + Duration::hours(1);
    let same = stored.clone();
    assert_eq!(
        meetings::save_meeting(&mut ws, &id("p"), same.clone(), later),
        Ok(false)
    );
    assert_eq!(
        ws.partners[0].updated,
        now(),
        "an unchanged save keeps the stamp"
    );

    assert!(meetings::set_step_done(
        &mut ws,
        &id("p"),
        &id("m1"),
        0,
        true,
        later
    ));
    assert!(!meetings::set_step_done(
        &mut ws,
        &id("p"),
        &id("m1"),
        0,
        true,
        later
    ));
    assert!(!meetings::set_step_done(
        &mut ws,
        &id("p"),
        &id("m1"),
        5,
        true,
        later
    ));
    assert_eq!(ws.partners[0].updated, later);

    let latest = later + Duration::hours(1);
    assert!(meetings::remove_meeting(
        &mut ws,
        &id("p"),
        &id("m1"),
        latest
    ));
    assert!(!meetings::remove_meeting(
        &mut ws,
        &id("p"),
        &id("m1"),
        latest
    ));
    assert!(ws.partners[0].meetings.is_empty());
    assert_eq!(ws.partners[0].updated, latest);
}

#[test]
fn a_refused_meeting_changes_nothing_and_says_where() {
    let mut ws = workspace();
    let before = ws.clone();
    let mut m = meeting(
        1,
        vec![reception("kai", [1, 1, 1]), reception("ghost", [0, 0, 0])],
    );
    m.date = now().date_naive() + Duration::days(5);
    m.next_steps.push(NextStep {
        owner: None,
        what: " ".into(),
        due: Some(day(3)),
        done: false,
    });
    m.attendees.push(reception("kai", [0, 0, 0]));
    let errors = meetings::save_meeting(&mut ws, &id("p"), m, now()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "attendees[1].player",
            "attendees[2].player",
            "date",
            "next_steps[0].what"
        ]
    );
    assert!(errors[0].message.contains("is not a key player of Aria"));
    assert!(errors[1].message.contains("twice"));
    assert!(errors[2].message.contains("in the future"));
    assert_eq!(ws, before);
    let missing = meetings::save_meeting(&mut ws, &id("nobody"), meeting(1, vec![]), now());
    assert!(missing.unwrap_err()[0].message.contains("no longer exists"));
}

#[test]
fn a_former_key_players_reception_may_stay_but_not_be_added() {
    let mut ws = workspace();
    let m = meeting(1, vec![reception("kai", [1, 1, 1])]);
    meetings::save_meeting(&mut ws, &id("p"), m.clone(), now()).unwrap();
    ws.remove_key_player(&id("p"), &id("kai"), now());
    // Editing the meeting keeps Kai's reception.
    let mut edited = m.clone();
    edited.presented = "The Q3 plan".into();
    assert_eq!(
        meetings::save_meeting(&mut ws, &id("p"), edited, now()),
        Ok(true)
    );
    // A new meeting cannot list Kai.
    let errors = meetings::save_meeting(
        &mut ws,
        &id("p"),
        meeting(2, vec![reception("kai", [0, 0, 0])]),
        now(),
    )
    .unwrap_err();
    assert_eq!(errors[0].path, "attendees[0].player");
}

#[test]
fn dates_and_people_parse_from_form_text() {
    assert_eq!(
        meetings::parse_date(" 2026-11-02 "),
        Ok(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
    );
    assert_eq!(
        meetings::parse_date("").map_err(|e| e.to_string()),
        Err("is required".into())
    );
    assert!(meetings::parse_date("2/11/2026")
        .unwrap_err()
        .to_string()
        .contains("YYYY-MM-DD"));
    assert_eq!(
        meetings::parse_people("Priya Raman, Jonas Weber\npriya raman; ,"),
        ["Priya Raman", "Jonas Weber"]
    );
}

#[test]
fn meetings_round_trip_through_json() {
    let mut m = meeting(1, vec![reception("kai", [2, -1, 0])]);
    m.room = Some(Scale::Positive);
    m.room_note = "Warm once the numbers came up".into();
    m.next_steps.push(NextStep {
        owner: None,
        what: "Share the churn figures".into(),
        due: Some(day(7)),
        done: true,
    });
    let text = serde_json::to_string(&m).unwrap();
    let back: Meeting = serde_json::from_str(&text).unwrap();
    assert_eq!(back, m);
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn any_scale() -> impl Strategy<Value = i32> {
    -2..=2i32
}

fn any_reception() -> impl Strategy<Value = [i32; 3]> {
    [any_scale(), any_scale(), any_scale()]
}

/// One generated meeting: Kai's reception, Mo's reception (each if they attended), and
/// the day.
type Entry = (Option<[i32; 3]>, Option<[i32; 3]>, i64);

/// A log of 0–8 meetings where each of the two key players attends or not.
fn any_log() -> impl Strategy<Value = Vec<Entry>> {
    prop::collection::vec(
        (
            prop::option::of(any_reception()),
            prop::option::of(any_reception()),
            0..170i64,
        ),
        0..8,
    )
}

fn build(log: &[Entry], influences: (u8, u8)) -> Partner {
    let mut p = partner();
    p.key_players[0].influence = influences.0;
    p.key_players[1].influence = influences.1;
    p.meetings = log
        .iter()
        .enumerate()
        .map(|(i, (kai, mo, d))| {
            let mut rs = Vec::new();
            if let Some(r) = kai {
                rs.push(reception("kai", *r));
            }
            if let Some(r) = mo {
                rs.push(reception("mo", *r));
            }
            Meeting {
                attendees: rs,
                ..Meeting::new(id(&format!("m{i}")), day(*d))
            }
        })
        .collect();
    p
}

/// Three receptions whose point sums strictly fall (or strictly rise when reversed).
fn strictly_falling() -> impl Strategy<Value = [[i32; 3]; 3]> {
    (any_reception(), any_reception(), any_reception())
        .prop_filter("strictly falling sums", |(a, b, c)| {
            // The points as the model counts them: a negative reaction caps the sum.
            let sum = |r: &[i32; 3]| {
                let s = r.iter().sum::<i32>();
                if r[2] < 0 {
                    s.min(2 * r[2])
                } else {
                    s
                }
            };
            sum(a) > sum(b) && sum(b) > sum(c)
        })
        .prop_map(|(a, b, c)| [a, b, c])
}

proptest! {
    #![proptest_config(common::fast_config(256))]

    #[test]
    fn the_trend_stays_within_bounds(log in any_log(), a in 1u8..=5, b in 1u8..=5) {
        let p = build(&log, (a, b));
        if let Some(t) = reception_trend(&p) {
            prop_assert!((-1.0..=1.0).contains(&t), "trend {t}");
        }
        for point in map(&p) {
            prop_assert!((-2.0..=2.0).contains(&point.read_value));
        }
    }

    #[test]
    fn a_strictly_falling_reception_always_signals(
        earlier in prop::collection::vec(any_reception(), 0..4),
        fall in strictly_falling(),
    ) {
        let all: Vec<[i32; 3]> = earlier.into_iter().chain(fall).collect();
        let p = kai_over(&all);
        prop_assert!(signalled(&p, "kai").is_some_and(|r| r.starts_with("Reception fell")));
        prop_assert!(reception_trend(&p).unwrap() < 0.0);
    }

    #[test]
    fn a_rising_reception_never_signals(
        earlier in prop::collection::vec(any_reception(), 0..4),
        fall in strictly_falling(),
    ) {
        let rise = [fall[2], fall[1], fall[0]];
        let all: Vec<[i32; 3]> = earlier.into_iter().chain(rise).collect();
        let p = kai_over(&all);
        // Kai is no champion, so a rise leaves him without any signal.
        prop_assert!(signalled(&p, "kai").is_none());
        prop_assert!(reception_trend(&p).unwrap() > 0.0);
    }

    #[test]
    fn saving_any_valid_meeting_keeps_the_workspace_valid(log in any_log()) {
        let mut ws = workspace();
        for m in build(&log, (3, 3)).meetings {
            prop_assert_eq!(meetings::save_meeting(&mut ws, &id("p"), m, now()), Ok(true));
        }
        prop_assert_eq!(validate::workspace(&ws), vec![]);
    }
}
