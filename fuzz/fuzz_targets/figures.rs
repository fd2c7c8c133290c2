//! Key figures CSV: read any bytes as a figures table and attach it to the 2025 gemeenten
//! (codes and names only, so one run stays cheap), carried there first when its codes are
//! of 2015 or 2021. Every value kept must be a finite,
//! non-negative number.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use speelveld::dataset::figures::add_figures;
use speelveld::io::figures::read_figures;
use speelveld::io::text::decode;
use speelveld::{Atlas, Unit};

static ATLAS: LazyLock<Atlas> = LazyLock::new(|| {
    let mut a = Atlas::new(Some(2025));
    a.register = speelveld::dataset::embedded_register();
    for (code, name) in speelveld::dataset::embedded::gemeenten(2025).expect("gemeenten") {
        a.add_unit(Unit::new(code, name)).expect("unique");
    }
    a
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.csv", data) else {
        return;
    };
    let Ok(f) = read_figures("fuzz.csv", &text) else {
        return;
    };
    let mut atlas = ATLAS.clone();
    let _ = add_figures(&mut atlas, &f, None);
    for u in atlas.units() {
        for v in u.figures.values() {
            assert!(v.is_finite() && *v >= 0.0, "{v}");
        }
    }
});
