//! Spreadsheet workbooks (Excel `.xlsx`, Excel 97–2003 `.xls`, OpenDocument `.ods`) read as
//! tables: one sheet becomes the same [`DelimitedTable`] the CSV readers make, so every table
//! reader (membership, wide table, figures, the SWV table) reads workbooks unchanged.
//!
//! - **The sheet**: the one asked for by name (Excel compares sheet names without regard to
//!   case, and so does this), else the first sheet that holds data; when several hold data a
//!   note says which was taken. A sheet that is not there is an error that lists the sheets.
//! - **Cells as Excel typed them**: a number is written as a number, an integer-valued one
//!   without `.0` (`363`, so a gemeente code typed as a number reads as today's readers read
//!   `363`), others with a decimal point (`12.5`) whatever the locale that showed it; text
//!   is kept as typed, leading zeros too (`0363`), trimmed as CSV fields are; a date becomes
//!   an ISO date (`2025-01-01`, with the time when it has one); an empty cell is empty; an
//!   error cell is its text (`#N/A`), which a reader then names with its line.
//! - **The header** is the first row with data; rows above it with a single cell (a title,
//!   as CBS exports have) are skipped with a note when a later row holds more cells. Rows
//!   keep their sheet row number as their `line`, so messages read
//!   `FILE.xlsx#Sheet1: line 12: …`; the table's path is `FILE#SHEET`.
//! - A value right of the header's last column is an error naming its row and column (a
//!   value without a header would otherwise be lost).
//! - Limits as for text tables: at most [`MAX_ROWS`] data rows, at most
//!   [`MAX_COLUMNS`] columns and [`MAX_CELLS`] cells; an xlsx sheet is read cell by cell,
//!   so a sheet that claims a huge range holds only the memory of its cells.
//!
//! # Examples
//! ```
//! use speelveld::io::format::FileKind;
//! use speelveld::io::workbook::read_sheet;
//! // A workbook made by rust_xlsxwriter: a title row, then the header and one gemeente.
//! let mut book = rust_xlsxwriter::Workbook::new();
//! let s = book.add_worksheet().set_name("gemeenten").unwrap();
//! s.write(0, 0, "Gemeenten en hun jeugdzorgregio").unwrap();
//! s.write(2, 0, "gemeentecode").unwrap();
//! s.write(2, 1, "jeugdzorgregio").unwrap();
//! s.write(3, 0, 363).unwrap();
//! s.write(3, 1, "JZ13").unwrap();
//! let bytes = book.save_to_buffer().unwrap();
//! let t = read_sheet("g.xlsx", &bytes, FileKind::Xlsx, None).unwrap();
//! assert_eq!(t.table.path, "g.xlsx#gemeenten");
//! assert_eq!(t.table.headers, ["gemeentecode", "jeugdzorgregio"]);
//! assert_eq!((t.table.rows[0].line, t.table.rows[0].get(0)), (4, "363"));
//! assert!(t.notes[0].text.contains("title"));
//! ```

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsx};

use crate::error::Error;
use crate::io::format::FileKind;
use crate::io::text::{DelimitedTable, MAX_ROWS, TableRow, duplicate_headers};
use crate::model::{Note, NoteKind};

/// The most columns a sheet may have: Excel's own limit (column XFD).
pub const MAX_COLUMNS: u32 = 16_384;

/// The most cells (rows × header columns) a sheet is read into: 32 million, about what a
/// text table at the input limit can hold.
pub const MAX_CELLS: usize = 32_000_000;

/// How many rows at the top of a sheet are looked at to tell title rows from the header.
const TITLE_LOOKAHEAD: usize = 50;

/// One sheet of a workbook read as a table.
#[derive(Debug, Clone)]
pub struct SheetTable {
    /// The table; its path is `FILE#SHEET`.
    pub table: DelimitedTable,
    /// The sheet's name.
    pub sheet: String,
    /// What was decided in reading it (the sheet taken, title rows skipped, a text name on a
    /// workbook).
    pub notes: Vec<Note>,
}

