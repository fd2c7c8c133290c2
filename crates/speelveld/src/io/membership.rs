//! Membership CSV: `unit,region[,region_name][,share]`, one row per unit and region.
//!
//! Headers are matched case-, space- and underscore-insensitively with aliases
//! ([`UNIT_COLUMNS`], [`REGION_COLUMNS`], [`REGION_NAME_COLUMNS`], [`SHARE_COLUMNS`]); the
//! delimiter (`,` `;` tab) and the encoding (UTF-8, with BOM, Windows-1252) are detected by
//! [`crate::io::text`]. Units are given by code (`GM0363`, `363`, `1011`) or by name. A share
//! may be written `0.25`, `0,25` or `25%`; without a share column each row is a whole unit.
//!
//! Rows whose unit is not in the atlas are kept as [`crate::model::Unresolved`] rows (validation reports
//! them); malformed rows are an error naming the file, the line and what was expected.
//!
//! # Examples
//! ```
//! use speelveld::{Atlas, Unit, GemeenteCode};
//! use speelveld::io::{text::read_table, membership::read_membership};
//! use speelveld::model::UnitLookup;
//! let mut atlas = Atlas::new(None);
//! atlas.add_unit(Unit::new("GM0363".parse::<GemeenteCode>().unwrap(), "Amsterdam")).unwrap();
//! let t = read_table("x.csv", "GM code;Regiocode;Regionaam;Aandeel\n363;R1;Noord;0,25\n363;R2;Zuid;75%\n").unwrap();
//! let l = read_membership(&t, "x", &UnitLookup::new(&atlas)).unwrap();
//! assert_eq!(l.regions().len(), 2);
//! assert_eq!(l.members()[1].share, 0.75);
//! assert!(!l.whole_units);
//! ```

use std::collections::HashMap;

use crate::error::Error;
use crate::io::text::DelimitedTable;
use crate::io::units::{Attach, UNIT_NAME_COLUMNS};
use crate::model::UnitLookup;
use crate::model::{Layout, RegionCode};

/// Accepted headers for the unit column, preferred first.
pub const UNIT_COLUMNS: &[&str] = &[
    "unit",
    "gemeentecode",
    "gemeente_code",
    "gm_code",
    "gmcode",
    "statcode",
    "pc4",
    "postcode",
    "gemeente",
    "gemeentenaam",
];
/// Accepted headers for the region column, preferred first.
pub const REGION_COLUMNS: &[&str] = &[
    "region",
    "regiocode",
    "regio_code",
    "region_code",
    "regio",
    "swv",
    "code",
];
/// Accepted headers for the region-name column, preferred first.
pub const REGION_NAME_COLUMNS: &[&str] = &[
    "region_name",
    "regionaam",
    "regio_naam",
    "regioname",
    "naam",
    "name",
];
/// Accepted headers for the share column, preferred first.
pub const SHARE_COLUMNS: &[&str] = &["share", "aandeel", "fraction", "fractie", "deel"];

fn column(table: &DelimitedTable, aliases: &[&str]) -> Result<usize, Error> {
    let (first, rest) = aliases.split_first().unwrap_or((&"unit", &[]));
    table.column(first, rest)
}

fn optional(table: &DelimitedTable, aliases: &[&str]) -> Option<usize> {
    let (first, rest) = aliases.split_first()?;
    table.optional_column(first, rest)
}

/// Parses a share: `0.25`, `0,25`, `25%`. Must lie in (0, 1].
pub fn parse_share(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let (num, scale) = match t.strip_suffix('%') {
        Some(p) => (p.trim(), 100.0),
        None => (t, 1.0),
    };
    let v: f64 = num.replace(',', ".").parse().map_err(|_| {
        format!(
            "share '{text}' is not a number; expected a share in (0, 1] such as 0.25, 0,25 or 25%"
        )
    })?;
    let v = v / scale;
    if v.is_finite() && v > 0.0 && v <= 1.0 + 1e-9 {
        Ok(v.min(1.0))
    } else {
        Err(format!(
            "share '{text}' lies outside (0, 1]; expected a share such as 0.25, 0,25 or 25%"
        ))
    }
}

