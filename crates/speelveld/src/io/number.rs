//! Numbers as spreadsheets write them: a decimal comma or a decimal point, with or without
//! thousands separators (`233.273` is 233273 in a Dutch file and 233.273 in an English one).
//!
//! The format of a column is decided from all its values, never from one cell: a cell such
//! as `12,5` or `1.234.567` settles it, a cell such as `233.273` fits both. When no cell
//! settles it, the file's delimiter does (`;` is what Dutch Excel writes, with a decimal
//! comma; `,` leaves no room for a decimal comma); a tab-separated column of ambiguous
//! cells is an error that asks the caller to choose ([`Decimal`]).

use std::fmt;

/// The decimal separator of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `1.234,5`: a decimal comma, a point between thousands (Dutch).
    Comma,
    /// `1,234.5`: a decimal point, a comma between thousands (English).
    Point,
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Decimal::Comma => "comma",
            Decimal::Point => "point",
        })
    }
}

/// What one cell says about the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// Digits only (or empty): fits both.
    None,
    /// Fits both, read differently (`233.273`, `1,234`).
    Ambiguous,
    /// Only this separator reads the cell.
    Only(Decimal),
    /// No number in either format.
    NotANumber,
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Groups of three digits after the first group of one to three: `1.234.567`.
fn grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && digits(first)
        && first.len() <= 3
        && !first.starts_with('0')
        && rest.iter().all(|p| p.len() == 3 && digits(p))
}

/// The number part of a cell without its sign.
fn unsigned(cell: &str) -> &str {
    let t = cell.trim();
    t.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(t).trim()
}

fn evidence(cell: &str) -> Evidence {
    let t = unsigned(cell);
    if t.is_empty() || digits(t) {
        return Evidence::None;
    }
    if parse_as(cell, Decimal::Point).is_none() && parse_as(cell, Decimal::Comma).is_none() {
        return Evidence::NotANumber;
    }
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    match (dots, commas) {
        (1, 0) if grouped(t, '.') => Evidence::Ambiguous,
        (0, 1) if grouped(t, ',') => Evidence::Ambiguous,
        (_, 0) if grouped(t, '.') => Evidence::Only(Decimal::Comma),
        (0, _) if grouped(t, ',') => Evidence::Only(Decimal::Point),
        (_, 0) => Evidence::Only(Decimal::Point),
        (0, _) => Evidence::Only(Decimal::Comma),
        _ => match (t.rfind('.'), t.rfind(',')) {
            (Some(d), Some(c)) if c > d => Evidence::Only(Decimal::Comma),
            _ => Evidence::Only(Decimal::Point),
        },
    }
}

/// Reads a cell in a format: thousands separators (in groups of three) removed, the decimal
/// separator made a point. `None` when the cell is no number in that format.
///
/// # Examples
/// ```
/// use speelveld::io::number::{parse_as, Decimal};
/// assert_eq!(parse_as("233.273", Decimal::Comma), Some(233_273.0));
/// assert_eq!(parse_as("233.273", Decimal::Point), Some(233.273));
/// assert_eq!(parse_as("1.234,5", Decimal::Comma), Some(1234.5));
/// assert_eq!(parse_as("-12,5", Decimal::Comma), Some(-12.5));
/// assert_eq!(parse_as("12,5", Decimal::Point), None);
/// ```
pub fn parse_as(cell: &str, decimal: Decimal) -> Option<f64> {
    let t = cell.trim();
    let negative = t.starts_with(['-', '\u{2212}']);
    let body = unsigned(t);
    let (dec, thousands) = match decimal {
        Decimal::Comma => (',', '.'),
        Decimal::Point => ('.', ','),
    };
    let (int, frac) = match body.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int = if int.contains(thousands) {
        if !grouped(int, thousands) {
            return None;
        }
        int.replace(thousands, "")
    } else {
        int.to_string()
    };
    if !(digits(&int) || int.is_empty() && frac.is_some_and(digits)) {
        return None;
    }
    let text = match frac {
        Some(f) if digits(f) => format!("{int}.{f}"),
        Some(_) => return None,
        None => int,
    };
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(if negative { -v } else { v })
}

/// How a column's cells read.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnFormat {
    /// Numbers in this format.
    Numbers(Decimal),
    /// Numbers whose cells all fit both formats, read in this one because of the file's
    /// delimiter (a caller should say so).
    ByDelimiter(Decimal),
    /// No cell is a number: a text column (names, a provincie).
    Text,
}

/// Why a column's format cannot be decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatProblem {
    /// Cells settle it both ways: (line of a decimal-comma cell, line of a decimal-point cell).
    Mixed(usize, usize),
    /// Some cells are numbers and this one (line, cell) is not.
    NotANumber(usize, String),
    /// Every separator-holding cell fits both formats and the file does not say which
    /// (line and cell of the first).
    Ambiguous(usize, String),
}

