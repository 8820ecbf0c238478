//! The grid of one metric: a row per market, a column per month, every cell an input.
//! A cell saves when it changes (Enter or leaving it); Enter and the up and down arrows
//! move within the month's column, Tab moves along the row, as in a spreadsheet.
//!
//! What is typed in a cell and not saved yet (no Enter, no Tab, a value that does not
//! read as a number) is kept as the partner's metrics draft (`ui::draft`), one field per
//! cell named `<market>.<month>.<metric>`, and offered back after a reload; restoring
//! saves every cell that reads.
//!
//! A block copied from a spreadsheet (tabs and line breaks) and pasted into a cell
//! spreads across the grid from that cell, as a spreadsheet does, in one undoable edit;
//! a cell of the block that is not a number stays in the cell it landed on, marked, with
//! the message naming it. A pasted table with its own month and market labels is read by
//! the paste box's reader instead, wherever it lands.

use super::{read_for, this_month};
use crate::model::actions::metrics::Cell;
use crate::model::actions::MetricAction;
use crate::model::core::format::{self, month_short};
use crate::model::formats::csv_metrics::{
    column_letter, grid_text, is_block, is_labelled, parse_number, parse_paste, spread_paste,
};
use crate::model::metrics::{self, plain};
use crate::model::workspace::draft::{DraftKey, Fields, Form};
use crate::model::{Id, Month};
use crate::storage;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::shortcuts::{self, Command, Place};
use crate::ui::state::use_store;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of a cell's input, so the arrows can find its neighbours.
fn cell_id(market: &Id, month: Month) -> String {
    format!("mcell-{market}-{month}")
}

/// A cell's name in the draft: the metric last, since its name may hold dots.
fn draft_name(market: &Id, month: Month, metric: &str) -> String {
    format!("{market}.{month}.{metric}")
}

