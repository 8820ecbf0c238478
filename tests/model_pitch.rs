//! The pitch builder's model: every ingredient's check (a passing and a failing text
//! for each rule), the completeness score and its invariants, the version edits, and
//! the memo written from a pitch.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use tandem::model::core::check;
use tandem::model::goals::Goal;
use tandem::model::pitch::{self, Check, Context, Pitch, Start, Status};
use tandem::model::{
    documents::memo, workspace::validate, GoalStatus, Id, Ingredient, Partner, Workspace,
};

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn goal(n: &str, statement: &str) -> Goal {
    Goal {
        id: id(n),
        statement: statement.into(),
        metric: "users".into(),
        target: Some(1000.0),
        due: None,
        status: GoalStatus::Open,
    }
}

const NO_GOALS: Context<'static> = Context {
    partner_name: "Wavelet",
    goals: &[],
};

fn blank() -> Pitch {
    Pitch::new(id("x1"), "v1", day(2026, 11, 1))
}

/// The check of `text` as `ingredient` of an otherwise blank pitch, without goals.
fn check(ingredient: Ingredient, text: &str) -> Check {
    pitch::check_text(ingredient, text, &blank(), &NO_GOALS)
}

/// Asserts the text falls short and the message says so in the expected words.
fn weak(ingredient: Ingredient, text: &str, says: &str) {
    let c = check(ingredient, text);
    assert_eq!(
        c.status,
        Status::Weak,
        "{ingredient:?} {text:?}: {}",
        c.message
    );
    assert!(
        c.message.contains(says),
        "{ingredient:?} {text:?}: message {:?} lacks {says:?}",
        c.message
    );
}

fn ready(ingredient: Ingredient, text: &str) {
    let c = check(ingredient, text);
    assert_eq!(
        c.status,
        Status::Ready,
        "{ingredient:?} {text:?}: {}",
        c.message
    );
}

// ---------------------------------------------------------------------------------------
// The checks, one rule at a time
// ---------------------------------------------------------------------------------------

#[test]
fn a_blank_ingredient_is_missing_and_says_what_to_write() {
    for i in Ingredient::ALL {
        for text in ["", "   ", "\n\t\n"] {
            let c = check(*i, text);
            assert_eq!(c.status, Status::Missing);
            assert!(
                c.message.starts_with("Not written yet: write "),
                "{}",
                c.message
            );
            assert!(c.message.ends_with('.'));
        }
    }
}

#[test]
fn vision_is_one_sentence_of_5_to_35_words() {
    ready(
        Ingredient::Vision,
        "Every run has a soundtrack picked by the athletes who inspire it.",
    );
    ready(Ingredient::Vision, "Every run has a soundtrack"); // no full stop: still one
    weak(
        Ingredient::Vision,
        "Music for runners. Picked by athletes.",
        "2 sentences",
    );
    weak(
        Ingredient::Vision,
        "Music for runners.\nPicked by athletes",
        "2 sentences",
    );
    let w35 = vec!["word"; 35].join(" ");
    ready(Ingredient::Vision, &w35);
    weak(
        Ingredient::Vision,
        &format!("{w35} more"),
        "36 words; cut it to 35 or fewer",
    );
    weak(
        Ingredient::Vision,
        "Music everywhere.",
        "Only 2 words; use at least 5",
    );
    ready(Ingredient::Vision, "Music for every single run.");
    // An abbreviation or a lower-case continuation does not end a sentence.
    ready(
        Ingredient::Vision,
        "Runners in the U.S. hear the athletes they follow, e.g. on race day.",
    );
}

#[test]
fn challenges_must_be_shared_by_both_sides() {
    ready(
        Ingredient::Challenges,
        "Your drops sell out but fade in a week, and our playlists go unseen where runners shop.",
    );
    ready(
        Ingredient::Challenges,
        "Both companies lose runners in the second month when the novelty wears off.",
    );
    // Wavelet's name counts as their side.
    ready(
        Ingredient::Challenges,
        "Wavelet loses listeners after a month and we lose them after two weeks.",
    );
    weak(
        Ingredient::Challenges,
        "Our checkout loses people without a card at the very last step.",
        "Show that the problem is shared",
    );
    weak(
        Ingredient::Challenges,
        "Both lose users.",
        "write at least 8",
    );
}

#[test]
fn excitement_speaks_to_what_they_built() {
    ready(
        Ingredient::Excitement,
        "What you built with the athlete collective is rare and exactly what playlists need.",
    );
    weak(
        Ingredient::Excitement,
        "Running is growing fast among younger people in every market we watch.",
        "Point at their work",
    );
    weak(Ingredient::Excitement, "Your app rocks.", "Only 3 words");
}

#[test]
fn the_incumbent_is_named_with_a_capital() {
    ready(
        Ingredient::Incumbent,
        "Runners pay twice for Pulsefit's coaching app, which picks tracks by algorithm.",
    );
    weak(
        Ingredient::Incumbent,
        "The big players charge too much and pick the music by algorithm for everyone.",
        "Name the incumbent",
    );
    // A capital at the start of a sentence, "I", and the partner's own name do not count.
    weak(
        Ingredient::Incumbent,
        "Today I think Wavelet's rivals charge too much. Everyone knows it.",
        "Name the incumbent",
    );
    weak(Ingredient::Incumbent, "Beat Pulsefit.", "write at least 8");
}

#[test]
fn the_core_comes_first_and_the_rest_around_it() {
    ready(
        Ingredient::Core,
        "First, one playlist per drop. Then trial cards and race-day mixes.",
    );
    ready(
        Ingredient::Core,
        "Start with billing from the wallet; gifting comes later.",
    );
    weak(
        Ingredient::Core,
        "Playlists, trial cards and race-day mixes.",
        "what gets built first",
    );
    weak(
        Ingredient::Core,
        "First, one playlist per shoe drop.",
        "what comes around the core",
    );
}

