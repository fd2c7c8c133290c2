//! Coordination clusters: the connected components of the overlap graph of two or more
//! layouts. The nodes are the regions of all layouts; two regions are joined when they share
//! a unit (any share). Each cluster is the smallest group of regions that must coordinate
//! together, e.g. the SWV PO, SWV VO and jeugdzorgregio's that form one regional table.
//!
//! The graph is the union of the pairwise overlap graphs. Without thresholds, rather than
//! listing every overlapping pair, each unit links all its regions to its first region (a
//! spanning star with the same components), so the work is linear in the number of
//! memberships; the components come from petgraph's union–find.
//!
//! With thresholds ([`ClusterOptions`](crate::analysis::clusters::ClusterOptions)) a small
//! overlap no longer joins two regions: the links are the cells of the pairwise contingency
//! tables of the layouts, and a link that is too small is dropped and reported
//! ([`DroppedLink`](crate::analysis::clusters::DroppedLink)).

use petgraph::unionfind::UnionFind;
use serde::Serialize;

use crate::analysis::contingency::Contingency;
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Weight;
use crate::model::{Atlas, Layout};
use crate::model::{Table, Tabular};

/// One region in a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterRegion {
    /// The cluster's number (1 = the largest).
    pub cluster: usize,
    /// The region's layout.
    pub layout: String,
    /// The region's code.
    pub region: String,
    /// Its name.
    pub name: String,
}

/// When an overlap counts as a link between two regions of different layouts.
///
/// A link between region `a` of layout A and region `b` of layout B counts when their
/// overlap (the crosswalk cell of `a` and `b`, weighted as the analysis is weighted) is
///
/// - at least `min_share` of the weight of the lighter of the two regions, and
/// - at least `min_units` units, counted as the summed shares (`share_A × share_B`) of the
///   units in the cell, whatever the weight
///
/// (both up to a relative rounding error of 1e-9).
///
/// The default (0 and 0) counts every shared unit, however small its part, and also joins
/// the regions of one layout that split a unit; with any threshold set only links between
/// regions of different layouts count.
///
/// # Examples
/// ```
/// use speelveld::analysis::clusters::ClusterOptions;
/// let o = ClusterOptions { min_share: 0.1, ..ClusterOptions::default() };
/// assert!(o.check().is_ok());
/// assert!(ClusterOptions { min_share: 1.0, min_units: 0.0 }.check().is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ClusterOptions {
    /// The smallest share of the lighter region that the overlap must hold, in [0, 1).
    pub min_share: f64,
    /// The smallest number of units (summed shares) in the overlap, at least 0.
    pub min_units: f64,
}

impl ClusterOptions {
    /// Whether any threshold is set (otherwise every shared unit links).
    pub fn is_thresholded(&self) -> bool {
        self.min_share > 0.0 || self.min_units > 0.0
    }

    /// Checks that the share lies in [0, 1) and the units are finite and not negative.
    pub fn check(&self) -> Result<(), Error> {
        if !(0.0..1.0).contains(&self.min_share) {
            return Err(Error::Usage(format!(
                "the smallest share of a cluster link must lie in [0, 1); got {}",
                self.min_share
            )));
        }
        if !(self.min_units.is_finite() && self.min_units >= 0.0) {
            return Err(Error::Usage(format!(
                "the smallest number of units of a cluster link must be 0 or more; got {}",
                self.min_units
            )));
        }
        Ok(())
    }

    /// Whether an overlap of `weight` and `units` (summed shares) between regions whose
    /// lighter one weighs `smaller` counts as a link. Both comparisons allow a relative
    /// rounding error of 1e-9, so that a share of exactly S (1/3 of 10/3) is at least S.
    fn links(&self, weight: f64, units: f64, smaller: f64) -> bool {
        const TOL: f64 = 1e-9;
        weight >= self.min_share * smaller * (1.0 - TOL) && units >= self.min_units * (1.0 - TOL)
    }
}

/// A link between two regions that the thresholds dropped.
#[derive(Debug, Clone, Serialize)]
pub struct DroppedLink {
    /// The first region's layout.
    pub layout_a: String,
    /// Its code.
    pub region_a: String,
    /// The second region's layout.
    pub layout_b: String,
    /// Its code.
    pub region_b: String,
    /// The weight of their overlap.
    pub weight: f64,
    /// The units in the overlap (summed shares).
    pub units: f64,
    /// The overlap as a share of the lighter region's weight (0 when that weighs nothing).
    pub share_of_smaller: f64,
}

