//! Units that break the nesting of layout A in layout B. Each A region first gets its
//! relation to B ([`Relation`](crate::analysis::compare::Relation), as
//! [`crate::analysis::compare`] decides it from the memberships): `identical`, `within` one
//! B region, `contains` whole B regions, or `crosses`. Nesting is no mismatch: only in a region that crosses B, and only in the B
//! regions that reach beyond it, are the units that lie (partly) outside the region's
//! dominant B region (the one holding most of its weight) mismatches. A B region wholly
//! inside the A region is nested there, not a mismatch, even when the A region crosses
//! another B region. When two or more B regions hold the most weight alike, the region has
//! no dominant B region: that is reported as a tie, and the units of all those reaching
//! beyond it are listed with the tied regions, since none of them is the odd one out. This answers "where
//! do the PO and VO layouts differ" and "which gemeenten of this SWV belong to another
//! jeugdzorgregio".
//!
//! A part of a unit that B does not cover is a mismatch too, with an empty `b`. A unit split
//! in both layouts is counted in every pair of its A and B regions by the product of its
//! shares (the layouts hold no pairing of its parts); such rows say `both_split`.

use serde::Serialize;

use crate::analysis::compare::{Relation, b_within, region_relation};
use crate::analysis::contingency::{Contingency, region_label};
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Atlas;
use crate::model::Weight;
use crate::model::{Table, Tabular};

/// One unit (part) of a crossing A region in a B region that reaches beyond it, other than
/// the A region's dominant B region (in a tie: any of them).
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
    /// The A region's dominant B region; empty in a tie.
    pub dominant: String,
    /// Its name.
    pub dominant_name: String,
    /// True when several B regions hold the A region's largest weight alike.
    pub tie: bool,
    /// In a tie, the tied B regions (`VO2305 VO2403`); empty otherwise.
    pub tied: String,
    /// True when the unit is split in both layouts: a layout holds only the unit's shares,
    /// so its part in this A and B region pair is the product of its two shares, an estimate
    /// (a source that pairs the parts, like the SWV postcode table, may pair them otherwise).
    pub both_split: bool,
    /// The weight involved (unit weight × share in A × share in B).
    pub weight: f64,
}

/// One A region's relation to B.
#[derive(Debug, Clone, Serialize)]
pub struct RegionRelation {
    /// The A region's code.
    pub region: String,
    /// Its name.
    pub name: String,
    /// Its relation to B.
    pub relation: Relation,
    /// The B regions it overlaps (a part outside B counts as none).
    pub b_regions: usize,
    /// Its dominant B region; empty in a tie or when B covers none of it.
    pub dominant: String,
    /// Its name.
    pub dominant_name: String,
    /// True when several B regions hold its largest weight alike.
    pub tie: bool,
    /// In a tie, the tied B regions (`VO2305 VO2403`); empty otherwise.
    pub tied: String,
    /// The units of it listed as mismatches (only in a region that crosses B).
    pub mismatch_units: usize,
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
    /// A regions that cross B (the only ones with mismatches).
    pub crossing_regions: usize,
    /// A regions that contain two or more whole B regions (nesting, no mismatch).
    pub containing_regions: usize,
    /// A regions within one B region or identical to one.
    pub within_regions: usize,
    /// Crossing A regions whose dominant B region is a tie.
    pub ties: usize,
    /// Distinct units involved.
    pub units: usize,
    /// Total weight involved.
    pub total_weight: f64,
    /// The mismatches, by A region, then unit code.
    pub mismatches: Vec<Mismatch>,
    /// Every A region with its relation to B, by code.
    pub regions: Vec<RegionRelation>,
}

impl Tabular for Mismatches {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("mismatches", &self.mismatches)?
                .titled(format!(
                    "{} units of {} outside their region's dominant {} region, in the {} regions \
                 that cross {} ({} of them a tie; weight {}: {}); {} region(s) contain whole {} \
                 regions, {} lie within one",
                    self.units,
                    self.a,
                    self.b,
                    self.crossing_regions,
                    self.b,
                    self.ties,
                    self.weight,
                    (self.total_weight * 1000.0).round() / 1000.0,
                    self.containing_regions,
                    self.b,
                    self.within_regions
                ))
                .titled_nl(format!(
                    "{} gemeenten van {} buiten de hoofdregio in {} van hun regio, in de {} regio's \
                     die {} kruisen (waarvan {} zonder hoofdregio; gewicht {}: {}); {} regio('s) \
                     omvatten hele regio's van {}, {} liggen binnen één",
                    self.units,
                    self.a,
                    self.b,
                    self.crossing_regions,
                    self.b,
                    self.ties,
                    crate::model::values::weight_label(&self.weight, crate::model::Taal::Nl),
                    (self.total_weight * 1000.0).round() / 1000.0,
                    self.containing_regions,
                    self.b,
                    self.within_regions
                ))
                .with_kind("weight", crate::model::columns::weight_kind(&self.weight)),
            Table::from_rows("regions", &self.regions)?.titled(format!(
                "the regions of {} and their relation to {}",
                self.a, self.b
            ))
            .titled_nl(format!(
                "de regio's van {} en hun relatie tot {}",
                self.a, self.b
            )),
        ])
    }
}

