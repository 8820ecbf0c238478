//! Mounts the app in the browser. Native builds only run the model's tests.

#[cfg(target_arch = "wasm32")]
fn main() {
    tandem::ui::panic::install();
    leptos::mount::mount_to_body(tandem::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Tandem runs in the browser: build it with `trunk build --release`.");
}
