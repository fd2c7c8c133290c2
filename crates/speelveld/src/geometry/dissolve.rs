//! Dissolve: the outline of every region of a layout, from its units.
//!
//! The units of a layout form a coverage (they share edges), so each region is the
//! coverage-aware union of its units in one pass: geo's [`unary_union`] over all rings at
//! once (i_overlay), not a fold of pairwise unions. Rings are oriented on read (exteriors
//! counter-clockwise), which `unary_union` needs to choose its fill rule; shared edges
//! cancel, so no interior seams remain, and holes and exclaves (Zeeuws-Vlaanderen, the Wadden
//! islands) are kept.
//!
//! A clean coverage (every shared edge present in both neighbours, nothing overlapping) is
//! united by cancelling shared edges ([`crate::geometry::coverage_union`]), several times
//! faster; any group where that finds an overlap, a crossing or a T-junction (the 3-decimal
//! 2025 WGS84 file's JZ28, around Westervoort) takes the general overlay below.
//!
//! A unit that lies in several regions (a split gemeente) is drawn by the outline of its
//! part in each where the layout knows it ([`crate::model::PartOutline`]: a gemeente joined
//! by a herindeling from predecessors in different regions). Where it does not (the law's
//! postcode splits: polygons of gemeenten say nothing about where inside one a postcode
//! split runs), the unit is drawn whole in the region that holds its largest share, listed
//! there as `partial`, and listed as `undrawn` in its other regions, so that the regions
//! still tile the country and no area is counted twice.

use geo::orient::{Direction, Orient};
use geo::{Area, MultiPolygon, Polygon, unary_union};
use serde::Serialize;

use crate::error::Error;
use crate::geometry::area::area_km2;
use crate::geometry::coverage_union::union_by_cancelling;
use crate::model::{Atlas, Layout, RegionIdx};

/// One dissolved region.
#[derive(Debug, Clone, Serialize)]
pub struct DissolvedRegion {
    /// Index of the region in its layout.
    pub region: RegionIdx,
    /// The region's code.
    pub code: String,
    /// The region's name.
    pub name: String,
    /// The codes of its units, sorted.
    pub units: Vec<String>,
    /// Of those, units that lie only partly in the region but are drawn whole in it (it
    /// holds their largest share, and their parts have no outline).
    pub partial: Vec<String>,
    /// Units that lie partly in the region but are not drawn in it (their parts have no
    /// outline, and another region holds their largest share).
    pub undrawn: Vec<String>,
    /// The outline (exteriors counter-clockwise, holes clockwise).
    #[serde(skip)]
    pub geometry: MultiPolygon<f64>,
    /// The outline's area in km² ([`crate::geometry::area_km2`]).
    pub area_km2: f64,
}

/// The polygons of `parts` that have an area, oriented (exteriors counter-clockwise).
fn oriented_with_area(parts: &[MultiPolygon<f64>]) -> Vec<Polygon<f64>> {
    parts
        .iter()
        .flat_map(|m| m.0.iter())
        .filter(|p| p.unsigned_area() > 0.0)
        .map(|p| p.orient(Direction::Default))
        .collect()
}

/// The union of polygons that form a coverage, in one pass. Rings are oriented first.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::geometry::dissolve::union_coverage;
/// let sq = |x: f64| MultiPolygon(vec![polygon![(x: x, y: 0.0), (x: x + 1.0, y: 0.0),
///     (x: x + 1.0, y: 1.0), (x: x, y: 1.0)]]);
/// let u = union_coverage(&[sq(0.0), sq(1.0), sq(5.0)]);
/// assert_eq!(u.0.len(), 2); // the first two merge, the third stays apart
/// ```
pub fn union_coverage(parts: &[MultiPolygon<f64>]) -> MultiPolygon<f64> {
    match union_by_cancelling(parts, None) {
        Some(m) => without_slivers(m),
        None => union_overlay(parts),
    }
}

