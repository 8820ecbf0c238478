//! The demo's fit story: how the team judged each deal, and how partners climbed the
//! ladder. Kestrel Phones is the stopped deal (a locked-in app is the wrong experience,
//! however good the reach); Tellara Mobile is the incumbent pursued in a market the team
//! admits it does not understand (the bias warning); Hollow Oak Audio was moved to
//! exclusive with the partner holding the leverage and the economics against us, and the
//! move keeps the warnings it raised. Moonmoth Games, found six days ago, is not assessed.

use super::partner_mut;
use crate::model::core::vocabulary::{Economics as E, LadderLevel as L, UxVerdict as Ux};
use crate::model::fit::ladder::Warning as W;
use crate::model::fit::{Fit, LadderMove};
use crate::model::{core::id::Id, workspace::records::Workspace};
use chrono::{DateTime, Duration, Utc};

/// One assessment: partner, UX verdict and reason, strategic fit, our and their
/// leverage, economics, market understood, notes.
struct A {
    partner: &'static str,
    ux: Option<Ux>,
    why: &'static str,
    strategic: Option<u8>,
    leverage: (Option<u8>, Option<u8>),
    economics: Option<E>,
    understood: Option<bool>,
    notes: &'static str,
}

#[rustfmt::skip]
const ASSESSMENTS: &[A] = &[
    A { partner: "Loopline", ux: Some(Ux::Right),
        why: "The preview card plays 30 seconds inside Loopline and one tap opens the full track in Riffly; nobody is pushed out of the app they chose.",
        strategic: Some(5), leverage: (Some(4), Some(4)), economics: Some(E::Favourable), understood: Some(true),
        notes: "Their reach against our catalogue: neither side can walk away cheaply, which is why the integration holds." },
    A { partner: "Tellara Mobile", ux: Some(Ux::Right),
        why: "Premium arrives with the phone plan and is paid on the phone bill: no card, no new account.",
        strategic: Some(4), leverage: (Some(2), Some(4)), economics: Some(E::Neutral), understood: Some(false),
        notes: "We know streaming, not carrier retail. Nobody on the team can say how Tellara's customers choose a plan in Mexico or the Nordics, or what a challenger carrier would offer us instead of the family-plan renewal." },
    A { partner: "Hearthpod", ux: Some(Ux::Right),
        why: "Asking the speaker for a song just works, in every room, with the listener's own library.",
        strategic: Some(4), leverage: (Some(3), Some(3)), economics: Some(E::Favourable), understood: Some(true),
        notes: "" },
    A { partner: "Dashline Auto", ux: Some(Ux::Risky),
        why: "Cover art and lyrics on a dashboard can distract drivers; it is right only with a driving mode of large controls and no scrolling text.",
        strategic: Some(5), leverage: (Some(3), Some(3)), economics: Some(E::Favourable), understood: Some(true),
        notes: "Ben Okoro's safety review decides whether the risky verdict can become right." },
    A { partner: "Zuri Pay", ux: Some(Ux::Right),
        why: "Listeners without a card pay from the wallet they already use and keep a normal Riffly account.",
        strategic: Some(4), leverage: (Some(3), Some(2)), economics: Some(E::Neutral), understood: Some(false),
        notes: "Neither of us has sold subscriptions through a wallet in Nigeria or India; a small market test will teach us more than any forecast." },
    A { partner: "Stridecraft", ux: Some(Ux::Right),
        why: "Playlists picked by athletes are a reason to open Riffly before a run, not an advert inside it.",
        strategic: Some(3), leverage: (Some(2), Some(3)), economics: Some(E::Neutral), understood: Some(true),
        notes: "" },
    A { partner: "Hollow Oak Audio", ux: Some(Ux::Risky),
        why: "Listeners who follow these shows in other apps would lose them there for two years.",
        strategic: Some(3), leverage: (Some(2), Some(4)), economics: Some(E::Unfavourable), understood: Some(true),
        notes: "The minimum guarantee Maeve asks for is about three times what the shows would earn from our current podcast audience." },
    A { partner: "Brightcourt Media", ux: Some(Ux::Right),
        why: "Audio ads stay within our ad rules; listeners notice no difference.",
        strategic: Some(2), leverage: (Some(4), Some(2)), economics: Some(E::Favourable), understood: Some(true),
        notes: "Small and self-running: worth keeping, not worth more of our time." },
    A { partner: "Pacewell", ux: Some(Ux::Right),
        why: "Tempo-matched playlists from the listener's own library, started from the run screen.",
        strategic: Some(4), leverage: (None, None), economics: None, understood: None,
        notes: "First read from the public API hack day; the rest waits for a real conversation." },
    A { partner: "Gatehouse Live", ux: Some(Ux::Right),
        why: "Presale codes reward the most loyal listeners without spamming anyone else.",
        strategic: Some(3), leverage: (Some(2), Some(4)), economics: Some(E::Neutral), understood: Some(true),
        notes: "" },
    A { partner: "Kestrel Phones", ux: Some(Ux::Wrong),
        why: "Riffly would be the only music app on the handset and could not be removed. Listeners who prefer another service would be stuck with us, and our own listeners would never have chosen us.",
        strategic: Some(4), leverage: (Some(2), Some(5)), economics: Some(E::Favourable), understood: Some(false),
        notes: "The reach was tempting and the money good; neither makes a locked-in app right." },
    A { partner: "Swervo", ux: Some(Ux::Right),
        why: "Riders play their own music in the car from the app they booked with; drivers keep the volume buttons.",
        strategic: Some(4), leverage: (Some(3), Some(3)), economics: Some(E::Favourable), understood: Some(true),
        notes: "" },
];

