//! The checker every record's checks write into, the one error they produce, and the
//! limits on lengths and values that every layer agrees on.
//!
//! A [`ValidationError`] names the field by its path in the file
//! (`partners[3].key_players[1].influence`), the record by its name, and the rule broken,
//! so a person can find and fix it.

use crate::model::core::id::Id;
use crate::model::core::input::InputError;
use crate::model::core::month::Month;
use crate::model::core::stamp::Stamp;
use crate::model::core::text::is_blank;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::HashMap;
use std::fmt;

/// The catalogue as validation sees it: each market's id with its name, so that a
/// message names the market. Here, below every record's checks, so that a feature's
/// records check their markets without reaching up to the workspace.
pub type Catalogue<'a> = HashMap<&'a Id, &'a str>;

/// Longest name, title or owner accepted.
pub const MAX_NAME: usize = 120;
/// Longest notes accepted.
pub const MAX_NOTES: usize = 10_000;
/// Longest website address accepted.
pub const MAX_URL: usize = 2_048;
/// Longest tag, and most tags per partner.
pub const MAX_TAG: usize = 40;
pub const MAX_TAGS: usize = 20;
/// The largest metric value, target or expected contribution accepted.
pub const MAX_VALUE: f64 = 1e15;

// The most entries each list of a file may hold. Each is far above the largest program
// the product designs for (2,000 partners, 10,000 key players, 10,000 meetings, 288,000
// metric values: 24 months in 12 markets per partner), so that no real program meets
// one, and each keeps the checks and the screens that walk a list within bounds a
// browser tab survives. Together with the file's 20 MiB they bound all work on a file.

/// Most markets in the catalogue, and so most markets one partner lists.
pub const MAX_MARKETS: usize = 1_000;
/// Most partners in a workspace.
pub const MAX_PARTNERS: usize = 10_000;
/// Most deleted-record tombstones a workspace keeps.
pub const MAX_DELETED: usize = 200_000;
/// Most key players of one partner.
pub const MAX_KEY_PLAYERS: usize = 2_000;
/// Most records of one kind held by one partner (pitches, ladder moves, meetings, goals,
/// commitments, landing tracks, wins, decisions), and most wins of the program.
pub const MAX_RECORDS: usize = 10_000;
/// Most metric series of one partner: a metric in a market is one series.
pub const MAX_SERIES: usize = 5_000;
/// Most people on each side of one meeting (attending key players, our people), and
/// most next steps agreed in it.
pub const MAX_ATTENDEES: usize = 1_000;
/// The most levers a program may have: a plan of more parts than this is no longer a
/// plan anyone can read. A lever is one line of the planner (a partner or an initiative
/// with its expected growth), so a program of 2,000 partners plans with a few hundred.
/// A limit may rise but never fall: a file valid under it must stay valid.
pub const MAX_LEVERS: usize = 500;
/// Most warnings kept with one ladder move.
pub const MAX_WARNINGS: usize = 100;

/// Every list limit, as FORMAT.md's table of list lengths gives them: (the list's path
/// in the file, the most entries). A metric series' values need none: they are keyed by
/// month, and months are bounded by [`Month::YEARS`].
pub const LIST_LIMITS: &[(&str, usize)] = &[
    ("markets", MAX_MARKETS),
    ("partners", MAX_PARTNERS),
    ("deleted", MAX_DELETED),
    ("program.levers", MAX_LEVERS),
    ("program.wins", MAX_RECORDS),
    ("partners[].markets", MAX_MARKETS),
    ("partners[].tags", MAX_TAGS),
    ("partners[].key_players", MAX_KEY_PLAYERS),
    ("partners[].pitches", MAX_RECORDS),
    ("partners[].ladder_moves", MAX_RECORDS),
    ("partners[].ladder_moves[].warnings", MAX_WARNINGS),
    ("partners[].meetings", MAX_RECORDS),
    ("partners[].meetings[].ours", MAX_ATTENDEES),
    ("partners[].meetings[].attendees", MAX_ATTENDEES),
    ("partners[].meetings[].next_steps", MAX_ATTENDEES),
    ("partners[].goals", MAX_RECORDS),
    ("partners[].commitments", MAX_RECORDS),
    ("partners[].landing", MAX_RECORDS),
    ("partners[].metrics", MAX_SERIES),
    ("partners[].wins", MAX_RECORDS),
    ("partners[].decisions", MAX_RECORDS),
];

