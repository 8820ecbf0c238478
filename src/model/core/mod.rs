//! The lowest layer: what every other part of the model speaks in. Ids, months, edit
//! stamps and the clock that makes them, `Shared` (a record shared between workspace
//! versions), owners of work, the vocabularies (stages, stances, …) declared once, the
//! `Checker` with its limits and `ValidationError`, why a form field's text cannot be
//! read, text and formatting of numbers and dates for people, and days and times as
//! files write them, read fast (`when.rs`).
//!
//! What belongs here is used by records of more than one feature and needs none of
//! them: nothing here knows a partner, a workspace or a feature's record.

pub mod check;
pub mod format;
pub mod id;
pub mod input;
pub mod month;
pub mod owner;
pub mod shared;
pub mod stamp;
pub mod text;
pub mod vocabulary;
pub mod when;
