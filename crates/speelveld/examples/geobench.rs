//! The speelveld side of the GeoPandas comparison (`benches/geopandas/compare.py`): runs the
//! four geometry jobs on one pair of files in one process and prints timings and answers as
//! JSON on stdout.
//!
//! ```text
//! cargo run --release -p speelveld --example geobench -- UNITS.geojson REGIONS.geojson [REPEATS]
//! ```
//!
//! Jobs: `read` (parse the units file into oriented polygons; `json_parse` times a plain
//! `serde_json::Value` parse of the same text for reference), `repair` (validity check of
//! every unit and a fix of the invalid ones, on all threads; valid units are borrowed, not
//! copied), `assign` (whole-unit assignment of units to
//! region polygons), `dissolve` (units into their assigned regions), `overlay` (area of
//! every unit × region intersection), `adjacency` (unit pairs sharing at least 30 m of
//! border, with the pairs that touch only at a point or within the tolerance listed apart).
//! The later jobs run on the repaired units, as GeoPandas' jobs do after `make_valid`.

// A benchmark, not library code: a failed set-up may stop it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::borrow::Cow;
use std::time::{Duration, Instant};

use geo::MultiPolygon;
use serde_json::{Map, Value, json};
use speelveld::geometry::adjacency::{AdjacencyOptions, adjacency_report};
use speelveld::geometry::area_km2;
use speelveld::geometry::assign::{AssignOptions, assign};
use speelveld::geometry::dissolve::union_coverage;
use speelveld::geometry::overlay::overlay_areas;
use speelveld::geometry::repair::{Repair, check_and_repair_layer};
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

/// The validity check of every unit and a fix of the invalid ones, on all threads: valid
/// geometries come back borrowed, as GeoPandas' job keeps the valid ones in its array.
fn repaired(layer: &PolygonLayer) -> Vec<(Cow<'_, MultiPolygon<f64>>, Option<Repair>)> {
    check_and_repair_layer(layer, |f| f.code.clone()).unwrap_or_else(|e| panic!("{e}"))
}

fn owned(repaired: Vec<(Cow<'_, MultiPolygon<f64>>, Option<Repair>)>) -> Vec<MultiPolygon<f64>> {
    repaired.into_iter().map(|(g, _)| g.into_owned()).collect()
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
    let (t, _) = time(repeats, || {
        let text = std::fs::read_to_string(units_path).expect("readable");
        serde_json::from_str::<Value>(&text).expect("JSON")
    });
    jobs.insert("json_parse".into(), json!({"time": stats(&t)}));
    let crs = layer.crs;
    let (t, fixed) = time(repeats, || repaired(&layer));
    let repaired_codes: Vec<String> = fixed
        .iter()
        .filter_map(|(_, r)| r.as_ref().map(|r| r.feature.clone()))
        .collect();
    let units = owned(fixed);
    jobs.insert(
        "repair".into(),
        json!({"time": stats(&t), "answer": {"repaired": repaired_codes,
            "area_km2": units.iter().map(|g| area_km2(g, crs)).sum::<f64>()}}),
    );
    let region_layer = read(regions_path);
    assert_eq!(region_layer.crs, crs, "both files must be in the same CRS");
    let regions = owned(repaired(&region_layer));
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

    let some: Vec<Option<MultiPolygon<f64>>> = units.iter().cloned().map(Some).collect();
    let (t, adj) = time(repeats, || {
        adjacency_report(&some, crs, AdjacencyOptions::default())
    });
    let pair = |a: usize, b: usize| json!([ucode[a], ucode[b]]);
    jobs.insert(
        "adjacency".into(),
        json!({"time": stats(&t), "answer": {
            "pairs": adj.pairs.iter().map(|p| pair(p.a, p.b)).collect::<Vec<_>>(),
            "near": adj.near.iter().map(|p| pair(p.a, p.b)).collect::<Vec<_>>(),
            "touching": adj.pairs.iter().chain(&adj.near).filter(|p| p.touching)
                .map(|p| pair(p.a, p.b)).collect::<Vec<_>>(),
        }}),
    );

    println!(
        "{}",
        json!({"tool": "speelveld", "crs": crs.epsg(), "jobs": jobs})
    );
}
