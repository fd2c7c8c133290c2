//! Invalid geometry: find it, repair it, and say so.
//!
//! Generalised boundary sets carry self-intersecting rings (in the CBS 2025 WGS84 files
//! GM0293 Westervoort, GM1676 Schouwen-Duiveland and the Zeeland regions). Boolean operations
//! and areas are only well defined on valid polygons, so every loaded polygon is checked
//! against the rules of geo's [`Validation`](geo::Validation) ([`problem`]: a sweep line, so
//! a gemeente at full detail takes milliseconds) and an invalid one is rebuilt:
//!
//! 1. each ring on its own is resolved with the even-odd rule through i_overlay (a
//!    figure-of-eight ring becomes its two lobes; a repeated or dangling edge cancels);
//! 2. the polygon is its exterior minus the union of its holes;
//! 3. the polygons of a MultiPolygon are united (overlapping parts count once);
//! 4. parts without area are dropped, and rings are oriented as RFC 7946 asks.
//!
//! The result is reported as a [`Repair`] naming the feature, the problem and the area
//! before and after, so nothing changes silently. A geometry that has no area left is an
//! error ([`Error::Geometry`]).

use geo::algorithm::bool_ops::{FillRule, OpType};
use geo::algorithm::sweep::Intersections;
use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::orient::{Direction, Orient};
use geo::validation::{CoordIndex, GeometryIndex, InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::{
    Area, BooleanOps, BoundingRect, Intersects, Line, LineString, MultiPolygon, Polygon,
    PreparedGeometry, Relate, unary_union,
};
use serde::Serialize;
use std::borrow::Cow;

use crate::error::Error;
use crate::geometry::area::area_km2;
use crate::model::{Crs, PolygonFeature, PolygonLayer};

/// One repaired geometry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repair {
    /// The feature, as the caller labelled it (`gemeente.geojson: feature 12 (GM0293)`).
    pub feature: String,
    /// What was wrong (geo's validation message, first problem).
    pub problem: String,
    /// Area in km² before repair (sum of absolute ring areas; meaningless when rings cross).
    pub area_before_km2: f64,
    /// Area in km² after repair.
    pub area_after_km2: f64,
}

impl Repair {
    /// What was wrong and what was done, without the feature:
    /// `invalid geometry (…); repaired, area 10.000 km² → 9.990 km²`.
    pub fn describe(&self) -> String {
        format!(
            "invalid geometry ({}); repaired, area {:.3} km² → {:.3} km²",
            self.problem, self.area_before_km2, self.area_after_km2
        )
    }
}

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.feature, self.describe())
    }
}

/// The first validation problem of a geometry, or `None` when it is valid: the rules and
/// messages of geo's [`Validation`](geo::Validation), checked in `O(n log n)` for a ring of `n` segments.
///
/// geo tests every pair of a ring's segments for a self-intersection, which takes about a
/// minute for one gemeente at full detail (10^5 vertices); here a sweep line
/// ([`geo::algorithm::sweep::Intersections`]) proposes only the pairs whose x-ranges overlap.
/// Rings of one polygon, and the polygons of a MultiPolygon, are related (geo's
/// [`geo::Relate`]) only when their bounding boxes meet.
///
/// # Examples
/// ```
/// use geo::{wkt, MultiPolygon};
/// use speelveld::geometry::repair::problem;
/// let bowtie = MultiPolygon(vec![wkt!(POLYGON((0. 0., 0. 10., 10. 0., 10. 10., 0. 0.)))]);
/// assert!(problem(&bowtie).unwrap().contains("self-intersection"));
/// ```
pub fn problem(geometry: &MultiPolygon<f64>) -> Option<String> {
    first_problem(geometry).map(|e| e.to_string())
}

