//! The profile of one region of any layout (an SWV, a jeugdzorgregio, a provincie …): its
//! gemeenten with their shares, the regions of every other layout they belong to, the OOGO
//! partners (for an SWV its gemeenten, for any other region the SWV's of its gemeenten),
//! where the SWV PO and SWV VO of its gemeenten differ, and its key figures summed over its
//! gemeenten, with the part that rests on estimated shares.
//!
//! The overlaps are counted as everywhere in speelveld: a gemeente with share `s` in the
//! profiled region and `t` in another region adds `s × t` to their overlap (a gemeente split
//! in both layouts is spread over the pairs of its parts by the product of its shares).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::estimates::SplitParts;
use crate::analysis::lookup::{MemberRow, members};
use crate::analysis::profile::SWV_LAYOUTS;
use crate::error::Error;
use crate::model::{Atlas, Layout, RegionIdx, Table, Tabular};

/// One region of another layout that the profiled region's gemeenten (partly) lie in.
#[derive(Debug, Clone, Serialize)]
pub struct Overlap {
    /// The other layout.
    pub layout: String,
    /// The region's code.
    pub region: String,
    /// The region's name.
    pub name: String,
    /// How many of the profiled region's gemeenten (partly) lie in it.
    pub units: usize,
    /// The overlap in gemeenten: the sum over them of the product of their shares.
    pub weight: f64,
    /// The share of the profiled region (in gemeenten) that lies in this region.
    pub share_of_profiled: f64,
    /// The share of this region (in gemeenten) that lies in the profiled region.
    pub share_of_other: f64,
    /// True when this region lies wholly within the profiled one.
    pub within: bool,
    /// The gemeenten of the overlap, by name, with the share where only part of a gemeente
    /// lies in it (`Rotterdam (95%)`).
    pub gemeenten: String,
}

/// A party the profiled region's gemeenten hold OOGO with, or must invite.
#[derive(Debug, Clone, Serialize)]
pub struct OogoPartner {
    /// The party's layout: `gemeente` for the gemeenten of an SWV, the SWV layout otherwise.
    pub layout: String,
    /// The party's code.
    pub code: String,
    /// The party's name.
    pub name: String,
    /// The part of the party in the overlap (a gemeente's share in the SWV; for an SWV the
    /// overlap in gemeenten).
    pub share: f64,
    /// For an SWV: the profiled region's gemeenten that hold OOGO with it.
    pub gemeenten: String,
}

/// The SWV PO and SWV VO of one gemeente of the profiled region.
#[derive(Debug, Clone, Serialize)]
pub struct PoVo {
    /// The gemeente's code.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// Its SWV PO region(s), by code.
    pub swv_po: String,
    /// Its SWV VO region(s), by code.
    pub swv_vo: String,
    /// True when its PO region(s) and VO region(s) do not hold the same gemeenten.
    pub differ: bool,
}

/// One key figure summed over the profiled region's gemeenten (× their shares).
#[derive(Debug, Clone, Serialize)]
pub struct RegionFigure {
    /// The figure.
    pub figure: String,
    /// The sum.
    pub value: f64,
    /// The part of the sum that comes from split gemeenten whose parts are an estimate
    /// ([`crate::analysis::estimates`]); 0 when the sum is exact.
    pub estimated_part: f64,
}

/// The profile of one region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionProfile {
    /// The region's layout.
    pub layout: String,
    /// The region's code.
    pub region: String,
    /// Its name.
    pub name: String,
    /// Its gemeenten (with their share, the basis of a split share, their figures × share).
    pub gemeenten: Vec<MemberRow>,
    /// For every other layout, the regions its gemeenten lie in.
    pub overlaps: Vec<Overlap>,
    /// Its OOGO partners: for an SWV its gemeenten; for any other region the SWV's its
    /// gemeenten lie in.
    pub oogo: Vec<OogoPartner>,
    /// The SWV PO and SWV VO of each of its gemeenten, when both layouts are loaded.
    pub po_vo: Vec<PoVo>,
    /// Its key figures, when loaded.
    pub figures: Vec<RegionFigure>,
}

impl RegionProfile {
    /// True when the profiled layout is one of the SWV layouts.
    pub fn is_swv(&self) -> bool {
        is_swv(&self.layout)
    }
}

fn is_swv(layout: &str) -> bool {
    layout == SWV_LAYOUTS.0 || layout == SWV_LAYOUTS.1 || layout.starts_with("swv")
}

