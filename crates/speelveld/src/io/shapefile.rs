//! Shapefile reader: the `.shp` (Polygon, PolygonZ or PolygonM records) with the `.dbf`
//! beside it (its attributes: codes, names), the `.prj` (its CRS, [`crate::io::wkt_crs`]) and
//! the `.cpg` (the `.dbf`'s text encoding). The `.shx` index is not needed.
//!
//! - **Encoding** of the `.dbf` text: as the `.cpg` says (UTF-8 or Windows-1252); without
//!   one, as the `.dbf`'s language driver byte says (1252), else by content: UTF-8 when all
//!   text is valid UTF-8, Windows-1252 otherwise, with a note.
//! - **Rings** become polygons as the format defines them: clockwise rings are exteriors,
//!   counter-clockwise rings holes of the smallest exterior that holds them (a hole that no
//!   exterior holds, or a record without clockwise rings, is read as exteriors).
//! - **No CRS** (no `.prj`): taken from the range of the coordinates, with a note.
//!
//! Every length and count in both files is checked against the bytes there are, so a
//! truncated file or a wrong record length is an error naming the record, never a panic.
//!
//! # Examples
//! ```
//! use speelveld::io::shapefile::parse_shp;
//! // A header alone (100 bytes, file code 9994, shape type 5) holds no records.
//! let mut header = vec![0u8; 100];
//! header[..4].copy_from_slice(&9994i32.to_be_bytes());
//! header[32..36].copy_from_slice(&5i32.to_le_bytes());
//! assert!(parse_shp("a.shp", &header).unwrap().is_empty());
//! assert!(parse_shp("a.shp", &header[..50]).unwrap_err().to_string().contains("a.shp: header:"));
//! ```

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::Error;
use crate::io::format::read_bytes;
use crate::io::geojson::GeoJsonOptions;
use crate::io::gis_features::too_many;
use crate::io::gis_features::{
    CrsSource, PolygonRings, RawFeature, Ring, layer_from_raw, multipolygon,
};
use crate::io::text::MAX_ROWS;
use crate::model::{Note, NoteKind, PolygonLayer};

/// The polygons of one `.shp` record; `None` for a null shape.
pub type ShpRecord = Option<Vec<PolygonRings>>;

/// The file beside `file` with the same stem and the extension `ext` (lower or upper case).
pub fn sibling(file: &Path, ext: &str) -> Option<PathBuf> {
    [ext.to_ascii_lowercase(), ext.to_ascii_uppercase()]
        .into_iter()
        .map(|e| file.with_extension(e))
        .find(|p| p.is_file())
}

/// Reads a Shapefile from its `.shp` and the files beside it (see the module docs).
pub fn read_shapefile(shp: &Path, fields: &GeoJsonOptions) -> Result<PolygonLayer, Error> {
    let label = shp.display().to_string();
    let records = parse_shp(&label, &read_bytes(shp)?)?;
    let dbf = sibling(shp, "dbf").ok_or_else(|| Error::Gis {
        path: label.clone(),
        at: "attributes".into(),
        message: format!(
            "no {} beside it; expected the .dbf that holds the codes and names of the shapes",
            shp.with_extension("dbf").display()
        ),
    })?;
    let dbf_label = dbf.display().to_string();
    let encoding = match sibling(shp, "cpg") {
        Some(cpg) => {
            let text = std::fs::read(&cpg).map_err(|source| Error::Io {
                path: cpg.display().to_string(),
                source,
            })?;
            encoding_of_cpg(&String::from_utf8_lossy(&text)).map_err(|m| Error::Gis {
                path: cpg.display().to_string(),
                at: "encoding".into(),
                message: m,
            })?
        }
        None => None,
    };
    let (rows, mut notes) = parse_dbf(&dbf_label, &read_bytes(&dbf)?, encoding)?;
    if rows.len() != records.len() {
        return Err(Error::Gis {
            path: label,
            at: "attributes".into(),
            message: format!(
                "{} shapes but {} records in {dbf_label}; expected one .dbf record per shape",
                records.len(),
                rows.len()
            ),
        });
    }
    let crs = match sibling(shp, "prj") {
        Some(prj) => {
            let p = prj.display().to_string();
            let text = crate::io::text::read_text(&prj)?;
            let crs = crate::io::wkt_crs::crs_from_wkt(&text).map_err(|m| Error::Gis {
                path: p,
                at: "CRS".into(),
                message: m,
            })?;
            CrsSource::Stated(crs)
        }
        None => CrsSource::Missing("no .prj beside the .shp"),
    };
    let features = records
        .into_iter()
        .zip(rows)
        .map(|(shape, properties)| RawFeature {
            properties,
            id: None,
            geometry: shape.map_or(Value::Null, |p| multipolygon(&p)),
        })
        .collect();
    notes.iter_mut().for_each(|n| n.file = label.clone());
    layer_from_raw(&label, features, crs, notes, fields)
}

