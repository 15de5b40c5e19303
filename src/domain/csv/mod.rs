//! CSV in and out: tickets as a spreadsheet, and tickets from other help desks' CSV exports.
//!
//! - `rfc4180`: the CSV reader and writer (own code, RFC 4180 plus what spreadsheets write).
//! - `export`: [`tickets_csv`], one row per ticket, with a formula-injection guard.
//! - `layouts`: Zendesk, Freshdesk, osTicket and our own export: headers and value maps.
//! - `dates`: the date formats those exports use.
//! - `import` (with `rows` and `build`): mapping preview and import into tickets with
//!   histories. See docs/csv.md for the columns.

mod build;
mod dates;
mod export;
mod import;
mod layouts;
mod rfc4180;
mod rows;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use dates::{detect_order, parse_time, DateOrder};
pub use export::{
    guard_formula, tickets_csv, tickets_csv_with_events, unguard_formula, CsvOptions,
    EXPORT_HEADERS,
};
pub use import::{
    import, preview, ImportOptions, ImportResult, OnProblem, PreviewCell, PreviewRow,
    UnknownAgents,
};
pub use layouts::{
    default_mapping, detect_layout, header_key, headers, parse_channel, parse_csat,
    parse_priority, parse_status, parse_tier, split_tags, Field, Layout, Mapping,
};
pub use rfc4180::{
    decode, read_records, read_table, read_table_strict, sniff_delimiter, write_field,
    write_record, write_records, CsvError, Record, Table, BOM,
};

/// A CSV file's bytes as a table: decoded (see [`decode`]; the note says when the file was
/// not UTF-8), separator guessed, first row the header. Fails only when the text is not CSV
/// (a quote never closed) or there is no header row.
pub fn read_bytes(bytes: &[u8]) -> Result<(Table, Option<String>), CsvError> {
    let (text, note) = decode(bytes);
    read_table(&text).map(|t| (t, note))
}
