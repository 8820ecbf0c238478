//! The demo's pitches: what a newcomer finds on the Pitch tab.
//!
//! - Hearthpod: the complete version sent before the integration was agreed; its mutual
//!   goal links to the shared goal both sides then recorded (`demo-goal-03-1`, written
//!   by the after story, which runs later).
//! - Zuri Pay: one complete version, sent before negotiations began. The partner has no
//!   shared goal yet, so its mutual goal stands on its own number.
//! - Stridecraft: two versions. A rough first draft never sent, and the rewrite after
//!   the first meeting, complete and sent: the pair shows what the checks ask for.
//! - Pacewell: a half-done draft from the research stage, some ingredients ready, some
//!   falling short, most still blank.
//!
//! Every ingredient of the complete versions passes its check; a test below holds the
//! demo to that, so a later change to the checks or to these texts cannot quietly break
//! the story.

use super::{id, partner_mut};
use crate::model::core::vocabulary::Ingredient as I;
use crate::model::pitch::Pitch;
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Duration, Utc};

/// One version: id, label, days since drafted, days since sent, linked goal, texts.
struct V {
    id: &'static str,
    label: &'static str,
    drafted: i64,
    sent: Option<i64>,
    goal: Option<&'static str>,
    texts: &'static [(I, &'static str)],
}

/// Hearthpod's first shared goal, as the after story names it.
const HEARTHPOD_GOAL: &str = "demo-goal-03-1";

#[rustfmt::skip]
const HEARTHPOD: &[V] = &[V {
    id: "demo-pitch-03-1", label: "Voice pitch to Aiko", drafted: 255, sent: Some(250),
    goal: Some(HEARTHPOD_GOAL),
    texts: &[
        (I::Vision, "Anyone at home can say what they want to hear, in any room, and Riffly plays it on every Hearthpod speaker at once."),
        (I::Challenges, "Your speakers sell well, but owners stop talking to them after a month because the music answers are poor. We have the mirror problem: our listeners want us in every room, and today we only reach them through a phone."),
        (I::Excitement, "The far-field microphones you built hear a request across a noisy kitchen better than anything we have tested, and your setup flow takes under two minutes."),
        (I::Incumbent, "Households today are locked in by Sonora, whose speakers play its own music service first and leave everyone else to cast from a phone."),
        (I::Core, "First, reliable voice requests and multi-room playback on both speakers. Then, around that core, morning routines, alarms that start a playlist, and a Japanese voice model."),
        (I::Product, "Say \"play my running mix in the kitchen\" and it plays, on Riffly, on your Hearthpod. Group rooms by voice, and pick up on your phone where you left off."),
        (I::MutualGoal, "200,000 Hearthpod households playing Riffly by voice every month within a year of the US launch."),
        (I::FirstStep, "Your engineers can start now with our public playback API and the device sandbox, before any contract, and have a demo speaker playing within a day."),
        (I::ExclusivePath, "If voice plays pass 1 million a month, we would discuss making Riffly the default music service in setup, with a shared marketing budget for the launch."),
        (I::Praise, "Shipping the Hearthpod Mini at half the price of the original, with the same microphones, was a bold call that clearly paid off."),
        (I::Beliefs, "We both believe voice should understand people rather than make them learn commands, and that music belongs to the listener, not to the speaker they bought."),
        (I::Close, "I will send two test accounts and a certification checklist this week, and our wake-word engineer can join a call with your team whenever it suits you."),
    ],
}];

