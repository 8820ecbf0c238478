//! Figures computed once per partner version (`figures::memo`): the cache gives exactly
//! the readings computed afresh, and an edit of one partner computes that partner's
//! reading again and no other. Counted by the cache's own miss counter, not timed.

use chrono::{NaiveDate, TimeZone, Utc};
use tandem::model::figures::memo::Figures;
use tandem::model::figures::portfolio;
use tandem::model::{demo, Shared, Stage, Workspace};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn fresh(ws: &Workspace) -> Vec<portfolio::Reading> {
    portfolio::readings(ws, today())
}

fn cached(figures: &mut Figures, ws: &Workspace) -> Vec<portfolio::Reading> {
    figures
        .readings(ws, today())
        .iter()
        .map(|r| portfolio::Reading::clone(r))
        .collect()
}

#[test]
fn a_partners_reading_is_computed_once_and_not_again_after_another_partners_edit() {
    let ws = demo::workspace(now());
    let mut figures = Figures::default();
    let watched = ws.partners[5].clone();
    let first = figures.reading(&ws, &watched, today());
    assert_eq!(figures.computed(), 1);
    figures.reading(&ws, &watched, today());
    assert_eq!(figures.computed(), 1, "asked again: no second computation");

    let mut edited = ws.clone();
    let other = edited.partners[2].id.clone();
    assert!(edited.move_stage(&other, Stage::Live, now()));
    let again = figures.reading(&edited, &edited.partners[5], today());
    assert_eq!(
        figures.computed(),
        1,
        "another partner's edit leaves this reading"
    );
    assert!(Shared::same(&first, &again));

    let mine = edited.partners[5].id.clone();
    assert!(edited.move_stage(&mine, Stage::Paused, now()));
    let after = figures.reading(&edited, &edited.partners[5], today());
    assert_eq!(figures.computed(), 2, "its own edit computes it again");
    assert_eq!(after.stage, Stage::Paused);
}

#[test]
fn the_dashboard_recomputes_one_partner_after_an_edit_and_agrees_with_fresh_figures() {
    let ws = demo::workspace(now());
    let n = ws.partners.len() as u64;
    let mut figures = Figures::default();
    assert_eq!(cached(&mut figures, &ws), fresh(&ws));
    assert_eq!(figures.computed(), n);

    let mut edited = ws.clone();
    let id = edited.partners[0].id.clone();
    assert!(edited.move_stage(&id, Stage::Negotiating, now()));
    assert_eq!(cached(&mut figures, &edited), fresh(&edited));
    assert_eq!(figures.computed(), n + 1);

    // A deleted partner's reading is not computed; the others are kept.
    let gone = edited.partners[1].id.clone();
    edited.delete_partner(&gone, now());
    assert_eq!(cached(&mut figures, &edited), fresh(&edited));
    assert_eq!(figures.computed(), n + 1);
}

#[test]
fn what_a_reading_reads_beyond_its_partner_drops_the_cache() {
    let ws = demo::workspace(now());
    let n = ws.partners.len() as u64;
    let mut figures = Figures::default();
    cached(&mut figures, &ws);

    // Renaming a market changes the reasons that name it.
    let mut renamed = ws.clone();
    renamed.markets[0].name = "Atlantis".into();
    assert_eq!(cached(&mut figures, &renamed), fresh(&renamed));
    assert_eq!(figures.computed(), 2 * n);

    // The program's metric decides which metric buy-in is judged in.
    let mut metric = renamed.clone();
    metric.program.metric = "something else".into();
    assert_eq!(cached(&mut figures, &metric), fresh(&metric));
    assert_eq!(figures.computed(), 3 * n);

    // Another day: every figure that counts days moves.
    let tomorrow = today().succ_opt().unwrap();
    let later: Vec<_> = figures
        .readings(&metric, tomorrow)
        .iter()
        .map(|r| portfolio::Reading::clone(r))
        .collect();
    assert_eq!(later, portfolio::readings(&metric, tomorrow));
    assert_eq!(figures.computed(), 4 * n);
}

