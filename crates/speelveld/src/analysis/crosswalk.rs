//! Crosswalk of two layouts: every non-empty cell (region of A, region of B) with its units,
//! its summed weight and the share of each region that lies in it.
//!
//! The cells come from one pass over the memberships of both layouts ([`Contingency::build`](crate::analysis::contingency::Contingency::build)),
//! linear in the number of memberships. A unit split over several regions contributes
//! `weight × share_A × share_B` to each of its cells: where both layouts split the same unit
//! the parts are assumed to spread independently (the memberships say nothing finer).
//! A unit that one layout covers and the other does not lands in a cell whose other side is
//! empty (`None`), so nothing is dropped and every region's cells sum to its total.

use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::contingency::{Contingency, region_label};
use crate::analysis::estimates::SplitParts;
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Weight;
use crate::model::{Atlas, RegionIdx};
use crate::model::{Table, Tabular};

/// One cell of a crosswalk.
#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkCell {
    /// The region of A (empty: units that A does not cover).
    pub a: String,
    /// Its name.
    pub a_name: String,
    /// The region of B (empty: units that B does not cover).
    pub b: String,
    /// Its name.
    pub b_name: String,
    /// The number of units (partly) in the cell.
    pub units: usize,
    /// The summed weight of the cell (unit count: the summed shares).
    pub weight: f64,
    /// The part of A's weight that lies in this B region.
    pub share_of_a: f64,
    /// The part of B's weight that lies in this A region.
    pub share_of_b: f64,
    /// The area of the cell in km²: each unit's area × its shares in A and B, summed (exact
    /// for whole units, whose outlines tile the cell; split units are divided by their
    /// shares). `None` when a unit of the cell has no geometry (and then no column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
    /// The codes of the units in the cell.
    pub unit_codes: Vec<String>,
    /// The names of the units in the cell, in the order of [`CrosswalkCell::unit_codes`]
    /// (joined by `; ` in CSV, Markdown and text).
    pub unit_names: Vec<String>,
    /// Whether the cell's weight rests on an estimate: it holds a part of a split gemeente
    /// whose share was not made from the weight itself ([`crate::analysis::estimates`]).
    pub estimated: bool,
    /// Those parts, with what their shares rest on (`GM0599 (swv-po by its shares)`).
    pub estimated_parts: Vec<String>,
    /// Whether the cell is below the smallest weight to publish ([`CrosswalkOptions::min_cell`]).
    pub small: bool,
    /// Key figures summed over the cell (each unit's figure × its shares), when loaded.
    #[serde(flatten)]
    pub figures: std::collections::BTreeMap<String, f64>,
}

/// Settings of a crosswalk beyond its weight.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CrosswalkOptions {
    /// The smallest weight of a cell to publish; a lighter cell is flagged `small`.
    /// `None`: [`default_min_cell`] of the weight.
    pub min_cell: Option<f64>,
}

/// The default smallest cell, in the spirit of CBS's disclosure rules: 10 for a figure
/// (no cell describes fewer than 10 people), 1 for unit counts (no cell is less than one
/// gemeente, a part of one gemeente alone), none (0) for area.
///
/// # Examples
/// ```
/// use speelveld::Weight;
/// use speelveld::analysis::crosswalk::default_min_cell;
/// assert_eq!(default_min_cell(&Weight::Figure("inwoners".into())), 10.0);
/// assert_eq!(default_min_cell(&Weight::Units), 1.0);
/// ```
pub fn default_min_cell(weight: &Weight) -> f64 {
    match weight {
        Weight::Figure(_) => 10.0,
        Weight::Units => 1.0,
        Weight::Area => 0.0,
    }
}

