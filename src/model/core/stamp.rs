//! Edit stamps: a hybrid logical clock that orders every edit of a record, across tabs
//! and colleagues, even within one millisecond.
//!
//! A [`Stamp`] is (wall time in milliseconds, counter, writer). Stamps compare in that
//! order, field by field, so the order is total and every replica computes the same one.
//! A [`Clock`] belongs to one writer (one open tab: the id is random, drawn when the tab
//! starts) and hands out stamps that are
//! - strictly increasing: the counter grows while the wall clock stands still (or goes
//!   back), so two edits of one tab never share a stamp;
//! - later than every stamp the clock has seen ([`Clock::observe`]): an edit made after
//!   reading another tab's save outranks that save even if this tab's wall clock is
//!   behind, so "the later edit" is the one made knowing the other;
//! - unique across writers: two writers differ in their id, so two different edits never
//!   compare equal, and the merge never meets a tie between stamped records.
//!
//! Records written before stamps existed have none; [`Stamp::legacy`] reads their
//! `updated` time as a stamp of writer 0 (which no clock uses), so old files merge by
//! their times as they always did, and any stamped edit of the same moment outranks them.
//!
//! The clock is pure: the wall time and the writer's id come in from the caller (the
//! browser layer reads `Date.now()` and `crypto.getRandomValues`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// When and by whom a record was last edited. Orders by time, then counter, then writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Stamp {
    /// Wall time in milliseconds since 1970 (UTC), as the writer's clock had it, or later.
    ms: i64,
    /// Edits within one millisecond of this writer (or after a later stamp it saw).
    count: u32,
    /// The writer: random, never 0 for a clock (0 marks a stamp read from a time).
    writer: u64,
}

#[cfg(test)]
impl schemars::JsonSchema for Stamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Stamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{1,15}-[0-9]{1,10}-[0-9a-f]{16}$",
            "description": "An edit stamp: milliseconds since 1970, counter, writer id (16 hex digits)."
        })
    }
}

impl Stamp {
    /// The stamp of a record written before stamps existed: its edit time, counter 0,
    /// writer 0. Any stamp a clock makes in the same millisecond is greater.
    pub fn legacy(at: DateTime<Utc>) -> Stamp {
        Stamp {
            ms: at.timestamp_millis(),
            count: 0,
            writer: 0,
        }
    }

    /// Below every other stamp: a record never edited.
    pub const ZERO: Stamp = Stamp {
        ms: i64::MIN,
        count: 0,
        writer: 0,
    };

    /// A stamp from its parts, as a clock would make it (for tests and tools).
    pub fn new(ms: i64, count: u32, writer: u64) -> Stamp {
        Stamp { ms, count, writer }
    }

    /// The wall time part, in milliseconds since 1970.
    pub fn millis(&self) -> i64 {
        self.ms
    }

    /// The wall time part as a time, if it is one chrono can hold.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.ms)
    }

    pub fn writer(&self) -> u64 {
        self.writer
    }
}

impl fmt::Display for Stamp {
    /// `1795435200123-0-9f86d081884c7d65`: milliseconds, counter, writer in 16 hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:016x}", self.ms, self.count, self.writer)
    }
}

impl From<Stamp> for String {
    fn from(s: Stamp) -> String {
        s.to_string()
    }
}

impl TryFrom<String> for Stamp {
    type Error = StampError;
    fn try_from(text: String) -> Result<Stamp, StampError> {
        Stamp::parse(&text)
    }
}

impl Stamp {
    /// Reads a stamp as [`Display`](fmt::Display) writes it, or says why it is not one.
    pub fn parse(text: &str) -> Result<Stamp, StampError> {
        let bad = || StampError(text.to_owned());
        let mut parts = text.split('-');
        let (Some(ms), Some(count), Some(writer), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let digits = |s: &str, most: usize| {
            !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(ms, 15)
            || !digits(count, 10)
            || writer.len() != 16
            || !writer
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(bad());
        }
        Ok(Stamp {
            ms: ms.parse().map_err(|_| bad())?,
            count: count.parse().map_err(|_| bad())?,
            writer: u64::from_str_radix(writer, 16).map_err(|_| bad())?,
        })
    }
}

/// A text that is not an edit stamp.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an edit stamp (milliseconds-counter-writer, such as 1795435200123-0-9f86d081884c7d65)"
)]
pub struct StampError(pub String);

