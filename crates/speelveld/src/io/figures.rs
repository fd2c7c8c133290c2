//! Key figures per unit (`--figures FILE`): a delimited table with a unit code column and
//! numeric columns (inhabitants, youth 0–17, pupils, …), attached to the units of an atlas.
//!
//! - The code column is found by its header (`code`, `gemeentecode`, `statcode`, `gm_code`,
//!   `unit`, `pc4`, `postcode`); name columns (`naam`, `name`, `gemeentenaam`, `statnaam`)
//!   are skipped; every other column is a figure.
//! - Values are numbers (negative ones too: a migration balance can be); each column's
//!   decimal separator and thousands separator are decided from all its values
//!   ([`crate::io::number`]: `233.273` in a `;` file is 233273), or given by the caller. An
//!   empty cell means "unknown" and leaves the figure off that unit. A column of text only
//!   (a `provincie` column) is skipped with a note; text among numbers is an error naming the
//!   file, the line and the column.
//! - A code given twice is an error naming both lines.
//! - Codes that are not units of the atlas are reported by
//!   [`attach`] in [`Attached::unknown`], not dropped.

use std::collections::{BTreeMap, HashMap};

use crate::error::Error;
use crate::io::number::{ColumnFormat, Decimal, FormatProblem, column_format, parse_as};
use crate::io::text::{DelimitedTable, find_column, read_table};
use crate::model::{Atlas, Note, NoteKind, UnitCode};

/// Header names accepted for the unit code column, in order of preference.
pub const CODE_COLUMNS: [&str; 7] = [
    "code",
    "gemeentecode",
    "statcode",
    "gm_code",
    "unit",
    "pc4",
    "postcode",
];

/// Header names of name columns, which are not figures.
pub const NAME_COLUMNS: [&str; 5] = ["naam", "name", "gemeentenaam", "statnaam", "gemeente_naam"];

/// One row of a figures file.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// The 1-based line in the file.
    pub line: usize,
    /// The unit code.
    pub code: UnitCode,
    /// The figures given on the row (empty cells left out).
    pub values: BTreeMap<String, f64>,
}

/// The figures read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The file, as named in messages.
    pub path: String,
    /// The figure names (column headers), in file order.
    pub names: Vec<String>,
    /// The rows.
    pub rows: Vec<FigureRow>,
    /// What reading decided on its own: text columns skipped, a decimal separator taken
    /// from the delimiter.
    pub notes: Vec<Note>,
}

/// How to read a figures file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FiguresOptions {
    /// The decimal separator, when the caller knows it; otherwise each column's is decided
    /// from its values ([`crate::io::number`]).
    pub decimal: Option<Decimal>,
}

/// Reads figures from decoded text (see the module documentation).
///
/// # Examples
/// ```
/// use speelveld::io::figures::read_figures;
/// let f = read_figures("f.csv", "gemeentecode;naam;inwoners;jeugd\nGM0363;Amsterdam;931.298;141000,5\n").unwrap();
/// assert_eq!(f.names, ["inwoners", "jeugd"]);
/// assert_eq!(f.rows[0].values["inwoners"], 931_298.0);
/// assert_eq!(f.rows[0].values["jeugd"], 141000.5);
/// let e = read_figures("f.csv", "code,inwoners\nGM0363,12\nGM0014,veel\n").unwrap_err().to_string();
/// assert_eq!(e, "f.csv: line 3: column 'inwoners': 'veel' is not a number; expected a number (or an empty cell) like the other rows");
/// ```
pub fn read_figures(path: &str, text: &str) -> Result<Figures, Error> {
    read_figures_with(path, text, FiguresOptions::default())
}

/// [`read_figures`] with options.
pub fn read_figures_with(path: &str, text: &str, opts: FiguresOptions) -> Result<Figures, Error> {
    let t = read_table(path, text)?;
    figures_from_table(&t, opts)
}

