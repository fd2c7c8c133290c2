//! End-to-end tests of the foundation commands on real data: `layouts`, `regions`,
//! `members`, `gemeente`, `validate`, `overview`, and loading the user's own files.
//!
//! Expected answers were checked independently with python3 on the source files
//! (`csv.DictReader` on `cbs/2025/gemeente_regions_spatial.csv`,
//! `cbs/2015/gemeente_regions_spatial.csv` and `swv/regio_indeling_swv_pc4.csv`).

use predicates::prelude::*;

mod common;
use common::{fails_with, first_columns, first_table, real, speelveld, stdout};

#[test]
fn layouts_of_both_years() {
    assert_eq!(
        first_columns(&stdout(&["layouts", "--format", "csv"]), 3),
        "layout,regions,units\nswv-po,76,342\nswv-vo,74,342\njeugdzorgregio,42,342\narbeidsmarktregio,35,342\nggdregio,25,342\nrmcregio,40,342\nveiligheidsregio,25,342\nzorgkantoorregio,31,342\nveiligthuisregio,25,342\nprovincie,12,342\n"
    );
    // python3: 76 PO and 74 VO codes (Europoort excluded), 393 gemeente names.
    assert_eq!(
        first_columns(
            &stdout(&["--year", "2015", "layouts", "--format", "csv"]),
            3
        ),
        "layout,regions,units\nswv-po,76,393\nswv-vo,74,393\njeugdzorgregio,42,393\nprovincie,12,393\n"
    );
}

#[test]
fn members_of_jz13() {
    // python3: rows with jeugdzorgregio_code == 'JZ13' in the 2025 table.
    assert_eq!(
        first_columns(
            &stdout(&["members", "jeugdzorgregio", "JZ13", "--format", "csv"]),
            4
        ),
        "unit,name,share,basis\nGM0358,Aalsmeer,1,\nGM0362,Amstelveen,1,\nGM0363,Amsterdam,1,\nGM0384,Diemen,1,\nGM0437,Ouder-Amstel,1,\nGM0451,Uithoorn,1,\n"
    );
    // With the embedded key figures of each member (CBS 2021, carried: Amsterdam with Weesp
    // 873,338 + 20,445); a split member has its part and says what the part rests on.
    let members = stdout(&["members", "swv-po", "PO2709", "--format", "csv"]);
    assert!(
        members.contains("\nGM0363,Amsterdam,0.023,swv-po by inwoners,"),
        "{members}"
    );
    assert!(members.contains(",20445,"), "{members}");
    // A region by name, case-insensitive; a wrong one gets a hint and exit 1.
    let by_name = stdout(&[
        "members",
        "jeugdzorgregio",
        "amsterdam-amstelland",
        "--format",
        "csv",
    ]);
    assert_eq!(by_name.lines().count(), 7);
    speelveld()
        .args(["members", "jeugdzorgregio", "JZ40"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "layout 'jeugdzorgregio' has no region 'JZ40'; did you mean",
        ));
}

