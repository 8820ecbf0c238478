//! A fuzz of the import's parse-and-validate path (`file::restore`) over structurally
//! mutated valid files: values deleted, duplicated, replaced, moved, swapped for
//! another type, and hostile strings injected where text or ids belong. Whatever comes
//! in, `restore` must not panic, and anything it accepts must pass validation and write
//! back to the same workspace.
//!
//! The number of cases is `TANDEM_FUZZ_CASES` (default 2000, so `cargo test` stays
//! quick); a long run:
//!
//! ```text
//! TANDEM_FUZZ_CASES=100000 cargo test --test model_fuzz -- --nocapture
//! ```
//!
//! The test prints how many cases ran and what became of them. A failure prints the
//! smallest list of mutations proptest found and the file it made; turn that into a
//! named example test.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;
use tandem::model::core::check;
use tandem::model::formats::file::{self, FileError, Scope};
use tandem::model::{demo, Id};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// Strings that break naive code, and strings that are almost right for this format:
/// other records' ids, vocabulary keys, times, lengths just past the limits.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "\u{3000}",
    "\u{FEFF}",
    "\u{0}",
    "\r\n",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://",
    "https://a b.example",
    "http://example.com/\u{0}",
    "{{constructor.constructor('alert(1)')()}}",
    "' OR 1=1 --",
    "%s%s%n",
    "../../../../etc/passwd",
    "\u{202E}evil\u{202C}",
    "Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮",
    "🏳️‍🌈👩‍👩‍👧‍👦",
    "İstanbul ﬁ ß Σσς",
    "𝕋𝕒𝕟𝕕𝕖𝕞",
    "undefined",
    "null",
    "NaN",
    "1e400",
    "demo-p-01",
    "demo-m-us",
    "demo-k-01-1",
    "p-1 ",
    "research",
    "walked_away",
    "decision_maker",
    "tandem",
    "workspace",
    "partners",
    "2026-02-30T10:00:00Z",
    "9999-12-31T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "2026-11-23T10:00:00+14:00",
];

/// Longer hostile strings, made once: at and just past each length limit.
fn long_hostile() -> Vec<String> {
    let ids = "a".repeat(Id::MAX_LEN);
    vec![
        ids.clone(),
        format!("{ids}a"),
        "t".repeat(check::MAX_TAG),
        "t".repeat(check::MAX_TAG + 1),
        "é".repeat(check::MAX_NAME),
        "é".repeat(check::MAX_NAME + 1),
        "n".repeat(check::MAX_NOTES + 1),
        format!("https://{}", "w".repeat(check::MAX_URL)),
    ]
}

/// One structural change, aimed by indexes into the document's current paths.
#[derive(Clone, Debug)]
enum Mutation {
    /// Removes a member of an object or an item of a list.
    Delete(Index),
    /// Repeats a list item next to itself, or copies a member's value onto another key
    /// of its object.
    Duplicate(Index, Index),
    /// Puts any small JSON value in place of a value.
    Replace(Index, Value),
    /// Copies one value over another somewhere else in the document.
    Move(Index, Index),
    /// The same content as another type: "5" for 5, [..] for {..}, and so on.
    SwapType(Index),
    /// A hostile string in place of a string, or around it.
    Inject(Index, Index, Placement),
}

#[derive(Clone, Copy, Debug)]
enum Placement {
    Instead,
    Before,
    After,
}

/// A path into a JSON document.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    At(usize),
}

fn paths(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                here.push(Step::Key(k.clone()));
                paths(v, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(Step::At(i));
                paths(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::At(i) => v.get_mut(*i),
    })
}

fn get<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::At(i) => v.get(*i),
    })
}

fn all_paths(doc: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    paths(doc, &mut Vec::new(), &mut out);
    out
}

fn swapped(value: &Value) -> Value {
    match value {
        Value::Null => json!(false),
        Value::Bool(b) => json!(b.to_string()),
        Value::Number(n) => json!(n.to_string()),
        Value::String(s) => match s.parse::<f64>() {
            Ok(n) => json!(n),
            Err(_) => json!([s]),
        },
        Value::Array(items) => Value::Object(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect(),
        ),
        Value::Object(map) => Value::Array(map.values().cloned().collect()),
    }
}

