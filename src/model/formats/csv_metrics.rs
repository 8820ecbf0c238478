//! Metrics to and from spreadsheets: a table pasted into the Metrics tab, and CSV files.
//!
//! **The pasted table** ([`parse_paste`]) has one of two layouts, told apart by where
//! the months are:
//!
//! ```text
//! Market   2026-01  2026-02  2026-03        Month    US     Brazil
//! US       12,400   13,100   14,020         2026-01  12400  3100
//! Brazil   3,100    3,350                   2026-02  13100  3350
//! ```
//!
//! Markets down and months across (left, the layout the grid copies), or months down and
//! markets across (right). Cells are separated by tabs (what a spreadsheet puts on the
//! clipboard), commas or semicolons, detected from the header row by the shared CSV
//! reader. The metric is the one chosen on the tab. Markets match the catalogue's names
//! or ids, ignoring case. An empty cell (or `-`, `—`) leaves the value as it is: to clear
//! a value, clear its cell in the grid. Every other cell that is not a number is
//! reported with its row (the header row is 1), its column (A, B, …) and the reason,
//! and nothing is applied until the person confirms the preview.
//!
//! **Numbers** ([`parse_number`]) are read as people type them in either convention:
//! - spaces, non-breaking spaces and apostrophes group thousands: `12 400`, `1'200`;
//! - with both `.` and `,`, the last of them is the decimal mark: `1,234.5` and
//!   `1.234,5` are both 1234.5;
//! - a lone `,` followed by exactly three digits groups thousands (`12,400`); any other
//!   lone `,` is a decimal comma (`3,5`); several `,` group thousands (`1,234,567`);
//! - a lone `.` is a decimal point (`1.234` is one and a bit); several `.` group
//!   thousands (`1.234.567`);
//! - a leading `-` or `−`, or accounting parentheses `(120)`, make it negative;
//!   currency signs `$ € £ ¥` around it are dropped.
//!
//! The preview shows every value as read, so a `1,234` meant as a decimal is caught
//! before it is applied.
//!
//! **CSV export** ([`metrics_csv`]) is long: one row per partner × market × metric ×
//! month, under [`HEADERS`], values written plainly (`1234.5`, no grouping) so any
//! spreadsheet or script reads them back exactly. **CSV import** ([`rows_to_metrics`])
//! maps columns to [`MetricField`]s with the shared [`Mapping`] and reports [`BadRow`]s
//! like the partner import.

use crate::model::core::id::Id;
use crate::model::core::month::Month;
use crate::model::formats::csv::{
    guard, push_quoted, write_table, BadRow, CsvError, CsvRow, CsvTable, Field, Mapping,
};
use crate::model::metrics::{check_value, clean_metric, plain, series, set_values, MetricError};
use crate::model::workspace::records::{Market, Partner, Workspace};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::fmt;

// ---------------------------------------------------------------------------------------
// Numbers and months as people type them

/// A value typed or pasted: `Ok(None)` for an empty cell (or `-`, `—`), `Ok(Some(v))`
/// for a number read by the rules in the module documentation, or the reason it is not
/// one.
pub fn parse_number(cell: &str) -> Result<Option<f64>, CellError> {
    let raw = cell.trim();
    if raw.is_empty() || raw == "-" || raw == "—" || raw == "–" {
        return Ok(None);
    }
    let mut text: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .filter(|c| !matches!(c, '$' | '€' | '£' | '¥'))
        .collect();
    let mut negative = false;
    if text.starts_with('(') && text.ends_with(')') && text.len() > 2 {
        negative = true;
        text = text[1..text.len() - 1].to_owned();
    }
    if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        negative = !negative;
        text = rest.to_owned();
    } else if let Some(rest) = text.strip_prefix('+') {
        text = rest.to_owned();
    }
    let bad = || CellError::NotNumber(short(raw));
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(bad());
    }
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    let normal = match (commas, dots) {
        (0, 0) => text,
        (0, 1) => text,
        (0, _) => text.replace('.', ""),
        (1, 0) => {
            let after = text.len() - text.find(',').unwrap_or(0) - 1;
            if after == 3 && !text.starts_with(',') {
                text.replace(',', "")
            } else {
                text.replace(',', ".")
            }
        }
        (_, 0) => text.replace(',', ""),
        _ => {
            let (last_comma, last_dot) =
                (text.rfind(',').unwrap_or(0), text.rfind('.').unwrap_or(0));
            let (group, decimal) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            if text.matches(decimal).count() > 1 {
                return Err(bad());
            }
            text.replace(group, "").replace(decimal, ".")
        }
    };
    let value: f64 = normal.parse().map_err(|_| bad())?;
    let value = if negative { -value } else { value };
    check_value(value)
        .map(Some)
        .map_err(|_| CellError::OutOfRange(short(raw)))
}

