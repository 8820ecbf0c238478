//! The pure model of Tandem: every record, rule, figure and file format, with no web
//! dependency (leptos, web-sys and gloo are not even dependencies on native targets, so
//! the compiler keeps this module pure and `cargo test` exercises all of it natively).
//!
//! The folders are layers, lowest first; a file may use its own layer and those below,
//! never one above (`tests/model_layers.rs` enforces it, ARCHITECTURE.md explains it):
//!
//! 1. [`core`]: ids, months, vocabularies, the checker, text and formatting for people.
//! 2. A feature's `record.rs` ([`pitch`], [`fit`], [`meetings`], [`goals`], [`landing`],
//!    [`metrics`], [`program`]): its types and their checks, knowing nothing of partners.
//! 3. [`workspace`]: the partner and workspace records, the validation walk, edits,
//!    history and the partner table's query.
//! 4. The rest of each feature folder: its rules, which read a partner or a workspace.
//! 5. [`figures`]: health, signals, the portfolio and the planner.
//! 6. [`formats`]: the Tandem file, sealed files, CSV and the schema.
//! 7. [`merge`]: the merge rule, the import preview and conflicts.
//! 8. [`documents`]: the brief, the outreach memo and the judgment report.
//! 9. [`actions`]: every edit a person can make, named, with its undo label.
//! 10. [`demo`]: the demo workspace.

pub mod actions;
pub mod core;
pub mod demo;
pub mod documents;
pub mod figures;
pub mod fit;
pub mod formats;
pub mod goals;
pub mod landing;
pub mod meetings;
pub mod merge;
pub mod metrics;
pub mod pitch;
pub mod program;
pub mod workspace;

// The names the UI and the tests use most, for brevity outside the model. Inside the
// model, paths name their layer so that the layering test can read them.
pub use self::core::check::ValidationError;
pub use self::core::id::Id;
pub use self::core::month::Month;
pub use self::core::owner::Owner;
pub use self::core::shared::Shared;
pub use self::core::vocabulary::{
    Category, Choice, CommitmentStatus, DecisionKind, DecisionRole, Economics, GoalStatus,
    Ingredient, LadderLevel, MarketPosition, Scale, Side, Stage, Stance, UxVerdict, WinKind,
};
pub use self::workspace::records::{KeyPlayer, Market, Partner, Tombstone, Workspace};
