//! A calendar month, the period of every metric value: written `2026-03` in files.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The months' names in English, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month of a year. Orders chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Month {
    year: i32,
    /// 1 to 12.
    month: u32,
}

#[cfg(test)]
impl schemars::JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "description": "A calendar month, YYYY-MM."
        })
    }
}

impl Month {
    /// Years outside this range are refused: they are typing mistakes, and keeping
    /// them bounded keeps month arithmetic far from overflow.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

    pub fn new(year: i32, month: u32) -> Option<Month> {
        (Self::YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: chrono::NaiveDate) -> Month {
        use chrono::Datelike;
        Month {
            year: date.year().clamp(*Self::YEARS.start(), *Self::YEARS.end()),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// This month moved by `n` months (negative moves back), or `None` outside the
    /// accepted years.
    pub fn plus(self, n: i32) -> Option<Month> {
        let index = self.index() + n as i64;
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) as u32 + 1;
        Month::new(i32::try_from(year).ok()?, month)
    }

    /// The number of months from `earlier` to `self`.
    pub fn since(self, earlier: Month) -> i64 {
        self.index() - earlier.index()
    }

    fn index(self) -> i64 {
        self.year as i64 * 12 + (self.month as i64 - 1)
    }

    /// Reads `2026-03` (also `2026-3`), saying why anything else is not a month.
    pub fn parse(text: &str) -> Result<Month, MonthError> {
        Month::written(text).map_or_else(|| Month::read(text), Ok)
    }

    /// [`Month::parse`] of any text: trimmed, the month with or without its zero.
    fn read(text: &str) -> Result<Month, MonthError> {
        let text = text.trim();
        let bad = || MonthError::NotMonth(short(text));
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(MonthError::Month {
                month,
                text: short(text),
            });
        }
        Month::new(year, month).ok_or(MonthError::Year(year))
    }
}

impl Month {
    /// `2026-03` exactly, as Tandem writes months, read digit by digit: a file of 2,000
    /// partners holds 288,000 of them, and the general reading ([`Month::parse`]: trim,
    /// split, two number parsers) was a tenth of its typed parse in the browser. `None`
    /// for anything else, which [`Month::parse`] reads or refuses as it always has.
    fn written(text: &str) -> Option<Month> {
        let &[y0, y1, y2, y3, b'-', m0, m1] = text.as_bytes() else {
            return None;
        };
        let digits = [y0, y1, y2, y3, m0, m1];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let d = |b: u8| u32::from(b - b'0');
        let year = d(y0) * 1000 + d(y1) * 100 + d(y2) * 10 + d(y3);
        Month::new(i32::try_from(year).ok()?, d(m0) * 10 + d(m1))
    }
}

/// Why a text is not a [`Month`]; the text is cut to 20 characters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MonthError {
    #[error("\"{0}\" is not a month such as 2026-03")]
    NotMonth(String),
    #[error("month {month} of \"{text}\" is not 1–12")]
    Month { month: u32, text: String },
    #[error("year {0} is outside {start}–{end}", start = Month::YEARS.start(), end = Month::YEARS.end())]
    Year(i32),
}

fn short(text: &str) -> String {
    text.chars().take(20).collect()
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = MonthError;
    fn try_from(text: String) -> Result<Self, MonthError> {
        Month::parse(&text)
    }
}

/// Read as [`TryFrom<String>`] reads it, with the same refusals, from the text in
/// place: a file of 2,000 partners holds 288,000 months, each a map key that a `String`
/// first would copy and free.
impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Month;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // As a `String` says it: the refusal of a number stays word for word.
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Month, E> {
                Month::parse(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prints_and_moves() {
        let m = Month::parse("2026-03").unwrap();
        assert_eq!(m.to_string(), "2026-03");
        assert_eq!(Month::parse("2026-3").unwrap(), m);
        assert_eq!(m.plus(-3).unwrap().to_string(), "2025-12");
        assert_eq!(m.plus(12).unwrap().to_string(), "2027-03");
        assert_eq!(m.plus(12).unwrap().since(m), 12);
        for bad in [
            "2026-13",
            "2026-00",
            "26-03",
            "2026",
            "2026-03-01",
            "",
            "abcd-ef",
            "0000-01",
        ] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    /// The digit-by-digit reading of `2026-03` gives what the general one gives, and
    /// leaves it everything else (refusals included, whose words it writes).
    #[test]
    fn the_written_form_reads_as_the_general_reading_does() {
        let years = (0..40).chain(1880..2220).chain([999, 1000, 5000, 9999]);
        for year in years {
            for month in 0..100 {
                let text = format!("{year:04}-{month:02}");
                match Month::written(&text) {
                    Some(m) => assert_eq!(Ok(m), Month::read(&text), "{text}"),
                    None => assert!(Month::read(&text).is_err(), "{text}"),
                }
                assert_eq!(Month::parse(&text), Month::read(&text), "{text}");
            }
        }
        for other in [
            " 2026-03",
            "2026-3",
            "2026-03 ",
            "２０２６-03",
            "2026/03",
            "+026-03",
            "2026-0a",
        ] {
            assert_eq!(Month::written(other), None, "{other}");
            assert_eq!(Month::parse(other), Month::read(other), "{other}");
        }
    }

    #[test]
    fn serde_uses_the_text_form_also_as_a_map_key() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(Month::new(2026, 1).unwrap(), 5.0);
        let text = serde_json::to_string(&map).unwrap();
        assert_eq!(text, r#"{"2026-01":5.0}"#);
        let back: std::collections::BTreeMap<Month, f64> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, map);
        assert!(serde_json::from_str::<Month>(r#""2026-13""#).is_err());
    }
}
