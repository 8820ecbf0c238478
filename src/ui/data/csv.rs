//! The Data screen's CSV panel: partners and key players out as spreadsheets, partners
//! in from a spreadsheet or a CRM export through a column-mapping dialog.
//!
//! `model::formats::csv` does the reading, the mapping and the checks; the good rows are
//! previewed through `model::merge::import` in merge mode, applied by `CsvImport::apply`
//! (only the fields they changed stamped) and kept through `Store::replace`, like a Tandem
//! file, so the backup and the undo step come for free. A refused file changes nothing.

use crate::model::core::format::{count, grouped};
use crate::model::formats::csv::{self, CsvError, CsvImport, CsvTable, Field};
use crate::model::merge::import::{self, Mode, Preview};
use crate::model::ValidationError;
use crate::storage;
use crate::storage::error::ReadError;
use crate::ui::modal::{Modal, Refused};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Why a CSV file, or the rows mapped from it, cannot be imported: as the dialog (or the
/// Metrics tab's panel) says it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CsvFileError {
    /// The browser could not read the file as text.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Its text is no table, or the columns mapped are not enough.
    #[error(transparent)]
    Csv(#[from] CsvError),
    /// The rows would break the workspace's rules.
    #[error("{}", cannot_combine(.0))]
    CannotCombine(Vec<ValidationError>),
}

/// A CSV file read (or refused), waiting in the dialog.
#[derive(Clone, Debug, PartialEq)]
struct PendingCsv {
    file_name: String,
    table: Result<CsvTable, CsvFileError>,
}

#[component]
pub fn CsvPanel() -> impl IntoView {
    let store = use_store();
    let pending = RwSignal::new(None::<PendingCsv>);
    let export = move |what: &'static str| {
        let now = storage::now();
        let (text, name) = store.ws.with(|ws| {
            let text = match what {
                "partners" => csv::partners_csv(ws),
                _ => csv::key_players_csv(ws),
            };
            let name = csv::export_name(&ws.program_name, now.date_naive(), what);
            (text, name)
        });
        if let Err(e) = storage::files::download(&name, &text, "text/csv") {
            store.say(e);
        }
    };
    let choose =
        on_csv_chosen(move |file_name, table| pending.set(Some(PendingCsv { file_name, table })));
    view! {
        <section class="card" aria-labelledby="csv-heading">
            <h2 id="csv-heading">"Spreadsheets (CSV)"</h2>
            <p>"Open partners and key players in a spreadsheet, or bring partners in from a spreadsheet or a CRM export (HubSpot, Salesforce, …). You map the columns and see every change before anything happens."</p>
            <div class="form__actions">
                <button class="button" on:click=move |_| export("partners")>"Export partners (CSV)"</button>
                <button class="button" on:click=move |_| export("key-players")>"Export key players (CSV)"</button>
            </div>
            <div class="form__actions">
                <label class="button file-button">
                    "Import partners from CSV…"
                    <input type="file" accept=".csv,text/csv" class="visually-hidden" id="csv-import-file"
                        on:change=choose/>
                </label>
            </div>
            {move || pending.get().map(|file| view! { <CsvDialog file open=pending/> })}
        </section>
    }
}

/// The CSV import in the app's modal dialog.
#[component]
fn CsvDialog(file: PendingCsv, open: RwSignal<Option<PendingCsv>>) -> impl IntoView {
    let close = Callback::new(move |()| open.set(None));
    let body = match file.table {
        Err(e) => view! { <Refused message=e.to_string() on_close=close/> }.into_any(),
        Ok(table) => {
            view! { <MappingStep table file_name=file.file_name.clone() open/> }.into_any()
        }
    };
    view! {
        <Modal labelled_by="csv-import-title" on_close=close>
            <h2 id="csv-import-title">"Import partners from " <span class="file-name">{file.file_name}</span></h2>
            {body}
        </Modal>
    }
}

/// The good rows and what merging them would do, or why nothing can be imported.
type Outcome = Result<(CsvImport, Preview), CsvFileError>;

/// The rows of `table` mapped by `mapping`, against `ws`, previewed as a merge.
fn outcome(table: &CsvTable, mapping: &csv::Mapping, ws: &crate::model::Workspace) -> Outcome {
    let result = csv::rows_to_partners(table, mapping, ws, storage::now(), storage::new_id)?;
    let preview = import::preview(ws, &result.incoming(ws), Mode::Merge);
    Ok((result, preview))
}

