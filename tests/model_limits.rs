//! List limits and the work a file can cause (issue 13, item 1): every list of a file has
//! a documented most entries (`core::check::LIST_LIMITS`, FORMAT.md), and the checks run
//! on every load and every import preview use sets and indexes built once, so that the
//! largest file Tandem accepts validates in work proportional to its size.
//!
//! No test here asserts on wall-clock time (a loaded machine must not fail the suite):
//! they assert on sizes and counts, and print the time taken for the record.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::time::Instant;
use tandem::model::core::check::{
    LIST_LIMITS, MAX_ATTENDEES, MAX_DELETED, MAX_KEY_PLAYERS, MAX_MARKETS, MAX_PARTNERS,
    MAX_RECORDS, MAX_SERIES,
};
use tandem::model::formats::file::{self, Scope};
use tandem::model::meetings::{Meeting, NextStep, Reception};
use tandem::model::merge::import::{self, Mode};
use tandem::model::metrics::Series;
use tandem::model::workspace::validate;
use tandem::model::{
    Id, KeyPlayer, Market, Month, Partner, Scale, Tombstone, ValidationError, Workspace,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0)
        .single()
        .expect("a valid time")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).expect("a valid day")
}

fn id(prefix: &str, n: usize) -> Id {
    Id::parse(&format!("{prefix}-{n:06}")).expect("a valid id")
}

fn market_id(n: usize) -> Id {
    id("m", n)
}

fn reception(player: Id) -> Reception {
    Reception {
        player,
        body_language: Scale::Positive,
        tone: Scale::Neutral,
        reaction: Scale::Positive,
        note: String::new(),
    }
}

/// A workspace of `markets` markets and one partner that lists them all.
fn with_markets(markets: usize) -> Workspace {
    let mut ws = Workspace::empty();
    ws.program_name = "Limits".into();
    for m in 0..markets {
        ws.markets
            .push(Market::new(market_id(m), format!("Market {m}"), now()));
    }
    let mut p = Partner::new(id("p", 0), "Wavelet", now());
    p.markets = (0..markets).map(market_id).collect();
    ws.partners.push(p.into());
    ws
}

/// The errors of a workspace that says "the limit is": one per list over its limit.
fn over_limit(ws: &Workspace) -> Vec<ValidationError> {
    validate::workspace(ws)
        .into_iter()
        .filter(|e| e.message.contains("the limit is"))
        .collect()
}

fn assert_refused(ws: &Workspace, path: &str, message: &str) {
    let errors = over_limit(ws);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, path);
    assert_eq!(errors[0].message, message);
}

#[test]
fn a_meeting_with_one_attendee_more_than_the_limit_is_refused_naming_it() {
    let mut ws = with_markets(1);
    let mut meeting = Meeting::new(id("mt", 0), day());
    meeting.attendees = (0..MAX_ATTENDEES).map(|k| reception(id("k", k))).collect();
    ws.partners[0].meetings.push(meeting);
    assert_eq!(validate::workspace(&ws), vec![]);
    ws.partners[0].meetings[0]
        .attendees
        .push(reception(id("k", MAX_ATTENDEES)));
    assert_refused(
        &ws,
        "partners[0].meetings[0].attendees",
        &format!(
            "has {} attendees; the limit is {MAX_ATTENDEES}",
            MAX_ATTENDEES + 1
        ),
    );
    // FORMAT.md quotes this refusal word for word.
    let quoted = over_limit(&ws)[0].to_string();
    assert!(
        include_str!("../docs/FORMAT.md").contains(&quoted),
        "FORMAT.md should quote {quoted}"
    );
    let text = file::write(&ws, Scope::Workspace, now(), false);
    let refusal = file::restore(&text).unwrap_err().to_string();
    assert!(refusal.contains(&quoted), "{refusal}");
}

