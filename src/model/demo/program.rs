//! The demo's program target and levers: Riffly aims to double (+100 %) partner-sourced
//! sign-ups over its previous year, with six levers — five partners at every stage from
//! live to negotiating, and one initiative of our own — whose confidence falls as the
//! deal gets younger. The levers cover about nine tenths of the growth, and about three
//! fifths once weighted by confidence, so the planner has a gap to discuss: a stretch
//! target with a credible plan, not a hopeless one.
//!
//! The target year is a fiscal year that started seven months before `now`, so the
//! demo is always well into it. The baseline is read from the demo's own metric values
//! over the baseline year (rounded to a thousand), and each lever's expected
//! contribution is a share of that baseline, sized on the metrics story's pace: Loopline
//! runs a little ahead of its part, Tellara and Hearthpod behind theirs, and the actual
//! year sits a few percent below the plan. The metrics story grows about +70 % a year:
//! a +150 % target left the year a third below its target path and falling further
//! behind every month, which a lead reads as a target nobody believes in.

use crate::model::core::month::Month;
use crate::model::figures::planner;
use crate::model::program::{Lever, Program};
use crate::model::{core::id::Id, workspace::records::Workspace};
use chrono::{DateTime, Duration, Utc};

/// The growth aimed for, in percent.
const GROWTH: f64 = 100.0;
/// The baseline when the demo holds no figures for the metric.
const FALLBACK_BASELINE: f64 = 48_000.0;
/// The metrics the target may be set in, by preference: the first one with figures in
/// the baseline year is used.
const METRICS: &[&str] = &["sign-ups", "users"];

/// A lever: a partner's name or an initiative, its expected contribution as a
/// percentage of the baseline, the confidence and a note.
struct L {
    partner: Option<&'static str>,
    initiative: &'static str,
    share: f64,
    confidence: u8,
    notes: &'static str,
}

#[rustfmt::skip]
const LEVERS: &[L] = &[
    L { partner: Some("Loopline"), initiative: "", share: 42.0, confidence: 80,
        notes: "Story-card previews are live in six markets; the US and Brazil carry them. \
                Germany and India would need local playlists to pull their weight." },
    L { partner: Some("Tellara Mobile"), initiative: "", share: 22.0, confidence: 70,
        notes: "Six months free with the new bundle. Activation depends on the welcome SMS \
                that Tellara's retail team keeps postponing." },
    L { partner: Some("Hearthpod"), initiative: "", share: 10.0, confidence: 55,
        notes: "Smart-speaker sign-up flow is launched in two markets; adoption is the open \
                question." },
    L { partner: Some("Dashline Auto"), initiative: "", share: 7.5, confidence: 40,
        notes: "Signed, but the in-car app ships with the autumn model year at the earliest." },
    L { partner: Some("Zuri Pay"), initiative: "", share: 5.0, confidence: 25,
        notes: "Still negotiating the checkout offer; counted so the gap is honest if it \
                slips." },
    L { partner: None, initiative: "Student referral campaign", share: 4.5, confidence: 60,
        notes: "Our own: referral codes through campus ambassadors, run with marketing." },
];

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    let Some(baseline_start) = Month::of(now.date_naive()).plus(-19) else {
        return;
    };
    let baseline_year: Vec<Month> = (0..planner::YEAR)
        .filter_map(|k| baseline_start.plus(k))
        .collect();
    let from_data = |metric: &str| -> Option<f64> {
        let totals = crate::model::metrics::total_by_month(ws, metric);
        let sum: f64 = baseline_year.iter().filter_map(|m| totals.get(m)).sum();
        (sum > 0.0).then_some(sum)
    };
    let (metric, baseline) = METRICS
        .iter()
        .find_map(|m| from_data(m).map(|b| (*m, b)))
        .unwrap_or((METRICS[0], FALLBACK_BASELINE));
    let baseline = ((baseline / 1000.0).round() * 1000.0).max(1000.0);
    let levers = LEVERS
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let partner = match l.partner {
                Some(name) => Some(super::partner_mut(ws, name)?.id.clone()),
                None => None,
            };
            Some(Lever {
                id: Id::parse(&format!("demo-lever-{}", i + 1)).ok()?,
                partner,
                initiative: l.initiative.into(),
                // Rounded to 500: nobody plans a lever to the single sign-up.
                expected: (baseline * l.share / 100.0 / 500.0).round() * 500.0,
                confidence: l.confidence,
                notes: l.notes.into(),
            })
        })
        .collect();
    ws.program = Program {
        updated: Some(now - Duration::days(6)),
        metric: metric.into(),
        baseline_start: Some(baseline_start),
        baseline: Some(baseline),
        target_growth: Some(GROWTH),
        levers,
        ..std::mem::take(&mut ws.program)
    };
}
