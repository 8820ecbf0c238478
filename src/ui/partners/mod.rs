//! The partner list and a partner's own page with its key players.

pub mod brief;
pub mod key_players;
pub mod list;
pub mod page;
pub mod section;
pub mod tabs;
pub mod website;
