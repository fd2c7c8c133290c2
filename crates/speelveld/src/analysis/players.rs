//! Who else is at the table? For every SWV (a region of an SWV layout), the regions of every
//! other layout that its gemeenten belong to: the jeugdzorgregio's, RMC-regio's,
//! veiligheidsregio's, zorgkantoorregio's, Veilig Thuis-regio's… it meets, with how many of
//! its gemeenten lie in each. Step 02 of the plan ("zijn er al contacten of zijn er nieuwe
//! spelers?") in one table.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::oogo::DEFAULT_LAYOUTS;
use crate::error::Error;
use crate::model::{Atlas, Layout, RegionIdx, UnitIdx};
use crate::model::{Table, Tabular};

/// One SWV against one other layout.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayerRow {
    /// The SWV layout (`swv-vo`).
    pub swv_layout: String,
    /// The SWV's code.
    pub swv: String,
    /// The SWV's name.
    pub swv_name: String,
    /// The SWV's number of gemeenten (whole or in part).
    pub gemeenten: usize,
    /// The other layout (`rmcregio`).
    pub layout: String,
    /// How many of its regions the SWV's gemeenten belong to.
    pub regions: usize,
    /// Those regions, most gemeenten first: `MC10 IJssel-Vecht (5), MC11 Twente (1)`.
    pub partners: String,
}

/// The players of every SWV.
#[derive(Debug, Clone, Serialize)]
pub struct Players {
    /// The SWV layouts.
    pub swv_layouts: Vec<String>,
    /// The other layouts, in atlas order.
    pub layouts: Vec<String>,
    /// One row per SWV and other layout.
    pub rows: Vec<PlayerRow>,
}

impl Players {
    /// One row per SWV and one column per other layout, each cell the partners there: the
    /// players at a glance.
    pub fn by_swv(&self) -> Table {
        let mut columns: Vec<String> = ["swv_layout", "swv", "swv_name", "gemeenten"]
            .map(String::from)
            .to_vec();
        columns.extend(self.layouts.iter().cloned());
        let mut rows: Vec<Vec<serde_json::Value>> = Vec::new();
        for r in &self.rows {
            let same = rows.last().is_some_and(|last: &Vec<serde_json::Value>| {
                last.first().and_then(|v| v.as_str()) == Some(r.swv_layout.as_str())
                    && last.get(1).and_then(|v| v.as_str()) == Some(r.swv.as_str())
            });
            if !same {
                rows.push(vec![
                    r.swv_layout.clone().into(),
                    r.swv.clone().into(),
                    r.swv_name.clone().into(),
                    r.gemeenten.into(),
                ]);
            }
            if let Some(last) = rows.last_mut() {
                last.push(r.partners.clone().into());
            }
        }
        Table {
            name: "players_by_swv".into(),
            title: "the players of each SWV: per layout the regions of its gemeenten (how many)"
                .into(),
            title_nl: Some(
                "de spelers van elk SWV: per indeling de regio's van zijn gemeenten (hoeveel)"
                    .into(),
            ),
            columns,
            rows,
        }
    }
}

impl Tabular for Players {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("players", &self.rows)?
                .titled(format!(
                    "the other layouts' regions of each SWV of {}",
                    self.swv_layouts.join(" + ")
                ))
                .titled_nl(format!(
                    "de regio's van de andere indelingen bij elk SWV van {}",
                    self.swv_layouts.join(" + ")
                )),
            self.by_swv(),
        ])
    }
}

