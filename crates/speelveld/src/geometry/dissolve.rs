//! Dissolve: the outline of every region of a layout, from its units.
//!
//! The units of a layout form a coverage (they share edges), so each region is the
//! coverage-aware union of its units in one pass: geo's [`unary_union`] over all rings at
//! once (i_overlay), not a fold of pairwise unions. Rings are oriented on read (exteriors
//! counter-clockwise), which `unary_union` needs to choose its fill rule; shared edges
//! cancel, so no interior seams remain, and holes and exclaves (Zeeuws-Vlaanderen, the Wadden
//! islands) are kept.
//!
//! A unit that lies in several regions (a split gemeente) is drawn in each of them whole,
//! and listed as `partial`: polygons of units say nothing about where inside a unit a
//! postcode split runs.

use geo::orient::{Direction, Orient};
use geo::{Area, MultiPolygon, Polygon, unary_union};
use serde::Serialize;

use crate::error::Error;
use crate::geometry::area::area_km2;
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
    /// Of those, units that lie only partly in the region (drawn whole).
    pub partial: Vec<String>,
    /// The outline (exteriors counter-clockwise, holes clockwise).
    #[serde(skip)]
    pub geometry: MultiPolygon<f64>,
    /// The outline's area in km² ([`crate::geometry::area_km2`]).
    pub area_km2: f64,
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
    let oriented: Vec<Polygon<f64>> = parts
        .iter()
        .flat_map(|m| m.0.iter())
        .filter(|p| p.unsigned_area() > 0.0)
        .map(|p| p.orient(Direction::Default))
        .collect();
    if oriented.is_empty() {
        return MultiPolygon(vec![]);
    }
    without_slivers(unary_union(&oriented)).orient(Direction::Default)
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
    let mut out = Vec::with_capacity(layout.regions().len());
    for (i, r) in layout.regions().iter().enumerate() {
        let members = by_region.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let mut geoms = Vec::with_capacity(members.len());
        let mut units = Vec::with_capacity(members.len());
        let mut partial = Vec::new();
        for m in members {
            let u = atlas.units().get(m.unit).ok_or(Error::UnitIndex(m.unit))?;
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
            units.push(u.code.to_string());
            if m.share < 1.0 {
                partial.push(u.code.to_string());
            }
        }
        units.sort();
        partial.sort();
        let geometry = union_coverage(&geoms);
        out.push(DissolvedRegion {
            region: i,
            code: r.code.to_string(),
            name: r.name.clone(),
            units,
            partial,
            area_km2: area_km2(&geometry, atlas.crs),
            geometry,
        });
    }
    Ok(out)
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
            geometry: u,
            area_km2: 3.0,
        };
        let text = crate::io::geojson_write::to_geojson(&[r], crate::model::Crs::RdNew);
        assert!(text.contains("EPSG::28992"));
        assert!(union_coverage(&[]).0.is_empty());
    }
}
