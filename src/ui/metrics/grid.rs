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

use super::{read_for, this_month, PasteError};
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
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;
use std::collections::BTreeSet;
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

/// The grid's state, shared by its handlers, its rows and its cells.
#[derive(Clone, Copy)]
struct Grid {
    store: Store,
    partner: StoredValue<Id>,
    metric: Signal<String>,
    /// Whether the columns reach 36 months back instead of 12.
    all_months: RwSignal<bool>,
    /// What went wrong with the last cell saved or block pasted, shown under the grid.
    error: RwSignal<Option<String>>,
    /// Unsaved cell texts by their draft name.
    unsaved: RwSignal<Fields>,
    /// Cells a paste left holding text that is not a number, by their draft name.
    pasted_bad: RwSignal<BTreeSet<String>>,
    /// The months shown, a column each.
    months: Memo<Vec<Month>>,
    /// The markets shown, a row each, with their names.
    markets: Memo<Vec<(Id, String)>>,
}

impl Grid {
    fn new(store: Store, id: Id, metric: Signal<String>) -> Self {
        let all_months = RwSignal::new(false);
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
        Grid {
            store,
            partner: StoredValue::new(id),
            metric,
            all_months,
            error: RwSignal::new(None),
            unsaved: RwSignal::new(Fields::new()),
            pasted_bad: RwSignal::new(BTreeSet::new()),
            months,
            markets,
        }
    }

    fn market_ids(self) -> Vec<Id> {
        self.markets
            .with_untracked(|all| all.iter().map(|(m, _)| m.clone()).collect())
    }

    fn market_name(self, market: &Id) -> String {
        self.store
            .ws
            .with_untracked(|ws| ws.market_name(market).to_owned())
    }

    /// Saves the restored draft's cells that read as numbers, in one undoable edit.
    fn save_restored(self) {
        let (names, cells): (Vec<String>, Vec<Cell>) = self.unsaved.with_untracked(|u| {
            u.iter()
                .filter_map(|(name, text)| {
                    let (market, month, metric) = from_draft_name(name)?;
                    let value = parse_number(text).ok()?;
                    Some((name.clone(), Cell::new(market, month, metric, value)))
                })
                .unzip()
        });
        let restored = self.store.dispatch(MetricAction::RestoreValues {
            partner: self.partner.get_value(),
            cells,
        });
        let saved = match &restored {
            Some(Ok(applied)) => applied.saved(),
            _ => &[],
        };
        // What could not be saved stays a draft, shown in its cell.
        self.unsaved
            .update(|u| u.retain(|name, _| !saved.iter().any(|&i| names[i] == *name)));
    }

    /// Copies the grid as shown, tab-separated, for a spreadsheet.
    fn copy_table(self) {
        let ids = self.market_ids();
        let text = self.store.ws.with_untracked(|ws| {
            ws.partner(&self.partner.get_value()).map(|p| {
                grid_text(
                    ws,
                    p,
                    &self.metric.get_untracked(),
                    &ids,
                    &self.months.get_untracked(),
                )
            })
        });
        let Some(text) = text else { return };
        let store = self.store;
        leptos::task::spawn_local(async move {
            match storage::clipboard::copy_text(&text).await {
                Ok(()) => store.say("Copied the grid: paste it into a spreadsheet."),
                Err(e) => store.say(e),
            }
        });
    }

    /// Moves focus `step` markets down (negative: up) in the same month's column.
    /// Says whether there was a cell to move to.
    fn step(self, market: &Id, month: Month, step: isize) -> bool {
        self.markets.with_untracked(|all| {
            let here = all.iter().position(|(m, _)| m == market);
            let target = here
                .and_then(|i| i.checked_add_signed(step))
                .and_then(|i| all.get(i));
            target.map(|(m, _)| focus(&cell_id(m, month))).is_some()
        })
    }

    /// Applies a block pasted into the cell of `market` and `month`, then says how
    /// much was pasted and which parts were not.
    fn paste_block(self, market: Id, month: Month, text: String) {
        let metric = self.metric.get_untracked();
        let mut problems: Vec<String> = Vec::new();
        let pasted = if is_labelled(&text) {
            // A table with its own labels: where it lands does not matter.
            self.paste_labelled(&metric, &text, &mut problems)
        } else {
            self.paste_spread((&market, month), &metric, &text, &mut problems)
        };
        let count = match pasted {
            Ok(count) => count,
            Err(e) => {
                self.error.set(Some(format!(
                    "The paste into {}, {} was not applied: {e}",
                    self.market_name(&market),
                    month_short(month)
                )));
                return;
            }
        };
        if count > 0 {
            self.store.say(format!(
                "Pasted {} of {metric} from {}, {}. Undo takes the paste back.",
                format::count(count, "value"),
                self.market_name(&market),
                month_short(month)
            ));
        }
        self.error.set(paste_problems(&problems));
    }

