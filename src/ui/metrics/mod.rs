//! A partner's Metrics tab: choose a metric, edit its values in a grid of markets ×
//! months, paste a table from a spreadsheet, read growth per market and the breadth of
//! buy-in, see a chart per market, and take the values to and from CSV.
//!
//! Every figure comes from `model::metrics` and `model::metrics::growth`; every edit is a
//! named action (`model::actions::MetricAction`) handed to `store.dispatch`, so undo,
//! saving and tab sync apply.

mod charts;
pub mod csv;
mod grid;
mod growth;
mod paste;

pub use csv::MetricsCsv;

use crate::model::actions::{ActionError, MetricAction};
use crate::model::core::check::PARTNER_GONE;
use crate::model::formats::csv::CsvError;
use crate::model::metrics::{self, MetricError, STANDARD};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, Month, Partner, Workspace};
use crate::storage;
use crate::ui::draft::{has_draft, use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{on_submit, FieldError};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// The month it is now, for the grid's last column.
fn this_month() -> Month {
    Month::of(storage::now().date_naive())
}

#[component]
pub fn MetricsSection(id: Id) -> impl IntoView {
    let store = use_store();
    let pid = id.clone();
    // The metric shown first: the first one holding values, standard ones first.
    let initial = store.ws.with_untracked(|ws| {
        ws.partner(&pid)
            .and_then(|p| {
                metrics::metric_names(p)
                    .into_iter()
                    .find(|m| metrics::partner_latest(p, m).is_some())
            })
            .unwrap_or_else(|| STANDARD[0].to_owned())
    });
    let metric = RwSignal::new(initial);
    let names_pid = id.clone();
    let names = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&names_pid)
                .map(metrics::metric_names)
                .unwrap_or_default()
        })
    });
    let metric_sig: Signal<String> = metric.into();
    view! {
        <div class="metrics">
            <MetricChooser id=id.clone() metric names/>
            <grid::MetricsGrid id=id.clone() metric=metric_sig/>
            <paste::PastePanel id=id.clone() metric=metric_sig/>
            <growth::GrowthPanel id=id.clone() metric=metric_sig/>
            <charts::MarketCharts id=id.clone() metric=metric_sig/>
            <MetricsCsv only=id.clone()/>
        </div>
    }
}

/// The chooser's state: the metric shown and the form that adds or renames one.
#[derive(Clone, Copy)]
struct Chooser {
    store: Store,
    partner: StoredValue<Id>,
    metric: RwSignal<String>,
    /// Whether the name form is open.
    adding: RwSignal<bool>,
    /// Whether the open form renames the metric shown rather than adding one.
    renaming: RwSignal<bool>,
    /// The name as typed.
    draft: RwSignal<String>,
    error: RwSignal<Option<String>>,
    kept: Draft,
}

impl Chooser {
    fn new(id: Id, metric: RwSignal<String>) -> Self {
        let draft_key = DraftKey::adding(Form::MetricName, Some(&id));
        let adding = RwSignal::new(has_draft(&draft_key));
        let renaming = RwSignal::new(false);
        let draft = RwSignal::new(String::new());
        let kept = use_draft(
            draft_key,
            FormFields::new()
                .text("name", draft)
                .flag("renaming", renaming),
        );
        Chooser {
            store: use_store(),
            partner: StoredValue::new(id),
            metric,
            adding,
            renaming,
            draft,
            error: RwSignal::new(None),
            kept,
        }
    }

    /// Whether the metric shown is one of the partner's own, which may be renamed.
    fn is_own(self) -> bool {
        !STANDARD.contains(&self.metric.get().as_str())
    }

    /// Opens the form, empty to add a metric or holding the metric's name to rename it.
    fn open_form(self, rename: bool) {
        self.renaming.set(rename);
        self.adding.set(true);
        self.draft.set(if rename {
            self.metric.get_untracked()
        } else {
            String::new()
        });
        self.error.set(None);
        // An opened form holds nothing typed yet.
        self.kept.rebase();
    }