/// Two weights count as a tie when they differ by less than this (relative to the larger).
const TIE_TOLERANCE: f64 = 1e-9;

/// The units of A's crossing regions that lie in B regions reaching beyond them, outside
/// their A region's dominant B region, with every A region's relation to B.
///
/// Dominance is by the chosen weight; a tie is reported, not broken.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// use speelveld::analysis::compare::Relation;
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002", "GM0003", "GM0004"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// // P = {1, 2, 3} crosses V1 = {1, 2} and V2 = {3, 4}; Q = {4} lies within V2.
/// let mut po = Layout::new("po");
/// let (p, q) = (po.add_region("P".parse().unwrap(), ""), po.add_region("Q".parse().unwrap(), ""));
/// for u in 0..3 { po.add_member(u, p, 1.0); }
/// po.add_member(3, q, 1.0);
/// let mut vo = Layout::new("vo");
/// let (v1, v2) = (vo.add_region("V1".parse().unwrap(), ""), vo.add_region("V2".parse().unwrap(), ""));
/// vo.add_member(0, v1, 1.0); vo.add_member(1, v1, 1.0); vo.add_member(2, v2, 1.0); vo.add_member(3, v2, 1.0);
/// atlas.add_layout(po).unwrap();
/// atlas.add_layout(vo).unwrap();
/// let m = speelveld::analysis::mismatches::mismatches(&atlas, "po", "vo", &speelveld::Weight::Units).unwrap();
/// assert_eq!(m.mismatches.len(), 1);
/// assert_eq!((m.mismatches[0].unit.as_str(), m.mismatches[0].dominant.as_str()), ("GM0003", "V1"));
/// assert_eq!(m.regions[0].relation, Relation::Crosses);
/// assert_eq!(m.regions[1].relation, Relation::Within);
/// ```
pub fn mismatches(atlas: &Atlas, a: &str, b: &str, weight: &Weight) -> Result<Mismatches, Error> {
    let la = atlas.layout(a)?;
    let lb = atlas.layout(b)?;
    let weights = unit_weights(atlas, weight)?;
    let t = Contingency::build(la, lb, &weights);
    let a_cells = t.cells_of_a(la.regions().len());
    let b_cells = t.cells_of_b(lb.regions().len());
    let mut out = Vec::new();
    let mut regions = Vec::with_capacity(la.regions().len());
    for (r, ids) in a_cells.iter().enumerate() {
        let relation = region_relation(&t, &a_cells, &b_cells, r);
        let cells: Vec<_> = ids.iter().filter_map(|&i| t.cells.get(i)).collect();
        let covered: Vec<_> = cells.iter().filter(|c| c.b.is_some()).collect();
        let top = covered.iter().map(|c| c.weight).fold(f64::NAN, f64::max);
        let mut tops: Vec<usize> = covered
            .iter()
            .filter(|c| (top - c.weight).abs() <= TIE_TOLERANCE * top.abs().max(1.0))
            .filter_map(|c| c.b)
            .collect();
        tops.sort_by(|x, y| {
            region_label(lb, Some(*x))
                .0
                .cmp(&region_label(lb, Some(*y)).0)
        });
        let tie = tops.len() > 1;
        let dominant = match tops.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        let tied = if tie {
            tops.iter()
                .map(|&j| region_label(lb, Some(j)).0)
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            String::new()
        };
        let (a_code, a_name) = region_label(la, Some(r));
        let (d_code, d_name) = match dominant {
            Some(_) => region_label(lb, dominant),
            None => (String::new(), String::new()),
        };
        let before = out.len();
        if relation == Relation::Crosses {
            let beyond = |b: Option<usize>| b.is_none_or(|j| !b_within(&t, &b_cells, j, r));
            for c in cells
                .iter()
                .filter(|c| (tie || c.b != dominant) && beyond(c.b))
            {
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
                        tie,
                        tied: tied.clone(),
                        both_split: la.regions_of(u).nth(1).is_some()
                            && lb.regions_of(u).nth(1).is_some(),
                        weight: weights.get(u).copied().unwrap_or(0.0) * sa * sb,
                    });
                }
            }
        }
        let mut listed: Vec<&str> = out
            .get(before..)
            .unwrap_or_default()
            .iter()
            .map(|m| m.unit.as_str())
            .collect();
        listed.sort_unstable();
        listed.dedup();
        regions.push(RegionRelation {
            region: a_code,
            name: a_name,
            relation,
            b_regions: covered.len(),
            dominant: d_code,
            dominant_name: d_name,
            tie,
            tied,
            mismatch_units: listed.len(),
        });
    }
    out.sort_by(|x, y| (&x.a, &x.unit, &x.b).cmp(&(&y.a, &y.unit, &y.b)));
    regions.sort_by(|x, y| x.region.cmp(&y.region));
    let mut units: Vec<&str> = out.iter().map(|m| m.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    let count = |f: &dyn Fn(&RegionRelation) -> bool| regions.iter().filter(|r| f(r)).count();
    Ok(Mismatches {
        a: la.name().to_string(),
        b: lb.name().to_string(),
        weight: weight.label().to_string(),
        crossing_regions: count(&|r| r.relation == Relation::Crosses),
        containing_regions: count(&|r| r.relation == Relation::Contains),
        within_regions: count(&|r| matches!(r.relation, Relation::Within | Relation::Identical)),
        ties: count(&|r| r.relation == Relation::Crosses && r.tie),
        units: units.len(),
        total_weight: out.iter().map(|m| m.weight).sum(),
        mismatches: out,
        regions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::crosswalk::tests::small_atlas;

    #[test]
    fn split_units_and_uncovered_units() {
        let atlas = small_atlas();
        // A1 = {u0,u1,u2}: dominant B1 (weight 2); u2 lies half in B2, half in B3. B3 lies
        // wholly in A1 (nested: no mismatch; before, GM0003's B3 half was listed too); B2
        // reaches into A2, so A1 crosses B through u2's B2 half.
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
                ("A2", "GM0005", "", "B2", 1.0),
            ]
        );
        assert_eq!((m.crossing_regions, m.units, m.ties), (2, 2, 0));
        // Weighted by inhabitants the dominant region can change: A2 = u3 (400) + u4 (500
        // uncovered), the dominant covered region stays B2.
        let w = mismatches(&atlas, "a", "b", &Weight::Figure("inw".into())).unwrap();
        assert_eq!(w.total_weight, 150.0 + 500.0);
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

    /// The mismatches of `p` in `v` on four units `GM0001`…, from (unit, region) pairs.
    fn pairs(p: &[(usize, &str)], v: &[(usize, &str)]) -> Mismatches {
        let mut atlas = Atlas::new(None);
        for i in 0..4 {
            let code: crate::model::GemeenteCode = format!("GM000{}", i + 1).parse().unwrap();
            atlas.add_unit(crate::model::Unit::new(code, "")).unwrap();
        }
        for (name, ms) in [("p", p), ("v", v)] {
            let mut l = crate::model::Layout::new(name);
            for &(u, r) in ms {
                let r = l.add_region(r.parse().unwrap(), "");
                l.add_member(u, r, 1.0);
            }
            atlas.add_layout(l).unwrap();
        }
        mismatches(&atlas, "p", "v", &Weight::Units).unwrap()
    }

    #[test]
    fn a_tie_is_reported_not_broken() {
        // P = {u0, u1} meets V1 = {u0, u2} and V2 = {u1, u3} with one unit each. Before, the
        // tie went to V1 by code order and only GM0002 was "the mismatch".
        let units = [(0, "P"), (1, "P"), (2, "Q"), (3, "Q")];
        let m = pairs(&units, &[(0, "V1"), (1, "V2"), (2, "V1"), (3, "V2")]);
        let p = &m.regions[0];
        assert_eq!(
            (p.relation, p.tie, p.tied.as_str()),
            (Relation::Crosses, true, "V1 V2")
        );
        assert_eq!(p.dominant, "");
        let listed: Vec<(&str, &str, bool)> = m
            .mismatches
            .iter()
            .filter(|x| x.a == "P")
            .map(|x| (x.unit.as_str(), x.b.as_str(), x.tie))
            .collect();
        assert_eq!(listed, [("GM0001", "V1", true), ("GM0002", "V2", true)]);
        assert_eq!(m.ties, 2);
    }

    #[test]
    fn nesting_is_no_mismatch() {
        // P = V1 + V2 wholly; Q = {u2, u3} within V3. Before, GM0002 was listed under P.
        let units = [(0, "P"), (1, "P"), (2, "Q"), (3, "Q")];
        let m = pairs(&units, &[(0, "V1"), (1, "V2"), (2, "V3"), (3, "V3")]);
        assert!(m.mismatches.is_empty(), "{:?}", m.mismatches);
        assert_eq!(m.regions[0].relation, Relation::Contains);
        assert_eq!(m.regions[1].relation, Relation::Identical);
        assert_eq!((m.containing_regions, m.within_regions), (1, 1));
    }
}