const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month as spreadsheets write one: `2026-03`, `2026-3`, `2026-03-01`, `2026/03`,
/// `03/2026`, `Mar 2026`, `March 2026`, `Mar-26`, `Mar 26`.
pub fn parse_month(cell: &str) -> Result<Month, CellError> {
    let text = cell.trim();
    if let Ok(m) = Month::parse(text) {
        return Ok(m);
    }
    let bad = || CellError::NotMonth(short(text));
    let parts: Vec<&str> = text
        .split(['-', '/', ' ', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |p: &str| p.parse::<u32>().ok();
    let year_of = |p: &str| match p.len() {
        4 => p.parse::<i32>().ok(),
        2 => p.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    };
    // "Mar", "March", "Sept": at least three letters of a month's English name.
    let name = |p: &str| {
        let lower = p.to_lowercase();
        FULL_MONTHS
            .iter()
            .position(|n| lower.len() >= 3 && n.starts_with(&lower))
            .map(|i| i as u32 + 1)
    };
    let found = match parts.as_slice() {
        // 2026-03-01 or 2026/03
        [y, m, ..] if y.len() == 4 => number(m).zip(year_of(y)),
        // 03/2026
        [m, y] if m.len() <= 2 && number(m).is_some() => number(m).zip(year_of(y)),
        // Mar 2026, Mar-26
        [m, y] => name(m).zip(year_of(y)),
        _ => None,
    };
    let (month, year) = found.ok_or_else(bad)?;
    Month::new(year, month).ok_or_else(bad)
}

/// Why a pasted or imported cell is not a value or a month; the cell's text is cut to
/// 24 characters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("\"{0}\" is not a number")]
    NotNumber(String),
    /// A number beyond what the file format holds.
    #[error("\"{0}\": {value}", value = MetricError::Value)]
    OutOfRange(String),
    #[error("\"{0}\" is not a month such as 2026-03 or Mar 2026")]
    NotMonth(String),
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    s
}

/// The spreadsheet letter of a 0-based column: 0 → A, 26 → AA.
pub fn column_letter(column: usize) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A market named in a cell: the catalogue market whose name matches ignoring case,
/// accents and spacing ([`Market::key`]), or whose id matches ignoring case.
pub fn find_market(ws: &Workspace, cell: &str) -> Option<Id> {
    let key = Market::key(cell);
    let id = cell.trim().to_lowercase();
    ws.markets
        .iter()
        .find(|m| Market::key(&m.name) == key || m.id.as_str().to_lowercase() == id)
        .map(|m| m.id.clone())
}

// ---------------------------------------------------------------------------------------
// The pasted table

/// Where the months are in a pasted table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Markets down the first column, months across the header row.
    MarketsDown,
    /// Months down the first column, markets across the header row.
    MonthsDown,
}

impl Layout {
    pub fn describe(self) -> &'static str {
        match self {
            Layout::MarketsDown => "markets down, months across",
            Layout::MonthsDown => "months down, markets across",
        }
    }
}

/// A cell that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadCell {
    /// The row as the pasted table numbers it, the header row being 1.
    pub row: usize,
    /// 0-based column; shown as a letter.
    pub column: usize,
    pub reason: String,
}

impl fmt::Display for BadCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column {}: {}",
            self.row,
            column_letter(self.column),
            self.reason
        )
    }
}

/// One value the paste would set.
#[derive(Clone, Debug, PartialEq)]
pub struct PasteCell {
    pub market: Id,
    pub month: Month,
    pub value: f64,
    /// The value the grid holds now, if any.
    pub previous: Option<f64>,
}