/// The non-empty cells of a sheet: row → (column, text), both 0-based, columns ascending.
type Grid = BTreeMap<u32, Vec<(u32, String)>>;

/// An open workbook of one of the three kinds.
enum Book<'a> {
    Xlsx(Box<Xlsx<Cursor<&'a [u8]>>>),
    Xls(Box<Xls<Cursor<&'a [u8]>>>),
    Ods(Box<Ods<Cursor<&'a [u8]>>>),
}

/// The names of the sheets of a workbook, in workbook order.
///
/// # Examples
/// ```
/// use speelveld::io::{format::FileKind, workbook::sheet_names};
/// let mut book = rust_xlsxwriter::Workbook::new();
/// book.add_worksheet().set_name("Blad1").unwrap();
/// book.add_worksheet().set_name("Toelichting").unwrap();
/// let bytes = book.save_to_buffer().unwrap();
/// assert_eq!(sheet_names("a.xlsx", &bytes, FileKind::Xlsx).unwrap(), ["Blad1", "Toelichting"]);
/// ```
pub fn sheet_names(path: &str, bytes: &[u8], kind: FileKind) -> Result<Vec<String>, Error> {
    let padded = whole_sectors(kind, bytes);
    let bytes = padded.as_deref().unwrap_or(bytes);
    guarded(path, || Ok(open(path, bytes, kind)?.names()))
}

/// Runs the workbook reader, turning a panic inside it (a damaged file it does not foresee)
/// into an error naming the file.
fn guarded<T>(path: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Error::Workbook {
            path: path.into(),
            message: "cannot read the workbook (its reader failed on it); expected a workbook \
                      that opens in a spreadsheet program (is the file damaged or cut short?)"
                .into(),
        })
    })
}

/// An xls (an OLE compound file) cut short inside a sector, padded with zeros to whole
/// sectors: the reader then finds the damage and says so, rather than reading past the end.
/// `None` when nothing needs padding.
fn whole_sectors(kind: FileKind, bytes: &[u8]) -> Option<Vec<u8>> {
    if kind != FileKind::Xls || bytes.len() < 512 {
        return None;
    }
    let shift = bytes
        .get(30..32)
        .map_or(9, |b| u16::from_le_bytes([b[0], b[1]]));
    let size = if shift == 12 { 4096 } else { 512 };
    let rest = (bytes.len() - 512) % size;
    if rest == 0 {
        return None;
    }
    let mut padded = bytes.to_vec();
    padded.resize(bytes.len() + size - rest, 0);
    Some(padded)
}

/// Reads one sheet of a workbook (`sheet`, or the first sheet with data) as a table; see the
/// module documentation for how cells and the header are read.
pub fn read_sheet(
    path: &str,
    bytes: &[u8],
    kind: FileKind,
    sheet: Option<&str>,
) -> Result<SheetTable, Error> {
    let padded = whole_sectors(kind, bytes);
    let bytes = padded.as_deref().unwrap_or(bytes);
    guarded(path, || read_sheet_unguarded(path, bytes, kind, sheet))
}

