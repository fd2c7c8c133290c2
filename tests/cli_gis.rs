//! End-to-end tests of the GIS formats: the same gemeenten and regions from GeoJSON,
//! Shapefile, GeoPackage and TopoJSON files made from the real CBS/Kadaster layers of 2025
//! (`tests/data/gis/make_gis.py`), checked against GeoPandas' answers on the same files
//! (`tests/data/gis/expected.csv`: each gemeente's jeugdzorgregio and provincie by largest
//! area share, and its area in EPSG:28992); `dissolve … -o FILE.gpkg` read back.

mod common;

use std::collections::BTreeMap;

use common::{real, run_ok, speelveld};
use predicates::prelude::*;

/// GeoPandas' answers for one format: gemeente → (jeugdzorgregio, provincie, area km²).
fn expected(format: &str) -> BTreeMap<String, (String, String, f64)> {
    let text = std::fs::read_to_string(real("gis/expected.csv")).expect("expected.csv");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            // format,statcode,statnaam,jeugdzorgregio,provincie,area_km2 (a name may hold
            // a quoted comma: the last three columns are counted from the end).
            let c: Vec<&str> = l.split(',').collect();
            let n = c.len();
            (c[0] == format).then(|| {
                (
                    c[1].to_string(),
                    (
                        c[n - 3].to_string(),
                        c[n - 2].to_string(),
                        c[n - 1].parse().expect("area"),
                    ),
                )
            })
        })
        .collect()
}

/// `dissolve LAYOUT` as (region → (its gemeenten, area km²)).
fn dissolved(args: &[&str]) -> BTreeMap<String, (Vec<String>, f64)> {
    let (out, _) = run_ok(args);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("GeoJSON");
    doc["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| {
            let p = &f["properties"];
            let units = p["unit_codes"]
                .as_str()
                .expect("unit_codes")
                .split(',')
                .map(str::to_string)
                .collect();
            (
                p["code"].as_str().expect("code").to_string(),
                (units, p["area_km2"].as_f64().expect("area")),
            )
        })
        .collect()
}

/// Units and both region layouts of one format: every gemeente in the region GeoPandas
/// puts it in, and every region's area within 0.5 % of the sum of GeoPandas' areas of its
/// gemeenten.
fn same_answers_as_geopandas(format: &str, units: &str, jz: &str, pv: &str) {
    let want = expected(format);
    assert_eq!(want.len(), 342, "{format}");
    for (layout, file, pick) in [("jz", jz, 0), ("pv", pv, 1)] {
        let spec = format!("{layout}={}", real(file));
        let got = dissolved(&[
            "--units",
            &real(units),
            "--layout",
            &spec,
            "dissolve",
            layout,
        ]);
        let mut seen = 0;
        for (region, (members, area)) in &got {
            let mut sum = 0.0;
            for m in members {
                let (j, p, a) = &want[m];
                let w = if pick == 0 { j } else { p };
                assert_eq!(w, region, "{format} {layout}: {m}");
                sum += a;
                seen += 1;
            }
            assert!(
                (area / sum - 1.0).abs() < 0.005,
                "{format} {layout} {region}: {area} km² against GeoPandas' {sum}"
            );
        }
        assert_eq!(seen, 342, "{format} {layout}");
    }
}

#[test]
fn geojson_as_the_reference() {
    same_answers_as_geopandas(
        "geojson",
        "cbs/2025/gemeente.geojson",
        "cbs/2025/jeugdzorgregio.geojson",
        "cbs/2025/provincie.geojson",
    );
}

#[test]
fn shapefile_in_rd_new_and_wgs84() {
    same_answers_as_geopandas(
        "shapefile",
        "gis/gemeente_rd.shp",
        "gis/jeugdzorgregio.shp",
        "cbs/2025/provincie.geojson",
    );
}

#[test]
fn geopackage_tables_chosen_by_name() {
    same_answers_as_geopandas(
        "geopackage",
        "gis/gemeente.gpkg",
        "gis/regions.gpkg#jeugdzorgregio",
        "gis/regions.gpkg#provincie",
    );
}

#[test]
fn topojson_objects_chosen_by_name() {
    same_answers_as_geopandas(
        "topojson",
        "gis/gemeente.topojson",
        "gis/regions.topojson#jeugdzorgregio",
        "gis/regions.topojson#provincie",
    );
}

#[test]
fn names_in_windows_1252_and_the_crs_from_the_prj() {
    let jz = format!("jz={}", real("gis/jeugdzorgregio.shp"));
    let (out, err) = run_ok(&[
        "--units",
        &real("gis/gemeente_rd.shp"),
        "--layout",
        &jz,
        "members",
        "jz",
        "JZ02",
        "--format",
        "csv",
    ]);
    assert!(out.contains("Súdwest-Fryslân"), "{out}");
    assert!(!err.contains("encoding"), "{err}");
    // The TopoJSON states no CRS: a note says how it was read.
    let (_, err) = run_ok(&["--units", &real("gis/gemeente.topojson"), "layouts"]);
    assert!(
        err.contains("a TopoJSON states no CRS; read as EPSG:4326 (WGS84 degrees)"),
        "{err}"
    );
}

