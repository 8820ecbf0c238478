//! Mounts the app in the browser (or, inside another page's frame, only a refusal:
//! see `ui::framed`). Native builds only run the model's tests.

#[cfg(target_arch = "wasm32")]
fn main() {
    tandem::ui::panic::install();
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
