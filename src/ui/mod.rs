//! The user interface, grouped by feature. Views read model values and call model
//! functions; they compute nothing of their own.

pub mod banners;
pub mod data;
pub mod fields;
pub mod modal;
pub mod panic;
pub mod partners;
pub mod pipeline;
pub mod route;
pub mod state;
