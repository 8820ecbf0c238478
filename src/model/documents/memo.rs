//! The outreach memo: a pitch version written out as a letter to the partner's decision
//! maker, in Markdown (to paste into a document or an email tool that renders it) and in
//! plain text (to paste into any email).
//!
//! Like the partner brief, the memo is built once as data ([`Memo`]) and then written
//! out; the pitch screen previews the same data, so the preview, the copied text and
//! the download never disagree. Everything a person typed is escaped in the Markdown
//! with [`brief::escape`] (line by line, through the brief's own `text_block`), so a pitch that mentions `*stars*` or `<b>` pastes literally.
//!
//! # The order
//! The memo does not follow the editor's order. It opens warm (what excites us, then
//! specific praise: the reader keeps reading), lifts to the shared picture (the vision,
//! the problems both sides have, the rival both want to overtake), says what we propose
//! (the product in plain words, the core to build first, the beliefs behind it), makes it
//! measurable (the mutual goal), makes the first yes small (the self-serve first step,
//! then what would earn more), and ends on the help we offer: see [`ORDER`]. Ingredients
//! not written yet are left out.
//!
//! ```
//! use tandem::model::{demo, documents::memo};
//! let ws = demo::workspace(chrono::Utc::now());
//! let p = ws.partners.iter().find(|p| p.name == "Stridecraft").unwrap();
//! let m = memo::memo(&ws, p, p.pitches.last().unwrap(), chrono::Utc::now().date_naive());
//! assert!(memo::to_text(&m).starts_with("A partnership proposal for Stridecraft\n"));
//! ```

use crate::model::core::format;
use crate::model::core::text::{one_line, paragraphs};
use crate::model::core::vocabulary::{DecisionRole, Ingredient};
use crate::model::documents::brief::{self, escape};
use crate::model::formats::file;
use crate::model::pitch::Pitch;
use crate::model::workspace::records::{KeyPlayer, Partner, Workspace};
use chrono::NaiveDate;

/// The order the memo tells the ingredients in.
pub const ORDER: [Ingredient; 12] = [
    Ingredient::Excitement,
    Ingredient::Praise,
    Ingredient::Vision,
    Ingredient::Challenges,
    Ingredient::Incumbent,
    Ingredient::Product,
    Ingredient::Core,
    Ingredient::Beliefs,
    Ingredient::MutualGoal,
    Ingredient::FirstStep,
    Ingredient::ExclusivePath,
    Ingredient::Close,
];

/// A memo as data: what the Markdown, the plain text and the preview all show.
#[derive(Clone, Debug, PartialEq)]
pub struct Memo {
    /// "A partnership proposal for NAME".
    pub title: String,
    /// "Keisha Moreland, Global Brand Director", or "The Stridecraft team".
    pub to: String,
    /// Who signs: the partner's owner, or the program's team.
    pub from: String,
    /// The day the version was sent, or today for a draft.
    pub date: NaiveDate,
    /// "Dear Keisha,": the addressee by first name, or as they chose to be addressed.
    pub greeting: String,
    pub sections: Vec<Section>,
    /// The closing words before the signature.
    pub sign_off: &'static str,
}

/// One ingredient as the memo tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub ingredient: Ingredient,
    pub heading: &'static str,
    /// The person's text, as written.
    pub text: String,
    /// The shared goal the mutual goal links to, by its statement, when it still exists.
    pub goal: Option<String>,
}

/// The closing words.
pub const SIGN_OFF: &str = "Best regards,";

/// The heading an ingredient gets in the memo: written for the reader, where the
/// editor's labels are written for us.
pub fn heading(ingredient: Ingredient) -> &'static str {
    match ingredient {
        Ingredient::Excitement => "What excites us about your work",
        Ingredient::Praise => "What you got right",
        Ingredient::Vision => "Where we could go together",
        Ingredient::Challenges => "The problems we share",
        Ingredient::Incumbent => "Who we are both up against",
        Ingredient::Product => "The product, simply put",
        Ingredient::Core => "What to build first",
        Ingredient::Beliefs => "What we believe about technology",
        Ingredient::MutualGoal => "The goal we would share",
        Ingredient::FirstStep => "Where to start",
        Ingredient::ExclusivePath => "Where it could lead",
        Ingredient::Close => "How we can help",
    }
}

