//! End-to-end tests of the overlap analyses on the embedded data: `compare`, `crosswalk`,
//! `mismatches`, `clusters`, `oogo`, `congruence`, and key figures (`--figures`, `--weight`).
//!
//! The SWV layouts are those of 2015 (`--year 2015`: the year of the SWV table). Every
//! expected answer was computed independently with python3 on the source files, without
//! speelveld: `csv.DictReader` on `swv/regio_indeling_swv_pc4.csv` (gemeente names matched to
//! `cbs/2015/gemeente_regions_spatial.csv` after folding case, diacritics and punctuation;
//! `Europoort` rows left out; a split gemeente's share in an SWV = its postcode areas there /
//! all its postcode areas), grouping with dicts and a small union–find for the clusters.
//! The figures test reads `fetched/cbs-2022/kerncijfers_gemeenten.json` in place with
//! serde_json and sums `Population` per jeugdzorgregio of
//! `cbs/2025/gemeente_regions_spatial.csv` in python3 for the expected totals.

use serde_json::Value;

mod common;
use common::{find_row, first_table, real, run_ok, speelveld, stdout};

fn json(args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&a)).expect("json output")
}

#[test]
fn swv_congruent_with_jeugdzorgregio() {
    // python3: of 76 SWV PO, 50 have all their gemeenten in one jeugdzorgregio; of 74 SWV
    // VO, 43.
    let c = json(&["--year", "2015", "compare", "swv-po", "jeugdzorgregio"]);
    let s = &c["summary"];
    assert_eq!(
        (s["a_regions"].as_u64(), s["a_regions_within_b"].as_u64()),
        (Some(76), Some(50))
    );
    let within = c["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["relation"] == "within" || r["relation"] == "identical")
        .count();
    assert_eq!(within, 50);
    let c = json(&["--year", "2015", "compare", "swv-vo", "jeugdzorgregio"]);
    assert_eq!(c["summary"]["a_regions_within_b"].as_u64(), Some(43));
    let ari = c["summary"]["ari"].as_f64().unwrap();
    assert!(ari > 0.0 && ari < 1.0);
    // The summary line in the text output as well.
    let t = stdout(&[
        "--year", "2015", "compare", "swv-po", "swv-vo", "--format", "md",
    ]);
    assert!(
        t.contains("| a | b | joint_weight | a_regions | a_regions_within_b |"),
        "{t}"
    );
}

#[test]
fn crosswalk_columns_and_conservation() {
    let out = stdout(&[
        "--year",
        "2015",
        "crosswalk",
        "swv-vo",
        "jeugdzorgregio",
        "--format",
        "csv",
    ]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "a,a_name,b,b_name,units,weight,share_of_a,share_of_b,area_km2,unit_codes,unit_names,estimated,\
             estimated_parts,small"
        )
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // The cell areas sum to the country: 34 989.9 km² (GeoPandas: the 2015 gemeenten,
    // make_valid, to_crs(28992), summed area).
    let area: f64 = rows.iter().map(|r| r[8].parse::<f64>().unwrap()).sum();
    assert!((area / 34_989.904 - 1.0).abs() < 1e-4, "{area}");
    // python3: 117 distinct (SWV VO, jeugdzorgregio) pairs with a positive share.
    assert_eq!(rows.len(), 117);
    let total: f64 = rows.iter().map(|r| r[5].parse::<f64>().unwrap()).sum();
    assert!((total - 393.0).abs() < 1e-3, "{total}");
    let mut per_a = std::collections::BTreeMap::<&str, f64>::new();
    for r in &rows {
        *per_a.entry(r[0]).or_default() += r[6].parse::<f64>().unwrap();
    }
    assert_eq!(per_a.len(), 74);
    // Shares are written with 3 decimals: a region's cells sum to 1 within their rounding.
    for (a, s) in per_a {
        assert!((s - 1.0).abs() < 5e-3, "{a}: shares sum to {s}");
    }
    // Excel CSV: BOM, semicolons, decimal commas.
    let x = stdout(&[
        "--year",
        "2015",
        "--excel",
        "crosswalk",
        "swv-vo",
        "jeugdzorgregio",
    ]);
    assert!(x.starts_with(
        "\u{feff}a;a_name;b;b_name;units;weight;share_of_a;share_of_b;area_km2;unit_codes;unit_names;\
         estimated;estimated_parts;small\n"
    ));
    assert!(x.lines().any(|l| l.contains(";0,")), "decimal commas");
}

#[test]
fn mismatches_between_po_and_vo() {
    // python3 over swv/regio_indeling_swv_pc4.csv (postcode shares per gemeente, Europoort
    // left out), for 2025 carried through herindeling/gemeenten_2015_2025.csv (pieces not
    // flagged boundary, by area) and, as speelveld's layouts do, a unit's part in a PO x VO
    // pair = its PO share x its VO share. A PO region is within one VO region, contains
    // whole VO regions, or crosses; only in a crossing one are the units in VO regions that
    // reach beyond it, other than its dominant VO region, mismatches.
    // 2025: 40 crossing, 1 containing, 35 within; 66 rows, 47 gemeenten. 2015: 29, 1, 46;
    // 51 rows, 41 gemeenten.
    let m = json(&["mismatches"]);
    let counts = |m: &serde_json::Value| {
        [
            "crossing_regions",
            "containing_regions",
            "within_regions",
            "units",
        ]
        .map(|k| m[k].as_u64().unwrap_or(u64::MAX))
    };
    assert_eq!(counts(&m), [40, 1, 35, 47]);
    let rows = m["mismatches"].as_array().unwrap();
    assert_eq!(rows.len(), 66);
    // PO 24-03 = Dronten (VO2305) + Lelystad (VO2403), one gemeente each: a tie, not
    // resolved by code order. VO2403 is Lelystad alone, nested in PO 24-03; VO2305 reaches
    // beyond it, so Dronten is the one listed.
    let po2403: Vec<_> = rows.iter().filter(|r| r["a"] == "PO2403").collect();
    assert_eq!(po2403.len(), 1);
    assert_eq!(
        (
            po2403[0]["unit_name"].as_str(),
            po2403[0]["tie"].as_bool(),
            po2403[0]["tied"].as_str(),
            po2403[0]["dominant"].as_str()
        ),
        (Some("Dronten"), Some(true), Some("VO2305 VO2403"), Some(""))
    );
    let region = |code: &str| find_row(&m, "regions", "region", code).cloned().unwrap();
    assert_eq!(region("PO2403")["tie"].as_bool(), Some(true));
    assert_eq!(m["ties"].as_u64(), Some(1));
    // PO 21-01 holds VO 21-01, 21-02 and 21-03 whole: the 11 Frisian gemeenten in VO 21-02
    // and 21-03 are nesting, not mismatches. It crosses VO 24-02 only through 9 of De
    // Fryske Marren's 54 postcodes (Lemmer), which VO 24-02 shares with Noordoostpolder.
    let po2101: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["a"] == "PO2101")
        .map(|r| (r["unit_name"].as_str().unwrap(), r["b"].as_str().unwrap()))
        .collect();
    assert_eq!(po2101, [("De Fryske Marren", "VO2402")]);
    assert_eq!(region("PO2101")["relation"], "crosses");
    // Montferland is split in both (PO2503/VO2503 11 postcodes, PO2504/VO2504 2): its
    // PO2503 x VO2504 part is a product of shares, and says so.
    let mont = rows
        .iter()
        .find(|r| r["unit_name"] == "Montferland" && r["a"] == "PO2503")
        .unwrap();
    assert_eq!(mont["both_split"].as_bool(), Some(true));
    let old = json(&["--year", "2015", "mismatches"]);
    assert_eq!(counts(&old), [29, 1, 46, 41]);
    assert_eq!(old["mismatches"].as_array().map(Vec::len), Some(51));
}

