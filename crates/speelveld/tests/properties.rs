//! Property tests of the analyses on arbitrary layouts: crosswalk conservation, invariance
//! under reordering input rows, metric properties, clusters partitioning the regions, and
//! spatial assignment of units to their own dissolved regions.

use std::collections::BTreeMap;

use geo::{MultiPolygon, polygon};
use proptest::prelude::*;
use speelveld::analysis::clusters::clusters;
use speelveld::analysis::contingency::Contingency;
use speelveld::analysis::crosswalk::crosswalk;
use speelveld::analysis::metrics::metrics;
use speelveld::analysis::translate::{TranslateOptions, translate};
use speelveld::geometry::assign::{AssignOptions, assign};
use speelveld::geometry::dissolve::dissolve;
use speelveld::io::membership::read_membership;
use speelveld::io::text::read_table;
use speelveld::model::UnitLookup;
use speelveld::model::herindeling::{Herindeling, Pair};
use speelveld::{Atlas, Crs, GemeenteCode, Layout, Unit};

/// How one unit sits in a layout: not covered, whole in a region, or split over two.
#[derive(Debug, Clone)]
enum Place {
    Out,
    Whole(usize),
    Split(usize, usize, f64),
}

fn place(regions: usize, splits: bool) -> impl Strategy<Value = Place> {
    let whole = (0..regions).prop_map(Place::Whole);
    if !splits {
        return whole.boxed();
    }
    if regions < 2 {
        return prop_oneof![1 => Just(Place::Out), 6 => whole].boxed();
    }
    prop_oneof![
        1 => Just(Place::Out),
        6 => whole,
        // Two different regions: b is a step of 1..regions-1 away from a.
        2 => (0..regions, 1..regions, 0.05f64..0.95)
            .prop_map(move |(a, step, s)| Place::Split(a, (a + step) % regions, s)),
    ]
    .boxed()
}

/// A layout over `units` units with up to `regions` regions.
fn places(units: usize, regions: usize, splits: bool) -> impl Strategy<Value = Vec<Place>> {
    prop::collection::vec(place(regions, splits), units)
}

fn code(i: usize) -> GemeenteCode {
    format!("GM{:04}", i + 1).parse().expect("gemeente code")
}

/// Membership rows `(unit, region, share)` of a layout, in unit order.
fn rows(places: &[Place]) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    for (u, p) in places.iter().enumerate() {
        match *p {
            Place::Out => {}
            Place::Whole(r) => out.push((u, r, 1.0)),
            Place::Split(a, b, s) => {
                out.push((u, a, s));
                out.push((u, b, 1.0 - s));
            }
        }
    }
    out
}

fn layout(name: &str, prefix: &str, rows: &[(usize, usize, f64)]) -> Layout {
    let mut l = Layout::new(name);
    for &(u, r, s) in rows {
        let idx = l.add_region(format!("{prefix}{r}").parse().expect("code"), "");
        l.add_member(u, idx, s);
    }
    l
}

fn atlas(weights: &[f64], a: &[Place], b: &[Place]) -> Atlas {
    let mut atlas = Atlas::new(None);
    for (i, w) in weights.iter().enumerate() {
        let mut unit = Unit::new(code(i), format!("Unit {i}"));
        unit.figures = BTreeMap::from([("w".to_string(), *w)]);
        atlas.add_unit(unit).expect("unique");
    }
    atlas.add_layout(layout("a", "A", &rows(a))).expect("a");
    atlas.add_layout(layout("b", "B", &rows(b))).expect("b");
    atlas
}

