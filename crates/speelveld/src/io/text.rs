//! Text input shared by every table reader: decoding bytes (UTF-8, UTF-8 with a byte-order
//! mark, UTF-16 with a byte-order mark, Windows-1252 as CBS downloads often are), sniffing the
//! delimiter (`,` `;` tab) from the header line, reading a delimited table with the line of
//! every row, and finding columns by header aliases.
//!
//! # Examples
//! ```
//! use speelveld::io::text::{decode, read_table};
//! // "Súdwest-Fryslân" in Windows-1252, semicolon-separated, as Excel writes it.
//! let bytes = b"Gemeentecode;Gemeentenaam\nGM1900;S\xfadwest-Frysl\xe2n\n";
//! let text = decode("gemeenten.csv", bytes).unwrap();
//! let t = read_table("gemeenten.csv", &text).unwrap();
//! assert_eq!(t.delimiter, b';');
//! let name = t.column("gemeentenaam", &["gemeente_naam", "naam"]).unwrap();
//! assert_eq!(t.rows[0].get(name), "Súdwest-Fryslân");
//! assert_eq!(t.rows[0].line, 2);
//! ```

use std::path::Path;

use crate::error::Error;

pub use crate::io::format::MAX_INPUT_BYTES;

/// The most data rows speelveld reads from one table: 2,000,000. Memory follows rows more
/// than bytes (a row of two short cells costs about 200 bytes held as fields, members and
/// unresolved rows), so a file of many short rows is refused by its row count as well, with
/// [`Error::TooManyRows`]. The largest real tables (all 6-position postcodes) have about
/// 500,000 rows.
pub const MAX_ROWS: usize = 2_000_000;

/// Reads a file and decodes it with [`decode`]. Errors name the file; a file larger than
/// [`MAX_INPUT_BYTES`] is refused before it is read ([`Error::TooLarge`]).
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = crate::io::format::read_bytes(path)?;
    decode(&path.display().to_string(), &bytes)
}

/// Decodes the bytes of a text file.
///
/// - a UTF-8 byte-order mark is removed; UTF-16 (LE/BE) with a byte-order mark is decoded;
/// - valid UTF-8 is taken as it is;
/// - otherwise, when the bytes hold no valid multi-byte UTF-8 sequence, they are read as
///   Windows-1252 (the encoding of many CBS and Excel downloads);
/// - bytes that are neither are an [`Error::Encoding`] naming the file and the line of the
///   first bad byte: a NUL byte (a binary file), a byte that Windows-1252 leaves undefined
///   (0x81, 0x8D, 0x8F, 0x90, 0x9D), or invalid UTF-8 in a file that also holds valid UTF-8
///   (mixed encodings: guessing would corrupt names).
///
/// # Examples
/// ```
/// use speelveld::io::text::decode;
/// assert_eq!(decode("a.csv", "\u{feff}naam\nÉén\n".as_bytes()).unwrap(), "naam\nÉén\n");
/// assert_eq!(decode("a.csv", b"naam\n\xc9\xe9n\n").unwrap(), "naam\nÉén\n");
/// let e = decode("a.csv", b"naam\nA\x00B\n").unwrap_err().to_string();
/// assert!(e.starts_with("a.csv: line 2:"), "{e}");
/// ```
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Error> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if enc == encoding_rs::UTF_8 {
            return utf8_or_1252(path, body);
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            let line = text.find('\u{fffd}').map_or(1, |i| line_of_char(&text, i));
            return Err(Error::Encoding {
                path: path.into(),
                line,
                message: format!(
                    "invalid {} text; expected a UTF-8 or Windows-1252 text file",
                    enc.name()
                ),
            });
        }
        return check_nul(path, text.into_owned());
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return check_nul(path, text.into_owned());
        }
    }
    utf8_or_1252(path, bytes)
}

