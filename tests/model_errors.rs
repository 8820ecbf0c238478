//! One error story: every refusal the model returns is a typed value implementing
//! `std::error::Error`, and its `Display` is the sentence the UI shows (the UI writes
//! `e.to_string()` into the field's message, the toast or the banner). The first tests
//! pin those sentences, one error type at a time, so a reworded or lost message fails
//! here; the storage boundary's are pinned too (`storage::error`, the one part of
//! `storage` compiled natively). The last read the source of `src` (the model, and
//! everything outside it: storage, the UI, the app and the tools) and fail, naming the
//! file and line, when a function returns its error as a bare `String` again.

mod common;
use common::source_files;

use tandem::model::core::id::{Id, IdError};
use tandem::model::core::input::InputError;
use tandem::model::core::month::{Month, MonthError};
use tandem::model::core::owner::Owner;
use tandem::model::core::stamp::{Stamp, StampError};
use tandem::model::figures::planner;
use tandem::model::fit::{self, ladder::LadderError};
use tandem::model::formats::compact::{self, CompactError};
use tandem::model::formats::csv::CsvError;
use tandem::model::formats::csv_metrics::{self, CellError};
use tandem::model::formats::store::{self, StoreError};
use tandem::model::meetings;
use tandem::model::metrics::MetricError;
use tandem::model::pitch::PitchError;
use tandem::model::workspace::draft;
use tandem::model::workspace::edit::MarketInUse;
use tandem::model::workspace::validate::{website, WebsiteError};
use tandem::model::Ingredient;
use tandem::storage::error::{ClipboardError, DownloadError, DraftError, LocalError, ReadError};

/// What the UI shows for an error: its `Display`, through the `std::error::Error` bound
/// every model error type must meet.
fn shown(e: impl std::error::Error) -> String {
    e.to_string()
}

fn id(s: &str) -> Id {
    Id::parse(s).expect("a test id")
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a test day")
}

#[test]
fn form_fields_say_what_to_type() {
    let err = |r: Result<_, InputError>| shown(r.map(|_: ()| ()).unwrap_err());
    assert_eq!(err(meetings::parse_date(" ").map(|_| ())), "is required");
    assert_eq!(
        err(meetings::parse_date("2/11/2026").map(|_| ())),
        "\"2/11/2026\" is not a date; use the date picker or write it as YYYY-MM-DD, e.g. 2026-11-23"
    );
    assert_eq!(err(planner::parse_number("").map(|_| ())), "is required");
    assert_eq!(
        err(planner::parse_number("lots").map(|_| ())),
        "\"lots\" is not a number such as 38,000 or 12.5"
    );
    assert_eq!(
        err(planner::parse_number("1e20").map(|_| ())),
        "is not a number between −10¹⁵ and 10¹⁵"
    );
    assert_eq!(
        err(fit::parse_score("7").map(|_| ())),
        "7 is not a whole number from 1 to 5; leave it empty if not assessed"
    );
    assert_eq!(
        err(Owner::from_form("ours", " ").map(|_| ())),
        "give the owner's name, or choose no owner"
    );
    assert_eq!(
        err(Owner::from_form("someone", "").map(|_| ())),
        "choose an owner from the list"
    );
}

#[test]
fn ids_months_and_stamps_say_why_they_are_not_one() {
    assert_eq!(shown(Id::parse("").unwrap_err()), "an id cannot be empty");
    assert_eq!(
        shown(Id::parse(&"x".repeat(65)).unwrap_err()),
        "an id has at most 64 characters"
    );
    assert_eq!(
        shown(Id::parse("a b").unwrap_err()),
        "an id may hold only letters, digits, '-' and '_', not ' '"
    );
    assert_eq!(
        shown(Month::parse("soon").unwrap_err()),
        "\"soon\" is not a month such as 2026-03"
    );
    assert_eq!(
        shown(Month::parse("2026-13").unwrap_err()),
        "month 13 of \"2026-13\" is not 1–12"
    );
    assert_eq!(
        shown(Month::parse("1800-01").unwrap_err()),
        "year 1800 is outside 1900–2200"
    );
    assert!(matches!(
        Month::parse("2026-00"),
        Err(MonthError::Month { month: 0, .. })
    ));
    assert_eq!(
        shown(Stamp::parse("12-x").unwrap_err()),
        "\"12-x\" is not an edit stamp (milliseconds-counter-writer, such as \
         1795435200123-0-9f86d081884c7d65)"
    );
    assert_eq!(Stamp::parse("nope").unwrap_err(), StampError("nope".into()));
}