/// The mapping step's state: the file, the mapping chosen, and what importing it would do.
#[derive(Clone, Copy)]
struct MappedRows {
    table: StoredValue<CsvTable>,
    mapping: RwSignal<csv::Mapping>,
    /// Recomputed on every mapping change and every edit to the workspace behind.
    outcome: Memo<Outcome>,
}

impl MappedRows {
    fn new(store: Store, table: CsvTable, mapping: csv::Mapping) -> Self {
        let table = StoredValue::new(table);
        let mapping = RwSignal::new(mapping);
        MappedRows {
            table,
            mapping,
            outcome: Memo::new(move |_| {
                mapping.with(|m| store.ws.with(|ws| table.with_value(|t| outcome(t, m, ws))))
            }),
        }
    }

    /// How many rows would be imported.
    fn good(self) -> usize {
        self.outcome
            .with(|p| p.as_ref().map_or(0, |(r, _)| r.partners.len()))
    }

    /// Whether importing would change something, and is allowed to.
    fn can_import(self) -> bool {
        self.outcome.with(|p| {
            p.as_ref().is_ok_and(|(r, preview)| {
                !r.partners.is_empty() && !preview.is_no_op() && preview.can_apply()
            })
        })
    }

    /// Merges the good rows into the workspace; or, when the workspace refuses them,
    /// turns the dialog into the refusal.
    fn import(self, store: Store, file_name: &str, open: RwSignal<Option<PendingCsv>>) {
        let result = store.ws.with_untracked(|ws| {
            self.table
                .with_value(|t| self.mapping.with_untracked(|m| outcome(t, m, ws)))
                .and_then(|(rows, _)| {
                    rows.apply(ws, store.stamp())
                        .map(|merged| (merged, rows))
                        .map_err(CsvFileError::CannotCombine)
                })
        });
        match result {
            Ok((merged, rows)) => {
                store.replace(merged, format!("Import {file_name}"));
                open.set(None);
                store.say(imported(&rows, file_name));
            }
            Err(e) => open.set(Some(PendingCsv {
                file_name: file_name.to_owned(),
                table: Err(e),
            })),
        }
    }
}

/// Why the rows cannot join the workspace: the rules the result would break.
fn cannot_combine(errors: &[ValidationError]) -> String {
    format!(
        "These rows cannot be combined with this workspace: {}",
        super::import::refusals(errors)
    )
}

/// What the import did, for the toast.
fn imported(rows: &CsvImport, file_name: &str) -> String {
    format!(
        "Imported {} from {file_name}{}.",
        count(rows.partners.len(), "partner"),
        match rows.bad_rows.len() {
            0 => String::new(),
            1 => "; 1 bad row left out".to_owned(),
            n => format!("; {n} bad rows left out"),
        }
    )
}

#[component]
fn MappingStep(
    table: CsvTable,
    file_name: String,
    open: RwSignal<Option<PendingCsv>>,
) -> impl IntoView {
    let store = use_store();
    let suggested = csv::suggest_mapping(&table.headers);
    let rows = table.rows.iter().filter(|r| !r.is_blank()).count();
    let summary = format!(
        "{} below the header, {}-separated. Choose the Tandem field each column fills; \
         a row whose name matches a partner you have updates it.",
        count(rows, "row"),
        table.delimiter.name()
    );
    let mapped = MappedRows::new(store, table, suggested.clone());
    view! {
        <p class="muted">{summary}</p>
        {mapped.table.with_value(|t| column_mapping(t, "csv-column", suggested, mapped.mapping))}
        {move || mapped.outcome.with(|p| match p {
            Err(e) => view! { <p class="import__error" role="alert">{e.to_string()}</p> }.into_any(),
            Ok((rows, preview)) => view! {
                <RowsPreview rows=rows.clone() preview=preview.clone()/>
                // The import's own checks, run by the preview: no button that ends in a refusal.
                {(!preview.can_apply()).then(|| view! {
                    <p class="import__error" role="alert">{cannot_combine(&preview.refused)}</p>
                })}
            }.into_any(),
        })}
        <div class="form__actions">
            <button class="button button--primary" disabled=move || !mapped.can_import()
                on:click=move |_| mapped.import(store, &file_name, open)>
                {move || match mapped.good() {
                    1 => "Import 1 good row".to_owned(),
                    n => format!("Import {n} good rows"),
                }}
            </button>
            <button class="button button--quiet" on:click=move |_| open.set(None)>"Cancel"</button>
        </div>
    }
}