impl Tabular for RegionProfile {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let label = format!("{} {} {}", self.layout, self.region, self.name);
        let mut tables = vec![
            Table::from_rows("gemeenten", &self.gemeenten)?
                .titled(format!("{label}: its gemeenten"))
                .titled_nl(format!("{label}: haar gemeenten")),
            Table::from_rows("overlaps", &self.overlaps)?
                .titled(format!("{label}: the regions of the other layouts"))
                .titled_nl(format!("{label}: de regio's van de andere indelingen")),
            Table::from_rows("oogo", &self.oogo)?
                .titled(if self.is_swv() {
                    format!("{label}: the gemeenten it holds OOGO with")
                } else {
                    format!("{label}: the SWV's its gemeenten hold OOGO with")
                })
                .titled_nl(if self.is_swv() {
                    format!("{label}: de gemeenten waarmee het OOGO voert")
                } else {
                    format!("{label}: de SWV's waarmee haar gemeenten OOGO voeren")
                }),
        ];
        if !self.po_vo.is_empty() {
            tables.push(
                Table::from_rows("po_vo", &self.po_vo)?
                    .titled(format!("{label}: SWV PO and VO of its gemeenten"))
                    .titled_nl(format!("{label}: SWV PO en VO van haar gemeenten")),
            );
        }
        if !self.figures.is_empty() {
            tables.push(
                Table::from_rows("figures", &self.figures)?
                    .titled(format!("{label}: key figures (summed over its gemeenten)"))
                    .titled_nl(format!(
                        "{label}: kengetallen (opgeteld over haar gemeenten)"
                    )),
            );
        }
        Ok(tables)
    }
}

/// The gemeenten of an overlap with their weight (product of shares).
type Parts = Vec<(usize, f64)>;

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The gemeenten (by unit index) of a set of regions of a layout.
fn units_in(layout: &Layout, regions: &BTreeSet<RegionIdx>) -> BTreeSet<usize> {
    regions
        .iter()
        .flat_map(|&r| layout.units_of(r).map(|m| m.unit))
        .collect()
}