/// UTF-16 without a byte-order mark (as some Windows tools save "Unicode text"): most
/// characters of a Dutch table are ASCII, so every other byte is NUL. The encoding when
/// at least 90 % of the even (UTF-16BE) or odd (UTF-16LE) bytes of the first 4 KiB are NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(4096))?;
    if head.len() < 4 || head.len() % 2 != 0 && head.len() == bytes.len() {
        return None;
    }
    let pairs = head.len() / 2;
    let nul_at = |k: usize| {
        head.iter()
            .skip(k)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn utf8_or_1252(path: &str, bytes: &[u8]) -> Result<String, Error> {
    match std::str::from_utf8(bytes) {
        Ok(s) => check_nul(path, s.to_string()),
        Err(e) => {
            let bad = e.valid_up_to();
            if has_multibyte_utf8(bytes) {
                return Err(Error::Encoding {
                    path: path.into(),
                    line: line_of_byte(bytes, bad),
                    message: format!(
                        "byte 0x{:02X} is not valid UTF-8, but the file also holds UTF-8 text; \
                         expected one encoding (UTF-8 or Windows-1252) for the whole file",
                        bytes.get(bad).copied().unwrap_or_default()
                    ),
                });
            }
            if let Some(pos) = bytes
                .iter()
                .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(Error::Encoding {
                    path: path.into(),
                    line: line_of_byte(bytes, pos),
                    message: format!(
                        "byte 0x{:02X} is neither UTF-8 nor Windows-1252; expected a UTF-8 or Windows-1252 text file",
                        bytes.get(pos).copied().unwrap_or_default()
                    ),
                });
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            check_nul(path, text.into_owned())
        }
    }
}

fn check_nul(path: &str, text: String) -> Result<String, Error> {
    match text.find('\0') {
        Some(i) => Err(Error::Encoding {
            path: path.into(),
            line: line_of_char(&text, i),
            message: "a NUL byte: this looks like a binary file; expected a text file (CSV)".into(),
        }),
        None => Ok(text),
    }
}

/// True when the bytes hold at least one well-formed multi-byte UTF-8 sequence.
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        if bytes
            .get(i..i + len)
            .is_some_and(|seq| std::str::from_utf8(seq).is_ok())
        {
            return true;
        }
        i += 1;
    }
    false
}

fn line_of_byte(bytes: &[u8], pos: usize) -> usize {
    1 + bytes.iter().take(pos).filter(|&&b| b == b'\n').count()
}

fn line_of_char(text: &str, byte_pos: usize) -> usize {
    1 + text.get(..byte_pos).map_or(0, |s| s.matches('\n').count())
}

/// Chooses the delimiter of a table from its header line: the most frequent of `,`, `;` and
/// tab outside double quotes; a comma when there is none (a one-column table) or on a tie.
///
/// # Examples
/// ```
/// use speelveld::io::text::sniff_delimiter;
/// assert_eq!(sniff_delimiter("gemeentecode;regiocode;\"naam, lang\""), b';');
/// assert_eq!(sniff_delimiter("code\tnaam"), b'\t');
/// assert_eq!(sniff_delimiter("code"), b',');
/// ```
pub fn sniff_delimiter(header_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [c, s, t] = counts;
    if s > c && s >= t {
        b';'
    } else if t > c && t > s {
        b'\t'
    } else {
        b','
    }
}

/// A header normalised for comparison: lowercase, without spaces, underscores, hyphens and
/// dots (`GM code`, `gm_code` and `GM-Code` all become `gmcode`).
///
/// # Examples
/// ```
/// assert_eq!(speelveld::io::text::normalise_header(" GM_Code "), "gmcode");
/// ```
pub fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The position of the first header that matches any of the aliases (compared with
/// [`normalise_header`]); aliases are tried in order, so put the preferred name first.
///
/// # Examples
/// ```
/// use speelveld::io::text::find_column;
/// let h = ["Regiocode", "GM code"];
/// assert_eq!(find_column(&h, &["gemeentecode", "gm_code"]), Some(1));
/// assert_eq!(find_column(&h, &["aandeel"]), None);
/// ```
pub fn find_column<S: AsRef<str>>(headers: &[S], aliases: &[&str]) -> Option<usize> {
    let norm: Vec<String> = headers
        .iter()
        .map(|h| normalise_header(h.as_ref()))
        .collect();
    aliases.iter().find_map(|a| {
        let a = normalise_header(a);
        norm.iter().position(|h| *h == a)
    })
}

/// One data row of a [`DelimitedTable`], with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The 1-based line of the row in the file (the header is line 1).
    pub line: usize,
    /// The fields, trimmed.
    pub fields: Vec<String>,
}

