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