fn apply(doc: &mut Value, m: &Mutation, hostile: &[String]) {
    let all = all_paths(doc);
    let pick = |i: &Index| all[i.index(all.len())].clone();
    match m {
        Mutation::Delete(i) => {
            let mut path = pick(i);
            let Some(last) = path.pop() else { return };
            match (get_mut(doc, &path), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.remove(&k);
                }
                (Some(Value::Array(items)), Step::At(at)) => {
                    items.remove(at);
                }
                _ => {}
            }
        }
        Mutation::Duplicate(i, j) => {
            let mut path = pick(i);
            let Some(last) = path.pop() else { return };
            match (get_mut(doc, &path), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    let other = keys[j.index(keys.len())].clone();
                    let v = map[&k].clone();
                    map.insert(other, v);
                }
                (Some(Value::Array(items)), Step::At(at)) => {
                    let v = items[at].clone();
                    items.insert(at, v);
                }
                _ => {}
            }
        }
        Mutation::Replace(i, with) => {
            if let Some(slot) = get_mut(doc, &pick(i)) {
                *slot = with.clone();
            }
        }
        Mutation::Move(from, to) => {
            let Some(v) = get(doc, &pick(from)).cloned() else {
                return;
            };
            if let Some(slot) = get_mut(doc, &pick(to)) {
                *slot = v;
            }
        }
        Mutation::SwapType(i) => {
            if let Some(slot) = get_mut(doc, &pick(i)) {
                *slot = swapped(slot);
            }
        }
        Mutation::Inject(i, which, placement) => {
            // Aimed at strings: the index picks among the document's string values.
            let strings: Vec<Vec<Step>> = all
                .iter()
                .filter(|p| get(doc, p).is_some_and(Value::is_string))
                .cloned()
                .collect();
            if strings.is_empty() {
                return;
            }
            let path = &strings[i.index(strings.len())];
            let h = &hostile[which.index(hostile.len())];
            if let Some(Value::String(s)) = get_mut(doc, path) {
                *s = match placement {
                    Placement::Instead => h.clone(),
                    Placement::Before => format!("{h}{s}"),
                    Placement::After => format!("{s}{h}"),
                };
            }
        }
    }
}

/// A small JSON value of any kind; now and then a nested one.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (0u8..=7).prop_map(Value::from),
        select(HOSTILE).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(select(HOSTILE), inner, 0..4).prop_map(|m| {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// Now and then, after the structural changes, damage to the text itself.
#[derive(Clone, Debug)]
enum Damage {
    None,
    /// Cut the text at a byte.
    Truncate(Index),
    /// Overwrite one byte; invalid UTF-8 is read as the browser reads it (U+FFFD).
    Byte(Index, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        12 => Just(Damage::None),
        1 => any::<Index>().prop_map(Damage::Truncate),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Byte(i, b)),
    ]
}

fn damaged(text: String, damage: &Damage) -> String {
    match damage {
        Damage::None => text,
        Damage::Truncate(i) => {
            let mut bytes = text.into_bytes();
            bytes.truncate(i.index(bytes.len()));
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Damage::Byte(i, b) => {
            let mut bytes = text.into_bytes();
            let at = i.index(bytes.len());
            bytes[at] = *b;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let placement = prop_oneof![
        Just(Placement::Instead),
        Just(Placement::Before),
        Just(Placement::After)
    ];
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Delete),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(i, j)| Mutation::Duplicate(i, j)),
        3 => (any::<Index>(), json_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(i, j)| Mutation::Move(i, j)),
        2 => any::<Index>().prop_map(Mutation::SwapType),
        4 => (any::<Index>(), any::<Index>(), placement)
            .prop_map(|(i, j, p)| Mutation::Inject(i, j, p)),
    ]
}

/// The valid files the mutations start from: the demo, a partners export of it, an
/// empty workspace, and the format fixture, in compact and pretty writing.
fn seeds() -> Vec<Value> {
    let demo = demo::workspace(now());
    let chosen: HashSet<Id> = demo.partners.iter().take(3).map(|p| p.id.clone()).collect();
    let part = file::subset(&demo, &chosen);
    let empty = tandem::model::Workspace::empty();
    let mut seeds: Vec<Value> = [
        file::write(&demo, Scope::Workspace, now(), false),
        file::write(&part, Scope::Partners, now(), false),
        file::write(&empty, Scope::Workspace, now(), false),
    ]
    .iter()
    .map(|t| serde_json::from_str(t).unwrap())
    .collect();
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/format-v1.json"
    ))
    .unwrap();
    seeds.push(serde_json::from_str(&fixture).unwrap());
    seeds
}

