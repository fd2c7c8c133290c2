//! End-to-end tests of `speelveld neighbours` on real data: the 2025 gemeenten in RD New
//! (`tests/data/cbs/2025/rd/gemeente.geojson`) against GeoPandas's `sjoin(predicate="touches")`
//! with the exact shared boundary length of each pair (`tests/data/adjacency/
//! cbs2025_rd_touches.csv`, written by `tests/data/make_touches.py`), never speelveld's own
//! output.

use std::collections::{BTreeMap, BTreeSet};

mod common;
use common::{fails_with, real, run_ok};

type Pair = (String, String);

/// GeoPandas's touching pairs with their exact shared boundary in metres.
fn geopandas_touches() -> BTreeMap<Pair, f64> {
    let text = std::fs::read_to_string(real("adjacency/cbs2025_rd_touches.csv")).expect("csv");
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            ((f[0].into(), f[1].into()), f[2].parse().expect("metres"))
        })
        .collect()
}

fn json(args: &[&str]) -> serde_json::Value {
    let (out, _) = run_ok(args);
    serde_json::from_str(&out).expect("JSON")
}

fn pair(r: &serde_json::Value) -> Pair {
    let (a, b) = (
        r["unit"].as_str().unwrap(),
        r["neighbour"].as_str().unwrap(),
    );
    (a.min(b).to_string(), a.max(b).to_string())
}

#[test]
fn neighbours_and_contacts_reconcile_with_geopandas_touches() {
    let units = real("cbs/2025/rd/gemeente.geojson");
    let n = json(&["--units", &units, "neighbours", "--format", "json"]);
    let gp = geopandas_touches();
    let pairs = n["pairs"].as_array().unwrap();
    let contacts = n["contacts"].as_array().unwrap();
    // 879 touching pairs in GeoPandas = 870 neighbours + 5 stubs + 4 points.
    assert_eq!((gp.len(), pairs.len(), contacts.len()), (879, 870, 9));
    let touching: BTreeSet<Pair> = pairs
        .iter()
        .chain(contacts)
        .filter(|r| r["touching"] == true)
        .map(pair)
        .collect();
    assert_eq!(touching, gp.keys().cloned().collect());
    let kinds = |k: &str| contacts.iter().filter(|r| r["contact"] == k).count();
    assert_eq!((kinds("stub"), kinds("point")), (5, 4));
    // Every neighbour shares at least 30 m in GeoPandas too, and its length agrees.
    for r in pairs {
        let want = gp[&pair(r)];
        let got = r["border_m"].as_f64().unwrap();
        assert!(want >= 30.0, "{r}");
        assert!((got - want).abs() <= 0.5 + want * 1e-3, "{r}: {want}");
    }
    // The stubs are the pairs GeoPandas finds with under 30 m of common boundary.
    let short: BTreeSet<Pair> = gp
        .iter()
        .filter(|(_, m)| **m > 0.0 && **m < 30.0)
        .map(|(p, _)| p.clone())
        .collect();
    let stubs: BTreeSet<Pair> = contacts
        .iter()
        .filter(|r| r["contact"] == "stub")
        .map(pair)
        .collect();
    assert_eq!(stubs, short);
}

#[test]
fn one_gemeente_lists_its_own_pairs_first_by_name() {
    let units = real("cbs/2025/rd/gemeente.geojson");
    let (out, _) = run_ok(&["--units", &units, "neighbours", "Zwolle", "--format", "csv"]);
    let got: BTreeSet<String> = out
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f[0], "GM0193", "{l}");
            f[2].to_string()
        })
        .collect();
    let want: BTreeSet<String> = geopandas_touches()
        .into_iter()
        .filter(|(_, m)| *m >= 30.0)
        .filter_map(|((a, b), _)| match (a.as_str(), b.as_str()) {
            ("GM0193", o) | (o, "GM0193") => Some(o.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(got.len(), 8);
    assert_eq!(got, want);
}

#[test]
fn dutch_headers_and_an_unknown_gemeente() {
    let (out, _) = run_ok(&["--taal", "nl", "neighbours", "Zwolle", "--format", "csv"]);
    assert!(
        out.starts_with("gemeentecode,gemeentenaam,buurgemeente,buurgemeente_naam,contact,grens_m"),
        "{out}"
    );
    fails_with(&["neighbours", "Zwole"], "Zwolle");
}

#[test]
fn units_without_outlines_say_so() {
    let pc4 = real("swv/regio_indeling_swv_pc4.csv");
    fails_with(&["--units", &pc4, "neighbours"], "no unit has an outline");
}
