//! Property tests of the partner brief's Markdown (`model::documents::brief`): whatever people type
//! as names, titles, tags or notes, the brief keeps its own structure and never turns
//! their text into a link, an HTML tag or a heading.
//!
//! Text is drawn from all of Unicode, weighted heavily towards Markdown's own
//! characters and the fragments hostile text uses (`](`, `<script>`, `javascript:`,
//! line breaks followed by `#` or `-`).

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngAlgorithm;
use tandem::model::core::text;
use tandem::model::documents::brief::{self, escape};
use tandem::model::workspace::validate;
use tandem::model::{DecisionRole, Id, KeyPlayer, Market, Partner, Stance, Workspace};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(cases)
    }
}

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
    (
        (text(), text(), website(), text(), text()),
        proptest::collection::vec(text(), 0..3),
        players,
    )
        .prop_map(|((program, name, website, owner, notes), tags, players)| {
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
            ws.partners.push(p.clone().into());
            (ws, p)
        })
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
    #![proptest_config(config(512))]

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
    /// only headings are its own — five sections and one `###` per key player (this
    /// partner has no meetings).
    #[test]
    fn the_brief_keeps_its_headings((ws, p) in partner()) {
        let md = brief::markdown(&ws, &p, today());
        prop_assert!(md.starts_with("# Partner brief: "), "no heading:\n{}", md);
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
        let players = p.key_players.len();
        prop_assert_eq!(headings.len(), 6 + players, "headings {:?}", headings);
        prop_assert_eq!(headings[1], "## Profile");
        prop_assert_eq!(headings[2], "## Key players");
        prop_assert!(headings[3..3 + players].iter().all(|h| h.starts_with("### ")));
        prop_assert_eq!(headings[3 + players], "## Goals");
        prop_assert_eq!(headings[4 + players], "## Health");
        prop_assert_eq!(headings[5 + players], "## Latest meetings");
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
