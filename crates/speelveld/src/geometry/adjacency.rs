//! Adjacency and contiguity: which units share a boundary, and in how many pieces a region lies.
//!
//! Two units are neighbours when they share at least `min_length_m` of boundary; touching at a
//! corner is not enough. Measured on the real CBS sets:
//!
//! 1. **Shared edges.** Coverages share their vertices, so an edge (pair of consecutive
//!    vertices, direction ignored) that occurs in two units is common border. Generalisation
//!    turns some four-way junctions into stubs: in the 2025 RD and 2022 sets five pairs share
//!    only 1–25 m (Hilvarenbeek–Bladel 1 m, Goeree-Overflakkee–Hoeksche Waard 25 m), while the
//!    shortest real borders are 45–70 m (Almere–Blaricum). Hence the default of 30 m.
//! 2. **Near boundaries.** Separately rounded data has small gaps and overlaps (the 2025
//!    WGS84 file, rounded to 3 decimals). For R-tree candidate pairs with less shared edge
//!    than `min_length_m`, the length of boundary whose segments have both ends within
//!    `tolerance_m` of the other unit's boundary counts too (boundaries that merely cross give
//!    no such segment).
//!
//! Distances are in metres: WGS84 input is converted to RD New first
//! ([`crate::geometry::crs::wgs84_to_rd`], about a metre).

use std::collections::{BTreeSet, HashMap};

use geo::line_measures::{Distance, Euclidean};
use geo::{Coord, LineString, MapCoords, MultiPolygon, Point};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use rstar::AABB;
use serde::Serialize;

use crate::geometry::crs::wgs84_to_rd;
use crate::geometry::overlay::bbox_tree;
use crate::model::{Atlas, Crs, Layout, RegionIdx, UnitIdx};

/// Tolerances of the adjacency test, in metres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AdjacencyOptions {
    /// How far apart two boundaries may lie and still count as shared (default 20 m).
    pub tolerance_m: f64,
    /// The least length of shared (or near) boundary that makes two units neighbours
    /// (default 30 m; see the module docs for why).
    pub min_length_m: f64,
}

impl Default for AdjacencyOptions {
    fn default() -> Self {
        AdjacencyOptions {
            tolerance_m: 20.0,
            min_length_m: 30.0,
        }
    }
}

/// The adjacency graph of units: node weight the unit index, edge weight the length of the
/// shared boundary in metres (approximate).
pub type UnitGraph = UnGraph<UnitIdx, f64>;

/// An edge with its ends quantised to a millimetre.
type QuantisedEdge = ((i64, i64), (i64, i64));

