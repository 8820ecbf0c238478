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
    Id::from_random(u128::from_le_bytes(bytes))
}

/// The current time, to the second (finer precision only bloats the stored form).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}