/// One ladder move: partner, days ago, from, to, and the warnings it raised then.
struct M {
    partner: &'static str,
    ago: i64,
    from: L,
    to: L,
    warnings: fn() -> Vec<W>,
}

fn none() -> Vec<W> {
    Vec::new()
}

#[rustfmt::skip]
const MOVES: &[M] = &[
    M { partner: "Loopline", ago: 380, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Tellara Mobile", ago: 470, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Tellara Mobile", ago: 210, from: L::Integration, to: L::Strategic, warnings: none },
    M { partner: "Hearthpod", ago: 235, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Dashline Auto", ago: 165, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Dashline Auto", ago: 50, from: L::Integration, to: L::Strategic, warnings: none },
    M { partner: "Zuri Pay", ago: 70, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Stridecraft", ago: 25, from: L::SelfServe, to: L::Strategic,
        warnings: || vec![W::SkipsLevels(vec![L::Integration])] },
    M { partner: "Hollow Oak Audio", ago: 115, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Hollow Oak Audio", ago: 70, from: L::Integration, to: L::Strategic, warnings: none },
    M { partner: "Hollow Oak Audio", ago: 18, from: L::Strategic, to: L::Exclusive,
        warnings: || vec![
            W::LeverageBelow { ours: 2, theirs: 4 },
            W::UnfavourableEconomics,
            W::RiskyExperience,
        ] },
    M { partner: "Gatehouse Live", ago: 310, from: L::SelfServe, to: L::Integration, warnings: none },
    M { partner: "Kestrel Phones", ago: 430, from: L::SelfServe, to: L::Integration, warnings: none },
    // Kestrel's offer skipped straight to exclusivity; the UX verdict came later and
    // ended the deal.
    M { partner: "Kestrel Phones", ago: 330, from: L::Integration, to: L::Exclusive,
        warnings: || vec![
            W::LeverageBelow { ours: 2, theirs: 5 },
            W::SkipsLevels(vec![L::Strategic]),
        ] },
    M { partner: "Swervo", ago: 350, from: L::SelfServe, to: L::Integration, warnings: none },
];

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    for a in ASSESSMENTS {
        if let Some(p) = partner_mut(ws, a.partner) {
            p.fit = Fit {
                ux: a.ux,
                ux_reason: a.why.into(),
                strategic: a.strategic,
                our_leverage: a.leverage.0,
                their_leverage: a.leverage.1,
                economics: a.economics,
                market_understood: a.understood,
                notes: a.notes.into(),
            };
        }
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in MOVES {
        let Some(p) = partner_mut(ws, m.partner) else {
            continue;
        };
        let n = match counts.iter_mut().find(|(name, _)| *name == m.partner) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counts.push((m.partner, 1));
                1
            }
        };
        let number = p.id.as_str().trim_start_matches("demo-p-").to_owned();
        let Ok(id) = Id::parse(&format!("demo-ladder-{number}-{n}")) else {
            continue;
        };
        // Never before the partner was created, whatever the table says.
        let date = (now - Duration::days(m.ago)).max(p.created).date_naive();
        p.ladder_moves.push(LadderMove {
            id,
            date,
            from: m.from,
            to: m.to,
            warnings: (m.warnings)().iter().map(W::message).collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::workspace;
    use crate::model::core::vocabulary::Stage;
    use crate::model::fit::{bias_warning, recommendation, Verdict};
    use chrono::TimeZone;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc
            .with_ymd_and_hms(2027, 3, 15, 10, 30, 0)
            .unwrap()
    }

    #[test]
    fn the_story_shows_every_rule() {
        let ws = workspace(now());
        let today = now().date_naive();
        let by = |name: &str| ws.partners.iter().find(|p| p.name == name).unwrap();
        assert_eq!(
            recommendation(by("Kestrel Phones"), today).verdict,
            Verdict::Stop
        );
        assert!(bias_warning(by("Tellara Mobile")).is_some());
        let hollow = by("Hollow Oak Audio");
        let last = hollow.ladder_moves.last().unwrap();
        assert_eq!(last.to, hollow.ladder);
        assert!(last.warnings.iter().any(|w| w.contains("below theirs")));
        let assessed = ws.partners.iter().filter(|p| !p.fit.is_blank()).count();
        assert!(
            assessed * 4 >= ws.partners.len() * 3,
            "most partners are assessed"
        );
        // Each partner's last move ends at its current level, and moves chain.
        for p in &ws.partners {
            if let Some(last) = p.ladder_moves.last() {
                assert_eq!(last.to, p.ladder, "{}", p.name);
            }
            for pair in p.ladder_moves.windows(2) {
                assert_eq!(pair[0].to, pair[1].from, "{}", p.name);
                assert!(pair[0].date <= pair[1].date, "{}", p.name);
            }
        }
        let verdicts: Vec<Verdict> = ws
            .partners
            .iter()
            .filter(|p| p.stage != Stage::WalkedAway)
            .map(|p| recommendation(p, today).verdict)
            .collect();
        assert!(verdicts.contains(&Verdict::Pursue));
        assert!(verdicts.contains(&Verdict::PursueWithCare));
        assert!(verdicts.contains(&Verdict::NotAssessed));
    }
}
