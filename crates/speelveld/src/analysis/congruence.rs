//! The congruence matrix: the figures of [`crate::analysis::metrics`] for every pair of
//! layouts in the atlas, to see at a glance which layouts line up (the "lappendeken").
//!
//! Each pair's contingency table is built once from the memberships, so the whole matrix
//! takes time linear in the memberships times the number of pairs.

use serde::Serialize;

use crate::analysis::compare::CompareSummary;
use crate::analysis::contingency::Contingency;
use crate::analysis::metrics::metrics;
use crate::analysis::weights::unit_weights;
use crate::error::Error;
use crate::model::Atlas;
use crate::model::Weight;
use crate::model::{Table, Tabular};

/// One row of the ARI matrix: a layout and its ARI with every layout.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// The layout.
    pub layout: String,
    /// ARI with each layout, in the order of [`Congruence::layouts`], keyed by its name.
    #[serde(flatten)]
    pub ari: serde_json::Map<String, serde_json::Value>,
}

/// The congruence figures of every pair of layouts.
#[derive(Debug, Clone, Serialize)]
pub struct Congruence {
    /// The layouts, in atlas order.
    pub layouts: Vec<String>,
    /// What the weight is: `units` or a figure.
    pub weight: String,
    /// One line per unordered pair (A before B in atlas order); nesting in both directions.
    pub pairs: Vec<CompareSummary>,
    /// The ARI matrix (1 on the diagonal).
    pub matrix: Vec<MatrixRow>,
}

impl Congruence {
    /// The pairs that nest: every region of the first lies within one region of the second
    /// (`ggdregio` within `provincie` would read `("ggdregio", "provincie")`). Both
    /// directions are listed; identical layouts appear twice.
    pub fn nested_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for p in &self.pairs {
            let m = &p.metrics;
            if m.a_regions > 0 && m.a_regions_within_b == m.a_regions {
                out.push((p.a.clone(), p.b.clone()));
            }
            if m.b_regions > 0 && m.b_regions_within_a == m.b_regions {
                out.push((p.b.clone(), p.a.clone()));
            }
        }
        out
    }
}

impl Tabular for Congruence {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("pairs", &self.pairs)?
                .titled(format!(
                    "congruence of every pair of layouts (weight: {})",
                    self.weight
                ))
                .titled_nl(format!(
                    "samenhang van elk paar indelingen (gewicht: {})",
                    crate::model::values::weight_label(&self.weight, crate::model::Taal::Nl)
                )),
            Table::from_rows("ari_matrix", &self.matrix)?.titled("adjusted Rand index"),
        ])
    }
}

/// The congruence figures of every pair of layouts of an atlas.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// atlas.add_unit(Unit::new("GM0001".parse::<GemeenteCode>().unwrap(), "x")).unwrap();
/// for name in ["a", "b", "c"] {
///     let mut l = Layout::new(name);
///     let r = l.add_region("R".parse().unwrap(), "");
///     l.add_member(0, r, 1.0);
///     atlas.add_layout(l).unwrap();
/// }
/// let c = speelveld::analysis::congruence::congruence(&atlas, &speelveld::Weight::Units).unwrap();
/// assert_eq!(c.pairs.len(), 3);
/// ```
pub fn congruence(atlas: &Atlas, weight: &Weight) -> Result<Congruence, Error> {
    let weights = unit_weights(atlas, weight)?;
    let ls = atlas.layouts();
    let n = ls.len();
    let mut ari = vec![vec![1.0; n]; n];
    let mut pairs = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for (i, a) in ls.iter().enumerate() {
        for (j, b) in ls.iter().enumerate().skip(i + 1) {
            let m = metrics(&Contingency::build(a, b, &weights));
            if let Some(x) = ari.get_mut(i).and_then(|r| r.get_mut(j)) {
                *x = m.ari;
            }
            if let Some(x) = ari.get_mut(j).and_then(|r| r.get_mut(i)) {
                *x = m.ari;
            }
            pairs.push(CompareSummary {
                a: a.name().to_string(),
                b: b.name().to_string(),
                metrics: m,
            });
        }
    }
    let matrix = ls
        .iter()
        .zip(&ari)
        .map(|(l, row)| MatrixRow {
            layout: l.name().to_string(),
            ari: ls
                .iter()
                .zip(row)
                .map(|(o, &x)| (o.name().to_string(), serde_json::json!(x)))
                .collect(),
        })
        .collect();
    Ok(Congruence {
        layouts: ls.iter().map(|l| l.name().to_string()).collect(),
        weight: weight.label().to_string(),
        pairs,
        matrix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::crosswalk::tests::small_atlas;

    #[test]
    fn matrix_is_symmetric_with_unit_diagonal() {
        let atlas = small_atlas();
        let c = congruence(&atlas, &Weight::Units).unwrap();
        assert_eq!(c.pairs.len(), 1);
        assert_eq!(c.matrix[0].ari["a"], serde_json::json!(1.0));
        assert_eq!(c.matrix[0].ari["b"], c.matrix[1].ari["a"]);
        let t = c.tables().unwrap();
        assert_eq!(t[1].columns, ["layout", "a", "b"]);
    }
}