#[test]
fn the_product_pitch_is_plain_and_at_most_80_words() {
    ready(
        Ingredient::Product,
        "Each new shoe comes with a running playlist picked by one of your athletes.",
    );
    // Ten plain sentences of eight words: 80 words, about thirty seconds spoken.
    let w80 = ["Each shoe box holds a card for music."; 10].join(" ");
    ready(Ingredient::Product, &w80);
    weak(
        Ingredient::Product,
        &format!("{w80} Really."),
        "81 words; keep it to 80 or fewer",
    );
    weak(
        Ingredient::Product,
        "A seamless co-branded experience with playlists and trial cards for all.",
        "the buzzword \"seamless\"",
    );
    weak(Ingredient::Product, "Synergy, at last.", "write at least 8");
    // The demo's first draft, word for word as docs/model/pitch.md and the e2e suite
    // show it.
    assert_eq!(
        check(
            Ingredient::Product,
            "A seamless co-branded experience with playlists and trial cards."
        )
        .message,
        "Say it plainly: in a sentence of 9 words, the buzzword \"seamless\" and the abstract noun \"experience\" make 3 fog points, a quarter or more; say what a user does or gets instead."
    );
    weak(
        Ingredient::Product,
        "Playlists in the box.",
        "write at least 8",
    );
}

#[test]
fn the_mutual_goal_links_a_shared_goal_when_the_partner_has_any() {
    let goals = [
        goal("g1", "25,000 trial activations"),
        goal("g2", "A second market"),
    ];
    let ctx = Context {
        partner_name: "Wavelet",
        goals: &goals,
    };
    let text = "Runners who stay with both of us after the trial.";
    let mut x = blank();
    let c = pitch::check_text(Ingredient::MutualGoal, text, &x, &ctx);
    assert_eq!(c.status, Status::Weak);
    assert_eq!(
        c.message,
        "Wavelet has 2 shared goals recorded: link the one this goal speaks to."
    );
    x.goal = Some(id("g1"));
    let c = pitch::check_text(Ingredient::MutualGoal, text, &x, &ctx);
    assert_eq!(c.status, Status::Ready);
    assert_eq!(
        c.message,
        "Linked to the shared goal \"25,000 trial activations\"."
    );
    // A link to a goal since removed.
    x.goal = Some(id("gone"));
    let c = pitch::check_text(Ingredient::MutualGoal, text, &x, &ctx);
    assert_eq!(c.status, Status::Weak);
    assert!(c
        .message
        .contains("no longer among the partner's shared goals"));
    // One goal, singular.
    let one = [goal("g1", "x")];
    x.goal = None;
    let c = pitch::check_text(
        Ingredient::MutualGoal,
        text,
        &x,
        &Context {
            partner_name: "Wavelet",
            goals: &one,
        },
    );
    assert!(c.message.starts_with("Wavelet has a shared goal recorded"));
}

#[test]
fn without_shared_goals_the_mutual_goal_needs_a_number() {
    ready(
        Ingredient::MutualGoal,
        "25,000 buyers activate the trial card by June.",
    );
    weak(
        Ingredient::MutualGoal,
        "Lots of runners who love both brands.",
        "put a number or a rank on it",
    );
    // A rank is measurable too.
    ready(
        Ingredient::MutualGoal,
        "Be the first music service inside the wallet.",
    );
    ready(
        Ingredient::MutualGoal,
        "Twice as many runners finish the trial with music.",
    );
    // A stale link is ignored when the partner has no goals at all.
    let mut x = blank();
    x.goal = Some(id("gone"));
    let c = pitch::check_text(Ingredient::MutualGoal, "10 % more runs", &x, &NO_GOALS);
    assert_eq!(c.status, Status::Ready);
}

#[test]
fn the_first_step_is_something_they_can_do_alone() {
    ready(Ingredient::FirstStep, "They can call our public API today.");
    ready(
        Ingredient::FirstStep,
        "Try the self-serve curator tools, no contract.",
    );
    ready(Ingredient::FirstStep, "Sandbox keys take five minutes.");
    weak(
        Ingredient::FirstStep,
        "We sign a two-year agreement and then integrate.",
        "without a contract",
    );
    // "apiary" is not "api".
    weak(Ingredient::FirstStep, "Visit the apiary.", "the public API");
}

#[test]
fn the_exclusive_path_is_conditional_and_measurable() {
    ready(
        Ingredient::ExclusivePath,
        "Once sign-ups pass 50,000 a month, we would talk about exclusivity.",
    );
    weak(
        Ingredient::ExclusivePath,
        "An exclusive deal would be great for both sides.",
        "Make exclusivity conditional",
    );
    weak(
        Ingredient::ExclusivePath,
        "When the partnership has proven itself we would go exclusive.",
        "Put a number on the leverage",
    );
}

#[test]
fn praise_is_specific() {
    ready(
        Ingredient::Praise,
        "The Tempo launch film, shot at dawn, is the best running ad this year.",
    );
    ready(
        Ingredient::Praise,
        "Selling out 40,000 pairs in an hour was remarkable work.",
    );
    weak(
        Ingredient::Praise,
        "Great brand, great shoes, great people.",
        "Make it specific",
    );
    // The partner's own name is not specific praise.
    weak(
        Ingredient::Praise,
        "We think that Wavelet is great.",
        "Make it specific",
    );
    weak(Ingredient::Praise, "Loved Tempo 3.", "write at least 8");
}

#[test]
fn beliefs_state_a_belief() {
    ready(
        Ingredient::Beliefs,
        "We both believe the phone in a runner's armband beats any new gadget.",
    );
    weak(
        Ingredient::Beliefs,
        "Native apps, open standards and phones rather than gadgets.",
        "State the belief itself",
    );
    weak(
        Ingredient::Beliefs,
        "We believe in phones.",
        "write at least 8",
    );
}

