//! Coverage union by cancelling shared edges: the outline of polygons that tile without
//! overlap, in time close to a sort of their edges.
//!
//! In a coverage neighbours share their borders vertex for vertex, so the outline of a group
//! is what is left when every edge is cancelled against its reverse. [`union_by_cancelling`]
//!
//! 1. collects every edge of every ring, oriented (exteriors counter-clockwise, holes
//!    clockwise), and sorts them by their end points (exact coordinates, no hashing);
//! 2. cancels each edge against its reverse: an edge that occurs once remains, a pair in
//!    opposite directions vanishes, anything else (the same edge twice in one direction, three
//!    times) is an overlap;
//! 3. checks that the remaining edges meet only at common end points (a sweep over x with
//!    exact orientation tests): edges that cross, touch inside, or run along each other mean
//!    the input is no clean coverage (overlaps, gaps closed by crossing rings, T-junctions
//!    where one side has an extra vertex);
//! 4. chains the remaining edges into rings; at a vertex where several rings meet it takes
//!    the first edge clockwise from the way it came, which keeps the interior on the left,
//!    and a ring that comes back to a vertex it passed is cut there, so rings touching at a
//!    point come out as separate rings (two polygons touching at a corner, or a shell and a
//!    hole touching at one point: valid by OGC rules);
//! 5. classifies the rings by orientation (counter-clockwise: shell; clockwise: hole) and
//!    puts each in its smallest containing ring, which must be of the other kind (a shell
//!    inside a shell, or a hole outside every shell, is an overlap);
//! 6. leaves groups whose parts come near each other (boundaries within 10⁻⁶ of the extent) to the
//!    overlay, which joins parts that touch or lie closer than its grid, as GEOS does.
//!
//! Where any check fails it answers `None` and the caller falls back to the general overlay
//! ([`crate::geometry::dissolve`]): so the answer never depends on which path was taken, only
//! the time does. Coordinates are compared exactly; with a grid they are rounded to it first,
//! and the checks run on the rounded coordinates, which are the output's.

use geo::coordinate_position::{CoordPos, coord_pos_relative_to_ring};
use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::{Area, Coord, LineString, MultiPolygon, Polygon};

/// A point as a key that sorts and compares exactly: the bits of x and y mapped to integers
/// that order as the numbers do.
type Key = [u64; 2];

