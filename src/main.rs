//! Mounts the app in the browser (or, inside another page's frame, only a refusal:
//! see `ui::framed`). Native builds only run the model's tests.

#[cfg(target_arch = "wasm32")]
fn main() {
    tandem::ui::panic::install();
    // index.html shows the name and a loading state until now; the app (or, inside a
    // frame, the refusal) takes its place: mount_to_body appends, so the placeholder goes.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    if tandem::ui::framed::is_framed() {
        leptos::mount::mount_to_body(tandem::ui::framed::FramedRefusal);
    } else {
        leptos::mount::mount_to_body(tandem::app::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Tandem runs in the browser: build it with `trunk build --release`.");
}