impl PasteCell {
    pub fn changes(&self) -> bool {
        self.previous.map(f64::to_bits) != Some(self.value.to_bits())
    }
}

/// What a paste would do, for the preview; nothing is applied until [`apply_paste`].
#[derive(Clone, Debug, PartialEq)]
pub struct PastePreview {
    pub layout: Layout,
    pub metric: String,
    pub cells: Vec<PasteCell>,
    pub bad: Vec<BadCell>,
}

impl PastePreview {
    /// How many cells would change a value (new or different).
    pub fn changes(&self) -> usize {
        self.cells.iter().filter(|c| c.changes()).count()
    }
}

/// Reads a pasted table for partner `p` and `metric` (see the module documentation).
/// `Err` when the table cannot be read at all (empty, or no row or column of months);
/// otherwise the good cells and every bad one.
pub fn parse_paste(
    ws: &Workspace,
    p: &Partner,
    metric: &str,
    text: &str,
) -> Result<PastePreview, CsvError> {
    let metric = clean_metric(metric)?;
    let table = CsvTable::parse(text).map_err(|e| match e {
        CsvError::NoHeader => CsvError::NothingPasted,
        other => other,
    })?;
    let header_months: Vec<Option<Month>> = table
        .headers
        .iter()
        .skip(1)
        .map(|h| parse_month(h).ok())
        .collect();
    let rows: Vec<&CsvRow> = table.rows.iter().filter(|r| !r.is_blank()).collect();
    let first_column_months = rows
        .iter()
        .filter(|r| parse_month(r.cell(0)).is_ok())
        .count();
    let months_across = header_months.iter().filter(|m| m.is_some()).count();
    let layout = if months_across > 0 && months_across >= first_column_months {
        Layout::MarketsDown
    } else if first_column_months > 0 {
        Layout::MonthsDown
    } else {
        return Err(CsvError::NoMonths);
    };
    let mut reading = PasteReading {
        ws,
        p,
        metric,
        layout,
        header_months,
        across_markets: vec![None],
        cells: Vec::new(),
        bad: Vec::new(),
    };
    reading.header(&table.headers);
    for row in rows {
        reading.row(row);
    }
    Ok(PastePreview {
        layout: reading.layout,
        metric: reading.metric,
        cells: reading.cells,
        bad: reading.bad,
    })
}

/// A pasted table being read: what its header row says, and what its rows gave so far.
struct PasteReading<'a> {
    ws: &'a Workspace,
    p: &'a Partner,
    metric: String,
    layout: Layout,
    /// The month each column after the first names in the header row (read whatever
    /// the layout: it decided the layout).
    header_months: Vec<Option<Month>>,
    /// The market each column names in the header row, the first column's being none
    /// (`MonthsDown` only).
    across_markets: Vec<Option<Id>>,
    cells: Vec<PasteCell>,
    bad: Vec<BadCell>,
}

