//! The demo workspace offered on first launch, so a newcomer sees the product working
//! before typing anything: the partnership program of Riffly, a fictional music-streaming
//! service, with a market catalogue and thirteen partners spread over every stage,
//! category, market position and ladder level, each with the key players who decide.
//!
//! Everything here is invented: the companies, the people and the websites (on the
//! reserved `.example` domain, so nothing real is ever linked). The data lives in static
//! tables below; [`workspace`] turns them into records with deterministic ids and
//! timestamps placed relative to `now`, so the demo always looks recently worked on and
//! two calls with the same `now` give the same workspace.

mod after_signature;
mod fit;
mod meetings;
mod metrics;
mod pitches;
mod program;
mod signals;

use crate::model::core::id::Id;
use crate::model::core::vocabulary::{
    Category as Cat, DecisionRole as Role, LadderLevel as Ladder, MarketPosition as Pos, Stage,
    Stance,
};
use crate::model::workspace::records::{KeyPlayer, Market, Partner, Workspace};
use chrono::{DateTime, Duration, Utc};

/// The program's name, shown in the header.
pub const PROGRAM_NAME: &str = "Riffly Partnerships 2027";

/// The market catalogue: id suffix and name.
const MARKETS: &[(&str, &str)] = &[
    ("us", "United States"),
    ("uk", "United Kingdom"),
    ("de", "Germany"),
    ("nordics", "Nordics"),
    ("br", "Brazil"),
    ("mx", "Mexico"),
    ("in", "India"),
    ("ng", "Nigeria"),
    ("jp", "Japan"),
];

/// How long ago the market catalogue was set up.
const MARKETS_AGE_DAYS: i64 = 600;

// The people on our side who own relationships.
const PRIYA: &str = "Priya Raman";
const JONAS: &str = "Jonas Weber";
const LUCIA: &str = "Lucía Ferreira";
const KOFI: &str = "Kofi Mensah";

/// One partner of the table. `age` is (days since created, days since last updated).
struct P {
    name: &'static str,
    site: &'static str,
    category: Cat,
    position: Pos,
    stage: Stage,
    ladder: Ladder,
    owner: &'static str,
    age: (i64, i64),
    markets: &'static [&'static str],
    tags: &'static [&'static str],
    notes: &'static str,
    players: &'static [K],
}

/// One key player of the table.
struct K {
    name: &'static str,
    title: &'static str,
    role: Role,
    influence: u8,
    stance: Stance,
    notes: &'static str,
}

const fn kp(
    name: &'static str,
    title: &'static str,
    role: Role,
    influence: u8,
    stance: Stance,
    notes: &'static str,
) -> K {
    K {
        name,
        title,
        role,
        influence,
        stance,
        notes,
    }
}

