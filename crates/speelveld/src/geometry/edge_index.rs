//! An R-tree of one polygon's edges: does a box meet its boundary, and is a point inside?
//!
//! Built once per region of an overlay ([`crate::geometry::overlay`]). A unit whose bounding
//! box meets no edge of a region lies wholly inside or wholly outside it (its interior lies
//! in the open box, which the region's boundary does not enter), so one point test decides
//! the pair without a boolean operation. The point test casts a ray and counts the edges it
//! crosses (even-odd, as the boolean operations fill), asking the tree only for the edges
//! near the ray.
//!
//! Stage one (envelopes) only proposes edges; [`EdgeIndex::meets_box`] then tests each
//! proposed segment against the box exactly, leaning towards "meets" within a relative
//! tolerance: a wrong "meets" only sends a pair to the exact path.

use geo::{Coord, MultiPolygon, Rect};
use rstar::primitives::{GeomWithData, Line};
use rstar::{AABB, RTree};

/// An edge of a ring with the index of its ring (rings numbered polygon by polygon, the
/// exterior before the holes).
type RingEdge = GeomWithData<Line<[f64; 2]>, usize>;

/// The edges of a MultiPolygon in an R-tree, with the number of rings.
///
/// # Examples
/// ```
/// use geo::{polygon, Coord, MultiPolygon, Rect};
/// use speelveld::geometry::edge_index::EdgeIndex;
/// let square = MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0),
///     (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)]]);
/// let index = EdgeIndex::new(&square);
/// let inner = Rect::new(Coord { x: 2.0, y: 2.0 }, Coord { x: 4.0, y: 4.0 });
/// assert!(!index.meets_box(inner));
/// assert!(index.contains(Coord { x: 3.0, y: 3.0 }));
/// assert!(index.meets_box(Rect::new(Coord { x: 8.0, y: 2.0 }, Coord { x: 12.0, y: 4.0 })));
/// assert!(!index.contains(Coord { x: 13.0, y: 3.0 }));
/// ```
#[derive(Debug, Clone)]
pub struct EdgeIndex {
    tree: RTree<RingEdge>,
    rings: usize,
    max_x: f64,
}

impl EdgeIndex {
    /// Indexes every edge of every ring (an unclosed ring gets its closing edge).
    pub fn new(polygons: &MultiPolygon<f64>) -> Self {
        let mut edges = Vec::new();
        let mut ring = 0;
        let mut max_x = f64::NEG_INFINITY;
        for p in &polygons.0 {
            for r in std::iter::once(p.exterior()).chain(p.interiors()) {
                let pts = &r.0;
                for (k, a) in pts.iter().enumerate() {
                    max_x = max_x.max(a.x);
                    // The edge to the next vertex, and from the last back to the first.
                    let b = match pts.get(k + 1) {
                        Some(b) => b,
                        None => match pts.first() {
                            Some(first) if first != a => first,
                            _ => continue,
                        },
                    };
                    if a != b {
                        edges.push(GeomWithData::new(Line::new([a.x, a.y], [b.x, b.y]), ring));
                    }
                }
                ring += 1;
            }
        }
        EdgeIndex {
            tree: RTree::bulk_load(edges),
            rings: ring,
            max_x,
        }
    }

    /// The number of rings indexed.
    pub fn rings(&self) -> usize {
        self.rings
    }

    /// Whether any edge meets the closed box (touching counts; so may a miss within a
    /// relative tolerance of 10⁻⁹ of the box's size).
    pub fn meets_box(&self, r: Rect<f64>) -> bool {
        self.edges_meeting(r).next().is_some()
    }

    /// The rings with an edge meeting the closed box (as [`EdgeIndex::meets_box`]), sorted,
    /// each once, written into `out` (cleared first).
    pub fn rings_meeting(&self, r: Rect<f64>, out: &mut Vec<usize>) {
        out.clear();
        out.extend(self.edges_meeting(r).map(|e| e.data));
        out.sort_unstable();
        out.dedup();
    }

    fn edges_meeting(&self, r: Rect<f64>) -> impl Iterator<Item = &RingEdge> {
        let tol = 1e-9 * (r.width() + r.height()).max(1e-9);
        let (lo, hi) = (r.min(), r.max());
        let (lo, hi) = (
            Coord {
                x: lo.x - tol,
                y: lo.y - tol,
            },
            Coord {
                x: hi.x + tol,
                y: hi.y + tol,
            },
        );
        let env = AABB::from_corners([lo.x, lo.y], [hi.x, hi.y]);
        self.tree
            .locate_in_envelope_intersecting(&env)
            .filter(move |e| segment_meets_box(e.geom(), lo, hi))
    }