fn read_sheet_unguarded(
    path: &str,
    bytes: &[u8],
    kind: FileKind,
    sheet: Option<&str>,
) -> Result<SheetTable, Error> {
    let mut book = open(path, bytes, kind)?;
    let names = book.names();
    if names.is_empty() {
        return Err(Error::Workbook {
            path: path.into(),
            message: "the workbook has no sheets; expected a sheet with a header row and data \
                      rows (is the file damaged or cut short?)"
                .into(),
        });
    }
    let mut notes = Vec::new();
    if let Some(ext) = text_extension(path) {
        notes.push(Note::new(
            path,
            NoteKind::Workbook,
            format!(
                "the file is {} although its name ends in '.{ext}'; read as a workbook",
                kind.describe()
            ),
        ));
    }
    let (name, grid) = match sheet {
        Some(asked) => {
            let name = names
                .iter()
                .find(|n| *n == asked)
                .or_else(|| {
                    names
                        .iter()
                        .find(|n| n.to_lowercase() == asked.to_lowercase())
                })
                .ok_or_else(|| Error::Workbook {
                    path: path.into(),
                    message: format!(
                        "no sheet '{asked}'; expected one of the sheets found: {}",
                        quoted(&names)
                    ),
                })?
                .clone();
            let grid = book.grid(path, &name)?;
            (name, grid)
        }
        None => {
            let mut chosen: Option<(String, Grid)> = None;
            let mut others = Vec::new();
            for n in &names {
                if chosen.is_none() {
                    let grid = book.grid(path, n)?;
                    if !grid.is_empty() {
                        chosen = Some((n.clone(), grid));
                    }
                } else if book.has_data(path, n)? {
                    others.push(n.clone());
                }
            }
            let Some((name, grid)) = chosen else {
                return Err(Error::Empty {
                    path: path.into(),
                    expected: format!(
                        "a sheet with a header row and data rows (sheets found, all empty: {})",
                        quoted(&names)
                    ),
                });
            };
            if !others.is_empty() {
                notes.push(Note::new(
                    path,
                    NoteKind::Workbook,
                    format!(
                        "sheet '{name}' read, the first with data; the other sheets with data ({}) were not read (name a sheet to read another)",
                        quoted(&others)
                    ),
                ));
            }
            (name, grid)
        }
    };
    let label = format!("{path}#{name}");
    let table = grid_table(&label, grid, &mut notes)?;
    Ok(SheetTable {
        table,
        sheet: name,
        notes,
    })
}

/// A cell's text for a message: at most 60 characters, then `…`.
fn shorten(t: &str) -> String {
    match t.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", t.get(..cut).unwrap_or(t)),
        None => t.to_string(),
    }
}

/// `'a', 'b'` (or `none`).
fn quoted(names: &[String]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The extension of a name that says text (`csv`, `txt`, `tsv`), lowercased.
fn text_extension(path: &str) -> Option<String> {
    let ext = std::path::Path::new(path)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    matches!(ext.as_str(), "csv" | "txt" | "tsv" | "tab").then_some(ext)
}

/// An encrypted (password-protected) xlsx is an OLE compound file holding an
/// `EncryptedPackage` stream (named in UTF-16).
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn open<'a>(path: &str, bytes: &'a [u8], kind: FileKind) -> Result<Book<'a>, Error> {
    let fail = |what: &str, e: String| Error::Workbook {
        path: path.into(),
        message: format!(
            "cannot read the workbook ({e}); expected {what} that opens in a spreadsheet program (is the file damaged or cut short?)"
        ),
    };
    let protected = || Error::Workbook {
        path: path.into(),
        message: "the workbook is protected by a password; expected a workbook saved without \
                  one (save a copy without the password)"
            .into(),
    };
    let cursor = Cursor::new(bytes);
    match kind {
        FileKind::Xlsx => Xlsx::new(cursor)
            .map(|b| Book::Xlsx(Box::new(b)))
            .map_err(|e| fail(kind.describe(), e.to_string())),
        FileKind::Xls if is_encrypted_ooxml(bytes) => Err(protected()),
        FileKind::Xls => match Xls::new(cursor) {
            Ok(b) => Ok(Book::Xls(Box::new(b))),
            Err(calamine::XlsError::Password) => Err(protected()),
            Err(e) => Err(fail(kind.describe(), e.to_string())),
        },
        FileKind::Ods => match Ods::new(cursor) {
            Ok(b) => Ok(Book::Ods(Box::new(b))),
            Err(calamine::OdsError::Password) => Err(protected()),
            Err(e) => Err(fail(kind.describe(), e.to_string())),
        },
        other => Err(crate::io::format::wrong_kind(
            path,
            other,
            "a workbook (xlsx, xls or ods)",
        )),
    }
}

