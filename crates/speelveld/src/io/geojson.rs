//! GeoJSON reader: a FeatureCollection of Polygon/MultiPolygon features, such as the CBS/PDOK
//! gebiedsindelingen (properties `statcode`, `statnaam`).
//!
//! Rings are normalised on read (exteriors counter-clockwise, holes clockwise, as RFC 7946
//! asks), because boolean operations infer their fill rule from ring orientation.

use geo::orient::{Direction, Orient};
use geo::{BoundingRect, MultiPolygon, Polygon};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::io::geojson_parse::Meta;
use crate::model::{Crs, Epsg, Note, NoteKind};

/// Property names tried, in order, for a feature's code when none is given.
pub const CODE_FIELDS: &[&str] = &[
    "statcode",
    "code",
    "gemeentecode",
    "gm_code",
    "gmcode",
    "regiocode",
    "id",
];
/// Property names tried, in order, for a feature's name when none is given.
pub const NAME_FIELDS: &[&str] = &[
    "statnaam",
    "naam",
    "name",
    "gemeentenaam",
    "gm_naam",
    "regionaam",
];

/// Which properties hold the code and the name.
#[derive(Debug, Clone, Default)]
pub struct GeoJsonOptions {
    /// The code property; `None` detects it from [`CODE_FIELDS`].
    pub code_field: Option<String>,
    /// The name property; `None` detects it from [`NAME_FIELDS`].
    pub name_field: Option<String>,
    /// The CRS of the coordinates, overriding the file's `crs` member (with a note when it
    /// differs) or its absence; `None`: the `crs` member, else WGS84 or RD New by the
    /// coordinates' range. Any CRS other than WGS84 and RD New is reprojected to RD New.
    pub crs: Option<Epsg>,
}

pub use crate::model::{PolygonFeature, PolygonLayer};

