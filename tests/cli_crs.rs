//! End-to-end tests of coordinate reference systems and chosen columns on real data: the
//! 2025 gemeenten of provincie Utrecht in EPSG:4289, 4258, 3035 and 3857 (`tests/data/crs/`,
//! written by GDAL with its `crs` member) as `--units` and as `--layout`, `--crs` over a
//! missing or wrong label, `--out-crs`, `--unit-column`, and a real CBS export's header
//! (`gemeentCode;…;provincieCode;Provincie;Land`).
//!
//! Expected values are GeoPandas's (`tests/data/crs/make_crs.py`: `make_valid`,
//! `to_crs(28992)`, planar area) or counted from the source tables, never speelveld's.

use std::collections::BTreeMap;

mod common;
use common::{fails_with, real, run_ok, speelveld};

const CODES: [u32; 4] = [4289, 4258, 3035, 3857];

/// GeoPandas's area (km²) of each gemeente in the file of one EPSG code.
fn expected_areas(code: u32) -> BTreeMap<String, f64> {
    let text = std::fs::read_to_string(real("crs/expected_areas.csv")).expect("areas");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0] == code.to_string()).then(|| (f[1].to_string(), f[2].parse().expect("km²")))
        })
        .collect()
}

/// `regions LAYOUT --format csv` as code → (units, area_km2).
fn regions(out: &str) -> BTreeMap<String, (usize, f64)> {
    out.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let area = f.last().and_then(|a| a.parse().ok()).unwrap_or(f64::NAN);
            (f[0].to_string(), (f[2].parse().expect("units"), area))
        })
        .collect()
}

/// Loads `file` (in EPSG:`code`) as units and as a layout of its own and checks that it was
/// reprojected and that each gemeente is its own region with GeoPandas's area.
fn loads_with_geopandas_areas(file: &str, code: u32) {
    let layout = format!("g={file}");
    let args = [
        "--units", file, "--layout", &layout, "regions", "g", "--format", "csv",
    ];
    let (out, err) = run_ok(&args);
    assert!(
        err.contains(&format!("coordinates in EPSG:{code} reprojected to RD New")),
        "{file}: {err}"
    );
    let got = regions(&out);
    let want = expected_areas(code);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{file}: the same gemeenten"
    );
    for (gm, km2) in &want {
        let (units, area) = got[gm];
        assert_eq!(units, 1, "{file} {gm}: each gemeente is its own region");
        // The table rounds to 3 decimals; GeoPandas agrees to 0.0002 % (library test).
        assert!(
            (area / km2 - 1.0).abs() < 0.005,
            "{file} {gm}: {area} vs {km2}"
        );
    }
}

#[test]
fn gemeenten_in_every_crs_load_as_units_and_as_layout_with_geopandas_areas() {
    for code in CODES {
        loads_with_geopandas_areas(&real(&format!("crs/utrecht_{code}.geojson")), code);
    }
}

/// Gemeenten in one CRS, regions in another: EPSG:4258 units, EPSG:3857 regions.
#[test]
fn units_and_layout_in_different_crss() {
    let units = real("crs/utrecht_4258.geojson");
    let layout = format!("g={}", real("crs/utrecht_3857.geojson"));
    let (out, err) = run_ok(&[
        "--units", &units, "--layout", &layout, "regions", "g", "--format", "csv",
    ]);
    assert_eq!(regions(&out).len(), 26, "{out}");
    assert!(regions(&out).values().all(|(u, _)| *u == 1), "{out}");
    // The millimetres between the two reprojections are slivers, dropped and said.
    assert!(err.contains("slivers"), "{err}");
}

/// The 12 provincies in EPSG:4289 over the 342 WGS84 gemeenten of 2025: each provincie's
/// gemeenten as the representative points of `make_crs.py` count them (koppelcodes_2025.csv).
#[test]
fn amersfoort_region_polygons_over_wgs84_gemeenten() {
    let units = real("cbs/2025/gemeente.geojson");
    let layout = format!("pv={}", real("crs/provincie_4289.geojson"));
    let (out, err) = run_ok(&[
        "--units", &units, "--layout", &layout, "regions", "pv", "--format", "csv",
    ]);
    assert!(
        err.contains("coordinates in EPSG:4289 reprojected"),
        "{err}"
    );
    let text = std::fs::read_to_string(real("crs/koppelcodes_2025.csv")).expect("csv");
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for l in text.lines().skip(1) {
        *want
            .entry(l.split(';').nth(4).expect("provincieCode").to_string())
            .or_default() += 1;
    }
    let got: BTreeMap<String, usize> = regions(&out)
        .into_iter()
        .map(|(k, (u, _))| (k, u))
        .collect();
    assert_eq!(got, want);
}