impl Book<'_> {
    fn names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    /// The non-empty cells of a sheet.
    fn grid(&mut self, path: &str, sheet: &str) -> Result<Grid, Error> {
        let label = format!("{path}#{sheet}");
        let fail = |e: String| Error::Workbook {
            path: label.clone(),
            message: format!(
                "cannot read the sheet ({e}); expected a sheet that opens in a spreadsheet program"
            ),
        };
        let mut grid = Grid::new();
        let mut add = |row: u32, col: u32, text: String| -> Result<(), Error> {
            if text.is_empty() {
                return Ok(());
            }
            if col >= MAX_COLUMNS {
                return Err(Error::Row {
                    path: label.clone(),
                    line: row as usize + 1,
                    message: format!(
                        "a value in column {} ({}); expected at most {MAX_COLUMNS} columns",
                        column_letters(col),
                        col + 1
                    ),
                });
            }
            if !grid.contains_key(&row) && grid.len() > MAX_ROWS {
                return Err(Error::TooManyRows {
                    path: label.clone(),
                    line: row as usize + 1,
                    limit: MAX_ROWS,
                });
            }
            grid.entry(row).or_default().push((col, text));
            Ok(())
        };
        match self {
            Book::Xlsx(b) => {
                let mut cells = b
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| fail(e.to_string()))?;
                while let Some(cell) = cells.next_cell().map_err(|e| fail(e.to_string()))? {
                    let (row, col) = cell.get_position();
                    add(row, col, ref_text(cell.get_value()))?;
                }
            }
            Book::Xls(b) => {
                let range = b.worksheet_range(sheet).map_err(|e| fail(e.to_string()))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, v) in range.used_cells() {
                    add(r0 + r as u32, c0 + c as u32, data_text(v))?;
                }
            }
            Book::Ods(b) => {
                let range = b.worksheet_range(sheet).map_err(|e| fail(e.to_string()))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, v) in range.used_cells() {
                    add(r0 + r as u32, c0 + c as u32, data_text(v))?;
                }
            }
        }
        for cells in grid.values_mut() {
            cells.sort_by_key(|(c, _)| *c);
            cells.dedup_by_key(|(c, _)| *c);
        }
        Ok(grid)
    }

    /// True when a sheet holds a non-empty cell (an xlsx sheet is read only up to it).
    fn has_data(&mut self, path: &str, sheet: &str) -> Result<bool, Error> {
        if let Book::Xlsx(b) = self {
            let Ok(mut cells) = b.worksheet_cells_reader(sheet) else {
                return Ok(false);
            };
            while let Ok(Some(cell)) = cells.next_cell() {
                if !ref_text(cell.get_value()).is_empty() {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Ok(!self.grid(path, sheet)?.is_empty())
    }
}

/// Excel's letters of a 0-based column (`0` → `A`, `27` → `AB`).
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        s.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// A number as text: integer-valued ones without a fraction, others as Rust writes them
/// (the shortest text that reads back as the same number, never an exponent).
///
/// # Examples
/// ```
/// use speelveld::io::workbook::number_text;
/// assert_eq!(number_text(363.0), "363");
/// assert_eq!(number_text(-0.0), "0");
/// assert_eq!(number_text(12.5), "12.5");
/// assert_eq!(number_text(1e20), "100000000000000000000");
/// ```
pub fn number_text(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 {
        return format!("{}", f as i64);
    }
    format!("{f}")
}

/// A date (and time) as ISO 8601: `2025-01-01`, or `2025-01-01T08:30:00` with a time; a
/// duration as hours, minutes and seconds (`PT1H30M0S`).
fn date_text(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        let secs = (d.as_f64() * 86_400.0).round();
        if !secs.is_finite() {
            return number_text(d.as_f64());
        }
        let s = secs as i64;
        return format!("PT{}H{}M{}S", s / 3600, (s % 3600) / 60, s % 60);
    }
    let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{da:02}")
    } else {
        format!("{y:04}-{mo:02}-{da:02}T{h:02}:{mi:02}:{s:02}")
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => date_text(d),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn ref_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_string()
        }
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => date_text(d),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// The cells of a sheet as a table: title rows skipped, the header, the data rows.
fn grid_table(label: &str, grid: Grid, notes: &mut Vec<Note>) -> Result<DelimitedTable, Error> {
    let empty = || Error::Workbook {
        path: label.into(),
        message: "the sheet is empty; expected a header row and data rows".into(),
    };
    let Some(first_col) = grid.values().filter_map(|c| c.first().map(|x| x.0)).min() else {
        return Err(empty());
    };
    let widest = grid
        .values()
        .take(TITLE_LOOKAHEAD)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut rows = grid.into_iter().peekable();
    let mut titles = Vec::new();
    while widest >= 2 && rows.peek().is_some_and(|(_, cells)| cells.len() == 1) {
        if let Some((r, cells)) = rows.next() {
            let text = cells.into_iter().next().map(|c| c.1).unwrap_or_default();
            titles.push((r, text));
        }
    }
    let Some((header_row, header_cells)) = rows.next() else {
        return Err(empty());
    };
    if !titles.is_empty() {
        let shown: Vec<String> = titles
            .iter()
            .map(|(r, t)| {
                let t = shorten(t);
                format!("line {}: '{t}'", r + 1)
            })
            .collect();
        notes.push(Note::new(
            label,
            NoteKind::Workbook,
            format!(
                "{} row(s) above the header (line {}) hold one cell each and were skipped as a title: {}",
                titles.len(),
                header_row + 1,
                shown.join(", ")
            ),
        ));
    }
    let last_col = header_cells.last().map_or(first_col, |c| c.0);
    let width = (last_col - first_col + 1) as usize;
    let dense = |cells: Vec<(u32, String)>| -> Vec<String> {
        let mut fields = vec![String::new(); width];
        for (c, text) in cells {
            if let Some(f) = fields.get_mut((c - first_col) as usize) {
                *f = text;
            }
        }
        fields
    };
    let headers = dense(header_cells);
    duplicate_headers(label, header_row as usize + 1, &headers)?;
    let mut out = Vec::new();
    for (r, cells) in rows {
        let line = r as usize + 1;
        if let Some((c, text)) = cells.iter().find(|(c, _)| *c > last_col) {
            let text = shorten(text);
            return Err(Error::Row {
                path: label.into(),
                line,
                message: format!(
                    "'{text}' in column {}, right of the header's last column {} ('{}'); expected every value under a header",
                    column_letters(*c),
                    column_letters(last_col),
                    headers.last().map_or("", String::as_str)
                ),
            });
        }
        if out.len() >= MAX_ROWS {
            return Err(Error::TooManyRows {
                path: label.into(),
                line,
                limit: MAX_ROWS,
            });
        }
        if (out.len() + 1).saturating_mul(width) > MAX_CELLS {
            return Err(Error::Row {
                path: label.into(),
                line,
                message: format!(
                    "more than {MAX_CELLS} cells ({width} columns); expected a smaller sheet (the cell limit)"
                ),
            });
        }
        out.push(TableRow {
            line,
            fields: dense(cells),
        });
    }
    Ok(DelimitedTable {
        path: label.into(),
        delimiter: b',',
        headers,
        rows: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(f: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
        let mut b = rust_xlsxwriter::Workbook::new();
        f(&mut b);
        b.save_to_buffer().unwrap()
    }

    #[test]
    fn cells_read_as_typed() {
        let bytes = book(|b| {
            let s = b.add_worksheet();
            for (c, h) in ["code", "naam", "inwoners", "dichtheid", "datum", "leeg"]
                .iter()
                .enumerate()
            {
                s.write(0, c as u16, *h).unwrap();
            }
            s.write(1, 0, "0363").unwrap();
            s.write(1, 1, "  Amsterdam ").unwrap();
            s.write(1, 2, 931298.0).unwrap();
            s.write(1, 3, 5277.25).unwrap();
            let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1).unwrap();
            let fmt = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
            s.write_with_format(1, 4, &d, &fmt).unwrap();
            s.write(1, 5, "x").unwrap();
            s.write(2, 0, 14).unwrap();
        });
        let t = read_sheet("k.xlsx", &bytes, FileKind::Xlsx, None).unwrap();
        assert_eq!(t.sheet, "Sheet1");
        assert!(t.notes.is_empty(), "{:?}", t.notes);
        let r = &t.table.rows;
        assert_eq!(
            r[0].fields,
            ["0363", "Amsterdam", "931298", "5277.25", "2025-01-01", "x"]
        );
        assert_eq!(r[1].fields, ["14", "", "", "", "", ""]);
        assert_eq!((r[0].line, r[1].line), (2, 3));
    }

    #[test]
    fn the_sheet_asked_for_or_the_first_with_data() {
        let bytes = book(|b| {
            b.add_worksheet().set_name("Leeg").unwrap();
            let s = b.add_worksheet().set_name("Data").unwrap();
            s.write(4, 2, "a").unwrap();
            s.write(4, 3, "b").unwrap();
            s.write(5, 2, "1").unwrap();
            let s = b.add_worksheet().set_name("Meer").unwrap();
            s.write(0, 0, "c").unwrap();
        });
        let t = read_sheet("w.xlsx", &bytes, FileKind::Xlsx, None).unwrap();
        assert_eq!(t.table.path, "w.xlsx#Data");
        assert_eq!(t.table.headers, ["a", "b"]);
        assert_eq!(t.table.rows[0].line, 6);
        assert!(t.notes[0].text.contains("'Meer'"), "{:?}", t.notes);
        let t = read_sheet("w.xlsx", &bytes, FileKind::Xlsx, Some("meer")).unwrap();
        assert_eq!((t.sheet.as_str(), t.table.rows.len()), ("Meer", 0));
        let e = read_sheet("w.xlsx", &bytes, FileKind::Xlsx, Some("Blad1"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "w.xlsx: no sheet 'Blad1'; expected one of the sheets found: 'Leeg', 'Data', 'Meer'"
        );
        let e = read_sheet("w.xlsx", &bytes, FileKind::Xlsx, Some("Leeg"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "w.xlsx#Leeg: the sheet is empty; expected a header row and data rows"
        );
    }

    #[test]
    fn bad_workbooks_are_named() {
        let bytes = book(|b| {
            let s = b.add_worksheet();
            s.write(0, 0, "a").unwrap();
            s.write(0, 1, "b").unwrap();
            s.write(1, 2, "zonder kop").unwrap();
        });
        let e = read_sheet("x.xlsx", &bytes, FileKind::Xlsx, None)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "x.xlsx#Sheet1: line 2: 'zonder kop' in column C, right of the header's last column B ('b'); expected every value under a header"
        );
        let cut = bytes.get(..bytes.len() / 2).unwrap();
        let e = read_sheet("x.xlsx", cut, FileKind::Xlsx, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("x.xlsx: cannot read the workbook (") && e.contains("damaged"),
            "{e}"
        );
        let empty = book(|b| {
            b.add_worksheet();
        });
        let e = read_sheet("e.xlsx", &empty, FileKind::Xlsx, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("e.xlsx: the file is empty") && e.contains("'Sheet1'"),
            "{e}"
        );
        let dup = book(|b| {
            let s = b.add_worksheet();
            s.write(0, 0, "code").unwrap();
            s.write(0, 1, "Code").unwrap();
        });
        let e = read_sheet("d.xlsx", &dup, FileKind::Xlsx, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("d.xlsx#Sheet1: line 1: columns 1 and 2"),
            "{e}"
        );
    }

    #[test]
    fn a_text_name_on_a_workbook_is_said() {
        let bytes = book(|b| {
            let s = b.add_worksheet();
            s.write(0, 0, "a").unwrap();
        });
        let t = read_sheet("k.csv", &bytes, FileKind::Xlsx, None).unwrap();
        assert_eq!(
            t.notes[0].to_string(),
            "k.csv: the file is an Excel workbook (xlsx) although its name ends in '.csv'; read as a workbook"
        );
    }

    #[test]
    fn a_sheet_claiming_a_huge_range_holds_only_its_cells() {
        // A1 and XFD1048576: a dense grid would be 17 billion cells.
        let bytes = book(|b| {
            let s = b.add_worksheet();
            s.write(0, 0, "a").unwrap();
            s.write(1_048_575, 16_383, "x").unwrap();
        });
        let e = read_sheet("h.xlsx", &bytes, FileKind::Xlsx, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("h.xlsx#Sheet1: line 1048576: 'x' in column XFD"),
            "{e}"
        );
    }

    /// Damaged copies of the real test workbooks (bytes changed, files cut short) give an
    /// error or a table, never a panic: a deterministic stand-in for the fuzz target.
    #[test]
    fn damaged_real_workbooks_never_panic() {
        let mut seed: u64 = 0x5eed;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for (name, kind) in [
            ("koppelcodes.xlsx", FileKind::Xlsx),
            ("koppelcodes.xls", FileKind::Xls),
            ("koppelcodes.ods", FileKind::Ods),
        ] {
            let bytes = crate::io::fixtures::real_bytes(&format!("excel/{name}"));
            assert!(read_sheet(name, &bytes, kind, None).is_ok(), "{name}");
            for _ in 0..30 {
                let mut b = bytes.clone();
                for _ in 0..1 + next() % 4 {
                    let at = next() % b.len();
                    b[at] = (next() % 256) as u8;
                }
                let _ = read_sheet(name, &b, kind, None);
                let cut = next() % bytes.len();
                let _ = read_sheet(name, &bytes[..cut], kind, Some("tekst"));
            }
        }
    }

    #[test]
    fn an_xls_cut_short_is_named_damaged() {
        // Regression: an xls cut inside a sector made the reader slice past its end (a
        // panic in calamine's cfb.rs); padded to whole sectors, the damage is found.
        let bytes = crate::io::fixtures::real_bytes("excel/koppelcodes.xls");
        for cut in [700, 5_000, 30_001, bytes.len() - 300] {
            let e = read_sheet("k.xls", &bytes[..cut], FileKind::Xls, None)
                .map(|_| ())
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with("k.xls") && e.contains("damaged") && !e.contains("reader failed"),
                "{cut}: {e}"
            );
        }
    }

    #[test]
    fn an_xls_pointing_past_its_end_is_an_error() {
        // Regression (found by fuzzing): a sector id past the end of the file made
        // calamine's compound-file reader panic (cfb.rs:320); it is now an error.
        let bytes = crate::io::fixtures::real_bytes("excel/damaged_sector.xls");
        let e = read_sheet("d.xls", &bytes, FileKind::Xls, None)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("d.xls: cannot read the workbook") && e.contains("damaged"),
            "{e}"
        );
        let e = sheet_names("d.xls", &bytes, FileKind::Xls)
            .unwrap_err()
            .to_string();
        assert!(e.contains("damaged"), "{e}");
        // Named xlsx by a caller, it goes to the xlsx reader's own compound-file check,
        // which panicked on it too (calamine utils.rs:29, found by fuzzing).
        let e = read_sheet("d.xlsx", &bytes, FileKind::Xlsx, None)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d.xlsx: cannot read the workbook"), "{e}");
    }

    #[test]
    fn columns_and_numbers() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(f64::NAN), "NaN");
    }
}
