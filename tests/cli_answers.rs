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
