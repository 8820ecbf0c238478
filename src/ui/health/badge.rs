//! A small health badge: the score in its band's colour, for lists and headers.

use crate::model::Id;
use crate::storage;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// The partner's health score as a small coloured badge, with the band in words for
/// screen readers and on hover. Shows "—" when there is nothing to measure yet.
///
/// A reading the store does not hold yet is computed in idle time, not while the badge
/// is built: a search keystroke or a sort at 2,000 partners brings up to 50 rows whose
/// readings are often not made yet (they are made ahead in idle time, a few partners at
/// a time, from the start), and computing them there took most of the frame's script
/// (bench/RESULTS.md). Meanwhile the badge is a quiet placeholder of the same size; it
/// fills in within the next idle moments. Once shown, a badge follows edits at once.
#[component]
pub fn HealthBadge(id: Id) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    // Set once this badge may compute its reading where it is read.
    let ready = RwSignal::new(false);
    let key = id.clone();
    // `None` while the reading waits for idle time.
    let score = Memo::new(move |_| {
        store.ws.with(|ws| {
            // The reading, not the bare score: the band agrees with the Health tab
            // (held at Watch beside a severe partner risk).
            // From the store's cache: an edit of another partner computes nothing here.
            let reading = if ready.get() {
                Some(store.reading(ws, &key, today))
            } else {
                store.held_reading(ws, &key, today).map(Some)
            };
            reading.map(|r| r.map(|r| (r.health.score, r.health.band())))
        })
    });
    if score.with_untracked(Option::is_none) {
        crate::ui::idle::in_idle_time(move || {
            // The row may have gone (the next keystroke) before the browser was idle.
            if ready.try_get_untracked().is_some() {
                store
                    .ws
                    .with_untracked(|ws| _ = store.reading(ws, &id, today));
                ready.set(true);
            }
            false
        });
    }
    move || match score.get() {
        None => Some(
            view! {
                <span class="health-badge health--pending" aria-label="Health: working it out"
                    role="img">"…"</span>
            }
            .into_any(),
        ),
        Some(reading) => reading.map(|(s, band)| {
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
            .into_any()
        }),
    }
}
