//! Region-polygon spatial assignment: any GeoJSON of region polygons assigned to a small
//! atlas of real gemeenten (the first 20 of 2025, so one run stays fast).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use speelveld::Atlas;
use speelveld::geometry::assign::{AssignOptions, assign_layout};
use speelveld::io::geojson::{GeoJsonOptions, read_polygons};

static ATLAS: LazyLock<Atlas> = LazyLock::new(|| {
    let full = speelveld::dataset::embedded::atlas(Some(2025)).expect("embedded atlas");
    let mut a = Atlas::new(Some(2025));
    a.crs = full.crs;
    for u in full.units().iter().take(20) {
        a.add_unit(u.clone()).expect("unique");
    }
    a
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(layer) = read_polygons("fuzz.geojson", text, &GeoJsonOptions::default()) else {
        return;
    };
    for opts in [None, Some(AssignOptions::default())] {
        if let Ok((l, _)) = assign_layout("fuzz.geojson", "x", &layer, &ATLAS, opts) {
            for m in l.members() {
                assert!(m.unit < ATLAS.units().len() && m.region < l.regions().len());
                assert!(m.share.is_finite() && m.share > 0.0 && m.share <= 1.0 + 1e-9);
            }
        }
    }
});