/// A copy of a test file with its `crs` member replaced (`None`: left out).
fn with_crs(dir: &tempfile::TempDir, code: u32, member: Option<&str>, ext: &str) -> String {
    let text = std::fs::read_to_string(real(&format!("crs/utrecht_{code}.geojson"))).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let obj = doc.as_object_mut().expect("object");
    match member {
        None => {
            obj.remove("crs");
        }
        Some(name) => {
            obj.insert(
                "crs".into(),
                serde_json::json!({"type": "name", "properties": {"name": name}}),
            );
        }
    }
    let path = dir
        .path()
        .join(format!("utrecht_{code}_{}.{ext}", member.is_some()));
    std::fs::write(&path, doc.to_string()).expect("write");
    path.display().to_string()
}

#[test]
fn crs_overrides_a_missing_or_wrong_label() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Web Mercator metres without a crs member: neither degrees nor RD New, so refused,
    // naming what the numbers look like; --crs reads them.
    let bare = with_crs(&dir, 3857, None, "geojson");
    speelveld()
        .args(["--units", &bare, "layouts"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the numbers look like Web Mercator metres (EPSG:3857)",
        ))
        .stderr(predicates::str::contains(
            "hint: give the CRS the coordinates are in with --crs EPSG:N",
        ));
    let (_, err) = run_ok(&["--units", &bare, "--crs", "EPSG:3857", "layouts"]);
    assert!(
        err.contains("coordinates in EPSG:3857 reprojected"),
        "{err}"
    );
    assert!(!err.contains("the crs member says"), "{err}");
    // Amersfoort degrees labelled WGS84 (a wrong label): --crs wins, with a note.
    let wrong = with_crs(&dir, 4289, Some("urn:ogc:def:crs:OGC:1.3:CRS84"), "geojson");
    let layout = format!("g={}", real("crs/utrecht_4289.geojson"));
    let args = [
        "--units",
        &wrong,
        "--crs",
        "EPSG:4289",
        "--layout",
        &layout,
        "regions",
        "g",
        "--format",
        "csv",
    ];
    let (out, err) = run_ok(&args);
    assert!(
        err.contains(
            "the crs member says EPSG:4326; the coordinates are read as EPSG:4289, as given"
        ),
        "{err}"
    );
    // Read as 4289, the units coincide with the 4289 regions: no slivers at all.
    assert!(!err.contains("slivers"), "{err}");
    assert_eq!(regions(&out).len(), 26);
}

#[test]
fn a_json_file_that_is_geojson_is_read_as_geojson() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = with_crs(&dir, 4289, Some("EPSG:4289"), "json");
    let layout = format!("g={json}");
    let (out, _) = run_ok(&[
        "--units", &json, "--layout", &layout, "regions", "g", "--format", "csv",
    ]);
    assert_eq!(regions(&out).len(), 26);
}