/// `v`'s bits, mapped so that integers order as the floats do (`-0.0` as `0.0`).
fn ord_bits(v: f64) -> u64 {
    let b = (v + 0.0).to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// The inverse of [`ord_bits`].
fn from_ord_bits(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

fn key(c: Coord<f64>) -> Key {
    [ord_bits(c.x), ord_bits(c.y)]
}

fn coord(k: Key) -> Coord<f64> {
    Coord {
        x: from_ord_bits(k[0]),
        y: from_ord_bits(k[1]),
    }
}

/// One edge, undirected key first: `lo < hi` (points packed as x bits, y bits), and
/// `forward` when it runs from `lo` to `hi`.
#[derive(Clone, Copy)]
struct Edge {
    lo: u128,
    hi: u128,
    forward: bool,
}

fn pack(k: Key) -> u128 {
    (u128::from(k[0]) << 64) | u128::from(k[1])
}

fn unpack(p: u128) -> Key {
    [(p >> 64) as u64, p as u64]
}

/// The union of polygons that form a coverage, by cancelling shared edges (see the module
/// docs), or `None` where they do not form a clean coverage. With `scale`, coordinates are
/// first rounded to a grid of `1 / scale`. Polygons without area are left out and ring
/// orientation is free, as for [`crate::geometry::dissolve::union_coverage`].
///
/// # Examples
/// ```
/// use geo::{polygon, Area, MultiPolygon};
/// use speelveld::geometry::coverage_union::union_by_cancelling;
/// let sq = |x: f64, y: f64| MultiPolygon(vec![polygon![(x: x, y: y), (x: x + 1.0, y: y),
///     (x: x + 1.0, y: y + 1.0), (x: x, y: y + 1.0)]]);
/// let u = union_by_cancelling(&[sq(0.0, 0.0), sq(1.0, 0.0), sq(1.0, 1.0)], None).unwrap();
/// assert_eq!((u.0.len(), u.unsigned_area()), (1, 3.0));
/// // Two squares on top of each other are no coverage.
/// assert!(union_by_cancelling(&[sq(0.0, 0.0), sq(0.0, 0.0)], None).is_none());
/// ```
pub fn union_by_cancelling(
    parts: &[MultiPolygon<f64>],
    scale: Option<f64>,
) -> Option<MultiPolygon<f64>> {
    let edges = collect_edges(parts, scale)?;
    let left = cancel(edges)?;
    if left.is_empty() {
        return Some(MultiPolygon(vec![]));
    }
    if !meet_only_at_ends(&left) {
        return None;
    }
    let rings = chain(left)?;
    assemble(rings)
}

/// Every edge of every polygon with an area, oriented; `None` on a coordinate that is not
/// finite.
fn collect_edges(parts: &[MultiPolygon<f64>], scale: Option<f64>) -> Option<Vec<Edge>> {
    let snap = |c: Coord<f64>| match scale {
        Some(s) => Coord {
            x: (c.x * s).round() / s,
            y: (c.y * s).round() / s,
        },
        None => c,
    };
    let mut edges = Vec::with_capacity(
        parts
            .iter()
            .flat_map(|m| &m.0)
            .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
            .sum(),
    );
    for p in parts.iter().flat_map(|m| &m.0) {
        // Left out as the overlay leaves them out: no area, or none that is a number.
        if p.unsigned_area().partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            continue;
        }
        let rings =
            std::iter::once((p.exterior(), true)).chain(p.interiors().iter().map(|r| (r, false)));
        for (ring, exterior) in rings {
            // Exteriors counter-clockwise, holes clockwise, as geo's `orient` makes them.
            let ccw = twice_signed_area(&ring.0) > 0.0;
            let reverse = ccw != exterior;
            for w in ring.0.windows(2) {
                let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
                    continue;
                };
                let (a, b) = (snap(a), snap(b));
                if !(a.x.is_finite() && a.y.is_finite() && b.x.is_finite() && b.y.is_finite()) {
                    return None;
                }
                let (ka, kb) = (pack(key(a)), pack(key(b)));
                if ka == kb {
                    continue;
                }
                let (from, to) = if reverse { (kb, ka) } else { (ka, kb) };
                edges.push(if from < to {
                    Edge {
                        lo: from,
                        hi: to,
                        forward: true,
                    }
                } else {
                    Edge {
                        lo: to,
                        hi: from,
                        forward: false,
                    }
                });
            }
        }
    }
    Some(edges)
}

/// Twice the signed area of a closed ring (positive: counter-clockwise), relative to its
/// first point for precision.
fn twice_signed_area(cs: &[Coord<f64>]) -> f64 {
    let Some(&o) = cs.first() else {
        return 0.0;
    };
    cs.windows(2)
        .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
        .map(|(a, b)| (a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y))
        .sum()
}

/// The edges that remain when each is cancelled against its reverse, as `(from, to)`; `None`
/// when an edge occurs in a way no coverage has (twice in one direction, or more than twice).
fn cancel(mut edges: Vec<Edge>) -> Option<Vec<(Key, Key)>> {
    edges.sort_unstable_by_key(|e| (e.lo, e.hi));
    let mut left = Vec::new();
    for run in edges.chunk_by(|a, b| (a.lo, a.hi) == (b.lo, b.hi)) {
        let (lo, hi) = match run.first() {
            Some(e) => (unpack(e.lo), unpack(e.hi)),
            None => continue,
        };
        match run {
            [e] => left.push(if e.forward { (lo, hi) } else { (hi, lo) }),
            [a, b] if a.forward != b.forward => {}
            _ => return None,
        }
    }
    Some(left)
}

