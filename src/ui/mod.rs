//! The user interface, grouped by feature. Views read model values and call model
//! functions; they compute nothing of their own.

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