#[test]
fn unknown_epsg_codes_are_refused() {
    let units = real("crs/utrecht_4289.geojson");
    fails_with(
        &["--units", &units, "--crs", "EPSG:99999", "layouts"],
        "EPSG:99999: not in the EPSG definition table",
    );
    speelveld()
        .args(["--crs", "RD", "layouts"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("'RD' is not a CRS name"));
    fails_with(
        &["dissolve", "provincie", "--out-crs", "EPSG:99999"],
        "EPSG:99999: not in the EPSG definition table",
    );
}

#[test]
fn dissolve_writes_wgs84_by_default_and_any_crs_on_request() {
    let units = real("crs/utrecht_3035.geojson");
    let layout = format!("g={units}");
    let base = ["--units", &units, "--layout", &layout, "dissolve", "g"];
    let (out, err) = run_ok(&base);
    assert!(err.contains("EPSG:4326"), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(doc.get("crs").is_none(), "RFC 7946: no crs member");
    let x = doc["features"][0]["geometry"]["coordinates"][0][0][0][0]
        .as_f64()
        .expect("x");
    assert!((4.5..5.7).contains(&x), "{x}");
    let dir = tempfile::tempdir().expect("tempdir");
    for code in ["EPSG:4289", "EPSG:3035"] {
        let path = dir.path().join(format!("{}.geojson", &code[5..]));
        let path = path.display().to_string();
        let mut args = base.to_vec();
        args.extend(["--out-crs", code, "-o", &path]);
        run_ok(&args);
        let text = std::fs::read_to_string(&path).expect("written");
        let urn = format!("urn:ogc:def:crs:EPSG::{}", &code[5..]);
        assert!(text.contains(&urn), "{code}");
        // What was written reads back as the same 26 regions with the same areas.
        let back = format!("b={path}");
        let (out, _) = run_ok(&[
            "--units", &units, "--layout", &back, "regions", "b", "--format", "csv",
        ]);
        let want = expected_areas(3035);
        let got = regions(&out);
        assert_eq!(got.len(), 26, "{code}: {out}");
        for (gm, km2) in &want {
            assert!((got[gm].1 / km2 - 1.0).abs() < 0.005, "{code} {gm}");
        }
    }
}

/// The header of a real CBS export: the unit column `gemeentCode` (a typo) is found by its
/// content, the veiligheidsregio's names by `veiligheidsRegioNaam`, the provincie names by
/// the stem `Provincie`; the counts per region are the file's own.
#[test]
fn a_cbs_export_keeps_its_provincie_names() {
    let k = real("crs/koppelcodes_2025.csv");
    let layout = format!("vr={k}:veiligheidsRegioCode");
    let (out, err) = run_ok(&["--layout", &layout, "regions", "vr", "--format", "csv"]);
    assert!(
        err.contains("unit column 'gemeentCode' (342 gemeente codes), taken by its content"),
        "{err}"
    );
    assert!(out.contains("\nVR01,Groningen,10,"), "{out}");
    assert_eq!(out.lines().count(), 26, "{out}");
    // As a wide table (over the units of a file, since the embedded atlas has both layouts).
    let units = real("cbs/2025/gemeente.geojson");
    let (out, err) = run_ok(&[
        "--units",
        &units,
        "--table",
        &k,
        "regions",
        "provincie",
        "--format",
        "csv",
    ]);
    assert!(
        err.contains("name column 'Provincie' of 'provincieCode' taken by its header"),
        "{err}"
    );
    let text = std::fs::read_to_string(&k).expect("csv");
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split(';').collect();
        *want
            .entry((f[4].to_string(), f[5].to_string()))
            .or_default() += 1;
    }
    let got: BTreeMap<(String, String), usize> = out
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                (f[0].to_string(), f[1].to_string()),
                f[2].parse().expect("units"),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert!(got.contains_key(&("PV21".to_string(), "Fryslân".to_string())));
}

/// A table whose unit column holds names under a header no alias knows: neither header nor
/// content decides, so it is refused (with a hint) until --unit-column names it; a missing
/// column is an error listing those found.
#[test]
fn unit_column_chooses_where_neither_header_nor_content_decides() {
    let text = std::fs::read_to_string(real("crs/koppelcodes_2025.csv")).expect("csv");
    let mut table = String::from("Gemeente CBS;provincieCode;Provincie\n");
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split(';').collect();
        table.push_str(&format!("{};{};{}\n", f[1], f[4], f[5]));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("namen.csv");
    std::fs::write(&path, table).expect("write");
    let layout = format!("p={}:provincieCode", path.display());
    speelveld()
        .args(["--layout", &layout, "regions", "p"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "(found: Gemeente CBS;provincieCode;Provincie)",
        ))
        .stderr(predicates::str::contains(
            "hint: choose the unit column with --unit-column COLUMN",
        ));
    let (out, _) = run_ok(&[
        "--layout",
        &layout,
        "--unit-column",
        "Gemeente CBS",
        "regions",
        "p",
        "--format",
        "csv",
    ]);
    let units: usize = out
        .lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .nth(2)
                .and_then(|u| u.parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(units, 342, "{out}");
    assert!(out.contains("\nPV26,Utrecht,26,"), "{out}");
    speelveld()
        .args(["--layout", &layout, "--unit-column", "gemeente_code", "regions", "p"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no unit column 'gemeente_code' (as chosen) column in the header (found: Gemeente CBS;provincieCode;Provincie)",
        ));
}

/// Figures whose code column has a header no alias knows (`Regio`): --unit-column reads
/// them, every inhabitant kept (the total is the source column's sum).
#[test]
fn unit_column_for_figures() {
    let text =
        std::fs::read_to_string(real("cbs/2021/kerncijfers_gemeenten_2021.csv")).expect("csv");
    let total: u64 = text
        .lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("figures.csv");
    std::fs::write(&path, text.replacen("gemeentecode,", "Regio,", 1)).expect("write");
    let f = path.display().to_string();
    fails_with(&["--figures", &f, "layouts"], "(found: Regio,inwoners");
    let (out, _) = run_ok(&[
        "--figures",
        &f,
        "--unit-column",
        "Regio",
        "regions",
        "provincie",
        "--weight",
        "inwoners",
        "--format",
        "csv",
    ]);
    let header: Vec<&str> = out.lines().next().expect("header").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "inwoners")
        .expect("inwoners column");
    let sum: u64 = out
        .lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .nth(col)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(sum, total);
}

/// GIS files in other CRSs than WGS84 and RD New: a Shapefile whose ESRI `.prj` names
/// Amersfoort (EPSG:4289, no authority) and a GeoPackage in EPSG:3035, written by GDAL
/// (`tests/data/crs/make_crs_gis.py`); the same gemeenten and GeoPandas's areas.
#[test]
fn gis_files_in_any_crs_load_with_geopandas_areas() {
    for (name, code) in [("utrecht_4289.shp", 4289), ("utrecht_3035.gpkg", 3035)] {
        loads_with_geopandas_areas(&real(&format!("crs/{name}")), code);
    }
}