/// A remaining edge with its bounding box.
struct Segment {
    a: Coord<f64>,
    b: Coord<f64>,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

/// True when no two edges meet except at a common end point, and edges with a common end
/// point do not run along each other. A sweep over x: only edges whose x ranges overlap are
/// compared.
fn meet_only_at_ends(edges: &[(Key, Key)]) -> bool {
    let mut segs: Vec<Segment> = edges
        .iter()
        .map(|&(p, q)| {
            let (a, b) = (coord(p), coord(q));
            Segment {
                a,
                b,
                x0: a.x.min(b.x),
                x1: a.x.max(b.x),
                y0: a.y.min(b.y),
                y1: a.y.max(b.y),
            }
        })
        .collect();
    segs.sort_unstable_by(|s, t| s.x0.total_cmp(&t.x0));
    for (i, s) in segs.iter().enumerate() {
        for t in segs.iter().skip(i + 1) {
            if t.x0 > s.x1 {
                break;
            }
            if t.y0 > s.y1 || t.y1 < s.y0 {
                continue;
            }
            if conflict(s, t) {
                return false;
            }
        }
    }
    true
}

fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

/// Whether two edges meet other than at one common end point.
fn conflict(s: &Segment, t: &Segment) -> bool {
    let other = |c: Coord<f64>| if t.a == c { t.b } else { t.a };
    // One common end point c: a conflict when the other ends p and q lie on one ray from c.
    let along = |c: Coord<f64>, p: Coord<f64>, q: Coord<f64>| {
        orient(c, p, q) == Orientation::Collinear
            && p.x.total_cmp(&c.x) == q.x.total_cmp(&c.x)
            && p.y.total_cmp(&c.y) == q.y.total_cmp(&c.y)
    };
    match (s.a == t.a || s.a == t.b, s.b == t.a || s.b == t.b) {
        (false, false) => segments_meet(s.a, s.b, t.a, t.b),
        (true, false) => along(s.a, s.b, other(s.a)),
        (false, true) => along(s.b, s.a, other(s.b)),
        (true, true) => true,
    }
}

/// Whether the closed segments `ab` and `cd` have a point in common.
fn segments_meet(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let (o1, o2, o3, o4) = (
        orient(a, b, c),
        orient(a, b, d),
        orient(c, d, a),
        orient(c, d, b),
    );
    if o1 != o2 && o3 != o4 {
        return true;
    }
    let on = |p: Coord<f64>, q: Coord<f64>, r: Coord<f64>| {
        r.x >= p.x.min(q.x) && r.x <= p.x.max(q.x) && r.y >= p.y.min(q.y) && r.y <= p.y.max(q.y)
    };
    let col = Orientation::Collinear;
    (o1 == col && on(a, b, c))
        || (o2 == col && on(a, b, d))
        || (o3 == col && on(c, d, a))
        || (o4 == col && on(c, d, b))
}

/// Chains directed edges that meet only at their ends into closed rings (see the module
/// docs for the choice at a vertex where rings meet); `None` when an edge has no successor.
fn chain(mut edges: Vec<(Key, Key)>) -> Option<Vec<Vec<Coord<f64>>>> {
    edges.sort_unstable();
    // The vertices (each has as many edges out as in), and the first edge out of each.
    let mut verts: Vec<Key> = Vec::new();
    let mut first_out: Vec<usize> = Vec::new();
    for (k, e) in edges.iter().enumerate() {
        if verts.last() != Some(&e.0) {
            verts.push(e.0);
            first_out.push(k);
        }
    }
    first_out.push(edges.len());
    let from_id: Vec<usize> = {
        let mut ids = Vec::with_capacity(edges.len());
        for (v, w) in first_out.windows(2).enumerate() {
            if let (Some(&s), Some(&e)) = (w.first(), w.get(1)) {
                ids.extend(std::iter::repeat_n(v, e - s));
            }
        }
        ids
    };
    let to_id: Vec<usize> = edges
        .iter()
        .map(|e| verts.binary_search(&e.1).ok())
        .collect::<Option<_>>()?;
    let mut used = vec![false; edges.len()];
    // For each vertex on the current path, the position of the path's edge leaving it.
    let mut pos_of = vec![usize::MAX; verts.len()];
    let mut rings = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    for start in 0..edges.len() {
        if used.get(start).copied().unwrap_or(true) {
            continue;
        }
        *used.get_mut(start)? = true;
        *pos_of.get_mut(*from_id.get(start)?)? = 0;
        path.push(start);
        while let Some(&last) = path.last() {
            let v = *to_id.get(last)?;
            let p = *pos_of.get(v)?;
            if p != usize::MAX {
                // Back at a vertex of the path: the loop from it is a ring.
                let ring: Vec<usize> = path.split_off(p);
                let mut cs: Vec<Coord<f64>> = Vec::with_capacity(ring.len() + 1);
                for &e in &ring {
                    let f = *from_id.get(e)?;
                    *pos_of.get_mut(f)? = usize::MAX;
                    cs.push(coord(*verts.get(f)?));
                }
                cs.push(*cs.first()?);
                rings.push(cs);
                continue;
            }
            *pos_of.get_mut(v)? = path.len();
            let (u, at) = (coord(edges.get(last)?.0), coord(*verts.get(v)?));
            let range = *first_out.get(v)?..*first_out.get(v + 1)?;
            let next = range
                .filter(|&k| !used.get(k).copied().unwrap_or(true))
                .filter_map(|k| Some((k, coord(edges.get(k)?.1))))
                .min_by(|x, y| clockwise_order(at, u, x.1, y.1))?
                .0;
            *used.get_mut(next)? = true;
            path.push(next);
        }
    }
    Some(rings)
}

/// Orders the directions `v → w1` and `v → w2` by their clockwise angle from `v → u`
/// (exact): the first clockwise comes first. A direction along `v → u` itself comes last.
fn clockwise_order(
    v: Coord<f64>,
    u: Coord<f64>,
    w1: Coord<f64>,
    w2: Coord<f64>,
) -> std::cmp::Ordering {
    let group = |w: Coord<f64>| match orient(v, u, w) {
        Orientation::Clockwise => 0,
        Orientation::CounterClockwise => 2,
        Orientation::Collinear => {
            let same_side = u.x.total_cmp(&v.x) == w.x.total_cmp(&v.x)
                && u.y.total_cmp(&v.y) == w.y.total_cmp(&v.y);
            if same_side { 3 } else { 1 }
        }
    };
    let (g1, g2) = (group(w1), group(w2));
    g1.cmp(&g2).then_with(|| match orient(v, w1, w2) {
        Orientation::Clockwise => std::cmp::Ordering::Less,
        Orientation::CounterClockwise => std::cmp::Ordering::Greater,
        Orientation::Collinear => std::cmp::Ordering::Equal,
    })
}

/// A ring with what [`assemble`] needs to nest it.
struct Ring {
    line: LineString<f64>,
    area: f64,
    min: Coord<f64>,
    max: Coord<f64>,
}

/// Shells (counter-clockwise rings) with their holes, each hole in its smallest containing
/// ring; `None` when the nesting is not one a union has.
fn assemble(coords: Vec<Vec<Coord<f64>>>) -> Option<MultiPolygon<f64>> {
    let mut rings: Vec<Ring> = coords
        .into_iter()
        .map(|cs| {
            let area = twice_signed_area(&cs) / 2.0;
            let (mut min, mut max) = (
                Coord {
                    x: f64::MAX,
                    y: f64::MAX,
                },
                Coord {
                    x: f64::MIN,
                    y: f64::MIN,
                },
            );
            for c in &cs {
                (min.x, min.y, max.x, max.y) = (
                    min.x.min(c.x),
                    min.y.min(c.y),
                    max.x.max(c.x),
                    max.y.max(c.y),
                );
            }
            Ring {
                line: LineString(cs),
                area,
                min,
                max,
            }
        })
        .collect();
    if rings.iter().any(|r| r.area == 0.0 || r.area.is_nan()) {
        return None;
    }
    // Largest first: a ring's containers come before it; the nearest container is the
    // smallest of them, the first one found scanning back.
    let mut order: Vec<usize> = (0..rings.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (
            rings.get(i).map(|r| r.area.abs()),
            rings.get(j).map(|r| r.area.abs()),
        );
        b.unwrap_or(0.0)
            .total_cmp(&a.unwrap_or(0.0))
            .then(i.cmp(&j))
    });
    let mut container: Vec<Option<usize>> = vec![None; rings.len()];
    for (k, &i) in order.iter().enumerate() {
        let r = rings.get(i)?;
        for &j in order.get(..k)?.iter().rev() {
            let c = rings.get(j)?;
            if c.min.x > r.min.x || c.min.y > r.min.y || c.max.x < r.max.x || c.max.y < r.max.y {
                continue;
            }
            if contains(c, r)? {
                *container.get_mut(i)? = Some(j);
                break;
            }
        }
    }
    // A shell lies outside every ring or in a hole; a hole lies in a shell.
    let shell: Vec<bool> = rings.iter().map(|r| r.area > 0.0).collect();
    let is_shell = |i: usize| shell.get(i).copied().unwrap_or(false);
    let mut holes_of: Vec<Vec<usize>> = vec![Vec::new(); rings.len()];
    for (i, c) in container.iter().enumerate() {
        match (is_shell(i), *c) {
            (true, None) => {}
            (true, Some(j)) if !is_shell(j) => {}
            (false, Some(j)) if is_shell(j) => holes_of.get_mut(j)?.push(i),
            _ => return None,
        }
    }
    // Parts that come near each other: an overlay on a grid may join them (where they
    // touch, or lie closer than its grid, as two parts of the 3-decimal 2025 WGS84 JZ38 do),
    // so the overlay decides.
    let shells: Vec<&Ring> = rings.iter().filter(|r| r.area > 0.0).collect();
    if shells.len() > 1 {
        let (lo, hi) = shells.iter().fold((f64::MAX, f64::MIN), |(lo, hi), r| {
            (lo.min(r.min.x).min(r.min.y), hi.max(r.max.x).max(r.max.y))
        });
        let eps = (hi - lo).abs() * 1e-6;
        for (k, a) in shells.iter().enumerate() {
            for b in shells.iter().skip(k + 1) {
                if a.min.x <= b.max.x + eps
                    && b.min.x <= a.max.x + eps
                    && a.min.y <= b.max.y + eps
                    && b.min.y <= a.max.y + eps
                    && come_near(a, b, eps)
                {
                    return None;
                }
            }
        }
    }
    let mut polys = Vec::new();
    for (i, holes) in holes_of.into_iter().enumerate() {
        if !is_shell(i) {
            continue;
        }
        let shell = std::mem::replace(&mut rings.get_mut(i)?.line, LineString(vec![]));
        let holes = holes
            .into_iter()
            .map(|h| {
                Some(std::mem::replace(
                    &mut rings.get_mut(h)?.line,
                    LineString(vec![]),
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        polys.push(Polygon::new(shell, holes));
    }
    Some(MultiPolygon(polys))
}

/// Whether the boundaries of rings `a` and `b` come within `eps` of each other: only their
/// segments inside the overlap of the two boxes (grown by `eps`) can, so only those are
/// compared.
fn come_near(a: &Ring, b: &Ring, eps: f64) -> bool {
    let (x0, y0) = (a.min.x.max(b.min.x) - eps, a.min.y.max(b.min.y) - eps);
    let (x1, y1) = (a.max.x.min(b.max.x) + eps, a.max.y.min(b.max.y) + eps);
    let in_window = |w: &[Coord<f64>]| match w {
        [p, q] => {
            p.x.max(q.x) >= x0 && p.x.min(q.x) <= x1 && p.y.max(q.y) >= y0 && p.y.min(q.y) <= y1
        }
        _ => false,
    };
    let segments = |r: &Ring| -> Vec<(Coord<f64>, Coord<f64>)> {
        r.line
            .0
            .windows(2)
            .filter(|w| in_window(w))
            .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
            .collect()
    };
    let (sa, sb) = (segments(a), segments(b));
    let eps2 = eps * eps;
    sa.iter().any(|&(p, q)| {
        sb.iter().any(|&(r, t)| {
            segments_meet(p, q, r, t)
                || point_segment_distance2(p, r, t) <= eps2
                || point_segment_distance2(q, r, t) <= eps2
                || point_segment_distance2(r, p, q) <= eps2
                || point_segment_distance2(t, p, q) <= eps2
        })
    })
}

/// The squared distance from `p` to the segment `ab`.
fn point_segment_distance2(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let s = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.x + s * dx - p.x, a.y + s * dy - p.y);
    cx * cx + cy * cy
}

/// Whether ring `r` lies inside ring `c` (rings that meet only at vertices: one vertex of
/// `r` off `c`'s boundary decides); `None` when every vertex of `r` is on `c`.
fn contains(c: &Ring, r: &Ring) -> Option<bool> {
    for p in &r.line.0 {
        match coord_pos_relative_to_ring(*p, &c.line) {
            CoordPos::Inside => return Some(true),
            CoordPos::Outside => return Some(false),
            CoordPos::OnBoundary => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::dissolve::union_overlay;
    use geo::{Validation, polygon};

    fn cell(x: f64, y: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![(x: x, y: y), (x: x + 1.0, y: y),
            (x: x + 1.0, y: y + 1.0), (x: x, y: y + 1.0)]])
    }

    fn holes(m: &MultiPolygon<f64>) -> usize {
        m.0.iter().map(|p| p.interiors().len()).sum()
    }

    /// The cancelling union against the general overlay: same parts, same holes, the same
    /// area (the overlay's own grid moves it by up to 2·10⁻⁹), valid.
    fn same_as_overlay(parts: &[MultiPolygon<f64>]) -> MultiPolygon<f64> {
        let fast = union_by_cancelling(parts, None).expect("a clean coverage");
        let slow = union_overlay(parts);
        assert_eq!(fast.0.len(), slow.0.len());
        assert_eq!(holes(&fast), holes(&slow));
        let (a, b) = (fast.unsigned_area(), slow.unsigned_area());
        assert!((a - b).abs() <= 1e-8 * b.max(1e-300), "{a} vs {b}");
        let sum: f64 = parts.iter().map(|p| p.unsigned_area()).sum();
        assert!((a - sum).abs() <= 1e-12 * sum.max(1e-300), "{a} vs {sum}");
        assert!(fast.is_valid(), "{fast:?}");
        fast
    }

    #[test]
    fn degenerate_inputs() {
        assert!(union_by_cancelling(&[], None).unwrap().0.is_empty());
        let one = same_as_overlay(&[cell(0.0, 0.0)]);
        assert_eq!(one.0.len(), 1);
        // Mixed orientation on input does not matter.
        let cw = MultiPolygon(vec![
            cell(1.0, 0.0).0[0].orient(geo::orient::Direction::Reversed),
        ]);
        use geo::orient::Orient;
        let u = same_as_overlay(&[cell(0.0, 0.0), cw]);
        assert_eq!((u.0.len(), holes(&u)), (1, 0));
        // A polygon with a hole and a multipolygon, the hole filled by another unit.
        let frame = MultiPolygon(vec![polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 3.0), (x: 0.0, y: 3.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 1.0, y: 2.0), (x: 2.0, y: 2.0), (x: 2.0, y: 1.0)]],
        )]);
        assert_eq!(holes(&same_as_overlay(std::slice::from_ref(&frame))), 1);
        let filled = same_as_overlay(&[frame, cell(1.0, 1.0)]);
        assert_eq!((filled.0.len(), holes(&filled)), (1, 0));
        let multi = MultiPolygon(vec![
            cell(0.0, 0.0).0[0].clone(),
            cell(5.0, 0.0).0[0].clone(),
        ]);
        assert_eq!(same_as_overlay(&[multi, cell(1.0, 0.0)]).0.len(), 2);
        // A polygon without a finite area is left out, as the overlay leaves it out.
        assert!(
            union_by_cancelling(&[cell(f64::NAN, 0.0)], None)
                .unwrap()
                .0
                .is_empty()
        );
        assert!(union_overlay(&[cell(f64::NAN, 0.0)]).0.is_empty());
    }

    #[test]
    fn checkerboard_touching_at_corners_gives_separate_parts() {
        let cells: Vec<_> = (0..4)
            .flat_map(|i| (0..4).map(move |j| (i, j)))
            .filter(|(i, j)| (i + j) % 2 == 0)
            .map(|(i, j)| cell(f64::from(i), f64::from(j)))
            .collect();
        // Parts that touch are left to the overlay, which keeps them apart.
        assert!(union_by_cancelling(&cells, None).is_none());
        let u = crate::geometry::dissolve::union_coverage(&cells);
        assert_eq!((u.0.len(), holes(&u)), (8, 0));
        assert!(u.is_valid());
        // Apart, they are united here.
        let apart: Vec<_> = (0..3).map(|i| cell(f64::from(i) * 3.0, 0.0)).collect();
        assert_eq!(same_as_overlay(&apart).0.len(), 3);
    }

    #[test]
    fn ring_of_cells_around_a_hole_and_an_enclave() {
        let ring: Vec<_> = (0..3)
            .flat_map(|i| (0..3).map(move |j| (i, j)))
            .filter(|&(i, j)| (i, j) != (1, 1))
            .map(|(i, j)| cell(f64::from(i), f64::from(j)))
            .collect();
        let u = same_as_overlay(&ring);
        assert_eq!((u.0.len(), holes(&u)), (1, 1));
        // An island of the group inside the enclave of another: a second part in the hole.
        let mut big: Vec<_> = (0..5)
            .flat_map(|i| (0..5).map(move |j| (i, j)))
            .filter(|&(i, j)| !(1..=3).contains(&i) || !(1..=3).contains(&j))
            .map(|(i, j)| cell(f64::from(i), f64::from(j)))
            .collect();
        big.push(cell(2.0, 2.0));
        let u = crate::geometry::dissolve::union_coverage(&big);
        assert_eq!((u.0.len(), holes(&u)), (2, 1));
        // A cell touching a C of cells at two corners: two parts, left to the overlay.
        let c: Vec<_> = [
            (0, 0),
            (1, 0),
            (2, 0),
            (0, 1),
            (0, 2),
            (1, 2),
            (2, 2),
            (3, 1),
        ]
        .iter()
        .map(|&(i, j)| cell(f64::from(i), f64::from(j)))
        .collect();
        assert!(union_by_cancelling(&c, None).is_none());
        // A hole touching the shell at one point: the C closed by a cell at one corner.
        let c: Vec<_> = [
            (0, 0),
            (1, 0),
            (2, 0),
            (0, 1),
            (0, 2),
            (1, 2),
            (2, 2),
            (2, 1),
        ]
        .iter()
        .filter(|&&(i, j)| (i, j) != (2, 1))
        .chain([(3, 1), (3, 0), (3, 2)].iter())
        .map(|&(i, j)| cell(f64::from(i), f64::from(j)))
        .collect();
        let u = same_as_overlay(&c);
        assert_eq!(u.0.len(), 1);
    }

    #[test]
    fn overlaps_and_t_junctions_are_no_clean_coverage() {
        // The same cell twice; a cell inside another; a T-junction (an extra vertex on one
        // side of a shared edge).
        assert!(union_by_cancelling(&[cell(0.0, 0.0), cell(0.0, 0.0)], None).is_none());
        let small = MultiPolygon(vec![polygon![(x: 0.2, y: 0.2), (x: 0.4, y: 0.2),
            (x: 0.4, y: 0.4), (x: 0.2, y: 0.4)]]);
        assert!(union_by_cancelling(&[cell(0.0, 0.0), small], None).is_none());
        let t = MultiPolygon(vec![polygon![(x: 1.0, y: 0.0), (x: 2.0, y: 0.0),
            (x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.5)]]);
        assert!(union_by_cancelling(&[cell(0.0, 0.0), t.clone()], None).is_none());
        // The dissolve still unites them, by the overlay.
        let u = crate::geometry::dissolve::union_coverage(&[cell(0.0, 0.0), t]);
        assert_eq!((u.0.len(), holes(&u)), (1, 0));
        assert!((u.unsigned_area() - 2.0).abs() < 1e-9);
    }

    /// On every group of every layout of the embedded 2025 atlas (swv-po, swv-vo,
    /// jeugdzorgregio, provincie, …) the cancelling union equals the overlay's.
    #[test]
    fn real_2025_groups_equal_the_overlay() {
        let a = crate::dataset::embedded::atlas(None).unwrap();
        let mut groups = 0;
        for l in a.layouts() {
            for members in l.members_by_region() {
                let parts: Vec<MultiPolygon<f64>> = members
                    .iter()
                    .filter(|m| m.share >= 1.0)
                    .filter_map(|m| a.units()[m.unit].geometry.clone())
                    .collect();
                if union_by_cancelling(&parts, None).is_some() {
                    same_as_overlay(&parts);
                    groups += 1;
                }
            }
        }
        assert!(groups > 300, "{groups}");
    }
}
