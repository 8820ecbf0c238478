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
pub mod csv_metrics;
pub mod demo;
pub mod edit;
pub mod file;
pub mod fit;
pub mod goals;
pub mod growth;
pub mod health;
pub mod history;
pub mod id;
pub mod import;
mod json_text;
pub mod ladder;
pub mod landing;
pub mod meetings;
pub mod memo;
pub mod metrics;
pub mod month;
pub mod pitch;
pub mod planner;
pub mod portfolio;
pub mod program;
pub mod query;
pub mod records;
pub mod sealed;
pub mod signals;
pub mod sync;
pub mod units;
pub mod validate;

pub use choices::{
    Category, Choice, CommitmentStatus, DecisionKind, DecisionRole, Economics, GoalStatus,
    Ingredient, LadderLevel, MarketPosition, Scale, Side, Stage, Stance, UxVerdict, WinKind,
};
pub use id::Id;
pub use month::Month;
pub use records::{KeyPlayer, Market, Partner, Tombstone, Workspace};
pub use validate::ValidationError;

/// The JSON Schema of the file format, generated from these types and checked against
/// the committed `docs/tandem.schema.json`.
#[cfg(test)]
mod schema;
