//! Area overlay: the area of every intersecting pair of two polygon sets.
//!
//! Two stages, as everywhere in speelveld's geometry:
//! 1. an R-tree (rstar) on bounding boxes proposes candidate pairs; a candidate only means
//!    the boxes meet, not that the polygons do;
//! 2. the exact intersection (geo's boolean operations on i_overlay) gives the area, in km²
//!    for the CRS ([`crate::geometry::area_km2`]).
//!
//! Pairs whose intersection has no area (polygons that only touch, or boxes that meet while
//! the polygons do not) are left out. Tiny positive areas ("phantom slivers" of separately
//! generalised layers) are kept: deciding what is noise is the caller's job
//! ([`crate::geometry::assign`](mod@crate::geometry::assign) does it with a share and an absolute threshold).

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use serde::Serialize;

use crate::geometry::area::{area_km2, to_rd};
use crate::model::Crs;

/// A bounding box with the index of its polygon, as stored in the R-tree.
pub type IndexedBox = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// The intersection of polygon `a` of the first set with polygon `b` of the second.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Overlap {
    /// Index into the first set.
    pub a: usize,
    /// Index into the second set.
    pub b: usize,
    /// The area of the intersection in km².
    pub area_km2: f64,
}

/// An R-tree over the bounding boxes of polygons; empty polygons are left out.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::geometry::overlay::bbox_tree;
/// let p = MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)]]);
/// assert_eq!(bbox_tree(&[p]).size(), 1);
/// ```
pub fn bbox_tree(polygons: &[MultiPolygon<f64>]) -> RTree<IndexedBox> {
    RTree::bulk_load(
        polygons
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let r = p.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i,
                ))
            })
            .collect(),
    )
}

/// The envelope of a polygon's bounding box, for R-tree queries.
pub fn envelope(polygon: &MultiPolygon<f64>) -> Option<AABB<[f64; 2]>> {
    let r = polygon.bounding_rect()?;
    Some(AABB::from_corners(
        [r.min().x, r.min().y],
        [r.max().x, r.max().y],
    ))
}