/// Decides the format of a column from all its cells `(line, cell)`; `forced` is the
/// caller's choice, `delimiter` the file's.
///
/// # Examples
/// ```
/// use speelveld::io::number::{column_format, ColumnFormat, Decimal, FormatProblem};
/// let cells = [(2, "233.273"), (3, "1.024")];
/// assert_eq!(column_format(&cells, b';', None), Ok(ColumnFormat::ByDelimiter(Decimal::Comma)));
/// assert_eq!(column_format(&cells, b',', None), Ok(ColumnFormat::ByDelimiter(Decimal::Point)));
/// assert!(matches!(column_format(&cells, b'\t', None), Err(FormatProblem::Ambiguous(2, _))));
/// assert_eq!(column_format(&cells, b'\t', Some(Decimal::Comma)), Ok(ColumnFormat::Numbers(Decimal::Comma)));
/// assert_eq!(column_format(&[(2, "12,5"), (3, "233.273")], b'\t', None), Ok(ColumnFormat::Numbers(Decimal::Comma)));
/// assert_eq!(column_format(&[(2, "Utrecht"), (3, "Zeeland")], b';', None), Ok(ColumnFormat::Text));
/// ```
pub fn column_format(
    cells: &[(usize, &str)],
    delimiter: u8,
    forced: Option<Decimal>,
) -> Result<ColumnFormat, FormatProblem> {
    let mut comma = None;
    let mut point = None;
    let mut ambiguous = None;
    let mut text = None;
    let mut numbers = 0usize;
    for &(line, cell) in cells.iter().filter(|(_, c)| !c.trim().is_empty()) {
        match evidence(cell) {
            Evidence::None => numbers += 1,
            Evidence::Ambiguous => {
                numbers += 1;
                ambiguous = ambiguous.or(Some((line, cell)));
            }
            Evidence::Only(Decimal::Comma) => {
                numbers += 1;
                comma = comma.or(Some(line));
            }
            Evidence::Only(Decimal::Point) => {
                numbers += 1;
                point = point.or(Some(line));
            }
            Evidence::NotANumber => text = text.or(Some((line, cell))),
        }
    }
    if let Some((line, cell)) = text {
        return if numbers == 0 {
            Ok(ColumnFormat::Text)
        } else {
            Err(FormatProblem::NotANumber(line, cell.to_string()))
        };
    }
    if let Some(d) = forced {
        return Ok(ColumnFormat::Numbers(d));
    }
    match (comma, point, ambiguous) {
        (Some(c), Some(p), _) => Err(FormatProblem::Mixed(c, p)),
        (Some(_), None, _) => Ok(ColumnFormat::Numbers(Decimal::Comma)),
        (None, Some(_), _) => Ok(ColumnFormat::Numbers(Decimal::Point)),
        (None, None, None) => Ok(ColumnFormat::Numbers(Decimal::Point)),
        (None, None, Some((line, cell))) => match delimiter {
            b';' => Ok(ColumnFormat::ByDelimiter(Decimal::Comma)),
            b',' => Ok(ColumnFormat::ByDelimiter(Decimal::Point)),
            _ => Err(FormatProblem::Ambiguous(line, cell.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_settle_the_format_or_fit_both() {
        assert_eq!(evidence("931298"), Evidence::None);
        assert_eq!(evidence("233.273"), Evidence::Ambiguous);
        assert_eq!(evidence("1,234"), Evidence::Ambiguous);
        assert_eq!(evidence("1.234.567"), Evidence::Only(Decimal::Comma));
        assert_eq!(evidence("1,234,567"), Evidence::Only(Decimal::Point));
        assert_eq!(evidence("12,5"), Evidence::Only(Decimal::Comma));
        assert_eq!(evidence("0.33"), Evidence::Only(Decimal::Point));
        assert_eq!(evidence("0.333"), Evidence::Only(Decimal::Point));
        assert_eq!(evidence("1.234,5"), Evidence::Only(Decimal::Comma));
        assert_eq!(evidence("1,234.5"), Evidence::Only(Decimal::Point));
        assert_eq!(evidence("veel"), Evidence::NotANumber);
        assert_eq!(evidence("1.2.3"), Evidence::NotANumber);
    }

    #[test]
    fn a_column_with_both_formats_is_mixed() {
        let cells = [(2, "12,5"), (3, "0.33")];
        assert_eq!(
            column_format(&cells, b';', None),
            Err(FormatProblem::Mixed(2, 3))
        );
        let cells = [(2, "12"), (3, "veel")];
        assert_eq!(
            column_format(&cells, b';', None),
            Err(FormatProblem::NotANumber(3, "veel".into()))
        );
    }
}
