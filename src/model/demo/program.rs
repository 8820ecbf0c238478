//! The demo's program target and levers: see the module's introduction.

use crate::model::Workspace;
use chrono::{DateTime, Utc};

pub(super) fn add(_ws: &mut Workspace, _now: DateTime<Utc>) {}