    /// Applies a pasted table with its own month and market labels; returns how many
    /// values it held, or why it was not applied.
    fn paste_labelled(
        self,
        metric: &str,
        text: &str,
        problems: &mut Vec<String>,
    ) -> Result<usize, PasteError> {
        let partner = self.partner.get_value();
        let preview = self
            .store
            .ws
            .with_untracked(|ws| read_for(ws, &partner, |p| parse_paste(ws, p, metric, text)))?;
        let count = preview.cells.len();
        problems.extend(preview.bad.iter().map(|b| {
            format!(
                "pasted row {}, column {}: {}",
                b.row,
                column_letter(b.column),
                b.reason
            )
        }));
        match self
            .store
            .dispatch(MetricAction::Paste { partner, preview })
        {
            Some(Err(e)) => Err(e.into()),
            _ => Ok(count),
        }
    }

    /// Spreads a pasted block over the grid from the cell `at`; a value that is not a
    /// number stays in the cell it landed on, marked. Returns how many values were
    /// applied, or why none were.
    fn paste_spread(
        self,
        at: (&Id, Month),
        metric: &str,
        text: &str,
        problems: &mut Vec<String>,
    ) -> Result<usize, PasteError> {
        let partner = self.partner.get_value();
        let ids = self.market_ids();
        let shown_months = self.months.get_untracked();
        let from = (
            ids.iter().position(|m| m == at.0).unwrap_or(0),
            shown_months.iter().position(|m| *m == at.1).unwrap_or(0),
        );
        let paste = self.store.ws.with_untracked(|ws| {
            read_for(ws, &partner, |p| {
                spread_paste(p, metric, &ids, &shown_months, from, text)
            })
        })?;
        let count = paste.cells.len();
        for b in &paste.bad {
            let name = draft_name(&b.market, b.month, metric);
            self.unsaved.update(|u| {
                u.insert(name.clone(), b.text.clone());
            });
            self.pasted_bad.update(|s| {
                s.insert(name);
            });
            problems.push(format!(
                "{}, {}: {}. Type a number such as 12,400 or 3.5.",
                self.market_name(&b.market),
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
        let action = MetricAction::GridPaste {
            partner,
            metric: metric.to_owned(),
            paste,
        };
        match self.store.dispatch(action) {
            Some(Err(e)) => Err(e.into()),
            _ => Ok(count),
        }
    }
}

/// The message for the parts of a paste that were not applied, if any.
fn paste_problems(problems: &[String]) -> Option<String> {
    let n = problems.len();
    (n > 0).then(|| {
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
    })
}

#[component]
pub fn MetricsGrid(id: Id, #[prop(into)] metric: Signal<String>) -> impl IntoView {
    let grid = Grid::new(use_store(), id.clone(), metric);
    let unsaved = grid.unsaved;
    let kept = use_draft(
        DraftKey::of_partner(Form::Metrics, &id),
        FormFields::new().many(move || unsaved.get(), move |f| unsaved.set(f.clone())),
    )
    .on_restore(Callback::new(move |()| grid.save_restored()));
    view! {
        <section class="card metrics-grid" aria-labelledby="metrics-grid-heading">
            <GridHead grid/>
            <DraftOffer draft=kept/>
            <Show when=move || !grid.markets.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"This partner has no markets yet: add one below, then enter values here."</p> }>
                <div class="metrics-grid__scroll" inert=kept.pending()>
                    <GridTable grid/>
                </div>
                <p class="field__error metrics-grid__error" role="alert">{move || grid.error.get()}</p>
                <p class="field__hint">"Type a value and press Enter or Tab to save it; clear a cell to remove its value. Thousands separators and decimal commas are read as in a spreadsheet."</p>
            </Show>
            // A market missing from the rows is added here, not on another screen.
            <crate::ui::markets::AddMarket partner=id name="metrics"/>
        </section>
    }
}

/// The heading with the metric's name, and the grid's tools.
#[component]
fn GridHead(grid: Grid) -> impl IntoView {
    let Grid {
        metric, all_months, ..
    } = grid;
    view! {
        <div class="card__head">
            <h2 id="metrics-grid-heading">{move || format!("Values: {}", metric.get())}</h2>
            <div class="metrics-grid__tools">
                <label class="metrics-grid__all">
                    <input type="checkbox" prop:checked=move || all_months.get()
                        on:change=move |ev| all_months.set(event_target_checked(&ev))/>
                    " All months"
                </label>
                <button class="button button--quiet button--small"
                    on:click=move |_| grid.copy_table()>"Copy as table"</button>
            </div>
        </div>
    }
}

#[component]
fn GridTable(grid: Grid) -> impl IntoView {
    let Grid {
        metric,
        months,
        markets,
        ..
    } = grid;
    view! {
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
                    <GridRow grid market=row.0 name=row.1/>
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn GridRow(grid: Grid, market: Id, name: String) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name.clone()}</th>
            <For each=move || grid.months.get() key=|m| *m let:month>
                <GridCell grid market=market.clone() name=name.clone() month/>
            </For>
        </tr>
    }
}

/// One cell's state, shared by its handlers.
#[derive(Clone, Copy)]
struct GridCellState {
    grid: Grid,
    market: StoredValue<Id>,
    /// The market's name as the row shows it, for the cell's label and messages.
    market_name: StoredValue<String>,
    month: Month,
    /// The text last entered did not save: the cell is marked.
    invalid: RwSignal<bool>,
}

impl GridCellState {
    /// The cell's name in the draft; follows the metric chosen.
    fn draft_name(self) -> String {
        self.market
            .with_value(|m| draft_name(m, self.month, &self.grid.metric.get()))
    }

