//! Sizes, shares, counts and dates written for people, and a day read back from the ISO
//! form a date input gives. Sizes and shares use integer arithmetic only: the browser
//! build then carries no float-formatting code.

use crate::model::core::month::Month;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use std::fmt;

/// The word that agrees with a count: `one` for exactly 1, `many` otherwise (0 too):
/// `plural(n, "was", "were")`, `plural(n, "it", "them")`.
pub fn plural<'a, N: Copy + PartialEq + From<u8>>(n: N, one: &'a str, many: &'a str) -> &'a str {
    if n == N::from(1) {
        one
    } else {
        many
    }
}

/// A count and its noun, the noun taking an "s" beyond one: "1 day", "3 days", "0 rows".
/// A noun with another plural goes through [`count_of`].
pub fn count<N: Copy + PartialEq + From<u8> + fmt::Display>(n: N, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n, "", "s"))
}

/// A count and its noun with the plural given: "1 person", "3 people".
pub fn count_of<N: Copy + PartialEq + From<u8> + fmt::Display>(
    n: N,
    one: &str,
    many: &str,
) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// `n` bytes as "812 B", "35.8 KB" or "4.2 MB" (1 KB = 1024 bytes).
pub fn bytes(n: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if n < KB {
        format!("{n} B")
    } else if n < MB {
        format!("{} KB", tenths(n * 10 / KB))
    } else {
        format!("{} MB", tenths(n * 10 / MB))
    }
}

/// A size that exceeds `limit`, written so that it never reads as equal to the limit:
/// "25.0 MB", or "more than 20.0 MB" when rounding would hide the excess.
pub fn bytes_over(size: u64, limit: u64) -> String {
    let (shown, cap) = (bytes(size), bytes(limit));
    if shown == cap {
        format!("more than {cap}")
    } else {
        shown
    }
}

// Percentages. Every share and change Tandem shows goes through one of these three, so
// one figure never reads with two roundings on two screens: a share (`percent`), a
// share of two counts to a tenth (`percent_of`) and a signed change (`percent_change`).

/// A share (0–1, or beyond) as a whole percentage: 0.714 → "71 %", 12.5 → "1,250 %",
/// −0.05 → "−5 %", rounded half away from zero; "—" when it is no number (a share of
/// nothing that slipped through).
pub fn percent(share: f64) -> String {
    let p = (share * 100.0).round();
    if !p.is_finite() {
        return "—".to_owned();
    }
    // `as` saturates; the clamp keeps the figure within what `grouped` prints exactly.
    let n = p.clamp(-9.0e15, 9.0e15) as i64;
    let sign = if n < 0 { "−" } else { "" };
    format!("{sign}{} %", grouped(n.unsigned_abs()))
}

/// `part` as a share of `whole` to a tenth, rounded down, such as "2.4 %": for the
/// storage quota, where a whole percentage would read "0 %" long before it is empty. A
/// zero whole reads as 0.0 %.
pub fn percent_of(part: u64, whole: u64) -> String {
    let tenths_of_percent = (part.saturating_mul(1000)).checked_div(whole).unwrap_or(0);
    format!("{} %", tenths(tenths_of_percent))
}

/// A change as a signed percentage: one decimal below 10 %, where it tells "+0.4 %"
/// from "+4 %", and whole above, rounded as [`percent`] rounds: "+12 %", "−3.5 %",
/// "+250 %"; "—" when it is no number.
pub fn percent_change(rate: f64) -> String {
    let tenths = (rate * 1000.0).round();
    if !tenths.is_finite() {
        return "—".to_owned();
    }
    let t = tenths.clamp(-9.0e15, 9.0e15) as i64;
    let sign = if t > 0 {
        "+"
    } else if t < 0 {
        "−"
    } else {
        ""
    };
    let t = t.unsigned_abs();
    if t >= 100 {
        // Rounded once from the rate, not from the tenths: 12.45 % reads "+12 %", as
        // the same share reads "12 %", not "+13 %".
        // At least 10: a rate just under 10 % whose tenths round up to 10.0 stays 10.
        let whole = (rate.abs() * 100.0).round().clamp(10.0, 9.0e15) as u64;
        format!("{sign}{} %", grouped(whole))
    } else {
        format!("{sign}{}.{} %", t / 10, t % 10)
    }
}

fn tenths(n: u64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

/// `n` with thousands separators: 600,000.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// Dates for people, in one place. Tandem writes a day one way, long ("6 December
// 2026") or, where space is short (tables, chart points, lists of readings), short
// ("6 Dec 2026"); a month as "December 2026" or "Dec 2026". Day first, month in words:
// read the same way in every country, unlike 12/06/2026, and it wraps between words on a
// narrow screen. The ISO form (2026-12-06) is for files and the browser's date inputs
// only ([`iso_day`]). `tests/dates_for_people.rs` fails when a view or a message
// formats a date itself.

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn long_month(month0: u32) -> &'static str {
    crate::model::core::month::MONTH_NAMES
        .get(month0 as usize)
        .copied()
        .unwrap_or_default()
}

