//! Breadth of buy-in and late figures, judged as a partnerships lead would: the
//! situations of `docs/model/metrics.md` put through the model and through the screens
//! that read it (the health component and the concentration signal), and the properties
//! that keep them honest (the flag and the component agree; a late market never lowers
//! buy-in or growth). The worked example of the docs is `the_worked_example_of_the_docs`.

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::core::vocabulary::{GoalStatus, Stage};
use tandem::model::figures::health::{self, Factor};
use tandem::model::figures::signals::{self, Kind};
use tandem::model::goals::Goal;
use tandem::model::metrics::growth::{buy_in, BuyIn, Reading, Verdict};
use tandem::model::metrics::{self, Series};
use tandem::model::workspace::records::{Market, Partner, Workspace};
use tandem::model::{Id, Month};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

const MARKETS: [(&str, &str); 8] = [
    ("m-us", "United States"),
    ("m-br", "Brazil"),
    ("m-uk", "United Kingdom"),
    ("m-de", "Germany"),
    ("m-mx", "Mexico"),
    ("m-in", "India"),
    ("m-jp", "Japan"),
    ("m-ng", "Nigeria"),
];

/// A live partner in the first `n` markets, each with (before, after): the same value
/// every month of Aug–Oct 2025 and of Aug–Oct 2026.
fn partner(per_market: &[(f64, f64)]) -> Workspace {
    let then = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
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
    for ((market, _), (before, after)) in MARKETS.iter().zip(per_market) {
        p.markets.push(id(market));
        let mut values = std::collections::BTreeMap::new();
        for month in ["2025-08", "2025-09", "2025-10"] {
            values.insert(m(month), *before);
        }
        for month in ["2026-08", "2026-09", "2026-10"] {
            values.insert(m(month), *after);
        }
        p.metrics.push(Series {
            market: id(market),
            metric: "sign-ups".into(),
            values,
        });
    }
    ws.partners.push(p.into());
    ws
}

fn read(ws: &Workspace) -> BuyIn {
    buy_in(ws, &ws.partners[0], "sign-ups", m("2026-10")).expect("figures")
}

fn verdict(b: &BuyIn, market: &str) -> Verdict {
    b.markets
        .iter()
        .find(|x| x.market == id(market))
        .expect("market listed")
        .verdict
}

/// What the partner's Health tab and signals list say about buy-in.
fn screens(ws: &Workspace) -> (Option<f64>, String, Option<String>) {
    let p = &ws.partners[0];
    let c = health::components(ws, p, today())
        .into_iter()
        .find(|c| c.factor == Factor::BuyIn)
        .unwrap();
    let signal = signals::for_partner(ws, p, today())
        .into_iter()
        .find(|s| s.kind == Kind::Concentrated)
        .map(|s| s.reason);
    (c.value, c.detail, signal)
}

fn late(ws: &mut Workspace, market: &str, months: &[&str]) {
    let s = ws.partners[0]
        .metrics
        .iter_mut()
        .find(|s| s.market == id(market))
        .unwrap();
    for month in months {
        s.values.remove(&m(month));
    }
}

// --- the situations a lead would recognise --------------------------------------------

