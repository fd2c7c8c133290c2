//! Geometry on real and synthetic data.
//!
//! - Real: the embedded 2025 gemeenten (342, WGS84) against the jeugdzorgregio polygons:
//!   area overlay, whole-unit assignment, dissolve by jeugdzorgregio, adjacency graph.
//! - Scaling: square-grid coverages of 10³, 10⁴ and 10⁵ cells (RD metres, 300 × 300 km)
//!   against a coarse layout of 10 × 10 regions whose borders do not follow the cells, so
//!   many cells are split: overlay, assignment, dissolve and adjacency per size.

// A benchmark, not library code: a failed set-up may stop it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use geo::{MultiPolygon, polygon};
use speelveld::Crs;
use speelveld::dataset::embedded::{atlas, region_geojson};
use speelveld::geometry::adjacency::{AdjacencyOptions, adjacency, atlas_adjacency};
use speelveld::geometry::assign::{AssignOptions, assign};
use speelveld::geometry::dissolve::{dissolve, union_coverage};
use speelveld::geometry::overlay::overlay_areas;
use speelveld::geometry::repair::check_and_repair;
use speelveld::io::geojson::{GeoJsonOptions, read_polygons};

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
    MultiPolygon(vec![
        polygon![(x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1)],
    ])
}

/// An n × n grid of cells over a 300 km square in RD coordinates.
fn grid(n: usize) -> Vec<MultiPolygon<f64>> {
    let size = 300_000.0 / n as f64;
    (0..n)
        .flat_map(|i| {
            (0..n).map(move |j| {
                let (x, y) = (i as f64 * size, 300_000.0 + j as f64 * size);
                rect(x, y, x + size, y + size)
            })
        })
        .collect()
}

/// 10 × 10 regions with borders shifted off the cell grid.
fn coarse() -> Vec<MultiPolygon<f64>> {
    let edges: Vec<f64> = (0..=10)
        .map(|k| match k {
            0 => 0.0,
            10 => 300_000.0,
            k => k as f64 * 30_000.0 + 1_234.5,
        })
        .collect();
    let mut out = Vec::new();
    for i in 0..10 {
        for j in 0..10 {
            out.push(rect(
                edges[i],
                300_000.0 + edges[j],
                edges[i + 1],
                300_000.0 + edges[j + 1],
            ));
        }
    }
    out
}

fn bench_real(c: &mut Criterion) {
    let a = atlas(None).expect("embedded atlas");
    let units: Vec<MultiPolygon<f64>> = a
        .units()
        .iter()
        .filter_map(|u| u.geometry.clone())
        .collect();
    let f = region_geojson(2025, "jeugdzorgregio").expect("embedded jeugdzorgregio");
    let layer = read_polygons(f.name, f.text, &GeoJsonOptions::default()).expect("regions");
    let regions: Vec<MultiPolygon<f64>> = layer
        .features
        .iter()
        .map(|x| {
            check_and_repair(x.geometry.clone(), &x.code, layer.crs)
                .expect("repair")
                .0
        })
        .collect();
    let jz = a.layout("jeugdzorgregio").expect("layout");
    let mut g = c.benchmark_group("real 2025 gemeenten × jeugdzorgregio");
    g.sample_size(20);
    g.bench_function("overlay areas", |b| {
        b.iter(|| overlay_areas(&units, &regions, a.crs))
    });
    g.bench_function("assign whole units", |b| {
        b.iter(|| assign(&units, &regions, a.crs, AssignOptions::whole_units()))
    });
    g.bench_function("dissolve", |b| b.iter(|| dissolve(&a, jz)));
    g.bench_function("adjacency", |b| {
        b.iter(|| atlas_adjacency(&a, AdjacencyOptions::default()))
    });
    g.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let regions = coarse();
    let mut g = c.benchmark_group("scaling: grid cells × 100 regions");
    g.sample_size(10);
    for n in [32usize, 100, 316] {
        let cells = grid(n);
        let count = cells.len();
        g.bench_with_input(BenchmarkId::new("overlay", count), &cells, |b, cells| {
            b.iter(|| overlay_areas(cells, &regions, Crs::RdNew))
        });
        g.bench_with_input(BenchmarkId::new("assign", count), &cells, |b, cells| {
            b.iter(|| assign(cells, &regions, Crs::RdNew, AssignOptions::default()))
        });
        // Dissolve: the cells grouped by the region holding their lower-left corner.
        let w = assign(&cells, &regions, Crs::RdNew, AssignOptions::whole_units());
        let mut groups: Vec<Vec<MultiPolygon<f64>>> = vec![Vec::new(); regions.len()];
        for s in &w.shares {
            groups[s.region].push(cells[s.unit].clone());
        }
        g.bench_with_input(BenchmarkId::new("dissolve", count), &groups, |b, groups| {
            b.iter(|| groups.iter().map(|x| union_coverage(x)).collect::<Vec<_>>())
        });
        let opt: Vec<Option<MultiPolygon<f64>>> = cells.iter().cloned().map(Some).collect();
        g.bench_with_input(BenchmarkId::new("adjacency", count), &opt, |b, opt| {
            b.iter(|| adjacency(opt, Crs::RdNew, AdjacencyOptions::default()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_real, bench_scaling);
criterion_main!(benches);