    /// The cell as its label and messages name it: "market, month".
    fn place(self) -> String {
        format!(
            "{}, {}",
            self.market_name.get_value(),
            month_short(self.month)
        )
    }

    /// What was typed here and not saved.
    fn typed(self) -> Option<String> {
        let name = self.draft_name();
        self.grid.unsaved.with(|u| u.get(&name).cloned())
    }

    /// The stored value, as the cell shows it.
    fn stored(self) -> String {
        let Grid {
            store,
            partner,
            metric,
            ..
        } = self.grid;
        store.ws.with(|ws| {
            partner
                .with_value(|pid| ws.partner(pid))
                .and_then(|p| {
                    self.market
                        .with_value(|m| metrics::series(p, m, &metric.get()))
                })
                .and_then(|s| s.values.get(&self.month).copied())
                .map(plain)
                .unwrap_or_default()
        })
    }

    fn marked(self) -> bool {
        self.invalid.get() || {
            let name = self.draft_name();
            self.grid.pasted_bad.with(|s| s.contains(&name))
        }
    }

    /// A change to the stored value from elsewhere (an undo, an import, another tab) is
    /// newer than what was typed here and not saved: the cell shows it.
    fn follow_stored(self) {
        let metric = self.grid.metric;
        let unsaved = self.grid.unsaved;
        Effect::new(move |before: Option<(String, String)>| {
            let now = (metric.get(), self.stored());
            // Another metric chosen is not a change to this cell.
            if before.is_some_and(|b| b.0 == now.0 && b.1 != now.1) {
                let name = self.draft_name();
                if unsaved.with_untracked(|u| u.contains_key(&name)) {
                    unsaved.update(|u| {
                        u.remove(&name);
                    });
                    self.invalid.set(false);
                }
            }
            now
        });
    }

    /// Keeps what is typed as the cell's draft until it is saved.
    fn keep_typed(self, text: String) {
        let name = self.draft_name();
        self.grid.unsaved.update(|u| {
            u.insert(name, text);
        });
    }

    /// Saves the text entered, or marks the cell and says why it cannot.
    fn save(self, text: &str) {
        let Grid {
            store,
            partner,
            metric,
            error,
            unsaved,
            pasted_bad,
            ..
        } = self.grid;
        let value = match parse_number(text) {
            Ok(value) => value,
            Err(e) => {
                self.invalid.set(true);
                error.set(Some(format!(
                    "{}: {e}. Type a number such as 12,400 or 3.5.",
                    self.place()
                )));
                return;
            }
        };
        let result = store.dispatch(MetricAction::SetValue {
            partner: partner.get_value(),
            cell: Cell::new(
                self.market.get_value(),
                self.month,
                metric.get_untracked(),
                value,
            ),
            market_name: self.market_name.get_value(),
        });
        if let Some(Err(e)) = result {
            self.invalid.set(true);
            error.set(Some(format!("{}: {e}", self.place())));
            return;
        }
        self.invalid.set(false);
        error.set(None);
        let name = self.draft_name();
        unsaved.update(|u| {
            u.remove(&name);
        });
        pasted_bad.update(|s| {
            s.remove(&name);
        });
    }

    fn on_paste(self, ev: &leptos::ev::ClipboardEvent) {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        // One value is typed into the cell as usual; a block spreads over the grid.
        if is_block(&text) {
            ev.prevent_default();
            self.grid
                .paste_block(self.market.get_value(), self.month, text);
        }
    }

    fn on_key(self, ev: &leptos::ev::KeyboardEvent) {
        let step = |by| {
            self.market
                .with_value(|m| self.grid.step(m, self.month, by))
        };
        match shortcuts::command(Place::MetricsCell, ev) {
            Some(Command::NextRow) => {
                ev.prevent_default();
                // Leaving the cell fires its change event, which saves it; on the last
                // row, Enter just leaves the cell.
                if !step(1) && ev.key() == "Enter" {
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
                step(-1);
            }
            _ => {}
        }
    }
}

#[component]
fn GridCell(grid: Grid, market: Id, name: String, month: Month) -> impl IntoView {
    let id = cell_id(&market, month);
    let cell = GridCellState {
        grid,
        market: StoredValue::new(market),
        market_name: StoredValue::new(name),
        month,
        invalid: RwSignal::new(false),
    };
    cell.follow_stored();
    view! {
        <td>
            <input class="metrics-grid__cell" id=id inputmode="decimal"
                aria-label=cell.place() aria-invalid=move || cell.marked().then_some("true")
                prop:value=move || cell.typed().unwrap_or_else(|| cell.stored())
                on:input=move |ev| cell.keep_typed(event_target_value(&ev))
                on:change=move |ev| cell.save(&event_target_value(&ev))
                on:keydown=move |ev| cell.on_key(&ev) on:paste=move |ev| cell.on_paste(&ev)/>
        </td>
    }
}
