//! The legal SWV regio-indeling: one row per postcode-4 area with its gemeente **name**, its
//! SWV PO code and its SWV VO code (`pc4,gemeente,swv_po,swv_vo`, "Regeling regio-indeling
//! samenwerkingsverbanden passend onderwijs PO en VO", BWBR0032324).
//!
//! It gives two kinds of layouts:
//! - [`pc4_atlas`]: `swv-po` and `swv-vo` on postcode-4 units, exactly as the law lists them;
//! - [`gemeente_layouts`]: `swv-po` and `swv-vo` on the gemeenten of an atlas, matched by
//!   name ([`crate::model::name::name_key`]). A gemeente whose postcodes lie in several SWV's
//!   is split; its share in each is the share of **its postcode areas** (a count, not
//!   inhabitants) in that SWV.
//!
//! The source gives SWV codes but no SWV names; regions are named after their code
//! (`SWV PO 27-07`). Rows without an SWV code (PC4 3197–3199, `Europoort`) and gemeente
//! names that match no unit are kept as [`Unresolved`] rows, never dropped.
//!
//! # Examples
//! ```
//! use speelveld::{Atlas, Unit, GemeenteCode};
//! use speelveld::io::swv::{read_swv, gemeente_layouts};
//! let t = read_swv("swv.csv", "pc4,gemeente,swv_po,swv_vo\n\
//!     2635,Midden-Delfland,PO2802,VO2809\n2636,Midden-Delfland,PO2802,VO2809\n3155,Midden-Delfland,PO2803,VO2811\n").unwrap();
//! let mut atlas = Atlas::new(Some(2015));
//! atlas.add_unit(Unit::new("GM1842".parse::<GemeenteCode>().unwrap(), "Midden-Delfland")).unwrap();
//! let s = gemeente_layouts(&t, &atlas);
//! let po = &s.po;
//! assert_eq!(po.regions().len(), 2);
//! assert!((po.members()[0].share - 2.0 / 3.0).abs() < 1e-12);
//! assert!(s.unmatched.is_empty());
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::Error;
use crate::io::text::read_table;
use crate::model::layout::AliasedName;
use crate::model::{Atlas, Layout, Member, Pc4, RegionCode, Unit, Unresolved};
use crate::model::{NameMatch, UnitLookup};

/// One row of the SWV table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwvRow {
    /// The 1-based line in the file.
    pub line: usize,
    /// The postcode-4 area.
    pub pc4: Pc4,
    /// The gemeente name as the law writes it.
    pub gemeente: String,
    /// The SWV PO code, or the text the source has instead (`Europoort`).
    pub po: String,
    /// The SWV VO code, or the text the source has instead.
    pub vo: String,
}

/// The SWV table as read.
#[derive(Debug, Clone, Serialize)]
pub struct SwvTable {
    /// The file, as named in messages.
    pub path: String,
    /// The rows, in file order.
    pub rows: Vec<SwvRow>,
}

/// Reads the SWV table. Columns (aliases): `pc4` (postcode), `gemeente` (gemeentenaam),
/// `swv_po` (po), `swv_vo` (vo). A bad postcode or a postcode listed twice is an error naming
/// both lines.
pub fn read_swv(path: &str, text: &str) -> Result<SwvTable, Error> {
    swv_from_table(&read_table(path, text)?)
}

