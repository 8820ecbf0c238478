//! A stored workspace that stricter checks now refuse: `formats::repair` brings it back
//! changing only the offending fields, names each, and refuses to invent or drop data.
//! Before it, such a value could only be downloaded: the app started empty under the
//! "could not be read" banner (`restore` refuses it, checked first in each test).

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;
use tandem::model::formats::file::{self, Scope};
use tandem::model::formats::repair::{self, Action, Unrepairable, MAX_FIXES};
use tandem::model::{demo, workspace::validate, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 30, 0).unwrap()
}

/// The demo as stored, with `edit` applied to its JSON.
fn stored(edit: impl FnOnce(&mut Value)) -> (Workspace, String) {
    let ws = demo::workspace(now());
    let mut value: Value =
        serde_json::from_str(&file::write(&ws, Scope::Workspace, now(), false)).unwrap();
    edit(&mut value);
    (ws, value.to_string())
}

#[test]
fn a_spoofed_website_and_times_out_of_range_are_cleared_and_set_to_now_and_nothing_else_changes() {
    let (original, text) = stored(|v| {
        let p = &mut v["workspace"]["partners"][2];
        p["website"] = "https://bank.example@evil.example".into();
        p["created"] = "9999-01-01T00:00:00Z".into();
        p["updated"] = "9999-06-01T00:00:00Z".into();
        v["workspace"]["partners"][4]["key_players"][0]["updated"] = "1800-01-01T00:00:00Z".into();
        v["workspace"]["partners"][5]["tags"] = serde_json::json!(["ok", "  ", "fine"]);
    });
    // Before: refused as a whole, so the app started empty.
    assert!(matches!(
        file::restore(&text),
        Err(file::FileError::Invalid(_))
    ));

    let repaired = repair::repair(&text, now()).unwrap();
    let fixes: Vec<String> = repaired.fixes.iter().map(ToString::to_string).collect();
    let name = |i: usize| original.partners[i].name.clone();
    let website = format!(
        "Partner \"{}\", website: cleared (was \"https://bank.example@evil.example\": ",
        name(2)
    );
    assert!(fixes.iter().any(|f| f.starts_with(&website)), "{fixes:#?}");
    assert!(
        fixes.iter().any(|f| f.starts_with(&format!(
            "Partner \"{}\", created: set to 6 December 2026, 09:30 UTC (was \"9999-01-01T00:00:00Z\": falls in the year 9999, outside 1900–2200)",
            name(2)
        ))),
        "{fixes:#?}"
    );
    assert!(
        fixes.iter().any(|f| f
            .contains("updated: set to 6 December 2026, 09:30 UTC (was \"9999-06-01T00:00:00Z\"")),
        "{fixes:#?}"
    );
    assert!(
        fixes.iter().any(|f| f
            .contains("updated: set to 6 December 2026, 09:30 UTC (was \"1800-01-01T00:00:00Z\"")),
        "{fixes:#?}"
    );
    assert!(
        fixes
            .iter()
            .any(|f| f.contains("tags: removed from the list (was \"  \"")),
        "{fixes:#?}"
    );
    assert_eq!(repaired.fixes.len(), 5, "{fixes:#?}");

    // Exactly those fields changed; every other record is as stored.
    let ws = &repaired.workspace;
    assert_eq!(validate::workspace(ws), vec![]);
    assert_eq!(ws.partners.len(), original.partners.len());
    assert_eq!(ws.partners[2].website, "");
    assert_eq!(
        (ws.partners[2].created, ws.partners[2].updated),
        (now(), now())
    );
    assert_eq!(ws.partners[4].key_players[0].updated, now());
    assert_eq!(ws.partners[5].tags, ["ok", "fine"]);
    let mut expected = original.clone();
    expected.partners[2].website.clear();
    expected.partners[2].created = now();
    expected.partners[2].updated = now();
    expected.partners[4].key_players[0].updated = now();
    expected.partners[5].tags = vec!["ok".into(), "fine".into()];
    assert_eq!(ws, &expected);
    // And it is a workspace like any other: written and read back unchanged.
    let again = file::restore(&file::write(ws, Scope::Workspace, now(), false)).unwrap();
    assert_eq!(&again.workspace, ws);
}

#[test]
fn an_updated_before_a_later_created_takes_the_created_time() {
    let later = "2100-01-01T00:00:00Z";
    let (_, text) = stored(|v| {
        v["workspace"]["partners"][0]["created"] = later.into();
    });
    let refusal = file::restore(&text).unwrap_err().to_string();
    assert!(refusal.contains("is earlier than created"), "{refusal}");
    let repaired = repair::repair(&text, now()).unwrap();
    let p = &repaired.workspace.partners[0];
    assert_eq!(p.updated, p.created);
    assert_eq!(p.created.to_rfc3339(), "2100-01-01T00:00:00+00:00");
    assert_eq!(repaired.fixes.len(), 1);
    assert!(matches!(repaired.fixes[0].action, Action::SetTo(_)));
}

