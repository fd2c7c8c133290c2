//! Key figures per unit (`--figures FILE`): a delimited table with a unit code column and
//! numeric columns (inhabitants, youth 0–17, pupils, …), attached to the units of an atlas.
//!
//! - The code column is found by its header (`code`, `gemeentecode`, `statcode`, `gm_code`,
//!   `unit`, `pc4`, `postcode`, and StatLine's `Codering_3`); name columns (`naam`, `name`,
//!   `gemeentenaam`, `statnaam`, StatLine's `Gemeentenaam_1`) are skipped; every other
//!   column is a figure. StatLine exports number their headers (`Codering_3`,
//!   `AantalInwoners_5`): the number is ignored when a header is matched, and kept in the
//!   figure's name. Without one of those code columns, StatLine's `WijkenEnBuurten` is the
//!   code column when its values are codes (the OData export), and a name column otherwise
//!   (the CSV export of labels); StatLine's `ID`, `SoortRegio` and
//!   `IndelingswijzigingWijkenEnBuurten` describe the row, not the unit, and are ignored.
//! - Codes may be padded with spaces (StatLine writes `GM0358    `). A row whose code is a
//!   wijk (`WK…`), a buurt (`BU…`) or the country (`NL00`) is no gemeente: it is skipped,
//!   and one note counts them (a StatLine export of all regions holds them all).
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

/// StatLine's code column (`Codering_3`), tried after [`CODE_COLUMNS`].
pub const STATLINE_CODE_COLUMN: &str = "codering";

/// StatLine's region column (`WijkenEnBuurten`): the code column when its values are codes,
/// a name column otherwise.
pub const STATLINE_REGION_COLUMN: &str = "wijkenenbuurten";

/// Header names of name columns, which are not figures.
pub const NAME_COLUMNS: [&str; 5] = ["naam", "name", "gemeentenaam", "statnaam", "gemeente_naam"];

/// StatLine columns that describe the row rather than the unit, ignored: the row number
/// (`ID`), the kind of region (`SoortRegio_2`) and whether its borders changed
/// (`IndelingswijzigingWijkenEnBuurten_4`, a number that is no figure).
pub const IGNORED_COLUMNS: [&str; 3] = ["id", "soortregio", "indelingswijzigingwijkenenbuurten"];

/// A header as matched against the known names: StatLine's number suffix (`_3` in
/// `Codering_3`) left off.
fn base_header(h: &str) -> &str {
    match h.trim_end().rsplit_once('_') {
        Some((base, n))
            if !base.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => h,
    }
}

/// The first header whose base ([`base_header`]) matches one of the aliases, in their order.
fn find_base(headers: &[String], aliases: &[&str]) -> Option<usize> {
    let bases: Vec<&str> = headers.iter().map(|h| base_header(h)).collect();
    find_column(&bases, aliases)
}

/// What a code cell is when it is no unit: a wijk, a buurt or the country (StatLine's
/// `WK001400`, `BU00140000`, `NL00`).
fn not_a_gemeente(cell: &str) -> Option<&'static str> {
    let t = cell.trim();
    let digits = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    let (prefix, rest) = (t.get(..2)?, t.get(2..)?);
    match prefix.to_ascii_uppercase().as_str() {
        "WK" if digits(rest) => Some("wijk"),
        "BU" if digits(rest) => Some("buurt"),
        "NL" if digits(rest) => Some("country"),
        _ => None,
    }
}

/// A cell with CBS's mark for an unknown or secret figure (`.`) read as an empty one.
fn unknown_mark(cell: &str) -> &str {
    if cell == "." { "" } else { cell }
}

/// True when a column's non-empty values are all codes (units, wijken, buurten or the
/// country), and there is at least one.
fn holds_codes(t: &DelimitedTable, col: usize) -> bool {
    let mut any = false;
    for r in &t.rows {
        let c = r.get(col);
        if c.is_empty() {
            continue;
        }
        if not_a_gemeente(c).is_none() && c.parse::<UnitCode>().is_err() {
            return false;
        }
        any = true;
    }
    any
}

