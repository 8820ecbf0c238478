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
            store.reading(ws, &id, today).map(|r| {
                let held = r.health.capped.clone();
                (r.health.score, r.health.band(), r.health.band_label(), held)
            })
        })
    });
    move || {
        score.get().map(|(s, band, words, held)| {
            // The held sentence names the band itself: "Held at Watch while …".
            let label = match (s, &held) {
                (Some(s), Some(why)) => format!("Health {s} of 100. {why}"),
                (Some(s), None) => format!("Health {s} of 100: {words}"),
                (None, _) => "Health: not enough data yet".to_owned(),
            };
            // A held band is marked on the badge itself: its colour says Watch while
            // its number says Healthy, and the mark says the two were not mixed up.
            let held = if held.is_some() {
                " health-badge--held"
            } else {
                ""
            };
            view! {
                <span class=format!("health-badge health--{}{held}", band.key())
                    title=label.clone() aria-label=label role="img">
                    {s.map_or("—".to_owned(), |s| s.to_string())}
                </span>
            }
        })
    }
}
