//! Resolving a cell of a table (a unit code or a unit name) to a unit of the atlas. Shared by
//! the membership, wide-table and SWV readers, so all of them attach rows the same way.

use std::collections::HashMap;

use crate::io::text::name_key;
use crate::model::{
    Atlas, GemeenteCode, Layout, Member, RegionCode, RegionIdx, SourceName, UnitCode, UnitIdx,
    Unresolved,
};

/// Finds units of an atlas by code or, failing that, by name (compared with
/// [`name_key`]: diacritics, case, punctuation and spaces ignored). A name without the
/// qualifier CBS adds to some names (`Beek` for `Beek (L.)`, `Hengelo` for `Hengelo (O.)`)
/// matches when exactly one unit carries it; `Bergen` fits two units and matches none.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Unit, GemeenteCode};
/// use speelveld::io::units::UnitLookup;
/// let mut atlas = Atlas::new(Some(2025));
/// atlas.add_unit(Unit::new("GM1900".parse::<GemeenteCode>().unwrap(), "Súdwest-Fryslân")).unwrap();
/// let l = UnitLookup::new(&atlas);
/// assert_eq!(l.resolve("1900"), Ok(0));
/// assert_eq!(l.resolve("Sudwest Fryslan"), Ok(0));
/// assert!(l.resolve("GM0363").unwrap_err().contains("not among the 1 units"));
/// ```
#[derive(Debug, Clone)]
pub struct UnitLookup<'a> {
    atlas: &'a Atlas,
    by_name: HashMap<String, Vec<UnitIdx>>,
    by_bare_name: HashMap<String, Vec<UnitIdx>>,
    has_pc4: bool,
}

impl<'a> UnitLookup<'a> {
    /// Indexes the units of an atlas.
    pub fn new(atlas: &'a Atlas) -> Self {
        let mut by_name: HashMap<String, Vec<UnitIdx>> = HashMap::new();
        let mut by_bare_name: HashMap<String, Vec<UnitIdx>> = HashMap::new();
        for (i, u) in atlas.units().iter().enumerate() {
            by_name.entry(name_key(&u.name)).or_default().push(i);
            by_bare_name
                .entry(name_key(bare_name(&u.name)))
                .or_default()
                .push(i);
        }
        UnitLookup {
            atlas,
            by_name,
            by_bare_name,
            has_pc4: atlas
                .units()
                .iter()
                .any(|u| matches!(u.code, UnitCode::Pc4(_))),
        }
    }

