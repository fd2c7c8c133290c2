//! Areas in km², computed the right way for the CRS.
//!
//! - **RD New (EPSG:28992)**: planar (shoelace) area of the metre coordinates. This is what
//!   GIS tools report for RD data; the projection's scale factor (0.9999079 at Amersfoort,
//!   rising towards the edges of the country) changes areas by less than 0.02 %.
//! - **WGS84 (EPSG:4326)**: geodesic area on the WGS84 ellipsoid (geo's [`GeodesicArea`],
//!   Karney's algorithm from geographiclib), with polygon edges taken as geodesics. Against
//!   planar area of the same outline transformed to RD New the difference is the RD scale
//!   distortion above (≲ 0.02 %) plus the difference between geodesic and straight edges
//!   (negligible at the ~100 m vertex spacing of generalised data). Measured on the CBS 2025
//!   files: see the tests at the bottom of this file.
//!
//! Planar area on longitude/latitude would be wrong by a factor that depends on latitude
//! (about 0.0075 km² per square "degree-metre" at 52° N); speelveld never does that.

use geo::orient::{Direction, Orient};
use geo::{Area, GeodesicArea, MultiPolygon, Polygon};

use crate::model::{Atlas, Crs, Layout};

/// Square metres per square kilometre.
const M2_PER_KM2: f64 = 1.0e6;
/// The surface of the WGS84 ellipsoid in km².
const WGS84_EARTH_KM2: f64 = 510_065_621.724_088;

/// The area of a MultiPolygon in km²: planar in RD New, geodesic (WGS84 ellipsoid) in WGS84.
///
/// Every polygon counts with its absolute area minus its holes, so ring orientation does not
/// matter. A self-intersecting ring gives a meaningless area: repair first
/// ([`crate::geometry::repair`]).
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::{geometry::area_km2, Crs};
/// // A 2 km × 3 km rectangle in RD New metres.
/// let rd = MultiPolygon(vec![polygon![(x: 100_000.0, y: 450_000.0), (x: 102_000.0, y: 450_000.0),
///     (x: 102_000.0, y: 453_000.0), (x: 100_000.0, y: 453_000.0)]]);
/// assert!((area_km2(&rd, Crs::RdNew) - 6.0).abs() < 1e-9);
/// // 0.01° × 0.01° at 52° N is about 0.76 km².
/// let wgs = MultiPolygon(vec![polygon![(x: 5.0, y: 52.0), (x: 5.01, y: 52.0),
///     (x: 5.01, y: 52.01), (x: 5.0, y: 52.01)]]);
/// assert!((area_km2(&wgs, Crs::Wgs84) - 0.7639).abs() < 0.001);
/// ```
pub fn area_km2(geometry: &MultiPolygon<f64>, crs: Crs) -> f64 {
    geometry.0.iter().map(|p| polygon_area_km2(p, crs)).sum()
}

/// The area of one Polygon in km² (see [`area_km2`]).
pub fn polygon_area_km2(polygon: &Polygon<f64>, crs: Crs) -> f64 {
    match crs {
        Crs::RdNew => {
            let ext = Polygon::new(polygon.exterior().clone(), vec![]).unsigned_area();
            let holes: f64 = polygon
                .interiors()
                .iter()
                .map(|r| Polygon::new(r.clone(), vec![]).unsigned_area())
                .sum();
            (ext - holes) / M2_PER_KM2
        }
        // Geodesic area can come out as the rest of the globe (510,065,621.7 km² minus the
        // polygon): seen for slivers returned by boolean operations, whatever their ring
        // orientation. No Dutch polygon covers half the earth, so take the complement then.
        Crs::Wgs84 => {
            let a = polygon.orient(Direction::Default).geodesic_area_unsigned() / M2_PER_KM2;
            if a > WGS84_EARTH_KM2 / 2.0 {
                (WGS84_EARTH_KM2 - a).max(0.0)
            } else {
                a
            }
        }
    }
}

/// The area in km² of every unit of an atlas (`None` without geometry).
pub fn unit_areas_km2(atlas: &Atlas) -> Vec<Option<f64>> {
    atlas
        .units()
        .iter()
        .map(|u| u.geometry.as_ref().map(|g| area_km2(g, atlas.crs)))
        .collect()
}

