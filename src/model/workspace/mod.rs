//! The workspace and its partners: the records that hold every feature's records, the
//! validation walk over all of them, the edits that keep them valid, the edit stamps
//! each record carries, the undo history, the partner table's query, the pipeline
//! board's columns and the drafts of forms. Sits above the features' `record.rs` files,
//! below their rules: what belongs here knows every record but judges none of them.

pub mod board;
pub mod draft;
pub mod edit;
pub mod history;
pub mod query;
pub mod records;
pub mod stamps;
pub mod validate;
