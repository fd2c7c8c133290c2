//! OOGO partners ("op overeenstemming gericht overleg"): every SWV board must consult every
//! gemeente in its area about its support plan. Per SWV the gemeenten it must invite, per
//! gemeente the SWV's it must consult with, and the totals.
//!
//! Gemeenten are the units of the atlas; for an atlas of postcode-4 units (the SWV table)
//! the units are grouped into gemeenten by their name, and a pair's share is the part of the
//! gemeente's postcode areas that lie in the SWV.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::analysis::estimates::SplitParts;
use crate::error::Error;
use crate::model::{Atlas, Layout, UnitCode};
use crate::model::{Table, Tabular};

/// One OOGO pair: an SWV and a gemeente in its area.
#[derive(Debug, Clone, Serialize)]
pub struct OogoPair {
    /// The SWV layout (`swv-po`).
    pub swv_layout: String,
    /// The SWV's code.
    pub swv: String,
    /// Its name.
    pub swv_name: String,
    /// The gemeente's code (its name for postcode units).
    pub gemeente: String,
    /// Its name.
    pub gemeente_name: String,
    /// The part of the gemeente that lies in the SWV (1 for a whole gemeente).
    pub share: f64,
    /// The inhabitants of that part ([`INHABITANTS`] × share), when every unit has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inwoners: Option<f64>,
    /// Whether those inhabitants are an estimate: the gemeente is split and its share was
    /// not made from its inhabitants ([`crate::analysis::estimates`]). With the inhabitants
    /// only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated: Option<bool>,
}

/// One gemeente with the SWV's it must consult.
#[derive(Debug, Clone, Serialize)]
pub struct GemeentePartners {
    /// The gemeente's code (its name for postcode units).
    pub gemeente: String,
    /// Its name.
    pub gemeente_name: String,
    /// Number of OOGO partners (SWV's, over all SWV layouts).
    pub partners: usize,
    /// The partners (`swv-po PO2707`, …).
    pub swvs: String,
}

/// One SWV with the number of gemeenten it must consult.
#[derive(Debug, Clone, Serialize)]
pub struct SwvPartners {
    /// The SWV layout.
    pub swv_layout: String,
    /// The SWV's code.
    pub swv: String,
    /// Its name.
    pub swv_name: String,
    /// Number of gemeenten in its area.
    pub gemeenten: usize,
    /// The inhabitants of its area, when every unit has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inwoners: Option<f64>,
}

/// The totals of an OOGO table.
#[derive(Debug, Clone, Serialize)]
pub struct OogoTotals {
    /// Number of OOGO pairs over all SWV layouts.
    pub pairs: usize,
    /// Pairs per SWV layout (`swv-po 400, swv-vo 390`).
    pub pairs_per_layout: String,
    /// Gemeenten in any SWV.
    pub gemeenten: usize,
    /// Gemeenten with more than one partner per layout on average (more than the number
    /// of layouts).
    pub gemeenten_with_extra_partners: usize,
    /// The largest number of partners of one gemeente.
    pub max_partners: usize,
    /// The gemeenten with that number (`GM0599 Rotterdam`).
    pub most_partners: String,
    /// The largest number of gemeenten of one SWV.
    pub max_gemeenten: usize,
    /// The SWV's with that number.
    pub most_gemeenten: String,
}

/// The OOGO partner table.
#[derive(Debug, Clone, Serialize)]
pub struct Oogo {
    /// The SWV layouts used.
    pub layouts: Vec<String>,
    /// Every pair, by layout, SWV code, gemeente code.
    pub pairs: Vec<OogoPair>,
    /// Per gemeente, most partners first.
    pub gemeenten: Vec<GemeentePartners>,
    /// Per SWV, most gemeenten first.
    pub swvs: Vec<SwvPartners>,
    /// The totals.
    pub totals: OogoTotals,
}

