//! End-to-end tests of the answers an analyst takes away as they are: the profile of a
//! region, the wide export, headers in Dutch, rounding, the examples of `--help` and the
//! README. Expected numbers come from the source tables (pandas or a hand count), never
//! from speelveld itself.

mod common;

use common::{run_ok, speelveld, stdout};

#[test]
fn profiel_of_a_jeugdzorgregio_lists_its_gemeenten_and_every_other_layout() {
    // pandas on tests/data/cbs/2025/gemeente_regions_spatial.csv: JZ07 holds 11 gemeenten;
    // 10 lie in AM36 (of its 16), 1 in AM06 (of its 12).
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["profiel", "JZ07", "--format", "json"])).unwrap();
    assert_eq!(v["layout"], "jeugdzorgregio");
    assert_eq!(v["gemeenten"].as_array().unwrap().len(), 11);
    let am = |code: &str| {
        v["overlaps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["region"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(am("AM36")["units"], 10);
    assert_eq!(am("AM36")["share_of_other"], 0.625);
    assert_eq!(am("AM06")["units"], 1);
    // The OOGO partners of a jeugdzorgregio are the SWV's of its gemeenten.
    let oogo = v["oogo"].as_array().unwrap();
    assert!(
        !oogo.is_empty()
            && oogo
                .iter()
                .all(|o| o["layout"].as_str().unwrap().starts_with("swv"))
    );
}

#[test]
fn profiel_takes_a_region_code_as_written_or_with_its_layout() {
    let csv = stdout(&["profiel", "VO 23-05", "--format", "csv"]);
    assert!(csv.starts_with("# table: gemeenten\n"), "{csv}");
    assert!(csv.contains("GM0193,Zwolle"), "{csv}");
    let (out, _) = run_ok(&["profiel", "swv-po", "PO2401", "--format", "csv"]);
    assert!(out.contains("GM0034,Almere"), "{out}");
    // A gemeente wins over regions of its name, with a note naming them.
    let (out, err) = run_ok(&["profiel", "Groningen", "--format", "csv"]);
    assert!(out.contains("GM0014"), "{out}");
    assert!(err.contains("also names jeugdzorgregio JZ01"), "{err}");
}

#[test]
fn profiel_of_a_name_of_several_regions_lists_them() {
    speelveld()
        .args(["profiel", "Drenthe"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("jeugdzorgregio JZ04 (Drenthe)"))
        .stderr(predicates::str::contains("provincie PV22 (Drenthe)"));
    let (out, _) = run_ok(&["profiel", "provincie", "Drenthe", "--format", "csv"]);
    assert!(out.contains("GM1680"), "{out}"); // Aa en Hunze
}

#[test]
fn export_holds_every_gemeente_with_its_region_in_every_layout() {
    let csv = stdout(&["export", "--format", "csv"]);
    let mut lines = csv.lines();
    let header = split_csv_line(lines.next().unwrap());
    let col = |n: &str| header.iter().position(|c| c == n).unwrap();
    let rows: Vec<Vec<String>> = lines.map(split_csv_line).collect();
    assert_eq!(rows.len(), 342);
    // The source table itself (CBS/Kadaster 2025): every gemeente's jeugdzorgregio,
    // arbeidsmarktregio and GGD-regio as it lists them.
    let source =
        std::fs::read_to_string(common::real("cbs/2025/gemeente_regions_spatial.csv")).unwrap();
    let mut checked = 0;
    for line in source.lines().skip(1) {
        let f = split_csv_line(line.trim_end_matches('\r'));
        let row = rows.iter().find(|r| r[0] == f[0]).unwrap();
        assert_eq!(row[col("jeugdzorgregio_code")], f[2], "{line}");
        assert_eq!(row[col("arbeidsmarktregio_code")], f[4], "{line}");
        assert_eq!(row[col("ggdregio_code")], f[6], "{line}");
        checked += 1;
    }
    assert_eq!(checked, 342);
    // A split gemeente: Staphorst, half in PO 22-03 and half in PO 23-05.
    let st = rows.iter().find(|r| r[0] == "GM0180").unwrap();
    assert_eq!(
        (
            st[col("swv-po_share")].as_str(),
            st[col("swv-po_other")].as_str()
        ),
        ("0.5", "PO2305 50%")
    );
}

/// The fields of one CSV line (RFC 4180 quotes, no line breaks inside fields).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn crosswalk_cells_list_their_gemeenten_by_code_and_by_name_in_csv() {
    // From the source table: the gemeenten in JZ13 and GG3406, by code and by name.
    let source =
        std::fs::read_to_string(common::real("cbs/2025/gemeente_regions_spatial.csv")).unwrap();
    let (mut codes, mut names) = (Vec::new(), Vec::new());
    for line in source.lines().skip(1) {
        let f = split_csv_line(line.trim_end_matches('\r'));
        if f[2] == "JZ13" && f[6] == "GG3406" {
            codes.push(f[0].clone());
            names.push(f[1].clone());
        }
    }
    assert_eq!(codes.len(), 6);
    let csv = stdout(&["crosswalk", "jeugdzorgregio", "ggdregio", "--format", "csv"]);
    let mut lines = csv.lines();
    let header = split_csv_line(lines.next().unwrap());
    let col = |n: &str| header.iter().position(|c| c == n).unwrap();
    let row = lines
        .map(split_csv_line)
        .find(|r| r[0] == "JZ13" && r[2] == "GG3406")
        .unwrap();
    assert_eq!(row[col("unit_codes")], codes.join(" "));
    assert_eq!(row[col("unit_names")], names.join("; "));
}

/// The words of a command line as a shell splits it (double quotes only).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_example_of_every_commands_help_runs() {
    let (help, _) = run_ok(&["--help"]);
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 20, "{commands:?}");
    // Examples that write files write them here.
    let dir = tempfile::tempdir().unwrap();
    for c in &commands {
        let (help, _) = run_ok(&[c, "--help"]);
        let examples: Vec<&str> = help
            .lines()
            .skip_while(|l| *l != "Examples:")
            .skip(1)
            .filter_map(|l| l.trim().strip_prefix("speelveld "))
            .collect();
        assert!(!examples.is_empty(), "{c} --help has no examples");
        for e in examples {
            let words = shell_words(e);
            speelveld()
                .current_dir(dir.path())
                .args(&words)
                .assert()
                .success();
        }
    }
}