impl TableRow {
    /// The field at a column, or `""` when the row is shorter.
    pub fn get(&self, column: usize) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }
}

/// A delimited text table: header, sniffed delimiter and rows with their lines.
#[derive(Debug, Clone)]
pub struct DelimitedTable {
    /// The file, as named in errors.
    pub path: String,
    /// The delimiter found on the header line.
    pub delimiter: u8,
    /// The header fields, trimmed.
    pub headers: Vec<String>,
    /// The data rows (blank lines skipped).
    pub rows: Vec<TableRow>,
}

impl DelimitedTable {
    /// The column matching `name` or one of the aliases, or an [`Error::MissingColumn`] that
    /// names the file, the expected names and the header found.
    pub fn column(&self, name: &str, aliases: &[&str]) -> Result<usize, Error> {
        self.optional_column(name, aliases)
            .ok_or_else(|| Error::MissingColumn {
                path: self.path.clone(),
                expected: if aliases.is_empty() {
                    format!("'{name}'")
                } else {
                    format!("'{name}' (or {})", aliases.join(", "))
                },
                found: self.header_text(),
            })
    }

    /// The column matching `name` or an alias, if there is one.
    pub fn optional_column(&self, name: &str, aliases: &[&str]) -> Option<usize> {
        let mut all = vec![name];
        all.extend_from_slice(aliases);
        find_column(&self.headers, &all)
    }

    /// The header as read, joined with the delimiter shown as text.
    pub fn header_text(&self) -> String {
        let text = self.headers.join(match self.delimiter {
            b';' => ";",
            b'\t' => "<tab>",
            _ => ",",
        });
        // A header of thousands of characters (a file without line breaks) would bury the
        // message: show its start and its length.
        const MAX: usize = 200;
        match text.char_indices().nth(MAX) {
            Some((cut, _)) => format!(
                "{}… ({} characters in all; is the file one long line?)",
                text.get(..cut).unwrap_or(""),
                text.chars().count()
            ),
            None => text,
        }
    }

    /// The delimiter as a word for messages (`','`, `';'`, `tab`).
    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            b';' => "';'",
            b'\t' => "tab",
            _ => "','",
        }
    }
}

/// Reads a delimited table from decoded text. The delimiter is sniffed from the header line.
/// A row with another number of fields than the header is an error naming its line (this is
/// how a wrong delimiter in the data shows up); a file without a header is [`Error::Empty`].
/// Rows may be missing (a header-only table reads as zero rows; readers decide if that is bad).
pub fn read_table(path: &str, text: &str) -> Result<DelimitedTable, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Line ends of a lone CR (old Mac Excel "CSV (Macintosh)") end records for the csv crate
    // but not for line counting: make every line end a LF so rows get their true lines.
    let lf_only;
    let text = if text.contains('\r') {
        lf_only = text.replace("\r\n", "\n").replace('\r', "\n");
        lf_only.as_str()
    } else {
        text
    };
    // Excel's `sep=;` first line names the delimiter; the table starts on the next line
    // (blanked here, so that every row keeps its line number).
    let sep_line = text
        .lines()
        .next()
        .map(str::trim)
        .and_then(|l| l.strip_prefix("sep=").or_else(|| l.strip_prefix("SEP=")))
        .and_then(|d| match d.trim_matches('"') {
            ";" => Some(b';'),
            "," => Some(b','),
            "\t" | "\\t" => Some(b'\t'),
            "|" => Some(b'|'),
            _ => None,
        });
    let without_sep;
    let text = match sep_line {
        Some(_) => {
            without_sep = text
                .split_once('\n')
                .map_or(String::new(), |(_, rest)| format!("\n{rest}"));
            without_sep.as_str()
        }
        None => text,
    };
    let first = text.lines().find(|l| !l.trim().is_empty());
    let Some(first) = first else {
        return Err(Error::Empty {
            path: path.into(),
            expected: "a header line and data rows".into(),
        });
    };
    let delimiter = sep_line.unwrap_or_else(|| sniff_delimiter(first));
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut header_line = 1;
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut cursor = (0usize, 1usize);
    loop {
        let more = rdr.read_record(&mut rec).map_err(|e| Error::Row {
            path: path.into(),
            line: e.position().map_or(0, |p| p.line() as usize),
            message: format!("cannot read the row ({e}); expected delimited text"),
        })?;
        if !more {
            break;
        }
        let pos = rec.position().map_or(0, |p| p.byte() as usize);
        let line = start_line(text, &mut cursor, pos);
        let fields: Vec<String> = rec.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        if fields.iter().any(|f| f.contains('\n')) && text.matches('"').count() % 2 == 1 {
            return Err(Error::Row {
                path: path.into(),
                line,
                message: "a quote opened on this line is never closed, so the rest of the file \
                          would be one field; expected a closing quote"
                    .into(),
            });
        }
        match &headers {
            None => {
                duplicate_headers(path, line, &fields)?;
                header_line = line;
                headers = Some(fields);
            }
            Some(h) => {
                if fields == *h {
                    return Err(Error::Row {
                        path: path.into(),
                        line,
                        message: format!(
                            "the header of line {header_line} repeats here (two files put one \
                             after another?); expected data rows"
                        ),
                    });
                }
                if fields.len() != h.len() {
                    let sep = match delimiter {
                        b';' => "';'",
                        b'\t' => "tab",
                        _ => "','",
                    };
                    return Err(Error::Row {
                        path: path.into(),
                        line,
                        message: format!(
                            "{} field(s); expected {} separated by {sep} like the header",
                            fields.len(),
                            h.len()
                        ),
                    });
                }
                if rows.len() >= MAX_ROWS {
                    return Err(Error::TooManyRows {
                        path: path.into(),
                        line,
                        limit: MAX_ROWS,
                    });
                }
                rows.push(TableRow { line, fields });
            }
        }
    }
    Ok(DelimitedTable {
        path: path.into(),
        delimiter,
        headers: headers.unwrap_or_default(),
        rows,
    })
}

