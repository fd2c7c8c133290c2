//! Rendering on the embedded 2015 atlas (393 gemeenten, SWV PO/VO, jeugdzorgregio's):
//! one map with an overlay, and the whole HTML report.

use criterion::{Criterion, criterion_group, criterion_main};
use speelveld::render::report::{ReportOptions, render_report};
use speelveld::render::svg_map::{MapOptions, map};

fn bench_render(c: &mut Criterion) {
    let atlas = speelveld::dataset::embedded::atlas(Some(2015)).expect("embedded atlas");
    c.bench_function("map swv-po over jeugdzorgregio (2015)", |b| {
        b.iter(|| {
            map(
                &atlas,
                "swv-po",
                Some("jeugdzorgregio"),
                &MapOptions::default(),
            )
        })
    });
    c.bench_function("report (2015)", |b| {
        b.iter(|| render_report(&atlas, &ReportOptions::default()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_render
}
criterion_main!(benches);
