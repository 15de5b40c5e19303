//! Kiosk mode: an admin locks this browser to the self-service portal with a PIN.
//!
//! While locked, every route shows the portal (agent routes show the "Staff: unlock" PIN
//! prompt instead), the agent navigation is not rendered and the global shortcuts are off.
//! The lock is read at start, so it survives a reload. Unlocking with the PIN opens the
//! agent pages for this page's life (a reload or "Lock again" closes them); an admin may also
//! leave kiosk mode altogether.
//!
//! The PIN is kept only as a salted PBKDF2-SHA256 hash made by WebCrypto, in the desk's meta
//! store and mirrored in localStorage, so a `?db=` or `?demo` desk in the same browser is
//! locked too. This keeps people at the kiosk out of the agent pages; it does not protect
//! the data from anyone with developer tools or the device's files (see docs/kiosk.md).

use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::pages::portal::kiosk::texts::t;
use super::route::Route;
use super::state::Desk;
use crate::domain::self_service::kiosk_pin::{KioskLock, PinRecord, HASH_BYTES, MIN_ITERATIONS, SALT_BYTES};

/// Where the lock is mirrored for the other desks of this browser.
const MIRROR_KEY: &str = "tierdesk.kiosk";

#[derive(Clone, Debug, PartialEq)]
pub enum KioskState {
    /// Still reading the lock at start: nothing is drawn yet.
    Loading,
    Off,
    Locked(KioskLock),
    /// Locked, but staff entered the PIN on this page.
    Unlocked(KioskLock),
}

#[derive(Clone, Copy)]
pub struct Kiosk {
    pub state: RwSignal<KioskState>,
}

/// Mirrors "locked" for code without the reactive context (the global shortcuts).
static LOCKED: AtomicBool = AtomicBool::new(false);

/// Whether the global agent shortcuts must stay off.
pub fn shortcuts_off() -> bool {
    LOCKED.load(Ordering::Relaxed)
}

impl Kiosk {
    fn set(&self, s: KioskState) {
        LOCKED.store(matches!(s, KioskState::Locked(_) | KioskState::Loading), Ordering::Relaxed);
        self.state.set(s);
    }

    pub fn locked(&self) -> bool {
        matches!(self.state.get(), KioskState::Locked(_))
    }

    /// Kiosk mode is on (locked or unlocked by staff).
    pub fn active(&self) -> bool {
        matches!(self.state.get(), KioskState::Locked(_) | KioskState::Unlocked(_))
    }

    /// `active`, read outside the reactive graph (event handlers).
    pub fn active_untracked(&self) -> bool {
        matches!(self.state.get_untracked(), KioskState::Locked(_) | KioskState::Unlocked(_))
    }

    /// Locks again after staff unlocked.
    pub fn relock(&self) {
        if let KioskState::Unlocked(l) = self.state.get_untracked() {
            self.set(KioskState::Locked(l));
        }
    }
}

/// Reads the lock and provides the kiosk context. Call once, before the first route is drawn.
pub fn start(desk: Desk) -> Kiosk {
    let kiosk = Kiosk { state: RwSignal::new(KioskState::Loading) };
    LOCKED.store(true, Ordering::Relaxed);
    provide_context(kiosk);
    leptos::task::spawn_local(async move {
        let stored: Option<KioskLock> = match desk.db().get_meta::<Option<KioskLock>>(KioskLock::META_KEY).await {
            Ok(v) => v.flatten(),
            // Unreadable: fail closed if the mirror says this browser is a kiosk.
            Err(_) => None,
        };
        match stored.or_else(read_mirror) {
            Some(lock) => kiosk.set(KioskState::Locked(lock)),
            None => kiosk.set(KioskState::Off),
        }
    });
    kiosk
}

pub fn use_kiosk() -> Kiosk {
    expect_context::<Kiosk>()
}

/// Whether the agent shell is drawn for `route`: the lock is known and open, and the route
/// is not a portal page (the portal has its own layout).
pub fn agent_screen(kiosk: Kiosk, route: &Route) -> bool {
    !matches!(route, Route::Portal(_)) && matches!(kiosk.state.get(), KioskState::Off | KioskState::Unlocked(_))
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn read_mirror() -> Option<KioskLock> {
    let json = storage()?.get_item(MIRROR_KEY).ok().flatten()?;
    // A mirror that does not parse still means "kiosk": lock with a record no PIN opens,
    // so the admin clears it by removing the site's data rather than anyone walking in.
    Some(serde_json::from_str(&json).unwrap_or(KioskLock {
        pin: PinRecord { algorithm: "unreadable".into(), salt: String::new(), iterations: 0, hash: String::new() },
        locked_by: String::new(),
    }))
}

fn js_err(what: &str, e: JsValue) -> String {
    let detail = e.as_string().or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string())).unwrap_or_default();
    format!("{what}: {detail}")
}

