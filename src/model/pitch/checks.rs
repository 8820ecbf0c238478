//! The checks of a pitch and its completeness score.
//!
//! Each ingredient is checked on its own text (and, for the mutual goal, on the goal it
//! links), never against another ingredient: so writing one ingredient cannot change
//! another's result, and the score can only rise as ingredients are added. Each check
//! gives one of three results — missing, written but falling short, ready — and a
//! sentence saying why, phrased as what to do next.
//!
//! The checks read English text with simple, documented rules (word counts, sentence
//! ends, marker words, names), and every ingredient must then read plainly, as an editor
//! would judge it ([`super::plain`]: buzzwords, officialese, vague words, abstract nouns
//! and long words weighed per sentence). `docs/model/pitch.md` lists every limit and
//! marker. They are a writing aid, not a judge: a pitch that passes can still be a poor
//! one.
//!
//! ```
//! use tandem::model::pitch::{self, Context, Pitch, Status};
//! use tandem::model::{Id, Ingredient};
//! let mut draft = Pitch::new(Id::parse("p1").unwrap(), "v1", chrono::NaiveDate::MIN);
//! draft.ingredients.insert(Ingredient::Vision, "Every run has a soundtrack picked by the athletes who inspire it.".into());
//! let ctx = Context { partner_name: "Stridecraft", goals: &[] };
//! assert_eq!(pitch::check_ingredient(Ingredient::Vision, &draft, &ctx).status, Status::Ready);
//! assert_eq!(pitch::completeness(&draft, &ctx).percent, 8); // 2 of 24 points
//! ```

use super::plain::{self, Word};
use super::Pitch;
use crate::model::core::format::count;
use crate::model::core::vocabulary::Ingredient;
use crate::model::goals::Goal;
use crate::model::workspace::records::Partner;

/// The longest vision, in words.
pub const VISION_MAX_WORDS: usize = 35;
/// The shortest vision that still says who it is for and what changes.
pub const VISION_MIN_WORDS: usize = 5;
/// The longest product pitch, in words: thirty seconds at a conversational 160 words a
/// minute, the length of an elevator pitch.
pub const PRODUCT_MAX_WORDS: usize = 80;
/// The shortest text that counts as more than a note to self, for the ingredients that
/// need a sentence or more.
pub const MIN_WORDS: usize = 8;

/// How far one ingredient has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Nothing written yet.
    Missing,
    /// Written, but a check fails.
    Weak,
    /// Written and every check passes.
    Ready,
}

impl Status {
    /// Points toward the completeness score: 0, 1 or 2.
    pub fn points(self) -> u32 {
        match self {
            Status::Missing => 0,
            Status::Weak => 1,
            Status::Ready => 2,
        }
    }

    /// A short word for the screen.
    pub fn label(self) -> &'static str {
        match self {
            Status::Missing => "Missing",
            Status::Weak => "Needs work",
            Status::Ready => "Ready",
        }
    }

    /// A stable key for styling and tests.
    pub fn key(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Weak => "weak",
            Status::Ready => "ready",
        }
    }
}

/// The result of checking one ingredient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub ingredient: Ingredient,
    pub status: Status,
    /// One sentence: what passed, or what falls short and what to do about it.
    pub message: String,
}

/// What the checks need to know about the partner.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The partner's name: mentioning it counts as speaking about their side.
    pub partner_name: &'a str,
    /// The partner's shared goals, which the mutual goal should link to.
    pub goals: &'a [Goal],
}

impl<'a> Context<'a> {
    pub fn of(partner: &'a Partner) -> Self {
        Context {
            partner_name: &partner.name,
            goals: &partner.goals,
        }
    }
}

/// The completeness of a pitch: two points per ready ingredient, one per ingredient
/// written but falling short, none for a missing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completeness {
    pub points: u32,
    /// Twice the number of ingredients: 24.
    pub max: u32,
    /// `points / max` as a whole percentage, rounded half up: 0–100, and 100 only when
    /// every ingredient is ready.
    pub percent: u8,
    pub ready: usize,
    pub weak: usize,
    pub missing: usize,
}

/// Every ingredient's check, in the order of [`Ingredient::ALL`].
pub fn checks(pitch: &Pitch, ctx: &Context) -> Vec<Check> {
    Ingredient::ALL
        .iter()
        .map(|i| check_ingredient(*i, pitch, ctx))
        .collect()
}