/// The plan and the heat map, kept for one workspace (`figures::memo::Whole`): asked
/// again they are not computed again, and any change to what they read computes them
/// afresh, equal to a fresh computation.
#[test]
fn whole_workspace_figures_are_kept_until_the_workspace_or_the_day_changes() {
    use tandem::model::figures::memo::Whole;
    use tandem::model::figures::planner;
    let heat = |ws: &Workspace, day| portfolio::heat_map(ws, &portfolio::heat_metric(ws), day);
    let ws = demo::workspace(now());
    let mut plan = Whole::default();
    let mut map = Whole::default();
    assert_eq!(
        plan.get(&ws, today(), planner::plan),
        planner::plan(&ws, today())
    );
    assert_eq!(map.get(&ws, today(), heat), heat(&ws, today()));
    // Another copy of the same workspace (the partners shared): nothing computed again.
    let copy = ws.clone();
    assert_eq!(
        plan.get(&copy, today(), planner::plan),
        planner::plan(&ws, today())
    );
    assert_eq!(map.get(&copy, today(), heat), heat(&ws, today()));
    assert_eq!((plan.computed(), map.computed()), (1, 1));

    // A partner's metric value changes both.
    let mut edited = ws.clone();
    let i = edited
        .partners
        .iter()
        .position(|p| !p.metrics.is_empty())
        .expect("the demo has metric values");
    for v in edited.partners[i].metrics[0].values.values_mut() {
        *v += 1000.0;
    }
    assert_eq!(
        plan.get(&edited, today(), planner::plan),
        planner::plan(&edited, today())
    );
    assert_eq!(map.get(&edited, today(), heat), heat(&edited, today()));
    assert_ne!(
        heat(&edited, today()),
        heat(&ws, today()),
        "the edit shows in the map"
    );
    assert_eq!((plan.computed(), map.computed()), (2, 2));

    // So do a market's name, the program and the day.
    let mut market = edited.clone();
    market.markets[0].name = "Atlantis".into();
    assert_eq!(map.get(&market, today(), heat), heat(&market, today()));
    let mut program = market.clone();
    program.program.target_growth = Some(12.5);
    assert_eq!(
        plan.get(&program, today(), planner::plan),
        planner::plan(&program, today())
    );
    let tomorrow = today().succ_opt().unwrap();
    assert_eq!(
        plan.get(&program, tomorrow, planner::plan),
        planner::plan(&program, tomorrow)
    );
    assert_eq!((plan.computed(), map.computed()), (4, 3));
}

/// The plan and the heat map put together from parts kept per partner version
/// (`PlanParts`, `HeatParts`): after one partner's edit only that partner's part is
/// computed again, and the result is the one computed from scratch.
#[test]
fn the_plan_and_the_heat_map_compute_one_partners_part_again_after_its_edit() {
    use tandem::model::figures::planner::{self, PlanParts};
    use tandem::model::figures::portfolio::HeatParts;
    let ws = demo::workspace(now());
    let n = ws.partners.len() as u64;
    let metric = portfolio::heat_metric(&ws);
    let mut plan = PlanParts::default();
    let mut heat = HeatParts::default();
    assert_eq!(plan.plan(&ws, today()), planner::plan(&ws, today()));
    assert!(plan.plan(&ws, today()).is_some(), "the demo has a target");
    assert_eq!(
        heat.map(&ws, &metric, today()),
        portfolio::heat_map(&ws, &metric, today())
    );
    assert_eq!((plan.computed(), heat.computed()), (n, (n, n)));

    // A value of the metric changes, inside the window and the plan's months.
    let mut edited = ws.clone();
    let i = edited
        .partners
        .iter()
        .position(|p| {
            p.metrics
                .iter()
                .any(|s| s.metric == metric && !s.values.is_empty())
        })
        .expect("the demo has values of the mapped metric");
    let s = edited.partners[i]
        .metrics
        .iter()
        .position(|s| s.metric == metric && !s.values.is_empty())
        .unwrap();
    for v in edited.partners[i].metrics[s].values.values_mut() {
        *v += 1234.5;
    }
    let fresh_plan = planner::plan(&edited, today());
    assert_eq!(plan.plan(&edited, today()), fresh_plan);
    assert_ne!(
        fresh_plan,
        planner::plan(&ws, today()),
        "the edit shows in the plan"
    );
    let fresh_map = portfolio::heat_map(&edited, &metric, today());
    assert_eq!(heat.map(&edited, &metric, today()), fresh_map);
    assert_ne!(fresh_map, portfolio::heat_map(&ws, &metric, today()));
    assert_eq!((plan.computed(), heat.computed()), (n + 1, (n + 1, n + 1)));

    // Back to the version before (an undo): its parts are still held.
    assert_eq!(plan.plan(&ws, today()), planner::plan(&ws, today()));
    assert_eq!(
        heat.map(&ws, &metric, today()),
        portfolio::heat_map(&ws, &metric, today())
    );
    assert_eq!((plan.computed(), heat.computed()), (n + 1, (n + 1, n + 1)));

    // Values entered ahead of the month (a forecast, a date typo) come in when the day
    // reaches them, with no partner edited: every part is computed again.
    let mut ahead = ws.clone();
    for p in ahead.partners.iter_mut() {
        for s in p.metrics.iter_mut().filter(|s| s.metric == metric) {
            for k in 0..3 {
                s.values
                    .insert(tandem::model::Month::of(today()).plus(k).unwrap(), 500.5);
            }
        }
    }
    plan.plan(&ahead, today());
    heat.map(&ahead, &metric, today());
    let later = today() + chrono::Duration::days(75);
    assert_eq!(plan.plan(&ahead, later), planner::plan(&ahead, later));
    assert_ne!(planner::plan(&ahead, later), planner::plan(&ahead, today()));
    assert_eq!(
        heat.map(&ahead, &metric, later),
        portfolio::heat_map(&ahead, &metric, later)
    );
}