fn subtle() -> Result<(JsValue, JsValue), String> {
    let crypto = Reflect::get(&window(), &"crypto".into()).map_err(|e| js_err("window.crypto", e))?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|e| js_err("crypto.subtle", e))?;
    if crypto.is_undefined() || subtle.is_undefined() {
        return Err(t().no_crypto.to_string());
    }
    Ok((crypto, subtle))
}

fn method(obj: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(obj, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| t().no_crypto.to_string())
}

async fn promise(p: Result<JsValue, JsValue>, what: &str) -> Result<JsValue, String> {
    let p: Promise = p.map_err(|e| js_err(what, e))?.dyn_into().map_err(|e| js_err(what, e))?;
    JsFuture::from(p).await.map_err(|e| js_err(what, e))
}

/// 16 random bytes from the browser's cryptographic generator.
fn random_salt() -> Result<Vec<u8>, String> {
    let (crypto, _) = subtle()?;
    let buf = Uint8Array::new_with_length(SALT_BYTES as u32);
    method(&crypto, "getRandomValues")?.call1(&crypto, &buf).map_err(|e| js_err("getRandomValues", e))?;
    Ok(buf.to_vec())
}

/// PBKDF2-SHA256 of `pin` with `salt`, `HASH_BYTES` long, computed by WebCrypto.
async fn derive(pin: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, String> {
    let (_, subtle) = subtle()?;
    let key_data = Uint8Array::from(pin.as_bytes());
    let usages = Array::of1(&"deriveBits".into());
    let args = Array::of5(&"raw".into(), &key_data, &"PBKDF2".into(), &JsValue::FALSE, &usages);
    let key = promise(method(&subtle, "importKey")?.apply(&subtle, &args), "importKey").await?;
    let params = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&params, &k.into(), v).map(|_| ()).map_err(|e| js_err("PBKDF2 parameters", e));
    set("name", &"PBKDF2".into())?;
    set("hash", &"SHA-256".into())?;
    set("salt", &Uint8Array::from(salt))?;
    set("iterations", &JsValue::from(iterations))?;
    let bits = promise(
        method(&subtle, "deriveBits")?.call3(&subtle, &params, &key, &JsValue::from((HASH_BYTES * 8) as u32)),
        "deriveBits",
    )
    .await?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// Locks this browser with a new PIN (already checked by `check_new_pin`). Admins only.
pub async fn lock(desk: Desk, kiosk: Kiosk, pin: &str) -> Result<(), String> {
    let admin = desk.me_agent().filter(|a| a.admin).ok_or_else(|| t().admin_only.to_string())?;
    let salt = random_salt()?;
    let hash = derive(pin, &salt, MIN_ITERATIONS).await?;
    let record = KioskLock { pin: PinRecord::new(&salt, MIN_ITERATIONS, &hash), locked_by: admin.id };
    desk.db().set_meta(KioskLock::META_KEY, &Some(record.clone())).await.map_err(|e| e.to_string())?;
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&record)) {
        let _ = s.set_item(MIRROR_KEY, &json);
    }
    kiosk.set(KioskState::Locked(record));
    Ok(())
}

/// Checks a typed PIN. `Ok(false)` is a wrong PIN; `Err` says why it could not be checked.
pub async fn unlock(kiosk: Kiosk, pin: &str) -> Result<bool, String> {
    let KioskState::Locked(lock) = kiosk.state.get_untracked() else { return Ok(true) };
    let salt = lock.pin.salt_bytes().map_err(|e| (t().damaged)(&e))?;
    let derived = derive(pin, &salt, lock.pin.iterations).await?;
    if lock.pin.matches(&derived) {
        kiosk.set(KioskState::Unlocked(lock));
        Ok(true)
    } else {
        Ok(false)
    }
}

/// Ends kiosk mode: removes the PIN from this desk and the mirror. Admins only, unlocked.
pub async fn leave(desk: Desk, kiosk: Kiosk) -> Result<(), String> {
    if desk.me_agent().filter(|a| a.admin).is_none() {
        return Err(t().admin_only.to_string());
    }
    if matches!(kiosk.state.get_untracked(), KioskState::Locked(_)) {
        return Err(t().unlock_first.to_string());
    }
    desk.db().set_meta(KioskLock::META_KEY, &None::<KioskLock>).await.map_err(|e| e.to_string())?;
    if let Some(s) = storage() {
        let _ = s.remove_item(MIRROR_KEY);
    }
    kiosk.set(KioskState::Off);
    Ok(())
}

/// What the shell draws instead of the agent pages: nothing while the lock is read, else
/// the portal (or, for an agent route while locked, the PIN prompt).
#[component]
pub fn Gate(route: ReadSignal<Route>) -> impl IntoView {
    let kiosk = use_kiosk();
    let loading = Memo::new(move |_| kiosk.state.get() == KioskState::Loading);
    move || {
        if loading.get() {
            return view! { <div class="boot" role="status">{crate::ui::i18n::common().loading}</div> }.into_any();
        }
        view! { <super::pages::portal::PortalApp route=route/> }.into_any()
    }
}
