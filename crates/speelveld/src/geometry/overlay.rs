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
use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay::{IntOverlayOptions, Overlay, ShapeType};
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::core::solver::Solver;
use i_overlay::i_float::adapter::FloatPointAdapter;
use i_overlay::i_float::float::rect::FloatRect;
use i_overlay::i_shape::flat::buffer::FlatContoursBuffer;
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use serde::Serialize;

use crate::geometry::area::{area_km2, to_rd};
use crate::geometry::edge_index::EdgeIndex;
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
/// Each candidate pair (boxes meet) is decided in one of two ways. When the box of `a`'s
/// polygon meets no edge of `b`'s ([`EdgeIndex`]), the polygon lies wholly inside or wholly
/// outside `b`: one point test decides, and the pair's area is the polygon's own area. Else
/// both sides are cut to the common box (rings of `b` that do not enter it count by one point
/// test) and the boolean intersection (i_overlay, even-odd) gives the area. Pairs are spread
/// over the cores (rayon); the answer is the same as [`overlay_areas_sequential`]'s.
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
    overlay_with(a, b, crs, true)
}

/// [`overlay_areas`] on one thread: the same pairs in the same order with the same areas.
pub fn overlay_areas_sequential(
    a: &[MultiPolygon<f64>],
    b: &[MultiPolygon<f64>],
    crs: Crs,
) -> Vec<Overlap> {
    overlay_with(a, b, crs, false)
}

fn overlay_with(
    a: &[MultiPolygon<f64>],
    b: &[MultiPolygon<f64>],
    crs: Crs,
    parallel: bool,
) -> Vec<Overlap> {
    if crs == Crs::Wgs84 {
        // Work in RD New, where the boundaries' edges are straight (see geometry::area).
        let convert = |set: &[MultiPolygon<f64>]| -> Vec<MultiPolygon<f64>> {
            if parallel {
                set.par_iter().map(|g| to_rd(g, crs)).collect()
            } else {
                set.iter().map(|g| to_rd(g, crs)).collect()
            }
        };
        let (a, b) = (convert(a), convert(b));
        return overlay_with(&a, &b, Crs::RdNew, parallel);
    }
    let set = Prepared::new(a, b, crs, parallel);
    // Pairs sorted by `a`: one group per polygon of the first set, in order.
    let groups = set.pairs.chunk_by(|x, y| x.0 == y.0);
    if parallel {
        let parts: Vec<Vec<Overlap>> = set
            .pairs
            .par_chunk_by(|x, y| x.0 == y.0)
            .map_init(Scratch::default, |s, group| set.decide(s, group))
            .collect();
        parts.into_iter().flatten().collect()
    } else {
        let mut s = Scratch::default();
        groups.flat_map(|group| set.decide(&mut s, group)).collect()
    }
}

/// Both sets with what every pair needs, computed once: boxes, the first set's areas, an
/// edge index per polygon of the second set, and the candidate pairs.
struct Prepared<'a> {
    a: &'a [MultiPolygon<f64>],
    b: &'a [MultiPolygon<f64>],
    a_box: Vec<Option<Rect<f64>>>,
    a_area: Vec<f64>,
    b_box: Vec<Option<Rect<f64>>>,
    b_edges: Vec<EdgeIndex>,
    pairs: Vec<(usize, usize)>,
}

