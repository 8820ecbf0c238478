//! The records of format version 2 (pitches, fit, ladder moves, meetings, goals,
//! commitments, landing, metrics, wins, decisions, the program) travel whole: any
//! valid mix of them survives writing and reading a file, merging, undo and redo, a
//! partial export and a conflict's "keep both", and a file that breaks their rules is
//! refused with a message naming the field.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};
use tandem::model::fit::{Fit, LadderMove};
use tandem::model::formats::file::{self, Scope};
use tandem::model::goals::{Commitment, Decision, Goal, Win};
use tandem::model::landing::{LandingStep, LandingTrack};
use tandem::model::meetings::{Meeting, NextStep, Reception};
use tandem::model::merge::rule::{self, Ties};
use tandem::model::metrics::Series;
use tandem::model::pitch::Pitch;
use tandem::model::program::Lever;
use tandem::model::workspace::history::Step;
use tandem::model::{
    demo, workspace::validate, CommitmentStatus, DecisionKind, Economics, GoalStatus, Id,
    Ingredient, LadderLevel, Month, Partner, Scale, Side, UxVerdict, WinKind, Workspace,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    // Any text, hostile included, kept short; a letter first so "not blank" holds.
    "[A-Za-z][^\u{0}]{0,30}"
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..3_650)
        .prop_map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d))
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        -1e6..1e6f64,
        (0u64..1_000_000_000).prop_map(|v| v as f64),
        Just(-0.5),
    ]
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn scale() -> impl Strategy<Value = Scale> {
    pick(Scale::ALL)
}