/// The profile of region `region` (by code or name) of `layout`.
///
/// # Examples
/// ```
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let p = speelveld::analysis::region_profile::region_profile(&atlas, "jeugdzorgregio", "JZ07").unwrap();
/// assert_eq!(p.gemeenten.len(), 11); // IJsselland
/// assert!(p.oogo.iter().any(|o| o.layout == "swv-vo"));
/// ```
pub fn region_profile(atlas: &Atlas, layout: &str, region: &str) -> Result<RegionProfile, Error> {
    let list = members(atlas, layout, region)?;
    let l = atlas.layout(layout)?;
    let code = list.region.parse().map_err(|_| Error::UnknownRegion {
        layout: l.name().to_string(),
        region: region.to_string(),
        hint: String::new(),
    })?;
    let r = l.region_index(&code).ok_or_else(|| Error::UnknownRegion {
        layout: l.name().to_string(),
        region: region.to_string(),
        hint: String::new(),
    })?;
    // The profiled region's gemeenten with their share.
    let mine: Vec<(usize, f64)> = l.units_of(r).map(|m| (m.unit, m.share)).collect();
    let my_weight: f64 = mine.iter().map(|(_, s)| s).sum();
    let name_of = |u: usize| atlas.units().get(u).map(|u| u.name.clone());
    let with_share = |u: usize, s: f64| -> Option<String> {
        let n = name_of(u)?;
        Some(if s < 1.0 - 1e-9 {
            format!("{n} ({:.0}%)", s * 100.0)
        } else {
            n
        })
    };

    let mut overlaps = Vec::new();
    for other in atlas.layouts().iter().filter(|o| o.name() != l.name()) {
        // Per region of the other layout: the gemeenten and their summed product shares.
        let mut cells: BTreeMap<RegionIdx, Parts> = BTreeMap::new();
        for &(u, s) in &mine {
            for m in other.regions_of(u) {
                cells.entry(m.region).or_default().push((u, s * m.share));
            }
        }
        let mut cells: Vec<(&crate::model::Region, RegionIdx, Parts)> = cells
            .into_iter()
            .filter_map(|(r2, parts)| Some((other.regions().get(r2)?, r2, parts)))
            .collect();
        cells.sort_by(|a, b| a.0.code.cmp(&b.0.code));
        for (reg, r2, parts) in cells {
            let weight: f64 = parts.iter().map(|(_, w)| w).sum();
            let size: f64 = other.units_of(r2).map(|m| m.share).sum();
            let share_of_other = if size > 0.0 { weight / size } else { 0.0 };
            overlaps.push(Overlap {
                layout: other.name().to_string(),
                region: reg.code.to_string(),
                name: reg.name.clone(),
                units: parts.len(),
                weight: round4(weight),
                share_of_profiled: round4(if my_weight > 0.0 {
                    weight / my_weight
                } else {
                    0.0
                }),
                share_of_other: round4(share_of_other),
                within: share_of_other > 1.0 - 1e-9,
                gemeenten: parts
                    .iter()
                    .filter_map(|&(u, w)| with_share(u, w))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }

    let oogo = if is_swv(l.name()) {
        mine.iter()
            .filter_map(|&(u, s)| {
                let unit = atlas.units().get(u)?;
                Some(OogoPartner {
                    layout: "gemeente".into(),
                    code: unit.code.to_string(),
                    name: unit.name.clone(),
                    share: round4(s),
                    gemeenten: unit.name.clone(),
                })
            })
            .collect()
    } else {
        overlaps
            .iter()
            .filter(|o| is_swv(&o.layout))
            .map(|o| OogoPartner {
                layout: o.layout.clone(),
                code: o.region.clone(),
                name: o.name.clone(),
                share: o.weight,
                gemeenten: o.gemeenten.clone(),
            })
            .collect()
    };

    let mut po_vo = Vec::new();
    if let (Ok(po), Ok(vo)) = (atlas.layout(SWV_LAYOUTS.0), atlas.layout(SWV_LAYOUTS.1)) {
        for &(u, _) in &mine {
            let Some(unit) = atlas.units().get(u) else {
                continue;
            };
            let po_r: BTreeSet<RegionIdx> = po.regions_of(u).map(|m| m.region).collect();
            let vo_r: BTreeSet<RegionIdx> = vo.regions_of(u).map(|m| m.region).collect();
            let codes = |layout: &Layout, rs: &BTreeSet<RegionIdx>| {
                rs.iter()
                    .filter_map(|&r| layout.regions().get(r).map(|x| x.code.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            po_vo.push(PoVo {
                unit: unit.code.to_string(),
                name: unit.name.clone(),
                swv_po: codes(po, &po_r),
                swv_vo: codes(vo, &vo_r),
                differ: units_in(po, &po_r) != units_in(vo, &vo_r),
            });
        }
    }

    let parts = SplitParts::of(atlas, l);
    let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for &(u, s) in &mine {
        let Some(unit) = atlas.units().get(u) else {
            continue;
        };
        for (k, v) in &unit.figures {
            let e = sums.entry(k.clone()).or_default();
            e.0 += v * s;
            if parts.is_estimated(u, Some(k)) {
                e.1 += v * s;
            }
        }
    }
    let figures = sums
        .into_iter()
        .map(|(figure, (value, estimated_part))| RegionFigure {
            figure,
            value,
            estimated_part,
        })
        .collect();

    Ok(RegionProfile {
        layout: list.layout,
        region: list.region,
        name: list.name,
        gemeenten: list.members,
        overlaps,
        oogo,
        po_vo,
        figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn ijsselland_meets_the_swvs_of_its_gemeenten() {
        // Hand count from tests/data/cbs/2025/gemeente_regions_spatial.csv (JZ07: 11
        // gemeenten) and tests/data/swv (Staphorst is split between PO 23-01 and 23-02).
        let a = atlas(None).unwrap();
        let p = region_profile(&a, "jeugdzorgregio", "IJsselland").unwrap();
        assert_eq!((p.region.as_str(), p.gemeenten.len()), ("JZ07", 11));
        // Every gemeente lies wholly in one provincie: Overijssel holds all 11.
        let pv: Vec<&Overlap> = p
            .overlaps
            .iter()
            .filter(|o| o.layout == "provincie")
            .collect();
        assert_eq!(pv.len(), 1);
        assert_eq!(pv[0].units, 11);
        assert!((pv[0].share_of_profiled - 1.0).abs() < 1e-9);
        // The OOGO partners are SWV's, and the overlaps of each SWV layout sum to the region.
        assert!(p.oogo.iter().all(|o| o.layout.starts_with("swv")));
        for swv in ["swv-po", "swv-vo"] {
            let sum: f64 = p
                .overlaps
                .iter()
                .filter(|o| o.layout == swv)
                .map(|o| o.weight)
                .sum();
            assert!((sum - 11.0).abs() < 1e-3, "{swv}: {sum}");
        }
        assert_eq!(p.po_vo.len(), 11);
        let inw = p.figures.iter().find(|f| f.figure == "inwoners").unwrap();
        assert!(
            inw.value > 500_000.0 && inw.estimated_part == 0.0,
            "{inw:?}"
        );
        let t = p.tables().unwrap();
        assert_eq!(t.len(), 5);
    }

    #[test]
    fn an_swv_holds_oogo_with_its_gemeenten() {
        let a = atlas(None).unwrap();
        let p = region_profile(&a, "swv-vo", "VO2305").unwrap();
        assert!(p.is_swv());
        assert_eq!(p.oogo.len(), p.gemeenten.len());
        assert!(p.oogo.iter().all(|o| o.layout == "gemeente"));
        assert!(p.gemeenten.iter().any(|g| g.name == "Dronten"));
    }

    #[test]
    fn an_unknown_region_is_an_error_with_a_suggestion() {
        let a = atlas(None).unwrap();
        let e = region_profile(&a, "jeugdzorgregio", "IJselland")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no region 'IJselland'"), "{e}");
    }
}
