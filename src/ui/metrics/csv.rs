//! Metrics to and from CSV: one partner's values on its Metrics tab, or the whole
//! workspace's with `only: None` (for the Data screen). Importing maps the file's
//! columns to fields, previews the good and bad rows, and applies nothing before
//! "Import".

use crate::model::actions::MetricAction;
use crate::model::core::format::count;
use crate::model::formats::csv::{export_name, CsvTable, Mapping};
use crate::model::formats::csv_metrics::{metrics_csv, rows_to_metrics, MetricField};
use crate::model::Id;
use crate::storage;
use crate::ui::data::csv::{bad_rows_list, column_mapping, on_csv_chosen, CsvFileError};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// A partner's name as part of a file name: "Tellara Mobile" → "tellara-mobile".
fn slug(name: &str) -> String {
    let lower: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let parts: Vec<&str> = lower.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "partner".to_owned()
    } else {
        parts.join("-")
    }
}

/// A read file waiting for its mapping.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    file_name: String,
    table: Result<CsvTable, CsvFileError>,
}

/// Export and import of metrics as CSV. With `only`, the partner's values alone.
#[component]
pub fn MetricsCsv(#[prop(optional)] only: Option<Id>) -> impl IntoView {
    let store = use_store();
    let pending = RwSignal::new(None::<Pending>);
    let export_only = only.clone();
    let export = move |_| {
        let today = storage::now().date_naive();
        let (text, name) = store.ws.with(|ws| {
            let what = match export_only.as_ref().and_then(|id| ws.partner(id)) {
                Some(p) => format!("{}-metrics", slug(&p.name)),
                None => "metrics".to_owned(),
            };
            (
                metrics_csv(ws, export_only.as_ref()),
                export_name(&ws.program_name, today, &what),
            )
        });
        if let Err(e) = storage::files::download(&name, &text, "text/csv") {
            store.say(e);
        }
    };
    let choose =
        on_csv_chosen(move |file_name, table| pending.set(Some(Pending { file_name, table })));
    let scope = if only.is_some() {
        "this partner's"
    } else {
        "every partner's"
    };
    let step_only = only.clone();
    view! {
        <section class="card metrics-csv" aria-labelledby="metrics-csv-heading">
            <h2 id="metrics-csv-heading">"Metrics as CSV"</h2>
            <p class="muted">{format!("Export {scope} values, one row per market, metric and month (columns: Partner id, Partner, Market, Metric, Month, Value); or import such a file, choosing which column is which.")}</p>
            <div class="form__actions">
                <button class="button" on:click=export>"Export metrics (CSV)"</button>
                <label class="button file-button">
                    "Import metrics from CSV…"
                    <input type="file" accept=".csv,text/csv,text/tab-separated-values" class="visually-hidden"
                        id="metrics-csv-file" on:change=choose/>
                </label>
            </div>
            {move || pending.get().map(|p| match p.table {
                Err(message) => view! {
                    <div class="notice" role="alert">
                        <p>{format!("{} cannot be imported: {message}", p.file_name)}</p>
                        <button class="button button--quiet button--small" on:click=move |_| pending.set(None)>"Close"</button>
                    </div>
                }.into_any(),
                Ok(table) => view! {
                    <MappingStep table file_name=p.file_name only=step_only.clone() pending/>
                }.into_any(),
            })}
        </section>
    }
}

#[component]
fn MappingStep(
    table: CsvTable,
    file_name: String,
    only: Option<Id>,
    pending: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let store = use_store();
    let suggested = Mapping::<MetricField>::suggest(&table.headers);
    let mapping = RwSignal::new(suggested.clone());
    let table = StoredValue::new(table);
    let preview_only = only.clone();
    let preview = Memo::new(move |_| {
        mapping.with(|m| {
            store
                .ws
                .with(|ws| table.with_value(|t| rows_to_metrics(ws, t, m, preview_only.as_ref())))
        })
    });
    let good = move || preview.with(|p| p.as_ref().map_or(0, |r| r.rows.len()));
    let apply = move |_| {
        let Ok(import) = preview.get_untracked() else {
            return;
        };
        let n = import.rows.len();
        let bad_rows = import.bad_rows.len();
        match store.dispatch(MetricAction::Import(import)) {
            Some(Ok(applied)) => {
                let changed = applied.changed();
                pending.set(None);
                store.say(if changed {
                    format!(
                        "Imported {}{}.",
                        count(n, "value"),
                        match bad_rows {
                            0 => String::new(),
                            1 => "; 1 bad row left out".to_owned(),
                            k => format!("; {k} bad rows left out"),
                        }
                    )
                } else {
                    "The file holds the values you already have: nothing changed.".to_owned()
                });
            }
            Some(Err(e)) => store.say(e.to_string()),
            None => {}
        }
    };
    view! {
        <div class="metrics-csv__step" role="group" aria-label=format!("Import {file_name}")>
            <h3>"Import " <span class="file-name">{file_name.clone()}</span></h3>
            {table.with_value(|t| column_mapping(t, "metrics-csv-column", suggested, mapping))}
            {move || preview.with(|p| match p {
                Err(message) => view! { <p class="import__error" role="alert">{message.to_string()}</p> }.into_any(),
                Ok(r) => {
                    let bad = r.bad_rows.clone();
                    view! {
                        <p aria-live="polite">{format!("{}.", count(r.rows.len(), "good row"))}</p>
                        {(!bad.is_empty()).then(|| view! {
                            <div class="notice">
                                <p><strong>{format!("{} row(s) left out", bad.len())}</strong>" — fix them in the file, or import the good rows now."</p>
                                {bad_rows_list(&bad)}
                            </div>
                        })}
                    }.into_any()
                }
            })}
            <div class="form__actions">
                <button class="button button--primary" disabled=move || good() == 0 on:click=apply>
                    {move || format!("Import {}", count(good(), "good row"))}
                </button>
                <button class="button button--quiet" on:click=move |_| pending.set(None)>"Cancel"</button>
            </div>
        </div>
    }
}
