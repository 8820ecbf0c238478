//! Stable record ids.
//!
//! Ids come from outside (files, storage), so they are checked like any other input:
//! 1 to 64 characters of ASCII letters, digits, `-` and `_`. New ids are made from 128
//! random bits that the caller supplies, which keeps this module free of any source of
//! randomness (the browser layer uses `crypto.getRandomValues`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A record's stable, unique id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// Longest id accepted from a file.
    pub const MAX_LEN: usize = 64;

    /// An id made from 128 random bits, written as 32 lowercase hex digits.
    pub fn from_random(bits: u128) -> Self {
        Id(format!("{bits:032x}"))
    }

    /// Parses an id from outside, or says why it is not one.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        Self::well_formed(text)?;
        Ok(Id(text.to_owned()))
    }

    /// Whether this id, which may have come from a file, is well formed.
    pub fn check(&self) -> Result<(), IdError> {
        // Without a copy: validation checks every id of a file (some 60,000 at 2,000
        // partners), and the copy `parse` makes was thrown away each time.
        Self::well_formed(&self.0)
    }

    /// [`Id::parse`]'s checks, without making the id.
    fn well_formed(text: &str) -> Result<(), IdError> {
        if text.is_empty() {
            return Err(IdError::Empty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(IdError::TooLong);
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(IdError::Character(bad));
        }
        Ok(())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a text is not an [`Id`]: worded to follow a field's path in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("an id has at most {} characters", Id::MAX_LEN)]
    TooLong,
    #[error("an id may hold only letters, digits, '-' and '_', not {0:?}")]
    Character(char),
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_32_hex_digits_and_valid() {
        let id = Id::from_random(0xabc);
        assert_eq!(id.as_str(), "00000000000000000000000000000abc");
        assert!(id.check().is_ok());
    }

    #[test]
    fn parse_refuses_empty_long_and_odd_characters() {
        assert!(Id::parse("").is_err());
        assert!(Id::parse(&"a".repeat(65)).is_err());
        assert!(Id::parse("a b").unwrap_err().to_string().contains("' '"));
        assert!(Id::parse("<script>").is_err());
        assert!(Id::parse("p-1_A").is_ok());
    }
}
