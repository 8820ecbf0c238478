//! The Tandem file format: one JSON envelope used both for exported files and for the
//! copy kept in local storage, so there is a single way in (`restore`) for anything
//! that comes from outside.
//!
//! ```json
//! { "format": "tandem", "version": 3, "scope": "workspace",
//!   "saved_at": "2026-11-23T10:00:00Z", "workspace": { ... } }
//! ```
//!
//! `restore` checks, in order: that the text is JSON, that it is a Tandem file, that its
//! version is one this build reads (older versions are migrated), that every field has
//! the right shape, and finally the model's validation rules. The first failure is
//! returned as a [`FileError`] naming what is wrong and where.

use crate::model::core::check::ValidationError;
use crate::model::core::format;
use crate::model::core::id::Id;
use crate::model::formats::json_text;
use crate::model::workspace::records::Workspace;
use crate::model::workspace::validate::{self};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The value of the `format` field of every Tandem file.
pub const FORMAT: &str = "tandem";
/// The format version this build writes.
pub const VERSION: u64 = 3;
/// The oldest format version this build still reads.
pub const OLDEST_VERSION: u64 = 1;
/// Files larger than this are refused before parsing (local storage holds ~5 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// A file or text larger than Tandem reads. The one size refusal: the file picker
/// ([`readable`]), [`restore`] and the sealed envelope (`sealed::parse`) all return it,
/// so the limit ([`MAX_BYTES`]) and its words live here once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// The file's name, when the picker knows it.
    pub name: Option<String>,
    pub bytes: u64,
}

impl TooLarge {
    /// Refuses `bytes` over [`MAX_BYTES`].
    ///
    /// # Errors
    /// [`TooLarge`] naming the file (or "The file") and both sizes.
    pub fn check(name: Option<&str>, bytes: u64) -> Result<(), TooLarge> {
        if bytes > MAX_BYTES as u64 {
            return Err(TooLarge {
                name: name.map(str::to_owned),
                bytes,
            });
        }
        Ok(())
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = MAX_BYTES as u64;
        write!(
            f,
            "{} is {}; Tandem reads files up to {}.",
            self.name.as_deref().unwrap_or("The file"),
            format::bytes_over(self.bytes, max),
            format::bytes(max)
        )
    }
}

impl std::error::Error for TooLarge {}

/// Whether the file picker reads a file of `size` bytes named `name`: any file Tandem
/// opens, plain or sealed, is at most [`MAX_BYTES`], and a larger one is refused before
/// a byte of it is read.
///
/// # Errors
/// The refusal, for a person: `big.json is 25.0 MB; Tandem reads files up to 20.0 MB.`
pub fn readable(name: &str, size: u64) -> Result<(), TooLarge> {
    TooLarge::check(Some(name), size)
}

/// The text of a picked file's bytes when every decoder of UTF-8 reads them alike: valid
/// UTF-8 that does not open with a byte-order mark. `None` for anything else (a mark,
/// UTF-16, bytes that are not UTF-8), which the browser's own decoding reads instead,
/// so such files read exactly as before (`storage::files::read_text`).
///
/// Taking the bytes as they are saves a 14 MB file two conversions: the browser's
/// decoding into a JavaScript string, and that string's copy into the wasm memory, which
/// goes a character at a time (about half of an import's time at 2,000 partners).
pub fn utf8_as_is(bytes: Vec<u8>) -> Option<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// Whether a file holds the whole workspace or a chosen set of partners.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Workspace,
    Partners,
}

/// The envelope around a workspace, as written to files and storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Envelope {
    /// Always `"tandem"`.
    pub format: String,
    /// The format version; this build writes [`VERSION`].
    pub version: u64,
    #[serde(default)]
    pub scope: Scope,
    /// When the file was written.
    pub saved_at: DateTime<Utc>,
    pub workspace: Workspace,
}

/// A file that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub workspace: Workspace,
    pub scope: Scope,
    pub saved_at: DateTime<Utc>,
    /// The version the file was written in, before any migration.
    pub version: u64,
}

