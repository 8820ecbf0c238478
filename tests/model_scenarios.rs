//! The calibration suite: small Tandem files in `tests/scenarios/`, each a partner
//! situation a lead would recognise, with the lead's conclusion beside it
//! (`NAME.json` + `NAME.expect.json`). Each file goes through `restore`, like any file the
//! app opens; the judgment report (`documents::report`) is built for the expectation's
//! `today`, and every conclusion is checked against the report's JSON.
//!
//! - `tests/scenarios/*.json` must all agree with the lead: `cargo test --test
//!   model_scenarios`.
//! - `tests/scenarios/pending/*.json` are situations the current rules judge differently
//!   from a lead; they wait for the rule named in their `principle`. A pending scenario
//!   the rules now meet fails `pending_scenarios_still_disagree`, naming it, so that it is
//!   moved up in the commit that makes it pass; `-- --nocapture` prints why each other one
//!   is still pending.
//!
//! The expectation's keys are documented in `docs/model/report.md`; an unknown key is an
//! error, so a typo cannot turn a check off.

use serde_json::{Map, Value};
use std::fs;
use std::path::{Path, PathBuf};
use tandem::model::documents::report;
use tandem::model::formats::file;

const KNOWN_KEYS: &[&str] = &[
    "situation",
    "lead",
    "principle",
    "today",
    "partner",
    "health",
    "signals_must",
    "signals_must_not",
    "severe_signals_max",
    "walk_away",
    "concentrated",
    "markets_bought_in",
    "stale_markets",
    "components",
    "fit",
    "ability",
    "ladder",
    "pitch",
];

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(sub)
}

