//! Congruence figures of two layouts: nesting shares, adjusted Rand index (ARI), normalised
//! mutual information (NMI) and variation of information (VI).
//!
//! All are computed from the weighted contingency table ([`Contingency`](crate::analysis::contingency::Contingency)), built once from
//! the memberships in time linear in their number; the figures then take time linear in the
//! number of cells. Split units count through their shares.
//!
//! - **Nesting** (`a_within_b`): the share of A's weight that lies in A regions which fall
//!   entirely within one B region (and `b_within_a` the other way round). Whether a region
//!   lies within one other region is decided from its memberships, not its weight.
//! - **ARI**: Hubert & Arabie's adjusted Rand index over the units both layouts cover, with
//!   `C(x, 2) = x(x − 1)/2` applied to weights (for unit counts of whole units this is the
//!   usual pair count). 1 for identical layouts, about 0 for unrelated ones. When both
//!   layouts are trivial in the same way (one region each, or one unit per region) it is 1.
//! - **NMI**: mutual information divided by the arithmetic mean of both entropies (the
//!   default of scikit-learn); 1 for identical layouts; 1 when both entropies are 0.
//! - **VI**: `H(A) + H(B) − 2 I(A; B)` in nats (natural logarithm); 0 for identical layouts.
//!
//! ARI and NMI are symmetric in A and B; VI is a distance (symmetric, 0 only for equal
//! partitions). The nesting shares are directional.

use serde::Serialize;

use crate::analysis::contingency::Contingency;

/// The congruence figures of a pair of layouts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Total weight of the units both layouts cover (the base of ARI, NMI and VI).
    pub joint_weight: f64,
    /// Regions of A that hold any unit.
    pub a_regions: usize,
    /// Of those, regions that lie within one region of B.
    pub a_regions_within_b: usize,
    /// Regions of B that hold any unit.
    pub b_regions: usize,
    /// Of those, regions that lie within one region of A.
    pub b_regions_within_a: usize,
    /// Share of A's weight in A regions that lie within one B region.
    pub a_within_b: f64,
    /// Share of B's weight in B regions that lie within one A region.
    pub b_within_a: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Normalised mutual information (arithmetic mean normalisation).
    pub nmi: f64,
    /// Variation of information, in nats.
    pub vi: f64,
}

/// `x` choose 2, extended to real weights.
fn comb2(x: f64) -> f64 {
    x * (x - 1.0) / 2.0
}

/// `-Σ p ln p` over the parts of a total.
fn entropy(parts: impl Iterator<Item = f64>, n: f64) -> f64 {
    parts
        .filter(|&x| x > 0.0)
        .map(|x| {
            let p = x / n;
            -p * p.ln()
        })
        .sum()
}

/// For each region of one side, whether it lies within exactly one region of the other
/// side: `Some(true)` yes, `Some(false)` no, `None` for a region without cells.
fn within_one(
    cells_of: &[Vec<usize>],
    t: &Contingency,
    other_of: impl Fn(usize) -> Option<usize>,
) -> Vec<Option<bool>> {
    cells_of
        .iter()
        .map(|cells| {
            if cells.is_empty() {
                return None;
            }
            let first = cells.first().and_then(|&i| other_of(i));
            Some(
                first.is_some()
                    && cells
                        .iter()
                        .all(|&i| other_of(i) == first && t.cells.get(i).is_some()),
            )
        })
        .collect()
}

