//! Wide tables: one row per gemeente with several layouts as column pairs (a code column and
//! a name column), as CBS "Gebieden in Nederland" or a hand-made export has them.
//!
//! A pair is a header ending in `code` (`jeugdzorgregio_code`, `GGDregio code`) or starting
//! with it (`CodeJeugdregio`), with an optional name column of the same stem
//! (`jeugdzorgregio_name`, `…naam`, `Naam…`). The layout is named after the stem. Without
//! such a header, the name partner is the column headed by the stem alone (`Provincie` for
//! `provincieCode`), else the column whose content names each code once
//! ([`NameFound`]); [`partner_notes`] says which was taken.
//!
//! # Examples
//! ```
//! use speelveld::{Atlas, Unit, GemeenteCode};
//! use speelveld::io::{text::read_table, wide_table::read_wide_layouts};
//! use speelveld::model::UnitLookup;
//! let mut atlas = Atlas::new(None);
//! atlas.add_unit(Unit::new("GM0363".parse::<GemeenteCode>().unwrap(), "Amsterdam")).unwrap();
//! let t = read_table("w.csv", "statcode,statnaam,jeugdzorgregio_code,jeugdzorgregio_name,ggdregio_code\n\
//!                              GM0363,Amsterdam,JZ13,Amsterdam-Amstelland,GG3406\n").unwrap();
//! let layouts = read_wide_layouts(&t, &UnitLookup::new(&atlas)).unwrap();
//! assert_eq!(layouts.len(), 2);
//! assert_eq!(layouts[0].name(), "jeugdzorgregio");
//! assert_eq!(layouts[0].regions()[0].name, "Amsterdam-Amstelland");
//! assert_eq!(layouts[1].name(), "ggdregio");
//! ```

use crate::error::Error;
use crate::io::text::{DelimitedTable, normalise_header};
use crate::io::units::{Attach, UNIT_NAME_COLUMNS};
use crate::model::UnitLookup;
use crate::model::{Layout, Note, NoteKind, RegionCode};

/// Header names accepted for the unit column of a wide table, preferred first.
pub const UNIT_COLUMNS: &[&str] = &[
    "statcode",
    "gemeentecode",
    "gemeente_code",
    "gm_code",
    "gmcode",
    "unit",
    "code",
    "pc4",
    "postcode",
    "gemeente",
];

/// One layout found in a wide table: its name and the columns of its code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPair {
    /// The layout name, from the stem of the code header, lowercase (`jeugdzorgregio`).
    pub layout: String,
    /// The code column.
    pub code: usize,
    /// The name column, when there is one.
    pub name: Option<usize>,
    /// How the name column was found, when not by a name header of the stem
    /// (`jeugdzorgregio_name`, `…naam`, `Naam…`).
    pub name_found: Option<NameFound>,
}

/// How a code column's name partner was found when no name header of its stem names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFound {
    /// Headed by the stem alone: `Provincie` beside `provincieCode`.
    Stem,
    /// By content: one name for each code and another for each other code (the first
    /// such column after the code column, else before it).
    Content,
}

/// True when column `name` holds exactly one non-empty text per code of column `code`, a
/// different one for each code, and at least two codes: the name partner of `code` by
/// content. Numbers (a count per region) do not name regions.
fn names_codes(table: &DelimitedTable, code: usize, name: usize) -> bool {
    use std::collections::HashMap;
    let mut by_code: HashMap<&str, &str> = HashMap::new();
    let mut by_name: HashMap<&str, &str> = HashMap::new();
    for row in &table.rows {
        let (c, n) = (row.get(code), row.get(name));
        if c.is_empty() {
            continue;
        }
        if n.is_empty() || n.parse::<f64>().is_ok() {
            return false;
        }
        if *by_code.entry(c).or_insert(n) != n || *by_name.entry(n).or_insert(c) != c {
            return false;
        }
    }
    by_code.len() >= 2
}

/// The stem of a code header (`jeugdzorgregio` for `Jeugdzorgregio_code`), if it is one.
fn code_stem(header: &str) -> Option<String> {
    let h = normalise_header(header);
    let stem = h.strip_suffix("code").or_else(|| h.strip_prefix("code"))?;
    (!stem.is_empty()).then(|| stem.to_string())
}

