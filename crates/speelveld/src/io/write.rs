//! Writers: one per output format, for every result.
//!
//! A result offers its rows as [`Table`]s (via [`Tabular`]); the writers print every table
//! as aligned text, CSV (optionally for Dutch Excel), or Markdown. JSON is the result struct
//! itself, serialised with serde: one document that holds every table.
//!
//! CSV of a result with several tables writes them one after another, each preceded by a
//! `# table: NAME` line; [`write_table_files`] writes one CSV file per table instead.
//!
//! # Examples
//! ```
//! use speelveld::io::write::{Format, Table, WriteOptions, write_tables};
//! #[derive(serde::Serialize)]
//! struct Row { region: &'static str, units: usize, share: f64 }
//! let t = Table::from_rows("demo", &[Row { region: "JZ13", units: 6, share: 0.5 }]).unwrap();
//! let mut out = Vec::new();
//! write_tables(&[t.clone()], WriteOptions { format: Format::Csv, excel: false, ..Default::default() }, &mut out).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "region,units,share\nJZ13,6,0.5\n");
//! let mut out = Vec::new();
//! write_tables(&[t.clone(), t], WriteOptions { format: Format::Csv, excel: true, ..Default::default() }, &mut out).unwrap();
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "\u{feff}# table: demo\nregion;units;share\nJZ13;6;0,5\n\n# table: demo\nregion;units;share\nJZ13;6;0,5\n"
//! );
//! ```

use std::io::Write;

use serde_json::Value;

use crate::error::Error;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned plain-text columns for the terminal.
    #[default]
    Table,
    /// Comma-separated values (RFC 4180).
    Csv,
    /// The whole result as pretty-printed JSON.
    Json,
    /// GitHub-flavoured Markdown tables.
    Md,
    /// An Excel workbook: one sheet per table and a sheet `bron` with the sources
    /// ([`crate::io::xlsx_write`]). Binary: write it to a file.
    Xlsx,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Md => "md",
            Format::Xlsx => "xlsx",
        })
    }
}

/// How to write.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// The format.
    pub format: Format,
    /// CSV for Dutch Excel: semicolon separator, decimal comma, UTF-8 byte-order mark.
    pub excel: bool,
    /// The language of the tables (English by default): their titles, column headers and
    /// categorical cells ([`Table::in_taal`]). JSON keeps its values English.
    pub taal: crate::model::Taal,
}

use crate::model::table::cell_text;
pub use crate::model::table::{Table, Tabular};

/// Writes a result in the chosen format: JSON serialises the struct, the others its tables.
pub fn write_result<T: Tabular>(
    result: &T,
    opts: WriteOptions,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if opts.format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, result)
            .map_err(|e| io_err(std::io::Error::from(e)))?;
        writeln!(out).map_err(io_err)?;
        return Ok(());
    }
    write_tables(&result.tables()?, opts, out)
}

fn io_err(e: std::io::Error) -> Error {
    Error::Write(e)
}

/// Keeps the kind of an I/O error inside a CSV error (a closed pipe stays a closed pipe).
fn csv_io_err(e: csv::Error) -> Error {
    let text = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_err(io),
        _ => io_err(std::io::Error::other(text)),
    }
}

/// Writes tables in a text format (table, CSV or Markdown). JSON writes the tables as an
/// array of objects; xlsx a workbook with the embedded data's sources (for the user's
/// input files too, see [`crate::io::xlsx_write::write_workbook`]).
pub fn write_tables(
    tables: &[Table],
    opts: WriteOptions,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let translated: Vec<Table>;
    let tables = if opts.taal == crate::model::Taal::En {
        tables
    } else {
        // JSON is for machines: its values stay English, only its keys follow the headers.
        translated = tables
            .iter()
            .map(|t| {
                if opts.format == Format::Json {
                    t.clone().headers_in(opts.taal)
                } else {
                    t.clone().in_taal(opts.taal)
                }
            })
            .collect();
        &translated
    };
    match opts.format {
        Format::Csv => write_csv_tables(tables, opts.excel, out),
        Format::Json => write_json_tables(tables, out),
        Format::Xlsx => {
            let bytes = crate::io::xlsx_write::write_workbook(
                tables,
                &crate::io::xlsx_write::embedded_sources(),
            )?;
            out.write_all(&bytes).map_err(io_err)
        }
        Format::Md | Format::Table => {
            for (i, t) in tables.iter().enumerate() {
                if i > 0 {
                    writeln!(out).map_err(io_err)?;
                }
                if opts.format == Format::Md {
                    write_markdown(t, out)?;
                } else {
                    if tables.len() > 1 && !t.title.is_empty() {
                        writeln!(out, "{}", t.title).map_err(io_err)?;
                    }
                    write_aligned(t, out)?;
                }
            }
            Ok(())
        }
    }
}

