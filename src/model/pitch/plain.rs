//! Plain language: how an editor reads a pitch, sentence by sentence.
//!
//! A fixed list of jargon misses every buzzword not on it, so the measure here counts
//! *fog*: the words a reader cannot picture. Each word that is not a name or a number is
//! weighed once, by the first of these that fits:
//!
//! | kind | weight | what it catches |
//! |---|---|---|
//! | buzzword | 2 | a word of [`BUZZWORDS`], a phrase of [`BUZZ_PHRASES`], "leverage" used as a verb, or a hyphenated compound built like a buzzword ([`BUZZ_ENDS`], [`BUZZ_STARTS`]: "AI-powered", "customer-centric", "hyper-local") |
//! | officialese | 1 | a word of [`OFFICIALESE`], which has a plainer one ("utilize": "use") |
//! | vague | 1 | an intensifier or weasel word of [`VAGUE`] ("very", "extremely") |
//! | abstract noun | 1 | a word of [`NOMINAL_MIN_LETTERS`] letters or more ending like a nominalisation ([`NOMINAL_ENDS`]: -tion, -ment, -ity, -ence…) |
//! | long word | 1 | [`LONG_WORD_LETTERS`] letters or more |
//!
//! A sentence, or the whole text, is foggy when its fog reaches [`FOG_MIN`] points *and*
//! a quarter of its words ([`FOG_SHARE`]): one "leveraging" in a concrete paragraph is
//! tolerated, as an editor would; a sentence made of them is not. A sentence longer than
//! [`SENTENCE_MAX_WORDS`] words also fails: it has to be read twice.
//!
//! Names are never fog: a capitalised word inside a sentence, camel case ("iPod",
//! "YouTube"), an acronym ("API", "SDK"), the partner's own name, and a capitalised
//! sentence opener that the text also capitalises inside a sentence.

/// A sentence longer than this has to be read twice.
pub const SENTENCE_MAX_WORDS: usize = 40;
/// The fewest fog points that can make a sentence (or a text) foggy.
pub const FOG_MIN: u32 = 3;
/// Foggy when fog points × `FOG_SHARE` ≥ words: a quarter.
pub const FOG_SHARE: u32 = 4;
/// A word of this many letters or more is long (parts of a hyphenated word count apart).
pub const LONG_WORD_LETTERS: usize = 12;
/// The shortest word read as an abstract noun by its ending ("question" is not).
pub const NOMINAL_MIN_LETTERS: usize = 9;

/// Buzzwords: words that sound like meaning without carrying any. Drawn from the GOV.UK
/// style guide's "Words to avoid" (gov.uk/guidance/style-guide/a-to-z, Open Government
/// Licence v3.0: empower, facilitate, foster, incentivise, leverage, overarching,
/// robust, streamline, "going forward", "one-stop shop") and the marketing
/// words the memo's own advice warns against (synergy, seamless, paradigm…). Matched on
/// the whole lower-case word.
pub const BUZZWORDS: &[&str] = &[
    "actionable",
    "disincentivise",
    "disincentivize",
    "disruptive",
    "ecosystem",
    "ecosystems",
    "empower",
    "empowering",
    "empowers",
    "end-to-end",
    "facilitate",
    "facilitates",
    "facilitating",
    "foster",
    "fostering",
    "frictionless",
    "gamify",
    "holistic",
    "ideate",
    "impactful",
    "incentivise",
    "incentivize",
    "innovative",
    "monetise",
    "monetize",
    "next-gen",
    "next-generation",
    "next-level",
    "omnichannel",
    "overarching",
    "paradigm",
    "paradigms",
    "reimagine",
    "reimagined",
    "revolutionary",
    "revolutionise",
    "revolutionize",
    "robust",
    "scalable",
    "seamless",
    "seamlessly",
    "streamline",
    "streamlined",
    "supercharge",
    "synergies",
    "synergise",
    "synergistic",
    "synergize",
    "synergy",
    "transformative",
    "turnkey",
    "unleash",
    "value-add",
];

