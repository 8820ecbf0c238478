//! Documents a person forwards: the partner brief and the outreach memo, as structured
//! blocks the UI renders and as escaped Markdown or plain text; and the judgment report
//! that `tandem-report` prints for a workspace file.
//!
//! What belongs here reads records and figures and writes text; it computes no figure of
//! its own (it asks the feature rules and `figures`) and changes nothing.

pub mod brief;
mod brief_delivery;
pub mod memo;
pub mod report;