/// Why a file or stored value was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    TooLarge(TooLarge),
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    NotTandem {
        reason: String,
    },
    UnknownVersion {
        found: String,
    },
    /// A field has the wrong type or an unknown value.
    Shape {
        path: String,
        /// The record holding the field, by name, as far as the file gives it:
        /// `key player "Ana Ruiz" of partner "Wavelet"`. Empty outside any record.
        record: String,
        reason: String,
    },
    /// Well-formed, but breaks the model's rules.
    Invalid(Vec<ValidationError>),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::TooLarge(e) => write!(f, "{e}"),
            FileError::NotJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "This is not valid JSON: {}.",
                JsonAt(reason, *line, *column)
            ),
            FileError::NotTandem { reason } => {
                write!(f, "This is not a Tandem file: {reason}.")
            }
            FileError::UnknownVersion { found } => write!(
                f,
                "This Tandem file has format version {found}; {}",
                Reads(OLDEST_VERSION, VERSION)
            ),
            FileError::Shape {
                path,
                record,
                reason,
            } => {
                if record.is_empty() {
                    return write!(f, "{path}: {reason}.");
                }
                // The record by name first, as for broken rules; the path as detail.
                let e = ValidationError {
                    path: path.clone(),
                    record: record.clone(),
                    message: reason.clone(),
                };
                // A path ending at a record (`partners[0]`) has no field to name.
                let last = path.rsplit('.').next().unwrap_or_default();
                let list = last.split('[').next().unwrap_or_default();
                if last.ends_with(']') && record_kind(list, !path.contains('.')).is_some() {
                    let mut name = record.chars();
                    let first = name.next().map(|c| c.to_uppercase().to_string());
                    write!(
                        f,
                        "{}{}: {reason} (at {path}).",
                        first.unwrap_or_default(),
                        name.as_str()
                    )
                } else {
                    write!(f, "{e}.")
                }
            }
            FileError::Invalid(errors) => {
                let n = errors.len();
                write!(
                    f,
                    "The file breaks {n} rule{}: {}.",
                    if n == 1 { "" } else { "s" },
                    FirstFive(errors)
                )
            }
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileError::TooLarge(e) => Some(e),
            _ => None,
        }
    }
}

/// The first five broken rules, then how many more: how a refused file and a refused
/// repair list them.
pub(crate) struct FirstFive<'a>(pub &'a [ValidationError]);

impl fmt::Display for FirstFive<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().take(5).enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        if self.0.len() > 5 {
            write!(f, "; and {} more", self.0.len() - 5)?;
        }
        Ok(())
    }
}

/// Where JSON stops parsing, as both readers say it: `expected value at line 3, column 5`.
pub(crate) struct JsonAt<'a>(pub &'a str, pub usize, pub usize);

impl fmt::Display for JsonAt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let JsonAt(reason, line, column) = self;
        write!(f, "{reason} at line {line}, column {column}")
    }
}

/// What a reader of a versioned format says after a version it does not read (files and
/// sealed files each have their own versions, from the oldest read to this build's).
pub(crate) struct Reads(pub u64, pub u64);

impl fmt::Display for Reads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Reads(oldest, newest) = self;
        write!(
            f,
            "this version of Tandem reads versions {oldest} to {newest}. It may come from a \
             newer Tandem."
        )
    }
}

/// Writes a workspace as a Tandem file. `pretty` for files people may read, compact
/// for local storage where every character counts against the quota.
pub fn write(ws: &Workspace, scope: Scope, now: DateTime<Utc>, pretty: bool) -> String {
    let envelope = EnvelopeRef {
        format: FORMAT,
        version: VERSION,
        scope,
        saved_at: now,
        workspace: ws,
    };
    let result = if pretty {
        serde_json::to_string_pretty(&envelope)
    } else {
        serde_json::to_string(&envelope)
    };
    // Serialising plain structs with string keys cannot fail.
    result.unwrap_or_default()
}

/// Borrowing twin of [`Envelope`], so writing never clones the workspace.
#[derive(Serialize)]
struct EnvelopeRef<'a> {
    format: &'static str,
    version: u64,
    scope: Scope,
    saved_at: DateTime<Utc>,
    workspace: &'a Workspace,
}

/// Reads a Tandem file or stored value, migrating older versions and validating.
pub fn restore(text: &str) -> Result<Restored, FileError> {
    let (envelope, version) = match read_directly(text) {
        Some(envelope) => {
            let version = envelope.version;
            (envelope, version)
        }
        None => {
            let (value, version) = read_migrated(text)?;
            // A file of this version needs no migration: read from its own text, which
            // saves writing the JSON out again.
            let envelope = if version == VERSION {
                shape_text(text, &value)?
            } else {
                shape(&value)?
            };
            (envelope, version)
        }
    };
    let errors = validate::workspace(&envelope.workspace);
    if !errors.is_empty() {
        return Err(FileError::Invalid(errors));
    }
    Ok(Restored {
        workspace: envelope.workspace,
        scope: envelope.scope,
        saved_at: envelope.saved_at,
        version,
    })
}