#[test]
fn the_close_offers_something_concrete() {
    ready(
        Ingredient::Close,
        "I will send a mock-up of the page next week.",
    );
    ready(
        Ingredient::Close,
        "Happy to introduce you to our editorial lead on Tuesday.",
    );
    ready(Ingredient::Close, "We can build it with you by 14 March.");
    ready(
        Ingredient::Close,
        "Our engineer can help your team wire it up.",
    );
    ready(Ingredient::Close, "We can host your team in May.");
    weak(
        Ingredient::Close,
        "Let us know how we can help.",
        "Make the offer concrete",
    );
    weak(
        Ingredient::Close,
        "You may help us.",
        "Make the offer concrete",
    ); // "may" is not May
    weak(
        Ingredient::Close,
        "Looking forward to hearing from you next week.",
        "Offer to do something",
    );
}

#[test]
fn every_failed_check_is_one_actionable_sentence() {
    let samples = [
        "x",
        "Great.",
        "A. B. C.",
        "synergy leverage",
        &vec!["w"; 60].join(" "),
    ];
    for i in Ingredient::ALL {
        for text in samples {
            let c = check(*i, text);
            assert!(!c.message.is_empty());
            assert!(c.message.ends_with('.'), "{:?}: {}", i, c.message);
            let first = c.message.chars().next().unwrap();
            assert!(
                first.is_uppercase() || first == '"' || first.is_ascii_digit(),
                "{}",
                c.message
            );
        }
    }
}

#[test]
fn guidance_exists_for_every_ingredient_and_differs() {
    let all: Vec<&str> = Ingredient::ALL
        .iter()
        .map(|i| pitch::guidance(*i))
        .collect();
    for g in &all {
        assert!(g.split_whitespace().count() >= 15, "{g}");
    }
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 12);
}

// ---------------------------------------------------------------------------------------
// The score
// ---------------------------------------------------------------------------------------

#[test]
fn the_worked_example_of_the_docs() {
    // docs/model/pitch.md: 9 ready, 2 written but weak, 1 missing → 20 of 24 → 83 %.
    let mut x = blank();
    let texts = [
        (
            Ingredient::Vision,
            "Every run has a soundtrack picked by the athletes who inspire it.",
        ),
        (
            Ingredient::Challenges,
            "Both companies lose runners in the second month when novelty fades.",
        ),
        (
            Ingredient::Excitement,
            "What you built with the athlete collective is rare and exactly right.",
        ),
        (
            Ingredient::Incumbent,
            "Runners pay twice for Pulsefit's coaching app, which picks tracks by algorithm.",
        ),
        (
            Ingredient::Core,
            "First, one playlist per drop. Then trial cards and race-day mixes.",
        ),
        (
            Ingredient::Product,
            "A seamless co-branded experience with playlists and trial cards.",
        ),
        (
            Ingredient::MutualGoal,
            "25,000 buyers activate the trial card by June.",
        ),
        (
            Ingredient::FirstStep,
            "They can publish through our public curator tools today.",
        ),
        (
            Ingredient::ExclusivePath,
            "Once sign-ups pass 50,000 a month, we would talk about exclusivity.",
        ),
        (
            Ingredient::Praise,
            "Great brand, great shoes, great people.",
        ),
        (
            Ingredient::Beliefs,
            "We both believe the phone in a runner's armband beats any new gadget.",
        ),
    ];
    for (i, t) in texts {
        x.ingredients.insert(i, t.into());
    }
    let c = pitch::completeness(&x, &NO_GOALS);
    assert_eq!((c.ready, c.weak, c.missing), (9, 2, 1));
    assert_eq!((c.points, c.max, c.percent), (20, 24, 83));
}

#[test]
fn the_score_rounds_half_up_and_reaches_100_only_when_all_are_ready() {
    let checks = |ready: usize, weak: usize| -> Vec<Check> {
        Ingredient::ALL
            .iter()
            .enumerate()
            .map(|(n, i)| Check {
                ingredient: *i,
                status: if n < ready {
                    Status::Ready
                } else if n < ready + weak {
                    Status::Weak
                } else {
                    Status::Missing
                },
                message: String::new(),
            })
            .collect()
    };
    assert_eq!(pitch::score(&checks(0, 0)).percent, 0);
    assert_eq!(pitch::score(&checks(0, 1)).percent, 4); // 1/24 = 4.17
    assert_eq!(pitch::score(&checks(0, 3)).percent, 13); // 3/24 = 12.5 → 13
    assert_eq!(pitch::score(&checks(11, 1)).percent, 96); // 23/24 = 95.8
    assert_eq!(pitch::score(&checks(12, 0)).percent, 100);
}

// ---------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------

const VOCAB: &[&str] = &[
    "we",
    "you",
    "your",
    "both",
    "first",
    "then",
    "api",
    "public",
    "once",
    "believe",
    "send",
    "prototype",
    "next week",
    "Pulsefit",
    "Leeds",
    "12",
    "50,000",
    "seamless",
    "synergy",
    "Wavelet",
    "May",
    "e.g.",
    "I",
    "run",
    "music",
    "the",
    "a",
    "playlist",
    "around",
    "if",
];

fn text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => select(VOCAB).prop_map(str::to_owned),
        1 => "\\PC{0,10}",
        1 => "[ \\n.!?…\"“”'’()-]{1,3}",
    ];
    let sep = select(&[" ", " ", " ", ". ", "\n", ", ", "! ", "\n\n"][..]);
    prop::collection::vec((word, sep), 0..70).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

fn pitch_strategy() -> impl Strategy<Value = Pitch> {
    (
        prop::collection::btree_map(select(Ingredient::ALL), text(), 0..12),
        prop::option::of(select(&["g1", "g2", "gone"][..])),
    )
        .prop_map(|(ingredients, goal)| {
            let mut x = blank();
            x.ingredients = ingredients;
            x.goal = goal.map(id);
            x
        })
}

