//! A partner brief: one page on who a partner is and who matters there, to paste into
//! a document (as Markdown) or to print.
//!
//! The brief is built once as data — a [`Brief`] of [`Section`]s made of [`Block`]s —
//! and then written out: [`to_markdown`] writes the Markdown, and the brief screen
//! renders the very same blocks as HTML elements, so the copied text and the page never
//! disagree and no Markdown is ever turned into markup in the browser.
//!
//! Every string that came from a person (names, notes, tags, the program's name) is
//! escaped before it joins the Markdown, so a partner called `*Evil* [link](javascript:x)`
//! pastes as those very characters, never as emphasis or a link; the only link the brief
//! makes is the partner's website, and only when [`validate::website`] accepts it.
//!
//! # Adding a section
//! The brief holds the profile, the key players, the goals, the commitments of both
//! sides, the landing plan, the main metric's growth and buy-in
//! (`brief_delivery.rs`), health with its reasons and the latest meetings: one
//! function each, listed in order in [`brief`]; a section with nothing to show either
//! returns `None` (dropped) or a [`Block::Note`] saying "None yet." If a section needs a
//! new kind of content, add a [`Block`] variant and teach [`to_markdown`] and the brief
//! screen (`ui/partners/brief.rs`) to write it.
//!
//! ```
//! use tandem::model::{demo, documents::brief};
//! let ws = demo::workspace(chrono::Utc::now());
//! let md = brief::markdown(&ws, &ws.partners[0], chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
//! assert!(md.starts_with("# Partner brief: Loopline\n"));
//! ```

use crate::model::core::format::day;
use crate::model::core::text::{one_line, paragraphs};
use crate::model::core::vocabulary::label_or_not_set;
use crate::model::core::vocabulary::{DecisionRole, Stance};
use crate::model::documents::brief_delivery;
use crate::model::meetings::MapPoint;
use crate::model::workspace::records::{KeyPlayer, Partner, Workspace};
use crate::model::{formats::file, workspace::validate};
use chrono::NaiveDate;

/// A partner brief as data: what the Markdown and the brief screen both show.
#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    /// The partner's name on one line ("Unnamed partner" when blank).
    pub title: String,
    /// The program the brief belongs to.
    pub program: String,
    /// The day the brief was prepared.
    pub prepared: NaiveDate,
    pub sections: Vec<Section>,
}

/// One `##` section of the brief.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

/// The content of a section, in the order shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Label and value pairs, such as "Stage: Live".
    Facts(Vec<Fact>),
    /// A person's free text (notes): paragraphs split by blank lines, each line kept.
    Text(String),
    /// A titled entry: a key player, a meeting.
    Entry(Entry),
    /// A bullet list of one-line items, such as the shared goals.
    Items(Vec<String>),
    /// A short remark of the app's own, such as "None yet."
    Note(&'static str),
    /// A titled bullet list, such as one side's commitments; "None yet." when empty.
    List { title: String, items: Vec<String> },
}

/// A label and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub label: &'static str,
    pub value: Value,
}

/// A fact's value: text, or an address safe to make clickable.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    /// An http(s) address that passed [`validate::website`].
    Link(String),
}

/// A key player or a meeting as the brief shows it: a heading, a summary line and notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    /// For a key player, the title, role, influence and stance on one line:
    /// "VP Platform Partnerships · Decision maker · influence 5 of 5 · Supportive".
    pub summary: String,
    pub notes: String,
}

/// How many meetings the brief shows, newest first.
pub const LATEST_MEETINGS: usize = 3;

/// What a section says when there is nothing to list yet.
pub const NONE_YET: &str = "None yet.";

/// The brief of `partner`, prepared on `today`.
pub fn brief(ws: &Workspace, partner: &Partner, today: NaiveDate) -> Brief {
    let title = one_line(&partner.name);
    Brief {
        title: if title.is_empty() {
            "Unnamed partner".into()
        } else {
            title
        },
        program: one_line(&ws.program_name),
        prepared: today,
        sections: vec![
            profile(ws, partner),
            key_players(partner),
            goals(partner),
            brief_delivery::commitments(partner, today),
            brief_delivery::landing(ws, partner, today),
            brief_delivery::results(ws, partner, today),
            health(ws, partner, today),
            meetings(partner),
        ],
    }
}