#[test]
fn gemeente_amsterdam() {
    // python3: Amsterdam's row in the 2025 table: JZ13, AM18, GG3406, MC21, VR13, ZK02, VT01;
    // provincie PV27.
    // SWV: Amsterdam (PO2707/VO2708) took in Weesp (PO2709/VO2710) on 2022-03-24; the parts
    // are weighed by their inhabitants of 2021 (CBS kerncijfers 2021: Amsterdam 873,338,
    // Weesp 20,445), so Weesp's share is 20445 / 893783 = 0.022875 (by area it was 0.103024),
    // written with 3 decimals.
    assert_eq!(
        first_table(&stdout(&["gemeente", "Amsterdam", "--format", "csv"])),
        "unit,layout,region,name,share\nGM0363,swv-po,PO2707,SWV PO 27-07,0.977\nGM0363,swv-po,PO2709,SWV PO 27-09,0.023\nGM0363,swv-vo,VO2708,SWV VO 27-08,0.977\nGM0363,swv-vo,VO2710,SWV VO 27-10,0.023\nGM0363,jeugdzorgregio,JZ13,Amsterdam-Amstelland,1\nGM0363,arbeidsmarktregio,AM18,Groot Amsterdam,1\nGM0363,ggdregio,GG3406,GGD Amsterdam,1\nGM0363,rmcregio,MC21,Agglomeratie Amsterdam,1\nGM0363,veiligheidsregio,VR13,Amsterdam-Amstelland,1\nGM0363,zorgkantoorregio,ZK02,Amsterdam,1\nGM0363,veiligthuisregio,VT01,Amsterdam-Amstelland,1\nGM0363,provincie,PV27,Noord-Holland,1\n"
    );
    speelveld()
        .args(["gemeente", "Amsterdm"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean GM0363 Amsterdam?"));
}

#[test]
fn split_gemeente_in_2015() {
    // python3: Heeze-Leende's postcodes: PO3008 {5591}, PO3009 {5595, 6029};
    // VO3007 {5595, 6029}, VO3008 {5591}.
    let out = stdout(&[
        "--year",
        "2015",
        "gemeente",
        "heeze-leende",
        "--format",
        "csv",
    ]);
    assert!(out.contains("swv-po,PO3008,SWV PO 30-08,0.333\n"), "{out}");
    assert!(out.contains("swv-po,PO3009,SWV PO 30-09,0.667\n"), "{out}");
    assert!(out.contains("swv-vo,VO3007,SWV VO 30-07,0.667\n"), "{out}");
}

#[test]
fn validate_exit_codes() {
    speelveld().arg("validate").assert().success();
    // 2015: Europoort rows are warnings, the 18 split gemeenten (25 rows) info, and 17
    // non-contiguous regions info (islands and Zeeuws-Vlaanderen: 4 each in jeugdzorgregio
    // and provincie, 4 in swv-po, 5 in swv-vo); no errors.
    speelveld()
        .args(["--year", "2015", "validate", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning,swv-po,no-region-code,Rotterdam,Europoort",
        ))
        .stderr(predicate::str::contains(
            "0 error(s), 6 warning(s), 42 info",
        ));
    // A membership file with a duplicate row and an unknown code: exit 1.
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bad.csv");
    std::fs::write(&f, "gemeentecode;regiocode\nGM0363;A\nGM0363;A\nGM9998;B\n").expect("write");
    let spec = format!("bad={}", f.display());
    speelveld()
        .args(["--layout", &spec, "validate", "bad", "--format", "csv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error,bad,duplicate,GM0363 Amsterdam,A",
        ))
        .stdout(predicate::str::contains("error,bad,unknown-code,GM9998,B"))
        .stdout(predicate::str::contains(
            "error,bad,uncovered,GM0014 Groningen",
        ));
}

#[test]
fn overview_of_the_embedded_data() {
    let out = stdout(&["--year", "2015", "overview"]);
    assert!(out.contains("split units (any layout)  18"), "{out}");
    assert!(out.contains("units                     393"), "{out}");
    let csv = first_columns(&stdout(&["overview", "--format", "csv"]), 8);
    assert!(
        csv.starts_with(
            "# table: layouts\nlayout,regions,units,split_units,unresolved,conflicts,errors,warnings\n\
             swv-po,76,342,21,3,9,0,12\nswv-vo,74,342,26,3,13,0,16\njeugdzorgregio,42,342,0,0,0,0,0\n"
        ),
        "{csv}"
    );
    // Ten 2025 layouts: the two SWV's carried from 2015 and eight CBS layouts.
    let out = stdout(&["overview"]);
    assert!(out.contains("layouts                   10\n"), "{out}");
    assert!(
        out.contains("validation                0 error(s), 28 warning(s), 61 info"),
        "{out}"
    );
}

/// A membership CSV written from the real 2025 table, in Windows-1252 with semicolons, as
/// Excel would save it: gemeente code, GGD-regio code and name.
fn write_membership(dir: &std::path::Path) -> std::path::PathBuf {
    let path = real("cbs/2025/gemeente_regions_spatial.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    // The table has a quoted name with a comma: parse it as CSV, not by splitting lines.
    let t = speelveld::io::text::read_table(&path, &text).expect("table");
    let mut out = String::from("GM code;Regiocode;Regionaam\n");
    for r in &t.rows {
        out.push_str(&format!("{};{};{}\n", r.get(0), r.get(6), r.get(7)));
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&out);
    let p = dir.join("ggd.csv");
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn own_units_and_membership_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_membership(dir.path());
    let units = real("cbs/2025/gemeente.geojson");
    let spec = format!("x={}", csv.display());
    let out = stdout(&[
        "--units", &units, "--layout", &spec, "regions", "x", "--format", "csv",
    ]);
    let mut lines = out.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.starts_with("region,name,units"), "{header}");
    // python3: 25 GGD-regio's; GG3406 GGD Amsterdam has 6 gemeenten.
    assert_eq!(lines.clone().count(), 25);
    assert!(
        lines.any(|l| l.starts_with("GG3406,GGD Amsterdam,6")),
        "{out}"
    );
    // The same file as one column of a wide table.
    let spec = format!(
        "g={}:ggdregio_code",
        real("cbs/2025/gemeente_regions_spatial.csv")
    );
    let out = stdout(&[
        "--units", &units, "--layout", &spec, "members", "g", "GG3406", "--format", "csv",
    ]);
    assert_eq!(
        first_columns(&out, 3),
        "unit,name,share\nGM0358,Aalsmeer,1\nGM0362,Amstelveen,1\nGM0363,Amsterdam,1\nGM0384,Diemen,1\nGM0437,Ouder-Amstel,1\nGM0451,Uithoorn,1\n"
    );
    // A whole wide table: every pair becomes a layout.
    let table = real("cbs/2015/gemeente_regions_spatial.csv");
    let out = stdout(&[
        "--units",
        &real("cbs/2015/gemeente.geojson"),
        "--table",
        &table,
        "layouts",
        "--format",
        "csv",
    ]);
    assert_eq!(
        first_columns(&out, 3),
        "layout,regions,units\njeugdzorgregio,42,393\nprovincie,12,393\n"
    );
}

#[test]
fn bad_input_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("wrong.csv");
    std::fs::write(&f, "unit,region\nGM0363;JZ13\n").expect("write");
    speelveld()
        .args(["--layout", &format!("w={}", f.display()), "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "wrong.csv: line 2: 1 field(s); expected 2 separated by ','",
        ));
    speelveld()
        .args(["--layout", "no-equals-sign", "layouts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected NAME=FILE"));
    let g = dir.path().join("cut.geojson");
    std::fs::write(
        &g,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":",
    )
    .expect("write");
    speelveld()
        .args(["--units", g.to_str().unwrap_or_default(), "layouts"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("cut.geojson: line 1 column")
                .and(predicate::str::contains("not valid JSON")),
        );
    speelveld()
        .args(["--year", "2020", "layouts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no embedded dataset for 2020 (available: 2015, 2025)",
        ));
}

/// Regression: `speelveld … | head` used to end with "cannot read: Broken pipe" and exit 1,
/// because the CSV writer hid the pipe error's kind. A closed stdout now ends quietly with 0.
#[test]
fn closed_stdout_exits_quietly() {
    for format in ["csv", "table", "json", "md"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("speelveld"))
            .args([
                "--year",
                "2015",
                "--format",
                format,
                "crosswalk",
                "swv-po",
                "jeugdzorgregio",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // Close the reading end before the command writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {:?} {err}", out.status);
        assert!(!err.contains("Broken pipe"), "{format}: {err}");
    }
}

#[test]
fn results_with_several_tables_write_every_table() {
    // oogo has four tables: pairs, gemeenten, swvs, totals.
    let csv = stdout(&["oogo", "--format", "csv"]);
    let names: Vec<&str> = csv
        .lines()
        .filter_map(|l| l.strip_prefix("# table: "))
        .collect();
    assert_eq!(names, ["pairs", "gemeenten", "swvs", "totals"]);
    // --excel: the same tables, semicolons, one byte-order mark at the start.
    let excel = stdout(&["oogo", "--excel"]);
    assert!(excel.starts_with('\u{feff}'));
    assert_eq!(excel.matches("# table: ").count(), 4);
    assert!(
        excel.contains(
            "\nswv_layout;swv;swv_name;gemeente;gemeente_name;share;inwoners;estimated\n"
        )
    );
    // -o DIR/: one file per table, each a plain CSV whose rows match the stdout tables.
    let dir = tempfile::tempdir().expect("tempdir");
    let target = format!("{}/oogo/", dir.path().display());
    speelveld()
        .args(["oogo", "-o", &target])
        .assert()
        .success()
        .stderr(predicate::str::contains("totals.csv"));
    for name in ["pairs", "gemeenten", "swvs", "totals"] {
        let file = std::fs::read_to_string(format!("{target}{name}.csv")).expect(name);
        assert!(!file.starts_with("# table"), "{name}");
        let section = csv
            .split(&format!("# table: {name}\n"))
            .nth(1)
            .and_then(|rest| rest.split("\n\n# table: ").next())
            .expect("section");
        assert_eq!(file.trim_end(), section.trim_end(), "{name}");
    }
    // JSON into a directory is refused with a reason.
    speelveld()
        .args(["oogo", "--format", "json", "-o", &target])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("one CSV file per table"));
}

#[test]
fn gemeenten_by_the_names_analysts_type() {
    // python3 on cbs/2025/gemeente_regions_spatial.csv: statnaam "'s-Gravenhage" is GM0518,
    // "'s-Hertogenbosch" GM0796, "Súdwest-Fryslân" GM1900, "De Fryske Marren" GM1940,
    // "Bergen (NH.)" GM0373, "Hengelo (O.)" GM0164 and "Laren (NH.)" GM0417, the only
    // names that start with "Hengelo" or "Laren"; "Bergen (NH.)" and "Bergen (L.)" both
    // start with "Bergen".
    for (query, code, note) in [
        ("Den Haag", "GM0518", Some("another name")),
        ("Den Bosch", "GM0796", Some("another name")),
        ("'s-Hertogenbosch", "GM0796", None),
        ("s-Hertogenbosch", "GM0796", None),
        ("Sudwest-Fryslan", "GM1900", None),
        ("De Friese Meren", "GM1940", Some("another name")),
        ("Bergen NH", "GM0373", None),
        ("Bergen (NH.)", "GM0373", None),
        ("Hengelo", "GM0164", Some("the name without its qualifier")),
        ("Laren", "GM0417", Some("the name without its qualifier")),
    ] {
        let out = speelveld().args(["gemeente", query]).assert().success();
        let o = out.get_output();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr),
        );
        assert!(stdout.starts_with(&format!("{code} ")), "{query}: {stdout}");
        match note {
            Some(n) => assert!(
                stderr.contains(&format!("note: '{query}' read as {code} ")) && stderr.contains(n),
                "{query}: {stderr}"
            ),
            None => assert!(!stderr.contains("read as"), "{query}: {stderr}"),
        }
    }
    fails_with(
        &["gemeente", "Bergen"],
        "the name 'Bergen' fits 2 units: GM0373 Bergen (NH.), GM0893 Bergen (L.)",
    );
    // A miss suggests the nearest names, other names included.
    fails_with(&["gemeente", "Haag"], "did you mean GM0518 's-Gravenhage?");
}

