//! Measures natively what one edit costs the model at 500 and 2,000 partners (issue 11,
//! points 1 and 5): the store's copy of the workspace before the edit, the edit, the undo
//! step, the save of what changed, the dashboard's readings cold and after the edit
//! (through `figures::memo`), and its plan and heat map whole and after an edit of one
//! partner's figures (from the parts kept per partner version). The browser adds rendering on top: see `bench/run.mjs`.
//!
//! ```sh
//! # the files: see examples/store_codecs.rs
//! cargo run --release --example edit_cost /tmp/large500.json /tmp/large2000.json
//! ```

use chrono::Utc;
use std::collections::BTreeMap;
use std::time::Instant;
use tandem::model::figures::memo::Figures;
use tandem::model::figures::planner::PlanParts;
use tandem::model::figures::portfolio::HeatParts;
use tandem::model::formats::file;
use tandem::model::formats::store::{self, Snapshot};
use tandem::model::workspace::history::Step;
use tandem::model::Stage;

fn ms(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 10_000.0).round() / 10.0
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("a readable file");
        let mut ws = file::restore(&text).expect("a valid Tandem file").workspace;
        let now = Utc::now();
        let today = now.date_naive();
        let mut slots = BTreeMap::new();
        let mut snap = Snapshot::default();
        store::save(&mut slots, &mut snap, &ws, "first", now).expect("saved");
        let mut figures = Figures::default();
        let t = Instant::now();
        figures.readings(&ws, today);
        let cold = ms(t);

        let (mut copy, mut step, mut save, mut edit, mut warm) =
            (vec![], vec![], vec![], vec![], vec![]);
        for i in 0..9 {
            let id = ws.partners[i].id.clone();
            let t = Instant::now();
            let before = ws.clone();
            copy.push(ms(t));
            let t = Instant::now();
            let stage = if ws.partners[i].stage == Stage::Live {
                Stage::Paused
            } else {
                Stage::Live
            };
            assert!(ws.move_stage(&id, stage, now));
            edit.push(ms(t));
            let t = Instant::now();
            let s = Step::between(&before, &ws, "move");
            step.push(ms(t));
            assert!(s.is_some());
            let t = Instant::now();
            let saved =
                store::save(&mut slots, &mut snap, &ws, &format!("s{i}"), now).expect("saved");
            save.push(ms(t));
            assert_eq!(saved.written, 1);
            let computed = figures.computed();
            let t = Instant::now();
            figures.readings(&ws, today);
            warm.push(ms(t));
            assert_eq!(figures.computed(), computed + 1);
        }
        // The dashboard's other panels, each over the whole workspace.
        let t = Instant::now();
        let metric = tandem::model::figures::portfolio::heat_metric(&ws);
        let _ = tandem::model::figures::portfolio::heat_map(&ws, &metric, today);
        let heat = ms(t);
        let t = Instant::now();
        let _ = tandem::model::figures::planner::plan(&ws, today);
        let plan = ms(t);
        let t = Instant::now();
        let _ = tandem::model::goals::feed_of(&ws, None);
        let feed = ms(t);
        let t = Instant::now();
        let _ = tandem::model::fit::incumbent_effort(&ws, today);
        let effort = ms(t);
        println!("  dashboard panels (ms): heat map {heat}, plan {plan}, wins feed {feed}, incumbent effort {effort}");
        // The plan and the heat map after an edit of one partner's figures, from the
        // parts kept per partner version (the store's `PlanParts` and `HeatParts`).
        let mut plan_parts = PlanParts::default();
        let mut heat_parts = HeatParts::default();
        plan_parts.plan(&ws, today);
        heat_parts.map(&ws, &metric, today);
        let (mut plan_after, mut heat_after) = (vec![], vec![]);
        for i in 0..9 {
            let Some(v) = ws.partners[i]
                .metrics
                .iter_mut()
                .find(|s| s.metric == metric)
                .and_then(|s| s.values.values_mut().next_back())
            else {
                continue;
            };
            *v += 1.0;
            let t = Instant::now();
            let incremental = plan_parts.plan(&ws, today);
            plan_after.push(ms(t));
            let t = Instant::now();
            let map = heat_parts.map(&ws, &metric, today);
            heat_after.push(ms(t));
            assert_eq!(
                incremental,
                tandem::model::figures::planner::plan(&ws, today)
            );
            assert_eq!(
                map,
                tandem::model::figures::portfolio::heat_map(&ws, &metric, today)
            );
        }
        println!(
            "  after an edit of one partner's figures (median of {}, ms): plan {}, heat map {}",
            plan_after.len(),
            median(plan_after),
            median(heat_after)
        );
        println!(
            "{path}: {} partners. Per edit (median of 9, ms): copy before {}, edit {}, undo step {}, \
             save {}; total {:.1}. Dashboard readings: cold {cold}, after an edit {}",
            ws.partners.len(),
            median(copy.clone()),
            median(edit.clone()),
            median(step.clone()),
            median(save.clone()),
            median(copy) + median(edit) + median(step) + median(save),
            median(warm),
        );
    }
}
