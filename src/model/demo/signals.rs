//! The demo's signals story. It runs after every other story file and only adds what
//! a signal still lacks: the days two partners entered their current stage, which the
//! stage clock needs (the others default to the day the partner was created).
//!
//! With the other files' meetings, commitments, landing plans and metrics, the demo
//! then raises every kind of signal (tests/model_health.rs checks it):
//! - Dashline Auto signed 100 days ago and has no landing plan (our action item), the
//!   carmaker introductions it promised are two months late (delivery) and its signing
//!   sponsor has just frozen the work (people): severe partner risks in two areas, so
//!   walking away is suggested — the demo's only one;
//! - Hearthpod has been landing for 150 days, longer than the 120 expected, with Japan
//!   stalled.

use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Duration, Utc};

/// (partner, days since it entered its current stage).
const ENTERED: &[(&str, i64)] = &[("Dashline Auto", 100), ("Hearthpod", 150)];

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    for (name, days) in ENTERED {
        if let Some(p) = super::partner_mut(ws, name) {
            if p.stage_since.is_none() {
                // Never before the partner existed.
                let entered = (now - Duration::days(*days)).date_naive();
                p.stage_since = Some(entered.max(p.created.date_naive()));
            }
        }
    }
}