/// The property names of the features (in the order first seen, at most 12), for messages.
fn property_names(features: &[Meta]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for f in features {
        for k in f.properties.keys() {
            if !names.contains(&k.as_str()) {
                names.push(k);
            }
        }
    }
    let more = names.len().saturating_sub(12);
    let mut text = names.into_iter().take(12).collect::<Vec<_>>().join(", ");
    if text.is_empty() {
        text = "no properties".into();
    } else if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Reads a FeatureCollection of polygons from text. `path` names the source in errors.
///
/// # Examples
/// ```
/// use speelveld::io::geojson::{read_polygons, GeoJsonOptions};
/// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"statcode":"GM0001","statnaam":"Een"},
///   "geometry":{"type":"Polygon","coordinates":[[[5,52],[5,52.1],[5.1,52.1],[5.1,52],[5,52]]]}}]}"#;
/// let layer = read_polygons("demo.geojson", text, &GeoJsonOptions::default()).unwrap();
/// assert_eq!(layer.features[0].code, "GM0001");
/// assert_eq!(layer.crs, speelveld::Crs::Wgs84);
/// ```
pub fn read_polygons(path: &str, text: &str, opts: &GeoJsonOptions) -> Result<PolygonLayer, Error> {
    read(path, text, opts, true)
}

/// [`read_polygons`], with (`fast`) or without the fast path of
/// [`crate::io::geojson_parse`]: both give the same answer.
fn read(path: &str, text: &str, opts: &GeoJsonOptions, fast: bool) -> Result<PolygonLayer, Error> {
    let err = |feature: String, message: String| Error::GeoJson {
        path: path.to_string(),
        feature,
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "a GeoJSON FeatureCollection".into(),
        });
    }
    let (obj, features) = match fast
        .then(|| crate::io::geojson_parse::parse(text))
        .flatten()
    {
        Some(doc) => {
            let (metas, geoms) = doc
                .features
                .into_iter()
                .map(|f| (f.meta, Geometry::Parsed(f.geometry, f.open_rings)))
                .unzip();
            (doc.members, Some((metas, geoms)))
        }
        None => parse_general(text, err)?,
    };
    let obj = &obj;
    if obj.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(err(
            "document".into(),
            format!(
                "expected \"type\": \"FeatureCollection\", found {}",
                obj.get("type")
                    .map_or("no type".to_string(), |t| t.to_string())
            ),
        ));
    }
    let declared = declared_crs(obj).map_err(|m| err("crs".into(), m))?;
    let (mut metas, geometries): (Vec<Meta>, Vec<Geometry>) =
        features.ok_or_else(|| err("document".into(), "expected a \"features\" array".into()))?;
    if metas.is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "at least one polygon feature".into(),
        });
    }
    let features: &[Meta] = &metas;
    let code_field = match &opts.code_field {
        Some(f) => f.clone(),
        None => detect_field(features, CODE_FIELDS).ok_or_else(|| {
            err(
                "feature 1".into(),
                format!(
                    "no code property; expected one of {} (the features have: {})",
                    CODE_FIELDS.join(", "),
                    property_names(features)
                ),
            )
        })?,
    };
    let name_field = match &opts.name_field {
        Some(f) => Some(f.clone()),
        None => detect_field(features, NAME_FIELDS),
    };
    if let Some(f) = &opts.name_field {
        let has = |x: &Meta| x.properties.get(f).is_some_and(|v| !v.is_null());
        if !features.iter().any(has) {
            return Err(err(
                "document".into(),
                format!(
                    "no feature has the name property '{f}'; expected it on the features (they \
                     have: {})",
                    property_names(features)
                ),
            ));
        }
    }
    let mut notes = Vec::new();
    let mut out = Vec::with_capacity(features.len());
    for ((i, f), geometry) in features.iter().enumerate().zip(geometries) {
        let props = &f.properties;
        let code = match props
            .get(&code_field)
            .or_else(|| (code_field == "id").then_some(f.id.as_ref()).flatten())
        {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                let with = features
                    .iter()
                    .filter(|f| f.properties.get(&code_field).is_some_and(|v| !v.is_null()))
                    .count();
                let found = if with == 0 {
                    format!(" (the features have: {})", property_names(features))
                } else {
                    String::new()
                };
                return Err(err(
                    format!("feature {}", i + 1),
                    format!(
                        "no value for the code property '{code_field}' (which {with} of the {} features have){found}; expected every feature to have its code there",
                        features.len()
                    ),
                ));
            }
        };
        // Only messages and notes name the feature: no text is built for the others.
        let label = || format!("feature {} ({code})", i + 1);
        let name = name_field
            .as_ref()
            .and_then(|n| props.get(n))
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string();
        let (geometry, open) = match geometry {
            Geometry::Parsed(g, open) => (g, open),
            Geometry::Json(geom) => {
                if geom.is_null() {
                    return Err(err(
                        label(),
                        "the geometry is missing or null; expected a Polygon or MultiPolygon (a \
                         unit without an outline belongs in a table, not in a GeoJSON file)"
                            .into(),
                    ));
                }
                let g = parse_polygonal(&geom).map_err(|m| err(label(), m))?;
                (g, unclosed_rings(&geom))
            }
        };
        if open > 0 {
            notes.push(Note::new(
                path,
                NoteKind::ClosedRings,
                format!(
                    "{}: {open} ring(s) not closed (first position ≠ last); closed them",
                    label()
                ),
            ));
        }
        out.push(PolygonFeature {
            index: i,
            code,
            name,
            geometry,
            properties: Map::new(),
        });
    }
    // The properties are moved, not copied, once every feature has been read.
    for (feature, meta) in out.iter_mut().zip(metas.iter_mut()) {
        feature.properties = std::mem::take(&mut meta.properties);
    }
    let crs =
        settle_crs(path, declared, opts.crs, &mut out, &mut notes).map_err(|(f, m)| err(f, m))?;
    Ok(PolygonLayer {
        features: out,
        crs,
        code_field,
        notes,
    })
}

/// Parses JSON like `serde_json::from_str::<Value>`, but a key that appears twice in one
/// object is an error (serde_json keeps the last silently: a feature with two `statcode`s
/// would get one of them without a word).
pub(crate) fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    let v = crate::io::geojson_parse::StrictValue.deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

/// A feature's geometry as the reader got it: a JSON value (general path) or polygons
/// already parsed, with the number of rings that were not closed (fast path).
enum Geometry {
    Json(Value),
    Parsed(MultiPolygon<f64>, usize),
}

