//! The completeness score of the version being edited, and a checklist of the twelve
//! ingredients; each line takes the focus to its field.

use super::field::input_id;
use crate::model::pitch::{Check, Completeness};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub(super) fn ScorePanel(
    score: Signal<Option<Completeness>>,
    checks: Signal<Vec<Check>>,
) -> impl IntoView {
    let percent = move || score.with(|s| s.map_or(0, |s| s.percent));
    let summary = move || {
        score.with(|s| {
            s.map(|s| {
                format!(
                    "{} ready · {} need work · {} missing · {} of {} points",
                    s.ready, s.weak, s.missing, s.points, s.max
                )
            })
        })
    };
    view! {
        <section class="card pitch-score" aria-labelledby="pitch-score-heading">
            <h2 id="pitch-score-heading">"Completeness"</h2>
            <p class="pitch-score__value" aria-live="polite">
                <span class="pitch-score__percent">{move || format!("{} %", percent())}</span>
            </p>
            <meter class="pitch-score__meter" min="0" max="100" low="50" high="99" optimum="100"
                value=move || percent().to_string() aria-label="Completeness"></meter>
            <p class="pitch-score__summary">{summary}</p>
            <p class="field__hint">"Two points for each ready ingredient, one for each written but needing work."</p>
            <ol class="pitch-score__list">
                {move || checks.get().into_iter().map(|c| {
                    let target = input_id(c.ingredient);
                    view! {
                        <li class=format!("pitch-score__item pitch-score__item--{}", c.status.key())>
                            <button class="pitch-score__jump" title=c.message.clone()
                                on:click=move |_| focus(&target)>
                                <span class="pitch-score__mark" aria-hidden="true">{mark(&c)}</span>
                                <span>{c.ingredient.label()}</span>
                                <span class="visually-hidden">{format!(": {}", c.status.label())}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The checklist's symbol for a status; the status is also said in words beside it.
fn mark(c: &Check) -> &'static str {
    match c.status {
        crate::model::pitch::Status::Ready => "✓",
        crate::model::pitch::Status::Weak => "!",
        crate::model::pitch::Status::Missing => "○",
    }
}

fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
