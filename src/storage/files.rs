//! Files in and out: downloads made from text, and the text of a picked or dropped file.

use super::error::{DownloadError, ReadError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), DownloadError> {
    let fail = |_| DownloadError::Refused(name.to_owned());
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(DownloadError::NoDocument)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| DownloadError::NoLink)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The text of a file the person picked or dropped, as the browser's `Blob.text()`
/// decodes it. Read as bytes first: plain UTF-8 (nearly every file) is taken as it is
/// (`file::utf8_as_is`), with no JavaScript string made and copied into the wasm a
/// character at a time; anything else is decoded by the browser, as before.
pub async fn read_text(file: web_sys::File) -> Result<String, ReadError> {
    crate::model::formats::file::readable(&file.name(), file.size() as u64)?;
    let unreadable = |_| ReadError::Unreadable(file.name());
    let bytes = JsFuture::from(file.array_buffer())
        .await
        .map_err(unreadable)?;
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    if let Some(text) = crate::model::formats::file::utf8_as_is(bytes) {
        return Ok(text);
    }
    let text = JsFuture::from(file.text()).await.map_err(unreadable)?;
    text.as_string()
        .ok_or_else(|| ReadError::NotText(file.name()))
}
