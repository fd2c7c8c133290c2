//! Looking things up: the regions of a layout, the units of one region, and every region of
//! one unit (gemeente) across all layouts. Names are found case-insensitively; a query that
//! finds nothing is an error with a "did you mean" from the nearest codes and names.
//!
//! # Examples
//! ```
//! use speelveld::analysis::lookup::{members, regions, unit_regions};
//! let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
//! let jz = regions(&atlas, "jeugdzorgregio").unwrap();
//! assert_eq!(jz.regions.len(), 42);
//! let ams = unit_regions(&atlas, "amsterdam").unwrap();
//! assert_eq!(ams.unit, "GM0363");
//! let jz13 = ams.regions.iter().find(|r| r.layout == "jeugdzorgregio").unwrap();
//! let m = members(&atlas, "jeugdzorgregio", &jz13.region).unwrap();
//! assert!(m.members.iter().any(|m| m.name == "Amsterdam"));
//! let e = unit_regions(&atlas, "Amsterdm").unwrap_err().to_string();
//! assert!(e.contains("did you mean GM0363 Amsterdam?"), "{e}");
//! ```

use serde::Serialize;

use crate::error::Error;
use crate::geometry::adjacency::{AdjacencyOptions, unit_neighbours};
use crate::geometry::area::region_areas_km2;
use crate::model::name::{aliases_of, name_key};
use crate::model::{Atlas, UnitCode};
use crate::model::{NameMatch, UnitLookup};
use crate::model::{Table, Tabular};

/// One region of a layout with its number of units.
#[derive(Debug, Clone, Serialize)]
pub struct RegionRow {
    /// The region's code.
    pub region: String,
    /// The region's name (empty when the source has none).
    pub name: String,
    /// Units with (a share in) the region.
    pub units: usize,
    /// Of those, units that lie only partly in it.
    pub split_units: usize,
    /// The region's area in km², when the units have geometry (filled by the geometry
    /// module; `None` otherwise; a table shows the column only when some region has it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
}

/// The regions of one layout, sorted by code.
#[derive(Debug, Clone, Serialize)]
pub struct RegionList {
    /// The layout.
    pub layout: String,
    /// The regions.
    pub regions: Vec<RegionRow>,
}

impl Tabular for RegionList {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("regions", &self.regions)?
                .titled(format!("regions of {}", self.layout))
                .titled_nl(format!("regio's van {}", self.layout)),
        ])
    }
}

/// The regions of a layout with their unit counts and, when the units have geometry, their
/// area in km² ([`crate::geometry::area::region_areas_km2`]).
pub fn regions(atlas: &Atlas, layout: &str) -> Result<RegionList, Error> {
    let l = atlas.layout(layout)?;
    let by_region = l.members_by_region();
    let areas = if atlas.units().iter().any(|u| u.geometry.is_some()) {
        region_areas_km2(atlas, l)
    } else {
        Vec::new()
    };
    let mut rows: Vec<RegionRow> = l
        .regions()
        .iter()
        .zip(&by_region)
        .enumerate()
        .map(|(i, (r, ms))| RegionRow {
            region: r.code.to_string(),
            name: r.name.clone(),
            units: ms.len(),
            split_units: ms.iter().filter(|m| m.share < 1.0).count(),
            area_km2: areas
                .get(i)
                .copied()
                .flatten()
                .map(|a| (a * 1000.0).round() / 1000.0),
        })
        .collect();
    rows.sort_by(|a, b| a.region.cmp(&b.region));
    Ok(RegionList {
        layout: l.name().to_string(),
        regions: rows,
    })
}

/// One unit of a region.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    /// The unit's code.
    pub unit: String,
    /// The unit's name.
    pub name: String,
    /// The share of the unit in the region (1 for a whole unit).
    pub share: f64,
    /// For a split unit, what its share rests on (`swv-po by its shares`, `swv-po by
    /// inwoners`; [`crate::analysis::estimates`]); empty for a whole unit.
    pub basis: String,
    /// The unit's key figures × its share, when loaded.
    #[serde(flatten)]
    pub figures: std::collections::BTreeMap<String, f64>,
}