fn be_i32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn le_i32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn le_f64(b: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

/// Parses the records of a `.shp` (see the module docs). `path` names the file in errors.
pub fn parse_shp(path: &str, bytes: &[u8]) -> Result<Vec<ShpRecord>, Error> {
    let err = |at: String, message: String| Error::Gis {
        path: path.into(),
        at,
        message,
    };
    if bytes.is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "a Shapefile (.shp) of polygons".into(),
        });
    }
    if bytes.len() < 100 || be_i32(bytes, 0) != Some(9994) {
        return Err(err(
            "header".into(),
            format!(
                "{} bytes, {}; expected the 100-byte header of a .shp (file code 9994)",
                bytes.len(),
                if be_i32(bytes, 0) == Some(9994) {
                    "too short"
                } else {
                    "not starting with file code 9994"
                }
            ),
        ));
    }
    let kind = le_i32(bytes, 32).unwrap_or(-1);
    if !matches!(kind, 0 | 5 | 15 | 25) {
        return Err(err(
            "header".into(),
            format!(
                "{}; expected polygons (shape type 5, 15 or 25)",
                shape_type_name(kind)
            ),
        ));
    }
    let mut out = Vec::new();
    let mut at = 100usize;
    while at < bytes.len() {
        let n = out.len() + 1;
        let rec = || format!("record {n}");
        let words = be_i32(bytes, at + 4).ok_or_else(|| {
            err(
                rec(),
                format!(
                    "the file ends at byte {} inside a record header; expected 8 header bytes (a truncated .shp)",
                    bytes.len()
                ),
            )
        })?;
        let len = usize::try_from(words)
            .ok()
            .and_then(|w| w.checked_mul(2))
            .ok_or_else(|| err(rec(), format!("a negative content length {words}")))?;
        let start = at + 8;
        let content = start
            .checked_add(len)
            .and_then(|end| bytes.get(start..end))
            .ok_or_else(|| {
                err(
                    rec(),
                    format!(
                        "announces {len} bytes, but the file ends {} bytes later; expected the whole record (a truncated .shp or a wrong record length)",
                        bytes.len().saturating_sub(start)
                    ),
                )
            })?;
        if out.len() >= MAX_ROWS {
            return Err(err(rec(), too_many("shapes")));
        }
        out.push(parse_record(content).map_err(|m| err(rec(), m))?);
        at = start + len;
    }
    Ok(out)
}

fn shape_type_name(kind: i32) -> String {
    let what = match kind {
        1 | 11 | 21 => "points",
        3 | 13 | 23 => "lines",
        8 | 18 | 28 => "multipoints",
        31 => "multipatches",
        _ => "an unknown shape type",
    };
    format!("a Shapefile of {what} (shape type {kind})")
}

