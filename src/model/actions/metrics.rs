//! A partner's metrics: single values in the grid, pastes, a CSV import, and the
//! partner's own metric series.

use super::{ActionError, Applied};
use crate::model::core::format;
use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::formats::csv_metrics::{self, GridPaste, MetricsImport, PastePreview};
use crate::model::metrics;
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};

/// One value of the grid: a market's metric in a month (`None` clears it).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub market: Id,
    pub month: Month,
    pub metric: String,
    pub value: Option<f64>,
}

impl Cell {
    pub fn new(market: Id, month: Month, metric: impl Into<String>, value: Option<f64>) -> Self {
        Cell {
            market,
            month,
            metric: metric.into(),
            value,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum MetricAction {
    SetValue {
        partner: Id,
        cell: Cell,
        /// The market's name, for the undo step.
        market_name: String,
    },
    /// Values a stored draft of the grid brings back; [`Applied::Saved`] lists those
    /// saved, the others stay drafts.
    RestoreValues { partner: Id, cells: Vec<Cell> },
    /// A table pasted in the paste dialog or on one cell, as its preview read it.
    Paste { partner: Id, preview: PastePreview },
    /// Plain values pasted across the grid from a cell.
    GridPaste {
        partner: Id,
        metric: String,
        paste: GridPaste,
    },
    /// The rows of a metrics CSV file.
    Import(MetricsImport),
    Rename {
        partner: Id,
        from: String,
        to: String,
    },
    /// A metric of the partner's own, with no values yet.
    Add { partner: Id, name: String },
}

impl MetricAction {
    pub fn label(&self) -> String {
        match self {
            MetricAction::SetValue {
                cell, market_name, ..
            } => format!(
                "set {} for {market_name}, {}",
                cell.metric,
                format::month_short(cell.month)
            ),
            MetricAction::RestoreValues { .. } => "restore metric values".into(),
            MetricAction::Paste { preview, .. } => {
                format!("paste {} values of {}", preview.cells.len(), preview.metric)
            }
            MetricAction::GridPaste { metric, paste, .. } => {
                format!("paste {} values of {metric}", paste.cells.len())
            }
            MetricAction::Import(import) => format!("import {} metric values", import.rows.len()),
            MetricAction::Rename { from, .. } => format!("rename metric {from}"),
            MetricAction::Add { name, .. } => format!("add metric {}", name.trim()),
        }
    }

    pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
        let changed = match self {
            MetricAction::SetValue { partner, cell, .. } => metrics::set_value(
                ws,
                &partner,
                &cell.market,
                &cell.metric,
                cell.month,
                cell.value,
                now,
            )?,
            MetricAction::RestoreValues { partner, cells } => {
                let saved = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        metrics::set_value(
                            ws, &partner, &c.market, &c.metric, c.month, c.value, now,
                        )
                        .is_ok()
                    })
                    .map(|(n, _)| n)
                    .collect();
                return Ok(Applied::Saved(saved));
            }
            MetricAction::Paste { partner, preview } => {
                csv_metrics::apply_paste(ws, &partner, &preview, now)?
            }
            MetricAction::GridPaste { partner, paste, .. } => {
                csv_metrics::apply_grid_paste(ws, &partner, &paste, now)?
            }
            MetricAction::Import(import) => csv_metrics::apply_metrics(ws, &import, now)?,
            MetricAction::Rename { partner, from, to } => {
                metrics::rename_metric(ws, &partner, &from, &to, now)?
            }
            MetricAction::Add { partner, name } => {
                metrics::add_series(ws, &partner, None, &name, now)?
            }
        };
        Ok(Applied::from_bool(changed))
    }
}