/// A partner of the demo with arbitrary version-2 records; `n` keeps ids unique.
fn records(p: &Partner, markets: &[Id]) -> impl Strategy<Value = Partner> {
    let base = p.clone();
    let players: Vec<Id> = p.key_players.iter().map(|k| k.id.clone()).collect();
    let markets = markets.to_vec();
    let pitch = (
        text(),
        date(),
        proptest::option::of(date()),
        proptest::collection::btree_map(pick(Ingredient::ALL), text(), 0..12),
    );
    let fit = (
        proptest::option::of(pick(UxVerdict::ALL)),
        text(),
        proptest::option::of(1u8..=5),
        proptest::option::of(1u8..=5),
        proptest::option::of(1u8..=5),
        proptest::option::of(pick(Economics::ALL)),
        proptest::option::of(any::<bool>()),
    );
    let meeting = (
        date(),
        proptest::collection::vec(text(), 0..3),
        text(),
        proptest::sample::subsequence(players.clone(), 0..=players.len()),
        proptest::collection::vec((scale(), scale(), scale(), text()), 4),
        proptest::option::of(scale()),
        proptest::collection::vec((text(), proptest::option::of(date()), any::<bool>()), 0..3),
    );
    let goal = (
        text(),
        text(),
        proptest::option::of(value()),
        proptest::option::of(date()),
        pick(GoalStatus::ALL),
    );
    let commitment = (
        pick(Side::ALL),
        text(),
        date(),
        pick(CommitmentStatus::ALL),
        date(),
    );
    let track = (
        proptest::option::of(proptest::sample::select(markets.clone())),
        text(),
        proptest::collection::vec(
            (
                proptest::option::of(date()),
                proptest::option::of(date()),
                "[a-z ]{0,10}",
            ),
            3,
        ),
    );
    let series = (
        proptest::sample::select(markets.clone()),
        pick(&["users", "revenue", "streams", "sign-ups", "Trials"][..]),
        proptest::collection::btree_map((2024i32..2027, 1u32..=12), value(), 0..14),
    );
    let win = (date(), pick(WinKind::ALL), text(), text());
    let decision = (date(), pick(DecisionKind::ALL), text(), text());
    (
        proptest::collection::vec(pitch, 0..3),
        fit,
        proptest::collection::vec(
            (date(), pick(LadderLevel::ALL), pick(LadderLevel::ALL)),
            0..3,
        ),
        proptest::collection::vec(meeting, 0..4),
        proptest::collection::vec(goal, 0..3),
        proptest::collection::vec(commitment, 0..4),
        proptest::collection::vec(track, 0..3),
        proptest::collection::vec(series, 0..3),
        proptest::collection::vec(win, 0..3),
        proptest::collection::vec(decision, 0..3),
        proptest::option::of(date()),
    )
        .prop_map(
            move |(
                pitches,
                fit,
                moves,
                meetings,
                goals,
                commitments,
                tracks,
                series,
                wins,
                decisions,
                since,
            )| {
                let id = |kind: &str, i: usize| Id::parse(&format!("{kind}-{i}")).unwrap();
                let mut p = base.clone();
                // An edit moves the partner's time forward, as every model edit does.
                p.updated = now() + chrono::Duration::days(1);
                p.stage_since = since;
                p.goals = goals
                    .into_iter()
                    .enumerate()
                    .map(|(i, (statement, metric, target, due, status))| Goal {
                        id: id("g", i),
                        statement,
                        metric,
                        target,
                        due,
                        status,
                    })
                    .collect();
                p.pitches = pitches
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, drafted, sent, ingredients))| Pitch {
                        id: id("pitch", i),
                        label,
                        drafted,
                        sent: sent.map(|s| s.max(drafted)),
                        ingredients,
                        goal: (!p.goals.is_empty()).then(|| id("g", 0)),
                    })
                    .collect();
                let (
                    ux,
                    ux_reason,
                    strategic,
                    our_leverage,
                    their_leverage,
                    economics,
                    market_understood,
                ) = fit;
                p.fit = Fit {
                    ux,
                    ux_reason,
                    strategic,
                    our_leverage,
                    their_leverage,
                    economics,
                    market_understood,
                    notes: String::new(),
                };
                p.ladder_moves = moves
                    .into_iter()
                    .enumerate()
                    .filter(|(_, (_, from, to))| from != to)
                    .map(|(i, (date, from, to))| LadderMove {
                        id: id("lm", i),
                        date,
                        from,
                        to,
                        warnings: vec!["our leverage (2) is below theirs (4)".into()],
                    })
                    .collect();
                p.meetings = meetings
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (date, ours, presented, attending, readings, room, steps))| Meeting {
                            pitch: None,
                            id: id("mt", i),
                            date,
                            ours,
                            presented,
                            attendees: attending
                                .into_iter()
                                .zip(readings)
                                .map(
                                    |(player, (body_language, tone, reaction, note))| Reception {
                                        player,
                                        body_language,
                                        tone,
                                        reaction,
                                        note,
                                    },
                                )
                                .collect(),
                            room,
                            room_note: String::new(),
                            next_steps: steps
                                .into_iter()
                                .map(|(what, due, done)| NextStep {
                                    owner: None,
                                    what,
                                    due,
                                    done,
                                })
                                .collect(),
                        },
                    )
                    .collect();
                p.commitments = commitments
                    .into_iter()
                    .enumerate()
                    .map(|(i, (side, what, due, status, day))| Commitment {
                        owner: None,
                        id: id("c", i),
                        side,
                        what,
                        due,
                        status,
                        delivered: (status == CommitmentStatus::Delivered).then_some(day),
                    })
                    .collect();
                p.landing = tracks
                    .into_iter()
                    .enumerate()
                    .map(|(i, (market, team, steps))| {
                        let step = |k: usize| LandingStep {
                            planned: steps[k].0,
                            done: steps[k].1,
                            owner: steps[k].2.clone(),
                        };
                        LandingTrack {
                            id: id("l", i),
                            market,
                            team,
                            enabled: step(0),
                            launched: step(1),
                            adopted: step(2),
                            added: None,
                        }
                    })
                    .collect();
                let mut seen = HashSet::new();
                p.metrics = series
                    .into_iter()
                    .filter(|(m, metric, _)| seen.insert((m.clone(), metric.to_lowercase())))
                    .map(|(market, metric, values)| Series {
                        market,
                        metric: metric.to_owned(),
                        values: values
                            .into_iter()
                            .map(|((y, m), v)| (Month::new(y, m).unwrap(), v))
                            .collect::<BTreeMap<_, _>>(),
                    })
                    .collect();
                p.wins = wins
                    .into_iter()
                    .enumerate()
                    .map(|(i, (date, kind, title, note))| Win {
                        id: id("w", i),
                        date,
                        kind,
                        title,
                        note,
                    })
                    .collect();
                p.decisions = decisions
                    .into_iter()
                    .enumerate()
                    .map(|(i, (date, kind, who, why))| Decision {
                        id: id("d", i),
                        date,
                        kind,
                        who,
                        why,
                    })
                    .collect();
                p
            },
        )
}