#[rustfmt::skip]
const PARTNERS: &[P] = &[
    P {
        name: "Loopline", site: "https://loopline.example", category: Cat::Platform,
        position: Pos::Incumbent, stage: Stage::Live, ladder: Ladder::Integration,
        owner: PRIYA, age: (410, 2), markets: &["us", "uk", "de", "br", "mx", "in"],
        tags: &["social", "sharing", "flagship"],
        notes: "Story cards with a 30-second preview went live in March and now bring about a \
                fifth of our new trials. Growth is lopsided: the US and Brazil carry it while \
                Germany and India barely move.",
        players: &[
            kp("Dana Whitlock", "VP Platform Partnerships", Role::DecisionMaker, 5, Stance::Supportive,
               "Backs the integration as long as it keeps people inside Loopline; judges everything by time spent."),
            kp("Rafael Quintero", "Product Lead, Sharing", Role::Champion, 4, Stance::Champion,
               "Built the preview card himself and demos it to every new team he meets."),
            kp("Hanna Brandt", "Head of Partnerships, DACH", Role::OnTheGround, 2, Stance::Skeptical,
               "Says German creators never heard about the launch and wants local playlists first."),
            kp("Sunil Mehra", "Senior Legal Counsel", Role::Gatekeeper, 3, Stance::Neutral,
               "Reads every data-sharing clause line by line; slow but fair."),
        ],
    },
    P {
        name: "Tellara Mobile", site: "https://tellara.example", category: Cat::DeviceTelcoBundle,
        position: Pos::Incumbent, stage: Stage::Live, ladder: Ladder::Strategic,
        owner: JONAS, age: (520, 9), markets: &["de", "nordics", "uk", "mx"],
        tags: &["bundle", "carrier-billing", "renewal"],
        notes: "Six months of Riffly Premium come with Tellara's two top mobile plans, billed \
                through the phone bill. Renewal talks open in Q3 and they want a family-plan version.",
        players: &[
            kp("Ingrid Solberg", "Chief Commercial Officer", Role::DecisionMaker, 5, Stance::Supportive,
               "Sees the bundle as her best answer to churn and asks for churn figures at every review."),
            kp("Marco Bellandi", "Bundles Product Manager", Role::Champion, 4, Stance::Champion,
               "Runs the weekly call with us and fights for space on the plan comparison page."),
            kp("Elke Hoffmann", "Procurement Director", Role::Gatekeeper, 4, Stance::Skeptical,
               "Thinks the wholesale price is too high and keeps quoting a rival's offer."),
            kp("Diego Salas", "Retail Store Lead, Mexico", Role::OnTheGround, 2, Stance::Neutral,
               "His shop staff do not yet know how to activate the bundle at the counter."),
        ],
    },
    P {
        name: "Hearthpod", site: "https://hearthpod.example", category: Cat::TechnologyIntegration,
        position: Pos::Challenger, stage: Stage::Landing, ladder: Ladder::Integration,
        owner: LUCIA, age: (260, 1), markets: &["us", "uk", "jp"],
        tags: &["voice", "devices", "launch"],
        notes: "Voice control and multi-room playback are certified on both Hearthpod speakers. \
                The US and UK are enabled; Japan waits on local voice commands.",
        players: &[
            kp("Aiko Tanabe", "Director, Voice Platform", Role::DecisionMaker, 4, Stance::Champion,
               "Made Riffly the default music service in the setup flow and wants a Japan launch by autumn."),
            kp("Grant Pollard", "Certification Engineer", Role::OnTheGround, 2, Stance::Supportive,
               "Fixed our wake-word latency bug within a day; prefers chat threads to meetings."),
            kp("Mirela Costa", "Head of Marketing", Role::Influencer, 3, Stance::Neutral,
               "Will not spend launch budget until she sees the first week's activations."),
        ],
    },
    P {
        name: "Dashline Auto", site: "https://dashline.example", category: Cat::TechnologyIntegration,
        position: Pos::Challenger, stage: Stage::Signed, ladder: Ladder::Strategic,
        owner: JONAS, age: (180, 6), markets: &["de", "us", "jp"],
        tags: &["automotive", "in-car"],
        notes: "Signed for an in-dash app on Dashline's 2028 head units, which ship with three \
                carmakers. No landing plan yet, and the carmakers' teams have not met us.",
        players: &[
            kp("Felix Aumann", "SVP Connected Car", Role::DecisionMaker, 5, Stance::Supportive,
               "Signed because drivers named Riffly as the app they missed most in his surveys."),
            kp("Camille Roux", "Partner Integration Manager", Role::Champion, 3, Stance::Champion,
               "Wants a shared launch checklist for each carmaker and asked for it in writing."),
            kp("Ben Okoro", "Safety and Compliance Lead", Role::Gatekeeper, 4, Stance::Skeptical,
               "Worries that artwork and lyrics distract drivers; every screen change goes through him."),
        ],
    },
    P {
        name: "Zuri Pay", site: "https://zuripay.example", category: Cat::Distribution,
        position: Pos::Disruptor, stage: Stage::Negotiating, ladder: Ladder::Integration,
        owner: KOFI, age: (95, 4), markets: &["ng", "in"],
        tags: &["payments", "wallet", "emerging-markets"],
        notes: "Would sell Riffly subscriptions inside its wallet app, reaching people who have \
                no card. The sticking point is who owns the customer and the billing data.",
        players: &[
            kp("Adaeze Nwosu", "Head of Lifestyle Services", Role::DecisionMaker, 4, Stance::Supportive,
               "Wants music to lift daily use of the wallet and talks in weekly actives, not revenue."),
            kp("Ravi Kulkarni", "Country Manager, India", Role::Influencer, 3, Stance::Neutral,
               "Friendly in meetings, but India is not his priority this year."),
            kp("Tunde Bakare", "Head of Risk and Compliance", Role::Gatekeeper, 3, Stance::Blocker,
               "Refuses to share any payment data; every draft comes back with the same red lines."),
            kp("Folake Adeyemi", "Chief Financial Officer", Role::DecisionMaker, 4, Stance::Neutral,
               "Signs off any revenue share; Adaeze says she is open to it, but we have never met her."),
        ],
    },
    P {
        name: "Stridecraft", site: "https://stridecraft.example", category: Cat::CoMarketing,
        position: Pos::Challenger, stage: Stage::Pitching, ladder: Ladder::Strategic,
        owner: PRIYA, age: (40, 2), markets: &["us", "uk", "br"],
        tags: &["brand", "sports"],
        notes: "Pitch: running playlists picked by their athletes, released with each shoe drop, \
                plus a three-month trial card in the box. The first meeting was warm.",
        players: &[
            kp("Keisha Moreland", "Global Brand Director", Role::DecisionMaker, 5, Stance::Neutral,
               "Listened closely, then asked what we offer that a plain playlist link does not."),
            kp("Owen Fairley", "Athlete Partnerships Lead", Role::Champion, 3, Stance::Champion,
               "Runs to Riffly every morning and offered to introduce two sponsored runners."),
        ],
    },
    P {
        name: "Hollow Oak Audio", site: "https://hollowoak.example", category: Cat::Content,
        position: Pos::Niche, stage: Stage::Negotiating, ladder: Ladder::Exclusive,
        owner: LUCIA, age: (130, 11), markets: &["us", "uk"],
        tags: &["podcasts", "exclusive"],
        notes: "Independent network of history and true-crime shows asking for a two-year \
                exclusive window. Our podcast audience is still small, so exclusivity may cost \
                more than it earns.",
        players: &[
            kp("Maeve Callaghan", "Founder and CEO", Role::DecisionMaker, 5, Stance::Supportive,
               "Wants a guaranteed minimum and a say in how her shows are placed on the home screen."),
            kp("Jarrah Mills", "Head of Ad Sales", Role::Influencer, 4, Stance::Skeptical,
               "Fears losing open-web ad income if the shows leave other apps."),
            kp("Polly Renner", "Executive Producer", Role::OnTheGround, 2, Stance::Champion,
               "Has already cut video versions of two shows with us in mind."),
        ],
    },
    P {
        name: "Brightcourt Media", site: "https://brightcourt.example", category: Cat::ResellerAgency,
        position: Pos::Niche, stage: Stage::Live, ladder: Ladder::SelfServe,
        owner: LUCIA, age: (300, 20), markets: &["br", "mx"],
        tags: &["ads", "latam"],
        notes: "Resells Riffly audio ads to mid-sized brands through our self-serve ad manager. \
                Small but steady: a few dozen campaigns a quarter with almost no effort from us.",
        players: &[
            kp("Beatriz Lozano", "Managing Partner", Role::DecisionMaker, 4, Stance::Supportive,
               "Happy with the margins; asks for a brand-safety report every quarter."),
            kp("Henrique Alves", "Senior Media Buyer", Role::OnTheGround, 2, Stance::Champion,
               "Books most of the campaigns and knows the ad manager better than some of our staff."),
        ],
    },
    P {
        name: "Pacewell", site: "https://pacewell.example", category: Cat::TechnologyIntegration,
        position: Pos::Disruptor, stage: Stage::Research, ladder: Ladder::SelfServe,
        owner: JONAS, age: (12, 3), markets: &["us", "uk", "nordics"],
        tags: &["fitness", "public-api", "prospect"],
        notes: "Running app growing fast with younger users; it could sync tempo-matched playlists \
                through our public API with no contract at all. Still finding out who owns partnerships.",
        players: &[
            kp("Linnea Dahl", "Co-founder and CPO", Role::DecisionMaker, 5, Stance::Neutral,
               "Met briefly after a conference talk; no real conversation yet."),
            kp("Marcus Yeo", "Developer Relations", Role::Influencer, 2, Stance::Supportive,
               "Tried our public API at a hack day and wrote a post about it."),
        ],
    },
    P {
        name: "Gatehouse Live", site: "https://gatehouse.example", category: Cat::Other,
        position: Pos::Incumbent, stage: Stage::Paused, ladder: Ladder::Integration,
        owner: PRIYA, age: (340, 45), markets: &["uk", "de", "nordics", "us"],
        tags: &["live-events", "ticketing", "on-hold"],
        notes: "Presale codes for an artist's most loyal listeners were piloted in two markets, \
                then paused when Gatehouse reorganised its product team. Revisit once the new \
                product chief has settled in.",
        players: &[
            kp("Roland Fitch", "Chief Product Officer", Role::DecisionMaker, 5, Stance::Skeptical,
               "Arrived in the reorganisation and questions every deal his predecessor started."),
            kp("Sasha Petrenko", "Fan Programs Manager", Role::Champion, 3, Stance::Champion,
               "Ran the pilot and still sends us its results without being asked."),
            kp("Gwen Hartley", "Data Protection Officer", Role::Gatekeeper, 3, Stance::Neutral,
               "Needs a new consent step before any fan data moves between the two apps."),
        ],
    },
    P {
        name: "Moonmoth Games", site: "https://moonmoth.example", category: Cat::Content,
        position: Pos::Disruptor, stage: Stage::Research, ladder: Ladder::SelfServe,
        owner: KOFI, age: (6, 1), markets: &["jp", "us"],
        tags: &["games", "soundtrack"],
        notes: "Indie studio behind a rhythm game with an in-game radio; it could link out to \
                soundtrack playlists on Riffly. Only public information so far.",
        players: &[
            kp("Yuki Arakawa", "Studio Director", Role::DecisionMaker, 4, Stance::Neutral,
               "Said in an interview that licensing costs keep their soundtrack small."),
            kp("Noor Haddad", "Audio Lead", Role::Influencer, 3, Stance::Supportive,
               "Curates the in-game radio and follows several of our editorial playlists."),
        ],
    },
    P {
        name: "Kestrel Phones", site: "https://kestrelphones.example", category: Cat::Distribution,
        position: Pos::Incumbent, stage: Stage::WalkedAway, ladder: Ladder::Exclusive,
        owner: KOFI, age: (450, 150), markets: &["in", "ng"],
        tags: &["preinstall", "ux-risk"],
        notes: "Offered preinstallation on every handset if Riffly were the only music app and \
                could not be removed. We walked away: a locked-in app would have been a bad \
                experience for listeners.",
        players: &[
            kp("Vikram Sethi", "VP Alliances", Role::DecisionMaker, 5, Stance::Blocker,
               "Insisted on exclusivity and an app that cannot be uninstalled, and would not move on either."),
            kp("Amara Eze", "Product Manager, Software Experience", Role::Influencer, 3, Stance::Supportive,
               "Agreed privately that a locked-in app was a mistake and has stayed in touch."),
        ],
    },
    P {
        name: "Swervo", site: "https://swervo.example", category: Cat::Platform,
        position: Pos::Challenger, stage: Stage::Live, ladder: Ladder::Integration,
        owner: LUCIA, age: (380, 5), markets: &["br", "mx", "in", "ng"],
        tags: &["ride-hailing", "in-car"],
        notes: "Riders link their Riffly account and play their own music in the car from the \
                Swervo app. Popular in Brazil and Mexico; drivers in India often switch it off.",
        players: &[
            kp("Paulo Martins", "Head of Rider Experience", Role::DecisionMaker, 4, Stance::Champion,
               "Counts music control among the best-rated features and quotes it to investors."),
            kp("Chidi Obi", "Driver Operations Lead, Nigeria", Role::OnTheGround, 2, Stance::Skeptical,
               "Drivers complain about loud tracks; he wants a volume cap before promoting it."),
            kp("Ana Villarreal", "Partnerships Manager", Role::Champion, 3, Stance::Supportive,
               "Our day-to-day contact: quick to answer, careful with promises."),
        ],
    },
];

