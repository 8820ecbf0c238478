//! Goals, commitments and decisions; the landing plan and wins.

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn GoalsSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"Goals, commitments and decisions."</p> }
}

#[component]
pub fn LandingSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"The landing plan and wins."</p> }
}
