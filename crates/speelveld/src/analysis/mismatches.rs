//! Units that break the nesting of layout A in layout B: a unit whose A region is split by B
//! and which (partly) lies outside that region's dominant B region (the B region holding
//! most of the A region's weight). This answers "where do the PO and VO layouts differ" and
//! "which gemeenten of this SWV belong to another jeugdzorgregio".
//!
//! A part of a unit that B does not cover is a mismatch too, with an empty `b`.

use serde::Serialize;

use crate::analysis::contingency::{Contingency, region_label};
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Atlas;
use crate::model::Weight;
use crate::model::{Table, Tabular};

/// One unit (part) outside its A region's dominant B region.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    /// The unit's code.
    pub unit: String,
    /// Its name.
    pub unit_name: String,
    /// Its A region.
    pub a: String,
    /// That region's name.
    pub a_name: String,
    /// The B region this part of the unit lies in (empty: not covered by B).
    pub b: String,
    /// Its name.
    pub b_name: String,
    /// The A region's dominant B region.
    pub dominant: String,
    /// Its name.
    pub dominant_name: String,
    /// The weight involved (unit weight × share in A × share in B).
    pub weight: f64,
}

/// The mismatches of A against B.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatches {
    /// Layout A.
    pub a: String,
    /// Layout B.
    pub b: String,
    /// What the weight is: `units` or a figure.
    pub weight: String,
    /// A regions that B splits.
    pub split_regions: usize,
    /// Distinct units involved.
    pub units: usize,
    /// Total weight involved.
    pub total_weight: f64,
    /// The mismatches, by A region, then unit code.
    pub mismatches: Vec<Mismatch>,
}

impl Tabular for Mismatches {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![Table::from_rows("mismatches", &self.mismatches)?.titled(format!(
                "{} units of {} outside their region's dominant {} region ({} split regions, weight {}: {})",
                self.units, self.a, self.b, self.split_regions, self.weight, self.total_weight
            ))])
    }
}

/// The units of A that lie outside their A region's dominant B region.
///
/// Dominance is by the chosen weight (ties: the B region listed first in B).
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002", "GM0003"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// let mut po = Layout::new("po");
/// let p = po.add_region("P".parse().unwrap(), "");
/// for u in 0..3 { po.add_member(u, p, 1.0); }
/// let mut vo = Layout::new("vo");
/// let (v1, v2) = (vo.add_region("V1".parse().unwrap(), ""), vo.add_region("V2".parse().unwrap(), ""));
/// vo.add_member(0, v1, 1.0); vo.add_member(1, v1, 1.0); vo.add_member(2, v2, 1.0);
/// atlas.add_layout(po).unwrap();
/// atlas.add_layout(vo).unwrap();
/// let m = speelveld::analysis::mismatches::mismatches(&atlas, "po", "vo", &speelveld::Weight::Units).unwrap();
/// assert_eq!(m.mismatches.len(), 1);
/// assert_eq!((m.mismatches[0].unit.as_str(), m.mismatches[0].dominant.as_str()), ("GM0003", "V1"));
/// ```
pub fn mismatches(atlas: &Atlas, a: &str, b: &str, weight: &Weight) -> Result<Mismatches, Error> {
    let la = atlas.layout(a)?;
    let lb = atlas.layout(b)?;
    let weights = unit_weights(atlas, weight)?;
    let t = Contingency::build(la, lb, &weights);
    let a_cells = t.cells_of_a(la.regions().len());
    let mut out = Vec::new();
    let mut split_regions = 0;
    for (r, cells) in a_cells.iter().enumerate() {
        let cells: Vec<_> = cells.iter().filter_map(|&i| t.cells.get(i)).collect();
        if cells.len() < 2 {
            continue;
        }
        split_regions += 1;
        let dominant = cells
            .iter()
            .filter(|c| c.b.is_some())
            .max_by(|x, y| x.weight.total_cmp(&y.weight).then(y.b.cmp(&x.b)))
            .and_then(|c| c.b);
        let (a_code, a_name) = region_label(la, Some(r));
        let (d_code, d_name) = region_label(lb, dominant);
        for c in cells.iter().filter(|c| c.b != dominant) {
            let (b_code, b_name) = region_label(lb, c.b);
            for &u in &c.units {
                let Some(unit) = atlas.units().get(u) else {
                    continue;
                };
                let sa = crate::analysis::aggregate::share_in(la, u, r);
                let sb =
                    c.b.map_or(1.0, |j| crate::analysis::aggregate::share_in(lb, u, j));
                out.push(Mismatch {
                    unit: unit.code.to_string(),
                    unit_name: unit.name.clone(),
                    a: a_code.clone(),
                    a_name: a_name.clone(),
                    b: b_code.clone(),
                    b_name: b_name.clone(),
                    dominant: d_code.clone(),
                    dominant_name: d_name.clone(),
                    weight: weights.get(u).copied().unwrap_or(0.0) * sa * sb,
                });
            }
        }
    }
    out.sort_by(|x, y| (&x.a, &x.unit, &x.b).cmp(&(&y.a, &y.unit, &y.b)));
    let mut units: Vec<&str> = out.iter().map(|m| m.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    Ok(Mismatches {
        a: la.name().to_string(),
        b: lb.name().to_string(),
        weight: weight.label().to_string(),
        split_regions,
        units: units.len(),
        total_weight: out.iter().map(|m| m.weight).sum(),
        mismatches: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::crosswalk::tests::small_atlas;

    #[test]
    fn split_units_and_uncovered_units() {
        let atlas = small_atlas();
        // A1 = {u0,u1,u2}: dominant B1 (weight 2); u2 lies half in B2, half in B3.
        // A2 = {u3,u4}: B2 holds u3; u4 is not in B (both weigh 1; B2 is the covered one).
        let m = mismatches(&atlas, "a", "b", &Weight::Units).unwrap();
        let got: Vec<(&str, &str, &str, &str, f64)> = m
            .mismatches
            .iter()
            .map(|x| {
                (
                    x.a.as_str(),
                    x.unit.as_str(),
                    x.b.as_str(),
                    x.dominant.as_str(),
                    x.weight,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A1", "GM0003", "B2", "B1", 0.5),
                ("A1", "GM0003", "B3", "B1", 0.5),
                ("A2", "GM0005", "", "B2", 1.0),
            ]
        );
        assert_eq!((m.split_regions, m.units), (2, 2));
        // Weighted by inhabitants the dominant region can change: A2 = u3 (400) + u4 (500
        // uncovered), the dominant covered region stays B2.
        let w = mismatches(&atlas, "a", "b", &Weight::Figure("inw".into())).unwrap();
        assert_eq!(w.total_weight, 150.0 + 150.0 + 500.0);
        // B in A: B2 = {½u2 in A1, u3 in A2}: dominant A2 (1 > 0.5).
        let r = mismatches(&atlas, "b", "a", &Weight::Units).unwrap();
        assert_eq!(r.mismatches.len(), 1);
        assert_eq!(
            (
                r.mismatches[0].unit.as_str(),
                r.mismatches[0].dominant.as_str()
            ),
            ("GM0003", "A2")
        );
    }
}
