//! The brief's sections on delivery, what a lead forwards before a quarterly review:
//! the commitments on both sides with their state and each side's delivery record, the
//! landing plan per market or team, and the main metric's growth per market with the
//! breadth of buy-in.
//!
//! Every figure here is the one the partner's tabs show, read from the same model
//! function — `goals::commitments_of` and `goals::delivery_record_of` (Goals tab),
//! `landing::progress`, `landing::step_counts` and `landing::stalled_in` (Landing tab),
//! `health::main_metric` and `growth::panel` (Metrics and Health tabs) — never computed a
//! second time, so the brief and the screens cannot disagree.

use crate::model::core::format::percent;
use crate::model::core::format::{count, day};
use crate::model::core::text::one_line;
use crate::model::core::vocabulary::{CommitmentStatus, Side};
use crate::model::documents::brief::{Block, Fact, Section, Value};
use crate::model::goals::{self, Commitment, DeliveryRecord};
use crate::model::landing::{self, LandingStep, StepKind};
use crate::model::metrics::growth;
use crate::model::metrics::plain;
use crate::model::workspace::records::{Partner, Workspace};
use chrono::NaiveDate;

/// The commitments of both sides, theirs first, each with its state, after both sides'
/// delivery records (ours beside theirs, as the Goals tab shows them, for fairness).
pub(super) fn commitments(p: &Partner, today: NaiveDate) -> Section {
    let heading = "Commitments";
    let theirs = goals::delivery_record(&p.commitments, today);
    let ours = goals::delivery_record_of(&p.commitments, Side::Us, today);
    let mut blocks = vec![Block::Facts(vec![
        Fact {
            label: "Their delivery record",
            value: Value::Text(record_text(&theirs, "No commitment of theirs is due yet")),
        },
        Fact {
            label: "Our delivery record",
            value: Value::Text(record_text(&ours, "No commitment of ours is due yet")),
        },
    ])];
    let name = match one_line(&p.name) {
        n if n.is_empty() => "The partner".to_owned(),
        n => n,
    };
    for (side, title) in [
        (Side::Partner, format!("{name}'s commitments")),
        (Side::Us, "Our commitments".to_owned()),
    ] {
        blocks.push(Block::List {
            title,
            items: goals::commitments_of(p, side)
                .into_iter()
                .map(|k| commitment_line(p, k, today))
                .collect(),
        });
    }
    Section { heading, blocks }
}

/// A delivery record in the Goals tab's words: the counts, then the credit they make.
fn record_text(record: &DeliveryRecord, none: &str) -> String {
    let share = |s: Option<f64>| s.map(percent);
    match share(record.all_time) {
        Some(all) => {
            let recent = share(record.recent)
                .map_or(String::new(), |r| format!("; {r} over the last 90 days"));
            format!("{} ({all} delivery credit){recent}", record.counts())
        }
        None => none.to_owned(),
    }
}

/// One commitment and where it stands: "Campaign calendar — open, due 15 November 2026,
/// overdue by 8 days"; "Case study — delivered 3 November 2026 (due 1 November 2026)".
pub(super) fn commitment_line(p: &Partner, k: &Commitment, today: NaiveDate) -> String {
    let what = one_line(&k.what);
    let state = match k.status {
        CommitmentStatus::Delivered => match k.delivered {
            Some(d) => format!(
                "delivered {}{} (due {})",
                day(d),
                if goals::on_time(k) { "" } else { ", late" },
                day(k.due)
            ),
            None => format!("delivered (due {})", day(k.due)),
        },
        CommitmentStatus::Dropped => format!("dropped (was due {})", day(k.due)),
        status => {
            let mut s = format!("{}, due {}", status.label().to_lowercase(), day(k.due));
            if let Some(n) = goals::days_overdue(k, today) {
                s.push_str(&format!(", overdue by {}", count(n, "day")));
            }
            s
        }
    };
    let owner = k.owner.as_ref().map_or(String::new(), |o| {
        format!(" — owner {}", one_line(&p.owner_label(o)))
    });
    format!("{what} — {state}{owner}")
}