/// Tables as CSV, one after another, each after a `# table: NAME` line when there are
/// several; for Excel one byte-order mark first.
fn write_csv_tables(tables: &[Table], excel: bool, out: &mut dyn Write) -> Result<(), Error> {
    if excel {
        out.write_all("\u{feff}".as_bytes()).map_err(io_err)?;
    }
    let several = tables.len() > 1;
    for (i, t) in tables.iter().enumerate() {
        if several {
            if i > 0 {
                writeln!(out).map_err(io_err)?;
            }
            writeln!(out, "# table: {}", t.name).map_err(io_err)?;
        }
        write_csv(t, excel, &mut *out)?;
    }
    Ok(())
}

/// One table as GitHub-flavoured Markdown, under its title; numeric columns right-aligned.
fn write_markdown(t: &Table, out: &mut dyn Write) -> Result<(), Error> {
    if !t.title.is_empty() {
        writeln!(out, "### {}\n", t.title).map_err(io_err)?;
    }
    let esc = |s: String| s.replace('|', "\\|");
    writeln!(out, "| {} |", t.columns.join(" | ")).map_err(io_err)?;
    let aligns: Vec<&str> = (0..t.columns.len())
        .map(|c| {
            if is_numeric_column(t, c) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    writeln!(out, "| {} |", aligns.join(" | ")).map_err(io_err)?;
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|v| esc(cell_text(v, false))).collect();
        writeln!(out, "| {} |", cells.join(" | ")).map_err(io_err)?;
    }
    Ok(())
}

/// One table as aligned text for the terminal: numbers right-aligned, text left-aligned.
fn write_aligned(t: &Table, out: &mut dyn Write) -> Result<(), Error> {
    let text: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|v| cell_text(v, false)).collect())
        .collect();
    let mut widths: Vec<usize> = t.columns.iter().map(|c| c.chars().count()).collect();
    for r in &text {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|c| is_numeric_column(t, c))
        .collect();
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            let pad = w.saturating_sub(cell.chars().count());
            if c > 0 {
                s.push_str("  ");
            }
            if numeric.get(c).copied().unwrap_or(false) {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            } else {
                s.push_str(cell);
                if c + 1 < cells.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(&t.columns)).map_err(io_err)?;
    for r in &text {
        writeln!(out, "{}", line(r)).map_err(io_err)?;
    }
    Ok(())
}

/// Tables as JSON: one array of row objects, or an array of them for several tables.
fn write_json_tables(tables: &[Table], out: &mut dyn Write) -> Result<(), Error> {
    let v: Vec<Value> = tables
        .iter()
        .map(|t| {
            let rows: Vec<Value> = t
                .rows
                .iter()
                .map(|r| Value::Object(t.columns.iter().cloned().zip(r.iter().cloned()).collect()))
                .collect();
            Value::Array(rows)
        })
        .collect();
    let v = if v.len() == 1 {
        v.into_iter().next().unwrap_or(Value::Null)
    } else {
        Value::Array(v)
    };
    serde_json::to_writer_pretty(&mut *out, &v).map_err(|e| io_err(std::io::Error::from(e)))?;
    writeln!(out).map_err(io_err)?;
    Ok(())
}

/// One table as CSV (comma, or semicolon and decimal comma for Dutch Excel), without a
/// byte-order mark.
fn write_csv(t: &Table, excel: bool, out: &mut dyn Write) -> Result<(), Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    if !t.columns.is_empty() {
        w.write_record(&t.columns).map_err(csv_io_err)?;
    }
    for row in &t.rows {
        w.write_record(row.iter().map(|v| cell_text(v, excel)))
            .map_err(csv_io_err)?;
    }
    w.flush().map_err(io_err)
}

