//! Spatial assignment: region polygons → membership of the loaded units.
//!
//! Each unit's share in each region is the area of their intersection over the unit's area,
//! found in two stages (R-tree on bounding boxes, then the exact intersection; see
//! [`crate::geometry::overlay`]). Generalised boundaries from different sources never match
//! exactly, so two modes exist:
//!
//! - **Shares** (default for region files of unknown make-up): a piece below the sliver
//!   tolerance — under `min_share` (default 1 %) of the unit's area *or* under
//!   `min_area_km2` (default 0.01 km²; never the unit's largest piece, so a tiny unit is
//!   kept) — is dropped and reported as a [`Sliver`]. The kept
//!   shares are scaled to sum to 1 (the membership says how the unit is divided), and a unit
//!   whose kept pieces cover less than `1 − min_share` of it is reported as [`Uncovered`].
//! - **Whole units** (`whole_units`, the default for layouts known to consist of whole
//!   gemeenten: CBS layouts, jeugdzorgregio's): each unit goes wholly to the region holding
//!   its largest share. What lies elsewhere is boundary noise of separately generalised
//!   layers (in the CBS 2025 files Druten has only 85 % of its area in its own
//!   jeugdzorgregio), reported as [`Noise`] when it exceeds `min_share`.
//!
//! A unit with no region at all is listed in [`Assignment::unassigned`]; no unit is dropped
//! silently.

use geo::MultiPolygon;
use serde::Serialize;

use crate::geometry::area::area_km2;
use crate::geometry::overlay::{Overlap, overlay_areas};
use crate::model::Crs;

/// Tolerances and mode of a spatial assignment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssignOptions {
    /// Pieces under this share of the unit's area are slivers (default `0.01`).
    pub min_share: f64,
    /// Pieces under this area in km² are slivers whatever their share (default `0.01`, one
    /// hectare), except a unit's largest piece.
    pub min_area_km2: f64,
    /// Assign every unit wholly to its largest region (default `false`; use it for layouts
    /// known to consist of whole units).
    pub whole_units: bool,
}

impl Default for AssignOptions {
    fn default() -> Self {
        AssignOptions {
            min_share: 0.01,
            min_area_km2: 0.01,
            whole_units: false,
        }
    }
}

impl AssignOptions {
    /// Options for layouts of whole units (largest share wins), other values default.
    pub fn whole_units() -> Self {
        AssignOptions {
            whole_units: true,
            ..AssignOptions::default()
        }
    }

    /// The same options with another share tolerance.
    pub fn with_min_share(mut self, min_share: f64) -> Self {
        self.min_share = min_share;
        self
    }

    /// The same options with another absolute tolerance in km².
    pub fn with_min_area_km2(mut self, min_area_km2: f64) -> Self {
        self.min_area_km2 = min_area_km2;
        self
    }
}

/// A kept membership: unit `unit` lies in region `region`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// Index of the unit.
    pub unit: usize,
    /// Index of the region.
    pub region: usize,
    /// The membership share: 1 for a whole unit, else the area share scaled so that the
    /// kept shares of the unit sum to 1.
    pub share: f64,
    /// The area of the unit inside the region, in km².
    pub area_km2: f64,
}

/// A dropped piece below the sliver tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sliver {
    /// Index of the unit.
    pub unit: usize,
    /// Index of the region.
    pub region: usize,
    /// The piece's share of the unit's area.
    pub share: f64,
    /// The piece's area in km².
    pub area_km2: f64,
}

/// A unit whose kept pieces cover noticeably less than all of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Uncovered {
    /// Index of the unit.
    pub unit: usize,
    /// The share of the unit's area inside its kept regions (below `1 − min_share`).
    pub covered: f64,
}

/// Whole-units mode: the part of a unit outside the region it was given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Noise {
    /// Index of the unit.
    pub unit: usize,
    /// The region the unit was given (largest share).
    pub region: usize,
    /// The share of the unit's area inside that region.
    pub share: f64,
    /// The share of the unit's area in other regions.
    pub elsewhere: f64,
}

/// The outcome of a spatial assignment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Assignment {
    /// Kept memberships, sorted by unit then region.
    pub shares: Vec<Share>,
    /// Pieces dropped as slivers (shares mode), sorted by unit then region.
    pub slivers: Vec<Sliver>,
    /// Units whose kept pieces cover less than `1 − min_share` of them (shares mode).
    pub uncovered: Vec<Uncovered>,
    /// Units given wholly to a region with more than `min_share` of their area elsewhere
    /// (whole-units mode).
    pub noise: Vec<Noise>,
    /// Units that intersect no region.
    pub unassigned: Vec<usize>,
    /// The area of each unit in km².
    pub unit_area_km2: Vec<f64>,
}

