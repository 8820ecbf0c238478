//! The tabs across a partner's pages: the profile, each section, and the brief.

use crate::model::Id;
use crate::ui::route::{Route, Section};
use leptos::prelude::*;

/// `current` is `None` on the profile.
#[component]
pub fn PartnerTabs(id: Id, current: Option<Section>) -> impl IntoView {
    let tab = |href: String, label: &'static str, here: bool| {
        view! {
            <a class="tabs__tab" class:is-active=here href=href
                aria-current=here.then_some("page")>{label}</a>
        }
    };
    let sections = Section::ALL
        .into_iter()
        .map(|s| {
            tab(
                Route::Section(id.clone(), s).href(),
                s.label(),
                current == Some(s),
            )
        })
        .collect_view();
    view! {
        <nav class="tabs" aria-label="Partner">
            {tab(Route::Partner(id.clone()).href(), "Profile", current.is_none())}
            {sections}
            {tab(Route::Brief(id).href(), "Brief", false)}
        </nav>
    }
}
