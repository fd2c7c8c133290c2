//! Herindelingen on the embedded data: deriving 2015 → 2025 from the gemeente geometry
//! (393 × 342 polygons, R-tree candidates and exact intersections), and carrying the 2015
//! SWV PO layout to the 2025 gemeenten through the committed table.

use criterion::{Criterion, criterion_group, criterion_main};
use speelveld::analysis::herindeling::{DeriveOptions, derive};
use speelveld::dataset::embedded::embedded_swv;
use speelveld::dataset::embedded::{gemeente_geojson, units_atlas};

fn bench_herindeling(c: &mut Criterion) {
    let units = |y: u16| {
        let f = gemeente_geojson(y).expect("embedded year");
        units_atlas(f.name, f.text, Some(y)).expect("units")
    };
    let (old, new) = (units(2015), units(2025));
    c.bench_function("derive herindeling 2015 -> 2025", |b| {
        b.iter(|| derive(&old, &new, &DeriveOptions::default()))
    });
    c.bench_function("carry swv-po and swv-vo 2015 -> 2025", |b| {
        b.iter(|| embedded_swv(&new))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench_herindeling
}
criterion_main!(benches);
