//! The web app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    tierdesk::ui::i18n::init();
    leptos::mount::mount_to_body(tierdesk::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tierdesk-web is the browser app: build it with `make serve` (Trunk). The CLI is `tierdesk`.");
}
