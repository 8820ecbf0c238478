//! What the assessment recommends, with every reason; the incumbent-bias warning; and
//! the partner's ability to deliver with what it is made of.

use crate::model::core::format::percent;
use crate::model::fit::{ability_to_deliver, bias_warning, recommendation};
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
                view! {
                    <div class="fit-ability">
                        <h3>"Ability to deliver: " <span class="fit-ability__figure">{figure.clone()}</span></h3>
                        <ShareBar share=a.score.unwrap_or(0.0) class="fit-ability__bar"
                            label=format!("Ability to deliver {figure}")/>
                        <ul class="fit-reasons fit-reasons--quiet" aria-label="What the ability to deliver is made of">
                            {a.reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
        </section>
    }
}

/// A horizontal bar for a share 0–1, drawn in SVG (the page's content policy forbids
/// inline styles), named for assistive technology.
#[component]
pub fn ShareBar(share: f64, class: &'static str, label: String) -> impl IntoView {
    let width = (share.clamp(0.0, 1.0) * 100.0).round() as u32;
    let title = label.clone();
    view! {
        <svg class=format!("share-bar {class}") viewBox="0 0 100 8" preserveAspectRatio="none"
            role="img" aria-label=label focusable="false">
            <title>{title}</title>
            <rect class="share-bar__track" x="0" y="0" width="100" height="8"/>
            <rect class="share-bar__fill" x="0" y="0" width=width height="8"/>
        </svg>
    }
}
