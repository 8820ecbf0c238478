//! Property tests of the partner brief's Markdown (`model::documents::brief`): whatever people type
//! as names, titles, tags or notes, the brief keeps its own structure and never turns
//! their text into a link, an HTML tag or a heading.
//!
//! Text is drawn from all of Unicode, weighted heavily towards Markdown's own
//! characters and the fragments hostile text uses (`](`, `<script>`, `javascript:`,
//! line breaks followed by `#` or `-`).

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use tandem::model::core::text;
use tandem::model::documents::brief::{self, escape};
use tandem::model::goals::Commitment;
use tandem::model::landing::LandingTrack;
use tandem::model::metrics::Series;
use tandem::model::workspace::validate;
use tandem::model::{
    CommitmentStatus, DecisionRole, Id, KeyPlayer, Market, Month, Partner, Side, Stance, Workspace,
};

/// A piece of text: a character or a fragment that Markdown or HTML gives meaning to.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<char>().prop_map(String::from),
        3 => proptest::char::range('a', 'z').prop_map(String::from),
        6 => select(vec![
            "\\", "`", "*", "_", "~", "[", "]", "(", ")", "<", ">", "|", "#", "&", "!", "-",
            "+", "=", ".", ":", "1.", "2)", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n",
            "\u{0}", "\u{A0}", "\u{2028}", "é", "😀",
        ])
        .prop_map(str::to_owned),
        2 => select(vec![
            "](", "](javascript:alert(1))", "[x](http://evil.example)", "<script>",
            "</script>", "<img src=x onerror=alert(1)>", "javascript:", "&lt;", "&#60;",
            "\n# ", "\n- ", "\n1. ", "\n> ", "\n    ", "\n```\n", "\n===\n", "![a](b)",
            "<http://x>", "\\](", "\\\\](",
        ])
        .prop_map(str::to_owned),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..16).prop_map(|p| p.concat())
}

/// A website: anything at all, or an address `validate::website` accepts with
/// Markdown's characters in its path.
fn website() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => text(),
        1 => text().prop_map(|t| format!("https://x.example/{}", t.replace(char::is_whitespace, ""))),
    ]
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn partner() -> impl Strategy<Value = (Workspace, Partner)> {
    let players = proptest::collection::vec(
        (
            text(),
            text(),
            text(),
            select(DecisionRole::ALL),
            select(Stance::ALL),
            1u8..=5,
        ),
        0..4,
    );
    // What the delivery sections print of a person's text: commitments on both sides,
    // a landing team and its step's owner, and a metric's name.
    let delivery = (
        proptest::collection::vec((text(), any::<bool>()), 0..3),
        (text(), text(), text()),
    );
    (
        (text(), text(), website(), text(), text()),
        proptest::collection::vec(text(), 0..3),
        players,
        delivery,
    )
        .prop_map(
            |((program, name, website, owner, notes), tags, players, delivery)| {
                let (commitments, (team, step_owner, metric)) = delivery;
                let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
                let mut ws = Workspace::empty();
                ws.program_name = program;
                ws.markets
                    .push(Market::new(id("m-1"), "<b>Mark](et)</b>", now));
                let mut p = Partner::new(id("p-1"), name, now);
                p.website = website;
                p.owner = owner;
                p.notes = notes;
                p.tags = tags;
                p.markets = vec![id("m-1")];
                p.key_players = players
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, title, notes, role, stance, influence))| {
                        let mut k = KeyPlayer::new(id(&format!("k-{i}")), name, now);
                        k.title = title;
                        k.notes = notes;
                        k.role = role;
                        k.stance = stance;
                        k.influence = influence;
                        k
                    })
                    .collect();
                let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
                p.commitments = commitments
                    .into_iter()
                    .enumerate()
                    .map(|(i, (what, ours))| Commitment {
                        id: id(&format!("c-{i}")),
                        side: if ours { Side::Us } else { Side::Partner },
                        what,
                        due: day(10, 1 + i as u32),
                        status: CommitmentStatus::Open,
                        delivered: None,
                        owner: None,
                    })
                    .collect();
                let mut track = LandingTrack::new(id("t-1"), None, team);
                track.enabled.owner = step_owner;
                track.enabled.planned = Some(day(9, 1));
                p.landing = vec![track, LandingTrack::new(id("t-2"), Some(id("m-1")), "")];
                let values = [
                    (Month::new(2025, 10).unwrap(), 10.0),
                    (Month::new(2026, 10).unwrap(), 30.0),
                ];
                p.metrics = vec![Series {
                    market: id("m-1"),
                    metric,
                    values: values.into_iter().collect(),
                }];
                ws.partners.push(p.clone().into());
                (ws, p)
            },
        )
}