fn parse_record(c: &[u8]) -> Result<ShpRecord, String> {
    let kind = le_i32(c, 0).ok_or("an empty record; expected at least its shape type")?;
    if kind == 0 {
        return Ok(None);
    }
    if !matches!(kind, 5 | 15 | 25) {
        return Err(format!(
            "{}; expected a polygon (shape type 5, 15 or 25)",
            shape_type_name(kind)
        ));
    }
    let short =
        "the record is shorter than its part and point counts say; expected a whole polygon record";
    let parts = le_i32(c, 36).ok_or(short)?;
    let points = le_i32(c, 40).ok_or(short)?;
    let (Ok(parts), Ok(points)) = (usize::try_from(parts), usize::try_from(points)) else {
        return Err(format!(
            "{parts} parts and {points} points; expected counts of 0 or more"
        ));
    };
    let first_point = parts
        .checked_mul(4)
        .and_then(|p| p.checked_add(44))
        .ok_or(short)?;
    let end = points
        .checked_mul(16)
        .and_then(|p| p.checked_add(first_point))
        .ok_or(short)?;
    if end > c.len() {
        return Err(format!(
            "{parts} parts and {points} points need {end} bytes, but the record holds {}; expected a whole polygon record",
            c.len()
        ));
    }
    let mut starts = Vec::with_capacity(parts);
    for i in 0..parts {
        let s = le_i32(c, 44 + 4 * i).ok_or(short)?;
        let s = usize::try_from(s).ok().filter(|&s| s < points.max(1));
        let ok = s.filter(|&s| starts.last().is_none_or(|&p| s >= p) && (i > 0 || s == 0));
        let Some(s) = ok else {
            return Err(format!(
                "part {} starts at a point out of order or beyond the {points} points; expected increasing starts from 0",
                i + 1
            ));
        };
        starts.push(s);
    }
    let point = |k: usize| -> Result<[f64; 2], String> {
        let at = first_point + 16 * k;
        match (le_f64(c, at), le_f64(c, at + 8)) {
            (Some(x), Some(y)) => Ok([x, y]),
            _ => Err(short.to_string()),
        }
    };
    let mut rings = Vec::with_capacity(parts);
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(points);
        rings.push((s..e).map(point).collect::<Result<Ring, _>>()?);
    }
    Ok(Some(assemble(rings)))
}

/// Twice the signed area of a ring (positive: counter-clockwise).
fn signed_area2(r: &Ring) -> f64 {
    r.iter()
        .zip(r.iter().cycle().skip(1))
        .map(|([x0, y0], [x1, y1])| x0 * y1 - x1 * y0)
        .sum()
}

/// True when `p` lies inside the ring (even-odd rule).
fn ring_holds(r: &Ring, [px, py]: [f64; 2]) -> bool {
    let mut inside = false;
    for ([x0, y0], [x1, y1]) in r.iter().zip(r.iter().cycle().skip(1)) {
        if (y0 > &py) != (y1 > &py) && px < (x1 - x0) * (py - y0) / (y1 - y0) + x0 {
            inside = !inside;
        }
    }
    inside
}

/// Polygons from the rings of one record (see the module docs).
fn assemble(rings: Vec<Ring>) -> Vec<PolygonRings> {
    let (exteriors, holes): (Vec<Ring>, Vec<Ring>) =
        rings.into_iter().partition(|r| signed_area2(r) < 0.0);
    if exteriors.is_empty() {
        return holes.into_iter().map(|h| vec![h]).collect();
    }
    let areas: Vec<f64> = exteriors.iter().map(|r| signed_area2(r).abs()).collect();
    let mut polygons: Vec<PolygonRings> = exteriors.into_iter().map(|e| vec![e]).collect();
    for h in holes {
        let holder = h.first().and_then(|&p| {
            polygons
                .iter()
                .enumerate()
                .filter(|(_, poly)| poly.first().is_some_and(|e| ring_holds(e, p)))
                .min_by(|a, b| {
                    let area = |i: usize| areas.get(i).copied().unwrap_or(f64::INFINITY);
                    area(a.0).total_cmp(&area(b.0))
                })
                .map(|(i, _)| i)
        });
        match holder.and_then(|i| polygons.get_mut(i)) {
            Some(poly) => poly.push(h),
            None => polygons.push(vec![h]),
        }
    }
    polygons
}

/// The text encoding of a `.dbf`: UTF-8 or Windows-1252.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbfEncoding {
    /// UTF-8.
    Utf8,
    /// Windows-1252 (also taken for ISO-8859-1, of which it is a superset in print).
    Windows1252,
}

/// The encoding a `.cpg` names; `None` for an empty one.
pub fn encoding_of_cpg(text: &str) -> Result<Option<DbfEncoding>, String> {
    let squeezed: String = text
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    match squeezed.as_str() {
        "" => Ok(None),
        "UTF8" | "65001" => Ok(Some(DbfEncoding::Utf8)),
        "1252" | "CP1252" | "WINDOWS1252" | "ANSI1252" | "88591" | "ISO88591" | "LATIN1" => {
            Ok(Some(DbfEncoding::Windows1252))
        }
        _ => Err(format!(
            "the .cpg names the encoding '{}'; expected UTF-8 or 1252 (Windows-1252)",
            text.trim()
        )),
    }
}

/// One `.dbf` record: its fields by name.
pub type DbfRecord = Map<String, Value>;