/// The completeness of `pitch`.
pub fn completeness(pitch: &Pitch, ctx: &Context) -> Completeness {
    score(&checks(pitch, ctx))
}

/// The completeness that a set of checks adds up to.
pub fn score(checks: &[Check]) -> Completeness {
    let count = |s: Status| checks.iter().filter(|c| c.status == s).count();
    let points: u32 = checks.iter().map(|c| c.status.points()).sum();
    let max = 2 * Ingredient::ALL.len() as u32;
    // Rounded half up in integers; min(100) guards a caller passing extra checks.
    let percent = ((points * 100 + max / 2) / max).min(100) as u8;
    Completeness {
        points,
        max,
        percent,
        ready: count(Status::Ready),
        weak: count(Status::Weak),
        missing: count(Status::Missing),
    }
}

/// Checks one ingredient of `pitch`.
pub fn check_ingredient(ingredient: Ingredient, pitch: &Pitch, ctx: &Context) -> Check {
    check_text(ingredient, pitch.text(ingredient), pitch, ctx)
}

/// Whether `text` counts as written: the one rule for "missing", which the checklist
/// and the outreach memo both follow, so an ingredient the checklist counts as written
/// (weak or ready) is always in the memo and a missing one never is.
pub fn is_written(text: &str) -> bool {
    !Text::new(text).words.is_empty()
}

/// Checks `text` as the given ingredient of `pitch`, whatever the pitch holds for it:
/// the editor checks what is being typed before it is saved.
pub fn check_text(ingredient: Ingredient, text: &str, pitch: &Pitch, ctx: &Context) -> Check {
    let t = Text::new(text);
    let result = if !is_written(text) {
        Err((Status::Missing, missing(ingredient)))
    } else {
        match ingredient {
            Ingredient::Vision => vision(&t),
            Ingredient::Challenges => challenges(&t, ctx),
            Ingredient::Excitement => excitement(&t, ctx),
            Ingredient::Incumbent => incumbent(&t, ctx),
            Ingredient::Core => core(&t),
            Ingredient::Product => product(&t),
            Ingredient::MutualGoal => mutual_goal(&t, pitch, ctx),
            Ingredient::FirstStep => first_step(&t),
            Ingredient::ExclusivePath => exclusive_path(&t),
            Ingredient::Praise => praise(&t, ctx),
            Ingredient::Beliefs => beliefs(&t),
            Ingredient::Close => close(&t, ctx),
        }
        .and_then(|ready| match t.plain_review(ctx) {
            Some(fog) => Err(Weak(fog)),
            None => Ok(ready),
        })
        .map_err(|Weak(message)| (Status::Weak, message))
    };
    let (status, message) = match result {
        Ok(message) => (Status::Ready, message),
        Err(failed) => failed,
    };
    Check {
        ingredient,
        status,
        message,
    }
}

/// What to write when an ingredient is still blank.
fn missing(ingredient: Ingredient) -> String {
    let what = match ingredient {
        Ingredient::Vision => "the future you both want, in one sentence",
        Ingredient::Challenges => "the problems both companies face",
        Ingredient::Excitement => "what excites you about what they built",
        Ingredient::Incumbent => "the established player you both want to overtake",
        Ingredient::Core => "what to build first and what comes around it",
        Ingredient::Product => "the joint product in plain words",
        Ingredient::MutualGoal => "one result both sides want and can measure",
        Ingredient::FirstStep => "a first step they can take on their own",
        Ingredient::ExclusivePath => "what would earn a more exclusive deal later",
        Ingredient::Praise => "something specific they did well",
        Ingredient::Beliefs => "a belief about technology you share",
        Ingredient::Close => "the concrete help you offer",
    };
    format!("Not written yet: write {what}.")
}

/// Ready, with what the ingredient does well, or weak, with what to write.
type Verdict = Result<String, Weak>;

/// What to write to make a weak ingredient ready: advice shown as the check's message,
/// not an error.
struct Weak(String);

impl From<&str> for Weak {
    fn from(advice: &str) -> Self {
        Weak(advice.to_owned())
    }
}

