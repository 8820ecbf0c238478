//! Metric series (values per partner, market, month and metric): the record and its
//! checks.

use crate::model::core::check::{unknown_market, Catalogue, Checker, MAX_NAME};
use crate::model::core::id::Id;
use crate::model::core::month::Month;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The metrics every program starts with; people can add their own names.
pub const STANDARD: &[&str] = &["users", "revenue", "streams", "sign-ups"];

/// One metric of one partner in one market, month by month. Kept as a map from month
/// to value so that a year of values costs one short line per month in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Series {
    /// The catalogue market.
    pub market: Id,
    /// The metric's name: "users", "revenue", "streams", "sign-ups" or the user's own.
    pub metric: String,
    #[serde(default)]
    pub values: BTreeMap<Month, f64>,
}

pub(crate) fn check(s: &Series, markets: &Catalogue, c: &mut Checker) {
    if !markets.contains_key(&s.market) {
        c.push("market", unknown_market(&s.market));
    }
    c.required("metric", &s.metric, MAX_NAME);
    for (month, value) in &s.values {
        c.finite(format_args!("values.{month}"), *value);
    }
}

// ---------------------------------------------------------------------------------------
// Reading
