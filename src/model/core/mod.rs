//! The lowest layer: what every other part of the model speaks in. Ids, months, edit
//! stamps, the
//! vocabularies (stages, stances, …) declared once, and formatting of numbers and dates
//! for people. Nothing here knows a partner or a workspace.

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