#[rustfmt::skip]
const ZURI: &[V] = &[V {
    id: "demo-pitch-05-1", label: "Wallet pitch to Adaeze", drafted: 90, sent: Some(86),
    goal: None,
    texts: &[
        (I::Vision, "Anyone with a Zuri Pay wallet can start listening to Riffly in two taps, no card needed, and comes back to the wallet every day because of it."),
        (I::Challenges, "Most of the people we want to reach in Lagos and Pune have no card, so our checkout loses them at the last step. You have the opposite problem: millions of wallets that are opened on payday and then sit idle for the rest of the week."),
        (I::Excitement, "Your agent network surprised us: a street vendor can top up a wallet in under a minute, which is faster than any card sign-up we have ever built. That is the front door we have been missing."),
        (I::Incumbent, "Today music reaches these listeners through pirated downloads and through Telvo's airtime bundles, which tie people to one network and keep charging them after they stop listening."),
        (I::Core, "First, a Riffly subscription paid and renewed from the wallet balance, with one confirmation screen. Then, around it, family plans, gifting a month to a friend, and offers in your rewards tab."),
        (I::Product, "Riffly Premium appears as a tile in the Zuri Pay app. Tap it, confirm the monthly price, and you are listening; the wallet renews it each month, and cancelling takes one tap."),
        (I::MutualGoal, "200,000 wallet users paying for Riffly through Zuri Pay within a year of launch, each opening the wallet at least four times a week."),
        (I::FirstStep, "Your team can start this week without a contract: our public subscriptions API already supports wallet billing in test mode, and sandbox keys take five minutes to create."),
        (I::ExclusivePath, "Once wallet sign-ups pass 50,000 a month in Nigeria, we would talk about a preferred-partner deal, with Riffly as the only music tile in the wallet, in return for a revenue share that reflects your reach."),
        (I::Praise, "The way you launched bill splitting in Abuja last spring, with vendors explaining it in three languages, is the best launch in payments we have seen this year."),
        (I::Beliefs, "We both believe the phone, not the card, is the wallet of the next billion listeners, and that an app should never keep charging someone who has stopped using it."),
        (I::Close, "I will send a working prototype of the wallet tile within two weeks, and our billing engineer can spend a week with your team in Lagos to wire it up."),
    ],
}];

#[rustfmt::skip]
const STRIDECRAFT: &[V] = &[
    V {
        id: "demo-pitch-06-1", label: "First draft", drafted: 36, sent: None, goal: None,
        texts: &[
            (I::Vision, "Running playlists by your athletes. Released with every shoe."),
            (I::Excitement, "We love what your athletes post after long runs and how your shoe drops sell out within hours."),
            (I::Product, "A seamless co-branded experience with playlists and trial cards."),
            (I::Praise, "Great brand, great shoes."),
            (I::Close, "Let us know how we can help."),
        ],
    },
    V {
        id: "demo-pitch-06-2", label: "After the first meeting", drafted: 22, sent: Some(19), goal: None,
        texts: &[
            (I::Vision, "Every Stridecraft runner starts each run with a playlist picked by the athletes they look up to, released on the same day as the shoe."),
            (I::Challenges, "Your shoe drops sell out, but the buzz fades a week later and you have no reason to talk to runners again until the next release. We have the opposite gap: runners love our running playlists but rarely hear about them where they shop for gear."),
            (I::Excitement, "What you built with the Stridecraft athlete collective is rare: real runners with real followings who write their own training notes. That is exactly the voice a playlist needs."),
            (I::Incumbent, "Runners today get music and motivation from Pulsefit's paid coaching app, which charges for both and picks tracks with an algorithm that has never run a mile."),
            (I::Core, "First, one athlete playlist per shoe drop, announced on the shoe's product page and on the Riffly home screen the same morning. Later, around that core: a trial card in every box, race-day playlists and tempo-matched mixes."),
            (I::Product, "Each new shoe comes with a running playlist picked by a Stridecraft athlete, on Riffly, on launch day. The card in the box gives three months of Riffly Premium free."),
            (I::MutualGoal, "25,000 Stridecraft buyers who activate the trial card in the first six months, and 40 % of them still running with Riffly after the trial."),
            (I::FirstStep, "Your team can publish the first athlete playlist this month through Riffly's public curator tools, with no contract, and embed it on the product page with our standard web player."),
            (I::ExclusivePath, "If the first two drops bring 10,000 trial activations, we would propose Riffly as the only music partner in Stridecraft boxes for a year, with a revenue share on the trials that convert."),
            (I::Praise, "The Tempo 3 launch film, shot with Owen's club at dawn in Leeds, is the best piece of running marketing we have seen this year."),
            (I::Beliefs, "We both believe music should come from people runners trust rather than from an anonymous algorithm, and that the phone already in a runner's armband beats any new gadget."),
            (I::Close, "I will send a mock-up of the launch-day page next week and introduce you to our editorial lead, who can curate the first playlist with Owen before the spring drop."),
        ],
    },
];

