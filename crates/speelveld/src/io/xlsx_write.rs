//! Tables written as an Excel workbook (`.xlsx`), which Dutch Excel opens with no import
//! step: one sheet per table of a result, numbers as numbers, the header row bold and frozen
//! with an autofilter, column widths fitted to the content (up to about 70 characters), and a sheet `bron` with the
//! sources and licences of the data and the tables' titles.
//!
//! - Sheet names come from the table names: the characters Excel forbids (`[ ] : * ? / \`)
//!   become `_`, a name is cut to Excel's 31 characters, and names are made unique (Excel
//!   compares them without regard to case) with `_2`, `_3`, …; `bron` is kept for the sources.
//! - A cell holding a number is written as a number; text as text (codes such as `GM0363`
//!   or `0363` stay text); a list of codes as the text the other writers give it; a boolean
//!   as a boolean (Excel shows WAAR/ONWAAR); an empty cell stays empty.
//! - A table with more rows or columns than a sheet holds (1,048,576 × 16,384) is an error
//!   rather than a cut table.
//!
//! # Examples
//! ```
//! use speelveld::io::xlsx_write::{embedded_sources, write_workbook};
//! use speelveld::model::Table;
//! #[derive(serde::Serialize)]
//! struct Row { region: &'static str, units: usize }
//! let t = Table::from_rows("regions", &[Row { region: "JZ13", units: 6 }]).unwrap();
//! let bytes = write_workbook(&[t], &embedded_sources()).unwrap();
//! assert!(bytes.starts_with(b"PK\x03\x04"));
//! ```

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::model::Table;

/// The name of the sheet with the sources and licences.
pub const SOURCES_SHEET: &str = "bron";

/// Excel's longest sheet name.
pub const MAX_SHEET_NAME: usize = 31;

/// The widest a column is fitted to its content, in pixels (about 70 characters): long
/// texts (the sources) would otherwise make columns wider than a screen.
const MAX_COLUMN_PIXELS: u32 = 500;

/// Excel's rows per sheet.
const MAX_SHEET_ROWS: usize = 1_048_576;

/// Excel's columns per sheet.
const MAX_SHEET_COLUMNS: usize = 16_384;

/// One row of the sheet `bron`: a part of the data, where it comes from, its licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRow {
    /// What part of the data (`gemeenten en regio-indelingen`, `invoer: layout jz`).
    pub onderdeel: String,
    /// Where it comes from: the publisher and data set, or the file.
    pub bron: String,
    /// Its licence.
    pub licentie: String,
}

impl SourceRow {
    /// A row.
    pub fn new(
        onderdeel: impl Into<String>,
        bron: impl Into<String>,
        licentie: impl Into<String>,
    ) -> SourceRow {
        SourceRow {
            onderdeel: onderdeel.into(),
            bron: bron.into(),
            licentie: licentie.into(),
        }
    }

    /// A user's input file: its role and its path; its licence is the one its source gives.
    pub fn input(role: &str, path: &str) -> SourceRow {
        SourceRow::new(
            format!("invoer: {role}"),
            path,
            "zoals de bron van het bestand aangeeft (niet bekend bij speelveld)",
        )
    }
}