/// Finds every code + name column pair of a wide table, leaving out the unit column.
pub fn column_pairs(table: &DelimitedTable, unit_column: usize) -> Vec<ColumnPair> {
    let norm: Vec<String> = table.headers.iter().map(|h| normalise_header(h)).collect();
    let mut out = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        if i == unit_column {
            continue;
        }
        let Some(stem) = code_stem(h) else { continue };
        let names = [
            format!("{stem}name"),
            format!("{stem}naam"),
            format!("{stem}nm"),
            format!("naam{stem}"),
            format!("name{stem}"),
        ];
        let name = norm.iter().position(|n| names.contains(n));
        out.push(ColumnPair {
            layout: stem,
            code: i,
            name,
            name_found: None,
        });
    }
    // Name partners of the pairs still without one: by the stem alone, then by content,
    // never a column another pair (or the unit column) already holds.
    let codes: Vec<usize> = out.iter().map(|p| p.code).collect();
    for k in 0..out.len() {
        let Some(p) = out.get(k) else { continue };
        if p.name.is_some() {
            continue;
        }
        let (code, stem) = (p.code, p.layout.clone());
        let taken: Vec<usize> = out.iter().filter_map(|q| q.name).collect();
        let free = |j: &usize| *j != unit_column && !codes.contains(j) && !taken.contains(j);
        let by_stem = (0..norm.len())
            .filter(free)
            .find(|&j| norm.get(j).is_some_and(|n| *n == stem))
            .map(|j| (j, NameFound::Stem));
        let by_content = || {
            (code + 1..norm.len())
                .chain(0..code)
                .filter(free)
                .find(|&j| names_codes(table, code, j))
                .map(|j| (j, NameFound::Content))
        };
        if let (Some(p), Some((j, how))) = (out.get_mut(k), by_stem.or_else(by_content)) {
            p.name = Some(j);
            p.name_found = Some(how);
        }
    }
    out
}

/// One note for each code column of `table` whose name partner was found by its header's
/// stem or by content ([`NameFound`]); with `column`, only for that code column (its header
/// or stem, as [`read_wide_column`] takes it).
///
/// # Examples
/// ```
/// use speelveld::io::{text::read_table, wide_table::partner_notes};
/// let t = read_table("k.csv", "statcode;provincieCode;Provincie\nGM0363;PV27;Noord-Holland\nGM0344;PV26;Utrecht\n").unwrap();
/// let notes = partner_notes(&t, None);
/// assert!(notes[0].text.contains("name column 'Provincie' of 'provincieCode'"));
/// ```
pub fn partner_notes(table: &DelimitedTable, column: Option<&str>) -> Vec<Note> {
    let Ok(unit) = unit_column(table) else {
        return Vec::new();
    };
    let wanted = column.map(normalise_header);
    let header = |i: usize| table.headers.get(i).map_or("", String::as_str);
    column_pairs(table, unit)
        .into_iter()
        .filter(|p| {
            wanted
                .as_ref()
                .is_none_or(|w| *w == normalise_header(header(p.code)) || *w == p.layout)
        })
        .filter_map(|p| {
            let how = match p.name_found? {
                NameFound::Stem => "by its header (the stem of the code header)".to_string(),
                NameFound::Content => {
                    let codes: std::collections::HashSet<&str> = table
                        .rows
                        .iter()
                        .map(|r| r.get(p.code))
                        .filter(|c| !c.is_empty())
                        .collect();
                    format!(
                        "by its content (one name for each of {} codes)",
                        codes.len()
                    )
                }
            };
            Some(Note::new(
                &table.path,
                NoteKind::ColumnByContent,
                format!(
                    "name column '{}' of '{}' taken {how}",
                    header(p.name?),
                    header(p.code)
                ),
            ))
        })
        .collect()
}

/// The unit column of a wide table (see [`UNIT_COLUMNS`]).
pub fn unit_column(table: &DelimitedTable) -> Result<usize, Error> {
    let (first, rest) = UNIT_COLUMNS.split_first().unwrap_or((&"statcode", &[]));
    table.column(first, rest)
}

