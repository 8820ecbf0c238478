//! The program: its name's target (a metric, a baseline year, a growth to reach) and the
//! levers expected to get there. The figures read from it are in
//! [`crate::model::figures::planner`].

pub mod record;

pub use record::*;
