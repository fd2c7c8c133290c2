//! Membership CSV against the embedded 2025 gemeenten: any bytes through decode,
//! read_table and read_membership. Every row must come back as a member or an unresolved row.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use speelveld::Atlas;
use speelveld::io::membership::read_membership;
use speelveld::io::text::{decode, read_table};
use speelveld::model::UnitLookup;

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
    if let Ok(l) = read_membership(&t, "x", &UNITS) {
        for m in l.members() {
            assert!(m.unit < ATLAS.units().len());
            assert!(m.region < l.regions().len());
            assert!(m.share.is_finite() && m.share > 0.0 && m.share <= 1.0);
        }
    }
});
