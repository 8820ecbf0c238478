//! Every format version ever released keeps importing.
//!
//! `tests/fixtures/` holds one file per released format version, `format-v<N>.json`, as
//! that version of Tandem wrote it. Each must restore, report its own version, come out
//! as a valid workspace of today's model with none of its records lost, and survive
//! being written in the current version and read back unchanged. A new format version
//! must add its fixture: the first test fails until it does (docs/FORMAT.md, "Versions
//! and migrations").

use serde_json::Value;
use std::path::PathBuf;
use tandem::model::formats::file::{self, Scope};
use tandem::model::{workspace::validate, Workspace};

fn fixture_path(version: u64) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/format-v{version}.json"))
}

fn fixture(version: u64) -> String {
    let path = fixture_path(version);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no fixture for format version {version} at {} ({e}). Every released version \
             keeps a fixture: save a file written by that version there.",
            path.display()
        )
    })
}

/// Every version this build has ever written: the first release was version 1.
fn released_versions() -> std::ops::RangeInclusive<u64> {
    1..=file::VERSION
}

#[test]
fn every_released_version_has_a_fixture_and_is_still_read() {
    assert_eq!(
        file::OLDEST_VERSION,
        1,
        "dropping support for a released version loses people's files"
    );
    for version in released_versions() {
        let text = fixture(version);
        let raw: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            raw["version"].as_u64(),
            Some(version),
            "format-v{version}.json holds another version"
        );
        let restored =
            file::restore(&text).unwrap_or_else(|e| panic!("format-v{version}.json: {e}"));
        assert_eq!(restored.version, version);
        assert_eq!(
            validate::workspace(&restored.workspace),
            vec![],
            "format-v{version}.json restored to an invalid workspace"
        );
    }
    // No stray fixture for a version this build does not know.
    assert!(!fixture_path(file::VERSION + 1).exists());
}

/// How many records of each kind a file holds, counted on its raw JSON, so a migration
/// that drops records is caught whatever the version's shape.
fn raw_counts(text: &str) -> (usize, usize, usize) {
    let raw: Value = serde_json::from_str(text).unwrap();
    let ws = &raw["workspace"];
    let len = |v: &Value| v.as_array().map_or(0, Vec::len);
    let partners = ws["partners"].as_array().cloned().unwrap_or_default();
    let players = partners.iter().map(|p| len(&p["key_players"])).sum();
    (len(&ws["markets"]), partners.len(), players)
}

fn counts(ws: &Workspace) -> (usize, usize, usize) {
    let players = ws.partners.iter().map(|p| p.key_players.len()).sum();
    (ws.markets.len(), ws.partners.len(), players)
}

#[test]
fn every_fixture_upgrades_to_the_current_model_losing_nothing() {
    for version in released_versions() {
        let text = fixture(version);
        let restored = file::restore(&text).unwrap();
        assert_eq!(
            counts(&restored.workspace),
            raw_counts(&text),
            "format-v{version}.json: records lost in the upgrade"
        );
        // Written in the current version and read back: the same workspace.
        for pretty in [true, false] {
            let rewritten = file::write(
                &restored.workspace,
                restored.scope,
                restored.saved_at,
                pretty,
            );
            let again = file::restore(&rewritten).unwrap();
            assert_eq!(again.version, file::VERSION);
            assert_eq!(
                again.workspace, restored.workspace,
                "format-v{version}.json"
            );
            assert_eq!(again.scope, restored.scope);
            assert_eq!(again.saved_at, restored.saved_at);
        }
    }
}

/// The version 1 fixture, field by field: what its author wrote is what the app sees.
#[test]
fn the_version_1_fixture_reads_as_written() {
    let restored = file::restore(&fixture(1)).unwrap();
    assert_eq!(restored.scope, Scope::Workspace);
    assert_eq!(restored.saved_at.to_rfc3339(), "2026-03-14T16:42:05+00:00");
    let ws = &restored.workspace;
    assert_eq!(ws.program_name, "Northwind Audio — Partnerships 2026");
    let names: Vec<_> = ws.markets.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Germany", "Nordics", "Japan"]);
    let wavelet = &ws.partners[0];
    assert_eq!(wavelet.name, "Wavelet Audio");
    assert_eq!(wavelet.tags, ["hi-fi", "API", "Q2 launch"]);
    assert!(wavelet.notes.contains("\"exclusive in DACH\""));
    assert_eq!(wavelet.key_players[1].influence, 3);
    assert_eq!(ws.market_name(&ws.partners[2].markets[0]), "Japan");
    assert_eq!(ws.partners[2].key_players[0].title, "代表取締役");
}

/// The values a JSON document holds, by path (`workspace.partners[2].key_players[0].title`).
/// Empty lists, empty objects and nulls hold nothing to lose and are left out; numbers
/// are compared as numbers, so `1.0` written as `1` is the same value.
fn leaves(value: &Value, path: String, out: &mut std::collections::BTreeMap<String, Value>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}[{i}]"), out);
            }
        }
        Value::Null => {}
        Value::Number(n) => {
            out.insert(path, n.as_f64().map_or(Value::Null, Value::from));
        }
        other => {
            out.insert(path, other.clone());
        }
    }
}

/// Every value of `raw`'s workspace that `rewritten`'s lacks or changed, by path: what a
/// restore dropped (an unknown field, a field the migration forgot) or altered.
fn dropped(raw: &str, rewritten: &str) -> Vec<String> {
    let (mut before, mut after) = Default::default();
    let parse = |t: &str| serde_json::from_str::<Value>(t).unwrap()["workspace"].clone();
    leaves(&parse(raw), String::new(), &mut before);
    leaves(&parse(rewritten), String::new(), &mut after);
    before
        .into_iter()
        .filter(|(path, v)| after.get(path) != Some(v))
        .map(|(path, v)| format!("{path} = {v}"))
        .collect()
}