impl PasteReading<'_> {
    /// The header: months (`MarketsDown`) or markets (`MonthsDown`) per column.
    fn header(&mut self, headers: &[String]) {
        if self.layout == Layout::MarketsDown {
            for (i, h) in headers.iter().enumerate().skip(1) {
                if self.header_months[i - 1].is_none() && !h.trim().is_empty() {
                    self.bad.push(BadCell {
                        row: 1,
                        column: i,
                        reason: format!("\"{}\" is not a month such as 2026-03", short(h)),
                    });
                }
            }
        } else {
            for (i, h) in headers.iter().enumerate().skip(1) {
                let m = find_market(self.ws, h);
                if m.is_none() && !h.trim().is_empty() {
                    self.bad.push(BadCell {
                        row: 1,
                        column: i,
                        reason: unknown_market(h),
                    });
                }
                self.across_markets.push(m);
            }
        }
    }

    /// One row: its first cell names the market (`MarketsDown`) or the month
    /// (`MonthsDown`) of the values in the others.
    fn row(&mut self, row: &CsvRow) {
        if row.unclosed_quote {
            self.refuse(
                row.row,
                0,
                "a quote opened in this row never closes".to_owned(),
            );
            return;
        }
        let lead = row.cell(0);
        let (row_market, row_month) = match self.layout {
            Layout::MarketsDown => match find_market(self.ws, lead) {
                Some(m) => (Some(m), None),
                None => return self.refuse(row.row, 0, unknown_market(lead)),
            },
            Layout::MonthsDown => match parse_month(lead) {
                Ok(m) => (None, Some(m)),
                Err(e) => return self.refuse(row.row, 0, e.to_string()),
            },
        };
        for (column, cell) in row.cells.iter().enumerate().skip(1) {
            let (market, month) = match self.layout {
                Layout::MarketsDown => (
                    row_market.clone(),
                    self.header_months.get(column - 1).copied().flatten(),
                ),
                Layout::MonthsDown => (
                    self.across_markets.get(column).cloned().flatten(),
                    row_month,
                ),
            };
            self.cell(row.row, column, cell, market, month);
        }
    }

    /// One cell of a row, with the market and month its row and column name.
    fn cell(
        &mut self,
        row: usize,
        column: usize,
        cell: &str,
        market: Option<Id>,
        month: Option<Month>,
    ) {
        let value = match parse_number(cell) {
            Ok(None) => return,
            Ok(Some(v)) => v,
            Err(reason) => return self.refuse(row, column, reason.to_string()),
        };
        let (Some(market), Some(month)) = (market, month) else {
            let reason = "its column has no month or market in the header row".to_owned();
            return self.refuse(row, column, reason);
        };
        let previous =
            series(self.p, &market, &self.metric).and_then(|s| s.values.get(&month).copied());
        // A later cell for the same market and month wins, as it would when typed.
        self.cells
            .retain(|c: &PasteCell| !(c.market == market && c.month == month));
        self.cells.push(PasteCell {
            market,
            month,
            value,
            previous,
        });
    }

    /// Reports the cell at `row` (as the table numbers it) and `column` as not read.
    fn refuse(&mut self, row: usize, column: usize, reason: String) {
        self.bad.push(BadCell {
            row,
            column,
            reason,
        });
    }
}

/// A block pasted into one cell of the grid, as a spreadsheet spreads it: the block's
/// top-left value lands in that cell, its rows go down the grid's markets and its
/// columns across the grid's months.
#[derive(Clone, Debug, PartialEq)]
pub struct GridPaste {
    pub metric: String,
    /// The values the block sets, each with the value the grid holds now.
    pub cells: Vec<PasteCell>,
    /// Cells of the block inside the grid that are not numbers: where they landed, what
    /// they held and why they were left out.
    pub bad: Vec<GridBadCell>,
    /// How many non-empty cells of the block fall beyond the grid's last market or
    /// month, and were left out.
    pub outside: usize,
}

/// A cell of a pasted block that is not a number, by the grid cell it landed on.
#[derive(Clone, Debug, PartialEq)]
pub struct GridBadCell {
    pub market: Id,
    pub month: Month,
    /// The text pasted, so the grid shows it in the cell to be fixed.
    pub text: String,
    pub reason: String,
}

/// Whether pasted text holds more than one cell (a tab or a line break between
/// values): a single value is typed into the cell as usual.
pub fn is_block(text: &str) -> bool {
    let text = text.trim_end_matches(['\r', '\n']);
    text.contains('\t') || text.contains('\n') || text.contains('\r')
}

/// Whether a pasted block is a labelled table (a row of months or a column of market
/// names around the values) rather than bare values: its first row or column holds a
/// cell that is not a number. Such a paste is read by [`parse_paste`], wherever it
/// lands.
pub fn is_labelled(text: &str) -> bool {
    let rows = crate::model::formats::csv::spreadsheet_cells(text);
    let not_number = |c: &String| parse_number(c).is_err();
    rows.first().is_some_and(|r| r.iter().any(not_number))
        || rows.iter().any(|r| r.first().is_some_and(not_number))
}