/// The area in km² of every region of a layout: the sum over its members of share × unit
/// area. For a coverage this equals the area of the dissolved region. `None` for a region
/// with a member without geometry, or without members.
///
/// # Examples
/// ```
/// use speelveld::geometry::area::region_areas_km2;
/// let atlas = speelveld::io::embedded::atlas(None).unwrap();
/// let pv = atlas.layout("provincie").unwrap();
/// let areas = region_areas_km2(&atlas, pv);
/// let total: f64 = areas.iter().flatten().sum();
/// assert!((total - 35_076.0).abs() < 10.0, "{total}");
/// ```
pub fn region_areas_km2(atlas: &Atlas, layout: &Layout) -> Vec<Option<f64>> {
    let units = unit_areas_km2(atlas);
    layout
        .members_by_region()
        .iter()
        .map(|ms| {
            if ms.is_empty() {
                return None;
            }
            ms.iter()
                .map(|m| units.get(m.unit).copied().flatten().map(|a| a * m.share))
                .sum()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::geojson::{GeoJsonOptions, read_polygons};
    use geo::polygon;

    fn real(p: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/../../../shared/data/{p}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn holes_are_subtracted_whatever_the_orientation() {
        let outer = polygon![(x: 0.0, y: 0.0), (x: 3000.0, y: 0.0), (x: 3000.0, y: 3000.0), (x: 0.0, y: 3000.0)];
        let hole = polygon![(x: 1000.0, y: 1000.0), (x: 2000.0, y: 1000.0), (x: 2000.0, y: 2000.0), (x: 1000.0, y: 2000.0)];
        let p = Polygon::new(outer.exterior().clone(), vec![hole.exterior().clone()]);
        assert!((polygon_area_km2(&p, Crs::RdNew) - 8.0).abs() < 1e-9);
        let rev = Polygon::new(
            outer.exterior().clone().into_iter().rev().collect(),
            vec![hole.exterior().clone()],
        );
        assert!((polygon_area_km2(&rev, Crs::RdNew) - 8.0).abs() < 1e-9);
    }

    /// Expected figures computed independently with python3 (shapely 2 + pyproj): the RD
    /// file's planar area, and the WGS84 file transformed to EPSG:28992 with pyproj.
    #[test]
    fn real_areas_rd_and_wgs84_agree() {
        let o = GeoJsonOptions::default();
        let rd = read_polygons(
            "rd/gemeente.geojson",
            &real("cbs/2025/rd/gemeente.geojson"),
            &o,
        )
        .unwrap();
        let wgs =
            read_polygons("gemeente.geojson", &real("cbs/2025/gemeente.geojson"), &o).unwrap();
        let find = |l: &crate::io::geojson::PolygonLayer, c: &str| {
            l.features
                .iter()
                .find(|f| f.code == c)
                .unwrap()
                .geometry
                .clone()
        };
        // Amsterdam: RD planar area by shapely 223.3258 km²; the WGS84 file transformed to RD
        // with pyproj gives 223.2251 km² (the WGS84 file is rounded to 3 decimals).
        let a_rd = area_km2(&find(&rd, "GM0363"), Crs::RdNew);
        let a_wgs = area_km2(&find(&wgs, "GM0363"), Crs::Wgs84);
        assert!((a_rd - EXPECTED_AMS_RD).abs() < 0.01, "{a_rd}");
        assert!((a_wgs / a_rd - 1.0).abs() < 0.005, "{a_wgs} vs {a_rd}");
        // Geodesic area of the WGS84 outline against pyproj+shapely planar RD of the same outline.
        assert!((a_wgs / 223.2251 - 1.0).abs() < 0.0005, "{a_wgs}");
        // The whole country (land and water inside gemeente borders).
        let total_rd: f64 = rd
            .features
            .iter()
            .map(|f| area_km2(&f.geometry, Crs::RdNew))
            .sum();
        assert!((total_rd - EXPECTED_NL_RD).abs() < 1.0, "{total_rd}");
    }

    const EXPECTED_AMS_RD: f64 = 223.3258;
    const EXPECTED_NL_RD: f64 = 35075.68;
}
