//! Everything that turns a workspace into bytes and back: the Tandem file (with its one
//! `restore` step for every document from outside), the stored form in local storage
//! (`store`: one compact entry per partner and a manifest; `compact`: the encoding),
//! protected (sealed) files, CSV for spreadsheets and CRMs, and the JSON Schema.

pub mod compact;
pub mod csv;
pub mod csv_metrics;
pub mod file;
mod json_text;
pub mod repair;
pub mod sealed;
pub mod store;

/// The JSON Schema of the file format, generated from these types and checked against
/// the committed `docs/tandem.schema.json`.
#[cfg(test)]
mod schema;
