//! Texts of the backup page in each language (a missing one does not build). The three
//! languages are in `texts/`; texts with numbers are functions so word order stays right.

use crate::domain::backup::Counts;
use crate::domain::csv::Field;
use crate::ui::i18n::lang;

mod de;
mod en;
mod zh;

pub struct Texts {
    /// In the main navigation.
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub cancel: &'static str,
    pub problem_count: fn(usize) -> String,
    pub problems_label: &'static str,
    pub nothing_changed: &'static str,
    // Export
    pub export_title: &'static str,
    pub export_intro: &'static str,
    pub passphrase_optional: &'static str,
    pub passphrase_again: &'static str,
    pub passphrases_differ: &'static str,
    pub passphrase_hint: &'static str,
    pub export_button: &'static str,
    pub export_progress: &'static str,
    pub cancel_export_note: &'static str,
    pub reading_desk: &'static str,
    pub reading_tickets: fn(usize, usize) -> String,
    pub encrypting: &'static str,
    pub crypto_unavailable: &'static str,
    pub exported: fn(&Counts, &str, bool) -> String,
    pub export_cancelled: &'static str,
    pub export_failed: fn(&str) -> String,
    // CSV export
    pub csv_export_title: &'static str,
    pub csv_export_intro: &'static str,
    pub view: &'static str,
    pub bom: &'static str,
    pub csv_export_button: &'static str,
    pub csv_selected: fn(usize) -> String,
    pub csv_exported: fn(usize, &str) -> String,
    // Import
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub choose_backup: &'static str,
    pub drop_hint: fn(&str) -> String,
    pub import_progress: &'static str,
    pub cancel_read_note: &'static str,
    pub cancel_write_note: &'static str,
    pub reading_file: fn(&str) -> String,
    pub too_big: fn(&str, &str) -> String,
    pub unreadable: fn(&str) -> String,
    pub checking_file: &'static str,
    pub comparing: &'static str,
    pub writing: &'static str,
    pub writing_records: fn(usize, usize) -> String,
    pub file_has_problems: fn(&str) -> String,
    pub encrypted_file: fn(&str) -> String,
    pub passphrase: &'static str,
    pub unlock: &'static str,
    pub decrypting: &'static str,
    pub wrong_passphrase: &'static str,
    pub preview_title: fn(&str) -> String,
    pub exported_at: fn(&str) -> String,
    pub in_file: fn(usize, usize, usize, usize) -> String,
    pub on_desk: fn(usize, usize, usize) -> String,
    pub if_merged: &'static str,
    pub will_add: &'static str,
    pub will_update: &'static str,
    pub unchanged: &'static str,
    pub new_events: &'static str,
    pub tickets_articles_settings: fn(usize, usize, usize) -> String,
    pub tickets_articles: fn(usize, usize) -> String,
    pub conflicts: fn(usize) -> String,
    pub conflicts_label: &'static str,
    pub renumbered: &'static str,
    pub how_to_import: &'static str,
    pub merge: &'static str,
    pub merge_hint: &'static str,
    pub replace: &'static str,
    pub replace_hint: fn(usize) -> String,
    pub replace_confirm: &'static str,
    pub merge_button: &'static str,
    pub replace_button: &'static str,
    pub discard: &'static str,
    pub desk_changed: &'static str,
    pub replaced: fn(usize, usize) -> String,
    pub merged: fn(usize, usize, usize) -> String,
    pub import_cancelled: &'static str,
    pub import_failed: fn(&str) -> String,
    // CSV import
    pub csv_import_title: &'static str,
    pub csv_import_intro: &'static str,
    pub choose_csv: &'static str,
    pub csv_unreadable: fn(&str) -> String,
    pub csv_loaded: fn(&str, usize) -> String,
    pub layout: &'static str,
    pub detected: fn(&str) -> String,
    pub not_detected: &'static str,
    pub mapping_caption: &'static str,
    pub field: &'static str,
    pub column: &'static str,
    pub not_imported: &'static str,
    pub time_zone: &'static str,
    pub unknown_agents: &'static str,
    pub unknown_create: &'static str,
    pub unknown_unassign: &'static str,
    pub preview_caption: &'static str,
    pub row: &'static str,
    pub problems: &'static str,
    pub rows_skipped: fn(usize) -> String,
    pub mapping_unusable: &'static str,
    pub import_n_tickets: fn(usize) -> String,
    pub csv_imported: fn(usize, usize, &str) -> String,
    /// Our ticket fields, in `Field::ALL` order.
    pub fields: [&'static str; 19],
}

pub fn t() -> &'static Texts {
    lang().pick(&en::EN, &de::DE, &zh::ZH)
}

/// A ticket field's name in the page's language.
pub fn field_label(f: Field) -> &'static str {
    let i = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
    t().fields[i]
}

/// A count with the language's digit grouping.
fn n(x: usize) -> String {
    crate::ui::format::number(x as f64, 0)
}