/// The usual file read in one pass, straight into records: a Tandem file of a version
/// this build reads without rewriting it. `None` sends anything else (an older version
/// that migration rewrites, or anything to refuse) through [`read_migrated`], whose JSON
/// value says what is wrong and where; building that value first for every file made an
/// import of 2,000 partners parse the file twice (and free a tree of maps once more).
fn read_directly(text: &str) -> Option<Envelope> {
    TooLarge::check(None, text.len() as u64).ok()?;
    // A struct also reads from a JSON array; the full path refuses one as not a file.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let envelope: Envelope = serde_json::from_str(text).ok()?;
    let readable = envelope.format == FORMAT
        && (OLDEST_VERSION..=VERSION).contains(&envelope.version)
        && !migration_rewrites(envelope.version);
    readable.then_some(envelope)
}

/// The first steps of [`restore`]: JSON, a Tandem file, a version this build reads,
/// migrated to the current version; the JSON and the version it was written in.
pub(crate) fn read_migrated(text: &str) -> Result<(serde_json::Value, u64), FileError> {
    TooLarge::check(None, text.len() as u64).map_err(FileError::TooLarge)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| FileError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: json_text::reason(&e),
    })?;
    let object = value.as_object().ok_or_else(|| FileError::NotTandem {
        reason: json_text::not_an_object(&value),
    })?;
    match object.get("format") {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        found => {
            return Err(FileError::NotTandem {
                reason: json_text::wrong_format(found, FORMAT),
            })
        }
    }
    let version = match object.get("version") {
        Some(v) => v.as_u64().ok_or_else(|| FileError::NotTandem {
            reason: format!(
                "its \"version\" is {}, not a whole number",
                json_text::short(v)
            ),
        })?,
        None => {
            return Err(FileError::NotTandem {
                reason: "it has no \"version\" field".into(),
            })
        }
    };
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(FileError::UnknownVersion {
            found: version.to_string(),
        });
    }
    Ok((migrate(value, version), version))
}

/// The shape step of [`restore`]: the migrated JSON as an [`Envelope`], not yet validated.
pub(crate) fn shape(value: &serde_json::Value) -> Result<Envelope, FileError> {
    shape_text(&value.to_string(), value)
}

/// [`shape`] from the text of `value`. Read from text (not from the `Value`) so that each
/// record type's deserialiser is compiled once, for text, shared with the store
/// (`store::decode_partner`); the path of a shape error is found from the error's
/// position only when there is one (`json_text::path_at`).
fn shape_text(text: &str, value: &serde_json::Value) -> Result<Envelope, FileError> {
    json_text::read(text).map_err(|refused| {
        // Paths are given relative to the workspace, like validation's.
        let path = refused.path.unwrap_or_else(|| ".".into());
        let inside = path.strip_prefix("workspace.");
        let record = inside.map_or(String::new(), |p| record_at(&value["workspace"], p));
        let path = inside.unwrap_or(&path).to_owned();
        FileError::Shape {
            path: if path == "." {
                "(top level)".into()
            } else {
                path
            },
            record,
            reason: json_text::reason(&refused.error),
        }
    })
}

/// The record a path into the workspace lands in, named as validation names it, from
/// what the raw file says (the shape may be wrong further in): `partners[3].stage` is
/// in `partner "Dashline Auto"`. Empty for the workspace's own fields.
fn record_at(workspace: &serde_json::Value, path: &str) -> String {
    let mut record = String::new();
    let mut at = workspace;
    for step in path.split('.') {
        let Some((list, index)) = step.strip_suffix(']').and_then(|s| s.split_once('[')) else {
            at = &at[step];
            continue;
        };
        let Ok(i) = index.parse::<usize>() else {
            break;
        };
        at = &at[list][i];
        let name = |field: &str| at[field].as_str().map(validate::quoted);
        // A list of values (a partner's markets, tags): the field, not a record.
        let Some(kind) = record_kind(list, record.is_empty()) else {
            break;
        };
        let named = [
            "name",
            "label",
            "statement",
            "what",
            "title",
            "metric",
            "initiative",
        ]
        .iter()
        .find_map(|f| name(f));
        let this = match named {
            Some(n) => format!("{kind} {n}"),
            None => format!("{kind} number {}", i + 1),
        };
        record = if record.is_empty() {
            this
        } else {
            format!("{this} of {record}")
        };
    }
    record
}