mod incremental {
    //! After any sequence of edits (values, series, stages, names, deletions, a return to
    //! an earlier version, the program's metric and year, the day), the plan and the heat
    //! map from the parts held equal those computed from scratch, and an edit of one
    //! partner computes one part again.

    use super::{now, today};
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;
    use proptest::test_runner::RngAlgorithm;
    use tandem::model::figures::planner::{self, PlanParts};
    use tandem::model::figures::portfolio::{self, HeatParts};
    use tandem::model::metrics::Series;
    use tandem::model::{demo, Month, Stage, Workspace};

    #[derive(Clone, Debug)]
    enum Edit {
        SetValue {
            partner: usize,
            series: usize,
            back: i32,
            value: f64,
        },
        RemoveValue {
            partner: usize,
            series: usize,
            nth: usize,
        },
        AddSeries {
            partner: usize,
            market: usize,
            mapped: bool,
        },
        Stage {
            partner: usize,
            walked_away: bool,
        },
        Rename {
            partner: usize,
        },
        Delete {
            partner: usize,
        },
        Back {
            to: usize,
        },
        Metric {
            pick: usize,
        },
        Year {
            shift: i32,
        },
        Day {
            later: i64,
        },
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let p = any::<usize>();
        prop_oneof![
            6 => (p, any::<usize>(), -8..40i32, prop_oneof![Just(0.0), -1e3..1e6f64, (0..100_000u32).prop_map(f64::from)])
                .prop_map(|(partner, series, back, value)| Edit::SetValue { partner, series, back, value }),
            2 => (p, any::<usize>(), any::<usize>()).prop_map(|(partner, series, nth)| Edit::RemoveValue { partner, series, nth }),
            1 => (p, any::<usize>(), any::<bool>()).prop_map(|(partner, market, mapped)| Edit::AddSeries { partner, market, mapped }),
            2 => (p, any::<bool>()).prop_map(|(partner, walked_away)| Edit::Stage { partner, walked_away }),
            1 => p.prop_map(|partner| Edit::Rename { partner }),
            1 => p.prop_map(|partner| Edit::Delete { partner }),
            1 => any::<usize>().prop_map(|to| Edit::Back { to }),
            1 => any::<usize>().prop_map(|pick| Edit::Metric { pick }),
            1 => (-14..14i32).prop_map(|shift| Edit::Year { shift }),
            1 => (0..500i64).prop_map(|later| Edit::Day { later }),
        ]
    }

