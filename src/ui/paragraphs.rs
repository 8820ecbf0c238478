//! A person's free text shown as paragraphs, its line breaks kept, split where the
//! documents' Markdown splits it (`model::core::text::paragraphs`), so what the page
//! shows and what is copied agree. The brief and the outreach memo show their text so.

use crate::model::core::text;
use leptos::prelude::*;

/// `text` as `<p class={class}>` elements, one per paragraph, a `<br/>` between its lines.
pub fn paragraphs(text: &str, class: &'static str) -> impl IntoView {
    text::paragraphs(text)
        .into_iter()
        .map(|lines| {
            let last = lines.len().saturating_sub(1);
            let body = lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| view! { {line}{(i < last).then(|| view! { <br/> })} })
                .collect_view();
            view! { <p class=class>{body}</p> }
        })
        .collect_view()
}
