//! Documents a person forwards: the partner brief and the outreach memo, as structured
//! blocks the UI renders and as escaped Markdown or plain text.

pub mod brief;
pub mod memo;
