//! The demo's metrics story: 22 months of values, ending last month, for the partners
//! that are live or landing.
//!
//! - Loopline's story cards went live about nine months ago in all six of its markets,
//!   but only the US and Brazil took off: Germany slides, the UK, Mexico and India barely
//!   move. Its growth is concentrated, and the buy-in flag names the US and Brazil.
//! - Tellara Mobile's bundle grows steadily in all four of its markets: broad buy-in.
//! - Swervo is smaller; Brazil and Mexico lead but Nigeria grows too, so its two largest
//!   markets stay under the flag's threshold.
//! - Brightcourt Media resells ads: a little revenue, growing slowly in both markets.
//! - Hearthpod launched five months ago in its three markets; the months before are
//!   entered as 0 (nothing before launch), so the launch counts as growth. Figures left
//!   empty would be missing, not zero, and give no year-earlier base.
//!
//! Values follow a straight line or a late ramp from a start to an end value, with a
//! small deterministic wobble so the charts look like real months, never random ones.

use crate::model::core::month::Month;
use crate::model::metrics::Series;
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Months of history: the oldest is this many months before the current month.
const HISTORY: i32 = 22;

/// How a series moves from `start` to `end` over the history.
#[derive(Clone, Copy)]
enum Shape {
    /// A straight line.
    Line,
    /// Flat at `start` until this many months before now, then a straight line to `end`.
    RampFrom(i32),
    /// Zero before this many months before now (not launched), then a line from `start`
    /// to `end`.
    LaunchedAt(i32),
}

/// (partner, metric, market suffix, start, end, shape)
type Row = (&'static str, &'static str, &'static str, f64, f64, Shape);

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // Loopline: the US and Brazil carry it.
    ("Loopline", "sign-ups", "us", 3_900.0, 9_400.0, Shape::RampFrom(9)),
    ("Loopline", "sign-ups", "br", 1_400.0, 4_300.0, Shape::RampFrom(9)),
    ("Loopline", "sign-ups", "uk", 1_750.0, 1_880.0, Shape::Line),
    ("Loopline", "sign-ups", "de", 980.0, 890.0, Shape::Line),
    ("Loopline", "sign-ups", "mx", 640.0, 700.0, Shape::Line),
    ("Loopline", "sign-ups", "in", 510.0, 530.0, Shape::Line),
    ("Loopline", "users", "us", 41_000.0, 96_000.0, Shape::RampFrom(9)),
    ("Loopline", "users", "br", 12_000.0, 38_500.0, Shape::RampFrom(9)),
    ("Loopline", "users", "uk", 18_200.0, 19_400.0, Shape::Line),
    ("Loopline", "users", "de", 9_800.0, 9_100.0, Shape::Line),
    ("Loopline", "users", "mx", 6_100.0, 6_600.0, Shape::Line),
    ("Loopline", "users", "in", 5_200.0, 5_350.0, Shape::Line),
    // Tellara Mobile: broad.
    ("Tellara Mobile", "sign-ups", "de", 2_100.0, 3_300.0, Shape::Line),
    ("Tellara Mobile", "sign-ups", "nordics", 1_300.0, 2_250.0, Shape::Line),
    ("Tellara Mobile", "sign-ups", "uk", 1_600.0, 2_600.0, Shape::Line),
    ("Tellara Mobile", "sign-ups", "mx", 900.0, 1_650.0, Shape::Line),
    ("Tellara Mobile", "users", "de", 24_000.0, 39_000.0, Shape::Line),
    ("Tellara Mobile", "users", "nordics", 15_500.0, 26_000.0, Shape::Line),
    ("Tellara Mobile", "users", "uk", 19_000.0, 31_500.0, Shape::Line),
    ("Tellara Mobile", "users", "mx", 9_000.0, 17_500.0, Shape::Line),
    // Swervo: smaller, Brazil and Mexico first, Nigeria catching up.
    ("Swervo", "sign-ups", "br", 420.0, 900.0, Shape::Line),
    ("Swervo", "sign-ups", "mx", 310.0, 680.0, Shape::Line),
    ("Swervo", "sign-ups", "ng", 90.0, 420.0, Shape::Line),
    ("Swervo", "sign-ups", "in", 160.0, 230.0, Shape::Line),
    // Its shared goal counts streams played during rides: the same markets in the same
    // proportions (600 streams a sign-up), about 1.34 million last month.
    ("Swervo", "streams", "br", 252_000.0, 540_000.0, Shape::Line),
    ("Swervo", "streams", "mx", 186_000.0, 408_000.0, Shape::Line),
    ("Swervo", "streams", "ng", 54_000.0, 252_000.0, Shape::Line),
    ("Swervo", "streams", "in", 96_000.0, 138_000.0, Shape::Line),
    // Brightcourt Media: ad revenue, small and steady.
    ("Brightcourt Media", "revenue", "br", 6_200.0, 8_100.0, Shape::Line),
    ("Brightcourt Media", "revenue", "mx", 4_300.0, 5_600.0, Shape::Line),
    // Hearthpod: launched five months ago.
    ("Hearthpod", "sign-ups", "us", 260.0, 1_150.0, Shape::LaunchedAt(5)),
    ("Hearthpod", "sign-ups", "uk", 140.0, 520.0, Shape::LaunchedAt(5)),
    ("Hearthpod", "sign-ups", "jp", 40.0, 130.0, Shape::LaunchedAt(5)),
    // Its shared goal counts households playing by voice each month, so the demo keeps
    // those figures too: about 165,000 last month, near the plan toward 200,000.
    ("Hearthpod", "users", "us", 20_000.0, 105_000.0, Shape::LaunchedAt(5)),
    ("Hearthpod", "users", "uk", 9_000.0, 48_000.0, Shape::LaunchedAt(5)),
    ("Hearthpod", "users", "jp", 2_000.0, 12_000.0, Shape::LaunchedAt(5)),
];

