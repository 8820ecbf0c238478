//! A small health badge: the score in its band's colour, for lists and headers.

use crate::model::Id;
use crate::storage;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// The partner's health score as a small coloured badge, with the band in words for
/// screen readers and on hover. Shows "—" when there is nothing to measure yet.
#[component]
pub fn HealthBadge(id: Id) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    let score = Memo::new(move |_| {
        store.ws.with(|ws| {
            // The reading, not the bare score: the band agrees with the Health tab
            // (held at Watch beside a severe partner risk).
            // From the store's cache: an edit of another partner computes nothing here.
            store
                .reading(ws, &id, today)
                .map(|r| (r.health.score, r.health.band()))
        })
    });
    move || {
        score.get().map(|(s, band)| {
            let label = match s {
                Some(s) => format!("Health {s} of 100: {}", band.label()),
                None => "Health: not enough data yet".to_owned(),
            };
            view! {
                <span class=format!("health-badge health--{}", band.key())
                    title=label.clone() aria-label=label role="img">
                    {s.map_or("—".to_owned(), |s| s.to_string())}
                </span>
            }
        })
    }
}