/// The players of the SWV's of the given layouts (empty: `swv-po` and `swv-vo`): for each
/// SWV (by code) and each other layout of the atlas (in atlas order), the regions its
/// gemeenten belong to.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(None);
/// for c in ["GM0001", "GM0002", "GM0003"] {
///     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
/// }
/// let mut po = Layout::new("swv-po");
/// let p = po.add_region("PO1".parse().unwrap(), "");
/// for u in 0..3 { po.add_member(u, p, 1.0); }
/// let mut jz = Layout::new("jz");
/// let (a, b) = (jz.add_region("JZ01".parse().unwrap(), "Noord"), jz.add_region("JZ02".parse().unwrap(), "Zuid"));
/// jz.add_member(0, b, 1.0); jz.add_member(1, a, 1.0); jz.add_member(2, b, 1.0);
/// atlas.add_layout(po).unwrap();
/// atlas.add_layout(jz).unwrap();
/// let p = speelveld::analysis::players::players(&atlas, &["swv-po"]).unwrap();
/// assert_eq!(p.rows.len(), 1);
/// assert_eq!(p.rows[0].partners, "JZ02 Zuid (2), JZ01 Noord (1)");
/// ```
pub fn players(atlas: &Atlas, swv_layouts: &[&str]) -> Result<Players, Error> {
    let names: Vec<&str> = if swv_layouts.is_empty() {
        DEFAULT_LAYOUTS.to_vec()
    } else {
        swv_layouts.to_vec()
    };
    let swvs: Vec<&Layout> = names
        .iter()
        .map(|n| atlas.layout(n))
        .collect::<Result<_, _>>()?;
    let others: Vec<&Layout> = atlas
        .layouts()
        .iter()
        .filter(|l| !swvs.iter().any(|s| s.name() == l.name()))
        .collect();
    let mut rows = Vec::new();
    for swv in &swvs {
        let by_region = swv.members_by_region();
        let mut order: Vec<RegionIdx> = (0..swv.regions().len()).collect();
        order.sort_by_key(|&r| swv.regions().get(r).map(|x| x.code.clone()));
        for r in order {
            let (Some(region), Some(members)) = (swv.regions().get(r), by_region.get(r)) else {
                continue;
            };
            let mut units: Vec<UnitIdx> = members.iter().map(|m| m.unit).collect();
            units.dedup();
            for other in &others {
                let counts = region_counts(other, &units);
                rows.push(PlayerRow {
                    swv_layout: swv.name().to_string(),
                    swv: region.code.to_string(),
                    swv_name: region.name.clone(),
                    gemeenten: units.len(),
                    layout: other.name().to_string(),
                    regions: counts.len(),
                    partners: partner_text(other, &counts),
                });
            }
        }
    }
    Ok(Players {
        swv_layouts: swvs.iter().map(|l| l.name().to_string()).collect(),
        layouts: others.iter().map(|l| l.name().to_string()).collect(),
        rows,
    })
}

/// How many of `units` lie (whole or in part) in each region of `layout`, most first, then
/// by region order.
fn region_counts(layout: &Layout, units: &[UnitIdx]) -> Vec<(RegionIdx, usize)> {
    let mut counts: BTreeMap<RegionIdx, usize> = BTreeMap::new();
    for &u in units {
        let mut seen: Vec<RegionIdx> = layout.regions_of(u).map(|m| m.region).collect();
        seen.sort_unstable();
        seen.dedup();
        for r in seen {
            *counts.entry(r).or_default() += 1;
        }
    }
    let mut v: Vec<(RegionIdx, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn partner_text(layout: &Layout, counts: &[(RegionIdx, usize)]) -> String {
    counts
        .iter()
        .filter_map(|&(r, n)| {
            let region = layout.regions().get(r)?;
            Some(if region.name.is_empty() {
                format!("{} ({n})", region.code)
            } else {
                format!("{} {} ({n})", region.code, region.name)
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn the_players_of_the_swv_vo_of_zwolle() {
        let a = atlas(None).unwrap();
        let p = players(&a, &["swv-vo"]).unwrap();
        // Every SWV VO meets each of the nine other layouts (swv-po among them).
        assert_eq!(p.layouts.len(), 9);
        assert_eq!(p.rows.len(), 74 * 9);
        let row = |layout: &str| {
            p.rows
                .iter()
                .find(|r| r.swv == "VO2305" && r.layout == layout)
                .unwrap()
        };
        // VO 23-05 holds Zwolle (MC10, VR04, ZK32, VT11; see `gemeente Zwolle`).
        assert!(row("rmcregio").partners.contains("MC10 IJssel-Vecht"));
        assert!(row("veiligheidsregio").partners.contains("VR04 IJsselland"));
        assert!(row("zorgkantoorregio").partners.contains("ZK32 Zwolle"));
        assert!(row("veiligthuisregio").partners.contains("VT11 IJsselland"));
        // Counts add up to at least the SWV's gemeenten (a split gemeente counts in each).
        for r in &p.rows {
            let sum: usize = r
                .partners
                .split("), ")
                .filter_map(|s| {
                    s.rsplit('(')
                        .next()?
                        .trim_end_matches(')')
                        .parse::<usize>()
                        .ok()
                })
                .sum();
            assert!(sum >= r.gemeenten, "{r:?}");
        }
    }
}
