//! Compare two layouts: for each region of A its relation to B, with its best-matching B
//! region, and one summary line of congruence figures ([`crate::analysis::metrics`]).
//!
//! Relations are decided from the memberships (which cells exist), not from weights:
//! - `identical`: A's region and one B region hold the same units;
//! - `within`: the region lies inside one B region;
//! - `contains`: the region is a union of whole B regions (at least two);
//! - `crosses`: the region is spread over several B regions without containing them all, or
//!   part of it is not covered by B.

use serde::Serialize;

use crate::analysis::contingency::{Contingency, region_label};
use crate::analysis::metrics::{Metrics, metrics};
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Atlas;
use crate::model::Weight;
use crate::model::{Table, Tabular};

/// The relation of a region of A to layout B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same units as one B region.
    Identical,
    /// Inside one B region.
    Within,
    /// A union of whole B regions.
    Contains,
    /// Spread over several B regions without containing them all (or partly outside B).
    Crosses,
    /// The region holds no units.
    Empty,
}

impl Relation {
    /// The relation as results write it: `identical`, `within`, `contains`, `crosses`,
    /// `empty`.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Identical => "identical",
            Relation::Within => "within",
            Relation::Contains => "contains",
            Relation::Crosses => "crosses",
            Relation::Empty => "empty",
        }
    }

    /// The relation in `taal` ([`crate::model::values`]): `kruist`, `crosses`.
    ///
    /// # Examples
    /// ```
    /// use speelveld::analysis::compare::Relation;
    /// use speelveld::model::Taal;
    /// assert_eq!(Relation::Crosses.label(Taal::Nl), "kruist");
    /// assert_eq!(Relation::Crosses.label(Taal::En), "crosses");
    /// ```
    pub fn label(self, taal: crate::model::Taal) -> &'static str {
        crate::model::values::value("relation", self.name(), taal)
    }
}

/// One region of A compared with B.
#[derive(Debug, Clone, Serialize)]
pub struct RegionComparison {
    /// The region's code.
    pub region: String,
    /// Its name.
    pub name: String,
    /// Its relation to B.
    pub relation: Relation,
    /// The B regions it overlaps (a part outside B counts as none).
    pub b_regions: usize,
    /// The B region it shares most weight with.
    pub best: String,
    /// Its name.
    pub best_name: String,
    /// The weight both share.
    pub overlap: f64,
    /// Jaccard index with the best region: overlap / (weight of A region + weight of the B
    /// region − overlap).
    pub jaccard: f64,
}

/// The summary line of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct CompareSummary {
    /// Layout A.
    pub a: String,
    /// Layout B.
    pub b: String,
    /// The congruence figures.
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// A comparison of two layouts.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Layout A.
    pub a: String,
    /// Layout B.
    pub b: String,
    /// What the weight is: `units` or a figure.
    pub weight: String,
    /// One entry per region of A, by code.
    pub regions: Vec<RegionComparison>,
    /// The congruence figures of the pair.
    pub summary: CompareSummary,
}

impl Tabular for Comparison {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("regions", &self.regions)?
                .titled(format!(
                    "{} compared with {} (weight: {})",
                    self.a, self.b, self.weight
                ))
                .titled_nl(format!(
                    "{} vergeleken met {} (gewicht: {})",
                    self.a,
                    self.b,
                    crate::model::values::weight_label(&self.weight, crate::model::Taal::Nl)
                ))
                .with_kind("weight", crate::model::columns::weight_kind(&self.weight)),
            Table::from_rows("congruence", std::slice::from_ref(&self.summary))?
                .titled("congruence")
                .titled_nl("samenhang"),
        ])
    }
}

