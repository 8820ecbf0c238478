//! "Paste from a spreadsheet": a text area, then a preview of every value the paste
//! would set and every cell that could not be read, then apply or cancel. Nothing
//! changes before "Apply".

use super::read_for;
use crate::model::actions::MetricAction;
use crate::model::core::format::{count, month_short};
use crate::model::formats::csv_metrics::{column_letter, parse_paste, PastePreview};
use crate::model::metrics::plain;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Id;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn PastePanel(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let store = use_store();
    let draft_key = DraftKey::adding(Form::Paste, Some(&id));
    let open = RwSignal::new(has_draft(&draft_key));
    let text = RwSignal::new(String::new());
    let kept = use_draft(draft_key, FormFields::new().text("table", text));
    let preview = RwSignal::new(None::<Result<PastePreview, String>>);
    let close = move || {
        open.set(false);
        preview.set(None);
        text.set(String::new());
        kept.clear();
    };
    let read_id = id.clone();
    let read = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = store.ws.with_untracked(|ws| {
            read_for(ws, &read_id, |p| {
                parse_paste(ws, p, &metric.get_untracked(), &text.get_untracked())
            })
        });
        preview.set(Some(result));
    };
    let apply_id = id.clone();
    let apply = move |_| {
        let Some(Ok(p)) = preview.get_untracked() else {
            return;
        };
        let n = p.cells.len();
        match store.dispatch(MetricAction::Paste {
            partner: apply_id.clone(),
            preview: p.clone(),
        }) {
            Some(Ok(_)) => {
                store.say(format!("Pasted {} of {}.", count(n, "value"), p.metric));
                close();
            }
            Some(Err(e)) => preview.set(Some(Err(e.to_string()))),
            None => {}
        }
    };
    let names = move |m: &Id| store.ws.with_untracked(|ws| ws.market_name(m).to_owned());
    let shown = move || {
        preview.get().map(|result| match result {
            Err(message) => view! { <p class="import__error" role="alert">{message}</p> }.into_any(),
            Ok(p) => {
                let changes = p.changes();
                let n = p.cells.len();
                let bad = p.bad.clone();
                let rows = p
                    .cells
                    .iter()
                    .map(|c| {
                        let before = c.previous.map(plain).unwrap_or_else(|| "—".to_owned());
                        let class = if c.changes() { "changed" } else { "same" };
                        view! {
                            <tr class=class>
                                <td>{names(&c.market)}</td>
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
                                p.layout.describe(), count(n, "value"), p.metric)}
                        </p>
                        {(!bad.is_empty()).then(|| {
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
                        })}
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
                .into_any()
            }
        })
    };
    let can_apply = move || preview.with(|p| matches!(p, Some(Ok(p)) if p.changes() > 0));
    view! {
        <section class="card metrics-paste" aria-labelledby="metrics-paste-heading">
            <div class="card__head">
                <h2 id="metrics-paste-heading">"Paste from a spreadsheet"</h2>
                <Show when=move || !open.get()>
                    <button class="button" on:click=move |_| open.set(true)>"Paste from a spreadsheet"</button>
                </Show>
            </div>
            <Show when=move || open.get()>
                <DraftOffer draft=kept/>
                <form on:submit=read.clone() novalidate inert=kept.pending()>
                    <div class="field">
                        <label for="metrics-paste-text">{move || format!("Table of {} to paste", metric.get())}</label>
                        <textarea id="metrics-paste-text" rows="6" aria-describedby="metrics-paste-hint"
                            prop:value=move || text.get() on:input=move |ev| {
                                text.set(event_target_value(&ev));
                                preview.set(None);
                            }></textarea>
                        <p class="field__hint" id="metrics-paste-hint">
                            "Copy cells from a spreadsheet: markets down the first column and months (2026-01, Jan 2026, …) across the header row, or months down and markets across. Tabs, commas or semicolons between cells. Empty cells leave values as they are."
                        </p>
                    </div>
                    <div class="form__actions">
                        <button type="submit" class="button">"Preview"</button>
                        <button type="button" class="button button--primary" disabled=move || !can_apply()
                            on:click=apply.clone()>"Apply"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| close()>"Cancel"</button>
                    </div>
                </form>
                {shown}
            </Show>
        </section>
    }
}
