//! TopoJSON reader (CBS and mapshaper publish layers as TopoJSON): a `Topology` whose
//! objects are built from shared arcs, with an optional quantisation `transform` (then the
//! arcs are delta-encoded integers). Polygon and MultiPolygon geometries, as members of a
//! GeometryCollection (one feature each) or alone, become the features of a
//! [`PolygonLayer`] as [`crate::io::gis`] describes.
//!
//! Which object: the only one; with several, the one named after `#` (`regions.topojson#provincie`);
//! without a name, an error lists them. No CRS is stated in TopoJSON: it is taken from the
//! range of the coordinates, with a note.
//!
//! # Examples
//! ```
//! use speelveld::io::geojson::GeoJsonOptions;
//! use speelveld::io::topojson::read_topojson;
//! // A quantised square of 0.1° near Utrecht: arc 0 runs round it, delta-encoded.
//! let text = r#"{"type":"Topology",
//!   "transform":{"scale":[0.1,0.1],"translate":[5,52]},
//!   "arcs":[[[0,0],[1,0],[0,1],[-1,0],[0,-1]]],
//!   "objects":{"gemeente":{"type":"GeometryCollection","geometries":[
//!     {"type":"Polygon","arcs":[[0]],"properties":{"statcode":"GM0344","statnaam":"Utrecht"}}]}}}"#;
//! let layer = read_topojson("g.topojson", text, None, &GeoJsonOptions::default()).unwrap();
//! assert_eq!(layer.features[0].code, "GM0344");
//! assert_eq!(layer.crs, speelveld::Crs::Wgs84);
//! ```

use serde_json::{Map, Value, json};

use crate::error::Error;
use crate::io::geojson::GeoJsonOptions;
use crate::io::gis_features::{CrsSource, PolygonRings, RawFeature, Ring, layer_from_raw};
use crate::model::PolygonLayer;

/// Positions a topology may expand to, per position its arcs hold (a legal topology uses an
/// arc at most twice per object), plus a margin; more is an error, never a blow-up.
const EXPANSION: usize = 8;

/// Reads the object `object` (or the only one) of a TopoJSON topology. `path` names the
/// source in errors.
pub fn read_topojson(
    path: &str,
    text: &str,
    object: Option<&str>,
    fields: &GeoJsonOptions,
) -> Result<PolygonLayer, Error> {
    let err = |at: &str, message: String| Error::GeoJson {
        path: path.into(),
        feature: at.into(),
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "a TopoJSON topology".into(),
        });
    }
    let doc: Value = crate::io::geojson::parse_json(text).map_err(|e| {
        err(
            &format!("line {} column {}", e.line(), e.column()),
            format!("not valid JSON ({e}); expected a TopoJSON topology"),
        )
    })?;
    if doc.get("type").and_then(Value::as_str) != Some("Topology") {
        return Err(err("document", "expected \"type\": \"Topology\"".into()));
    }
    let arcs = decode_arcs(&doc).map_err(|m| err("arcs", m))?;
    let objects = doc
        .get("objects")
        .and_then(Value::as_object)
        .ok_or_else(|| err("document", "expected an \"objects\" member".into()))?;
    let (name, obj) = choose_object(objects, object).map_err(|m| err("objects", m))?;
    let members: Vec<&Value> = match obj.get("type").and_then(Value::as_str) {
        Some("GeometryCollection") => obj
            .get("geometries")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                err(
                    &format!("object '{name}'"),
                    "a GeometryCollection without a \"geometries\" array".into(),
                )
            })?
            .iter()
            .collect(),
        _ => vec![obj],
    };
    if members.len() > crate::io::text::MAX_ROWS {
        return Err(err(
            &format!("object '{name}'"),
            crate::io::gis_features::too_many("geometries"),
        ));
    }
    let total: usize = arcs.iter().map(Vec::len).sum();
    let mut budget = total.saturating_mul(EXPANSION).saturating_add(1_000_000);
    let mut features = Vec::with_capacity(members.len());
    for (i, g) in members.into_iter().enumerate() {
        let at = format!("object '{name}' geometry {}", i + 1);
        let geometry = geometry(g, &arcs, &mut budget).map_err(|m| err(&at, m))?;
        features.push(RawFeature {
            properties: g
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            id: g.get("id").cloned(),
            geometry,
        });
    }
    layer_from_raw(
        path,
        features,
        CrsSource::Missing("a TopoJSON states no CRS"),
        Vec::new(),
        fields,
    )
}

/// The object named `wanted`, or the only one; an error lists the objects otherwise.
fn choose_object<'a>(
    objects: &'a Map<String, Value>,
    wanted: Option<&str>,
) -> Result<(&'a str, &'a Value), String> {
    let names = || {
        objects
            .keys()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) => objects
            .get_key_value(w)
            .map(|(k, v)| (k.as_str(), v))
            .ok_or_else(|| format!("no object '{w}'; expected one of {}", names())),
        None => {
            let mut it = objects.iter();
            match (it.next(), it.next()) {
                (Some((k, v)), None) => Ok((k.as_str(), v)),
                (None, _) => Err("no objects; expected one object of polygons".into()),
                _ => Err(format!(
                    "{} objects ({}); expected one, or FILE#OBJECT to choose",
                    objects.len(),
                    names()
                )),
            }
        }
    }
}

