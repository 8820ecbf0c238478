//! The demo's after story: what the signed partners agreed, promised and delivered, how
//! far each one has landed, the wins worth celebrating and the decisions taken.
//!
//! The story it tells: Loopline and Tellara are mostly landed and keep their word
//! (Tellara's adoption step in Mexico is a few days behind plan);
//! Hearthpod is landing but Japan has not even been enabled weeks after the plan said so;
//! Dashline Auto signed and then let most of its promises slip (a delivery record well
//! under 60 % with commitments overdue); Gatehouse Live was paused after a reorganisation
//! and Kestrel Phones walked away from; Brightcourt runs live on self-serve with no
//! shared goal at all, which the app flags. Dates are relative to `now`.

use super::partner_mut;
use crate::model::goals::{Commitment, Decision, Goal, Win};
use crate::model::landing::{LandingStep, LandingTrack};
use crate::model::{
    core::vocabulary::CommitmentStatus as C, core::vocabulary::DecisionKind as D,
    core::vocabulary::GoalStatus as G, core::vocabulary::Side, core::vocabulary::Stage,
    core::vocabulary::WinKind as W, workspace::records::Workspace,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Days relative to today: negative is in the past, positive ahead.
type Days = i64;

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    let today = now.date_naive();
    let on = |days: Days| today + Duration::days(days);
    for story in STORIES {
        let Some(p) = partner_mut(ws, story.partner) else {
            continue;
        };
        let n = p.id.as_str().trim_start_matches("demo-p-").to_owned();
        p.goals = story
            .goals
            .iter()
            .enumerate()
            .map(|(k, g)| Goal {
                id: super::id(&format!("demo-goal-{n}-{}", k + 1)),
                statement: g.0.into(),
                metric: g.1.into(),
                target: g.2,
                due: Some(on(g.3)),
                status: g.4,
            })
            .collect();
        p.commitments = story
            .commitments
            .iter()
            .enumerate()
            .map(|(k, c)| Commitment {
                owner: None,
                id: super::id(&format!("demo-com-{n}-{}", k + 1)),
                side: c.0,
                what: c.1.into(),
                due: on(c.2),
                status: c.3,
                delivered: c.4.map(on),
            })
            .collect();
        p.landing = story.landing.iter().map(|t| track(&n, t, &on)).collect();
        p.wins = story
            .wins
            .iter()
            .enumerate()
            .map(|(k, w)| win(&format!("demo-win-{n}-{}", k + 1), w, &on))
            .collect();
        p.decisions = story
            .decisions
            .iter()
            .enumerate()
            .map(|(k, d)| Decision {
                id: super::id(&format!("demo-dec-{n}-{}", k + 1)),
                date: on(d.0),
                kind: d.1,
                who: d.2.into(),
                why: d.3.into(),
            })
            .collect();
        // The latest pause or walk-away is when the partner entered its stage.
        let entered = story
            .decisions
            .iter()
            .filter(|d| {
                matches!(
                    (d.1, p.stage),
                    (D::WalkAway, Stage::WalkedAway) | (D::Pause, Stage::Paused)
                )
            })
            .map(|d| on(d.0))
            .max();
        if entered.is_some() {
            p.stage_since = entered;
        }
    }
    ws.program.wins = PROGRAM_WINS
        .iter()
        .enumerate()
        .map(|(k, w)| win(&format!("demo-win-program-{}", k + 1), w, &on))
        .collect();
    ws.program.updated = Some(now - Duration::days(8));
}

fn win(id: &str, w: &WinRow, on: &impl Fn(Days) -> NaiveDate) -> Win {
    Win {
        id: super::id(id),
        date: on(w.0),
        kind: w.1,
        title: w.2.into(),
        note: w.3.into(),
    }
}

fn track(n: &str, t: &TrackRow, on: &impl Fn(Days) -> NaiveDate) -> LandingTrack {
    let step = |s: &StepRow| LandingStep {
        planned: s.0.map(on),
        done: s.1.map(on),
        owner: s.2.into(),
    };
    let (market, team) = match t.0.strip_prefix("team:") {
        Some(team) => (None, team.to_owned()),
        None => (Some(super::market_id(t.0)), String::new()),
    };
    let key =
        t.0.trim_start_matches("team:")
            .replace(' ', "-")
            .to_lowercase();
    LandingTrack {
        id: super::id(&format!("demo-land-{n}-{key}")),
        market,
        team,
        enabled: step(&t.1[0]),
        launched: step(&t.1[1]),
        adopted: step(&t.1[2]),
        added: None,
    }
}