fn goals_strategy() -> impl Strategy<Value = Vec<Goal>> {
    prop::collection::vec(select(&["g1", "g2", "g3"][..]), 0..3).prop_map(|ids| {
        let mut ids = ids;
        ids.sort();
        ids.dedup();
        ids.into_iter().map(|g| goal(g, "A goal")).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn completeness_never_exceeds_100_percent(
        x in pitch_strategy(), goals in goals_strategy(), name in "\\PC{0,20}",
    ) {
        let ctx = Context { partner_name: &name, goals: &goals };
        let c = pitch::completeness(&x, &ctx);
        prop_assert!(c.percent <= 100);
        prop_assert!(c.points <= c.max);
        prop_assert_eq!(c.max, 24);
        prop_assert_eq!(c.ready + c.weak + c.missing, 12);
        prop_assert_eq!(c.percent == 100, c.ready == 12);
    }

    #[test]
    fn adding_an_ingredient_never_lowers_completeness(
        x in pitch_strategy(), goals in goals_strategy(),
        added in select(Ingredient::ALL), t in text(),
    ) {
        let ctx = Context { partner_name: "Wavelet", goals: &goals };
        let mut without = x.clone();
        without.ingredients.remove(&added);
        let mut with = without.clone();
        with.ingredients.insert(added, t);
        let (before, after) = (pitch::completeness(&without, &ctx), pitch::completeness(&with, &ctx));
        prop_assert!(after.points >= before.points);
        prop_assert!(after.percent >= before.percent);
    }

    #[test]
    fn an_ingredient_check_depends_on_its_own_text_only(
        x in pitch_strategy(), changed in select(Ingredient::ALL), t in text(),
    ) {
        let mut y = x.clone();
        y.ingredients.insert(changed, t);
        let (a, b) = (pitch::checks(&x, &NO_GOALS), pitch::checks(&y, &NO_GOALS));
        for (ca, cb) in a.iter().zip(&b) {
            if ca.ingredient != changed {
                prop_assert_eq!(ca, cb);
            }
        }
    }

    #[test]
    fn the_memo_tells_every_written_ingredient_once_in_memo_order(x in pitch_strategy()) {
        let ws = Workspace::empty();
        let p = Partner::new(id("p1"), "Wavelet", now());
        let m = memo::memo(&ws, &p, &x, day(2026, 11, 23));
        let told: Vec<Ingredient> = m.sections.iter().map(|s| s.ingredient).collect();
        let expected: Vec<Ingredient> = memo::ORDER
            .iter()
            .copied()
            .filter(|i| !x.text(*i).trim().is_empty())
            .collect();
        prop_assert_eq!(told, expected);
        let md = memo::to_markdown(&m);
        // Only the memo's own headings start a line with `#`: user text is escaped.
        let headings = md.lines().filter(|l| l.starts_with('#')).count();
        prop_assert_eq!(headings, 1 + m.sections.len());
    }
}

// ---------------------------------------------------------------------------------------
// The edits
// ---------------------------------------------------------------------------------------

fn workspace() -> Workspace {
    let created = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    let mut p = Partner::new(id("p1"), "Wavelet", created);
    p.goals.push(goal("g1", "25,000 activations"));
    Workspace {
        partners: vec![p.into()],
        ..Workspace::empty()
    }
}

fn p1() -> Id {
    id("p1")
}

fn partner(ws: &Workspace) -> &Partner {
    &ws.partners[0]
}

#[test]
fn new_versions_are_blank_or_a_copy_of_the_latest_and_labelled_in_turn() {
    let mut ws = workspace();
    assert_eq!(
        pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, now()),
        Ok(true)
    );
    pitch::set_text(
        &mut ws,
        &p1(),
        &id("a"),
        Ingredient::Vision,
        "  Music for all runners.  ",
        now(),
    )
    .unwrap();
    pitch::link_goal(&mut ws, &p1(), &id("a"), Some(id("g1")), now()).unwrap();
    pitch::new_version(&mut ws, &p1(), id("b"), Start::CopyLatest, now()).unwrap();
    pitch::new_version(&mut ws, &p1(), id("c"), Start::Blank, now()).unwrap();
    let versions = &partner(&ws).pitches;
    let labels: Vec<&str> = versions.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["Version 1", "Version 2", "Version 3"]);
    assert_eq!(
        versions[0].text(Ingredient::Vision),
        "Music for all runners."
    );
    assert_eq!(versions[1].ingredients, versions[0].ingredients);
    assert_eq!(versions[1].goal, Some(id("g1")));
    assert!(versions[2].ingredients.is_empty() && versions[2].goal.is_none());
    assert_eq!(versions[2].drafted, now().date_naive());
    assert!(versions.iter().all(|x| x.sent.is_none()));
    // A label already taken is skipped.
    pitch::set_label(&mut ws, &p1(), &id("a"), "Version 4", now()).unwrap();
    pitch::new_version(&mut ws, &p1(), id("d"), Start::Blank, now()).unwrap();
    assert_eq!(partner(&ws).pitches[3].label, "Version 5");
    // The same id twice is refused.
    let before = ws.clone();
    assert!(pitch::new_version(&mut ws, &p1(), id("d"), Start::Blank, now()).is_err());
    assert_eq!(ws, before);
    assert!(validate::workspace(&ws).is_empty());
}

#[test]
fn every_edit_stamps_the_partner_and_an_unchanged_one_does_not() {
    let mut ws = workspace();
    let t = |h: u32| Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap();
    pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, t(1)).unwrap();
    assert_eq!(partner(&ws).updated, t(1));
    let x = id("a");
    assert_eq!(
        pitch::set_text(&mut ws, &p1(), &x, Ingredient::Close, "Hi.", t(2)),
        Ok(true)
    );
    assert_eq!(partner(&ws).updated, t(2));
    assert_eq!(
        pitch::set_text(&mut ws, &p1(), &x, Ingredient::Close, " Hi. ", t(3)),
        Ok(false)
    );
    assert_eq!(partner(&ws).updated, t(2));
    assert_eq!(pitch::set_label(&mut ws, &p1(), &x, "v1", t(4)), Ok(true));
    assert_eq!(
        pitch::set_label(&mut ws, &p1(), &x, " v1 ", t(5)),
        Ok(false)
    );
    assert_eq!(
        pitch::link_goal(&mut ws, &p1(), &x, Some(id("g1")), t(6)),
        Ok(true)
    );
    assert_eq!(
        pitch::link_goal(&mut ws, &p1(), &x, Some(id("g1")), t(7)),
        Ok(false)
    );
    assert_eq!(partner(&ws).updated, t(6));
    assert_eq!(
        pitch::mark_sent(&mut ws, &p1(), &x, Some(t(8).date_naive()), t(8)),
        Ok(true)
    );
    assert_eq!(partner(&ws).updated, t(8));
    assert_eq!(pitch::delete_version(&mut ws, &p1(), &x, t(9)), Ok(true));
    assert_eq!(partner(&ws).updated, t(9));
    assert!(partner(&ws).pitches.is_empty());
}

