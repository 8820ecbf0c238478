//! The judgment report (`documents::report`) and the `tandem-report` binary: the report
//! reads every figure from the model, works on files of format versions 1 and 2, and
//! refuses a bad file with the app's own message.

use chrono::NaiveDate;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use tandem::model::documents::report::{self, REPORT_VERSION};
use tandem::model::figures::{health, signals};
use tandem::model::formats::file;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tandem-report"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_report_repeats_the_models_figures_for_every_partner() {
    let text = std::fs::read_to_string(fixture("format-v2.json")).expect("the fixture");
    let ws = file::restore(&text).expect("a valid file").workspace;
    let today = day("2026-12-01");
    let r = report::build(&ws, today);
    assert_eq!(r.report_version, REPORT_VERSION);
    assert_eq!(r.partners.len(), ws.partners.len());
    for (p, got) in ws.partners.iter().zip(&r.partners) {
        let h = health::health(&ws, p, today);
        assert_eq!(got.health.score, h.score, "{}", p.name);
        assert_eq!(got.health.components.len(), h.parts.len());
        let kinds: Vec<&str> = signals::for_partner(&ws, p, today)
            .iter()
            .map(|s| s.kind.key())
            .collect();
        let reported: Vec<&str> = got.signals.iter().map(|s| s.kind).collect();
        assert_eq!(reported, kinds, "{}", p.name);
        assert_eq!(got.ladder.levels.len(), 4);
    }
    let total: usize = r.portfolio.funnel.iter().map(|s| s.partners).sum();
    assert_eq!(total, ws.partners.len());
}

#[test]
fn overdue_commitments_belong_to_whoever_owes_them() {
    // In the v2 fixture Wavelet's overdue commitments are all ours.
    let text = std::fs::read_to_string(fixture("format-v2.json")).expect("the fixture");
    let ws = file::restore(&text).expect("a valid file").workspace;
    let r = report::build(&ws, day("2026-12-01"));
    let overdue: Vec<_> = r
        .partners
        .iter()
        .flat_map(|p| &p.signals)
        .filter(|s| s.kind.ends_with("overdue"))
        .collect();
    assert!(!overdue.is_empty());
    for s in overdue {
        // Whoever owes the commitment owns the signal: ours are our action items.
        let want = if s.kind == "our_overdue" {
            "ours"
        } else {
            "partner"
        };
        assert_eq!(s.whose, want, "{}: {}", s.kind, s.reason);
        let theirs = s.reason.contains("(theirs,");
        let ours = s.reason.contains("(ours,");
        assert!(!(ours && theirs), "one signal per side: {}", s.reason);
    }
}

#[test]
fn the_binary_reports_on_version_1_and_version_2_files() {
    for (name, version) in [("format-v1.json", 1), ("format-v2.json", 2)] {
        let out = run(&[&fixture(name), "--today", "2026-12-01"]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        assert_eq!(json["report_version"], REPORT_VERSION);
        assert_eq!(json["file_version"], version);
        assert_eq!(json["today"], "2026-12-01");
        let partner = &json["partners"][0];
        for key in [
            "health",
            "signals",
            "walk_away",
            "buy_in",
            "ability_to_deliver",
            "fit",
            "ladder",
            "pitch",
        ] {
            assert!(partner.get(key).is_some(), "{name}: no {key}");
        }
        assert!(json["portfolio"]["funnel"].is_array());
    }
}

#[test]
fn the_binary_refuses_a_bad_file_with_the_apps_message() {
    let dir = std::env::temp_dir().join(format!("tandem-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let cases = [
        ("not-json.json", "{ \"format\": "),
        (
            "future.json",
            r#"{"format":"tandem","version":9,"saved_at":"2026-01-01T00:00:00Z","workspace":{"program_name":"x"}}"#,
        ),
        (
            "blank-name.json",
            r#"{"format":"tandem","version":2,"saved_at":"2026-01-01T00:00:00Z","workspace":{"program_name":" "}}"#,
        ),
    ];
    for (name, text) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("written");
        let out = run(&[&path.to_string_lossy()]);
        let app = file::restore(text)
            .expect_err("the app refuses it")
            .to_string();
        assert!(!out.status.success(), "{name} was accepted");
        assert!(out.stdout.is_empty(), "{name}: something on stdout");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim_end(),
            app,
            "{name}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_explains_its_usage_and_a_bad_day() {
    let out = run(&[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: tandem-report FILE"));
    let out = run(&[&fixture("format-v2.json"), "--today", "1 Dec"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

fn report_doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model/report.md"))
        .expect("docs/model/report.md")
}

/// The doc's table of signal kinds is the report's: every kind the model has, with the
/// owner `signal_kind` gives it, and no row for a kind that no longer exists.
#[test]
fn every_signal_kind_is_in_the_report_doc_with_its_owner() {
    let doc = report_doc();
    for kind in signals::Kind::ALL {
        let signal = signals::Signal {
            kind,
            severity: signals::Severity::Warning,
            reason: String::new(),
        };
        let (key, whose) = report::signal_kind(&signal);
        let row = format!("| `{key}` | {whose} |");
        assert!(
            doc.contains(&row),
            "docs/model/report.md lacks the row {row}"
        );
    }
    let keys: Vec<&str> = signals::Kind::ALL.iter().map(|k| k.key()).collect();
    let table = doc
        .lines()
        .skip_while(|l| !l.starts_with("| kind | whose | why |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    for line in table {
        let key = line.split('`').nth(1).unwrap_or_default();
        assert!(
            keys.contains(&key),
            "docs/model/report.md names a kind the model lacks: {line}"
        );
    }
}

/// The doc's table of scenarios names every scenario with where it lives: `passing` for
/// `tests/scenarios/`, `pending: …` for `tests/scenarios/pending/`.
#[test]
fn every_scenario_is_listed_in_the_report_doc_with_its_status() {
    let doc = report_doc();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let names = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        name.strip_suffix(".expect.json").map(str::to_owned)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let row = |name: &str| {
        doc.lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .map(str::to_owned)
    };
    let passing = names(&root);
    assert!(passing.len() > 40, "the scenarios are found");
    for name in passing {
        let line = row(&name).unwrap_or_else(|| panic!("docs/model/report.md lacks {name}"));
        assert!(line.ends_with("| passing |"), "{name} passes: {line}");
    }
    for name in names(&root.join("pending")) {
        let line = row(&name).unwrap_or_else(|| panic!("docs/model/report.md lacks {name}"));
        assert!(line.contains("| pending"), "{name} is pending: {line}");
    }
}