/// One cluster with its size.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterSummary {
    /// The cluster's number (1 = the largest).
    pub cluster: usize,
    /// Its name: the heaviest region of each layout in it (ties: the smallest code), in
    /// layout order, joined by ` + ` (`PO2806 + VO2810 + JZ29`).
    pub name: String,
    /// Number of regions, over all layouts.
    pub regions: usize,
    /// Regions per layout, in the order the layouts were given.
    pub per_layout: Vec<usize>,
    /// The same as text (`swv-po 3, swv-vo 2`).
    pub layouts: String,
    /// Units in the cluster: the units of its regions in the first layout that covers each
    /// unit. A unit whose regions fall in different clusters (a dropped link) counts in each
    /// cluster of its regions in that layout.
    pub units: usize,
    /// Their summed weight: whole units, or for a unit counted in several clusters its
    /// weight × its share in that layout's regions of each.
    pub weight: f64,
}

/// The clusters of a set of layouts.
#[derive(Debug, Clone, Serialize)]
pub struct Clusters {
    /// The layouts, in the order given.
    pub layouts: Vec<String>,
    /// What the weight is: `units` or a figure.
    pub weight: String,
    /// Number of clusters.
    pub count: usize,
    /// The clusters, largest (most regions, then most weight) first.
    pub clusters: Vec<ClusterSummary>,
    /// Every region with its cluster, by cluster, layout order and code.
    pub regions: Vec<ClusterRegion>,
    /// The thresholds the links had to meet.
    pub options: ClusterOptions,
    /// The links the thresholds dropped, heaviest share first.
    pub dropped: Vec<DroppedLink>,
}

impl Tabular for Clusters {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let mut tables = vec![
            Table::from_rows("regions", &self.regions)?
                .titled(format!(
                    "{} clusters of {}",
                    self.count,
                    self.layouts.join(" + ")
                ))
                .titled_nl(format!(
                    "{} clusters van {}",
                    self.count,
                    self.layouts.join(" + ")
                )),
            Table::from_rows("clusters", &self.clusters)?
                .titled("cluster sizes")
                .titled_nl("de clusters en hun omvang")
                .with_kind("weight", crate::model::columns::weight_kind(&self.weight)),
        ];
        if self.options.is_thresholded() {
            tables.push(
                Table::from_rows("dropped_links", &self.dropped)?
                    .titled(format!(
                        "{} overlaps dropped as links (below {} of the smaller region or {} units)",
                        self.dropped.len(),
                        self.options.min_share,
                        self.options.min_units
                    ))
                    .titled_nl(format!(
                        "{} overlappen weggelaten als verbinding (onder {} van de kleinere regio of {} gemeenten)",
                        self.dropped.len(),
                        self.options.min_share,
                        self.options.min_units
                    ))
                    .with_kind("weight", crate::model::columns::weight_kind(&self.weight)),
            );
        }
        Ok(tables)
    }
}

/// The clusters of the given layouts of an atlas.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002", "GM0003"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// let mut a = Layout::new("a");
/// let (a1, a2) = (a.add_region("A1".parse().unwrap(), ""), a.add_region("A2".parse().unwrap(), ""));
/// a.add_member(0, a1, 1.0); a.add_member(1, a2, 1.0); a.add_member(2, a2, 1.0);
/// let mut b = Layout::new("b");
/// let (b1, b2) = (b.add_region("B1".parse().unwrap(), ""), b.add_region("B2".parse().unwrap(), ""));
/// b.add_member(0, b1, 1.0); b.add_member(1, b1, 1.0); b.add_member(2, b2, 1.0);
/// atlas.add_layout(a).unwrap();
/// atlas.add_layout(b).unwrap();
/// let c = speelveld::analysis::clusters::clusters(&atlas, &["a", "b"], &speelveld::Weight::Units).unwrap();
/// assert_eq!(c.count, 1); // A1–B1–A2–B2 are chained through GM0002 and GM0003
/// ```
pub fn clusters(atlas: &Atlas, layouts: &[&str], weight: &Weight) -> Result<Clusters, Error> {
    clusters_with(atlas, layouts, weight, &ClusterOptions::default())
}