/// Two columns with one name: which of them a reader took would be a guess.
pub(crate) fn duplicate_headers(path: &str, line: usize, headers: &[String]) -> Result<(), Error> {
    for (i, h) in headers.iter().enumerate() {
        let key = normalise_header(h);
        if key.is_empty() {
            continue;
        }
        if let Some(j) = headers
            .iter()
            .skip(i + 1)
            .position(|o| normalise_header(o) == key)
        {
            return Err(Error::Row {
                path: path.into(),
                line,
                message: format!(
                    "columns {} and {} are both named '{h}'; expected one column per name",
                    i + 1,
                    i + j + 2
                ),
            });
        }
    }
    Ok(())
}

/// The 1-based line where a record starting at byte `pos` has its first character (the csv
/// crate may place a record's start before the line break that ends the previous one).
/// `cursor` is the (byte, line) reached so far, so a whole file is scanned once.
fn start_line(text: &str, cursor: &mut (usize, usize), pos: usize) -> usize {
    let bytes = text.as_bytes();
    let (from, mut line) = *cursor;
    if pos < from {
        line = line_of_byte(bytes, pos);
    } else {
        line += bytes
            .get(from..pos)
            .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
    }
    *cursor = (pos, line);
    let mut i = pos;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        i += 1;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(p: &str) -> Vec<u8> {
        crate::io::fixtures::real_bytes(p)
    }

    #[test]
    fn real_utf8_table_reads_whole() {
        let text = decode("x.csv", &real("cbs/2015/gemeente_regions_spatial.csv")).unwrap();
        let t = read_table("x.csv", &text).unwrap();
        assert_eq!(t.delimiter, b',');
        assert_eq!(t.rows.len(), 393);
        let naam = t.column("statnaam", &[]).unwrap();
        assert!(t.rows.iter().any(|r| r.get(naam) == "Súdwest-Fryslân"));
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn encodings() {
        // UTF-8 with BOM.
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("code;naam\nGM1900;Súdwest-Fryslân\n".as_bytes());
        let t = read_table("b.csv", &decode("b.csv", &b).unwrap()).unwrap();
        assert_eq!(t.headers[0], "code");
        assert_eq!(t.rows[0].get(1), "Súdwest-Fryslân");
        // Windows-1252, including a 1252-only character (0x80 = €).
        let s = decode("w.csv", b"naam\n\x80 S\xfadwest-Frysl\xe2n\n").unwrap();
        assert_eq!(s, "naam\n€ Súdwest-Fryslân\n");
        // UTF-16 LE with BOM.
        let mut u16 = vec![0xFF, 0xFE];
        for c in "a,b\n1,2\n".encode_utf16() {
            u16.extend_from_slice(&c.to_le_bytes());
        }
        assert_eq!(decode("u.csv", &u16).unwrap(), "a,b\n1,2\n");
    }

    #[test]
    fn undecodable_bytes_name_file_and_line() {
        // Mixed: valid UTF-8 on line 2, a lone 1252 byte on line 3.
        let e = decode(
            "m.csv",
            "a\nú\n"
                .bytes()
                .chain(*b"\xfa\n")
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("m.csv: line 3:")
                && e.contains("0xFA")
                && e.contains("expected one encoding"),
            "{e}"
        );
        // A byte undefined in Windows-1252.
        let e = decode("u.csv", b"a\nb\n\x81c\n").unwrap_err().to_string();
        assert!(
            e.starts_with("u.csv: line 3:") && e.contains("0x81") && e.contains("neither"),
            "{e}"
        );
        // A binary file.
        let e = decode("z.csv", b"\x50\x4b\x03\x04\x00\x00")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("z.csv: line 1:") && e.contains("binary"),
            "{e}"
        );
    }

    #[test]
    fn sniffing_and_bad_rows() {
        assert_eq!(sniff_delimiter("a,b;c,d"), b',');
        assert_eq!(sniff_delimiter("a;b;c"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c"), b',');
        // Header with commas, a data row with semicolons: the row is named, nothing guessed.
        let e = read_table("d.csv", "unit,region\nGM0363,JZ13\nGM0014;JZ01\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("d.csv: line 3:")
                && e.contains("1 field(s); expected 2 separated by ','"),
            "{e}"
        );
        // Empty and blank files.
        for text in ["", "\n\n  \n"] {
            let e = read_table("e.csv", text).unwrap_err().to_string();
            assert!(e.contains("e.csv") && e.contains("empty"), "{e}");
        }
        // Header only: zero rows, not an error here.
        assert!(read_table("h.csv", "a,b\n").unwrap().rows.is_empty());
        // Blank lines are skipped; line numbers stay true.
        let t = read_table("l.csv", "a\tb\n\n1\t2\n").unwrap();
        assert_eq!((t.rows.len(), t.rows[0].line), (1, 3));
    }

    #[test]
    fn missing_column_names_file_and_aliases() {
        let t = read_table("c.csv", "gemeente;naam\nGM0363;Amsterdam\n").unwrap();
        let e = t.column("region", &["regiocode"]).unwrap_err().to_string();
        assert!(
            e.contains("c.csv: line 1: no 'region' (or regiocode) column")
                && e.contains("gemeente;naam"),
            "{e}"
        );
        assert_eq!(t.optional_column("Naam", &[]), Some(1));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        // A sparse 200 MB file: no disk space used, and nothing is read.
        let p = std::env::temp_dir().join(format!("speelveld-big-{}.csv", std::process::id()));
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(200_000_000).unwrap();
        let e = read_text(&p).unwrap_err().to_string();
        std::fs::remove_file(&p).unwrap();
        assert!(
            e.contains("speelveld-big-") && e.contains("191 MiB") && e.contains("at most 128 MiB"),
            "{e}"
        );
    }

    #[test]
    fn lone_cr_line_ends_give_true_lines() {
        // Regression (found by fuzzing): with CR-only line ends every row was "line 2" or
        // "line 1", so errors named the wrong line.
        let t = read_table("mac.csv", "code;naam\rGM0363;Amsterdam\rGM0014;Groningen\r").unwrap();
        assert_eq!(t.headers, ["code", "naam"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
        let e = read_table("mac.csv", "code;naam\rGM0363;Amsterdam\rGM0014\r")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("mac.csv: line 3: 1 field(s)"), "{e}");
        // The fuzzer's input: a header, then rows ended by CR and by LF.
        let t = read_table("f.csv", "ïode#na\u{13}m\neï¿l»\rt\nG").unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4]);
    }
}