impl<'a> Prepared<'a> {
    fn new(
        a: &'a [MultiPolygon<f64>],
        b: &'a [MultiPolygon<f64>],
        crs: Crs,
        parallel: bool,
    ) -> Self {
        let a_box: Vec<Option<Rect<f64>>> = a.iter().map(|p| p.bounding_rect()).collect();
        let b_box: Vec<Option<Rect<f64>>> = b.iter().map(|p| p.bounding_rect()).collect();
        let (a_area, b_edges) = if parallel {
            (
                a.par_iter().map(|p| area_km2(p, crs)).collect(),
                b.par_iter().map(EdgeIndex::new).collect(),
            )
        } else {
            (
                a.iter().map(|p| area_km2(p, crs)).collect(),
                b.iter().map(EdgeIndex::new).collect(),
            )
        };
        let tree = |boxes: &[Option<Rect<f64>>]| {
            RTree::bulk_load(
                boxes
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        let r = (*r)?;
                        Some(GeomWithData::new(
                            Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                            i,
                        ))
                    })
                    .collect(),
            )
        };
        let (ta, tb): (RTree<IndexedBox>, RTree<IndexedBox>) = (tree(&a_box), tree(&b_box));
        let mut pairs: Vec<(usize, usize)> = ta
            .intersection_candidates_with_other_tree(&tb)
            .map(|(x, y)| (x.data, y.data))
            .collect();
        pairs.sort_unstable();
        Prepared {
            a,
            b,
            a_box,
            a_area,
            b_box,
            b_edges,
            pairs,
        }
    }

    /// The overlaps of one polygon of the first set with its candidates (one group of pairs).
    fn decide(&self, s: &mut Scratch, group: &[(usize, usize)]) -> Vec<Overlap> {
        group
            .iter()
            .filter_map(|&(i, j)| {
                let area = self.pair_area(s, i, j)?;
                (area > 0.0).then_some(Overlap {
                    a: i,
                    b: j,
                    area_km2: area,
                })
            })
            .collect()
    }

    fn pair_area(&self, s: &mut Scratch, i: usize, j: usize) -> Option<f64> {
        let (pa, pb) = (self.a.get(i)?, self.b.get(j)?);
        let (ra, rb) = ((*self.a_box.get(i)?)?, (*self.b_box.get(j)?)?);
        let edges = self.b_edges.get(j)?;
        if !edges.meets_box(ra) {
            // Wholly inside or wholly outside: the box's centre tells which.
            return Some(if edges.contains(ra.center()) {
                self.a_area.get(i).copied().unwrap_or(0.0)
            } else {
                0.0
            });
        }
        let window = common_box(ra, rb)?;
        // Where in the common box the region's boundary passes; around it (up to four
        // strips) the unit lies wholly inside or wholly outside the region.
        let crossed = edges.edge_box(window).unwrap_or(window);
        let mut m2 = 0.0;
        for strip in strips_around(window, crossed) {
            if edges.contains(strip.center()) {
                m2 += clipped_area_m2(pa, strip, s);
            }
        }
        if crossed.width() > 0.0 && crossed.height() > 0.0 {
            m2 += clipped_intersection_m2(s, pa, ra, pb, edges, crossed);
        }
        Some(m2 / M2_PER_KM2)
    }
}

/// Square metres per square kilometre.
const M2_PER_KM2: f64 = 1.0e6;

/// The common part of two boxes, if it has an area.
fn common_box(a: Rect<f64>, b: Rect<f64>) -> Option<Rect<f64>> {
    let lo = Coord {
        x: a.min().x.max(b.min().x),
        y: a.min().y.max(b.min().y),
    };
    let hi = Coord {
        x: a.max().x.min(b.max().x),
        y: a.max().y.min(b.max().y),
    };
    (hi.x > lo.x && hi.y > lo.y).then(|| Rect::new(lo, hi))
}

/// The parts of `outer` around `inner` (which lies inside it): left and right strips of full
/// height, bottom and top strips between them; strips without area are left out.
fn strips_around(outer: Rect<f64>, inner: Rect<f64>) -> impl Iterator<Item = Rect<f64>> {
    let (o0, o1, i0, i1) = (outer.min(), outer.max(), inner.min(), inner.max());
    let c = |x: f64, y: f64| Coord { x, y };
    [
        (c(o0.x, o0.y), c(i0.x, o1.y)),
        (c(i1.x, o0.y), c(o1.x, o1.y)),
        (c(i0.x, o0.y), c(i1.x, i0.y)),
        (c(i0.x, i1.y), c(i1.x, o1.y)),
    ]
    .into_iter()
    .filter(|(lo, hi)| hi.x > lo.x && hi.y > lo.y)
    .map(|(lo, hi)| Rect::new(lo, hi))
}

/// The area in m² of a MultiPolygon inside a box: each ring cut by Sutherland–Hodgman,
/// exteriors counted positive and holes negative.
fn clipped_area_m2(mp: &MultiPolygon<f64>, r: Rect<f64>, s: &mut Scratch) -> f64 {
    let (lo, hi) = (r.min(), r.max());
    let mut total = 0.0;
    for p in &mp.0 {
        if clip_ring_into(&p.exterior().0, lo, hi, &mut s.ring, &mut s.spare) {
            total += ring_area_m2(&s.ring);
        }
        for h in p.interiors() {
            if clip_ring_into(&h.0, lo, hi, &mut s.ring, &mut s.spare) {
                total -= ring_area_m2(&s.ring);
            }
        }
    }
    total
}

