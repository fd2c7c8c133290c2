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
/// (see the module docs). A large document's features are parsed in chunks on all threads
/// (see [`parse_in_chunks`]); the answer is the same as one thread's.
pub(crate) fn parse(text: &str) -> Option<Document> {
    let chunks = if text.len() >= PARALLEL_BYTES {
        (text.len() / CHUNK_BYTES).clamp(1, 4 * rayon::current_num_threads())
    } else {
        1
    };
    parse_in_chunks(text, chunks)
}

/// Documents below this size are parsed on one thread.
const PARALLEL_BYTES: usize = 96 * 1024;
/// The least size of a chunk of features parsed on its own.
const CHUNK_BYTES: usize = 48 * 1024;
/// How deep a feature's members may nest before the general path is left to judge them:
/// serde_json refuses 128 levels, counted from the document, and the fast path parses a
/// feature two levels below it.
const MAX_DEPTH: usize = 100;

/// [`parse`] with the features array cut into (at most) `chunks` pieces parsed in
/// parallel.
///
/// The top level is walked by hand, each member and each feature parsed by serde_json on
/// its own (its end found with [`serde_json::StreamDeserializer::byte_offset`]). A chunk
/// starts where the text repeats the first feature's opening (`{"type":"Feature",` or
/// however it is written), after a `}` and a `,`: only a guess, since such text could sit
/// inside a string. The guess is proven by the chunk before it, which must end its last
/// feature exactly there; the first chunk starts at the true first feature, so by
/// induction every proven chunk reads the features the document holds. When a guess fails,
/// the whole array is parsed again in one piece.
pub(crate) fn parse_in_chunks(text: &str, chunks: usize) -> Option<Document> {
    let mut c = Cursor { text, pos: 0 };
    c.ws();
    c.eat(b'{').then_some(())?;
    let mut seen: Vec<String> = Vec::new();
    let mut members = Map::new();
    let mut features = None;
    c.ws();
    if !c.eat(b'}') {
        loop {
            c.ws();
            let key: String = c.value()?;
            if seen.contains(&key) {
                return None;
            }
            c.ws();
            c.eat(b':').then_some(())?;
            c.ws();
            match key.as_str() {
                "features" => features = Some(features_array(&mut c, chunks)?),
                "type" | "crs" => {
                    let v: Limited<Value> = c.value()?;
                    members.insert(key.clone(), v.0);
                }
                _ => {
                    let _: Limited<()> = c.value()?;
                }
            }
            seen.push(key);
            c.ws();
            if c.eat(b',') {
                continue;
            }
            c.eat(b'}').then_some(())?;
            break;
        }
    }
    c.ws();
    if c.pos != text.len() {
        return None;
    }
    Some(Document {
        members,
        features: features?,
    })
}

/// A position in the text, walked by hand between the values serde_json parses.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    /// Skips JSON whitespace.
    fn ws(&mut self) {
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(self.pos), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Steps over `byte` when it is there.
    fn eat(&mut self, byte: u8) -> bool {
        let here = self.text.as_bytes().get(self.pos) == Some(&byte);
        self.pos += usize::from(here);
        here
    }

    /// The JSON value at the position, parsed by serde_json; the position moves past it.
    fn value<T: serde::Deserialize<'t>>(&mut self) -> Option<T> {
        let mut stream = serde_json::Deserializer::from_str(self.text.get(self.pos..)?).into_iter();
        let v = stream.next()?.ok()?;
        self.pos += stream.byte_offset();
        Some(v)
    }

    /// Features from the position, each followed by `,` or the array's `]`: up to the one
    /// that starts at `stop` (exclusive; `None`: to the end of the array). `None` when the
    /// text is not such a run, or the run does not meet `stop` exactly.
    fn features(&mut self, stop: Option<usize>) -> Option<Vec<Feature>> {
        let mut out = Vec::new();
        loop {
            let f: Limited<Feature> = self.value()?;
            out.push(f.0);
            self.ws();
            if self.eat(b',') {
                self.ws();
                match stop {
                    Some(s) if self.pos == s => return Some(out),
                    Some(s) if self.pos > s => return None,
                    _ => continue,
                }
            }
            self.eat(b']').then_some(())?;
            return stop.is_none().then_some(out);
        }
    }
}