/// The sources and licences of speelveld's embedded dataset (see `data/README.md`), and
/// the version of speelveld that wrote the workbook.
pub fn embedded_sources() -> Vec<SourceRow> {
    vec![
        SourceRow::new(
            "gemeenten en regio-indelingen (jeugdzorgregio, provincie, arbeidsmarktregio, GGD-regio, RMC-regio, veiligheidsregio, zorgkantoorregio, Veilig Thuis-regio)",
            "CBS/Kadaster, CBS gebiedsindelingen (via PDOK), gegeneraliseerd; 2015 en 2025",
            "CC BY 4.0, Bron: CBS/Kadaster",
        ),
        SourceRow::new(
            "samenwerkingsverbanden passend onderwijs PO en VO",
            "Regeling regio-indeling samenwerkingsverbanden passend onderwijs PO en VO (BWBR0032324), bijlage, versie 2015-04-23; naar de gemeenten van 2025 gebracht via de herindelingen",
            "wettekst: geen auteursrecht (Auteurswet art. 11)",
        ),
        SourceRow::new(
            "kerncijfers per gemeente (inwoners, leeftijdsgroepen, huishoudens, landoppervlak)",
            "CBS StatLine 85039NED, Kerncijfers wijken en buurten 2021",
            "CC BY 4.0, Bron: CBS",
        ),
        SourceRow::new(
            "herindelingen 2015-2025",
            "afgeleid uit de CBS/Kadaster-gemeentegrenzen van 2015 en 2025; 2021-2025 uit de gemeentelijke indeling van CBS per jaar",
            "CC BY 4.0, Bron: CBS/Kadaster; feiten",
        ),
        SourceRow::new(
            "gemaakt met",
            format!("speelveld {}", env!("CARGO_PKG_VERSION")),
            "MIT OR Apache-2.0",
        ),
    ]
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Write(std::io::Error::other(format!(
        "cannot make the workbook: {e}"
    )))
}

/// Writes tables as a workbook, one sheet per table, and the sheet `bron` with `sources`
/// and the title of every sheet; returns the bytes of the `.xlsx` file.
pub fn write_workbook(tables: &[Table], sources: &[SourceRow]) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let names = sheet_names(tables.iter().map(|t| t.name.as_str()));
    for (t, name) in tables.iter().zip(&names) {
        if t.rows.len() >= MAX_SHEET_ROWS || t.columns.len() > MAX_SHEET_COLUMNS {
            return Err(Error::Write(std::io::Error::other(format!(
                "table '{}' has {} rows and {} columns; a sheet holds at most {} rows below its header and {MAX_SHEET_COLUMNS} columns (write it as CSV)",
                t.name,
                t.rows.len(),
                t.columns.len(),
                MAX_SHEET_ROWS - 1
            ))));
        }
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(xlsx_err)?;
        write_sheet(sheet, t, &bold)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(SOURCES_SHEET).map_err(xlsx_err)?;
    let source_table = Table::from_rows(SOURCES_SHEET, sources)?;
    let mut source_table = if source_table.columns.is_empty() {
        Table {
            columns: vec!["onderdeel".into(), "bron".into(), "licentie".into()],
            ..source_table
        }
    } else {
        source_table
    };
    // Below the sources: which sheet holds which table.
    source_table.rows.push(vec![Value::Null; 3]);
    for (t, name) in tables.iter().zip(&names) {
        source_table.rows.push(vec![
            Value::String(format!("blad '{name}'")),
            Value::String(t.title.clone()),
            Value::Null,
        ]);
    }
    write_sheet(sheet, &source_table, &bold)?;
    book.save_to_buffer().map_err(xlsx_err)
}

