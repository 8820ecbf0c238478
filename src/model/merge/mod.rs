//! Bringing two workspaces together: the merge rule (by stable ids, newer edit wins,
//! deletions remembered as tombstones), the import preview that says what a file will
//! change, and the conflicts a person settles.
//!
//! What belongs here works on workspaces already read: a file reaches it only through
//! `formats::file::restore`, never as bytes.

pub mod conflict;
pub mod fields;
pub mod import;
pub mod rule;
