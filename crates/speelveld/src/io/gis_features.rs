//! The features a GIS file holds, as the GeoJSON reader takes them: rings, polygons,
//! attributes and the stated CRS, turned into a [`PolygonLayer`] by `layer_from_raw`.
//! Shared by the TopoJSON, Shapefile and GeoPackage readers ([`crate::io::gis`]).

use serde_json::{Map, Value, json};

use crate::error::Error;
use crate::io::geojson::{GeoJsonOptions, read_polygons};
use crate::io::text::MAX_ROWS;
use crate::model::{Crs, Note, NoteKind, PolygonLayer};

/// One ring: positions `[x, y]`, closed or not (the GeoJSON reader closes it, with a note).
pub type Ring = Vec<[f64; 2]>;

/// One polygon: its exterior ring, then its holes.
pub type PolygonRings = Vec<Ring>;

/// One feature as a GIS file holds it, before the GeoJSON reader checks it.
#[derive(Debug, Clone, Default)]
pub struct RawFeature {
    /// The attributes.
    pub properties: Map<String, Value>,
    /// A feature-level id (TopoJSON `id`), if any.
    pub id: Option<Value>,
    /// The geometry as a GeoJSON geometry object (`Value::Null` for a null geometry).
    pub geometry: Value,
}

/// A GeoJSON MultiPolygon geometry object of polygons.
pub fn multipolygon(polygons: &[PolygonRings]) -> Value {
    let coords: Vec<Value> = polygons
        .iter()
        .map(|p| {
            Value::Array(
                p.iter()
                    .map(|r| Value::Array(r.iter().map(|[x, y]| json!([x, y])).collect()))
                    .collect(),
            )
        })
        .collect();
    json!({"type": "MultiPolygon", "coordinates": coords})
}

/// Where the CRS of a layer came from, for the note when the file states none.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CrsSource {
    /// The file states it (a `.prj`, a GeoPackage `srs_id`).
    Stated(crate::model::Epsg),
    /// The file states none; `why` says what was missing (`no .prj beside the .shp`).
    Missing(&'static str),
}

/// The layer that `features` make, read by the GeoJSON reader (see the module docs).
pub(crate) fn layer_from_raw(
    path: &str,
    features: Vec<RawFeature>,
    crs: CrsSource,
    mut notes: Vec<Note>,
    fields: &GeoJsonOptions,
) -> Result<PolygonLayer, Error> {
    let features: Vec<Value> = features
        .into_iter()
        .map(|f| {
            let mut m = Map::new();
            m.insert("type".into(), json!("Feature"));
            if let Some(id) = f.id {
                m.insert("id".into(), id);
            }
            m.insert("properties".into(), Value::Object(f.properties));
            m.insert("geometry".into(), f.geometry);
            Value::Object(m)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("type".into(), json!("FeatureCollection"));
    if let CrsSource::Stated(c) = crs {
        doc.insert(
            "crs".into(),
            json!({"type": "name", "properties": {"name": c.urn()}}),
        );
    }
    doc.insert("features".into(), Value::Array(features));
    let text = serde_json::to_string(&Value::Object(doc)).map_err(|e| Error::GeoJson {
        path: path.into(),
        feature: "document".into(),
        message: format!("cannot hand the features on ({e}); expected plain numbers and text"),
    })?;
    let mut layer = read_polygons(path, &text, fields)?;
    if let CrsSource::Missing(why) = crs {
        notes.push(Note::new(
            path,
            NoteKind::GisFile,
            format!(
                "{why}; read as EPSG:{} ({}) from the range of the coordinates",
                layer.crs.epsg(),
                match layer.crs {
                    Crs::Wgs84 => "WGS84 degrees",
                    Crs::RdNew => "RD New metres",
                }
            ),
        ));
    }
    notes.append(&mut layer.notes);
    layer.notes = notes;
    Ok(layer)
}

/// The message for a file of more features than [`MAX_ROWS`].
pub(crate) fn too_many(what: &str) -> String {
    format!(
        "more than {MAX_ROWS} {what}; expected at most {MAX_ROWS} (the row limit: simplify or split the file)"
    )
}