/// Who the memo is addressed to: the decision maker with the highest influence; with no
/// decision maker recorded, the most influential key player of any role. Between equal
/// influence, the warmer stance as read from the latest meetings (the reading used
/// everywhere); then the one entered first. `None` when the partner has no key players.
pub fn addressee(partner: &Partner) -> Option<&KeyPlayer> {
    let read = crate::model::meetings::map(partner);
    let warmth = |k: &KeyPlayer| {
        read.iter()
            .find(|m| m.player == k.id)
            .map_or(0, |m| crate::model::meetings::stance_value(m.read))
    };
    let most_influential = |role: Option<DecisionRole>| {
        partner
            .key_players
            .iter()
            .filter(|k| role.is_none_or(|r| k.role == r))
            // `max_by_key` keeps the last of equals; reversing the list keeps the first.
            .rev()
            .max_by_key(|k| (k.influence, warmth(k)))
    };
    most_influential(Some(DecisionRole::DecisionMaker)).or_else(|| most_influential(None))
}

/// The memo of `pitch`, a version of `partner`'s pitch, dated `today` unless it was sent.
pub fn memo(ws: &Workspace, partner: &Partner, pitch: &Pitch, today: NaiveDate) -> Memo {
    let partner_name = {
        let name = one_line(&partner.name);
        if name.is_empty() {
            "your company".to_owned()
        } else {
            name
        }
    };
    let (to, greeting) = match addressee(partner) {
        Some(k) if !one_line(&k.name).is_empty() => {
            let name = one_line(&k.name);
            let title = one_line(&k.title);
            let to = if title.is_empty() {
                name.clone()
            } else {
                format!("{name}, {title}")
            };
            (to, format!("Dear {},", k.salutation()))
        }
        _ => (
            format!("The {partner_name} team"),
            format!("Dear {partner_name} team,"),
        ),
    };
    let from = match one_line(&partner.owner) {
        owner if !owner.is_empty() => owner,
        _ => match one_line(&ws.program_name) {
            program if !program.is_empty() => format!("The {program} team"),
            _ => "The partnerships team".to_owned(),
        },
    };
    let sections = ORDER
        .iter()
        // The checklist's own rule, so the memo and the checklist always agree.
        .filter(|i| crate::model::pitch::is_written(pitch.text(**i)))
        .map(|&ingredient| Section {
            ingredient,
            heading: heading(ingredient),
            text: pitch.text(ingredient).to_owned(),
            goal: (ingredient == Ingredient::MutualGoal)
                .then(|| {
                    let id = pitch.goal.as_ref()?;
                    let goal = partner.goals.iter().find(|g| &g.id == id)?;
                    Some(one_line(&goal.statement)).filter(|s| !s.is_empty())
                })
                .flatten(),
        })
        .collect();
    Memo {
        title: format!("A partnership proposal for {partner_name}"),
        to,
        from,
        date: pitch.sent.unwrap_or(today),
        greeting,
        sections,
        sign_off: SIGN_OFF,
    }
}

/// The memo as CommonMark: a `#` title, the To/From/Date lines, the greeting, one `##`
/// section per ingredient, and the signature. Every person's text is escaped.
pub fn to_markdown(m: &Memo) -> String {
    let mut out = format!(
        "# {}\n\n**To:** {}  \n**From:** {}  \n**Date:** {}\n\n{}\n",
        escape(&m.title),
        escape(&m.to),
        escape(&m.from),
        format::day(m.date),
        escape(&m.greeting),
    );
    for s in &m.sections {
        out.push_str(&format!("\n## {}\n\n", s.heading));
        out.push_str(&brief::text_block(&s.text));
        if let Some(goal) = &s.goal {
            out.push_str(&format!("\n*Shared goal:* {}\n", escape(goal)));
        }
    }
    out.push_str(&format!("\n{}  \n{}\n", m.sign_off, escape(&m.from)));
    out
}

/// The memo as plain text for any email: the same parts, headings on their own line,
/// nothing escaped.
pub fn to_text(m: &Memo) -> String {
    let mut out = format!(
        "{}\n\nTo: {}\nFrom: {}\nDate: {}\n\n{}\n",
        m.title,
        m.to,
        m.from,
        format::day(m.date),
        m.greeting,
    );
    for s in &m.sections {
        out.push_str(&format!("\n{}\n", s.heading));
        out.push_str(&text_block(&s.text));
        if let Some(goal) = &s.goal {
            out.push_str(&format!("\nShared goal: {goal}\n"));
        }
    }
    out.push_str(&format!("\n{}\n{}\n", m.sign_off, m.from));
    out
}

/// A file name for the downloaded memo, such as
/// `tandem-stridecraft-memo-2026-11-23.md`, safe ASCII like every export name.
pub fn file_name(partner: &Partner, today: NaiveDate) -> String {
    let json = file::export_name(&partner.name, today, "-memo");
    let stem = json.strip_suffix(".json").unwrap_or(&json);
    format!("{stem}.md")
}