/// The brief of `partner` as Markdown, safe to paste: see [`to_markdown`].
pub fn markdown(ws: &Workspace, partner: &Partner, today: NaiveDate) -> String {
    to_markdown(&brief(ws, partner, today))
}

/// A file name for the downloaded brief, such as `tandem-loopline-brief-2026-11-23.md`,
/// reduced to safe ASCII like every export name.
pub fn file_name(partner: &Partner, today: NaiveDate) -> String {
    let json = file::export_name(&partner.name, today, "-brief");
    let stem = json.strip_suffix(".json").unwrap_or(&json);
    format!("{stem}.md")
}

/// The profile: what kind of partner this is, where it stands, who owns it, and notes.
/// Empty optional fields (website, markets, owner, tags, notes) are left out rather than
/// printed blank.
fn profile(ws: &Workspace, p: &Partner) -> Section {
    let mut facts = Vec::new();
    let website = p.website.trim();
    if !website.is_empty() {
        let value = if validate::website(website).is_ok() {
            Value::Link(website.to_owned())
        } else {
            Value::Text(one_line(website))
        };
        facts.push(Fact {
            label: "Website",
            value,
        });
    }
    let mut text = |label, value: String| {
        if !value.is_empty() {
            facts.push(Fact {
                label,
                value: Value::Text(value),
            });
        }
    };
    text("Category", label_or_not_set(p.category).into());
    text("Market position", label_or_not_set(p.position).into());
    text("Markets", list(p.markets.iter().map(|m| ws.market_name(m))));
    text("Stage", p.stage.label().into());
    text("Ladder level", p.ladder.label().into());
    text("Owner", one_line(&p.owner));
    text("Tags", list(p.tags.iter().map(String::as_str)));
    let mut blocks = vec![Block::Facts(facts)];
    if !p.notes.trim().is_empty() {
        blocks.push(Block::Text(p.notes.clone()));
    }
    Section {
        heading: "Profile",
        blocks,
    }
}

/// The key players, most influential first, after a summary of who decides and how
/// they stand.
fn key_players(p: &Partner) -> Section {
    let heading = "Key players";
    if p.key_players.is_empty() {
        return Section {
            heading,
            blocks: vec![Block::Note(NONE_YET)],
        };
    }
    // People as read from the latest meetings: the reading every figure uses.
    let read = crate::model::meetings::map(p);
    let mut blocks = vec![Block::Facts(who_decides(&p.key_players, &read))];
    let mut players: Vec<(&KeyPlayer, &MapPoint)> = p.key_players.iter().zip(&read).collect();
    // Stable: players of equal influence keep the order they were entered in.
    players.sort_by_key(|(k, _)| std::cmp::Reverse(k.influence));
    blocks.extend(players.into_iter().map(|(k, m)| Block::Entry(person(k, m))));
    Section { heading, blocks }
}

/// The shared goals with their status.
fn goals(p: &Partner) -> Section {
    let heading = "Goals";
    let mut blocks = Vec::new();
    if p.goals.is_empty() {
        blocks.push(Block::Note("No shared goal yet."));
    } else {
        blocks.push(Block::Items(
            p.goals
                .iter()
                .map(|g| {
                    let mut line = one_line(&g.statement);
                    let mut measure = Vec::new();
                    if let Some(target) = g.target {
                        let metric = one_line(&g.metric);
                        measure.push(
                            format!("target {} {metric}", number(target))
                                .trim_end()
                                .to_owned(),
                        );
                    }
                    if let Some(due) = g.due {
                        measure.push(format!("due {}", day(due)));
                    }
                    measure.push(g.status.label().to_lowercase());
                    line.push_str(&format!(" ({})", measure.join(", ")));
                    line
                })
                .collect(),
        ));
    }
    Section { heading, blocks }
}

