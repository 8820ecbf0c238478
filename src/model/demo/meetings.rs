//! The demo's meetings story: half a year of meetings across most partners, so the
//! meeting log, the sparklines and the influence × stance map all have something to show.
//!
//! Three rooms are cooling, on purpose: at Loopline, Dana Whitlock (the decision maker)
//! has received each of the last three meetings worse than the one before, as the
//! lopsided growth and the time-spent worry sink in; at Tellara, Marco Bellandi, the
//! champion, came out of the last pricing meeting negative, siding with procurement for
//! the first time; at Dashline, the sponsor who signed freezes the carmaker introductions
//! and the champion cannot give a date. Everyone else is steady or warming. Pacewell and
//! Moonmoth have had no meeting yet.

use super::{id, partner_mut, JONAS, KOFI, LUCIA, PRIYA};
use crate::model::meetings::{Meeting, NextStep, Reception};
use crate::model::{core::vocabulary::Scale, workspace::records::Workspace};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// One meeting of the story. Dates are days before today; a next step's due date is
/// days from today (negative: already past).
struct M {
    partner: &'static str,
    /// The partner's number in the demo table (ids `demo-p-NN`, `demo-kp-NN-K`).
    n: usize,
    ago: i64,
    ours: &'static [&'static str],
    presented: &'static str,
    /// Key player number (1-based), body language, tone, reaction (−2 … +2), note.
    attendees: &'static [(usize, [i8; 3], &'static str)],
    room: i8,
    room_note: &'static str,
    /// What, due in days from today, done.
    steps: &'static [(&'static str, i64, bool)],
}