#[test]
fn blank_text_removes_an_ingredient_and_long_text_is_refused() {
    let mut ws = workspace();
    pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, now()).unwrap();
    pitch::set_text(
        &mut ws,
        &p1(),
        &id("a"),
        Ingredient::Praise,
        "Fine work.",
        now(),
    )
    .unwrap();
    pitch::set_text(&mut ws, &p1(), &id("a"), Ingredient::Praise, " \n ", now()).unwrap();
    assert!(partner(&ws).pitches[0].ingredients.is_empty());
    let before = ws.clone();
    let long = "x".repeat(check::MAX_NOTES + 1);
    let err =
        pitch::set_text(&mut ws, &p1(), &id("a"), Ingredient::Praise, &long, now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Sincere, specific praise has 10001 characters; the limit is 10000."
    );
    assert_eq!(ws, before);
}

#[test]
fn a_sent_version_keeps_its_text_until_unmarked() {
    let mut ws = workspace();
    pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, now()).unwrap();
    let x = id("a");
    pitch::mark_sent(&mut ws, &p1(), &x, Some(now().date_naive()), now()).unwrap();
    let before = ws.clone();
    let err =
        pitch::set_text(&mut ws, &p1(), &x, Ingredient::Vision, "New words", now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This version was sent on 23 November 2026 and stays as sent; start a new version from it to change the text."
    );
    assert!(pitch::link_goal(&mut ws, &p1(), &x, Some(id("g1")), now()).is_err());
    assert_eq!(ws, before);
    // The label is ours and may change.
    assert_eq!(
        pitch::set_label(&mut ws, &p1(), &x, "Sent to Ana", now()),
        Ok(true)
    );
    pitch::mark_sent(&mut ws, &p1(), &x, None, now()).unwrap();
    assert_eq!(
        pitch::set_text(&mut ws, &p1(), &x, Ingredient::Vision, "New words", now()),
        Ok(true)
    );
}

#[test]
fn sent_days_are_checked_and_several_versions_may_be_sent() {
    let mut ws = workspace();
    let early = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, early).unwrap();
    pitch::new_version(&mut ws, &p1(), id("b"), Start::Blank, early).unwrap();
    let err =
        pitch::mark_sent(&mut ws, &p1(), &id("a"), Some(day(2026, 11, 1)), now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This version was drafted on 2 November 2026; it cannot have been sent before that."
    );
    let err =
        pitch::mark_sent(&mut ws, &p1(), &id("a"), Some(day(2026, 11, 24)), now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "24 November 2026 is in the future; mark the version sent once it has gone out."
    );
    assert!(pitch::on_the_table(partner(&ws)).is_none());
    pitch::mark_sent(&mut ws, &p1(), &id("b"), Some(day(2026, 11, 5)), now()).unwrap();
    pitch::mark_sent(&mut ws, &p1(), &id("a"), Some(day(2026, 11, 20)), now()).unwrap();
    let sent: Vec<_> = partner(&ws).pitches.iter().map(|x| x.sent).collect();
    assert_eq!(sent, [Some(day(2026, 11, 20)), Some(day(2026, 11, 5))]);
    assert_eq!(pitch::on_the_table(partner(&ws)).unwrap().id, id("a"));
    // Sent the same day: the later version is on the table.
    pitch::mark_sent(&mut ws, &p1(), &id("b"), Some(day(2026, 11, 20)), now()).unwrap();
    assert_eq!(pitch::on_the_table(partner(&ws)).unwrap().id, id("b"));
    assert!(validate::workspace(&ws).is_empty());
}

#[test]
fn a_goal_not_of_the_partner_cannot_be_linked_and_unlinking_works() {
    let mut ws = workspace();
    pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, now()).unwrap();
    let err = pitch::link_goal(&mut ws, &p1(), &id("a"), Some(id("g9")), now()).unwrap_err();
    assert!(err
        .to_string()
        .contains("not among the partner's shared goals"));
    pitch::link_goal(&mut ws, &p1(), &id("a"), Some(id("g1")), now()).unwrap();
    assert_eq!(
        pitch::link_goal(&mut ws, &p1(), &id("a"), None, now()),
        Ok(true)
    );
    assert_eq!(partner(&ws).pitches[0].goal, None);
}

#[test]
fn labels_are_required_one_line_and_bounded() {
    let mut ws = workspace();
    pitch::new_version(&mut ws, &p1(), id("a"), Start::Blank, now()).unwrap();
    assert!(pitch::set_label(&mut ws, &p1(), &id("a"), "  ", now())
        .unwrap_err()
        .to_string()
        .contains("Give the version a label"));
    assert!(
        pitch::set_label(&mut ws, &p1(), &id("a"), &"x".repeat(121), now())
            .unwrap_err()
            .to_string()
            .contains("the limit is 120")
    );
    pitch::set_label(&mut ws, &p1(), &id("a"), "v2\nafter  the call", now()).unwrap();
    assert_eq!(partner(&ws).pitches[0].label, "v2 after the call");
}

#[test]
fn edits_of_a_missing_partner_or_version_change_nothing_and_say_so() {
    let mut ws = workspace();
    let before = ws.clone();
    let err = pitch::new_version(&mut ws, &id("nope"), id("a"), Start::Blank, now()).unwrap_err();
    assert!(err.to_string().contains("This partner no longer exists"));
    let err =
        pitch::set_text(&mut ws, &p1(), &id("nope"), Ingredient::Vision, "x", now()).unwrap_err();
    assert!(err
        .to_string()
        .contains("This pitch version no longer exists"));
    assert!(pitch::delete_version(&mut ws, &p1(), &id("nope"), now()).is_err());
    assert!(pitch::mark_sent(&mut ws, &p1(), &id("nope"), None, now()).is_err());
    assert_eq!(ws, before);
}

