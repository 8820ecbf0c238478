//! One date format for people: every view, message and document writes a day or a month
//! through `model::core::format` (`day`, `day_short`, `month`, `month_short`,
//! `moment`, `clock`), and the ISO form only goes to files, date inputs and
//! machine-readable attributes (`format::iso_day`). This test reads the source and fails
//! when a file formats a date itself, naming the file and line.

mod common;
use common::source_files;

/// The one file allowed to spell dates out.
const FORMATTER: &str = "src/model/core/format.rs";

/// What formatting a date by hand looks like, and why it is refused.
const REFUSED: &[(&str, &str)] = &[
    (
        ".format(\"%",
        "a strftime pattern: write the date with model::core::format",
    ),
    (
        "\"Jan\", \"Feb\"",
        "a list of month names: model::core::format owns them",
    ),
    (
        "MONTH_NAMES[",
        "a month name picked by hand: use format::month or format::month_short",
    ),
    (
        "date_naive().to_string()",
        "a day's ISO form shown as text: use format::day or format::day_short",
    ),
    (
        "{:04}-{:02}",
        "a hand-made ISO date: use format::iso_day for files and inputs",
    ),
];

/// The lines of a file outside its `#[cfg(test)]` module, which may build dates as it
/// likes to check them.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.trim_start().starts_with("#[cfg(test)]"))
        .map(|(i, l)| (i + 1, l))
}

#[test]
fn no_file_but_the_formatter_writes_a_date_for_people() {
    let mut found = Vec::new();
    for (file, rel) in &source_files("src", 50) {
        // The month type itself owns the names it parses and the ISO form files use.
        if rel == FORMATTER || rel == "src/model/core/month.rs" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (line, code) in code_lines(&text) {
            if code.trim_start().starts_with("//") {
                continue;
            }
            for (pattern, why) in REFUSED {
                if code.contains(pattern) {
                    found.push(format!("{rel}:{line}: {why}\n    {}", code.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "dates formatted outside {FORMATTER}:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_catches_each_refused_pattern() {
    // The scan above must be able to fail: each pattern, written as a view would write it,
    // is caught.
    let samples = [
        "    let s = d.format(\"%-d %b %Y\").to_string();",
        "const NAMES: [&str; 12] = [\"Jan\", \"Feb\", \"Mar\"];",
        "    MONTH_NAMES[m as usize]",
        "    updated: p.updated.date_naive().to_string(),",
        "    format!(\"{:04}-{:02}-{:02}\", y, m, d)",
    ];
    for sample in samples {
        let caught = REFUSED.iter().any(|(p, _)| sample.contains(p));
        assert!(caught, "not caught: {sample}");
    }
    let allowed = "    NaiveDate::parse_from_str(text, \"%Y-%m-%d\")";
    assert!(!REFUSED.iter().any(|(p, _)| allowed.contains(p)));
}
