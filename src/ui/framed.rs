//! Tandem refuses to run inside another page's frame.
//!
//! A page that frames Tandem could lay its own buttons over Tandem's, or make Tandem
//! invisible and line its "Reset to empty" up under an innocent-looking click
//! (clickjacking), all on the person's real workspace, since the frame shares Tandem's
//! origin and storage. The policy that forbids framing (`frame-ancestors`) only works as
//! an HTTP header, and a plain static host may send none (docs/SECURITY.md lists the
//! headers to send where a host can). So the app checks for itself: inside a frame it
//! neither reads nor writes the workspace, and shows only a short refusal with a link
//! that opens Tandem on its own.

use leptos::prelude::*;

/// Whether this page runs inside a frame: its top-level window is not itself. An error
/// reading `window.top` counts as framed, the safe side.
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => top != window,
        Ok(None) => false,
        Err(_) => true,
    }
}

/// What a framed Tandem shows instead of the app.
#[component]
pub fn FramedRefusal() -> impl IntoView {
    // The page's own address: opened on its own, it is the app at the same screen.
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_else(|| "./".to_owned());
    view! {
        <main class="framed" id="main">
            <h1>"Tandem does not run inside another page"</h1>
            <p>"This page has put Tandem in a frame, where it could be made to do things you did not mean to. Your workspace was not opened here."</p>
            <p>
                <a class="button button--primary" href=here target="_blank" rel="noopener noreferrer">
                    "Open Tandem on its own"
                </a>
            </p>
        </main>
    }
}