/// [`read_swv`] on a table already read (a sheet of a workbook).
pub fn swv_from_table(t: &crate::io::text::DelimitedTable) -> Result<SwvTable, Error> {
    let path = t.path.as_str();
    let pc = t.column("pc4", &["postcode", "pc"])?;
    let gm = t.column("gemeente", &["gemeentenaam", "gemeente_naam"])?;
    let po = t.column("swv_po", &["po", "swvpo"])?;
    let vo = t.column("swv_vo", &["vo", "swvvo"])?;
    if t.rows.is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "one row per postcode-4 area below the header".into(),
        });
    }
    let mut seen: HashMap<Pc4, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(t.rows.len());
    for r in &t.rows {
        let pc4: Pc4 = r.get(pc).parse().map_err(|source| Error::Code {
            path: path.into(),
            line: r.line,
            source,
        })?;
        if let Some(first) = seen.insert(pc4, r.line) {
            return Err(Error::Row {
                path: path.into(),
                line: r.line,
                message: format!(
                    "postcode {pc4} is listed again (first on line {first}); expected each postcode once"
                ),
            });
        }
        let gemeente = r.get(gm).to_string();
        if gemeente.is_empty() {
            return Err(Error::Row {
                path: path.into(),
                line: r.line,
                message: format!("no gemeente name for postcode {pc4}; expected a gemeente name"),
            });
        }
        for (col, what) in [(po, "SWV PO"), (vo, "SWV VO")] {
            let cell = r.get(col);
            if let Err(source) = cell.parse::<RegionCode>() {
                return Err(match cell.is_empty() {
                    true => Error::Row {
                        path: path.into(),
                        line: r.line,
                        message: format!(
                            "no {what} code for postcode {pc4}; expected a code such as PO2707 / VO2708"
                        ),
                    },
                    false => Error::Code {
                        path: path.into(),
                        line: r.line,
                        source,
                    },
                });
            }
        }
        rows.push(SwvRow {
            line: r.line,
            pc4,
            gemeente,
            po: r.get(po).to_string(),
            vo: r.get(vo).to_string(),
        });
    }
    Ok(SwvTable {
        path: path.into(),
        rows,
    })
}

/// The two SWV sectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sector {
    Po,
    Vo,
}

impl Sector {
    fn prefix(self) -> &'static str {
        match self {
            Sector::Po => "PO",
            Sector::Vo => "VO",
        }
    }
    fn layout(self) -> &'static str {
        match self {
            Sector::Po => "swv-po",
            Sector::Vo => "swv-vo",
        }
    }
    fn cell(self, r: &SwvRow) -> &str {
        match self {
            Sector::Po => &r.po,
            Sector::Vo => &r.vo,
        }
    }
    /// The code of a row, when it is one (`PO2707`); `None` for `Europoort` and the like.
    fn code(self, r: &SwvRow) -> Option<RegionCode> {
        let c = self.cell(r);
        let digits = c.strip_prefix(self.prefix())?;
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| c.parse().ok())
            .flatten()
    }
}

/// The display name of an SWV code: `PO2707` → `SWV PO 27-07` (the source has no names).
pub fn swv_name(code: &str) -> String {
    match (code.get(..2), code.get(2..4), code.get(4..)) {
        (Some(s), Some(a), Some(b)) if !b.is_empty() => format!("SWV {s} {a}-{b}"),
        _ => code.to_string(),
    }
}

/// An unresolved row for a postcode without an SWV code; `None` only for a cell that is not a
/// region code at all, which [`read_swv`] rejects.
fn no_code(table: &SwvTable, sector: Sector, r: &SwvRow, unit: String) -> Option<Unresolved> {
    let text = sector.cell(r);
    Some(Unresolved {
        origin: format!("{}:{}", table.path, r.line),
        unit,
        region: text.parse().ok()?,
        reason: format!(
            "postcode {} ({}) has no SWV {} code in the source ('{text}'); it is left out of the shares",
            r.pc4,
            r.gemeente,
            sector.prefix()
        ),
        outside: false,
    })
}

/// An atlas of postcode-4 units (named after their gemeente) with the layouts `swv-po` and
/// `swv-vo` exactly as the law lists them. Rows without a code are unresolved rows.
pub fn pc4_atlas(table: &SwvTable) -> Result<Atlas, Error> {
    let mut atlas = Atlas::new(None);
    atlas.source = table.path.clone();
    for r in &table.rows {
        atlas.add_unit(Unit::new(r.pc4, r.gemeente.clone()))?;
    }
    for sector in [Sector::Po, Sector::Vo] {
        let mut l = Layout::new(sector.layout());
        l.source = table.path.clone();
        l.whole_units = true;
        let mut members = Vec::with_capacity(table.rows.len());
        for (i, r) in table.rows.iter().enumerate() {
            match sector.code(r) {
                Some(code) => {
                    let name = swv_name(code.as_str());
                    let region = l.add_region(code, name);
                    members.push(Member {
                        unit: i,
                        region,
                        share: 1.0,
                    });
                }
                None => l
                    .unresolved
                    .extend(no_code(table, sector, r, r.pc4.to_string())),
            }
        }
        l.extend_members(members);
        atlas.add_layout(l)?;
    }
    Ok(atlas)
}

