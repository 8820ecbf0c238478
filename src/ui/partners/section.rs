//! A section of a partner's page (`#/partners/ID/pitch` and the like): the partner's
//! name, the tabs, and the section's own component.

use super::tabs::PartnerTabs;
use crate::model::Id;
use crate::ui::route::Section;
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn SectionScreen(id: Id, section: Section) -> impl IntoView {
    let store = use_store();
    let lookup = id.clone();
    let name = Memo::new(move |_| {
        store
            .ws
            .with(|ws| ws.partner(&lookup).map(|p| p.name.clone()))
    });
    let exists = move || name.with(Option::is_some);
    let body = move || {
        let id = id.clone();
        exists().then(|| {
            let content = {
                let id = id.clone();
                crate::ui::lazy::on_demand(move || crate::ui::lazy::section_body(id.clone(), section))
            };
            view! {
                <p class="crumbs"><a href="#/partners">"Partners"</a>" / "</p>
                <div class="screen__head">
                    <h1 tabindex="-1">{move || name.get().unwrap_or_default()}" — "{section.label()}</h1>
                </div>
                <PartnerTabs id=id current=Some(section)/>
                {content}
            }
        })
    };
    view! {
        <section class="screen">
            {body}
            <Show when=move || !exists()>
                <h1 tabindex="-1">"Partner not found"</h1>
                <p>"No partner has this id. It may have been deleted or never imported."</p>
                <p><a href="#/partners">"Back to the partner list"</a></p>
            </Show>
        </section>
    }
}