/// The demo with arbitrary records on its first three partners and a program target.
fn workspace() -> impl Strategy<Value = Workspace> {
    let ws = demo::workspace(now());
    let markets: Vec<Id> = ws.markets.iter().map(|m| m.id.clone()).collect();
    let partners = (
        records(&ws.partners[0], &markets),
        records(&ws.partners[1], &markets),
        records(&ws.partners[2], &markets),
    );
    let levers = proptest::collection::vec((any::<bool>(), text(), value(), 0u8..=100), 0..4);
    (
        partners,
        levers,
        proptest::option::of(value()),
        proptest::option::of(-100.0..1000f64),
    )
        .prop_map(move |((a, b, c), levers, baseline, growth)| {
            let mut ws = ws.clone();
            let ids: Vec<Id> = ws.partners.iter().map(|p| p.id.clone()).collect();
            for (slot, p) in [a, b, c].into_iter().enumerate() {
                ws.partners[slot] = p.into();
            }
            ws.program.updated = Some(now());
            ws.program.metric = "users".into();
            ws.program.baseline_start = Month::new(2025, 1);
            ws.program.baseline = baseline;
            ws.program.target_growth = growth;
            ws.program.levers = levers
                .into_iter()
                .enumerate()
                .map(
                    |(i, (is_partner, initiative, expected, confidence))| Lever {
                        id: Id::parse(&format!("lv-{i}")).unwrap(),
                        partner: is_partner.then(|| ids[i % ids.len()].clone()),
                        initiative,
                        expected,
                        confidence,
                        notes: String::new(),
                    },
                )
                .collect();
            ws
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_record_survives_a_file_round_trip(ws in workspace()) {
        prop_assert_eq!(validate::workspace(&ws), vec![]);
        for pretty in [false, true] {
            let text = file::write(&ws, Scope::Workspace, now(), pretty);
            let back = file::restore(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.version, file::VERSION);
            prop_assert_eq!(&back.workspace, &ws);
        }
    }

    #[test]
    fn merging_with_itself_or_an_older_copy_keeps_every_record(ws in workspace()) {
        let older = demo::workspace(now());
        let merged = rule::merge(&older, &ws, &older, Ties::ByContent).workspace;
        prop_assert!(merged.partners == ws.partners, "the newer partners stay whole");
        prop_assert!(merged.program == ws.program);
        let again = rule::merge(&ws, &ws, &ws, Ties::KeepOurs).workspace;
        prop_assert!(again == ws, "merging with itself changes nothing");
    }

    #[test]
    fn undo_and_redo_restore_every_record(before in workspace(), after in workspace()) {
        if let Some(step) = Step::between(&before, &after, "edit") {
            let mut ws = after.clone();
            step.undo(&mut ws);
            prop_assert_eq!(&ws, &before);
            step.redo(&mut ws);
            prop_assert_eq!(&ws, &after);
        }
    }

    #[test]
    fn a_partial_export_keeps_the_markets_its_records_use(ws in workspace()) {
        let chosen: HashSet<Id> = [ws.partners[0].id.clone()].into();
        let part = file::subset(&ws, &chosen);
        prop_assert_eq!(validate::workspace(&part), vec![]);
        prop_assert_eq!(&part.partners[0], &ws.partners[0]);
    }
}

/// One rule broken per case, each refused naming the field, with its path.
#[test]
fn broken_records_are_refused_naming_the_field() {
    let ws = demo::workspace(now());
    let text = file::write(&ws, Scope::Workspace, now(), false);
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        ("fit", serde_json::json!({"our_leverage": 9}), "fit our leverage: 9 is outside 1–5 (at partners[0].fit.our_leverage)"),
        ("meetings", serde_json::json!([{"id": "m", "date": "2026-01-01", "attendees": [{"player": "bad id!", "body_language": "positive", "tone": "neutral", "reaction": "positive"}]}]), "partners[0].meetings[0].attendees[0].player"),
        ("metrics", serde_json::json!([{"market": "nowhere", "metric": "users", "values": {"2026-01": 1}}]), "market: refers to a market that is not in the catalogue (its id is nowhere); add the market or remove the reference (at partners[0].metrics[0].market)"),
        ("metrics", serde_json::json!([{"market": "demo-m-us", "metric": "users", "values": {"2026-13": 1}}]), "2026-13"),
        ("metrics", serde_json::json!([{"market": "demo-m-us", "metric": "users", "values": {"2026-01": 1e300}}]), "partners[0].metrics[0].values.2026-01"),
        ("commitments", serde_json::json!([{"id": "c", "side": "partner", "what": "keys", "due": "2026-01-01", "status": "delivered"}]), "delivered: is required when the commitment is delivered (at partners[0].commitments[0].delivered)"),
        ("goals", serde_json::json!([{"id": "g", "statement": "a", "status": "open"}, {"id": "g", "statement": "b", "status": "open"}]), "id: has the same id as another record of partner \"Loopline\" (g); ids must be unique (at partners[0].goals[1].id)"),
        ("landing", serde_json::json!([{"id": "l"}]), "team: is required (at partners[0].landing[0].team)"),
        ("pitches", serde_json::json!([{"id": "p", "label": "v1", "drafted": "2026-02-01", "sent": "2026-01-01"}]), "sent: is earlier than the day the pitch was drafted (at partners[0].pitches[0].sent)"),
        ("decisions", serde_json::json!([{"id": "d", "date": "2026-01-01", "kind": "walk_away", "who": " "}]), "who: is required (at partners[0].decisions[0].who)"),
    ];
    for (field, value, expected) in cases {
        let mut raw: serde_json::Value = serde_json::from_str(&text).unwrap();
        raw["workspace"]["partners"][0][field] = value;
        let err = file::restore(&raw.to_string())
            .expect_err(field)
            .to_string();
        assert!(err.contains(expected), "{field}: {err}");
    }
    let mut raw: serde_json::Value = serde_json::from_str(&text).unwrap();
    raw["workspace"]["program"] = serde_json::json!({"levers": [{"id": "x", "expected": 1, "confidence": 101, "initiative": "Ads"}]});
    let err = file::restore(&raw.to_string()).unwrap_err().to_string();
    assert!(err.contains("program.levers[0].confidence"), "{err}");
}
