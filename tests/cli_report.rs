//! End-to-end: `speelveld report` and `speelveld map` on the embedded data, checked for the
//! structure a reader relies on (headings, inline maps) and for self-containment.

use assert_cmd::Command;
use predicates::prelude::*;

fn speelveld() -> Command {
    Command::cargo_bin("speelveld").unwrap()
}

/// Every `http(s)://` in the document, apart from the SVG namespace name (which is an
/// identifier, never fetched).
fn external_urls(doc: &str) -> Vec<String> {
    let cleaned = doc.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    cleaned
        .match_indices("http")
        .filter(|(i, _)| {
            let rest = &cleaned[*i..];
            rest.starts_with("http://") || rest.starts_with("https://")
        })
        .map(|(i, _)| cleaned[i..].chars().take(60).collect())
        .collect()
}

#[test]
fn report_on_the_2015_data_is_complete_and_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    // 2015: the SWV layouts as the regeling drew them, on the gemeenten of that year.
    speelveld()
        .args(["--year", "2015", "report", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("report.html"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for id in ["layouts", "swv-gemeenten", "po-vo", "jeugdzorg"] {
        assert!(
            html.contains(&format!("<h2 id=\"{id}\">")),
            "section {id} missing"
        );
    }
    assert!(
        html.matches("<svg").count() >= 3,
        "expected the maps inline"
    );
    assert!(html.contains("Bron: CBS/Kadaster, 2015"));
    // The 2015 SWV table names 'Europoort' instead of a code for PC4 3197-3199 (see the
    // SWV PROVENANCE.md): one warning per layout and postcode, 6 in all.
    assert!(html.contains("naar ernst: fout 0, waarschuwing 6, informatie"));
    // Union-find in python3 over (swv_po, swv_vo) per postcode row and each gemeente's
    // jeugdzorgregio from cbs/2015/gemeente_regions_spatial.csv (names normalised): 11 groups.
    // (The same union-find with thresholds of 5 % and 10 %: the library's report tests.)
    assert!(html.contains("Zonder drempel zijn dat 11 clusters"));
    // The heat-map: a diagonal cell of 1 in the darkest shade.
    assert!(html.contains("background:#08519c;color:#fff\">1</td>"));
    assert_eq!(external_urls(&html), Vec::<String>::new());
    assert!(!html.contains("<link") && !html.contains("<script src") && !html.contains("@import"));
}

#[test]
fn report_on_the_default_2025_data_shows_the_herindeling_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    speelveld()
        .args(["report", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    for id in [
        "layouts",
        "swv-gemeenten",
        "po-vo",
        "jeugdzorg",
        "kengetallen",
        "clusters",
        "oogo",
        "players",
        "congruence",
        "herindeling",
        "validation",
    ] {
        assert!(
            html.contains(&format!("<h2 id=\"{id}\">")),
            "section {id} missing"
        );
    }
    assert!(html.contains("Bron: CBS/Kadaster, 2025"));
    // The congruence section says which pairs nest; the players table has every SWV.
    assert!(html.contains("Paren die nesten"));
    assert!(html.contains("ggdregio binnen provincie"));
    assert!(html.contains("(150 rijen)"));
    // python3 over data/herindeling/gemeenten_2015_2025.csv (boundary rows left out) and the
    // SWV table: 9 new gemeenten whose predecessors had different SWV PO sets. For VO the
    // same count gives 14; the library also counts Súdwest-Fryslân's merger with
    // Littenseradiel (VO2103, inside the already split VO2101+VO2103) as no new conflict: 13.
    assert!(html.contains("<h3>swv-po: 9 conflicten</h3>"));
    assert!(html.contains("<h3>swv-vo: 13 conflicten</h3>"));
    // Kengetallen: the PO2709 x JZ13 cell holds Weesp's 20,445 inhabitants (CBS 2021), as
    // in crosswalk and regions (tests/cli_analysis.rs), and is not an estimate; Rotterdam's
    // law split is.
    assert!(html.contains(
        "<td>PO2709</td><td>SWV PO 27-09</td><td>JZ13</td><td>Amsterdam-Amstelland</td>\
         <td class=\"n\">1</td><td class=\"n\">20445</td>"
    ));
    assert!(html.contains("110 overlapcellen; 34 rusten op een schatting"));
    assert!(html.contains("GM0599 (swv-po naar zijn aandelen)"));
    // Maps: PO/VO, two over the jeugdzorgregio's, clusters, two herindeling maps.
    assert!(html.matches("<svg").count() >= 6);
    assert_eq!(external_urls(&html), Vec::<String>::new());
}

#[test]
fn map_of_swv_po_over_jeugdzorgregios() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    speelveld()
        .args([
            "--year",
            "2015",
            "--taal",
            "en",
            "map",
            "swv-po",
            "jeugdzorgregio",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // 76 distinct swv_po codes in the SWV table (python3: len({r['swv_po'] for r in
    // csv.DictReader(open('regio_indeling_swv_pc4.csv'))}) == 76).
    assert!(
        svg.contains("76 regions of swv-po"),
        "{}",
        &svg[..svg.len().min(3000)]
    );
    assert!(svg.contains("border of jeugdzorgregio"));
    // One path per gemeente of 2015 (393), each with its tooltip.
    assert_eq!(svg.matches("data-unit=\"GM").count(), 393);
    assert!(svg.contains("Bron: CBS/Kadaster, 2015"));
    assert_eq!(external_urls(&svg), Vec::<String>::new());
}

#[test]
fn map_of_an_unknown_layout_names_the_choices() {
    speelveld()
        .args(["map", "swv-mbo"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no layout named 'swv-mbo'")
                .and(predicate::str::contains("jeugdzorgregio")),
        );
}

#[test]
fn report_options_change_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    speelveld()
        .args([
            "report",
            "--title",
            "Speelveld Zwolle e.o.",
            "--partner",
            "arbeidsmarktregio",
            "--po",
            "swv-vo",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1>Speelveld Zwolle e.o.</h1>"));
    assert!(html.contains("<title>Speelveld Zwolle e.o. 2025</title>"));
    assert!(html.contains("<h3>swv-vo en arbeidsmarktregio</h3>"));
    assert!(!html.contains("<h3>swv-po en"));
    assert!(!html.contains("jeugdzorgregio</h3>"));
    // A layout that is not loaded is named in the report, not silently skipped.
    speelveld()
        .args(["report", "--partner", "nope", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("nope"), "the missing partner is not named");
}

#[test]
fn report_in_english_with_taal_en() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    speelveld()
        .args(["--year", "2015", "--taal", "en", "report", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<h2 id=\"bevindingen\">Findings</h2>"));
    assert!(html.contains("Search every table"));
    assert!(html.contains("<h3>swv-po and jeugdzorgregio</h3>"));
}

#[test]
fn profiel_to_an_html_file_writes_the_one_page_profile() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zwolle.html");
    speelveld()
        .args(["profiel", "Zwolle", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("zwolle.html"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>Zwolle in beeld</h1>"));
    // Zwolle's SWV's (the law's postcode table: every Zwolle postcode in PO 23-05 and
    // VO 23-05) and its jeugdzorgregio, IJsselland.
    assert!(
        html.contains(
            "Zwolle voert OOGO met 2 samenwerkingsverband(en): SWV PO 23-05, SWV VO 23-05."
        )
    );
    assert!(html.contains("<td>JZ07</td><td>IJsselland</td>"));
    assert!(html.contains("id=\"zoek\""));
    assert_eq!(html.matches("<svg").count(), 1);
    assert_eq!(external_urls(&html), Vec::<String>::new());
    // Without an HTML file the profile is a table as before.
    speelveld()
        .args(["profiel", "Zwolle"])
        .assert()
        .success()
        .stdout(predicate::str::contains("GM0193").and(predicate::str::contains("<html").not()));
}

/// The members, shares and overlaps asserted here were counted independently with pandas
/// and GeoPandas from the law's postcode table (`tests/data/swv`) and the CBS polygons
/// (`tests/data/cbs`): `tests/data/check_region_profile.py`.
#[test]
fn profiel_of_a_region_to_an_html_file_writes_the_region_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("vo2305.html");
    speelveld()
        .args(["profiel", "swv-vo", "VO2305", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("vo2305.html"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>SWV VO 23-05 in beeld</h1>"));
    // The law's table: 11 gemeenten, each wholly in VO 23-05, carried to 2025 unchanged;
    // 406,346 inhabitants and 1,452.7 km² of land (CBS kerncijfers 2021).
    assert!(html.contains("De regio omvat 11 gemeenten, elk geheel."));
    assert!(html.contains("Samen 406.346 inwoners op 1452,7 km² land"));
    for g in [
        "GM0148", "GM0166", "GM0177", "GM0180", "GM0193", "GM0244", "GM0246", "GM0269", "GM0303",
        "GM1773", "GM1896",
    ] {
        assert!(html.contains(&format!("<td>{g}</td>")), "{g} missing");
    }
    // Its OOGO partners are those gemeenten; the jeugdzorgregio's it meets: IJsselland 7,
    // Midden IJssel / Oost Veluwe 2 (Hattem, Heerde), Flevoland 1, Noord-Veluwe 1.
    assert!(html.contains("zoals de wet het gebied vastlegt: 11 gemeenten"));
    assert!(
        html.contains("<td>JZ17</td><td>Midden IJssel / Oost Veluwe</td><td class=\"n\">2</td>")
    );
    assert!(html.contains("<h2 id=\"kaart\">") && html.contains("id=\"zoek\""));
    assert_eq!(html.matches("<svg").count(), 1);
    assert_eq!(external_urls(&html), Vec::<String>::new());
}

#[test]
fn profiel_of_a_jeugdzorgregio_by_code_writes_the_region_page_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jz07.html");
    speelveld()
        .args(["profiel", "JZ07", "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<h1>JZ07 IJsselland in beeld</h1>"));
    // IJsselland's 11 gemeenten (largest share of each 2025 gemeente in the CBS polygons)
    // meet four SWV PO's: PO 22-03 holds 1.7 of them (half of Staphorst, Steenwijkerland,
    // a fifth of Zwartewaterland), PO 23-05 5.3.
    assert!(html.contains("Samen 534.800 inwoners op 1830,8 km² land"));
    assert!(html.contains("<td>PO2203</td><td>SWV PO 22-03</td><td class=\"n\">1,7</td>"));
    assert!(html.contains("Staphorst (50%), Steenwijkerland, Zwartewaterland (20%)"));
    assert!(html.contains("<td>VO2307</td><td>SWV VO 23-07</td><td class=\"n\">2</td>"));
    let en = dir.path().join("jz07_en.html");
    speelveld()
        .args([
            "--taal",
            "en",
            "profiel",
            "jeugdzorgregio",
            "IJsselland",
            "-o",
        ])
        .arg(&en)
        .assert()
        .success();
    let html = std::fs::read_to_string(&en).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<h1>JZ07 IJsselland at a glance</h1>"));
    assert!(html.contains("Together 534,800 inhabitants on 1830.8 km² of land"));
}

#[test]
fn map_clipped_to_a_provincie_or_region() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ov.svg");
    speelveld()
        .args([
            "map",
            "swv-po",
            "jeugdzorgregio",
            "--clip",
            "Overijssel",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("PV23 Overijssel"));
    // Drawn: Overijssel's 25 gemeenten and a margin of neighbours, not all 342.
    let drawn = svg.matches("data-unit=\"GM").count();
    assert!(drawn > 25 && drawn < 150, "{drawn} gemeenten drawn");
    speelveld()
        .args(["map", "jeugdzorgregio", "--clip", "JZ07", "-o"])
        .arg(&out)
        .assert()
        .success();
    speelveld()
        .args(["map", "swv-po", "--clip", "Atlantis"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no provincie or region 'Atlantis'",
        ));
}