/// Assigns units to regions by area (see the module docs). Both sets in the same CRS.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::{geometry::assign::{assign, AssignOptions}, Crs};
/// let rect = |x0: f64, x1: f64| MultiPolygon(vec![polygon![(x: x0, y: 0.0), (x: x1, y: 0.0),
///     (x: x1, y: 1000.0), (x: x0, y: 1000.0)]]);
/// let units = [rect(0.0, 1000.0), rect(1000.0, 2000.0), rect(5000.0, 6000.0)];
/// // Region 0 holds unit 0 and 40 % of unit 1; region 1 the rest of unit 1 and a sliver of unit 0.
/// let regions = [rect(0.0, 1400.0), rect(1400.0, 2000.0)];
/// let a = assign(&units, &regions, Crs::RdNew, AssignOptions::default());
/// assert_eq!(a.shares.len(), 3);
/// assert!((a.shares[1].share - 0.4).abs() < 1e-9);
/// assert_eq!(a.unassigned, vec![2]);
/// let w = assign(&units, &regions, Crs::RdNew, AssignOptions::whole_units());
/// assert_eq!((w.shares[1].region, w.shares[1].share), (1, 1.0));
/// assert!((w.noise[0].elsewhere - 0.4).abs() < 1e-9);
/// ```
pub fn assign(
    units: &[MultiPolygon<f64>],
    regions: &[MultiPolygon<f64>],
    crs: Crs,
    opts: AssignOptions,
) -> Assignment {
    let unit_area_km2: Vec<f64> = units.iter().map(|u| area_km2(u, crs)).collect();
    let overlaps = overlay_areas(units, regions, crs);
    let mut out = Assignment {
        unit_area_km2,
        ..Assignment::default()
    };
    // Overlaps are sorted by unit: walk them unit by unit.
    let mut start = 0;
    for unit in 0..units.len() {
        let end = start
            + overlaps
                .get(start..)
                .map_or(0, |rest| rest.iter().take_while(|o| o.a == unit).count());
        let pieces = overlaps.get(start..end).unwrap_or(&[]);
        start = end;
        let total = out.unit_area_km2.get(unit).copied().unwrap_or(0.0);
        if pieces.is_empty() || total <= 0.0 {
            out.unassigned.push(unit);
            continue;
        }
        if opts.whole_units {
            let Some(best) = pieces
                .iter()
                .max_by(|x, y| x.area_km2.total_cmp(&y.area_km2))
            else {
                continue;
            };
            let share = best.area_km2 / total;
            let inside: f64 = pieces.iter().map(|p| p.area_km2).sum::<f64>() / total;
            let elsewhere = (inside - share).max(0.0);
            out.shares.push(Share {
                unit,
                region: best.b,
                share: 1.0,
                area_km2: best.area_km2,
            });
            if elsewhere > opts.min_share {
                out.noise.push(Noise {
                    unit,
                    region: best.b,
                    share,
                    elsewhere,
                });
            }
            continue;
        }
        let largest = pieces.iter().map(|p| p.area_km2).fold(0.0, f64::max);
        let (kept, dropped): (Vec<&Overlap>, Vec<&Overlap>) = pieces.iter().partition(|p| {
            p.area_km2 / total >= opts.min_share
                && (p.area_km2 >= opts.min_area_km2 || p.area_km2 >= largest)
        });
        out.slivers.extend(dropped.iter().map(|p| Sliver {
            unit,
            region: p.b,
            share: p.area_km2 / total,
            area_km2: p.area_km2,
        }));
        let kept_area: f64 = kept.iter().map(|p| p.area_km2).sum();
        if kept.is_empty() || kept_area <= 0.0 {
            out.unassigned.push(unit);
            continue;
        }
        let covered = kept_area / total;
        if covered < 1.0 - opts.min_share {
            out.uncovered.push(Uncovered { unit, covered });
        }
        out.shares.extend(kept.iter().map(|p| Share {
            unit,
            region: p.b,
            share: p.area_km2 / kept_area,
            area_km2: p.area_km2,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn rect(x0: f64, x1: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![
            polygon![(x: x0, y: 0.0), (x: x1, y: 0.0), (x: x1, y: 1000.0), (x: x0, y: 1000.0)],
        ])
    }

    #[test]
    fn slivers_are_dropped_and_reported() {
        // Unit 0 has 0.5 % in region 1: a sliver. Unit 1 sticks 20 % out of every region.
        let units = [rect(0.0, 1000.0), rect(1000.0, 2000.0)];
        let regions = [rect(0.0, 995.0), rect(995.0, 1800.0)];
        let a = assign(&units, &regions, Crs::RdNew, AssignOptions::default());
        assert_eq!(a.slivers.len(), 1);
        assert_eq!((a.slivers[0].unit, a.slivers[0].region), (0, 1));
        assert!((a.slivers[0].share - 0.005).abs() < 1e-9);
        // Unit 0's membership is scaled to 1; unit 1 is reported as 80 % covered.
        assert_eq!(a.shares.len(), 2);
        assert!((a.shares[0].share - 1.0).abs() < 1e-9);
        assert_eq!(a.uncovered.len(), 1);
        assert!((a.uncovered[0].covered - 0.8).abs() < 1e-9);
        assert!(a.unassigned.is_empty());
    }

    #[test]
    fn absolute_floor_and_settable_share() {
        let units = [rect(0.0, 1000.0)];
        let regions = [rect(0.0, 900.0), rect(900.0, 1000.0)];
        // 10 % = 0.1 km²: kept by default, dropped with a 0.2 km² floor or a 15 % share.
        assert_eq!(
            assign(&units, &regions, Crs::RdNew, AssignOptions::default())
                .shares
                .len(),
            2
        );
        let o = AssignOptions::default().with_min_area_km2(0.2);
        assert_eq!(assign(&units, &regions, Crs::RdNew, o).slivers.len(), 1);
        let o = AssignOptions::default().with_min_share(0.15);
        assert_eq!(assign(&units, &regions, Crs::RdNew, o).slivers.len(), 1);
    }

    #[test]
    fn empty_and_degenerate_units_are_unassigned_not_dropped() {
        let units = [MultiPolygon(vec![]), rect(0.0, 10.0)];
        let a = assign(
            &units,
            &[rect(0.0, 5.0)],
            Crs::RdNew,
            AssignOptions::default(),
        );
        assert_eq!(a.unassigned, vec![0]);
        // Unit 1 (0.01 km²) has half its area, 0.005 km², in the region: below the absolute
        // floor, but its largest piece, so kept and reported as half covered.
        assert_eq!(a.shares.len(), 1);
        assert_eq!(a.uncovered.len(), 1);
    }
}