/// Reads figures from a table already read.
pub fn figures_from_table(t: &DelimitedTable, opts: FiguresOptions) -> Result<Figures, Error> {
    let code_col = t.column(CODE_COLUMNS[0], &CODE_COLUMNS[1..])?;
    let candidates: Vec<(usize, String)> = t
        .headers
        .iter()
        .enumerate()
        .filter(|&(i, h)| i != code_col && find_column(&[h], &NAME_COLUMNS).is_none())
        .map(|(i, h)| (i, h.clone()))
        .collect();
    let row_err = |line: usize, message: String| Error::Row {
        path: t.path.clone(),
        line,
        message,
    };
    let mut notes = Vec::new();
    let mut figure_cols: Vec<(usize, String, Decimal)> = Vec::new();
    // The first text column, for the error when no column holds numbers.
    let mut text_column: Option<(usize, String, String)> = None;
    for (i, name) in candidates {
        let cells: Vec<(usize, &str)> = t.rows.iter().map(|r| (r.line, r.get(i))).collect();
        match column_format(&cells, t.delimiter, opts.decimal) {
            Ok(ColumnFormat::Numbers(d)) => figure_cols.push((i, name, d)),
            Ok(ColumnFormat::ByDelimiter(d)) => {
                notes.push(Note::new(
                    &t.path,
                    NoteKind::Figures,
                    format!(
                        "column '{name}': every value fits a decimal {d} and the other reading \
                         ({}); read with a decimal {d}, as the '{}' delimiter suggests",
                        cells
                            .iter()
                            .find(|(_, c)| c.contains(['.', ',']))
                            .map_or(String::new(), |(l, c)| format!("line {l}: '{c}'")),
                        char::from(t.delimiter)
                    ),
                ));
                figure_cols.push((i, name, d));
            }
            Ok(ColumnFormat::Text) => {
                notes.push(Note::new(
                    &t.path,
                    NoteKind::Figures,
                    format!("column '{name}' holds text, not numbers; skipped"),
                ));
                let first = cells.iter().find(|(_, c)| !c.trim().is_empty());
                if let (None, Some((line, cell))) = (&text_column, first) {
                    text_column = Some((*line, name, cell.to_string()));
                }
            }
            Err(FormatProblem::NotANumber(line, cell)) => {
                return Err(row_err(
                    line,
                    format!(
                        "column '{name}': '{cell}' is not a number; expected a number (or an empty cell) like the other rows"
                    ),
                ));
            }
            Err(FormatProblem::Mixed(comma, point)) => {
                return Err(row_err(
                    comma,
                    format!(
                        "column '{name}': a decimal comma here and a decimal point on line {point}; expected one format in a column"
                    ),
                ));
            }
            Err(FormatProblem::Ambiguous(line, cell)) => {
                return Err(Error::AmbiguousDecimal {
                    path: t.path.clone(),
                    line,
                    column: name,
                    as_comma: parse_as(&cell, Decimal::Comma).unwrap_or(f64::NAN),
                    as_point: parse_as(&cell, Decimal::Point).unwrap_or(f64::NAN),
                    cell,
                });
            }
        }
    }
    if let (true, Some((line, name, cell))) = (figure_cols.is_empty(), text_column) {
        return Err(row_err(
            line,
            format!("column '{name}': '{cell}' is not a number; expected a column of numbers"),
        ));
    }
    if figure_cols.is_empty() {
        return Err(Error::MissingColumn {
            path: t.path.clone(),
            expected: "numeric figure".into(),
            found: t.header_text(),
        });
    }
    let mut seen: HashMap<UnitCode, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(t.rows.len());
    for r in &t.rows {
        let code: UnitCode = r
            .get(code_col)
            .trim()
            .parse()
            .map_err(|source| Error::Code {
                path: t.path.clone(),
                line: r.line,
                source,
            })?;
        if let Some(first) = seen.insert(code, r.line) {
            return Err(row_err(
                r.line,
                format!("unit {code} already has figures on line {first}; expected each unit once"),
            ));
        }
        let mut values = BTreeMap::new();
        for (i, name, decimal) in &figure_cols {
            let cell = r.get(*i);
            if cell.trim().is_empty() {
                continue;
            }
            let v = parse_as(cell, *decimal).ok_or_else(|| {
                row_err(
                    r.line,
                    format!("column '{name}': '{cell}' is not a number with a decimal {decimal}"),
                )
            })?;
            values.insert(name.clone(), if v == 0.0 { 0.0 } else { v });
        }
        rows.push(FigureRow {
            line: r.line,
            code,
            values,
        });
    }
    Ok(Figures {
        path: t.path.clone(),
        names: figure_cols.into_iter().map(|(_, n, _)| n).collect(),
        rows,
        notes,
    })
}

