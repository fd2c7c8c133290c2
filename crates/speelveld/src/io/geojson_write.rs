//! GeoJSON writer: dissolved region outlines as an RFC 7946 FeatureCollection (WGS84), or
//! with a `crs` member when the geometry is in RD New.

use serde_json::{Map, Value, json};

use crate::geometry::dissolve::DissolvedRegion;
use crate::model::Crs;

/// Writes dissolved regions as a GeoJSON FeatureCollection (RFC 7946: exteriors
/// counter-clockwise). Properties: `code`, `name`, `units` (count), `unit_codes`
/// (comma-separated), `partial_units`, `area_km2`. WGS84 coordinates are written with 6
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
    let scale = match crs {
        Crs::Wgs84 => 1e6,
        Crs::RdNew => 1e2,
    };
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
            let polys: Vec<Value> = r
                .geometry
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
    if crs == Crs::RdNew {
        doc.insert(
            "crs".into(),
            json!({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}),
        );
    }
    doc.insert("features".into(), Value::Array(features));
    // Serialising a Value cannot fail; fall back to an empty collection all the same.
    serde_json::to_string(&Value::Object(doc))
        .unwrap_or_else(|_| r#"{"type":"FeatureCollection","features":[]}"#.to_string())
}
