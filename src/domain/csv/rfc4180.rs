//! RFC 4180 CSV, written strictly and read leniently.
//!
//! The writer quotes a field only when it must (and also when it holds `;` or a tab, so that a
//! reader guessing the separator never mistakes our files for semicolon files), ends records
//! with CRLF and may start the file with a UTF-8 byte order mark, which Excel needs to read
//! UTF-8. The reader accepts what spreadsheets write: LF, CRLF or CR line ends, a byte order
//! mark, `,` `;` or tab separators, quoted fields with line breaks and doubled quotes. A quote
//! inside an unquoted field, or text after a closing quote, is kept as written (as Excel does).
//! The only syntax error is a quoted field that never ends; rows whose field count differs
//! from the header are reported by [`Table::ragged`].

/// The byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one.
pub const BOM: char = '\u{feff}';

/// Something wrong with the CSV text itself, at a line of the file (1 = the first line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// One record: the line of the file it starts on, and its fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A CSV file whose first record names the columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Record>,
}

impl Table {
    /// Rows whose number of fields differs from the header's, one error each.
    pub fn ragged(&self) -> Vec<CsvError> {
        let want = self.headers.len();
        self.rows
            .iter()
            .filter(|r| r.fields.len() != want)
            .map(|r| CsvError {
                line: r.line,
                message: format!(
                    "this row has {} field{}; the header row has {want}",
                    r.fields.len(),
                    if r.fields.len() == 1 { "" } else { "s" }
                ),
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

fn needs_quotes(field: &str) -> bool {
    field.starts_with(BOM)
        || field
            .chars()
            .any(|c| matches!(c, ',' | '"' | '\r' | '\n' | ';' | '\t'))
}

/// Appends one field, quoted if needed.
pub fn write_field(out: &mut String, field: &str) {
    if needs_quotes(field) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one record and its CRLF. A record of one empty field is written `""`, because an
/// empty line is skipped when reading.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    if let [only] = fields {
        if only.as_ref().is_empty() {
            out.push_str("\"\"\r\n");
            return;
        }
    }
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

/// A whole file. Records need at least one field each (a record of none cannot be written).
pub fn write_records<S: AsRef<str>>(records: &[Vec<S>], bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push(BOM);
    }
    for r in records {
        write_record(&mut out, r);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Guesses the separator from the first record: `,` unless that record has no comma outside
/// quotes but has semicolons (European Excel, osTicket in some locales) or tabs.
pub fn sniff_delimiter(text: &str) -> char {
    let (mut commas, mut semis, mut tabs, mut quoted) = (0, 0, 0, false);
    for c in text.strip_prefix(BOM).unwrap_or(text).chars() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            ',' => commas += 1,
            ';' => semis += 1,
            '\t' => tabs += 1,
            '\n' | '\r' => break,
            _ => {}
        }
    }
    if commas > 0 {
        ','
    } else if semis > 0 && semis >= tabs {
        ';'
    } else if tabs > 0 {
        '\t'
    } else {
        ','
    }
}

/// Every record of `text` split on `delimiter`. Empty lines are skipped. Fails only on a quoted
/// field that is never closed, naming the line where it opened.
pub fn read_records(text: &str, delimiter: char) -> Result<Vec<Record>, CsvError> {
    records_from(text.strip_prefix(BOM).unwrap_or(text), delimiter, 1)
}

/// Excel's optional first line `sep=;` names the separator: the separator and the rest.
fn sep_line(text: &str) -> Option<(char, &str)> {
    let head = text.get(..4)?;
    if !head.eq_ignore_ascii_case("sep=") {
        return None;
    }
    let mut rest = text[4..].chars();
    let sep = rest.next()?;
    let rest = rest.as_str();
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'))
        .or_else(|| rest.is_empty().then_some(""))?;
    Some((sep, rest))
}

/// [`read_records`] of text whose first line is line `first_line` of the file.
fn records_from(text: &str, delimiter: char, first_line: usize) -> Result<Vec<Record>, CsvError> {
    let mut records = vec![];
    let mut fields: Vec<String> = vec![];
    let mut field = String::new();
    let mut line = first_line;
    let mut record_line = first_line;
    // Nothing of the current record read yet: an end of line here is an empty line.
    let mut empty = true;
    // Nothing of the current field read yet: a quote here opens a quoted field.
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if empty {
            record_line = line;
        }
        match c {
            '"' if field_start => {
                empty = false;
                field_start = false;
                let opened = line;
                loop {
                    match chars.next() {
                        None => {
                            return Err(CsvError {
                                line: opened,
                                message: "a quoted field starts here and is never closed (a \" is missing)".into(),
                            })
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                                line += 1;
                            }
                            field.push(c);
                        }
                    }
                }
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                if !empty {
                    fields.push(std::mem::take(&mut field));
                    records.push(Record {
                        line: record_line,
                        fields: std::mem::take(&mut fields),
                    });
                }
                empty = true;
                field_start = true;
            }
            _ if c == delimiter => {
                empty = false;
                fields.push(std::mem::take(&mut field));
                field_start = true;
            }
            _ => {
                empty = false;
                field_start = false;
                field.push(c);
            }
        }
    }
    if !empty {
        fields.push(field);
        records.push(Record {
            line: record_line,
            fields,
        });
    }
    Ok(records)
}

/// A table with the separator named by a `sep=` first line (as Excel may write) or guessed
/// by [`sniff_delimiter`]; the first record is the header.
pub fn read_table(text: &str) -> Result<Table, CsvError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let records = match sep_line(text) {
        Some((sep, rest)) => records_from(rest, sep, 2)?,
        None => records_from(text, sniff_delimiter(text), 1)?,
    };
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(CsvError {
            line: 1,
            message: "the file is empty; a CSV file starts with a row of column names".into(),
        });
    };
    Ok(Table {
        headers: header.fields,
        rows: records.collect(),
    })
}

