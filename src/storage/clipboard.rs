//! The clipboard: copying text a person will paste elsewhere (a brief into a document).
//!
//! `navigator.clipboard` exists only in a secure context (https, or localhost) and the
//! browser may still refuse a write (no user gesture, a denied permission, a page
//! without focus). Both come back as an error value saying what to do instead, never as
//! a panic or an exception in the console.
//!
//! ```ignore
//! match storage::clipboard::copy_text(&markdown).await {
//!     Ok(()) => store.say("Copied."),
//!     Err(e) => store.say(e),
//! }
//! ```

use super::error::ClipboardError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard.
///
/// # Errors
/// When the page has no clipboard (an insecure context or an old browser), or the
/// browser refused the write, with a message suggesting the download instead.
pub async fn copy_text(text: &str) -> Result<(), ClipboardError> {
    let navigator = web_sys::window()
        .ok_or(ClipboardError::NoWindow)?
        .navigator();
    // The getter is typed as always present, but is undefined outside a secure context:
    // look before calling it, so the absent case is an error value and not a throw.
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .ok_or(ClipboardError::NoClipboard)?
        .unchecked_into::<web_sys::Clipboard>();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ClipboardError::Refused)
}
