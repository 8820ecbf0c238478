//! A partner's brief (`#/partners/ID/brief`): the model's brief shown as a page, with
//! buttons to copy it as Markdown, download it as a `.md` file, or print it.
//!
//! The page renders the blocks of `model::documents::brief::Brief` as elements, every person's
//! text as text; it never turns the Markdown into HTML, so what a file or a form put in
//! a name cannot become markup here. The Markdown copied and downloaded is written from
//! the same `Brief`, so the page and the text cannot drift apart. `style/print.css`
//! turns this page into a clean printed document.

use crate::model::core::format;
use crate::model::documents::brief::{self, Block, Brief, Entry, Fact, Value};
use crate::model::Id;
use crate::storage;
use crate::ui::paragraphs::paragraphs;
use crate::ui::partners::website::WebsiteLink;
use crate::ui::route::Route;
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn BriefScreen(id: Id) -> impl IntoView {
    let store = use_store();
    // The day is read once: a brief prepared just before midnight keeps its date.
    let today = storage::now().date_naive();
    let lookup = id.clone();
    let current = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&lookup)
                .map(|p| (brief::brief(ws, p, today), brief::file_name(p, today)))
        })
    });
    let partner_href = Route::Partner(id).href();

    let markdown =
        move || current.with_untracked(|c| c.as_ref().map(|(b, _)| brief::to_markdown(b)));
    let copy = move |_| {
        let Some(text) = markdown() else { return };
        leptos::task::spawn_local(async move {
            match storage::clipboard::copy_text(&text).await {
                Ok(()) => store.say("Markdown copied to the clipboard."),
                Err(message) => store.say(message),
            }
        });
    };
    let download = move |_| {
        let name = current.with_untracked(|c| c.as_ref().map(|(_, name)| name.clone()));
        if let (Some(text), Some(name)) = (markdown(), name) {
            if let Err(e) = storage::files::download(&name, &text, "text/markdown") {
                store.say(e);
            }
        }
    };
    let print = move |_| {
        let printed = web_sys::window().map(|w| w.print());
        if !matches!(printed, Some(Ok(()))) {
            store.say("The browser would not open its print dialog. Use its menu to print.");
        }
    };

    move || {
        let Some((b, _)) = current.get() else {
            return not_found().into_any();
        };
        let partner_href = partner_href.clone();
        view! {
            <section class="screen brief" aria-labelledby="brief-title">
                <p class="crumbs">
                    <a href="#/partners">"Partners"</a>" / "
                    <a href=partner_href.clone()>{b.title.clone()}</a>" / "
                </p>
                <div class="screen__head">
                    <h1 id="brief-title" tabindex="-1">"Partner brief: "{b.title.clone()}</h1>
                    <div class="form__actions" role="group" aria-label="Brief">
                        <button class="button button--primary" on:click=copy>"Copy Markdown"</button>
                        <button class="button" on:click=download>"Download .md"</button>
                        <button class="button" on:click=print>"Print"</button>
                        <a class="button button--quiet" href=partner_href>"Back to the partner"</a>
                    </div>
                </div>
                <BriefDocument brief=b/>
            </section>
        }
        .into_any()
    }
}

fn not_found() -> impl IntoView {
    view! {
        <section class="screen">
            <h1 tabindex="-1">"Partner not found"</h1>
            <p>"No partner has this id, so there is no brief to show. It may have been deleted or never imported."</p>
            <p><a href="#/partners">"Back to the partner list"</a></p>
        </section>
    }
}

/// The brief's body. It is a read-only document rebuilt whole when the partner changes,
/// so plain iteration serves here where an editable list would need a keyed `<For/>`.
#[component]
fn BriefDocument(brief: Brief) -> impl IntoView {
    let sections = brief
        .sections
        .into_iter()
        .map(|section| {
            view! {
                <section class="brief__section">
                    <h2>{section.heading}</h2>
                    {section.blocks.into_iter().map(block).collect_view()}
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="card brief__document">
            <p class="muted brief__meta">{brief.program}" · prepared "{format::day(brief.prepared)}</p>
            {sections}
        </article>
    }
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Facts(facts) => view! {
            <ul class="brief__facts">{facts.into_iter().map(fact).collect_view()}</ul>
        }
        .into_any(),
        Block::Text(text) => paragraphs(&text, "brief__text").into_any(),
        Block::Entry(p) => entry(p).into_any(),
        Block::Note(note) => view! { <p class="muted">{note}</p> }.into_any(),
        Block::Items(items) => view! {
            <ul class="brief__items">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::List { title, items } => view! {
            <div class="brief__list">
                <p class="brief__list-title"><strong>{title}</strong></p>
                {if items.is_empty() {
                    view! { <p class="muted">{brief::NONE_YET}</p> }.into_any()
                } else {
                    view! {
                        <ul class="brief__items">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    }.into_any()
                }}
            </div>
        }
        .into_any(),
    }
}

fn fact(fact: Fact) -> impl IntoView {
    let value = match fact.value {
        Value::Text(text) => text.into_any(),
        // The model made this a link only for an http(s) address; its text is the
        // address itself, so print shows no second copy of it (`is-url`).
        Value::Link(url) => view! { <WebsiteLink url class="external is-url"/> }.into_any(),
    };
    view! { <li><strong>{fact.label}": "</strong>{value}</li> }
}

fn entry(p: Entry) -> impl IntoView {
    view! {
        <div class="brief__person">
            <h3>{p.name}</h3>
            <p class="muted">{p.summary}</p>
            {paragraphs(&p.notes, "brief__text")}
        </div>
    }
}
