//! The speelveld side of the GeoPandas comparison (`benches/geopandas/compare.py`): runs the
//! four geometry jobs on one pair of files in one process and prints timings and answers as
//! JSON on stdout.
//!
//! ```text
//! cargo run --release -p speelveld --example geobench -- UNITS.geojson REGIONS.geojson [REPEATS]
//! ```
//!
//! Jobs: `read` (parse the units file into oriented polygons), `assign` (whole-unit
//! assignment of units to region polygons), `dissolve` (units into their assigned regions),
//! `overlay` (area of every unit × region intersection). Input repair (geo validation) is
//! done once before the timed jobs, as GeoPandas' `make_valid` is on its side.

// A benchmark, not library code: a failed set-up may stop it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use geo::MultiPolygon;
use serde_json::{Map, Value, json};
use speelveld::geometry::area_km2;
use speelveld::geometry::assign::{AssignOptions, assign};
use speelveld::geometry::dissolve::union_coverage;
use speelveld::geometry::overlay::overlay_areas;
use speelveld::geometry::repair::check_and_repair;
use speelveld::io::geojson::{GeoJsonOptions, PolygonLayer, read_polygons};

fn time<T>(repeats: usize, mut f: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(repeats);
    let mut last = None;
    for _ in 0..repeats.max(1) {
        let t = Instant::now();
        let r = f();
        times.push(t.elapsed());
        last = Some(r);
    }
    (times, last.expect("at least one run"))
}

fn stats(times: &[Duration]) -> Value {
    let mut s: Vec<f64> = times.iter().map(|d| d.as_secs_f64()).collect();
    s.sort_by(f64::total_cmp);
    json!({"min_s": s[0], "median_s": s[s.len() / 2], "runs": s.len()})
}

fn read(path: &str) -> PolygonLayer {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_polygons(path, &text, &GeoJsonOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn repaired(layer: &PolygonLayer) -> Vec<MultiPolygon<f64>> {
    layer
        .features
        .iter()
        .map(|f| {
            check_and_repair(f.geometry.clone(), &f.code, layer.crs)
                .unwrap_or_else(|e| panic!("{e}"))
                .0
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(units_path), Some(regions_path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: geobench UNITS.geojson REGIONS.geojson [REPEATS]");
        std::process::exit(2);
    };
    let repeats: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut jobs = Map::new();

    let (t, layer) = time(repeats, || read(units_path));
    jobs.insert(
        "read".into(),
        json!({"time": stats(&t), "features": layer.features.len()}),
    );
    let crs = layer.crs;
    let units = repaired(&layer);
    let region_layer = read(regions_path);
    assert_eq!(region_layer.crs, crs, "both files must be in the same CRS");
    let regions = repaired(&region_layer);
    let ucode: Vec<&str> = layer.features.iter().map(|f| f.code.as_str()).collect();
    let rcode: Vec<&str> = region_layer
        .features
        .iter()
        .map(|f| f.code.as_str())
        .collect();

    let (t, a) = time(repeats, || {
        assign(&units, &regions, crs, AssignOptions::whole_units())
    });
    let assignment: Map<String, Value> = a
        .shares
        .iter()
        .map(|s| (ucode[s.unit].to_string(), json!(rcode[s.region])))
        .collect();
    jobs.insert(
        "assign".into(),
        json!({"time": stats(&t), "answer": assignment}),
    );

    let mut groups: Vec<Vec<MultiPolygon<f64>>> = vec![Vec::new(); regions.len()];
    for s in &a.shares {
        groups[s.region].push(units[s.unit].clone());
    }
    let (t, dissolved) = time(repeats, || {
        groups.iter().map(|g| union_coverage(g)).collect::<Vec<_>>()
    });
    let answer: Map<String, Value> = dissolved
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.0.is_empty())
        .map(|(i, g)| {
            (
                rcode[i].to_string(),
                json!({"area_km2": area_km2(g, crs), "parts": g.0.len()}),
            )
        })
        .collect();
    jobs.insert(
        "dissolve".into(),
        json!({"time": stats(&t), "answer": answer}),
    );

    let (t, overlaps) = time(repeats, || overlay_areas(&units, &regions, crs));
    let answer: Vec<Value> = overlaps
        .iter()
        .map(|o| json!([ucode[o.a], rcode[o.b], o.area_km2]))
        .collect();
    jobs.insert(
        "overlay".into(),
        json!({"time": stats(&t), "answer": answer}),
    );

    println!(
        "{}",
        json!({"tool": "speelveld", "crs": crs.epsg(), "jobs": jobs})
    );
}