/// The units of one region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionMembers {
    /// The layout.
    pub layout: String,
    /// The region's code.
    pub region: String,
    /// The region's name.
    pub name: String,
    /// The sum of the shares (the number of whole units the region amounts to).
    pub share_sum: f64,
    /// The units, sorted by code.
    pub members: Vec<MemberRow>,
}

impl Tabular for RegionMembers {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![Table::from_rows("members", &self.members)?.titled(
            format!("{} {} {}", self.layout, self.region, self.name),
        )])
    }
}

/// A "did you mean" hint from candidates (`(shown, compared)` pairs): those whose compared
/// text starts with or contains the query (in that order), or lies within a small edit
/// distance of it. Empty when none.
pub(crate) fn hint(query: &str, candidates: impl Iterator<Item = (String, String)>) -> String {
    let q = query.trim().to_lowercase();
    let qk = name_key(query);
    let limit = (q.chars().count() / 3).clamp(1, 3);
    let mut scored: Vec<(usize, String)> = candidates
        .filter_map(|(shown, text)| {
            let t = text.to_lowercase();
            let d = strsim::levenshtein(&q, &t);
            let key = name_key(&text);
            let long = qk.len() >= 3;
            let score = if long && key.starts_with(&qk) {
                0
            } else if long && key.contains(&qk) {
                1
            } else {
                d + 1
            };
            (d <= limit || score <= 1).then_some((score, shown))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    let names: Vec<String> = scored.into_iter().take(5).map(|(_, s)| s).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        many => format!("; did you mean one of: {}?", many.join(", ")),
    }
}

/// The units of a region, found by code or name (case-insensitive).
pub fn members(atlas: &Atlas, layout: &str, region: &str) -> Result<RegionMembers, Error> {
    let l = atlas.layout(layout)?;
    let r = l.find_region(region).ok_or_else(|| Error::UnknownRegion {
        layout: l.name().to_string(),
        region: region.to_string(),
        hint: hint(
            region,
            l.regions().iter().flat_map(|r| {
                let shown = format!("{} ({})", r.code, r.name);
                [(shown.clone(), r.code.to_string()), (shown, r.name.clone())]
            }),
        ),
    })?;
    let reg = l.regions().get(r).ok_or(Error::UnitIndex(r))?;
    let parts = crate::analysis::estimates::SplitParts::of(atlas, l);
    let mut rows: Vec<(UnitCode, MemberRow)> = l
        .units_of(r)
        .filter_map(|m| {
            let u = atlas.units().get(m.unit)?;
            Some((
                u.code,
                MemberRow {
                    unit: u.code.to_string(),
                    name: u.name.clone(),
                    share: m.share,
                    basis: parts.basis(m.unit).unwrap_or_default(),
                    figures: u
                        .figures
                        .iter()
                        .map(|(k, v)| (k.clone(), v * m.share))
                        .collect(),
                },
            ))
        })
        .collect();
    rows.sort_by_key(|(code, _)| *code);
    let members: Vec<MemberRow> = rows.into_iter().map(|(_, m)| m).collect();
    Ok(RegionMembers {
        layout: l.name().to_string(),
        region: reg.code.to_string(),
        name: reg.name.clone(),
        share_sum: members.iter().map(|m| m.share).sum(),
        members,
    })
}

/// One region of a unit in one layout.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRegion {
    /// The unit's code (so that rows of several units can be put together).
    pub unit: String,
    /// The layout.
    pub layout: String,
    /// The region's code; empty when the unit is in no region of the layout.
    pub region: String,
    /// The region's name.
    pub name: String,
    /// The unit's share in the region; `None` when it is in no region.
    pub share: Option<f64>,
}

/// Every region of one unit, across all layouts.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRegions {
    /// The unit's code.
    pub unit: String,
    /// The unit's name.
    pub name: String,
    /// One row per layout and region, in layout order.
    pub regions: Vec<UnitRegion>,
    /// The units sharing a border with this one (empty without geometry), by code.
    pub neighbours: Vec<Neighbour>,
    /// When the query was another name of the unit or its name without CBS's qualifier,
    /// what it was read as (`'Den Haag' read as GM0518 's-Gravenhage (another name)`), so a
    /// caller can say so; `None` for a code or the unit's own name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
}

