//! The "Fit & ladder" section of a partner: the deal-fit assessment and what it
//! recommends, and the partnership ladder with its moves. Every figure comes from
//! `model::fit` and `model::fit::ladder`; these views only show it.

mod assessment;
mod ladder;
mod portfolio;
mod verdict;

pub use portfolio::IncumbentEffort;

use crate::model::{Id, Partner};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn FitSection(id: Id) -> impl IntoView {
    let store = use_store();
    let lookup = id.clone();
    let partner: Memo<Option<Partner>> =
        Memo::new(move |_| store.ws.with(|ws| ws.partner(&lookup).cloned()));
    view! {
        <div class="fit">
            <verdict::Verdict partner=partner/>
            <assessment::AssessmentForm id=id.clone() partner=partner/>
            <ladder::Ladder id=id partner=partner/>
        </div>
    }
}