impl Tabular for Oogo {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("pairs", &self.pairs)?
                .titled(format!("OOGO pairs of {}", self.layouts.join(" + ")))
                .titled_nl(format!("OOGO-paren van {}", self.layouts.join(" + "))),
            Table::from_rows("gemeenten", &self.gemeenten)?.titled("partners per gemeente"),
            Table::from_rows("swvs", &self.swvs)?.titled("gemeenten per SWV"),
            Table::from_rows("totals", std::slice::from_ref(&self.totals))?
                .titled("totals")
                .titled_nl("totalen"),
        ])
    }
}

/// The figure that the pairs and SWV's are given when every unit has it.
pub const INHABITANTS: &str = "inwoners";

/// The default SWV layouts.
pub const DEFAULT_LAYOUTS: [&str; 2] = ["swv-po", "swv-vo"];

/// The OOGO table of the given SWV layouts (empty: [`DEFAULT_LAYOUTS`]).
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// let mut po = Layout::new("swv-po");
/// let (p1, p2) = (po.add_region("PO1".parse().unwrap(), ""), po.add_region("PO2".parse().unwrap(), ""));
/// po.add_member(0, p1, 1.0); po.add_member(1, p1, 0.5); po.add_member(1, p2, 0.5);
/// atlas.add_layout(po).unwrap();
/// let o = speelveld::analysis::oogo::oogo(&atlas, &["swv-po"]).unwrap();
/// assert_eq!(o.totals.pairs, 3);
/// assert_eq!(o.totals.most_partners, "GM0002 GM0002");
/// ```
pub fn oogo(atlas: &Atlas, layouts: &[&str]) -> Result<Oogo, Error> {
    let names: Vec<&str> = if layouts.is_empty() {
        DEFAULT_LAYOUTS.to_vec()
    } else {
        layouts.to_vec()
    };
    let ls: Vec<&Layout> = names
        .iter()
        .map(|n| atlas.layout(n))
        .collect::<Result<_, _>>()?;
    // The gemeente of each unit: itself, or (postcode units) its name.
    let key_of = |u: usize| -> (String, String) {
        match atlas.units().get(u) {
            Some(unit) => match unit.code {
                UnitCode::Gemeente(g) => (g.to_string(), unit.name.clone()),
                UnitCode::Pc4(_) => (unit.name.clone(), unit.name.clone()),
            },
            None => (String::new(), String::new()),
        }
    };
    let with_inhabitants = !atlas.units().is_empty()
        && atlas
            .units()
            .iter()
            .all(|u| u.figure(INHABITANTS).is_some());
    let inhabitants = |u: usize| {
        atlas
            .units()
            .get(u)
            .and_then(|x| x.figure(INHABITANTS))
            .unwrap_or(0.0)
    };
    let mut units_per_gemeente: HashMap<String, f64> = HashMap::new();
    for u in 0..atlas.units().len() {
        *units_per_gemeente.entry(key_of(u).0).or_insert(0.0) += 1.0;
    }
    // (layout, swv region) → gemeente → (name, summed share)
    let mut pairs = Vec::new();
    let mut per_gemeente: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut swvs = Vec::new();
    let mut pairs_per_layout = Vec::new();
    for l in &ls {
        let parts = SplitParts::of(atlas, l);
        // (swv, gemeente) → (name, summed share, inhabitants, estimated)
        let mut cells: BTreeMap<(String, String), (String, f64, f64, bool)> = BTreeMap::new();
        for m in l.members() {
            let Some(reg) = l.regions().get(m.region) else {
                continue;
            };
            let (g, gname) = key_of(m.unit);
            let e = cells
                .entry((reg.code.to_string(), g))
                .or_insert((gname, 0.0, 0.0, false));
            e.1 += m.share;
            e.2 += inhabitants(m.unit) * m.share;
            e.3 |= parts.is_estimated(m.unit, Some(INHABITANTS));
        }
        let mut per_swv: BTreeMap<String, (usize, f64)> = BTreeMap::new();
        for ((swv, g), (gname, share, inw, estimated)) in &cells {
            let n = units_per_gemeente.get(g).copied().unwrap_or(1.0);
            let swv_name = l
                .find_region(swv)
                .and_then(|r| l.regions().get(r))
                .map(|r| r.name.clone())
                .unwrap_or_default();
            pairs.push(OogoPair {
                swv_layout: l.name().to_string(),
                swv: swv.clone(),
                swv_name,
                gemeente: g.clone(),
                gemeente_name: gname.clone(),
                share: share / n,
                inwoners: with_inhabitants.then_some(*inw),
                estimated: with_inhabitants.then_some(*estimated),
            });
            let e = per_swv.entry(swv.clone()).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += inw;
            per_gemeente
                .entry(g.clone())
                .or_insert_with(|| (gname.clone(), Vec::new()))
                .1
                .push(format!("{} {swv}", l.name()));
        }
        pairs_per_layout.push(format!("{} {}", l.name(), cells.len()));
        for reg in l.regions() {
            swvs.push(SwvPartners {
                swv_layout: l.name().to_string(),
                swv: reg.code.to_string(),
                swv_name: reg.name.clone(),
                gemeenten: per_swv.get(reg.code.as_str()).map_or(0, |e| e.0),
                inwoners: with_inhabitants
                    .then(|| per_swv.get(reg.code.as_str()).map_or(0.0, |e| e.1)),
            });
        }
    }
    let mut gemeenten: Vec<GemeentePartners> = per_gemeente
        .into_iter()
        .map(|(g, (name, list))| GemeentePartners {
            gemeente: g,
            gemeente_name: name,
            partners: list.len(),
            swvs: list.join(", "),
        })
        .collect();
    gemeenten.sort_by(|x, y| {
        y.partners
            .cmp(&x.partners)
            .then_with(|| x.gemeente.cmp(&y.gemeente))
    });
    swvs.sort_by(|x, y| {
        y.gemeenten
            .cmp(&x.gemeenten)
            .then_with(|| (&x.swv_layout, &x.swv).cmp(&(&y.swv_layout, &y.swv)))
    });
    let max_partners = gemeenten.first().map_or(0, |g| g.partners);
    let max_gemeenten = swvs.first().map_or(0, |s| s.gemeenten);
    let totals = OogoTotals {
        pairs: pairs.len(),
        pairs_per_layout: pairs_per_layout.join(", "),
        gemeenten: gemeenten.len(),
        gemeenten_with_extra_partners: gemeenten.iter().filter(|g| g.partners > ls.len()).count(),
        max_partners,
        most_partners: gemeenten
            .iter()
            .filter(|g| g.partners == max_partners)
            .map(|g| format!("{} {}", g.gemeente, g.gemeente_name))
            .collect::<Vec<_>>()
            .join(", "),
        max_gemeenten,
        most_gemeenten: swvs
            .iter()
            .filter(|s| s.gemeenten == max_gemeenten)
            .map(|s| format!("{} {}", s.swv, s.swv_name).trim_end().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    Ok(Oogo {
        layouts: ls.iter().map(|l| l.name().to_string()).collect(),
        pairs,
        gemeenten,
        swvs,
        totals,
    })
}

impl Oogo {
    /// The part of the OOGO tables that concerns one party: a gemeente (code or name, as
    /// [`crate::analysis::lookup::find_unit`] finds it) with the SWV's it consults, or an SWV
    /// (code or name in one of the SWV layouts) with the gemeenten it invites. The pairs,
    /// the per-gemeente and the per-SWV rows are those of the party and its partners; the
    /// totals stay the country's.
    ///
    /// # Examples
    /// ```
    /// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
    /// let o = speelveld::analysis::oogo::oogo(&atlas, &[]).unwrap();
    /// let zwolle = o.clone().only(&atlas, "Zwolle").unwrap();
    /// assert_eq!(zwolle.pairs.len(), 2); // SWV PO 23-05 and SWV VO 23-05
    /// let vo = o.only(&atlas, "VO 23-05").unwrap();
    /// assert!(vo.pairs.iter().all(|p| p.swv == "VO2305"));
    /// ```
    pub fn only(mut self, atlas: &Atlas, query: &str) -> Result<Oogo, Error> {
        let gemeente = crate::analysis::lookup::find_unit(atlas, query)
            .ok()
            .and_then(|i| atlas.units().get(i))
            .map(|u| u.code.to_string());
        let swv = if gemeente.is_some() {
            None
        } else {
            self.layouts.iter().find_map(|name| {
                let l = atlas.layout(name).ok()?;
                let r = l.find_region(query)?;
                l.regions()
                    .get(r)
                    .map(|r| (name.clone(), r.code.to_string()))
            })
        };
        match (&gemeente, &swv) {
            (Some(g), _) => self.pairs.retain(|p| &p.gemeente == g),
            (None, Some((layout, code))) => self
                .pairs
                .retain(|p| &p.swv_layout == layout && &p.swv == code),
            (None, None) => {
                return Err(Error::UnknownSubject {
                    query: query.to_string(),
                    hint: format!(
                        "; expected a gemeente or a region of {}",
                        self.layouts.join(" or ")
                    ),
                });
            }
        }
        let gemeenten: std::collections::BTreeSet<&str> =
            self.pairs.iter().map(|p| p.gemeente.as_str()).collect();
        let swvs: std::collections::BTreeSet<(&str, &str)> = self
            .pairs
            .iter()
            .map(|p| (p.swv_layout.as_str(), p.swv.as_str()))
            .collect();
        self.gemeenten
            .retain(|g| gemeenten.contains(g.gemeente.as_str()));
        self.swvs
            .retain(|s| swvs.contains(&(s.swv_layout.as_str(), s.swv.as_str())));
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::crosswalk::tests::small_atlas;
    use crate::model::{Pc4, Unit};

    #[test]
    fn pairs_partners_and_totals() {
        let atlas = small_atlas();
        // b: B1 {u0,u1}, B2 {½u2, u3}, B3 {½u2}: 5 pairs; u2 (GM0003) has 2 partners.
        let o = oogo(&atlas, &["b"]).unwrap();
        assert_eq!(o.totals.pairs, 5);
        assert_eq!(o.totals.gemeenten, 4);
        assert_eq!(o.totals.max_partners, 2);
        assert_eq!(o.totals.most_partners, "GM0003 G3");
        assert_eq!(o.totals.most_gemeenten, "B1 Een, B2 Twee");
        assert_eq!(o.gemeenten[0].swvs, "b B2, b B3");
        let p = o.pairs.iter().find(|p| p.swv == "B3").unwrap();
        assert_eq!((p.gemeente.as_str(), p.share), ("GM0003", 0.5));
        // a + b: GM0003 has 3 partners (A1, B2, B3).
        let o = oogo(&atlas, &["a", "b"]).unwrap();
        assert_eq!(o.totals.pairs, 10);
        assert_eq!(
            (
                o.totals.max_partners,
                o.totals.gemeenten_with_extra_partners
            ),
            (3, 1)
        );
        assert!(
            oogo(&atlas, &[])
                .unwrap_err()
                .to_string()
                .contains("no layout named 'swv-po'")
        );
    }

    #[test]
    fn postcode_units_group_by_gemeente_name() {
        let mut atlas = Atlas::new(None);
        for (pc, g) in [
            ("1011", "Amsterdam"),
            ("1012", "Amsterdam"),
            ("1013", "Amsterdam"),
            ("2011", "Haarlem"),
        ] {
            atlas
                .add_unit(Unit::new(pc.parse::<Pc4>().unwrap(), g))
                .unwrap();
        }
        let mut l = Layout::new("swv-po");
        let p1 = l.add_region("PO1".parse().unwrap(), "");
        let p2 = l.add_region("PO2".parse().unwrap(), "");
        for (u, r) in [(0, p1), (1, p1), (2, p2), (3, p2)] {
            l.add_member(u, r, 1.0);
        }
        atlas.add_layout(l).unwrap();
        let o = oogo(&atlas, &["swv-po"]).unwrap();
        let got: Vec<(&str, &str, f64)> = o
            .pairs
            .iter()
            .map(|p| (p.swv.as_str(), p.gemeente.as_str(), p.share))
            .collect();
        assert_eq!(
            got,
            [
                ("PO1", "Amsterdam", 2.0 / 3.0),
                ("PO2", "Amsterdam", 1.0 / 3.0),
                ("PO2", "Haarlem", 1.0)
            ]
        );
    }
}
