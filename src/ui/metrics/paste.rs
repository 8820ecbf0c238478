//! "Paste from a spreadsheet": a text area, then a preview of every value the paste
//! would set and every cell that could not be read, then apply or cancel. Nothing
//! changes before "Apply".

use super::{read_for, PasteError};
use crate::model::actions::MetricAction;
use crate::model::core::format::{count, month_short};
use crate::model::formats::csv_metrics::{column_letter, parse_paste, BadCell, PastePreview};
use crate::model::metrics::plain;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Id;
use crate::ui::draft::{has_draft, use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::on_submit;
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// The panel's state, shared by its handlers and its parts.
#[derive(Clone, Copy)]
struct Paste {
    store: Store,
    partner: StoredValue<Id>,
    metric: Signal<String>,
    open: RwSignal<bool>,
    /// The table as pasted, kept as the panel's draft.
    text: RwSignal<String>,
    /// What "Preview" read: the values the paste would set, or why it could not.
    preview: RwSignal<Option<Result<PastePreview, PasteError>>>,
    kept: Draft,
}

impl Paste {
    fn new(id: Id, metric: Signal<String>) -> Self {
        let store = use_store();
        let draft_key = DraftKey::adding(Form::Paste, Some(&id));
        let open = RwSignal::new(has_draft(&draft_key));
        let text = RwSignal::new(String::new());
        let kept = use_draft(draft_key, FormFields::new().text("table", text));
        Paste {
            store,
            partner: StoredValue::new(id),
            metric,
            open,
            text,
            preview: RwSignal::new(None),
            kept,
        }
    }

    /// Closes the panel, forgetting the table and its preview.
    fn close(self) {
        self.open.set(false);
        self.preview.set(None);
        self.text.set(String::new());
        self.kept.clear();
    }

    /// A new table was typed: the preview of the old one no longer holds.
    fn typed(self, text: String) {
        self.text.set(text);
        self.preview.set(None);
    }

    /// Reads the table against the partner and the metric chosen, for the preview.
    fn read(self) {
        let result = self.store.ws.with_untracked(|ws| {
            self.partner.with_value(|id| {
                read_for(ws, id, |p| {
                    parse_paste(
                        ws,
                        p,
                        &self.metric.get_untracked(),
                        &self.text.get_untracked(),
                    )
                })
            })
        });
        self.preview.set(Some(result));
    }

    /// Whether the preview holds a value that applying would change.
    fn can_apply(self) -> bool {
        self.preview
            .with(|p| matches!(p, Some(Ok(p)) if p.changes() > 0))
    }

    /// Sets the previewed values, in one undoable edit, and closes the panel.
    fn apply(self) {
        let Some(Ok(p)) = self.preview.get_untracked() else {
            return;
        };
        let n = p.cells.len();
        match self.store.dispatch(MetricAction::Paste {
            partner: self.partner.get_value(),
            preview: p.clone(),
        }) {
            Some(Ok(_)) => {
                self.store
                    .say(format!("Pasted {} of {}.", count(n, "value"), p.metric));
                self.close();
            }
            Some(Err(e)) => self.preview.set(Some(Err(e.into()))),
            None => {}
        }
    }

    fn market_name(self, market: &Id) -> String {
        self.store
            .ws
            .with_untracked(|ws| ws.market_name(market).to_owned())
    }
}

#[component]
pub fn PastePanel(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let paste = Paste::new(id, metric);
    let open = paste.open;
    view! {
        <section class="card metrics-paste" aria-labelledby="metrics-paste-heading">
            <div class="card__head">
                <h2 id="metrics-paste-heading">"Paste from a spreadsheet"</h2>
                <Show when=move || !open.get()>
                    <button class="button" on:click=move |_| open.set(true)>"Paste from a spreadsheet"</button>
                </Show>
            </div>
            <Show when=move || open.get()>
                <DraftOffer draft=paste.kept/>
                <PasteForm paste/>
                <PasteResult paste/>
            </Show>
        </section>
    }
}

/// The table's text area and the panel's buttons.
#[component]
fn PasteForm(paste: Paste) -> impl IntoView {
    let Paste { metric, text, .. } = paste;
    let read = on_submit(move || paste.read());
    view! {
        <form on:submit=read novalidate inert=paste.kept.pending()>
            <div class="field">
                <label for="metrics-paste-text">{move || format!("Table of {} to paste", metric.get())}</label>
                <textarea id="metrics-paste-text" rows="6" aria-describedby="metrics-paste-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| paste.typed(event_target_value(&ev))></textarea>
                <p class="field__hint" id="metrics-paste-hint">
                    "Copy cells from a spreadsheet: markets down the first column and months (2026-01, Jan 2026, …) across the header row, or months down and markets across. Tabs, commas or semicolons between cells. Empty cells leave values as they are."
                </p>
            </div>
            <div class="form__actions">
                <button type="submit" class="button">"Preview"</button>
                <button type="button" class="button button--primary" disabled=move || !paste.can_apply()
                    on:click=move |_| paste.apply()>"Apply"</button>
                <button type="button" class="button button--quiet" on:click=move |_| paste.close()>"Cancel"</button>
            </div>
        </form>
    }
}

/// What the last "Preview" read, or why it could not.
#[component]
fn PasteResult(paste: Paste) -> impl IntoView {
    move || {
        paste.preview.get().map(|result| match result {
            Err(message) => {
                view! { <p class="import__error" role="alert">{message.to_string()}</p> }.into_any()
            }
            Ok(preview) => view! { <PreviewOf paste preview/> }.into_any(),
        })
    }
}

/// How the table was read, the cells that could not be, and the values it would set.
#[component]
fn PreviewOf(paste: Paste, preview: PastePreview) -> impl IntoView {
    let changes = preview.changes();
    let n = preview.cells.len();
    let rows = preview
        .cells
        .iter()
        .map(|c| {
            let before = c.previous.map(plain).unwrap_or_else(|| "—".to_owned());
            let class = if c.changes() { "changed" } else { "same" };
            view! {
                <tr class=class>
                    <td>{paste.market_name(&c.market)}</td>
                    <td>{month_short(c.month)}</td>
                    <td class="num">{before}</td>
                    <td class="num">{plain(c.value)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="metrics-paste__preview" aria-live="polite">
            <p>
                {format!("Read as {}: {} of {}, {changes} of them new or different.",
                    preview.layout.describe(), count(n, "value"), preview.metric)}
            </p>
            {(!preview.bad.is_empty()).then(|| view! { <BadCells bad=preview.bad.clone()/> })}
            {(n > 0).then(|| view! {
                <div class="metrics-paste__scroll">
                    <table class="metrics-paste__table">
                        <thead><tr>
                            <th scope="col">"Market"</th><th scope="col">"Month"</th>
                            <th scope="col">"Now"</th><th scope="col">"Pasted"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
        </div>
    }
}

/// The cells of the table that could not be read, and why.
#[component]
fn BadCells(bad: Vec<BadCell>) -> impl IntoView {
    let bad_count = bad.len();
    view! {
        <div class="notice metrics-paste__bad" role="alert">
            <p><strong>{format!("{} could not be read", count(bad_count, "cell"))}</strong>
                " and will be left out. Fix them and read the table again, or apply the good values."</p>
            <ul>{bad.into_iter().map(|b| view! {
                <li>{format!("Row {}, column {}: {}", b.row, column_letter(b.column), b.reason)}</li>
            }).collect_view()}</ul>
        </div>
    }
}