/// Reads a block of bare values pasted into the grid cell of `markets[row]` and
/// `months[column]` (the markets and months the grid shows, in its order), for metric
/// `metric` of partner `p`. Empty cells leave values as they are, as in the paste box.
///
/// # Errors
/// The reason when the metric's name is not usable; cells that are not numbers or fall
/// outside the grid are reported in the result, not as an error.
pub fn spread_paste(
    p: &Partner,
    metric: &str,
    markets: &[Id],
    months: &[Month],
    (row, column): (usize, usize),
    text: &str,
) -> Result<GridPaste, MetricError> {
    let metric = clean_metric(metric)?;
    let mut out = GridPaste {
        metric: metric.clone(),
        cells: Vec::new(),
        bad: Vec::new(),
        outside: 0,
    };
    for (r, cells) in crate::model::formats::csv::spreadsheet_cells(text)
        .iter()
        .enumerate()
    {
        for (c, cell) in cells.iter().enumerate() {
            let value = parse_number(cell);
            if matches!(value, Ok(None)) {
                continue;
            }
            let (Some(market), Some(&month)) = (markets.get(row + r), months.get(column + c))
            else {
                out.outside += 1;
                continue;
            };
            match value {
                Ok(Some(value)) => out.cells.push(PasteCell {
                    market: market.clone(),
                    month,
                    value,
                    previous: series(p, market, &metric)
                        .and_then(|s| s.values.get(&month).copied()),
                }),
                Ok(None) => {}
                Err(reason) => out.bad.push(GridBadCell {
                    market: market.clone(),
                    month,
                    text: cell.trim().to_owned(),
                    reason: reason.to_string(),
                }),
            }
        }
    }
    Ok(out)
}

/// Applies the good cells of a block pasted into the grid to partner `partner`.
pub fn apply_grid_paste(
    ws: &mut Workspace,
    partner: &Id,
    paste: &GridPaste,
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    let cells: Vec<(Id, Month, Option<f64>)> = paste
        .cells
        .iter()
        .map(|c| (c.market.clone(), c.month, Some(c.value)))
        .collect();
    set_values(ws, partner, &paste.metric, &cells, now)
}

fn unknown_market(cell: &str) -> String {
    if cell.trim().is_empty() {
        "no market named in this cell".to_owned()
    } else {
        format!(
            "market \"{}\" is not in the catalogue (add it on the Data screen, or fix the name)",
            short(cell.trim())
        )
    }
}

/// Applies the good cells of a previewed paste to partner `partner`.
pub fn apply_paste(
    ws: &mut Workspace,
    partner: &Id,
    preview: &PastePreview,
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    let cells: Vec<(Id, Month, Option<f64>)> = preview
        .cells
        .iter()
        .map(|c| (c.market.clone(), c.month, Some(c.value)))
        .collect();
    set_values(ws, partner, &preview.metric, &cells, now)
}