#[test]
fn the_demo_has_a_complete_sent_pitch_a_half_done_one_and_two_versions() {
    let ws = tandem::model::demo::workspace(now());
    let scored: Vec<(String, usize, u8, bool)> = ws
        .partners
        .iter()
        .flat_map(|p| {
            p.pitches.iter().map(move |x| {
                let c = pitch::completeness(x, &Context::of(p));
                (p.name.clone(), p.pitches.len(), c.percent, x.sent.is_some())
            })
        })
        .collect();
    assert!(scored.iter().any(|(_, _, pct, sent)| *pct == 100 && *sent));
    assert!(scored
        .iter()
        .any(|(_, _, pct, sent)| (25..75).contains(pct) && !sent));
    assert!(scored.iter().any(|(_, n, _, _)| *n >= 2));
    // The memo of a demo pitch is addressed to the decision maker and signed by the owner.
    let zuri = ws.partners.iter().find(|p| p.name == "Zuri Pay").unwrap();
    let text = memo::to_text(&memo::memo(&ws, zuri, &zuri.pitches[0], now().date_naive()));
    assert!(text.contains("To: Adaeze Nwosu, Head of Lifestyle Services\nFrom: Kofi Mensah\n"));
    assert!(text.ends_with("Best regards,\nKofi Mensah\n"));
    let hearthpod = ws.partners.iter().find(|p| p.name == "Hearthpod").unwrap();
    let text = memo::to_text(&memo::memo(
        &ws,
        hearthpod,
        &hearthpod.pitches[0],
        now().date_naive(),
    ));
    assert!(
        text.contains("\nShared goal: 200,000 Hearthpod households"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// Reading like an editor: the memo's own example, buzzword pitches, names, closes
// ---------------------------------------------------------------------------------------

/// The outreach e-mail the product's source article holds up as a masterclass
/// (`../shared/seeds/000_53cd179f3a259de4.txt`), quoted ingredient by ingredient as the
/// article sorts it. A test fixture only: the app and its docs never quote it.
const SEED_EMAIL: &[(Ingredient, &str)] = &[
    (
        Ingredient::Vision,
        "Ever since Napster I’ve dreamt of building a product similar to Spotify.",
    ),
    (
        Ingredient::Challenges,
        "What’s clear is that the labels never quite understood the way people really consume/share/experience digital music.",
    ),
    (
        Ingredient::Excitement,
        "At that time, I wasn’t aware that your licenses were somewhat different from what I’d seen in the past. So as you can tell I’m pretty excited about what you’ve built…",
    ),
    (
        Ingredient::Incumbent,
        "The iPod monopoly has effectively stifled innovation in the market.",
    ),
    (
        Ingredient::Core,
        "As product designers we can never have exactly what we want, when we want it. We have to start by understanding the really important parts and building that core functionality first, then building additional features around that core.",
    ),
    (
        Ingredient::Product,
        "My goal for the second generation Napster (once we’d gotten around to cleaning up the messy interface) was to implement social/sharing features. This would have dramatically increased the volume of sharing happening through the system.\n\nBased on the comment you made to Zuck, I suspect that you’re moving in this direction. You should build this capability directly into the client, using Facebook connect to authenticate and then leveraging the viral communication channels to spread Spotify rapidly across the world.",
    ),
    (
        Ingredient::MutualGoal,
        "You guys are likely going to be the first major success story with Facebook connect.",
    ),
    (
        Ingredient::FirstStep,
        "If you need some help navigating Facebook platform, in particular the viral channels, then I’m happy to lend a hand.",
    ),
    (
        Ingredient::ExclusivePath,
        "Direct integration with Facebook is a good idea too but this should happen via an exclusive partnership and you should wait until you have more leverage in the marketplace otherwise the economics won’t be very favorable to you.",
    ),
    (
        Ingredient::Praise,
        "Napster was my first attempt at building a company, and one of my early attempts at building a usable product. While I’m proud of the impact we had, I’m not particularly proud of the interface we built, nor of the design/aesthetics of the product. You have surpassed the product experience we built at Napster in all of these ways.",
    ),
    (
        Ingredient::Beliefs,
        "Final thought: I’m glad that you guys resisted the temptation to build a web based app. I remain a strong believer in the desktop client approach in music for a number of reasons.",
    ),
    (
        Ingredient::Close,
        "Let me know how I can be helpful to you with Facebook, platform, viral optimization, investment, etc. I’m eager to participate in all of these ways and more. You should consider me both a fan and supporter of yours!",
    ),
];

const SPOTIFY: Context<'static> = Context {
    partner_name: "Spotify",
    goals: &[],
};

fn pitch_of(texts: &[(Ingredient, &str)]) -> Pitch {
    let mut x = blank();
    for (i, t) in texts {
        x.ingredients.insert(*i, (*t).to_owned());
    }
    x
}

#[test]
fn the_memos_own_example_is_ready_on_every_ingredient() {
    let x = pitch_of(SEED_EMAIL);
    let not_ready: Vec<String> = pitch::checks(&x, &SPOTIFY)
        .into_iter()
        .filter(|c| c.status != Status::Ready)
        .map(|c| format!("{:?}: {}", c.ingredient, c.message))
        .collect();
    assert!(not_ready.is_empty(), "{not_ready:#?}");
    assert_eq!(pitch::completeness(&x, &SPOTIFY).percent, 100);
}

/// Two pitches an editor would send back, each written to pass every marker rule
/// ("both", "first … then", a name, a number, a public API, a concrete close). None of
/// their words is on any of the checks' word lists (`buzzwords_are_caught_without_a_list`
/// makes sure), so only the general measures can catch them.
const BUZZWORD_PITCHES: &[&[(Ingredient, &str)]] = &[
    &[
        (
            Ingredient::Vision,
            "A hyper-personalized, AI-powered listening journey for every customer-centric brand.",
        ),
        (
            Ingredient::Challenges,
            "Both organizations face fragmentation, disintermediation and commoditization across the go-to-market value chain.",
        ),
        (
            Ingredient::Excitement,
            "Your platform-agnostic, insight-driven orchestration layer is exactly the differentiation our roadmap needs.",
        ),
        (
            Ingredient::Incumbent,
            "Legacy incumbents like Sonora lack the agility and interoperability required for omni-platform engagement.",
        ),
        (
            Ingredient::Core,
            "First we operationalize the foundational data layer, then we productize adjacent monetization opportunities around it.",
        ),
        (
            Ingredient::Product,
            "An AI-first, insight-driven engagement orchestration platform that delivers hyper-relevant experiences at every touchpoint.",
        ),
        (
            Ingredient::MutualGoal,
            "A 10x uplift in insight-driven monetization and accelerated value realization.",
        ),
        (
            Ingredient::FirstStep,
            "Partners can self-onboard through our public, API-enabled, developer-centric integration sandbox.",
        ),
        (
            Ingredient::ExclusivePath,
            "Once we reach 500k activations, exclusivity becomes a mission-driven strategic imperative for optimization.",
        ),
        (
            Ingredient::Praise,
            "Your Tempo launch was a category-defining masterclass in omni-channel storytelling and brand amplification.",
        ),
        (
            Ingredient::Beliefs,
            "We both believe data-driven personalization is the cornerstone of future-ready engagement.",
        ),
        (
            Ingredient::Close,
            "Happy to set up a cross-functional alignment workshop next week to co-create transformational, outcome-driven roadmaps.",
        ),
    ],
    &[
        (
            Ingredient::Vision,
            "The democratization of musical self-expression through the personalization of every listening moment.",
        ),
        (
            Ingredient::Excitement,
            "Your commitment to experimentation and differentiation demonstrates exceptional organizational sophistication.",
        ),
        (
            Ingredient::Product,
            "Our solution enables real-time contextualization of listening behaviour, driving the optimization of engagement and the maximization of retention.",
        ),
        (
            Ingredient::Close,
            "Happy to arrange further exploration of collaboration opportunities and implementation considerations next quarter.",
        ),
    ],
];

#[test]
fn buzzword_pitches_are_not_ready_and_the_message_names_the_words() {
    for texts in BUZZWORD_PITCHES {
        let x = pitch_of(texts);
        for (ingredient, text) in *texts {
            let c = pitch::check_ingredient(*ingredient, &x, &NO_GOALS);
            assert_eq!(c.status, Status::Weak, "{ingredient:?}: {}", c.message);
            assert!(
                c.message.starts_with("Say it plainly: "),
                "{ingredient:?}: {}",
                c.message
            );
            // The message quotes words of the text itself.
            let quoted: Vec<&str> = c.message.split('"').skip(1).step_by(2).collect();
            assert!(!quoted.is_empty(), "{}", c.message);
            for q in quoted {
                assert!(text.contains(q), "{q:?} is not in {text:?}");
            }
        }
        assert_eq!(pitch::completeness(&x, &NO_GOALS).ready, 0);
    }
}

#[test]
fn buzzwords_are_caught_without_a_list() {
    // No word of the buzzword pitches is on a list: they are caught by the shape of
    // their words alone (compounds like "-driven", abstract nouns, long words).
    let listed: Vec<String> = pitch::plain::BUZZWORDS
        .iter()
        .chain(pitch::plain::VAGUE)
        .chain(pitch::plain::OFFICIALESE.iter().map(|(w, _)| w))
        .map(|w| w.to_string())
        .collect();
    for texts in BUZZWORD_PITCHES {
        for (_, text) in *texts {
            let lower = text.to_lowercase();
            for word in lower.split(|c: char| !c.is_alphanumeric() && c != '-') {
                assert!(!listed.iter().any(|l| l == word), "{word:?} is on a list");
                for part in word.split('-') {
                    assert!(!listed.iter().any(|l| l == part), "{part:?} is on a list");
                }
            }
            for phrase in pitch::plain::BUZZ_PHRASES {
                assert!(!lower.contains(phrase), "{phrase:?} is on a list");
            }
        }
    }
}

#[test]
fn one_buzzword_in_a_concrete_paragraph_is_tolerated_a_sentence_of_them_is_not() {
    ready(
        Ingredient::Product,
        "Runners scan the card in the box, and the app starts the athlete's playlist. We would be leveraging your launch emails to reach every buyer on day one.",
    );
    weak(
        Ingredient::Product,
        "We would be leveraging seamless, data-driven playlists for runners.",
        "buzzwords \"leveraging\", \"seamless\", \"data-driven\"",
    );
    // Officialese comes with the plain word.
    weak(
        Ingredient::Product,
        "We utilize additional functionality to facilitate music for runners.",
        "\"utilize\" (say \"use\")",
    );
    // "Leverage" as a noun is the plain word for bargaining power.
    ready(
        Ingredient::ExclusivePath,
        "Exclusivity should wait until you have more leverage in the market.",
    );
}

#[test]
fn a_sentence_over_40_words_must_be_split() {
    let s41 = format!("Runners {}.", vec!["run"; 40].join(" "));
    weak(
        Ingredient::Praise,
        &format!("Tempo 3 sold out. {s41}"),
        "A sentence runs to 41 words",
    );
    let s40 = format!("Runners {}.", vec!["run"; 39].join(" "));
    ready(Ingredient::Praise, &format!("Tempo 3 sold out. {s40}"));
}

#[test]
fn names_and_camel_case_are_never_fog() {
    // Long capitalised names, camel case and acronyms are names, not hard words.
    ready(
        Ingredient::Product,
        "Runners on PlayStation, iHeartRadio, YouTube Music and SoundCloud hear the same Riffly playlist through our SDK.",
    );
    ready(
        Ingredient::Praise,
        "Your Transcontinental Championships sponsorship with Interoperability Labs sold 40,000 pairs.",
    );
    // The same words in lower case are abstract nouns and long words.
    weak(
        Ingredient::Praise,
        "Your transcontinental championships sponsorship with interoperability labs sold 40,000 pairs.",
        "Say it plainly",
    );
    // A camel-case product is a name for the incumbent; its lower-case form is not.
    ready(
        Ingredient::Incumbent,
        "The iPod monopoly has effectively stifled innovation in the market.",
    );
    weak(
        Ingredient::Incumbent,
        "The ipod monopoly has effectively stifled innovation in the market.",
        "Name the incumbent",
    );
    ready(
        Ingredient::Incumbent,
        "Listeners stay with AOL because leaving costs them their playlists.",
    );
    // A name that opens a sentence is known from the same name inside another one.
    ready(
        Ingredient::Praise,
        "Stridecraftathletics sold out. We admired how Stridecraftathletics launched Tempo in Leeds.",
    );
}

#[test]
fn the_close_accepts_the_many_ways_of_offering_help() {
    for text in [
        "Happy to help your team ship the wallet tile by 14 March.",
        "We'd love to host your engineers in Lagos next month.",
        "Let me know how we can support the Hearthpod launch.",
        "Glad to share our launch checklist with your team.",
        "Can we set up a call on Tuesday?",
        "I'll send the prototype tomorrow.",
        "Shall we meet in Leeds next week?",
        "We're eager to lend our billing engineer for a week.",
        "Let me know how I can be helpful to you with Facebook.",
    ] {
        ready(Ingredient::Close, text);
    }
    // An offer still needs something concrete, and a wish is not an offer.
    weak(
        Ingredient::Close,
        "Let me know how I can be helpful.",
        "Make the offer concrete",
    );
    weak(
        Ingredient::Close,
        "Looking forward to hearing from you soon.",
        "Offer to do something",
    );
    // An acronym names a kind of thing, not the thing: "the API" is not yet concrete.
    weak(
        Ingredient::Close,
        "Offer help with the API.",
        "Make the offer concrete",
    );
}

#[test]
fn an_obstacle_outside_both_companies_is_a_shared_challenge() {
    ready(
        Ingredient::Challenges,
        "The labels never understood how people actually listen to and pass on music.",
    );
    // Told from one side only, it is not shared yet.
    weak(
        Ingredient::Challenges,
        "Your checkout loses people without a card at the very last step.",
        "Show that the problem is shared",
    );
}

#[test]
fn more_ways_to_say_a_belief_a_first_step_and_the_leverage_needed() {
    ready(
        Ingredient::Beliefs,
        "I remain a strong believer in native apps over web pages for music.",
    );
    ready(
        Ingredient::FirstStep,
        "Start on our music platform today, with the tools every developer gets.",
    );
    ready(
        Ingredient::ExclusivePath,
        "Only once you have the traction to bargain should we talk about exclusivity.",
    );
    weak(
        Ingredient::ExclusivePath,
        "Only once it feels right should we talk about exclusivity.",
        "Put a number on the leverage",
    );
}

fn buzz_sentence() -> impl Strategy<Value = String> {
    // Two to six compounds built like buzzwords, from made-up stems, with at most seven
    // plain words per compound (so a quarter of the sentence or more is fog).
    (2usize..7)
        .prop_flat_map(|k| {
            (
                prop::collection::vec(
                    (
                        "[a-z]{3,8}",
                        select(
                            &[
                                "{}-driven",
                                "{}-centric",
                                "hyper-{}",
                                "omni-{}",
                                "{}-powered",
                                "{}-enabled",
                            ][..],
                        ),
                    ),
                    k,
                ),
                prop::collection::vec(
                    select(&["the", "for", "and", "music", "runners", "we", "with"][..]),
                    0..=7 * k,
                ),
            )
        })
        .prop_map(|(buzz, plain)| {
            let mut words: Vec<String> = buzz
                .into_iter()
                .map(|(stem, shape)| shape.replace("{}", &stem))
                .collect();
            words.extend(plain.into_iter().map(str::to_owned));
            words.join(" ")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_buzzword_sentence_never_raises_an_ingredients_readiness(
        t in text(), b in buzz_sentence(), ingredient in select(Ingredient::ALL),
        linked in any::<bool>(),
    ) {
        prop_assume!(!t.trim().is_empty());
        let goals = [goal("g1", "25,000 activations")];
        let ctx = Context { partner_name: "Wavelet", goals: if linked { &goals } else { &[] } };
        let mut x = blank();
        x.goal = Some(id("g1"));
        let before = pitch::check_text(ingredient, &t, &x, &ctx);
        let after = pitch::check_text(ingredient, &format!("{t}\n{b}"), &x, &ctx);
        prop_assert!(after.status <= before.status, "{:?} → {:?}: {}", before, after.status, after.message);
        prop_assert_eq!(after.status, Status::Weak);
    }

    #[test]
    fn the_checks_never_panic_and_always_explain(t in any::<String>(), name in any::<String>()) {
        let ctx = Context { partner_name: &name, goals: &[] };
        for i in Ingredient::ALL {
            let c = pitch::check_text(*i, &t, &blank(), &ctx);
            prop_assert!(c.message.ends_with('.'));
        }
    }

    #[test]
    fn the_memo_holds_exactly_the_ingredients_the_checklist_has_present(
        x in pitch_strategy(), goals in goals_strategy(),
    ) {
        let mut p = Partner::new(id("p1"), "Wavelet", now());
        p.goals = goals;
        let m = memo::memo(&Workspace::empty(), &p, &x, day(2026, 11, 23));
        let in_memo: Vec<Ingredient> = m.sections.iter().map(|s| s.ingredient).collect();
        for c in pitch::checks(&x, &Context::of(&p)) {
            prop_assert_eq!(in_memo.contains(&c.ingredient), c.status != Status::Missing, "{:?}", c.ingredient);
        }
    }
}