/// What a record of this list is called; `None` for a list of plain values. `top` for
/// a list of the workspace itself (its markets, not a partner's).
fn record_kind(list: &str, top: bool) -> Option<&'static str> {
    Some(match list {
        "partners" => "partner",
        "markets" if top => "market",
        "key_players" => "key player",
        "pitches" => "pitch",
        "meetings" => "meeting",
        "goals" => "goal",
        "commitments" => "commitment",
        "landing" => "landing track",
        "metrics" => "metric",
        "wins" => "win",
        "decisions" => "decision",
        "ladder_moves" => "ladder move",
        "levers" => "lever",
        _ => return None,
    })
}

/// Brings a file of an older version up to [`VERSION`], one step per version.
///
/// - 1 → 2: version 2 added the records of the deal (pitches, fit, ladder moves,
///   meetings) and after it (goals, commitments, landing, metrics, wins, decisions, the
///   program's target). Every one of them is optional with an empty default, so a
///   version-1 file reads as is. The version number still moved, so that a Tandem that
///   only knows version 1 refuses a newer file instead of silently dropping its records.
/// - 2 → 3: version 3 stamps each field and list item of a partner (`base`, `stamps`)
///   and the program name (`program.name_stamp`), so that merges go field by field.
///   A partner without them has every part at its record's stamp (its `stamp`, or its
///   `updated` with writer 0): exactly how version 2 ordered it, so the step reads the
///   file as is. The number moved so that a version-2 Tandem, which would drop the field
///   stamps on its next save and so merge them away, refuses these files.
fn migrate(value: serde_json::Value, _from: u64) -> serde_json::Value {
    value
}

/// Whether [`migrate`] changes a file of version `from`: no step does yet (see above).
/// A step that rewrites must say so here, or [`restore`] reads such a file without it.
const fn migration_rewrites(_from: u64) -> bool {
    false
}

/// The chosen partners with just the markets they refer to, for a partial export.
pub fn subset(ws: &Workspace, ids: &HashSet<Id>) -> Workspace {
    let partners: Vec<_> = ws
        .partners
        .iter()
        .filter(|p| ids.contains(&p.id))
        .cloned()
        .collect();
    let used: HashSet<&Id> = partners.iter().flat_map(|p| p.market_refs()).collect();
    Workspace {
        deleted: Vec::new(),
        program: Default::default(),
        program_name: ws.program_name.clone(),
        markets: ws
            .markets
            .iter()
            .filter(|m| used.contains(&m.id))
            .cloned()
            .collect(),
        partners,
    }
}

