//! Figures of one year's gemeenten carried to another year's through a herindeling: the
//! figures of merged gemeenten are summed, those of a split gemeente follow the shares of
//! the herindeling, and every code is accounted for.
//!
//! Only the pairs that carry membership count ([`Herindeling::kept`]): the boundary pieces
//! of a herindeling derived from geometry (slivers of separately generalised borders) carry
//! no figures, and the kept shares of each old gemeente are renormalised to 1, so totals are
//! kept.
//!
//! Only additive figures (counts, areas) may be carried this way; the embedded key figures
//! hold no rates for that reason.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Error;
use crate::model::herindeling::Herindeling;
use crate::model::{Atlas, GemeenteCode, UnitCode, UnitIdx};

/// What happened to the figures of one code of the source year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarriedCode {
    /// The code in the source year.
    pub code: String,
    /// `unchanged`, `merged` (into one unit with others), `split` (over several units) or
    /// `unaccounted` (in neither the atlas nor the herindeling).
    pub fate: &'static str,
    /// Where it went: `GM0363 (1)`, or `GM1982 (0.6), GM0252 (0.4)`.
    pub into: String,
    /// The 1-based line of its row in the source, when the caller gave lines (0 otherwise).
    pub line: usize,
    /// Where it went, typed: each new gemeente of the atlas and the share it got.
    pub targets: Vec<(GemeenteCode, f64)>,
}

/// Figures carried to the units of an atlas.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    /// The figures of each unit of the atlas (units that got none are left out).
    pub figures: BTreeMap<UnitIdx, BTreeMap<String, f64>>,
    /// Every code of the source that is not a unit of the atlas as it is, and what became
    /// of it.
    pub changed: Vec<CarriedCode>,
    /// The sum of each figure before carrying (over every row) and after (over the units).
    pub totals: BTreeMap<String, (f64, f64)>,
}

/// Carries figures `(code, figures)` of the gemeenten of one year to the units of `to`
/// through `h`: a code that the herindeling maps goes to its new units by the shares of its
/// kept pairs (summed with the others that go there; a pair to itself is `unchanged`);
/// any other code that is a unit of `to` keeps its figures. [`carry_rows`] keeps the lines.
///
/// # Examples
/// ```
/// use std::collections::BTreeMap;
/// use speelveld::{Atlas, Unit, GemeenteCode, UnitCode};
/// use speelveld::io::herindeling::read_herindeling;
/// use speelveld::analysis::carry::carry;
/// let mut to = Atlas::new(Some(2025));
/// to.add_unit(Unit::new("GM0363".parse::<GemeenteCode>().unwrap(), "Amsterdam")).unwrap();
/// let h = read_herindeling("h.csv", "old,new,date\nGM0457,GM0363,2022-03-24\n").unwrap();
/// let row = |c: &str, n: f64| (c.parse::<UnitCode>().unwrap(), BTreeMap::from([("inwoners".to_string(), n)]));
/// let c = carry(&[row("GM0363", 873_338.0), row("GM0457", 20_445.0)], &h, &to).unwrap();
/// assert_eq!(c.figures[&0]["inwoners"], 893_783.0);
/// assert_eq!(c.changed[0].fate, "merged");
/// assert_eq!(c.totals["inwoners"], (893_783.0, 893_783.0));
/// ```
pub fn carry(
    rows: &[(UnitCode, BTreeMap<String, f64>)],
    h: &Herindeling,
    to: &Atlas,
) -> Result<Carried, Error> {
    let rows: Vec<(usize, UnitCode, &BTreeMap<String, f64>)> =
        rows.iter().map(|(c, v)| (0, *c, v)).collect();
    carry_rows(&rows, h, to)
}

