//! The target planner (#/planner): the program's target, the levers planned to reach
//! it, the gap in words and numbers, actual against plan by month, and where the gap
//! sits. Every figure comes from `model::figures::planner::plan`.

mod gap;
mod levers;
mod progress;
mod summary;
mod target;

pub use summary::TargetSummary;

use crate::model::figures::planner::Plan;
use crate::storage;
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// The program's plan as of today, recomputed when the workspace changes.
pub fn plan_memo(store: Store) -> Memo<Option<Plan>> {
    let today = storage::now().date_naive();
    Memo::new(move |_| store.ws.with(|ws| store.plan(ws, today)))
}

#[component]
pub fn PlannerScreen() -> impl IntoView {
    let store = use_store();
    let plan = plan_memo(store);
    let has_plan = move || plan.with(Option::is_some);
    view! {
        <section class="screen planner">
            <div class="screen__head">
                <h1 tabindex="-1">"Planner"</h1>
            </div>
            <p class="planner__intro muted">
                "The program's target for the year, the partners and initiatives expected to carry it, and how the year is going against the plan."
            </p>
            <target::TargetCard plan=plan/>
            <Show when=has_plan>
                <gap::Numbers plan=plan/>
                <progress::ActualChart plan=plan/>
            </Show>
            <levers::LeversCard plan=plan/>
            <Show when=has_plan>
                <gap::GapBreakdown plan=plan/>
            </Show>
        </section>
    }
}