/// A unit next to another ([`crate::geometry::adjacency`]).
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    /// The neighbour's code.
    pub unit: String,
    /// The neighbour's name.
    pub name: String,
    /// The length of the common border in km (approximate: generalised boundaries).
    pub border_km: f64,
}

impl Tabular for UnitRegions {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("regions", &self.regions)?
                .titled(format!("{} {}", self.unit, self.name)),
        ]
        .into_iter()
        .chain(
            (!self.neighbours.is_empty())
                .then(|| {
                    Table::from_rows("neighbours", &self.neighbours).map(|t| {
                        t.titled(format!("neighbours of {} {}", self.unit, self.name))
                            .titled_nl(format!("buurgemeenten van {} {}", self.unit, self.name))
                    })
                })
                .transpose()?,
        )
        .collect())
    }
}

/// Finds a unit by code (`GM0363`, `363`) or by name (case, diacritics and punctuation
/// ignored), another name of it (`Den Haag`, [`crate::model::name::ALIASES`]) or its name
/// without CBS's qualifier where only one unit has it (`Hengelo`), as
/// [`UnitLookup::find_name`] does. An unknown query is an [`Error::UnknownUnit`] with a "did
/// you mean" from the nearest names and other names; a code of another embedded year says
/// which gemeente it was; a name that fits several units is an [`Error::AmbiguousUnit`]
/// listing them.
pub fn find_unit(atlas: &Atlas, query: &str) -> Result<usize, Error> {
    if let Ok(code) = query.parse::<UnitCode>() {
        if let Some(i) = atlas.unit_index(&code) {
            return Ok(i);
        }
        let other = code.gemeente().and_then(|g| {
            let years = atlas.register.other_years(g, atlas.year);
            years
                .last()
                .map(|&(y, n)| (y, format!("; {g} is {n}, a gemeente of {y}")))
        });
        return Err(Error::UnknownUnit {
            query: query.to_string(),
            other_year: other.as_ref().map(|(y, _)| *y),
            hint: other.map(|(_, h)| h).unwrap_or_default(),
        });
    }
    let lookup = UnitLookup::new(atlas);
    match lookup.find_name(query) {
        Ok((one, _)) => Ok(one),
        Err(many) if !many.is_empty() => Err(Error::AmbiguousUnit {
            query: query.to_string(),
            count: many.len(),
            choices: lookup.choices(&many),
        }),
        Err(_) => Err(Error::UnknownUnit {
            query: query.to_string(),
            hint: hint(
                query,
                atlas.units().iter().flat_map(|u| {
                    let shown = format!("{} {}", u.code, u.name);
                    let others = aliases_of(&u.name).into_iter().map(String::from);
                    std::iter::once(u.name.clone())
                        .chain(others)
                        .map(move |n| (shown.clone(), n))
                }),
            ),
            other_year: None,
        }),
    }
}

