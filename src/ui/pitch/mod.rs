//! The pitch builder.

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn PitchSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"The pitch builder."</p> }
}
