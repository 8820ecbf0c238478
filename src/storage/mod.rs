//! The only code that touches the browser's storage, files, downloads and randomness.
//! It turns the outside world into model values (always through `model::formats::file::restore`)
//! and back, and reports every failure as a typed error (`error.rs`, and `crypto.rs`'s
//! own) whose sentence a person can act on.
//!
//! Everything here is wasm-only but `error.rs`: it holds no web type, so the native
//! tests reach it and pin its sentences.

#[cfg(target_arch = "wasm32")]
pub mod clipboard;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
#[cfg(target_arch = "wasm32")]
pub mod drafts;
pub mod error;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod local;

#[cfg(target_arch = "wasm32")]
use crate::model::Id;
#[cfg(target_arch = "wasm32")]
use chrono::{DateTime, Utc};

/// A fresh random id from the browser's cryptographic generator.
#[cfg(target_arch = "wasm32")]
pub fn new_id() -> Id {
    Id::from_random(u128::from_le_bytes(random_bytes()))
}

/// This tab's writer id for its edit clock (`model::core::stamp::Clock`): random, drawn
/// once per page load, so two tabs of one browser are two writers.
#[cfg(target_arch = "wasm32")]
pub fn writer_id() -> u64 {
    let bytes = random_bytes();
    u64::from_le_bytes([
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
    ])
}

/// The wall clock in milliseconds since 1970, for edit stamps.
#[cfg(target_arch = "wasm32")]
pub fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}

#[cfg(target_arch = "wasm32")]
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
#[cfg(target_arch = "wasm32")]
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}
