//! Everything that turns a workspace into bytes and back: the Tandem file (with its one
//! `restore` step for every document from outside), the stored form in local storage
//! (`store`: one compact entry per partner and a manifest; `compact`: the encoding),
//! the field-level repair of a stored value stricter checks refuse (`repair`), protected
//! (sealed) files, CSV for spreadsheets and CRMs (`csv`; metric values in `csv_metrics`),
//! and the JSON Schema (test-only). `json_text` puts JSON values and parse errors into
//! words for every reader.
//!
//! What belongs here knows bytes and text; every document from outside becomes model
//! values through one check here. Nothing here decides what a merge keeps or touches the
//! browser: `storage` hands these functions what it read.

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
