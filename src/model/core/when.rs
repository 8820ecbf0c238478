//! Days and times as Tandem files write them (`2026-03-10`, `2026-03-10T09:30:00Z`,
//! `2026-03-10T09:30:00.123Z`), read digit by digit; anything else is read by chrono, as
//! before. Each record's date fields name these readers
//! (`#[serde(deserialize_with = "…")]`): a file of 2,000 partners holds some 70,000
//! dates and times, and chrono's general parser (any padding, spaces, other offsets)
//! took a tenth of the file's typed parse in the browser.
//!
//! The readers accept exactly what chrono accepts and give the same value; a text they
//! do not read digit by digit goes to chrono's own parser, whose refusal is returned
//! word for word, and a value of another type (a number where a date belongs) is
//! refused with chrono's words for what was expected.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::de::{self, Deserialize, Deserializer};
use std::fmt;

/// A `DateTime<Utc>` field, as `chrono`'s `Deserialize` reads it.
pub fn utc<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(Time)
}

/// An `Option<DateTime<Utc>>` field: `null` is none.
pub fn utc_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(Option::<Utc3339>::deserialize(d)?.map(|t| t.0))
}

/// A `NaiveDate` field, as `chrono`'s `Deserialize` reads it.
pub fn day<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(Day)
}

/// An `Option<NaiveDate>` field: `null` is none.
pub fn day_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Option::<IsoDay>::deserialize(d)?.map(|t| t.0))
}

/// `2026-03-10` exactly, or `None`.
fn written_day(text: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text else {
        return None;
    };
    let year = number(&[y0, y1, y2, y3])?;
    NaiveDate::from_ymd_opt(year as i32, number(&[m0, m1])?, number(&[d0, d1])?)
}

/// `2026-03-10T09:30:00Z`, with up to nine digits of a second after a dot, or `None`.
/// A leap second (`:60`) is left to chrono.
fn written_time(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let (&b'Z', b) = b.split_last()? else {
        return None;
    };
    if b.len() < 19 {
        return None;
    }
    let (date, time) = b.split_at(10);
    let &[b'T', h0, h1, b':', m0, m1, b':', s0, s1, ref fraction @ ..] = time else {
        return None;
    };
    let fraction: &[u8] = fraction;
    let nano = match fraction {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            number(digits)? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let (hour, minute, second) = (number(&[h0, h1])?, number(&[m0, m1])?, number(&[s0, s1])?);
    if second > 59 {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    Some(written_day(date)?.and_time(time).and_utc())
}

/// The number ASCII digits write, or `None` for anything but digits.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

struct Time;

impl de::Visitor<'_> for Time {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // chrono's words, so that a refusal reads as it did.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        match written_time(text) {
            Some(t) => Ok(t),
            None => text
                .parse::<DateTime<FixedOffset>>()
                .map(|t| t.with_timezone(&Utc))
                .map_err(E::custom),
        }
    }
}

struct Day;

impl de::Visitor<'_> for Day {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        match written_day(text.as_bytes()) {
            Some(d) => Ok(d),
            None => text.parse::<NaiveDate>().map_err(E::custom),
        }
    }
}

/// A time read by [`utc`], inside an `Option`.
struct Utc3339(DateTime<Utc>);

impl<'de> Deserialize<'de> for Utc3339 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        utc(d).map(Utc3339)
    }
}

/// A day read by [`day`], inside an `Option`.
struct IsoDay(NaiveDate);