/// Reads a membership table as a layout named `name`.
pub fn read_membership(
    table: &DelimitedTable,
    name: &str,
    units: &UnitLookup,
) -> Result<Layout, Error> {
    let unit_col = column(table, UNIT_COLUMNS)?;
    let region_col = column(table, REGION_COLUMNS)?;
    let name_col =
        optional(table, REGION_NAME_COLUMNS).filter(|&c| c != unit_col && c != region_col);
    let share_col = optional(table, SHARE_COLUMNS);
    let unit_name_col = optional(table, UNIT_NAME_COLUMNS).filter(|&c| {
        c != unit_col && c != region_col && Some(c) != name_col && Some(c) != share_col
    });
    if table.rows.is_empty() {
        return Err(Error::Empty {
            path: table.path.clone(),
            expected: "membership rows (unit, region) below the header".into(),
        });
    }
    let mut layout = Layout::new(name);
    layout.source = table.path.clone();
    layout.whole_units = share_col.is_none();
    let row_err = |line: usize, message: String| Error::Row {
        path: table.path.clone(),
        line,
        message,
    };
    let mut members = Vec::with_capacity(table.rows.len());
    // Lines of each unit cell, and which of them have an empty share cell.
    let mut share_lines: HashMap<&str, Vec<(usize, bool)>> = HashMap::new();
    for row in &table.rows {
        let unit = row.get(unit_col);
        if unit.is_empty() {
            return Err(row_err(
                row.line,
                "the unit cell is empty; expected a unit code or name".into(),
            ));
        }
        let code = row.get(region_col);
        if code.is_empty() {
            return Err(row_err(
                row.line,
                format!("the region cell is empty for unit '{unit}'; expected a region code"),
            ));
        }
        let region: RegionCode = code.parse().map_err(|source| Error::Code {
            path: table.path.clone(),
            line: row.line,
            source,
        })?;
        let share = match share_col.map(|c| row.get(c)) {
            None => 1.0,
            Some("") => {
                share_lines.entry(unit).or_default().push((row.line, true));
                1.0
            }
            Some(s) => {
                share_lines.entry(unit).or_default().push((row.line, false));
                parse_share(s).map_err(|m| row_err(row.line, m))?
            }
        };
        let r = layout.add_region(region.clone(), name_col.map_or("", |c| row.get(c)));
        let origin = format!("{}:{}", table.path, row.line);
        let row = Attach {
            cell: unit,
            unit_name: unit_name_col.map_or("", |c| row.get(c)),
            region,
            region_idx: r,
            share,
            origin,
        };
        units.attach(row, &mut layout, &mut members);
    }
    // An empty share cell counts the whole unit, unless the unit has other rows: then it is
    // a share left out, and counting the unit whole again would count it twice.
    let mut partial: Vec<(&str, &Vec<(usize, bool)>)> = share_lines
        .iter()
        .filter(|(_, rows)| rows.len() > 1 && rows.iter().any(|&(_, empty)| empty))
        .map(|(u, rows)| (*u, rows))
        .collect();
    partial.sort_by_key(|(_, rows)| rows.first().map_or(0, |r| r.0));
    if let Some((unit, rows)) = partial.first() {
        let lines: Vec<String> = rows.iter().map(|(l, _)| l.to_string()).collect();
        let empty = rows.iter().find(|r| r.1).map_or(0, |r| r.0);
        return Err(row_err(
            empty,
            format!(
                "the share cell is empty for unit '{unit}', which has {} rows (lines {}); \
                 expected a share on every row of a split unit",
                rows.len(),
                lines.join(", ")
            ),
        ));
    }
    layout.extend_members(members);
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fixtures::{gemeenten_atlas, real_table};
    use crate::io::text::{decode, read_table};

    /// A membership file written from the real 2025 table (code, jeugdzorgregio, name).
    fn real_membership(delim: &str) -> String {
        let t = real_table("cbs/2025/gemeente_regions_spatial.csv");
        let mut out = format!("Gemeentecode{delim}Regiocode{delim}Regionaam\n");
        for r in &t.rows {
            out.push_str(&format!(
                "{}{delim}{}{delim}{}\n",
                r.get(0),
                r.get(2),
                r.get(3)
            ));
        }
        out
    }

    #[test]
    fn real_rows_in_every_delimiter_and_encoding() {
        let a = gemeenten_atlas(2025);
        let l = UnitLookup::new(&a);
        for d in [",", ";", "\t"] {
            let text = real_membership(d);
            let layout = read_membership(&read_table("m.csv", &text).unwrap(), "jz", &l).unwrap();
            assert_eq!(
                (layout.regions().len(), layout.unit_count()),
                (42, 342),
                "{d:?}"
            );
            assert!(layout.whole_units && layout.unresolved.is_empty());
        }
        // The same in Windows-1252 (names with â and ú).
        let text = real_membership(";");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let t = read_table("w.csv", &decode("w.csv", &bytes).unwrap()).unwrap();
        let layout = read_membership(&t, "jz", &l).unwrap();
        assert!(
            layout
                .regions()
                .iter()
                .any(|r| r.name == "Friesland (Fryslân)")
        );
    }

    #[test]
    fn unknown_and_duplicate_codes_are_kept_not_dropped() {
        let a = gemeenten_atlas(2025);
        let t = read_table(
            "u.csv",
            "unit,region,share\nGM0363,A,1\nGM0381,B,1\nGM0363,A,1\nZwolle,C,50%\nZwolle,D,0.5\n",
        )
        .unwrap();
        let l = read_membership(&t, "x", &UnitLookup::new(&a)).unwrap();
        assert_eq!(l.unresolved.len(), 1);
        assert_eq!(l.unresolved[0].origin, "u.csv:3");
        assert_eq!(
            l.members().len(),
            4,
            "the duplicate GM0363 row is kept for validation"
        );
    }

    #[test]
    fn bad_rows_name_file_line_and_expectation() {
        let a = gemeenten_atlas(2025);
        let l = UnitLookup::new(&a);
        let cases = [
            (
                "unit,region\nGM0363;JZ13\n",
                "line 2: 1 field(s); expected 2 separated by ','",
            ),
            ("unit,naam\nGM0363,X\n", "line 1: no 'region' (or regiocode"),
            ("regio,naam\nJZ13,X\n", "line 1: no 'unit' (or gemeentecode"),
            (
                "unit,region,share\nGM0363,A,half\n",
                "line 2: share 'half' is not a number; expected",
            ),
            (
                "unit,region,share\nGM0363,A,1.5\n",
                "line 2: share '1.5' lies outside (0, 1]",
            ),
            ("unit,region\nGM0363,\n", "line 2: the region cell is empty"),
            (
                "unit,region\n",
                "the file is empty; expected membership rows",
            ),
        ];
        for (text, want) in cases {
            let e = read_table("b.csv", text)
                .and_then(|t| read_membership(&t, "x", &l))
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("b.csv") && e.contains(want), "{text:?}: {e}");
        }
    }
}