#[test]
fn clusters_of_swv_and_jeugdzorgregio() {
    // python3 union–find over SWV PO, SWV VO and jeugdzorgregio joined by shared gemeenten:
    // 11 clusters; the largest has 83 regions (36 PO, 31 VO, 16 JZ) and 170 gemeenten.
    let c = json(&[
        "--year",
        "2015",
        "clusters",
        "swv-po",
        "swv-vo",
        "jeugdzorgregio",
    ]);
    assert_eq!(c["count"].as_u64(), Some(11));
    let first = &c["clusters"][0];
    assert_eq!(first["regions"].as_u64(), Some(83));
    assert_eq!(first["layouts"], "swv-po 36, swv-vo 31, jeugdzorgregio 16");
    assert_eq!(first["units"].as_u64(), Some(170));
    // The regions partition: every region of the three layouts once (76 + 74 + 42).
    let out = first_table(&stdout(&[
        "--year",
        "2015",
        "clusters",
        "swv-po",
        "swv-vo",
        "jeugdzorgregio",
        "--format",
        "csv",
    ]));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("cluster,layout,region,name"));
    let jz1: Vec<&str> = lines
        .clone()
        .filter(|l| l.starts_with("1,jeugdzorgregio,"))
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(
        jz1,
        [
            "JZ18", "JZ24", "JZ27", "JZ29", "JZ30", "JZ31", "JZ32", "JZ33", "JZ34", "JZ35", "JZ36",
            "JZ37", "JZ38", "JZ39", "JZ42", "JZ43"
        ]
    );
    assert_eq!(lines.count(), 76 + 74 + 42);
    // Only PO and VO: 40 clusters, the largest 18 regions.
    let c = json(&["--year", "2015", "clusters", "swv-po", "swv-vo"]);
    assert_eq!(
        (c["count"].as_u64(), c["clusters"][0]["regions"].as_u64()),
        (Some(40), Some(18))
    );
    // One layout is a usage error naming what is needed.
    let out = speelveld()
        .args(["--year", "2015", "clusters", "swv-po"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("LAYOUT"), "{err}");
}