/// Builds the adjacency graph of a set of outlines (`None`: a unit without geometry, which
/// gets a node without edges). Node `i` is unit `i`.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::{geometry::adjacency::{adjacency, AdjacencyOptions}, Crs};
/// let sq = |x: f64, y: f64| MultiPolygon(vec![polygon![(x: x, y: y), (x: x + 1000.0, y: y),
///     (x: x + 1000.0, y: y + 1000.0), (x: x, y: y + 1000.0)]]);
/// let cells = [Some(sq(0.0, 0.0)), Some(sq(1000.0, 0.0)), Some(sq(1000.0, 1000.0))];
/// let g = adjacency(&cells, Crs::RdNew, AdjacencyOptions::default());
/// // 0–1 and 1–2 share a side; 0 and 2 touch only at a corner.
/// assert_eq!(g.edge_count(), 2);
/// ```
pub fn adjacency(
    units: &[Option<MultiPolygon<f64>>],
    crs: Crs,
    opts: AdjacencyOptions,
) -> UnitGraph {
    let metres: Vec<MultiPolygon<f64>> = units
        .iter()
        .map(|u| match (u, crs) {
            (Some(g), Crs::RdNew) => g.clone(),
            (Some(g), Crs::Wgs84) => g.map_coords(wgs84_to_rd),
            (None, _) => MultiPolygon(vec![]),
        })
        .collect();
    let mut graph = UnitGraph::with_capacity(units.len(), units.len() * 3);
    for i in 0..units.len() {
        graph.add_node(i);
    }
    // Stage 1: shared edges on coordinates quantised to a millimetre.
    let q = |c: &Coord<f64>| ((c.x * 1000.0).round() as i64, (c.y * 1000.0).round() as i64);
    let mut edges: HashMap<QuantisedEdge, (UnitIdx, Option<UnitIdx>, f64)> = HashMap::new();
    let mut shared: HashMap<(UnitIdx, UnitIdx), f64> = HashMap::new();
    for (u, g) in metres.iter().enumerate() {
        for ring in
            g.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        {
            for line in ring.lines() {
                let (a, b) = (q(&line.start), q(&line.end));
                if a == b {
                    continue;
                }
                let key = if a <= b { (a, b) } else { (b, a) };
                let len = (line.dx().powi(2) + line.dy().powi(2)).sqrt();
                let e = edges.entry(key).or_insert((u, None, len));
                if e.0 != u && e.1.is_none() {
                    e.1 = Some(u);
                    let pair = (e.0.min(u), e.0.max(u));
                    *shared.entry(pair).or_insert(0.0) += len;
                }
            }
        }
    }
    // Stage 2: pairs with less shared edge than `min_length_m` (none, or a stub at a
    // four-way junction) are measured by near boundaries.
    let tree = bbox_tree(&metres);
    let t = opts.tolerance_m.max(0.0);
    let mut adjacent: HashMap<(UnitIdx, UnitIdx), f64> = HashMap::new();
    for (i, g) in metres.iter().enumerate() {
        let Some(env) = crate::geometry::overlay::envelope(g) else {
            continue;
        };
        let (lo, hi) = (env.lower(), env.upper());
        let grown = AABB::from_corners([lo[0] - t, lo[1] - t], [hi[0] + t, hi[1] + t]);
        for c in tree.locate_in_envelope_intersecting(&grown) {
            let j = c.data;
            if j <= i {
                continue;
            }
            let mut len = shared.get(&(i, j)).copied().unwrap_or(0.0);
            if len < opts.min_length_m
                && t > 0.0
                && let Some(other) = metres.get(j)
            {
                len = len
                    .max(near_length(g, other, t))
                    .max(near_length(other, g, t));
            }
            if len >= opts.min_length_m && len > 0.0 {
                adjacent.insert((i, j), len);
            }
        }
    }
    let mut pairs: Vec<((UnitIdx, UnitIdx), f64)> = adjacent.into_iter().collect();
    pairs.sort_by_key(|a| a.0);
    for ((a, b), len) in pairs {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), len);
    }
    graph
}

/// The length of `a`'s boundary made of segments whose both ends lie within `tol` of `b`'s
/// boundary.
fn near_length(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>, tol: f64) -> f64 {
    let rings_b: Vec<&LineString<f64>> =
        b.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .collect();
    let near = |c: Coord<f64>| {
        let p = Point::from(c);
        rings_b.iter().any(|r| Euclidean.distance(&p, *r) <= tol)
    };
    let mut total = 0.0;
    for ring in
        a.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
    {
        let flags: Vec<bool> = ring.0.iter().map(|c| near(*c)).collect();
        for (k, line) in ring.lines().enumerate() {
            if flags.get(k).copied().unwrap_or(false) && flags.get(k + 1).copied().unwrap_or(false)
            {
                total += (line.dx().powi(2) + line.dy().powi(2)).sqrt();
            }
        }
    }
    total
}

/// The adjacency graph of the units of an atlas.
pub fn atlas_adjacency(atlas: &Atlas, opts: AdjacencyOptions) -> UnitGraph {
    let units: Vec<Option<MultiPolygon<f64>>> =
        atlas.units().iter().map(|u| u.geometry.clone()).collect();
    adjacency(&units, atlas.crs, opts)
}

