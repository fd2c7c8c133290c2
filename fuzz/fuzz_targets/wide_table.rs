//! Wide tables (code + name column pairs) against the embedded 2025 gemeenten.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use speelveld::Atlas;
use speelveld::io::text::{decode, read_table};
use speelveld::model::UnitLookup;
use speelveld::io::wide_table::{read_wide_column, read_wide_layouts};

static ATLAS: LazyLock<Atlas> =
    LazyLock::new(|| speelveld::dataset::embedded::atlas(Some(2025)).expect("embedded atlas"));
static UNITS: LazyLock<UnitLookup<'static>> = LazyLock::new(|| UnitLookup::new(&ATLAS));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.csv", data) else {
        return;
    };
    let Ok(t) = read_table("fuzz.csv", &text) else {
        return;
    };
    let units = &*UNITS;
    if let Ok(layouts) = read_wide_layouts(&t, units) {
        for l in &layouts {
            for m in l.members() {
                assert!(m.unit < ATLAS.units().len() && m.region < l.regions().len());
            }
        }
    }
    if let Some(h) = t.headers.last() {
        let _ = read_wide_column(&t, h, "x", units);
    }
});
