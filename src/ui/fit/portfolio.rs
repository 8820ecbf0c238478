//! The portfolio's share of effort going to incumbents, with the numbers behind it, for
//! the dashboard to embed.

use super::verdict::ShareBar;
use crate::model::core::format::{count, percent};
use crate::model::fit::{
    incumbent_effort, EffortBasis, IncumbentEffort as Effort, EFFORT_DAYS, MIN_EFFORT_MEETINGS,
    MIN_EFFORT_PARTNERS,
};
use crate::storage;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// Share of effort on incumbents: meetings of the last 90 days with partners in
/// pursuit, or the partners themselves when there were no meetings.
#[component]
pub fn IncumbentEffort() -> impl IntoView {
    let store = use_store();
    let effort = Memo::new(move |_| {
        store
            .ws
            .with(|ws| incumbent_effort(ws, storage::now().date_naive()))
    });
    view! {
        <section class="card incumbent-effort" aria-labelledby="incumbent-effort-heading">
            <h2 id="incumbent-effort-heading">"Effort on incumbents"</h2>
            {move || match effort.get() {
                None => view! {
                    <p class="empty">"No partner in pursuit: nothing to weigh."</p>
                }.into_any(),
                Some(effort) => view! { <EffortReading effort/> }.into_any(),
            }}
        </section>
    }
}

/// The share as a sentence and a bar, and the numbers behind it.
#[component]
fn EffortReading(effort: Effort) -> impl IntoView {
    let e = effort;
    let share = percent(e.share);
    // The bar says what the card's text says: with too little evidence it draws no
    // share, so its picture and its name claim no figure.
    let (bar_share, bar_label) = if e.enough() {
        (e.share, format!("{share} of the effort on incumbents"))
    } else {
        (
            0.0,
            "Effort on incumbents: not enough evidence yet".to_owned(),
        )
    };
    view! {
        <EffortFigure enough=e.enough() share/>
        <ShareBar share=bar_share class="incumbent-effort__bar" label=bar_label/>
        <EffortNumbers effort=e.clone()/>
        {e.skewed().then(|| view! {
            <p class="fit-bias" role="note">
                "More than half the effort goes to incumbents: check that the pull toward the market's top players is a choice, not a habit."
            </p>
        })}
    }
}

/// The share in words, or why there is none yet.
#[component]
fn EffortFigure(enough: bool, share: String) -> impl IntoView {
    if enough {
        view! {
            <p class="incumbent-effort__figure">
                <strong>{share}</strong>" of the effort goes to incumbents."
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="incumbent-effort__figure">
                "Not enough evidence yet to say where the effort goes: it takes "
                {MIN_EFFORT_MEETINGS}" meetings in the last "{EFFORT_DAYS}" days, or "
                {MIN_EFFORT_PARTNERS}" partners in pursuit."
            </p>
        }
        .into_any()
    }
}

/// The counts behind the share: its basis, the partners, those left out and the
/// incumbent-bias warnings.
#[component]
fn EffortNumbers(effort: Effort) -> impl IntoView {
    let e = effort;
    let basis = match e.basis {
        EffortBasis::Meetings => format!(
            "{} of {} meetings in the last {EFFORT_DAYS} days were with incumbents.",
            e.incumbent_meetings, e.meetings
        ),
        EffortBasis::Partners => format!(
            "{} of {} partners in pursuit are incumbents ({} in the last {EFFORT_DAYS} days: too few to weigh them by, it takes {MIN_EFFORT_MEETINGS}).",
            e.incumbent_partners, e.partners, count(e.meetings, "meeting")
        ),
    };
    let partners = format!(
        "{} of {} partners in pursuit are incumbents.",
        e.incumbent_partners, e.partners
    );
    view! {
        <ul class="incumbent-effort__numbers">
            <li>{basis}</li>
            {(e.basis == EffortBasis::Meetings).then(|| view! { <li>{partners}</li> })}
            {(e.unset > 0).then(|| view! {
                <li class="incumbent-effort__unset">{match e.unset {
                    1 => "1 partner in pursuit has no market position set and is left out: set it on the partner's profile.".to_owned(),
                    n => format!("{n} partners in pursuit have no market position set and are left out: set it on their profiles."),
                }}</li>
            })}
            <li>{match e.biased {
                0 => "No incumbent is pursued in a market the team marks as not understood.".to_owned(),
                1 => "1 incumbent is pursued in a market the team marks as not understood (incumbent-bias warning).".to_owned(),
                n => format!("{n} incumbents are pursued in markets the team marks as not understood (incumbent-bias warnings)."),
            }}</li>
        </ul>
    }
}