/// The health score with what it is made of, and the signals with their reasons: the
/// same figures as the partner's Health tab.
fn health(ws: &Workspace, p: &Partner, today: NaiveDate) -> Section {
    let heading = "Health";
    let reading = crate::model::figures::portfolio::reading(ws, p, today);
    let h = &reading.health;
    let score = match (h.score, &h.capped) {
        (Some(score), Some(why)) => {
            format!("{score} of 100 — {}. {why}", h.band_label().to_lowercase())
        }
        (Some(score), None) => format!("{score} of 100 — {}", h.band_label().to_lowercase()),
        // As the Health tab says it: why there is no verdict and what to record next. A
        // brief handed to leadership with a bare "not enough data" leaves them guessing.
        (None, _) => h
            .not_enough()
            .unwrap_or_else(|| "Not enough data yet".into()),
    };
    let mut blocks = vec![Block::Facts(vec![Fact {
        label: "Health",
        value: Value::Text(score),
    }])];
    let parts: Vec<String> = h
        .parts
        .iter()
        .filter(|part| !part.left_out)
        .map(|part| {
            format!(
                "{}: {:.0} of {:.0} points — {}",
                part.factor.label(),
                part.points(),
                part.weight * 100.0,
                one_line(&part.detail)
            )
        })
        .collect();
    if !parts.is_empty() {
        blocks.push(Block::Items(parts));
    }
    let left_out = list(h.left_out().iter().map(|f| f.label()));
    if !left_out.is_empty() {
        blocks.push(Block::Facts(vec![Fact {
            label: "Left out for lack of data",
            value: Value::Text(left_out),
        }]));
    }
    let signals = &reading.signals;
    if signals.is_empty() {
        blocks.push(Block::Note("No signals."));
    } else {
        blocks.push(Block::Items(
            signals
                .iter()
                .map(|s| {
                    format!(
                        "{} — {}: {}",
                        s.severity.label(),
                        s.kind.label(),
                        one_line(&s.reason)
                    )
                })
                .collect(),
        ));
    }
    if let Some(walk) = &reading.walk_away {
        blocks.push(Block::Facts(vec![Fact {
            label: "Suggestion",
            value: Value::Text(one_line(&walk.reason)),
        }]));
    }
    Section { heading, blocks }
}

/// The latest meetings, newest first: who was there and how they took it, the read of
/// the room and the next steps.
fn meetings(p: &Partner) -> Section {
    let heading = "Latest meetings";
    let mut latest: Vec<&crate::model::meetings::Meeting> = p.meetings.iter().collect();
    latest.sort_by_key(|m| std::cmp::Reverse(m.date));
    if latest.is_empty() {
        return Section {
            heading,
            blocks: vec![Block::Note(NONE_YET)],
        };
    }
    let name_of = |id: &crate::model::core::id::Id| {
        p.key_players
            .iter()
            .find(|k| &k.id == id)
            .map_or("a former key player".to_owned(), |k| one_line(&k.name))
    };
    let blocks = latest
        .into_iter()
        .take(LATEST_MEETINGS)
        .map(|m| {
            let mut summary = Vec::new();
            if let Some(room) = m.room {
                summary.push(format!("room: {}", room.label().to_lowercase()));
            }
            let attending = list(m.ours.iter().map(String::as_str));
            if !attending.is_empty() {
                summary.push(format!("ours: {attending}"));
            }
            let mut notes = Vec::new();
            for r in &m.attendees {
                let mut line = format!(
                    "{}: body language {}, tone {}, reaction {}",
                    name_of(&r.player),
                    r.body_language.label().to_lowercase(),
                    r.tone.label().to_lowercase(),
                    r.reaction.label().to_lowercase()
                );
                if !r.note.trim().is_empty() {
                    line.push_str(&format!(" — {}", one_line(&r.note)));
                }
                notes.push(line);
            }
            if !m.room_note.trim().is_empty() {
                notes.push(format!("Room: {}", one_line(&m.room_note)));
            }
            for s in &m.next_steps {
                let due = s
                    .due
                    .map_or(String::new(), |d| format!(" (due {})", day(d)));
                let done = if s.done { " — done" } else { "" };
                let owner = s.owner.as_ref().map_or(String::new(), |o| {
                    format!(" — owner {}", one_line(&p.owner_label(o)))
                });
                notes.push(format!("Next: {}{due}{owner}{done}", one_line(&s.what)));
            }
            let topic = one_line(&m.presented);
            Block::Entry(Entry {
                name: if topic.is_empty() {
                    day(m.date)
                } else {
                    format!("{} — {topic}", day(m.date))
                },
                summary: summary.join(" · "),
                notes: notes.join("\n"),
            })
        })
        .collect();
    Section { heading, blocks }
}