/// How many entries each list of the format holds in a file, counted on its raw JSON
/// for every list `check::LIST_LIMITS` names: every record kind (pitches, meetings,
/// goals, commitments, landing, metrics, wins, decisions, levers …), and any kind added
/// later without touching this test.
fn list_counts(text: &str) -> Vec<(&'static str, usize)> {
    fn count(value: &Value, path: &[&str]) -> usize {
        let Some((first, rest)) = path.split_first() else {
            return 0;
        };
        let (key, each) = match first.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (*first, false),
        };
        match (&value[key], each, rest.is_empty()) {
            (Value::Array(items), false, true) => items.len(),
            (Value::Array(items), true, false) => items.iter().map(|i| count(i, rest)).sum(),
            (inner @ Value::Object(_), false, false) => count(inner, rest),
            _ => 0,
        }
    }
    let raw: Value = serde_json::from_str(text).unwrap();
    tandem::model::core::check::LIST_LIMITS
        .iter()
        .map(|(path, _)| {
            let parts: Vec<&str> = path.split('.').collect();
            (*path, count(&raw["workspace"], &parts))
        })
        .collect()
}

/// Issue 13, item 14: every record kind of every fixture is counted through the upgrade,
/// and every value the fixture holds is in the file written from it, so an unknown
/// field (dropped by the reader) or a migration that forgets a field fails here.
#[test]
fn every_fixture_keeps_every_record_of_every_kind_and_every_value() {
    for version in released_versions() {
        let text = fixture(version);
        let restored = file::restore(&text).unwrap();
        let rewritten = file::write(&restored.workspace, restored.scope, restored.saved_at, true);
        assert_eq!(
            list_counts(&rewritten),
            list_counts(&text),
            "format-v{version}.json: records lost in the upgrade"
        );
        assert_eq!(
            dropped(&text, &rewritten),
            Vec::<String>::new(),
            "format-v{version}.json: values lost in the upgrade"
        );
    }
    // The newest fixture holds at least one of every record kind, so the counts above
    // are not vacuous. Tombstones and a ladder move's warnings are the only lists it
    // may leave empty: neither is a record a person writes.
    let empty: Vec<&str> = list_counts(&fixture(file::VERSION))
        .into_iter()
        .filter(|(_, n)| *n == 0)
        .map(|(path, _)| path)
        .collect();
    assert_eq!(empty, ["deleted", "partners[].ladder_moves[].warnings"]);
}

/// The check above is not vacuous: an unknown field, a value changed and a record lost
/// in a copy of the fixture are each found, by path.
#[test]
fn the_value_check_finds_an_unknown_field_a_changed_value_and_a_lost_record() {
    let text = fixture(file::VERSION);
    let mut raw: Value = serde_json::from_str(&text).unwrap();
    raw["workspace"]["partners"][0]["budget"] = "1.2M".into();
    let with_unknown = raw.to_string();
    // The reader takes the file, but the field is not in what it writes back.
    let restored = file::restore(&with_unknown).unwrap();
    let rewritten = file::write(
        &restored.workspace,
        restored.scope,
        restored.saved_at,
        false,
    );
    assert_eq!(
        dropped(&with_unknown, &rewritten),
        ["partners[0].budget = \"1.2M\""]
    );

    let mut changed: Value = serde_json::from_str(&rewritten).unwrap();
    changed["workspace"]["partners"][2]["key_players"][0]["influence"] = 1.into();
    let lost_meeting = {
        let mut v = changed.clone();
        v["workspace"]["partners"][0]["meetings"] = Value::Array(Vec::new());
        v.to_string()
    };
    let found = dropped(&rewritten, &changed.to_string());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("partners[2].key_players[0].influence = "));
    let counts_before = list_counts(&rewritten);
    let counts_after = list_counts(&lost_meeting);
    assert_ne!(counts_before, counts_after);
    let meetings = |c: &[(&str, usize)]| {
        c.iter()
            .find(|(p, _)| *p == "partners[].meetings")
            .unwrap()
            .1
    };
    assert_eq!(meetings(&counts_before) - meetings(&counts_after), 1);
}

/// Every file ever written names a category and a market position: they read as
/// chosen. A partner without them (added in Tandem, nobody chose yet) reads as not set
/// and is written without them, and the file round-trips.
#[test]
fn category_and_position_read_as_chosen_from_old_files_and_as_not_set_when_absent() {
    use tandem::model::{Category, MarketPosition};
    let ws = file::restore(&fixture(1)).unwrap().workspace;
    assert!(ws
        .partners
        .iter()
        .all(|p| p.category.is_some() && p.position.is_some()));
    assert_eq!(
        ws.partners[0].category,
        Some(Category::TechnologyIntegration)
    );
    assert_eq!(ws.partners[0].position, Some(MarketPosition::Challenger));

    let mut unset = ws.clone();
    unset.partners[0].category = None;
    unset.partners[0].position = None;
    let text = file::write(&unset, Scope::Workspace, chrono::Utc::now(), true);
    let value: Value = serde_json::from_str(&text).unwrap();
    let written = &value["workspace"]["partners"][0];
    assert!(written.get("category").is_none() && written.get("position").is_none());
    let back = file::restore(&text).unwrap().workspace;
    assert_eq!(back.partners[0].category, None);
    assert_eq!(back.partners[0].position, None);
    assert_eq!(back, unset);
    // A null written by hand means the same: not set.
    let nulled = text.replacen(
        "\"stage\":",
        "\"category\": null, \"position\": null, \"stage\":",
        1,
    );
    let back = file::restore(&nulled).unwrap().workspace;
    assert_eq!(back.partners[0].position, None::<MarketPosition>);
}