/// One writer's clock: hands out stamps that increase, and that follow every stamp seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    writer: u64,
    /// The greatest (time, counter) made or seen so far.
    last: (i64, u32),
}

impl Clock {
    /// A clock for the writer with this random id. Id 0 is reserved for stamps read from
    /// times, so it is replaced by 1 (a one-in-2⁶⁴ draw).
    pub fn new(writer: u64) -> Clock {
        Clock {
            writer: writer.max(1),
            last: (i64::MIN, 0),
        }
    }

    pub fn writer(&self) -> u64 {
        self.writer
    }

    /// A new stamp at wall time `wall_ms`: later than every stamp made or seen before.
    pub fn tick(&mut self, wall_ms: i64) -> Stamp {
        let (ms, count) = self.last;
        self.last = if wall_ms > ms {
            (wall_ms, 0)
        } else if count < u32::MAX {
            (ms, count + 1)
        } else {
            // Four billion edits in one millisecond: borrow the next one.
            (ms.saturating_add(1), 0)
        };
        Stamp {
            ms: self.last.0,
            count: self.last.1,
            writer: self.writer,
        }
    }

    /// Takes note of a stamp from elsewhere (another tab's save, a file), so that every
    /// later tick is greater than it.
    pub fn observe(&mut self, seen: Stamp) {
        self.last = self.last.max((seen.ms, seen.count));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_increase_while_the_wall_clock_stands_still_or_goes_back() {
        let mut c = Clock::new(7);
        let a = c.tick(1_000);
        let b = c.tick(1_000);
        let d = c.tick(900);
        let e = c.tick(1_001);
        assert!(a < b && b < d && d < e, "{a} {b} {d} {e}");
        assert_eq!(e, Stamp::new(1_001, 0, 7));
    }

    #[test]
    fn a_tick_after_observing_a_stamp_is_greater_than_it_whatever_the_wall_clock() {
        let mut c = Clock::new(1);
        let theirs = Stamp::new(5_000, 3, u64::MAX);
        c.observe(theirs);
        let mine = c.tick(4_000);
        assert!(mine > theirs, "{mine} after {theirs}");
        assert_eq!(mine, Stamp::new(5_000, 4, 1));
    }

    #[test]
    fn two_writers_in_the_same_millisecond_never_tie() {
        let (mut a, mut b) = (Clock::new(10), Clock::new(11));
        let (x, y) = (a.tick(42), b.tick(42));
        assert_ne!(x, y);
        assert!(x < y);
    }

    #[test]
    fn a_stamp_reads_back_what_it_writes_and_refuses_anything_else() {
        let s = Stamp::new(1_795_435_200_123, 12, 0x9f86_d081_884c_7d65);
        assert_eq!(s.to_string(), "1795435200123-12-9f86d081884c7d65");
        assert_eq!(Stamp::parse(&s.to_string()), Ok(s));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), s);
        for bad in [
            "",
            "1-2",
            "1-2-3",
            "1-2-9f86d081884c7d65-4",
            "-1-0-9f86d081884c7d65",
            "1-0-9F86D081884C7D65",
            "1234567890123456-0-9f86d081884c7d65",
            "1-99999999999-9f86d081884c7d65",
            "1-+2-9f86d081884c7d65",
        ] {
            assert!(Stamp::parse(bad).is_err(), "{bad:?} was read");
        }
    }

    #[test]
    fn a_legacy_stamp_is_below_any_clock_stamp_of_the_same_millisecond() {
        let at = DateTime::from_timestamp(1_795_435_200, 0).unwrap();
        let old = Stamp::legacy(at);
        let mut c = Clock::new(0);
        assert_eq!(c.writer(), 1);
        assert!(c.tick(at.timestamp_millis()) > old);
        assert_eq!(old.time(), Some(at));
        assert!(Stamp::ZERO < old);
    }
}
