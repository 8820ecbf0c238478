//! The only code that touches the browser's storage, files, downloads and randomness.
//! It turns the outside world into model values (always through `model::formats::file::restore`)
//! and back, and reports every failure as a message a person can act on.

pub mod clipboard;
pub mod crypto;
pub mod drafts;
pub mod files;
pub mod local;

use crate::model::Id;
use chrono::{DateTime, Utc};

/// A fresh random id from the browser's cryptographic generator.
pub fn new_id() -> Id {
    Id::from_random(u128::from_le_bytes(random_bytes()))
}

/// This tab's writer id for its edit clock (`model::core::stamp::Clock`): random, drawn
/// once per page load, so two tabs of one browser are two writers.
pub fn writer_id() -> u64 {
    let bytes = random_bytes();
    u64::from_le_bytes([
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
    ])
}

/// The wall clock in milliseconds since 1970, for edit stamps.
pub fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}

fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto (very old browser): Math.random still gives unique-enough ids
        // for one person's workspace.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The current time, to the second (finer precision only bloats the stored form).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}
