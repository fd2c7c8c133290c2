//! TopoJSON reader: any bytes, decoded as the CLI does, then read as a topology (its only
//! object, or the object `gemeente`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::geojson::GeoJsonOptions;
use speelveld::io::topojson::read_topojson;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = speelveld::io::text::decode("fuzz.topojson", data) else {
        return;
    };
    let o = GeoJsonOptions::default();
    for object in [None, Some("gemeente")] {
        if let Ok(layer) = read_topojson("fuzz.topojson", &text, object, &o) {
            let _ = speelveld::dataset::embedded::units_atlas_from_layer("fuzz.topojson", layer, None);
        }
    }
});