/// statement, metric, target, due (days from today), status.
type GoalRow = (&'static str, &'static str, Option<f64>, Days, G);
/// side, what, due, status, delivered.
type CommitmentRow = (Side, &'static str, Days, C, Option<Days>);
/// planned, done, owner.
type StepRow = (Option<Days>, Option<Days>, &'static str);
/// market key (or "team:Name"), enabled, launched, adopted.
type TrackRow = (&'static str, [StepRow; 3]);
/// date, kind, title, note.
type WinRow = (Days, W, &'static str, &'static str);
/// date, kind, who, why.
type DecisionRow = (Days, D, &'static str, &'static str);

struct Story {
    partner: &'static str,
    goals: &'static [GoalRow],
    commitments: &'static [CommitmentRow],
    landing: &'static [TrackRow],
    wins: &'static [WinRow],
    decisions: &'static [DecisionRow],
}

const THEM: Side = Side::Partner;
const US: Side = Side::Us;

/// A step done on the day it was planned.
const fn done(day: Days, owner: &'static str) -> StepRow {
    (Some(day), Some(day), owner)
}

/// A step planned and not done yet.
const fn planned(day: Days, owner: &'static str) -> StepRow {
    (Some(day), None, owner)
}

#[rustfmt::skip]
const STORIES: &[Story] = &[
    Story {
        partner: "Loopline",
        goals: &[
            ("Story cards bring 22,000 new Riffly trials a month across Loopline's markets.",
             "sign-ups", Some(22_000.0), 150, G::OnTrack),
            ("210,000 listeners a month through preview cards, with every market pulling its weight, not only the US and Brazil.",
             "users", Some(210_000.0), 90, G::AtRisk),
        ],
        commitments: &[
            (THEM, "Share card-share figures by market every month", -120, C::Delivered, Some(-121)),
            (THEM, "Localised card onboarding for Hindi-speaking creators", -20, C::Delivered, Some(-25)),
            (THEM, "Feature the preview card in the German creator newsletter", -45, C::Late, None),
            (THEM, "Joint case study for the trade press", 30, C::Open, None),
            (US, "German and Hindi playlist previews for the card", -60, C::Delivered, Some(-58)),
            (US, "Quarterly creator-tips webinar", 14, C::Open, None),
        ],
        landing: &[
            ("us", [done(-330, "Rafael Quintero"), done(-300, "Rafael Quintero"), done(-240, "Priya Raman")]),
            ("uk", [done(-320, "Rafael Quintero"), done(-290, "Rafael Quintero"), done(-200, "Priya Raman")]),
            ("br", [done(-300, "Rafael Quintero"), done(-260, "Priya Raman"), done(-180, "Priya Raman")]),
            ("mx", [done(-280, "Rafael Quintero"), done(-250, "Priya Raman"), done(-150, "Priya Raman")]),
            ("de", [done(-260, "Hanna Brandt"), (Some(-60), Some(-40), "Hanna Brandt"), planned(45, "Hanna Brandt")]),
            ("in", [done(-100, "Rafael Quintero"), planned(20, "Priya Raman"), planned(90, "Priya Raman")]),
        ],
        wins: &[
            (-35, W::Milestone, "Story cards passed one million shares",
             "Half of them from the US and Brazil; the German count doubled after the newsletter finally went out."),
            (-12, W::SmallWin, "First Brazilian artist campaign built on preview cards", ""),
        ],
        decisions: &[
            (-400, D::Go, "Priya Raman",
             "Sharing is where listeners discover music now; the card keeps them one tap from Riffly."),
        ],
    },
    Story {
        partner: "Tellara Mobile",
        goals: &[
            ("Keep 150,000 bundle subscribers listening every month.", "users", Some(150_000.0), 200, G::OnTrack),
            ("A family-plan version of the bundle before the renewal.", "", None, 120, G::Open),
        ],
        commitments: &[
            (THEM, "Bundle on the plan comparison page in the Nordics", -150, C::Delivered, Some(-155)),
            (THEM, "Monthly churn report for bundle subscribers", -60, C::Delivered, Some(-60)),
            (THEM, "Activation training for store staff in Mexico", -30, C::Late, None),
            (US, "Carrier-billing reconciliation fix", -75, C::Delivered, Some(-80)),
            (US, "Family-plan pricing proposal", 21, C::Open, None),
        ],
        landing: &[
            ("de", [done(-480, "Marco Bellandi"), done(-450, "Marco Bellandi"), done(-380, "Jonas Weber")]),
            ("nordics", [done(-400, "Marco Bellandi"), done(-360, "Marco Bellandi"), done(-290, "Jonas Weber")]),
            ("uk", [done(-330, "Marco Bellandi"), done(-300, "Marco Bellandi"), done(-220, "Jonas Weber")]),
            ("mx", [done(-120, "Diego Salas"), (Some(-60), Some(-50), "Diego Salas"), planned(-6, "Diego Salas")]),
        ],
        wins: &[
            (-70, W::Milestone, "The bundle reached 100,000 listening subscribers", ""),
            (-20, W::SmallWin, "Bundle churn fell under 3 % a month for the first time",
             "Ingrid Solberg quoted it in Tellara's quarterly results call."),
        ],
        decisions: &[
            (-500, D::Go, "Jonas Weber", "Carrier billing reaches listeners who never add a card."),
            (-15, D::Go, "Jonas Weber", "Renew for two more years and open family-plan talks."),
        ],
    },
    Story {
        partner: "Hearthpod",
        goals: &[
            ("200,000 Hearthpod households play Riffly by voice each month.", "users", Some(200_000.0), 120, G::OnTrack),
        ],
        commitments: &[
            (THEM, "Riffly as the default in the UK setup flow", -90, C::Delivered, Some(-95)),
            (THEM, "Japanese voice command set", -40, C::Late, None),
            (US, "Wake-word latency under 300 ms", -120, C::Delivered, Some(-121)),
            (US, "Japanese catalogue metadata for voice search", -10, C::Open, None),
        ],
        landing: &[
            ("us", [done(-150, "Grant Pollard"), done(-120, "Aiko Tanabe"), done(-60, "Lucía Ferreira")]),
            ("uk", [done(-100, "Grant Pollard"), (Some(-75), Some(-70), "Aiko Tanabe"), planned(30, "Mirela Costa")]),
            ("jp", [planned(-45, "Aiko Tanabe"), planned(30, "Aiko Tanabe"), planned(120, "Mirela Costa")]),
            ("team:Riffly voice support", [done(-110, "Lucía Ferreira"), planned(-5, "Lucía Ferreira"), (None, None, "")]),
        ],
        wins: &[
            (-130, W::Milestone, "Both Hearthpod speakers certified with Riffly voice control", ""),
            (-60, W::SmallWin, "Riffly is the default music service in Hearthpod's US setup", ""),
        ],
        decisions: &[
            (-240, D::Go, "Lucía Ferreira", "Voice is the next living-room habit and Hearthpod wants us as its default."),
        ],
    },
    Story {
        partner: "Dashline Auto",
        goals: &[
            ("The in-dash app ships on all three carmakers' 2028 models.", "", None, 300, G::AtRisk),
        ],
        commitments: &[
            (THEM, "Test vehicles for the Munich lab", -140, C::Delivered, Some(-141)),
            (THEM, "Head-unit SDK access for our engineers", -100, C::Delivered, Some(-80)),
            (THEM, "Introductions to the three carmakers' launch teams", -60, C::Late, None),
            (THEM, "Driver-distraction guidelines in writing", -35, C::Open, None),
            (US, "Shared launch checklist for each carmaker", -15, C::Delivered, Some(-16)),
            (US, "Simplified driving-mode screens for safety review", 20, C::Open, None),
        ],
        landing: &[],
        wins: &[
            (-175, W::Milestone, "Signed for Dashline's 2028 head units", ""),
        ],
        decisions: &[
            (-175, D::Go, "Jonas Weber", "Drivers name Riffly as the app they miss most; three carmakers in one deal."),
        ],
    },
    Story {
        partner: "Zuri Pay",
        goals: &[],
        commitments: &[
            (THEM, "Written position on who owns the billing data", -12, C::Open, None),
            (US, "Data-flow diagram with no payment data leaving Zuri", -18, C::Delivered, Some(-20)),
        ],
        landing: &[],
        wins: &[],
        decisions: &[],
    },
    Story {
        partner: "Hollow Oak Audio",
        goals: &[],
        commitments: &[],
        landing: &[],
        wins: &[],
        decisions: &[
            (-20, D::Pivot, "Lucía Ferreira",
             "Offer a six-month first-listen window instead of a two-year exclusive: our podcast audience cannot yet pay for exclusivity."),
        ],
    },
    Story {
        partner: "Brightcourt Media",
        goals: &[],
        commitments: &[],
        landing: &[],
        wins: &[
            (-25, W::SmallWin, "Fiftieth campaign booked through the self-serve ad manager", ""),
        ],
        decisions: &[],
    },
    Story {
        partner: "Gatehouse Live",
        goals: &[
            ("Presale codes for top listeners in all four markets.", "sign-ups", Some(20_000.0), -30, G::Missed),
        ],
        commitments: &[
            (THEM, "UK pilot results", -150, C::Delivered, Some(-150)),
            (THEM, "Nordics pilot results", -90, C::Delivered, Some(-84)),
            (THEM, "Consent step before fan data moves between the apps", -70, C::Open, None),
            (US, "Presale landing page in German", -80, C::Delivered, Some(-82)),
        ],
        landing: &[
            ("uk", [done(-220, "Sasha Petrenko"), done(-190, "Sasha Petrenko"), planned(-100, "Sasha Petrenko")]),
            ("nordics", [done(-160, "Sasha Petrenko"), planned(-110, "Sasha Petrenko"), (None, None, "")]),
        ],
        wins: &[
            (-180, W::SmallWin, "UK presale sold out in four minutes", ""),
        ],
        decisions: &[
            (-300, D::Go, "Priya Raman", "Presales reward the most loyal listeners; a pilot in two markets first."),
            (-50, D::Pause, "Priya Raman",
             "The new product chief froze every partner pilot during the reorganisation; revisit once he has settled in."),
        ],
    },
    Story {
        partner: "Kestrel Phones",
        goals: &[],
        commitments: &[
            (THEM, "A written answer on letting users uninstall the app", -170, C::Dropped, None),
        ],
        landing: &[],
        wins: &[],
        decisions: &[
            (-430, D::Go, "Kofi Mensah", "Preinstallation would reach millions of first-time smartphone owners in India and Nigeria."),
            (-160, D::WalkAway, "Kofi Mensah",
             "Kestrel insisted on exclusivity and an app that cannot be uninstalled; a locked-in app would be a bad experience for listeners."),
        ],
    },
    Story {
        partner: "Swervo",
        goals: &[
            ("1.5 million streams a month played during Swervo rides.", "streams", Some(1_500_000.0), 180, G::OnTrack),
        ],
        commitments: &[
            (THEM, "In-app banner for riders in Brazil and Mexico", -100, C::Delivered, Some(-102)),
            (THEM, "Volume cap for drivers in Nigeria", -25, C::Open, None),
            (US, "Loudness-normalised playback mode", -30, C::Delivered, Some(-29)),
        ],
        landing: &[
            ("br", [done(-340, "Ana Villarreal"), done(-300, "Ana Villarreal"), done(-230, "Lucía Ferreira")]),
            ("mx", [done(-320, "Ana Villarreal"), done(-280, "Ana Villarreal"), done(-200, "Lucía Ferreira")]),
            ("in", [done(-160, "Ana Villarreal"), done(-100, "Ana Villarreal"), planned(-10, "Lucía Ferreira")]),
            ("ng", [done(-80, "Chidi Obi"), planned(15, "Chidi Obi"), planned(100, "Lucía Ferreira")]),
        ],
        wins: &[
            (-40, W::SmallWin, "Music control rated among Swervo's three best features", ""),
        ],
        decisions: &[
            (-370, D::Go, "Lucía Ferreira", "Riders bring their own music into the car; the ride becomes a listening session."),
        ],
    },
];

#[rustfmt::skip]
const PROGRAM_WINS: &[WinRow] = &[
    (-95, W::BigTarget, "First quarter with partner revenue above one million",
     "Tellara's bundle and Loopline's cards brought two thirds of it."),
    (-28, W::Milestone, "Partner-sourced trials passed 30,000 in one month", ""),
    (-8, W::SmallWin, "The partnership playbook was shared with the whole company", ""),
];