/// The grid as tab-separated text in the markets-down layout, values as the grid shows
/// them ([`plain`]): what "Copy" puts on the clipboard, and what a paste reads back.
/// A spreadsheet runs a pasted `=…` as a formula like an opened file does, so market
/// names are [`guard`]ed and quoted as in a CSV export; the values are numbers we
/// write ourselves and stay as they are, so they paste as numbers.
pub fn grid_text(
    ws: &Workspace,
    p: &Partner,
    metric: &str,
    markets: &[Id],
    months: &[Month],
) -> String {
    let mut out = String::from("Market");
    for m in months {
        out.push('\t');
        out.push_str(&m.to_string());
    }
    out.push('\n');
    for market in markets {
        push_quoted(&mut out, &guard(ws.market_name(market)));
        let s = series(p, market, metric);
        for m in months {
            out.push('\t');
            if let Some(v) = s.and_then(|s| s.values.get(m)) {
                out.push_str(&plain(*v).replace('−', "-"));
            }
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------
// CSV export

/// The headers of [`metrics_csv`], in order.
pub const HEADERS: [&str; 6] = [
    "Partner id",
    "Partner",
    "Market",
    "Metric",
    "Month",
    "Value",
];

/// Metrics as CSV, one row per partner × market × metric × month, partners in workspace
/// order. `only` limits it to one partner (the Metrics tab's export).
pub fn metrics_csv(ws: &Workspace, only: Option<&Id>) -> String {
    let mut rows: Vec<[String; 6]> = Vec::new();
    for p in ws
        .partners
        .iter()
        .filter(|p| only.is_none_or(|id| &p.id == id))
    {
        for s in &p.metrics {
            for (month, value) in &s.values {
                rows.push([
                    p.id.to_string(),
                    p.name.clone(),
                    ws.market_name(&s.market).to_owned(),
                    s.metric.clone(),
                    month.to_string(),
                    // Rust writes the shortest text that reads back as the same number.
                    format!("{value}"),
                ]);
            }
        }
    }
    write_table(&HEADERS, rows)
}

// ---------------------------------------------------------------------------------------
// CSV import

/// The fields a column of a metrics CSV can feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetricField {
    PartnerId,
    Partner,
    Market,
    Metric,
    Month,
    Value,
}

impl Field for MetricField {
    fn all() -> &'static [Self] {
        use MetricField::*;
        &[Partner, Market, Metric, Month, Value, PartnerId]
    }

    fn key(self) -> &'static str {
        match self {
            MetricField::PartnerId => "partner_id",
            MetricField::Partner => "partner",
            MetricField::Market => "market",
            MetricField::Metric => "metric",
            MetricField::Month => "month",
            MetricField::Value => "value",
        }
    }

    fn label(self) -> &'static str {
        match self {
            MetricField::PartnerId => "Partner id",
            MetricField::Partner => "Partner name",
            MetricField::Market => "Market",
            MetricField::Metric => "Metric",
            MetricField::Month => "Month",
            MetricField::Value => "Value",
        }
    }

    #[rustfmt::skip]
    fn headers(self) -> &'static [&'static str] {
        match self {
            MetricField::PartnerId => &["partner id", "tandem id", "id"],
            MetricField::Partner => &["partner", "partner name", "company", "account", "name"],
            MetricField::Market => &["market", "country", "region", "territory"],
            MetricField::Metric => &["metric", "kpi", "measure"],
            MetricField::Month => &["month", "period", "date"],
            MetricField::Value => &["value", "amount", "count", "total"],
        }
    }
}

/// One value a metrics CSV row sets.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricRow {
    pub partner: Id,
    pub market: Id,
    pub metric: String,
    pub month: Month,
    pub value: f64,
}

/// What the rows of a metrics CSV amount to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetricsImport {
    pub rows: Vec<MetricRow>,
    pub bad_rows: Vec<BadRow>,
}

/// Reads a metrics CSV through `mapping`. With `only`, every row is for that partner
/// (the Metrics tab's import: partner columns may be absent, and a row naming another
/// partner is a bad row); without, each row names its partner by id or name.
/// `Err` when a needed column is not mapped.
pub fn rows_to_metrics(
    ws: &Workspace,
    table: &CsvTable,
    mapping: &Mapping<MetricField>,
    only: Option<&Id>,
) -> Result<MetricsImport, CsvError> {
    let missing: Vec<&'static str> = [MetricField::Market, MetricField::Month, MetricField::Value]
        .into_iter()
        .filter(|f| !mapping.has(*f))
        .map(|f| f.label())
        .collect();
    if !missing.is_empty() {
        return Err(CsvError::Unmapped(missing));
    }
    if only.is_none() && !mapping.has(MetricField::PartnerId) && !mapping.has(MetricField::Partner)
    {
        return Err(CsvError::NoPartnerColumn);
    }
    let mut out = MetricsImport::default();
    for row in table.rows.iter().filter(|r| !r.is_blank()) {
        match metric_row(ws, mapping, only, row) {
            Ok(value) => out.rows.push(value),
            Err(bad) => out.bad_rows.push(bad),
        }
    }
    Ok(out)
}

/// The first non-empty cell of `row` among the columns mapped to `f`, trimmed; empty
/// when there is none.
fn mapped_cell(mapping: &Mapping<MetricField>, row: &CsvRow, f: MetricField) -> String {
    mapping
        .columns_of(f)
        .map(|c| row.cell(c).trim())
        .find(|c| !c.is_empty())
        .unwrap_or("")
        .to_owned()
}

