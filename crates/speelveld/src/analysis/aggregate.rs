//! Key figures (kengetallen) summed to regions and to crosswalk cells, respecting shares.
//!
//! A unit with share `s` in a region adds `s × figure` to it (for a crosswalk cell:
//! `share_A × share_B × figure`). A unit that lacks a figure adds nothing to that figure and
//! is counted in [`RegionFigures::missing`](crate::analysis::aggregate::RegionFigures::missing), so no gap passes unnoticed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::contingency::Cell;
use crate::analysis::estimates::SplitParts;
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Weight;
use crate::model::{Atlas, Layout, RegionIdx, UnitIdx};
use crate::model::{Table, Tabular};

/// The names of all figures that any unit of the atlas carries, sorted.
pub fn figure_names(atlas: &Atlas) -> Vec<String> {
    let mut names: Vec<String> = atlas
        .units()
        .iter()
        .flat_map(|u| u.figures.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The share of `unit` in `region` of a layout (0 when it is not a member).
pub fn share_in(layout: &Layout, unit: UnitIdx, region: RegionIdx) -> f64 {
    layout
        .regions_of(unit)
        .filter(|m| m.region == region)
        .map(|m| m.share)
        .sum()
}

/// The figures of a crosswalk cell: each unit's figure × its share in the cell's A region ×
/// its share in the cell's B region (a side without region counts as the whole unit).
pub fn cell_figures(
    atlas: &Atlas,
    a: &Layout,
    b: &Layout,
    cell: &Cell,
    names: &[String],
) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    if names.is_empty() {
        return out;
    }
    for &u in &cell.units {
        let Some(unit) = atlas.units().get(u) else {
            continue;
        };
        let sa = cell.a.map_or(1.0, |r| share_in(a, u, r));
        let sb = cell.b.map_or(1.0, |r| share_in(b, u, r));
        for n in names {
            if let Some(v) = unit.figure(n) {
                *out.entry(n.clone()).or_insert(0.0) += v * sa * sb;
            }
        }
    }
    out
}

/// One region with its summed weight and figures.
#[derive(Debug, Clone, Serialize)]
pub struct RegionTotal {
    /// The region's code.
    pub region: String,
    /// Its name.
    pub name: String,
    /// Units with (a share in) the region.
    pub units: usize,
    /// The summed weight (unit count: the summed shares).
    pub weight: f64,
    /// Whether the weight rests on an estimate: a part of a split gemeente whose share was
    /// not made from the weight ([`crate::analysis::estimates`]).
    pub estimated: bool,
    /// Those parts (`GM0599 (swv-po by its shares)`).
    pub estimated_parts: Vec<String>,
    /// Each figure summed over the region's units × their shares.
    #[serde(flatten)]
    pub figures: BTreeMap<String, f64>,
}

/// A figure that some units lack.
#[derive(Debug, Clone, Serialize)]
pub struct MissingFigure {
    /// The figure.
    pub figure: String,
    /// How many units of the layout lack it.
    pub units: usize,
    /// The first few of them (`GM0363 Amsterdam`).
    pub examples: Vec<String>,
}

/// The regions of a layout with their summed weight and key figures.
#[derive(Debug, Clone, Serialize)]
pub struct RegionFigures {
    /// The layout.
    pub layout: String,
    /// What the weight is: `units` or a figure.
    pub weight: String,
    /// The figure columns, in order.
    pub figure_names: Vec<String>,
    /// The regions, sorted by code.
    pub regions: Vec<RegionTotal>,
    /// The layout's total of each figure (equals the sum over regions).
    pub totals: BTreeMap<String, f64>,
    /// Figures that some units of the layout lack (they add nothing to their regions).
    pub missing: Vec<MissingFigure>,
}

impl Tabular for RegionFigures {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let mut tables = vec![
            Table::from_rows("regions", &self.regions)?
                .titled(format!(
                    "regions of {} (weight: {})",
                    self.layout, self.weight
                ))
                .titled_nl(format!(
                    "regio's van {} (gewicht: {})",
                    self.layout,
                    crate::model::values::weight_label(&self.weight, crate::model::Taal::Nl)
                ))
                .with_kind("weight", crate::model::columns::weight_kind(&self.weight)),
        ];
        if !self.missing.is_empty() {
            tables.push(
                Table::from_rows("missing_figures", &self.missing)?
                    .titled("figures missing for some units")
                    .titled_nl("kengetallen die bij sommige gemeenten ontbreken"),
            );
        }
        Ok(tables)
    }
}