/// The absolute shoelace area of an open ring, relative to its first vertex.
fn ring_area_m2(pts: &[Coord<f64>]) -> f64 {
    let Some(o) = pts.first() else {
        return 0.0;
    };
    let mut twice = 0.0;
    let mut prev = Coord { x: 0.0, y: 0.0 };
    for c in pts.iter().skip(1) {
        let d = Coord {
            x: c.x - o.x,
            y: c.y - o.y,
        };
        twice += prev.x * d.y - d.x * prev.y;
        prev = d;
    }
    (twice / 2.0).abs()
}

/// Buffers reused from pair to pair (one set per thread).
#[derive(Default)]
struct Scratch {
    overlay: Option<Overlay>,
    out: FlatContoursBuffer,
    rings: Vec<usize>,
    ring: Vec<Coord<f64>>,
    spare: Vec<Coord<f64>>,
}

/// The area in m² of `a ∩ b ∩ window`, both cut to the window first (`a`'s box is `ra`).
/// Rings of `b` that do not enter the window are replaced by their even-odd count at its
/// centre (the whole window or nothing); the others, and `a`'s rings, are cut by
/// Sutherland–Hodgman.
fn clipped_intersection_m2(
    s: &mut Scratch,
    a: &MultiPolygon<f64>,
    ra: Rect<f64>,
    b: &MultiPolygon<f64>,
    edges: &EdgeIndex,
    window: Rect<f64>,
) -> f64 {
    let (lo, hi) = (window.min(), window.max());
    let adapter: FloatPointAdapter<[f64; 2], f64> = FloatPointAdapter::new(FloatRect {
        min_x: lo.x,
        max_x: hi.x,
        min_y: lo.y,
        max_y: hi.y,
    });
    let mut overlay = s.overlay.take().unwrap_or_else(|| {
        Overlay::new_custom(64, IntOverlayOptions::default(), Solver::default())
    });
    overlay.clear();
    let to_int = |c: &Coord<f64>| adapter.float_to_int(&[c.x, c.y]);
    let a_inside =
        ra.min().x >= lo.x && ra.min().y >= lo.y && ra.max().x <= hi.x && ra.max().y <= hi.y;
    for ring in
        a.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
    {
        if a_inside {
            overlay.add_path_iter(open_ring(&ring.0).iter().map(to_int), ShapeType::Subject);
        } else if clip_ring_into(&ring.0, lo, hi, &mut s.ring, &mut s.spare) {
            overlay.add_path_iter(s.ring.iter().map(to_int), ShapeType::Subject);
        }
    }
    edges.rings_meeting(window, &mut s.rings);
    let b_rings =
        b.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    for (k, ring) in b_rings.enumerate() {
        let meets = s.rings.binary_search(&k).is_ok();
        if meets && clip_ring_into(&ring.0, lo, hi, &mut s.ring, &mut s.spare) {
            overlay.add_path_iter(s.ring.iter().map(to_int), ShapeType::Clip);
        }
    }
    if edges.contains_skipping(window.center(), &s.rings) {
        let corners = [
            lo,
            Coord { x: hi.x, y: lo.y },
            hi,
            Coord { x: lo.x, y: hi.y },
        ];
        overlay.add_path_iter(corners.iter().map(to_int), ShapeType::Clip);
    }
    s.out.points.clear();
    s.out.ranges.clear();
    overlay.overlay_into(OverlayRule::Intersect, FillRule::EvenOdd, &mut s.out);
    s.overlay = Some(overlay);
    // Outer contours run counter-clockwise, holes clockwise: the signed sum is the area.
    let mut twice: i128 = 0;
    for r in &s.out.ranges {
        let Some(pts) = s.out.points.get(r.clone()) else {
            continue;
        };
        let Some(last) = pts.last() else {
            continue;
        };
        let mut prev = last;
        for p in pts {
            twice += i128::from(prev.x) * i128::from(p.y) - i128::from(p.x) * i128::from(prev.y);
            prev = p;
        }
    }
    ((twice as f64) * 0.5 * adapter.inv_scale * adapter.inv_scale).abs()
}