#[rustfmt::skip]
const MEETINGS: &[M] = &[
    // Loopline: Dana cools meeting by meeting; Rafael stays keen.
    M { partner: "Loopline", n: 1, ago: 160, ours: &[PRIYA, KOFI],
        presented: "Launch review of the story cards with a 30-second preview: plays, trials and shares in the first month.",
        attendees: &[
            (1, [2, 2, 1], "Leaned in at the trial numbers and asked whether podcasts could get the same card."),
            (2, [2, 2, 2], "Demoed the card to the room himself before we could."),
            (4, [0, 0, 1], "Took notes on data flows; no objections yet."),
        ],
        room: 2, room_note: "The best meeting we have had with them: everyone wanted a second phase.",
        steps: &[("Send the launch metrics split by market", -150, true)] },
    M { partner: "Loopline", n: 1, ago: 95, ours: &[PRIYA],
        presented: "Quarterly review: preview plays and trials by market, and the plan for Germany and India.",
        attendees: &[
            (1, [1, 1, 0], "Pleased with the US and Brazil; asked twice why Germany is flat."),
            (2, [2, 1, 2], "Offered to present the card to the German team."),
            (3, [-1, 0, -1], "Said German creators never heard about the launch."),
        ],
        room: 1, room_note: "Good on the big picture, uneasy about the lopsided markets.",
        steps: &[("Draft a German creator campaign with Hanna", -80, true)] },
    M { partner: "Loopline", n: 1, ago: 48, ours: &[PRIYA, KOFI],
        presented: "Time-spent study: do previews take people out of Loopline, and for how long?",
        attendees: &[
            (1, [1, 0, -1], "Arms crossed through the exit-rate slide; asked no questions."),
            (2, [2, 1, 2], "Argued that shares bring people back into Loopline."),
            (4, [0, -1, 0], "Wants the data-sharing annex reviewed again."),
        ],
        room: 0, room_note: "The exit-rate numbers landed badly with Dana.",
        steps: &[
            ("Share the exit-rate figures split by market", -40, true),
            ("Legal review of the data-sharing annex", -20, false),
        ] },
    M { partner: "Loopline", n: 1, ago: 9, ours: &[PRIYA],
        presented: "Renewing the data annex, and a Germany plan built around local playlists.",
        attendees: &[
            (1, [-1, 0, -1], "Short answers; said time spent inside Loopline is what her board watches."),
            (2, [1, 1, 1], "Still keen, but quieter with Dana in the room."),
            (3, [0, 0, 1], "Liked the local playlist idea and offered two curators."),
        ],
        room: 0, room_note: "Polite but cooler than in spring; Dana set the tone.",
        steps: &[
            ("Propose an in-app player so previews keep people inside Loopline", 7, false),
            ("Send the German playlist plan to Hanna", 14, false),
        ] },
    // Tellara: the champion turns over pricing.
    M { partner: "Tellara Mobile", n: 2, ago: 130, ours: &[JONAS],
        presented: "The bundle after six months: activations, churn by plan and carrier-billing failures.",
        attendees: &[
            (1, [1, 1, 2], "Asked for churn split by plan before the renewal."),
            (2, [2, 2, 2], "Wants the bundle on the plan comparison page."),
            (3, [-1, -1, 0], "Quoted a rival's wholesale price again."),
        ],
        room: 1, room_note: "Warm; procurement is the only brake.",
        steps: &[("Churn figures by plan", -120, true)] },
    M { partner: "Tellara Mobile", n: 2, ago: 70, ours: &[JONAS, LUCIA],
        presented: "A family-plan bundle: first pricing for four accounts.",
        attendees: &[
            (1, [1, 0, 1], "Likes the idea, waits for procurement."),
            (2, [1, 1, 1], "Supportive, but asked how he should defend the price."),
            (3, [-1, -2, -1], "Called the price a non-starter."),
        ],
        room: 0, room_note: "The price dominated everything.",
        steps: &[("Revised family-plan pricing", -50, true)] },
    M { partner: "Tellara Mobile", n: 2, ago: 15, ours: &[JONAS],
        presented: "Revised family-plan pricing and the renewal timeline.",
        attendees: &[
            (1, [1, 1, 0], "Wants an answer before the Q3 renewal opens."),
            (2, [-1, -1, 0], "Said he cannot defend the price internally any more; avoided eye contact."),
            (3, [-1, -1, -1], "Unmoved."),
            (4, [0, 1, 1], "Asked for counter training for his shop staff."),
        ],
        room: -1, room_note: "Marco, our champion, sided with procurement for the first time.",
        steps: &[
            ("Counter training kit for the Mexico stores", 5, false),
            ("Model a lower wholesale price against a longer term", -3, false),
        ] },
    // Hearthpod: warming towards launch.
    M { partner: "Hearthpod", n: 3, ago: 100, ours: &[LUCIA],
        presented: "Certification results and placement in the speaker setup flow.",
        attendees: &[
            (1, [2, 1, 2], "Offered the default slot in the setup flow on the spot."),
            (2, [1, 1, 1], "Walked us through the wake-word latency fix."),
        ],
        room: 1, room_note: "",
        steps: &[] },
    M { partner: "Hearthpod", n: 3, ago: 35, ours: &[LUCIA, KOFI],
        presented: "The US and UK launch plan, and Japanese voice commands.",
        attendees: &[
            (1, [2, 2, 2], "Wants Japan by autumn."),
            (3, [0, 0, 1], "Will fund the launch once she sees week-one activations."),
        ],
        room: 1, room_note: "",
        steps: &[
            ("Week-one activation report", -20, true),
            ("Japanese voice command list", 10, false),
        ] },
    M { partner: "Hearthpod", n: 3, ago: 6, ours: &[LUCIA],
        presented: "Week-one activations in the US and UK.",
        attendees: &[
            (1, [2, 2, 1], ""),
            (2, [1, 2, 1], ""),
            (3, [1, 1, 1], "Released half the launch budget in the meeting."),
        ],
        room: 2, room_note: "Mirela came round once she saw the numbers.",
        steps: &[] },
    // Dashline: the gatekeeper softens, then the sponsor who signed freezes the work.
    M { partner: "Dashline Auto", n: 4, ago: 120, ours: &[JONAS],
        presented: "The in-dash app's scope for the 2028 head units.",
        attendees: &[
            (1, [1, 1, 2], "Quoted his driver survey naming Riffly."),
            (2, [2, 1, 2], ""),
            (3, [-1, 0, -1], "Worried about artwork on screen while driving."),
        ],
        room: 1, room_note: "",
        steps: &[] },
    M { partner: "Dashline Auto", n: 4, ago: 20, ours: &[JONAS, KOFI],
        presented: "Driver-distraction review of every in-dash screen.",
        attendees: &[
            (2, [1, 2, 1], "Asked again for a launch checklist per carmaker, in writing."),
            (3, [0, 0, 0], "Accepted the no-artwork-while-moving rule."),
        ],
        room: 0, room_note: "Businesslike; the safety review is no longer a blocker.",
        steps: &[
            ("Screens without artwork while the car moves", -2, true),
            ("A written launch checklist for each carmaker", 10, false),
        ] },
    M { partner: "Dashline Auto", n: 4, ago: 6, ours: &[JONAS],
        presented: "Why the carmaker introductions are two months late, and a new date for them.",
        attendees: &[
            (1, [-1, -1, -2], "Froze the introductions pending a budget review and asked whether the app is worth the integration cost."),
            (2, [0, 0, 0], "Could not give a new date for the introductions."),
        ],
        room: -1, room_note: "The sponsor who signed now questions the deal; nobody would commit to a date.",
        steps: &[("Ask Felix for the budget review's date and criteria", 7, false)] },
    // Zuri Pay: hard talks about data.
    M { partner: "Zuri Pay", n: 5, ago: 80, ours: &[KOFI],
        presented: "Riffly subscriptions sold inside the wallet, for people without a card.",
        attendees: &[
            (1, [2, 1, 1], "Talked about weekly actives, not revenue."),
            (2, [1, 1, 0], "Friendly, but India is not his priority this year."),
        ],
        room: 1, room_note: "",
        steps: &[] },
    M { partner: "Zuri Pay", n: 5, ago: 45, ours: &[KOFI, PRIYA],
        presented: "Who owns the customer: billing data and account linking.",
        attendees: &[
            (1, [1, 1, 1], ""),
            (3, [-2, -1, -2], "Read his red lines out from a printed sheet."),
        ],
        room: -1, room_note: "Stuck on data ownership.",
        steps: &[("Draft terms that share no payment data", -30, true)] },
    M { partner: "Zuri Pay", n: 5, ago: 12, ours: &[KOFI],
        presented: "Draft terms without any payment data shared.",
        attendees: &[
            (1, [1, 1, 2], "Pushing for a pilot in Lagos."),
            (2, [0, 1, 0], ""),
            (3, [-1, -1, -2], "Softened a little: asked questions instead of reading red lines."),
        ],
        room: 0, room_note: "",
        steps: &[("Pilot proposal for Lagos", 9, false)] },
    // Stridecraft: the first pitch meeting.
    M { partner: "Stridecraft", n: 6, ago: 14, ours: &[PRIYA],
        presented: "Running playlists picked by their athletes, released with each shoe drop.",
        attendees: &[
            (1, [0, 1, 0], "Asked what we offer beyond a playlist link."),
            (2, [2, 2, 2], "Offered to introduce two sponsored runners."),
        ],
        room: 1, room_note: "Warm; Keisha needs a sharper answer on what is unique.",
        steps: &[("Send two sample athlete playlists", 3, false)] },
    // Hollow Oak: exclusivity talks.
    M { partner: "Hollow Oak Audio", n: 7, ago: 90, ours: &[LUCIA],
        presented: "Our podcast audience and where their shows would sit on the home screen.",
        attendees: &[
            (1, [1, 1, 1], ""),
            (2, [-1, -1, 0], "Fears losing open-web ad income."),
            (3, [2, 2, 1], "Showed video cuts of two shows."),
        ],
        room: 0, room_note: "",
        steps: &[] },
    M { partner: "Hollow Oak Audio", n: 7, ago: 25, ours: &[LUCIA, PRIYA],
        presented: "Terms of a two-year exclusive window.",
        attendees: &[
            (1, [1, 0, 1], "Pressed for a guaranteed minimum."),
            (2, [-1, -1, -1], ""),
            (3, [2, 1, 2], ""),
        ],
        room: 0, room_note: "",
        steps: &[("Model the minimum guarantee against our podcast audience", -5, false)] },
    // Brightcourt: a quiet quarterly check-in.
    M { partner: "Brightcourt Media", n: 8, ago: 50, ours: &[LUCIA],
        presented: "Quarterly brand-safety report and the campaigns booked.",
        attendees: &[(1, [1, 1, 1], ""), (2, [2, 1, 2], "")],
        room: 1, room_note: "",
        steps: &[("Next brand-safety report", 40, false)] },
    // Gatehouse: the pilot, then the reorganisation.
    M { partner: "Gatehouse Live", n: 10, ago: 200, ours: &[PRIYA],
        presented: "Presale pilot results in two markets.",
        attendees: &[(2, [2, 2, 2], "Brought her own slides of the results."), (3, [0, 0, 0], "Needs a consent step first.")],
        room: 1, room_note: "",
        steps: &[] },
    M { partner: "Gatehouse Live", n: 10, ago: 60, ours: &[PRIYA, JONAS],
        presented: "Introduction to the new product chief: the pilot and what comes next.",
        attendees: &[
            (1, [-1, -1, -2], "Questioned every deal his predecessor started."),
            (2, [1, 1, 1], "Quieter with Roland in the room."),
        ],
        room: -1, room_note: "We agreed to pause until the reorganisation settles.",
        steps: &[("Ask Sasha when to come back", 60, false)] },
    // Kestrel: why we walked away.
    M { partner: "Kestrel Phones", n: 12, ago: 220, ours: &[KOFI],
        presented: "Their preinstall offer and its conditions.",
        attendees: &[(1, [-1, 0, -2], "Exclusivity and no uninstall, not negotiable."), (2, [1, 0, 1], "")],
        room: -1, room_note: "",
        steps: &[] },
    M { partner: "Kestrel Phones", n: 12, ago: 170, ours: &[KOFI, PRIYA],
        presented: "A last try: a removable app, without exclusivity.",
        attendees: &[(1, [-2, -2, -2], "Would not move on either point."), (2, [1, 1, 1], "Agreed privately that a locked-in app was a mistake.")],
        room: -2, room_note: "We walked away the next day.",
        steps: &[] },
    // Swervo: steady, with a driver-side worry.
    M { partner: "Swervo", n: 13, ago: 110, ours: &[LUCIA],
        presented: "How riders rate music control in the car.",
        attendees: &[(1, [2, 2, 2], "Quotes the ratings to investors."), (3, [1, 1, 1], "")],
        room: 2, room_note: "",
        steps: &[] },
    M { partner: "Swervo", n: 13, ago: 30, ours: &[LUCIA, KOFI],
        presented: "A volume cap for drivers, and promoting the feature in Nigeria.",
        attendees: &[
            (1, [1, 2, 1], ""),
            (2, [-1, -1, 0], "Drivers complain about loud tracks."),
            (3, [1, 1, 2], ""),
        ],
        room: 1, room_note: "",
        steps: &[("Ship a volume cap for drivers", 20, false)] },
];