/// Buzz phrases, matched as whole words side by side.
pub const BUZZ_PHRASES: &[&str] = &[
    "at scale",
    "best practice",
    "best practices",
    "circle back",
    "deep dive",
    "going forward",
    "low-hanging fruit",
    "move the needle",
    "one-stop shop",
    "thought leadership",
    "value proposition",
];

/// The last part of a hyphenated compound that makes it a buzzword: "data-driven",
/// "user-centric", "AI-powered", "best-in-class", "cutting-edge", "game-changing",
/// "state-of-the-art", "enterprise-grade", "future-proof", "world-leading".
pub const BUZZ_ENDS: &[&str] = &[
    "driven",
    "centric",
    "powered",
    "enabled",
    "oriented",
    "optimized",
    "optimised",
    "class",
    "edge",
    "changing",
    "changer",
    "breaking",
    "grade",
    "proof",
    "breed",
    "art",
    "leading",
];

/// The first part of a hyphenated compound that makes it a buzzword:
/// "hyper-local", "omni-channel", "mission-critical", "win-win".
pub const BUZZ_STARTS: &[&str] = &[
    "hyper", "omni", "ultra", "mega", "mission", "thought", "win", "bleeding", "cutting",
];

/// Officialese with a plainer word, from plainlanguage.gov's "Use simple words and
/// phrases" (US federal plain-language guidelines, public domain); only the single
/// words a pitch is likely to reach for, each with the plain word the guideline gives.
pub const OFFICIALESE: &[(&str, &str)] = &[
    ("accomplish", "do"),
    ("additional", "more"),
    ("advantageous", "helpful"),
    ("anticipate", "expect"),
    ("approximately", "about"),
    ("assistance", "help"),
    ("capability", "ability"),
    ("commence", "start"),
    ("component", "part"),
    ("consequently", "so"),
    ("demonstrate", "show"),
    ("endeavor", "try"),
    ("endeavour", "try"),
    ("equitable", "fair"),
    ("expedite", "speed up"),
    ("feasible", "workable"),
    ("finalize", "finish"),
    ("implement", "carry out"),
    ("inception", "start"),
    ("initiate", "start"),
    ("magnitude", "size"),
    ("methodology", "method"),
    ("necessitate", "need"),
    ("numerous", "many"),
    ("optimum", "best"),
    ("participate", "take part"),
    ("prioritize", "rank"),
    ("proficiency", "skill"),
    ("subsequently", "later"),
    ("sufficient", "enough"),
    ("terminate", "end"),
    ("utilise", "use"),
    ("utilization", "use"),
    ("utilize", "use"),
];

/// Intensifiers and weasel words: they ask the reader to take a claim on trust. From
/// btford/weasel-words (MIT licence) and the intensifiers style guides cut ("really",
/// "truly", "incredibly").
pub const VAGUE: &[&str] = &[
    "absolutely",
    "amazing",
    "awesome",
    "clearly",
    "completely",
    "exceedingly",
    "excellent",
    "extremely",
    "fairly",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "insanely",
    "largely",
    "literally",
    "massively",
    "quite",
    "really",
    "relatively",
    "remarkably",
    "significantly",
    "substantially",
    "surprisingly",
    "totally",
    "tremendous",
    "truly",
    "unparalleled",
    "unprecedented",
    "various",
    "vast",
    "very",
];

/// Endings of abstract nouns made from verbs and adjectives.
pub const NOMINAL_ENDS: &[&str] = &[
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ances",
    "ence", "ences", "ancy", "ency",
];

/// Why a word is fog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fog {
    Buzzword,
    /// With the plainer word.
    Officialese(&'static str),
    Vague,
    Abstract,
    Long,
}

impl Fog {
    /// Fog points: a buzzword weighs two, every other kind one.
    pub fn points(self) -> u32 {
        match self {
            Fog::Buzzword => 2,
            _ => 1,
        }
    }
}

/// One word as the plain-language reading needs it.
#[derive(Clone, Debug)]
pub struct Word<'a> {
    /// Without the punctuation around it, as written.
    pub bare: &'a str,
    /// A name (of a company, product, person or place): never fog.
    pub name: bool,
}