#[test]
fn clusters_with_thresholds_split_the_big_cluster() {
    // Default year. The cells (weight, share_of_a, share_of_b) come from `speelveld crosswalk`
    // of the three pairs of swv-po, swv-vo and jeugdzorgregio; the thresholding and the
    // components were computed apart in python3 (region totals summed from the cells, share
    // of the smaller region = weight / the smaller total, a small union–find):
    // no threshold 9 clusters (largest 86 regions); at 0.1, 12 clusters (60, 52, 26 regions)
    // and 43 overlaps dropped, the largest share among them PO2814–VO2810 (0.0913,
    // parts of GM1892 and GM1931: 0.4167 gemeente); at 1 gemeente, 19 clusters and 69 dropped.
    let base = ["clusters", "swv-po", "swv-vo", "jeugdzorgregio"];
    let run = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        json(&a)
    };
    let all = run(&[]);
    assert_eq!(all["count"].as_u64(), Some(9));
    assert_eq!(all["clusters"][0]["regions"].as_u64(), Some(86));
    assert_eq!(all["dropped"].as_array().map(Vec::len), Some(0));
    let c = run(&["--min-share", "0.1"]);
    assert_eq!(c["count"].as_u64(), Some(12));
    let sizes: Vec<u64> = (0..3)
        .map(|i| c["clusters"][i]["regions"].as_u64().unwrap())
        .collect();
    assert_eq!(sizes, [60, 52, 26]);
    let dropped = c["dropped"].as_array().unwrap();
    assert_eq!(dropped.len(), 43);
    let top = &dropped[0];
    assert_eq!(
        (&top["region_a"], &top["region_b"]),
        (&Value::from("PO2814"), &Value::from("VO2810"))
    );
    assert!((top["share_of_smaller"].as_f64().unwrap() - 0.091324).abs() < 1e-6);
    assert!((top["weight"].as_f64().unwrap() - 5.0 / 12.0).abs() < 1e-9);
    // Every dropped share lies below the threshold; the name holds a region of each layout.
    assert!(
        dropped
            .iter()
            .all(|d| d["share_of_smaller"].as_f64().unwrap() < 0.1)
    );
    let name = c["clusters"][0]["name"].as_str().unwrap();
    assert_eq!(name.split(" + ").count(), 3, "{name}");
    let u = run(&["--min-units", "1"]);
    assert_eq!(
        (u["count"].as_u64(), u["dropped"].as_array().map(Vec::len)),
        (Some(19), Some(69))
    );
    // The text output lists the dropped links; a share of 1 is a usage error.
    let mut a = base.to_vec();
    a.extend(["--min-share", "0.1"]);
    let text = stdout(&a);
    assert!(text.contains("43 overlaps dropped as links"), "{text}");
    let mut bad = base.to_vec();
    bad.extend(["--min-share", "1"]);
    let out = speelveld().args(&bad).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("[0, 1)"), "{err}");
}

#[test]
fn oogo_partners() {
    // python3: 406 (SWV PO, gemeente) and 408 (SWV VO, gemeente) pairs; Rotterdam and De
    // Friese Meren each consult 5 SWV's; 18 gemeenten have more than 2; PO2001 and PO2101
    // cover 24 gemeenten each.
    let o = json(&["--year", "2015", "oogo"]);
    let t = &o["totals"];
    assert_eq!(t["pairs"].as_u64(), Some(814));
    assert_eq!(t["pairs_per_layout"], "swv-po 406, swv-vo 408");
    assert_eq!(t["max_partners"].as_u64(), Some(5));
    assert_eq!(
        t["most_partners"],
        "GM0599 Rotterdam, GM1921 De Friese Meren"
    );
    assert_eq!(t["gemeenten_with_extra_partners"].as_u64(), Some(18));
    assert_eq!(t["max_gemeenten"].as_u64(), Some(24));
    let out = first_table(&stdout(&["--year", "2015", "oogo", "--format", "csv"]));
    assert!(out.starts_with("swv_layout,swv,swv_name,gemeente,gemeente_name,share\n"));
    assert_eq!(out.lines().count(), 815);
    // Rotterdam in PO: 71 of its 73 coded postcode areas in PO2806 (0.9726: shares are
    // written with 3 decimals).
    assert!(
        out.contains("swv-po,PO2806,SWV PO 28-06,GM0599,Rotterdam,0.973\n"),
        "{out}"
    );
    // One SWV layout by option.
    let o = json(&["--year", "2015", "oogo", "--swv", "swv-vo"]);
    assert_eq!(o["totals"]["pairs"].as_u64(), Some(408));
}

#[test]
fn congruence_of_every_pair() {
    let c = json(&["--year", "2015", "congruence"]);
    let pairs = c["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 6, "4 layouts give 6 pairs");
    let p = pairs
        .iter()
        .find(|p| p["a"] == "swv-po" && p["b"] == "jeugdzorgregio")
        .unwrap();
    assert_eq!(p["a_regions_within_b"].as_u64(), Some(50));
    let m = &c["matrix"];
    assert_eq!(m[0]["swv-po"].as_f64(), Some(1.0));
    assert_eq!(m[0]["swv-vo"], m[1]["swv-po"]);
}

/// Converts the CBS key figures (JSON, read in place) into a CSV in a temp dir.
/// The crosswalk cell of regions `a` × `b` in a crosswalk's JSON.
fn cell<'a>(x: &'a Value, a: &str, b: &str) -> &'a Value {
    x["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["a"] == a && c["b"] == b)
        .unwrap_or_else(|| panic!("no cell {a} x {b}"))
}