/// The mapping step of a CSV import: one labelled select per column of the file,
/// choosing the field it fills (or "Ignore"), with an example value from the file. A
/// grid of selects rather than a table: it folds to one column on a phone without any
/// select overflowing the dialog.
pub fn column_mapping<F: Field>(
    table: &CsvTable,
    id_prefix: &'static str,
    suggested: csv::Mapping<F>,
    mapping: RwSignal<csv::Mapping<F>>,
) -> impl IntoView {
    let columns: Vec<(usize, String, Option<String>)> = (0..table.headers.len())
        .map(|i| (i, table.column_name(i), table.example(i).map(short)))
        .collect();
    view! {
        <fieldset>
            <legend>"Columns"</legend>
            <div class="form__grid">
                {columns.into_iter().map(|(i, name, example)| {
                    let id = format!("{id_prefix}-{i}");
                    let initial = suggested.get(i);
                    view! {
                        <div class="field">
                            <label for=id.clone()>{name}</label>
                            <select id=id on:change=move |ev| {
                                let key = event_target_value(&ev);
                                mapping.update(|m| m.set(i, F::from_key(&key)));
                            }>
                                <option value="" selected=initial.is_none()>"Ignore"</option>
                                {F::all().iter().map(|f| view! {
                                    <option value=f.key() selected=initial == Some(*f)>{f.label()}</option>
                                }).collect_view()}
                            </select>
                            {example.map(|e| view! { <p class="field__hint">"e.g. " {e}</p> })}
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The change handler of a CSV file input: reads the chosen file and hands its name and
/// parsed table (or why it cannot be read) to `take`. The input is cleared, so the same
/// file can be chosen again after fixing it.
pub fn on_csv_chosen(
    take: impl Fn(String, Result<CsvTable, CsvFileError>) + Copy + 'static,
) -> impl Fn(leptos::ev::Event) + 'static {
    move |ev| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            let file_name = file.name();
            leptos::task::spawn_local(async move {
                let table = match storage::files::read_text(file).await {
                    Ok(text) => CsvTable::parse(&text).map_err(CsvFileError::from),
                    Err(e) => Err(e.into()),
                };
                take(file_name, table);
            });
        }
        input.set_value("");
    }
}

/// The rows left out, as a list cut at `csv::MAX_LISTED_ROWS` with a count of the rest:
/// a file of 100,000 bad rows must not draw 100,000 list items.
pub fn bad_rows_list<T: std::fmt::Display>(bad: &[T]) -> impl IntoView {
    let (shown, more) = csv::listed(bad);
    let items: Vec<String> = shown.iter().map(ToString::to_string).collect();
    view! {
        <ul>{items.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
        {csv::more_rows_text(more).map(|t| view! { <p class="csv-bad-rows__more">{t}</p> })}
    }
}

/// A value shortened to fit under its column's select even on a phone, where a long
/// unbroken value (a URL) would otherwise run out of the dialog.
fn short(value: &str) -> String {
    let cut: String = value.chars().take(24).collect();
    if cut.len() < value.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[component]
fn RowsPreview(rows: CsvImport, preview: Preview) -> impl IntoView {
    let group = super::import::preview_group;
    let markets: Vec<String> = rows.new_markets.iter().map(|m| m.name.clone()).collect();
    let bad = rows.bad_rows;
    let no_op = preview.is_no_op();
    view! {
        <div class="preview" aria-live="polite">
            {group("added", "added", preview.added)}
            {group("updated", "updated", preview.updated)}
            {(!preview.unchanged.is_empty()).then(|| group("unchanged", "unchanged", preview.unchanged.clone()))}
            {(!preview.kept_ours.is_empty()).then(|| group("kept as yours (yours is newer)", "kept", preview.kept_ours.clone()))}
            {(!markets.is_empty()).then(|| view! {
                <p>{format!("{} new market(s) join the catalogue: {}.", markets.len(), markets.join(", "))}</p>
            })}
            {(no_op && bad.is_empty()).then(|| view! { <p class="muted">"Importing these rows would change nothing."</p> })}
        </div>
        {(!bad.is_empty()).then(|| {
            let n = bad.len();
            view! {
                <div class="notice csv-bad-rows">
                    <p><strong>{if n == 1 { "1 row is left out".to_owned() } else { format!("{} rows are left out", grouped(n as u64)) }}</strong>
                        " — fix them in the file and import it again, or import the good rows now."</p>
                    {bad_rows_list(&bad)}
                </div>
            }
        })}
    }
}