/// A person's text as plain paragraphs, with the same split as the Markdown.
fn text_block(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|lines| format!("{}\n", lines.join("\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::goals::Goal;
    use crate::model::{core::id::Id, core::vocabulary::GoalStatus, core::vocabulary::Stance};
    use chrono::{TimeZone, Utc};

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn player(n: &str, name: &str, role: DecisionRole, influence: u8) -> KeyPlayer {
        KeyPlayer {
            role,
            influence,
            title: format!("{name}'s title"),
            stance: Stance::Neutral,
            ..KeyPlayer::new(
                id(n),
                name,
                Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            )
        }
    }

    fn sample() -> (Workspace, Partner, Pitch) {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let mut p = Partner::new(id("p1"), "Wavelet", now);
        p.owner = "Priya Raman".into();
        p.key_players = vec![
            player("k1", "Ana Ruiz", DecisionRole::Champion, 5),
            player("k2", "Ben Ode", DecisionRole::DecisionMaker, 3),
            player("k3", "Cy Lam", DecisionRole::DecisionMaker, 4),
        ];
        p.goals = vec![Goal {
            id: id("g1"),
            statement: "10,000 shared listeners by June".into(),
            metric: "users".into(),
            target: Some(10_000.0),
            due: None,
            status: GoalStatus::Open,
        }];
        let mut pitch = Pitch::new(id("x1"), "v1", day(2026, 11, 1));
        pitch.ingredients.insert(
            Ingredient::Close,
            "I will send a prototype next week.".into(),
        );
        pitch
            .ingredients
            .insert(Ingredient::Vision, "Music for every run.".into());
        pitch
            .ingredients
            .insert(Ingredient::MutualGoal, "Listeners who run.".into());
        pitch.goal = Some(id("g1"));
        let ws = Workspace {
            program_name: "Riffly Partnerships".into(),
            ..Workspace::empty()
        };
        (ws, p, pitch)
    }

    #[test]
    fn a_small_pitch_gives_this_exact_markdown_and_text() {
        let (ws, p, pitch) = sample();
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        assert_eq!(
            to_markdown(&m),
            "# A partnership proposal for Wavelet\n\n\
             **To:** Cy Lam, Cy Lam's title  \n**From:** Priya Raman  \n**Date:** 23 November 2026\n\n\
             Dear Cy,\n\n\
             ## Where we could go together\n\nMusic for every run.\n\n\
             ## The goal we would share\n\nListeners who run.\n\n*Shared goal:* 10,000 shared listeners by June\n\n\
             ## How we can help\n\nI will send a prototype next week.\n\n\
             Best regards,  \nPriya Raman\n"
        );
        assert_eq!(
            to_text(&m),
            "A partnership proposal for Wavelet\n\n\
             To: Cy Lam, Cy Lam's title\nFrom: Priya Raman\nDate: 23 November 2026\n\n\
             Dear Cy,\n\n\
             Where we could go together\nMusic for every run.\n\n\
             The goal we would share\nListeners who run.\n\nShared goal: 10,000 shared listeners by June\n\n\
             How we can help\nI will send a prototype next week.\n\n\
             Best regards,\nPriya Raman\n"
        );
    }

    #[test]
    fn sections_follow_the_memo_order_not_the_editor_order() {
        let (ws, p, mut pitch) = sample();
        for i in Ingredient::ALL {
            pitch
                .ingredients
                .insert(*i, format!("Text of {}.", i.key()));
        }
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        let order: Vec<Ingredient> = m.sections.iter().map(|s| s.ingredient).collect();
        assert_eq!(order, ORDER.to_vec());
        assert_eq!(order.first(), Some(&Ingredient::Excitement));
        assert_eq!(order.last(), Some(&Ingredient::Close));
        // Every ingredient exactly once.
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, Ingredient::ALL.to_vec());
    }

    #[test]
    fn the_addressee_is_the_most_influential_decision_maker() {
        let (_, mut p, _) = sample();
        assert_eq!(addressee(&p).unwrap().name, "Cy Lam");
        // A tie keeps the one entered first.
        p.key_players[1].influence = 4;
        assert_eq!(addressee(&p).unwrap().name, "Ben Ode");
        // No decision maker: the most influential of anyone.
        for k in &mut p.key_players {
            k.role = DecisionRole::Influencer;
        }
        assert_eq!(addressee(&p).unwrap().name, "Ana Ruiz");
        p.key_players.clear();
        assert!(addressee(&p).is_none());
    }

    #[test]
    fn the_greeting_uses_the_first_name_unless_the_person_chose_otherwise() {
        let (ws, mut p, pitch) = sample();
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        assert_eq!(m.to, "Cy Lam, Cy Lam's title");
        assert_eq!(m.greeting, "Dear Cy,");
        // Chosen on the key player: used as written, the To line keeps the full name.
        p.key_players[2].addressed_as = "  Dr. Lam ".into();
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        assert_eq!(m.greeting, "Dear Dr. Lam,");
        assert_eq!(m.to, "Cy Lam, Cy Lam's title");
        // Markdown stays escaped: a chosen name is a person's text.
        p.key_players[2].addressed_as = "*Cy*".into();
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        assert!(to_markdown(&m).contains("Dear \\*Cy\\*,"));
    }

    #[test]
    fn a_key_player_from_a_file_without_addressed_as_reads_as_first_name() {
        let json = r#"{"id":"k1","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z",
            "name":"Dana Whitfield","role":"decision_maker","influence":5,"stance":"neutral"}"#;
        let k: KeyPlayer = serde_json::from_str(json).unwrap();
        assert_eq!(k.addressed_as, "");
        assert_eq!(k.salutation(), "Dana");
        // An empty choice is not written, so files stay as they were.
        assert!(!serde_json::to_string(&k).unwrap().contains("addressed_as"));
    }

    #[test]
    fn with_no_key_player_or_owner_the_memo_goes_team_to_team() {
        let (ws, mut p, pitch) = sample();
        p.key_players.clear();
        p.owner = "  ".into();
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        assert_eq!(m.to, "The Wavelet team");
        assert_eq!(m.greeting, "Dear Wavelet team,");
        assert_eq!(m.from, "The Riffly Partnerships team");
    }

    #[test]
    fn a_sent_version_is_dated_the_day_it_was_sent() {
        let (ws, p, mut pitch) = sample();
        pitch.sent = Some(day(2026, 11, 5));
        assert_eq!(
            memo(&ws, &p, &pitch, day(2026, 11, 23)).date,
            day(2026, 11, 5)
        );
    }

    #[test]
    fn a_removed_goal_is_left_out_quietly() {
        let (ws, mut p, pitch) = sample();
        p.goals.clear();
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        assert!(m.sections.iter().all(|s| s.goal.is_none()));
        assert!(!to_markdown(&m).contains("Shared goal"));
    }

    #[test]
    fn user_text_is_escaped_in_markdown_and_left_alone_in_text() {
        let (ws, mut p, mut pitch) = sample();
        p.name = "*Evil* [x](javascript:alert(1))".into();
        p.key_players[2].name = "<img src=x>".into();
        pitch.ingredients.insert(
            Ingredient::Praise,
            "# Not a heading\n- not a list\n\n1. nor this <b>bold</b>".into(),
        );
        let m = memo(&ws, &p, &pitch, day(2026, 11, 23));
        let md = to_markdown(&m);
        assert!(md
            .starts_with("# A partnership proposal for \\*Evil\\* \\[x\\](javascript:alert(1))\n"));
        assert!(md.contains("**To:** \\<img src=x\\>, Cy Lam's title  \n"));
        assert!(md.contains(
            "\\# Not a heading  \n\\- not a list\n\n1\\. nor this \\<b\\>bold\\</b\\>\n"
        ));
        let text = to_text(&m);
        assert!(text.contains("# Not a heading\n- not a list\n\n1. nor this <b>bold</b>\n"));
        assert!(text.starts_with("A partnership proposal for *Evil* [x](javascript:alert(1))\n"));
    }

    #[test]
    fn an_empty_pitch_still_greets_and_signs() {
        let (ws, p, _) = sample();
        let blank = Pitch::new(id("x2"), "v2", day(2026, 11, 2));
        let m = memo(&ws, &p, &blank, day(2026, 11, 23));
        assert!(m.sections.is_empty());
        assert!(to_text(&m).ends_with("Dear Cy,\n\nBest regards,\nPriya Raman\n"));
    }

    #[test]
    fn file_names_are_safe_and_end_in_md() {
        let (_, mut p, _) = sample();
        assert_eq!(
            file_name(&p, day(2026, 11, 23)),
            "tandem-wavelet-memo-2026-11-23.md"
        );
        p.name = "../<x>".into();
        assert_eq!(
            file_name(&p, day(2026, 11, 23)),
            "tandem-x-memo-2026-11-23.md"
        );
    }
}