/// An id from one of the constants above. They are all well formed (the tests check the
/// whole demo), so the fallback is never used; it keeps panics out of non-test code.
fn id(s: &str) -> Id {
    Id::parse(s).unwrap_or_else(|_| Id::from_random(0))
}

fn market_id(key: &str) -> Id {
    id(&format!("demo-m-{key}"))
}

/// The demo workspace, with timestamps placed relative to `now`.
pub fn workspace(now: DateTime<Utc>) -> Workspace {
    let since = now - Duration::days(MARKETS_AGE_DAYS);
    let markets = MARKETS
        .iter()
        .map(|(key, name)| Market::new(market_id(key), *name, since))
        .collect();
    let partners = PARTNERS
        .iter()
        .enumerate()
        .map(|(i, p)| partner(i + 1, p, now).into())
        .collect();
    let mut ws = Workspace {
        program_name: PROGRAM_NAME.into(),
        markets,
        partners,
        deleted: Vec::new(),
        program: Default::default(),
    };
    // Each feature's part of the story, in its own file. `signals` comes last: it reads
    // what the others wrote and only adds what a signal still lacks.
    pitches::add(&mut ws, now);
    fit::add(&mut ws, now);
    meetings::add(&mut ws, now);
    after_signature::add(&mut ws, now);
    metrics::add(&mut ws, now);
    program::add(&mut ws, now);
    signals::add(&mut ws, now);
    ws
}