/// The column whose values are gemeente codes (`GM0363`), when no header names the unit
/// column: the one with the most of them, if at least nine in ten of its filled cells are
/// codes (none when a header is itself a code: the file has no header line). Returns the
/// column and how many codes it holds. A real CBS export heads its code
/// column `gemeentCode`; no alias list can foresee every spelling.
///
/// # Examples
/// ```
/// use speelveld::io::text::read_table;
/// use speelveld::io::wide_table::unit_column_by_content;
/// let t = read_table("k.csv", "gemeentCode;jz\nGM0363;JZ13\nGM0014;JZ01\n").unwrap();
/// assert_eq!(unit_column_by_content(&t), Some((0, 2)));
/// ```
pub fn unit_column_by_content(table: &DelimitedTable) -> Option<(usize, usize)> {
    let is_code = |v: &str| {
        let v = v.trim();
        v.len() == 6
            && v.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("GM"))
            && v.get(2..)
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
    };
    // A header that is itself a code is a file without a header line: nothing to find.
    if table.headers.iter().any(|h| is_code(h)) {
        return None;
    }
    (0..table.headers.len())
        .filter_map(|c| {
            let filled: Vec<&str> = table
                .rows
                .iter()
                .map(|r| r.get(c))
                .filter(|v| !v.trim().is_empty())
                .collect();
            let codes = filled.iter().filter(|v| is_code(v)).count();
            (codes > 0 && codes * 10 >= filled.len() * 9).then_some((c, codes))
        })
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
}

/// Reads every column pair of a wide table as a layout (whole units: one region per row).
/// An empty table, or one without any pair, is an error naming the file.
pub fn read_wide_layouts(table: &DelimitedTable, units: &UnitLookup) -> Result<Vec<Layout>, Error> {
    let unit = unit_column(table)?;
    let pairs = column_pairs(table, unit);
    if pairs.is_empty() {
        return Err(Error::MissingColumn {
            path: table.path.clone(),
            expected: "code column pair (a header ending in 'code', e.g. jeugdzorgregio_code, with an optional …_name)"
                .into(),
            found: table.header_text(),
        });
    }
    pairs
        .iter()
        .map(|p| read_pair(table, unit, p, &p.layout, units))
        .collect()
}

/// Reads one column of a wide table as a layout named `name`. `column` names the code column
/// (`jeugdzorgregio_code`) or its stem (`jeugdzorgregio`); the name column is paired with it.
pub fn read_wide_column(
    table: &DelimitedTable,
    column: &str,
    name: &str,
    units: &UnitLookup,
) -> Result<Layout, Error> {
    let unit = unit_column(table)?;
    let wanted = normalise_header(column);
    let pairs = column_pairs(table, unit);
    let pair = pairs
        .iter()
        .find(|p| {
            table
                .headers
                .get(p.code)
                .is_some_and(|h| normalise_header(h) == wanted)
        })
        .or_else(|| pairs.iter().find(|p| p.layout == wanted))
        .cloned()
        .or_else(|| {
            // Any other column: codes without names.
            table
                .optional_column(column, &[])
                .filter(|&i| i != unit)
                .map(|i| ColumnPair {
                    layout: wanted.clone(),
                    code: i,
                    name: None,
                    name_found: None,
                })
        })
        .ok_or_else(|| Error::MissingColumn {
            path: table.path.clone(),
            expected: format!("'{column}'"),
            found: table.header_text(),
        })?;
    read_pair(table, unit, &pair, name, units)
}