/// The crosswalk of two layouts.
#[derive(Debug, Clone, Serialize)]
pub struct Crosswalk {
    /// Layout A.
    pub a: String,
    /// Layout B.
    pub b: String,
    /// What the weight is: `units` or the name of a figure.
    pub weight: String,
    /// The total weight of all cells.
    pub total: f64,
    /// The smallest weight of a cell to publish (lighter cells are flagged `small`).
    pub min_cell: f64,
    /// The key figures summed per cell (column names), in order.
    pub figure_names: Vec<String>,
    /// The non-empty cells, by A region code then B region code.
    pub cells: Vec<CrosswalkCell>,
}

impl Crosswalk {
    /// Lines for people about cells that need care: how many are too small to publish, and
    /// how many rest on an estimate. Empty when none do.
    pub fn warnings(&self) -> Vec<String> {
        let small = self.cells.iter().filter(|c| c.small).count();
        let estimated = self.cells.iter().filter(|c| c.estimated).count();
        let mut out = Vec::new();
        if small > 0 {
            out.push(format!(
                "{small} cell(s) weigh less than {} and are flagged small: not to be published \
                 as they are",
                self.min_cell
            ));
        }
        if estimated > 0 {
            out.push(format!(
                "{estimated} cell(s) hold a part of a split gemeente whose weight is an estimate \
                 (column estimated_parts)"
            ));
        }
        out
    }
}

impl Tabular for Crosswalk {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("crosswalk", &self.cells)?
                .titled(format!(
                    "crosswalk {} × {} (weight: {})",
                    self.a, self.b, self.weight
                ))
                .titled_nl(format!(
                    "kruistabel {} × {} (gewicht: {})",
                    self.a,
                    self.b,
                    crate::model::values::weight_label(&self.weight, crate::model::Taal::Nl)
                ))
                .with_kind("weight", crate::model::columns::weight_kind(&self.weight)),
        ])
    }
}

fn ratio(x: f64, total: f64) -> f64 {
    if total > 0.0 { x / total } else { 0.0 }
}

/// The crosswalk of layouts `a` and `b` of an atlas, weighted by unit count (`figure` =
/// `None`) or by a key figure of the units.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// let mut a = Layout::new("a");
/// let r = a.add_region("A1".parse().unwrap(), "Alpha");
/// a.add_member(0, r, 1.0);
/// a.add_member(1, r, 1.0);
/// let mut b = Layout::new("b");
/// let (b1, b2) = (b.add_region("B1".parse().unwrap(), ""), b.add_region("B2".parse().unwrap(), ""));
/// b.add_member(0, b1, 1.0);
/// b.add_member(1, b2, 1.0);
/// atlas.add_layout(a).unwrap();
/// atlas.add_layout(b).unwrap();
/// let x = speelveld::analysis::crosswalk::crosswalk(&atlas, "a", "b", &speelveld::Weight::Units).unwrap();
/// assert_eq!(x.cells.len(), 2);
/// assert_eq!(x.cells[0].share_of_a, 0.5);
/// assert_eq!(x.cells[0].share_of_b, 1.0);
/// ```
pub fn crosswalk(atlas: &Atlas, a: &str, b: &str, weight: &Weight) -> Result<Crosswalk, Error> {
    crosswalk_with(atlas, a, b, weight, CrosswalkOptions::default())
}

