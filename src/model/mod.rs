//! The pure model of Tandem: the workspace and its records, validation, the file
//! format, import (preview, merge, replace), the partner table's query, and the demo.
//!
//! Nothing here touches the browser: no leptos, no web-sys, no gloo. Those crates are
//! not even dependencies on native targets, so the compiler keeps this module pure and
//! `cargo test` exercises all of it natively.

pub mod brief;
pub mod choices;
pub mod conflict;
pub mod csv;
pub mod demo;
pub mod edit;
pub mod file;
pub mod history;
pub mod id;
pub mod import;
mod json_text;
pub mod query;
pub mod records;
pub mod sealed;
pub mod sync;
pub mod units;
pub mod validate;

pub use choices::{Category, Choice, DecisionRole, LadderLevel, MarketPosition, Stage, Stance};
pub use id::Id;
pub use records::{KeyPlayer, Market, Partner, Tombstone, Workspace};
pub use validate::ValidationError;

/// The JSON Schema of the file format, generated from these types and checked against
/// the committed `docs/tandem.schema.json`.
#[cfg(test)]
mod schema;
