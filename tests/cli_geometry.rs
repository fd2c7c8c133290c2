//! End-to-end tests of the geometry on real data: spatial assignment of region polygons
//! (`--layout NAME=regions.geojson`), areas in `regions`, `dissolve`, neighbours in
//! `gemeente`, and bad geometry.
//!
//! Expected figures were computed independently with python3 (GeoPandas 1 / shapely 2.2 /
//! pyproj): `make_valid`, reprojection to EPSG:28992, `overlay`/`dissolve`, planar areas, and
//! `cbs/*/gemeente_regions_spatial.csv` (representative points) for the assignments.

use predicates::prelude::*;

mod common;
use common::{real, run_ok, speelveld};

#[test]
fn region_polygons_become_a_layout_with_areas() {
    let units = real("cbs/2025/gemeente.geojson");
    let jz = format!("jz={}", real("cbs/2025/jeugdzorgregio.geojson"));
    let (out, err) = run_ok(&[
        "--units", &units, "--layout", &jz, "regions", "jz", "--format", "csv",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "region,name,units,split_units,area_km2");
    assert_eq!(lines.len(), 43, "{out}");
    // JZ13 Amsterdam-Amstelland: 6 gemeenten (the CSV), 356.35 km² (GeoPandas dissolve in RD).
    let jz13: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("JZ13,"))
        .expect("JZ13")
        .split(',')
        .collect();
    assert_eq!(jz13[2], "6");
    let area: f64 = jz13[4].parse().expect("area");
    assert!((area / 356.346 - 1.0).abs() < 0.005, "{area}");
    // All 42 areas sum to the country: 35 076.6 km².
    let total: f64 = lines[1..]
        .iter()
        .map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((total / 35_076.6 - 1.0).abs() < 0.001, "{total}");
    // Warnings name the file and the feature, one line per file and kind: the repaired rings
    // and the boundary noise (how many, and the first).
    assert!(
        err.contains(
            "gemeente.geojson: 2 repaired geometries (first: feature 76 (GM0293): invalid geometry"
        ),
        "{err}"
    );
    assert!(
        err.contains("jeugdzorgregio.geojson: feature 38 (JZ38): invalid geometry"),
        "{err}"
    );
    assert!(
        err.contains("jeugdzorgregio.geojson: 7 units assigned wholly despite boundary noise (first: GM0072 Harlingen"),
        "{err}"
    );
    // validate lists every note.
    let (out, _) = run_ok(&[
        "--units", &units, "--layout", &jz, "validate", "jz", "--format", "csv",
    ]);
    assert!(
        out.contains("GM0225 Druten: assigned wholly to JZ32 (85.0 % of its area)"),
        "{out}"
    );
}

#[test]
fn weesp_and_wijdemeren_lie_in_utrecht_west_in_the_2015_geometry() {
    // cbs/2015 PROVENANCE: in this geometry Weesp and Wijdemeren lie inside JZ19.
    let units = real("cbs/2015/gemeente.geojson");
    let jz = format!("jz={}", real("cbs/2015/jeugdzorgregio.geojson"));
    let (out, _) = run_ok(&[
        "--units", &units, "--layout", &jz, "members", "jz", "JZ19", "--format", "csv",
    ]);
    assert!(out.contains("GM0457,Weesp,1"), "{out}");
    assert!(out.contains("GM1696,Wijdemeren,1"), "{out}");
    let (out, _) = run_ok(&[
        "--units", &units, "--layout", &jz, "members", "jz", "JZ16", "--format", "csv",
    ]);
    assert!(
        !out.contains("Weesp") && !out.contains("Wijdemeren"),
        "{out}"
    );
}