/// One table on a sheet: the header bold and frozen with an autofilter, the cells, the
/// widths fitted.
fn write_sheet(sheet: &mut Worksheet, t: &Table, bold: &Format) -> Result<(), Error> {
    for (c, h) in t.columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, col(c), h, bold)
            .map_err(xlsx_err)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, v) in row.iter().enumerate() {
            let c = col(c);
            match v {
                Value::Null => {}
                Value::Number(n) => {
                    sheet
                        .write_number(r, c, n.as_f64().unwrap_or(f64::NAN))
                        .map_err(xlsx_err)?;
                }
                Value::Bool(b) => {
                    sheet.write_boolean(r, c, *b).map_err(xlsx_err)?;
                }
                other => {
                    let text = crate::model::table::cell_text(other, false);
                    sheet.write_string(r, c, &text).map_err(xlsx_err)?;
                }
            }
        }
    }
    if !t.columns.is_empty() {
        sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        sheet
            .autofilter(0, 0, t.rows.len() as u32, col(t.columns.len() - 1))
            .map_err(xlsx_err)?;
    }
    sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
    sheet.autofit();
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Sheet names for tables: Excel's forbidden characters replaced by `_`, at most 31
/// characters, unique without regard to case, never `bron` (kept for the sources).
///
/// # Examples
/// ```
/// use speelveld::io::xlsx_write::sheet_names;
/// let names = sheet_names(["crosswalk", "Crosswalk", "a/b", "bron", "een_heel_lange_naam_van_een_tabel_met_veel_woorden"]);
/// assert_eq!(names, ["crosswalk", "Crosswalk_2", "a_b", "bron_2", "een_heel_lange_naam_van_een_tab"]);
/// ```
pub fn sheet_names<'a>(tables: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used: Vec<String> = vec![SOURCES_SHEET.to_lowercase(), "history".into()];
    let mut out = Vec::new();
    for name in tables {
        let clean: String = name
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect();
        let clean = clean.trim_matches('\'').trim();
        let base = if clean.is_empty() { "tabel" } else { clean };
        let mut candidate: String = base.chars().take(MAX_SHEET_NAME).collect();
        let mut n = 2;
        while used.contains(&candidate.to_lowercase()) {
            let suffix = format!("_{n}");
            let keep = MAX_SHEET_NAME - suffix.chars().count();
            candidate = base.chars().take(keep).collect::<String>() + &suffix;
            n += 1;
        }
        used.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[derive(Serialize)]
    struct R {
        code: &'static str,
        units: usize,
        share: f64,
        split: bool,
        members: Vec<&'static str>,
        note: Option<&'static str>,
    }

    #[test]
    fn sheets_cells_and_sources() {
        let rows = [
            R {
                code: "0363",
                units: 6,
                share: 0.25,
                split: false,
                members: vec!["GM0363", "GM0014"],
                note: None,
            },
            R {
                code: "GM0014",
                units: 1,
                share: 1.0,
                split: true,
                members: vec![],
                note: Some("x"),
            },
        ];
        let a = Table::from_rows("regions", &rows)
            .unwrap()
            .titled("de regio's");
        let b = Table::from_rows("regions", &rows[..1]).unwrap();
        let bytes = write_workbook(&[a, b], &embedded_sources()).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["regions", "regions_2", "bron"]);
        let r = book.worksheet_range("regions").unwrap();
        let cells: Vec<Vec<Data>> = r.rows().map(|r| r.to_vec()).collect();
        assert_eq!(
            cells[0],
            ["code", "units", "share", "split", "members", "note"].map(|s| Data::String(s.into()))
        );
        assert_eq!(cells[1][0], Data::String("0363".into()));
        assert_eq!(cells[1][1], Data::Float(6.0));
        assert_eq!(cells[1][2], Data::Float(0.25));
        assert_eq!(cells[1][3], Data::Bool(false));
        assert_eq!(cells[1][4], Data::String("GM0363 GM0014".into()));
        assert_eq!(cells[1][5], Data::Empty);
        let bron = book.worksheet_range("bron").unwrap();
        let text: Vec<String> = bron
            .rows()
            .flat_map(|r| r.iter().map(|c| c.to_string()))
            .collect();
        assert!(text.iter().any(|c| c.contains("CC BY 4.0")), "{text:?}");
        assert!(text.iter().any(|c| c == "blad 'regions'"), "{text:?}");
        assert!(text.iter().any(|c| c == "de regio's"), "{text:?}");
    }

    #[test]
    fn a_table_too_long_for_a_sheet_is_refused() {
        let t = Table {
            name: "t".into(),
            title: "t".into(),
            title_nl: None,
            columns: vec!["a".into()],
            rows: vec![vec![Value::Null]; MAX_SHEET_ROWS],
        };
        let e = write_workbook(&[t], &[]).unwrap_err().to_string();
        assert!(
            e.contains("table 't' has 1048576 rows") && e.contains("CSV"),
            "{e}"
        );
    }
}