/// The value one row of a metrics CSV sets, or the row as bad with every problem it has:
/// each cell is checked even after another failed, to list them all at once.
fn metric_row(
    ws: &Workspace,
    mapping: &Mapping<MetricField>,
    only: Option<&Id>,
    row: &CsvRow,
) -> Result<MetricRow, BadRow> {
    let get = |f: MetricField| mapped_cell(mapping, row, f);
    let mut problems = Vec::new();
    if row.unclosed_quote {
        problems.push("a quote opened in this row never closes".to_owned());
    }
    let by_id = get(MetricField::PartnerId);
    let by_name = get(MetricField::Partner);
    let partner = row_partner(ws, only, &by_id, &by_name, &mut problems);
    let market_cell = get(MetricField::Market);
    let market = find_market(ws, &market_cell);
    if market.is_none() {
        problems.push(format!("Market: {}", unknown_market(&market_cell)));
    }
    let metric_cell = get(MetricField::Metric);
    let metric = if mapping.has(MetricField::Metric) {
        clean_metric(&metric_cell)
            .map_err(|e| problems.push(format!("Metric: {e}")))
            .ok()
    } else {
        Some("users".to_owned())
    };
    let month = parse_month(&get(MetricField::Month))
        .map_err(|e| problems.push(format!("Month: {e}")))
        .ok();
    let value = match parse_number(&get(MetricField::Value)) {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            problems.push("Value: empty".to_owned());
            None
        }
        Err(e) => {
            problems.push(format!("Value: {e}"));
            None
        }
    };
    match (partner, market, metric, month, value) {
        (Some(partner), Some(market), Some(metric), Some(month), Some(value))
            if problems.is_empty() =>
        {
            Ok(MetricRow {
                partner,
                market,
                metric,
                month,
                value,
            })
        }
        _ => Err(BadRow {
            row: row.row,
            line: row.line,
            reason: problems.join("; "),
        }),
    }
}

/// The partner a row is for: named by id, else by name, else `only`. `None`, with the
/// problem added to `problems`, when there is no such partner or it is not `only`.
fn row_partner(
    ws: &Workspace,
    only: Option<&Id>,
    by_id: &str,
    by_name: &str,
    problems: &mut Vec<String>,
) -> Option<Id> {
    let partner = if !by_id.is_empty() {
        ws.partners
            .iter()
            .find(|p| p.id.as_str() == by_id)
            .map(|p| &**p)
    } else if !by_name.is_empty() {
        let key = by_name.to_lowercase();
        ws.partners
            .iter()
            .find(|p| p.name.trim().to_lowercase() == key)
            .map(|p| &**p)
    } else {
        only.and_then(|id| ws.partner(id))
    };
    match (partner, only) {
        (None, _) => {
            let named = if by_id.is_empty() { by_name } else { by_id };
            problems.push(if named.is_empty() {
                "no partner named".to_owned()
            } else {
                format!("no partner \"{}\" in this workspace", short(named))
            });
            None
        }
        (Some(p), Some(id)) if &p.id != id => {
            problems.push(format!("the row is for {}, not this partner", p.name));
            None
        }
        (Some(p), _) => Some(p.id.clone()),
    }
}

/// Applies the good rows of a metrics import, one edit for all of them. A later row for
/// the same partner, market, metric and month wins.
pub fn apply_metrics(
    ws: &mut Workspace,
    import: &MetricsImport,
    now: DateTime<Utc>,
) -> Result<bool, MetricError> {
    type Cells = Vec<(Id, Month, Option<f64>)>;
    let mut groups: BTreeMap<(String, String), (Id, Cells)> = BTreeMap::new();
    for r in &import.rows {
        groups
            .entry((r.partner.to_string(), r.metric.clone()))
            .or_insert_with(|| (r.partner.clone(), Vec::new()))
            .1
            .push((r.market.clone(), r.month, Some(r.value)));
    }
    // Check every group on a copy first, so a refusal half way changes nothing.
    let mut draft = ws.clone();
    let mut changed = false;
    for ((_, metric), (id, cells)) in &groups {
        changed |= set_values(&mut draft, id, metric, cells, now)?;
    }
    if changed {
        *ws = draft;
    }
    Ok(changed)
}