fn from_draft_name(name: &str) -> Option<(Id, Month, &str)> {
    let mut parts = name.splitn(3, '.');
    let market = Id::parse(parts.next()?).ok()?;
    let month = Month::parse(parts.next()?).ok()?;
    Some((market, month, parts.next()?))
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn MetricsGrid(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let store = use_store();
    let all_months = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Unsaved cell texts by their draft name.
    let unsaved = RwSignal::new(Fields::new());
    // Cells a paste left holding text that is not a number, by their draft name.
    let pasted_bad = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let restore_id = id.clone();
    let save_restored = Callback::new(move |()| {
        let (names, cells): (Vec<String>, Vec<Cell>) = unsaved.with_untracked(|u| {
            u.iter()
                .filter_map(|(name, text)| {
                    let (market, month, metric) = from_draft_name(name)?;
                    let value = parse_number(text).ok()?;
                    Some((name.clone(), Cell::new(market, month, metric, value)))
                })
                .unzip()
        });
        let restored = store.dispatch(MetricAction::RestoreValues {
            partner: restore_id.clone(),
            cells,
        });
        let saved = match &restored {
            Some(Ok(applied)) => applied.saved(),
            _ => &[],
        };
        // What could not be saved stays a draft, shown in its cell.
        unsaved.update(|u| u.retain(|name, _| !saved.iter().any(|&i| names[i] == *name)));
    });
    let kept = use_draft(
        DraftKey::of_partner(Form::Metrics, &id),
        FormFields::new().many(move || unsaved.get(), move |f| unsaved.set(f.clone())),
    )
    .on_restore(save_restored);
    let pid = id.clone();
    let months = Memo::new(move |_| {
        let max = if all_months.get() { 36 } else { 12 };
        store.ws.with(|ws| {
            ws.partner(&pid)
                .map(|p| metrics::grid_months(p, &metric.get(), this_month(), max))
                .unwrap_or_default()
        })
    });
    let pid = id.clone();
    let markets = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&pid)
                .map(|p| {
                    metrics::grid_markets(p, &metric.get())
                        .into_iter()
                        .map(|m| (m.clone(), ws.market_name(&m).to_owned()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let copy_id = id.clone();
    let copy = move |_| {
        let text = store.ws.with_untracked(|ws| {
            ws.partner(&copy_id).map(|p| {
                let ids: Vec<Id> = markets
                    .get_untracked()
                    .into_iter()
                    .map(|(m, _)| m)
                    .collect();
                grid_text(
                    ws,
                    p,
                    &metric.get_untracked(),
                    &ids,
                    &months.get_untracked(),
                )
            })
        });
        if let Some(text) = text {
            leptos::task::spawn_local(async move {
                match storage::clipboard::copy_text(&text).await {
                    Ok(()) => store.say("Copied the grid: paste it into a spreadsheet."),
                    Err(e) => store.say(e),
                }
            });
        }
    };
    // Moves focus `step` markets down (negative: up) in the same month's column.
    // Says whether there was a cell to move to.
    let step = move |market: &Id, month: Month, step: isize| {
        markets.with_untracked(|all| {
            let here = all.iter().position(|(m, _)| m == market);
            let target = here
                .and_then(|i| i.checked_add_signed(step))
                .and_then(|i| all.get(i));
            target.map(|(m, _)| focus(&cell_id(m, month))).is_some()
        })
    };
    let paste_id = id.clone();
    let paste_block = Callback::new(move |(market, month, text): (Id, Month, String)| {
        let metric_name = metric.get_untracked();
        let ids: Vec<Id> =
            markets.with_untracked(|all| all.iter().map(|(m, _)| m.clone()).collect());
        let shown_months = months.get_untracked();
        let at = (
            ids.iter().position(|m| *m == market).unwrap_or(0),
            shown_months.iter().position(|m| *m == month).unwrap_or(0),
        );
        let name_of = |m: &Id| store.ws.with_untracked(|ws| ws.market_name(m).to_owned());
        let mut problems: Vec<String> = Vec::new();
        let mut count = 0;
        let outcome = if is_labelled(&text) {
            // A table with its own labels: where it lands does not matter.
            let read = store.ws.with_untracked(|ws| {
                read_for(ws, &paste_id, |p| parse_paste(ws, p, &metric_name, &text))
            });
            read.map(|preview| {
                count = preview.cells.len();
                problems.extend(preview.bad.iter().map(|b| {
                    format!(
                        "pasted row {}, column {}: {}",
                        b.row,
                        column_letter(b.column),
                        b.reason
                    )
                }));
                store
                    .dispatch(MetricAction::Paste {
                        partner: paste_id.clone(),
                        preview,
                    })
                    .map(|r| r.map_err(|e| e.to_string()))
            })
        } else {
            let read = store.ws.with_untracked(|ws| {
                read_for(ws, &paste_id, |p| {
                    spread_paste(p, &metric_name, &ids, &shown_months, at, &text)
                })
            });
            read.map(|paste| {
                count = paste.cells.len();
                for b in &paste.bad {
                    let name = draft_name(&b.market, b.month, &metric_name);
                    unsaved.update(|u| {
                        u.insert(name.clone(), b.text.clone());
                    });
                    pasted_bad.update(|s| {
                        s.insert(name);
                    });
                    problems.push(format!(
                        "{}, {}: {}. Type a number such as 12,400 or 3.5.",
                        name_of(&b.market),
                        month_short(b.month),
                        b.reason
                    ));
                }
                if paste.outside > 0 {
                    problems.push(format!(
                        "{} fell outside the grid (past the last market or month) and {} left out; tick \"All months\" or paste nearer the top left.",
                        format::count(paste.outside, "pasted value"),
                        format::plural(paste.outside, "was", "were")
                    ));
                }
                store
                    .dispatch(MetricAction::GridPaste {
                        partner: paste_id.clone(),
                        metric: metric_name.clone(),
                        paste,
                    })
                    .map(|r| r.map_err(|e| e.to_string()))
            })
        };
        match outcome {
            Err(e) | Ok(Some(Err(e))) => {
                error.set(Some(format!(
                    "The paste into {}, {} was not applied: {e}",
                    name_of(&market),
                    month_short(month)
                )));
                return;
            }
            _ => {}
        }
        if count > 0 {
            store.say(format!(
                "Pasted {} of {metric_name} from {}, {}. Undo takes the paste back.",
                format::count(count, "value"),
                name_of(&market),
                month_short(month)
            ));
        }
        error.set((!problems.is_empty()).then(|| {
            let n = problems.len();
            format!(
                "{} of the paste {} not applied: {}",
                if n == 1 {
                    "One part".to_owned()
                } else {
                    format!("{n} parts")
                },
                format::plural(n, "was", "were"),
                problems.join(" ")
            )
        }));
    });
    let grid_id = StoredValue::new(id.clone());
    view! {
        <section class="card metrics-grid" aria-labelledby="metrics-grid-heading">
            <div class="card__head">
                <h2 id="metrics-grid-heading">{move || format!("Values: {}", metric.get())}</h2>
                <div class="metrics-grid__tools">
                    <label class="metrics-grid__all">
                        <input type="checkbox" prop:checked=move || all_months.get()
                            on:change=move |ev| all_months.set(event_target_checked(&ev))/>
                        " All months"
                    </label>
                    <button class="button button--quiet button--small" on:click=copy>"Copy as table"</button>
                </div>
            </div>
            <DraftOffer draft=kept/>
            <Show when=move || !markets.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"This partner has no markets yet: add one below, then enter values here."</p> }>
                <div class="metrics-grid__scroll" inert=kept.pending()>
                    <table class="metrics-grid__table">
                        <caption class="visually-hidden">{move || format!("{} by market and month; each cell can be edited", metric.get())}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Market"</th>
                                <For each=move || months.get() key=|m| *m let:m>
                                    <th scope="col">{month_short(m)}</th>
                                </For>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || markets.get() key=|(m, name)| (m.clone(), name.clone()) let:row>
                                {
                                    let (market, name) = row;
                                    let pid = grid_id.get_value();
                                    view! {
                                        <tr>
                                            <th scope="row">{name.clone()}</th>
                                            <For each=move || months.get() key=|m| *m let:month>
                                                <GridCell pid=pid.clone() market=market.clone() name=name.clone()
                                                    month metric error step unsaved pasted_bad paste_block/>
                                            </For>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <p class="field__error metrics-grid__error" role="alert">{move || error.get()}</p>
                <p class="field__hint">"Type a value and press Enter or Tab to save it; clear a cell to remove its value. Thousands separators and decimal commas are read as in a spreadsheet."</p>
            </Show>
            // A market missing from the rows is added here, not on another screen.
            <crate::ui::markets::AddMarket partner=grid_id.get_value() name="metrics"/>
        </section>
    }
}

#[component]
fn GridCell(
    pid: Id,
    market: Id,
    name: String,
    month: Month,
    metric: Signal<String>,
    error: RwSignal<Option<String>>,
    step: impl Fn(&Id, Month, isize) -> bool + Copy + Send + Sync + 'static,
    unsaved: RwSignal<Fields>,
    pasted_bad: RwSignal<std::collections::BTreeSet<String>>,
    paste_block: Callback<(Id, Month, String)>,
) -> impl IntoView {
    let store = use_store();
    let invalid = RwSignal::new(false);
    let name_market = market.clone();
    let draft_of = move || draft_name(&name_market, month, &metric.get());
    let typed = {
        let draft_of = draft_of.clone();
        move || unsaved.with(|u| u.get(&draft_of()).cloned())
    };
    let (look_pid, look_market) = (pid.clone(), market.clone());
    let shown = move || {
        store.ws.with(|ws| {
            ws.partner(&look_pid)
                .and_then(|p| metrics::series(p, &look_market, &metric.get()))
                .and_then(|s| s.values.get(&month).copied())
                .map(plain)
                .unwrap_or_default()
        })
    };
    // A change to the stored value from elsewhere (an undo, an import, another tab) is
    // newer than what was typed here and not saved: the cell shows it.
    let stale = draft_of.clone();
    let stored_value = shown.clone();
    Effect::new(move |before: Option<(String, String)>| {
        let now = (metric.get(), stored_value());
        // Another metric chosen is not a change to this cell.
        if before.is_some_and(|b| b.0 == now.0 && b.1 != now.1) {
            let name = stale();
            if unsaved.with_untracked(|u| u.contains_key(&name)) {
                unsaved.update(|u| {
                    u.remove(&name);
                });
                invalid.set(false);
            }
        }
        now
    });
    let label = format!("{name}, {}", month_short(month));
    let change_market = market.clone();
    let where_ = format!("{name}, {}", month_short(month));
    let market_name = name.clone();
    let forget = draft_of.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match parse_number(&text) {
            Ok(value) => {
                let metric = metric.get_untracked();
                let result = store.dispatch(MetricAction::SetValue {
                    partner: pid.clone(),
                    cell: Cell::new(change_market.clone(), month, metric, value),
                    market_name: market_name.clone(),
                });
                match result {
                    Some(Err(e)) => {
                        invalid.set(true);
                        error.set(Some(format!("{where_}: {e}")));
                    }
                    _ => {
                        invalid.set(false);
                        error.set(None);
                        let name = forget();
                        unsaved.update(|u| {
                            u.remove(&name);
                        });
                        pasted_bad.update(|s| {
                            s.remove(&name);
                        });
                    }
                }
            }
            Err(e) => {
                invalid.set(true);
                error.set(Some(format!(
                    "{where_}: {e}. Type a number such as 12,400 or 3.5."
                )));
            }
        }
    };
    let paste_market = market.clone();
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        // One value is typed into the cell as usual; a block spreads over the grid.
        if is_block(&text) {
            ev.prevent_default();
            paste_block.run((paste_market.clone(), month, text));
        }
    };
    let bad_name = draft_of.clone();
    let marked = move || invalid.get() || pasted_bad.with(|s| s.contains(&bad_name()));
    let key_market = market.clone();
    let on_key =
        move |ev: leptos::ev::KeyboardEvent| match shortcuts::command(Place::MetricsCell, &ev) {
            Some(Command::NextRow) => {
                ev.prevent_default();
                // Leaving the cell fires its change event, which saves it; on the last
                // row, Enter just leaves the cell.
                if !step(&key_market, month, 1) && ev.key() == "Enter" {
                    if let Some(el) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = el.blur();
                    }
                }
            }
            Some(Command::PreviousRow) => {
                ev.prevent_default();
                step(&key_market, month, -1);
            }
            _ => {}
        };
    view! {
        <td>
            <input class="metrics-grid__cell" id=cell_id(&market, month) inputmode="decimal"
                aria-label=label aria-invalid=move || marked().then_some("true")
                prop:value=move || typed().unwrap_or_else(&shown)
                on:input=move |ev| {
                    let name = draft_of();
                    unsaved.update(|u| {
                        u.insert(name, event_target_value(&ev));
                    });
                }
                on:change=on_change on:keydown=on_key on:paste=on_paste/>
        </td>
    }
}
