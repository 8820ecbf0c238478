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
