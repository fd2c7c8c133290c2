//! Coordination clusters: the connected components of the overlap graph of two or more
//! layouts. The nodes are the regions of all layouts; two regions are joined when they share
//! a unit (any share). Each cluster is the smallest group of regions that must coordinate
//! together, e.g. the SWV PO, SWV VO and jeugdzorgregio's that form one regional table.
//!
//! The graph is the union of the pairwise overlap graphs. Rather than listing every
//! overlapping pair, each unit links all its regions to its first region (a spanning star
//! with the same components), so the work is linear in the number of memberships; the
//! components come from petgraph's union–find.

use petgraph::unionfind::UnionFind;
use serde::Serialize;

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

/// One cluster with its size.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterSummary {
    /// The cluster's number (1 = the largest).
    pub cluster: usize,
    /// Number of regions, over all layouts.
    pub regions: usize,
    /// Regions per layout, in the order the layouts were given.
    pub per_layout: Vec<usize>,
    /// The same as text (`swv-po 3, swv-vo 2`).
    pub layouts: String,
    /// Units in the cluster.
    pub units: usize,
    /// Their summed weight (whole units).
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
}

impl Tabular for Clusters {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("regions", &self.regions)?.titled(format!(
                "{} clusters of {}",
                self.count,
                self.layouts.join(" + ")
            )),
            Table::from_rows("clusters", &self.clusters)?.titled("cluster sizes"),
        ])
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
    if layouts.len() < 2 {
        return Err(Error::Usage(format!(
            "clusters needs at least two layouts; got {}",
            layouts.len()
        )));
    }
    let ls: Vec<&Layout> = layouts
        .iter()
        .map(|n| atlas.layout(n))
        .collect::<Result<_, _>>()?;
    let weights = unit_weights(atlas, weight)?;
    Ok(cluster_layouts(&ls, &weights, weight.label()))
}

/// The clusters of layouts over units `0..weights.len()`, unit `u` weighing `weights[u]`
/// (memberships of units beyond that are ignored). [`clusters`] calls this for an atlas;
/// `weight` names the weight in the result.
pub fn cluster_layouts(ls: &[&Layout], weights: &[f64], weight: &str) -> Clusters {
    let mut offsets = Vec::with_capacity(ls.len());
    let mut nodes = 0usize;
    for l in ls {
        offsets.push(nodes);
        nodes += l.regions().len();
    }
    let mut uf: UnionFind<usize> = UnionFind::new(nodes);
    let mut first: Vec<Option<usize>> = vec![None; weights.len()];
    for (l, off) in ls.iter().zip(&offsets) {
        for m in l.members() {
            let node = off + m.region;
            match first.get_mut(m.unit) {
                Some(Some(f)) => {
                    uf.union(*f, node);
                }
                Some(slot) => *slot = Some(node),
                None => {}
            }
        }
    }
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
    for (u, f) in first.iter().enumerate() {
        if let Some(node) = f {
            let root = labels.get(*node).copied().unwrap_or(*node);
            if let Some(e) = per_root.get_mut(&root) {
                e.1 += 1;
                e.2 += weights.get(u).copied().unwrap_or(0.0);
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
            Some(ClusterSummary {
                cluster: i + 1,
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
}
