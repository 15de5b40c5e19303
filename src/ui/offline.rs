//! Working offline: registers the service worker (which precaches this build), tells the user
//! when a new version is ready so they reload once (old and new files never mix), and asks the
//! browser to keep the data (persistent storage) with a view of how much space is used.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static REGISTRATION: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn call0(obj: &JsValue, method: &str) -> Option<JsValue> {
    get(obj, method).dyn_ref::<Function>().and_then(|f| f.call0(obj).ok())
}

fn container() -> Option<JsValue> {
    let sw = get(&window().navigator(), "serviceWorker");
    (!sw.is_undefined() && !sw.is_null()).then_some(sw)
}

fn watch_installing(reg: &JsValue, ready: RwSignal<bool>) {
    let installing = get(reg, "installing");
    if installing.is_null() || installing.is_undefined() {
        return;
    }
    let worker = installing.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        let installed = get(&worker, "state").as_string().as_deref() == Some("installed");
        let controlled = container().is_some_and(|c| !get(&c, "controller").is_null());
        // Installed while an older version controls this page: an update is waiting.
        if installed && controlled {
            ready.set(true);
        }
    });
    let _ = Reflect::set(&installing, &JsValue::from_str("onstatechange"), on_state.as_ref());
    on_state.forget();
}

/// Registers `sw.js` (next to index.html, so any subpath works). `ready` turns true when a new
/// version has been downloaded and waits for the user to reload.
pub fn register(ready: RwSignal<bool>) {
    let Some(sw) = container() else { return };
    let Some(register) = get(&sw, "register").dyn_ref::<Function>().cloned() else { return };
    let Ok(promise) = register.call1(&sw, &JsValue::from_str("./sw.js")) else { return };
    let Ok(promise) = promise.dyn_into::<Promise>() else { return };
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else { return };
        let controlled = container().is_some_and(|c| !get(&c, "controller").is_null());
        if controlled && !get(&reg, "waiting").is_null() && !get(&reg, "waiting").is_undefined() {
            ready.set(true);
        }
        watch_installing(&reg, ready);
        let reg2 = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || watch_installing(&reg2, ready));
        let _ = Reflect::set(&reg, &JsValue::from_str("onupdatefound"), on_update.as_ref());
        on_update.forget();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(reg));
    });
}

/// Switches to the waiting version and reloads when it has taken over.
pub fn apply_update() {
    let Some(sw) = container() else { return };
    let reload = Closure::<dyn FnMut()>::new(|| {
        let _ = window().location().reload();
    });
    let _ = Reflect::set(&sw, &JsValue::from_str("oncontrollerchange"), reload.as_ref());
    reload.forget();
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().map(|reg| get(reg, "waiting")));
    match waiting {
        Some(w) if !w.is_null() && !w.is_undefined() => {
            let msg = js_sys::Object::new();
            let _ = Reflect::set(&msg, &JsValue::from_str("type"), &JsValue::from_str("SKIP_WAITING"));
            if let Some(post) = get(&w, "postMessage").dyn_ref::<Function>() {
                let _ = post.call1(&w, &msg);
            }
        }
        _ => {
            let _ = window().location().reload();
        }
    }
}

/// Space this site uses and may use, in bytes, and whether the browser promised to keep it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageUse {
    pub usage: f64,
    pub quota: f64,
    pub persisted: bool,
}

async fn promise_of(obj: &JsValue, method: &str) -> Option<JsValue> {
    let p = call0(obj, method)?.dyn_into::<Promise>().ok()?;
    JsFuture::from(p).await.ok()
}

/// Asks the browser not to evict this site's data under storage pressure.
pub async fn ask_persist() -> bool {
    let storage = get(&window().navigator(), "storage");
    if storage.is_undefined() {
        return false;
    }
    if promise_of(&storage, "persisted").await.and_then(|v| v.as_bool()) == Some(true) {
        return true;
    }
    promise_of(&storage, "persist").await.and_then(|v| v.as_bool()).unwrap_or(false)
}

pub async fn storage_use() -> Option<StorageUse> {
    let storage = get(&window().navigator(), "storage");
    if storage.is_undefined() {
        return None;
    }
    let estimate = promise_of(&storage, "estimate").await?;
    let persisted = promise_of(&storage, "persisted").await.and_then(|v| v.as_bool()).unwrap_or(false);
    Some(StorageUse {
        usage: get(&estimate, "usage").as_f64().unwrap_or(0.0),
        quota: get(&estimate, "quota").as_f64().unwrap_or(0.0),
        persisted,
    })
}

/// Share of the quota above which the app warns.
pub const WARN_SHARE: f64 = 0.8;