fn short_month(month0: u32) -> &'static str {
    SHORT_MONTHS
        .get(month0 as usize)
        .copied()
        .unwrap_or_default()
}

/// A day written out, such as "23 November 2026": the long form, for prose, headings
/// and documents.
pub fn day(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        long_month(date.month0()),
        date.year()
    )
}

/// A day in the short form, such as "23 Nov 2026": for tables, chart points and lists
/// where many dates stand side by side.
pub fn day_short(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        short_month(date.month0()),
        date.year()
    )
}

/// A month written out, such as "November 2026".
pub fn month(m: Month) -> String {
    format!("{} {}", long_month(m.month() - 1), m.year())
}

/// A month in the short form, such as "Nov 2026": column heads, chart axes.
pub fn month_short(m: Month) -> String {
    format!("{} {}", short_month(m.month() - 1), m.year())
}

/// A moment in UTC for people, such as "23 November 2026, 09:05 UTC".
pub fn moment(at: DateTime<Utc>) -> String {
    format!("{}, {} UTC", day(at.date_naive()), clock(at.time()))
}

/// A time of day on the 24-hour clock, such as "09:05".
pub fn clock(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The ISO form, "2026-11-23": what files, date inputs (`<input type="date">`) and
/// machine-readable attributes (`<time datetime>`) take. Never shown to a person as text.
pub fn iso_day(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A day read back from its ISO form, as a date input gives it ("2026-11-23", spaces
/// around allowed): `Ok(None)` when nothing was given.
///
/// # Errors
/// [`NotADay`], naming what was typed, when the text is not a day in that form.
pub fn parse_iso_day(text: &str) -> Result<Option<NaiveDate>, NotADay> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| NotADay(text.to_owned()))
}

/// Text given for a day that is not one; says what to type instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotADay(pub String);

impl fmt::Display for NotADay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a date; use the date picker or write it as YYYY-MM-DD, e.g. 2026-11-23",
            self.0
        )
    }
}

impl std::error::Error for NotADay {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_pick_a_readable_unit_and_round_down() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1.0 KB");
        assert_eq!(bytes(36_700), "35.8 KB");
        assert_eq!(bytes(10 * 1024 * 1024), "10.0 MB");
        assert_eq!(bytes(20 * 1024 * 1024 + 1), "20.0 MB");
    }

    #[test]
    fn sizes_over_a_limit_never_read_as_the_limit() {
        let limit = 20 * 1024 * 1024;
        assert_eq!(bytes_over(limit + 1, limit), "more than 20.0 MB");
        assert_eq!(bytes_over(25 * 1024 * 1024, limit), "25.0 MB");
    }

    #[test]
    fn percent_of_has_one_decimal_and_survives_zero() {
        assert_eq!(percent_of(36_700, 10 * 1024 * 1024), "0.3 %");
        assert_eq!(percent_of(1, 3), "33.3 %");
        assert_eq!(percent_of(5, 0), "0.0 %");
        assert_eq!(percent_of(u64::MAX, 1), format!("{} %", tenths(u64::MAX)));
    }

    #[test]
    fn dates_have_one_long_and_one_short_form() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(day(d), "6 December 2026");
        assert_eq!(day_short(d), "6 Dec 2026");
        let m = Month::new(2027, 1).unwrap();
        assert_eq!(month(m), "January 2027");
        assert_eq!(month_short(m), "Jan 2027");
        assert_eq!(iso_day(d), "2026-12-06");
        assert_eq!(
            iso_day(d),
            d.to_string(),
            "inputs take what chrono parses back"
        );
        let at = d.and_hms_opt(9, 5, 0).unwrap().and_utc();
        assert_eq!(moment(at), "6 December 2026, 09:05 UTC");
    }

    #[test]
    fn a_day_reads_back_from_its_iso_form() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(parse_iso_day(&iso_day(d)), Ok(Some(d)));
        assert_eq!(parse_iso_day(" 2026-12-06 "), Ok(Some(d)));
        assert_eq!(parse_iso_day("  "), Ok(None));
        let wrong = parse_iso_day("6/12/2026").unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "\"6/12/2026\" is not a date; use the date picker or write it as YYYY-MM-DD, e.g. 2026-11-23"
        );
        assert!(parse_iso_day("2026-02-30").is_err());
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(1usize, "day"), "1 day");
        assert_eq!(count(0u32, "day"), "0 days");
        assert_eq!(count(3i64, "day"), "3 days");
        assert_eq!(count_of(1u8, "person", "people"), "1 person");
        assert_eq!(count_of(2u64, "person", "people"), "2 people");
        assert_eq!(plural(1usize, "was", "were"), "was");
        assert_eq!(plural(-1i64, "was", "were"), "were");
    }
}