fn scale(v: i8) -> Scale {
    match v {
        i8::MIN..=-2 => Scale::StronglyNegative,
        -1 => Scale::Negative,
        0 => Scale::Neutral,
        1 => Scale::Positive,
        2..=i8::MAX => Scale::StronglyPositive,
    }
}

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    let today = now.date_naive();
    let mut count = std::collections::HashMap::new();
    for m in MEETINGS {
        let k = count.entry(m.n).or_insert(0);
        *k += 1;
        let meeting = meeting(m, *k, today);
        if let Some(p) = partner_mut(ws, m.partner) {
            p.meetings.push(meeting);
        }
    }
}

fn meeting(m: &M, k: usize, today: NaiveDate) -> Meeting {
    Meeting {
        pitch: None,
        id: id(&format!("demo-meet-{:02}-{k}", m.n)),
        date: today - Duration::days(m.ago),
        ours: m.ours.iter().map(|s| (*s).to_owned()).collect(),
        presented: m.presented.into(),
        attendees: m
            .attendees
            .iter()
            .map(|(kp, [b, t, r], note)| Reception {
                player: id(&format!("demo-kp-{:02}-{kp}", m.n)),
                body_language: scale(*b),
                tone: scale(*t),
                reaction: scale(*r),
                note: (*note).into(),
            })
            .collect(),
        room: Some(scale(m.room)),
        room_note: m.room_note.into(),
        next_steps: m
            .steps
            .iter()
            .map(|(what, due, done)| NextStep {
                owner: None,
                what: (*what).into(),
                due: Some(today + Duration::days(*due)),
                done: *done,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::demo::workspace;
    use crate::model::meetings;
    use chrono::{TimeZone, Utc};

    #[test]
    fn three_rooms_cool_and_every_reception_names_a_key_player() {
        let ws = workspace(Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap());
        let mut signals = Vec::new();
        for p in &ws.partners {
            for m in &p.meetings {
                assert!(
                    m.date <= p.updated.date_naive(),
                    "{} meets after its last edit",
                    p.name
                );
                for r in &m.attendees {
                    assert!(
                        !meetings::attendee(p, &r.player).former,
                        "{}: {}",
                        p.name,
                        r.player
                    );
                }
            }
            for c in meetings::cooling(p) {
                signals.push(format!("{}: {}: {}", p.name, c.name, c.reason));
            }
        }
        assert_eq!(signals.len(), 3, "{signals:#?}");
        assert!(signals[0].starts_with("Loopline: Dana Whitlock: Reception fell"));
        assert!(signals[1].starts_with("Tellara Mobile: Marco Bellandi: "));
        assert!(signals[1].contains("a champion turning skeptical"));
        // Dashline's champion could not give a date at the last meeting.
        assert!(signals[2].starts_with("Dashline Auto: Camille Roux: Reception fell"));
        let loopline = &ws.partners[0];
        assert!(meetings::reception_trend(loopline).unwrap() < 0.0);
        let hearthpod = &ws.partners[2];
        assert!(meetings::reception_trend(hearthpod).unwrap() > 0.0);
    }
}