/// The clusters of the given layouts of an atlas, a link counting only when it meets the
/// thresholds of `options` (see [`ClusterOptions`] for the rule).
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// use speelveld::analysis::clusters::{ClusterOptions, clusters_with};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002", "GM0003"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// // a: A1 = {1, 2, 3}; b: B1 = {1, 2}, B2 = {3}; c: C1 = {3}.
/// let mut a = Layout::new("a");
/// let a1 = a.add_region("A1".parse().unwrap(), "");
/// (0..3).for_each(|u| a.add_member(u, a1, 1.0));
/// let mut b = Layout::new("b");
/// let (b1, b2) = (b.add_region("B1".parse().unwrap(), ""), b.add_region("B2".parse().unwrap(), ""));
/// b.add_member(0, b1, 1.0); b.add_member(1, b1, 1.0); b.add_member(2, b2, 1.0);
/// atlas.add_layout(a).unwrap();
/// atlas.add_layout(b).unwrap();
/// // A1–B2 share one unit: 1/3 of A1 but all of B2, the lighter, so it links at any share.
/// let o = ClusterOptions { min_share: 0.5, min_units: 0.0 };
/// let c = clusters_with(&atlas, &["a", "b"], &speelveld::Weight::Units, &o).unwrap();
/// assert_eq!(c.count, 1);
/// // Two units at least: the link A1–B2 is dropped and reported.
/// let o = ClusterOptions { min_share: 0.0, min_units: 2.0 };
/// let c = clusters_with(&atlas, &["a", "b"], &speelveld::Weight::Units, &o).unwrap();
/// assert_eq!(c.count, 2);
/// assert_eq!((c.dropped[0].region_a.as_str(), c.dropped[0].region_b.as_str()), ("A1", "B2"));
/// ```
pub fn clusters_with(
    atlas: &Atlas,
    layouts: &[&str],
    weight: &Weight,
    options: &ClusterOptions,
) -> Result<Clusters, Error> {
    if layouts.len() < 2 {
        return Err(Error::Usage(format!(
            "clusters needs at least two layouts; got {}",
            layouts.len()
        )));
    }
    options.check()?;
    let ls: Vec<&Layout> = layouts
        .iter()
        .map(|n| atlas.layout(n))
        .collect::<Result<_, _>>()?;
    let weights = unit_weights(atlas, weight)?;
    cluster_layouts_with(&ls, &weights, weight.label(), options)
}

/// The clusters of layouts over units `0..weights.len()`, unit `u` weighing `weights[u]`
/// (memberships of units beyond that are ignored). [`clusters`] calls this for an atlas;
/// `weight` names the weight in the result.
pub fn cluster_layouts(ls: &[&Layout], weights: &[f64], weight: &str) -> Clusters {
    let (offsets, nodes) = node_offsets(ls);
    let mut uf: UnionFind<usize> = UnionFind::new(nodes);
    for_each_first(ls, &offsets, weights.len(), |f, node| {
        uf.union(f, node);
    });
    summarise(
        ls,
        &offsets,
        uf,
        weights,
        weight,
        ClusterOptions::default(),
        Vec::new(),
    )
}

/// [`cluster_layouts`] with thresholds on the links ([`ClusterOptions`]); an error when the
/// options are out of range.
pub fn cluster_layouts_with(
    ls: &[&Layout],
    weights: &[f64],
    weight: &str,
    options: &ClusterOptions,
) -> Result<Clusters, Error> {
    options.check()?;
    if !options.is_thresholded() {
        return Ok(cluster_layouts(ls, weights, weight));
    }
    let (offsets, nodes) = node_offsets(ls);
    let mut uf: UnionFind<usize> = UnionFind::new(nodes);
    let ones = vec![1.0; weights.len()];
    let mut dropped = Vec::new();
    for (i, (la, oa)) in ls.iter().zip(&offsets).enumerate() {
        for (lb, ob) in ls.iter().zip(&offsets).skip(i + 1) {
            let t = Contingency::build(la, lb, weights);
            // The same cells counted in units: both tables hold a cell for every pair of
            // memberships of a unit, whatever its weight, so every key is found.
            let n = Contingency::build(la, lb, &ones);
            let units_of: std::collections::HashMap<_, f64> =
                n.cells.iter().map(|c| ((c.a, c.b), c.weight)).collect();
            for c in &t.cells {
                let (Some(a), Some(b)) = (c.a, c.b) else {
                    continue;
                };
                let units = units_of.get(&(c.a, c.b)).copied().unwrap_or(0.0);
                let ta = t.a_totals.get(a).copied().unwrap_or(0.0);
                let tb = t.b_totals.get(b).copied().unwrap_or(0.0);
                let smaller = ta.min(tb);
                if options.links(c.weight, units, smaller) {
                    uf.union(oa + a, ob + b);
                } else {
                    let code = |l: &Layout, r: usize| {
                        l.regions()
                            .get(r)
                            .map(|x| x.code.to_string())
                            .unwrap_or_default()
                    };
                    dropped.push(DroppedLink {
                        layout_a: la.name().to_string(),
                        region_a: code(la, a),
                        layout_b: lb.name().to_string(),
                        region_b: code(lb, b),
                        weight: c.weight,
                        units,
                        share_of_smaller: if smaller > 0.0 {
                            c.weight / smaller
                        } else {
                            0.0
                        },
                    });
                }
            }
        }
    }
    dropped.sort_by(|x, y| {
        y.share_of_smaller
            .total_cmp(&x.share_of_smaller)
            .then_with(|| x.layout_a.cmp(&y.layout_a))
            .then_with(|| x.region_a.cmp(&y.region_a))
            .then_with(|| x.layout_b.cmp(&y.layout_b))
            .then_with(|| x.region_b.cmp(&y.region_b))
    });
    Ok(summarise(
        ls, &offsets, uf, weights, weight, *options, dropped,
    ))
}