/// The code column and the columns that are no figures (names, StatLine's row columns).
fn code_and_other_columns(t: &DelimitedTable) -> Result<(usize, Vec<usize>), Error> {
    let mut aliases: Vec<&str> = CODE_COLUMNS.to_vec();
    aliases.push(STATLINE_CODE_COLUMN);
    let region = find_base(&t.headers, &[STATLINE_REGION_COLUMN]);
    let code = match find_base(&t.headers, &aliases) {
        Some(c) => c,
        None => match region.filter(|&r| holds_codes(t, r)) {
            Some(r) => r,
            None => {
                return Err(Error::MissingColumn {
                    path: t.path.clone(),
                    expected: format!(
                        "'{}' (or {}, Codering, or WijkenEnBuurten holding codes)",
                        CODE_COLUMNS[0],
                        CODE_COLUMNS[1..].join(", ")
                    ),
                    found: t.header_text(),
                });
            }
        },
    };
    let other: Vec<usize> = (0..t.headers.len())
        .filter(|&i| {
            let h = [base_header(&t.headers[i])];
            i != code
                && (Some(i) == region
                    || find_column(&h, &NAME_COLUMNS).is_some()
                    || find_column(&h, &IGNORED_COLUMNS).is_some())
        })
        .collect();
    Ok((code, other))
}

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
///
/// JSON is not read: the CBS JSON of key figures (`{"Gemeente": {"GM1680": {"Naam": …,
/// "Population": …, "Demographics": {…}}}}`) nests its figures and holds mostly
/// percentages and rates, which do not add up over regions or through a herindeling; a
/// JSON file is an error that says to give the counts as a table.
pub fn read_figures_with(path: &str, text: &str, opts: FiguresOptions) -> Result<Figures, Error> {
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
    {
        return Err(Error::Row {
            path: path.into(),
            line: 1,
            message: "this is JSON; expected a delimited table (',', ';' or tab) with a unit code column and a column per figure (counts, which add up over regions)".into(),
        });
    }
    let t = read_table(path, text)?;
    figures_from_table(&t, opts)
}

