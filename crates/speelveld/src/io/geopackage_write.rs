//! GeoPackage writer: dissolved region outlines as an OGC GeoPackage (1.2), one feature
//! table per layout, beside the GeoJSON of [`crate::io::geojson_write`] and with the same
//! properties. QGIS, GDAL and GeoPandas open it as it is.
//!
//! The file holds what the standard requires: `application_id` `GPKG`, `user_version`
//! 10200, `gpkg_spatial_ref_sys` (the two undefined systems and the CRS of the geometry,
//! EPSG:28992 or EPSG:4326, with its WKT), `gpkg_contents` (with each table's extent) and
//! `gpkg_geometry_columns`; geometries are standard GeoPackage blobs (little-endian, with
//! an XY envelope) of 2D WKB MultiPolygons in full precision. No spatial index is written
//! (tools that want one build it on opening).
//!
//! # Examples
//! ```
//! use speelveld::geometry::dissolve::dissolve;
//! use speelveld::io::geopackage_write::to_geopackage;
//! let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
//! let jz = dissolve(&atlas, atlas.layout("jeugdzorgregio").unwrap()).unwrap();
//! let bytes = to_geopackage(&[("jeugdzorgregio", &jz)], atlas.crs).unwrap();
//! assert!(bytes.starts_with(b"SQLite format 3\0"));
//! ```

use rusqlite::{Connection, params};

use crate::error::Error;
use crate::geometry::dissolve::DissolvedRegion;
use crate::io::gis::PolygonRings;
use crate::model::Crs;

/// The OGC WKT of EPSG:4326, as GDAL writes it into `gpkg_spatial_ref_sys`.
const WKT_4326: &str = r#"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]"#;

/// The OGC WKT of EPSG:28992 (Amersfoort / RD New).
const WKT_28992: &str = r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]"#;

/// Writes each (table name, dissolved regions) pair as a feature table of one GeoPackage,
/// in `crs`, and returns the file's bytes. Properties as in
/// [`crate::io::geojson_write::to_geojson`]: `code`, `name`, `units`, `unit_codes`,
/// `partial_units`, `undrawn_units`, `area_km2`. A table name that the standard reserves
/// (`gpkg_…`, `rtree_…`, `sqlite_…`) or an empty one is an error.
pub fn to_geopackage(tables: &[(&str, &[DissolvedRegion])], crs: Crs) -> Result<Vec<u8>, Error> {
    let fail = |e: rusqlite::Error| Error::Gis {
        path: "the GeoPackage".into(),
        at: "writing".into(),
        message: format!("{e}"),
    };
    let mut conn = Connection::open_in_memory().map_err(fail)?;
    conn.execute_batch(
        "PRAGMA application_id = 1196444487;
         PRAGMA user_version = 10200;
         CREATE TABLE gpkg_spatial_ref_sys (
           srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
           organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
           definition TEXT NOT NULL, description TEXT);
         CREATE TABLE gpkg_contents (
           table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
           identifier TEXT UNIQUE, description TEXT DEFAULT '',
           last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
           min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
           CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (
           table_name TEXT NOT NULL, column_name TEXT NOT NULL,
           geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
           z TINYINT NOT NULL, m TINYINT NOT NULL,
           CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
           CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
           CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
         INSERT INTO gpkg_spatial_ref_sys VALUES
           ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
           ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');",
    )
    .map_err(fail)?;
    let (srs_name, wkt) = match crs {
        Crs::Wgs84 => ("WGS 84", WKT_4326),
        Crs::RdNew => ("Amersfoort / RD New", WKT_28992),
    };
    let srs = i64::from(crs.epsg());
    conn.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, 'EPSG', ?2, ?3, NULL)",
        params![srs_name, srs, wkt],
    )
    .map_err(fail)?;
    let tx = conn.transaction().map_err(fail)?;
    for (name, regions) in tables {
        let lower = name.to_ascii_lowercase();
        if name.is_empty()
            || ["gpkg_", "rtree_", "sqlite_"]
                .iter()
                .any(|p| lower.starts_with(p))
        {
            return Err(Error::Gis {
                path: "the GeoPackage".into(),
                at: format!("table '{name}'"),
                message: "a name the GeoPackage standard reserves (or an empty one); expected a layout name".into(),
            });
        }
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        tx.execute_batch(&format!(
            "CREATE TABLE {quoted} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
               geom MULTIPOLYGON, code TEXT, name TEXT, units INTEGER, unit_codes TEXT,
               partial_units TEXT, undrawn_units TEXT, area_km2 REAL)"
        ))
        .map_err(fail)?;
        let mut extent: Option<[f64; 4]> = None;
        {
            let mut insert = tx
                .prepare(&format!(
                    "INSERT INTO {quoted} (geom, code, name, units, unit_codes, partial_units, undrawn_units, area_km2)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ))
                .map_err(fail)?;
            for r in regions.iter() {
                let polygons: Vec<PolygonRings> = r
                    .geometry
                    .0
                    .iter()
                    .map(|p| {
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(|ring| ring.0.iter().map(|c| [c.x, c.y]).collect())
                            .collect()
                    })
                    .collect();
                let env = envelope(&polygons);
                if let Some(e) = env {
                    extent = Some(match extent {
                        None => e,
                        Some(x) => [
                            x[0].min(e[0]),
                            x[1].min(e[1]),
                            x[2].max(e[2]),
                            x[3].max(e[3]),
                        ],
                    });
                }
                insert
                    .execute(params![
                        blob(&polygons, env, crs.epsg()),
                        r.code,
                        r.name,
                        i64::try_from(r.units.len()).unwrap_or(i64::MAX),
                        r.units.join(","),
                        r.partial.join(","),
                        r.undrawn.join(","),
                        (r.area_km2 * 1000.0).round() / 1000.0,
                    ])
                    .map_err(fail)?;
            }
        }
        let [x0, y0, x1, y1] = extent.map_or([None; 4], |e| e.map(Some));
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id)
             VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6)",
            params![name, x0, y0, x1, y1, srs],
        )
        .map_err(fail)?;
        tx.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 'MULTIPOLYGON', ?2, 0, 0)",
            params![name, srs],
        )
        .map_err(fail)?;
    }
    tx.commit().map_err(fail)?;
    let data = conn.serialize(rusqlite::MAIN_DB).map_err(fail)?;
    Ok(data.to_vec())
}