    /// The bounding box of the parts of the edges that lie in the closed box `r` (each edge
    /// cut to `r`), or `None` when no edge meets it. Outside the returned box but inside `r`
    /// the boundary does not pass.
    pub fn edge_box(&self, r: Rect<f64>) -> Option<Rect<f64>> {
        let (lo, hi) = (r.min(), r.max());
        let mut found: Option<(Coord<f64>, Coord<f64>)> = None;
        for e in self.edges_meeting(r) {
            let (a, b) = (e.geom().from, e.geom().to);
            let Some((p, q)) = cut_segment(
                Coord { x: a[0], y: a[1] },
                Coord { x: b[0], y: b[1] },
                lo,
                hi,
            ) else {
                // Met only within the tolerance: count the whole box as crossed there.
                return Some(r);
            };
            let (mn, mx) = found.get_or_insert((p, p));
            for c in [p, q] {
                mn.x = mn.x.min(c.x);
                mn.y = mn.y.min(c.y);
                mx.x = mx.x.max(c.x);
                mx.y = mx.y.max(c.y);
            }
        }
        let (mn, mx) = found?;
        Some(Rect::new(
            Coord {
                x: mn.x.max(lo.x),
                y: mn.y.max(lo.y),
            },
            Coord {
                x: mx.x.min(hi.x),
                y: mx.y.min(hi.y),
            },
        ))
    }

    /// Whether `p` lies inside (even-odd over all rings). Meant for points off the boundary
    /// (such as the centre of a box that meets no edge); on the boundary either answer may
    /// come.
    pub fn contains(&self, p: Coord<f64>) -> bool {
        self.crossings(p, &[])
    }

    /// The even-odd parity of `p` counting only the rings not listed in `skip` (sorted):
    /// whether an odd number of those rings encloses `p`.
    pub fn contains_skipping(&self, p: Coord<f64>, skip: &[usize]) -> bool {
        self.crossings(p, skip)
    }

    fn crossings(&self, p: Coord<f64>, skip: &[usize]) -> bool {
        if p.x > self.max_x || !p.x.is_finite() || !p.y.is_finite() {
            return false;
        }
        // The ray from p to the right, as an envelope; the half-open rule on y counts an
        // edge ending on the ray once.
        let env = AABB::from_corners([p.x, p.y], [self.max_x, p.y]);
        let mut inside = false;
        for e in self.tree.locate_in_envelope_intersecting(&env) {
            let (a, b) = (e.geom().from, e.geom().to);
            if (a[1] > p.y) == (b[1] > p.y) || skip.binary_search(&e.data).is_ok() {
                continue;
            }
            let x = a[0] + (p.y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
            if x > p.x {
                inside = !inside;
            }
        }
        inside
    }
}

/// The part of segment `a`–`b` inside the closed box `[lo, hi]` (Liang–Barsky), if any.
fn cut_segment(
    a: Coord<f64>,
    b: Coord<f64>,
    lo: Coord<f64>,
    hi: Coord<f64>,
) -> Option<(Coord<f64>, Coord<f64>)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.x - lo.x),
        (dx, hi.x - a.x),
        (-dy, a.y - lo.y),
        (dy, hi.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| Coord {
        x: a.x + t * dx,
        y: a.y + t * dy,
    };
    Some((at(t0), at(t1)))
}

