//! Sizes, shares and dates written for people. Sizes and shares use integer arithmetic
//! only: the browser build then carries no float-formatting code.

use chrono::{Datelike, NaiveDate};

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

/// `part` as a share of `whole`, such as "2.4 %". A zero whole reads as 0 %.
pub fn percent(part: u64, whole: u64) -> String {
    let tenths_of_percent = (part.saturating_mul(1000)).checked_div(whole).unwrap_or(0);
    format!("{} %", tenths(tenths_of_percent))
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

/// A day written out, such as "23 November 2026": read the same way in every country,
/// unlike 11/23/2026, and it wraps between words on a narrow screen.
pub fn day(date: NaiveDate) -> String {
    let month = crate::model::core::month::MONTH_NAMES
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

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
    fn percent_has_one_decimal_and_survives_zero() {
        assert_eq!(percent(36_700, 10 * 1024 * 1024), "0.3 %");
        assert_eq!(percent(1, 3), "33.3 %");
        assert_eq!(percent(5, 0), "0.0 %");
        assert_eq!(percent(u64::MAX, 1), format!("{} %", tenths(u64::MAX)));
    }
}