#[test]
fn websites_and_markets_say_what_to_change() {
    let err = |url: &str| shown(website(url).unwrap_err());
    assert_eq!(err("acme.example"), "must start with http:// or https://");
    assert_eq!(err("https://"), "has no host name after http(s)://");
    assert_eq!(err("https://a b.example"), "cannot contain spaces");
    assert_eq!(
        err(&format!("https://{}", "a".repeat(2100))),
        "is longer than 2048 characters"
    );
    assert_eq!(
        err("https://a\u{202e}b.example"),
        "contains an invisible formatting character (U+202E), which can disguise where \
         the link goes: type the address again"
    );
    assert_eq!(
        website("https://bank.example@evil.example"),
        Err(WebsiteError::UserInfo {
            user_info: "bank.example".into(),
            host: "evil.example".into()
        })
    );
    let one = MarketInUse {
        market: "Japan".into(),
        partners: vec!["Aria".into()],
    };
    assert_eq!(
        shown(one),
        "Japan is still used by 1 partner: Aria. Remove it from them first."
    );
    let two = MarketInUse {
        market: "Japan".into(),
        partners: vec!["Aria".into(), "Loopline".into()],
    };
    assert_eq!(
        shown(two),
        "Japan is still used by 2 partners: Aria, Loopline. Remove it from them first."
    );
}

