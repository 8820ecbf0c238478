//! The deal-fit assessment and the partnership ladder.

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn FitSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"The deal-fit assessment and the partnership ladder."</p> }
}