#[test]
fn membership_files_with_other_names_say_so() {
    // The 2025 jeugdzorgregio's by gemeente code, three gemeenten by the name analysts write.
    let t = std::fs::read_to_string(real("cbs/2025/gemeente_regions_spatial.csv")).expect("read");
    let mut csv = String::from("gemeente,regio\n");
    for line in t.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let unit = match cells[0] {
            "GM0518" => "Den Haag",
            "GM0796" => "Den Bosch",
            "GM0164" => "Hengelo",
            code => code,
        };
        csv.push_str(&format!("{unit},{}\n", cells[2]));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("jz_names.csv");
    std::fs::write(&f, csv).expect("write");
    let layout = format!("jz={}", f.display());
    let out = speelveld()
        .args(["--layout", &layout, "validate", "jz"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    // python3: the three rows are on lines 32 (Hengelo), 149 and 209 (header = line 1).
    assert!(
        stderr.contains("3 units found by another name (first: line 32: 'Hengelo' read as GM0164"),
        "{stderr}"
    );
    let listed = stdout(&["--layout", &layout, "validate", "jz", "--format", "csv"]);
    assert!(
        listed.contains("'Den Haag' read as GM0518 's-Gravenhage (another name)"),
        "{listed}"
    );
}

#[test]
fn a_unit_column_no_header_names_is_found_by_its_content() {
    // As a real CBS export heads it: `gemeentCode` (sic), with the jeugdzorgregio's of the
    // 2025 table as `jeugdzorgRegioCode`/`jeugdzorgRegioNaam`; python3: JZ13 holds 6 gemeenten.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real("cbs/2025/gemeente_regions_spatial.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let t = speelveld::io::text::read_table(&path, &text).expect("table");
    let mut out = String::from("gemeentCode;gemeentNaam;jeugdzorgRegioCode;jeugdzorgRegioNaam\n");
    for r in &t.rows {
        out.push_str(&format!(
            "{};{};{};{}\n",
            r.get(0),
            r.get(1),
            r.get(2),
            r.get(3)
        ));
    }
    let file = dir.path().join("KoppelCodes.csv");
    std::fs::write(&file, out).expect("write");
    let spec = format!("jz={}", file.display());
    speelveld()
        .args(["--layout", &spec, "regions", "jz", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\nJZ13,Amsterdam-Amstelland,6,"))
        .stderr(predicate::str::contains(
            "KoppelCodes.csv: unit column 'gemeentCode' (342 gemeente codes), taken by its content",
        ));
}

#[test]
fn profiel_answers_who_sits_with_a_gemeente_in_one_command() {
    // python3 on the 2015 SWV table: PO2305 and VO2305 hold the same gemeenten but for
    // Dalfsen and Dronten, in VO2305 only (Zwolle's own SWV's).
    let csv = stdout(&["profiel", "Zwolle", "--format", "csv"]);
    let names: Vec<&str> = csv
        .lines()
        .filter_map(|l| l.strip_prefix("# table: "))
        .collect();
    assert_eq!(
        names,
        [
            "regions",
            "together",
            "po_vo_differ",
            "figures",
            "neighbours"
        ]
    );
    assert!(
        csv.contains("side,gemeente\nvo-only,Dalfsen\nvo-only,Dronten\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\njeugdzorgregio,JZ07,IJsselland,1,10,"),
        "{csv}"
    );
    speelveld()
        .args(["profiel", "Den Haag"])
        .assert()
        .success()
        .stderr(predicate::str::contains("'Den Haag' read as GM0518"));
}