/// [`read_table`], and every row must have as many fields as the header.
pub fn read_table_strict(text: &str) -> Result<Table, Vec<CsvError>> {
    let table = read_table(text).map_err(|e| vec![e])?;
    let ragged = table.ragged();
    if ragged.is_empty() {
        Ok(table)
    } else {
        Err(ragged)
    }
}

// ---------------------------------------------------------------------------------------------
// Bytes to text

/// Windows-1252 characters for bytes 0x80..=0x9F (the rest of the code page is Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The text of a CSV file. UTF-8 (with or without a byte order mark) and UTF-16 with a byte
/// order mark (Excel's "Unicode text") are read as such; anything else is read as
/// Windows-1252, which is what Excel on Windows writes as "CSV", and a note says so.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (s.to_string(), None);
        }
    }
    for (bom, little) in [(b"\xFF\xFE", true), (b"\xFE\xFF", false)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let units = rest.chunks(2).map(|p| match (p, little) {
                ([a, b], true) => u16::from_le_bytes([*a, *b]),
                ([a, b], false) => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            });
            let text = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            return (text, None);
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            let text = bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
                    _ => b as char,
                })
                .collect();
            let note = format!(
                "the file is not UTF-8 (first bad byte on line {line}); it was read as Windows-1252, as Excel writes it"
            );
            (text, Some(note))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| s.to_string()).collect()
    }

    fn fields(text: &str) -> Vec<Vec<String>> {
        read_records(text, ',')
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn writer_quotes_only_what_needs_it_and_ends_lines_with_crlf() {
        let out = write_records(
            &[
                rec(&["id", "subject"]),
                rec(&["1", "Printer, 3rd floor"]),
                rec(&["2", "He said \"hi\""]),
                rec(&["3", "two\nlines"]),
                rec(&["4", "semi;colon"]),
                rec(&["5", "plain text"]),
            ],
            false,
        );
        assert_eq!(
            out,
            "id,subject\r\n1,\"Printer, 3rd floor\"\r\n2,\"He said \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,\"semi;colon\"\r\n5,plain text\r\n"
        );
        assert!(write_records(&[rec(&["a"])], true).starts_with('\u{feff}'));
        assert_eq!(write_records(&[rec(&[""])], false), "\"\"\r\n");
        assert_eq!(write_records(&[rec(&["", ""])], false), ",\r\n");
    }

    #[test]
    fn reader_takes_lf_crlf_cr_bom_and_quoted_line_breaks() {
        let text = "\u{feff}a,b\r\n1,\"x\r\ny\"\n2,\"say \"\"no\"\"\"\r3,\n";
        let recs = read_records(text, ',').unwrap();
        assert_eq!(
            recs.iter().map(|r| r.fields.clone()).collect::<Vec<_>>(),
            vec![
                rec(&["a", "b"]),
                rec(&["1", "x\r\ny"]),
                rec(&["2", "say \"no\""]),
                rec(&["3", ""])
            ]
        );
        // Line numbers count physical lines; the quoted field spans lines 2 and 3.
        assert_eq!(recs.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 4, 5]);
    }

    #[test]
    fn empty_lines_are_skipped_but_a_quoted_empty_field_is_a_record() {
        assert_eq!(fields("a\n\n\nb\n"), vec![rec(&["a"]), rec(&["b"])]);
        assert_eq!(fields("a\n\"\"\n"), vec![rec(&["a"]), rec(&[""])]);
        assert_eq!(fields(""), Vec::<Vec<String>>::new());
        assert_eq!(fields(",\n"), vec![rec(&["", ""])]);
    }

    #[test]
    fn stray_quotes_are_kept_as_written() {
        assert_eq!(fields("ab\"c,\"q\"x\n"), vec![rec(&["ab\"c", "qx"])]);
    }

    #[test]
    fn unterminated_quote_names_the_line_it_opened_on() {
        let err = read_records("a,b\n1,2\n3,\"oops\n4,5\n", ',').unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("never closed"), "{err}");
        assert_eq!(err.to_string().split(':').next(), Some("line 3"));
    }

    #[test]
    fn ragged_rows_are_reported_with_their_lines() {
        let t = read_table("a,b,c\n1,2,3\n4,5\n\"6\n\",7,8,9\n").unwrap();
        assert_eq!(t.rows.len(), 3);
        let errs = t.ragged();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[0].message, "this row has 2 fields; the header row has 3");
        assert_eq!(errs[1].line, 4);
        assert!(read_table_strict("a,b\n1\n").is_err());
        assert_eq!(read_table_strict("a,b\n1,2\n").unwrap().rows.len(), 1);
    }

    #[test]
    fn separator_is_guessed_from_the_header() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), ';');
        assert_eq!(sniff_delimiter("a\tb\n"), '\t');
        assert_eq!(sniff_delimiter("\"x;y\",b\n"), ',');
        assert_eq!(sniff_delimiter("\"x;y\"\n"), ',');
        assert_eq!(sniff_delimiter("single\n"), ',');
        let t = read_table("Ticket Number;Subject\n7;\"a;b\"\n").unwrap();
        assert_eq!(t.headers, rec(&["Ticket Number", "Subject"]));
        assert_eq!(t.rows[0].fields, rec(&["7", "a;b"]));
    }

    #[test]
    fn an_excel_sep_line_names_the_separator_and_counts_as_a_line() {
        let t = read_table("sep=;\r\na;b\r\n1,5;2\r\n").unwrap();
        assert_eq!(t.headers, rec(&["a", "b"]));
        assert_eq!(t.rows[0].fields, rec(&["1,5", "2"]));
        assert_eq!((t.rows[0].line), 3);
        let err = read_table("sep=,\na,b\n\"x\n").unwrap_err();
        assert_eq!(err.line, 3);
        // Only a line of its own: "sep=x" followed by more text is an ordinary header.
        assert_eq!(read_table("sep=;x,y\n").unwrap().headers, rec(&["sep=;x", "y"]));
    }

    #[test]
    fn empty_file_has_no_header() {
        assert!(read_table("").unwrap_err().message.contains("empty"));
        assert!(read_table("\u{feff}\r\n\r\n").is_err());
    }

    #[test]
    fn decode_handles_utf8_bom_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,\xC3\xA9"), ("a,é".to_string(), None));
        assert_eq!(decode("a,b".as_bytes()), ("a,b".to_string(), None));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\tö".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).0, "a\tö");
        let (text, note) = decode(b"x\ncaf\xE9 \x80\n");
        assert_eq!(text, "x\ncafé €\n");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xE9").0, "café");
        assert!(note.unwrap().contains("line 2"));
    }
}