/// The neighbours of one unit of an atlas with the length of their common border in metres,
/// sorted by unit index. Only the units whose boxes come within the tolerance are examined,
/// so this is cheap for one unit; the answer equals that of [`atlas_adjacency`].
///
/// # Examples
/// ```
/// use speelveld::geometry::adjacency::{unit_neighbours, AdjacencyOptions};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let ams = atlas.unit_index(&"GM0363".parse().unwrap()).unwrap();
/// let n = unit_neighbours(&atlas, ams, AdjacencyOptions::default());
/// assert!(n.iter().any(|&(u, _)| atlas.units()[u].name == "Amstelveen"));
/// ```
pub fn unit_neighbours(
    atlas: &Atlas,
    unit: UnitIdx,
    opts: AdjacencyOptions,
) -> Vec<(UnitIdx, f64)> {
    let Some(g) = atlas.units().get(unit).and_then(|u| u.geometry.as_ref()) else {
        return Vec::new();
    };
    let Some(env) = crate::geometry::overlay::envelope(g) else {
        return Vec::new();
    };
    // The tolerance in degrees is at most 1e-3 per 20 m at Dutch latitudes.
    let t = match atlas.crs {
        Crs::RdNew => opts.tolerance_m,
        Crs::Wgs84 => opts.tolerance_m / 20_000.0,
    };
    let (lo, hi) = (env.lower(), env.upper());
    let mut subset = vec![unit];
    for (i, u) in atlas.units().iter().enumerate() {
        if i == unit {
            continue;
        }
        let near = u
            .geometry
            .as_ref()
            .and_then(crate::geometry::overlay::envelope)
            .is_some_and(|e| {
                e.lower()[0] <= hi[0] + t
                    && e.upper()[0] >= lo[0] - t
                    && e.lower()[1] <= hi[1] + t
                    && e.upper()[1] >= lo[1] - t
            });
        if near {
            subset.push(i);
        }
    }
    let geoms: Vec<Option<MultiPolygon<f64>>> = subset
        .iter()
        .map(|&i| atlas.units().get(i).and_then(|u| u.geometry.clone()))
        .collect();
    let graph = adjacency(&geoms, atlas.crs, opts);
    let mut out: Vec<(UnitIdx, f64)> = graph
        .edges(NodeIndex::new(0))
        .filter_map(|e| {
            let other = if e.source().index() == 0 {
                e.target()
            } else {
                e.source()
            };
            Some((*subset.get(other.index())?, *e.weight()))
        })
        .collect();
    out.sort_by_key(|a| a.0);
    out
}

/// The neighbours of a unit, sorted.
pub fn neighbours(graph: &UnitGraph, unit: UnitIdx) -> Vec<UnitIdx> {
    if unit >= graph.node_count() {
        return Vec::new();
    }
    let mut n: Vec<UnitIdx> = graph
        .neighbors(NodeIndex::new(unit))
        .filter_map(|x| graph.node_weight(x).copied())
        .collect();
    n.sort_unstable();
    n.dedup();
    n
}

/// The neighbours of every region of a layout: regions with units that share a border
/// in the graph, and the regions that one split unit lies in, sorted by index.
///
/// # Examples
/// ```
/// use speelveld::geometry::adjacency::{atlas_adjacency, region_adjacency, AdjacencyOptions};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let graph = atlas_adjacency(&atlas, AdjacencyOptions::default());
/// let pv = atlas.layout("provincie").unwrap();
/// let nb = region_adjacency(&graph, pv);
/// let code = |r: usize| pv.regions()[r].code.to_string();
/// let groningen = pv.regions().iter().position(|r| r.code.as_str() == "PV20").unwrap();
/// let mut around: Vec<String> = nb[groningen].iter().map(|&r| code(r)).collect();
/// around.sort();
/// assert_eq!(around, ["PV21", "PV22"]); // Friesland and Drenthe
/// ```
pub fn region_adjacency(graph: &UnitGraph, layout: &Layout) -> Vec<Vec<RegionIdx>> {
    let n_units = graph.node_count();
    let mut regions_of: Vec<Vec<RegionIdx>> = vec![Vec::new(); n_units];
    for m in layout.members() {
        if let Some(v) = regions_of.get_mut(m.unit) {
            v.push(m.region);
        }
    }
    let mut out: Vec<BTreeSet<RegionIdx>> = vec![BTreeSet::new(); layout.regions().len()];
    let mut link = |q: RegionIdx, r: RegionIdx| {
        if q != r {
            if let Some(s) = out.get_mut(q) {
                s.insert(r);
            }
            if let Some(s) = out.get_mut(r) {
                s.insert(q);
            }
        }
    };
    for (u, mine) in regions_of.iter().enumerate() {
        let theirs = neighbours(graph, u)
            .into_iter()
            .filter_map(|v| regions_of.get(v))
            .flatten()
            .chain(mine.iter());
        for &r in theirs {
            for &q in mine {
                link(q, r);
            }
        }
    }
    out.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// The connected parts of one region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionParts {
    /// The region.
    pub region: RegionIdx,
    /// The parts, each a sorted list of units; the part with the most units first (ties: the
    /// one with the lowest unit index).
    pub parts: Vec<Vec<UnitIdx>>,
}