/// Every region of one unit across all layouts of the atlas.
pub fn unit_regions(atlas: &Atlas, query: &str) -> Result<UnitRegions, Error> {
    let i = find_unit(atlas, query)?;
    let u = atlas.units().get(i).ok_or(Error::UnitIndex(i))?;
    let read_as = match UnitLookup::new(atlas).find_name(query) {
        Ok((_, how @ (NameMatch::Alias | NameMatch::Qualifier))) => Some(format!(
            "'{}' read as {} {} ({})",
            query.trim(),
            u.code,
            u.name,
            how.label()
        )),
        _ => None,
    };
    let code = atlas
        .units()
        .get(i)
        .map(|u| u.code.to_string())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for l in atlas.layouts() {
        let before = rows.len();
        for m in l.regions_of(i) {
            if let Some(r) = l.regions().get(m.region) {
                rows.push(UnitRegion {
                    unit: code.clone(),
                    layout: l.name().to_string(),
                    region: r.code.to_string(),
                    name: r.name.clone(),
                    share: Some(m.share),
                });
            }
        }
        if rows.len() == before {
            rows.push(UnitRegion {
                unit: code.clone(),
                layout: l.name().to_string(),
                region: String::new(),
                name: String::new(),
                share: None,
            });
        }
    }
    let mut neighbours: Vec<Neighbour> = unit_neighbours(atlas, i, AdjacencyOptions::default())
        .into_iter()
        .filter_map(|(n, len)| {
            let x = atlas.units().get(n)?;
            Some(Neighbour {
                unit: x.code.to_string(),
                name: x.name.clone(),
                border_km: (len / 100.0).round() / 10.0,
            })
        })
        .collect();
    neighbours.sort_by(|a, b| a.unit.cmp(&b.unit));
    Ok(UnitRegions {
        unit: u.code.to_string(),
        name: u.name.clone(),
        regions: rows,
        neighbours,
        read_as,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn regions_and_members_2025() {
        let a = atlas(None).unwrap();
        let r = regions(&a, "provincie").unwrap();
        assert_eq!(
            r.regions.first().map(|r| (r.region.as_str(), r.units)),
            Some(("PV20", 10))
        );
        let m = members(&a, "jeugdzorgregio", "jz13").unwrap();
        // python3 on cbs/2025/gemeente_regions_spatial.csv: rows with jeugdzorgregio_code JZ13.
        let names: Vec<&str> = m.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Aalsmeer",
                "Amstelveen",
                "Amsterdam",
                "Diemen",
                "Ouder-Amstel",
                "Uithoorn"
            ]
        );
        assert_eq!(m.name, "Amsterdam-Amstelland");
        let e = members(&a, "jeugdzorgregio", "JZ99")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("layout 'jeugdzorgregio' has no region 'JZ99'; did you mean"),
            "{e}"
        );
        let by_name = members(&a, "provincie", "fryslân").unwrap();
        assert_eq!(by_name.region, "PV21");
    }

    #[test]
    fn one_gemeente_everywhere() {
        let a = atlas(Some(2015)).unwrap();
        let r = unit_regions(&a, "Sudwest Fryslan").unwrap();
        assert_eq!(
            (r.unit.as_str(), r.name.as_str()),
            ("GM1900", "Súdwest-Fryslân")
        );
        // VO split: VO2103 77 postcodes, VO2101 5 (the SWV table's provenance).
        let vo: Vec<(&str, f64)> = r
            .regions
            .iter()
            .filter(|x| x.layout == "swv-vo")
            .map(|x| (x.region.as_str(), x.share.unwrap()))
            .collect();
        assert_eq!(vo.len(), 2);
        assert!(vo.contains(&("VO2103", 77.0 / 82.0)) && vo.contains(&("VO2101", 5.0 / 82.0)));
        let e = unit_regions(&a, "Bergen").unwrap_err().to_string();
        assert_eq!(
            e,
            "the name 'Bergen' fits 2 units: GM0373 Bergen (NH.), GM0893 Bergen (L.); \
             expected a code or the full name"
        );
        let e = unit_regions(&atlas(None).unwrap(), "GM0381")
            .unwrap_err()
            .to_string();
        assert!(e.contains("GM0381 is Bussum, a gemeente of 2015"), "{e}");
        let e = unit_regions(&a, "xyzzy-nowhere").unwrap_err().to_string();
        assert_eq!(e, "no unit 'xyzzy-nowhere' in the atlas");
    }

    #[test]
    fn other_names_and_qualifiers() {
        // python3 on cbs/2025/gemeente_regions_spatial.csv: GM0518 's-Gravenhage, GM0164
        // Hengelo (O.) (no other name starts with Hengelo); 2015 has GM1921 De Friese Meren.
        let a = atlas(None).unwrap();
        let r = unit_regions(&a, "Den Haag").unwrap();
        assert_eq!(r.unit, "GM0518");
        assert_eq!(
            r.read_as.as_deref(),
            Some("'Den Haag' read as GM0518 's-Gravenhage (another name)")
        );
        // Before, find_unit knew no qualifiers: "no unit 'Hengelo' in the atlas".
        assert_eq!(unit_regions(&a, "hengelo").unwrap().unit, "GM0164");
        assert_eq!(unit_regions(&a, "Amsterdam").unwrap().read_as, None);
        let old = atlas(Some(2015)).unwrap();
        assert_eq!(
            unit_regions(&old, "De Fryske Marren").unwrap().unit,
            "GM1921"
        );
    }
}
