//! The user interface, grouped by feature: one folder per screen or partner tab, plus the
//! widgets several screens share (fields, the confirm button, modals, charts, banners,
//! drafts), the one `Store` (`state`), the routes, the keyboard shortcuts and the split
//! points (`lazy`).
//!
//! Views read model values and call model functions; they compute nothing of their own.
//! They change the workspace only by dispatching a named action to the store, and reach
//! local storage, files and the clipboard only through `storage` (the crash banner's
//! download, built by hand in `panic` because no Rust runs after a panic, excepted).

pub mod banners;
pub mod charts;
pub mod confirm;
pub mod dashboard;
pub mod data;
pub mod draft;
pub mod fields;
pub mod fit;
pub mod framed;
pub mod goals;
pub mod health;
pub mod idle;
pub mod lazy;
pub mod markets;
pub mod meetings;
pub mod metrics;
pub mod modal;
pub mod owner;
pub mod panic;
pub mod paragraphs;
pub mod partners;
pub mod pipeline;
pub mod pitch;
pub mod planner;
pub mod program;
pub mod route;
pub mod shortcuts;
pub mod state;