/// A file name for an export, such as `tandem-riffly-partnerships-2026-11-23.json`:
/// the program's name reduced to safe ASCII, so any file system accepts it.
pub fn export_name(program: &str, today: chrono::NaiveDate, what: &str) -> String {
    let slug: String = program
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "workspace".into()
    } else {
        slug
    };
    format!("tandem-{slug}{what}-{today}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    #[test]
    fn demo_round_trips_through_a_file() {
        let ws = demo::workspace(now());
        for pretty in [true, false] {
            let text = write(&ws, Scope::Workspace, now(), pretty);
            let back = restore(&text).unwrap();
            assert_eq!(back.workspace, ws);
            assert_eq!(back.version, VERSION);
            assert_eq!(back.saved_at, now());
        }
    }

    #[test]
    fn not_json_names_line_and_column() {
        let err = restore("{\n  \"format\": \"tandem\",\n  oops\n}").unwrap_err();
        match &err {
            FileError::NotJson { line, column, .. } => assert_eq!((*line, *column), (3, 3)),
            other => panic!("unexpected {other:?}"),
        }
        assert!(err
            .to_string()
            .starts_with("This is not valid JSON: key must be a string at line 3"));
    }

    #[test]
    fn other_json_is_not_a_tandem_file() {
        assert!(matches!(restore("[1,2]"), Err(FileError::NotTandem { .. })));
        let err = restore(r#"{"name":"x"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "This is not a Tandem file: it has no \"format\": \"tandem\" field."
        );
        let err = restore(r#"{"format":"excalidraw","version":2}"#).unwrap_err();
        assert!(err.to_string().contains("\"excalidraw\""));
    }

    #[test]
    fn unknown_versions_are_refused_by_number() {
        let err = restore(r#"{"format":"tandem","version":99,"workspace":{}}"#).unwrap_err();
        assert_eq!(err, FileError::UnknownVersion { found: "99".into() });
        assert!(err.to_string().contains("version 99"));
        let err = restore(r#"{"format":"tandem","version":"one"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "This is not a Tandem file: its \"version\" is \"one\", not a whole number."
        );
        assert!(matches!(
            restore(r#"{"format":"tandem","version":0}"#),
            Err(FileError::UnknownVersion { .. })
        ));
    }

    #[test]
    fn wrong_shapes_name_the_field_path() {
        let ws = demo::workspace(now());
        let mut value: serde_json::Value =
            serde_json::from_str(&write(&ws, Scope::Workspace, now(), false)).unwrap();
        value["workspace"]["partners"][3]["stage"] = "won".into();
        let err = restore(&value.to_string()).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("Partner \"Dashline Auto\", stage: unknown variant `won`"));
        // Nested records and lists of values.
        let shape = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut raw = value.clone();
            raw["workspace"]["partners"][3]["stage"] = "live".into();
            change(&mut raw["workspace"]["partners"][3]);
            restore(&raw.to_string()).unwrap_err().to_string()
        };
        assert_eq!(
            shape(&|p| p["landing"] = serde_json::json!([{"id": "l", "enabled": {"done": 5}}])),
            "Landing track number 1 of partner \"Dashline Auto\", enabled done: invalid type: \
             integer `5`, expected a formatted date string (at partners[3].landing[0].enabled.done)."
        );
        assert!(shape(&|p| p["markets"][0] = 5.into())
            .starts_with("Partner \"Dashline Auto\", markets: invalid type: integer `5`"));
        match err {
            FileError::Shape { path, reason, .. } => {
                assert_eq!(path, "partners[3].stage");
                assert!(reason.contains("unknown variant `won`"), "{reason}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn rule_violations_name_the_record_and_keep_the_path() {
        let ws = demo::workspace(now());
        let mut value: serde_json::Value =
            serde_json::from_str(&write(&ws, Scope::Workspace, now(), false)).unwrap();
        value["workspace"]["partners"][3]["key_players"][1]["influence"] = 9.into();
        let err = restore(&value.to_string()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(
                "Key player \"Camille Roux\" of partner \"Dashline Auto\", influence: 9 is \
                 outside 1–5 (at partners[3].key_players[1].influence)"
            ),
            "{text}"
        );
    }

    #[test]
    fn subset_keeps_only_chosen_partners_and_their_markets() {
        let ws = demo::workspace(now());
        let chosen: HashSet<Id> = [ws.partners[0].id.clone()].into();
        let part = subset(&ws, &chosen);
        assert_eq!(part.partners.len(), 1);
        assert!(part.markets.len() <= ws.partners[0].markets.len());
        assert!(validate::workspace(&part).is_empty());
        let text = write(&part, Scope::Partners, now(), true);
        assert_eq!(restore(&text).unwrap().scope, Scope::Partners);
    }

    #[test]
    fn export_names_are_safe_slugs() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            export_name("Riffly Partnerships 2027", day, ""),
            "tandem-riffly-partnerships-2027-2026-11-23.json"
        );
        assert_eq!(
            export_name("../<script>", day, "-2-partners"),
            "tandem-script-2-partners-2026-11-23.json"
        );
        assert_eq!(
            export_name("日本", day, ""),
            "tandem-workspace-2026-11-23.json"
        );
    }

    /// Only bytes that every UTF-8 decoder reads alike are taken as they are: a
    /// byte-order mark (of UTF-8 or UTF-16) or a byte that is not UTF-8 leaves the file
    /// to the browser's decoding.
    #[test]
    fn bytes_are_taken_as_text_only_when_plain_utf8() {
        let text = "{\"name\": \"Café 日本 🎉\"}";
        assert_eq!(utf8_as_is(text.as_bytes().to_vec()).as_deref(), Some(text));
        assert_eq!(utf8_as_is(Vec::new()).as_deref(), Some(""));
        let marked = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(utf8_as_is(marked), None);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(utf8_as_is(utf16), None);
        let mut bad = text.as_bytes().to_vec();
        bad[3] = 0xFF;
        assert_eq!(utf8_as_is(bad), None);
        // A mark further in is text like any other.
        let inside = "{\"name\": \"\u{FEFF}x\"}";
        assert_eq!(
            utf8_as_is(inside.as_bytes().to_vec()).as_deref(),
            Some(inside)
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = " ".repeat(MAX_BYTES + 1);
        assert!(matches!(restore(&big), Err(FileError::TooLarge { .. })));
    }
}