/// Whether segment `s` meets the closed box `[lo, hi]`: its envelope must meet the box and
/// the box's corners must not lie strictly on one side of its line.
fn segment_meets_box(s: &Line<[f64; 2]>, lo: Coord<f64>, hi: Coord<f64>) -> bool {
    let (a, b) = (s.from, s.to);
    if a[0].max(b[0]) < lo.x
        || a[0].min(b[0]) > hi.x
        || a[1].max(b[1]) < lo.y
        || a[1].min(b[1]) > hi.y
    {
        return false;
    }
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let side = |x: f64, y: f64| dx * (y - a[1]) - dy * (x - a[0]);
    let corners = [
        side(lo.x, lo.y),
        side(hi.x, lo.y),
        side(hi.x, hi.y),
        side(lo.x, hi.y),
    ];
    !(corners.iter().all(|&c| c > 0.0) || corners.iter().all(|&c| c < 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect<f64> {
        Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 })
    }

    /// A 10 × 10 square with a 4 × 4 hole in the middle.
    fn holed() -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)],
            interiors: [[(x: 3.0, y: 3.0), (x: 7.0, y: 3.0), (x: 7.0, y: 7.0), (x: 3.0, y: 7.0)]],
        )])
    }

    #[test]
    fn empty_polygon_meets_nothing_and_contains_nothing() {
        let index = EdgeIndex::new(&MultiPolygon(vec![]));
        assert_eq!(index.rings(), 0);
        assert!(!index.meets_box(rect(0.0, 0.0, 1.0, 1.0)));
        assert!(!index.contains(Coord { x: 0.5, y: 0.5 }));
    }

    #[test]
    fn holes_count_even_odd() {
        let index = EdgeIndex::new(&holed());
        assert_eq!(index.rings(), 2);
        assert!(index.contains(Coord { x: 1.0, y: 5.0 }));
        assert!(!index.contains(Coord { x: 5.0, y: 5.0 }));
        assert!(!index.contains(Coord { x: -1.0, y: 5.0 }));
        // A box inside the hole meets no edge; the ring list names the hole for a box on it.
        assert!(!index.meets_box(rect(4.0, 4.0, 6.0, 6.0)));
        let mut rings = Vec::new();
        index.rings_meeting(rect(2.0, 4.0, 4.0, 6.0), &mut rings);
        assert_eq!(rings, vec![1]);
        // Skipping the hole, the centre counts as inside the exterior; skipping the
        // exterior, (1, 5) lies in no ring and the centre in the hole's ring alone.
        assert!(index.contains_skipping(Coord { x: 5.0, y: 5.0 }, &[1]));
        assert!(!index.contains_skipping(Coord { x: 1.0, y: 5.0 }, &[0]));
        assert!(index.contains_skipping(Coord { x: 5.0, y: 5.0 }, &[0]));
    }

    #[test]
    fn touching_at_a_corner_or_along_a_side_meets() {
        let index = EdgeIndex::new(&holed());
        // The box's corner is the square's corner.
        assert!(index.meets_box(rect(10.0, 10.0, 12.0, 12.0)));
        // The box lies along the square's right side.
        assert!(index.meets_box(rect(10.0, 2.0, 12.0, 4.0)));
        // A diagonal edge passing near the corner of a box but not meeting it.
        let tri = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 0.0, y: 10.0)],
        ]);
        let t = EdgeIndex::new(&tri);
        assert!(!t.meets_box(rect(6.0, 6.0, 8.0, 8.0)));
        assert!(t.meets_box(rect(4.0, 4.0, 8.0, 8.0)));
        assert!(t.meets_box(rect(5.0, 5.0, 8.0, 8.0)));
    }

    #[test]
    fn edge_box_bounds_the_edges_inside_the_box() {
        let tri = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 0.0, y: 10.0)],
        ]);
        let t = EdgeIndex::new(&tri);
        // Only the diagonal enters the box [4, 8]²: from (4, 6) to (6, 4).
        let b = t.edge_box(rect(4.0, 4.0, 8.0, 8.0)).unwrap();
        assert!((b.min().x - 4.0).abs() < 1e-12 && (b.max().x - 6.0).abs() < 1e-12);
        assert!((b.min().y - 4.0).abs() < 1e-12 && (b.max().y - 6.0).abs() < 1e-12);
        assert!(t.edge_box(rect(6.0, 6.0, 8.0, 8.0)).is_none());
        // The bottom edge runs along the box's lower side: a box of no height.
        let b = t.edge_box(rect(1.0, 0.0, 2.0, 1.0)).unwrap();
        assert_eq!((b.min().y, b.max().y), (0.0, 0.0));
    }

    #[test]
    fn ray_through_a_vertex_counts_once() {
        // A diamond: the ray from the centre to the right passes exactly through a vertex.
        let d = MultiPolygon(vec![
            polygon![(x: 0.0, y: -1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0), (x: -1.0, y: 0.0)],
        ]);
        let index = EdgeIndex::new(&d);
        assert!(index.contains(Coord { x: 0.0, y: 0.0 }));
        assert!(!index.contains(Coord { x: -2.0, y: 0.0 }));
        assert!(!index.contains(Coord { x: 2.0, y: 0.0 }));
    }

    #[test]
    fn unclosed_rings_get_their_closing_edge() {
        use geo::{LineString, Polygon};
        let open = LineString::from(vec![(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]);
        // Polygon::new closes rings; build the unclosed ring by hand.
        let mut p = Polygon::new(open, vec![]);
        p.exterior_mut(|r| {
            r.0.pop();
        });
        let index = EdgeIndex::new(&MultiPolygon(vec![p]));
        assert!(index.meets_box(rect(-1.0, 1.0, 1.0, 2.0)));
        assert!(index.contains(Coord { x: 2.0, y: 2.0 }));
    }
}