/// A number as people write it in a brief: no trailing ".0", thousands grouped.
fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u128;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    let fraction = rounded.fract().abs();
    if fraction > 0.0 {
        let cents = format!("{fraction:.2}");
        format!(
            "{sign}{grouped}{}",
            cents.trim_start_matches('0').trim_end_matches('0')
        )
    } else {
        format!("{sign}{grouped}")
    }
}

/// "Who decides": the decision makers and the champions by name, and how many key
/// players hold each stance — champions and stances as read from the latest meetings
/// (`read`, in key-player order), the reading every figure uses: a recorded champion who
/// now reads neutral is not named as a champion.
fn who_decides(players: &[KeyPlayer], read: &[MapPoint]) -> Vec<Fact> {
    let named = |names: Vec<&str>, none: &str| {
        let named = list(names.into_iter());
        if named.is_empty() {
            none.to_owned()
        } else {
            named
        }
    };
    let deciders = named(
        players
            .iter()
            .filter(|k| k.role == DecisionRole::DecisionMaker)
            .map(|k| k.name.as_str())
            .collect(),
        "No decision maker named yet",
    );
    let champions = named(
        read.iter()
            .filter(|m| m.is_champion())
            .map(|m| m.name.as_str())
            .collect(),
        "None yet",
    );
    let stances = Stance::ALL
        .iter()
        .map(|s| {
            let n = read.iter().filter(|m| m.read == *s).count();
            format!("{} {n}", s.label())
        })
        .collect::<Vec<_>>()
        .join(" · ");
    vec![
        Fact {
            label: "Who decides",
            value: Value::Text(deciders),
        },
        Fact {
            label: "Champions",
            value: Value::Text(champions),
        },
        Fact {
            label: "Stances",
            value: Value::Text(stances),
        },
    ]
}

/// One key player: title, role, influence, and the stance as read from the latest
/// meetings — marked unverified when nobody has met them, and naming the recorded
/// stance when the meetings read differently.
fn person(k: &KeyPlayer, m: &MapPoint) -> Entry {
    let title = one_line(&k.title);
    let stance = if !m.unverified() && m.read != m.recorded {
        format!(
            "{} as read from the latest meetings (recorded {})",
            m.read.label(),
            m.recorded.label().to_lowercase()
        )
    } else {
        m.read_label()
    };
    let details = [
        title,
        k.role.label().to_owned(),
        format!("influence {} of 5", k.influence),
        stance,
    ];
    Entry {
        name: one_line(&k.name),
        summary: details
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        notes: k.notes.clone(),
    }
}

/// Names joined by commas, each on one line, blanks left out.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(one_line)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a brief as CommonMark (GitHub-flavoured Markdown renders it the same).
///
/// The layout: `# Partner brief: NAME`, a line naming the program and the date, then
/// one `##` heading per section. Facts are a bullet list (`- **Label:** value`), each
/// key player is a `###` heading with a summary line and notes, and notes keep their
/// line breaks (two trailing spaces) and paragraphs.
pub fn to_markdown(brief: &Brief) -> String {
    let mut out = format!(
        "# Partner brief: {}\n\n{} · prepared {}\n",
        escape(&brief.title),
        escape(&brief.program),
        day(brief.prepared)
    );
    for section in &brief.sections {
        out.push_str(&format!("\n## {}\n", section.heading));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Facts(facts) => {
                    for fact in facts {
                        let value = match &fact.value {
                            Value::Text(text) => escape(text),
                            Value::Link(url) => {
                                format!("[{}]({})", escape(url), escape_destination(url))
                            }
                        };
                        out.push_str(&format!("- **{}:** {value}\n", fact.label));
                    }
                }
                Block::Text(text) => out.push_str(&text_block(text)),
                Block::Entry(p) => {
                    out.push_str(&format!(
                        "### {}\n\n{}\n",
                        escape(&p.name),
                        escape(&p.summary)
                    ));
                    if !p.notes.trim().is_empty() {
                        out.push('\n');
                        out.push_str(&text_block(&p.notes));
                    }
                }
                Block::Note(note) => {
                    out.push_str(note);
                    out.push('\n');
                }
                Block::Items(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", escape(item)));
                    }
                }
                Block::List { title, items } => {
                    out.push_str(&format!("**{}**\n\n", escape(title)));
                    if items.is_empty() {
                        out.push_str(NONE_YET);
                        out.push('\n');
                    }
                    for item in items {
                        out.push_str(&format!("- {}\n", escape(item)));
                    }
                }
            }
        }
    }
    out
}

