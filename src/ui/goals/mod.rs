//! What the two sides agreed and did after the deal. Two partner tabs: "Goals &
//! commitments" (shared goals with the no-goal flag, commitments of each side with the
//! delivery record, the decision log) and "Landing & wins" (the landing plan as a grid
//! of tracks × steps, the partner's wins); plus [`WinsFeed`], which the dashboard shows
//! for the whole program.
//!
//! Every figure comes from `model::goals` and `model::landing`; every edit is a named
//! action (`model::actions::{GoalAction, LandingAction}`) handed to `store.dispatch`, so
//! undo, saving and tab sync follow.

mod commitments;
mod decisions;
pub mod feed;
mod goal_list;
mod landing;

pub use feed::WinsFeed;

use crate::model::{Id, Partner, ValidationError};
use crate::ui::fields::{date_value, field_error, parse_date, problem, required_date, DateField};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn GoalsSection(id: Id) -> impl IntoView {
    view! {
        <div class="goals-page">
            <goal_list::GoalList id=id.clone()/>
            <commitments::Commitments id=id.clone()/>
            <decisions::Decisions id=id/>
        </div>
    }
}

#[component]
pub fn LandingSection(id: Id) -> impl IntoView {
    view! {
        <div class="goals-page">
            <landing::LandingPlan id=id.clone()/>
            <WinsFeed partner=Some(id)/>
        </div>
    }
}

/// The stored partner, following every change to the workspace.
fn partner_memo(id: Id) -> Memo<Option<Partner>> {
    let store = use_store();
    Memo::new(move |_| store.ws.with(|ws| ws.partner(&id).cloned()))
}

/// Errors that belong to no field of the form, as one line.
fn other_errors(
    errors: RwSignal<Vec<ValidationError>>,
    fields: &'static [&'static str],
) -> impl Fn() -> String {
    move || {
        errors.with(|e| {
            e.iter()
                .filter(|e| !fields.contains(&e.path.as_str()))
                .map(|e| {
                    if e.path.is_empty() {
                        e.message.clone()
                    } else {
                        // The field by name: a person has no use for an index path.
                        format!("{}: {}", e.field(), e.message)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    }
}
