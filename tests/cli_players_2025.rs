//! The four CBS 2025 layouts added from `data/build/cbs_2025.py` (`rmcregio`,
//! `veiligheidsregio`, `zorgkantoorregio`, `veiligthuisregio`), end to end through the CLI,
//! against an independent computation: `tests/data/players_2025.csv`, each gemeente's region
//! by the representative point of its polygon in the source region polygons
//! (`tests/data/make_players_2025.py`), where the embedded table assigns by largest area share.

use std::collections::{BTreeMap, BTreeSet};

mod common;
use common::stdout;

const LAYERS: [&str; 4] = [
    "rmcregio",
    "veiligheidsregio",
    "zorgkantoorregio",
    "veiligthuisregio",
];

/// `(layout, gemeente)` pairs where the area share and the representative point may disagree.
/// `make_players_2025.py` and `cbs_2025.py` list none: in all four layouts every gemeente's
/// representative point lies in the region that holds the largest share of its area (the
/// smallest such share is Druten's 0.85 in the RMC-regio's), so the list is empty and any
/// disagreement fails the test.
const ALLOWED: &[(&str, &str, &str)] = &[];

/// gemeente code → (name, the region code of each layer), from the committed CSV.
fn players() -> BTreeMap<String, (String, Vec<String>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/players_2025.csv");
    let text = std::fs::read_to_string(path).expect("tests/data/players_2025.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(header[..2], ["statcode", "statnaam"]);
    assert_eq!(header[2..], LAYERS);
    lines
        .map(|l| {
            // Names may be quoted ("Nuenen, Gerwen en Nederwetten"): the codes are the last
            // four fields and the code the first.
            let f: Vec<&str> = l.split(',').collect();
            let n = f.len();
            let name = f[1..n - 4].join(",").trim_matches('"').to_string();
            let codes = f[n - 4..].iter().map(|s| s.to_string()).collect();
            (f[0].to_string(), (name, codes))
        })
        .collect()
}

/// The region codes of a layout (`regions LAYOUT --format csv`) with their unit counts.
fn regions(layout: &str) -> Vec<(String, usize)> {
    let csv = stdout(&["regions", layout, "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let units = header
        .iter()
        .position(|h| *h == "units")
        .expect("units column");
    // Region names hold no commas in these layouts, so the columns split cleanly.
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[units].parse().expect("units"))
        })
        .collect()
}

/// every region; each gemeente wholly (share 1) in one region.
/// every region; each gemeente wholly (share 1) in one region.
fn memberships(layout: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (region, units) in regions(layout) {
        let members: serde_json::Value =
            serde_json::from_str(&stdout(&["members", layout, &region, "--format", "json"]))
                .expect("json");
        let rows = members["members"].as_array().expect("members");
        assert_eq!(rows.len(), units, "{layout} {region}");
        for r in rows {
            assert_eq!(r["share"].as_f64(), Some(1.0), "{layout} {region}: {r}");
            let code = r["unit"].as_str().expect("code").to_string();
            let before = out.insert(code.clone(), region.clone());
            assert!(before.is_none(), "{layout}: {code} in two regions");
        }
    }
    out
}

#[test]
fn layouts_list_the_four_with_their_counts() {
    let csv = stdout(&["layouts", "--format", "csv"]);
    for (layout, n) in LAYERS.iter().zip([40, 25, 31, 25]) {
        assert!(
            csv.contains(&format!("\n{layout},{n},342,")),
            "{layout}: {csv}"
        );
    }
}

#[test]
fn memberships_match_the_representative_points() {
    let want = players();
    assert_eq!(want.len(), 342);
    let got: Vec<BTreeMap<String, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = LAYERS
            .iter()
            .map(|l| s.spawn(move || memberships(l)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let allowed: BTreeSet<(&str, &str)> = ALLOWED.iter().map(|(l, g, _)| (*l, *g)).collect();
    let mut disagreements = Vec::new();
    for (i, layout) in LAYERS.iter().enumerate() {
        assert_eq!(got[i].len(), 342, "{layout}");
        // Every region of the layout holds at least one gemeente, in both computations.
        let ours: BTreeSet<&String> = got[i].values().collect();
        let theirs: BTreeSet<&String> = want.values().map(|(_, c)| &c[i]).collect();
        assert_eq!(ours, theirs, "{layout}: the regions used");
        for (code, (name, codes)) in &want {
            let region = got[i].get(code).map(String::as_str).unwrap_or("none");
            if region != codes[i] && !allowed.contains(&(*layout, code.as_str())) {
                disagreements.push(format!(
                    "{layout} {code} {name}: speelveld {region}, representative point {}",
                    codes[i]
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn zwolle_in_the_four() {
    // python3: Zwolle's row in tests/data/players_2025.csv (MC10, VR04, ZK32, VT11).
    let out = stdout(&["gemeente", "Zwolle", "--format", "csv"]);
    for row in [
        "rmcregio,MC10,IJssel-Vecht,1",
        "veiligheidsregio,VR04,IJsselland,1",
        "zorgkantoorregio,ZK32,Zwolle,1",
        "veiligthuisregio,VT11,IJsselland,1",
    ] {
        assert!(out.contains(&format!("\nGM0193,{row}\n")), "{row}: {out}");
    }
}

#[test]
fn players_of_every_swv_vo_match_the_representative_points() {
    // The SWV's gemeenten from `oogo` (its pairs table), each gemeente's regions from the
    // independent CSV: the counts per region must be what `players` says.
    let truth = players();
    let oogo = stdout(&["oogo", "--swv", "swv-vo", "--format", "csv"]);
    let pairs = common::first_table(&oogo);
    let mut gemeenten: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for l in pairs.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        gemeenten
            .entry(f[1].to_string())
            .or_default()
            .insert(f[3].to_string());
    }
    assert_eq!(gemeenten.len(), 74);
    let csv = common::first_table(&stdout(&["players", "--swv", "swv-vo", "--format", "csv"]));
    let mut checked = 0;
    for l in csv.lines().skip(1) {
        // swv_layout,swv,swv_name,gemeenten,layout,regions,partners ("…" when it has commas)
        let f: Vec<&str> = l.splitn(7, ',').collect();
        let Some(k) = LAYERS.iter().position(|x| *x == f[4]) else {
            continue;
        };
        let members = &gemeenten[f[1]];
        assert_eq!(f[3].parse::<usize>().unwrap(), members.len(), "{l}");
        let mut want: BTreeMap<String, usize> = BTreeMap::new();
        for g in members {
            *want.entry(truth[g].1[k].clone()).or_default() += 1;
        }
        let got: BTreeMap<String, usize> = f[6]
            .trim_matches('"')
            .split("), ")
            .map(|p| {
                let code = p.split(' ').next().unwrap().to_string();
                let n = p.rsplit('(').next().unwrap().trim_end_matches(')');
                (code, n.parse().unwrap())
            })
            .collect();
        assert_eq!(got, want, "{l}");
        assert_eq!(f[5].parse::<usize>().unwrap(), want.len(), "{l}");
        checked += 1;
    }
    assert_eq!(checked, 74 * 4);
}