/// [`carry`] of rows `(line, code, figures)`: each [`CarriedCode`] keeps its line.
pub fn carry_rows(
    rows: &[(usize, UnitCode, &BTreeMap<String, f64>)],
    h: &Herindeling,
    to: &Atlas,
) -> Result<Carried, Error> {
    let mut by_old: BTreeMap<GemeenteCode, Vec<(GemeenteCode, f64)>> = BTreeMap::new();
    for p in h.kept() {
        by_old.entry(p.old).or_default().push((p.new, p.share));
    }
    let mut figures: BTreeMap<UnitIdx, BTreeMap<String, f64>> = BTreeMap::new();
    let mut totals: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let mut changed = Vec::new();
    let mut add = |unit: UnitIdx, values: &BTreeMap<String, f64>, share: f64| {
        let f = figures.entry(unit).or_default();
        for (k, v) in values {
            *f.entry(k.clone()).or_default() += v * share;
        }
    };
    for &(line, code, values) in rows {
        for (k, v) in values {
            totals.entry(k.clone()).or_default().0 += v;
        }
        let mapped = code.gemeente().and_then(|g| by_old.get(&g));
        let unit = to.unit_index(&code);
        let targets: Vec<(UnitIdx, GemeenteCode, f64)> = match (mapped, unit) {
            (Some(t), _) => t
                .iter()
                .filter_map(|&(new, share)| Some((to.unit_index(&new.into())?, new, share)))
                .collect(),
            (None, Some(u)) => {
                add(u, values, 1.0);
                continue;
            }
            (None, None) => Vec::new(),
        };
        let fate = match targets.as_slice() {
            [] => "unaccounted",
            [(u, _, _)] if Some(*u) == unit => "unchanged",
            [_] => "merged",
            _ => "split",
        };
        for &(u, _, share) in &targets {
            add(u, values, share);
        }
        if fate == "unchanged" {
            continue;
        }
        changed.push(CarriedCode {
            line,
            targets: targets.iter().map(|&(_, c, s)| (c, s)).collect(),
            code: code.to_string(),
            fate,
            into: targets
                .iter()
                .map(|(_, c, s)| format!("{c} ({})", (s * 1e4).round() / 1e4))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    for f in figures.values_mut() {
        for v in f.values_mut() {
            // Shares make sums of whole people fractional by rounding noise only.
            if (*v - v.round()).abs() < 1e-6 {
                *v = v.round();
            }
        }
    }
    for f in figures.values() {
        for (k, v) in f {
            totals.entry(k.clone()).or_default().1 += v;
        }
    }
    Ok(Carried {
        figures,
        changed,
        totals,
    })
}

#[cfg(test)]
mod tests {
    use crate::dataset::embedded::{atlas, figures_2025};

    #[test]
    fn the_2021_figures_reach_every_2025_gemeente_and_sum_to_the_national_total() {
        let a = atlas(None).unwrap();
        let c = figures_2025(&a).unwrap();
        // Every 2025 gemeente has figures; the inhabitants are conserved: CBS's national
        // total of 2021 (17,475,415) before and after carrying.
        assert_eq!(c.figures.len(), 342);
        assert_eq!(c.totals["inwoners"], (17_475_415.0, 17_475_415.0));
        // The 14 codes of 2021 that are gone by 2025, each merged into one new gemeente.
        let fates: Vec<(&str, &str, &str)> = c
            .changed
            .iter()
            .map(|x| (x.code.as_str(), x.fate, x.into.as_str()))
            .collect();
        assert_eq!(fates.len(), 14);
        for want in [
            ("GM0457", "merged", "GM0363 (1)"), // Weesp into Amsterdam, 2022-03-24
            ("GM0370", "merged", "GM0439 (1)"), // Beemster into Purmerend
            ("GM0398", "merged", "GM1980 (1)"), // Heerhugowaard: Dijk en Waard
            ("GM0416", "merged", "GM1980 (1)"), // Langedijk: Dijk en Waard
            ("GM0756", "merged", "GM1982 (1)"), // Boxmeer: Land van Cuijk
            ("GM0786", "merged", "GM1982 (1)"), // Grave: Land van Cuijk
            ("GM0856", "merged", "GM1991 (1)"), // Uden: Maashorst
            ("GM0501", "merged", "GM1992 (1)"), // Brielle: Voorne aan Zee, 2023
        ] {
            assert!(fates.contains(&want), "{want:?} not in {fates:?}");
        }
        assert!(c.changed.iter().all(|x| x.fate == "merged"));
        // Amsterdam 2025 = Amsterdam 2021 + Weesp 2021 (873,338 + 20,445).
        let ams = a.unit_index(&"GM0363".parse().unwrap()).unwrap();
        assert_eq!(c.figures[&ams]["inwoners"], 893_783.0);
    }
}