/// The scenarios of a folder, by name, sorted.
fn scenarios(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    name.ends_with(".json") && !name.ends_with(".expect.json")
                })
                .map(|p| {
                    let name = p
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    (name, p)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Every disagreement between the lead's expectation and the report; an error when the
/// scenario itself cannot be read.
fn judge(path: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let restored = file::restore(&text).map_err(|e| format!("refused: {e}"))?;
    let expect_path = path.with_extension("expect.json");
    let expect: Value = serde_json::from_str(
        &fs::read_to_string(&expect_path).map_err(|e| format!("no expectation: {e}"))?,
    )
    .map_err(|e| format!("expectation is not JSON: {e}"))?;
    let expect = expect
        .as_object()
        .ok_or("the expectation is not an object")?;
    for key in expect.keys() {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            return Err(format!("unknown expectation key {key:?}"));
        }
    }
    for key in ["situation", "lead", "principle", "today"] {
        if !expect.get(key).is_some_and(Value::is_string) {
            return Err(format!("the expectation needs a {key:?} text"));
        }
    }
    let today =
        chrono::NaiveDate::parse_from_str(expect["today"].as_str().unwrap_or_default(), "%Y-%m-%d")
            .map_err(|e| format!("today: {e}"))?;
    let built = report::build(&restored.workspace, today);
    let value = serde_json::to_value(&built).map_err(|e| e.to_string())?;
    let partners = value["partners"].as_array().cloned().unwrap_or_default();
    let partner = match expect.get("partner").and_then(Value::as_str) {
        Some(id) => partners.iter().find(|p| p["id"] == id),
        None => partners.first(),
    }
    .ok_or("no such partner in the file")?;
    Ok(check(expect, partner))
}

/// Whether `actual` is `wanted`, or one of `wanted` when that is a list.
fn one_of(wanted: &Value, actual: &Value) -> bool {
    match wanted {
        Value::Array(options) => options.contains(actual),
        w => w == actual,
    }
}

/// Whether a signal matches a pattern: every field the pattern gives (`kind`,
/// `severity`, `whose`, each a value or a list of values) matches.
fn matches(pattern: &Value, signal: &Value) -> bool {
    ["kind", "severity", "whose"]
        .iter()
        .all(|field| pattern.get(field).is_none_or(|w| one_of(w, &signal[field])))
}

fn check(expect: &Map<String, Value>, p: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let signals = p["signals"].as_array().cloned().unwrap_or_default();
    let brief = |s: &Value| format!("{} {} ({})", s["severity"], s["kind"], s["whose"]);
    let listed = signals.iter().map(brief).collect::<Vec<_>>().join(", ");
    if let Some(w) = expect.get("health") {
        if !one_of(w, &p["health"]["band"]) {
            out.push(format!(
                "health: the lead says {w}, the report {} (score {})",
                p["health"]["band"], p["health"]["score"]
            ));
        }
    }
    for pattern in expect
        .get("signals_must")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !signals.iter().any(|s| matches(pattern, s)) {
            out.push(format!(
                "signals: the lead expects {pattern}; the report has [{listed}]"
            ));
        }
    }
    for pattern in expect
        .get("signals_must_not")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for s in signals.iter().filter(|s| matches(pattern, s)) {
            out.push(format!(
                "signals: the lead expects nothing like {pattern}; the report has {}: {}",
                brief(s),
                s["reason"]
            ));
        }
    }
    if let Some(max) = expect.get("severe_signals_max").and_then(Value::as_u64) {
        let severe = signals.iter().filter(|s| s["severity"] == "severe").count() as u64;
        if severe > max {
            out.push(format!(
                "signals: at most {max} severe expected, the report has {severe}: [{listed}]"
            ));
        }
    }
    if let Some(w) = expect.get("walk_away") {
        if &p["walk_away"]["suggested"] != w {
            out.push(format!(
                "walk away: the lead says {w}, the report {} ({})",
                p["walk_away"]["suggested"], p["walk_away"]["reasons"]
            ));
        }
    }
    if let Some(w) = expect.get("concentrated") {
        if &p["buy_in"]["flagged"] != w {
            out.push(format!(
                "concentrated: the lead says {w}, the report {} ({})",
                p["buy_in"]["flagged"], p["buy_in"]["flag_reason"]
            ));
        }
    }
    for key in ["markets_bought_in", "stale_markets"] {
        if let Some(w) = expect.get(key) {
            let mut want: Vec<String> = w
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect();
            let mut got: Vec<String> = p["buy_in"][key]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect();
            want.sort();
            got.sort();
            if want != got {
                out.push(format!("{key}: the lead says {want:?}, the report {got:?}"));
            }
        }
    }
    if let Some(components) = expect.get("components").and_then(Value::as_object) {
        let parts = p["health"]["components"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (name, rule) in components {
            let Some(part) = parts.iter().find(|c| c["component"] == name.as_str()) else {
                out.push(format!("component {name}: not counted at this stage"));
                continue;
            };
            if let Some(w) = rule.get("left_out") {
                if &part["left_out"] != w {
                    out.push(format!(
                        "component {name}: left out should be {w}, is {} ({})",
                        part["left_out"], part["detail"]
                    ));
                }
            }
            // A bound applies to a value; a component left out has none.
            if let Some(v) = part["value"].as_f64() {
                if let Some(min) = rule.get("min").and_then(Value::as_f64) {
                    if v < min {
                        out.push(format!(
                            "component {name}: the lead expects at least {min}, the report {v:.3} ({})",
                            part["detail"]
                        ));
                    }
                }
                if let Some(max) = rule.get("max").and_then(Value::as_f64) {
                    if v > max {
                        out.push(format!(
                            "component {name}: the lead expects at most {max}, the report {v:.3} ({})",
                            part["detail"]
                        ));
                    }
                }
            }
        }
    }
    if let Some(w) = expect.get("fit") {
        if !one_of(w, &p["fit"]["recommendation"]) {
            out.push(format!(
                "fit: the lead says {w}, the report {} ({})",
                p["fit"]["recommendation"], p["fit"]["reasons"]
            ));
        }
    }
    if let Some(w) = expect.get("ability") {
        if !one_of(w, &p["ability_to_deliver"]["level"]) {
            out.push(format!(
                "ability to deliver: the lead says {w}, the report {} ({})",
                p["ability_to_deliver"]["level"], p["ability_to_deliver"]["score"]
            ));
        }
    }
    if let Some(levels) = expect.get("ladder").and_then(Value::as_object) {
        let rungs = p["ladder"]["levels"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (level, w) in levels {
            let got = rungs
                .iter()
                .find(|r| r["level"] == level.as_str())
                .map_or(Value::Null, |r| r["readiness"].clone());
            if !one_of(w, &got) {
                out.push(format!(
                    "ladder {level}: the lead says {w}, the report {got}"
                ));
            }
        }
    }
    if let Some(ingredients) = expect.get("pitch").and_then(Value::as_object) {
        let checks = p["pitch"]["ingredients"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (ingredient, w) in ingredients {
            let got = checks
                .iter()
                .find(|c| c["ingredient"] == ingredient.as_str());
            let status = got.map_or(Value::Null, |c| c["status"].clone());
            if !one_of(w, &status) {
                out.push(format!(
                    "pitch {ingredient}: the lead says {w}, the report {status} ({})",
                    got.map_or(Value::Null, |c| c["message"].clone())
                ));
            }
        }
    }
    out
}

#[test]
fn every_scenario_agrees_with_the_lead() {
    let all = scenarios(&dir(""));
    assert!(!all.is_empty(), "no scenarios found in tests/scenarios/");
    let mut failures = Vec::new();
    for (name, path) in &all {
        match judge(path) {
            Ok(problems) if problems.is_empty() => {}
            Ok(problems) => failures.push(format!("{name}:\n  - {}", problems.join("\n  - "))),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios disagree with the lead:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn the_suite_holds_at_least_thirty_scenarios() {
    let n = scenarios(&dir("")).len() + scenarios(&dir("pending")).len();
    assert!(n >= 30, "only {n} scenarios");
}

/// Pending scenarios still have to be valid files with valid expectations, so that they
/// are ready to be promoted the day their rule lands.
#[test]
fn pending_scenarios_are_readable() {
    for (name, path) in scenarios(&dir("pending")) {
        if let Err(e) = judge(&path) {
            panic!("pending/{name}: {e}");
        }
    }
}

/// Every pending scenario still disagrees with the lead: one the rules now meet must move
/// up to `tests/scenarios/`, where it guards the rule from then on. Run with
/// `-- --nocapture` to see why each is still pending.
#[test]
fn pending_scenarios_still_disagree() {
    let pending = scenarios(&dir("pending"));
    let mut passing = Vec::new();
    for (name, path) in &pending {
        match judge(path) {
            Ok(problems) if problems.is_empty() => passing.push(name.clone()),
            Ok(problems) => println!("still pending {name}:\n  - {}", problems.join("\n  - ")),
            Err(e) => panic!("pending/{name}: {e}"),
        }
    }
    assert!(
        passing.is_empty(),
        "{} pending scenarios now agree with the lead; move them up to tests/scenarios/: {}",
        passing.len(),
        passing.join(", ")
    );
}

/// The runner must be able to fail: a healthy scenario judged "at risk" by a lead, with a
/// signal the report does not raise, is reported on both counts.
#[test]
fn a_conclusion_the_report_contradicts_is_caught() {
    let source = dir("").join("healthy_live_partner.json");
    let temp = std::env::temp_dir().join(format!("tandem-scenario-{}", std::process::id()));
    fs::create_dir_all(&temp).expect("a temp dir");
    let copy = temp.join("contradicted.json");
    fs::copy(&source, &copy).expect("a copy of the scenario");
    let mut expect: Value = serde_json::from_str(
        &fs::read_to_string(source.with_extension("expect.json")).expect("its expectation"),
    )
    .expect("JSON");
    expect["health"] = "at_risk".into();
    expect["signals_must"] = serde_json::json!([{"kind": "stuck"}]);
    fs::write(copy.with_extension("expect.json"), expect.to_string()).expect("written");
    let problems = judge(&copy).expect("readable");
    let _ = fs::remove_dir_all(&temp);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("health:"), "{}", problems[0]);
    assert!(problems[1].contains("\"stuck\""), "{}", problems[1]);
}
