//! The outreach memo of the version being edited: a preview rendered from the model's
//! `Memo` as elements (never its Markdown as HTML), and buttons to copy it as Markdown
//! or as plain text, or to download it as a `.md` file. The memo is written from the same
//! version the checklist reads — what is saved with what is being typed laid over it — so
//! an ingredient the checklist shows as written is always in the memo.

use crate::model::core::format;
use crate::model::documents::memo::{self, Memo as OutreachMemo};
use crate::model::Id;
use crate::storage;
use crate::ui::paragraphs::paragraphs;
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub(super) fn MemoPreview(
    partner: Id,
    pitch: Memo<Option<crate::model::pitch::Pitch>>,
) -> impl IntoView {
    let store = use_store();
    // Read once: a memo drafted just before midnight keeps its date.
    let today = storage::now().date_naive();
    let current = Memo::new(move |_| {
        store.ws.with(|ws| {
            let p = ws.partner(&partner)?;
            pitch.with(|x| {
                let x = x.as_ref()?;
                Some((memo::memo(ws, p, x, today), memo::file_name(p, today)))
            })
        })
    });
    let copy = move |text: Option<String>, done: &'static str| {
        let Some(text) = text else { return };
        leptos::task::spawn_local(async move {
            match storage::clipboard::copy_text(&text).await {
                Ok(()) => store.say(done),
                Err(message) => store.say(message),
            }
        });
    };
    let markdown =
        move || current.with_untracked(|c| c.as_ref().map(|(m, _)| memo::to_markdown(m)));
    let text = move || current.with_untracked(|c| c.as_ref().map(|(m, _)| memo::to_text(m)));
    let download = move |_| {
        let name = current.with_untracked(|c| c.as_ref().map(|(_, n)| n.clone()));
        if let (Some(text), Some(name)) = (markdown(), name) {
            match storage::files::download(&name, &text, "text/markdown") {
                Ok(()) => store.say(format!("Downloaded {name}.")),
                Err(e) => store.say(e),
            }
        }
    };
    view! {
        <section class="card pitch-memo" aria-labelledby="pitch-memo-heading">
            <div class="card__head">
                <h2 id="pitch-memo-heading">"Outreach memo"</h2>
                <div class="form__actions" role="group" aria-label="Memo">
                    <button class="button button--primary"
                        on:click=move |_| copy(markdown(), "Memo copied to the clipboard as Markdown.")>
                        "Copy Markdown"
                    </button>
                    <button class="button"
                        on:click=move |_| copy(text(), "Memo copied to the clipboard as plain text.")>
                        "Copy text"
                    </button>
                    <button class="button" on:click=download>"Download .md"</button>
                </div>
            </div>
            <p class="field__hint">
                "Addressed to the partner's most influential decision maker and signed by the partner's owner. Ingredients run in the memo's own order, from what excites us to the help we offer; blank ones are left out."
            </p>
            {move || current.get().map(|(m, _)| view! { <MemoDocument memo=m/> })}
        </section>
    }
}

/// The memo as a document. Read-only and rebuilt whole when the memo changes, so plain
/// iteration serves here.
#[component]
fn MemoDocument(memo: OutreachMemo) -> impl IntoView {
    let empty = memo.sections.is_empty();
    let sections = memo
        .sections
        .into_iter()
        .map(|s| {
            view! {
                <section class="pitch-memo__section">
                    <h4>{s.heading}</h4>
                    {paragraphs(&s.text, "pitch-memo__text")}
                    {s.goal.map(|g| view! { <p class="pitch-memo__goal"><em>"Shared goal: "</em>{g}</p> })}
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="pitch-memo__document">
            <h3>{memo.title}</h3>
            <dl class="pitch-memo__meta">
                <dt>"To"</dt><dd>{memo.to}</dd>
                <dt>"From"</dt><dd>{memo.from.clone()}</dd>
                <dt>"Date"</dt><dd>{format::day(memo.date)}</dd>
            </dl>
            <p>{memo.greeting}</p>
            {empty.then(|| view! {
                <p class="muted">"Write an ingredient above and it appears here."</p>
            })}
            {sections}
            <p class="pitch-memo__sign">{memo.sign_off}<br/>{memo.from}</p>
        </article>
    }
}