#[test]
fn every_list_of_a_partner_and_a_meeting_is_refused_one_past_its_limit() {
    type Grow = fn(&mut Workspace, usize);
    let cases: [(&str, usize, &str, Grow); 8] = [
        (
            "partners[0].key_players",
            MAX_KEY_PLAYERS,
            "key players",
            |ws, n| {
                ws.partners[0].key_players = (0..n)
                    .map(|k| KeyPlayer::new(id("k", k), "Ana", now()))
                    .collect();
            },
        ),
        ("partners[0].meetings", MAX_RECORDS, "meetings", |ws, n| {
            ws.partners[0].meetings = (0..n).map(|k| Meeting::new(id("mt", k), day())).collect();
        }),
        (
            "partners[0].metrics",
            MAX_SERIES,
            "metric series",
            |ws, n| {
                ws.partners[0].metrics = (0..n)
                    .map(|k| Series {
                        market: market_id(0),
                        metric: format!("metric {k}"),
                        values: Default::default(),
                    })
                    .collect();
            },
        ),
        (
            "partners[0].meetings[0].ours",
            MAX_ATTENDEES,
            "people of ours",
            |ws, n| {
                let mut m = Meeting::new(id("mt", 0), day());
                m.ours = (0..n).map(|k| format!("Person {k}")).collect();
                ws.partners[0].meetings = vec![m];
            },
        ),
        (
            "partners[0].meetings[0].next_steps",
            MAX_ATTENDEES,
            "next steps",
            |ws, n| {
                let mut m = Meeting::new(id("mt", 0), day());
                m.next_steps = (0..n)
                    .map(|k| NextStep {
                        owner: None,
                        what: format!("Step {k}"),
                        due: None,
                        done: false,
                    })
                    .collect();
                ws.partners[0].meetings = vec![m];
            },
        ),
        ("partners", MAX_PARTNERS, "partners", |ws, n| {
            ws.partners = (0..n)
                .map(|k| Partner::new(id("p", k), format!("Partner {k}"), now()).into())
                .collect();
        }),
        ("markets", MAX_MARKETS, "markets", |ws, n| {
            *ws = with_markets(n);
            ws.partners[0].markets.clear();
        }),
        ("deleted", MAX_DELETED, "deleted records", |ws, n| {
            ws.deleted = (0..n)
                .map(|k| Tombstone {
                    id: id("gone", k),
                    deleted: now(),
                    stamp: None,
                })
                .collect();
        }),
    ];
    for (path, limit, what, grow) in cases {
        let mut ws = with_markets(1);
        grow(&mut ws, limit);
        assert_eq!(over_limit(&ws), vec![], "{path} at its limit");
        grow(&mut ws, limit + 1);
        assert_refused(
            &ws,
            path,
            &format!("has {} {what}; the limit is {limit}", limit + 1),
        );
    }
}

#[test]
fn a_partner_listing_more_markets_than_the_catalogue_may_hold_is_refused() {
    let mut ws = with_markets(MAX_MARKETS);
    assert_eq!(validate::workspace(&ws), vec![]);
    ws.partners[0].markets.push(market_id(0));
    let errors = validate::workspace(&ws);
    assert!(errors.iter().any(|e| e.path == "partners[0].markets"
        && e.message
            == format!(
                "has {} markets; the limit is {MAX_MARKETS}",
                MAX_MARKETS + 1
            )));
}

#[test]
fn every_list_limit_leaves_room_for_the_largest_program_designed_for() {
    // 2,000 partners, 10,000 key players, 10,000 meetings, 24 months in 12 markets.
    let limit = |path: &str| {
        LIST_LIMITS
            .iter()
            .find(|(p, _)| *p == path)
            .unwrap_or_else(|| panic!("no limit for {path}"))
            .1
    };
    assert!(limit("partners") >= 5 * 2_000);
    assert!(limit("partners[].key_players") >= 10_000 / 5);
    assert!(limit("partners[].meetings") >= 10_000);
    assert!(limit("partners[].metrics") >= 12 * 4 * 100);
    assert!(limit("partners[].meetings[].attendees") >= 1_000);
    assert!(limit("markets") >= 12 * 50);
    for (path, n) in LIST_LIMITS {
        assert!(*n >= 20, "{path}: {n}");
    }
}