/// The features array at the cursor, in `chunks` pieces where the text allows.
fn features_array(c: &mut Cursor<'_>, chunks: usize) -> Option<Vec<Feature>> {
    c.eat(b'[').then_some(())?;
    c.ws();
    if c.eat(b']') {
        return Some(Vec::new());
    }
    let first = c.pos;
    let starts = chunk_starts(c.text, first, chunks);
    if starts.len() > 1 {
        let runs: Vec<Option<(Vec<Feature>, usize)>> = {
            use rayon::prelude::*;
            (0..starts.len())
                .into_par_iter()
                .map(|i| {
                    let mut own = Cursor {
                        text: c.text,
                        pos: starts.get(i).copied()?,
                    };
                    let f = own.features(starts.get(i + 1).copied())?;
                    Some((f, own.pos))
                })
                .collect()
        };
        if runs.iter().all(Option::is_some) {
            let mut out = Vec::with_capacity(runs.iter().flatten().map(|r| r.0.len()).sum());
            for (f, end) in runs.into_iter().flatten() {
                out.extend(f);
                c.pos = end;
            }
            return Some(out);
        }
    }
    c.pos = first;
    c.features(None)
}

/// Where the chunks of the features array may start: `first`, and positions near even
/// shares of the rest where the first feature's opening text appears again after `}` `,`
/// (guesses, proven by [`Cursor::features`]).
fn chunk_starts(text: &str, first: usize, chunks: usize) -> Vec<usize> {
    let mut starts = vec![first];
    let rest = text.len().saturating_sub(first);
    if chunks < 2 {
        return starts;
    }
    // The opening: up to and with the first `,` (`{"type": "Feature",`), if it is short.
    let Some(opening) = text
        .get(first..)
        .and_then(|t| t.get(..t.find(',')? + 1))
        .filter(|o| o.len() <= 64)
    else {
        return starts;
    };
    let bytes = text.as_bytes();
    for k in 1..chunks {
        let from = first + rest / chunks * k;
        let Some(last) = starts.last().copied() else {
            break;
        };
        let mut at = from.max(last + 1);
        let found = loop {
            let Some(i) = text.get(at..).and_then(|t| t.find(opening)) else {
                break None;
            };
            let pos = at + i;
            let before = bytes.get(..pos).unwrap_or_default();
            let mut back = before
                .iter()
                .rev()
                .filter(|b| !matches!(b, b' ' | b'\n' | b'\t' | b'\r'));
            if back.next() == Some(&b',') && back.next() == Some(&b'}') {
                break Some(pos);
            }
            at = pos + 1;
        };
        match found {
            Some(pos) => starts.push(pos),
            None => break,
        }
    }
    starts
}

/// A value parsed as the fast path parses it at the top of a chunk: a feature, a skipped
/// member, or a kept one, refused when nested deeper than [`MAX_DEPTH`].
struct Limited<T>(T);

impl<'de> serde::Deserialize<'de> for Limited<Feature> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        SCRATCH.with_borrow_mut(|scratch| FeatureSeed(scratch).deserialize(d).map(Limited))
    }
}

impl<'de> serde::Deserialize<'de> for Limited<()> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ignore(1).deserialize(d).map(Limited)
    }
}

impl<'de> serde::Deserialize<'de> for Limited<Value> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        StrictSeed(1).deserialize(d).map(Limited)
    }
}

