//! When the database cannot be opened normally: read whatever each store still gives, as
//! plain JSON, so the user can save it before starting fresh.

use js_sys::{Array, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest};

use super::error::{Result, StorageError};
use super::schema::factory;

fn request(req: &IdbRequest) -> Promise {
    let req = req.clone();
    Promise::new(&mut |resolve, reject| {
        let ok = req.clone();
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = req.clone();
        let on_err = Closure::once_into_js(move || {
            let e: JsValue = err.error().ok().flatten().map(Into::into).unwrap_or(JsValue::from_str("read failed"));
            let _ = reject.call1(&JsValue::UNDEFINED, &e);
        });
        req.set_onsuccess(Some(on_ok.unchecked_ref()));
        req.set_onerror(Some(on_err.unchecked_ref()));
    })
}

/// Every readable store of database `name` as `{ "store": [records...] }` JSON text, plus the
/// names of stores that could not be read. Never creates or upgrades the database.
pub async fn dump(name: &str) -> Result<(String, Vec<String>)> {
    let open = factory()?.open(name).map_err(StorageError::from)?;
    // Opening without a version never upgrades; a database that does not exist comes back empty.
    let db: IdbDatabase = JsFuture::from(request(&open)).await.map_err(StorageError::from)?.unchecked_into();
    let out = Object::new();
    let mut failed = vec![];
    let names = db.object_store_names();
    for i in 0..names.length() {
        let Some(store) = names.get(i) else { continue };
        let read = async {
            let tx = db.transaction_with_str(&store).map_err(StorageError::from)?;
            let req = tx.object_store(&store).map_err(StorageError::from)?.get_all().map_err(StorageError::from)?;
            JsFuture::from(request(&req)).await.map_err(StorageError::from)
        };
        match read.await {
            Ok(records) => {
                let _ = Reflect::set(&out, &JsValue::from_str(&store), &records);
            }
            Err(_) => {
                failed.push(store.clone());
                let _ = Reflect::set(&out, &JsValue::from_str(&store), &Array::new());
            }
        }
    }
    db.close();
    let text = JSON::stringify(&out).map_err(StorageError::from)?.as_string().unwrap_or_default();
    Ok((text, failed))
}

/// Deletes the database (start fresh).
pub async fn delete(name: &str) -> Result<()> {
    let req = factory()?.delete_database(name).map_err(StorageError::from)?;
    JsFuture::from(request(&req)).await.map_err(StorageError::from)?;
    Ok(())
}