impl<'de> Deserialize<'de> for IsoDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        day(d).map(IsoDay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Fields {
        #[serde(deserialize_with = "utc")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "utc_opt")]
        maybe_at: Option<DateTime<Utc>>,
        #[serde(deserialize_with = "day")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "day_opt")]
        maybe_on: Option<NaiveDate>,
    }

    /// The same fields read by chrono's own `Deserialize`.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Chrono {
        at: DateTime<Utc>,
        #[serde(default)]
        maybe_at: Option<DateTime<Utc>>,
        on: NaiveDate,
        #[serde(default)]
        maybe_on: Option<NaiveDate>,
    }

    /// Reads `json` both ways: the same record, or the same refusal word for word.
    fn same(json: &str) {
        let ours = serde_json::from_str::<Fields>(json).map_err(|e| e.to_string());
        let theirs = serde_json::from_str::<Chrono>(json).map_err(|e| e.to_string());
        match (ours, theirs) {
            (Ok(o), Ok(t)) => {
                assert_eq!(
                    (o.at, o.maybe_at, o.on, o.maybe_on),
                    (t.at, t.maybe_at, t.on, t.maybe_on),
                    "{json}"
                );
            }
            (Err(o), Err(t)) => assert_eq!(o, t, "{json}"),
            (o, t) => panic!("{json}: {o:?} against chrono's {t:?}"),
        }
    }

    fn record(at: &str, on: &str) -> String {
        format!(r#"{{"at": {at}, "maybe_at": {at}, "on": {on}, "maybe_on": {on}}}"#)
    }

    #[test]
    fn reads_what_chrono_reads_and_refuses_what_it_refuses() {
        let times = [
            r#""2026-03-10T09:30:00Z""#,
            r#""2026-03-10T09:30:00.123Z""#,
            r#""2026-03-10T09:30:00.5Z""#,
            r#""2026-03-10T09:30:00.123456789Z""#,
            r#""2026-03-10T09:30:00.1234567891Z""#,
            r#""2026-03-10T23:59:60Z""#,
            r#""2026-03-10T24:00:00Z""#,
            r#""2026-03-10T09:60:00Z""#,
            r#""2026-02-30T09:30:00Z""#,
            r#""2026-03-10t09:30:00z""#,
            r#""2026-03-10 09:30:00Z""#,
            r#""2026-03-10T09:30:00+02:00""#,
            r#""2026-03-10T09:30:00.Z""#,
            r#""2026-03-10T09:30Z""#,
            r#""2026-3-10T9:30:00Z""#,
            r#""0000-01-01T00:00:00Z""#,
            r#""+10000-01-01T00:00:00Z""#,
            r#""2026-03-10T09:30:00Z ""#,
            r#""２０２６-03-10T09:30:00Z""#,
            r#""""#,
            "5",
            "null",
            "[]",
        ];
        let days = [
            r#""2026-03-10""#,
            r#""2026-02-29""#,
            r#""2024-02-29""#,
            r#""2026-13-01""#,
            r#""2026-00-10""#,
            r#""2026-3-10""#,
            r#""0000-01-01""#,
            r#""2026-03-10 ""#,
            r#""2026/03/10""#,
            r#""""#,
            "5",
            "null",
        ];
        for at in times {
            same(&record(at, r#""2026-03-10""#));
        }
        for on in days {
            same(&record(r#""2026-03-10T09:30:00Z""#, on));
        }
        // Absent optional fields are none both ways.
        same(r#"{"at": "2026-03-10T09:30:00Z", "on": "2026-03-10"}"#);
    }

    /// What Tandem writes (chrono's `Serialize`) is what the readers read digit by
    /// digit, so the fast reading is the one files take.
    #[test]
    fn what_tandem_writes_is_read_digit_by_digit() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 5, 7).unwrap();
        for t in [at, at + chrono::Duration::milliseconds(123)] {
            let text = serde_json::to_string(&t).unwrap();
            assert_eq!(written_time(text.trim_matches('"')), Some(t), "{text}");
        }
        let on = at.date_naive();
        let text = serde_json::to_string(&on).unwrap();
        assert_eq!(written_day(text.trim_matches('"').as_bytes()), Some(on));
    }

    proptest! {
        #[test]
        fn any_time_in_the_written_shape_reads_as_chrono_reads_it(
            (y, mo, d) in (0u32..10_000, 0u32..14, 0u32..33),
            (h, mi, s) in (0u32..26, 0u32..62, 0u32..62),
            fraction in prop::option::of("[0-9]{0,11}"),
        ) {
            let fraction = fraction.map_or(String::new(), |f| format!(".{f}"));
            let at = format!("\"{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}Z\"");
            let on = format!("\"{y:04}-{mo:02}-{d:02}\"");
            same(&record(&at, &on));
        }

        #[test]
        fn any_valid_time_round_trips(secs in 0i64..253_402_300_799, nanos in 0u32..1_000_000_000) {
            let t = Utc.timestamp_opt(secs, nanos).unwrap();
            let text = serde_json::to_string(&t).unwrap();
            same(&record(&text, &serde_json::to_string(&t.date_naive()).unwrap()));
            prop_assert_eq!(written_time(text.trim_matches('"')), Some(t));
        }
    }
}