/// [`union_coverage`] by the general overlay (i_overlay), for any input.
pub(crate) fn union_overlay(parts: &[MultiPolygon<f64>]) -> MultiPolygon<f64> {
    let oriented = oriented_with_area(parts);
    if oriented.is_empty() {
        return MultiPolygon(vec![]);
    }
    without_slivers(unary_union(&oriented)).orient(Direction::Default)
}

/// The union of polygons that form a coverage, computed on a grid of `1 / scale` (the grid
/// the result is written on, [`crate::geometry::snap::written_scale`]): the overlay's integer
/// grid is that grid, so rounding the result to it moves no vertex and cannot make a valid
/// result invalid (as rounding the result of [`union_coverage`], on a finer grid of its
/// own, can where two edges run closer than the written precision). Falls back to
/// [`union_coverage`] when the extent does not fit the overlay's 32-bit grid.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon, Area};
/// use speelveld::geometry::dissolve::union_on_grid;
/// let sq = |x: f64| MultiPolygon(vec![polygon![(x: x, y: 0.0), (x: x + 1.0, y: 0.0),
///     (x: x + 1.0, y: 1.0), (x: x, y: 1.0)]]);
/// let u = union_on_grid(&[sq(0.0), sq(1.0)], 1e6);
/// assert_eq!((u.0.len(), u.unsigned_area()), (1, 2.0));
/// ```
pub fn union_on_grid(parts: &[MultiPolygon<f64>], scale: f64) -> MultiPolygon<f64> {
    match union_by_cancelling(parts, Some(scale)) {
        Some(m) => without_slivers(m),
        None => union_on_grid_overlay(parts, scale),
    }
}

/// [`union_on_grid`] by the general overlay (i_overlay), for any input.
fn union_on_grid_overlay(parts: &[MultiPolygon<f64>], scale: f64) -> MultiPolygon<f64> {
    use i_overlay::core::fill_rule::FillRule;
    use i_overlay::core::overlay::ShapeType;
    use i_overlay::core::overlay_rule::OverlayRule;
    use i_overlay::core::solver::Solver;
    use i_overlay::float::overlay::{FloatOverlay, OverlayOptions};
    use i_overlay::i_float::adapter::FloatPointAdapter;
    use i_overlay::i_float::float::rect::FloatRect;

    let oriented = oriented_with_area(parts);
    let coords = || {
        oriented
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.0.iter())
    };
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in coords() {
        (x0, x1, y0, y1) = (x0.min(c.x), x1.max(c.x), y0.min(c.y), y1.max(c.y));
    }
    if oriented.is_empty()
        || !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite())
    {
        return MultiPolygon(vec![]);
    }
    // A rectangle centred on a grid point, so that the overlay's grid is the written one.
    let on_grid = |v: f64| (v * scale).round() / scale;
    let (cx, cy) = (on_grid((x0 + x1) / 2.0), on_grid((y0 + y1) / 2.0));
    let (a, b) = (
        (cx - x0).max(x1 - cx) + 2.0 / scale,
        (cy - y0).max(y1 - cy) + 2.0 / scale,
    );
    if a.max(b) * scale >= f64::from(1u32 << 30) {
        return union_overlay(parts);
    }
    let adapter = FloatPointAdapter::<[f64; 2], f64>::with_scale(
        FloatRect::new(cx - a, cx + a, cy - b, cy + b),
        scale,
    );
    let capacity = coords().count();
    let mut overlay =
        FloatOverlay::new_custom(adapter, OverlayOptions::ogc(), Solver::default(), capacity);
    for p in &oriented {
        for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
            let n = ring.0.len().saturating_sub(1);
            let contour: Vec<[f64; 2]> = ring.0.iter().take(n).map(|c| [c.x, c.y]).collect();
            overlay = overlay.unsafe_add_contour(&contour, ShapeType::Subject);
        }
    }
    let shapes = overlay.overlay(OverlayRule::Subject, FillRule::Positive);
    let ring = |contour: &Vec<[f64; 2]>| {
        let mut cs: Vec<geo::Coord<f64>> = contour
            .iter()
            .map(|p| geo::Coord {
                x: on_grid(p[0]),
                y: on_grid(p[1]),
            })
            .collect();
        if let Some(&first) = cs.first() {
            cs.push(first);
        }
        geo::LineString(cs)
    };
    let polys = shapes
        .iter()
        .filter_map(|shape| {
            let (outer, holes) = shape.split_first()?;
            Some(Polygon::new(ring(outer), holes.iter().map(ring).collect()))
        })
        .collect();
    without_slivers(MultiPolygon(polys)).orient(Direction::Default)
}