/// The gemeente-level SWV layouts and the names that matched no unit.
#[derive(Debug, Clone, Serialize)]
pub struct SwvGemeenteLayouts {
    /// `swv-po` on the atlas's gemeenten (split gemeenten have shares).
    pub po: Layout,
    /// `swv-vo` on the atlas's gemeenten.
    pub vo: Layout,
    /// Gemeente names of the table that match no unit of the atlas, with the reason.
    pub unmatched: Vec<(String, String)>,
}

/// Aggregates the SWV table to the gemeenten of an atlas, matching names with
/// [`crate::model::name::name_key`]. See the module documentation for the shares.
pub fn gemeente_layouts(table: &SwvTable, atlas: &Atlas) -> SwvGemeenteLayouts {
    let lookup = UnitLookup::new(atlas);
    // Resolve each distinct name once; keep the reason for those that fail.
    // Names found through another name than the gemeente's own, at their first line.
    let mut resolved: BTreeMap<&str, Result<usize, String>> = BTreeMap::new();
    let mut aliased = Vec::new();
    for r in &table.rows {
        resolved.entry(r.gemeente.as_str()).or_insert_with(|| {
            let found = lookup.resolve_how(&r.gemeente);
            if let Ok((unit, Some(how @ (NameMatch::Alias | NameMatch::Qualifier)))) = found {
                aliased.push(AliasedName {
                    unit,
                    written: r.gemeente.clone(),
                    how,
                    origin: format!("{}:{}", table.path, r.line),
                });
            }
            found.map(|(u, _)| u)
        });
    }
    let unmatched = resolved
        .iter()
        .filter_map(|(n, r)| r.as_ref().err().map(|e| (n.to_string(), e.clone())))
        .collect();
    let build = |sector: Sector| {
        let mut l = Layout::new(sector.layout());
        l.source = table.path.clone();
        l.whole_units = false;
        l.aliased = aliased.clone();
        // unit → region → postcodes.
        let mut counts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
        for r in &table.rows {
            let unit = resolved.get(r.gemeente.as_str()).cloned();
            match (sector.code(r), unit) {
                (Some(code), Some(Ok(u))) => {
                    let name = swv_name(code.as_str());
                    let region = l.add_region(code, name);
                    *counts.entry(u).or_default().entry(region).or_default() += 1;
                }
                (Some(code), _) => {
                    let name = swv_name(code.as_str());
                    l.add_region(code.clone(), name);
                    l.unresolved.push(Unresolved {
                        origin: format!("{}:{}", table.path, r.line),
                        unit: r.gemeente.clone(),
                        region: code,
                        reason: format!(
                            "gemeente name '{}' (postcode {}) matches no gemeente of the atlas{}",
                            r.gemeente,
                            r.pc4,
                            atlas.year.map(|y| format!(" of {y}")).unwrap_or_default()
                        ),
                        outside: false,
                    });
                }
                (None, _) => l
                    .unresolved
                    .extend(no_code(table, sector, r, r.gemeente.clone())),
            }
        }
        let mut members = Vec::new();
        for (unit, regions) in counts {
            let total: usize = regions.values().sum();
            for (region, n) in regions {
                members.push(Member {
                    unit,
                    region,
                    share: n as f64 / total as f64,
                });
            }
        }
        l.extend_members(members);
        l
    };
    SwvGemeenteLayouts {
        po: build(Sector::Po),
        vo: build(Sector::Vo),
        unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fixtures::{gemeenten_atlas, real_text};
    use crate::model::GemeenteCode;

    fn real_table() -> SwvTable {
        let p = "swv/regio_indeling_swv_pc4.csv";
        read_swv(p, &real_text(p)).unwrap()
    }

    #[test]
    fn real_table_counts() {
        // Counts as in the source's provenance, checked with python3 (csv.DictReader).
        let t = real_table();
        assert_eq!(t.rows.len(), 4046);
        let a = pc4_atlas(&t).unwrap();
        let po = a.layout("swv-po").unwrap();
        let vo = a.layout("swv-vo").unwrap();
        assert_eq!((po.regions().len(), vo.regions().len()), (76, 74));
        assert_eq!((po.unit_count(), vo.unit_count()), (4043, 4043));
        // The three Europoort postcodes are reported, not dropped.
        let eu: Vec<&str> = po.unresolved.iter().map(|u| u.unit.as_str()).collect();
        assert_eq!(eu, ["3197", "3198", "3199"]);
        assert!(po.unresolved[0].reason.contains("Europoort"));
    }

    #[test]
    fn real_gemeente_layouts_2015() {
        let s = gemeente_layouts(&real_table(), &gemeenten_atlas(2015));
        assert!(s.unmatched.is_empty(), "{:?}", s.unmatched);
        assert_eq!((s.po.unit_count(), s.vo.unit_count()), (393, 393));
        let split = |l: &Layout| {
            let mut v: Vec<usize> = l
                .members()
                .iter()
                .filter(|m| m.share < 1.0)
                .map(|m| m.unit)
                .collect();
            v.dedup();
            v.len()
        };
        // python3: gemeenten whose PC4s lie in more than one SWV code (Europoort excluded).
        assert_eq!((split(&s.po), split(&s.vo)), (12, 13));
        // Midden-Delfland PO: 2 of 3 postcodes in PO2802.
        let a = gemeenten_atlas(2015);
        let md = a
            .unit_index(&"GM1842".parse::<GemeenteCode>().unwrap().into())
            .unwrap();
        let shares: Vec<f64> = s.po.regions_of(md).map(|m| m.share).collect();
        assert_eq!(shares.len(), 2);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // Europoort rows of Rotterdam are reported in both layouts.
        assert_eq!((s.po.unresolved.len(), s.vo.unresolved.len()), (3, 3));
        assert_eq!(
            s.po.regions()[0].name,
            swv_name(s.po.regions()[0].code.as_str())
        );
        assert_eq!(swv_name("PO2707"), "SWV PO 27-07");
    }

    #[test]
    fn unmatched_names_are_reported() {
        let t = read_swv("s.csv", "pc4,gemeente,swv_po,swv_vo\n1011,Amsterdam,PO2707,VO2708\n9999,Atlantis,PO0001,VO0001\n").unwrap();
        let s = gemeente_layouts(&t, &gemeenten_atlas(2015));
        assert_eq!(s.unmatched.len(), 1);
        assert_eq!(s.unmatched[0].0, "Atlantis");
        assert_eq!(s.po.unresolved.len(), 1);
        assert_eq!(s.po.unresolved[0].origin, "s.csv:3");
        assert!(
            s.po.unresolved[0]
                .reason
                .contains("matches no gemeente of the atlas of 2015")
        );
    }

    #[test]
    fn bad_tables_name_file_line_and_expectation() {
        let cases = [
            (
                "pc4,gemeente,swv_po,swv_vo\n1011,Amsterdam,PO2707,VO2708\n1011,Amsterdam,PO2707,VO2708\n",
                "s.csv: line 3: postcode 1011 is listed again (first on line 2)",
            ),
            (
                "pc4,gemeente,swv_po,swv_vo\n101,Amsterdam,PO2707,VO2708\n",
                "s.csv: line 2: '101' is not a postcode-4 area",
            ),
            (
                "pc4;gemeente;swv_po\n1011;Amsterdam;PO2707\n",
                "s.csv: line 1: no 'swv_vo' (or vo, swvvo) column",
            ),
            (
                "pc4,gemeente,swv_po,swv_vo\n1011;Amsterdam;PO2707;VO2708\n",
                "s.csv: line 2: 1 field(s); expected 4",
            ),
            ("pc4,gemeente,swv_po,swv_vo\n", "s.csv: the file is empty"),
            (
                "pc4,gemeente,swv_po,swv_vo\n1011,Amsterdam,,VO2708\n",
                "s.csv: line 2: no SWV PO code for postcode 1011",
            ),
        ];
        for (text, want) in cases {
            let e = read_swv("s.csv", text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }
}