/// Influence runs from 1 to 5.
pub const INFLUENCE: std::ops::RangeInclusive<u8> = 1..=5;

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// Where, as a path into the file: `partners[3].key_players[1].influence`.
    pub path: String,
    /// Which record, by name: `key player "Ana Ruiz" of partner "Wavelet"`. Empty for
    /// workspace-level fields.
    pub record: String,
    /// What is wrong: `9 is outside 1–5`.
    pub message: String,
}

/// What an edit says when its partner is gone by the time it is saved: deleted in another
/// tab, or by an undo. The one wording every feature uses.
pub const PARTNER_GONE: &str =
    "This partner no longer exists; it may have been deleted in another tab.";

impl ValidationError {
    /// The error of an edit whose partner is gone ([`PARTNER_GONE`]); it belongs to no
    /// field, so a form shows it as its general error.
    pub fn partner_gone() -> Self {
        ValidationError {
            path: String::new(),
            record: String::new(),
            message: PARTNER_GONE.into(),
        }
    }

    /// The field by name for a person: the path's steps after the last record in it,
    /// `influence` for `partners[3].key_players[1].influence`, `markets` for
    /// `partners[2].markets[3]`, `values 2026-01` for `metrics[0].values.2026-01`.
    pub fn field(&self) -> String {
        let steps: Vec<&str> = self.path.split('.').collect();
        let after = steps.iter().rposition(|s| s.contains('['));
        let own: Vec<&str> = match after {
            Some(i) if i + 1 < steps.len() => steps[i + 1..].to_vec(),
            Some(i) => vec![steps[i].split('[').next().unwrap_or("")],
            None => steps,
        };
        own.join(" ").replace('_', " ")
    }
}

/// Written for a person: the record by its name, the field, what is wrong, and last the
/// path into the file as the detail a bug report needs:
/// `Key player "Bo Lind" of partner "Wavelet", influence: 9 is outside 1–5 (at
/// partners[0].key_players[1].influence)`.
impl std::error::Error for ValidationError {}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut record = self.record.chars();
        if let Some(first) = record.next() {
            write!(f, "{}{}, ", first.to_uppercase(), record.as_str())?;
        }
        let field = self.field();
        let mut field_chars = field.chars();
        match (self.record.is_empty(), field_chars.next()) {
            (true, Some(first)) => write!(f, "{}{}: ", first.to_uppercase(), field_chars.as_str())?,
            (false, Some(_)) => write!(f, "{field}: ")?,
            (_, None) => {}
        }
        write!(f, "{}", self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        Ok(())
    }
}

/// The words for a reference to a market that is not in the catalogue. It has no name
/// anywhere, so the id is all there is to tell it by.
pub(crate) fn unknown_market(id: &Id) -> String {
    format!("refers to a market that is not in the catalogue (its id is {id}); add the market or remove the reference")
}

/// The words for a list longer than its limit.
pub(crate) fn too_many(len: usize, max: usize, what: &str) -> String {
    format!("has {len} {what}; the limit is {max}")
}

/// Collects errors with a path prefix and a record description. Each record type's
/// module checks its own fields through one of these.
///
/// The prefix, the record's name and each field are written out only when an error
/// names them: a load checks tens of thousands of records that break no rule, and
/// writing every record's name and path first took a third of validation's time.
pub(crate) struct Checker<'a> {
    prefix: Prefix<'a>,
    record: &'a dyn fmt::Display,
    errors: &'a mut Vec<ValidationError>,
}

/// Where a checker's record is, as the steps from the top of the file, each written
/// only when an error is: `partners[3]`, then `key_players[1]`.
#[derive(Clone, Copy)]
struct Prefix<'a> {
    parent: Option<&'a Prefix<'a>>,
    step: &'a dyn fmt::Display,
}

impl Prefix<'_> {
    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        join(out, self.step);
    }
}

/// Appends one step of a path: after a dot, unless either side is empty.
fn join(out: &mut String, step: impl fmt::Display) {
    let step = step.to_string();
    if !out.is_empty() && !step.is_empty() {
        out.push('.');
    }
    out.push_str(&step);
}

/// One entry of a list as a step of a path, `key_players[1]`, written only when an
/// error names it.
#[derive(Clone, Copy)]
pub(crate) struct Item<'a>(pub &'a str, pub usize);

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// A record's name written by `write` when a message needs it ([`named`]).
pub(crate) struct Named<F>(F);

/// A name that costs nothing until an error names its record:
/// `named(|f| write!(f, "pitch {} of {of}", Quoted(&x.label)))`.
pub(crate) fn named<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(write: F) -> Named<F> {
    Named(write)
}

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Named<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