/// Rings of no area that a union can leave where units only touch: three collinear
/// vertices of Westervoort's border, snapped to the integer grid of the overlay, became a
/// "hole" of 0.02 m² in JZ28. They are artefacts, not holes or islands: a ring smaller than
/// 10⁻⁹ of the whole (for a jeugdzorgregio of 640 km², under a square metre) is dropped.
fn without_slivers(mut m: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let min = m.unsigned_area() * 1e-9;
    let ring_area = |r: &geo::LineString<f64>| Polygon::new(r.clone(), vec![]).unsigned_area();
    m.0.retain(|p| ring_area(p.exterior()) > min);
    m.0 =
        m.0.into_iter()
            .map(|p| {
                let (shell, holes) = p.into_inner();
                let holes = holes.into_iter().filter(|h| ring_area(h) > min).collect();
                Polygon::new(shell, holes)
            })
            .collect();
    m
}

/// Dissolves every region of a layout from the geometry of its units. Regions without
/// members get an empty outline; a member without geometry is an error naming it.
///
/// # Examples
/// ```
/// use speelveld::geometry::dissolve::dissolve;
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let pv = dissolve(&atlas, atlas.layout("provincie").unwrap()).unwrap();
/// assert_eq!(pv.len(), 12);
/// let utrecht = pv.iter().find(|r| r.code == "PV26").unwrap();
/// assert_eq!(utrecht.geometry.0.len(), 1);
/// ```
pub fn dissolve(atlas: &Atlas, layout: &Layout) -> Result<Vec<DissolvedRegion>, Error> {
    let by_region = layout.members_by_region();
    let main_region = main_regions(layout);
    let mut out = Vec::with_capacity(layout.regions().len());
    for (i, r) in layout.regions().iter().enumerate() {
        let members = by_region.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let mut geoms = Vec::with_capacity(members.len());
        let mut units = Vec::with_capacity(members.len());
        let mut partial = Vec::new();
        let mut undrawn = Vec::new();
        for m in members {
            let u = atlas.units().get(m.unit).ok_or(Error::UnitIndex(m.unit))?;
            units.push(u.code.to_string());
            if m.share < 1.0 {
                if let Some(p) = layout
                    .part_outlines
                    .iter()
                    .find(|p| p.unit == m.unit && p.region == i)
                {
                    geoms.push(p.outline.clone());
                    continue;
                }
                if main_region.get(&m.unit) != Some(&i) {
                    undrawn.push(u.code.to_string());
                    continue;
                }
                partial.push(u.code.to_string());
            }
            let g = u.geometry.as_ref().ok_or_else(|| Error::NoGeometry {
                what: format!(
                    "region {} of layout '{}': unit {} {} has no outline",
                    r.code,
                    layout.name(),
                    u.code,
                    u.name
                ),
            })?;
            geoms.push(g.clone());
        }
        units.sort();
        partial.sort();
        undrawn.sort();
        let geometry = union_on_grid(&geoms, crate::geometry::snap::written_scale(atlas.crs));
        out.push(DissolvedRegion {
            region: i,
            code: r.code.to_string(),
            name: r.name.clone(),
            units,
            partial,
            undrawn,
            area_km2: area_km2(&geometry, atlas.crs),
            geometry,
        });
    }
    Ok(out)
}

