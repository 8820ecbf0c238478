//! A partner's website as a link that shows where it really goes: the host stands out
//! in bold between a muted scheme and path, so `https://bank.example.evil.example/login`
//! reads as evil.example's. Only an address [`validate::website`] accepts becomes a
//! link (no user-info before the host, no invisible formatting characters); anything
//! else is shown as plain text.

use crate::model::workspace::validate::{self, website_parts};
use leptos::prelude::*;

/// `<WebsiteLink url=p.website.clone() class="external" suffix=" ↗"/>`: a link opening
/// in a new tab, without the opener or a referrer.
#[component]
pub fn WebsiteLink(
    url: String,
    /// The link's classes.
    #[prop(optional)]
    class: &'static str,
    /// Text after the address inside the link (an arrow for "opens elsewhere").
    #[prop(optional)]
    suffix: &'static str,
) -> impl IntoView {
    let parts = validate::website(&url)
        .ok()
        .and_then(|()| website_parts(&url))
        .map(|p| (p.scheme.to_owned(), p.host.to_owned(), p.rest.to_owned()));
    match parts {
        Some((scheme, host, rest)) => view! {
            <a class=format!("website {class}") href=url.clone() title=url target="_blank"
                rel="noopener noreferrer">
                <span class="website__scheme">{scheme}</span>
                <strong class="website__host">{host}</strong>
                <span class="website__rest">{rest}</span>
                {suffix}
            </a>
        }
        .into_any(),
        None => view! { <span>{url}</span> }.into_any(),
    }
}
