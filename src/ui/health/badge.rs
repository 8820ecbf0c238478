//! A small health badge: the score in its band's colour, for lists and headers.

use crate::model::figures::portfolio::Reading;
use crate::model::Id;
use crate::storage;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// What a badge shows, worked out once from a reading: its classes, its words for
/// screen readers and on hover, and its text. A plain value, so the partner table can
/// keep it in its row and update a badge in place when another partner takes the row.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Badge {
    pub class: String,
    pub label: String,
    pub text: String,
}

impl Badge {
    pub fn of(reading: &Reading) -> Self {
        let health = &reading.health;
        let held = &health.capped;
        // The held sentence names the band itself: "Held at Watch while …".
        let label = match (health.score, held) {
            (Some(s), Some(why)) => format!("Health {s} of 100. {why}"),
            (Some(s), None) => format!("Health {s} of 100: {}", health.band_label()),
            (None, _) => "Health: not enough data yet".to_owned(),
        };
        // A held band is marked on the badge itself: its colour says Watch while
        // its number says Healthy, and the mark says the two were not mixed up.
        let held = if held.is_some() {
            " health-badge--held"
        } else {
            ""
        };
        Badge {
            class: format!("health-badge health--{}{held}", health.band().key()),
            label,
            text: health.score.map_or("—".to_owned(), |s| s.to_string()),
        }
    }
}

/// The partner's health score as a small coloured badge, with the band in words for
/// screen readers and on hover. Shows "—" when there is nothing to measure yet.
#[component]
pub fn HealthBadge(id: Id) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    // The reading, not the bare score: the band agrees with the Health tab (held at
    // Watch beside a severe partner risk). From the store's cache: an edit of another
    // partner computes nothing here.
    let badge = Memo::new(move |_| {
        store
            .ws
            .with(|ws| store.reading(ws, &id, today).map(|r| Badge::of(&r)))
    });
    move || {
        badge.get().map(|Badge { class, label, text }| {
            view! {
                <span class=class title=label.clone() aria-label=label role="img">{text}</span>
            }
        })
    }
}