/// The XY extent (min x, min y, max x, max y) of polygons; `None` when they have no points.
fn envelope(polygons: &[PolygonRings]) -> Option<[f64; 4]> {
    let mut pts = polygons.iter().flatten().flatten();
    let first = pts.next()?;
    Some(
        pts.fold([first[0], first[1], first[0], first[1]], |e, [x, y]| {
            [e[0].min(*x), e[1].min(*y), e[2].max(*x), e[3].max(*y)]
        }),
    )
}

/// A GeoPackage geometry blob: `GP`, version 0, flags (little-endian, XY envelope; empty
/// when there is no envelope), `srs_id`, the envelope (min x, max x, min y, max y), WKB.
fn blob(polygons: &[PolygonRings], env: Option<[f64; 4]>, srs_id: u32) -> Vec<u8> {
    let mut b = b"GP\0".to_vec();
    b.push(if env.is_some() {
        0b0000_0011
    } else {
        0b0001_0001
    });
    b.extend_from_slice(&i32::try_from(srs_id).unwrap_or(0).to_le_bytes());
    if let Some([x0, y0, x1, y1]) = env {
        for v in [x0, x1, y0, y1] {
            b.extend_from_slice(&v.to_le_bytes());
        }
    }
    crate::io::wkb::write_multipolygon(&mut b, polygons);
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;
    use crate::geometry::dissolve::dissolve;
    use crate::io::geojson::GeoJsonOptions;
    use geo::Area;

    /// Written and read back with speelveld's own reader: the same regions, codes, names and
    /// areas (Python's check with GDAL: tests/data/gis/check_gpkg.py).
    #[test]
    fn written_regions_read_back() {
        let a = atlas(None).unwrap();
        let jz = dissolve(&a, a.layout("jeugdzorgregio").unwrap()).unwrap();
        let pv = dissolve(&a, a.layout("provincie").unwrap()).unwrap();
        let bytes = to_geopackage(&[("jeugdzorgregio", &jz), ("provincie", &pv)], a.crs).unwrap();
        let o = GeoJsonOptions::default();
        let e = crate::io::geopackage::read_geopackage("o.gpkg", &bytes, None, &o).unwrap_err();
        assert!(e.to_string().contains("2 feature tables"), "{e}");
        let back =
            crate::io::geopackage::read_geopackage("o.gpkg", &bytes, Some("jeugdzorgregio"), &o)
                .unwrap();
        assert_eq!(back.crs, a.crs);
        assert_eq!(back.code_field, "code");
        assert_eq!(back.features.len(), jz.len());
        for (f, r) in back.features.iter().zip(&jz) {
            assert_eq!(
                (f.code.as_str(), f.name.as_str()),
                (r.code.as_str(), r.name.as_str())
            );
            let (x, y) = (f.geometry.unsigned_area(), r.geometry.unsigned_area());
            assert!((x / y - 1.0).abs() < 1e-12, "{}", r.code);
            assert_eq!(f.properties["unit_codes"], r.units.join(","));
        }
        assert!(to_geopackage(&[("gpkg_x", &jz)], a.crs).is_err());
    }
}