impl From<String> for Weak {
    fn from(advice: String) -> Self {
        Weak(advice)
    }
}

fn vision(t: &Text) -> Verdict {
    let (words, sentences) = (t.words.len(), t.sentences);
    if sentences > 1 {
        return Err(Weak(format!(
            "It has {sentences} sentences; join them into one that can be repeated after a single hearing."
        )));
    }
    if words > VISION_MAX_WORDS {
        return Err(Weak(format!(
            "It runs to {words} words; cut it to {VISION_MAX_WORDS} or fewer."
        )));
    }
    if words < VISION_MIN_WORDS {
        return Err(Weak(format!(
            "Only {}; use at least {VISION_MIN_WORDS} to say who it is for and what changes.",
            count(words, "word")
        )));
    }
    Ok(format!("One sentence of {words} words."))
}

fn challenges(t: &Text, ctx: &Context) -> Verdict {
    enough_words(t)?;
    let (ours, yours) = (t.has_any(OURS), t.has_any(YOURS) || t.names_them(ctx));
    // An obstacle outside both companies ("the labels never understood…") is shared by
    // nature; a problem told from one side only is not yet.
    let outside = !ours && !yours;
    if !(t.has_any(BOTH) || (ours && t.speaks_to_them(ctx)) || outside) {
        return Err(
            "Show that the problem is shared: say how it hurts them and how it hurts us, or write \"both\"."
                .into(),
        );
    }
    Ok("Names a problem both sides share.".into())
}

fn excitement(t: &Text, ctx: &Context) -> Verdict {
    enough_words(t)?;
    if !t.speaks_to_them(ctx) {
        return Err(Weak(format!(
            "Point at their work: write to them (\"what you built\") or name {} and the product that excites you.",
            name_or_them(ctx)
        )));
    }
    Ok("Speaks to what they built.".into())
}

fn incumbent(t: &Text, ctx: &Context) -> Verdict {
    if t.proper_nouns(ctx).is_empty() {
        return Err(
            "Name the incumbent with its capitalised name, not \"the big players\", so both sides picture the same rival."
                .into(),
        );
    }
    enough_words(t)?;
    Ok("Names the rival and what it holds back.".into())
}

fn core(t: &Text) -> Verdict {
    let first = t.has_any(FIRST);
    let around = t.has_any(AROUND);
    match (first, around) {
        (true, true) => Ok("Says what comes first and what follows around it.".into()),
        (false, _) => Err(
            "Say what gets built first (\"first\", \"the core\", \"start with\"), before anything else."
                .into(),
        ),
        (true, false) => Err(
            "Say what comes around the core afterwards (\"then\", \"later\", \"around it\")."
                .into(),
        ),
    }
}

fn product(t: &Text) -> Verdict {
    let words = t.words.len();
    if words > PRODUCT_MAX_WORDS {
        return Err(Weak(format!(
            "It runs to {words} words; keep it to {PRODUCT_MAX_WORDS} or fewer, about thirty seconds spoken."
        )));
    }
    enough_words(t)?;
    Ok(format!("Plain and short: {words} words."))
}

fn mutual_goal(t: &Text, pitch: &Pitch, ctx: &Context) -> Verdict {
    if !ctx.goals.is_empty() {
        let linked = pitch
            .goal
            .as_ref()
            .and_then(|id| ctx.goals.iter().find(|g| &g.id == id));
        return match (linked, &pitch.goal) {
            (Some(goal), _) => Ok(format!(
                "Linked to the shared goal \"{}\".",
                short(&goal.statement)
            )),
            (None, Some(_)) => Err(
                "The linked goal is no longer among the partner's shared goals; link one that is."
                    .into(),
            ),
            (None, None) => Err(Weak(format!(
                "{} {} recorded: link the one this goal speaks to.",
                name_or_them(ctx),
                if ctx.goals.len() == 1 {
                    "has a shared goal".to_owned()
                } else {
                    format!("has {} shared goals", ctx.goals.len())
                }
            ))),
        };
    }
    if !(t.has_number() || t.has_any(MEASURE)) {
        return Err(
            "Make it measurable: put a number or a rank on it, such as users, revenue, a date or \"the first\"."
                .into(),
        );
    }
    Ok("Measurable. Record it as a shared goal once both sides agree, then link it.".into())
}

