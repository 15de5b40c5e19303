//! How domain records become IndexedDB values and back.
//!
//! Records are stored as plain JS objects (the record's JSON, so they are readable in the
//! browser's developer tools) plus a few `ix_*` fields that exist only for indexes: IndexedDB
//! cannot sort RFC 3339 strings with varying fractions correctly, so times get epoch
//! milliseconds. serde ignores the extra fields on the way back.

use js_sys::{Reflect, JSON};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use super::error::{Result, StorageError};
use crate::domain::model::{Event, Ticket};
use crate::domain::queue::{RowSource, TicketRow};
use crate::domain::sla_snapshot::SlaSnapshot;

pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    let json = serde_json::to_string(value)
        .map_err(|e| StorageError::Browser(format!("could not encode a record: {e}")))?;
    Ok(JSON::parse(&json)?)
}

pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T> {
    let json: String = JSON::stringify(value)
        .map_err(|_| corrupt(what, "it cannot be read as JSON"))?
        .into();
    serde_json::from_str(&json).map_err(|e| corrupt(what, &e.to_string()))
}

/// Decodes a whole array in one pass (one stringify, one parse): much faster than per record.
pub fn vec_from_js<T: DeserializeOwned>(array: &JsValue, what: &str) -> Result<Vec<T>> {
    from_js(array, what)
}

pub fn corrupt(what: &str, message: &str) -> StorageError {
    StorageError::Corrupt {
        what: what.to_string(),
        message: message.to_string(),
    }
}

fn set(obj: &JsValue, key: &str, value: &JsValue) -> Result<()> {
    Reflect::set(obj, &JsValue::from_str(key), value)?;
    Ok(())
}

/// A ticket and, beside it, its SLA snapshot (derived from its history when it last changed;
/// see `domain::sla_snapshot`), so queues can show clocks without reading histories.
pub fn ticket_to_js(t: &Ticket, sla: Option<&SlaSnapshot>) -> Result<JsValue> {
    let obj = to_js(t)?;
    if let Some(sla) = sla {
        set(&obj, "ix_sla", &to_js(sla)?)?;
    }
    set(&obj, "ix_updated", &JsValue::from_f64(t.updated_at.timestamp_millis() as f64))?;
    set(&obj, "ix_open", &JsValue::from_f64(if t.status.is_open() { 1.0 } else { 0.0 }))?;
    Ok(obj)
}

pub fn event_to_js(e: &Event) -> Result<JsValue> {
    to_js(e)
}

/// A key/value record for the `settings` and `meta` stores.
pub fn keyed<T: Serialize>(key: &str, value: &T) -> Result<JsValue> {
    let obj = js_sys::Object::new();
    set(&obj, "key", &JsValue::from_str(key))?;
    set(&obj, "value", &to_js(value)?)?;
    Ok(obj.into())
}

pub fn keyed_value<T: DeserializeOwned>(record: &JsValue, key: &str) -> Result<T> {
    let value = Reflect::get(record, &JsValue::from_str("value"))?;
    from_js(&value, key)
}

/// Only the snapshot of a stored ticket record (serde skips the other fields).
#[derive(serde::Deserialize)]
struct StoredSla {
    #[serde(default)]
    ix_sla: Option<SlaSnapshot>,
}

/// Queue rows from an array of ticket records: one stringify, then two lean passes over the
/// text (the row's fields, then the snapshots). `#[serde(flatten)]` over the whole ticket was
/// several times slower, since it buffers every field of every record first.
pub fn rows_from_js(array: &JsValue) -> Result<Vec<TicketRow>> {
    let json: String = JSON::stringify(array)
        .map_err(|_| corrupt("tickets", "they cannot be read as JSON"))?
        .into();
    let rows: Vec<RowSource> = serde_json::from_str(&json).map_err(|e| corrupt("tickets", &e.to_string()))?;
    let slas: Vec<StoredSla> = serde_json::from_str(&json).map_err(|e| corrupt("tickets", &e.to_string()))?;
    Ok(rows.into_iter().zip(slas).map(|(r, s)| TicketRow::from_source(r, s.ix_sla)).collect())
}
