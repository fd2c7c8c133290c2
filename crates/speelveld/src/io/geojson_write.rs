//! GeoJSON writer: dissolved region outlines as an RFC 7946 FeatureCollection (WGS84), or
//! in another CRS (RD New, any EPSG code) with a `crs` member naming it.

use serde_json::{Map, Value, json};

use crate::error::Error;
use crate::geometry::crs::{Reprojection, is_geographic};
use crate::geometry::dissolve::DissolvedRegion;
use crate::model::{Crs, Epsg};

/// Writes dissolved regions (outlines in `crs`, the atlas's) as GeoJSON in the CRS `out`:
/// [`Epsg::WGS84`] gives RFC 7946 (no `crs` member, longitude/latitude with 6 decimals);
/// any other EPSG code is reprojected to and named in a `crs` member
/// (`urn:ogc:def:crs:EPSG::n`, as GDAL writes it), with 2 decimals for metres. Properties
/// as [`to_geojson`]. An error names a code the EPSG table does not know.
///
/// # Examples
/// ```
/// use speelveld::geometry::dissolve::dissolve;
/// use speelveld::io::geojson_write::to_geojson_in;
/// use speelveld::model::Epsg;
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let pv = dissolve(&atlas, atlas.layout("provincie").unwrap()).unwrap();
/// let rd = to_geojson_in(&pv, atlas.crs, Epsg::RD_NEW).unwrap();
/// assert!(rd.contains("urn:ogc:def:crs:EPSG::28992"));
/// let wgs = to_geojson_in(&pv, atlas.crs, Epsg::WGS84).unwrap();
/// assert!(!wgs.contains("\"crs\""));
/// ```
pub fn to_geojson_in(regions: &[DissolvedRegion], crs: Crs, out: Epsg) -> Result<String, Error> {
    if Epsg::from(crs) == out {
        return Ok(to_geojson(regions, crs));
    }
    let r = Reprojection::new(Epsg::from(crs), out)?;
    let moved = regions
        .iter()
        .map(|d| {
            Ok(DissolvedRegion {
                geometry: r.multipolygon(&d.geometry)?,
                ..d.clone()
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let scale = if is_geographic(out)? { 1e6 } else { 1e2 };
    let member = (out != Epsg::WGS84).then_some(out);
    Ok(write(&moved, scale, member))
}

/// Writes dissolved regions as a GeoJSON FeatureCollection (RFC 7946: exteriors
/// counter-clockwise). Properties: `code`, `name`, `units` (count), `unit_codes`
/// (comma-separated), `partial_units` (drawn whole, though only partly in the region),
/// `undrawn_units` (partly in the region, but drawn in another: no outline of their part),
/// `area_km2`. WGS84 coordinates are written with 6
/// decimals (about 0.1 m); RD New coordinates with 2 decimals and a `crs` member naming
/// EPSG:28992 (outside RFC 7946, which knows only WGS84; QGIS and GDAL read it).
///
/// # Examples
/// ```
/// use speelveld::geometry::dissolve::dissolve;
/// use speelveld::io::geojson_write::to_geojson;
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let jz = dissolve(&atlas, atlas.layout("jeugdzorgregio").unwrap()).unwrap();
/// let text = to_geojson(&jz, atlas.crs);
/// let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(doc["features"].as_array().unwrap().len(), 42);
/// ```
pub fn to_geojson(regions: &[DissolvedRegion], crs: Crs) -> String {
    let scale = crate::geometry::snap::written_scale(crs);
    write(regions, scale, (crs == Crs::RdNew).then_some(Epsg::RD_NEW))
}

/// The FeatureCollection with coordinates on the grid `1 / scale` and, when given, a `crs`
/// member naming `member`.
fn write(regions: &[DissolvedRegion], scale: f64, member: Option<Epsg>) -> String {
    let round = |v: f64| (v * scale).round() / scale;
    let ring = |r: &geo::LineString<f64>| -> Value {
        Value::Array(
            r.0.iter()
                .map(|c| json!([round(c.x), round(c.y)]))
                .collect(),
        )
    };
    let features: Vec<Value> = regions
        .iter()
        .map(|r| {
            // Snapped to the written precision first, so rounding cannot make it invalid.
            let snapped = crate::geometry::snap::snap_to_grid(&r.geometry, scale);
            let polys: Vec<Value> = snapped
                .0
                .iter()
                .map(|p| {
                    Value::Array(
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(ring)
                            .collect(),
                    )
                })
                .collect();
            let mut props = Map::new();
            props.insert("code".into(), json!(r.code));
            props.insert("name".into(), json!(r.name));
            props.insert("units".into(), json!(r.units.len()));
            props.insert("unit_codes".into(), json!(r.units.join(",")));
            props.insert("partial_units".into(), json!(r.partial.join(",")));
            props.insert("undrawn_units".into(), json!(r.undrawn.join(",")));
            props.insert(
                "area_km2".into(),
                json!((r.area_km2 * 1000.0).round() / 1000.0),
            );
            json!({
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            })
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("type".into(), json!("FeatureCollection"));
    if let Some(e) = member {
        doc.insert(
            "crs".into(),
            json!({"type": "name", "properties": {"name": e.urn()}}),
        );
    }
    doc.insert("features".into(), Value::Array(features));
    // Serialising a Value cannot fail; fall back to an empty collection all the same.
    serde_json::to_string(&Value::Object(doc))
        .unwrap_or_else(|_| r#"{"type":"FeatureCollection","features":[]}"#.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;
    use crate::geometry::dissolve::dissolve;
    use geo::Validation;

    /// Every ring written for every embedded layout: valid by geo, and without what GEOS
    /// rejects after rounding (a vertex written twice in a row, a spike `A, B, A`). Before
    /// snapping, PO2504 and VO2504 had both at Westervoort (5.99, 51.974). Shapely's
    /// `is_valid` over the same output: benches/geopandas/valid_output.py.
    #[test]
    fn written_regions_of_every_embedded_layout_are_valid() {
        for year in [2015, 2025] {
            let a = atlas(Some(year)).unwrap();
            for l in a.layouts() {
                let text = to_geojson(&dissolve(&a, l).unwrap(), a.crs);
                let doc: geojson::FeatureCollection = text.parse().unwrap();
                for f in doc.features {
                    let code = f.property("code").cloned();
                    let g: geo::Geometry<f64> = f.geometry.unwrap().try_into().unwrap();
                    assert!(g.is_valid(), "{year} {} {code:?}", l.name());
                    let polys = match g {
                        geo::Geometry::Polygon(p) => vec![p],
                        geo::Geometry::MultiPolygon(m) => m.0,
                        other => panic!("{other:?}"),
                    };
                    for p in &polys {
                        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
                            let c = &r.0;
                            let n = c.len() - 1;
                            for i in 0..n {
                                let (a, b, d) = (c[i], c[(i + 1) % n], c[(i + 2) % n]);
                                assert!(a != b, "{year} {} {code:?}: {a:?} twice", l.name());
                                assert!(a != d, "{year} {} {code:?}: spike at {b:?}", l.name());
                            }
                        }
                    }
                }
            }
        }
    }
}