/// For each split unit, the region that holds its largest share (the first of equal ones).
fn main_regions(layout: &Layout) -> std::collections::HashMap<usize, RegionIdx> {
    let mut best: std::collections::HashMap<usize, (RegionIdx, f64)> =
        std::collections::HashMap::new();
    for m in layout.members().iter().filter(|m| m.share < 1.0) {
        let e = best.entry(m.unit).or_insert((m.region, m.share));
        if m.share > e.1 {
            *e = (m.region, m.share);
        }
    }
    best.into_iter().map(|(u, (r, _))| (u, r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;
    use crate::io::geojson::{GeoJsonOptions, read_polygons};
    use geo::{Validation, polygon};

    #[test]
    fn rings_of_no_area_are_dropped_real_holes_kept() {
        let sq = |x0: f64, y0: f64, d: f64| {
            geo::LineString::from(vec![(x0, y0), (x0 + d, y0), (x0 + d, y0 + d), (x0, y0 + d)])
        };
        // A hole of 10⁻¹⁶ of the square, one of a sixteenth of it, and an island of no area.
        let p = Polygon::new(
            sq(0.0, 0.0, 1.0),
            vec![sq(0.1, 0.1, 1e-8), sq(0.5, 0.5, 0.25)],
        );
        let flat = Polygon::new(
            geo::LineString::from(vec![(5.0, 5.0), (6.0, 5.0), (7.0, 5.0)]),
            vec![],
        );
        let m = without_slivers(MultiPolygon(vec![p, flat]));
        assert_eq!(m.0.len(), 1);
        assert_eq!(m.0[0].interiors().len(), 1);
        assert!((m.unsigned_area() - (1.0 - 0.0625)).abs() < 1e-12);
    }

    /// The SWV regions tile the country: a gemeente that a herindeling joined from SWV's is
    /// drawn by its parts (Weesp's part of Amsterdam in PO2709), one split by the law's
    /// postcodes whole in its main region only (De Fryske Marren in VO2102, not in VO2402).
    /// The national area, 35 076.6 km², is GeoPandas's (all jeugdzorgregio's, below); Weesp's
    /// part, 22.32 km², is the GM0457 → GM0363 piece of the herindeling table (areas of the
    /// 2015 and 2025 outlines overlaid).
    #[test]
    fn real_2025_swv_regions_tile_the_country() {
        let a = atlas(None).unwrap();
        for name in ["swv-po", "swv-vo"] {
            let l = a.layout(name).unwrap();
            let d = dissolve(&a, l).unwrap();
            let sum: f64 = d.iter().map(|r| r.area_km2).sum();
            assert!((sum - 35_076.6).abs() < 35_076.6 * 0.005, "{name}: {sum}");
            assert!(d.iter().all(|r| r.geometry.is_valid()), "{name}");
        }
        let po = a.layout("swv-po").unwrap();
        let amsterdam = a
            .units()
            .iter()
            .position(|u| u.code.to_string() == "GM0363")
            .unwrap();
        let weesp = po
            .part_outlines
            .iter()
            .find(|p| p.unit == amsterdam && po.regions()[p.region].code.as_str() == "PO2709")
            .expect("Weesp's part");
        let km2 = crate::geometry::area::area_km2(&weesp.outline, a.crs);
        assert!((km2 - 22.32).abs() < 0.5, "{km2}");
        let d = dissolve(&a, po).unwrap();
        let po2709 = d.iter().find(|r| r.code == "PO2709").unwrap();
        assert!(po2709.units.contains(&"GM0363".to_string()));
        assert!(po2709.partial.is_empty() && po2709.undrawn.is_empty());
        let vo = a.layout("swv-vo").unwrap();
        let d = dissolve(&a, vo).unwrap();
        let get = |c: &str| d.iter().find(|r| r.code == c).unwrap();
        assert_eq!(get("VO2402").undrawn, ["GM1940"]);
        assert!(get("VO2102").partial.contains(&"GM1940".to_string()));
    }

    /// Expected from GeoPandas (shapely 2.2 `make_valid(method="structure")`, `dissolve` by
    /// the jeugdzorgregio code of `gemeente_regions_spatial.csv`): 42 regions, all valid,
    /// 55 polygons in all (JZ02 Friesland 6, JZ03 3, JZ29 3, JZ01/JZ08/JZ31/JZ38 2), 2 holes
    /// (both in JZ38 Zeeland); areas in EPSG:28992 (pyproj): JZ13 356.346 km², JZ38
    /// 1837.507 km², all 35 076.6 km².
    #[test]
    fn real_2025_jeugdzorgregio_dissolve() {
        let a = atlas(None).unwrap();
        let jz = dissolve(&a, a.layout("jeugdzorgregio").unwrap()).unwrap();
        assert_eq!(jz.len(), 42);
        assert!(jz.iter().all(|r| r.geometry.is_valid()));
        let parts: usize = jz.iter().map(|r| r.geometry.0.len()).sum();
        let holes: usize = jz
            .iter()
            .flat_map(|r| &r.geometry.0)
            .map(|p| p.interiors().len())
            .sum();
        assert_eq!((parts, holes), (55, 2));
        let get = |c: &str| jz.iter().find(|r| r.code == c).unwrap();
        assert_eq!(get("JZ02").geometry.0.len(), 6);
        assert_eq!(
            get("JZ38")
                .geometry
                .0
                .iter()
                .map(|p| p.interiors().len())
                .sum::<usize>(),
            2
        );
        assert!((get("JZ13").area_km2 / 356.346 - 1.0).abs() < 0.005);
        assert!((get("JZ38").area_km2 / 1837.507 - 1.0).abs() < 0.005);
        let total: f64 = jz.iter().map(|r| r.area_km2).sum();
        assert!((total / 35_076.6 - 1.0).abs() < 0.001, "{total}");
        // The GeoJSON reads back: same codes, same areas, exteriors counter-clockwise.
        let text = crate::io::geojson_write::to_geojson(&jz, a.crs);
        let back = read_polygons("d.geojson", &text, &GeoJsonOptions::default()).unwrap();
        assert_eq!(back.features.len(), 42);
        for (f, r) in back.features.iter().zip(&jz) {
            assert_eq!(f.code, r.code);
            assert!((area_km2(&f.geometry, a.crs) / r.area_km2 - 1.0).abs() < 1e-4);
        }
        assert!(!text.contains("\"crs\""));
    }

    #[test]
    fn rd_output_names_its_crs_and_seams_vanish() {
        let sq = |x: f64| {
            MultiPolygon(vec![
                polygon![(x: x, y: 0.0), (x: x + 1000.0, y: 0.0), (x: x + 1000.0, y: 1000.0), (x: x, y: 1000.0)],
            ])
        };
        // Mixed orientation on input does not matter: rings are oriented first.
        let cw = MultiPolygon(vec![sq(1000.0).0[0].orient(Direction::Reversed)]);
        let u = union_coverage(&[sq(0.0), cw, sq(2000.0)]);
        assert_eq!(u.0.len(), 1);
        assert_eq!(u.0[0].interiors().len(), 0);
        assert!((u.unsigned_area() - 3.0e6).abs() < 1e-6);
        let r = DissolvedRegion {
            region: 0,
            code: "R".into(),
            name: "".into(),
            units: vec![],
            partial: vec![],
            undrawn: vec![],
            geometry: u,
            area_km2: 3.0,
        };
        let text = crate::io::geojson_write::to_geojson(&[r], crate::model::Crs::RdNew);
        assert!(text.contains("EPSG::28992"));
        assert!(union_coverage(&[]).0.is_empty());
    }
}
