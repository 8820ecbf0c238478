//! The program dashboard.

use leptos::prelude::*;

#[component]
pub fn DashboardScreen() -> impl IntoView {
    view! { <section class="screen"><h1 tabindex="-1">"Dashboard"</h1></section> }
}