#[rustfmt::skip]
const PACEWELL: &[V] = &[V {
    id: "demo-pitch-09-1", label: "First notes", drafted: 3, sent: None, goal: None,
    texts: &[
        (I::Vision, "Every Pacewell run is paced by music that matches the runner's stride, beat for beat."),
        (I::Challenges, "Both of us lose runners in the second month, when the novelty wears off and the habit has not formed."),
        (I::Excitement, "Their growth with younger runners."),
        (I::Product, "Tempo-matched playlists inside Pacewell."),
        (I::FirstStep, "Pacewell can call our public tempo API today; no contract is needed to try it."),
        (I::Close, "Offer help with the API."),
    ],
}];

pub(super) fn add(ws: &mut Workspace, now: DateTime<Utc>) {
    for (name, versions) in [
        ("Hearthpod", HEARTHPOD),
        ("Zuri Pay", ZURI),
        ("Stridecraft", STRIDECRAFT),
        ("Pacewell", PACEWELL),
    ] {
        if let Some(p) = partner_mut(ws, name) {
            p.pitches.extend(versions.iter().map(|v| version(v, now)));
        }
    }
}

fn version(v: &V, now: DateTime<Utc>) -> Pitch {
    let day = |ago: i64| (now - Duration::days(ago)).date_naive();
    Pitch {
        sent: v.sent.map(day),
        goal: v.goal.map(id),
        ingredients: v
            .texts
            .iter()
            .map(|(i, text)| (*i, (*text).to_owned()))
            .collect(),
        ..Pitch::new(id(v.id), v.label, day(v.drafted))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::demo::workspace;
    use crate::model::pitch::{self, Context, Status};
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_pitch_story_holds_in_the_whole_demo() {
        let now = Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap();
        let ws = workspace(now);
        let find = |name: &str| ws.partners.iter().find(|p| p.name == name).unwrap();
        let percent = |name: &str, version: usize| {
            let p = find(name);
            let x = &p.pitches[version];
            let checks = pitch::checks(x, &Context::of(p));
            for c in checks.iter().filter(|c| c.status != Status::Ready) {
                eprintln!(
                    "{name} v{version}: {:?} {:?}: {}",
                    c.ingredient, c.status, c.message
                );
            }
            pitch::completeness(x, &Context::of(p)).percent
        };
        // Complete and sent; Hearthpod's links a shared goal that exists.
        assert_eq!(percent("Hearthpod", 0), 100);
        let hearthpod = find("Hearthpod");
        let linked = hearthpod.pitches[0].goal.as_ref().unwrap();
        assert!(hearthpod.goals.iter().any(|g| &g.id == linked));
        assert_eq!(percent("Zuri Pay", 0), 100);
        assert_eq!(percent("Stridecraft", 1), 100);
        assert!(find("Zuri Pay").pitches[0].sent.is_some());
        assert!(find("Stridecraft").pitches[1].sent.is_some());
        assert_eq!(
            pitch::on_the_table(find("Stridecraft")).map(|x| x.label.as_str()),
            Some("After the first meeting")
        );
        // A rough first draft and a half-done one.
        assert!((20..60).contains(&percent("Stridecraft", 0)));
        assert!((20..60).contains(&percent("Pacewell", 0)));
    }
}