/// The relation of A region `r` to layout B, from which cells of the contingency table exist
/// (`a_cells` and `b_cells` as [`Contingency::cells_of_a`] and [`Contingency::cells_of_b`]
/// give them); see the module documentation.
pub(crate) fn region_relation(
    t: &Contingency,
    a_cells: &[Vec<usize>],
    b_cells: &[Vec<usize>],
    r: usize,
) -> Relation {
    let cells: Vec<_> = a_cells
        .get(r)
        .map(|v| v.iter().filter_map(|&i| t.cells.get(i)).collect())
        .unwrap_or_default();
    let bs: Vec<usize> = cells.iter().filter_map(|c| c.b).collect();
    let b_inside = |j: usize| b_within(t, b_cells, j, r);
    if cells.is_empty() {
        Relation::Empty
    } else if cells.iter().any(|c| c.b.is_none()) {
        Relation::Crosses
    } else if bs.len() == 1 {
        if bs.iter().all(|&j| b_inside(j)) {
            Relation::Identical
        } else {
            Relation::Within
        }
    } else if bs.iter().all(|&j| b_inside(j)) {
        Relation::Contains
    } else {
        Relation::Crosses
    }
}

/// True when B region `j` lies entirely within A region `r` (every cell of `j` is in `r`).
pub(crate) fn b_within(t: &Contingency, b_cells: &[Vec<usize>], j: usize, r: usize) -> bool {
    b_cells.get(j).is_some_and(|v| {
        v.iter()
            .all(|&i| t.cells.get(i).is_some_and(|c| c.a == Some(r)))
    })
}

