//! The target planner.

use leptos::prelude::*;

#[component]
pub fn PlannerScreen() -> impl IntoView {
    view! { <section class="screen"><h1 tabindex="-1">"Planner"</h1></section> }
}
