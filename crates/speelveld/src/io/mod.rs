//! Readers and writers. Readers never analyse; writers never compute.

pub mod figures;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod format;
pub mod geojson;
mod geojson_parse;
pub mod geojson_write;
pub mod geopackage;
pub mod geopackage_write;
pub mod gis;
pub mod gis_features;
pub mod herindeling;
pub mod membership;
pub mod number;
pub mod shapefile;
pub mod swv;
pub mod text;
pub mod topojson;
pub mod units;
pub mod wide_table;
pub mod wkb;
pub mod wkt_crs;
pub mod workbook;
pub mod write;
pub mod xlsx_write;
