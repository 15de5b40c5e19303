//! Files in and out of the page: picked or dropped files, Blobs built from pieces, downloads.
//! Bound by hand (a few methods) rather than through more web-sys features.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// A `File` (or `Blob`) from a file input, a drop, or built here.
    #[derive(Clone)]
    pub type Blob;
    #[wasm_bindgen(method, getter)]
    pub fn size(this: &Blob) -> f64;
    #[wasm_bindgen(method, getter, js_name = name)]
    fn name_raw(this: &Blob) -> JsValue;
    #[wasm_bindgen(method, js_name = arrayBuffer)]
    fn array_buffer(this: &Blob) -> Promise;
    #[wasm_bindgen(method)]
    fn slice(this: &Blob, start: f64, end: f64) -> Blob;
    #[wasm_bindgen(constructor, js_class = "Blob", catch)]
    fn new_blob(parts: &Array, options: &Object) -> Result<Blob, JsValue>;
    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &Blob) -> Result<String, JsValue>;
    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn revoke_object_url(url: &str);
}

impl Blob {
    pub fn name(&self) -> String {
        self.name_raw().as_string().unwrap_or_default()
    }

    /// The whole content as a JS ArrayBuffer (stays outside wasm memory).
    pub async fn buffer(&self) -> Result<JsValue, String> {
        JsFuture::from(self.array_buffer()).await.map_err(message)
    }

    /// The whole content copied into wasm memory.
    pub async fn bytes(&self) -> Result<Vec<u8>, String> {
        Ok(Uint8Array::new(&self.buffer().await?).to_vec())
    }

    /// The first `n` bytes (to tell an encrypted backup from a plain one cheaply).
    pub async fn head(&self, n: usize) -> Result<Vec<u8>, String> {
        self.slice(0.0, n as f64).bytes().await
    }

    /// A Blob of the pieces (JS strings are written as UTF-8).
    pub fn of(pieces: &Array, mime: &str) -> Result<Blob, String> {
        let options = Object::new();
        let _ = Reflect::set(&options, &JsValue::from_str("type"), &JsValue::from_str(mime));
        Blob::new_blob(pieces, &options).map_err(message)
    }
}

pub fn message(e: JsValue) -> String {
    Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The first file of an `<input type=file>` change event or a drop event.
pub fn first_file(ev: &JsValue) -> Option<Blob> {
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let files = get(ev, "dataTransfer")
        .and_then(|dt| get(&dt, "files"))
        .or_else(|| get(ev, "target").and_then(|t| get(&t, "files")))?;
    let file = Reflect::get(&files, &JsValue::from_f64(0.0)).ok()?;
    (!file.is_undefined() && !file.is_null()).then(|| file.unchecked_into())
}

/// Clears a file input so that picking the same file again fires `change` again.
pub fn reset_input(ev: &JsValue) {
    if let Ok(target) = Reflect::get(ev, &JsValue::from_str("target")) {
        if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value("");
        }
    }
}

/// Offers `blob` as a download named `name`.
pub fn download(blob: &Blob, name: &str) -> Result<(), String> {
    let url = create_object_url(blob).map_err(message)?;
    let doc = leptos::prelude::document();
    let a = doc.create_element("a").map_err(message)?;
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    let _ = a.set_attribute("hidden", "");
    let body = doc.body().ok_or("the page has no body")?;
    let _ = body.append_child(&a);
    if let Some(el) = a.dyn_ref::<web_sys::HtmlElement>() {
        el.click();
    }
    let _ = body.remove_child(&a);
    // The download has its own reference by now; the URL is only needed for the click.
    let later = url.clone();
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(60_000).await;
        revoke_object_url(&later);
    });
    Ok(())
}

/// Lets the browser paint and handle clicks before the next step of a long job.
pub async fn yield_now() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Sizes for people: "512 MiB", "3.4 MB" style with the page's number format.
pub fn size(bytes: f64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= MIB {
        format!("{} MiB", crate::ui::format::number(bytes / MIB, if bytes >= 100.0 * MIB { 0 } else { 1 }))
    } else if bytes >= 1024.0 {
        format!("{} KiB", crate::ui::format::number(bytes / 1024.0, 0))
    } else {
        format!("{} B", crate::ui::format::number(bytes, 0))
    }
}

/// Today's date for file names, from the desk clock.
pub fn stamp(now: crate::domain::model::Time) -> String {
    now.format("%Y-%m-%d").to_string()
}

/// A browser-session note that survives the reload after an import.
pub fn remember(key: &str, text: &str) {
    if let Ok(Some(s)) = leptos::prelude::window().session_storage() {
        let _ = s.set_item(key, text);
    }
}

pub fn take(key: &str) -> Option<String> {
    let s = leptos::prelude::window().session_storage().ok().flatten()?;
    let v = s.get_item(key).ok().flatten();
    let _ = s.remove_item(key);
    v
}
