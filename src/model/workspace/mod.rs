//! The workspace and its partners: the records that hold every feature's records, the
//! validation walk over all of them, the edits that keep them valid, the undo history
//! and the partner table's query. Sits above the features' `record.rs` files, below
//! their rules.

pub mod draft;
pub mod edit;
pub mod history;
pub mod query;
pub mod records;
pub mod stamps;
pub mod validate;
