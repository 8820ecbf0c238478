//! The judgments read from a workspace: a partner's health and signals, the portfolio's
//! picture, and the program's planner. Pure functions of the records and today's date;
//! nothing here is stored but the readings `memo` keeps for the views.
//!
//! What belongs here reads several features at once; a figure one feature alone needs
//! stays in that feature's rules. Nothing here writes a record (the planner's lever
//! and target edits excepted, which `actions` names), parses bytes or knows a file.

pub mod health;
pub mod memo;
pub mod planner;
pub mod portfolio;
pub mod signals;
