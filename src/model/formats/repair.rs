//! Repairing a stored workspace that stricter checks now refuse, losing as little as
//! possible and saying exactly what changes.
//!
//! A workspace saved by an older Tandem can break a rule added since (a website with
//! user-info before the host, a time outside 1900–2200). [`restore`](file::restore)
//! refuses it, rightly, and the app starts under the "could not be read" banner with
//! the raw value kept and downloadable. [`repair`] is the way back in for the common
//! case: it reads the value as far as its shape, and for each broken rule changes only
//! the offending field —
//!
//! - a moment (`created`, `updated`, …) outside the years a file may carry, or an
//!   `updated` before its `created`, is **set to now** (or to `created` when that is
//!   later);
//! - an optional field (a website, a title, the day a stage began …) is **cleared**: the
//!   field is removed and reads as its empty default;
//! - a value in a list of plain values (a tag, an attendee) is **removed from the list**.
//!
//! Nothing else: a record is never dropped, and a required field (a name, an id) is
//! never invented. When a broken rule has no such repair, nothing is offered and the
//! unrepairable problems are named; the raw value stays downloadable either way, and
//! the app keeps it aside when the repaired workspace replaces it.
//!
//! ```
//! use tandem::model::formats::{file, repair};
//! use chrono::{TimeZone, Utc};
//! let now = Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap();
//! let mut ws = tandem::model::Workspace::empty();
//! ws.partners.push(tandem::model::Partner::new(tandem::model::Id::parse("p-1").unwrap(), "Acme", now).into());
//! let text = file::write(&ws, file::Scope::Workspace, now, false)
//!     .replace("\"website\":\"\"", "\"website\":\"https://bank.example@evil.example\"");
//! assert!(file::restore(&text).is_err());
//! let repaired = repair::repair(&text, now).unwrap();
//! assert_eq!(repaired.workspace.partners[0].website, "");
//! assert_eq!(repaired.fixes.len(), 1);
//! ```

use crate::model::core::check::ValidationError;
use crate::model::formats::file::{self, FileError};
use crate::model::formats::json_text;
use crate::model::workspace::records::Workspace;
use crate::model::workspace::validate;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;
use std::fmt;

/// The most broken rules a repair takes on: each costs a pass over the file, and a value
/// with more is not a stale workspace but a damaged or hostile one.
pub const MAX_FIXES: usize = 100;

/// What a repair did to one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The field was removed and reads as its empty default.
    Cleared,
    /// A moment was set to this time.
    SetTo(DateTime<Utc>),
    /// The value was taken out of its list.
    Removed,
}

/// One field changed by a repair: which, what it held, why it was refused, what now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The broken rule as validation reported it (path, record, message).
    pub problem: ValidationError,
    /// What the field held, shortened for a person.
    pub was: String,
    pub action: Action,
}

impl fmt::Display for Fix {
    /// `Partner "Acme", website: cleared (was "https://bank.example@evil.example": must
    /// not hold user-info …)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.problem;
        let mut record = e.record.chars();
        if let Some(first) = record.next() {
            write!(f, "{}{}, ", first.to_uppercase(), record.as_str())?;
        }
        write!(f, "{}: ", e.field())?;
        match &self.action {
            Action::Cleared => f.write_str("cleared")?,
            Action::Removed => f.write_str("removed from the list")?,
            Action::SetTo(at) => write!(f, "set to {}", crate::model::core::format::moment(*at))?,
        }
        write!(f, " (was {}: {})", self.was, e.message)
    }
}

/// A stored value made valid again, and every field it took to do so.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    pub workspace: Workspace,
    pub fixes: Vec<Fix>,
}

/// Why no repair is offered.
#[derive(Clone, Debug, PartialEq)]
pub enum Unrepairable {
    /// Not a Tandem workspace as far as its shape: only the download helps.
    Unreadable(FileError),
    /// Nothing is broken: the value restores as it is.
    NothingToRepair,
    /// More broken rules than [`MAX_FIXES`].
    TooMany { problems: usize },
    /// Rules broken in a way no field change mends (a blank name, a repeated id).
    NoRepair(Vec<ValidationError>),
}

impl std::error::Error for Unrepairable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Unrepairable::Unreadable(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Unrepairable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unrepairable::Unreadable(e) => write!(f, "It cannot be repaired here: {e}"),
            Unrepairable::NothingToRepair => f.write_str("It needs no repair."),
            Unrepairable::TooMany { problems } => write!(
                f,
                "It breaks {problems} rules, more than the {MAX_FIXES} a repair takes on: \
                 download it and repair it by hand, or send it to someone who can."
            ),
            Unrepairable::NoRepair(errors) => write!(
                f,
                "It cannot be repaired here without inventing or losing data: {}. Download \
                 it and repair it by hand.",
                file::FirstFive(errors)
            ),
        }
    }
}

