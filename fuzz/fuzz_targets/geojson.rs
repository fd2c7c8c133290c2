//! GeoJSON polygon reader: any bytes, decoded as the CLI does, then read as polygons and,
//! when they parse, as units (code check and ring repair).
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::geojson::{GeoJsonOptions, read_polygons};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = speelveld::io::text::decode("fuzz.geojson", data) else {
        return;
    };
    if let Ok(layer) = read_polygons("fuzz.geojson", &text, &GeoJsonOptions::default()) {
        for f in &layer.features {
            let _ = speelveld::geometry::area::area_km2(&f.geometry, layer.crs);
        }
        let _ = speelveld::dataset::embedded::units_atlas("fuzz.geojson", &text, None);
    }
});