/// One `.dbf` field: name, type letter, offset in the record, length, decimals.
struct DbfField {
    name: Vec<u8>,
    kind: u8,
    offset: usize,
    len: usize,
    decimals: u8,
}

/// Parses the records of a `.dbf` (dBase III and later) into properties, decoding text as
/// `encoding` says or, when `None`, as the module docs describe (with a note). `path` names
/// the file in errors.
pub fn parse_dbf(
    path: &str,
    bytes: &[u8],
    encoding: Option<DbfEncoding>,
) -> Result<(Vec<DbfRecord>, Vec<Note>), Error> {
    let err = |at: String, message: String| Error::Gis {
        path: path.into(),
        at,
        message,
    };
    let u16_at = |at: usize| -> usize {
        bytes
            .get(at..at + 2)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    if bytes.len() < 32 {
        return Err(err(
            "header".into(),
            format!(
                "{} bytes; expected the 32-byte header of a dBase file",
                bytes.len()
            ),
        ));
    }
    let count = bytes
        .get(4..8)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])) as usize;
    let (header_len, record_len) = (u16_at(8), u16_at(10));
    let mut fields = Vec::new();
    let mut offset = 1usize;
    let mut at = 32usize;
    while bytes.get(at).is_some_and(|&b| b != 0x0D) && at + 32 <= header_len {
        let d = bytes
            .get(at..at + 32)
            .ok_or_else(|| err("header".into(), "a field descriptor cut off".into()))?;
        let name_end = d.iter().take(11).position(|&b| b == 0).unwrap_or(11);
        let len = usize::from(d.get(16).copied().unwrap_or(0));
        fields.push(DbfField {
            name: d.get(..name_end).unwrap_or_default().to_vec(),
            kind: d.get(11).copied().unwrap_or(b'C'),
            offset,
            len,
            decimals: d.get(17).copied().unwrap_or(0),
        });
        offset += len;
        at += 32;
    }
    if fields.is_empty() {
        return Err(err(
            "header".into(),
            "no fields; expected the attributes of the shapes (codes, names)".into(),
        ));
    }
    if count > MAX_ROWS {
        return Err(err("header".into(), too_many("records")));
    }
    if offset != record_len {
        return Err(err(
            "header".into(),
            format!(
                "fields of {} bytes in all (with the deletion flag), but records of {record_len} bytes; expected them equal",
                offset
            ),
        ));
    }
    let needed = count
        .checked_mul(record_len)
        .and_then(|n| n.checked_add(header_len));
    if needed.is_none_or(|n| n > bytes.len()) {
        return Err(err(
            "header".into(),
            format!(
                "{count} records of {record_len} bytes announced after a {header_len}-byte header, but the file holds {} bytes; expected the whole file (a truncated .dbf or a wrong record count)",
                bytes.len()
            ),
        ));
    }
    let record = |i: usize| -> &[u8] {
        let s = header_len + i * record_len;
        bytes.get(s..s + record_len).unwrap_or_default()
    };
    // The encoding: stated, by the language driver byte, or by content.
    let mut notes = Vec::new();
    let encoding = match encoding {
        Some(e) => e,
        None if matches!(bytes.get(29), Some(0x03 | 0x57)) => DbfEncoding::Windows1252,
        None => {
            let text: Vec<u8> = (0..count)
                .flat_map(|i| {
                    let r = record(i);
                    fields
                        .iter()
                        .filter(|f| f.kind == b'C')
                        .flat_map(move |f| r.get(f.offset..f.offset + f.len).unwrap_or_default())
                        .copied()
                })
                .chain(fields.iter().flat_map(|f| f.name.iter().copied()))
                .collect();
            if text.is_ascii() {
                DbfEncoding::Utf8
            } else {
                let utf8 = std::str::from_utf8(&text).is_ok();
                notes.push(Note::new(
                    path,
                    NoteKind::GisFile,
                    if utf8 {
                        "no .cpg names the text encoding of the .dbf; read as UTF-8 (all its text is valid UTF-8)"
                    } else {
                        "no .cpg names the text encoding of the .dbf; read as Windows-1252 (its text is not valid UTF-8)"
                    },
                ));
                if utf8 {
                    DbfEncoding::Utf8
                } else {
                    DbfEncoding::Windows1252
                }
            }
        }
    };
    let decode = |b: &[u8], at: &dyn Fn() -> String| -> Result<String, Error> {
        match encoding {
            DbfEncoding::Utf8 => std::str::from_utf8(b).map(str::to_string).map_err(|e| {
                err(
                    at(),
                    format!(
                        "not valid UTF-8 ({e}); expected UTF-8 text, as the .cpg says (or a .cpg saying 1252)"
                    ),
                )
            }),
            DbfEncoding::Windows1252 => {
                if let Some(bad) = b.iter().find(|c| matches!(c, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)) {
                    return Err(err(
                        at(),
                        format!("byte 0x{bad:02X} is not a Windows-1252 character; expected Windows-1252 text"),
                    ));
                }
                Ok(encoding_rs::WINDOWS_1252.decode(b).0.into_owned())
            }
        }
    };
    let mut names = Vec::with_capacity(fields.len());
    for (k, f) in fields.iter().enumerate() {
        let name = decode(&f.name, &|| format!("field {}", k + 1))?;
        if names.contains(&name) {
            return Err(err(
                format!("field {}", k + 1),
                format!("the field name '{name}' appears twice; expected each field once"),
            ));
        }
        names.push(name);
    }
    let mut rows = Vec::with_capacity(count);
    for i in 0..count {
        let r = record(i);
        if r.first() == Some(&b'*') {
            notes.push(Note::new(
                path,
                NoteKind::GisFile,
                format!("record {}: marked deleted in the .dbf; read all the same, as its shape is in the .shp", i + 1),
            ));
        }
        let mut props = Map::new();
        for (f, name) in fields.iter().zip(&names) {
            let raw = r.get(f.offset..f.offset + f.len).unwrap_or_default();
            let at = || format!("record {} field '{name}'", i + 1);
            let text = decode(raw, &at)?;
            let text = text.trim_matches(|c: char| c == ' ' || c == '\0');
            props.insert(name.clone(), value(f, text));
        }
        rows.push(props);
    }
    Ok((rows, notes))
}