fn kind(e: &FileError) -> &'static str {
    match e {
        FileError::TooLarge { .. } => "too large",
        FileError::NotJson { .. } => "not JSON",
        FileError::NotTandem { .. } => "not Tandem",
        FileError::UnknownVersion { .. } => "unknown version",
        FileError::Shape { .. } => "shape",
        FileError::Invalid(_) => "rules",
    }
}

fn cases() -> u32 {
    match std::env::var("TANDEM_FUZZ_CASES") {
        Ok(n) => n
            .parse()
            .unwrap_or_else(|_| panic!("TANDEM_FUZZ_CASES={n:?} is not a number of cases")),
        Err(_) => 2_000,
    }
}

#[test]
fn restore_survives_structurally_mutated_files() {
    let cases = cases();
    let seeds = seeds();
    let hostile: Vec<String> = HOSTILE
        .iter()
        .map(|s| s.to_string())
        .chain(long_hostile())
        .collect();
    let outcomes: RefCell<BTreeMap<&'static str, usize>> = RefCell::default();
    let mut runner = TestRunner::new(common::fast_config(cases));
    let strategy = (
        0..seeds.len(),
        any::<bool>(),
        proptest::collection::vec(mutation(), 1..=4),
        damage(),
    );
    let started = Instant::now();
    let result = runner.run(&strategy, |(seed, pretty, mutations, damage)| {
        let mut doc = seeds[seed].clone();
        for m in &mutations {
            apply(&mut doc, m, &hostile);
        }
        let text = if pretty {
            serde_json::to_string_pretty(&doc).unwrap()
        } else {
            doc.to_string()
        };
        let text = damaged(text, &damage);
        // A panic here is caught by proptest, shrunk and reported as a failure.
        let outcome = match file::restore(&text) {
            Err(e) => {
                prop_assert!(!e.to_string().trim().is_empty(), "an empty error message");
                kind(&e)
            }
            Ok(restored) => {
                // Not "is it valid": restore ran that very check. What can fail is
                // that an accepted file writes to one that restores to the same.
                let again = file::write(
                    &restored.workspace,
                    restored.scope,
                    restored.saved_at,
                    false,
                );
                let back = file::restore(&again)
                    .map_err(|e| TestCaseError::fail(format!("re-written file refused: {e}")))?;
                prop_assert_eq!(back.workspace, restored.workspace);
                "accepted"
            }
        };
        *outcomes.borrow_mut().entry(outcome).or_default() += 1;
        Ok(())
    });
    let seconds = started.elapsed().as_secs_f64();
    let outcomes = outcomes.into_inner();
    let ran: usize = outcomes.values().sum();
    println!(
        "model_fuzz: {ran} mutated files through restore in {seconds:.1} s, no panic; \
         outcomes: {outcomes:?}"
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(ran >= cases as usize, "only {ran} of {cases} cases ran");
    // The mutations must reach every stage of the checks, or the fuzz tests little.
    if cases >= 1_000 {
        for outcome in ["accepted", "not JSON", "not Tandem", "shape", "rules"] {
            assert!(
                outcomes.contains_key(outcome),
                "no case ended as {outcome}: {outcomes:?}"
            );
        }
    }
}