fn kerncijfers_csv(dir: &tempfile::TempDir) -> String {
    let text =
        std::fs::read_to_string(real("fetched/cbs-2022/kerncijfers_gemeenten.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut csv = String::from("gemeentecode,naam,inwoners\n");
    for (code, g) in v["Gemeente"].as_object().unwrap() {
        let name = g["Naam"].as_str().unwrap().replace(',', " ");
        csv.push_str(&format!("{code},{name},{}\n", g["Population"]));
    }
    let p = dir.path().join("kerncijfers.csv");
    std::fs::write(&p, csv).unwrap();
    p.display().to_string()
}

#[test]
fn key_figures_summed_to_regions_and_cells() {
    let dir = tempfile::tempdir().unwrap();
    let f = kerncijfers_csv(&dir);
    // python3: 352 gemeenten of 2021; 338 codes are 2025 gemeenten, 14 are not (GM0370
    // Beemster, …) and are carried through data/herindeling/gemeenten_2021_2025.csv into 6
    // gemeenten of 2025. Population carried (new = table[old] or old) and summed per
    // jeugdzorgregio of cbs/2025/gemeente_regions_spatial.csv: JZ13 1,092,268 (with Weesp);
    // JZ01 586,937; JZ43 103,228; all 17,475,415; Amsterdam 893,783.
    let (out, err) = run_ok(&[
        "--figures",
        &f,
        "--weight",
        "inwoners",
        "regions",
        "jeugdzorgregio",
        "--format",
        "json",
    ]);
    assert!(
        err.contains(&format!(
            "{f}: figures of 2021 carried to the 2025 gemeenten (the year found from the codes: \
             all 352 are gemeenten of 2021): 14 code(s) merged into 6 gemeente(n) (GM0370 \
             Beemster → GM0439 Purmerend, GM0398 Heerhugowaard → GM1980 Dijk en Waard,"
        )),
        "{err}"
    );
    assert!(
        err.contains("and 4 more); totals kept (inwoners 17,475,415 → 17,475,415)\n"),
        "{err}"
    );
    // Nothing else to say: every code carried, every unit has a row.
    assert_eq!(err.lines().count(), 1, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let by = |code: &str| {
        find_row(&r, "regions", "region", code).unwrap()["inwoners"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(by("JZ13"), 1_092_268.0);
    assert_eq!(by("JZ01"), 586_937.0);
    assert_eq!(by("JZ43"), 103_228.0);
    assert_eq!(r["totals"]["inwoners"].as_f64(), Some(17_475_415.0));
    // Crosswalk cells carry the figure: JZ13 lies within GGD GG3406.
    let x = stdout(&[
        "--figures",
        &f,
        "crosswalk",
        "jeugdzorgregio",
        "ggdregio",
        "--format",
        "csv",
    ]);
    // The embedded key figures are columns too; the user's file replaced 'inwoners'.
    let header: Vec<&str> = x.lines().next().unwrap().split(',').collect();
    assert_eq!(
        header[..10],
        [
            "a",
            "a_name",
            "b",
            "b_name",
            "units",
            "weight",
            "share_of_a",
            "share_of_b",
            "area_km2",
            "unit_codes"
        ]
    );
    let col = header.iter().position(|h| *h == "inwoners").unwrap();
    let jz13: Vec<&str> = x.lines().filter(|l| l.starts_with("JZ13,")).collect();
    assert_eq!(jz13.len(), 1);
    let cells: Vec<&str> = jz13[0].split(',').collect();
    assert!(
        jz13[0].starts_with("JZ13,Amsterdam-Amstelland,GG3406,")
            // area_km2 356.346: GeoPandas dissolve of JZ13 in EPSG:28992 (km² written with
            // 2 decimals).
            && cells[6..10] == ["1", "1", "356.35", "GM0358 GM0362 GM0363 GM0384 GM0437 GM0451"]
            && cells[col] == "1092268",
        "{}",
        jz13[0]
    );
}

#[test]
fn bad_figures_files_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for (text, want) in [
        (
            "code,inwoners\nGM0363,931298\nGM0014,drie\n",
            "line 3: column 'inwoners': 'drie' is not a number",
        ),
        (
            "code,inwoners\nGM0363,veel\n",
            "line 2: column 'inwoners': 'veel' is not a number",
        ),
        (
            "code,inwoners\nGM0363,1\n363,2\n",
            "line 3: unit GM0363 already has figures on line 2",
        ),
    ] {
        let p = dir.path().join("bad.csv");
        std::fs::write(&p, text).unwrap();
        let f = p.display().to_string();
        let out = speelveld()
            .args(["--figures", &f, "layouts"])
            .assert()
            .code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains(&format!("{f}: {want}")), "{err}");
    }
    let out = speelveld()
        .args(["--year", "2015", "crosswalk", "swv-po", "gemeente"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("no layout named 'gemeente'"), "{err}");
}

#[test]
fn analyses_work_on_layouts_the_user_loads() {
    // The user's own units and a wide table (the 2015 CBS files, read from disk rather than
    // the embedded copy). python3 on gemeente_regions_spatial.csv: 39 of 42 jeugdzorgregio's
    // lie in one provincie; JZ19, JZ21 and JZ32 span two.
    let units = real("cbs/2015/gemeente.geojson");
    let table = real("cbs/2015/gemeente_regions_spatial.csv");
    let c = json(&[
        "--units",
        &units,
        "--table",
        &table,
        "compare",
        "jeugdzorgregio",
        "provincie",
    ]);
    assert_eq!(c["summary"]["a_regions_within_b"].as_u64(), Some(39));
    let split: Vec<&str> = c["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["relation"] == "crosses")
        .map(|r| r["region"].as_str().unwrap())
        .collect();
    assert_eq!(split, ["JZ19", "JZ21", "JZ32"]);
    let m = json(&[
        "--units",
        &units,
        "--table",
        &table,
        "mismatches",
        "jeugdzorgregio",
        "provincie",
    ]);
    assert_eq!(m["crossing_regions"].as_u64(), Some(3));
}

#[test]
fn area_weight_counts_square_kilometres() {
    // shapely on `cbs/2025/rd/gemeente.geojson` (RD New, make_valid): the 342 gemeenten cover
    // 35,075.7 km²; the embedded WGS84 set, converted to RD, must agree within 0.1 %.
    let x = json(&[
        "--weight",
        "area",
        "crosswalk",
        "provincie",
        "jeugdzorgregio",
    ]);
    assert_eq!(x["weight"], "area_km2");
    let total = x["total"].as_f64().expect("total");
    assert!((total - 35_075.7).abs() < 35.0, "{total}");
    let units = json(&[
        "--weight",
        "units",
        "crosswalk",
        "provincie",
        "jeugdzorgregio",
    ]);
    assert_eq!(units["total"].as_f64(), Some(342.0));
}

#[test]
fn embedded_key_figures_are_conserved_over_every_layout() {
    // The CBS key figures of 2021 come with the 2025 data, carried through the herindelingen
    // of 2022 and 2023. CBS's national total of the source (17,475,415 inhabitants, the
    // "Netherlands Total" of kerncijfers_gemeenten.json) must come out of every layout: the
    // sum of the weights over its regions (split gemeenten counted by their shares).
    let layouts = json(&["layouts"]);
    let names: Vec<String> = layouts["layouts"]
        .as_array()
        .or(layouts.as_array())
        .expect("layouts")
        .iter()
        .map(|l| l["layout"].as_str().expect("name").to_string())
        .collect();
    assert_eq!(names.len(), 10);
    for name in &names {
        let r = json(&["--weight", "inwoners", "regions", name]);
        let sum: f64 = r["regions"]
            .as_array()
            .expect("regions")
            .iter()
            .map(|x| x["weight"].as_f64().expect("weight"))
            .sum();
        assert!((sum - 17_475_415.0).abs() < 0.5, "{name}: {sum}");
        assert_eq!(
            r["totals"]["inwoners"].as_f64(),
            Some(17_475_415.0),
            "{name}"
        );
    }
}

#[test]
fn split_gemeenten_are_split_by_the_inhabitants_of_their_parts() {
    // Weesp (GM0457, in PO2709/VO2710) merged into Amsterdam (GM0363, PO2707/VO2708) on
    // 2022-03-24. CBS kerncijfers 2021 (kerncijfers_gemeenten.json, "Population"): Weesp
    // 20,445, Amsterdam 873,338. So the part of Amsterdam in PO2709 holds Weesp's 20,445, not
    // the 92,081 its area share (0.103) would give.
    let x = json(&[
        "--weight",
        "inwoners",
        "crosswalk",
        "swv-po",
        "jeugdzorgregio",
    ]);
    let cell = cell(&x, "PO2709", "JZ13");
    assert_eq!(cell["weight"].as_f64(), Some(20_445.0));
    let r = json(&["--weight", "inwoners", "regions", "swv-vo"]);
    let amsterdam = r["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|x| x["region"] == "VO2708")
        .expect("VO2708");
    // VO2708 holds Amsterdam without Weesp, and Diemen: python3 on the 2015 SWV table
    // (gemeenten Amsterdam and Diemen); 873,338 + 31,334 (Diemen 2021).
    assert_eq!(amsterdam["weight"].as_f64(), Some(904_672.0));
    // Where the inhabitants of the parts are not known (a herindeling before 2021), the
    // conflict says it was split by area.
    speelveld()
        .args(["validate", "swv-po"])
        .assert()
        .stdout(predicates::str::contains(
            "GM0363 Amsterdam: its predecessors lay in different regions (GM0363 Amsterdam in \
             PO2707; GM0457 Weesp in PO2709); split by inwoners as PO2707 0.977 + PO2709 0.023",
        ))
        .stdout(predicates::str::contains(
            "split by area as PO2710 0.891 + PO2704 0.109",
        ));
}

#[test]
fn cells_that_rest_on_an_estimate_say_so() {
    // python3 on the 2015 SWV table: 12 gemeenten lie in more than one SWV PO by their
    // postcodes (Alphen aan den Rijn, Alphen-Chaam, Bronckhorst, Drimmelen, Heeze-Leende,
    // Kaag en Braassem, Midden-Delfland, Montferland, Rotterdam, Staphorst, Zuidplas,
    // Zwartewaterland); 8 more are merger conflicts weighed by area (Haarlemmermeer,
    // Oisterwijk, Tilburg, Meierijstad, Beekdaelen, Altena, West Betuwe, Vijfheerenlanden).
    // Amsterdam's parts are weighed by inhabitants, so its cells are exact for `inwoners`.
    let law = [
        "GM0484", "GM1723", "GM1876", "GM1719", "GM1658", "GM1884", "GM1842", "GM1955", "GM0599",
        "GM0180", "GM1892", "GM1896",
    ];
    let by_area = [
        "GM0394", "GM0824", "GM0855", "GM1948", "GM1954", "GM1959", "GM1960", "GM1961",
    ];
    let x = json(&[
        "--weight",
        "inwoners",
        "crosswalk",
        "swv-po",
        "jeugdzorgregio",
    ]);
    let cells = x["cells"].as_array().expect("cells");
    let mut estimated: Vec<String> = cells
        .iter()
        .filter(|c| c["estimated"] == true)
        .flat_map(|c| c["estimated_parts"].as_array().expect("parts").clone())
        .map(|p| p.as_str().expect("text")[..6].to_string())
        .collect();
    estimated.sort();
    estimated.dedup();
    let mut expected: Vec<String> = law.iter().chain(&by_area).map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(estimated, expected);
    // Each cell is estimated exactly when it holds one of them.
    for c in cells {
        let holds = c["unit_codes"]
            .as_array()
            .expect("codes")
            .iter()
            .any(|u| expected.iter().any(|e| u == e.as_str()));
        assert_eq!(c["estimated"] == true, holds, "{c}");
    }
    let weesp = cell(&x, "PO2709", "JZ13");
    assert_eq!(weesp["estimated"], false);
    let rotterdam = cell(&x, "PO2806", "JZ29");
    assert_eq!(
        rotterdam["estimated_parts"][0],
        "GM0599 (swv-po by its shares)"
    );
    // The same mark in the regions and OOGO tables; the CSV joins the parts by semicolons.
    let r = json(&["--weight", "inwoners", "regions", "swv-po"]);
    let po2806 = r["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|x| x["region"] == "PO2806")
        .expect("PO2806");
    assert_eq!(po2806["estimated"], true);
    let o = json(&["oogo"]);
    let pair = o["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| p["swv"] == "PO2709" && p["gemeente"] == "GM0363")
        .expect("PO2709 GM0363");
    assert_eq!(
        (pair["inwoners"].as_f64(), &pair["estimated"]),
        (Some(20_445.0), &serde_json::Value::Bool(false))
    );
    speelveld()
        .args([
            "--weight",
            "inwoners",
            "crosswalk",
            "swv-po",
            "jeugdzorgregio",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "34 cell(s) hold a part of a split gemeente whose weight is an estimate",
        ));
}

#[test]
fn small_cells_are_flagged() {
    // By unit count, a cell of less than one gemeente is small (a part of one gemeente):
    // Weesp's part of Amsterdam in PO2709 x JZ13 weighs 0.022875 units.
    let x = json(&["crosswalk", "swv-po", "jeugdzorgregio"]);
    let cells = x["cells"].as_array().expect("cells");
    let weesp = cell(&x, "PO2709", "JZ13");
    assert_eq!(weesp["small"], true);
    assert!(
        cells
            .iter()
            .all(|c| (c["small"] == true) == (c["weight"].as_f64().expect("w") < 1.0))
    );
    // By inhabitants with --min-cell 25000 it is small too (20,445 people); by default
    // (10 people) no cell of the embedded data is.
    let x = json(&[
        "--weight",
        "inwoners",
        "crosswalk",
        "swv-po",
        "jeugdzorgregio",
    ]);
    assert!(
        x["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .all(|c| c["small"] == false)
    );
    let x = json(&[
        "--weight",
        "inwoners",
        "crosswalk",
        "swv-po",
        "jeugdzorgregio",
        "--min-cell",
        "25000",
    ]);
    let weesp = cell(&x, "PO2709", "JZ13");
    assert_eq!(weesp["small"], true);
    speelveld()
        .args(["crosswalk", "swv-po", "jeugdzorgregio", "--min-cell", "-1"])
        .assert()
        .code(2);
    speelveld()
        .args(["crosswalk", "swv-po", "jeugdzorgregio", "--min-cell", "inf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("negative or not finite"));
}

#[test]
fn the_2021_key_figures_as_a_file_give_exactly_the_embedded_figures() {
    // The committed 2021 key figures (the embedded CSV, copied to tests/data) given as a
    // user's file are carried to 2025 as the embedded ones are: every output is the same,
    // split SWV gemeenten and all; JZ13 1,092,268 and the national 17,475,415 (python3 in
    // key_figures_summed_to_regions_and_cells).
    let f = real("cbs/2021/kerncijfers_gemeenten_2021.csv");
    for args in [
        &["--weight", "inwoners", "regions", "jeugdzorgregio"][..],
        &["regions", "swv-vo"],
        &[
            "--weight",
            "inwoners",
            "crosswalk",
            "swv-po",
            "jeugdzorgregio",
        ],
    ] {
        let mut with = vec!["--figures", f.as_str()];
        with.extend_from_slice(args);
        with.extend(["--format", "csv"]);
        let mut without = args.to_vec();
        without.extend(["--format", "csv"]);
        let (a, err) = run_ok(&with);
        let (b, _) = run_ok(&without);
        assert_eq!(a, b, "{args:?}");
        assert!(
            err.contains("14 code(s) merged into 6 gemeente(n) (GM0370 Beemster → GM0439 Purmerend, GM0398 Heerhugowaard → GM1980 Dijk en Waard")
                && err.contains("totals kept (inwoners 17,475,415 → 17,475,415)"),
            "{err}"
        );
    }
    let (x, _) = run_ok(&[
        "--figures",
        &f,
        "--weight",
        "inwoners",
        "regions",
        "jeugdzorgregio",
        "--format",
        "csv",
    ]);
    assert!(
        x.lines()
            .any(|l| l.starts_with("JZ13,Amsterdam-Amstelland,6,1092268,")),
        "{x}"
    );
}

#[test]
fn the_year_given_keeps_only_the_rows_of_that_year() {
    // The 2021 figures declared to be of 2025: they are attached as they are. python3 on
    // kerncijfers_gemeenten.json: 14 codes are no 2025 gemeente (GM0370 Beemster, …), the 4
    // new gemeenten of 2022–2023 have no row; Population summed per jeugdzorgregio over the
    // 338 matching codes: JZ13 1,071,823 (without Weesp), all 17,137,185.
    let dir = tempfile::tempdir().unwrap();
    let f = kerncijfers_csv(&dir);
    let out = speelveld()
        .args([
            "--figures",
            &f,
            "--figures-year",
            "2025",
            "--weight",
            "inwoners",
            "regions",
            "jeugdzorgregio",
        ])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no figure 'inwoners'"), "{err}");
    assert!(
        err.contains("14 row(s) name units that are not in the atlas, their figures are not used: GM0370 (line"),
        "{err}"
    );
    assert!(
        err.contains(
            "4 unit(s) of the atlas have no row, so they lack these figures: GM1980 Dijk en \
             Waard, GM1982 Land van Cuijk, GM1991 Maashorst, GM1992 Voorne aan Zee\n"
        ),
        "{err}"
    );
    let r = json(&[
        "--figures",
        &f,
        "--figures-year",
        "2025",
        "regions",
        "jeugdzorgregio",
    ]);
    let jz13 = r["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["region"] == "JZ13")
        .unwrap();
    assert_eq!(jz13["inwoners"].as_f64(), Some(1_071_823.0));
    assert_eq!(r["totals"]["inwoners"].as_f64(), Some(17_137_185.0));
    assert_eq!(r["missing"][0]["units"].as_u64(), Some(4));
}

#[test]
fn figures_of_2015_are_carried_and_a_split_gemeente_is_divided_by_area() {
    // A toy file of 2015 gemeenten (made-up counts). python3 over
    // data/herindeling/gemeenten_2015_2025.csv (non-boundary pairs, shares renormalised per
    // old gemeente) and cbs/2025/gemeente_regions_spatial.csv: Slochteren (GM0040) goes to
    // Groningen 0.106 and Midden-Groningen 0.894, Haaren (GM0788) to Boxtel 0.098,
    // Oisterwijk 0.290, Tilburg 0.177, Vught 0.435; per jeugdzorgregio JZ01 1450, JZ33
    // 106.6133, JZ35 93.3867, JZ16 30; total 1680.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("toy2015.csv");
    std::fs::write(
        &p,
        "gemeentecode;naam;inwoners\nGM0014;Groningen;1000\nGM0040;Slochteren;100\n\
         GM0018;Hoogezand-Sappemeer;300\nGM1987;Menterwolde;50\nGM0788;Haaren;200\nGM0381;Bussum;30\n",
    )
    .unwrap();
    let f = p.display().to_string();
    let (out, err) = run_ok(&[
        "--figures",
        &f,
        "regions",
        "jeugdzorgregio",
        "--format",
        "json",
    ]);
    assert!(
        err.contains(&format!(
            "{f}: figures of 2015 carried to the 2025 gemeenten (the year found from the codes: \
             all 6 are gemeenten of 2015): 3 code(s) merged into 2 gemeente(n) (GM0018 \
             Hoogezand-Sappemeer → GM1952 Midden-Groningen, GM0381 Bussum → GM1942 Gooise Meren, \
             GM1987 Menterwolde → GM1952 Midden-Groningen), 2 split over 6 gemeenten by area \
             share; totals kept (inwoners 1,680 → 1,680)"
        )),
        "{err}"
    );
    assert!(
        err.contains(
            "the figures of 2 gemeente(n) of 2015 split by a herindeling were divided by area \
             share, so the figures of their parts are estimates: GM0040 Slochteren (GM0014 \
             Groningen 0.106, GM1952 Midden-Groningen 0.894), GM0788 Haaren (GM0757 Boxtel \
             0.098, GM0824 Oisterwijk 0.290, GM0855 Tilburg 0.177, GM0865 Vught 0.435)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "335 unit(s) of the atlas have no row, so they lack these figures: GM0034 Almere,"
        ),
        "{err}"
    );
    let r: Value = serde_json::from_str(&out).unwrap();
    let by = |code: &str| {
        r["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["region"] == code)
            .and_then(|x| x["inwoners"].as_f64())
            .unwrap_or(0.0)
    };
    for (jz, want) in [
        ("JZ01", 1450.0),
        ("JZ33", 106.6133),
        ("JZ35", 93.3867),
        ("JZ16", 30.0),
    ] {
        assert!((by(jz) - want).abs() < 1e-3, "{jz}: {}", by(jz));
    }
    let total = r["totals"]["inwoners"].as_f64().unwrap();
    assert!((total - 1680.0).abs() < 1e-6, "{total}");
}

#[test]
fn a_file_mixing_years_is_refused_naming_the_codes() {
    // Dijk en Waard (2022) beside its predecessors Heerhugowaard and Langedijk (2021):
    // carrying both would count their people twice.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mixed.csv");
    std::fs::write(
        &p,
        "code,inwoners\nGM1980,88000\nGM0398,56000\nGM0416,28000\nGM9999,1\n",
    )
    .unwrap();
    let f = p.display().to_string();
    let out = speelveld()
        .args(["--figures", &f, "layouts"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{f}: the codes are gemeenten of more than one year: 2 of 3 are gemeenten of 2021, \
             1 not: GM1980 Dijk en Waard (line 2, a gemeente of 2025); expected the gemeenten of one year"
        )),
        "{err}"
    );
    assert!(
        err.contains("hint: give the year of the file with --figures-year YEAR"),
        "{err}"
    );
    // With the year given, the rows of other years are named and left out.
    let (_, err) = run_ok(&["--figures", &f, "--figures-year", "2021", "layouts"]);
    assert!(
        err.contains(
            "2 row(s) are not gemeenten of 2021, their figures are not used: GM1980 Dijk en Waard \
             (line 2, a gemeente of 2025), GM9999 (line 5, of no known year)"
        ),
        "{err}"
    );
    assert!(
        err.contains("totals kept (inwoners 84,000 → 84,000)"),
        "{err}"
    );
    // No herindeling leads back from 2021 to the gemeenten of 2015.
    let k = real("cbs/2021/kerncijfers_gemeenten_2021.csv");
    let out = speelveld()
        .args(["--year", "2015", "--figures", &k, "layouts"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("figures of 2021 cannot be carried to the gemeenten of 2015: no herindeling from 2021 to 2015"),
        "{err}"
    );
}

#[test]
fn a_statline_export_loads_with_every_gemeente_and_notes_the_rest() {
    // The committed 2021 key figures written in the shape of a StatLine export of
    // 85039NED: numbered headers, codes padded to 10 characters, the country first, and
    // a wijk and two buurten of Groningen (their counts as CBS gives them). Every gemeente
    // must arrive: weights by AantalInwoners_5 equal the embedded inwoners per region.
    let text = std::fs::read_to_string(real("cbs/2021/kerncijfers_gemeenten_2021.csv")).unwrap();
    let mut csv = String::from(
        "\"ID\";\"WijkenEnBuurten\";\"Gemeentenaam_1\";\"SoortRegio_2\";\"Codering_3\";\"AantalInwoners_5\"\n\
         0;\"Nederland\";\"Nederland \";\"Land \";\"NL00      \";17475415\n",
    );
    for (i, line) in text.lines().skip(1).enumerate() {
        let mut cells = line.split(',');
        let (code, inw) = (cells.next().unwrap(), cells.next().unwrap());
        csv.push_str(&format!(
            "{};\"x\";\"x \";\"Gemeente  \";\"{code:<10}\";{inw}\n",
            i + 1
        ));
    }
    csv.push_str(
        "900;\"Wijk 00 Centrum\";\"Groningen\";\"Wijk \";\"WK001400  \";22535\n\
         901;\"Binnenstad-Noord\";\"Groningen\";\"Buurt \";\"BU00140000\";3760\n\
         902;\"Binnenstad-Zuid\";\"Groningen\";\"Buurt \";\"BU00140001\";4895\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("85039NED.csv");
    std::fs::write(&p, csv).unwrap();
    let f = p.display().to_string();
    let (a, err) = run_ok(&[
        "--figures",
        &f,
        "--weight",
        "AantalInwoners_5",
        "regions",
        "jeugdzorgregio",
        "--format",
        "json",
    ]);
    let (b, _) = run_ok(&[
        "--weight",
        "inwoners",
        "regions",
        "jeugdzorgregio",
        "--format",
        "json",
    ]);
    let weights = |s: &str| -> Vec<(String, f64)> {
        let v: Value = serde_json::from_str(s).unwrap();
        v["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["region"].as_str().unwrap().to_string(),
                    r["weight"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(weights(&a), weights(&b));
    assert!(
        err.contains(&format!(
            "{f}: 4 row(s) are no gemeenten and were skipped: 2 buurten (first: BU00140000, line \
             356), the country (first: NL00, line 2), 1 wijk (first: WK001400, line 355)"
        )),
        "{err}"
    );
    assert!(
        err.contains("totals kept (AantalInwoners_5 17,475,415 → 17,475,415)"),
        "{err}"
    );
}
