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
    Area, BooleanOps, BoundingRect, Intersects, LineString, MultiPolygon, Polygon,
    PreparedGeometry, Relate, RemoveRepeatedPoints, unary_union,
};
use serde::Serialize;

use crate::error::Error;
use crate::geometry::area::area_km2;
use crate::model::Crs;

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
fn first_problem(geometry: &MultiPolygon<f64>) -> Option<InvalidMultiPolygon> {
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

/// geo's rule: a ring needs 4 points (3 distinct ones and the closing one) once repeated
/// consecutive points are removed.
fn too_few_points(ring: &LineString<f64>) -> bool {
    ring.remove_repeated_points().0.len() < 4
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
    match problem(&geometry) {
        None => {
            let g = drop_empty(geometry);
            if g.0.is_empty() {
                return make_valid(&g, feature, crs).map(|g| (g, None));
            }
            Ok((g, None))
        }
        Some(problem) => {
            let area_before_km2 = area_km2(&geometry, crs);
            let fixed = make_valid(&geometry, feature, crs)?;
            let area_after_km2 = area_km2(&fixed, crs);
            Ok((
                fixed,
                Some(Repair {
                    feature: feature.to_string(),
                    problem,
                    area_before_km2,
                    area_after_km2,
                }),
            ))
        }
    }
}

fn drop_empty(geometry: MultiPolygon<f64>) -> MultiPolygon<f64> {
    MultiPolygon(
        geometry
            .0
            .into_iter()
            .filter(|p| p.exterior().0.len() >= 4 && p.unsigned_area() > 0.0)
            .collect(),
    )
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