impl<'a> Checker<'a> {
    /// A checker that collects into `errors`, every path starting with `prefix`, every
    /// error naming `record` (both empty for the workspace's own fields).
    pub(crate) fn new(
        prefix: &'a dyn fmt::Display,
        record: &'a dyn fmt::Display,
        errors: &'a mut Vec<ValidationError>,
    ) -> Self {
        Checker {
            prefix: Prefix {
                parent: None,
                step: prefix,
            },
            record,
            errors,
        }
    }

    /// A checker for a record nested in this one, such as `meetings[2]`.
    pub(crate) fn nested<'b>(
        &'b mut self,
        field: &'b dyn fmt::Display,
        record: &'b dyn fmt::Display,
    ) -> Checker<'b> {
        Checker {
            prefix: Prefix {
                parent: Some(&self.prefix),
                step: field,
            },
            record,
            errors: &mut *self.errors,
        }
    }

    /// `message` is a text or one of the model's error values, written as it displays.
    pub(crate) fn push(&mut self, field: impl fmt::Display, message: impl ToString) {
        let mut path = String::new();
        self.prefix.write(&mut path);
        join(&mut path, field);
        self.errors.push(ValidationError {
            path,
            record: self.record.to_string(),
            message: message.to_string(),
        });
    }

    pub(crate) fn required(&mut self, field: impl fmt::Display, value: &str, max: usize) {
        if is_blank(value) {
            self.push(field, InputError::Required);
        } else {
            self.max_len(field, value, max);
        }
    }

    pub(crate) fn max_len(&mut self, field: impl fmt::Display, value: &str, max: usize) {
        let len = value.chars().count();
        if len > max {
            self.push(field, format!("has {len} characters; the limit is {max}"));
        }
    }

    /// A list of at most `max` entries: more is refused with the count and the limit,
    /// `has 1001 attendees; the limit is 1000`.
    pub(crate) fn count(&mut self, field: impl fmt::Display, len: usize, max: usize, what: &str) {
        if len > max {
            self.push(field, too_many(len, max, what));
        }
    }

    pub(crate) fn id(&mut self, id: &Id) {
        self.id_at("id", id);
    }

    /// Checks an id held in another field, such as a reference to a key player.
    pub(crate) fn id_at(&mut self, field: impl fmt::Display, id: &Id) {
        if let Err(reason) = id.check() {
            self.push(field, reason);
        }
    }

    pub(crate) fn in_range(
        &mut self,
        field: impl fmt::Display,
        value: u8,
        range: std::ops::RangeInclusive<u8>,
    ) {
        if !range.contains(&value) {
            self.push(
                field,
                format!("{value} is outside {}–{}", range.start(), range.end()),
            );
        }
    }

    /// Numbers from files may be anything JSON allows; NaN and infinities cannot be
    /// written back to JSON, and beyond ±1e15 sums lose their units.
    pub(crate) fn finite(&mut self, field: impl fmt::Display, value: f64) {
        if !value.is_finite() || value.abs() > MAX_VALUE {
            self.push(
                field,
                format!("{value} is not a number between −10¹⁵ and 10¹⁵"),
            );
        }
    }

    /// A day must fall in [`Month::YEARS`]: beyond them it is a typing mistake or a
    /// hostile file, and adding days to chrono's last date would overflow.
    pub(crate) fn date(&mut self, field: impl fmt::Display, day: NaiveDate) {
        if !Month::YEARS.contains(&day.year()) {
            self.push(field, years_message(day.year()));
        }
    }

    /// As [`Checker::date`], for a moment such as when a record was last edited.
    pub(crate) fn time(&mut self, field: impl fmt::Display, at: DateTime<Utc>) {
        if !Month::YEARS.contains(&at.year()) {
            self.push(field, years_message(at.year()));
        }
    }

    /// An edit stamp's time must fall in the same years as any moment: a stamp from far
    /// in the future would drag every clock that sees it along.
    pub(crate) fn stamp(&mut self, field: impl fmt::Display, stamp: Option<Stamp>) {
        let Some(stamp) = stamp else { return };
        match stamp.time() {
            Some(at) => self.time(field, at),
            None => self.push(field, years_message(i32::MAX)),
        }
    }

    pub(crate) fn times(&mut self, created: DateTime<Utc>, updated: DateTime<Utc>) {
        self.time("created", created);
        self.time("updated", updated);
        if updated < created {
            self.push("updated", "is earlier than created");
        }
    }
}

fn years_message(year: i32) -> String {
    format!(
        "falls in the year {year}, outside {}–{}",
        Month::YEARS.start(),
        Month::YEARS.end()
    )
}