/// Free text as Markdown paragraphs, each line escaped and ended with a hard break.
pub(crate) fn text_block(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|lines| {
            let escaped: Vec<String> = lines.iter().map(|l| escape(l)).collect();
            format!("{}\n", escaped.join("  \n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes one line of a person's text so Markdown shows it literally.
///
/// Backslash-escapes every character that can start inline markup anywhere (`\`,
/// `` ` ``, `*`, `_`, `~`, `[`, `]`, `<`, `>`, `|`, `#`), an `&` that would begin a
/// character reference (`&lt;`), and, at the start, what would begin a block: a list
/// marker (`-`, `+`, `1.`, `1)`) or a setext underline (`=`). The text must already be
/// one line (see [`one_line`] and [`paragraphs`]). Any ASCII punctuation may be
/// backslash-escaped in CommonMark, so a renderer shows each escaped character as itself.
pub fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    if let Some(first) = chars.first() {
        if matches!(first, '-' | '+' | '=') {
            out.push('\\');
        }
    }
    // Where an ordered-list marker's `.` or `)` would be: after leading digits.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let marker = (digits > 0 && matches!(chars.get(digits), Some('.' | ')'))).then_some(digits);
    for (i, &c) in chars.iter().enumerate() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#'
        ) || (c == '&' && starts_reference(&chars[i + 1..]))
            || marker == Some(i);
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the text after an `&` reads as a character reference (`lt;`, `#60;`).
fn starts_reference(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// A link destination: the address as is, with the characters that would end or break
/// the destination backslash-escaped. A valid website has no spaces or controls.
fn escape_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 4);
    for c in url.chars() {
        if matches!(c, '\\' | '(' | ')' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        core::id::Id, core::vocabulary::Category, core::vocabulary::LadderLevel,
        core::vocabulary::MarketPosition, core::vocabulary::Stage, core::vocabulary::Stance,
        workspace::records::Market, workspace::records::Workspace,
    };
    use chrono::{TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn player(
        key: &str,
        name: &str,
        role: DecisionRole,
        influence: u8,
        stance: Stance,
    ) -> KeyPlayer {
        let mut k = KeyPlayer::new(id(key), name, now());
        k.role = role;
        k.influence = influence;
        k.stance = stance;
        k
    }

    /// A small partner with every field filled.
    fn sample() -> (Workspace, Partner) {
        let mut ws = Workspace::empty();
        ws.program_name = "Riffly Partnerships".into();
        ws.markets.push(Market::new(id("m-de"), "Germany", now()));
        ws.markets.push(Market::new(id("m-br"), "Brazil", now()));
        let mut p = Partner::new(id("p-1"), "Wavelet", now());
        p.website = "https://wavelet.example/about".into();
        p.category = Some(Category::Content);
        p.position = Some(MarketPosition::Disruptor);
        p.markets = vec![id("m-br"), id("m-de")];
        p.stage = Stage::Negotiating;
        p.ladder = LadderLevel::Strategic;
        p.owner = "Priya Raman".into();
        p.tags = vec!["audio".into(), "beta".into()];
        p.notes = "Met at the fair.\nWants a pilot.\n\nBudget in Q3.".into();
        let mut ana = player(
            "k-1",
            "Ana Ruiz",
            DecisionRole::Champion,
            3,
            Stance::Champion,
        );
        ana.title = "Head of Product".into();
        ana.notes = "Demos us to everyone.".into();
        let bo = player(
            "k-2",
            "Bo Lind",
            DecisionRole::DecisionMaker,
            5,
            Stance::Skeptical,
        );
        p.key_players = vec![ana, bo];
        ws.partners.push(p.clone().into());
        (ws, p)
    }

    #[test]
    fn a_small_partner_gives_this_exact_markdown() {
        let (ws, p) = sample();
        let expected = "\
# Partner brief: Wavelet

Riffly Partnerships · prepared 23 November 2026

## Profile

- **Website:** [https://wavelet.example/about](https://wavelet.example/about)
- **Category:** Content
- **Market position:** Disruptor
- **Markets:** Brazil, Germany
- **Stage:** Negotiating
- **Ladder level:** Strategic
- **Owner:** Priya Raman
- **Tags:** audio, beta

Met at the fair.  
Wants a pilot.

Budget in Q3.

## Key players

- **Who decides:** Bo Lind
- **Champions:** Ana Ruiz
- **Stances:** Champion 1 · Supportive 0 · Neutral 0 · Skeptical 1 · Blocker 0

### Bo Lind

Decision maker · influence 5 of 5 · Skeptical (unverified: never met)

### Ana Ruiz

Head of Product · Champion · influence 3 of 5 · Champion (unverified: never met)

Demos us to everyone.

## Goals

No shared goal yet.

## Commitments

- **Their delivery record:** No commitment of theirs is due yet
- **Our delivery record:** No commitment of ours is due yet

**Wavelet's commitments**

None yet.

**Our commitments**

None yet.

## Landing

No landing plan yet.

## Growth and buy-in

No metric figures yet.

## Latest meetings

None yet.
";
        assert_eq!(without_health(&markdown(&ws, &p, today())), expected);
    }

    #[test]
    fn a_bare_partner_leaves_out_empty_fields_and_says_none_yet() {
        let mut ws = Workspace::empty();
        ws.program_name = "P".into();
        let p = Partner::new(id("p-1"), "Solo", now());
        let expected = "\
# Partner brief: Solo

P · prepared 23 November 2026

## Profile

- **Category:** Not set
- **Market position:** Not set
- **Stage:** Research
- **Ladder level:** Self-serve / public API

## Key players

None yet.

## Goals

No shared goal yet.

## Commitments

- **Their delivery record:** No commitment of theirs is due yet
- **Our delivery record:** No commitment of ours is due yet

**Solo's commitments**

None yet.

**Our commitments**

None yet.

## Landing

No landing plan yet.

## Growth and buy-in

No metric figures yet.

## Latest meetings

None yet.
";
        assert_eq!(without_health(&markdown(&ws, &p, today())), expected);
    }

    #[test]
    fn no_decision_maker_or_champion_is_said_plainly() {
        let mut p = Partner::new(id("p-1"), "Solo", now());
        p.key_players = vec![player(
            "k-1",
            "Cy",
            DecisionRole::Gatekeeper,
            2,
            Stance::Blocker,
        )];
        let md = markdown(&Workspace::empty(), &p, today());
        assert!(md.contains("- **Who decides:** No decision maker named yet\n"));
        assert!(md.contains("- **Champions:** None yet\n"));
        assert!(md.contains("Blocker 1\n"));
    }

    #[test]
    fn hostile_names_and_notes_render_literally() {
        let (ws, mut p) = sample();
        p.name = "*Evil* [link](javascript:x)".into();
        p.notes = "# Not a heading\n- not a list\n1. not ordered\n<script>alert(1)</script>\n\
                   ![img](http://x/y.png) `code` _em_ ~~strike~~ | a | b |\n=====\n&lt;b&gt; AT&T"
            .into();
        p.owner = "<img src=x onerror=alert(1)>".into();
        p.key_players[0].name = "[click](javascript:alert(1))".into();
        p.key_players[0].notes = "\\*not em\\*\r+ plus".into();
        let md = markdown(&ws, &p, today());
        assert!(md.starts_with("# Partner brief: \\*Evil\\* \\[link\\](javascript:x)\n"));
        assert!(md.contains("\\# Not a heading  \n\\- not a list  \n1\\. not ordered  \n"));
        assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
        assert!(md.contains(
            "!\\[img\\](http://x/y.png) \\`code\\` \\_em\\_ \\~\\~strike\\~\\~ \\| a \\| b \\|"
        ));
        assert!(md.contains("\n\\=====  \n\\&lt;b\\&gt; AT&T\n"));
        assert!(md.contains("- **Owner:** \\<img src=x onerror=alert(1)\\>\n"));
        assert!(md.contains("### \\[click\\](javascript:alert(1))\n"));
        assert!(md.contains("\\\\\\*not em\\\\\\*  \n\\+ plus\n"));
        // The website is the only link left.
        assert_eq!(md.matches("](").count() - md.matches("\\](").count(), 1);
    }

    /// The brief with its Health section cut out: health has its own tests (the
    /// figures are the health model's), and these tests pin everything else.
    fn without_health(md: &str) -> String {
        let start = md.find("\n## Health\n").expect("a Health section");
        let end = start
            + 1
            + md[start + 1..]
                .find("\n## ")
                .expect("a section after Health");
        format!("{}{}", &md[..start], &md[end..])
    }

    #[test]
    fn health_shows_the_score_its_parts_and_every_signal_of_the_model() {
        let (ws, p) = sample();
        let md = markdown(&ws, &p, today());
        let h = crate::model::figures::health::health(&ws, &p, today());
        // With key players only, a negotiating partner has too little evidence for a
        // verdict (health.md, "Enough evidence").
        match h.score {
            Some(score) => assert!(
                md.contains(&format!("## Health\n\n- **Health:** {score} of 100 — ")),
                "{md}"
            ),
            None => assert!(
                md.contains("## Health\n\n- **Health:** Not enough data for a verdict: ")
                    && md.contains("Next: "),
                "{md}"
            ),
        }
        for part in h.parts.iter().filter(|part| !part.left_out) {
            assert!(md.contains(&format!("- {}: ", part.factor.label())), "{md}");
        }
        let signals = crate::model::figures::signals::for_partner(&ws, &p, today());
        assert!(!signals.is_empty());
        for s in signals {
            assert!(
                md.contains(&format!("- {} — {}: ", s.severity.label(), s.kind.label())),
                "{md}"
            );
        }
    }

    #[test]
    fn goals_and_the_latest_meetings_read_as_plain_escaped_lines() {
        use crate::model::goals::{Commitment, Goal};
        use crate::model::meetings::{Meeting, NextStep, Reception};
        use crate::model::{
            core::vocabulary::CommitmentStatus, core::vocabulary::GoalStatus,
            core::vocabulary::Scale, core::vocabulary::Side,
        };
        let (ws, mut p) = sample();
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        p.goals.push(Goal {
            id: Id::parse("g1").unwrap(),
            statement: "50,000 *listeners*\n# in Brazil".into(),
            metric: "users".into(),
            target: Some(50_000.0),
            due: Some(d(12, 31)),
            status: GoalStatus::OnTrack,
        });
        p.commitments.push(Commitment {
            owner: None,
            id: Id::parse("c1").unwrap(),
            side: Side::Partner,
            what: "API keys".into(),
            due: d(10, 1),
            status: CommitmentStatus::Delivered,
            delivered: Some(d(10, 3)),
        });
        let bo = p.key_players[0].id.clone();
        for (i, (date, topic)) in [
            (d(9, 1), "Kick-off"),
            (d(11, 2), "Pilot <b>plan</b>"),
            (d(10, 5), "Terms"),
            (d(8, 1), "Intro"),
        ]
        .into_iter()
        .enumerate()
        {
            p.meetings.push(Meeting {
                pitch: None,
                id: Id::parse(&format!("m{i}")).unwrap(),
                date,
                ours: vec!["Priya Raman".into()],
                presented: topic.into(),
                attendees: vec![Reception {
                    player: bo.clone(),
                    body_language: Scale::Positive,
                    tone: Scale::Neutral,
                    reaction: Scale::StronglyPositive,
                    note: String::new(),
                }],
                room: Some(Scale::Positive),
                room_note: String::new(),
                next_steps: vec![NextStep {
                    owner: None,
                    what: "Send figures".into(),
                    due: Some(d(11, 9)),
                    done: false,
                }],
            });
        }
        let md = markdown(&ws, &p, today());
        assert!(md.contains("## Goals\n\n- 50,000 \\*listeners\\* \\# in Brazil (target 50,000 users, due 31 December 2026, on track)\n"), "{md}");
        assert!(
            md.contains(
                "- **Their delivery record:** 1 of 1 due delivered on time (100 % delivery credit); 100 % over the last 90 days\n"
            ),
            "{md}"
        );
        let headings: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("### ") && l.contains(" 2026"))
            .collect();
        assert_eq!(
            headings,
            [
                "### 2 November 2026 — Pilot \\<b\\>plan\\</b\\>",
                "### 5 October 2026 — Terms",
                "### 1 September 2026 — Kick-off"
            ],
            "the three latest, newest first"
        );
        assert!(md.contains("Ana Ruiz: body language positive, tone neutral, reaction strongly positive  \nNext: Send figures (due 9 November 2026)\n"), "{md}");
    }

    #[test]
    fn line_breaks_in_names_cannot_end_a_heading() {
        let (ws, mut p) = sample();
        p.name = "Acme\n## Injected\r\n- item".into();
        let md = markdown(&ws, &p, today());
        assert!(md.starts_with("# Partner brief: Acme \\#\\# Injected - item\n"));
        assert_eq!(md.lines().filter(|l| l.starts_with("## ")).count(), 8);
    }

    #[test]
    fn only_http_websites_become_links() {
        let (ws, mut p) = sample();
        p.website = "javascript:alert(1)".into();
        let md = markdown(&ws, &p, today());
        assert!(md.contains("- **Website:** javascript:alert(1)\n"));
        assert!(!md.contains("]("));
        p.website = "https://x.example/a_(b)<c>".into();
        let md = markdown(&ws, &p, today());
        assert!(md.contains(
            "- **Website:** [https://x.example/a\\_(b)\\<c\\>](https://x.example/a_\\(b\\)\\<c\\>)\n"
        ));
    }

    #[test]
    fn a_blank_name_still_gets_a_heading() {
        let (ws, mut p) = sample();
        p.name = " \n ".into();
        assert!(markdown(&ws, &p, today()).starts_with("# Partner brief: Unnamed partner\n"));
    }

    #[test]
    fn key_players_come_most_influential_first_keeping_entry_order_for_ties() {
        let mut p = Partner::new(id("p-1"), "Solo", now());
        p.key_players = vec![
            player("k-1", "A", DecisionRole::Influencer, 2, Stance::Neutral),
            player("k-2", "B", DecisionRole::Influencer, 4, Stance::Neutral),
            player("k-3", "C", DecisionRole::Influencer, 2, Stance::Neutral),
        ];
        let b = brief(&Workspace::empty(), &p, today());
        let names: Vec<&str> = b.sections[1]
            .blocks
            .iter()
            .filter_map(|bl| match bl {
                Block::Entry(person) => Some(person.name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["B", "A", "C"]);
    }

    #[test]
    fn file_names_are_safe_and_end_in_md() {
        let (_, mut p) = sample();
        assert_eq!(file_name(&p, today()), "tandem-wavelet-brief-2026-11-23.md");
        p.name = "../<script>".into();
        assert_eq!(file_name(&p, today()), "tandem-script-brief-2026-11-23.md");
    }

    #[test]
    fn days_are_written_out() {
        assert_eq!(day(today()), "23 November 2026");
        assert_eq!(
            day(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()),
            "5 January 2027"
        );
    }

    #[test]
    fn escape_leaves_plain_text_alone() {
        assert_eq!(escape("Priya Raman, R&D 2024"), "Priya Raman, R&D 2024");
        assert_eq!(escape("2024. A year"), "2024\\. A year");
        assert_eq!(escape("3) three"), "3\\) three");
        assert_eq!(escape("10 a.m."), "10 a.m.");
    }
}
