//! The weighted contingency table of two layouts over the same units: the shared core of
//! crosswalk, compare, mismatches, congruence, metrics and aggregate.

use std::collections::HashMap;

use crate::model::{Layout, Member, RegionIdx, UnitIdx};

/// One cell of a contingency table: the units that lie (partly) in region `a` of layout A
/// and region `b` of layout B, and their summed weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The region of A; `None` for units that A does not cover.
    pub a: Option<RegionIdx>,
    /// The region of B; `None` for units that B does not cover.
    pub b: Option<RegionIdx>,
    /// The units in the cell, in unit order.
    pub units: Vec<UnitIdx>,
    /// The summed weight (`weight × share_A × share_B` per unit).
    pub weight: f64,
}

/// The weighted contingency table of two layouts over the same units.
#[derive(Debug, Clone, PartialEq)]
pub struct Contingency {
    /// The non-empty cells, sorted by (a, b) with `None` last.
    pub cells: Vec<Cell>,
    /// Total weight of each region of A (all its cells).
    pub a_totals: Vec<f64>,
    /// Total weight of each region of B (all its cells).
    pub b_totals: Vec<f64>,
    /// Total weight of all cells.
    pub total: f64,
}

/// Calls `f(unit, a_members, b_members)` for every unit that at least one of the two sorted
/// membership lists covers, in unit order. Linear in the number of memberships.
pub(crate) fn for_each_unit(
    a: &[Member],
    b: &[Member],
    mut f: impl FnMut(UnitIdx, &[Member], &[Member]),
) {
    let (mut i, mut j) = (0, 0);
    loop {
        let ua = a.get(i).map(|m| m.unit);
        let ub = b.get(j).map(|m| m.unit);
        let unit = match (ua, ub) {
            (None, None) => break,
            (Some(x), None) | (None, Some(x)) => x,
            (Some(x), Some(y)) => x.min(y),
        };
        let i_end = run_end(a, i, unit);
        let j_end = run_end(b, j, unit);
        f(
            unit,
            a.get(i..i_end).unwrap_or_default(),
            b.get(j..j_end).unwrap_or_default(),
        );
        i = i_end;
        j = j_end;
    }
}

/// The end of the run of members of `unit` that starts at `start` (or `start` when none).
fn run_end(ms: &[Member], start: usize, unit: UnitIdx) -> usize {
    let mut e = start;
    while ms.get(e).is_some_and(|m| m.unit == unit) {
        e += 1;
    }
    e
}

impl Contingency {
    /// Builds the table from the memberships of `a` and `b`, weighting unit `u` by
    /// `weights[u]` (a unit beyond the slice weighs 0; see [`crate::analysis::weights::unit_weights`]).
    ///
    /// # Examples
    /// ```
    /// use speelveld::Layout;
    /// use speelveld::analysis::contingency::Contingency;
    /// let mut a = Layout::new("a");
    /// let mut b = Layout::new("b");
    /// let (a1, b1, b2) = (a.add_region("A1".parse().unwrap(), ""),
    ///     b.add_region("B1".parse().unwrap(), ""), b.add_region("B2".parse().unwrap(), ""));
    /// a.add_member(0, a1, 1.0);
    /// a.add_member(1, a1, 1.0);
    /// b.add_member(0, b1, 1.0);
    /// b.add_member(1, b1, 0.5);
    /// b.add_member(1, b2, 0.5);
    /// let t = Contingency::build(&a, &b, &[1.0, 1.0]);
    /// assert_eq!(t.cells.len(), 2);
    /// assert_eq!(t.cells[0].weight, 1.5);
    /// assert_eq!(t.a_totals[a1], 2.0);
    /// ```
    pub fn build(a: &Layout, b: &Layout, weights: &[f64]) -> Contingency {
        let mut index: HashMap<(Option<RegionIdx>, Option<RegionIdx>), usize> = HashMap::new();
        let mut cells: Vec<Cell> = Vec::new();
        let mut add = |ra: Option<RegionIdx>, rb: Option<RegionIdx>, unit: UnitIdx, w: f64| {
            let k = *index.entry((ra, rb)).or_insert_with(|| {
                cells.push(Cell {
                    a: ra,
                    b: rb,
                    units: Vec::new(),
                    weight: 0.0,
                });
                cells.len() - 1
            });
            if let Some(c) = cells.get_mut(k) {
                if c.units.last() != Some(&unit) {
                    c.units.push(unit);
                }
                c.weight += w;
            }
        };
        for_each_unit(a.members(), b.members(), |unit, ams, bms| {
            let w = weights.get(unit).copied().unwrap_or(0.0);
            match (ams.is_empty(), bms.is_empty()) {
                (false, true) => ams
                    .iter()
                    .for_each(|m| add(Some(m.region), None, unit, w * m.share)),
                (true, false) => bms
                    .iter()
                    .for_each(|m| add(None, Some(m.region), unit, w * m.share)),
                _ => {
                    for ma in ams {
                        for mb in bms {
                            add(
                                Some(ma.region),
                                Some(mb.region),
                                unit,
                                w * ma.share * mb.share,
                            );
                        }
                    }
                }
            }
        });
        let key = |r: Option<RegionIdx>| r.map_or(usize::MAX, |x| x);
        cells.sort_by_key(|c| (key(c.a), key(c.b)));
        let mut a_totals = vec![0.0; a.regions().len()];
        let mut b_totals = vec![0.0; b.regions().len()];
        let mut total = 0.0;
        for c in &cells {
            if let Some(t) = c.a.and_then(|r| a_totals.get_mut(r)) {
                *t += c.weight;
            }
            if let Some(t) = c.b.and_then(|r| b_totals.get_mut(r)) {
                *t += c.weight;
            }
            total += c.weight;
        }
        Contingency {
            cells,
            a_totals,
            b_totals,
            total,
        }
    }

    /// The cells in which both layouts have a region (units covered by both).
    pub fn joint_cells(&self) -> impl Iterator<Item = (RegionIdx, RegionIdx, &Cell)> + '_ {
        self.cells.iter().filter_map(|c| Some((c.a?, c.b?, c)))
    }

    /// For each region of A, the indices (into `cells`) of its cells.
    pub fn cells_of_a(&self, regions: usize) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); regions];
        for (i, c) in self.cells.iter().enumerate() {
            if let Some(v) = c.a.and_then(|r| out.get_mut(r)) {
                v.push(i);
            }
        }
        out
    }

    /// For each region of B, the indices (into `cells`) of its cells.
    pub fn cells_of_b(&self, regions: usize) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); regions];
        for (i, c) in self.cells.iter().enumerate() {
            if let Some(v) = c.b.and_then(|r| out.get_mut(r)) {
                v.push(i);
            }
        }
        out
    }
}

/// The code and name of a region, or empty code and `(not covered)` for `None`.
pub(crate) fn region_label(l: &Layout, r: Option<RegionIdx>) -> (String, String) {
    match r.and_then(|r| l.regions().get(r)) {
        Some(reg) => (reg.code.to_string(), reg.name.clone()),
        None => (String::new(), format!("(not in {})", l.name())),
    }
}
