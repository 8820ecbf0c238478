//! The partner's health and signals.

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn HealthSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"The partner's health and signals."</p> }
}