#[test]
fn pitch_edits_say_why_they_were_refused() {
    let cases = [
        (
            PitchError::NoPartner,
            "This partner no longer exists; it may have been deleted in another tab.",
        ),
        (
            PitchError::NoPitch,
            "This pitch version no longer exists; it may have been deleted in another tab.",
        ),
        (PitchError::Id(IdError::Empty), "an id cannot be empty"),
        (
            PitchError::IdTaken(id("v1")),
            "A pitch with id v1 already exists; try again.",
        ),
        (
            PitchError::TextTooLong {
                ingredient: Ingredient::Praise,
                len: 10001,
            },
            "Sincere, specific praise has 10001 characters; the limit is 10000.",
        ),
        (
            PitchError::NoLabel,
            "Give the version a label, such as \"v2, after the first call\".",
        ),
        (
            PitchError::LabelTooLong(121),
            "The label has 121 characters; the limit is 120.",
        ),
        (
            PitchError::NoSuchGoal,
            "That goal is not among the partner's shared goals; it may have been removed.",
        ),
        (
            PitchError::SentBeforeDrafted(day(2026, 11, 2)),
            "This version was drafted on 2 November 2026; it cannot have been sent before that.",
        ),
        (
            PitchError::SentInFuture(day(2026, 11, 24)),
            "24 November 2026 is in the future; mark the version sent once it has gone out.",
        ),
        (
            PitchError::Sent(day(2026, 11, 23)),
            "This version was sent on 23 November 2026 and stays as sent; start a new \
             version from it to change the text.",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(shown(error), text);
    }
}

#[test]
fn metric_edits_and_ladder_moves_say_why_they_were_refused() {
    let cases = [
        (
            MetricError::NoPartner,
            tandem::model::core::check::PARTNER_GONE,
        ),
        (
            MetricError::NoName,
            "Give the metric a name, such as \"downloads\".",
        ),
        (
            MetricError::NameTooLong,
            "A metric name has at most 120 characters.",
        ),
        (
            MetricError::Value,
            "A value must be a number between −10¹⁵ and 10¹⁵.",
        ),
        (
            MetricError::UnknownMarket(id("jp")),
            "Market jp is not in the catalogue.",
        ),
        (
            MetricError::NoMarkets,
            "This partner has no markets yet: add its markets on the Overview tab first.",
        ),
        (
            MetricError::Standard("users".into()),
            "\"users\" is a standard metric and keeps its name.",
        ),
        (
            MetricError::NoSuchMetric("mau".into()),
            "This partner has no metric \"mau\".",
        ),
        (
            MetricError::NameTaken("mau".into()),
            "\"mau\" is already a metric of this partner: choose another name.",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(shown(error), text);
    }
    assert_eq!(
        tandem::model::metrics::clean_metric(" "),
        Err(MetricError::NoName)
    );
    assert_eq!(
        shown(LadderError::Id(IdError::Empty)),
        "The move's id is not valid: an id cannot be empty."
    );
    assert_eq!(
        shown(LadderError::NoPartner(id("p9"))),
        tandem::model::core::check::PARTNER_GONE
    );
    assert_eq!(
        shown(LadderError::IdTaken {
            id: id("m1"),
            partner: "Aria".into()
        }),
        "The id m1 is already used by another record of Aria."
    );
}

#[test]
fn csv_cells_and_metrics_imports_say_what_to_fix() {
    assert_eq!(
        shown(csv_metrics::parse_number("12 apples").unwrap_err()),
        "\"12 apples\" is not a number"
    );
    assert_eq!(
        csv_metrics::parse_number("2000000000000000"),
        Err(CellError::OutOfRange("2000000000000000".into()))
    );
    assert_eq!(
        shown(CellError::OutOfRange("2000000000000000".into())),
        "\"2000000000000000\": A value must be a number between −10¹⁵ and 10¹⁵."
    );
    assert_eq!(
        shown(csv_metrics::parse_month("someday").unwrap_err()),
        "\"someday\" is not a month such as 2026-03 or Mar 2026"
    );
    let cases = [
        (
            CsvError::NothingPasted,
            "Nothing to read: paste a table with a header row.",
        ),
        (
            CsvError::NoMonths,
            "No months found. Put months across the header row (2026-01, 2026-02, …) with \
             a market in the first cell of each row, or months down the first column with \
             markets across the header row.",
        ),
        (
            CsvError::Unmapped(vec!["Market", "Value"]),
            "Map a column to each of: Market, Value. Every row needs them.",
        ),
        (
            CsvError::NoPartnerColumn,
            "Map a column to Partner name or Partner id: each row must say whose value it is.",
        ),
        (
            CsvError::Metric(MetricError::NoName),
            "Give the metric a name, such as \"downloads\".",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(shown(error), text);
    }
}

#[test]
fn storage_says_what_it_could_not_read_or_write() {
    assert_eq!(
        compact::decode("hello"),
        Err(CompactError::Neither),
        "neither compact nor JSON"
    );
    let cases = [
        (
            StoreError::Read,
            "The browser refused to read local storage.".to_owned(),
        ),
        (StoreError::Write, "refused".to_owned()),
        (
            StoreError::Compact(CompactError::CutShort),
            "the compact value is cut short".to_owned(),
        ),
        (
            StoreError::Compact(CompactError::Foreign(7)),
            "the compact value holds a foreign character at position 7".to_owned(),
        ),
        (
            StoreError::Compact(CompactError::Neither),
            "the stored value is neither Tandem's compact form nor JSON".to_owned(),
        ),
        (
            StoreError::Compact(CompactError::NotUtf8),
            "the compact value does not hold UTF-8 text".to_owned(),
        ),
        (
            StoreError::NotTandem,
            "the store's manifest is not Tandem's".to_owned(),
        ),
        (
            StoreError::OtherVersion {
                layout: 3,
                format: 9,
            },
            format!(
                "the store was written by another version of Tandem (layout 3, format 9); \
                 this one reads layouts {} to {}, formats {} to {}",
                store::OLDEST_STORE_VERSION,
                store::STORE_VERSION,
                tandem::model::formats::file::OLDEST_VERSION,
                tandem::model::formats::file::VERSION
            ),
        ),
        (StoreError::Missing, "it is missing".to_owned()),
        (
            StoreError::NotReadBack,
            "the migrated store did not read back as the saved workspace".to_owned(),
        ),
    ];
    for (error, text) in cases {
        assert_eq!(shown(error), text);
    }
    assert!(shown(store::parse_manifest("{").unwrap_err())
        .starts_with("the store's manifest is not readable: "));
    // A damaged partner entry names the partner as far as the entry tells, then why.
    let key = store::partner_key(&id("p-17"), "s1");
    let Err(damaged) = store::decode_partner(&key, "hello") else {
        panic!("an entry that is neither compact nor JSON is damaged");
    };
    assert_eq!(
        shown(damaged),
        "the partner with id p-17: the stored value is neither Tandem's compact form nor JSON"
    );
}

#[test]
fn files_and_protected_files_share_their_sentences() {
    use tandem::model::formats::{file, sealed};
    let plain = shown(file::restore("{\"format\":\"tandem\",\"version\":99}").unwrap_err());
    let protected =
        shown(sealed::parse("{\"format\":\"tandem-sealed\",\"version\":99}").unwrap_err());
    let reads = |oldest: u64, newest: u64| {
        format!(
            "this version of Tandem reads versions {oldest} to {newest}. It may come from \
             a newer Tandem."
        )
    };
    assert_eq!(
        plain,
        format!(
            "This Tandem file has format version 99; {}",
            reads(file::OLDEST_VERSION, file::VERSION)
        )
    );
    assert_eq!(
        protected,
        format!(
            "This protected file has version 99; {}",
            reads(sealed::OLDEST_VERSION, sealed::VERSION)
        )
    );
    let broken = shown(file::restore("{\"a\":").unwrap_err());
    assert!(
        broken.starts_with("This is not valid JSON: ") && broken.contains(" at line 1, column "),
        "{broken}"
    );
    let broken = shown(sealed::parse("{\"a\":").unwrap_err());
    assert!(
        broken.starts_with("This protected file is damaged: it is not valid JSON (")
            && broken.contains(" at line 1, column "),
        "{broken}"
    );
}

#[test]
fn the_browser_boundary_says_what_to_do_instead() {
    assert_eq!(
        shown(DownloadError::Refused("brief.md".into())),
        "The browser would not create the download brief.md."
    );
    assert_eq!(
        shown(DownloadError::NoDocument),
        "No document to download from."
    );
    assert_eq!(shown(DownloadError::NoLink), "No link element.");
    assert_eq!(
        shown(ReadError::Unreadable("colleague.json".into())),
        "The browser could not read colleague.json."
    );
    assert_eq!(
        shown(ReadError::NotText("photo.png".into())),
        "photo.png is not a text file."
    );
    let big = tandem::model::formats::file::readable("huge.json", 25 * 1024 * 1024).unwrap_err();
    assert_eq!(shown(ReadError::from(big.clone())), shown(big));
    assert_eq!(
        shown(ClipboardError::NoWindow),
        "No browser window to copy from."
    );
    assert_eq!(
        shown(ClipboardError::NoClipboard),
        "This browser does not offer the clipboard to this page (it needs https). \
         Download the file instead."
    );
    assert_eq!(
        shown(ClipboardError::Refused),
        "The browser refused to copy (the clipboard permission may be blocked). \
         Download the file instead."
    );
    assert_eq!(
        shown(DraftError::NoStorage),
        "This browser does not let Tandem keep drafts: save before you leave."
    );
    assert_eq!(
        shown(DraftError::NoKey),
        "This form cannot be kept as a draft: save before you leave."
    );
    assert_eq!(
        shown(DraftError::Full),
        "Local storage is full, so this form cannot be kept as a draft: save before you leave."
    );
    let fields = (0..=draft::MAX_FIELDS)
        .map(|i| (format!("f{i}"), String::new()))
        .collect();
    let too_many = draft::write(&fields, chrono::DateTime::UNIX_EPOCH).unwrap_err();
    assert_eq!(shown(DraftError::from(too_many.clone())), shown(too_many));
}

#[test]
fn local_storage_says_what_was_kept_and_what_to_do() {
    assert_eq!(
        shown(LocalError::Unavailable),
        "This browser does not allow this page to use local storage (it may be disabled, \
         or blocked in private windows). Your work is kept only until the tab closes: \
         export it from the Data screen to keep it."
    );
    assert_eq!(
        shown(LocalError::Full { used_bytes: 36_700 }),
        "The browser refused to save: local storage is probably full (this site uses 35.8 KB \
         of it). Your latest changes are kept in this tab only; export the workspace from \
         the Data screen so nothing is lost."
    );
    assert_eq!(
        shown(LocalError::NotMigrated(StoreError::NotReadBack)),
        "The workspace saved by an earlier version of Tandem could not be moved to the new \
         storage layout yet (the migrated store did not read back as the saved workspace); \
         it stays as it was and is read again at the next start. Export the workspace from \
         the Data screen to be safe."
    );
    assert_eq!(
        shown(LocalError::Store(StoreError::Read)),
        "The browser refused to read local storage."
    );
    assert_eq!(
        shown(LocalError::BackupNotKept),
        "The previous workspace could not be kept as a backup (local storage is full); \
         Undo still brings it back in this tab."
    );
    assert_eq!(
        shown(LocalError::NotSetAside),
        "The unreadable value could not be set aside; download it first."
    );
    assert_eq!(
        shown(LocalError::SaveCodeMissing),
        "The code that saves your changes did not arrive (no connection?). They are kept in \
         this tab only, and the next change tries again; keep this tab open, or export the \
         workspace from the Data screen."
    );
}

// ---------------------------------------------------------------------------------------
// No error as a bare String

/// The 1-based lines of `code` where a `Result` has `String` (or `&str`) as its error
/// type, however its success type nests (`Result<Option<Vec<u8>>, String>`), and where
/// a `TryFrom` says `type Error = String`. Code from `#[cfg(test)]` on is not read:
/// unit tests may compare messages as text.
fn string_errors(code: &str) -> Vec<usize> {
    let tests = code
        .match_indices("#[cfg(test)]")
        .find(|(at, tag)| code[at + tag.len()..].trim_start().starts_with("mod "));
    let code = match tests {
        Some((end, _)) => &code[..end],
        None => code,
    };
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let bare = |ty: &str| {
        let ty: String = ty.chars().filter(|c| !c.is_whitespace()).collect();
        matches!(
            ty.as_str(),
            "String" | "std::string::String" | "&str" | "&'staticstr"
        )
    };
    let mut found = Vec::new();
    for (start, _) in code.match_indices("Result<") {
        // A longer name ending in `Result` (`fmt::Result<` has no error type) is skipped.
        if code[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let (mut depth, mut comma) = (0usize, None);
        for (i, c) in code[start + "Result".len()..].char_indices() {
            let at = start + "Result".len() + i;
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        if comma.is_some_and(|from| bare(&code[from..at])) {
                            found.push(line_of(start));
                        }
                        break;
                    }
                }
                ',' if depth == 1 => comma = Some(at + 1),
                _ => {}
            }
        }
    }
    for (at, _) in code.match_indices("type Error") {
        let rest = &code[at..];
        let value = rest[..rest.find(';').unwrap_or(rest.len())]
            .split_once('=')
            .map(|(_, v)| v);
        if value.is_some_and(bare) {
            found.push(line_of(at));
        }
    }
    found.sort_unstable();
    found
}

#[test]
fn the_scan_finds_a_string_error_however_it_is_written() {
    let code = "pub fn a() -> Result<bool, String> {}\n\
                pub fn b(\n) -> Result<Option<Vec<u8>>, String> {}\n\
                pub fn c() -> Result<(u8, u8), &'static str> {}\n\
                impl TryFrom<String> for X {\n    type Error = String;\n}\n\
                pub fn d() -> Result<String, Vec<ValidationError>> {}\n\
                fn e(f: &mut fmt::Formatter) -> fmt::Result {}\n\
                pub fn g() -> Result<HashMap<String, String>, PitchError> {}\n\
                #[cfg(test)]\nmod tests { fn h() -> Result<(), String> {} }\n";
    assert_eq!(string_errors(code), vec![1, 3, 4, 6]);
}

/// Each `file:line: code` in `files` where an error is a bare `String`.
fn string_errors_in(files: &[(std::path::PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, rel) in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for line in string_errors(&text) {
            found.push(format!(
                "{rel}:{line}: {}",
                lines.get(line - 1).map_or("", |l| l.trim())
            ));
        }
    }
    found
}

#[test]
fn no_model_function_returns_its_error_as_a_string() {
    let found = string_errors_in(&source_files("src/model", 40));
    assert!(
        found.is_empty(),
        "a model function returns its error as a bare String: give the boundary's error \
         type a variant instead (see ARCHITECTURE.md, Errors):\n{}",
        found.join("\n")
    );
}

/// Outside the model too: the browser boundary (`src/storage`), the UI (its store, whose
/// refusals reach every screen, and each feature's forms and imports), the app's start
/// and the command-line tools keep their errors typed.
#[test]
fn no_function_outside_the_model_returns_its_error_as_a_string() {
    let files: Vec<_> = source_files("src", 100)
        .into_iter()
        .filter(|(_, rel)| !rel.starts_with("src/model/"))
        .collect();
    for expected in [
        "src/ui/state.rs",
        "src/storage/error.rs",
        "src/bin/tandem-report.rs",
    ] {
        assert!(
            files.iter().any(|(_, rel)| rel == expected),
            "{expected} was not found"
        );
    }
    let found = string_errors_in(&files);
    assert!(
        found.is_empty(),
        "a function outside the model returns an error as a bare String: give \
         `storage::error`, the feature's own error type or the model's a variant instead \
         (see ARCHITECTURE.md, Errors):\n{}",
        found.join("\n")
    );
}

/// Validation names each record and places each field only when it refuses one (names
/// and paths written lazily, `core::check::Checker`): every kind of record, broken once,
/// is named and placed word for word as when every name was written up front.
#[test]
fn validation_names_and_places_every_kind_of_record_word_for_word() {
    use tandem::model::workspace::validate;
    let long = "L".repeat(45);
    let file = serde_json::json!({
        "program_name": "P",
        "markets": [
            {"id": "m1", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "name": "Germany"},
            {"id": "m1", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "name": "France"}
        ],
        "program": {"wins": [{"id": "w0", "date": "2026-01-01", "kind": "milestone", "title": ""}]},
        "partners": [{
            "id": "p1", "created": "2026-01-02T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
            "name": format!("Wavelet {long}"), "markets": ["m1", "m1", "m9"], "stage": "research",
            "ladder": "self_serve", "tags": [""], "stamps": {"name": "999999999999999-0-9f86d081884c7d65"},
            "key_players": [
                {"id": "k1", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "name": "Ana", "role": "influencer", "stance": "neutral", "influence": 9},
                {"id": "p1", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "name": "Bo", "role": "influencer", "stance": "neutral", "influence": 3}
            ],
            "pitches": [{"id": "x1", "label": "", "drafted": "2026-01-01"}],
            "ladder_moves": [{"id": "x1", "date": "2026-01-01", "from": "integration", "to": "integration"}],
            "meetings": [{"id": "x3", "date": "1800-03-10", "ours": [""], "presented": "",
                "attendees": [{"player": "bad id", "body_language": "neutral", "tone": "neutral", "reaction": "neutral"}],
                "next_steps": [{"what": "", "done": false, "owner": {"player": "k9"}}]}],
            "goals": [{"id": "x4", "statement": "", "status": "on_track"}],
            "commitments": [{"id": "x5", "side": "us", "what": "Send", "due": "2026-02-01", "status": "delivered",
                "owner": {"theirs": "Dana"}}],
            "landing": [
                {"id": "x6", "market": "m1", "enabled": {"planned": "2500-01-01"}},
                {"id": "x7", "market": "m9"},
                {"id": "x8", "team": "", "launched": {"owner": long}}
            ],
            "metrics": [
                {"market": "m1", "metric": "users", "values": {"2026-01": 1e16}},
                {"market": "m1", "metric": "Users ", "values": {}},
                {"market": "m9", "metric": "revenue", "values": {}}
            ],
            "wins": [{"id": "x9", "date": "2026-01-01", "kind": "small_win", "title": ""}],
            "decisions": [{"id": "x10", "date": "2026-01-05", "kind": "go", "who": ""}]
        }]
    });
    let ws: tandem::model::Workspace = serde_json::from_value(file).expect("the shape is right");
    let shown: Vec<String> = validate::workspace(&ws)
        .iter()
        .map(ToString::to_string)
        .collect();
    let long = "LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL…";
    let expected = [
        "Market \"France\", id: has the same id as market \"Germany\" (both are m1); ids must be unique (at markets[1].id)",
        "Program win \"\", title: is required (at program.wins[0].title)",
        "Partner \"Wavelet {long}\", updated: is earlier than created (at partners[0].updated)",
        "Partner \"Wavelet {long}\", stamps name: falls in the year 33658, outside 1900–2200 (at partners[0].stamps.name)",
        "Partner \"Wavelet {long}\", tags: is required (at partners[0].tags[0])",
        "Partner \"Wavelet {long}\", markets: lists market \"France\" twice (at partners[0].markets[1])",
        "Partner \"Wavelet {long}\", markets: refers to a market that is not in the catalogue (its id is m9); add the market or remove the reference (at partners[0].markets[2])",
        "Key player \"Ana\" of partner \"Wavelet {long}\", influence: 9 is outside 1–5 (at partners[0].key_players[0].influence)",
        "Pitch \"\" of partner \"Wavelet {long}\", label: is required (at partners[0].pitches[0].label)",
        "Partner \"Wavelet {long}\", id: has the same id as another record of partner \"Wavelet {long}\" (x1); ids must be unique (at partners[0].ladder_moves[0].id)",
        "Ladder move of partner \"Wavelet {long}\", to: is the same level as from: a move must change the level (at partners[0].ladder_moves[0].to)",
        "Meeting of 10 March 1800 with partner \"Wavelet {long}\", date: falls in the year 1800, outside 1900–2200 (at partners[0].meetings[0].date)",
        "Meeting of 10 March 1800 with partner \"Wavelet {long}\", ours: is required (at partners[0].meetings[0].ours[0])",
        "Meeting of 10 March 1800 with partner \"Wavelet {long}\", player: an id may hold only letters, digits, '-' and '_', not ' ' (at partners[0].meetings[0].attendees[0].player)",
        "Meeting of 10 March 1800 with partner \"Wavelet {long}\", what: is required (at partners[0].meetings[0].next_steps[0].what)",
        "Meeting of 10 March 1800 with partner \"Wavelet {long}\", owner: names key player k9, who is not one of Wavelet LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL's key players (at partners[0].meetings[0].next_steps[0].owner)",
        "Goal \"\" of partner \"Wavelet {long}\", statement: is required (at partners[0].goals[0].statement)",
        "Commitment \"Send\" of partner \"Wavelet {long}\", delivered: is required when the commitment is delivered (at partners[0].commitments[0].delivered)",
        "Commitment \"Send\" of partner \"Wavelet {long}\", owner: is on the partner's side, but the commitment is ours: choose a person of ours (at partners[0].commitments[0].owner)",
        "Landing track in \"France\" of partner \"Wavelet {long}\", enabled planned: falls in the year 2500, outside 1900–2200 (at partners[0].landing[0].enabled.planned)",
        "Landing track of partner \"Wavelet {long}\", market: refers to a market that is not in the catalogue (its id is m9); add the market or remove the reference (at partners[0].landing[1].market)",
        "Landing track of team \"\" of partner \"Wavelet {long}\", team: is required (at partners[0].landing[2].team)",
        "Metric \"users\" in \"France\" of partner \"Wavelet {long}\", values 2026-01: 10000000000000000 is not a number between −10¹⁵ and 10¹⁵ (at partners[0].metrics[0].values.2026-01)",
        "Metric \"Users \" in \"France\" of partner \"Wavelet {long}\", metrics: repeats the series of \"Users \" in \"France\"; keep one series per metric and market (at partners[0].metrics[1])",
        "Metric \"revenue\" of partner \"Wavelet {long}\", market: refers to a market that is not in the catalogue (its id is m9); add the market or remove the reference (at partners[0].metrics[2].market)",
        "Win \"\" of partner \"Wavelet {long}\", title: is required (at partners[0].wins[0].title)",
        "Decision of 5 January 2026 about partner \"Wavelet {long}\", who: is required (at partners[0].decisions[0].who)",
        "Key player \"Bo\" of partner \"Wavelet {long}\", id: has the same id as partner \"Wavelet {long}\" (both are p1); ids must be unique (at partners[0].key_players[1].id)",
    ]
    .map(|line| line.replace("{long}", long));
    assert_eq!(shown, expected, "{shown:#?}");
}