    /// Applies the edit; returns whether it changed exactly one partner and nothing else.
    /// A value may be set up to eight months ahead of the day: a later day brings it in.
    fn apply(ws: &mut Workspace, day: &mut NaiveDate, history: &[Workspace], e: &Edit) -> bool {
        let n = ws.partners.len();
        let metric = portfolio::heat_metric(ws);
        match *e {
            Edit::SetValue {
                partner,
                series,
                back,
                value,
            } if n > 0 => {
                let p = &mut ws.partners[partner % n];
                if p.metrics.is_empty() {
                    return false;
                }
                let k = series % p.metrics.len();
                let Some(month) = Month::of(*day).plus(-back) else {
                    return false;
                };
                p.metrics[k].values.insert(month, value);
                true
            }
            Edit::RemoveValue {
                partner,
                series,
                nth,
            } if n > 0 => {
                let p = &mut ws.partners[partner % n];
                if p.metrics.is_empty() {
                    return false;
                }
                let k = series % p.metrics.len();
                let values = &mut p.metrics[k].values;
                let Some(&month) = values.keys().nth(nth % values.len().max(1)) else {
                    return false;
                };
                values.remove(&month);
                true
            }
            Edit::AddSeries {
                partner,
                market,
                mapped,
            } if n > 0 && !ws.markets.is_empty() => {
                let market = ws.markets[market % ws.markets.len()].id.clone();
                let mut values = std::collections::BTreeMap::new();
                for back in 1..8 {
                    if let Some(m) = Month::of(*day).plus(-back) {
                        values.insert(m, 100.0 * f64::from(back) + 0.25);
                    }
                }
                let series = Series {
                    market,
                    metric: if mapped { metric } else { "other".into() },
                    values,
                };
                ws.partners[partner % n].metrics.push(series);
                true
            }
            Edit::Stage {
                partner,
                walked_away,
            } if n > 0 => {
                let p = &mut ws.partners[partner % n];
                p.stage = if walked_away {
                    Stage::WalkedAway
                } else {
                    Stage::Live
                };
                true
            }
            Edit::Rename { partner } if n > 0 => {
                let p = &mut ws.partners[partner % n];
                p.name = format!("{} again", p.name);
                true
            }
            Edit::Delete { partner } if n > 0 => {
                ws.partners.remove(partner % n);
                false
            }
            Edit::Back { to } => {
                *ws = history[to % history.len()].clone();
                false
            }
            Edit::Metric { pick } => {
                ws.program.metric = ["users", "sign-ups", "", "other"][pick % 4].into();
                false
            }
            Edit::Year { shift } => {
                ws.program.baseline_start = ws.program.baseline_start.and_then(|m| m.plus(shift));
                false
            }
            Edit::Day { later } => {
                *day += Duration::days(later);
                false
            }
            _ => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            rng_algorithm: RngAlgorithm::XorShift,
            ..ProptestConfig::with_cases(48)
        })]

        #[test]
        fn parts_held_give_the_figures_computed_from_scratch(edits in proptest::collection::vec(edit(), 1..24)) {
            let mut ws = demo::workspace(now());
            let mut day = today();
            let mut history = vec![ws.clone()];
            let mut plan = PlanParts::default();
            let mut heat = HeatParts::default();
            let metric = |ws: &Workspace| portfolio::heat_metric(ws);
            plan.plan(&ws, day);
            heat.map(&ws, &metric(&ws), day);
            for e in &edits {
                let before = (plan.computed(), heat.computed());
                let window = heat.map(&ws, &metric(&ws), day).latest;
                let one = apply(&mut ws, &mut day, &history, e);
                history.push(ws.clone());
                prop_assert_eq!(plan.plan(&ws, day), planner::plan(&ws, day), "plan after {:?}", e);
                let map = heat.map(&ws, &metric(&ws), day);
                prop_assert_eq!(&map, &portfolio::heat_map(&ws, &metric(&ws), day), "heat map after {:?}", e);
                if one {
                    prop_assert_eq!(plan.computed(), before.0 + 1, "one part after {:?}", e);
                    prop_assert_eq!(heat.computed().0, before.1 .0 + 1, "one last month after {:?}", e);
                    if map.latest == window {
                        prop_assert_eq!(heat.computed().1, before.1 .1 + 1, "one row after {:?}", e);
                    }
                }
            }
        }
    }
}