/// The landing plan: its progress, the stall warning when the rule holds, and each
/// market or team with its three steps.
pub(super) fn landing(ws: &Workspace, p: &Partner, today: NaiveDate) -> Section {
    let heading = "Landing";
    let Some(share) = landing::progress(&p.landing) else {
        return Section {
            heading,
            blocks: vec![Block::Note("No landing plan yet.")],
        };
    };
    let counts = landing::step_counts(&p.landing, today);
    let mut facts = vec![Fact {
        label: "Landing progress",
        value: Value::Text(format!("{} — {}", percent(share), counts.words())),
    }];
    if let Some(why) = landing::stalled_in(ws, p, today) {
        facts.push(Fact {
            label: "Stalled",
            value: Value::Text(one_line(&why)),
        });
    }
    let tracks = p
        .landing
        .iter()
        .map(|t| {
            let steps: Vec<String> = StepKind::ALL
                .into_iter()
                .map(|kind| step_text(kind, t.step(kind), today))
                .collect();
            format!("{}: {}", one_line(&t.label(ws)), steps.join(" · "))
        })
        .collect();
    Section {
        heading,
        blocks: vec![Block::Facts(facts), Block::Items(tracks)],
    }
}

/// One step as the landing grid's cell reads: done and when, or planned and how far
/// behind, and its owner.
fn step_text(kind: StepKind, step: &LandingStep, today: NaiveDate) -> String {
    let name = kind.label().to_lowercase();
    let mut text = match (step.done, step.planned) {
        (Some(d), _) => format!("{name} ✓ {}", day(d)),
        (None, Some(p)) if landing::is_behind(step, today) => {
            let n = (today - p).num_days();
            format!("{name} planned {}, {} behind", day(p), count(n, "day"))
        }
        (None, Some(p)) => format!("{name} planned {}", day(p)),
        (None, None) => format!("{name} not planned"),
    };
    let owner = one_line(&step.owner);
    if !owner.is_empty() {
        text.push_str(&format!(" ({owner})"));
    }
    text
}

/// The main metric (the one health reads buy-in in): the month judged, each market's
/// growth as the Metrics tab's table shows it, and the breadth of buy-in.
pub(super) fn results(ws: &Workspace, p: &Partner, today: NaiveDate) -> Section {
    let heading = "Growth and buy-in";
    let panel = crate::model::figures::health::main_metric(ws, p)
        .and_then(|metric| Some((growth::panel(ws, p, &metric, today)?, metric)));
    let Some((panel, metric)) = panel else {
        return Section {
            heading,
            blocks: vec![Block::Note("No metric figures yet.")],
        };
    };
    let mut facts = vec![Fact {
        label: "Main metric",
        value: Value::Text(format!(
            "{}, judged in {}",
            one_line(&metric),
            crate::model::core::format::month(panel.latest)
        )),
    }];
    if let Some(b) = &panel.buy_in {
        let breadth = b
            .breadth
            .map_or(String::new(), |s| format!(" — breadth {}", percent(s)));
        facts.push(Fact {
            label: "Breadth of buy-in",
            value: Value::Text(format!("{}{breadth}", capitalised(&b.summary))),
        });
        match &b.flagged {
            Some(reason) => facts.push(Fact {
                label: "Growth is concentrated",
                value: Value::Text(one_line(reason)),
            }),
            None => {
                let reading = b.reading_text();
                if !reading.is_empty() {
                    facts.push(Fact {
                        label: "Reading",
                        value: Value::Text(reading),
                    });
                }
            }
        }
    }
    let rows = panel
        .rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} · month over month {} · year over year {} · last {} months against a year earlier {}",
                one_line(ws.market_name(&r.market)),
                r.latest.map(plain).unwrap_or_else(|| "—".to_owned()),
                r.mom.short(),
                r.yoy.short(),
                growth::WINDOW,
                growth::window_text(panel.buy_in.as_ref(), r)
            )
        })
        .collect();
    Section {
        heading,
        blocks: vec![Block::Facts(facts), Block::Items(rows)],
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