/// Reads figures from a table already read.
pub fn figures_from_table(t: &DelimitedTable, opts: FiguresOptions) -> Result<Figures, Error> {
    let (code_col, other) = code_and_other_columns(t)?;
    // Rows of wijken, buurten and the country are no units: left out of every column.
    let mut skipped: BTreeMap<&'static str, (usize, usize, String)> = BTreeMap::new();
    let rows: Vec<&crate::io::text::TableRow> = t
        .rows
        .iter()
        .filter(|r| match not_a_gemeente(r.get(code_col)) {
            Some(kind) => {
                let e = skipped
                    .entry(kind)
                    .or_insert_with(|| (0, r.line, r.get(code_col).to_string()));
                e.0 += 1;
                false
            }
            None => true,
        })
        .collect();
    let candidates: Vec<(usize, String)> = t
        .headers
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != code_col && !other.contains(&i))
        .map(|(i, h)| (i, h.clone()))
        .collect();
    let row_err = |line: usize, message: String| Error::Row {
        path: t.path.clone(),
        line,
        message,
    };
    let mut notes = Vec::new();
    if !skipped.is_empty() {
        let n: usize = skipped.values().map(|v| v.0).sum();
        let kinds: Vec<String> = skipped
            .iter()
            .map(|(kind, (count, line, code))| {
                let what = match (*kind, *count) {
                    ("country", _) => "the country".to_string(),
                    (k, 1) => format!("1 {k}"),
                    (k, c) => format!("{c} {k}en"),
                };
                format!("{what} (first: {code}, line {line})")
            })
            .collect();
        notes.push(Note::new(
            &t.path,
            NoteKind::Figures,
            format!(
                "{n} row(s) are no gemeenten and were skipped: {}",
                kinds.join(", ")
            ),
        ));
    }
    let mut figure_cols: Vec<(usize, String, Decimal)> = Vec::new();
    // The first text column, for the error when no column holds numbers.
    let mut text_column: Option<(usize, String, String)> = None;
    for (i, name) in candidates {
        let cells: Vec<(usize, &str)> = rows
            .iter()
            .map(|r| (r.line, unknown_mark(r.get(i))))
            .collect();
        let marked = rows.iter().filter(|r| r.get(i) == ".").count();
        let format = column_format(&cells, t.delimiter, opts.decimal);
        if marked > 0
            && matches!(
                format,
                Ok(ColumnFormat::Numbers(_) | ColumnFormat::ByDelimiter(_))
            )
        {
            notes.push(Note::new(
                &t.path,
                NoteKind::Figures,
                format!(
                    "column '{name}': {marked} cell(s) hold '.', CBS's mark for a figure that is unknown or secret; read as empty (the unit lacks that figure)"
                ),
            ));
        }
        match format {
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
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
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
            let cell = unknown_mark(r.get(*i));
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
        out.push(FigureRow {
            line: r.line,
            code,
            values,
        });
    }
    Ok(Figures {
        path: t.path.clone(),
        names: figure_cols.into_iter().map(|(_, n, _)| n).collect(),
        rows: out,
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
    /// Units of the atlas without a row in the file: (code, name), in atlas order.
    pub without: Vec<(UnitCode, String)>,
}

/// How many codes a note names before it counts the rest.
pub const NAMED_IN_A_NOTE: usize = 10;

/// `a, b, c` of the first [`NAMED_IN_A_NOTE`] items, then `and N more`.
pub fn first_few(items: impl IntoIterator<Item = String>) -> String {
    let all: Vec<String> = items.into_iter().collect();
    let mut text = all
        .iter()
        .take(NAMED_IN_A_NOTE)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > NAMED_IN_A_NOTE {
        text.push_str(&format!(" and {} more", all.len() - NAMED_IN_A_NOTE));
    }
    text
}

impl Attached {
    /// The report as notes (none when every row and unit matched).
    pub fn notes(&self, path: &str) -> Vec<Note> {
        let mut out = Vec::new();
        if !self.unknown.is_empty() {
            out.push(Note::new(
                path,
                NoteKind::Figures,
                format!(
                    "{} row(s) name units that are not in the atlas, their figures are not used: {}",
                    self.unknown.len(),
                    first_few(self.unknown.iter().map(|(l, c)| format!("{c} (line {l})")))
                ),
            ));
        }
        if !self.without.is_empty() {
            out.push(Note::new(
                path,
                NoteKind::Figures,
                format!(
                    "{} unit(s) of the atlas have no row, so they lack these figures: {}",
                    self.without.len(),
                    first_few(self.without.iter().map(|(c, n)| if n.is_empty() {
                        c.to_string()
                    } else {
                        format!("{c} {n}")
                    }))
                ),
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
    out.without = atlas
        .units()
        .iter()
        .zip(&hit)
        .filter(|(_, h)| !**h)
        .map(|(u, _)| (u.code, u.name.clone()))
        .collect();
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
                "{\"Gemeente\": {\"GM1680\": {\"Population\": 25399}}}",
                "f.csv: line 1: this is JSON; expected a delimited table",
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
        assert_eq!(a.units, 1);
        assert_eq!(a.without, [("GM0002".parse().unwrap(), "x".to_string())]);
        let notes: Vec<String> = a.notes("f.csv").iter().map(|n| n.to_string()).collect();
        assert_eq!(
            notes[0],
            "f.csv: 1 row(s) name units that are not in the atlas, their figures are not used: GM0003 (line 3)"
        );
        assert_eq!(
            notes[1],
            "f.csv: 1 unit(s) of the atlas have no row, so they lack these figures: GM0002 x"
        );
    }

    /// A StatLine export of 85039NED (Kerncijfers wijken en buurten 2021), cut to a few rows
    /// of each kind; Groningen 233,273 and Almere 214,715 inhabitants as in CBS's table
    /// (and in `data/cbs/2021/kerncijfers_gemeenten_2021.csv`).
    const STATLINE: &str = "\"ID\";\"WijkenEnBuurten\";\"Gemeentenaam_1\";\"SoortRegio_2\";\"Codering_3\";\"IndelingswijzigingWijkenEnBuurten_4\";\"AantalInwoners_5\";\"GemiddeldeWoningwaarde_35\"\n\
        0;\"Nederland\";\"Nederland      \";\"Land      \";\"NL00      \";\".\";17475415;290\n\
        1;\"Groningen\";\"Groningen      \";\"Gemeente  \";\"GM0014    \";\".\";233273;209\n\
        2;\"Wijk 00 Centrum\";\"Groningen      \";\"Wijk      \";\"WK001400  \";\"1\";22535;.\n\
        3;\"Binnenstad-Noord\";\"Groningen      \";\"Buurt     \";\"BU00140000\";\"1\";3760;.\n\
        4;\"Binnenstad-Zuid\";\"Groningen      \";\"Buurt     \";\"BU00140001\";\"1\";4895;.\n\
        5;\"Almere\";\"Almere         \";\"Gemeente  \";\"  GM0034    \";\".\";214715;.\n";

    #[test]
    fn a_statline_export_is_read_by_its_headers_and_keeps_every_gemeente() {
        let f = read_figures("85039NED.csv", STATLINE).unwrap();
        // Codering_3 is the code column; ID, WijkenEnBuurten (labels here), the name, the
        // kind of region and the change flag are no figures.
        assert_eq!(f.names, ["AantalInwoners_5", "GemiddeldeWoningwaarde_35"]);
        // Both gemeenten kept, padded codes and all; the country, the wijk and the two
        // buurten skipped, and one note counts them.
        let rows: Vec<(String, f64)> = f
            .rows
            .iter()
            .map(|r| (r.code.to_string(), r.values["AantalInwoners_5"]))
            .collect();
        assert_eq!(
            rows,
            [("GM0014".into(), 233_273.0), ("GM0034".into(), 214_715.0)]
        );
        assert_eq!((f.rows[0].line, f.rows[1].line), (3, 7));
        let notes: Vec<String> = f.notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            notes,
            [
                "85039NED.csv: 4 row(s) are no gemeenten and were skipped: 2 buurten (first: BU00140000, line 5), the country (first: NL00, line 2), 1 wijk (first: WK001400, line 4)",
                "85039NED.csv: column 'GemiddeldeWoningwaarde_35': 1 cell(s) hold '.', CBS's mark for a figure that is unknown or secret; read as empty (the unit lacks that figure)",
            ]
        );
        assert_eq!(f.rows[1].values.get("GemiddeldeWoningwaarde_35"), None);
        assert_eq!(f.rows[0].values["GemiddeldeWoningwaarde_35"], 209.0);
    }

    #[test]
    fn wijken_en_buurten_is_the_code_column_when_it_holds_codes() {
        // The OData export: WijkenEnBuurten holds padded codes, and there is no Codering.
        let f = read_figures(
            "odata.csv",
            "ID,WijkenEnBuurten,Gemeentenaam_1,AantalInwoners_5\n0,NL00      ,Nederland,17475415\n1,GM0014    ,Groningen,233273\n2,WK001400  ,Groningen,22535\n",
        )
        .unwrap();
        assert_eq!(f.names, ["AantalInwoners_5"]);
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].code.to_string(), "GM0014");
        // Labels in WijkenEnBuurten and no other code column: the error names what is looked for.
        let e = read_figures(
            "labels.csv",
            "ID;WijkenEnBuurten;AantalInwoners_5\n1;Groningen;233273\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("labels.csv: line 1: no 'code' (or gemeentecode, statcode, gm_code, unit, pc4, postcode, Codering, or WijkenEnBuurten holding codes) column"),
            "{e}"
        );
    }

    #[test]
    fn the_units_without_a_row_are_named_first_few_then_counted() {
        let mut atlas = Atlas::new(None);
        for i in 1u16..=13 {
            atlas
                .add_unit(Unit::new(
                    GemeenteCode::from_number(i).unwrap(),
                    format!("G{i}"),
                ))
                .unwrap();
        }
        let f = read_figures("f.csv", "code,inw\nGM0001,1\n").unwrap();
        let notes = attach(&mut atlas, &f).notes("f.csv");
        assert_eq!(
            notes[0].to_string(),
            "f.csv: 12 unit(s) of the atlas have no row, so they lack these figures: GM0002 G2, \
             GM0003 G3, GM0004 G4, GM0005 G5, GM0006 G6, GM0007 G7, GM0008 G8, GM0009 G9, \
             GM0010 G10, GM0011 G11 and 2 more"
        );
    }
}