/// [`crosswalk`] with settings: the smallest cell to publish.
pub fn crosswalk_with(
    atlas: &Atlas,
    a: &str,
    b: &str,
    weight: &Weight,
    opts: CrosswalkOptions,
) -> Result<Crosswalk, Error> {
    let la = atlas.layout(a)?;
    let lb = atlas.layout(b)?;
    let weights = unit_weights(atlas, weight)?;
    let t = Contingency::build(la, lb, &weights);
    let min_cell = opts.min_cell.unwrap_or_else(|| default_min_cell(weight));
    let (parts_a, parts_b) = (SplitParts::of(atlas, la), SplitParts::of(atlas, lb));
    let figure = match weight {
        Weight::Figure(f) => Some(f.as_str()),
        _ => None,
    };
    let figure_names = crate::analysis::aggregate::figure_names(atlas);
    // Areas: the same table weighted by unit area (geometry::area, km²).
    let unit_areas = crate::geometry::area::unit_areas_km2(atlas);
    let area_of: HashMap<(Option<RegionIdx>, Option<RegionIdx>), f64> =
        if unit_areas.iter().any(Option::is_some) {
            let w: Vec<f64> = unit_areas.iter().map(|a| a.unwrap_or(0.0)).collect();
            Contingency::build(la, lb, &w)
                .cells
                .into_iter()
                .map(|c| ((c.a, c.b), c.weight))
                .collect()
        } else {
            HashMap::new()
        };
    let mut cells = Vec::with_capacity(t.cells.len());
    for c in &t.cells {
        let (a_code, a_name) = region_label(la, c.a);
        let (b_code, b_name) = region_label(lb, c.b);
        let a_total = c.a.and_then(|r| t.a_totals.get(r)).copied().unwrap_or(0.0);
        let b_total = c.b.and_then(|r| t.b_totals.get(r)).copied().unwrap_or(0.0);
        let estimated_parts: Vec<String> = c
            .units
            .iter()
            .filter_map(|&u| {
                let code = atlas.units().get(u)?.code.to_string();
                let mut basis = [&parts_a, &parts_b]
                    .into_iter()
                    .filter(|p| p.is_estimated(u, figure))
                    .filter_map(|p| p.basis(u))
                    .collect::<Vec<_>>();
                basis.dedup();
                (!basis.is_empty()).then(|| format!("{code} ({})", basis.join(", ")))
            })
            .collect();
        cells.push(CrosswalkCell {
            a: a_code,
            a_name,
            b: b_code,
            b_name,
            units: c.units.len(),
            weight: c.weight,
            share_of_a: if c.a.is_some() {
                ratio(c.weight, a_total)
            } else {
                0.0
            },
            share_of_b: if c.b.is_some() {
                ratio(c.weight, b_total)
            } else {
                0.0
            },
            area_km2: c
                .units
                .iter()
                .all(|&u| unit_areas.get(u).is_some_and(Option::is_some))
                .then(|| area_of.get(&(c.a, c.b)).copied())
                .flatten()
                .map(|a| (a * 1000.0).round() / 1000.0),
            unit_codes: c
                .units
                .iter()
                .filter_map(|&u| atlas.units().get(u).map(|x| x.code.to_string()))
                .collect(),
            unit_names: c
                .units
                .iter()
                .filter_map(|&u| atlas.units().get(u).map(|x| x.name.clone()))
                .collect(),
            estimated: !estimated_parts.is_empty(),
            estimated_parts,
            small: c.weight < min_cell,
            figures: crate::analysis::aggregate::cell_figures(atlas, la, lb, c, &figure_names),
        });
    }
    cells.sort_by(|x, y| {
        (x.a.is_empty(), &x.a, x.b.is_empty(), &x.b).cmp(&(
            y.a.is_empty(),
            &y.a,
            y.b.is_empty(),
            &y.b,
        ))
    });
    Ok(Crosswalk {
        a: la.name().to_string(),
        b: lb.name().to_string(),
        weight: weight.label().to_string(),
        total: t.total,
        min_cell,
        figure_names,
        cells,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{GemeenteCode, Layout, Unit};

    /// Four units; A = {A1: u0,u1,u2 ; A2: u3}, B = {B1: u0,u1 ; B2: u2 ½, u3 ; B3: u2 ½},
    /// unit 4 only in A2 and not in B.
    pub(crate) fn small_atlas() -> Atlas {
        let mut atlas = Atlas::new(None);
        for i in 1..=5u16 {
            let code = GemeenteCode::from_number(i).unwrap();
            let mut u = Unit::new(code, format!("G{i}"));
            u.figures.insert("inw".into(), f64::from(i) * 100.0);
            atlas.add_unit(u).unwrap();
        }
        let mut a = Layout::new("a");
        let a1 = a.add_region("A1".parse().unwrap(), "Alpha");
        let a2 = a.add_region("A2".parse().unwrap(), "Beta");
        for (u, r) in [(0, a1), (1, a1), (2, a1), (3, a2), (4, a2)] {
            a.add_member(u, r, 1.0);
        }
        let mut b = Layout::new("b");
        let b1 = b.add_region("B1".parse().unwrap(), "Een");
        let b2 = b.add_region("B2".parse().unwrap(), "Twee");
        let b3 = b.add_region("B3".parse().unwrap(), "Drie");
        b.add_member(0, b1, 1.0);
        b.add_member(1, b1, 1.0);
        b.add_member(2, b2, 0.5);
        b.add_member(2, b3, 0.5);
        b.add_member(3, b2, 1.0);
        atlas.add_layout(a).unwrap();
        atlas.add_layout(b).unwrap();
        atlas
    }

    #[test]
    fn cells_shares_and_uncovered_units() {
        let atlas = small_atlas();
        let x = crosswalk(&atlas, "a", "b", &Weight::Units).unwrap();
        let got: Vec<(&str, &str, usize, f64)> = x
            .cells
            .iter()
            .map(|c| (c.a.as_str(), c.b.as_str(), c.units, c.weight))
            .collect();
        assert_eq!(
            got,
            [
                ("A1", "B1", 2, 2.0),
                ("A1", "B2", 1, 0.5),
                ("A1", "B3", 1, 0.5),
                ("A2", "B2", 1, 1.0),
                ("A2", "", 1, 1.0),
            ]
        );
        // A1 weighs 3 (u0,u1,u2); B2 weighs 1.5 (half of u2 and u3).
        assert_eq!(x.cells[0].share_of_a, 2.0 / 3.0);
        assert_eq!(x.cells[1].share_of_b, 0.5 / 1.5);
        assert_eq!(x.cells[4].b_name, "(not in b)");
        assert_eq!(x.cells[0].unit_codes, ["GM0001", "GM0002"]);
        assert_eq!(x.cells[0].unit_names.len(), 2);
    }

    #[test]
    fn conservation_per_region_and_in_total() {
        let atlas = small_atlas();
        for fig in [Weight::Units, Weight::Figure("inw".into())] {
            let x = crosswalk(&atlas, "a", "b", &fig).unwrap();
            let la = atlas.layout("a").unwrap();
            let w = unit_weights(&atlas, &fig).unwrap();
            for (r, reg) in la.regions().iter().enumerate() {
                let direct: f64 = la.units_of(r).map(|m| w[m.unit] * m.share).sum();
                let cells: f64 = x
                    .cells
                    .iter()
                    .filter(|c| c.a == reg.code.as_str())
                    .map(|c| c.weight)
                    .sum();
                assert!((direct - cells).abs() < 1e-9, "{fig:?} {}", reg.code);
                let shares: f64 = x
                    .cells
                    .iter()
                    .filter(|c| c.a == reg.code.as_str())
                    .map(|c| c.share_of_a)
                    .sum();
                assert!((shares - 1.0).abs() < 1e-12);
            }
            let all: f64 = w.iter().sum();
            let cells: f64 = x.cells.iter().map(|c| c.weight).sum();
            assert!((all - cells).abs() < 1e-9 && (x.total - all).abs() < 1e-9);
        }
        // Weighted: u2 (300 inhabitants) splits 150/150 over B2 and B3.
        let x = crosswalk(&atlas, "a", "b", &Weight::Figure("inw".into())).unwrap();
        assert_eq!(x.cells[1].weight, 150.0);
    }

    #[test]
    fn missing_figure_and_layout_are_errors() {
        let atlas = small_atlas();
        let e = crosswalk(&atlas, "a", "b", &Weight::Figure("jeugd".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("GM0001 G1 has no figure 'jeugd'"), "{e}");
        let e = crosswalk(&atlas, "a", "c", &Weight::Units)
            .unwrap_err()
            .to_string();
        assert!(e.contains("no layout named 'c'"), "{e}");
    }
}