/// Sums the weight (`figure`, or unit count) and every key figure of the atlas's units to
/// the regions of a layout.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// for (c, inw) in [("GM0001", 100.0), ("GM0002", 50.0)] {
///     let mut u = Unit::new(c.parse::<GemeenteCode>().unwrap(), c);
///     u.figures.insert("inwoners".into(), inw);
///     atlas.add_unit(u).unwrap();
/// }
/// let mut l = Layout::new("r");
/// let (x, y) = (l.add_region("X".parse().unwrap(), ""), l.add_region("Y".parse().unwrap(), ""));
/// l.add_member(0, x, 1.0);
/// l.add_member(1, x, 0.4);
/// l.add_member(1, y, 0.6);
/// atlas.add_layout(l).unwrap();
/// let inwoners = speelveld::Weight::Figure("inwoners".into());
/// let f = speelveld::analysis::aggregate::region_figures(&atlas, "r", &inwoners).unwrap();
/// assert_eq!(f.regions[0].weight, 120.0);
/// assert_eq!(f.regions[1].figures["inwoners"], 30.0);
/// ```
pub fn region_figures(
    atlas: &Atlas,
    layout: &str,
    weight: &Weight,
) -> Result<RegionFigures, Error> {
    let l = atlas.layout(layout)?;
    let weights = unit_weights(atlas, weight)?;
    let names = figure_names(atlas);
    let mut regions: Vec<RegionTotal> = l
        .regions()
        .iter()
        .map(|r| RegionTotal {
            region: r.code.to_string(),
            name: r.name.clone(),
            units: 0,
            weight: 0.0,
            estimated: false,
            estimated_parts: Vec::new(),
            figures: BTreeMap::new(),
        })
        .collect();
    let mut totals: BTreeMap<String, f64> = BTreeMap::new();
    let mut missing: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut last_unit = None;
    let parts = SplitParts::of(atlas, l);
    let figure = match weight {
        Weight::Figure(f) => Some(f.as_str()),
        _ => None,
    };
    for m in l.members() {
        let (Some(row), Some(unit)) = (regions.get_mut(m.region), atlas.units().get(m.unit)) else {
            continue;
        };
        row.units += 1;
        row.weight += weights.get(m.unit).copied().unwrap_or(0.0) * m.share;
        if parts.is_estimated(m.unit, figure) {
            row.estimated = true;
            if let Some(b) = parts.basis(m.unit) {
                row.estimated_parts.push(format!("{} ({b})", unit.code));
            }
        }
        let first_of_unit = last_unit != Some(m.unit);
        last_unit = Some(m.unit);
        for n in &names {
            match unit.figure(n) {
                Some(v) => {
                    *row.figures.entry(n.clone()).or_insert(0.0) += v * m.share;
                    *totals.entry(n.clone()).or_insert(0.0) += v * m.share;
                }
                None if first_of_unit => {
                    let e = missing.entry(n.clone()).or_default();
                    e.0 += 1;
                    if e.1.len() < 5 {
                        e.1.push(format!("{} {}", unit.code, unit.name));
                    }
                }
                None => {}
            }
        }
    }
    regions.sort_by(|a, b| a.region.cmp(&b.region));
    Ok(RegionFigures {
        layout: l.name().to_string(),
        weight: weight.label().to_string(),
        figure_names: names,
        regions,
        totals,
        missing: missing
            .into_iter()
            .map(|(f, (units, examples))| MissingFigure {
                figure: f,
                units,
                examples,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::crosswalk::tests::small_atlas;

    #[test]
    fn figures_follow_shares_and_sum_to_the_total() {
        let mut atlas = small_atlas();
        // Unit 5 lacks the figure: reported, not silently zero.
        atlas.units_mut()[4].figures.clear();
        let f = region_figures(&atlas, "b", &Weight::Figure("inw".into()));
        assert!(
            f.unwrap_err()
                .to_string()
                .contains("GM0005 G5 has no figure 'inw'")
        );
        let f = region_figures(&atlas, "b", &Weight::Units).unwrap();
        // B2 = half of u2 (300) + u3 (400) = 550; B3 = 150.
        let by: Vec<(&str, f64, f64)> = f
            .regions
            .iter()
            .map(|r| (r.region.as_str(), r.weight, r.figures["inw"]))
            .collect();
        assert_eq!(
            by,
            [("B1", 2.0, 300.0), ("B2", 1.5, 550.0), ("B3", 0.5, 150.0)]
        );
        assert_eq!(f.totals["inw"], 1000.0);
        let f = region_figures(&atlas, "a", &Weight::Units).unwrap();
        assert_eq!(f.missing.len(), 1);
        assert_eq!(f.missing[0].examples, ["GM0005 G5"]);
        assert_eq!(f.totals["inw"], 1000.0);
    }
}