/// A ring without its closing vertex (i_overlay closes paths itself).
fn open_ring(pts: &[Coord<f64>]) -> &[Coord<f64>] {
    match (pts.first(), pts.split_last()) {
        (Some(f), Some((l, rest))) if f == l => rest,
        _ => pts,
    }
}

/// Cuts one ring to the box `[lo, hi]` (Sutherland–Hodgman) into `out`, using `spare` as the
/// second buffer; false when fewer than three vertices remain. The ring is left open.
fn clip_ring_into(
    ring: &[Coord<f64>],
    lo: Coord<f64>,
    hi: Coord<f64>,
    out: &mut Vec<Coord<f64>>,
    spare: &mut Vec<Coord<f64>>,
) -> bool {
    out.clear();
    out.extend_from_slice(open_ring(ring));
    for (axis, bound, greater) in [
        (0, lo.x, true),
        (0, hi.x, false),
        (1, lo.y, true),
        (1, hi.y, false),
    ] {
        if out.is_empty() {
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
        spare.clear();
        let Some(mut prev) = out.last().copied() else {
            break;
        };
        for cur in out.iter() {
            match (inside(cur), inside(&prev)) {
                (true, true) => spare.push(*cur),
                (true, false) => {
                    spare.push(cross(&prev, cur));
                    spare.push(*cur);
                }
                (false, true) => spare.push(cross(&prev, cur)),
                (false, false) => {}
            }
            prev = *cur;
        }
        std::mem::swap(out, spare);
    }
    out.len() >= 3
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

    /// The simple path: every candidate pair through geo's boolean intersection.
    fn simple(a: &[MultiPolygon<f64>], b: &[MultiPolygon<f64>]) -> Vec<Overlap> {
        candidate_pairs(a, b)
            .into_iter()
            .filter_map(|(i, j)| {
                let x = intersection_area_km2(&a[i], &b[j], Crs::RdNew);
                (x > 0.0).then_some(Overlap {
                    a: i,
                    b: j,
                    area_km2: x,
                })
            })
            .collect()
    }

    /// Both answers hold the same pairs with the same areas (relative 10⁻⁶, or 1 m²: a
    /// phantom sliver under a square metre may be found by one path only).
    fn assert_same(fast: &[Overlap], slow: &[Overlap]) {
        let map = |v: &[Overlap]| -> std::collections::HashMap<(usize, usize), f64> {
            v.iter().map(|o| ((o.a, o.b), o.area_km2)).collect()
        };
        let (f, s) = (map(fast), map(slow));
        for k in f.keys().chain(s.keys()) {
            let (x, y) = (
                f.get(k).copied().unwrap_or(0.0),
                s.get(k).copied().unwrap_or(0.0),
            );
            assert!(
                (x - y).abs() <= 1e-6 * x.max(y) + 1e-6,
                "pair {k:?}: {x} km² vs {y} km²"
            );
        }
    }

    /// Fast, sequential and simple paths agree; returns the fast answer.
    fn checked(a: &[MultiPolygon<f64>], b: &[MultiPolygon<f64>]) -> Vec<Overlap> {
        let fast = overlay_areas(a, b, Crs::RdNew);
        assert_eq!(fast, overlay_areas_sequential(a, b, Crs::RdNew));
        assert_same(&fast, &simple(a, b));
        fast
    }

    fn areas(o: &[Overlap]) -> Vec<(usize, usize, f64)> {
        o.iter()
            .map(|x| (x.a, x.b, (x.area_km2 * 1e6).round() / 1e6))
            .collect()
    }

    #[test]
    fn unit_exactly_on_a_region_border() {
        // The unit is the left region exactly; the right region shares its right side.
        let a = [sq(0.0, 0.0, 1000.0)];
        let b = [sq(0.0, 0.0, 1000.0), sq(1000.0, 0.0, 1000.0)];
        assert_eq!(areas(&checked(&a, &b)), vec![(0, 0, 1.0)]);
        // A unit halved by the border between two regions.
        let a = [sq(500.0, 0.0, 1000.0)];
        assert_eq!(areas(&checked(&a, &b)), vec![(0, 0, 0.5), (0, 1, 0.5)]);
    }

    #[test]
    fn touching_at_a_vertex_or_along_collinear_edges_has_no_area() {
        // The region touches the unit's hypotenuse at one point, inside the unit's box.
        let unit = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 1000.0, y: 0.0), (x: 0.0, y: 1000.0)],
        ]);
        let touching = MultiPolygon(vec![
            polygon![(x: 500.0, y: 500.0), (x: 1000.0, y: 200.0), (x: 1000.0, y: 1000.0)],
        ]);
        // The other half of the square: a common edge, no common area.
        let other_half = MultiPolygon(vec![
            polygon![(x: 1000.0, y: 0.0), (x: 1000.0, y: 1000.0), (x: 0.0, y: 1000.0)],
        ]);
        assert!(checked(&[unit.clone()], &[touching, other_half]).is_empty());
        // Collinear, partly overlapping sides: a strip over half the square's top and a
        // band below it along the bottom.
        let a = [sq(0.0, 0.0, 1000.0)];
        let tall = MultiPolygon(vec![
            polygon![(x: 0.0, y: 500.0), (x: 1000.0, y: 500.0), (x: 1000.0, y: 3000.0), (x: 0.0, y: 3000.0)],
        ]);
        let band = MultiPolygon(vec![
            polygon![(x: -500.0, y: 0.0), (x: 1000.0, y: 0.0), (x: 1000.0, y: 200.0), (x: -500.0, y: 200.0)],
        ]);
        assert_eq!(
            areas(&checked(&a, &[tall, band])),
            vec![(0, 0, 0.5), (0, 1, 0.2)]
        );
    }

    #[test]
    fn region_with_a_hole_holding_a_unit() {
        let region = MultiPolygon(vec![polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10_000.0, y: 0.0), (x: 10_000.0, y: 10_000.0), (x: 0.0, y: 10_000.0)],
            interiors: [[(x: 3000.0, y: 3000.0), (x: 7000.0, y: 3000.0), (x: 7000.0, y: 7000.0), (x: 3000.0, y: 7000.0)]],
        )]);
        let units = [
            sq(4000.0, 4000.0, 2000.0), // in the hole: nothing
            sq(500.0, 500.0, 1000.0),   // in the ring: all of it
            MultiPolygon(vec![
                polygon![(x: 2000.0, y: 4000.0), (x: 4000.0, y: 4000.0), (x: 4000.0, y: 6000.0), (x: 2000.0, y: 6000.0)],
            ]), // half over the hole's edge: 1000 × 2000 m inside
        ];
        assert_eq!(
            areas(&checked(&units, std::slice::from_ref(&region))),
            vec![(1, 0, 1.0), (2, 0, 2.0)]
        );
    }

    #[test]
    fn multipolygon_regions_and_units() {
        // One region of two squares with a gap; a unit across both and the gap; a unit of
        // two parts, one in each square.
        let region = MultiPolygon(vec![
            sq(0.0, 0.0, 1000.0).0[0].clone(),
            sq(2000.0, 0.0, 1000.0).0[0].clone(),
        ]);
        let across = MultiPolygon(vec![
            polygon![(x: 500.0, y: 0.0), (x: 2500.0, y: 0.0), (x: 2500.0, y: 1000.0), (x: 500.0, y: 1000.0)],
        ]);
        let parts = MultiPolygon(vec![
            sq(100.0, 100.0, 100.0).0[0].clone(),
            sq(2100.0, 100.0, 100.0).0[0].clone(),
        ]);
        assert_eq!(
            areas(&checked(&[across, parts], &[region])),
            vec![(0, 0, 1.0), (1, 0, 0.02)]
        );
    }

    #[test]
    fn one_polygon_and_empty_sets() {
        let a = [sq(0.0, 0.0, 1000.0)];
        assert_eq!(areas(&checked(&a, &a)), vec![(0, 0, 1.0)]);
        assert!(checked(&a, &[]).is_empty());
        assert!(checked(&[], &a).is_empty());
        assert!(checked(&[MultiPolygon(vec![])], &a).is_empty());
    }

    fn real_rd(p: &str) -> Vec<MultiPolygon<f64>> {
        use crate::geometry::repair::check_and_repair;
        use crate::io::geojson::{GeoJsonOptions, read_polygons};
        let text = crate::io::fixtures::real_text(p);
        let layer = read_polygons(p, &text, &GeoJsonOptions::default()).unwrap();
        layer
            .features
            .iter()
            .map(|f| {
                let g = check_and_repair(f.geometry.clone(), &f.code, layer.crs)
                    .unwrap()
                    .0;
                to_rd(&g, layer.crs)
            })
            .collect()
    }

    /// On the real 2025 and fine 2022 gemeenten against the jeugdzorgregio's and provincies:
    /// the point-decided and strip-cut pairs give the boolean intersection's areas, and every
    /// unit the same largest region.
    #[test]
    fn fast_paths_equal_the_boolean_intersection_on_real_sets() {
        let jz = real_rd("cbs/2025/jeugdzorgregio.geojson");
        let pv = real_rd("cbs/2025/provincie.geojson");
        for units in [
            "cbs/2025/gemeente.geojson",
            "fetched/cbs-2022/gemeente_2022.geojson",
        ] {
            let a = real_rd(units);
            for b in [&jz, &pv] {
                let fast = checked(&a, b);
                let slow = simple(&a, b);
                let best = |o: &[Overlap]| {
                    let mut m = vec![(0.0, usize::MAX); a.len()];
                    for x in o {
                        if x.area_km2 > m[x.a].0 {
                            m[x.a] = (x.area_km2, x.b);
                        }
                    }
                    m.into_iter().map(|(_, r)| r).collect::<Vec<_>>()
                };
                assert_eq!(best(&fast), best(&slow), "{units}");
                assert!(best(&fast).iter().all(|&r| r != usize::MAX), "{units}");
                // Many pairs are decided by the point test alone.
                let set = Prepared::new(&a, b, Crs::RdNew, false);
                let by_point = set
                    .pairs
                    .iter()
                    .filter(|&&(i, j)| !set.b_edges[j].meets_box(set.a_box[i].unwrap()))
                    .count();
                assert!(
                    by_point * 10 > set.pairs.len(),
                    "{units}: {by_point} of {}",
                    set.pairs.len()
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]
        /// A jittered grid against rectangles and tilted squares (some holed): the fast
        /// paths equal the boolean intersection pair by pair.
        #[test]
        fn fast_paths_equal_the_boolean_intersection(
            n in 1usize..6,
            jitter in proptest::collection::vec(-0.3f64..0.3, 72),
            shapes in proptest::collection::vec((0.0f64..5.0, 0.0f64..5.0, 0.3f64..4.0, 0.0f64..1.5, proptest::bool::ANY), 1..5),
        ) {
            let size = 1000.0;
            let j = |i: usize, k: usize, d: usize| {
                if i == 0 || k == 0 || i == n || k == n { 0.0 } else { jitter[(i * 6 + k) * 2 + d] * size }
            };
            let v = |i: usize, k: usize| (i as f64 * size + j(i, k, 0), k as f64 * size + j(i, k, 1));
            let cells: Vec<MultiPolygon<f64>> = (0..n)
                .flat_map(|i| (0..n).map(move |k| (i, k)))
                .map(|(i, k)| {
                    let ring = vec![v(i, k), v(i + 1, k), v(i + 1, k + 1), v(i, k + 1)];
                    MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])])
                })
                .collect();
            let regions: Vec<MultiPolygon<f64>> = shapes
                .iter()
                .map(|&(x, y, s, angle, holed)| {
                    let (cx, cy, h) = (x * size, y * size, s * size / 2.0);
                    let corner = |k: usize, r: f64| {
                        let t = angle + k as f64 * std::f64::consts::FRAC_PI_2;
                        (cx + r * t.cos() * std::f64::consts::SQRT_2, cy + r * t.sin() * std::f64::consts::SQRT_2)
                    };
                    let ring = |r: f64| LineString::from((0..4).map(|k| corner(k, r)).collect::<Vec<_>>());
                    let holes = if holed { vec![ring(h / 3.0)] } else { vec![] };
                    MultiPolygon(vec![Polygon::new(ring(h), holes)])
                })
                .collect();
            let fast = overlay_areas(&cells, &regions, Crs::RdNew);
            proptest::prop_assert_eq!(&fast, &overlay_areas_sequential(&cells, &regions, Crs::RdNew));
            assert_same(&fast, &simple(&cells, &regions));
        }
    }

    #[test]
    fn empty_inputs() {
        assert!(overlay_areas(&[], &[sq(0.0, 0.0, 1.0)], Crs::RdNew).is_empty());
        assert!(
            overlay_areas(&[MultiPolygon(vec![])], &[sq(0.0, 0.0, 1.0)], Crs::RdNew).is_empty()
        );
    }
}