fn read_pair(
    table: &DelimitedTable,
    unit: usize,
    pair: &ColumnPair,
    name: &str,
    units: &UnitLookup,
) -> Result<Layout, Error> {
    if table.rows.is_empty() {
        return Err(Error::Empty {
            path: table.path.clone(),
            expected: "one row per unit below the header".into(),
        });
    }
    let mut layout = Layout::new(name);
    layout.source = table.path.clone();
    layout.whole_units = true;
    let header = table.headers.get(pair.code).map_or("", String::as_str);
    let unit_name = UNIT_NAME_COLUMNS
        .split_first()
        .and_then(|(first, rest)| table.optional_column(first, rest))
        .filter(|&c| c != unit && c != pair.code && Some(c) != pair.name);
    let mut members = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let code = row.get(pair.code);
        if code.is_empty() {
            // No region for this unit here: validation reports a known unit as uncovered.
            // A unit the atlas does not know would vanish without a trace, so it is an error.
            let cell = row.get(unit);
            if let Err(reason) = units.resolve(cell) {
                return Err(Error::Row {
                    path: table.path.clone(),
                    line: row.line,
                    message: format!(
                        "column '{header}' is empty and {reason}; expected a region code or a unit of the atlas"
                    ),
                });
            }
            continue;
        }
        let region: RegionCode = code.parse().map_err(|source| Error::Code {
            path: table.path.clone(),
            line: row.line,
            source,
        })?;
        let region_name = pair.name.map_or("", |c| row.get(c));
        let r = layout.add_region(region.clone(), region_name);
        let cell = row.get(unit);
        if cell.is_empty() {
            return Err(Error::Row {
                path: table.path.clone(),
                line: row.line,
                message: format!(
                    "no unit in column '{}'; expected a unit code",
                    table.headers.get(unit).map_or("", String::as_str)
                ),
            });
        }
        let origin = format!("{}:{} ({header})", table.path, row.line);
        let row = Attach {
            cell,
            unit_name: unit_name.map_or("", |c| row.get(c)),
            region,
            region_idx: r,
            share: 1.0,
            origin,
        };
        units.attach(row, &mut layout, &mut members);
    }
    layout.extend_members(members);
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fixtures::{gemeenten_atlas, real_table};
    use crate::io::text::read_table;
    use crate::model::Atlas;

    /// The header of a real CBS export (`gemeentCode`, `Provincie` beside `provincieCode`):
    /// the provincie names are kept (the name partner by the header's stem), and the
    /// veiligheidsregio's by their `…Naam` header; `Land` (one value) names nothing.
    #[test]
    fn name_partners_by_stem_of_a_real_export() {
        let mut t = real_table("crs/koppelcodes_2025.csv");
        // The unit column as the loader takes it by content.
        if let Some(h) = t.headers.get_mut(0) {
            *h = "gemeentecode".into();
        }
        let pairs = column_pairs(&t, 0);
        let find = |l: &str| pairs.iter().find(|p| p.layout == l).unwrap().clone();
        let vr = find("veiligheidsregio");
        assert_eq!((vr.code, vr.name, vr.name_found), (2, Some(3), None));
        let pv = find("provincie");
        assert_eq!(
            (pv.code, pv.name, pv.name_found),
            (4, Some(5), Some(NameFound::Stem))
        );
        let notes = partner_notes(&t, None);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0]
                .text
                .contains("name column 'Provincie' of 'provincieCode'")
        );
        assert!(partner_notes(&t, Some("veiligheidsRegioCode")).is_empty());
        let a = gemeenten_atlas(2025);
        let layouts = read_wide_layouts(&t, &UnitLookup::new(&a)).unwrap();
        let p = layouts.iter().find(|l| l.name() == "provincie").unwrap();
        let utrecht = p
            .regions()
            .iter()
            .find(|r| r.code.to_string() == "PV26")
            .unwrap();
        assert_eq!(utrecht.name, "Utrecht");
        assert_eq!(p.regions().len(), 12);
    }

    #[test]
    fn name_partners_by_content_and_what_is_no_name() {
        let text = "statcode;regio_code;Omschrijving;Aantal;Land\n\
                    GM0363;R1;Noord;5;NL\nGM0344;R2;Zuid;7;NL\nGM0599;R1;Noord;5;NL\n";
        let t = read_table("w.csv", text).unwrap();
        let pairs = column_pairs(&t, 0);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].name, Some(2));
        assert_eq!(pairs[0].name_found, Some(NameFound::Content));
        let notes = partner_notes(&t, Some("regio"));
        assert!(
            notes[0].text.contains(
                "'Omschrijving' of 'regio_code' taken by its content (one name for each of 2 codes)"
            ),
            "{notes:?}"
        );
        // A column that gives two codes one name, or numbers, or one value for all: no name.
        let t = read_table(
            "w.csv",
            "statcode;regio_code;Deel;Aantal\nGM0363;R1;A;5\nGM0344;R2;A;7\n",
        )
        .unwrap();
        assert_eq!(column_pairs(&t, 0)[0].name, None);
        assert!(partner_notes(&t, None).is_empty());
    }

    #[test]
    fn real_2025_table_gives_three_layouts() {
        let t = real_table("cbs/2025/gemeente_regions_spatial.csv");
        let a = gemeenten_atlas(2025);
        let ls = read_wide_layouts(&t, &UnitLookup::new(&a)).unwrap();
        let counts: Vec<(&str, usize, usize)> = ls
            .iter()
            .map(|l| (l.name(), l.regions().len(), l.unit_count()))
            .collect();
        // python3: len({r['jeugdzorgregio_code'] for r in csv.DictReader(...)}) etc.
        assert_eq!(
            counts,
            [
                ("jeugdzorgregio", 42, 342),
                ("arbeidsmarktregio", 35, 342),
                ("ggdregio", 25, 342)
            ]
        );
        assert!(ls.iter().all(|l| l.unresolved.is_empty() && l.whole_units));
        let one = read_wide_column(&t, "ggdregio_code", "ggd", &UnitLookup::new(&a)).unwrap();
        assert_eq!((one.name(), one.regions().len()), ("ggd", 25));
    }

    #[test]
    fn unknown_and_duplicate_codes_are_kept() {
        let a = gemeenten_atlas(2025);
        let bad = read_table(
            "w.csv",
            "gemeentecode;jz_code;jz_naam\nGM0363;JZ13;Amsterdam-Amstelland\nGM0381;JZ16;Gooi\nGM0363;JZ14;Zaanstreek\n",
        )
        .unwrap();
        let ls = read_wide_layouts(&bad, &UnitLookup::new(&a)).unwrap();
        let l = &ls[0];
        // GM0381 Bussum (2015) is kept as an unresolved row with its file and line.
        assert_eq!(l.unresolved.len(), 1);
        assert_eq!(l.unresolved[0].origin, "w.csv:3 (jz_code)");
        assert!(l.unresolved[0].reason.contains("GM0381"));
        // The duplicate row for GM0363 is kept; validation reports it.
        assert_eq!(l.members().len(), 2);
    }

    /// Regression: a row with an empty region cell and a unit the atlas does not know was
    /// skipped without a trace. A known unit without a region stays for validation to report.
    #[test]
    fn empty_region_with_unknown_unit_is_an_error() {
        let a = gemeenten_atlas(2025);
        let t = read_table(
            "g.csv",
            "gemeentecode;jz_code\nGM0363;JZ13\nGM0362;\nGM0381;\n",
        )
        .unwrap();
        let e = read_wide_layouts(&t, &UnitLookup::new(&a))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("g.csv: line 4: column 'jz_code' is empty"),
            "{e}"
        );
        assert!(
            e.contains("GM0381") && e.contains("expected a region code"),
            "{e}"
        );
        let t = read_table("h.csv", "gemeentecode;jz_code\nGM0363;JZ13\nGM0362;\n").unwrap();
        let ls = read_wide_layouts(&t, &UnitLookup::new(&a)).unwrap();
        assert_eq!(ls[0].members().len(), 1);
    }

    #[test]
    fn bad_tables_name_file_line_and_expectation() {
        let a = Atlas::new(None);
        let l = UnitLookup::new(&a);
        let t = read_table("n.csv", "statcode,statnaam\nGM0363,Amsterdam\n").unwrap();
        let e = read_wide_layouts(&t, &l).unwrap_err().to_string();
        assert!(e.contains("n.csv: line 1: no code column pair"), "{e}");
        let t = read_table("m.csv", "naam,jz_code\nAmsterdam,JZ13\n").unwrap();
        let e = read_wide_layouts(&t, &l).unwrap_err().to_string();
        assert!(
            e.contains("m.csv: line 1: no 'statcode' (or gemeentecode"),
            "{e}"
        );
        let t = read_table("e.csv", "statcode,jz_code\n").unwrap();
        let e = read_wide_layouts(&t, &l).unwrap_err().to_string();
        assert!(e.contains("e.csv: the file is empty"), "{e}");
        let t = read_table("c.csv", "statcode,jz_code\nGM0363,JZ13\n").unwrap();
        let e = read_wide_column(&t, "provincie", "p", &l)
            .unwrap_err()
            .to_string();
        assert!(e.contains("c.csv: line 1: no 'provincie' column"), "{e}");
    }
}
