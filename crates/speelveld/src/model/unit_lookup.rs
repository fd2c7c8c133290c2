//! Resolving a cell of a table (a unit code or a unit name) to a unit of the atlas, so every
//! reader attaches rows the same way.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::name::{aliases_of, bare_name, name_key};
use crate::model::{Atlas, GemeenteCode, UnitCode, UnitIdx};

/// How a name found its unit ([`UnitLookup::find_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameMatch {
    /// The unit's own name (diacritics, case, punctuation and spaces ignored).
    Name,
    /// Another name of the unit ([`crate::model::name::ALIASES`]: `Den Haag`).
    Alias,
    /// The unit's name without CBS's qualifier, which only this unit carries (`Hengelo`).
    Qualifier,
}

impl NameMatch {
    /// What the match rests on, for notes (`another name`).
    pub fn label(self) -> &'static str {
        match self {
            NameMatch::Name => "its name",
            NameMatch::Alias => "another name",
            NameMatch::Qualifier => "the name without its qualifier",
        }
    }
}

/// Finds units of an atlas by code or, failing that, by name (compared with
/// [`name_key`]: diacritics, case, punctuation and spaces ignored). A name without the
/// qualifier CBS adds to some names (`Beek` for `Beek (L.)`, `Hengelo` for `Hengelo (O.)`)
/// matches when exactly one unit carries it; `Bergen` fits two units and matches none. Other
/// names of a gemeente (`Den Haag`, `Den Bosch`, `De Friese Meren`) find it too
/// ([`crate::model::name::ALIASES`]).
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

    /// The unit a name finds, and how: its CBS name ([`NameMatch::Name`]), a name of its
    /// [`ALIASES`](crate::model::name::ALIASES) group (`Den Haag`, [`NameMatch::Alias`]), or
    /// its name without CBS's qualifier when exactly one unit has it (`Hengelo` for `Hengelo
    /// (O.)`, [`NameMatch::Qualifier`]). The error holds the units an ambiguous name fits
    /// (`Bergen`: Bergen (NH.) and Bergen (L.)), empty when it fits none.
    ///
    /// # Examples
    /// ```
    /// use speelveld::{Atlas, Unit, GemeenteCode};
    /// use speelveld::model::{NameMatch, UnitLookup};
    /// let mut atlas = Atlas::new(Some(2025));
    /// for (c, n) in [("GM0518", "'s-Gravenhage"), ("GM0373", "Bergen (NH.)"), ("GM0893", "Bergen (L.)")] {
    ///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), n)).unwrap();
    /// }
    /// let l = UnitLookup::new(&atlas);
    /// assert_eq!(l.find_name("Den Haag"), Ok((0, NameMatch::Alias)));
    /// assert_eq!(l.find_name("Bergen NH"), Ok((1, NameMatch::Name)));
    /// assert_eq!(l.find_name("Bergen"), Err(vec![1, 2]));
    /// ```
    pub fn find_name(&self, cell: &str) -> Result<(UnitIdx, NameMatch), Vec<UnitIdx>> {
        let key = name_key(cell);
        let unique = |hits: Vec<UnitIdx>, how: NameMatch| match hits.as_slice() {
            [one] => Ok((*one, how)),
            _ => Err(hits),
        };
        if let Some(hits) = self.by_name.get(&key) {
            return unique(hits.clone(), NameMatch::Name);
        }
        let mut aliased: Vec<UnitIdx> = aliases_of(cell)
            .iter()
            .filter_map(|n| self.by_name.get(&name_key(n)))
            .flatten()
            .copied()
            .collect();
        aliased.sort_unstable();
        aliased.dedup();
        if !aliased.is_empty() {
            return unique(aliased, NameMatch::Alias);
        }
        match self.by_bare_name.get(&key) {
            Some(hits) => unique(hits.clone(), NameMatch::Qualifier),
            None => Err(Vec::new()),
        }
    }

    /// Units as `GM0373 Bergen (NH.), GM0893 Bergen (L.)`, for messages.
    pub(crate) fn choices(&self, units: &[UnitIdx]) -> String {
        units
            .iter()
            .filter_map(|&i| self.atlas.units().get(i))
            .map(|u| format!("{} {}", u.code, u.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The unit a cell names: a code of the atlas (`GM0363`, `363`, `1011`), else a unique
    /// name. The error says why the cell matched nothing (to be kept as an unresolved row).
    pub fn resolve(&self, cell: &str) -> Result<UnitIdx, String> {
        self.resolve_how(cell).map(|(i, _)| i)
    }

    /// Like [`UnitLookup::resolve`], with how a name matched (`None` for a code), so a reader
    /// can say where a unit was found through another name.
    pub fn resolve_how(&self, cell: &str) -> Result<(UnitIdx, Option<NameMatch>), String> {
        let cell = cell.trim();
        if let Ok(code) = cell.parse::<UnitCode>() {
            if let Some(i) = self.atlas.unit_index(&code) {
                return Ok((i, None));
            }
            // Four digits without GM are a postcode, unless the atlas has no postcodes.
            let as_gemeente = match (code, self.has_pc4) {
                (UnitCode::Pc4(_), false) => cell.parse::<GemeenteCode>().ok(),
                _ => None,
            };
            if let Some(i) = as_gemeente.and_then(|g| self.atlas.unit_index(&g.into())) {
                return Ok((i, None));
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
        match self.find_name(cell) {
            Ok((i, how)) => Ok((i, Some(how))),
            Err(many) if !many.is_empty() => Err(format!(
                "the name '{cell}' fits {} units ({}); expected a code or the full name",
                many.len(),
                self.choices(&many)
            )),
            Err(_) => Err(match crate::model::code::why_not_a_code(cell) {
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
