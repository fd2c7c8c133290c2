//! The fast path of the GeoJSON reader: a FeatureCollection parsed straight into `geo`
//! polygons with serde visitors, without building a `serde_json::Value` tree of the whole
//! document (building and freeing that tree was about half of the reader's time).
//!
//! Only the members the reader uses are kept: the document's `type` and `crs`, each
//! feature's `properties` and `id` (as small `Value`s) and its geometry (as polygons). Keys
//! are matched where serde_json borrows them from the text, members the reader does not use
//! are checked (a key twice in one object) without being built, and every ring is read
//! into one reused buffer and copied once into a vector of its exact length, oriented in
//! place: a feature costs a handful of allocations, whatever its size.
//!
//! Anything this path does not read exactly as [`crate::io::geojson::read_polygons`]'s
//! general path would — invalid JSON, a key twice in one object, a geometry that is not a
//! Polygon or MultiPolygon of `[x, y]` positions, `coordinates` before `type`, a ring with
//! fewer than three positions, a null geometry — makes [`parse`] return `None`, and the
//! reader parses the text again the general way, which gives the answer or the message.
//! So a `Some` answer equals the general path's, and every message stays its own.

use std::borrow::Cow;
use std::fmt;

use geo::winding_order::Winding;
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

/// What the reader uses of a feature besides its geometry, on both paths.
#[derive(Default)]
pub(crate) struct Meta {
    /// The `properties` member when it is an object, else empty.
    pub properties: Map<String, Value>,
    /// The feature-level `id` member, where present (`null` included).
    pub id: Option<Value>,
}

/// One feature read by the fast path.
pub(crate) struct Feature {
    /// The feature's `properties` and `id`.
    pub meta: Meta,
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

/// An object key: one of the names a visitor knows (by its index), or another one,
/// borrowed from the text where serde_json can.
enum Key<'de> {
    Known(usize),
    Other(Cow<'de, str>),
}

/// Reads a key without allocating unless it is unknown and written with escapes.
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(match self.0.iter().position(|k| *k == v) {
            Some(i) => Key::Known(i),
            None => Key::Other(Cow::Borrowed(v)),
        })
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(match self.0.iter().position(|k| *k == v) {
            Some(i) => Key::Known(i),
            None => Key::Other(Cow::Owned(v.to_string())),
        })
    }
}

/// The keys of one object seen so far: a second one is refused, as the general path does.
#[derive(Default)]
struct Seen<'de> {
    known: u64,
    others: Vec<Cow<'de, str>>,
}

impl<'de> Seen<'de> {
    fn first_time<E: serde::de::Error>(&mut self, key: Key<'de>) -> Result<Option<usize>, E> {
        match key {
            Key::Known(i) => {
                let bit = 1u64 << (i % 64);
                if self.known & bit != 0 {
                    return Err(E::custom("a key twice"));
                }
                self.known |= bit;
                Ok(Some(i))
            }
            Key::Other(k) => {
                if self.others.contains(&k) {
                    return Err(E::custom("a key twice"));
                }
                self.others.push(k);
                Ok(None)
            }
        }
    }
}

/// Skips a value the reader does not use, as strictly as [`StrictValue`] parses it (a key
/// twice in one object is an error) but without building it.
struct Ignore;

impl<'de> DeserializeSeed<'de> for Ignore {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Ignore {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Ignore)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Seen::default();
        while let Some(key) = map.next_key_seed(KeySeed(&[]))? {
            seen.first_time(key)?;
            map.next_value_seed(Ignore)?;
        }
        Ok(())
    }
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
        const KEYS: &[&str] = &["features", "type", "crs"];
        let mut seen = Seen::default();
        let mut members = Map::new();
        let mut features = None;
        while let Some(key) = map.next_key_seed(KeySeed(KEYS))? {
            match seen.first_time(key)? {
                Some(0) => features = Some(map.next_value_seed(FeaturesSeed)?),
                Some(i) => {
                    let v = map.next_value_seed(StrictSeed)?;
                    let name = KEYS.get(i).copied().unwrap_or_default();
                    members.insert(name.to_string(), v);
                }
                None => map.next_value_seed(Ignore)?,
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
        let mut scratch = Vec::with_capacity(1024);
        while let Some(f) = seq.next_element_seed(FeatureSeed(&mut scratch))? {
            out.push(f);
        }
        Ok(out)
    }
}

/// The buffer every ring is read into before it is copied to its own vector.
type Scratch = Vec<Coord<f64>>;

