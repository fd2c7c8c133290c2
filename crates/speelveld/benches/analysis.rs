//! Crosswalk and clusters on the real embedded layouts (2015: 393 gemeenten, SWV PO/VO,
//! jeugdzorgregio, provincie) and on synthetic layouts of 10^3 … 10^6 units, to show how
//! the time grows with size (the contingency table and the union–find are both linear in
//! the number of memberships).
//!
//! Synthetic layouts: A has regions of 100 consecutive units, B regions of 120 units shifted
//! by 50, C regions of 1,000 units; every 50th unit is split ½/½ over two B regions. The
//! synthetic crosswalk measures the contingency table plus the congruence figures (the part
//! that grows with the units; unit codes are limited to the Dutch code ranges, so a 10^6 unit
//! atlas cannot exist).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use speelveld::Layout;
use speelveld::analysis::clusters::{cluster_layouts, clusters};
use speelveld::analysis::congruence::congruence;
use speelveld::analysis::contingency::Contingency;
use speelveld::analysis::crosswalk::crosswalk;
use speelveld::analysis::metrics::metrics;
use speelveld::model::Member;

/// A layout of `n` units in regions of `size` consecutive units, shifted by `shift`;
/// every `split_every`-th unit is split ½/½ with the next region (0: none).
fn synthetic(name: &str, n: usize, size: usize, shift: usize, split_every: usize) -> Layout {
    let mut l = Layout::new(name);
    let regions = (n + shift) / size + 2;
    for r in 0..regions {
        l.add_region(format!("{name}{r}").parse().expect("code"), "");
    }
    let mut members = Vec::with_capacity(n + n / split_every.max(1));
    for u in 0..n {
        let r = (u + shift) / size;
        if split_every > 0 && u % split_every == 0 {
            members.push(Member {
                unit: u,
                region: r,
                share: 0.5,
            });
            members.push(Member {
                unit: u,
                region: r + 1,
                share: 0.5,
            });
        } else {
            members.push(Member {
                unit: u,
                region: r,
                share: 1.0,
            });
        }
    }
    l.extend_members(members);
    l
}

fn bench_real(c: &mut Criterion) {
    let atlas = speelveld::dataset::embedded::atlas(Some(2015)).expect("embedded atlas");
    let mut g = c.benchmark_group("real 2015");
    g.bench_function("crosswalk swv-vo × jeugdzorgregio", |b| {
        b.iter(|| {
            crosswalk(
                &atlas,
                "swv-vo",
                "jeugdzorgregio",
                &speelveld::Weight::Units,
            )
            .expect("crosswalk")
        })
    });
    g.bench_function("clusters swv-po + swv-vo + jeugdzorgregio", |b| {
        b.iter(|| {
            clusters(
                &atlas,
                &["swv-po", "swv-vo", "jeugdzorgregio"],
                &speelveld::Weight::Units,
            )
            .expect("clusters")
        })
    });
    g.bench_function("congruence (all 6 pairs)", |b| {
        b.iter(|| congruence(&atlas, &speelveld::Weight::Units).expect("congruence"))
    });
    g.finish();
}

fn bench_synthetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10);
    for exp in 3..=6u32 {
        let n = 10usize.pow(exp);
        let a = synthetic("A", n, 100, 0, 0);
        let b = synthetic("B", n, 120, 50, 50);
        let cc = synthetic("C", n, 1000, 0, 0);
        let w = vec![1.0; n];
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("crosswalk+metrics", n), &n, |bench, _| {
            bench.iter(|| metrics(&Contingency::build(&a, &b, &w)))
        });
        g.bench_with_input(BenchmarkId::new("clusters A+B+C", n), &n, |bench, _| {
            bench.iter(|| cluster_layouts(&[&a, &b, &cc], &w, "units"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_real, bench_synthetic);
criterion_main!(benches);