/// What [`attach`] did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attached {
    /// Units that received figures.
    pub units: usize,
    /// Rows whose code is not a unit of the atlas: (line, code).
    pub unknown: Vec<(usize, String)>,
    /// Units of the atlas without a row in the file.
    pub without: usize,
}

impl Attached {
    /// The report as notes (none when every row and unit matched).
    pub fn notes(&self, path: &str) -> Vec<Note> {
        let mut out = Vec::new();
        if !self.unknown.is_empty() {
            let list: Vec<String> = self
                .unknown
                .iter()
                .take(10)
                .map(|(l, c)| format!("{c} (line {l})"))
                .collect();
            out.push(Note::new(
                path,
                NoteKind::Figures,
                format!(
                    "{} row(s) name units that are not in the atlas, their figures are not used: {}{}",
                    self.unknown.len(),
                    list.join(", "),
                    if self.unknown.len() > 10 { ", …" } else { "" }
                ),
            ));
        }
        if self.without > 0 {
            out.push(Note::new(
                path,
                NoteKind::Figures,
                format!("{} unit(s) of the atlas have no row", self.without),
            ));
        }
        out
    }
}

/// Attaches figures to the units of an atlas (a figure already present is replaced).
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Unit, GemeenteCode};
/// use speelveld::io::figures::{attach, read_figures};
/// let mut atlas = Atlas::new(None);
/// atlas.add_unit(Unit::new("GM0363".parse::<GemeenteCode>().unwrap(), "Amsterdam")).unwrap();
/// let f = read_figures("f.csv", "code,inwoners\n363,931298\nGM9999,1\n").unwrap();
/// let a = attach(&mut atlas, &f);
/// assert_eq!(atlas.units()[0].figure("inwoners"), Some(931298.0));
/// assert_eq!(a.unknown, [(3, "GM9999".to_string())]);
/// ```
pub fn attach(atlas: &mut Atlas, figures: &Figures) -> Attached {
    let mut out = Attached::default();
    let mut hit = vec![false; atlas.units().len()];
    for r in &figures.rows {
        match atlas.unit_index(&r.code) {
            Some(i) => {
                if let Some(u) = atlas.units_mut().get_mut(i) {
                    u.figures
                        .extend(r.values.iter().map(|(k, v)| (k.clone(), *v)));
                }
                if let Some(h) = hit.get_mut(i) {
                    *h = true;
                }
                out.units += 1;
            }
            None => out.unknown.push((r.line, r.code.to_string())),
        }
    }
    out.without = hit.iter().filter(|h| !**h).count();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GemeenteCode, Unit};

    #[test]
    fn bad_values_name_file_line_and_column() {
        for (text, want) in [
            (
                "code,inw\nGM0001,1\nGM0002,NaN\n",
                "f.csv: line 3: column 'inw': 'NaN' is not a number",
            ),
            (
                "code,inw\nGM0001,1.234,5\n",
                "f.csv: line 2: 3 field(s); expected 2",
            ),
            (
                "code;inw\nGM0001;1.234,5\nGM0002;0.5\n",
                "f.csv: line 2: column 'inw': a decimal comma here and a decimal point on line 3",
            ),
            (
                "code\tinw\nGM0001\t233.273\n",
                "f.csv: line 2: column 'inw': '233.273' reads as 233273 with a decimal comma and as 233.273 with a decimal point",
            ),
            (
                "code,inw\nGM0001,1\n1,2\n",
                "f.csv: line 3: unit GM0001 already has figures on line 2",
            ),
            (
                "code,inw\nPO2707,1\n",
                "f.csv: line 2: 'PO2707' is not a gemeente code",
            ),
            (
                "regio,inw\nGM0001,1\n",
                "f.csv: line 1: no 'code' (or gemeentecode",
            ),
            (
                "code,naam\nGM0001,x\n",
                "f.csv: line 1: no numeric figure column",
            ),
        ] {
            let e = read_figures("f.csv", text).unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}");
        }
    }

    #[test]
    fn thousands_separators_negative_values_and_text_columns() {
        // A Dutch export: ';', a point between thousands, a decimal comma, a saldo that is
        // negative and a provincie column of text.
        let f = read_figures(
            "f.csv",
            "code;provincie;inwoners;saldo;dichtheid\nGM0363;Noord-Holland;931.298;-1.204;5.277,3\nGM0014;Groningen;238.147;310;1.213\n",
        )
        .unwrap();
        assert_eq!(f.names, ["inwoners", "saldo", "dichtheid"]);
        assert_eq!(f.rows[0].values["inwoners"], 931_298.0);
        assert_eq!(f.rows[0].values["saldo"], -1204.0);
        assert_eq!(f.rows[0].values["dichtheid"], 5277.3);
        assert_eq!(f.rows[1].values["dichtheid"], 1213.0);
        let notes: Vec<String> = f.notes.iter().map(|n| n.to_string()).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("column 'provincie' holds text")),
            "{notes:?}"
        );
        // inwoners and saldo fit both readings: the ';' decided, and a note says so.
        assert!(
            notes
                .iter()
                .any(|n| n.contains("column 'inwoners'") && n.contains("decimal comma")),
            "{notes:?}"
        );
        // The same values in a ',' file are decimals; given, the caller's choice holds.
        let f = read_figures("f.csv", "code,inwoners\nGM0363,931.298\n").unwrap();
        assert_eq!(f.rows[0].values["inwoners"], 931.298);
        let opts = FiguresOptions {
            decimal: Some(Decimal::Comma),
        };
        let f = read_figures_with("f.csv", "code\tinwoners\nGM0363\t931.298\n", opts).unwrap();
        assert_eq!(f.rows[0].values["inwoners"], 931_298.0);
    }

    #[test]
    fn empty_cells_decimal_commas_and_unknown_codes() {
        let f = read_figures(
            "f.csv",
            "\u{feff}Gemeentecode;Gemeentenaam;inw;jeugd\nGM0001;A;10,5;\nGM0003;C;7;1\n",
        )
        .unwrap();
        assert_eq!(f.names, ["inw", "jeugd"]);
        assert_eq!(f.rows[0].values.len(), 1);
        let mut atlas = Atlas::new(None);
        for i in [1u16, 2] {
            atlas
                .add_unit(Unit::new(GemeenteCode::from_number(i).unwrap(), "x"))
                .unwrap();
        }
        let a = attach(&mut atlas, &f);
        assert_eq!(atlas.units()[0].figure("inw"), Some(10.5));
        assert_eq!(atlas.units()[0].figure("jeugd"), None);
        assert_eq!((a.units, a.without), (1, 1));
        let notes: Vec<String> = a.notes("f.csv").iter().map(|n| n.to_string()).collect();
        assert_eq!(
            notes[0],
            "f.csv: 1 row(s) name units that are not in the atlas, their figures are not used: GM0003 (line 3)"
        );
        assert_eq!(notes[1], "f.csv: 1 unit(s) of the atlas have no row");
    }
}
