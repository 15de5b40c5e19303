//! Languages: English, German and Chinese (Simplified).
//!
//! Each page keeps its texts in its own `texts.rs` as one struct with three constant values
//! (EN, DE, ZH). A text missing in one language is a missing struct field: the build fails,
//! so missing keys are caught at build time without a translation framework in the bundle.
//! Texts with numbers or names in them are `fn` fields, so word order and plurals stay right
//! in each language.
//!
//! The language is chosen once at start (saved choice, else the browser's languages); changing
//! it in settings reloads the page.

use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::Zh];

    /// BCP 47 tag, for `<html lang>`, Intl formatting and article languages.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the picker.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Zh => "中文（简体）",
        }
    }

    /// Reads a tag such as "de-AT" or "zh-Hans-CN"; other languages are `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Picks one of the three texts.
    pub fn pick<T>(self, en: T, de: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::De => de,
            Lang::Zh => zh,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language of this page.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::De,
        2 => Lang::Zh,
        _ => Lang::En,
    }
}

const STORAGE_KEY: &str = "tierdesk.lang";

/// Chooses the language at start: the saved choice, else the first browser language we have.
pub fn init() {
    let window = leptos::prelude::window();
    let saved = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|t| Lang::from_tag(&t));
    let browser = || {
        let nav = window.navigator();
        let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
        list.iter()
            .find_map(|t| Lang::from_tag(t))
            .or_else(|| nav.language().and_then(|t| Lang::from_tag(&t)))
    };
    set(saved.or_else(browser).unwrap_or(Lang::En));
}

fn set(l: Lang) {
    CURRENT.store(
        match l {
            Lang::En => 0,
            Lang::De => 1,
            Lang::Zh => 2,
        },
        Ordering::Relaxed,
    );
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("lang", l.tag());
    }
}

/// Saves a new choice and reloads so every text is drawn in it.
pub fn switch(l: Lang) {
    let window = leptos::prelude::window();
    if let Ok(Some(s)) = window.local_storage() {
        let _ = s.set_item(STORAGE_KEY, l.tag());
    }
    let _ = window.location().reload();
}

/// Texts shared by every page (buttons and words that recur).
pub struct Common {
    pub save: &'static str,
    pub cancel: &'static str,
    pub close: &'static str,
    pub delete: &'static str,
    pub loading: &'static str,
    pub nothing_saved: &'static str,
}

pub const COMMON_EN: Common = Common {
    save: "Save",
    cancel: "Cancel",
    close: "Close",
    delete: "Delete",
    loading: "Loading…",
    nothing_saved: "Nothing was saved.",
};

pub const COMMON_DE: Common = Common {
    save: "Speichern",
    cancel: "Abbrechen",
    close: "Schließen",
    delete: "Löschen",
    loading: "Wird geladen …",
    nothing_saved: "Es wurde nichts gespeichert.",
};

pub const COMMON_ZH: Common = Common {
    save: "保存",
    cancel: "取消",
    close: "关闭",
    delete: "删除",
    loading: "正在加载…",
    nothing_saved: "未保存任何内容。",
};

pub fn common() -> &'static Common {
    lang().pick(&COMMON_EN, &COMMON_DE, &COMMON_ZH)
}