#[test]
fn layouts_and_overview_name_each_layouts_basis_and_version() {
    // data/README.md: the SWV table is the annex of BWBR0032324, version 2015-04-23; the
    // other layouts are CBS/Kadaster's of the atlas's year.
    for cmd in ["layouts", "overview"] {
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&[cmd, "--format", "json"])).unwrap();
        let l = v["layouts"].as_array().unwrap();
        let po = l.iter().find(|x| x["layout"] == "swv-po").unwrap();
        assert!(po["legal_basis"].as_str().unwrap().contains("BWBR0032324"));
        assert_eq!(
            po["version"],
            "2015-04-23 (2015 gemeenten), carried to the 2025 gemeenten"
        );
        let jz = l.iter().find(|x| x["layout"] == "jeugdzorgregio").unwrap();
        assert_eq!(jz["version"], "2025");
    }
    let nl = stdout(&["--taal", "nl", "layouts", "--format", "csv"]);
    assert!(
        nl.starts_with("indeling,regios,aantal_gemeenten,bron,wettelijke_grondslag,versie\n"),
        "{nl}"
    );
}

/// Every `speelveld …` line of the README's `sh` blocks runs as written, on the files that
/// ship with the project (`data/`, `tests/data/`), in a directory of its own so that the
/// files the examples write land there.
#[cfg(unix)]
#[test]
fn every_readme_example_runs_as_written() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let mut in_sh = false;
    let mut commands = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh" && !in_sh;
            continue;
        }
        if in_sh && let Some(rest) = line.strip_prefix("speelveld ") {
            // A comment after the command is no part of it.
            let command = rest.split("  #").next().unwrap_or(rest).trim();
            commands.push(command.to_string());
        }
    }
    assert!(commands.len() >= 25, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    for d in ["data", "tests"] {
        std::os::unix::fs::symlink(format!("{root}/{d}"), dir.path().join(d)).unwrap();
    }
    for c in &commands {
        let out = speelveld()
            .current_dir(dir.path())
            .args(shell_words(c))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README: speelveld {c}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn oogo_of_one_gemeente_or_one_swv() {
    // tests/data/swv/regio_indeling_swv_pc4.csv: all 25 postcode areas of Zwolle lie in
    // PO2305 and VO2305 (Zwolle was not merged 2015–2025).
    let csv = common::first_table(&stdout(&["oogo", "Zwolle", "--format", "csv"]));
    assert_eq!(
        common::first_columns(&csv, 5),
        "swv_layout,swv,swv_name,gemeente,gemeente_name\n\
         swv-po,PO2305,SWV PO 23-05,GM0193,Zwolle\n\
         swv-vo,VO2305,SWV VO 23-05,GM0193,Zwolle\n"
    );
    let csv = common::first_table(&stdout(&["oogo", "VO 23-05", "--format", "csv"]));
    assert!(
        csv.lines().skip(1).all(|l| l.starts_with("swv-vo,VO2305,")),
        "{csv}"
    );
    assert!(csv.contains(",GM0193,Zwolle,"), "{csv}");
    speelveld()
        .args(["oogo", "Nergens"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("'Nergens' names no gemeente"));
}
