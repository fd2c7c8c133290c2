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
//! ([`crate::geometry::assign`] does it with a share and an absolute threshold).

use geo::{BooleanOps, BoundingRect, MultiPolygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use serde::Serialize;

use crate::geometry::area::area_km2;
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
/// Both sets must be in the same CRS, given by `crs`. Inputs should be valid (repair them
/// with [`crate::geometry::repair`]); ring orientation is free.
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
pub fn intersection_area_km2(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>, crs: Crs) -> f64 {
    area_km2(&a.intersection(b), crs)
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
