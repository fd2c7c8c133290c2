//! GeoPackage reader (the OGC format PDOK publishes): an SQLite database, read from its
//! bytes with the bundled SQLite (`rusqlite`), read-only.
//!
//! - **Which table**: the feature tables are those `gpkg_contents` lists with data type
//!   `features`; the only one is read, or the one named after `#` (`regions.gpkg#provincie`);
//!   with several and none named, an error lists them.
//! - **Geometry**: the column `gpkg_geometry_columns` names, as standard GeoPackage blobs
//!   (`GP` header with flags and envelope, then WKB: [`crate::io::wkb`]).
//! - **CRS**: the table's `srs_id` in `gpkg_spatial_ref_sys`, by its organisation and code
//!   or its WKT definition ([`crate::io::wkt_crs`]); an undefined one (`-1`, `0`) is taken
//!   from the range of the coordinates, with a note.
//! - **Attributes**: every other column (integers, reals, text; a blob is left out, with a
//!   note), in column order; the code and name are chosen from them as in GeoJSON.
//!
//! # Examples
//! ```
//! use speelveld::io::geopackage::read_geopackage;
//! use speelveld::io::geojson::GeoJsonOptions;
//! let e = read_geopackage("x.gpkg", b"SQLite format 3\0...", None, &GeoJsonOptions::default())
//!     .unwrap_err();
//! assert!(e.to_string().starts_with("x.gpkg: database:"));
//! ```

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::io::geojson::GeoJsonOptions;
use crate::io::gis_features::{CrsSource, RawFeature, layer_from_raw, multipolygon};
use crate::model::{Note, NoteKind, PolygonLayer};