/// The arcs as absolute positions: quantised and delta-encoded when the topology has a
/// `transform`, absolute otherwise.
fn decode_arcs(doc: &Value) -> Result<Vec<Ring>, String> {
    let transform = match doc.get("transform") {
        None | Some(Value::Null) => None,
        Some(t) => {
            let pair = |key: &str| -> Result<[f64; 2], String> {
                let v = t.get(key).and_then(Value::as_array);
                match v.map(|a| {
                    (
                        a.first().and_then(Value::as_f64),
                        a.get(1).and_then(Value::as_f64),
                    )
                }) {
                    Some((Some(a), Some(b))) if a.is_finite() && b.is_finite() => Ok([a, b]),
                    _ => Err(format!(
                        "the transform's \"{key}\" is not two numbers; expected \"{key}\": [x, y]"
                    )),
                }
            };
            Some((pair("scale")?, pair("translate")?))
        }
    };
    let arcs = doc
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or("no \"arcs\" array; expected the topology's arcs")?;
    let mut out = Vec::with_capacity(arcs.len());
    for (i, arc) in arcs.iter().enumerate() {
        let pts = arc
            .as_array()
            .ok_or_else(|| format!("arc {i} is not an array of positions"))?;
        let mut ring = Vec::with_capacity(pts.len());
        let (mut qx, mut qy) = (0.0, 0.0);
        for p in pts {
            let xy = p.as_array();
            let (Some(x), Some(y)) = (
                xy.and_then(|a| a.first()).and_then(Value::as_f64),
                xy.and_then(|a| a.get(1)).and_then(Value::as_f64),
            ) else {
                return Err(format!("arc {i}: position {p} is not [x, y] numbers"));
            };
            let pos = match transform {
                Some(([sx, sy], [tx, ty])) => {
                    qx += x;
                    qy += y;
                    [qx * sx + tx, qy * sy + ty]
                }
                None => [x, y],
            };
            if !pos[0].is_finite() || !pos[1].is_finite() {
                return Err(format!("arc {i}: position {p} is not finite"));
            }
            ring.push(pos);
        }
        out.push(ring);
    }
    Ok(out)
}

/// A TopoJSON geometry as a GeoJSON geometry object.
fn geometry(g: &Value, arcs: &[Ring], budget: &mut usize) -> Result<Value, String> {
    let kind = match g.get("type") {
        None | Some(Value::Null) => return Ok(Value::Null),
        Some(t) => t.as_str().ok_or("a geometry type that is not text")?,
    };
    let refs = g.get("arcs");
    let polygons: Vec<PolygonRings> = match kind {
        "Polygon" => vec![polygon(refs, arcs, budget)?],
        "MultiPolygon" => refs
            .and_then(Value::as_array)
            .ok_or("MultiPolygon arcs are not an array of polygons")?
            .iter()
            .map(|p| polygon(Some(p), arcs, budget))
            .collect::<Result<_, _>>()?,
        // The GeoJSON reader names the type in its message.
        other => return Ok(json!({"type": other, "coordinates": []})),
    };
    Ok(crate::io::gis_features::multipolygon(&polygons))
}

fn polygon(
    refs: Option<&Value>,
    arcs: &[Ring],
    budget: &mut usize,
) -> Result<PolygonRings, String> {
    refs.and_then(Value::as_array)
        .ok_or("polygon arcs are not an array of rings")?
        .iter()
        .map(|r| ring(r, arcs, budget))
        .collect()
}

