//! Resolving a cell of a table (a unit code or a unit name) to a unit of the atlas, so every
//! reader attaches rows the same way.

use std::collections::HashMap;

use crate::model::name::{bare_name, name_key};
use crate::model::{Atlas, GemeenteCode, UnitCode, UnitIdx};

/// Finds units of an atlas by code or, failing that, by name (compared with
/// [`name_key`]: diacritics, case, punctuation and spaces ignored). A name without the
/// qualifier CBS adds to some names (`Beek` for `Beek (L.)`, `Hengelo` for `Hengelo (O.)`)
/// matches when exactly one unit carries it; `Bergen` fits two units and matches none.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Unit, GemeenteCode};
/// use speelveld::model::UnitLookup;
/// let mut atlas = Atlas::new(Some(2025));
/// atlas.add_unit(Unit::new("GM1900".parse::<GemeenteCode>().unwrap(), "Súdwest-Fryslân")).unwrap();
/// let l = UnitLookup::new(&atlas);
/// assert_eq!(l.resolve("1900"), Ok(0));
/// assert_eq!(l.resolve("Sudwest Fryslan"), Ok(0));
/// assert!(l.resolve("GM0363").unwrap_err().contains("not among the 1 units"));
/// ```
#[derive(Debug, Clone)]
pub struct UnitLookup<'a> {
    pub(crate) atlas: &'a Atlas,
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
            None => Err(match crate::model::code::why_not_a_code(cell) {
                Some(why) => format!("'{cell}' is not a unit code: {why}"),
                None => format!(
                    "'{cell}' is neither a unit code nor the name of a unit of the atlas{}",
                    self.atlas
                        .year
                        .map(|y| format!(" of {y}"))
                        .unwrap_or_default()
                ),
            }),
        }
    }
}
