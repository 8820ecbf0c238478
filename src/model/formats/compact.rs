//! The compact form of a stored record: its Tandem-file JSON, deflated, then written 15
//! bits to a character.
//!
//! Local storage counts every character (UTF-16 unit) of a value against the origin's
//! quota, whatever the character, so the densest safe encoding wins: 15 bits a character
//! from U+0100 to U+80FF, a range with no surrogates, no ASCII and no noncharacters,
//! which every browser stores as it is. Base64 would carry 6 bits a character, 2.5 times
//! fewer. `bench/RESULTS.md` records what each choice measured (sizes and CPU, natively):
//! the record's own JSON with deflate at level 1 stores the 2,000-partner program in a
//! third of Chromium's quota at the least CPU of the options tried, so short keys or
//! metric arrays are not needed on top.
//!
//! The layout is a tag character, the 15-bit groups, then one character saying how many
//! bits of the last group are padding. A value that starts with `{` is plain JSON (kept
//! readable so that a person or a test can store a record by hand).

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// The first character of a compact value.
pub const TAG: char = '~';
/// The code point of the 15-bit group 0.
const BASE: u32 = 0x100;
/// deflate's level: 1 is twice as fast as 6 for 20 % more characters (see the module doc).
const LEVEL: u8 = 1;
/// The most bytes a stored record may inflate to: a partner at every list limit stays far
/// below it, and a damaged value cannot make the tab allocate without bound.
const MAX_INFLATED: usize = 64 * 1024 * 1024;

/// The compact form of `json`.
pub fn encode(json: &str) -> String {
    let bytes = compress_to_vec(json.as_bytes(), LEVEL);
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 8);
    out.push(TAG);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in &bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(group((acc >> bits) & 0x7fff));
        }
        acc &= (1 << bits) - 1;
    }
    let pad = if bits > 0 { 15 - bits } else { 0 };
    if bits > 0 {
        out.push(group((acc << pad) & 0x7fff));
    }
    out.push(group(pad));
    out
}

fn group(v: u32) -> char {
    // BASE + v is at most U+80FF: never a surrogate, so always a char.
    char::from_u32(BASE + v).unwrap_or(TAG)
}

/// The JSON a stored value holds: inflated when compact, as it is when plain JSON.
///
/// # Errors
/// What is wrong with the value, for the banner that names a damaged entry.
pub fn decode(stored: &str) -> Result<String, CompactError> {
    let Some(body) = stored.strip_prefix(TAG) else {
        if stored.trim_start().starts_with('{') {
            return Ok(stored.to_owned());
        }
        return Err(CompactError::Neither);
    };
    let mut groups = body.chars().map(|c| (c as u32).wrapping_sub(BASE));
    let pad = groups.next_back().filter(|p| *p < 15);
    let Some(pad) = pad else {
        return Err(CompactError::CutShort);
    };
    let mut bytes = Vec::with_capacity(body.len() * 15 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    let count = body.chars().count() - 1;
    for (i, g) in groups.enumerate() {
        if g > 0x7fff {
            return Err(CompactError::Foreign(i + 2));
        }
        let (g, width) = if i + 1 == count {
            (g >> pad, 15 - pad)
        } else {
            (g, 15)
        };
        acc = (acc << width) | g;
        bits += width;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    let json = decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|e| CompactError::Inflate(e.status))?;
    String::from_utf8(json).map_err(|_| CompactError::NotUtf8)
}

/// Why a stored value is not one [`decode`] reads: worded for the banner that names a
/// damaged entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompactError {
    #[error("the stored value is neither Tandem's compact form nor JSON")]
    Neither,
    #[error("the compact value is cut short")]
    CutShort,
    /// A character outside the 15-bit groups, at this position (1-based, tag included).
    #[error("the compact value holds a foreign character at position {0}")]
    Foreign(usize),
    #[error("the compact value does not inflate ({0:?})")]
    Inflate(miniz_oxide::inflate::TINFLStatus),
    #[error("the compact value does not hold UTF-8 text")]
    NotUtf8,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length_of_padding() {
        for n in 0..200 {
            let text: String = (0..n)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            let json = format!("{{\"x\":\"{text}\"}}");
            let stored = encode(&json);
            assert_eq!(decode(&stored).unwrap(), json, "length {n}");
            assert!(stored
                .chars()
                .skip(1)
                .all(|c| (0x100..=0x80ff).contains(&(c as u32))));
        }
    }

    #[test]
    fn plain_json_reads_as_it_is_and_damage_is_named() {
        assert_eq!(decode("{\"a\":1}").unwrap(), "{\"a\":1}");
        assert!(decode("hello").unwrap_err().to_string().contains("neither"));
        assert!(decode("~").unwrap_err().to_string().contains("cut short"));
        let good = encode("{\"a\":\"some text to compress\"}");
        let stored: String = good
            .chars()
            .take(2)
            .chain(['x'])
            .chain(good.chars().skip(2))
            .collect();
        assert!(decode(&stored)
            .unwrap_err()
            .to_string()
            .contains("foreign character"));
        let stored = encode("{\"a\":\"some text to compress\"}");
        let cut: String = stored
            .chars()
            .take(3)
            .chain(stored.chars().last())
            .collect();
        assert!(decode(&cut).is_err());
    }
}
