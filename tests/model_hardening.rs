//! Files and edits that used to leave a workspace unreadable or crash the app (issue 13):
//! times and days far outside any real program, a colleague's clock running fast, and
//! names made of invisible characters.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::formats::file::{self, Scope};
use tandem::model::workspace::validate;
use tandem::model::{demo, fit, goals, metrics, Id, Month, Stage, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0)
        .single()
        .expect("a valid time")
}

fn refusal(ws: &Workspace) -> String {
    let text = file::write(ws, Scope::Workspace, now(), false);
    match file::restore(&text) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_time_outside_the_years_is_refused_naming_the_field() {
    let mut ws = demo::workspace(now());
    let far = Utc
        .with_ymd_and_hms(2500, 1, 1, 0, 0, 0)
        .single()
        .expect("a time");
    ws.partners[2].created = far;
    ws.partners[2].updated = far;
    let message = refusal(&ws);
    assert!(
        message.contains("partners[2].created") && message.contains("outside 1900–2200"),
        "{message}"
    );
}

#[test]
fn chronos_last_moment_is_refused_and_nothing_panics() {
    let mut ws = demo::workspace(now());
    ws.partners[0].updated = DateTime::<Utc>::MAX_UTC;
    ws.deleted.push(tandem::model::Tombstone {
        id: Id::from_random(7),
        deleted: DateTime::<Utc>::MIN_UTC,
        stamp: Some(tandem::model::core::stamp::Stamp::new(i64::MAX, 0, 1)),
    });
    ws.markets[0].stamp = Some(tandem::model::core::stamp::Stamp::new(i64::MIN, 0, 1));
    let problems = validate::workspace(&ws);
    let paths: Vec<&str> = problems.iter().map(|e| e.path.as_str()).collect();
    assert!(paths.contains(&"partners[0].updated"), "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("].deleted")), "{paths:?}");
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("deleted[") && p.ends_with("].stamp")),
        "{paths:?}"
    );
    assert!(paths.contains(&"markets[0].stamp"), "{paths:?}");
    assert!(!refusal(&ws).is_empty());
}

#[test]
fn a_day_outside_the_years_is_refused_in_every_record_that_holds_one() {
    let mut ws = demo::workspace(now());
    let far = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day");
    let p = ws
        .partners
        .iter_mut()
        .find(|p| !p.meetings.is_empty() && !p.commitments.is_empty())
        .expect("the demo has a partner with meetings and commitments");
    p.meetings[0].date = far;
    p.commitments[0].due = far;
    let problems = validate::workspace(&ws);
    let fields: Vec<&str> = problems
        .iter()
        .map(|e| e.path.rsplit('.').next().unwrap_or(""))
        .collect();
    assert!(
        fields.contains(&"date") && fields.contains(&"due"),
        "{problems:?}"
    );
}

#[test]
fn a_name_of_invisible_characters_is_blank() {
    for invisible in ["\u{200B}", "\u{FEFF}", " \u{200D}\u{2060} ", "\u{202E}"] {
        let mut ws = demo::workspace(now());
        ws.partners[0].name = invisible.into();
        let problems = validate::workspace(&ws);
        assert!(
            problems
                .iter()
                .any(|e| e.path == "partners[0].name" && e.message == "is required"),
            "{invisible:?}: {problems:?}"
        );
    }
    // A name that merely contains one still counts as written.
    let mut ws = demo::workspace(now());
    ws.partners[0].name = "Wave\u{200B}let".into();
    assert_eq!(validate::workspace(&ws), vec![]);
}

/// An edit made on this machine to a partner whose times came from a colleague whose
/// clock runs fast.
#[derive(Clone, Debug)]
enum Edit {
    Stage,
    MetricValue,
    Goal,
    Fit,
}

fn apply(ws: &mut Workspace, partner: &Id, edit: &Edit, at: DateTime<Utc>) {
    let market = ws.markets[0].id.clone();
    let changed = match edit {
        Edit::Stage => ws.move_stage(partner, Stage::Negotiating, at),
        Edit::MetricValue => metrics::set_value(
            ws,
            partner,
            &market,
            "users",
            Month::of(at.date_naive()),
            Some(42.0),
            at,
        )
        .unwrap_or(false),
        Edit::Goal => {
            let goal = goals::Goal {
                id: Id::from_random(99),
                statement: "Launch in two markets".into(),
                metric: String::new(),
                target: None,
                due: None,
                status: tandem::model::GoalStatus::Open,
            };
            goals::save_goal(ws, partner, goal, at).unwrap_or(false)
        }
        Edit::Fit => {
            let fit = fit::Fit {
                strategic: Some(4),
                ..Default::default()
            };
            fit::save_fit(ws, partner, fit, at).unwrap_or(false)
        }
    };
    assert!(changed, "{edit:?} changed nothing");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any valid workspace stays valid after an edit, whatever the partner's stored
    /// times (within the years a file may carry) and however our clock compares.
    #[test]
    fn an_edit_never_makes_a_valid_workspace_invalid(
        ahead_days in 0i64..60_000,
        edit in prop_oneof![Just(Edit::Stage), Just(Edit::MetricValue), Just(Edit::Goal), Just(Edit::Fit)],
    ) {
        let mut ws = demo::workspace(now());
        let future = now() + Duration::days(ahead_days);
        let id = ws.partners[0].id.clone();
        ws.partners[0].created = future;
        ws.partners[0].updated = future;
        ws.partners[0].stage = Stage::Live;
        prop_assume!(validate::workspace(&ws).is_empty());
        apply(&mut ws, &id, &edit, now());
        let problems = validate::workspace(&ws);
        prop_assert!(problems.is_empty(), "{:?}: {:?}", edit, problems);
        prop_assert_eq!(refusal(&ws), "");
    }
}