/// A ring from its arc indices (`~i`, that is `-i - 1`, runs arc `i` backwards); each arc
/// after the first leaves out its first position, the last of the one before.
fn ring(refs: &Value, arcs: &[Ring], budget: &mut usize) -> Result<Ring, String> {
    let refs = refs
        .as_array()
        .ok_or("a ring is not an array of arc indices")?;
    let mut out: Ring = Vec::new();
    for r in refs {
        let i = r
            .as_i64()
            .ok_or_else(|| format!("arc index {r} is not an integer"))?;
        let (index, reversed) = if i < 0 { (!i, true) } else { (i, false) };
        let arc = usize::try_from(index)
            .ok()
            .and_then(|k| arcs.get(k))
            .ok_or_else(|| {
                format!(
                    "arc index {i} refers to arc {index}, but the topology has {} arcs",
                    arcs.len()
                )
            })?;
        *budget = budget.checked_sub(arc.len()).ok_or(
            "the arcs expand to far more positions than the topology holds; expected each arc used at most twice",
        )?;
        let skip = usize::from(!out.is_empty());
        if reversed {
            out.extend(arc.iter().rev().skip(skip));
        } else {
            out.extend(arc.iter().skip(skip));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fixtures::real_text;

    fn read(text: &str, object: Option<&str>) -> Result<PolygonLayer, Error> {
        read_topojson("t.topojson", text, object, &GeoJsonOptions::default())
    }

    #[test]
    fn reads_the_quantised_gemeenten() {
        let l = read(&real_text("gis/gemeente.topojson"), None).unwrap();
        assert_eq!(l.features.len(), 342);
        assert_eq!(l.code_field, "statcode");
        let f = l.features.iter().find(|f| f.code == "GM1900").unwrap();
        assert_eq!(f.name, "Súdwest-Fryslân");
        assert!(l.notes.iter().any(|n| {
            n.text
                .contains("a TopoJSON states no CRS; read as EPSG:4326")
        }));
    }

    #[test]
    fn several_objects_need_a_name() {
        let text = real_text("gis/regions.topojson");
        let e = read(&text, None).unwrap_err().to_string();
        assert_eq!(
            e,
            "t.topojson: objects: 2 objects ('jeugdzorgregio', 'provincie'); expected one, or FILE#OBJECT to choose"
        );
        assert_eq!(read(&text, Some("provincie")).unwrap().features.len(), 12);
        let e = read(&text, Some("gemeente")).unwrap_err().to_string();
        assert!(
            e.contains("no object 'gemeente'; expected one of 'jeugdzorgregio', 'provincie'"),
            "{e}"
        );
    }

    #[test]
    fn reversed_arcs_and_absolute_positions() {
        // Two squares sharing the arc 0 (x = 5.1): the second runs it backwards.
        let text = r#"{"type":"Topology","arcs":[[[5.1,52.0],[5.1,52.1]],
          [[5.1,52.1],[5.0,52.1],[5.0,52.0],[5.1,52.0]],
          [[5.1,52.0],[5.2,52.0],[5.2,52.1],[5.1,52.1]]],
          "objects":{"x":{"type":"GeometryCollection","geometries":[
            {"type":"Polygon","arcs":[[0,1]],"properties":{"code":"A"}},
            {"type":"MultiPolygon","arcs":[[[2,-1]]],"properties":{"code":"B"}}]}}}"#;
        let l = read(text, None).unwrap();
        use geo::Area;
        for f in &l.features {
            assert!(
                (f.geometry.unsigned_area() - 0.01).abs() < 1e-9,
                "{}",
                f.code
            );
        }
    }

    #[test]
    fn bad_topologies_say_what_is_wrong() {
        let e = read("", None).unwrap_err().to_string();
        assert_eq!(
            e,
            "t.topojson: the file is empty; expected a TopoJSON topology"
        );
        let text = real_text("gis/jeugdzorgregio.topojson");
        let e = read(&text[..text.len() / 2], None).unwrap_err().to_string();
        assert!(
            e.contains("not valid JSON") && e.contains("expected a TopoJSON topology"),
            "{e}"
        );
        let bad_arc = r#"{"type":"Topology","arcs":[[[5,52],[5.1,52],[5,52.1]]],"objects":{"x":{"type":"Polygon","arcs":[[7]],"properties":{"code":"A"}}}}"#;
        let e = read(bad_arc, None).unwrap_err().to_string();
        assert_eq!(
            e,
            "t.topojson: object 'x' geometry 1: arc index 7 refers to arc 7, but the topology has 1 arcs"
        );
        let point = r#"{"type":"Topology","arcs":[],"objects":{"x":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[5,52],"properties":{"code":"A"}}]}}}"#;
        let e = read(point, None).unwrap_err().to_string();
        assert!(
            e.contains("feature 1 (A): a Point geometry; expected a Polygon or MultiPolygon"),
            "{e}"
        );
        // One arc used a million times: refused, not expanded.
        let refs = vec!["0"; 1_000_000].join(",");
        let many = format!(
            r#"{{"type":"Topology","arcs":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]],"objects":{{"x":{{"type":"Polygon","arcs":[[{refs}]]}}}}}}"#
        );
        let e = read(&many, None).unwrap_err().to_string();
        assert!(e.contains("expand to far more positions"), "{e}");
        // A property given twice: an error, not the last one silently.
        let twice = r#"{"type":"Topology","arcs":[],"objects":{"x":{"type":"Polygon","arcs":[],"properties":{"code":"A","code":"B"}}}}"#;
        let e = read(twice, None).unwrap_err().to_string();
        assert!(
            e.contains("the key 'code' appears twice in one object"),
            "{e}"
        );
        let transform = r#"{"type":"Topology","transform":{"scale":[1]},"arcs":[],"objects":{}}"#;
        let e = read(transform, None).unwrap_err().to_string();
        assert!(
            e.contains("arcs: the transform's \"scale\" is not two numbers"),
            "{e}"
        );
    }
}