/// The features of a document: what the reader uses of each besides its geometry, and the
/// geometries.
type Features = (Vec<Meta>, Vec<Geometry>);

/// The general path: the whole document as a `Value`, split into its members and its
/// features (the `properties` and `id` of each, and its geometry).
fn parse_general(
    text: &str,
    err: impl Fn(String, String) -> Error,
) -> Result<(Map<String, Value>, Option<Features>), Error> {
    let doc: Value = parse_json(text).map_err(|e| {
        err(
            format!("line {} column {}", e.line(), e.column()),
            format!("not valid JSON ({e}); expected a GeoJSON FeatureCollection"),
        )
    })?;
    let Value::Object(mut obj) = doc else {
        return Err(err(
            "document".into(),
            "expected a JSON object (a FeatureCollection)".into(),
        ));
    };
    let features = match obj.remove("features") {
        Some(Value::Array(v)) => Some(
            v.into_iter()
                .map(|f| {
                    let Value::Object(mut o) = f else {
                        return (Meta::default(), Geometry::Json(Value::Null));
                    };
                    let properties = match o.remove("properties") {
                        Some(Value::Object(p)) => p,
                        _ => Map::new(),
                    };
                    let meta = Meta {
                        properties,
                        id: o.remove("id"),
                    };
                    let g = o.remove("geometry").unwrap_or(Value::Null);
                    (meta, Geometry::Json(g))
                })
                .unzip(),
        ),
        Some(other) => {
            // Not an array: put it back, so the messages below see the document as it was.
            obj.insert("features".into(), other);
            None
        }
        None => None,
    };
    Ok((obj, features))
}

/// The number of rings of a Polygon/MultiPolygon geometry whose first and last positions
/// differ (GeoJSON requires closed rings; the reader closes them and says so).
fn unclosed_rings(geom: &Value) -> usize {
    let Some(coords) = geom.get("coordinates").and_then(Value::as_array) else {
        return 0;
    };
    let open = |ring: &Value| {
        ring.as_array()
            .is_some_and(|pts| pts.len() > 1 && pts.first() != pts.last())
    };
    let polygon = |p: &Value| {
        p.as_array()
            .map_or(0, |rings| rings.iter().filter(|r| open(r)).count())
    };
    match geom.get("type").and_then(Value::as_str) {
        Some("Polygon") => polygon(&Value::Array(coords.clone())),
        Some("MultiPolygon") => coords.iter().map(polygon).sum(),
        _ => 0,
    }
}

/// The property that holds a feature's code or name, chosen over all features: the first
/// candidate (in order of preference) that more than half of the features have, else the
/// one most features have; a feature without it is then an error naming it, rather than
/// every feature read by another property. A feature-level `id` counts for `id`.
fn detect_field(features: &[Meta], candidates: &[&str]) -> Option<String> {
    fn has<'a>(f: &'a Meta, c: &str) -> Option<&'a str> {
        match f.properties.keys().find(|k| k.eq_ignore_ascii_case(c)) {
            Some(k) => Some(k),
            None if c == "id" && f.id.is_some() => Some("id"),
            None => None,
        }
    }
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        // The first feature's spelling of the key, and how many features have it.
        let mut with = features.iter().filter_map(|f| has(f, c));
        let Some(key) = with.next() else {
            continue;
        };
        let count = 1 + with.count();
        let key = key.to_string();
        if 2 * count > features.len() {
            return Some(key);
        }
        if best.as_ref().is_none_or(|(n, _)| count > *n) {
            best = Some((count, key));
        }
    }
    best.map(|(_, k)| k)
}

