//! Herindeling tables: read any bytes as a herindeling and carry a layout of the 2015
//! gemeenten to those of 2025 through it. Shares of the translated layout must stay in (0, 1],
//! and chains followed by date never give an old unit more than its whole.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use speelveld::analysis::translate::{TranslateOptions, translate};
use speelveld::io::herindeling::read_herindeling;
use speelveld::io::text::decode;
use speelveld::{Atlas, Layout, Unit};

fn units(year: u16) -> Atlas {
    let mut a = Atlas::new(Some(year));
    for (code, name) in speelveld::dataset::embedded::gemeenten(year).expect("gemeenten") {
        a.add_unit(Unit::new(code, name)).expect("unique");
    }
    a
}

static OLD: LazyLock<Atlas> = LazyLock::new(|| units(2015));
static NEW: LazyLock<Atlas> = LazyLock::new(|| units(2025));
/// Seven regions, each gemeente of 2015 in one of them.
static LAYOUT: LazyLock<Layout> = LazyLock::new(|| {
    let mut l = Layout::new("x");
    for u in 0..OLD.units().len() {
        let r = l.add_region(format!("R{}", u % 7).parse().expect("code"), "");
        l.add_member(u, r, 1.0);
    }
    l
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.csv", data) else {
        return;
    };
    let Ok(h) = read_herindeling("fuzz.csv", &text) else {
        return;
    };
    // Chains compose shares and merge equal pairs: an old unit never gives away more than
    // itself (given shares may sum to 1 ± 0.01).
    let mut given: std::collections::BTreeMap<_, f64> = std::collections::BTreeMap::new();
    for p in &h.pairs {
        assert!(p.share.is_finite() && p.share >= 0.0, "{}", p.share);
        *given.entry(p.old).or_default() += p.share;
    }
    assert!(given.values().all(|&s| s <= 1.01 + 1e-9), "{given:?}");
    if let Ok(t) = translate(&LAYOUT, &OLD, &h, &NEW, &TranslateOptions::default()) {
        for m in t.layout.members() {
            assert!(m.unit < NEW.units().len() && m.region < t.layout.regions().len());
            assert!(
                m.share.is_finite() && m.share > 0.0 && m.share <= 1.0 + 1e-9,
                "{}",
                m.share
            );
        }
    }
});
