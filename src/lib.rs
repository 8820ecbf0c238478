//! Tandem: a partnership workspace that runs entirely in the browser.
//!
//! - [`model`]: pure Rust, compiled and tested natively.
//! - `storage`: the only code that touches local storage, files and downloads (wasm only,
//!   but for its error types, which hold no web type and are tested natively).
//! - `ui` and `app`: Leptos components grouped by feature (wasm only).

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