/// The CRS a `crs` member declares, in the forms GDAL and QGIS write: `EPSG:n`,
/// `urn:ogc:def:crs:EPSG::n`, `http://www.opengis.net/def/crs/EPSG/0/n`, OGC CRS84.
/// `Ok(None)` without a `crs` member; a `crs` member that names no CRS is an error (reading
/// the coordinates in a guessed CRS would be silent). Whether the EPSG table knows the code
/// is for [`settle_crs`] to say.
fn declared_crs(obj: &Map<String, Value>) -> Result<Option<Epsg>, String> {
    let Some(crs) = obj.get("crs") else {
        return Ok(None);
    };
    if crs.is_null() {
        return Ok(None);
    }
    let expected = "expected \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:28992\"}} (any EPSG code), or no crs member for WGS84";
    let name = match crs {
        Value::String(s) => s.as_str(),
        Value::Object(_) => match crs.get("properties").and_then(|p| p.get("name")) {
            Some(Value::String(s)) => s.as_str(),
            _ => {
                let kind = crs.get("type").and_then(Value::as_str).unwrap_or("no type");
                return Err(format!(
                    "a crs of type '{kind}' that names no CRS; {expected}"
                ));
            }
        },
        other => return Err(format!("a crs member {other}; {expected}")),
    };
    name.parse::<Epsg>()
        .map(Some)
        .map_err(|_| format!("'{name}' is not a CRS name; {expected}"))
}

/// The CRS the layer ends in, with its coordinates checked: the given CRS (a note when it
/// overrides the `crs` member), else the declared one, else WGS84 or RD New by range. A CRS
/// other than those two is reprojected to RD New, with a note; coordinates that do not fit
/// the CRS are an error naming the feature and the CRS the numbers look like.
fn settle_crs(
    path: &str,
    declared: Option<Epsg>,
    given: Option<Epsg>,
    features: &mut [PolygonFeature],
    notes: &mut Vec<Note>,
) -> Result<Crs, (String, String)> {
    let source = match (given, declared) {
        (Some(g), Some(d)) if g != d => {
            notes.push(Note::new(
                path,
                NoteKind::Reprojected,
                format!("the crs member says {d}; the coordinates are read as {g}, as given"),
            ));
            Some(g)
        }
        (Some(g), _) => Some(g),
        (None, d) => d,
    };
    let Some(source) = source else {
        let crs = infer_crs(features);
        check_range(features, crs)?;
        return Ok(crs);
    };
    if let Some(crs) = source.native() {
        check_range(features, crs)?;
        return Ok(crs);
    }
    let to_rd = crate::geometry::crs::Reprojection::new(source, Epsg::RD_NEW)
        .map_err(|e| ("crs".to_string(), e.to_string()))?;
    let (x0, y0, x1, y1) = RD_RANGE;
    for f in features.iter_mut() {
        let label = format!("feature {} ({})", f.index + 1, f.code);
        let Some(r) = f.geometry.bounding_rect() else {
            continue;
        };
        let misfit = |why: &str| {
            let like = crate::geometry::crs::looks_like(&r)
                .map_or(String::new(), |l| format!("; the numbers look like {l}"));
            (
                label.clone(),
                format!(
                    "coordinates ({}, {})–({}, {}) {why} when read as {source}{like}; expected \
                     coordinates of the Netherlands in {source}",
                    short(r.min().x),
                    short(r.min().y),
                    short(r.max().x),
                    short(r.max().y),
                ),
            )
        };
        let rd = to_rd
            .multipolygon(&f.geometry)
            .map_err(|_| misfit("cannot be converted to RD New"))?;
        let inside = rd.bounding_rect().is_some_and(|b| {
            b.min().x >= x0 && b.max().x <= x1 && b.min().y >= y0 && b.max().y <= y1
        });
        if !inside {
            return Err(misfit("lie outside the Netherlands"));
        }
        f.geometry = rd;
    }
    notes.push(Note::new(
        path,
        NoteKind::Reprojected,
        format!(
            "coordinates in {source} reprojected to RD New (EPSG:28992), in which areas are \
             measured"
        ),
    ));
    Ok(Crs::RdNew)
}

/// RD New's range with a margin, in metres: (min x, min y, max x, max y).
const RD_RANGE: (f64, f64, f64, f64) = (-100_000.0, 200_000.0, 400_000.0, 700_000.0);

/// The CRS of a layer without a `crs` member, from its coordinates: RD New when most
/// features have coordinates beyond the range of degrees, else WGS84 (so one feature with a
/// broken coordinate is the one named in the range error, not every other one).
fn infer_crs(features: &[PolygonFeature]) -> Crs {
    let big = features
        .iter()
        .filter(|f| {
            f.geometry
                .bounding_rect()
                .is_some_and(|r| r.max().x.abs() > 180.0 || r.max().y.abs() > 90.0)
        })
        .count();
    if 2 * big > features.len() {
        Crs::RdNew
    } else {
        Crs::Wgs84
    }
}