/// Units, their weights and two layouts.
fn case(splits: bool) -> impl Strategy<Value = (Vec<f64>, Vec<Place>, Vec<Place>)> {
    (1usize..25, 1usize..7, 1usize..7).prop_flat_map(move |(n, ra, rb)| {
        (
            prop::collection::vec(0.0f64..1000.0, n),
            places(n, ra, splits),
            places(n, rb, splits),
        )
    })
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * (1.0 + x.abs().max(y.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every cell's weight sums to the totals, each region's cells sum to its total, and the
    /// total is the weight of every unit that either layout covers (nothing dropped).
    #[test]
    fn crosswalk_conserves_weight((weights, a, b) in case(true)) {
        let atlas = atlas(&weights, &a, &b);
        let (la, lb) = (atlas.layout("a").unwrap(), atlas.layout("b").unwrap());
        let t = Contingency::build(la, lb, &weights);
        let cell_sum: f64 = t.cells.iter().map(|c| c.weight).sum();
        prop_assert!(close(cell_sum, t.total), "{cell_sum} vs {}", t.total);
        for (r, total) in t.a_totals.iter().enumerate() {
            let s: f64 = t.cells.iter().filter(|c| c.a == Some(r)).map(|c| c.weight).sum();
            prop_assert!(close(s, *total));
        }
        for (r, total) in t.b_totals.iter().enumerate() {
            let s: f64 = t.cells.iter().filter(|c| c.b == Some(r)).map(|c| c.weight).sum();
            prop_assert!(close(s, *total));
        }
        let covered: f64 = weights
            .iter()
            .zip(a.iter().zip(&b))
            .filter(|(_, (pa, pb))| !matches!((pa, pb), (Place::Out, Place::Out)))
            .map(|(w, _)| w)
            .sum();
        prop_assert!(close(t.total, covered), "{} vs {covered}", t.total);
        // The crosswalk's shares of each covered region sum to 1.
        let x = crosswalk(&atlas, "a", "b", &speelveld::Weight::Figure("w".into())).unwrap();
        let mut share_of_a: BTreeMap<&str, f64> = BTreeMap::new();
        for c in &x.cells {
            *share_of_a.entry(c.a.as_str()).or_default() += c.share_of_a;
        }
        for (region, s) in share_of_a.into_iter().filter(|(r, _)| !r.is_empty()) {
            let total = la.region_index(&region.parse().unwrap()).map(|r| t.a_totals[r]);
            if total.is_some_and(|t| t > 0.0) {
                prop_assert!(close(s, 1.0), "{region}: {s}");
            }
        }
    }

    /// The crosswalk does not depend on the order of the input rows: a membership CSV read
    /// with its rows shuffled gives the same cells.
    #[test]
    fn crosswalk_ignores_row_order(
        (weights, a, b) in case(true),
        seed in any::<u64>(),
    ) {
        let atlas0 = atlas(&weights, &a, &b);
        let expected = crosswalk(&atlas0, "a", "b", &speelveld::Weight::Figure("w".into())).unwrap();
        // A as a CSV, rows shuffled (a seeded Fisher–Yates).
        let mut r = rows(&a);
        let mut state = seed | 1;
        for i in (1..r.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            r.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut csv = String::from("gemeentecode;regiocode;aandeel\n");
        for (u, reg, s) in &r {
            csv.push_str(&format!("{};A{reg};{s:?}\n", code(*u)));
        }
        let mut atlas1 = atlas(&weights, &[], &b);
        if !r.is_empty() {
            let t = read_table("a.csv", &csv).unwrap();
            let la = read_membership(&t, "a", &UnitLookup::new(&atlas1)).unwrap();
            atlas1.replace_layout(la);
        }
        let got = crosswalk(&atlas1, "a", "b", &speelveld::Weight::Figure("w".into())).unwrap();
        prop_assert_eq!(got.cells.len(), expected.cells.len());
        for (g, e) in got.cells.iter().zip(&expected.cells) {
            prop_assert_eq!((&g.a, &g.b, g.units), (&e.a, &e.b, e.units));
            prop_assert!(close(g.weight, e.weight));
        }
    }

    /// ARI of a layout with itself is 1, VI is 0, NMI is 1; ARI, NMI and VI are symmetric,
    /// and the nesting shares swap.
    #[test]
    fn metrics_identity_and_symmetry((weights, a, b) in case(false)) {
        // Positive weights, so that every covered unit counts.
        let weights: Vec<f64> = weights.iter().map(|w| w + 1.0).collect();
        let atlas = atlas(&weights, &a, &b);
        let (la, lb) = (atlas.layout("a").unwrap(), atlas.layout("b").unwrap());
        let same = metrics(&Contingency::build(la, la, &weights));
        prop_assert!(close(same.ari, 1.0), "ARI {}", same.ari);
        prop_assert!(same.vi.abs() < 1e-9, "VI {}", same.vi);
        prop_assert!(close(same.nmi, 1.0), "NMI {}", same.nmi);
        let ab = metrics(&Contingency::build(la, lb, &weights));
        let ba = metrics(&Contingency::build(lb, la, &weights));
        prop_assert!(close(ab.ari, ba.ari) && close(ab.nmi, ba.nmi) && close(ab.vi, ba.vi));
        prop_assert!(close(ab.a_within_b, ba.b_within_a) && close(ab.b_within_a, ba.a_within_b));
        prop_assert!(ab.vi >= -1e-12 && ab.ari <= 1.0 + 1e-9 && ab.nmi <= 1.0 + 1e-9);
        for x in [ab.ari, ab.nmi, ab.vi, ab.a_within_b, ab.b_within_a] {
            prop_assert!(x.is_finite());
        }
    }

    /// A layout carried through the identity herindeling (every unit to itself) is unchanged:
    /// the same members with the same shares, nothing unresolved, no conflict.
    #[test]
    fn identity_herindeling_leaves_a_layout_unchanged((weights, a, b) in case(true)) {
        let atlas = atlas(&weights, &a, &b);
        let la = atlas.layout("a").unwrap();
        let mut h = Herindeling::new("x", "x");
        for u in atlas.units() {
            let c: GemeenteCode = u.code.to_string().parse().unwrap();
            h.pairs.push(Pair::new(c, u.name.clone(), c, u.name.clone(), 1.0));
        }
        h.classify(None);
        let t = translate(la, &atlas, &h, &atlas, &TranslateOptions::default()).unwrap();
        prop_assert!(t.conflicts.is_empty());
        prop_assert!(t.layout.unresolved.is_empty());
        let key = |l: &Layout| -> Vec<(usize, String, f64)> {
            l.members()
                .iter()
                .map(|m| (m.unit, l.regions()[m.region].code.to_string(), m.share))
                .collect()
        };
        let (want, got) = (key(la), key(&t.layout));
        prop_assert_eq!(want.len(), got.len());
        for (w, g) in want.iter().zip(&got) {
            prop_assert_eq!((w.0, &w.1), (g.0, &g.1));
            prop_assert!(close(w.2, g.2), "{:?} vs {:?}", w, g);
        }
    }

    /// Clusters partition the regions: every region of every layout is in exactly one
    /// cluster, and every covered unit is counted once.
    #[test]
    fn clusters_partition_all_regions((weights, a, b) in case(true)) {
        let atlas = atlas(&weights, &a, &b);
        let c = clusters(&atlas, &["a", "b"], &speelveld::Weight::Units).unwrap();
        let regions: usize = ["a", "b"].iter().map(|l| atlas.layout(l).unwrap().regions().len()).sum();
        prop_assert_eq!(c.regions.len(), regions);
        let mut seen = std::collections::BTreeSet::new();
        for r in &c.regions {
            prop_assert!(seen.insert((r.layout.clone(), r.region.clone())), "twice: {:?}", r);
            prop_assert!(r.cluster >= 1 && r.cluster <= c.count);
        }
        prop_assert_eq!(c.clusters.len(), c.count);
        prop_assert_eq!(c.clusters.iter().map(|s| s.regions).sum::<usize>(), regions);
        let covered = a.iter().zip(&b).filter(|(x, y)| !matches!((x, y), (Place::Out, Place::Out))).count();
        prop_assert_eq!(c.clusters.iter().map(|s| s.units).sum::<usize>(), covered);
    }
}

/// A grid of `w × h` square units of 1 km in RD New.
fn grid(w: usize, h: usize) -> Vec<MultiPolygon<f64>> {
    let mut out = Vec::new();
    for j in 0..h {
        for i in 0..w {
            let (x, y) = (100_000.0 + 1000.0 * i as f64, 450_000.0 + 1000.0 * j as f64);
            out.push(MultiPolygon(vec![polygon![
                (x: x, y: y), (x: x + 1000.0, y: y), (x: x + 1000.0, y: y + 1000.0), (x: x, y: y + 1000.0)
            ]]));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Units assigned to the dissolved outlines of their own layout come back in the region
    /// they came from, whole, in both assignment modes.
    #[test]
    fn assignment_to_own_dissolved_regions_gives_back_the_membership(
        (w, h, of) in (1usize..6, 1usize..6).prop_flat_map(|(w, h)| {
            (Just(w), Just(h), prop::collection::vec(0usize..5, w * h))
        })
    ) {
        let cells = grid(w, h);
        let mut atlas = Atlas::new(None);
        atlas.crs = Crs::RdNew;
        for (i, g) in cells.iter().enumerate() {
            atlas.add_unit(Unit::new(code(i), format!("U{i}")).with_geometry(g.clone())).unwrap();
        }
        let l = layout("x", "R", &of.iter().enumerate().map(|(u, r)| (u, *r, 1.0)).collect::<Vec<_>>());
        let dissolved = dissolve(&atlas, &l).unwrap();
        let outlines: Vec<MultiPolygon<f64>> = dissolved.iter().map(|d| d.geometry.clone()).collect();
        for opts in [AssignOptions::whole_units(), AssignOptions::default()] {
            let got = assign(&cells, &outlines, Crs::RdNew, opts);
            prop_assert!(got.unassigned.is_empty() && got.uncovered.is_empty());
            prop_assert_eq!(got.shares.len(), cells.len());
            for s in &got.shares {
                let want = l.regions_of(s.unit).next().unwrap().region;
                prop_assert_eq!(dissolved[s.region].region, want, "unit {}", s.unit);
                prop_assert!(close(s.share, 1.0));
            }
        }
    }
}
