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

use crate::model::actions::MetricAction;
use crate::model::core::check::PARTNER_GONE;
use crate::model::metrics::{self, STANDARD};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, Month, Partner, Workspace};
use crate::storage;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::state::use_store;
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

/// The metric select, with adding a metric of one's own and renaming it.
#[component]
fn MetricChooser(id: Id, metric: RwSignal<String>, names: Memo<Vec<String>>) -> impl IntoView {
    let store = use_store();
    let draft_key = DraftKey::adding(Form::MetricName, Some(&id));
    let adding = RwSignal::new(has_draft(&draft_key));
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let kept = use_draft(
        draft_key,
        FormFields::new()
            .text("name", draft)
            .flag("renaming", renaming),
    );
    let is_own = move || !STANDARD.contains(&metric.get().as_str());
    let add_id = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = draft.get_untracked();
        let result = if renaming.get_untracked() {
            let from = metric.get_untracked();
            store.dispatch(MetricAction::Rename {
                partner: add_id.clone(),
                from,
                to: name.clone(),
            })
        } else {
            store.dispatch(MetricAction::Add {
                partner: add_id.clone(),
                name: name.clone(),
            })
        };
        match result {
            Some(Ok(_)) => {
                metric.set(name.trim().to_owned());
                adding.set(false);
                renaming.set(false);
                draft.set(String::new());
                error.set(None);
                kept.clear();
            }
            Some(Err(e)) => error.set(Some(e.to_string())),
            None => {}
        }
    };
    let open_form = move |rename: bool| {
        renaming.set(rename);
        adding.set(true);
        draft.set(if rename {
            metric.get_untracked()
        } else {
            String::new()
        });
        error.set(None);
        // An opened form holds nothing typed yet.
        kept.rebase();
    };
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
                <button class="button button--quiet button--small" on:click=move |_| open_form(false)>
                    "Add a metric"
                </button>
                <Show when=is_own>
                    <button class="button button--quiet button--small" on:click=move |_| open_form(true)>
                        "Rename"
                    </button>
                </Show>
            </div>
            <Show when=move || adding.get()>
                <DraftOffer draft=kept/>
                <form class="metrics-chooser__form" on:submit=submit.clone() novalidate inert=kept.pending()>
                    <label for="metric-name">{move || if renaming.get() { "New name" } else { "Name of the new metric" }}</label>
                    <input id="metric-name" aria-describedby="metric-name-error"
                        aria-invalid=move || error.get().is_some().then_some("true")
                        prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))/>
                    <button type="submit" class="button button--primary button--small">
                        {move || if renaming.get() { "Rename" } else { "Add" }}
                    </button>
                    <button type="button" class="button button--quiet button--small"
                        on:click=move |_| { kept.clear(); adding.set(false) }>"Cancel"</button>
                    <p class="field__error" id="metric-name-error" role="alert">{move || error.get()}</p>
                </form>
            </Show>
        </section>
    }
}

/// Reads a paste against the partner, worded for the paste box: the partner gone (deleted
/// in another tab) or the reader's own error, as the text shown under it.
fn read_for<T, E>(
    ws: &Workspace,
    id: &Id,
    read: impl FnOnce(&Partner) -> Result<T, E>,
) -> Result<T, String>
where
    E: std::fmt::Display,
{
    let partner = ws.partner(id).ok_or_else(|| PARTNER_GONE.to_owned())?;
    read(partner).map_err(|e| e.to_string())
}