impl RegionParts {
    /// True when the region lies in one piece (or has no units).
    pub fn is_contiguous(&self) -> bool {
        self.parts.len() <= 1
    }

    /// The units outside the main part.
    pub fn detached(&self) -> Vec<UnitIdx> {
        self.parts.iter().skip(1).flatten().copied().collect()
    }
}

/// The connected parts of every region of a layout, over the unit adjacency graph. A unit
/// that belongs to a region with any share counts as part of it.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::geometry::adjacency::{adjacency, region_parts, AdjacencyOptions};
/// use speelveld::{Crs, Layout};
/// let sq = |x: f64| Some(MultiPolygon(vec![polygon![(x: x, y: 0.0), (x: x + 1000.0, y: 0.0),
///     (x: x + 1000.0, y: 1000.0), (x: x, y: 1000.0)]]));
/// let g = adjacency(&[sq(0.0), sq(1000.0), sq(2000.0)], Crs::RdNew, AdjacencyOptions::default());
/// let mut l = Layout::new("l");
/// let a = l.add_region("A".parse().unwrap(), "");
/// let b = l.add_region("B".parse().unwrap(), "");
/// l.add_member(0, a, 1.0);
/// l.add_member(1, b, 1.0);
/// l.add_member(2, a, 1.0);
/// let parts = region_parts(&g, &l);
/// assert_eq!(parts[0].parts, vec![vec![0], vec![2]]);
/// assert!(parts[1].is_contiguous());
/// ```
pub fn region_parts(graph: &UnitGraph, layout: &Layout) -> Vec<RegionParts> {
    let n = graph.node_count();
    layout
        .members_by_region()
        .into_iter()
        .enumerate()
        .map(|(region, members)| {
            let mut units: Vec<UnitIdx> =
                members.iter().map(|m| m.unit).filter(|&u| u < n).collect();
            units.sort_unstable();
            units.dedup();
            let pos: HashMap<UnitIdx, usize> =
                units.iter().enumerate().map(|(k, &u)| (u, k)).collect();
            let mut uf = UnionFind::<usize>::new(units.len());
            for e in graph.edge_indices() {
                let Some((a, b)) = graph.edge_endpoints(e) else {
                    continue;
                };
                if let (Some(&x), Some(&y)) = (pos.get(&a.index()), pos.get(&b.index())) {
                    uf.union(x, y);
                }
            }
            let mut groups: HashMap<usize, Vec<UnitIdx>> = HashMap::new();
            for (k, &u) in units.iter().enumerate() {
                groups.entry(uf.find(k)).or_default().push(u);
            }
            let mut parts: Vec<Vec<UnitIdx>> = groups.into_values().collect();
            parts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.first().cmp(&b.first())));
            RegionParts { region, parts }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::geojson::{GeoJsonOptions, read_polygons};
    use geo::polygon;

    fn units(p: &str) -> (Vec<String>, Vec<Option<MultiPolygon<f64>>>, Crs) {
        let l = read_polygons(
            p,
            &crate::io::fixtures::real_text(p),
            &GeoJsonOptions::default(),
        )
        .unwrap();
        let codes = l.features.iter().map(|f| f.code.clone()).collect();
        let geoms = l
            .features
            .iter()
            .map(|f| {
                Some(
                    crate::geometry::repair::check_and_repair(f.geometry.clone(), "f", l.crs)
                        .unwrap()
                        .0,
                )
            })
            .collect();
        (codes, geoms, l.crs)
    }

    fn code_pairs(p: &str) -> std::collections::BTreeSet<(String, String)> {
        let (codes, g, crs) = units(p);
        let graph = adjacency(&g, crs, AdjacencyOptions::default());
        graph
            .edge_indices()
            .map(|e| {
                let (a, b) = graph.edge_endpoints(e).unwrap();
                let (a, b) = (codes[a.index()].clone(), codes[b.index()].clone());
                if a < b { (a, b) } else { (b, a) }
            })
            .collect()
    }

    /// Expected counts from an independent shapely computation (python3, shapely 2): pairs of
    /// features sharing an edge (vertices rounded to 1 mm in RD New, or to the file's
    /// precision), then dropping pairs whose common boundary
    /// (`a.intersection(b).length` in EPSG:28992) is under 30 m. 2025 RD: 875 edge pairs,
    /// 5 under 30 m → 870. 2015: 1001, none under 30 m. 2025 WGS84: the RD pairs except
    /// Het Hogeland–Noardeast-Fryslân (GM1966–GM1970), whose 53 m border the 3-decimal
    /// rounding reduced to a crossing point → 869.
    #[test]
    fn real_gemeente_adjacency() {
        assert_eq!(code_pairs("cbs/2015/gemeente.geojson").len(), 1001);
        let r = code_pairs("cbs/2025/rd/gemeente.geojson");
        let w = code_pairs("cbs/2025/gemeente.geojson");
        assert_eq!(r.len(), 870);
        assert_eq!(w.len(), 869);
        let only_rd: Vec<_> = r.difference(&w).collect();
        assert_eq!(only_rd, [&("GM1966".to_string(), "GM1970".to_string())]);
        assert!(w.is_subset(&r));
        // Corner stubs are not borders: Hilvarenbeek (GM0798) and Bladel (GM1728) share 1 m.
        assert!(!r.contains(&("GM0798".to_string(), "GM1728".to_string())));
        // Amsterdam (GM0363) and Amstelveen (GM0362) are neighbours.
        assert!(w.contains(&("GM0362".to_string(), "GM0363".to_string())));
        // One unit's neighbours equal its edges in the whole graph, for every unit.
        let atlas = crate::dataset::embedded::atlas(None).unwrap();
        let graph = atlas_adjacency(&atlas, AdjacencyOptions::default());
        for u in (0..atlas.units().len()).step_by(7) {
            let one: Vec<UnitIdx> = unit_neighbours(&atlas, u, AdjacencyOptions::default())
                .into_iter()
                .map(|x| x.0)
                .collect();
            assert_eq!(one, neighbours(&graph, u), "{}", atlas.units()[u].code);
        }
    }

    #[test]
    fn corners_gaps_and_overlaps() {
        let sq = |x: f64, y: f64, s: f64| {
            Some(MultiPolygon(vec![
                polygon![(x: x, y: y), (x: x + s, y: y), (x: x + s, y: y + s), (x: x, y: y + s)],
            ]))
        };
        // A 5 m gap and a 5 m overlap still make neighbours; 50 m apart does not.
        let cells = [
            sq(0.0, 0.0, 1000.0),
            sq(1005.0, 0.0, 1000.0),
            sq(-995.0, 0.0, 1000.0),
            sq(0.0, 1050.0, 1000.0),
        ];
        let g = adjacency(&cells, Crs::RdNew, AdjacencyOptions::default());
        assert_eq!(neighbours(&g, 0), vec![1, 2]);
        assert!(neighbours(&g, 3).is_empty());
        assert!(neighbours(&g, 99).is_empty());
        // No tolerance: only shared edges count.
        let strict = AdjacencyOptions {
            tolerance_m: 0.0,
            ..AdjacencyOptions::default()
        };
        assert_eq!(adjacency(&cells, Crs::RdNew, strict).edge_count(), 0);
        // Units without geometry are nodes without edges.
        let g = adjacency(
            &[None, sq(0.0, 0.0, 10.0)],
            Crs::RdNew,
            AdjacencyOptions::default(),
        );
        assert_eq!((g.node_count(), g.edge_count()), (2, 0));
    }
}
