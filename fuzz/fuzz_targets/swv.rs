//! The SWV postcode table: read it, build the postcode atlas, and aggregate it to the
//! embedded 2015 gemeenten.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use speelveld::Atlas;
use speelveld::io::swv::{gemeente_layouts, pc4_atlas, read_swv};
use speelveld::io::text::decode;

static ATLAS: LazyLock<Atlas> =
    LazyLock::new(|| speelveld::dataset::embedded::atlas(Some(2015)).expect("embedded atlas"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.csv", data) else {
        return;
    };
    let Ok(table) = read_swv("fuzz.csv", &text) else {
        return;
    };
    if let Ok(a) = pc4_atlas(&table) {
        assert_eq!(a.units().len(), table.rows.len());
    }
    let s = gemeente_layouts(&table, &ATLAS);
    for l in [&s.po, &s.vo] {
        for m in l.members() {
            assert!(m.share.is_finite() && m.share > 0.0 && m.share <= 1.0 + 1e-9);
        }
    }
});
