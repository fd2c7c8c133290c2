//! The fast path of the GeoJSON reader: a FeatureCollection parsed straight into `geo`
//! polygons with serde visitors, without building a `serde_json::Value` tree of the whole
//! document (building and freeing that tree was about half of the reader's time).
//!
//! Only the members the reader uses are kept: the document's `type` and `crs`, each
//! feature's `properties` and `id` (as small `Value`s) and its geometry (as polygons).
//! Anything this path does not read exactly as [`crate::io::geojson::read_polygons`]'s
//! general path would — invalid JSON, a key twice in one object, a geometry that is not a
//! Polygon or MultiPolygon of `[x, y]` positions, `coordinates` before `type`, a ring with
//! fewer than three positions, a null geometry — makes [`parse`] return `None`, and the
//! reader parses the text again the general way, which gives the answer or the message.
//! So a `Some` answer equals the general path's, and every message stays its own.

use std::fmt;

use geo::orient::{Direction, Orient};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A document read by the fast path.
pub(crate) struct Document {
    /// The document's `type` and `crs` members, where present.
    pub members: Map<String, Value>,
    /// The features, in order.
    pub features: Vec<Feature>,
}

/// One feature read by the fast path.
pub(crate) struct Feature {
    /// An object holding the feature's `properties` and `id`, where present.
    pub meta: Value,
    /// The geometry, rings oriented as RFC 7946 asks.
    pub geometry: MultiPolygon<f64>,
    /// The number of rings whose first and last positions differ (closed on read).
    pub open_rings: usize,
}

/// Parses a FeatureCollection of polygon features, or `None` when the general path must
/// (see the module docs).
pub(crate) fn parse(text: &str) -> Option<Document> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = DocumentSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(doc)
}

/// The general path's strict `Value` parse (a key twice in one object is an error).
fn strict_value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    StrictValue.deserialize(d)
}

struct StrictSeed;

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        strict_value(d)
    }
}

/// Remembers the keys of one object and refuses a second one.
fn first_time<E: serde::de::Error>(seen: &mut Vec<String>, key: &str) -> Result<(), E> {
    if seen.iter().any(|k| k == key) {
        return Err(E::custom("a key twice"));
    }
    seen.push(key.to_string());
    Ok(())
}

struct DocumentSeed;

impl<'de> DeserializeSeed<'de> for DocumentSeed {
    type Value = Document;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed {
    type Value = Document;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a FeatureCollection")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut seen = Vec::new();
        let mut members = Map::new();
        let mut features = None;
        while let Some(key) = map.next_key::<String>()? {
            first_time(&mut seen, &key)?;
            match key.as_str() {
                "features" => features = Some(map.next_value_seed(FeaturesSeed)?),
                "type" | "crs" => {
                    let v = map.next_value_seed(StrictSeed)?;
                    members.insert(key, v);
                }
                _ => {
                    map.next_value_seed(StrictSeed)?;
                }
            }
        }
        let features = features.ok_or_else(|| A::Error::custom("no features"))?;
        Ok(Document { members, features })
    }
}

struct FeaturesSeed;

impl<'de> DeserializeSeed<'de> for FeaturesSeed {
    type Value = Vec<Feature>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Feature>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed {
    type Value = Vec<Feature>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Feature>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(f) = seq.next_element_seed(FeatureSeed)? {
            out.push(f);
        }
        Ok(out)
    }
}

struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = Feature;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Feature, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = Feature;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a feature")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Feature, A::Error> {
        let mut seen = Vec::new();
        let mut meta = Map::new();
        let mut geometry = None;
        while let Some(key) = map.next_key::<String>()? {
            first_time(&mut seen, &key)?;
            match key.as_str() {
                "geometry" => geometry = Some(map.next_value_seed(GeometrySeed)?),
                "properties" | "id" => {
                    let v = map.next_value_seed(StrictSeed)?;
                    meta.insert(key, v);
                }
                _ => {
                    map.next_value_seed(StrictSeed)?;
                }
            }
        }
        let (geometry, open_rings) = geometry.ok_or_else(|| A::Error::custom("no geometry"))?;
        Ok(Feature {
            meta: Value::Object(meta),
            geometry,
            open_rings,
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Polygon,
    MultiPolygon,
}

struct GeometrySeed;

impl<'de> DeserializeSeed<'de> for GeometrySeed {
    type Value = (MultiPolygon<f64>, usize);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed {
    type Value = (MultiPolygon<f64>, usize);
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Polygon or MultiPolygon")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = Vec::new();
        let mut kind = None;
        let mut parsed = None;
        while let Some(key) = map.next_key::<String>()? {
            first_time(&mut seen, &key)?;
            match key.as_str() {
                "type" => {
                    kind = match map.next_value_seed(StrictSeed)? {
                        Value::String(s) if s == "Polygon" => Some(Kind::Polygon),
                        Value::String(s) if s == "MultiPolygon" => Some(Kind::MultiPolygon),
                        _ => return Err(A::Error::custom("not a polygon")),
                    }
                }
                "coordinates" => {
                    let k = kind.ok_or_else(|| A::Error::custom("coordinates before type"))?;
                    let mut open = 0;
                    let polys = match k {
                        Kind::Polygon => vec![map.next_value_seed(PolygonSeed(&mut open))?],
                        Kind::MultiPolygon => map.next_value_seed(PolygonsSeed(&mut open))?,
                    };
                    if polys.is_empty() {
                        return Err(A::Error::custom("no polygons"));
                    }
                    parsed = Some((MultiPolygon(polys).orient(Direction::Default), open));
                }
                _ => {
                    map.next_value_seed(StrictSeed)?;
                }
            }
        }
        parsed.ok_or_else(|| A::Error::custom("no coordinates"))
    }
}

struct PolygonsSeed<'a>(&'a mut usize);