/// The fog of each word, `None` for plain ones. Phrases weigh on their first word.
pub fn weigh(words: &[Word]) -> Vec<Option<Fog>> {
    let lower: Vec<String> = words.iter().map(|w| w.bare.to_lowercase()).collect();
    let mut fog: Vec<Option<Fog>> = vec![None; words.len()];
    let mut covered = vec![false; words.len()];
    for phrase in BUZZ_PHRASES {
        let parts: Vec<&str> = phrase.split(' ').collect();
        for i in 0..words.len().saturating_sub(parts.len() - 1) {
            if (0..parts.len()).all(|k| lower[i + k] == parts[k] && !covered[i + k]) {
                fog[i] = Some(Fog::Buzzword);
                covered[i..i + parts.len()]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        if covered[i] {
            continue;
        }
        let previous = i.checked_sub(1).map(|p| lower[p].as_str());
        fog[i] = word_fog(&lower[i], w.name, previous);
    }
    fog
}

fn word_fog(lower: &str, name: bool, previous: Option<&str>) -> Option<Fog> {
    if lower.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole = lower.trim_end_matches("'s").trim_end_matches("’s");
    if BUZZWORDS.contains(&whole) {
        return Some(Fog::Buzzword);
    }
    // A hyphenated compound built like a buzzword is one even on a name ("AI-powered").
    let parts: Vec<&str> = lower.split(['-', '/']).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 {
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        if BUZZ_ENDS.contains(&last) || BUZZ_STARTS.contains(&first) {
            return Some(Fog::Buzzword);
        }
    }
    if name {
        return None;
    }
    parts
        .iter()
        .filter_map(|part| part_fog(part, previous))
        .min_by_key(|f| rank(*f))
}

/// The order in which the kinds are named: the worst first.
fn rank(f: Fog) -> u8 {
    match f {
        Fog::Buzzword => 0,
        Fog::Officialese(_) => 1,
        Fog::Vague => 2,
        Fog::Abstract => 3,
        Fog::Long => 4,
    }
}

fn part_fog(part: &str, previous: Option<&str>) -> Option<Fog> {
    let part = part.trim_end_matches("'s").trim_end_matches("’s");
    if BUZZWORDS.contains(&part) || leverage_as_verb(part, previous) {
        return Some(Fog::Buzzword);
    }
    if let Some((_, plain)) = OFFICIALESE.iter().find(|(w, _)| *w == part) {
        return Some(Fog::Officialese(plain));
    }
    if VAGUE.contains(&part) {
        return Some(Fog::Vague);
    }
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= NOMINAL_MIN_LETTERS && NOMINAL_ENDS.iter().any(|e| part.ends_with(e)) {
        return Some(Fog::Abstract);
    }
    if letters >= LONG_WORD_LETTERS {
        return Some(Fog::Long);
    }
    None
}

/// "Leverage" is a plain noun ("more leverage in the market") and a buzzword as a verb
/// ("leveraging the channels", "we leverage", "to leverage").
fn leverage_as_verb(part: &str, previous: Option<&str>) -> bool {
    match part {
        "leverages" | "leveraged" | "leveraging" => true,
        "leverage" => matches!(
            previous,
            Some(
                "to" | "we"
                    | "i"
                    | "you"
                    | "they"
                    | "will"
                    | "can"
                    | "could"
                    | "should"
                    | "would"
                    | "must"
                    | "let's"
            )
        ),
        _ => false,
    }
}

/// Whether `points` of fog in `words` words is foggy.
pub fn foggy(points: u32, words: usize) -> bool {
    points >= FOG_MIN && (points * FOG_SHARE) as usize >= words
}

/// What an editor would say about these words, sentence by sentence (each a range of
/// `words`), or `None` when they read plainly.
pub fn review(words: &[Word], sentences: &[std::ops::Range<usize>]) -> Option<String> {
    if let Some(long) = sentences.iter().find(|s| s.len() > SENTENCE_MAX_WORDS) {
        return Some(format!(
            "A sentence runs to {} words; split it so each has {SENTENCE_MAX_WORDS} or fewer.",
            long.len()
        ));
    }
    let fog = weigh(words);
    let points = |r: &std::ops::Range<usize>| -> u32 {
        fog[r.clone()].iter().flatten().map(|f| f.points()).sum()
    };
    let worst = sentences
        .iter()
        .filter(|s| foggy(points(s), s.len()))
        .max_by_key(|s| points(s) * 1000 / s.len().max(1) as u32)
        .cloned()
        .or_else(|| {
            let all = 0..words.len();
            foggy(points(&all), all.len()).then_some(all)
        })?;
    let scope = if worst.len() == words.len() && sentences.len() > 1 {
        "the text"
    } else {
        "a sentence"
    };
    Some(format!(
        "Say it plainly: in {scope} of {} words, {} make {} fog points, a quarter or more; say what a user does or gets instead.",
        worst.len(),
        named(words, &fog, worst.clone()),
        points(&worst),
    ))
}

/// The fog words of a range, grouped by kind, worst kind first, at most three each:
/// `the buzzword "seamless" and the abstract nouns "engagement", "experience"`.
fn named(words: &[Word], fog: &[Option<Fog>], range: std::ops::Range<usize>) -> String {
    // Indexed by `rank`: the name of one word of each kind, and of several.
    let kinds = [
        ("buzzword", "buzzwords"),
        ("officialese", "officialese"),
        ("vague word", "vague words"),
        ("abstract noun", "abstract nouns"),
        ("long word", "long words"),
    ];
    let mut groups = Vec::new();
    for (kind, (one, many)) in kinds.into_iter().enumerate() {
        let mut found: Vec<String> = Vec::new();
        for i in range.clone() {
            let Some(f) = fog[i].filter(|f| usize::from(rank(*f)) == kind) else {
                continue;
            };
            let quoted = match f {
                Fog::Officialese(plain) => format!("\"{}\" (say \"{plain}\")", words[i].bare),
                _ => format!("\"{}\"", words[i].bare),
            };
            if !found.contains(&quoted) {
                found.push(quoted);
            }
        }
        let label = match found.len() {
            0 => continue,
            1 => one,
            _ => many,
        };
        let more = found.len().saturating_sub(3);
        found.truncate(3);
        let mut list = found.join(", ");
        if more > 0 {
            list.push_str(&format!(" and {more} more"));
        }
        groups.push(format!("the {label} {list}"));
    }
    match groups.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => groups.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word<'_>> {
        text.split_whitespace()
            .map(|w| Word {
                bare: w.trim_matches(|c: char| !c.is_alphanumeric()),
                name: false,
            })
            .collect()
    }

    #[test]
    fn each_kind_is_weighed_once_by_the_worst_that_fits() {
        let w = words(
            "seamless utilize very transformation authentication plain AI-powered hyper-local",
        );
        let fog = weigh(&w);
        assert_eq!(
            fog,
            [
                Some(Fog::Buzzword),
                Some(Fog::Officialese("use")),
                Some(Fog::Vague),
                Some(Fog::Abstract),
                Some(Fog::Abstract),
                None,
                Some(Fog::Buzzword),
                Some(Fog::Buzzword),
            ]
        );
    }

    #[test]
    fn leverage_is_a_buzzword_only_as_a_verb() {
        let fog = weigh(&words("wait until you have more leverage in the market"));
        assert!(fog.iter().all(Option::is_none));
        let fog = weigh(&words("we will leverage and leveraging"));
        assert_eq!(fog[2], Some(Fog::Buzzword));
        assert_eq!(fog[4], Some(Fog::Buzzword));
    }

    #[test]
    fn phrases_weigh_once() {
        let fog = weigh(&words("going forward we move the needle"));
        let points: u32 = fog.iter().flatten().map(|f| f.points()).sum();
        assert_eq!(points, 4);
    }

    #[test]
    fn fog_needs_three_points_and_a_quarter_of_the_words() {
        assert!(!foggy(2, 2));
        assert!(foggy(3, 12));
        assert!(!foggy(3, 13));
    }
}