/// Compares layout `a` with layout `b`, weighted by unit count or by a figure.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// use speelveld::analysis::compare::{compare, Relation};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002", "GM0003"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// let mut a = Layout::new("a");
/// let (x, y) = (a.add_region("X".parse().unwrap(), ""), a.add_region("Y".parse().unwrap(), ""));
/// a.add_member(0, x, 1.0); a.add_member(1, x, 1.0); a.add_member(2, y, 1.0);
/// let mut b = Layout::new("b");
/// let z = b.add_region("Z".parse().unwrap(), "");
/// for u in 0..3 { b.add_member(u, z, 1.0); }
/// atlas.add_layout(a).unwrap();
/// atlas.add_layout(b).unwrap();
/// let c = compare(&atlas, "a", "b", &speelveld::Weight::Units).unwrap();
/// assert_eq!(c.regions[0].relation, Relation::Within);
/// assert_eq!(c.summary.metrics.a_regions_within_b, 2);
/// ```
pub fn compare(atlas: &Atlas, a: &str, b: &str, weight: &Weight) -> Result<Comparison, Error> {
    let la = atlas.layout(a)?;
    let lb = atlas.layout(b)?;
    let weights = unit_weights(atlas, weight)?;
    let t = Contingency::build(la, lb, &weights);
    let a_cells = t.cells_of_a(la.regions().len());
    let b_cells = t.cells_of_b(lb.regions().len());
    let mut regions = Vec::with_capacity(la.regions().len());
    for (r, reg) in la.regions().iter().enumerate() {
        let cells: Vec<_> = a_cells
            .get(r)
            .map(|v| v.iter().filter_map(|&i| t.cells.get(i)).collect())
            .unwrap_or_default();
        let bs: Vec<usize> = cells.iter().filter_map(|c| c.b).collect();
        let relation = region_relation(&t, &a_cells, &b_cells, r);
        let best = cells
            .iter()
            .filter(|c| c.b.is_some())
            .max_by(|x, y| x.weight.total_cmp(&y.weight).then(y.b.cmp(&x.b)));
        let (best_code, best_name, overlap, jaccard) = match best {
            Some(c) => {
                let (code, name) = region_label(lb, c.b);
                let ta = t.a_totals.get(r).copied().unwrap_or(0.0);
                let tb = c.b.and_then(|j| t.b_totals.get(j)).copied().unwrap_or(0.0);
                let union = ta + tb - c.weight;
                (
                    code,
                    name,
                    c.weight,
                    if union > 0.0 { c.weight / union } else { 0.0 },
                )
            }
            None => (String::new(), String::new(), 0.0, 0.0),
        };
        regions.push(RegionComparison {
            region: reg.code.to_string(),
            name: reg.name.clone(),
            relation,
            b_regions: bs.len(),
            best: best_code,
            best_name,
            overlap,
            jaccard,
        });
    }
    regions.sort_by(|x, y| x.region.cmp(&y.region));
    Ok(Comparison {
        a: la.name().to_string(),
        b: lb.name().to_string(),
        weight: weight.label().to_string(),
        regions,
        summary: CompareSummary {
            a: la.name().to_string(),
            b: lb.name().to_string(),
            metrics: metrics(&t),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_has_a_dutch_label_and_its_english_name() {
        use crate::model::Taal;
        for r in [
            Relation::Identical,
            Relation::Within,
            Relation::Contains,
            Relation::Crosses,
            Relation::Empty,
        ] {
            assert_eq!(r.label(Taal::En), r.name());
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::json!(r.name())
            );
            assert_ne!(r.label(Taal::Nl), r.name(), "{r:?} has no Dutch");
        }
    }
    use crate::analysis::crosswalk::tests::small_atlas;
    use crate::model::Layout;

    #[test]
    fn relations_on_a_small_case() {
        let mut atlas = small_atlas();
        // c: C1 = {u0, u1} (identical to B1), C2 = {u2, u3, u4}.
        let mut c = Layout::new("c");
        let c1 = c.add_region("C1".parse().unwrap(), "");
        let c2 = c.add_region("C2".parse().unwrap(), "");
        for (u, r) in [(0, c1), (1, c1), (2, c2), (3, c2), (4, c2)] {
            c.add_member(u, r, 1.0);
        }
        atlas.add_layout(c).unwrap();
        let x = compare(&atlas, "b", "c", &Weight::Units).unwrap();
        let rel: Vec<(&str, Relation)> = x
            .regions
            .iter()
            .map(|r| (r.region.as_str(), r.relation))
            .collect();
        assert_eq!(
            rel,
            [
                ("B1", Relation::Identical),
                ("B2", Relation::Within),
                ("B3", Relation::Within)
            ]
        );
        assert_eq!(x.regions[0].jaccard, 1.0);
        let y = compare(&atlas, "c", "b", &Weight::Units).unwrap();
        // C2 holds B2 and B3 whole, plus u4 which B does not cover: split.
        assert_eq!(y.regions[1].relation, Relation::Crosses);
        // A1 = {u0,u1,u2}: B1 whole, plus half of u2 in B2 and B3, which also hold u3.
        let z = compare(&atlas, "a", "b", &Weight::Units).unwrap();
        assert_eq!(z.regions[0].relation, Relation::Crosses);
        assert_eq!(z.regions[0].best, "B1");
        // Jaccard A1–B1: overlap 2 / (3 + 2 − 2).
        assert!((z.regions[0].jaccard - 2.0 / 3.0).abs() < 1e-12);
        let w = compare(&atlas, "c", "a", &Weight::Units).unwrap();
        assert_eq!(w.regions[0].relation, Relation::Within);
        let v = compare(&atlas, "a", "c", &Weight::Units).unwrap();
        assert_eq!(v.regions[0].relation, Relation::Crosses);
        assert_eq!(v.regions[1].relation, Relation::Within);
    }

    #[test]
    fn contains_is_a_union_of_whole_regions() {
        let mut atlas = small_atlas();
        let mut d = Layout::new("d");
        let whole = d.add_region("ALL".parse().unwrap(), "");
        for u in 0..4 {
            d.add_member(u, whole, 1.0);
        }
        atlas.add_layout(d).unwrap();
        let x = compare(&atlas, "d", "b", &Weight::Units).unwrap();
        assert_eq!(x.regions[0].relation, Relation::Contains);
        assert_eq!(x.regions[0].b_regions, 3);
        assert_eq!(x.summary.metrics.b_regions_within_a, 3);
    }
}