impl<'de> DeserializeSeed<'de> for PolygonsSeed<'_> {
    type Value = Vec<Polygon<f64>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PolygonsSeed<'_> {
    type Value = Vec<Polygon<f64>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of polygons")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(p) = seq.next_element_seed(PolygonSeed(&mut *self.0))? {
            out.push(p);
        }
        Ok(out)
    }
}

struct PolygonSeed<'a>(&'a mut usize);

impl<'de> DeserializeSeed<'de> for PolygonSeed<'_> {
    type Value = Polygon<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PolygonSeed<'_> {
    type Value = Polygon<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of rings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rings = Vec::new();
        while let Some(r) = seq.next_element_seed(RingSeed(&mut *self.0))? {
            rings.push(r);
        }
        let mut rings = rings.into_iter();
        let exterior = rings.next().ok_or_else(|| A::Error::custom("no rings"))?;
        Ok(Polygon::new(exterior, rings.collect()))
    }
}

struct RingSeed<'a>(&'a mut usize);

impl<'de> DeserializeSeed<'de> for RingSeed<'_> {
    type Value = LineString<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RingSeed<'_> {
    type Value = LineString<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of positions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<Coord<f64>> = Vec::with_capacity(seq.size_hint().unwrap_or(16));
        let mut first = None;
        let mut last = None;
        while let Some(p) = seq.next_element_seed(PositionSeed)? {
            if first.is_none() {
                first = Some(p.1);
            }
            last = Some(p.1);
            out.push(p.0);
        }
        if out.len() < 3 {
            return Err(A::Error::custom("too few positions"));
        }
        // The general path compares the positions as JSON values: 5 and 5.0 differ there.
        if first != last {
            *self.0 += 1;
        }
        let mut ls = LineString::new(out);
        ls.close();
        Ok(ls)
    }
}

/// A number as JSON wrote it: whether it was a float, and its value.
#[derive(Clone, Copy, PartialEq)]
struct Number(bool, f64);

struct NumberSeed;

impl<'de> DeserializeSeed<'de> for NumberSeed {
    type Value = Number;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Number, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NumberSeed {
    type Value = Number;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
        // Integers beyond 2^53 lose digits as f64, and so would their comparison.
        if v > 1 << 53 {
            return Err(E::custom("a huge integer"));
        }
        Ok(Number(false, v as f64))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Number, E> {
        if v.unsigned_abs() > 1 << 53 {
            return Err(E::custom("a huge integer"));
        }
        Ok(Number(false, v as f64))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Number, E> {
        if !v.is_finite() {
            return Err(E::custom("not finite"));
        }
        Ok(Number(true, v))
    }
}

struct PositionSeed;

impl<'de> DeserializeSeed<'de> for PositionSeed {
    type Value = (Coord<f64>, (Number, Number));
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PositionSeed {
    type Value = (Coord<f64>, (Number, Number));
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("[x, y]")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let x = seq
            .next_element_seed(NumberSeed)?
            .ok_or_else(|| A::Error::custom("no x"))?;
        let y = seq
            .next_element_seed(NumberSeed)?
            .ok_or_else(|| A::Error::custom("no y"))?;
        // A third number (a height) would take part in the general path's comparison of
        // first and last positions: leave such files to it.
        if seq.next_element_seed(StrictSeed)?.is_some() {
            return Err(A::Error::custom("more than two numbers"));
        }
        Ok((Coord { x: x.1, y: y.1 }, (x, y)))
    }
}

/// A `serde_json::Value` parse that refuses a key that appears twice in one object.
pub(crate) struct StrictValue;

impl<'de> serde::de::DeserializeSeed<'de> for StrictValue {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for StrictValue {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(x) = seq.next_element_seed(StrictValue)? {
            v.push(x);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        use serde::de::Error as _;
        let mut m = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if m.contains_key(&k) {
                return Err(A::Error::custom(format!(
                    "the key '{k}' appears twice in one object"
                )));
            }
            let v = map.next_value_seed(StrictValue)?;
            m.insert(k, v);
        }
        Ok(Value::Object(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_general_path_reads_and_leaves_the_rest_to_it() {
        let poly = r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":7,
            "properties":{"statcode":"GM0001"},"geometry":{"type":"Polygon",
            "coordinates":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]]}}]}"#;
        let d = parse(poly).unwrap();
        assert_eq!(d.features.len(), 1);
        assert_eq!(d.features[0].open_rings, 0);
        assert_eq!(d.features[0].meta["id"], 7);
        // 5 and 5.0 are different JSON values: the ring counts as open, as in the general path.
        let mixed = poly.replace("[5,52]]]", "[5.0,52]]]");
        assert_eq!(parse(&mixed).unwrap().features[0].open_rings, 1);
        for bad in [
            poly.replace("\"id\":7,", "\"id\":7,\"id\":8,"),
            poly.replace("\"Polygon\"", "\"Point\""),
            poly.replace("[5.1,52],[5.1,52.1],", ""),
            poly.replace("[5,52],[5.1,52]", "[5,52,1],[5.1,52]"),
            poly.replace("{\"type\":\"Polygon\",", "{")
                .replace("]]]}", "]]],\"type\":\"Polygon\"}"),
            poly.replace("\"geometry\":{", "\"geometry\":null,\"g\":{"),
            poly.replace("[5.1,52]", "[5.1,\"52\"]"),
            poly[..poly.len() - 2].to_string(),
        ] {
            assert!(parse(&bad).is_none(), "{bad}");
        }
    }
}