/// Computes the congruence figures from a contingency table.
///
/// # Examples
/// ```
/// use speelveld::Layout;
/// use speelveld::analysis::{contingency::Contingency, metrics::metrics};
/// let mut a = Layout::new("a");
/// let r = a.add_region("A".parse().unwrap(), "");
/// for u in 0..4 { a.add_member(u, r, 1.0); }
/// let m = metrics(&Contingency::build(&a, &a, &[1.0; 4]));
/// assert_eq!((m.ari, m.nmi, m.vi), (1.0, 1.0, 0.0));
/// ```
pub fn metrics(t: &Contingency) -> Metrics {
    let na = t.a_totals.len();
    let nb = t.b_totals.len();
    let a_cells = t.cells_of_a(na);
    let b_cells = t.cells_of_b(nb);
    let a_in = within_one(&a_cells, t, |i| t.cells.get(i).and_then(|c| c.b));
    let b_in = within_one(&b_cells, t, |i| t.cells.get(i).and_then(|c| c.a));
    let nest = |flags: &[Option<bool>], totals: &[f64]| {
        let (mut within_w, mut all_w, mut n, mut k) = (0.0, 0.0, 0, 0);
        for (f, w) in flags.iter().zip(totals) {
            if let Some(inside) = f {
                n += 1;
                all_w += w;
                if *inside {
                    k += 1;
                    within_w += w;
                }
            }
        }
        (n, k, if all_w > 0.0 { within_w / all_w } else { 0.0 })
    };
    let (a_regions, a_regions_within_b, a_within_b) = nest(&a_in, &t.a_totals);
    let (b_regions, b_regions_within_a, b_within_a) = nest(&b_in, &t.b_totals);

    // Marginals over the units that both layouts cover.
    let mut ra = vec![0.0; na];
    let mut rb = vec![0.0; nb];
    let mut n = 0.0;
    let mut sum_cells = 0.0;
    for (i, j, c) in t.joint_cells() {
        if let Some(x) = ra.get_mut(i) {
            *x += c.weight;
        }
        if let Some(x) = rb.get_mut(j) {
            *x += c.weight;
        }
        n += c.weight;
        sum_cells += comb2(c.weight);
    }
    let sum_a: f64 = ra.iter().map(|&x| comb2(x)).sum();
    let sum_b: f64 = rb.iter().map(|&x| comb2(x)).sum();
    let pairs = comb2(n);
    let expected = if pairs != 0.0 {
        sum_a * sum_b / pairs
    } else {
        0.0
    };
    let max = (sum_a + sum_b) / 2.0;
    let denom = max - expected;
    let ari = if denom.abs() < 1e-12 * max.abs().max(1.0) {
        1.0
    } else {
        (sum_cells - expected) / denom
    };

    let (ha, hb, mi) = if n > 0.0 {
        let ha = entropy(ra.iter().copied(), n);
        let hb = entropy(rb.iter().copied(), n);
        let mi: f64 = t
            .joint_cells()
            .filter(|(_, _, c)| c.weight > 0.0)
            .map(|(i, j, c)| {
                let pa = ra.get(i).copied().unwrap_or(0.0);
                let pb = rb.get(j).copied().unwrap_or(0.0);
                let p = c.weight / n;
                p * (c.weight * n / (pa * pb)).ln()
            })
            .sum();
        (ha, hb, mi.max(0.0))
    } else {
        (0.0, 0.0, 0.0)
    };
    let mean_h = (ha + hb) / 2.0;
    let nmi = if mean_h <= 1e-15 {
        1.0
    } else {
        (mi / mean_h).min(1.0)
    };
    let vi = (ha + hb - 2.0 * mi).max(0.0);
    Metrics {
        joint_weight: n,
        a_regions,
        a_regions_within_b,
        b_regions,
        b_regions_within_a,
        a_within_b,
        b_within_a,
        ari,
        nmi,
        vi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Layout;

    /// A layout of whole units from region labels: unit `i` lies in region `labels[i]`.
    pub(crate) fn labels(name: &str, labels: &[usize]) -> Layout {
        let mut l = Layout::new(name);
        for (u, &r) in labels.iter().enumerate() {
            let idx = l.add_region(format!("R{r}").parse().unwrap(), "");
            l.add_member(u, idx, 1.0);
        }
        l
    }

    fn m(a: &[usize], b: &[usize]) -> Metrics {
        let (la, lb) = (labels("a", a), labels("b", b));
        metrics(&Contingency::build(&la, &lb, &vec![1.0; a.len()]))
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-9
    }

    #[test]
    fn hand_computed_case() {
        // A = 000111, B = 001122. Contingency: A0 = {B0: 2, B1: 1}, A1 = {B1: 1, B2: 2}.
        // ARI: Σ C(n_ij,2) = 1+0+0+1 = 2; Σ C(a_i,2) = 3+3 = 6; Σ C(b_j,2) = 1+1+1 = 3;
        //   C(6,2) = 15; expected = 6·3/15 = 1.2; max = (6+3)/2 = 4.5;
        //   ARI = (2 − 1.2)/(4.5 − 1.2) = 0.8/3.3 = 0.242424…
        // H(A) = ln 2, H(B) = ln 3; I = 2·(1/3)·ln((1/3)/(1/2·1/3)) + 2·(1/6)·ln 1 = (2/3) ln 2.
        // NMI = (2/3) ln 2 / ((ln 2 + ln 3)/2) = 0.515804…; VI = ln 2 + ln 3 − (4/3) ln 2 = 0.867563…
        // (scikit-learn's adjusted_rand_score and normalized_mutual_info_score agree.)
        let x = m(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        assert!(close(x.ari, 0.8 / 3.3), "{}", x.ari);
        let ln2 = 2f64.ln();
        let ln3 = 3f64.ln();
        assert!(
            close(x.nmi, (2.0 / 3.0) * ln2 / ((ln2 + ln3) / 2.0)),
            "{}",
            x.nmi
        );
        assert!(close(x.vi, ln2 + ln3 - 4.0 / 3.0 * ln2), "{}", x.vi);
        // Nesting: no A region lies within one B region; B0 and B2 lie within one A region
        // (4 of the 6 units), B1 does not.
        assert_eq!((x.a_regions_within_b, x.b_regions_within_a), (0, 2));
        assert!(close(x.a_within_b, 0.0) && close(x.b_within_a, 4.0 / 6.0));
    }

    #[test]
    fn identical_layouts() {
        for lab in [&[0, 0, 1, 1, 2][..], &[0, 1, 2, 3], &[5, 5, 5]] {
            let x = m(lab, lab);
            assert!(
                close(x.ari, 1.0) && close(x.nmi, 1.0) && close(x.vi, 0.0),
                "{lab:?} {x:?}"
            );
            assert!(close(x.a_within_b, 1.0) && close(x.b_within_a, 1.0));
        }
        // Renamed regions are still identical.
        let x = m(&[0, 0, 1, 1], &[7, 7, 3, 3]);
        assert!(close(x.ari, 1.0) && close(x.vi, 0.0));
    }

    #[test]
    fn symmetry_of_ari_nmi_vi() {
        let cases: [(&[usize], &[usize]); 3] = [
            (&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]),
            (&[0, 1, 2, 0, 1, 2, 3], &[0, 0, 0, 1, 1, 2, 2]),
            (&[0, 0, 1, 1, 1, 2, 2, 3], &[1, 0, 1, 0, 1, 0, 1, 0]),
        ];
        for (a, b) in cases {
            let (x, y) = (m(a, b), m(b, a));
            assert!(close(x.ari, y.ari) && close(x.nmi, y.nmi) && close(x.vi, y.vi));
            assert_eq!(x.a_regions_within_b, y.b_regions_within_a);
            assert!(x.ari <= 1.0 && x.nmi <= 1.0 && x.vi >= 0.0);
        }
    }

    #[test]
    fn nested_layout_is_within_but_not_identical() {
        // B merges A's regions pairwise: every A region lies within one B region.
        let x = m(&[0, 0, 1, 1, 2, 2, 3, 3], &[0, 0, 0, 0, 1, 1, 1, 1]);
        assert_eq!((x.a_regions, x.a_regions_within_b), (4, 4));
        assert_eq!(x.b_regions_within_a, 0);
        assert!(x.ari < 1.0 && x.ari > 0.0 && x.vi > 0.0);
        // VI of a refinement = H(A) − H(B) = ln 4 − ln 2.
        assert!(close(x.vi, 2f64.ln()));
    }

    #[test]
    fn split_units_count_through_shares() {
        // Unit 1 is split ½/½ over B0 and B1; A has one region. Weight 2 in total:
        // cells B0 = 1.5, B1 = 0.5. ARI: Σ C(n_ij,2) = C(1.5,2) + C(0.5,2) = 0.375 − 0.125
        // = 0.25 = Σ C(b_j,2); Σ C(a_i,2) = C(2,2) = 1 = C(n,2): expected = 0.25, max = 0.625,
        // ARI = 0 (one side is a single region). H(A) = 0, so I = 0 and VI = H(B).
        let a = labels("a", &[0, 0]);
        let mut b = Layout::new("b");
        let b0 = b.add_region("B0".parse().unwrap(), "");
        let b1 = b.add_region("B1".parse().unwrap(), "");
        b.add_member(0, b0, 1.0);
        b.add_member(1, b0, 0.5);
        b.add_member(1, b1, 0.5);
        let x = metrics(&Contingency::build(&a, &b, &[1.0, 1.0]));
        assert!(close(x.joint_weight, 2.0));
        assert!(close(x.ari, 0.0), "{}", x.ari);
        let hb = -(0.75f64 * 0.75f64.ln() + 0.25 * 0.25f64.ln());
        assert!(close(x.vi, hb), "{}", x.vi);
        assert_eq!(
            (x.b_regions, x.b_regions_within_a, x.a_regions_within_b),
            (2, 2, 0)
        );
    }
}