thread_local! {
    /// The buffer every ring of this thread is read into before it is copied to its own
    /// vector.
    static SCRATCH: std::cell::RefCell<Scratch> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The buffer a ring is read into.
type Scratch = Vec<Coord<f64>>;

/// A value kept as a `serde_json::Value`, parsed as [`StrictValue`] parses it (a key twice
/// in one object is an error), at a depth below the feature (refused past [`MAX_DEPTH`]).
struct StrictSeed(usize);

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        StrictValue.visit_bool(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        StrictValue.visit_i64(v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        StrictValue.visit_u64(v)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        StrictValue.visit_f64(v)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        StrictValue.visit_str(v)
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
        StrictValue.visit_string(v)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        StrictValue.visit_unit()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        StrictValue.visit_none()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.0 > MAX_DEPTH {
            return Err(A::Error::custom("nested too deep"));
        }
        let mut v = Vec::new();
        while let Some(x) = seq.next_element_seed(StrictSeed(self.0 + 1))? {
            v.push(x);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.0 > MAX_DEPTH {
            return Err(A::Error::custom("nested too deep"));
        }
        let mut m = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if m.contains_key(&k) {
                return Err(A::Error::custom("a key twice"));
            }
            let v = map.next_value_seed(StrictSeed(self.0 + 1))?;
            m.insert(k, v);
        }
        Ok(Value::Object(m))
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
/// twice in one object is an error) but without building it; refused past [`MAX_DEPTH`].
struct Ignore(usize);

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
        if self.0 > MAX_DEPTH {
            return Err(A::Error::custom("nested too deep"));
        }
        while seq.next_element_seed(Ignore(self.0 + 1))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.0 > MAX_DEPTH {
            return Err(A::Error::custom("nested too deep"));
        }
        let mut seen = Seen::default();
        while let Some(key) = map.next_key_seed(KeySeed(&[]))? {
            seen.first_time(key)?;
            map.next_value_seed(Ignore(self.0 + 1))?;
        }
        Ok(())
    }
}

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
                    if let Value::Object(m) = map.next_value_seed(StrictSeed(1))? {
                        meta.properties = m;
                    }
                }
                Some(2) => meta.id = Some(map.next_value_seed(StrictSeed(1))?),
                _ => map.next_value_seed(Ignore(1))?,
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
                None => map.next_value_seed(Ignore(2))?,
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
        if seq.next_element_seed(Ignore(MAX_DEPTH))?.is_some() {
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

    /// Features parsed in chunks are the features parsed in one piece, on every real file
    /// and whatever the number of chunks; a guessed chunk start inside a string, or a
    /// feature nested deeper than the limit, leaves the document to one piece or to the
    /// general path.
    #[test]
    fn chunks_read_what_one_piece_reads() {
        let key = |d: &Document| {
            let f: Vec<String> = d
                .features
                .iter()
                .map(|f| {
                    format!(
                        "{:?} {:?} {:?} {}",
                        f.meta.properties, f.meta.id, f.geometry, f.open_rings
                    )
                })
                .collect();
            (format!("{:?}", d.members), f)
        };
        for p in [
            "cbs/2025/gemeente.geojson",
            "cbs/2025/rd/gemeente.geojson",
            "fetched/cbs-2022/gemeente_2022.geojson",
        ] {
            let text = crate::io::fixtures::real_text(p);
            let one = key(&parse_in_chunks(&text, 1).unwrap());
            for chunks in [2, 3, 7, 50] {
                assert_eq!(
                    key(&parse_in_chunks(&text, chunks).unwrap()),
                    one,
                    "{p} {chunks}"
                );
            }
        }
        let f = |name: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"statcode":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]]}}}}"#
            )
        };
        // The second feature holds the opening of a feature after `},`, in a list.
        let tricky = f("b").replace(
            r#""statcode":"b""#,
            r#""statcode":"b","list":[{"x":1},{"type":"Feature","z":1}]"#,
        );
        let doc = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{},{}],"crs":null}}"#,
            f("a"),
            tricky,
            f("c"),
            f("d")
        );
        let one = key(&parse_in_chunks(&doc, 1).unwrap());
        assert_eq!(one.1.len(), 4);
        let first = doc.find("[{").unwrap() + 1;
        assert!(chunk_starts(&doc, first, 8).len() > 2);
        for chunks in 2..12 {
            assert_eq!(
                key(&parse_in_chunks(&doc, chunks).unwrap()),
                one,
                "{chunks}"
            );
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        let nested = doc.replace(
            r#""statcode":"c""#,
            &format!(r#""statcode":"c","deep":{deep}"#),
        );
        assert!(parse_in_chunks(&nested, 1).is_none());
        assert!(parse_in_chunks(&nested, 3).is_none());
        assert!(parse_in_chunks(&doc.replace("]]]}}]", "]]]}},]"), 1).is_none());
        assert!(parse_in_chunks(&format!("{doc} x"), 1).is_none());
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
