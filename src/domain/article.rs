//! Knowledge-base articles (Tier 0 self-service and Tier 1 scripts).

use serde::{Deserialize, Serialize};

use super::model::Time;

/// Who may read an article.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Shown to requesters in the portal and kiosk.
    Public,
    /// Agents only.
    Internal,
    /// Work in progress; agents only, not suggested anywhere.
    #[default]
    Draft,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Public, Audience::Internal, Audience::Draft];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
            Audience::Draft => "draft",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub rev: u32,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Markdown. Rendered without raw HTML.
    #[serde(default)]
    pub body: String,
    /// Nested category as a path, e.g. "Hardware/Printers".
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub audience: Audience,
    /// BCP 47 language tag, e.g. "en", "de", "zh-CN".
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: String,
    pub created_at: Time,
    pub updated_at: Time,
    #[serde(default)]
    pub views: u64,
    #[serde(default)]
    pub helpful_yes: u64,
    #[serde(default)]
    pub helpful_no: u64,
}

fn default_language() -> String {
    "en".to_string()
}

/// An earlier version of an article, kept so it can be restored.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ArticleRevision {
    pub article: String,
    pub rev: u32,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub author: String,
    pub at: Time,
}