fn first_step(t: &Text) -> Verdict {
    if !t.has_any(SELF_SERVE) {
        return Err(
            "Point to a step they can take alone, without a contract: the public API, the self-serve tools, a sandbox."
                .into(),
        );
    }
    Ok("A first step they can take on their own.".into())
}

fn exclusive_path(t: &Text) -> Verdict {
    if !t.has_any(CONDITION) {
        return Err(
            "Make exclusivity conditional: say when it would make sense (\"once\", \"when\", \"if\")."
                .into(),
        );
    }
    if !(t.has_number() || t.has_any(LEVERAGE)) {
        return Err(
            "Put a number on the leverage it needs, such as users reached or revenue, so both sides can check it."
                .into(),
        );
    }
    Ok("Exclusivity is tied to a condition you can measure.".into())
}

fn praise(t: &Text, ctx: &Context) -> Verdict {
    if !t.has_number() && t.proper_nouns(ctx).is_empty() {
        return Err(
            "Make it specific: name the launch, the feature or the person, or the number you admire."
                .into(),
        );
    }
    enough_words(t)?;
    Ok("Specific praise.".into())
}

fn beliefs(t: &Text) -> Verdict {
    if !t.has_any(BELIEF) {
        return Err(
            "State the belief itself, such as \"We both believe …\", and the technology choice it leads to."
                .into(),
        );
    }
    enough_words(t)?;
    Ok("States a shared belief.".into())
}

fn close(t: &Text, ctx: &Context) -> Verdict {
    if !t.has_any(OFFER) {
        return Err(
            "Offer to do something: send, introduce, set up, build, share or lend a hand with something."
                .into(),
        );
    }
    // A name ("with Facebook", "to Owen") says what or whom the help is for; an acronym
    // ("the API") names a kind of thing, not the thing.
    let named = t
        .proper_nouns(ctx)
        .iter()
        .any(|w| w.chars().any(char::is_lowercase));
    if !(t.has_number() || t.has_any(WHEN) || t.has_month() || t.has_any(THING) || named) {
        return Err(
            "Make the offer concrete: name the thing (a prototype, an engineer, an introduction, the product you will help with) or the time (next week, 12 March)."
                .into(),
        );
    }
    Ok("Offers concrete help.".into())
}

fn enough_words(t: &Text) -> Result<(), Weak> {
    let n = t.words.len();
    if n < MIN_WORDS {
        return Err(Weak(format!(
            "Only {}; write at least {MIN_WORDS} so it says something specific.",
            count(n, "word")
        )));
    }
    Ok(())
}

fn name_or_them(ctx: &Context) -> String {
    let name = crate::model::core::text::one_line(ctx.partner_name);
    if name.is_empty() {
        "the partner".into()
    } else {
        name
    }
}

/// A goal statement shortened for a message.
fn short(statement: &str) -> String {
    let one = crate::model::core::text::one_line(statement);
    if one.chars().count() > 60 {
        format!("{}…", one.chars().take(59).collect::<String>())
    } else {
        one
    }
}

// The marker words. Each list is matched against whole lower-case words (and
// phrases of whole words); `docs/model/pitch.md` repeats them.