/// The first problem in geo's order: per polygon its rings (too few points, a
/// self-intersection, a non-finite coordinate), its holes against its exterior and each
/// other, then the polygon against the later polygons.
///
/// One [`Sweep`] over all segments answers the ring questions and proves most relations
/// of rings and polygons without [`Relate`]: rings whose boundaries do not meet are
/// disjoint or nested, and one vertex's position (geo's exact point-in-ring test) says
/// which. Only rings that meet, nest where they must not, or have no area go through the
/// exact relate of [`slow_first_problem`], so the answer is the same, message for message.
fn first_problem(geometry: &MultiPolygon<f64>) -> Option<InvalidMultiPolygon> {
    let finite = geometry.0.iter().all(|p| {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .all(|r| r.0.iter().all(|c| c.x.is_finite() && c.y.is_finite()))
    });
    if !finite {
        // A sweep over NaN finds nothing reliable.
        return slow_first_problem(geometry);
    }
    // One small polygon without holes (a grid cell, a simple outline): its ring's checks
    // alone, without building the sweep.
    if let [polygon] = geometry.0.as_slice()
        && polygon.interiors().is_empty()
        && polygon.exterior().0.len() <= PAIRWISE + 1
    {
        let ring = polygon.exterior();
        let problem = if ring.0.is_empty() {
            None
        } else if too_few_points(ring) {
            Some(InvalidPolygon::TooFewPointsInRing(RingRole::Exterior))
        } else if small_ring_crosses(ring) {
            Some(InvalidPolygon::SelfIntersection(RingRole::Exterior))
        } else {
            None
        };
        return problem.map(|e| InvalidMultiPolygon::InvalidPolygon(GeometryIndex(0), e));
    }
    let mut ring_polygon = Vec::new();
    for (i, p) in geometry.0.iter().enumerate() {
        let n = 1 + p.interiors().len();
        ring_polygon.extend(std::iter::repeat_n(i as u32, n));
    }
    let sweep = Sweep::of(geometry, &ring_polygon);
    let mut base = 0;
    let mut problems = Vec::with_capacity(geometry.0.len());
    for (i, polygon) in geometry.0.iter().enumerate() {
        problems.push(fast_polygon_problem(polygon, &sweep, i, base));
        base += 1 + polygon.interiors().len();
    }
    let boxes: Vec<Option<geo::Rect<f64>>> = geometry.0.iter().map(|p| p.bounding_rect()).collect();
    for (i, polygon) in geometry.0.iter().enumerate() {
        if let Some(e) = problems.get_mut(i).and_then(Option::take) {
            return Some(InvalidMultiPolygon::InvalidPolygon(GeometryIndex(i), e));
        }
        for (j, other) in geometry.0.iter().enumerate().skip(i + 1) {
            let meet = match (
                boxes.get(i).copied().flatten(),
                boxes.get(j).copied().flatten(),
            ) {
                (Some(a), Some(b)) => a.intersects(&b),
                _ => false,
            };
            if !meet {
                continue;
            }
            let apart = problems.get(j).is_some_and(Option::is_none)
                && !sweep.parts_meet.contains(&(i as u32, j as u32))
                && has_area(polygon)
                && has_area(other)
                && !first_inside(other, polygon)
                && !first_inside(polygon, other);
            if apart {
                continue;
            }
            let im = polygon.relate(other);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Some(InvalidMultiPolygon::ElementsOverlaps(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Some(InvalidMultiPolygon::ElementsTouchOnALine(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
        }
    }
    None
}

/// True when every non-empty ring of the polygon has an area (its points are not all on
/// one line, by geo's exact orientation test).
fn has_area(polygon: &Polygon<f64>) -> bool {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .filter(|r| !r.0.is_empty())
        .all(ring_has_area)
}

fn ring_has_area(ring: &LineString<f64>) -> bool {
    use geo::{Kernel, Orientation, kernels::RobustKernel};
    let Some(&a) = ring.0.first() else {
        return false;
    };
    let Some(&b) = ring.0.iter().find(|c| **c != a) else {
        return false;
    };
    ring.0
        .iter()
        .any(|c| RobustKernel::orient2d(a, b, *c) != Orientation::Collinear)
}

/// True when the first coordinate of `polygon`'s exterior lies inside `other` (inside its
/// exterior and in none of its holes).
fn first_inside(polygon: &Polygon<f64>, other: &Polygon<f64>) -> bool {
    polygon
        .exterior()
        .0
        .first()
        .is_some_and(|c| inside_polygon(*c, other))
}

fn inside_polygon(c: geo::Coord<f64>, polygon: &Polygon<f64>) -> bool {
    use geo::coordinate_position::coord_pos_relative_to_ring as pos;
    pos(c, polygon.exterior()) == CoordPos::Inside
        && polygon
            .interiors()
            .iter()
            .filter(|h| !h.0.is_empty())
            .all(|h| pos(c, h) == CoordPos::Outside)
}

/// [`polygon_problem`] with the answers of the sweep: the ring checks from its flags, the
/// holes proven inside the exterior and apart from each other where their rings do not
/// meet (else the exact relate of [`hole_problem`]).
fn fast_polygon_problem(
    polygon: &Polygon<f64>,
    sweep: &Sweep,
    index: usize,
    base: usize,
) -> Option<InvalidPolygon> {
    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
    for (k, ring) in rings.enumerate() {
        if ring.0.is_empty() {
            continue;
        }
        let role = if k == 0 {
            RingRole::Exterior
        } else {
            RingRole::Interior(k - 1)
        };
        if too_few_points(ring) {
            return Some(InvalidPolygon::TooFewPointsInRing(role));
        }
        if sweep.self_crossing.get(base + k).copied().unwrap_or(true) {
            return Some(InvalidPolygon::SelfIntersection(role));
        }
    }
    let holes: Vec<&LineString<f64>> = polygon
        .interiors()
        .iter()
        .filter(|r| !r.0.is_empty())
        .collect();
    if holes.is_empty() {
        return None;
    }
    let apart = !sweep.rings_meet.get(index).copied().unwrap_or(true)
        && !polygon.exterior().0.is_empty()
        && has_area(polygon)
        && holes.iter().all(|h| {
            h.0.first().is_some_and(|c| {
                geo::coordinate_position::coord_pos_relative_to_ring(*c, polygon.exterior())
                    == CoordPos::Inside
            })
        })
        && holes.iter().enumerate().all(|(a, h)| {
            holes.iter().skip(a + 1).all(|g| {
                let inside = |x: &LineString<f64>, y: &LineString<f64>| {
                    x.0.first().is_some_and(|c| {
                        geo::coordinate_position::coord_pos_relative_to_ring(*c, y)
                            != CoordPos::Outside
                    })
                };
                !inside(h, g) && !inside(g, h)
            })
        });
    if apart {
        return None;
    }
    hole_problem(polygon)
}

/// The first problem in geo's order, the plain way (every check of geo, the pairs of
/// polygons through [`Relate`]): the reference of [`first_problem`], and its path for
/// geometries with a non-finite coordinate. Per polygon its rings per polygon its rings (too few points, a
/// self-intersection, a non-finite coordinate), its holes against its exterior and each
/// other, then the polygon against the later polygons.
fn slow_first_problem(geometry: &MultiPolygon<f64>) -> Option<InvalidMultiPolygon> {
    let boxes: Vec<Option<geo::Rect<f64>>> = geometry.0.iter().map(|p| p.bounding_rect()).collect();
    for (i, polygon) in geometry.0.iter().enumerate() {
        let in_polygon = |e| InvalidMultiPolygon::InvalidPolygon(GeometryIndex(i), e);
        if let Some(e) = polygon_problem(polygon) {
            return Some(in_polygon(e));
        }
        for (j, other) in geometry.0.iter().enumerate().skip(i + 1) {
            let meet = match (
                boxes.get(i).copied().flatten(),
                boxes.get(j).copied().flatten(),
            ) {
                (Some(a), Some(b)) => a.intersects(&b),
                _ => false,
            };
            if !meet {
                continue;
            }
            let im = polygon.relate(other);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Some(InvalidMultiPolygon::ElementsOverlaps(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Some(InvalidMultiPolygon::ElementsTouchOnALine(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
        }
    }
    None
}

/// The first problem of one polygon, as geo's [`Validation`](geo::Validation) orders and words it.
fn polygon_problem(polygon: &Polygon<f64>) -> Option<InvalidPolygon> {
    let rings = std::iter::once(polygon.exterior()).chain(polygon.interiors());
    for (k, ring) in rings.enumerate() {
        if ring.0.is_empty() {
            continue;
        }
        let role = if k == 0 {
            RingRole::Exterior
        } else {
            RingRole::Interior(k - 1)
        };
        if too_few_points(ring) {
            return Some(InvalidPolygon::TooFewPointsInRing(role));
        }
        if let Some(c) = ring
            .0
            .iter()
            .position(|c| !(c.x.is_finite() && c.y.is_finite()))
        {
            // geo checks the crossing first, but a sweep over NaN finds nothing reliable.
            return Some(InvalidPolygon::NonFiniteCoord(role, CoordIndex(c)));
        }
        if ring_self_intersects(ring) {
            return Some(InvalidPolygon::SelfIntersection(role));
        }
    }
    hole_problem(polygon)
}

/// The first problem of a polygon's holes, against its exterior and each other, through
/// geo's exact [`Relate`] (as geo's [`Validation`](geo::Validation) tests them).
fn hole_problem(polygon: &Polygon<f64>) -> Option<InvalidPolygon> {
    let holes: Vec<&LineString<f64>> = polygon
        .interiors()
        .iter()
        .filter(|r| !r.0.is_empty())
        .collect();
    if holes.is_empty() {
        return None;
    }
    let exterior = Polygon::new(polygon.exterior().clone(), vec![]);
    let prepared = PreparedGeometry::from(&exterior);
    let hole_polygons: Vec<Polygon<f64>> = polygon
        .interiors()
        .iter()
        .map(|r| Polygon::new(r.clone(), vec![]))
        .collect();
    let boxes: Vec<Option<geo::Rect<f64>>> =
        hole_polygons.iter().map(|p| p.bounding_rect()).collect();
    for (a, hole) in hole_polygons.iter().enumerate() {
        if hole.exterior().0.is_empty() {
            continue;
        }
        let role = RingRole::Interior(a);
        let prepared_hole = PreparedGeometry::from(hole);
        let im = prepared.relate(&prepared_hole);
        if !im.is_contains() {
            return Some(InvalidPolygon::InteriorRingNotContainedInExteriorRing(role));
        }
        if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
            return Some(InvalidPolygon::IntersectingRingsOnALine(
                RingRole::Exterior,
                role,
            ));
        }
        for (b, other) in hole_polygons.iter().enumerate().skip(a + 1) {
            let meet = match (
                boxes.get(a).copied().flatten(),
                boxes.get(b).copied().flatten(),
            ) {
                (Some(x), Some(y)) => x.intersects(&y),
                _ => false,
            };
            if other.exterior().0.is_empty() || !meet {
                continue;
            }
            let im = prepared_hole.relate(other);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Some(InvalidPolygon::IntersectingRingsOnAnArea(
                    role,
                    RingRole::Interior(b),
                ));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Some(InvalidPolygon::IntersectingRingsOnALine(
                    role,
                    RingRole::Interior(b),
                ));
            }
        }
    }
    None
}

/// One segment of a ring, with its box, for the sweep of [`Sweep::of`].
#[derive(Clone, Copy)]
struct Segment {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    line: Line<f64>,
    /// The ring's number over the whole MultiPolygon (exterior, then holes, per polygon).
    ring: u32,
}

/// Rings with at most this many segments in all are swept by testing every pair.
const PAIRWISE: usize = 48;

/// What one sweep over every segment of a MultiPolygon found: the rings that cross
/// themselves (geo's rule of [`ring_self_intersects`]), the polygons whose rings meet each
/// other, and the pairs of polygons whose boundaries meet (any common point).
///
/// The sweep sorts the segments by their least x once and tests only pairs whose boxes
/// overlap, each with geo's exact [`Intersects`] of two lines: it finds every pair geo's
/// pairwise tests find, so its answers are exact, not estimates.
struct Sweep {
    self_crossing: Vec<bool>,
    rings_meet: Vec<bool>,
    parts_meet: Vec<(u32, u32)>,
}

impl Sweep {
    fn of(geometry: &MultiPolygon<f64>, ring_polygon: &[u32]) -> Sweep {
        let mut segments = Vec::new();
        let mut ring = 0u32;
        for polygon in &geometry.0 {
            for r in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                segments.extend(r.lines().map(|line| Segment {
                    x0: line.start.x.min(line.end.x),
                    x1: line.start.x.max(line.end.x),
                    y0: line.start.y.min(line.end.y),
                    y1: line.start.y.max(line.end.y),
                    line,
                    ring,
                }));
                ring += 1;
            }
        }
        let rings = ring as usize;
        let mut sweep = Sweep {
            self_crossing: vec![false; rings],
            rings_meet: vec![false; geometry.0.len()],
            parts_meet: Vec::new(),
        };
        let polygon_of = |r: u32| ring_polygon.get(r as usize).copied().unwrap_or(0);
        let record = |sweep: &mut Sweep, a: &Segment, b: &Segment| {
            if a.y0 > b.y1 || b.y0 > a.y1 {
                return;
            }
            if a.ring == b.ring {
                // geo's rule: a pair where one ends and the other begins is no crossing,
                // whether the lines meet or not.
                let (la, lb) = (a.line, b.line);
                if la.start == lb.end || la.end == lb.start || !la.intersects(&lb) {
                    return;
                }
                if let Some(c) = sweep.self_crossing.get_mut(a.ring as usize) {
                    *c = true;
                }
                return;
            }
            if !a.line.intersects(&b.line) {
                return;
            }
            let (pa, pb) = (polygon_of(a.ring), polygon_of(b.ring));
            if pa == pb {
                if let Some(m) = sweep.rings_meet.get_mut(pa as usize) {
                    *m = true;
                }
            } else {
                let pair = (pa.min(pb), pa.max(pb));
                if !sweep.parts_meet.contains(&pair) {
                    sweep.parts_meet.push(pair);
                }
            }
        };
        if segments.len() <= PAIRWISE {
            for (i, a) in segments.iter().enumerate() {
                for b in segments.iter().skip(i + 1) {
                    if a.x0 <= b.x1 && b.x0 <= a.x1 {
                        record(&mut sweep, a, b);
                    }
                }
            }
        } else {
            // Sorted by a key of 8 bytes: the least x rounded to f32 (in an order-keeping
            // integer form) and the index. Rounding keeps the order of unequal keys, so a
            // pair whose x-ranges overlap is still met before the scan stops, where the
            // key passes the rounded greatest x; the exact test is in `record`.
            let mut order: Vec<u64> = segments
                .iter()
                .enumerate()
                .map(|(i, s)| (u64::from(order_key(s.x0)) << 32) | i as u64)
                .collect();
            order.sort_unstable();
            for (i, &ka) in order.iter().enumerate() {
                let Some(a) = segments.get((ka & u64::from(u32::MAX)) as usize) else {
                    continue;
                };
                let stop = order_key(a.x1);
                for &kb in order.iter().skip(i + 1) {
                    if (kb >> 32) as u32 > stop {
                        break;
                    }
                    if let Some(b) = segments.get((kb & u64::from(u32::MAX)) as usize)
                        && a.x0 <= b.x1
                        && b.x0 <= a.x1
                    {
                        record(&mut sweep, a, b);
                    }
                }
            }
        }
        sweep
    }
}

/// geo's rule of [`ring_self_intersects`] by testing every pair of segments whose boxes
/// overlap (for short rings, where sorting costs more than it saves). The boxes are
/// computed once, on the stack; a segment and the next share the end of one and the start
/// of the other, so those pairs are never tested. A ring longer than [`PAIRWISE`] segments
/// goes through [`ring_self_intersects`].
fn small_ring_crosses(ring: &LineString<f64>) -> bool {
    // The boxes as four arrays, so the test of one segment against all later ones is a
    // loop without branches that the compiler turns into vector instructions.
    let mut x0 = [0.0f64; PAIRWISE];
    let mut x1 = [0.0f64; PAIRWISE];
    let mut y0 = [0.0f64; PAIRWISE];
    let mut y1 = [0.0f64; PAIRWISE];
    let mut lines = [Line::new(geo::Coord::zero(), geo::Coord::zero()); PAIRWISE];
    let mut n = 0;
    for line in ring.lines() {
        let slots = (
            x0.get_mut(n),
            x1.get_mut(n),
            y0.get_mut(n),
            y1.get_mut(n),
            lines.get_mut(n),
        );
        let (Some(a), Some(b), Some(c), Some(d), Some(l)) = slots else {
            return ring_self_intersects(ring);
        };
        let (s, e) = (line.start, line.end);
        (*a, *b, *c, *d, *l) = (s.x.min(e.x), s.x.max(e.x), s.y.min(e.y), s.y.max(e.y), line);
        n += 1;
    }
    let later = |i: usize| {
        let r = (i + 2).min(n)..n;
        let all = (
            x0.get(r.clone()),
            x1.get(r.clone()),
            y0.get(r.clone()),
            y1.get(r.clone()),
        );
        let (Some(x0), Some(x1), Some(y0), Some(y1)) = all else {
            return None;
        };
        Some((x0, x1, y0, y1, lines.get(r).unwrap_or(&[])))
    };
    for (i, a) in lines.iter().take(n).enumerate() {
        let (Some((bx0, bx1, by0, by1, bl)), Some(&ax0), Some(&ax1), Some(&ay0), Some(&ay1)) =
            (later(i), x0.get(i), x1.get(i), y0.get(i), y1.get(i))
        else {
            continue;
        };
        let overlap = |j: (((&f64, &f64), &f64), &f64)| {
            let (((&bx0, &bx1), &by0), &by1) = j;
            (ax0 <= bx1) & (bx0 <= ax1) & (ay0 <= by1) & (by0 <= ay1)
        };
        let boxes = || bx0.iter().zip(bx1).zip(by0).zip(by1);
        if !boxes().fold(false, |any, j| any | overlap(j)) {
            continue;
        }
        let crossing = boxes()
            .zip(bl)
            .any(|(j, b)| overlap(j) && a.start != b.end && a.end != b.start && a.intersects(b));
        if crossing {
            return true;
        }
    }
    false
}

/// `x` rounded to f32, as an integer in the same order (never decreasing as `x` grows).
fn order_key(x: f64) -> u32 {
    let bits = (x as f32).to_bits();
    if bits & 0x8000_0000 != 0 {
        !bits
    } else {
        bits | 0x8000_0000
    }
}

/// geo's rule: a ring needs 4 points (3 distinct ones and the closing one) once repeated
/// consecutive points are removed.
fn too_few_points(ring: &LineString<f64>) -> bool {
    // `remove_repeated_points` keeps the first point and every point unlike the one before.
    let distinct = ring.0.first().map_or(0, |_| {
        1 + ring.0.windows(2).filter(|w| w.first() != w.last()).count()
    });
    distinct < 4
}

/// True when two segments of the ring meet other than where one ends and the next begins
/// (geo's rule: a pair sharing the end of one and the start of the other is no crossing).
/// The sweep proposes only segments whose x-ranges overlap: `O(n log n)` for map rings.
fn ring_self_intersects(ring: &LineString<f64>) -> bool {
    Intersections::from_iter(ring.lines()).any(|(a, b, _)| a.start != b.end && a.end != b.start)
}

/// Makes a geometry valid (see the module docs for how). Valid input is returned as is
/// (oriented). `feature` labels errors.
///
/// # Examples
/// ```
/// use geo::{wkt, MultiPolygon, Validation};
/// use speelveld::{geometry::repair::make_valid, Crs};
/// let bowtie = MultiPolygon(vec![wkt!(POLYGON((0. 0., 0. 10., 10. 0., 10. 10., 0. 0.)))]);
/// let fixed = make_valid(&bowtie, "demo: feature 1", Crs::RdNew).unwrap();
/// assert!(fixed.is_valid());
/// assert_eq!(fixed.0.len(), 2);
/// ```
pub fn make_valid(
    geometry: &MultiPolygon<f64>,
    feature: &str,
    crs: Crs,
) -> Result<MultiPolygon<f64>, Error> {
    let _ = crs;
    let fixed = if first_problem(geometry).is_none() {
        drop_empty(geometry.clone())
    } else {
        rebuild(geometry)
    };
    if fixed.0.is_empty() {
        return Err(Error::Geometry {
            feature: feature.to_string(),
            message: "the geometry has no area (empty or zero-area rings); expected a polygon with a positive area".into(),
        });
    }
    Ok(fixed.orient(Direction::Default))
}

/// Checks a geometry and repairs it when invalid: `Ok((geometry, None))` when it was valid,
/// `Ok((repaired, Some(report)))` when it was repaired, an error when nothing with an area
/// is left.
///
/// # Examples
/// ```
/// use geo::{wkt, MultiPolygon};
/// use speelveld::{geometry::repair::check_and_repair, Crs};
/// let bowtie = MultiPolygon(vec![wkt!(POLYGON((0. 0., 0. 10., 10. 0., 10. 10., 0. 0.)))]);
/// let (_, report) = check_and_repair(bowtie, "demo.geojson: feature 1 (GM0001)", Crs::RdNew).unwrap();
/// let report = report.unwrap();
/// assert!(report.to_string().starts_with("demo.geojson: feature 1 (GM0001): invalid geometry"));
/// ```
pub fn check_and_repair(
    geometry: MultiPolygon<f64>,
    feature: &str,
    crs: Crs,
) -> Result<(MultiPolygon<f64>, Option<Repair>), Error> {
    let (fixed, report) = match check_and_repair_ref(&geometry, feature, crs)? {
        (Cow::Borrowed(_), report) => (None, report),
        (Cow::Owned(g), report) => (Some(g), report),
    };
    Ok((fixed.unwrap_or(geometry), report))
}

/// [`check_and_repair`] of a borrowed geometry: a valid one comes back borrowed, not
/// copied (`Cow::Owned` only when it was repaired or lost a part without area).
///
/// # Examples
/// ```
/// use std::borrow::Cow;
/// use geo::{wkt, MultiPolygon};
/// use speelveld::{geometry::repair::check_and_repair_ref, Crs};
/// let square = MultiPolygon(vec![wkt!(POLYGON((0. 0., 1. 0., 1. 1., 0. 1., 0. 0.)))]);
/// let (g, report) = check_and_repair_ref(&square, "demo: feature 1", Crs::RdNew).unwrap();
/// assert!(matches!(g, Cow::Borrowed(_)) && report.is_none());
/// ```
pub fn check_and_repair_ref<'a>(
    geometry: &'a MultiPolygon<f64>,
    feature: &str,
    crs: Crs,
) -> Result<(Cow<'a, MultiPolygon<f64>>, Option<Repair>), Error> {
    repair_labelled(geometry, &|| feature.to_string(), crs)
}

/// One geometry after [`check_and_repair_ref`]: borrowed when it was valid, and the report
/// of its repair.
pub type Checked<'a> = (Cow<'a, MultiPolygon<f64>>, Option<Repair>);

/// [`check_and_repair_ref`] of every feature of a layer, on all threads, in the layer's
/// order; `label` names a feature in a report or an error (only those are labelled). The
/// first feature in the layer's order that cannot be repaired is the error, as in a loop
/// over the features.
///
/// # Examples
/// ```
/// use speelveld::geometry::repair::check_and_repair_layer;
/// use speelveld::io::geojson::{read_polygons, GeoJsonOptions};
/// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"statcode":"GM0001"},"geometry":{"type":"Polygon",
///   "coordinates":[[[5,52],[5.1,52.1],[5.1,52],[5,52.1],[5,52]]]}}]}"#;
/// let layer = read_polygons("demo.geojson", text, &GeoJsonOptions::default()).unwrap();
/// let fixed = check_and_repair_layer(&layer, |f| format!("demo.geojson: {}", f.code)).unwrap();
/// assert!(fixed[0].1.as_ref().unwrap().to_string().starts_with("demo.geojson: GM0001"));
/// ```
pub fn check_and_repair_layer<'a, L>(
    layer: &'a PolygonLayer,
    label: L,
) -> Result<Vec<Checked<'a>>, Error>
where
    L: Fn(&PolygonFeature) -> String + Sync,
{
    use rayon::prelude::*;
    let crs = layer.crs;
    let one = |f: &'a PolygonFeature| repair_labelled(&f.geometry, &|| label(f), crs);
    // A few pieces per thread: tasks of a handful of small gemeenten cost more to hand
    // out than to check.
    let pieces = 4 * rayon::current_num_threads();
    let min_len = (layer.features.len() / pieces).max(8);
    let all: Result<Vec<Checked<'a>>, Error> = layer
        .features
        .par_iter()
        .with_min_len(min_len)
        .map(one)
        .collect();
    // Which error rayon returns depends on the threads: the first in the layer's order is
    // found again on one.
    all.or_else(|_| layer.features.iter().map(one).collect())
}

/// The work of [`check_and_repair_ref`], with the label built only when it is used.
fn repair_labelled<'a>(
    geometry: &'a MultiPolygon<f64>,
    feature: &dyn Fn() -> String,
    crs: Crs,
) -> Result<(Cow<'a, MultiPolygon<f64>>, Option<Repair>), Error> {
    match problem(geometry) {
        None => {
            if geometry.0.iter().all(has_extent) {
                return Ok((Cow::Borrowed(geometry), None));
            }
            let g = drop_empty(geometry.clone());
            if g.0.is_empty() {
                return make_valid(&g, &feature(), crs).map(|g| (Cow::Owned(g), None));
            }
            Ok((Cow::Owned(g), None))
        }
        Some(problem) => {
            let feature = feature();
            let area_before_km2 = area_km2(geometry, crs);
            let fixed = make_valid(geometry, &feature, crs)?;
            let area_after_km2 = area_km2(&fixed, crs);
            Ok((
                Cow::Owned(fixed),
                Some(Repair {
                    feature,
                    problem,
                    area_before_km2,
                    area_after_km2,
                }),
            ))
        }
    }
}

/// The rule of [`drop_empty`]: a part is kept when its exterior has 4 points and it has
/// an area.
fn has_extent(p: &Polygon<f64>) -> bool {
    p.exterior().0.len() >= 4 && p.unsigned_area() > 0.0
}

fn drop_empty(geometry: MultiPolygon<f64>) -> MultiPolygon<f64> {
    MultiPolygon(geometry.0.into_iter().filter(has_extent).collect())
}

/// Resolves one ring with the even-odd rule into valid polygons.
fn resolve_ring(ring: &geo::LineString<f64>) -> MultiPolygon<f64> {
    let p = Polygon::new(ring.clone(), vec![]);
    p.boolean_op_with_fill_rule(
        &MultiPolygon::<f64>(vec![]),
        OpType::Union,
        FillRule::EvenOdd,
    )
}

fn rebuild(geometry: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let parts: Vec<MultiPolygon<f64>> = geometry
        .0
        .iter()
        .map(|p| {
            let shell = resolve_ring(p.exterior());
            if p.interiors().is_empty() {
                return shell;
            }
            let holes: Vec<MultiPolygon<f64>> = p.interiors().iter().map(resolve_ring).collect();
            let holes: Vec<MultiPolygon<f64>> = holes
                .into_iter()
                .map(|h| h.orient(Direction::Default))
                .collect();
            shell.difference(&unary_union(&holes))
        })
        .map(|m| m.orient(Direction::Default))
        .collect();
    drop_empty(unary_union(&parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Validation, polygon, wkt};

    /// The two invalid gemeenten of the CBS 2025 WGS84 file. Expected areas: shapely 2
    /// `make_valid`, then pyproj to EPSG:28992, planar area (GM0293 6.3327 km², GM1676
    /// 229.7906 km²).
    #[test]
    fn real_invalid_rings_are_repaired_with_a_report() {
        let text = crate::io::fixtures::real_text("cbs/2025/gemeente.geojson");
        let layer =
            crate::io::geojson::read_polygons("gemeente.geojson", &text, &Default::default())
                .unwrap();
        let mut repaired = vec![];
        for f in &layer.features {
            let label = format!("gemeente.geojson: feature {} ({})", f.index + 1, f.code);
            let (g, r) = check_and_repair(f.geometry.clone(), &label, Crs::Wgs84).unwrap();
            if let Some(r) = r {
                assert!(g.is_valid(), "{label}");
                repaired.push((f.code.clone(), r.area_after_km2, r.to_string()));
            }
        }
        let codes: Vec<&str> = repaired.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(codes, ["GM0293", "GM1676"]);
        assert!(
            (repaired[0].1 / 6.3327 - 1.0).abs() < 0.005,
            "{:?}",
            repaired[0]
        );
        assert!(
            (repaired[1].1 / 229.7906 - 1.0).abs() < 0.005,
            "{:?}",
            repaired[1]
        );
        assert!(
            repaired[0].2.contains("(GM0293): invalid geometry"),
            "{}",
            repaired[0].2
        );
    }

    /// The sweep-line check says what geo's pairwise [`Validation`] says, message for
    /// message: on small cases of every rule and on every gemeente of the real 2025 file.
    #[test]
    fn the_fast_check_agrees_with_geo() {
        let cases: Vec<MultiPolygon<f64>> = vec![
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,0. 10.,10. 0.,10. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.,5. 5.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,5. 0.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 0.,10. 10.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 0.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,4. 2.,4. 4.,2. 4.,2. 2.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,4. 2.,2. 4.,4. 4.,2. 2.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(8. 8.,12. 8.,12. 12.,8. 12.,8. 8.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(0. 2.,4. 2.,4. 4.,0. 4.,0. 2.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,5. 2.,5. 5.,2. 5.,2. 2.),(4. 4.,7. 4.,7. 7.,4. 7.,4. 4.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,5. 2.,5. 5.,2. 5.,2. 2.),(5. 2.,7. 2.,7. 5.,5. 5.,5. 2.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,5. 2.,5. 5.,2. 5.,2. 2.),(5. 5.,7. 5.,7. 7.,5. 7.,5. 5.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((5. 0.,15. 0.,15. 10.,5. 10.,5. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((10. 0.,20. 0.,20. 10.,10. 10.,10. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((10. 10.,20. 10.,20. 20.,10. 20.,10. 10.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((30. 0.,40. 0.,40. 10.,30. 10.,30. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((0. 0.,0. 10.,10. 0.,10. 10.,0. 0.)))),
            // A spike, a ring touching itself at a vertex, repeated points, a collinear
            // overlap of non-adjacent edges, a collinear (arealess) ring.
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,10. 20.,10. 10.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,5. 5.,10. 10.,0. 10.,5. 5.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,0. 0.,10. 0.,10. 10.,10. 10.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,4. 0.,2. 0.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,5. 0.,10. 0.,0. 0.)))),
            // Holes: touching the shell at a point, wholly outside it, a hole in a hole,
            // holes touching each other at a point, an arealess hole.
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(0. 5.,3. 4.,3. 6.,0. 5.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(20. 20.,22. 20.,22. 22.,20. 20.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(1. 1.,9. 1.,9. 9.,1. 9.,1. 1.),(2. 2.,3. 2.,3. 3.,2. 2.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(1. 1.,4. 1.,4. 4.,1. 1.),(4. 4.,6. 4.,6. 6.,4. 4.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(1. 1.,2. 2.,3. 3.,1. 1.)))),
            // Parts: an island in a lake (valid), a part inside another, parts meeting at
            // a point, a part overlapping a hole's edge.
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,8. 2.,8. 8.,2. 8.,2. 2.)),((4. 4.,6. 4.,6. 6.,4. 6.,4. 4.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((4. 4.,6. 4.,6. 6.,4. 6.,4. 4.)))),
            wkt!(MULTIPOLYGON(((4. 4.,6. 4.,6. 6.,4. 6.,4. 4.)),((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(2. 2.,8. 2.,8. 8.,2. 8.,2. 2.)),((2. 4.,6. 4.,6. 6.,2. 6.,2. 4.)))),
            wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 0.)),((1. 1.,2. 1.,2. 2.,1. 1.)))),
            // A part that crosses itself after a valid one whose box it meets.
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)),((2. 2.,2. 4.,4. 2.,4. 4.,2. 2.)))),
            // Rings long enough for the sorted sweep: a circle, and one with a crossing.
            circle(40, None),
            circle(40, Some(7)),
            circle(60, Some(59)),
        ];
        for g in &cases {
            let geo = g.check_validation().err().map(|e| e.to_string());
            assert_eq!(problem(g), geo, "{g:?}");
        }
        let text = crate::io::fixtures::real_text("cbs/2025/gemeente.geojson");
        let layer =
            crate::io::geojson::read_polygons("gemeente.geojson", &text, &Default::default())
                .unwrap();
        for f in &layer.features {
            let geo = f.geometry.check_validation().err().map(|e| e.to_string());
            assert_eq!(problem(&f.geometry), geo, "{}", f.code);
        }
        // The sweep against the plain check (geo's sweep and relate) on every real file.
        for p in [
            "cbs/2015/gemeente.geojson",
            "cbs/2015/jeugdzorgregio.geojson",
            "cbs/2015/provincie.geojson",
            "cbs/2025/gemeente.geojson",
            "cbs/2025/jeugdzorgregio.geojson",
            "cbs/2025/arbeidsmarktregio.geojson",
            "cbs/2025/ggdregio.geojson",
            "cbs/2025/provincie.geojson",
            "cbs/2025/rd/gemeente.geojson",
            "cbs/2025/rd/jeugdzorgregio.geojson",
            "fetched/cbs-2022/gemeente_2022.geojson",
        ] {
            let text = crate::io::fixtures::real_text(p);
            let layer = crate::io::geojson::read_polygons(p, &text, &Default::default()).unwrap();
            for f in &layer.features {
                let slow = slow_first_problem(&f.geometry).map(|e| e.to_string());
                assert_eq!(problem(&f.geometry), slow, "{p} {}", f.code);
                for (i, part) in f.geometry.0.iter().enumerate() {
                    for (k, ring) in std::iter::once(part.exterior())
                        .chain(part.interiors())
                        .enumerate()
                    {
                        let one = MultiPolygon(vec![Polygon::new(ring.clone(), vec![])]);
                        let slow = slow_first_problem(&one).map(|e| e.to_string());
                        assert_eq!(problem(&one), slow, "{p} {} part {i} ring {k}", f.code);
                    }
                }
            }
        }
    }

    /// A ring of `n` points on a circle of radius 10; `cross`: point `cross` swapped with
    /// the one after it, which makes the ring cross itself.
    fn circle(n: usize, cross: Option<usize>) -> MultiPolygon<f64> {
        let mut pts: Vec<geo::Coord<f64>> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                geo::coord! { x: 10.0 * a.cos(), y: 10.0 * a.sin() }
            })
            .collect();
        if let Some(k) = cross {
            pts.swap(k, (k + 1) % n);
        }
        MultiPolygon(vec![Polygon::new(LineString::new(pts), vec![])])
    }

    proptest::proptest! {
        /// On random rings and pairs of rings on a small grid (repeated points, collinear
        /// and touching edges, crossings), the sweep says what geo's `Validation` says.
        #[test]
        fn the_sweep_agrees_with_geo_on_random_rings(
            a in proptest::collection::vec((0i32..6, 0i32..6), 3..30),
            b in proptest::collection::vec((0i32..6, 0i32..6), 3..12),
            hole in proptest::bool::ANY,
        ) {
            let ring = |v: &[(i32, i32)]| {
                LineString::new(v.iter().map(|&(x, y)| geo::coord! { x: f64::from(x), y: f64::from(y) }).collect())
            };
            let g = if hole {
                MultiPolygon(vec![Polygon::new(ring(&a), vec![ring(&b)])])
            } else {
                MultiPolygon(vec![Polygon::new(ring(&a), vec![]), Polygon::new(ring(&b), vec![])])
            };
            let geo = g.check_validation().err().map(|e| e.to_string());
            proptest::prop_assert_eq!(problem(&g), geo, "{:?}", g);
        }

        /// One polygon of one ring, short (the pairwise test of every segment against the
        /// later ones) or longer than `PAIRWISE` (the sweep): the same answer as geo.
        #[test]
        fn one_ring_agrees_with_geo(
            a in proptest::collection::vec((0i32..8, 0i32..8), 3..70),
        ) {
            let ring = LineString::new(
                a.iter().map(|&(x, y)| geo::coord! { x: f64::from(x), y: f64::from(y) }).collect(),
            );
            let g = MultiPolygon(vec![Polygon::new(ring, vec![])]);
            let geo = g.check_validation().err().map(|e| e.to_string());
            proptest::prop_assert_eq!(problem(&g), geo, "{:?}", g);
        }
    }

    #[test]
    fn valid_input_is_untouched() {
        let sq = MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)],
        ]);
        let (g, r) = check_and_repair(sq.clone(), "f", Crs::RdNew).unwrap();
        assert!(r.is_none());
        assert!((g.unsigned_area() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn bowtie_becomes_two_triangles_with_a_report() {
        let bowtie = MultiPolygon(vec![wkt!(POLYGON((0. 0., 0. 10., 10. 0., 10. 10., 0. 0.)))]);
        let (g, r) = check_and_repair(bowtie, "x.geojson: feature 3 (GM0003)", Crs::RdNew).unwrap();
        assert!(g.is_valid());
        assert!((g.unsigned_area() - 50.0).abs() < 1e-9);
        let r = r.unwrap();
        assert_eq!(r.feature, "x.geojson: feature 3 (GM0003)");
        assert!(r.problem.contains("self-intersection"), "{}", r.problem);
        assert!(r.to_string().contains("repaired"));
    }

    #[test]
    fn overlapping_parts_count_once_and_holes_stay() {
        let a =
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)];
        let b =
            polygon![(x: 5.0, y: 0.0), (x: 15.0, y: 0.0), (x: 15.0, y: 10.0), (x: 5.0, y: 10.0)];
        let (g, r) = check_and_repair(MultiPolygon(vec![a, b]), "f", Crs::RdNew).unwrap();
        assert!(r.is_some());
        assert!((g.unsigned_area() - 150.0).abs() < 1e-9);
        let holed = wkt!(POLYGON((0. 0., 10. 0., 10. 10., 0. 10., 0. 0.),(2. 2., 4. 2., 2. 4., 4. 4., 2. 2.)));
        let (g, _) = check_and_repair(MultiPolygon(vec![holed]), "f", Crs::RdNew).unwrap();
        assert!(g.is_valid());
        assert!(
            (g.unsigned_area() - 98.0).abs() < 1e-9,
            "{}",
            g.unsigned_area()
        );
    }

    #[test]
    fn zero_area_parts_are_dropped_and_nothing_left_is_an_error() {
        let flat = polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 20.0, y: 0.0)];
        let sq =
            polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)];
        let (g, _) =
            check_and_repair(MultiPolygon(vec![sq, flat.clone()]), "f", Crs::RdNew).unwrap();
        assert_eq!(g.0.len(), 1);
        let e = check_and_repair(
            MultiPolygon(vec![flat]),
            "x.geojson: feature 2 (GM0002)",
            Crs::RdNew,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("x.geojson: feature 2 (GM0002)")
                && e.contains("no area")
                && e.contains("expected"),
            "{e}"
        );
    }
}
