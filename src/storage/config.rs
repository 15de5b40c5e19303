//! Desk configuration and small metadata values.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use super::error::Result;
use super::records::{keyed, keyed_value};
use super::schema::{META, SETTINGS};
use super::Db;
use crate::domain::desk::DeskConfig;

const CONFIG_KEY: &str = "config";

impl Db {
    pub async fn load_config(&self) -> Result<Option<DeskConfig>> {
        self.get_keyed(SETTINGS, CONFIG_KEY).await
    }

    pub async fn save_config(&self, cfg: &DeskConfig) -> Result<()> {
        self.put_keyed(SETTINGS, CONFIG_KEY, cfg).await
    }

    pub async fn get_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        self.get_keyed(META, key).await
    }

    pub async fn set_meta<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.put_keyed(META, key, value).await
    }

    async fn get_keyed<T: DeserializeOwned>(&self, store: &str, key: &str) -> Result<Option<T>> {
        let tx = self.raw().transaction(store).build()?;
        let s = tx.object_store(store)?;
        let found: Option<JsValue> = s.get(key).primitive()?.await?;
        match found {
            Some(record) => Ok(Some(keyed_value(&record, key)?)),
            None => Ok(None),
        }
    }

    async fn put_keyed<T: Serialize>(&self, store: &str, key: &str, value: &T) -> Result<()> {
        let record = keyed(key, value)?;
        let tx = self
            .raw()
            .transaction(store)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(store)?.put(record).primitive()?;
        tx.commit().await?;
        Ok(())
    }
}