/// The first node of each layout's regions (the regions of all layouts numbered in layout
/// order) and the number of nodes.
fn node_offsets(ls: &[&Layout]) -> (Vec<usize>, usize) {
    let mut offsets = Vec::with_capacity(ls.len());
    let mut nodes = 0usize;
    for l in ls {
        offsets.push(nodes);
        nodes += l.regions().len();
    }
    (offsets, nodes)
}

/// Calls `f(first, node)` for every membership of a unit below `units` whose unit was seen
/// before, `first` being the node of the unit's first membership (layout order).
fn for_each_first(
    ls: &[&Layout],
    offsets: &[usize],
    units: usize,
    mut f: impl FnMut(usize, usize),
) {
    let mut first: Vec<Option<usize>> = vec![None; units];
    for (l, off) in ls.iter().zip(offsets) {
        for m in l.members() {
            let node = off + m.region;
            match first.get_mut(m.unit) {
                Some(Some(x)) => f(*x, node),
                Some(slot) => *slot = Some(node),
                None => {}
            }
        }
    }
}

/// The clusters from the joined regions: numbers, names, sizes and the region list.
fn summarise(
    ls: &[&Layout],
    offsets: &[usize],
    uf: UnionFind<usize>,
    weights: &[f64],
    weight: &str,
    options: ClusterOptions,
    dropped: Vec<DroppedLink>,
) -> Clusters {
    let nodes = node_offsets(ls).1;
    let labels = uf.into_labeling();
    // Per root: regions per layout, units, weight.
    let mut per_root: std::collections::HashMap<usize, (Vec<usize>, usize, f64)> =
        std::collections::HashMap::new();
    for (k, off) in offsets.iter().enumerate() {
        for r in 0..ls.get(k).map_or(0, |l| l.regions().len()) {
            let root = labels.get(off + r).copied().unwrap_or(off + r);
            let e = per_root
                .entry(root)
                .or_insert_with(|| (vec![0; ls.len()], 0, 0.0));
            if let Some(x) = e.0.get_mut(k) {
                *x += 1;
            }
        }
    }
    // Each unit counts in the cluster(s) of its regions in the first layout covering it.
    // (layout, root, share) of each membership of a unit in its first layout.
    let mut parts: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); weights.len()];
    let mut node_weight = vec![0.0; nodes];
    for (k, (l, off)) in ls.iter().zip(offsets).enumerate() {
        for m in l.members() {
            let node = off + m.region;
            let w = weights.get(m.unit).copied().unwrap_or(0.0);
            if let Some(x) = node_weight.get_mut(node) {
                *x += w * m.share;
            }
            if let Some(p) = parts.get_mut(m.unit)
                && p.first().is_none_or(|&(first_k, _, _)| first_k == k)
            {
                let root = labels.get(node).copied().unwrap_or(node);
                p.push((k, root, m.share));
            }
        }
    }
    for (u, p) in parts.iter().enumerate() {
        let w = weights.get(u).copied().unwrap_or(0.0);
        let Some(&(_, r0, _)) = p.first() else {
            continue;
        };
        if p.iter().all(|&(_, r, _)| r == r0) {
            if let Some(e) = per_root.get_mut(&r0) {
                e.1 += 1;
                e.2 += w;
            }
            continue;
        }
        let mut by_root: Vec<(usize, f64)> = Vec::new();
        for &(_, r, share) in p {
            match by_root.iter_mut().find(|(x, _)| *x == r) {
                Some(e) => e.1 += share,
                None => by_root.push((r, share)),
            }
        }
        for (r, share) in by_root {
            if let Some(e) = per_root.get_mut(&r) {
                e.1 += 1;
                e.2 += w * share;
            }
        }
    }
    // The smallest region label (layout order, then code) names each root for a stable order.
    let key_of = |node: usize| -> (usize, String) {
        let k = offsets.partition_point(|&o| o <= node).saturating_sub(1);
        let code = ls
            .get(k)
            .and_then(|l| l.regions().get(node - offsets.get(k).copied().unwrap_or(0)))
            .map(|r| r.code.to_string())
            .unwrap_or_default();
        (k, code)
    };
    let mut min_key: std::collections::HashMap<usize, (usize, String)> =
        std::collections::HashMap::new();
    for node in 0..nodes {
        let root = labels.get(node).copied().unwrap_or(node);
        let key = key_of(node);
        let e = min_key.entry(root).or_insert_with(|| key.clone());
        if key < *e {
            *e = key;
        }
    }
    // The heaviest region of each layout in each root (ties: the smallest code).
    let mut heaviest: std::collections::HashMap<(usize, usize), (f64, String)> =
        std::collections::HashMap::new();
    for node in 0..nodes {
        let root = labels.get(node).copied().unwrap_or(node);
        let (k, code) = key_of(node);
        let w = node_weight.get(node).copied().unwrap_or(0.0);
        let e = heaviest
            .entry((root, k))
            .or_insert_with(|| (w, code.clone()));
        if w > e.0 || (w.total_cmp(&e.0).is_eq() && code < e.1) {
            *e = (w, code);
        }
    }
    let mut roots: Vec<usize> = per_root.keys().copied().collect();
    roots.sort_by(|x, y| {
        let (rx, ry) = (&per_root[x], &per_root[y]);
        let nx: usize = rx.0.iter().sum();
        let ny: usize = ry.0.iter().sum();
        ny.cmp(&nx)
            .then(ry.2.total_cmp(&rx.2))
            .then_with(|| min_key.get(x).cmp(&min_key.get(y)))
    });
    let number: std::collections::HashMap<usize, usize> =
        roots.iter().enumerate().map(|(i, &r)| (r, i + 1)).collect();
    let mut regions = Vec::with_capacity(nodes);
    for node in 0..nodes {
        let root = labels.get(node).copied().unwrap_or(node);
        let (k, code) = key_of(node);
        let Some(l) = ls.get(k) else { continue };
        let name = l
            .regions()
            .get(node - offsets.get(k).copied().unwrap_or(0))
            .map(|r| r.name.clone())
            .unwrap_or_default();
        regions.push((
            k,
            ClusterRegion {
                cluster: number.get(&root).copied().unwrap_or(0),
                layout: l.name().to_string(),
                region: code,
                name,
            },
        ));
    }
    regions.sort_by(|(kx, x), (ky, y)| (x.cluster, kx, &x.region).cmp(&(y.cluster, ky, &y.region)));
    let clusters: Vec<ClusterSummary> = roots
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let (per_layout, units, weight) = per_root.get(r)?.clone();
            let layouts = ls
                .iter()
                .zip(&per_layout)
                .map(|(l, n)| format!("{} {n}", l.name()))
                .collect::<Vec<_>>()
                .join(", ");
            let name = (0..ls.len())
                .filter_map(|k| heaviest.get(&(*r, k)).map(|(_, code)| code.as_str()))
                .collect::<Vec<_>>()
                .join(" + ");
            Some(ClusterSummary {
                cluster: i + 1,
                name,
                regions: per_layout.iter().sum(),
                per_layout,
                layouts,
                units,
                weight,
            })
        })
        .collect();
    Clusters {
        layouts: ls.iter().map(|l| l.name().to_string()).collect(),
        weight: weight.to_string(),
        count: clusters.len(),
        clusters,
        regions: regions.into_iter().map(|(_, r)| r).collect(),
        options,
        dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::crosswalk::tests::small_atlas;
    use crate::model::Layout;

    #[test]
    fn components_partition_all_regions() {
        let mut atlas = small_atlas();
        // c: C1 = {u0}, C2 = {u1}, C3 = {u4}, C9 = {} (an empty region is its own cluster).
        let mut c = Layout::new("c");
        for (u, code) in [(0, "C1"), (1, "C2"), (4, "C3")] {
            let r = c.add_region(code.parse().unwrap(), "");
            c.add_member(u, r, 1.0);
        }
        c.add_region("C9".parse().unwrap(), "");
        atlas.add_layout(c).unwrap();
        // b + c: {B1, C1, C2}, {B2, B3}, {C3}, {C9}.
        let x = clusters(&atlas, &["b", "c"], &Weight::Units).unwrap();
        assert_eq!(x.count, 4);
        assert_eq!(x.regions.len(), 3 + 4, "every region once");
        let of = |code: &str| x.regions.iter().find(|r| r.region == code).unwrap().cluster;
        assert_eq!(of("B1"), of("C1"));
        assert_eq!(of("B1"), of("C2"));
        assert_eq!(of("B2"), of("B3"));
        assert_ne!(of("B1"), of("B2"));
        assert_eq!(of("B1"), 1, "largest first");
        assert_eq!(x.clusters[0].layouts, "b 1, c 2");
        let units: usize = x.clusters.iter().map(|c| c.units).sum();
        assert_eq!(units, 5);
        // a + b + c: A1 joins B1 and (through the split u2) B2, B3; A2 holds u3 (B2) and u4 (C3).
        let y = clusters(&atlas, &["a", "b", "c"], &Weight::Units).unwrap();
        assert_eq!(y.count, 2);
        assert_eq!(y.clusters[0].regions, 2 + 3 + 3);
        assert!(
            clusters(&atlas, &["a"], &Weight::Units)
                .unwrap_err()
                .to_string()
                .contains("at least two")
        );
    }

    #[test]
    fn thresholds_drop_small_links_and_report_them() {
        // small_atlas a + b by hand: cells A1–B1 2, A1–B2 0.5, A1–B3 0.5, A2–B2 1 (units);
        // region weights A1 3, A2 2, B1 2, B2 1.5, B3 0.5; so the shares of the smaller
        // region are 1, 1/3, 1 and 2/3.
        let atlas = small_atlas();
        let with = |min_share, min_units, w: &Weight| {
            let o = ClusterOptions {
                min_share,
                min_units,
            };
            clusters_with(&atlas, &["a", "b"], w, &o).unwrap()
        };
        let all = with(0.0, 0.0, &Weight::Units);
        assert_eq!(all.count, 1);
        assert!(all.dropped.is_empty());
        assert_eq!(
            all.clusters[0].name, "A1 + B1",
            "the heaviest region of each layout"
        );
        assert_eq!(
            all.tables().unwrap().len(),
            2,
            "no dropped_links table without thresholds"
        );
        // At 0.5, A1–B2 (1/3) goes: {A1, B1, B3} and {A2, B2}.
        let half = with(0.5, 0.0, &Weight::Units);
        assert_eq!(half.count, 2);
        assert_eq!(
            half.clusters
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["A1 + B1", "A2 + B2"]
        );
        assert_eq!(half.dropped.len(), 1);
        let d = &half.dropped[0];
        assert_eq!((d.region_a.as_str(), d.region_b.as_str()), ("A1", "B2"));
        assert!((d.share_of_smaller - 1.0 / 3.0).abs() < 1e-12);
        assert!((d.weight - 0.5).abs() < 1e-12 && (d.units - 0.5).abs() < 1e-12);
        assert_eq!(half.tables().unwrap()[2].name, "dropped_links");
        // Every unit still counts once here: the first layout (a) holds each whole.
        assert_eq!(half.clusters.iter().map(|c| c.units).sum::<usize>(), 5);
        // One unit at least drops both half-unit links: B3 stands alone.
        assert_eq!(with(0.0, 1.0, &Weight::Units).count, 3);
        // By inwoners (100 × i): A1–B2 is 150 of B2's 550 (0.27), so 0.3 drops it, while
        // by units (1/3) it stays.
        let inw = Weight::Figure("inw".into());
        assert_eq!(with(0.3, 0.0, &inw).count, 2);
        assert_eq!(with(0.25, 0.0, &inw).count, 1);
        assert_eq!(with(0.3, 0.0, &Weight::Units).count, 1);
        assert_eq!(with(0.0, 0.0, &inw).clusters[0].name, "A2 + B2");
        // Out of range.
        for (s, u) in [(1.0, 0.0), (-0.1, 0.0), (f64::NAN, 0.0), (0.0, -1.0)] {
            let o = ClusterOptions {
                min_share: s,
                min_units: u,
            };
            assert!(clusters_with(&atlas, &["a", "b"], &Weight::Units, &o).is_err());
        }
    }
}