    fn cancel(self) {
        self.kept.clear();
        self.adding.set(false);
    }

    /// Adds or renames the metric as typed, and shows it.
    fn submit(self) {
        let name = self.draft.get_untracked();
        let partner = self.partner.get_value();
        let result = if self.renaming.get_untracked() {
            let from = self.metric.get_untracked();
            self.store.dispatch(MetricAction::Rename {
                partner,
                from,
                to: name.clone(),
            })
        } else {
            self.store.dispatch(MetricAction::Add {
                partner,
                name: name.clone(),
            })
        };
        match result {
            Some(Ok(_)) => {
                self.metric.set(name.trim().to_owned());
                self.adding.set(false);
                self.renaming.set(false);
                self.draft.set(String::new());
                self.error.set(None);
                self.kept.clear();
            }
            Some(Err(e)) => self.error.set(Some(e.to_string())),
            None => {}
        }
    }
}

/// The metric select, with adding a metric of one's own and renaming it.
#[component]
fn MetricChooser(id: Id, metric: RwSignal<String>, names: Memo<Vec<String>>) -> impl IntoView {
    let chooser = Chooser::new(id, metric);
    view! {
        <section class="card metrics-chooser" aria-label="Choose the metric">
            <div class="metrics-chooser__row">
                <label for="metric-select">"Metric"</label>
                <select id="metric-select" on:change=move |ev| metric.set(event_target_value(&ev))>
                    {move || names.get().into_iter().map(|n| {
                        let selected = metric.with(|m| *m == n);
                        view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                    }).collect_view()}
                </select>
                <button class="button button--quiet button--small" on:click=move |_| chooser.open_form(false)>
                    "Add a metric"
                </button>
                <Show when=move || chooser.is_own()>
                    <button class="button button--quiet button--small" on:click=move |_| chooser.open_form(true)>
                        "Rename"
                    </button>
                </Show>
            </div>
            <Show when=move || chooser.adding.get()>
                <DraftOffer draft=chooser.kept/>
                <MetricNameForm chooser/>
            </Show>
        </section>
    }
}

/// The name of the metric to add, or the new name of the one shown.
#[component]
fn MetricNameForm(chooser: Chooser) -> impl IntoView {
    let Chooser {
        renaming,
        draft,
        error,
        ..
    } = chooser;
    let submit = on_submit(move || chooser.submit());
    view! {
        <form class="metrics-chooser__form" on:submit=submit novalidate inert=chooser.kept.pending()>
            <label for="metric-name">{move || if renaming.get() { "New name" } else { "Name of the new metric" }}</label>
            <input id="metric-name" aria-describedby="metric-name-error"
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))/>
            <button type="submit" class="button button--primary button--small">
                {move || if renaming.get() { "Rename" } else { "Add" }}
            </button>
            <button type="button" class="button button--quiet button--small"
                on:click=move |_| chooser.cancel()>"Cancel"</button>
            <FieldError id="metric-name-error".into() message=error/>
        </form>
    }
}

/// Why a paste into the Metrics tab was not applied, worded as the text shown under the
/// paste box or the grid.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
enum PasteError {
    /// The partner was deleted (in another tab) while the paste waited.
    #[error("{}", PARTNER_GONE)]
    PartnerGone,
    /// The table could not be read at all.
    #[error(transparent)]
    Table(#[from] CsvError),
    /// The metric's name is not usable.
    #[error(transparent)]
    Metric(#[from] MetricError),
    /// The edit itself was refused.
    #[error(transparent)]
    Refused(#[from] ActionError),
}

/// Reads a paste against the partner: the partner gone (deleted in another tab) or the
/// reader's own error.
fn read_for<T, E>(
    ws: &Workspace,
    id: &Id,
    read: impl FnOnce(&Partner) -> Result<T, E>,
) -> Result<T, PasteError>
where
    E: Into<PasteError>,
{
    let partner = ws.partner(id).ok_or(PasteError::PartnerGone)?;
    read(partner).map_err(Into::into)
}