#[test]
fn dissolve_to_a_geopackage_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("jz.gpkg");
    let (_, err) = run_ok(&[
        "dissolve",
        "jeugdzorgregio",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(err.contains("jz.gpkg"), "{err}");
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    // GPKG application id, big-endian at byte 68.
    assert_eq!(&bytes[68..72], b"GPKG");
    let direct = dissolved(&["dissolve", "jeugdzorgregio"]);
    let spec = format!("back={}", out.display());
    let back = dissolved(&["--layout", &spec, "dissolve", "back"]);
    assert_eq!(direct.len(), 42);
    for (code, (units, area)) in &direct {
        let (u, a) = &back[code];
        assert_eq!(u, units, "{code}");
        assert!((a / area - 1.0).abs() < 1e-3, "{code}: {a} {area}");
    }
    // Writing over a layer's file is refused like writing over any input.
    let spec = format!("back={}#jeugdzorgregio", out.display());
    speelveld()
        .args([
            "--layout",
            &spec,
            "dissolve",
            "back",
            "-o",
            out.to_str().expect("path"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the input file"));
    // In RD New: the GeoPackage names EPSG:28992.
    let rd = dir.path().join("rd.gpkg");
    let spec = format!("jz={}", real("gis/jeugdzorgregio.shp"));
    run_ok(&[
        "--units",
        &real("gis/gemeente_rd.shp"),
        "--layout",
        &spec,
        "dissolve",
        "jz",
        "-o",
        rd.to_str().expect("path"),
    ]);
    let spec = format!("back={}", rd.display());
    let (_, err) = run_ok(&[
        "--units",
        &real("gis/gemeente_rd.shp"),
        "--layout",
        &spec,
        "layouts",
    ]);
    assert!(!err.contains("EPSG:4326"), "{err}");
    let bytes = std::fs::read(&rd).expect("written");
    assert!(bytes.windows(19).any(|w| w == b"Amersfoort / RD New"));
    // The map's data: one table per layout.
    let map = dir.path().join("map.gpkg");
    run_ok(&[
        "map",
        "swv-vo",
        "jeugdzorgregio",
        "-o",
        map.to_str().expect("path"),
    ]);
    let spec = format!("vo={}#swv-vo", map.display());
    let (out, _) = run_ok(&["--layout", &spec, "regions", "vo", "--format", "csv"]);
    assert!(out.lines().count() > 70, "{out}");
}

/// A copy of the Shapefile `gemeente_rd` in a temporary folder, with the parts given.
fn shapefile_copy(parts: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for ext in parts {
        std::fs::copy(
            real(&format!("gis/gemeente_rd.{ext}")),
            dir.path().join(format!("gemeente_rd.{ext}")),
        )
        .expect("copy");
    }
    dir
}

#[test]
fn bad_shapefiles_say_what_is_wrong() {
    let dir = shapefile_copy(&["shp", "shx"]);
    let shp = dir.path().join("gemeente_rd.shp");
    let shp = shp.to_str().expect("path");
    speelveld()
        .args(["--units", shp, "layouts"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("gemeente_rd.shp: attributes: no ").and(
                predicate::str::contains(
                    "gemeente_rd.dbf beside it; expected the .dbf that holds the codes and names",
                ),
            ),
        );
    // Without .cpg: the encoding by content, with a note; without .prj: the CRS from the
    // coordinates, with a note; nothing dropped.
    let dir = shapefile_copy(&["shp", "dbf"]);
    let shp = dir.path().join("gemeente_rd.shp");
    let (out, err) = run_ok(&[
        "--units",
        shp.to_str().expect("path"),
        "--layout",
        &format!("jz={}", real("gis/jeugdzorgregio.shp")),
        "members",
        "jz",
        "JZ02",
    ]);
    assert!(out.contains("Súdwest-Fryslân"), "{out}");
    assert!(
        err.contains("read as Windows-1252 (its text is not valid UTF-8)"),
        "{err}"
    );
    assert!(
        err.contains("no .prj beside the .shp; read as EPSG:28992 (RD New metres)"),
        "{err}"
    );
    // A .cpg that says UTF-8 over Windows-1252 text: an error naming record and field.
    let dir = shapefile_copy(&["shp", "dbf", "prj"]);
    std::fs::write(dir.path().join("gemeente_rd.cpg"), "UTF-8").expect("write");
    let shp = dir.path().join("gemeente_rd.shp");
    speelveld()
        .args(["--units", shp.to_str().expect("path"), "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "field 'statnaam': not valid UTF-8",
        ));
    // A truncated .shp.
    let dir = shapefile_copy(&["dbf", "prj", "cpg"]);
    let bytes = std::fs::read(real("gis/gemeente_rd.shp")).expect("shp");
    let shp = dir.path().join("gemeente_rd.shp");
    std::fs::write(&shp, &bytes[..bytes.len() - 100]).expect("write");
    speelveld()
        .args(["--units", shp.to_str().expect("path"), "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "gemeente_rd.shp: record 342: announces",
        ));
    // The .dbf named instead of the .shp.
    let dir = shapefile_copy(&["shp", "dbf"]);
    let dbf = dir.path().join("gemeente_rd.dbf");
    speelveld()
        .args(["--units", dbf.to_str().expect("path"), "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "gemeente_rd.dbf: the file is the .dbf of a Shapefile; expected its .shp",
        ));
}

#[test]
fn bad_geopackages_and_topologies_say_what_is_wrong() {
    // Region codes where gemeenten were expected.
    let regions = format!("{}#provincie", real("gis/regions.gpkg"));
    common::fails_with(
        &["--units", &regions, "layouts"],
        "feature 1 (PV20): 'PV20' is not a gemeente code",
    );
    // Several tables and none chosen.
    common::fails_with(
        &[
            "--layout",
            &format!("x={}", real("gis/regions.gpkg")),
            "layouts",
        ],
        "2 feature tables ('jeugdzorgregio', 'provincie'); expected one, or FILE#TABLE to choose",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.gpkg");
    std::fs::write(&empty, b"").expect("write");
    common::fails_with(
        &["--units", empty.to_str().expect("path"), "layouts"],
        "empty.gpkg: the file is empty; expected a GeoPackage",
    );
    let cut = dir.path().join("cut.gpkg");
    let bytes = std::fs::read(real("gis/gemeente.gpkg")).expect("gpkg");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).expect("write");
    common::fails_with(
        &["--units", cut.to_str().expect("path"), "layouts"],
        "cut.gpkg: ",
    );
    // A duplicate code in a TopoJSON.
    let text = std::fs::read_to_string(real("gis/gemeente.topojson")).expect("topojson");
    let dup = dir.path().join("dup.topojson");
    std::fs::write(&dup, text.replacen("GM0034", "GM0014", 1)).expect("write");
    common::fails_with(
        &["--units", dup.to_str().expect("path"), "layouts"],
        "dup.topojson: feature 2 (GM0014): the code GM0014 was already used by feature 1",
    );
    // A code property that no feature has lists those they have.
    let spec = format!("x={}:regio", real("gis/jeugdzorgregio.topojson"));
    common::fails_with(
        &["--layout", &spec, "layouts"],
        "the features have: statcode, statnaam, jrstatcode",
    );
}

#[test]
fn the_content_decides_not_the_name() {
    // A TopoJSON named .geojson and a GeoPackage named .csv are read as what they are.
    let dir = tempfile::tempdir().expect("temp dir");
    let topo = dir.path().join("gemeenten.geojson");
    std::fs::copy(real("gis/gemeente.topojson"), &topo).expect("copy");
    let gpkg = dir.path().join("regions.csv");
    std::fs::copy(real("gis/regions.gpkg"), &gpkg).expect("copy");
    let spec = format!("pv={}#provincie:statcode:statnaam", gpkg.display());
    let (out, _) = run_ok(&[
        "--units",
        topo.to_str().expect("path"),
        "--layout",
        &spec,
        "regions",
        "pv",
        "--format",
        "csv",
    ]);
    assert!(out.contains("PV21,Fryslân,18,"), "{out}");
    assert_eq!(out.lines().count(), 13, "{out}");
}

/// Regression: `dissolve -o FILE.gpkg` said "EPSG:4326" (the GeoJSON default) while the
/// GeoPackage was written in the units' CRS, and `--out-crs` was silently ignored there.
#[test]
fn a_geopackage_names_the_crs_it_is_written_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("jz.gpkg").display().to_string();
    let rd = real("cbs/2025/rd/gemeente.geojson");
    let jz = format!("jz={}", real("cbs/2025/rd/jeugdzorgregio.geojson"));
    let (_, err) = run_ok(&[
        "--units", &rd, "--layout", &jz, "dissolve", "jz", "-o", &out,
    ]);
    assert!(
        err.contains("EPSG:28992") && !err.contains("EPSG:4326"),
        "{err}"
    );
    speelveld()
        .args(["dissolve", "provincie", "--out-crs", "EPSG:3035", "-o", &out])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--out-crs EPSG:3035 is for GeoJSON output; a GeoPackage is written in the CRS of the units (EPSG:4326)",
        ));
}