/// The demo partner with this name; the story files refer to partners by name.
#[allow(dead_code)] // until the story files use it
fn partner_mut<'a>(ws: &'a mut Workspace, name: &str) -> Option<&'a mut Partner> {
    ws.partners
        .iter_mut()
        .find(|p| p.name == name)
        .map(|p| &mut **p)
}

fn partner(n: usize, p: &P, now: DateTime<Utc>) -> Partner {
    let (created_ago, updated_ago) = p.age;
    let created = now - Duration::days(created_ago);
    // Never before created, whatever the table says.
    let updated = (now - Duration::days(updated_ago)).max(created);
    let key_players = p
        .players
        .iter()
        .enumerate()
        .map(|(k, kp)| KeyPlayer {
            id: id(&format!("demo-kp-{n:02}-{}", k + 1)),
            // Key players were found one after another, a few days apart.
            created: (created + Duration::days(3 * k as i64)).min(updated),
            updated,
            name: kp.name.into(),
            title: kp.title.into(),
            addressed_as: String::new(),
            role: kp.role,
            influence: kp.influence,
            stance: kp.stance,
            notes: kp.notes.into(),
        })
        .collect();
    Partner {
        id: id(&format!("demo-p-{n:02}")),
        created,
        updated,
        name: p.name.into(),
        website: p.site.into(),
        category: Some(p.category),
        position: Some(p.position),
        markets: p.markets.iter().map(|m| market_id(m)).collect(),
        stage: p.stage,
        ladder: p.ladder,
        owner: p.owner.into(),
        tags: p.tags.iter().map(|t| (*t).to_owned()).collect(),
        notes: p.notes.into(),
        key_players,
        ..Partner::new(id(&format!("demo-p-{n:02}")), p.name, created)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 15, 10, 30, 0).unwrap()
    }

    #[test]
    fn the_demo_validates() {
        let ws = workspace(now());
        let errors = crate::model::workspace::validate::workspace(&ws);
        for e in &errors {
            eprintln!("{e}");
        }
        assert!(errors.is_empty(), "{} validation errors", errors.len());
    }

    #[test]
    fn every_choice_appears() {
        let ws = workspace(now());
        let ps = &ws.partners;
        for s in Stage::ALL {
            assert!(
                ps.iter().any(|p| p.stage == *s),
                "no partner at stage {s:?}"
            );
        }
        for c in Cat::ALL {
            assert!(
                ps.iter().any(|p| p.category == Some(*c)),
                "no partner in category {c:?}"
            );
        }
        for m in Pos::ALL {
            assert!(
                ps.iter().any(|p| p.position == Some(*m)),
                "no partner with position {m:?}"
            );
        }
        for l in Ladder::ALL {
            assert!(
                ps.iter().any(|p| p.ladder == *l),
                "no partner at ladder level {l:?}"
            );
        }
        let players: Vec<_> = ps.iter().flat_map(|p| &p.key_players).collect();
        for s in Stance::ALL {
            assert!(
                players.iter().any(|k| k.stance == *s),
                "no key player with stance {s:?}"
            );
        }
        for r in Role::ALL {
            assert!(
                players.iter().any(|k| k.role == *r),
                "no key player with role {r:?}"
            );
        }
        let incumbents = ps
            .iter()
            .filter(|p| p.position == Some(Pos::Incumbent))
            .count();
        assert!(incumbents >= 2);
    }

    #[test]
    fn sizes_are_as_promised() {
        let ws = workspace(now());
        assert!((8..=10).contains(&ws.markets.len()));
        assert!((12..=14).contains(&ws.partners.len()));
        for p in &ws.partners {
            assert!(
                p.key_players.len() >= 2,
                "{} has too few key players",
                p.name
            );
            assert!((1..=6).contains(&p.markets.len()), "{} markets", p.name);
            assert!((1..=4).contains(&p.tags.len()), "{} tags", p.name);
            assert!(!p.owner.is_empty() && !p.notes.is_empty());
            assert!(p.website.starts_with("https://") && p.website.ends_with(".example"));
            assert!(p.created < now() && p.updated <= now());
        }
        let broad_live = ws
            .partners
            .iter()
            .filter(|p| p.stage == Stage::Live && p.markets.len() >= 4)
            .count();
        assert!(broad_live >= 2);
    }

    #[test]
    fn the_demo_is_deterministic() {
        assert_eq!(workspace(now()), workspace(now()));
        let later = now() + Duration::days(30);
        assert_eq!(
            workspace(later).partners[0].id,
            workspace(now()).partners[0].id
        );
    }
}
