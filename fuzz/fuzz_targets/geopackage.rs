//! GeoPackage reader: any bytes as a GeoPackage file, as a GeoPackage geometry blob, and as
//! WKB.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::geojson::GeoJsonOptions;

fuzz_target!(|data: &[u8]| {
    let _ = speelveld::io::geopackage::geometry_blob(data);
    let _ = speelveld::io::wkb::read_polygons(data);
    let _ = speelveld::io::geopackage::read_geopackage(
        "fuzz.gpkg",
        data,
        None,
        &GeoJsonOptions::default(),
    );
});