#[test]
fn the_worked_example_of_the_docs() {
    let ws = partner(&[
        (4000.0, 6000.0), // United States +50 %
        (1500.0, 2500.0), // Brazil +67 %
        (1800.0, 1900.0), // United Kingdom +5.6 %: flat
        (1000.0, 850.0),  // Germany −15 %: declining
        (600.0, 640.0),   // Mexico +6.7 %: flat
        (500.0, 500.0),   // India 0 %: flat
    ]);
    let b = read(&ws);
    // Bases 500 … 4,000, median (1,000 + 1,500) / 2 = 1,250: floor 312.5, below every base.
    assert_eq!(b.floor, 312.5);
    assert!(b.markets.iter().all(|x| !x.floored));
    assert_eq!(verdict(&b, "m-us"), Verdict::BoughtIn);
    assert_eq!(verdict(&b, "m-br"), Verdict::BoughtIn);
    assert_eq!(verdict(&b, "m-uk"), Verdict::Flat);
    assert_eq!(verdict(&b, "m-de"), Verdict::Declining);
    assert_eq!(b.markets[0].market, id("m-br"), "highest rate first");
    assert!((b.markets[0].rate.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!((b.bought_in, b.judged), (2, 6));
    assert_eq!(b.breadth, Some(2.0 / 6.0));
    assert_eq!(b.reading, Reading::Concentrated);
    assert_eq!(
        b.flagged.as_deref(),
        Some(
            "Only United States and Brazil of 6 markets bought in (grew +10 % or more on \
             their own base over the last 3 months); United Kingdom, Germany, Mexico and \
             India did not."
        )
    );
    let (value, detail, signal) = screens(&ws);
    assert_eq!(value, Some(2.0 / 6.0));
    assert_eq!(
        detail,
        "2 of 6 markets bought in (United States and Brazil)"
    );
    assert_eq!(signal, b.flagged);
}

#[test]
fn growth_of_50_percent_everywhere_is_broad_buy_in_even_when_the_us_brings_most_of_it() {
    let ws = partner(&[
        (10_000.0, 15_000.0),
        (1000.0, 1500.0),
        (800.0, 1200.0),
        (600.0, 900.0),
        (400.0, 600.0),
        (200.0, 300.0),
    ]);
    let b = read(&ws);
    assert_eq!((b.bought_in, b.judged, b.breadth), (6, 6, Some(1.0)));
    assert_eq!(b.reading, Reading::Broad);
    assert_eq!(b.flagged, None);
    let (value, _, signal) = screens(&ws);
    assert_eq!(value, Some(1.0));
    assert_eq!(signal, None, "no concentration signal");
}

#[test]
fn growth_from_two_of_six_markets_scores_low_and_is_flagged_on_the_same_screen() {
    let ws = partner(&[
        (4000.0, 8000.0),
        (1500.0, 3000.0),
        (1800.0, 1800.0),
        (1000.0, 1000.0),
        (600.0, 600.0),
        (500.0, 500.0),
    ]);
    let (value, detail, signal) = screens(&ws);
    assert_eq!(value, Some(1.0 / 3.0), "not ~0.98");
    assert!(detail.starts_with("2 of 6 markets bought in"), "{detail}");
    assert!(signal
        .unwrap()
        .starts_with("Only United States and Brazil of 6"));
    // Four markets that never moved do not beat +50 % everywhere.
    let everywhere = partner(&[(1000.0, 1500.0); 6]);
    assert!(screens(&everywhere).0 > value);
}

#[test]
fn a_tiny_market_going_from_3_to_30_is_judged_against_the_floor_not_its_own_base() {
    let mut per = vec![(2000.0, 2000.0); 5];
    per[0] = (2000.0, 2400.0);
    per[1] = (2000.0, 2400.0);
    per.push((3.0, 30.0));
    let ws = partner(&per);
    let b = read(&ws);
    // Median base 2,000: floor 500 a month. India +27 a month ÷ 500 = +5.4 %: flat.
    assert_eq!(b.floor, 500.0);
    let india = b.markets.iter().find(|x| x.market == id("m-in")).unwrap();
    assert!(india.floored);
    assert!((india.rate.unwrap() - 27.0 / 500.0).abs() < 1e-12);
    assert_eq!(india.verdict, Verdict::Flat, "+900 % of almost nothing");
    assert_eq!((b.bought_in, b.judged), (2, 6));
    // Grown to a tenth of a typical market, it counts: +297 ÷ 500.
    let mut per = per.clone();
    per[5] = (3.0, 300.0);
    assert_eq!(verdict(&read(&partner(&per)), "m-in"), Verdict::BoughtIn);
}

#[test]
fn a_market_reporting_late_is_named_and_left_out_never_a_decline() {
    let mut ws = partner(&[
        (1000.0, 1500.0),
        (1000.0, 1500.0),
        (1000.0, 1500.0),
        (1000.0, 1500.0),
        (1000.0, 1000.0),
        (1000.0, 1500.0),
    ]);
    late(&mut ws, "m-in", &["2026-10"]);
    let b = read(&ws);
    assert_eq!(
        verdict(&b, "m-in"),
        Verdict::Late {
            as_of: m("2026-09")
        }
    );
    assert_eq!((b.bought_in, b.judged), (4, 5));
    assert_eq!(b.flagged, None);
    let (value, detail, _) = screens(&ws);
    assert_eq!(value, Some(0.8));
    assert_eq!(
        detail,
        "4 of 5 markets bought in (United States, Brazil, United Kingdom and Germany); \
         late, left out: India (figures to Sep 2026)"
    );
    // Late data cannot create concentration: four markets late leave two judged, and
    // no flag.
    for market in ["m-br", "m-uk", "m-de"] {
        late(&mut ws, market, &["2026-10", "2026-09"]);
    }
    let b = read(&ws);
    assert_eq!((b.bought_in, b.judged, b.reading), (1, 2, Reading::Narrow));
    assert_eq!(b.flagged, None);
}

#[test]
fn under_four_markets_the_same_count_holds_and_the_flag_needs_three() {
    // One market: no breadth to read.
    let one = partner(&[(1000.0, 2000.0)]);
    let b = read(&one);
    assert_eq!((b.breadth, b.reading), (None, Reading::TooFewMarkets));
    assert_eq!(
        b.summary,
        "breadth needs two markets with current figures and a year-earlier month; only one \
         has them"
    );
    assert_eq!(screens(&one).0, None, "left out of health, not 1.0");
    // Two markets, one bought in: half, read in health, not flagged.
    let two = partner(&[(1000.0, 1500.0), (800.0, 800.0)]);
    let b = read(&two);
    assert_eq!(
        (b.breadth, b.reading, b.flagged.clone()),
        (Some(0.5), Reading::Narrow, None)
    );
    assert_eq!(screens(&two).2, None);
    // Three markets, all growth from one: a third, and flagged.
    let three = partner(&[(1000.0, 1500.0), (800.0, 800.0), (600.0, 610.0)]);
    let b = read(&three);
    assert_eq!(b.breadth, Some(1.0 / 3.0));
    assert_eq!(b.reading, Reading::Concentrated);
    assert!(screens(&three)
        .2
        .unwrap()
        .starts_with("Only United States of 3 markets bought in"));
    // Two of three: broad.
    let b = read(&partner(&[
        (1000.0, 1500.0),
        (800.0, 900.0),
        (600.0, 610.0),
    ]));
    assert_eq!(b.reading, Reading::Broad);
}

#[test]
fn no_year_earlier_data_is_said_so_and_zeros_before_a_launch_count_as_growth() {
    let mut ws = partner(&[(1000.0, 1500.0), (1000.0, 1500.0), (0.0, 900.0)]);
    // Mexico's figures were only entered from August 2026: nothing to compare with.
    let mut mx = std::collections::BTreeMap::new();
    for month in ["2026-08", "2026-09", "2026-10"] {
        mx.insert(m(month), 9900.0);
    }
    ws.partners[0].markets.push(id("m-mx"));
    ws.partners[0].metrics.push(Series {
        market: id("m-mx"),
        metric: "sign-ups".into(),
        values: mx,
    });
    let b = read(&ws);
    // The UK launched this year with zeros entered before: growth from the floor.
    assert_eq!(verdict(&b, "m-uk"), Verdict::BoughtIn);
    assert_eq!(verdict(&b, "m-mx"), Verdict::NoYearEarlier);
    assert_eq!(Verdict::NoYearEarlier.label(), "no year-earlier data");
    assert_eq!((b.bought_in, b.judged), (3, 3));
    assert!(
        b.summary.ends_with("; no year-earlier data: Mexico"),
        "{}",
        b.summary
    );
    // A market of the partner without figures is listed as such and left out.
    ws.partners[0].markets.push(id("m-jp"));
    assert_eq!(verdict(&read(&ws), "m-jp"), Verdict::NoFigures);
}

#[test]
fn only_a_live_partner_is_flagged_but_every_stage_reads_the_same_breadth() {
    let mut ws = partner(&[
        (4000.0, 8000.0),
        (1000.0, 1000.0),
        (1000.0, 1000.0),
        (1000.0, 1000.0),
    ]);
    ws.partners[0].stage = Stage::Landing;
    let b = read(&ws);
    assert_eq!((b.reading, b.breadth), (Reading::Concentrated, Some(0.25)));
    assert_eq!(b.flagged, None);
}

#[test]
fn nothing_grew_means_no_market_bought_in_and_no_concentration() {
    let ws = partner(&[
        (1000.0, 1000.0),
        (1000.0, 950.0),
        (1000.0, 800.0),
        (500.0, 520.0),
    ]);
    let b = read(&ws);
    assert_eq!(
        (b.bought_in, b.breadth, b.reading),
        (0, Some(0.0), Reading::NoneBoughtIn)
    );
    assert_eq!(b.flagged, None);
    assert_eq!(
        b.summary,
        "none of 4 markets bought in (grew +10 % or more on its own base)"
    );
    assert_eq!(buy_in(&ws, &ws.partners[0], "users", m("2026-10")), None);
}

// --- goals read against the plan to date -----------------------------------------------

fn goal(target: f64, due: Option<NaiveDate>) -> Goal {
    Goal {
        id: id("g-1"),
        statement: "Sign-ups a month".into(),
        metric: "sign-ups".into(),
        target: Some(target),
        due,
        status: GoalStatus::ALL[0],
    }
}

#[test]
fn a_goal_a_month_after_launch_is_read_against_the_plan_to_date_not_the_final_target() {
    let mut ws = partner(&[]);
    let p = &mut ws.partners[0];
    p.markets.push(id("m-us"));
    p.metrics.push(Series {
        market: id("m-us"),
        metric: "sign-ups".into(),
        values: [(m("2026-09"), 1000.0), (m("2026-10"), 2000.0)].into(),
    });
    // 10,000 a month by the end of August 2027: a line from 1,000 in Sep 2026 to
    // 10,000 in Aug 2027 (11 months) puts October at 1,000 + 9,000 / 11 ≈ 1,818.
    let g = goal(10_000.0, NaiveDate::from_ymd_opt(2027, 8, 31));
    let r = metrics::goal_reading(p, &g, m("2026-10")).unwrap();
    assert_eq!(r.month, m("2026-10"));
    assert_eq!(r.start, Some((m("2026-09"), 1000.0)));
    assert!((r.plan - (1000.0 + 9000.0 / 11.0)).abs() < 1e-9);
    assert!(
        r.progress > 1.0,
        "ahead of the plan, not 20 % of the target"
    );
    // Without a due date there is no line to pro-rate: the target itself.
    let r = metrics::goal_reading(p, &goal(10_000.0, None), m("2026-10")).unwrap();
    assert_eq!((r.plan, r.progress), (10_000.0, 0.2));
    // On the health screen: the growth component is capped at 1 (on plan or better).
    p.goals.push(g);
    let c = health::components(&ws, &ws.partners[0], today())
        .into_iter()
        .find(|c| c.factor == Factor::Growth)
        .unwrap();
    assert_eq!(c.value, Some(1.0));
}

#[test]
fn a_market_whose_october_is_late_makes_the_goal_read_september_for_every_market() {
    let mut ws = partner(&[(1000.0, 1500.0), (1000.0, 1500.0), (1000.0, 1500.0)]);
    late(&mut ws, "m-uk", &["2026-10"]);
    let p = &ws.partners[0];
    let r = metrics::goal_reading(p, &goal(6000.0, None), m("2026-10")).unwrap();
    assert_eq!(r.month, m("2026-09"));
    assert_eq!(r.actual, 4500.0, "not 3,000 with the UK read as zero");
    // A market silent for three months or more has stopped: it no longer holds the rest back.
    late(&mut ws, "m-uk", &["2026-09", "2026-08"]);
    let r = metrics::goal_reading(&ws.partners[0], &goal(6000.0, None), m("2026-10")).unwrap();
    assert_eq!(r.month, m("2026-10"));
}

#[test]
fn a_quarterly_market_s_latest_figure_stands_in_for_the_goal_until_six_months_old() {
    let mut ws = partner(&[(1000.0, 1500.0), (1000.0, 1500.0), (1000.0, 1500.0)]);
    // The UK reports quarterly: its last figures are for August.
    late(&mut ws, "m-uk", &["2026-10", "2026-09"]);
    ws.partners[0].metrics.iter_mut().for_each(|s| {
        if s.market != id("m-uk") {
            s.values.insert(m("2026-11"), 1500.0);
        }
    });
    let p = &ws.partners[0];
    let r = metrics::goal_reading(p, &goal(4500.0, None), m("2026-11")).unwrap();
    assert_eq!(
        r.month,
        m("2026-11"),
        "three months behind: it no longer holds the rest back"
    );
    assert_eq!(r.actual, 4500.0, "the UK's August stands in, not zero");
    assert_eq!(r.carried, vec![(id("m-uk"), m("2026-08"))]);
    assert_eq!(r.progress, 1.0);
    // A market whose latest figures are more than six months old has stopped
    // reporting: it adds nothing.
    let mut old = ws.clone();
    late(&mut old, "m-uk", &["2026-08", "2025-10", "2025-09"]);
    let r = metrics::goal_reading(&old.partners[0], &goal(4500.0, None), m("2026-11")).unwrap();
    assert_eq!(
        r.actual, 3000.0,
        "figures from August 2025 are not evidence"
    );
    assert!(r.carried.is_empty());
}

#[test]
fn the_month_under_way_is_never_judged() {
    let mut ws = partner(&[(1000.0, 1500.0), (1000.0, 1500.0), (1000.0, 1500.0)]);
    // Ten days of November, entered early for the US only.
    ws.partners[0].metrics[0].values.insert(m("2026-11"), 400.0);
    let p = &ws.partners[0];
    assert_eq!(metrics::last_complete_month(today()), Some(m("2026-10")));
    assert_eq!(
        metrics::judged_month(p, "sign-ups", today()),
        Some(m("2026-10"))
    );
    let (breadth, detail, signal) = screens(&ws);
    assert_eq!(breadth, Some(1.0), "{detail}");
    assert!(!detail.contains("late"), "{detail}");
    assert_eq!(signal, None);
    // On the first of December, November is complete and judged.
    let december = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(
        metrics::judged_month(p, "sign-ups", december),
        Some(m("2026-11"))
    );
}

// --- properties --------------------------------------------------------------------------

/// One market: (before, after, how many of the latest months are missing: 0 = current).
fn arb_markets() -> impl Strategy<Value = Vec<(f64, f64, usize)>> {
    prop::collection::vec(
        (
            prop_oneof![Just(0.0), Just(3.0), 1.0f64..50_000.0],
            prop_oneof![Just(0.0), 1.0f64..80_000.0],
            prop_oneof![4 => Just(0usize), 1 => 1usize..3],
        ),
        1..8,
    )
}

fn workspace_of(markets: &[(f64, f64, usize)], stage: Stage) -> Workspace {
    let per: Vec<(f64, f64)> = markets.iter().map(|(b, a, _)| (*b, *a)).collect();
    let mut ws = partner(&per);
    ws.partners[0].stage = stage;
    // The first market always reports October, so the partner's latest month is October.
    for (i, (_, _, missing)) in markets.iter().enumerate().skip(1) {
        let months = ["2026-10", "2026-09"];
        late(&mut ws, MARKETS[i].0, &months[..*missing]);
    }
    ws
}

proptest! {
    /// The flag and the breadth component are two readings of one count: a flag means at
    /// most half the judged markets bought in (at least one), and a component above half
    /// never comes with a flag — on the health screen and in the signals alike.
    #[test]
    fn the_flag_and_the_component_never_disagree(
        markets in arb_markets(),
        live in any::<bool>(),
    ) {
        let stage = if live { Stage::Live } else { Stage::Landing };
        let ws = workspace_of(&markets, stage);
        let b = read(&ws);
        let (value, _, signal) = screens(&ws);
        prop_assert_eq!(value, b.breadth);
        prop_assert_eq!(&signal, &b.flagged);
        prop_assert_eq!(
            b.flagged.is_some(),
            live && b.reading == Reading::Concentrated
        );
        if let Some(v) = value {
            prop_assert!((0.0..=1.0).contains(&v));
            if v > 0.5 {
                prop_assert!(signal.is_none());
            }
        }
        if signal.is_some() {
            let v = value.unwrap();
            prop_assert!(v > 0.0 && v <= 0.5, "{}", v);
            prop_assert!(b.judged >= 3);
        }
        prop_assert_eq!(b.judged, b.markets.iter().filter(|m| m.verdict.judged()).count());
    }

    /// A market whose latest figures are late is named late, every other market keeps its
    /// verdict, and the breadth is never below what it would be had that market reported
    /// a decline; the partner's judged growth never includes it.
    #[test]
    fn a_late_market_never_lowers_buy_in_or_growth(
        markets in arb_markets(),
        pick in 1usize..8,
        missing in 1usize..3,
    ) {
        prop_assume!(markets.len() >= 2);
        let i = 1 + pick % (markets.len() - 1);
        let mut current = markets.clone();
        current[i].2 = 0;
        let mut declined = current.clone();
        declined[i].1 = declined[i].0 * 0.5;
        let mut lagging = current.clone();
        lagging[i].2 = missing;
        let (on_time, down, late_b) = (
            read(&workspace_of(&current, Stage::Live)),
            read(&workspace_of(&declined, Stage::Live)),
            read(&workspace_of(&lagging, Stage::Live)),
        );
        // The floor rests on the year-earlier bases; only when most markets launched from
        // zero does it fall back on their latest levels, which a decline would move.
        prop_assume!(down.floor == on_time.floor);
        prop_assert_eq!(late_b.floor, on_time.floor);
        let market = id(MARKETS[i].0);
        let v = late_b.markets.iter().find(|x| x.market == market).unwrap().verdict;
        prop_assert!(matches!(v, Verdict::Late { .. }), "{:?}", v);
        for x in &late_b.markets {
            if x.market != market {
                let before = on_time.markets.iter().find(|y| y.market == x.market).unwrap();
                prop_assert_eq!(x.verdict, before.verdict);
                prop_assert_eq!(x.rate, before.rate);
            }
        }
        if let (Some(l), Some(d)) = (late_b.breadth, down.breadth) {
            prop_assert!(l >= d - 1e-12, "{} < {}", l, d);
        }
        prop_assert!(late_b.bought_in >= down.bought_in);
        if late_b.flagged.is_some() {
            prop_assert!(down.flagged.is_some() || down.judged < 3 || down.bought_in == 0);
        }
    }

    /// Goal progress with a market a month or two late equals the progress read on the
    /// figures cut at the month every market has reached: late is not zero.
    #[test]
    fn a_late_market_makes_goal_progress_read_the_complete_month(
        markets in arb_markets(),
        target in 1.0f64..1e6,
    ) {
        let ws = workspace_of(&markets, Stage::Live);
        let p = &ws.partners[0];
        let g = goal(target, NaiveDate::from_ymd_opt(2027, 6, 30));
        let r = metrics::goal_reading(p, &g, m("2026-10")).unwrap();
        let mut cut = ws.clone();
        for s in &mut cut.partners[0].metrics {
            s.values.retain(|month, _| *month <= r.month);
        }
        let same = metrics::goal_reading(&cut.partners[0], &g, r.month).unwrap();
        prop_assert_eq!(r.actual, same.actual);
        prop_assert_eq!(r.progress, same.progress);
        let missing = markets.iter().skip(1).map(|x| x.2).max().unwrap_or(0);
        prop_assert_eq!(r.month, m("2026-10").plus(-(missing as i32)).unwrap());
    }
}