/// Words that speak for both sides at once.
pub const BOTH: &[&str] = &[
    "both",
    "each of us",
    "all of us",
    "shared",
    "share",
    "together",
    "mutual",
];
/// Words for our side.
pub const OURS: &[&str] = &["we", "our", "ours", "us", "we're", "we've", "i", "my"];
/// Words for their side (the partner's name counts too).
pub const THEIRS: &[&str] = &[
    "you", "your", "yours", "you're", "you've", "they", "their", "them", "theirs",
];
/// Words that speak to the partner directly: "they" may be a third party.
pub const YOURS: &[&str] = &[
    "you", "your", "yours", "you're", "you've", "you'll", "you'd",
];
/// What comes first.
pub const FIRST: &[&str] = &[
    "first",
    "core",
    "start",
    "start with",
    "starting",
    "begin",
    "foundation",
];
/// What comes around the core afterwards.
pub const AROUND: &[&str] = &[
    "then",
    "later",
    "around",
    "after",
    "afterwards",
    "next",
    "on top",
    "once",
];
/// A measurable result without a number: a rank or a spelled-out amount.
pub const MEASURE: &[&str] = &[
    "the first",
    "the largest",
    "the biggest",
    "number one",
    "twice",
    "double",
    "triple",
    "half",
    "two",
    "three",
    "four",
    "five",
    "ten",
    "hundred",
    "thousand",
    "million",
    "millions",
    "billion",
];
/// The leverage exclusivity needs, named when there is no number: the position in the
/// market that would make a deal fair.
pub const LEVERAGE: &[&str] = &[
    "leverage",
    "traction",
    "market share",
    "scale",
    "reach",
    "users",
    "listeners",
    "customers",
    "subscribers",
    "revenue",
];
/// A step a partner can take without a contract.
pub const SELF_SERVE: &[&str] = &[
    "api",
    "apis",
    "public",
    "self-serve",
    "self serve",
    "selfserve",
    "sdk",
    "sandbox",
    "developer",
    "developers",
    "docs",
    "documentation",
    "sign up",
    "sign-up",
    "signup",
    "no contract",
    "without a contract",
    "open",
    "embed",
    "widget",
    "plugin",
    "platform",
    "platforms",
    "self-service",
    "free tier",
    "free plan",
    "free trial",
    "on your own",
];
/// Words that make something conditional.
pub const CONDITION: &[&str] = &["once", "when", "if", "after", "until", "as soon as"];
/// Words that state a belief.
pub const BELIEF: &[&str] = &[
    "believe",
    "believes",
    "believed",
    "believer",
    "believers",
    "belief",
    "beliefs",
    "convinced",
    "conviction",
    "bet",
    "bets",
    "betting",
    "think",
    "agree",
    "share",
    "principle",
    "principles",
];
/// The many ways to offer help: a verb of giving, a willingness ("happy to", "we'd love
/// to"), a promise ("I'll", "we will") or a proposal ("shall we", "can we").
pub const OFFER: &[&str] = &[
    "offer",
    "help",
    "helpful",
    "support",
    "send",
    "share",
    "introduce",
    "set up",
    "lend",
    "give",
    "host",
    "run",
    "build",
    "provide",
    "bring",
    "put",
    "show",
    "walk you through",
    "happy to",
    "glad to",
    "love to",
    "eager to",
    "keen to",
    "let me know how",
    "let us know how",
    "i'll",
    "we'll",
    "i will",
    "we will",
    "shall we",
    "can we",
    "could we",
    "let's",
];
/// Times concrete enough to act on (a number or a month name also counts).
pub const WHEN: &[&str] = &[
    "today",
    "tomorrow",
    "tonight",
    "this week",
    "next week",
    "this month",
    "next month",
    "this quarter",
    "next quarter",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Things concrete enough to accept.
pub const THING: &[&str] = &[
    "prototype",
    "demo",
    "draft",
    "mock-up",
    "mockup",
    "sandbox",
    "workshop",
    "engineer",
    "engineers",
    "introduction",
    "introductions",
    "intro",
    "dataset",
    "credits",
    "keys",
    "spec",
    "checklist",
    "template",
    "report",
    "plan",
];
/// Month names, matched with their capital so the verb "may" does not count.
pub const MONTHS: &[&str] = &crate::model::core::month::MONTH_NAMES;

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "approx.",
];

/// A text read once for the checks.
struct Text {
    /// The words as written, split on white space.
    words: Vec<String>,
    /// The lower-case words, trimmed of surrounding punctuation, joined by single spaces
    /// with a space at each end, so a marker `m` matches as `" m "`.
    joined: String,
    /// How many sentences: each line counts its sentence ends, and an unfinished last
    /// sentence counts as one.
    sentences: usize,
    /// Indices of the words that begin a sentence (or a line).
    starts: Vec<usize>,
}

impl Text {
    fn new(text: &str) -> Self {
        let mut words = Vec::new();
        let mut starts = Vec::new();
        let mut sentences = 0;
        for line in text.lines() {
            let line_words: Vec<&str> = line.split_whitespace().collect();
            let mut at_start = true;
            for (i, word) in line_words.iter().enumerate() {
                if at_start {
                    starts.push(words.len());
                }
                let next = line_words.get(i + 1).copied();
                at_start = ends_sentence(word, next);
                if at_start {
                    sentences += 1;
                }
                words.push((*word).to_owned());
            }
            if !at_start {
                sentences += 1;
            }
        }
        let bare: Vec<String> = words.iter().map(|w| bare(w).to_lowercase()).collect();
        let joined = format!(" {} ", bare.join(" "));
        Text {
            words,
            joined,
            sentences,
            starts,
        }
    }