#[test]
fn dissolve_writes_geojson() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("jz.geojson");
    let f = f.to_str().expect("path");
    speelveld()
        .args(["dissolve", "jeugdzorgregio", "-o", f])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "jeugdzorgregio: 42 regions, 55 polygons, EPSG:4326",
        ));
    let text = std::fs::read_to_string(f).expect("read");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let features = doc["features"].as_array().expect("features");
    assert_eq!(features.len(), 42);
    let jz38 = features
        .iter()
        .find(|x| x["properties"]["code"] == "JZ38")
        .expect("JZ38");
    assert_eq!(jz38["properties"]["units"], 13);
    assert_eq!(jz38["geometry"]["type"], "MultiPolygon");
    // RD input gives RFC 7946 WGS84 output (no crs member) unless --out-crs says otherwise.
    let units = real("cbs/2025/rd/gemeente.geojson");
    let jz = format!("jz={}", real("cbs/2025/rd/jeugdzorgregio.geojson"));
    let (out, err) = run_ok(&["--units", &units, "--layout", &jz, "dissolve", "jz"]);
    assert!(
        !out.contains("\"crs\"") && err.contains("EPSG:4326"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let x = doc["features"][0]["geometry"]["coordinates"][0][0][0][0].as_f64();
    assert!(x.is_some_and(|x| (3.0..8.0).contains(&x)), "{x:?}");
    let rd = [
        "--units",
        &units,
        "--layout",
        &jz,
        "dissolve",
        "jz",
        "--out-crs",
        "EPSG:28992",
    ];
    let (out, _) = run_ok(&rd);
    assert!(out.contains("urn:ogc:def:crs:EPSG::28992"));
}

#[test]
fn gemeente_lists_its_neighbours() {
    let (out, _) = run_ok(&["gemeente", "Utrecht", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let mut codes: Vec<&str> = doc["neighbours"]
        .as_array()
        .expect("neighbours")
        .iter()
        .map(|n| n["unit"].as_str().expect("code"))
        .collect();
    codes.sort();
    // Utrecht (GM0344): its neighbours by shared edges in the CBS 2025 files (shapely).
    assert_eq!(codes, EXPECTED_UTRECHT, "{out}");
}

fn write(dir: &tempfile::TempDir, name: &str, features: &str, crs: &str) -> String {
    let f = dir.path().join(name);
    std::fs::write(
        &f,
        format!(r#"{{"type":"FeatureCollection",{crs}"features":[{features}]}}"#),
    )
    .expect("write");
    f.to_str().expect("path").to_string()
}

fn feature(code: &str, ring: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"statcode":"{code}","statnaam":"X"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
    )
}

#[test]
fn bad_geometry_is_repaired_with_a_warning_or_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sq = "[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.1],[5.0,52.0]]";
    let bowtie = "[[5.2,52.0],[5.3,52.1],[5.3,52.0],[5.2,52.1],[5.2,52.0]]";
    let open = "[[5.4,52.0],[5.5,52.0],[5.5,52.1],[5.4,52.1]]";
    let f = write(
        &dir,
        "u.geojson",
        &[
            feature("GM0001", sq),
            feature("GM0002", bowtie),
            feature("GM0003", open),
        ]
        .join(","),
        "",
    );
    speelveld()
        .args(["--units", &f, "layouts"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "u.geojson: feature 2 (GM0002): invalid geometry",
        ))
        .stderr(predicate::str::contains("self-intersection"))
        .stderr(predicate::str::contains(
            "u.geojson: feature 3 (GM0003): 1 ring(s) not closed",
        ));
    // A feature with no area left: an error naming the feature.
    let flat = "[[5.0,52.0],[5.1,52.0],[5.2,52.0],[5.0,52.0]]";
    let f = write(
        &dir,
        "flat.geojson",
        &[feature("GM0001", sq), feature("GM0002", flat)].join(","),
        "",
    );
    speelveld()
        .args(["--units", &f, "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("flat.geojson: feature 2 (GM0002)"))
        .stderr(predicate::str::contains("no area"));
    // RD New metres in a file that declares WGS84.
    let rd = "[[120000,480000],[121000,480000],[121000,481000],[120000,481000],[120000,480000]]";
    let crs = r#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}},"#;
    let f = write(&dir, "rd.geojson", &feature("GM0001", rd), crs);
    speelveld()
        .args(["--units", &f, "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("rd.geojson: feature 1 (GM0001)"))
        .stderr(predicate::str::contains("outside the range of EPSG:4326"));
}

/// Utrecht's neighbours: every gemeente whose common boundary with GM0344 is at least 30 m
/// (shapely `intersection(...).length` on `cbs/2025/rd/gemeente.geojson`).
const EXPECTED_UTRECHT: [&str; 9] = [
    "GM0310", "GM0312", "GM0321", "GM0335", "GM0353", "GM0355", "GM0356", "GM0632", "GM1904",
];

/// A copy of a real GeoJSON file under `dir` with its `statcode`/`statnaam` properties
/// renamed, as files from other sources name them (`gemeenteCode`, `gemeenteNaam`).
fn renamed(dir: &tempfile::TempDir, file: &str, code: &str, name: &str) -> String {
    let text = std::fs::read_to_string(real(file)).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    for f in doc["features"].as_array_mut().expect("features") {
        let p = f["properties"].take();
        f["properties"] = serde_json::json!({ code: p["statcode"], name: p["statnaam"], "fid": 1 });
    }
    let path = dir.path().join(file.replace('/', "_"));
    std::fs::write(&path, doc.to_string()).expect("write");
    path.display().to_string()
}

#[test]
fn code_and_name_properties_can_be_chosen() {
    // The 2025 gemeenten and jeugdzorgregio's with the properties renamed: chosen by
    // FILE:CODE:NAME, every region keeps its CBS name (python3: JZ13 Amsterdam-Amstelland,
    // 6 gemeenten in the 2025 table).
    let dir = tempfile::tempdir().expect("tempdir");
    let units = renamed(
        &dir,
        "cbs/2025/gemeente.geojson",
        "gemeenteCode",
        "gemeenteNaam",
    );
    let jz = renamed(&dir, "cbs/2025/jeugdzorgregio.geojson", "jzCode", "jzNaam");
    let (out, _) = run_ok(&[
        "--units",
        &format!("{units}:gemeenteCode:gemeenteNaam"),
        "--layout",
        &format!("jz={jz}:jzCode:jzNaam"),
        "regions",
        "jz",
        "--format",
        "csv",
    ]);
    assert!(out.contains("\nJZ13,Amsterdam-Amstelland,6,"), "{out}");
    // A property that no feature has: the error lists those the features have.
    speelveld()
        .args(["--units", &format!("{units}:gemeenteCode:naam"), "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no feature has the name property 'naam'; expected it on the features (they have: \
             gemeenteCode, gemeenteNaam, fid)",
        ));
    speelveld()
        .args(["--layout", &format!("jz={jz}:code"), "regions", "jz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no value for the code property 'code' (which 0 of the 42 features have) (the \
             features have: jzCode, jzNaam, fid)",
        ));
}
