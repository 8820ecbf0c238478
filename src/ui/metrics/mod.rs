//! The metrics grid and charts per market.

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn MetricsSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"The metrics grid and charts per market."</p> }
}