    fn has_any(&self, markers: &'static [&'static str]) -> bool {
        self.first_of(markers).is_some()
    }

    /// The first marker of the list that the text holds.
    fn first_of(&self, markers: &'static [&'static str]) -> Option<&'static str> {
        markers
            .iter()
            .find(|m| self.joined.contains(&format!(" {m} ")))
            .copied()
    }

    fn has_number(&self) -> bool {
        self.words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()))
    }

    fn has_month(&self) -> bool {
        self.words.iter().any(|w| MONTHS.contains(&bare(w)))
    }

    /// Whether the text speaks to or about the partner.
    fn speaks_to_them(&self, ctx: &Context) -> bool {
        self.has_any(THEIRS) || self.names_them(ctx)
    }

    /// Whether the text names the partner.
    fn names_them(&self, ctx: &Context) -> bool {
        // The name as whole words, possibly possessive: "Zuri Pay", "Zuri Pay's".
        let name: Vec<String> = ctx
            .partner_name
            .split_whitespace()
            .map(|w| bare(w).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        if name.is_empty() {
            return false;
        }
        let name = name.join(" ");
        [" ", "'s ", "’s "]
            .iter()
            .any(|end| self.joined.contains(&format!(" {name}{end}")))
    }

    /// Names of companies, products, places and people, other than the partner's own:
    /// see [`Text::is_name`].
    fn proper_nouns(&self, ctx: &Context) -> Vec<&str> {
        let theirs = name_words(ctx);
        (0..self.words.len())
            .filter(|i| self.is_name(*i, &[]) && !is_theirs(bare(&self.words[*i]), &theirs))
            .map(|i| bare(&self.words[i]))
            .collect()
    }

    /// Whether word `i` is a name: camel case ("iPod", "YouTube") or an acronym ("AOL",
    /// "APIs") anywhere; a capitalised word that does not start a sentence or a line; a
    /// capitalised opener that the text capitalises elsewhere too, or that is one of
    /// `known` (the partner's name). Never "I" ("I'm", "I'll"…).
    fn is_name(&self, i: usize, known: &[String]) -> bool {
        let w = bare(&self.words[i]);
        if matches!(
            w.replace('’', "'").as_str(),
            "I" | "I'm" | "I've" | "I'd" | "I'll"
        ) {
            return false;
        }
        if is_camel(w) || is_acronym(w) {
            return true;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        if !self.starts.contains(&i) {
            return true;
        }
        is_theirs(w, known)
            || self
                .words
                .iter()
                .enumerate()
                .any(|(k, other)| k != i && !self.starts.contains(&k) && bare(other) == w)
    }

    /// What an editor would say about the text: `None` when it reads plainly.
    fn plain_review(&self, ctx: &Context) -> Option<String> {
        let theirs = name_words(ctx);
        let words: Vec<Word> = (0..self.words.len())
            .map(|i| Word {
                bare: bare(&self.words[i]),
                name: self.is_name(i, &theirs),
            })
            .collect();
        let mut bounds = self.starts.clone();
        bounds.push(self.words.len());
        let sentences: Vec<std::ops::Range<usize>> =
            bounds.windows(2).map(|w| w[0]..w[1]).collect();
        plain::review(&words, &sentences)
    }
}

/// The words of the partner's name, lower case.
fn name_words(ctx: &Context) -> Vec<String> {
    ctx.partner_name
        .split_whitespace()
        .map(|w| bare(w).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `word` (possibly possessive) is one of the partner's name words.
fn is_theirs(word: &str, theirs: &[String]) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches("'s").trim_end_matches("’s");
    theirs.iter().any(|t| lower == t)
}

/// Camel case: a capital right after a lower-case letter ("iPod", "YouTube", "eBay").
fn is_camel(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(2)
        .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
}

/// An acronym: two capitals or more and no lower-case letter but a plural "s" ("API",
/// "APIs", "AOL").
fn is_acronym(word: &str) -> bool {
    let stem = word.strip_suffix('s').unwrap_or(word);
    let stem = stem.strip_suffix('\'').unwrap_or(stem);
    stem.chars().filter(|c| c.is_uppercase()).count() >= 2 && !stem.chars().any(char::is_lowercase)
}

/// A word without the punctuation around it ("(APIs)," → "APIs"); inner hyphens and
/// apostrophes stay ("self-serve", "we're").
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `word` ends a sentence: it ends in `.`, `!`, `?` or `…` (before any closing
/// quote or bracket), is not a known abbreviation, and the next word, if any, starts
/// with a capital letter, a digit or an opening quote.
fn ends_sentence(word: &str, next: Option<&str>) -> bool {
    let end = word.trim_end_matches(['"', '\'', ')', ']', '”', '’']);
    if !end.ends_with(['.', '!', '?', '…']) {
        return false;
    }
    if ABBREVIATIONS.contains(&end.to_lowercase().as_str()) {
        return false;
    }
    match next.and_then(|n| n.chars().find(|c| c.is_alphanumeric())) {
        None => true,
        Some(c) => c.is_uppercase() || c.is_ascii_digit(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_counted_per_line_and_at_capitals() {
        assert_eq!(Text::new("One. Two! Three?").sentences, 3);
        assert_eq!(Text::new("No end mark").sentences, 1);
        assert_eq!(Text::new("Ends here. and continues").sentences, 1);
        assert_eq!(Text::new("Use e.g. Loopline and more.").sentences, 1);
        assert_eq!(Text::new("- first item\n- second item").sentences, 2);
        assert_eq!(Text::new("Version 2.5 ships. Then 3.").sentences, 2);
        assert_eq!(Text::new("").sentences, 0);
        assert_eq!(Text::new("  \n \n").sentences, 0);
    }

    #[test]
    fn markers_match_whole_words_only() {
        let t = Text::new("Our application (APIs) are self-serve.");
        assert!(t.has_any(&["apis"]));
        assert!(t.has_any(&["self-serve"]));
        assert!(!t.has_any(&["api"]));
        assert!(!t.has_any(&["app"]));
        assert!(Text::new("We will set up a call").has_any(&["set up"]));
    }

    #[test]
    fn proper_nouns_skip_sentence_starts_i_and_the_partner() {
        let ctx = Context {
            partner_name: "Zuri Pay",
            goals: &[],
        };
        let t = Text::new("Banks hold it back. I think Zuri Pay's wallet beats Vexbank.");
        assert_eq!(t.proper_nouns(&ctx), vec!["Vexbank"]);
        let t = Text::new("Today I’m sure and I’ll say Vexbank wins.");
        assert_eq!(t.proper_nouns(&ctx), vec!["Vexbank"]);
    }

    #[test]
    fn the_partner_is_recognised_by_its_whole_name_even_possessive() {
        let ctx = Context {
            partner_name: "Zuri Pay",
            goals: &[],
        };
        assert!(Text::new("Zuri Pay's wallet is idle").speaks_to_them(&ctx));
        assert!(Text::new("Zuri Pay’s wallet").speaks_to_them(&ctx));
        assert!(Text::new("Music in zuri pay.").speaks_to_them(&ctx));
        assert!(!Text::new("Pay by card at Zuri").speaks_to_them(&ctx));
        assert!(!Text::new("Zuri Payments is a rival").speaks_to_them(&ctx));
        let blank = Context {
            partner_name: " ",
            goals: &[],
        };
        assert!(!Text::new("Nothing about anyone").speaks_to_them(&blank));
    }

    #[test]
    fn camel_case_acronyms_and_inner_capitals_are_names() {
        let ctx = Context {
            partner_name: "Spotify",
            goals: &[],
        };
        let t = Text::new("The iPod monopoly. AOL and YouTube lost to Spotify's app. I'm sure.");
        assert_eq!(t.proper_nouns(&ctx), vec!["iPod", "AOL", "YouTube"]);
        // An opener is a name when the text capitalises it inside a sentence too.
        let t = Text::new("Napster was first. We admired Napster.");
        assert!(t.is_name(0, &[]));
        assert!(!t.is_name(3, &[]));
    }
}