/// Whether the character at byte `at` of `md` is backslash-escaped: preceded by an odd
/// number of backslashes.
fn escaped(md: &str, at: usize) -> bool {
    md[..at].chars().rev().take_while(|c| *c == '\\').count() % 2 == 1
}

/// What a CommonMark renderer shows for backslash escapes: the punctuation itself.
fn unescape(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(*next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

proptest! {
    #![proptest_config(common::fast_config(512))]

    /// The guard against a pasted brief that links somewhere or runs markup: the only
    /// `](` left unescaped is the website's own link, made only for an http(s) address,
    /// and every `<` is escaped (the brief writes none of its own).
    #[test]
    fn user_text_never_makes_a_link_or_a_tag((ws, p) in partner()) {
        let md = brief::markdown(&ws, &p, today());
        let links = md.match_indices("](").filter(|(i, _)| !escaped(&md, *i)).count();
        let website = p.website.trim();
        let linkable = !website.is_empty() && validate::website(website).is_ok();
        prop_assert_eq!(links, usize::from(linkable), "unescaped `](` in:\n{}", md);
        for (i, _) in md.match_indices('<') {
            prop_assert!(escaped(&md, i), "unescaped `<` at {} in:\n{}", i, md);
        }
    }

    /// The brief's own structure survives any text: it opens with its heading, and the
    /// only headings are its own — eight sections and one `###` per key player (this
    /// partner has no meetings).
    #[test]
    fn the_brief_keeps_its_headings((ws, p) in partner()) {
        let md = brief::markdown(&ws, &p, today());
        prop_assert!(md.starts_with("# Partner brief: "), "no heading:\n{}", md);
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
        let players = p.key_players.len();
        prop_assert_eq!(headings.len(), 9 + players, "headings {:?}", headings);
        prop_assert_eq!(headings[1], "## Profile");
        prop_assert_eq!(headings[2], "## Key players");
        prop_assert!(headings[3..3 + players].iter().all(|h| h.starts_with("### ")));
        prop_assert_eq!(headings[3 + players], "## Goals");
        let rest: Vec<&str> = headings[4 + players..].to_vec();
        prop_assert_eq!(
            rest,
            vec!["## Commitments", "## Landing", "## Growth and buy-in", "## Health", "## Latest meetings"]
        );
    }

    /// Escaping is lossless: removing the backslash escapes, as a renderer does, gives
    /// back exactly the text, and the escaped line starts no block (list, quote, heading,
    /// HTML, setext underline).
    #[test]
    fn escape_shows_the_text_itself(parts in proptest::collection::vec(piece(), 0..16)) {
        let line = text::one_line(&parts.concat());
        let md = escape(&line);
        prop_assert_eq!(unescape(&md), line.clone());
        let starts_block = md.starts_with(['-', '+', '=', '#', '>', '<', '*', '_', '`', '~', '|'])
            || md.split_once(['.', ')']).is_some_and(|(head, _)| {
                !head.is_empty() && head.chars().all(|c| c.is_ascii_digit())
            });
        prop_assert!(!starts_block, "{:?} escapes to {:?}", line, md);
    }
}

/// A partner a lead reviews before a quarterly meeting: commitments on both sides in
/// every state, a landing plan of a market and a team, and users in three markets.
fn reviewed() -> (Workspace, Partner) {
    let now = Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap();
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut ws = Workspace::empty();
    ws.program_name = "Riffly".into();
    for (key, name) in [("us", "United States"), ("de", "Germany"), ("br", "Brazil")] {
        ws.markets.push(Market::new(id(key), name, now));
    }
    let mut p = Partner::new(id("p-1"), "Wavelet", now);
    p.stage = tandem::model::Stage::Live;
    p.markets = vec![id("us"), id("de"), id("br")];
    let commitment = |n: &str, side, what: &str, due, status, delivered| Commitment {
        id: id(n),
        side,
        what: what.into(),
        due,
        status,
        delivered,
        owner: None,
    };
    p.commitments = vec![
        commitment(
            "c-1",
            Side::Partner,
            "API *keys*",
            day(2026, 10, 1),
            CommitmentStatus::Delivered,
            Some(day(2026, 10, 1)),
        ),
        commitment(
            "c-2",
            Side::Partner,
            "Campaign calendar",
            day(2026, 11, 15),
            CommitmentStatus::Open,
            None,
        ),
        commitment(
            "c-3",
            Side::Us,
            "Dashboard access",
            day(2026, 12, 10),
            CommitmentStatus::Open,
            None,
        ),
        commitment(
            "c-4",
            Side::Us,
            "Press kit",
            day(2026, 9, 1),
            CommitmentStatus::Delivered,
            Some(day(2026, 9, 20)),
        ),
    ];
    let mut us = LandingTrack::new(id("t-us"), Some(id("us")), "");
    us.enabled.done = Some(day(2026, 9, 1));
    us.launched.planned = Some(day(2026, 11, 1));
    us.launched.owner = "Ana Ruiz".into();
    let support = LandingTrack::new(id("t-support"), None, "Support");
    p.landing = vec![us, support];
    // Users: the US and Brazil grow on their own base, Germany stays flat.
    let series = |market: &str, base: f64, rate: f64| Series {
        market: id(market),
        metric: "users".into(),
        values: (0..24)
            .map(|i| {
                let m = Month::new(2024, 11).unwrap().plus(i).unwrap();
                let grown = if i >= 12 { base * (1.0 + rate) } else { base };
                (m, grown.round())
            })
            .collect(),
    };
    p.metrics = vec![
        series("us", 90_000.0, 0.4),
        series("de", 360.0, 0.0),
        series("br", 20_000.0, 0.3),
    ];
    ws.partners.push(p.clone().into());
    (ws, p)
}

#[test]
fn the_brief_carries_commitments_landing_and_growth_as_the_tabs_show_them() {
    let (ws, p) = reviewed();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let md = brief::markdown(&ws, &p, today);
    // Commitments on both sides, each with its state; text escaped.
    assert!(md.contains(
        "## Commitments\n\n\
         - **Their delivery record:** 1 of 2 due delivered on time, 1 not delivered (50 % delivery credit); 50 % over the last 90 days\n\
         - **Our delivery record:** 0 of 1 due delivered on time, 1 late (70 % delivery credit); 70 % over the last 90 days\n\n\
         **Wavelet's commitments**\n\n"
    ), "{md}");
    assert!(
        md.contains("- Campaign calendar — open, due 15 November 2026, overdue by 8 days\n"),
        "{md}"
    );
    assert!(
        md.contains("- API \\*keys\\* — delivered 1 October 2026 (due 1 October 2026)\n"),
        "{md}"
    );
    assert!(md.contains("**Our commitments**\n\n"), "{md}");
    assert!(
        md.contains("- Dashboard access — open, due 10 December 2026\n"),
        "{md}"
    );
    assert!(
        md.contains("- Press kit — delivered 20 September 2026, late (due 1 September 2026)\n"),
        "{md}"
    );
    // Landing per market and team, with the progress the Landing tab shows.
    assert!(
        md.contains("## Landing\n\n- **Landing progress:** 17 % — 1 of 6 steps done · 17 % on plan (5 steps late or undated)\n"),
        "{md}"
    );
    assert!(md.contains(
        "- United States: enabled ✓ 1 September 2026 · launched planned 1 November 2026, 22 days behind (Ana Ruiz) · adopted not planned\n\
         - Support: enabled not planned · launched not planned · adopted not planned\n"
    ), "{md}");
    // Growth per market and breadth of buy-in: the Metrics tab's panel, and the very
    // words of the Health tab's buy-in component.
    assert!(
        md.contains("- **Main metric:** users, judged in October 2026\n"),
        "{md}"
    );
    let health = tandem::model::figures::health::components(&ws, &p, today);
    let buy_in = health
        .iter()
        .find(|c| c.factor == tandem::model::figures::health::Factor::BuyIn)
        .unwrap();
    assert_eq!(buy_in.value, Some(2.0 / 3.0));
    assert!(
        md.contains(&format!(
            "- **Breadth of buy-in:** {}{} — breadth 67 %\n",
            buy_in.detail[..1].to_uppercase(),
            &buy_in.detail[1..]
        )),
        "{md}"
    );
    assert!(md.contains("- United States: 126,000 · month over month 0.0 % · year over year +40 % · last 3 months against a year earlier +36,000 a month (+40 %)\n"), "{md}");
    assert!(md.contains("- Germany: 360 · "), "{md}");
}
