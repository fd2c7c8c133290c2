//! Snapping polygons to the precision they are written with, so that what is written stays
//! valid.
//!
//! A writer rounds coordinates (GeoJSON in WGS84 to 10⁻⁶°, about 10 cm; RD New to 1 cm).
//! Rounding can make two neighbouring vertices one, and turn a sliver into a spike that
//! runs out and back along itself (a ring through `A, A, B, A`): GEOS then calls the
//! polygon invalid ("self-intersection"), though it was valid before rounding. Snapping
//! first, on integers, removes what rounding breaks: repeated vertices, spikes (a vertex
//! whose neighbours are the same point, or where the ring turns straight back), and rings
//! that collapse to no area.

use geo::{Area, Coord, LineString, MultiPolygon, Polygon};

/// The grid that outlines of an atlas in `crs` are written on: 10⁻⁶° in WGS84 (about
/// 10 cm), 1 cm in RD New. Dissolve computes on it, so what it writes is what it computed.
pub fn written_scale(crs: crate::model::Crs) -> f64 {
    match crs {
        crate::model::Crs::Wgs84 => 1e6,
        crate::model::Crs::RdNew => 1e2,
    }
}

/// One vertex on the integer grid.
type GridPoint = (i64, i64);

/// The polygons snapped to a grid of `1 / scale` (e.g. `scale = 1e6` for 10⁻⁶°), with
/// repeated vertices, spikes and rings of no area removed. A polygon whose exterior
/// collapses is left out; so is a hole that collapses.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon, Area};
/// use speelveld::geometry::snap::snap_to_grid;
/// // A square with a spike out to (3, 0.5) and back, and a vertex that rounding doubles.
/// let p = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 0.5), (x: 3.0, y: 0.5),
///     (x: 1.0, y: 0.5), (x: 1.0, y: 1.0), (x: 0.0000001, y: 1.0), (x: 0.0, y: 1.0)];
/// let s = snap_to_grid(&MultiPolygon(vec![p]), 1e3);
/// // The square (with its vertex at (1, 0.5) on the way), closed.
/// assert_eq!(s.0[0].exterior().0.len(), 6);
/// assert_eq!(s.unsigned_area(), 1.0);
/// ```
pub fn snap_to_grid(m: &MultiPolygon<f64>, scale: f64) -> MultiPolygon<f64> {
    let polys =
        m.0.iter()
            .filter_map(|p| {
                let shell = clean_ring(p.exterior(), scale)?;
                let holes = p
                    .interiors()
                    .iter()
                    .filter_map(|h| clean_ring(h, scale))
                    .collect();
                Some(Polygon::new(shell, holes))
            })
            .collect();
    MultiPolygon(polys)
}

/// A ring snapped and cleaned, or `None` when nothing with an area is left.
fn clean_ring(r: &LineString<f64>, scale: f64) -> Option<LineString<f64>> {
    let mut pts: Vec<GridPoint> =
        r.0.iter()
            .map(|c| ((c.x * scale).round() as i64, (c.y * scale).round() as i64))
            .collect();
    // The ring without its closing vertex.
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    let pts = without_spikes(pts);
    if pts.len() < 3 {
        return None;
    }
    let mut coords: Vec<Coord<f64>> = pts
        .iter()
        .map(|&(x, y)| Coord {
            x: x as f64 / scale,
            y: y as f64 / scale,
        })
        .collect();
    coords.push(*coords.first()?);
    let ring = LineString(coords);
    (Polygon::new(ring.clone(), vec![]).unsigned_area() > 0.0).then_some(ring)
}

/// Removes, until none is left, a vertex equal to the next one and a vertex where the ring
/// turns straight back (its neighbours lie on one line with it, on the same side), going
/// round the ring (the first vertex is the last one's neighbour).
fn without_spikes(mut pts: Vec<GridPoint>) -> Vec<GridPoint> {
    let mut changed = true;
    while changed && pts.len() >= 3 {
        changed = false;
        let n = pts.len();
        let mut keep = vec![true; n];
        let mut i = 0;
        while i < n {
            let prev = (0..n)
                .rev()
                .map(|k| (i + k) % n)
                .find(|&k| keep[k] && k != i);
            let next = (1..n).map(|k| (i + k) % n).find(|&k| keep[k]);
            if let (Some(a), Some(c)) = (prev, next) {
                let (pa, pb, pc) = (pts[a], pts[i], pts[c]);
                if pb == pc || turns_back(pa, pb, pc) {
                    keep[i] = false;
                    changed = true;
                }
            }
            i += 1;
        }
        pts = pts
            .into_iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(p))
            .collect();
    }
    pts
}

/// Whether the path `a → b → c` lies on one line and turns back at `b` (a spike tip), or
/// `a == c`.
fn turns_back(a: GridPoint, b: GridPoint, c: GridPoint) -> bool {
    let (ux, uy) = ((b.0 - a.0) as i128, (b.1 - a.1) as i128);
    let (vx, vy) = ((c.0 - b.0) as i128, (c.1 - b.1) as i128);
    let cross = ux * vy - uy * vx;
    let dot = ux * vx + uy * vy;
    a == c || (cross == 0 && dot < 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Validation, polygon};

    #[test]
    fn a_spike_that_rounding_makes_is_removed() {
        // Westervoort's case in swv-po: the ring reaches (5.99, 51.974) twice, a hair apart,
        // with (5.984, 51.972) between; rounded to 10⁻⁶ that is `A, A, B, A`.
        let p = polygon![
            (x: 6.002, y: 51.981), (x: 5.99, y: 51.974), (x: 5.99 + 1e-9, y: 51.974),
            (x: 5.984, y: 51.972), (x: 5.99, y: 51.974 + 1e-9), (x: 5.95, y: 51.96),
            (x: 6.0, y: 51.9)
        ];
        let s = snap_to_grid(&MultiPolygon(vec![p]), 1e6);
        let ring = &s.0[0].exterior().0;
        assert_eq!(ring.len(), 5, "{ring:?}");
        assert!(!ring.iter().any(|c| (c.x - 5.984).abs() < 1e-9));
        assert!(s.is_valid());
    }

    #[test]
    fn rings_that_collapse_are_dropped() {
        let sliver = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 2.0, y: 1e-9)];
        assert!(snap_to_grid(&MultiPolygon(vec![sliver]), 1e6).0.is_empty());
        let with_hole = Polygon::new(
            LineString::from(vec![(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]),
            vec![LineString::from(vec![
                (1.0, 1.0),
                (2.0, 1.0 + 1e-9),
                (3.0, 1.0),
            ])],
        );
        let s = snap_to_grid(&MultiPolygon(vec![with_hole]), 1e6);
        assert_eq!((s.0.len(), s.0[0].interiors().len()), (1, 0));
    }

    #[test]
    fn a_valid_polygon_is_unchanged() {
        let p = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)];
        let m = MultiPolygon(vec![p]);
        assert_eq!(snap_to_grid(&m, 1e6), m);
    }
}