/// Repairs a stored value (or file) that [`file::restore`] refuses for broken rules, by
/// changing only the offending fields (see the module documentation). `now` is the time
/// a moment out of range is set to.
///
/// # Errors
/// [`Unrepairable`] when the value is not a workspace as far as its shape, breaks no
/// rule, breaks too many, or breaks one no field change mends.
pub fn repair(text: &str, now: DateTime<Utc>) -> Result<Repaired, Unrepairable> {
    let (mut value, _) = file::read_migrated(text).map_err(Unrepairable::Unreadable)?;
    let mut fixes: Vec<Fix> = Vec::new();
    // One field per pass, validating again after each: a fix can mend other rules (two
    // refusals of one website) or move others (a tag removed shifts the next).
    loop {
        let envelope = file::shape(&value).map_err(Unrepairable::Unreadable)?;
        let errors = validate::workspace(&envelope.workspace);
        if errors.is_empty() {
            if fixes.is_empty() {
                return Err(Unrepairable::NothingToRepair);
            }
            return Ok(Repaired {
                workspace: envelope.workspace,
                fixes,
            });
        }
        if fixes.len() + errors.len() > MAX_FIXES {
            return Err(Unrepairable::TooMany {
                problems: fixes.len() + errors.len(),
            });
        }
        let fixed = errors.iter().find_map(|e| {
            fix(&mut value, e, now).map(|(was, action)| Fix {
                problem: e.clone(),
                was,
                action,
            })
        });
        match fixed {
            Some(f) => fixes.push(f),
            None => return Err(Unrepairable::NoRepair(errors)),
        }
    }
}

/// Changes the field `e` names in `value` (the whole envelope), if one of the repairs
/// applies and the result still has the file's shape; returns what it held and what was
/// done. `value` is unchanged when `None`.
fn fix(value: &mut Value, e: &ValidationError, now: DateTime<Utc>) -> Option<(String, Action)> {
    let steps = pointer_steps(&e.path)?;
    let (last, parent_steps) = steps.split_last()?;
    let parent_pointer = pointer(&parent_steps.iter().map(String::as_str).collect::<Vec<_>>());
    let old = value.pointer(&parent_pointer)?.clone();
    let was = json_text::short(field_of(&old, last)?);

    let mut candidates: Vec<(Value, Action)> = Vec::new();
    let current = field_of(&old, last)?;
    // A moment: set to now, or to its record's `created` when that is later.
    if current
        .as_str()
        .is_some_and(|s| DateTime::parse_from_rfc3339(s).is_ok())
    {
        let created = old
            .get("created")
            .and_then(Value::as_str)
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc))
            .filter(|c| last == "updated" && *c > now && validate_year(*c));
        let at = created.unwrap_or(now);
        let mut changed = old.clone();
        *field_of_mut(&mut changed, last)? =
            Value::String(at.to_rfc3339_opts(SecondsFormat::Secs, true));
        candidates.push((changed, Action::SetTo(at)));
    }
    // An optional field: removed, so it reads as its empty default.
    if let Value::Object(map) = &old {
        let mut map = map.clone();
        map.remove(last.as_str());
        candidates.push((Value::Object(map), Action::Cleared));
    }
    // A plain value in a list: taken out.
    if let (Value::Array(items), Ok(i)) = (&old, last.parse::<usize>()) {
        if !items[i].is_object() && !items[i].is_array() {
            let mut items = items.clone();
            items.remove(i);
            candidates.push((Value::Array(items), Action::Removed));
        }
    }
    for (replacement, action) in candidates {
        *value.pointer_mut(&parent_pointer)? = replacement;
        // The shape must still read, and this rule must hold at this path.
        let holds = file::shape(value).is_ok_and(|env| {
            !validate::workspace(&env.workspace)
                .iter()
                .any(|other| other.path == e.path && other.message == e.message)
        });
        if holds {
            return Some((was, action));
        }
        *value.pointer_mut(&parent_pointer)? = old.clone();
    }
    None
}

fn validate_year(at: DateTime<Utc>) -> bool {
    use chrono::Datelike;
    crate::model::core::month::Month::YEARS.contains(&at.year())
}

fn field_of<'a>(parent: &'a Value, key: &str) -> Option<&'a Value> {
    match parent {
        Value::Object(map) => map.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    }
}

fn field_of_mut<'a>(parent: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    match parent {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    }
}

/// The steps of a validation path from the envelope's top: `partners[3].website` is
/// `workspace`, `partners`, `3`, `website`.
fn pointer_steps(path: &str) -> Option<Vec<String>> {
    let mut steps = vec!["workspace".to_owned()];
    for part in path.split('.') {
        let mut rest = part;
        let name_end = rest.find('[').unwrap_or(rest.len());
        if name_end > 0 {
            steps.push(rest[..name_end].to_owned());
        }
        rest = &rest[name_end..];
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            steps.push(inner[..close].to_owned());
            rest = &inner[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(steps)
}

/// A JSON pointer (RFC 6901) from steps.
fn pointer(steps: &[&str]) -> String {
    steps
        .iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_pointers() {
        assert_eq!(
            pointer_steps("partners[3].key_players[1].influence").unwrap(),
            [
                "workspace",
                "partners",
                "3",
                "key_players",
                "1",
                "influence"
            ]
        );
        assert_eq!(
            pointer_steps("partners[0].metrics[1].values.2026-03").unwrap(),
            [
                "workspace",
                "partners",
                "0",
                "metrics",
                "1",
                "values",
                "2026-03"
            ]
        );
        assert_eq!(pointer(&["a/b", "c~d"]), "/a~1b/c~0d");
        assert_eq!(pointer_steps("partners[x"), None);
    }
}
