//! The portal's activity log (`domain::portal::PortalEvent`): appended by the portal, read by
//! reports for a time window.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

use super::error::Result;
use super::records::{to_js, vec_from_js};
use super::schema::{ix, PORTAL_EVENTS};
use super::Db;
use crate::domain::model::Time;
use crate::domain::portal::PortalEvent;

fn millis(t: Time) -> JsValue {
    JsValue::from_f64(t.timestamp_millis() as f64)
}

impl Db {
    /// Appends one portal event (its own transaction).
    pub async fn add_portal_event(&self, event: &PortalEvent) -> Result<()> {
        self.add_portal_events(std::slice::from_ref(event)).await
    }

    /// Appends several portal events in one transaction (a visit's events flushed together).
    pub async fn add_portal_events(&self, events: &[PortalEvent]) -> Result<()> {
        let values = events
            .iter()
            .map(|e| {
                let obj = to_js(e)?;
                Reflect::set(&obj, &JsValue::from_str("ix_at"), &millis(e.at))?;
                Ok(obj)
            })
            .collect::<Result<Vec<_>>>()?;
        let tx = self.raw().transaction(PORTAL_EVENTS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(PORTAL_EVENTS)?;
        for v in values {
            store.add(v).primitive()?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Portal events with `from <= at < to`, oldest first (then in the order they were added).
    pub async fn portal_events_between(&self, from: Time, to: Time) -> Result<Vec<PortalEvent>> {
        if to <= from {
            return Ok(vec![]);
        }
        let tx = self.raw().transaction(PORTAL_EVENTS).build()?;
        let store = tx.object_store(PORTAL_EVENTS)?;
        let index = store.index(ix::PORTAL_AT)?;
        let list = index
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(KeyRange::Bound(millis(from), false, millis(to), true))
            .primitive()?
            .await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        vec_from_js(&array.into(), "portal events")
    }
}