/// A coordinate for a message: one decimal, or scientific notation when it is huge (a
/// coordinate such as 1e300 would otherwise print as 300 digits).
fn short(v: f64) -> String {
    if v.abs() < 1e9 {
        format!("{v:.1}")
    } else {
        format!("{v:e}")
    }
}

/// The Netherlands with a margin of about 100 km, in WGS84 degrees: (min lon, min lat,
/// max lon, max lat).
const NL_WGS84: (f64, f64, f64, f64) = (1.5, 49.5, 9.0, 55.5);

fn check_range(features: &[PolygonFeature], crs: Crs) -> Result<(), (String, String)> {
    for f in features {
        let Some(r) = f.geometry.bounding_rect() else {
            continue;
        };
        let (x0, y0, x1, y1) = NL_WGS84;
        let in_nl =
            |ax: f64, ay: f64, bx: f64, by: f64| ax >= x0 && bx <= x1 && ay >= y0 && by <= y1;
        let (min, max) = (r.min(), r.max());
        let plausible = min.x >= -180.0 && max.x <= 180.0 && min.y >= -90.0 && max.y <= 90.0;
        if crs == Crs::Wgs84 && plausible && !in_nl(min.x, min.y, max.x, max.y) {
            let swapped = in_nl(min.y, min.x, max.y, max.x);
            return Err((
                format!("feature {} ({})", f.index + 1, f.code),
                format!(
                    "coordinates ({}, {})–({}, {}) lie outside the Netherlands (longitude {x0}–{x1}, latitude {y0}–{y1}); {}",
                    short(min.x),
                    short(min.y),
                    short(max.x),
                    short(max.y),
                    if swapped {
                        "they look like [latitude, longitude]: expected [longitude, latitude], as GeoJSON asks"
                    } else {
                        "expected Dutch data in WGS84 degrees or RD New metres"
                    }
                ),
            ));
        }
        let ok = match crs {
            Crs::Wgs84 => {
                r.min().x >= -180.0 && r.max().x <= 180.0 && r.min().y >= -90.0 && r.max().y <= 90.0
            }
            Crs::RdNew => {
                let (x0, y0, x1, y1) = RD_RANGE;
                r.min().x >= x0 && r.max().x <= x1 && r.min().y >= y0 && r.max().y <= y1
            }
        };
        if !ok {
            let like = crate::geometry::crs::looks_like(&r)
                .map_or(String::new(), |l| format!("; the numbers look like {l}"));
            return Err((
                format!("feature {} ({})", f.index + 1, f.code),
                format!(
                    "coordinates ({}, {})–({}, {}) lie outside the range of {}; expected {}{like}",
                    short(r.min().x),
                    short(r.min().y),
                    short(r.max().x),
                    short(r.max().y),
                    match crs {
                        Crs::Wgs84 => "EPSG:4326",
                        Crs::RdNew => "EPSG:28992",
                    },
                    match crs {
                        Crs::Wgs84 => "longitude/latitude in degrees",
                        Crs::RdNew => "RD New metres within the Netherlands",
                    },
                ),
            ));
        }
    }
    Ok(())
}

/// Parses a GeoJSON geometry object into a MultiPolygon with normalised ring orientation.
pub fn parse_polygonal(geom: &Value) -> Result<MultiPolygon<f64>, String> {
    let kind = geom.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = geom
        .get("coordinates")
        .ok_or_else(|| format!("{kind} geometry has no coordinates"))?;
    let polys = match kind {
        "Polygon" => vec![polygon(coords)?],
        "MultiPolygon" => coords
            .as_array()
            .ok_or("MultiPolygon coordinates are not an array")?
            .iter()
            .map(polygon)
            .collect::<Result<Vec<_>, _>>()?,
        "" => return Err("geometry has no type; expected a Polygon or MultiPolygon".into()),
        other => {
            return Err(format!(
                "a {other} geometry; expected a Polygon or MultiPolygon"
            ));
        }
    };
    if polys.is_empty() {
        return Err("an empty MultiPolygon; expected at least one polygon".into());
    }
    Ok(MultiPolygon(polys).orient(Direction::Default))
}

