//! The GIS formats besides GeoJSON, read into the same [`PolygonLayer`] that
//! [`crate::io::geojson::read_polygons`] gives: TopoJSON ([`crate::io::topojson`]),
//! Shapefile ([`crate::io::shapefile`]) and GeoPackage ([`crate::io::geopackage`]).
//!
//! Each reader turns its file into the features a GeoJSON FeatureCollection would hold
//! ([`RawFeature`]) and hands them to the GeoJSON reader, so that every format has the same
//! choice of code and name properties, the same checks of geometry and coordinates, and the
//! same messages (`gemeente.shp: feature 12 (GM0363): …`, the feature counted from 1 in file
//! order). A CRS that the file does not state is taken from the range of the coordinates,
//! with a note.
//!
//! A file that holds several layers (a GeoPackage with several feature tables, a TopoJSON
//! with several objects) is read as `FILE#LAYER`; with one layer, the `#LAYER` may be left
//! out.
//!
//! # Examples
//! ```
//! use speelveld::io::geojson::GeoJsonOptions;
//! use speelveld::io::gis::read_gis_layer;
//! // A CSV is not a GIS file: `None`, for the table readers to take.
//! let dir = tempfile::tempdir().unwrap();
//! let csv = dir.path().join("a.csv");
//! std::fs::write(&csv, "gemeentecode,regio\n").unwrap();
//! assert!(read_gis_layer(&csv, &GeoJsonOptions::default()).unwrap().is_none());
//! ```

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::io::format::{FileKind, read_bytes};
use crate::io::geojson::GeoJsonOptions;
use crate::model::PolygonLayer;

pub use crate::io::gis_features::{PolygonRings, RawFeature, Ring, multipolygon};

/// Splits `FILE#LAYER` into the file and the layer when `path` itself is not a file but the
/// part before the last `#` is.
pub fn split_layer(path: &Path) -> (PathBuf, Option<String>) {
    if path.is_file() {
        return (path.to_path_buf(), None);
    }
    let text = path.to_string_lossy();
    match text.rsplit_once('#') {
        Some((file, layer)) if !layer.is_empty() && Path::new(file).is_file() => {
            (PathBuf::from(file), Some(layer.to_string()))
        }
        _ => (path.to_path_buf(), None),
    }
}

/// Reads a TopoJSON, Shapefile (`.shp`) or GeoPackage file (told by content,
/// [`FileKind::sniff`]) into a polygon layer, with `fields` choosing the code and name
/// properties. `Ok(None)` for a file of another kind (a table, a GeoJSON) or one that does
/// not exist, for the caller to read or report. `path` may be `FILE#LAYER`
/// ([`split_layer`]).
pub fn read_gis_layer(path: &Path, fields: &GeoJsonOptions) -> Result<Option<PolygonLayer>, Error> {
    let (file, layer) = split_layer(path);
    if !file.is_file() {
        return Ok(None);
    }
    let label = file.display().to_string();
    if let Some(part) = shapefile_part(&file) {
        return Err(Error::Format {
            path: label,
            found: format!("the {part} of a Shapefile"),
            expected: "its .shp (the .dbf, .shx, .prj and .cpg beside it are read with it)".into(),
        });
    }
    let kind = FileKind::sniff(&label, &head(&file)?);
    let reader = match kind {
        FileKind::TopoJson | FileKind::GeoPackage | FileKind::Shapefile => kind,
        _ => return Ok(None),
    };
    let no_layers = |what: &str| {
        Error::Usage(format!(
            "{label}: {what} holds one layer, so '#{}' chooses nothing; expected the file without '#'",
            layer.as_deref().unwrap_or_default()
        ))
    };
    let read = match reader {
        FileKind::TopoJson => {
            let text = crate::io::text::decode(&label, &read_bytes(&file)?)?;
            crate::io::topojson::read_topojson(&label, &text, layer.as_deref(), fields)?
        }
        FileKind::GeoPackage => crate::io::geopackage::read_geopackage(
            &label,
            &read_bytes(&file)?,
            layer.as_deref(),
            fields,
        )?,
        _ => {
            if layer.is_some() {
                return Err(no_layers("a Shapefile"));
            }
            crate::io::shapefile::read_shapefile(&file, fields)?
        }
    };
    Ok(Some(read))
}

/// The first bytes of a file, enough to tell its kind.
fn head(file: &Path) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        path: file.display().to_string(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .map_err(io)?
        .take(4096)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// `.dbf`, `.shx`, `.prj` or `.cpg` when `file` is such a part of a Shapefile whose `.shp`
/// lies beside it.
fn shapefile_part(file: &Path) -> Option<String> {
    let ext = file.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "dbf" | "shx" | "prj" | "cpg") {
        return None;
    }
    crate::io::shapefile::sibling(file, "shp").map(|_| format!(".{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_and_layer() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.gpkg");
        std::fs::write(&p, b"x").unwrap();
        let with = PathBuf::from(format!("{}#provincie", p.display()));
        assert_eq!(split_layer(&with), (p.clone(), Some("provincie".into())));
        assert_eq!(split_layer(&p), (p.clone(), None));
        let missing = dir.path().join("b.gpkg#x");
        assert_eq!(split_layer(&missing), (missing.clone(), None));
    }
}