/// A `.dbf` cell as a JSON value: numbers for N/F fields (integers without decimals), true
/// or false for L, text otherwise; an empty cell is null. A number field that does not
/// parse (`*****`, an overflow) stays text, so nothing is dropped.
fn value(f: &DbfField, text: &str) -> Value {
    if text.is_empty() {
        return Value::Null;
    }
    match f.kind {
        b'N' | b'F' => {
            if f.decimals == 0
                && let Ok(i) = text.parse::<i64>()
            {
                return Value::from(i);
            }
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => serde_json::Number::from_f64(v)
                    .map_or(Value::String(text.into()), Value::Number),
                _ => Value::String(text.into()),
            }
        }
        b'L' => match text {
            "T" | "t" | "Y" | "y" => Value::Bool(true),
            "F" | "f" | "N" | "n" => Value::Bool(false),
            "?" => Value::Null,
            other => Value::String(other.into()),
        },
        _ => Value::String(text.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fixtures::{real_bytes, real_path};

    #[test]
    fn reads_the_gemeenten_in_rd_new_with_windows_1252_names() {
        let l = read_shapefile(
            &real_path("gis/gemeente_rd.shp"),
            &GeoJsonOptions::default(),
        )
        .unwrap();
        assert_eq!(l.features.len(), 342);
        assert_eq!(l.crs, crate::Crs::RdNew);
        let f = l.features.iter().find(|f| f.code == "GM1900").unwrap();
        assert_eq!(f.name, "Súdwest-Fryslân");
        assert_eq!(f.properties["jrstatcode"], "2025GM1900");
    }

    #[test]
    fn the_encoding_by_content_without_a_cpg() {
        let dbf = real_bytes("gis/gemeente_rd.dbf");
        let (rows, notes) = parse_dbf("g.dbf", &dbf, None).unwrap();
        assert_eq!(rows.len(), 342);
        assert!(rows.iter().any(|r| r["statnaam"] == "Súdwest-Fryslân"));
        assert_eq!(
            notes[0].to_string(),
            "g.dbf: no .cpg names the text encoding of the .dbf; read as Windows-1252 (its text is not valid UTF-8)"
        );
        let utf8 = real_bytes("gis/jeugdzorgregio.dbf");
        let (rows, _) = parse_dbf("j.dbf", &utf8, None).unwrap();
        assert_eq!(rows.len(), 42);
        // Windows-1252 bytes read as UTF-8 because a .cpg says so: an error naming the cell.
        let e = parse_dbf("g.dbf", &dbf, Some(DbfEncoding::Utf8))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("g.dbf: record ") && e.contains("field 'statnaam': not valid UTF-8"),
            "{e}"
        );
        assert!(encoding_of_cpg("UTF-8\n").unwrap() == Some(DbfEncoding::Utf8));
        let e = encoding_of_cpg("GB2312").unwrap_err();
        assert!(e.contains("'GB2312'; expected UTF-8 or 1252"), "{e}");
    }

    #[test]
    fn truncated_and_corrupt_files_name_the_record() {
        let shp = real_bytes("gis/gemeente_rd.shp");
        let e = parse_shp("g.shp", &shp[..shp.len() - 10])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.shp: record 342: announces "), "{e}");
        // A wrong record length (record 1 says 4 bytes more than it has).
        let mut wrong = shp.clone();
        let words = i32::from_be_bytes(wrong[104..108].try_into().unwrap());
        wrong[104..108].copy_from_slice(&(words + 2).to_be_bytes());
        let e = parse_shp("g.shp", &wrong).unwrap_err().to_string();
        assert!(e.starts_with("g.shp: record 2:"), "{e}");
        // A huge point count.
        let mut huge = shp.clone();
        huge[108 + 40..108 + 44].copy_from_slice(&i32::MAX.to_le_bytes());
        let e = parse_shp("g.shp", &huge).unwrap_err().to_string();
        assert!(
            e.contains("record 1: ") && e.contains("2147483647 points need"),
            "{e}"
        );
        let e = parse_shp("g.shp", b"").unwrap_err().to_string();
        assert_eq!(
            e,
            "g.shp: the file is empty; expected a Shapefile (.shp) of polygons"
        );
        let mut points = shp[..100].to_vec();
        points[32..36].copy_from_slice(&1i32.to_le_bytes());
        let e = parse_shp("g.shp", &points).unwrap_err().to_string();
        assert!(
            e.contains("a Shapefile of points (shape type 1); expected polygons"),
            "{e}"
        );
        let dbf = real_bytes("gis/gemeente_rd.dbf");
        let e = parse_dbf("g.dbf", &dbf[..dbf.len() / 2], None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("342 records of") && e.contains("a truncated .dbf"),
            "{e}"
        );
        // A huge record count: refused before anything is allocated.
        let mut huge = dbf.clone();
        huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        let e = parse_dbf("g.dbf", &huge, None).unwrap_err().to_string();
        assert!(e.contains("header: more than 2000000 records"), "{e}");
        for cut in [0, 10, 31, 32, 100, 200] {
            assert!(parse_dbf("g.dbf", &dbf[..cut], None).is_err(), "{cut}");
        }
    }

    /// Bytes changed all through the real files: errors or layers, never a panic.
    #[test]
    fn corrupted_bytes_never_panic() {
        for file in ["gis/jeugdzorgregio.shp", "gis/jeugdzorgregio.dbf"] {
            let good = real_bytes(file);
            for at in (0..good.len()).step_by(37) {
                for v in [0x00, 0x7F, 0xFF] {
                    let mut bad = good.clone();
                    bad[at] = v;
                    let _ = parse_shp("x.shp", &bad);
                    let _ = parse_dbf("x.dbf", &bad, None);
                }
            }
        }
    }

    #[test]
    fn holes_go_to_the_exterior_that_holds_them() {
        let sq = |x0: f64, y0: f64, s: f64, cw: bool| -> Ring {
            let mut r = vec![
                [x0, y0],
                [x0 + s, y0],
                [x0 + s, y0 + s],
                [x0, y0 + s],
                [x0, y0],
            ];
            if cw {
                r.reverse();
            }
            r
        };
        let polys = assemble(vec![
            sq(0.0, 0.0, 10.0, true),
            sq(20.0, 0.0, 10.0, true),
            sq(22.0, 2.0, 1.0, false),
        ]);
        assert_eq!(polys.len(), 2);
        assert_eq!(polys[1].len(), 2);
        // Without clockwise rings every ring is an exterior.
        assert_eq!(
            assemble(vec![sq(0.0, 0.0, 1.0, false), sq(5.0, 0.0, 1.0, false)]).len(),
            2
        );
    }
}