/// Writes one CSV file per table into `dir` (created when missing), named after the table
/// (`crosswalk.csv`, `moved_units.csv`), and returns the paths written. Each file gets a
/// byte-order mark when `excel` is set.
pub fn write_table_files(
    tables: &[Table],
    excel: bool,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let io = |e: std::io::Error| Error::WriteFile {
        path: dir.display().to_string(),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut written = Vec::with_capacity(tables.len());
    let mut used = std::collections::HashSet::new();
    for t in tables {
        let mut stem = file_stem(&t.name);
        let base = stem.clone();
        let mut n = 2;
        while !used.insert(stem.clone()) {
            stem = format!("{base}_{n}");
            n += 1;
        }
        let path = dir.join(format!("{stem}.csv"));
        let mut buf = Vec::new();
        if excel {
            buf.extend_from_slice("\u{feff}".as_bytes());
        }
        write_csv(t, excel, &mut buf)?;
        write_file(&path, &buf)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a whole file or nothing: the bytes go to a temporary file in the same directory,
/// which is then renamed over `path`. A failed or killed run leaves `path` as it was, and of
/// concurrent writers of one path the last rename wins with its complete output. The new
/// file gets the permissions [`std::fs::write`] would give it.
///
/// # Examples
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// speelveld::io::write::write_file(&path, b"a,b\n").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
/// let missing = dir.path().join("no/such/dir/out.csv");
/// let e = speelveld::io::write::write_file(&missing, b"x").unwrap_err().to_string();
/// assert!(e.contains("out.csv: cannot write"), "{e}");
/// ```
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    let err = |source: std::io::Error| Error::WriteFile {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".speelveld-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Masked by the umask when the file is created, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// A file name from a table name: letters, digits, `-` and `_`; anything else becomes `_`.
fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "table".into() } else { s }
}

fn is_numeric_column(t: &Table, c: usize) -> bool {
    let mut any = false;
    for r in &t.rows {
        match r.get(c) {
            Some(Value::Number(_)) => any = true,
            Some(Value::Null) | None => {}
            _ => return false,
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct R {
        a: String,
        n: f64,
    }

    /// A table as given (the writers print what they are given; the rounding is the
    /// table's).
    fn t() -> Table {
        Table::from_rows_exact(
            "t",
            &[
                R {
                    a: "x|y".into(),
                    n: 1.0 / 3.0,
                },
                R {
                    a: "long name".into(),
                    n: 12.0,
                },
            ],
        )
        .unwrap()
    }

    #[test]
    fn text_table_aligns_numbers_right() {
        let mut out = Vec::new();
        write_tables(&[t()], WriteOptions::default(), &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "a                 n\nx|y        0.333333\nlong name        12\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut out = Vec::new();
        write_tables(
            &[t()],
            WriteOptions {
                format: Format::Md,
                excel: false,
                ..Default::default()
            },
            &mut out,
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("| x\\|y | 0.333333 |"), "{s}");
        assert!(s.contains("| --- | ---: |"), "{s}");
    }

    #[test]
    fn csv_quotes_and_excel_commas() {
        let mut out = Vec::new();
        write_tables(
            &[t()],
            WriteOptions {
                format: Format::Csv,
                excel: true,
                ..Default::default()
            },
            &mut out,
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "\u{feff}a;n\nx|y;0,333333\nlong name;12\n");
    }

    #[test]
    fn dutch_headers_and_rounding_by_kind_in_every_text_format() {
        #[derive(serde::Serialize)]
        struct Row {
            unit: &'static str,
            share_of_a: f64,
            inwoners: f64,
            area_km2: f64,
            ari: f64,
        }
        let t = Table::from_rows(
            "t",
            &[Row {
                unit: "GM0193",
                share_of_a: 0.896976,
                inwoners: 833035.884941,
                area_km2: 119.2749,
                ari: 0.74219,
            }],
        )
        .unwrap();
        let nl = |format| {
            let mut out = Vec::new();
            let opts = WriteOptions {
                format,
                taal: crate::model::Taal::Nl,
                ..Default::default()
            };
            write_tables(std::slice::from_ref(&t), opts, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            nl(Format::Csv),
            "gemeentecode,aandeel_van_a,inwoners,oppervlakte_km2,ari\nGM0193,0.897,833036,119.27,0.742\n"
        );
        assert!(nl(Format::Md).contains("| GM0193 | 0.897 | 833036 | 119.27 | 0.742 |"));
        assert!(nl(Format::Table).starts_with("gemeentecode  aandeel_van_a"));
    }
}