    /// The unit a cell names: a code of the atlas (`GM0363`, `363`, `1011`), else a unique
    /// name. The error says why the cell matched nothing (to be kept as an unresolved row).
    pub fn resolve(&self, cell: &str) -> Result<UnitIdx, String> {
        let cell = cell.trim();
        if let Ok(code) = cell.parse::<UnitCode>() {
            if let Some(i) = self.atlas.unit_index(&code) {
                return Ok(i);
            }
            // Four digits without GM are a postcode, unless the atlas has no postcodes.
            let as_gemeente = match (code, self.has_pc4) {
                (UnitCode::Pc4(_), false) => cell.parse::<GemeenteCode>().ok(),
                _ => None,
            };
            if let Some(i) = as_gemeente.and_then(|g| self.atlas.unit_index(&g.into())) {
                return Ok(i);
            }
            return Err(format!(
                "unknown unit code {code} (not among the {} units of the atlas{})",
                self.atlas.units().len(),
                self.atlas
                    .year
                    .map(|y| format!(" of {y}"))
                    .unwrap_or_default()
            ));
        }
        let key = name_key(cell);
        let hits = self
            .by_name
            .get(&key)
            .or_else(|| self.by_bare_name.get(&key).filter(|v| v.len() == 1));
        match hits.map(Vec::as_slice) {
            Some([i]) => Ok(*i),
            Some(many) => Err(format!(
                "the name '{cell}' fits {} units ({}); use a code",
                many.len(),
                many.iter()
                    .filter_map(|&i| self.atlas.units().get(i))
                    .map(|u| u.code.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            None => Err(format!(
                "'{cell}' is neither a unit code nor the name of a unit of the atlas{}",
                self.atlas
                    .year
                    .map(|y| format!(" of {y}"))
                    .unwrap_or_default()
            )),
        }
    }
}

/// Header names accepted for a column with the unit's name next to its code.
pub const UNIT_NAME_COLUMNS: &[&str] = &[
    "statnaam",
    "gemeentenaam",
    "gemeente_naam",
    "unit_name",
    "gemeente",
];

/// True when two spellings name the same unit: equal after [`name_key`], or equal once
/// CBS's qualifier is left off one of them (`Beek` and `Beek (L.)`).
///
/// # Examples
/// ```
/// use speelveld::io::units::names_agree;
/// assert!(names_agree("Nuenen. Gerwen en Nederwetten", "Nuenen, Gerwen en Nederwetten"));
/// assert!(names_agree("Beek", "Beek (L.)"));
/// assert!(!names_agree("Amsterdam", "Rotterdam"));
/// ```
pub fn names_agree(a: &str, b: &str) -> bool {
    let (ka, kb) = (name_key(a), name_key(b));
    ka == kb || name_key(bare_name(a)) == kb || ka == name_key(bare_name(b))
}

/// A name without a trailing parenthesised qualifier: `Beek (L.)` → `Beek`.
fn bare_name(name: &str) -> &str {
    let t = name.trim_end();
    match (t.ends_with(')'), t.rfind('(')) {
        (true, Some(i)) if i > 0 => t.get(..i).unwrap_or(t).trim_end(),
        _ => t,
    }
}

/// Attaches one row of a reader: the unit the cell names joins region `region` (index
/// `region_idx`) with `share`, or, when the cell matches no unit, the row is kept as an
/// [`Unresolved`] row of the layout with its origin and the reason.
pub(crate) struct Attach<'r> {
    /// The cell naming the unit.
    pub cell: &'r str,
    /// The unit's name in the row's name column, or `""`.
    pub unit_name: &'r str,
    /// The region code of the row.
    pub region: RegionCode,
    /// The region's index in the layout.
    pub region_idx: RegionIdx,
    /// The unit's share.
    pub share: f64,
    /// Where the row came from (`file:line`).
    pub origin: String,
}

impl UnitLookup<'_> {
    /// See [`Attach`].
    pub(crate) fn attach(&self, row: Attach, layout: &mut Layout, members: &mut Vec<Member>) {
        match self.resolve(row.cell) {
            Ok(unit) => {
                if !row.unit_name.is_empty() {
                    layout.source_names.push(SourceName {
                        unit,
                        name: row.unit_name.to_string(),
                        origin: row.origin.clone(),
                    });
                }
                members.push(Member {
                    unit,
                    region: row.region_idx,
                    share: row.share,
                })
            }
            Err(reason) => layout.unresolved.push(Unresolved {
                origin: row.origin,
                unit: row.cell.to_string(),
                region: row.region,
                reason,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pc4, Unit};

    #[test]
    fn codes_names_and_postcodes() {
        let mut a = Atlas::new(None);
        a.add_unit(Unit::new(
            "GM0820".parse::<GemeenteCode>().unwrap(),
            "Nuenen, Gerwen en Nederwetten",
        ))
        .unwrap();
        a.add_unit(Unit::new(
            "GM0373".parse::<GemeenteCode>().unwrap(),
            "Bergen (NH.)",
        ))
        .unwrap();
        a.add_unit(Unit::new(
            "GM0893".parse::<GemeenteCode>().unwrap(),
            "Bergen (L.)",
        ))
        .unwrap();
        let l = UnitLookup::new(&a);
        assert_eq!(l.resolve("Nuenen. Gerwen en Nederwetten"), Ok(0));
        assert_eq!(l.resolve("bergen (nh)"), Ok(1));
        assert!(l.resolve("Bergen").unwrap_err().contains("neither"));
        a.add_unit(Unit::new(
            "GM0888".parse::<GemeenteCode>().unwrap(),
            "Beek (L.)",
        ))
        .unwrap();
        let l = UnitLookup::new(&a);
        assert_eq!(l.resolve("Beek"), Ok(3));
        assert!(l.resolve("Bergen").is_err());
        assert!(l.resolve("Amsterdam").is_err());
        let mut p = Atlas::new(None);
        p.add_unit(Unit::new("1011".parse::<Pc4>().unwrap(), "Amsterdam"))
            .unwrap();
        let l = UnitLookup::new(&p);
        assert_eq!(l.resolve("1011"), Ok(0));
        assert!(
            l.resolve("1012")
                .unwrap_err()
                .contains("unknown unit code 1012")
        );
    }
}
