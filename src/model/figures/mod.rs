//! The judgments read from a workspace: a partner's health and signals, the portfolio's
//! picture, and the program's planner. Pure functions of the records and today's date;
//! nothing here is stored but the per-partner readings `memo` keeps for the views.

pub mod health;
pub mod memo;
pub mod planner;
pub mod portfolio;
pub mod signals;