fn polygon(v: &Value) -> Result<Polygon<f64>, String> {
    let rings = v
        .as_array()
        .ok_or("polygon coordinates are not an array of rings")?;
    let mut rings = rings.iter().map(ring);
    let exterior = rings.next().ok_or("a polygon without rings")??;
    let interiors = rings.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn ring(v: &Value) -> Result<geo::LineString<f64>, String> {
    let pts = v.as_array().ok_or("a ring is not an array of positions")?;
    let mut out = Vec::with_capacity(pts.len());
    for p in pts {
        let xy = p.as_array().ok_or("a position is not an array")?;
        let (Some(x), Some(y)) = (
            xy.first().and_then(Value::as_f64),
            xy.get(1).and_then(Value::as_f64),
        ) else {
            return Err(format!("position {p} is not [x, y] numbers"));
        };
        if !x.is_finite() || !y.is_finite() {
            return Err(format!("position {p} is not finite"));
        }
        out.push(geo::coord! { x: x, y: y });
    }
    if out.len() < 3 {
        return Err(format!(
            "a ring with {} positions; expected at least 4 (closed)",
            out.len()
        ));
    }
    let mut ls = geo::LineString::new(out);
    ls.close();
    Ok(ls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;

    use crate::io::fixtures::real_text as real;

    #[test]
    fn reads_cbs_2025_gemeenten() {
        let l = read_polygons(
            "gemeente.geojson",
            &real("cbs/2025/gemeente.geojson"),
            &GeoJsonOptions::default(),
        )
        .unwrap();
        assert_eq!(l.features.len(), 342);
        assert_eq!(l.crs, Crs::Wgs84);
        assert_eq!(l.code_field, "statcode");
        let ams = l.features.iter().find(|f| f.code == "GM0363").unwrap();
        assert_eq!(ams.name, "Amsterdam");
        // Exteriors counter-clockwise after normalisation: signed area positive.
        let bad: Vec<&str> = l
            .features
            .iter()
            .filter(|f| {
                !f.geometry
                    .0
                    .iter()
                    .all(|p| Polygon::new(p.exterior().clone(), vec![]).signed_area() > 0.0)
            })
            .map(|f| f.code.as_str())
            .collect();
        // Only the self-intersecting rings the source is known to carry (figure-of-eight rings have no single orientation).
        assert!(
            bad.iter().all(|c| ["GM0293", "GM1676"].contains(c)),
            "{bad:?}"
        );
    }

    /// The fast path gives what the general path gives, on every real GeoJSON file.
    #[test]
    fn the_fast_path_reads_what_the_general_path_reads() {
        for p in [
            "cbs/2015/gemeente.geojson",
            "cbs/2015/jeugdzorgregio.geojson",
            "cbs/2015/provincie.geojson",
            "cbs/2025/gemeente.geojson",
            "cbs/2025/jeugdzorgregio.geojson",
            "cbs/2025/arbeidsmarktregio.geojson",
            "cbs/2025/ggdregio.geojson",
            "cbs/2025/provincie.geojson",
            "cbs/2025/rd/gemeente.geojson",
            "cbs/2025/rd/jeugdzorgregio.geojson",
            "fetched/cbs-2022/gemeente_2022.geojson",
        ] {
            let text = real(p);
            assert!(crate::io::geojson_parse::parse(&text).is_some(), "{p}");
            let o = GeoJsonOptions::default();
            let (fast, general) = (read(p, &text, &o, true), read(p, &text, &o, false));
            // Debug prints every f64 exactly: equal text is equal layers.
            let (fast, general) = (
                format!("{:?}", fast.unwrap()),
                format!("{:?}", general.unwrap()),
            );
            assert!(fast == general, "{p}");
        }
        // Small documents with the cases the fast path takes care of: an open ring, an `id`,
        // properties that are not an object, a feature-level `bbox`, a MultiPolygon with a hole.
        let doc = r#"{"type":"FeatureCollection","name":"x","features":[
            {"type":"Feature","id":"GM0001","properties":null,"bbox":[1,2,3,4],
             "geometry":{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1]]]}},
            {"type":"Feature","id":2,"properties":{"id":"GM0002","naam":"Twee"},
             "geometry":{"type":"MultiPolygon","coordinates":[[[[5,52],[6,52],[6,53],[5,53],[5,52]],
               [[5.2,52.2],[5.2,52.4],[5.4,52.4],[5.2,52.2]]]]}}]}"#;
        let o = GeoJsonOptions {
            code_field: Some("id".into()),
            ..GeoJsonOptions::default()
        };
        let fast = read("x.geojson", doc, &o, true).unwrap();
        let general = read("x.geojson", doc, &o, false).unwrap();
        assert_eq!(format!("{fast:?}"), format!("{general:?}"));
        assert_eq!(fast.notes.len(), 1);
        assert_eq!(fast.features[1].properties["naam"], "Twee");
    }

    /// Documents the fast path leaves to the general one get the general path's messages.
    #[test]
    fn refused_documents_keep_their_messages() {
        let o = GeoJsonOptions::default();
        let base = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001"},"geometry":{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]]}}]}"#;
        for (doc, expected) in [
            (
                base.replace(
                    "\"statcode\":\"GM0001\"",
                    "\"statcode\":\"GM0001\",\"statcode\":\"GM0002\"",
                ),
                "the key 'statcode' appears twice in one object",
            ),
            (
                base.replace("\"Polygon\"", "\"LineString\""),
                "a LineString geometry",
            ),
            (
                base.replace(",[5.1,52],[5.1,52.1]", ""),
                "a ring with 2 positions",
            ),
            (
                base.replace("[5.1,52]", "[5.1,\"52\"]"),
                "is not [x, y] numbers",
            ),
            (
                base.replace("\"geometry\":{", "\"geometry\":null,\"g\":{"),
                "missing or null",
            ),
            (
                base.replace("FeatureCollection", "Feature"),
                "found \"Feature\"",
            ),
            (
                base.replace("\"features\":[", "\"features\":{\"a\":[")
                    .replace("]}}]}", "]}}]}}"),
                "expected a \"features\" array",
            ),
        ] {
            let e = read_polygons("x.geojson", &doc, &o)
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{doc}: {e}");
            let general = read("x.geojson", &doc, &o, false).unwrap_err().to_string();
            assert_eq!(e, general);
        }
    }

    #[test]
    fn reads_rd_new() {
        let l = read_polygons(
            "rd.geojson",
            &real("cbs/2025/rd/gemeente.geojson"),
            &GeoJsonOptions::default(),
        )
        .unwrap();
        assert_eq!(l.crs, Crs::RdNew);
        assert_eq!(l.features.len(), 342);
    }

    #[test]
    fn bad_inputs_name_the_feature() {
        let o = GeoJsonOptions::default();
        let e = read_polygons("x.geojson", "", &o).unwrap_err().to_string();
        assert!(e.contains("x.geojson") && e.contains("empty"), "{e}");
        let e = read_polygons(
            "x.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[",
            &o,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not valid JSON") && e.contains("line 1"), "{e}");
        let pt = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0001"},"geometry":{"type":"Point","coordinates":[5,52]}}]}"#;
        let e = read_polygons("x.geojson", pt, &o).unwrap_err().to_string();
        assert!(
            e.contains("feature 1 (GM0001)")
                && e.contains("Point")
                && e.contains("expected a Polygon"),
            "{e}"
        );
        let rd_as_wgs = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}},"features":[{"type":"Feature","properties":{"statcode":"GM0001"},"geometry":{"type":"Polygon","coordinates":[[[120000,480000],[121000,480000],[121000,481000],[120000,480000]]]}}]}"#;
        let e = read_polygons("x.geojson", rd_as_wgs, &o)
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside the range of EPSG:4326"), "{e}");
    }

    #[test]
    fn a_huge_coordinate_is_short_in_the_message() {
        // Regression: 1e300 was printed with all of its 301 digits.
        let huge = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0363"},"geometry":{"type":"Polygon","coordinates":[[[4.8,52.3],[1e300,52.3],[4.9,52.4],[4.8,52.3]]]}}]}"#;
        let e = read_polygons("x.geojson", huge, &GeoJsonOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("feature 1 (GM0363)") && e.contains("1e300"),
            "{e}"
        );
        assert!(e.len() < 300, "{e}");
    }
}