struct FeatureSeed<'a>(&'a mut Scratch);

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = Feature;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Feature, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = Feature;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a feature")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Feature, A::Error> {
        const KEYS: &[&str] = &["geometry", "properties", "id", "type"];
        let mut seen = Seen::default();
        let mut meta = Meta::default();
        let mut geometry = None;
        while let Some(key) = map.next_key_seed(KeySeed(KEYS))? {
            match seen.first_time(key)? {
                Some(0) => geometry = Some(map.next_value_seed(GeometrySeed(&mut *self.0))?),
                Some(1) => {
                    if let Value::Object(m) = map.next_value_seed(StrictSeed)? {
                        meta.properties = m;
                    }
                }
                Some(2) => meta.id = Some(map.next_value_seed(StrictSeed)?),
                _ => map.next_value_seed(Ignore)?,
            }
        }
        let (geometry, open_rings) = geometry.ok_or_else(|| A::Error::custom("no geometry"))?;
        Ok(Feature {
            meta,
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

/// A geometry's `type`: Polygon or MultiPolygon, else an error.
struct KindSeed;

impl<'de> DeserializeSeed<'de> for KindSeed {
    type Value = Kind;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KindSeed {
    type Value = Kind;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Polygon or MultiPolygon")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Kind, E> {
        match v {
            "Polygon" => Ok(Kind::Polygon),
            "MultiPolygon" => Ok(Kind::MultiPolygon),
            _ => Err(E::custom("not a polygon")),
        }
    }
}

struct GeometrySeed<'a>(&'a mut Scratch);

impl<'de> DeserializeSeed<'de> for GeometrySeed<'_> {
    type Value = (MultiPolygon<f64>, usize);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed<'_> {
    type Value = (MultiPolygon<f64>, usize);
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Polygon or MultiPolygon")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        const KEYS: &[&str] = &["type", "coordinates"];
        let mut seen = Seen::default();
        let mut kind = None;
        let mut parsed = None;
        while let Some(key) = map.next_key_seed(KeySeed(KEYS))? {
            match seen.first_time(key)? {
                Some(0) => kind = Some(map.next_value_seed(KindSeed)?),
                Some(_) => {
                    let k = kind.ok_or_else(|| A::Error::custom("coordinates before type"))?;
                    let mut ring = RingSeed {
                        scratch: &mut *self.0,
                        open: 0,
                    };
                    let polys = match k {
                        Kind::Polygon => vec![map.next_value_seed(PolygonSeed(&mut ring))?],
                        Kind::MultiPolygon => map.next_value_seed(PolygonsSeed(&mut ring))?,
                    };
                    if polys.is_empty() {
                        return Err(A::Error::custom("no polygons"));
                    }
                    parsed = Some((MultiPolygon(polys), ring.open));
                }
                None => map.next_value_seed(Ignore)?,
            }
        }
        parsed.ok_or_else(|| A::Error::custom("no coordinates"))
    }
}

struct PolygonsSeed<'a, 'b>(&'a mut RingSeed<'b>);

impl<'de> DeserializeSeed<'de> for PolygonsSeed<'_, '_> {
    type Value = Vec<Polygon<f64>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PolygonsSeed<'_, '_> {
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

struct PolygonSeed<'a, 'b>(&'a mut RingSeed<'b>);

impl<'de> DeserializeSeed<'de> for PolygonSeed<'_, '_> {
    type Value = Polygon<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PolygonSeed<'_, '_> {
    type Value = Polygon<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of rings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Oriented as `geo::orient::Orient` with `Direction::Default` orients them: the
        // exterior counter-clockwise, the holes clockwise (a ring without a winding order
        // stays as it is).
        let mut exterior = seq
            .next_element_seed(&mut *self.0)?
            .ok_or_else(|| A::Error::custom("no rings"))?;
        exterior.make_ccw_winding();
        let mut holes = Vec::new();
        while let Some(mut hole) = seq.next_element_seed(&mut *self.0)? {
            hole.make_cw_winding();
            holes.push(hole);
        }
        Ok(Polygon::new(exterior, holes))
    }
}

/// Reads one ring through the shared buffer, counting the rings that were not closed.
struct RingSeed<'a> {
    scratch: &'a mut Scratch,
    open: usize,
}

impl<'de> DeserializeSeed<'de> for &mut RingSeed<'_> {
    type Value = LineString<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for &mut RingSeed<'_> {
    type Value = LineString<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of positions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let buf = &mut *self.scratch;
        buf.clear();
        let mut ends = None;
        while let Some((c, n)) = seq.next_element_seed(PositionSeed)? {
            buf.push(c);
            ends = Some(ends.map_or((n, n), |(first, _)| (first, n)));
        }
        let (Some(first), Some(last), Some((n_first, n_last))) = (buf.first(), buf.last(), ends)
        else {
            return Err(A::Error::custom("too few positions"));
        };
        if buf.len() < 3 {
            return Err(A::Error::custom("too few positions"));
        }
        // The general path compares the positions as JSON values: 5 and 5.0 differ there.
        if n_first != n_last {
            self.open += 1;
        }
        // `LineString::close`: the first coordinate again unless the last one equals it.
        let (first, close) = (*first, first != last);
        let mut coords = Vec::with_capacity(buf.len() + usize::from(close));
        coords.extend_from_slice(buf);
        if close {
            coords.push(first);
        }
        Ok(LineString(coords))
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
        assert_eq!(d.features[0].meta.id, Some(Value::from(7)));
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
            // Members the fast path skips are still checked for a key twice.
            poly.replace("\"id\":7,", "\"id\":7,\"bbox\":[1],\"bbox\":[2],"),
            poly.replace(
                "\"features\"",
                "\"name\":{\"a\":{\"b\":1,\"b\":2}},\"features\"",
            ),
            poly.replace(
                "\"type\":\"Feature\"",
                "\"type\":\"Feature\",\"type\":\"Feature\"",
            ),
        ] {
            assert!(parse(&bad).is_none(), "{bad}");
        }
    }

    /// Keys written with escapes are the keys they spell, known or not.
    #[test]
    fn escaped_keys_are_read_as_spelled() {
        let doc = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "prop\u0065rties":{"st\u0061tcode":"GM0001"},"x\u0079":[1],"geometry":{
            "typ\u0065":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]]}}]}"#;
        let d = parse(doc).unwrap();
        assert_eq!(d.features[0].meta.properties["statcode"], "GM0001");
        assert!(parse(&doc.replace("[1]", "[1],\"xy\":2")).is_none());
    }
}
