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
    assert!(html.contains("0 error(s), 6 warning(s)"));
    // Union-find in python3 over (swv_po, swv_vo) per postcode row and each gemeente's
    // jeugdzorgregio from cbs/2015/gemeente_regions_spatial.csv (names normalised): 11 groups.
    assert!(html.contains("11 cluster(s)"));
    // The same union–find over the cells of `speelveld --year 2015 crosswalk` for the three
    // pairs, a link kept when its weight is at least 5 % / 10 % of the smaller region's
    // total: 11 clusters (17 overlaps dropped) and 12 (27 dropped).
    assert!(html.contains(
        "would number 11 without a threshold, 11 at 5 % (17 overlaps dropped), \
         12 at 10 % (27 overlaps dropped)"
    ));
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
    assert!(html.contains("Pairs that nest"));
    assert!(html.contains("ggdregio within provincie"));
    assert!(html.contains("(150 rows)"));
    // python3 over data/herindeling/gemeenten_2015_2025.csv (boundary rows left out) and the
    // SWV table: 9 new gemeenten whose predecessors had different SWV PO sets. For VO the
    // same count gives 14; the library also counts Súdwest-Fryslân's merger with
    // Littenseradiel (VO2103, inside the already split VO2101+VO2103) as no new conflict: 13.
    assert!(html.contains("<h3>swv-po: 9 conflict(s)</h3>"));
    assert!(html.contains("<h3>swv-vo: 13 conflict(s)</h3>"));
    // Kengetallen: the PO2709 x JZ13 cell holds Weesp's 20,445 inhabitants (CBS 2021), as
    // in crosswalk and regions (tests/cli_analysis.rs), and is not an estimate; Rotterdam's
    // law split is.
    assert!(html.contains(
        "<td>PO2709</td><td>SWV PO 27-09</td><td>JZ13</td><td>Amsterdam-Amstelland</td>\
         <td class=\"n\">1</td><td class=\"n\">20445</td>"
    ));
    assert!(html.contains("110 overlap cells; 34 rest on an estimate"));
    assert!(html.contains("GM0599 (swv-po by its shares)"));
    // Maps: PO/VO, two over the jeugdzorgregio's, clusters, two herindeling maps.
    assert!(html.matches("<svg").count() >= 6);
    assert_eq!(external_urls(&html), Vec::<String>::new());
}

#[test]
fn map_of_swv_po_over_jeugdzorgregios() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    speelveld()
        .args(["--year", "2015", "map", "swv-po", "jeugdzorgregio", "-o"])
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
    assert!(html.contains("<h3>swv-vo and arbeidsmarktregio</h3>"));
    assert!(!html.contains("<h3>swv-po and"));
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