/// The value `back` months before now (1 = last month) of a series.
fn value(start: f64, end: f64, shape: Shape, back: i32, seed: usize) -> Option<f64> {
    let along = |from: i32| {
        // 0 at `from` months back, 1 at last month.
        let span = (from - 1).max(1) as f64;
        ((from - back) as f64 / span).clamp(0.0, 1.0)
    };
    let share = match shape {
        Shape::Line => along(HISTORY),
        Shape::RampFrom(from) => along(from),
        Shape::LaunchedAt(from) if back > from => return Some(0.0),
        Shape::LaunchedAt(from) => along(from),
    };
    // A wobble of −3 % to +3 %, fixed by the series and the month.
    let wobble = ((seed * 31 + back as usize * 17) % 13) as f64 / 12.0 * 0.06 - 0.03;
    let v = (start + (end - start) * share) * (1.0 + wobble);
    Some(v.round())
}

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    let this_month = Month::of(now.date_naive());
    for (seed, (partner, metric, market, start, end, shape)) in ROWS.iter().enumerate() {
        let Some(p) = super::partner_mut(ws, partner) else {
            continue;
        };
        let mut values = BTreeMap::new();
        for back in 1..=HISTORY {
            if let (Some(month), Some(v)) = (
                this_month.plus(-back),
                value(*start, *end, *shape, back, seed),
            ) {
                values.insert(month, v);
            }
        }
        p.metrics.push(Series {
            market: super::market_id(market),
            metric: (*metric).to_owned(),
            values,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::model::metrics::growth::buy_in;
    use crate::model::metrics::latest_month;
    use chrono::TimeZone;

    #[test]
    fn loopline_is_flagged_for_the_us_and_brazil_and_no_one_else_is() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .unwrap();
        let ws = crate::model::demo::workspace(now);
        let latest = latest_month(&ws).unwrap();
        assert_eq!(latest.to_string(), "2026-10");
        for p in &ws.partners {
            let b = buy_in(&ws, p, "sign-ups", latest);
            let flag = b.as_ref().and_then(|b| b.flagged.clone());
            if p.name == "Loopline" {
                let flag = flag.expect("Loopline is flagged");
                assert!(
                    flag.starts_with("Only United States and Brazil of 6 markets bought in"),
                    "{flag}"
                );
            } else {
                assert_eq!(flag, None, "{}", p.name);
            }
        }
        let tellara = ws
            .partners
            .iter()
            .find(|p| p.name == "Tellara Mobile")
            .unwrap();
        let b = buy_in(&ws, tellara, "sign-ups", latest).unwrap();
        assert_eq!((b.bought_in, b.judged, b.breadth), (4, 4, Some(1.0)));
    }
}