/// Candidate pairs `(a, b)` whose bounding boxes meet, sorted. Stage one only: a candidate
/// may still have no common area.
pub fn candidate_pairs(a: &[MultiPolygon<f64>], b: &[MultiPolygon<f64>]) -> Vec<(usize, usize)> {
    let ta = bbox_tree(a);
    let tb = bbox_tree(b);
    let mut pairs: Vec<(usize, usize)> = ta
        .intersection_candidates_with_other_tree(&tb)
        .map(|(x, y)| (x.data, y.data))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// The area in km² of every pair `(a, b)` with a common area, sorted by `(a, b)`.
///
/// Both sets must be in the same CRS, given by `crs`; WGS84 input is converted to RD New
/// first and intersected there (see [`crate::geometry::area`]). Inputs should be valid
/// (repair them with [`crate::geometry::repair`]); ring orientation is free.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::{geometry::overlay::overlay_areas, Crs};
/// let sq = |x0: f64, y0: f64, s: f64| MultiPolygon(vec![polygon![(x: x0, y: y0),
///     (x: x0 + s, y: y0), (x: x0 + s, y: y0 + s), (x: x0, y: y0 + s)]]);
/// // Two 1 km cells against one 2 km region that covers the first and half of the second.
/// let cells = [sq(0.0, 0.0, 1000.0), sq(1000.0, 0.0, 1000.0)];
/// let regions = [MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 1500.0, y: 0.0),
///     (x: 1500.0, y: 1000.0), (x: 0.0, y: 1000.0)]])];
/// let o = overlay_areas(&cells, &regions, Crs::RdNew);
/// assert_eq!(o.len(), 2);
/// assert!((o[0].area_km2 - 1.0).abs() < 1e-9 && (o[1].area_km2 - 0.5).abs() < 1e-9);
/// ```
pub fn overlay_areas(a: &[MultiPolygon<f64>], b: &[MultiPolygon<f64>], crs: Crs) -> Vec<Overlap> {
    if crs == Crs::Wgs84 {
        // Work in RD New, where the boundaries' edges are straight (see geometry::area).
        let a: Vec<MultiPolygon<f64>> = a.iter().map(|g| to_rd(g, crs)).collect();
        let b: Vec<MultiPolygon<f64>> = b.iter().map(|g| to_rd(g, crs)).collect();
        return overlay_areas(&a, &b, Crs::RdNew);
    }
    let pairs = candidate_pairs(a, b);
    let mut out = Vec::with_capacity(pairs.len());
    for (i, j) in pairs {
        let (Some(pa), Some(pb)) = (a.get(i), b.get(j)) else {
            continue;
        };
        let area = intersection_area_km2(pa, pb, crs);
        if area > 0.0 {
            out.push(Overlap {
                a: i,
                b: j,
                area_km2: area,
            });
        }
    }
    out
}

/// The area in km² of the intersection of two polygons.
///
/// Each side is first cut to the other's bounding box (Sutherland–Hodgman, linear time), so
/// a large region meets only the part of a small unit's surroundings it needs; the cut
/// rings may run along the box edge, which the even-odd boolean operation ignores.
pub fn intersection_area_km2(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>, crs: Crs) -> f64 {
    let (Some(ra), Some(rb)) = (a.bounding_rect(), b.bounding_rect()) else {
        return 0.0;
    };
    let ca = clip_to_rect(a, rb);
    let cb = clip_to_rect(b, ra);
    if ca.0.is_empty() || cb.0.is_empty() {
        return 0.0;
    }
    area_km2(&ca.intersection(&cb), crs)
}

/// Cuts every ring of a MultiPolygon to a rectangle (Sutherland–Hodgman). The result has
/// the same even-odd interior within the rectangle; rings that fall outside disappear.
fn clip_to_rect(mp: &MultiPolygon<f64>, r: Rect<f64>) -> MultiPolygon<f64> {
    let (lo, hi) = (r.min(), r.max());
    let inside_all = mp.bounding_rect().is_some_and(|b| {
        b.min().x >= lo.x && b.min().y >= lo.y && b.max().x <= hi.x && b.max().y <= hi.y
    });
    if inside_all {
        return mp.clone();
    }
    let clip_ring = |ring: &LineString<f64>| -> Option<LineString<f64>> {
        let mut pts: Vec<Coord<f64>> = ring.0.clone();
        // (axis, bound, keep_greater)
        for (axis, bound, greater) in [
            (0, lo.x, true),
            (0, hi.x, false),
            (1, lo.y, true),
            (1, hi.y, false),
        ] {
            if pts.is_empty() {
                break;
            }
            let val = |c: &Coord<f64>| if axis == 0 { c.x } else { c.y };
            let inside = |c: &Coord<f64>| {
                if greater {
                    val(c) >= bound
                } else {
                    val(c) <= bound
                }
            };
            let cross = |p: &Coord<f64>, q: &Coord<f64>| {
                let t = (bound - val(p)) / (val(q) - val(p));
                Coord {
                    x: p.x + t * (q.x - p.x),
                    y: p.y + t * (q.y - p.y),
                }
            };
            let mut out = Vec::with_capacity(pts.len() + 4);
            let n = pts.len();
            for k in 0..n {
                let (Some(cur), Some(prev)) = (pts.get(k), pts.get((k + n - 1) % n)) else {
                    continue;
                };
                match (inside(cur), inside(prev)) {
                    (true, true) => out.push(*cur),
                    (true, false) => {
                        out.push(cross(prev, cur));
                        out.push(*cur);
                    }
                    (false, true) => out.push(cross(prev, cur)),
                    (false, false) => {}
                }
            }
            pts = out;
        }
        if pts.len() < 3 {
            return None;
        }
        let mut ls = LineString::new(pts);
        ls.close();
        Some(ls)
    };
    let polys =
        mp.0.iter()
            .filter_map(|p| {
                let ext = clip_ring(p.exterior())?;
                Some(Polygon::new(
                    ext,
                    p.interiors().iter().filter_map(clip_ring).collect(),
                ))
            })
            .collect();
    MultiPolygon(polys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn sq(x0: f64, y0: f64, s: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![
            polygon![(x: x0, y: y0), (x: x0 + s, y: y0), (x: x0 + s, y: y0 + s), (x: x0, y: y0 + s)],
        ])
    }

    #[test]
    fn touching_polygons_have_no_overlap() {
        let a = [sq(0.0, 0.0, 1000.0)];
        let b = [
            sq(1000.0, 0.0, 1000.0),
            sq(1000.0, 1000.0, 1000.0),
            sq(5000.0, 0.0, 10.0),
        ];
        assert!(overlay_areas(&a, &b, Crs::RdNew).is_empty());
        // Stage one proposes the two touching boxes, stage two rejects them.
        assert_eq!(candidate_pairs(&a, &b), vec![(0, 0), (0, 1)]);
    }

    #[test]
    fn grid_against_coarse_layout_conserves_area() {
        let cells: Vec<_> = (0..10)
            .flat_map(|x| (0..10).map(move |y| sq(x as f64 * 100.0, y as f64 * 100.0, 100.0)))
            .collect();
        let regions = [sq(0.0, 0.0, 550.0), sq(550.0, 0.0, 450.0)];
        let o = overlay_areas(&cells, &regions, Crs::RdNew);
        let total: f64 = o.iter().map(|x| x.area_km2).sum();
        assert!((total - 550.0 * 550.0 / 1e6 - 450.0 * 450.0 / 1e6).abs() < 1e-9);
        // Cells in column 5 (x 500..600) below y 550 are split between both regions.
        let split = o.iter().filter(|x| x.a / 10 == 5 && x.a % 10 < 5).count();
        assert_eq!(split, 10);
    }

    #[test]
    fn empty_inputs() {
        assert!(overlay_areas(&[], &[sq(0.0, 0.0, 1.0)], Crs::RdNew).is_empty());
        assert!(
            overlay_areas(&[MultiPolygon(vec![])], &[sq(0.0, 0.0, 1.0)], Crs::RdNew).is_empty()
        );
    }
}
