//! When the app panics, the page must not freeze silently with the person's work in it.
//! The hook logs the panic, then puts a plain banner on the page with the last saved
//! workspace as a download. It is built with DOM calls and a blob URL made before the
//! wasm instance stops, because after a panic no Rust code (no Leptos) runs again.

use wasm_bindgen::JsCast;

/// Installs the hook; call once, before mounting.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

fn show_banner(what: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    let text = document.create_element("p").ok();
    if let Some(p) = &text {
        p.set_text_content(Some(
            "Tandem hit an internal error and has stopped. Your work up to the last save is safe \
             in this browser; reload the page to continue. To be sure, download it now.",
        ));
        let _ = banner.append_child(p);
    }
    // Read fresh from storage (saves write only what changed, so no copy of the whole
    // file is kept in memory); this touches no state the panic may have left borrowed.
    // Writing the file is the save code's (`lazy::SaveCode`), fetched once the first
    // screen is idle or by the first edit; a crash before it arrived offers no download
    // (nothing was saved by this visit then: the stored workspace is safe as it was).
    let saved = crate::ui::lazy::save_code_here()
        .and_then(|code| (code.saved_file)())
        .unwrap_or_default();
    if !saved.is_empty() {
        if let Some(link) = download_link(&document, &saved) {
            let _ = banner.append_child(&link);
        }
    }
    if let Ok(detail) = document.create_element("details") {
        if let Ok(summary) = document.create_element("summary") {
            summary.set_text_content(Some("Details for a bug report"));
            let _ = detail.append_child(&summary);
        }
        if let Ok(pre) = document.create_element("pre") {
            pre.set_text_content(Some(what));
            let _ = detail.append_child(&pre);
        }
        let _ = banner.append_child(&detail);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

fn download_link(document: &web_sys::Document, text: &str) -> Option<web_sys::Element> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download("tandem-last-saved.json");
    link.set_class_name("button button--primary");
    link.set_text_content(Some("Download the last saved workspace"));
    Some(link.into())
}