#[test]
fn what_no_field_change_mends_is_named_and_nothing_is_offered() {
    // A blank name: required, so clearing cannot help and nothing is invented.
    let (original, text) = stored(|v| v["workspace"]["partners"][1]["name"] = "\u{200b}".into());
    match repair::repair(&text, now()) {
        Err(e @ Unrepairable::NoRepair(_)) => {
            let message = e.to_string();
            assert!(
                message.starts_with(
                    "It cannot be repaired here without inventing or losing data: Partner"
                ),
                "{message}"
            );
            assert!(message.contains("(at partners[1].name)"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // A repeated id: neither record may be dropped.
    let (_, text) = stored(|v| {
        let id = v["workspace"]["partners"][0]["id"].clone();
        v["workspace"]["partners"][1]["id"] = id;
    });
    assert!(matches!(
        repair::repair(&text, now()),
        Err(Unrepairable::NoRepair(_))
    ));
    // Fine as it is, not JSON, not Tandem: no repair either, each said.
    let (_, text) = stored(|_| {});
    assert_eq!(
        repair::repair(&text, now()),
        Err(Unrepairable::NothingToRepair)
    );
    assert!(matches!(
        repair::repair("{not json", now()),
        Err(Unrepairable::Unreadable(_))
    ));
    assert!(matches!(
        repair::repair(r#"{"format":"tandem","version":99}"#, now()),
        Err(Unrepairable::Unreadable(_))
    ));
    // A field of the wrong type is a shape problem: download only.
    let (_, text) = stored(|v| v["workspace"]["partners"][0]["stage"] = 5.into());
    assert!(matches!(
        repair::repair(&text, now()),
        Err(Unrepairable::Unreadable(_))
    ));
    assert!(!original.partners.is_empty());
}

#[test]
fn more_broken_rules_than_a_repair_takes_on_are_refused_by_count() {
    let (_, text) = stored(|v| {
        let partners = v["workspace"]["partners"].as_array_mut().unwrap();
        let template = partners[0].clone();
        for i in 0..MAX_FIXES {
            let mut p = template.clone();
            p["id"] = format!("bad-{i}").into();
            p["name"] = format!("Bad {i}").into();
            p["website"] = "javascript:alert(1)".into();
            partners.push(p);
        }
    });
    let refusal = repair::repair(&text, now()).unwrap_err();
    assert!(
        matches!(refusal, Unrepairable::TooMany { problems } if problems > MAX_FIXES),
        "{refusal:?}"
    );
    assert!(refusal
        .to_string()
        .contains("more than the 100 a repair takes on"));
}

/// The repairable kinds of damage a stored workspace can carry from an older build.
#[derive(Clone, Debug)]
enum Damage {
    Website(&'static str),
    Time {
        field: &'static str,
        at: &'static str,
    },
    KeyPlayerTime(&'static str),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        prop::sample::select(vec![
            "https://bank.example@evil.example",
            "javascript:alert(1)",
            "https://evil.example/\u{202e}elpmaxe.knab",
            "ftp://files.example",
            "https://",
        ])
        .prop_map(Damage::Website),
        (
            prop::sample::select(vec!["created", "updated"]),
            prop::sample::select(vec![
                "9999-12-31T23:59:59Z",
                "1800-01-01T00:00:00Z",
                "2201-01-01T00:00:00Z"
            ]),
        )
            .prop_map(|(field, at)| Damage::Time { field, at }),
        prop::sample::select(vec!["0001-01-01T00:00:00Z", "3000-01-01T00:00:00Z"])
            .prop_map(Damage::KeyPlayerTime),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any mix of repairable damage on any partners: the repair succeeds, every partner,
    /// key player and market is still there with its name, and only damaged partners
    /// differ from the stored original.
    #[test]
    fn repair_keeps_every_record_and_changes_only_damaged_partners(
        hits in prop::collection::vec((0usize..13, damage()), 1..6),
    ) {
        let (original, text) = stored(|v| {
            for (i, d) in &hits {
                let p = &mut v["workspace"]["partners"][*i];
                match d {
                    Damage::Website(w) => p["website"] = (*w).into(),
                    Damage::Time { field, at } => p[*field] = (*at).into(),
                    Damage::KeyPlayerTime(at) => {
                        if let Some(k) = p["key_players"].get_mut(0) {
                            k["updated"] = (*at).into();
                        }
                    }
                }
            }
        });
        let repaired = repair::repair(&text, now());
        if file::restore(&text).is_ok() {
            // Damage that happened to miss (a partner without key players).
            prop_assert_eq!(repaired, Err(Unrepairable::NothingToRepair));
            return Ok(());
        }
        let repaired = repaired.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(validate::workspace(&repaired.workspace).is_empty());
        prop_assert_eq!(&repaired.workspace.markets, &original.markets);
        prop_assert_eq!(repaired.workspace.partners.len(), original.partners.len());
        let damaged: Vec<usize> = hits.iter().map(|(i, _)| *i).collect();
        for (i, (got, was)) in repaired.workspace.partners.iter().zip(&original.partners).enumerate() {
            prop_assert_eq!(&got.name, &was.name);
            prop_assert_eq!(got.key_players.len(), was.key_players.len());
            if !damaged.contains(&i) {
                prop_assert_eq!(got, was);
            }
        }
        for fix in &repaired.fixes {
            let i: usize = fix.problem.path["partners[".len()..].split(']').next().unwrap().parse().unwrap();
            prop_assert!(damaged.contains(&i), "{} touched an undamaged partner", fix);
        }
    }
}