/// The largest file the limits allow, near 20 MiB: the catalogue at its limit, a
/// partner that lists every market with the most key players and series, meetings with
/// the most attendees each, and as many small partners besides as the limit allows.
fn worst_case() -> Workspace {
    let mut ws = with_markets(MAX_MARKETS);
    let p = &mut ws.partners[0];
    p.key_players = (0..MAX_KEY_PLAYERS)
        .map(|k| KeyPlayer::new(id("k", k), format!("Person {k}"), now()))
        .collect();
    let months: Vec<Month> = (1..=12)
        .flat_map(|m| [2025, 2026].map(|y| Month::new(y, m).expect("a month")))
        .collect();
    p.metrics = (0..MAX_SERIES)
        .map(|s| Series {
            market: market_id(s % MAX_MARKETS),
            metric: format!("metric {}", s / MAX_MARKETS),
            values: months.iter().map(|&m| (m, 1234.5)).collect(),
        })
        .collect();
    p.meetings = (0..150)
        .map(|m| {
            let mut meeting = Meeting::new(id("mt", m), day());
            meeting.attendees = (0..MAX_ATTENDEES)
                .map(|k| reception(id("k", (k + m) % MAX_KEY_PLAYERS)))
                .collect();
            meeting
        })
        .collect();
    ws.partners.extend(
        (1..MAX_PARTNERS).map(|k| Partner::new(id("p", k), format!("Partner {k}"), now()).into()),
    );
    ws
}

#[test]
fn the_largest_file_the_limits_allow_validates_in_one_linear_pass() {
    let ws = worst_case();
    let text = file::write(&ws, Scope::Workspace, now(), false);
    let size = text.len();
    assert!(size <= file::MAX_BYTES, "{size} bytes");
    assert!(size >= file::MAX_BYTES * 3 / 4, "only {size} bytes");
    let start = Instant::now();
    let restored = file::restore(&text).expect("the worst case is a valid file");
    let took = start.elapsed();
    println!(
        "worst-case file: {size} bytes ({:.1} MiB), restored and validated in {took:?}",
        size as f64 / (1024.0 * 1024.0)
    );
    // The work is the file's records, each visited once: every list at its limit.
    let r = &restored.workspace;
    assert_eq!(r.markets.len(), MAX_MARKETS);
    assert_eq!(r.partners.len(), MAX_PARTNERS);
    let p = &r.partners[0];
    assert_eq!(p.markets.len(), MAX_MARKETS);
    assert_eq!(p.key_players.len(), MAX_KEY_PLAYERS);
    assert_eq!(p.metrics.len(), MAX_SERIES);
    assert!(p
        .meetings
        .iter()
        .all(|m| m.attendees.len() == MAX_ATTENDEES));
}

#[test]
fn a_meeting_of_every_attendee_a_file_can_hold_is_refused_without_comparing_each_pair() {
    // The old worst case: one meeting with as many attendees as 20 MiB holds (about
    // 240,000). Found by scanning a list, the duplicates took 3·10¹⁰ comparisons.
    let mut ws = with_markets(1);
    let mut meeting = Meeting::new(id("mt", 0), day());
    let per = r#"{"player":"k-000000","body_language":"positive","tone":"neutral","reaction":"positive"},"#.len();
    let n = (file::MAX_BYTES - 4096) / per;
    meeting.attendees = (0..n).map(|k| reception(id("k", k))).collect();
    ws.partners[0].meetings.push(meeting);
    let text = file::write(&ws, Scope::Workspace, now(), false);
    assert!(text.len() <= file::MAX_BYTES, "{} bytes", text.len());
    let start = Instant::now();
    let refusal = file::restore(&text).unwrap_err().to_string();
    println!(
        "{n} attendees in one meeting ({} bytes): refused in {:?}",
        text.len(),
        start.elapsed()
    );
    assert!(
        refusal.contains(&format!("has {n} attendees; the limit is {MAX_ATTENDEES}")),
        "{refusal}"
    );
}

#[test]
fn previewing_an_import_of_the_most_partners_into_as_many_looks_each_up_once() {
    // The catalogue and the partners at their limits; the big meetings add nothing here.
    let mut ours = worst_case();
    ours.partners[0].meetings.clear();
    let mut theirs = ours.clone();
    for p in &mut theirs.partners[1..] {
        p.notes = "Met at the fair.".into();
        p.updated = now() + chrono::Duration::hours(1);
    }
    let start = Instant::now();
    let preview = import::preview(&ours, &theirs, Mode::Merge);
    println!(
        "import preview of {} partners into {}: {:?}",
        theirs.partners.len(),
        ours.partners.len(),
        start.elapsed()
    );
    assert_eq!(preview.refused, vec![]);
    assert_eq!(preview.updated.len(), MAX_PARTNERS - 1);
    assert_eq!(preview.unchanged.len(), 1);
    assert_eq!(preview.markets_added, 0);
}
