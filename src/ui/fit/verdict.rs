//! What the assessment recommends, with every reason; the incumbent-bias warning; and
//! the partner's ability to deliver with what it is made of.

use crate::model::fit::{ability_to_deliver, bias_warning, percent, recommendation};
use crate::model::Partner;
use crate::storage;
use leptos::prelude::*;

#[component]
pub fn Verdict(partner: Memo<Option<Partner>>) -> impl IntoView {
    let today = move || storage::now().date_naive();
    let rec = Memo::new(move |_| partner.with(|p| p.as_ref().map(|p| recommendation(p, today()))));
    let ability =
        Memo::new(move |_| partner.with(|p| p.as_ref().map(|p| ability_to_deliver(p, today()))));
    let bias = Memo::new(move |_| partner.with(|p| p.as_ref().and_then(bias_warning)));
    view! {
        <section class="card fit-verdict" aria-labelledby="fit-verdict-heading"
            data-verdict=move || rec.with(|r| r.as_ref().map(|r| r.verdict.key()))>
            {move || rec.get().map(|r| {
                let key = r.verdict.key();
                view! {
                    <div class=format!("fit-verdict__banner fit-verdict__banner--{key}")>
                        <h2 id="fit-verdict-heading">
                            <span class="fit-verdict__lead">"Recommendation: "</span>
                            <span class="fit-verdict__word">{r.verdict.label()}</span>
                        </h2>
                    </div>
                    <ul class="fit-reasons" aria-label="Reasons for the recommendation">
                        {r.reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                    </ul>
                }
            })}
            {move || bias.get().map(|b| view! {
                <div class="fit-bias" role="note">
                    <strong>"Incumbent bias"</strong>
                    <p>{b}</p>
                </div>
            })}
            {move || ability.get().map(|a| {
                let figure = a.score.map_or_else(|| "unknown".to_owned(), percent);
                let width = a.score.map_or(0, |s| (s.clamp(0.0, 1.0) * 100.0).round() as u32);
                view! {
                    <div class="fit-ability">
                        <h3>"Ability to deliver: " <span class="fit-ability__figure">{figure.clone()}</span></h3>
                        <div class="fit-ability__bar" role="img"
                            aria-label=format!("Ability to deliver {figure}")>
                            <span style=format!("width: {width}%")></span>
                        </div>
                        <ul class="fit-reasons fit-reasons--quiet" aria-label="What the ability to deliver is made of">
                            {a.reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
        </section>
    }
}