/// Reads the feature table `table` (or the only one) of a GeoPackage held in `bytes`.
/// `path` names the file in errors.
pub fn read_geopackage(
    path: &str,
    bytes: &[u8],
    table: Option<&str>,
    fields: &GeoJsonOptions,
) -> Result<PolygonLayer, Error> {
    let err = |at: &str, message: String| Error::Gis {
        path: path.into(),
        at: at.into(),
        message,
    };
    let db = |e: rusqlite::Error| {
        err(
            "database",
            format!("{e}; expected a GeoPackage (an SQLite database with gpkg_contents)"),
        )
    };
    if bytes.is_empty() {
        return Err(Error::Empty {
            path: path.into(),
            expected: "a GeoPackage".into(),
        });
    }
    let mut conn = Connection::open_with_flags(
        ":memory:",
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db)?;
    conn.deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), true)
        .map_err(db)?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name",
        )
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(db)?;
    let list = || {
        tables
            .iter()
            .map(|t| format!("'{t}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let name = match (table, tables.as_slice()) {
        (Some(t), _) if tables.iter().any(|x| x == t) => t.to_string(),
        (_, []) => {
            return Err(err(
                "gpkg_contents",
                "no feature tables; expected a table of polygons".into(),
            ));
        }
        (Some(t), _) => {
            return Err(err(
                "gpkg_contents",
                format!("no feature table '{t}'; expected one of {}", list()),
            ));
        }
        (None, [one]) => one.clone(),
        (None, many) => {
            return Err(err(
                "gpkg_contents",
                format!(
                    "{} feature tables ({}); expected one, or FILE#TABLE to choose",
                    many.len(),
                    list()
                ),
            ));
        }
    };
    let at = format!("table '{name}'");
    let (column, srs_id): (String, i64) = conn
        .query_row(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?1",
            [&name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| {
            err(
                &at,
                format!("no row in gpkg_geometry_columns ({e}); expected its geometry column"),
            )
        })?;
    let crs = if srs_id <= 0 {
        CrsSource::Missing("the table's srs_id is undefined")
    } else {
        let (org, code, definition): (Option<String>, Option<i64>, Option<String>) = conn
            .query_row(
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
                [srs_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| {
                err(
                    &at,
                    format!("srs_id {srs_id} is not in gpkg_spatial_ref_sys ({e}); expected its CRS there"),
                )
            })?;
        let by_code = match (org.as_deref().map(str::to_ascii_uppercase), code) {
            (Some(o), Some(c)) if o == "EPSG" => u32::try_from(c).ok(),
            _ => None,
        };
        let crs = match by_code {
            Some(c) => crate::io::wkt_crs::crs_from_epsg(c),
            None => crate::io::wkt_crs::crs_from_wkt(definition.as_deref().unwrap_or("")),
        };
        CrsSource::Stated(crs.map_err(|m| err(&format!("{at}: srs_id {srs_id}"), m))?)
    };
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM {quoted}"))
        .map_err(|e| {
            err(
                &at,
                format!("cannot be read ({e}); expected a feature table"),
            )
        })?;
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    let geometry_at = columns
        .iter()
        .position(|c| c.eq_ignore_ascii_case(&column))
        .ok_or_else(|| {
            err(
                &at,
                format!(
                    "no column '{column}' (gpkg_geometry_columns names it); found {}",
                    columns.join(", ")
                ),
            )
        })?;
    let mut rows = stmt
        .query([])
        .map_err(|e| err(&at, format!("cannot be read ({e})")))?;
    let mut features = Vec::new();
    let mut blob_columns: Vec<&str> = Vec::new();
    while let Some(row) = rows.next().map_err(|e| {
        err(
            &at,
            format!("row {} cannot be read ({e})", features.len() + 1),
        )
    })? {
        let n = features.len() + 1;
        if n > crate::io::text::MAX_ROWS {
            return Err(err(&at, crate::io::gis_features::too_many("rows")));
        }
        let mut properties = Map::new();
        let mut geometry = Value::Null;
        for (k, c) in columns.iter().enumerate() {
            let v = row
                .get_ref(k)
                .map_err(|e| err(&at, format!("row {n} column '{c}': {e}")))?;
            if k == geometry_at {
                geometry = match v {
                    ValueRef::Null => Value::Null,
                    ValueRef::Blob(b) => multipolygon(&geometry_blob(b).map_err(|m| {
                        err(&format!("{at} row {n}"), format!("column '{c}': {m}"))
                    })?),
                    _ => {
                        return Err(err(
                            &format!("{at} row {n}"),
                            format!("column '{c}' holds no blob; expected a GeoPackage geometry"),
                        ));
                    }
                };
                continue;
            }
            let value = match v {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::from(i),
                ValueRef::Real(r) => {
                    serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number)
                }
                ValueRef::Text(t) => match std::str::from_utf8(t) {
                    Ok(t) => Value::String(t.to_string()),
                    Err(e) => {
                        return Err(err(
                            &format!("{at} row {n}"),
                            format!(
                                "column '{c}': not valid UTF-8 ({e}); expected UTF-8 text, as GeoPackage requires"
                            ),
                        ));
                    }
                },
                ValueRef::Blob(_) => {
                    if !blob_columns.contains(&c.as_str()) {
                        blob_columns.push(c);
                    }
                    continue;
                }
            };
            properties.insert(c.clone(), value);
        }
        features.push(RawFeature {
            properties,
            id: None,
            geometry,
        });
    }
    let notes = blob_columns
        .iter()
        .map(|c| {
            Note::new(
                path,
                NoteKind::GisFile,
                format!("{at}: column '{c}' holds binary data; left out of the properties"),
            )
        })
        .collect();
    layer_from_raw(path, features, crs, notes, fields)
}

/// The polygons of a GeoPackage geometry blob: the `GP` header (version, flags, `srs_id`,
/// an envelope of 0, 32, 48 or 64 bytes), then WKB. An empty geometry (flag bit 4) has none.
pub fn geometry_blob(b: &[u8]) -> Result<Vec<crate::io::gis_features::PolygonRings>, String> {
    if b.get(..2) != Some(b"GP".as_slice()) {
        return Err("no 'GP' magic; expected a GeoPackage geometry blob".into());
    }
    let flags = *b
        .get(3)
        .ok_or("a blob of 3 bytes; expected a GeoPackage header")?;
    if flags & 0b0010_0000 != 0 {
        return Err("an extended geometry type; expected standard GeoPackage geometry".into());
    }
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        e => return Err(format!("envelope code {e}; expected 0 to 4")),
    };
    if flags & 0b0001_0000 != 0 {
        return Ok(Vec::new());
    }
    let wkb = b
        .get(8 + envelope..)
        .ok_or("the blob ends inside its header; expected a header, then WKB")?;
    crate::io::wkb::read_polygons(wkb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fixtures::real_bytes;

    fn read(p: &str, table: Option<&str>) -> Result<PolygonLayer, Error> {
        read_geopackage(p, &real_bytes(p), table, &GeoJsonOptions::default())
    }

    #[test]
    fn reads_the_gemeenten_in_rd_new() {
        let l = read("gis/gemeente.gpkg", None).unwrap();
        assert_eq!(l.features.len(), 342);
        assert_eq!(l.crs, crate::Crs::RdNew);
        assert_eq!(l.code_field, "statcode");
        let f = l.features.iter().find(|f| f.code == "GM1900").unwrap();
        assert_eq!(f.name, "Súdwest-Fryslân");
    }

    #[test]
    fn several_tables_need_a_name() {
        let e = read("gis/regions.gpkg", None).unwrap_err().to_string();
        assert_eq!(
            e,
            "gis/regions.gpkg: gpkg_contents: 2 feature tables ('jeugdzorgregio', 'provincie'); expected one, or FILE#TABLE to choose"
        );
        let jz = read("gis/regions.gpkg", Some("jeugdzorgregio")).unwrap();
        assert_eq!((jz.features.len(), jz.crs), (42, crate::Crs::Wgs84));
        let e = read("gis/regions.gpkg", Some("gemeente"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(
                "no feature table 'gemeente'; expected one of 'jeugdzorgregio', 'provincie'"
            ),
            "{e}"
        );
    }

    #[test]
    fn bad_files_and_blobs() {
        let bytes = real_bytes("gis/gemeente.gpkg");
        let o = GeoJsonOptions::default();
        for cut in [0, 16, 100, 4096, bytes.len() / 2] {
            let e = read_geopackage("g.gpkg", &bytes[..cut], None, &o);
            assert!(e.is_err(), "{cut}");
        }
        let e = read_geopackage("g.gpkg", &bytes[..4096], None, &o)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.gpkg: "), "{e}");
        assert!(geometry_blob(b"GX").unwrap_err().contains("no 'GP' magic"));
        assert!(
            geometry_blob(b"GP\0\x03\0\0\0\0")
                .unwrap_err()
                .contains("ends inside its header")
        );
        assert!(geometry_blob(b"GP\0\x10\0\0\0\0").unwrap().is_empty());
    }
}
