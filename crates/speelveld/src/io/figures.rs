//! Key figures per unit (`--figures FILE`): a delimited table with a unit code column and
//! numeric columns (inhabitants, youth 0–17, pupils, …), attached to the units of an atlas.
//!
//! - The code column is found by its header (`code`, `gemeentecode`, `statcode`, `gm_code`,
//!   `unit`, `pc4`, `postcode`); name columns (`naam`, `name`, `gemeentenaam`, `statnaam`)
//!   are skipped; every other column is a figure.
//! - Values are non-negative numbers; with `;` as delimiter a decimal comma is accepted
//!   (`1234,5`, as Dutch Excel writes). An empty cell means "unknown" and leaves the figure
//!   off that unit. Anything else (text, a negative number, NaN) is an error naming the file,
//!   the line and the column.
//! - A code given twice is an error naming both lines.
//! - Codes that are not units of the atlas are reported by
//!   [`attach`] in [`Attached::unknown`], not dropped.

use std::collections::{BTreeMap, HashMap};

use crate::error::Error;
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
}

/// Parses a figure value: a non-negative finite number; a decimal comma is accepted when
/// `decimal_comma` is set. `Ok(None)` for an empty cell.
fn parse_value(s: &str, decimal_comma: bool) -> Option<Option<f64>> {
    let t = s.trim();
    if t.is_empty() {
        return Some(None);
    }
    let owned;
    let t = if decimal_comma && t.contains(',') && !t.contains('.') {
        owned = t.replace(',', ".");
        owned.as_str()
    } else {
        t
    };
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Some(Some(if v == 0.0 { 0.0 } else { v })),
        _ => None,
    }
}

/// Reads figures from decoded text (see the module documentation).
///
/// # Examples
/// ```
/// use speelveld::io::figures::read_figures;
/// let f = read_figures("f.csv", "gemeentecode;naam;inwoners;jeugd\nGM0363;Amsterdam;931298;141000,5\n").unwrap();
/// assert_eq!(f.names, ["inwoners", "jeugd"]);
/// assert_eq!(f.rows[0].values["jeugd"], 141000.5);
/// let e = read_figures("f.csv", "code,inwoners\nGM0363,veel\n").unwrap_err().to_string();
/// assert_eq!(e, "f.csv: line 2: column 'inwoners': 'veel' is not a number; expected a non-negative number (or an empty cell)");
/// ```
pub fn read_figures(path: &str, text: &str) -> Result<Figures, Error> {
    let t = read_table(path, text)?;
    figures_from_table(&t)
}

/// Reads figures from a table already read.
pub fn figures_from_table(t: &DelimitedTable) -> Result<Figures, Error> {
    let code_col = t.column(CODE_COLUMNS[0], &CODE_COLUMNS[1..])?;
    let figure_cols: Vec<(usize, String)> = t
        .headers
        .iter()
        .enumerate()
        .filter(|&(i, h)| i != code_col && find_column(&[h], &NAME_COLUMNS).is_none())
        .map(|(i, h)| (i, h.clone()))
        .collect();
    if figure_cols.is_empty() {
        return Err(Error::MissingColumn {
            path: t.path.clone(),
            expected: "numeric figure".into(),
            found: t.header_text(),
        });
    }
    let decimal_comma = t.delimiter == b';';
    let mut seen: HashMap<UnitCode, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(t.rows.len());
    for r in &t.rows {
        let code: UnitCode = r.get(code_col).parse().map_err(|source| Error::Code {
            path: t.path.clone(),
            line: r.line,
            source,
        })?;
        if let Some(first) = seen.insert(code, r.line) {
            return Err(Error::Row {
                path: t.path.clone(),
                line: r.line,
                message: format!(
                    "unit {code} already has figures on line {first}; expected each unit once"
                ),
            });
        }
        let mut values = BTreeMap::new();
        for (i, name) in &figure_cols {
            let cell = r.get(*i);
            match parse_value(cell, decimal_comma) {
                Some(Some(v)) => {
                    values.insert(name.clone(), v);
                }
                Some(None) => {}
                None => {
                    return Err(Error::Row {
                        path: t.path.clone(),
                        line: r.line,
                        message: format!(
                            "column '{name}': '{cell}' is not a number; expected a non-negative number (or an empty cell)"
                        ),
                    });
                }
            }
        }
        rows.push(FigureRow {
            line: r.line,
            code,
            values,
        });
    }
    Ok(Figures {
        path: t.path.clone(),
        names: figure_cols.into_iter().map(|(_, n)| n).collect(),
        rows,
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
                "code,inw\nGM0001,-5\n",
                "f.csv: line 2: column 'inw': '-5' is not a number",
            ),
            (
                "code,inw\nGM0001,1\nGM0002,NaN\n",
                "f.csv: line 3: column 'inw': 'NaN' is not a number",
            ),
            (
                "code,inw\nGM0001,1.234,5\n",
                "f.csv: line 2: 3 field(s); expected 2",
            ),
            (
                "code;inw\nGM0001;1.234,5\n",
                "f.csv: line 2: column 'inw': '1.234,5' is not a number",
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
