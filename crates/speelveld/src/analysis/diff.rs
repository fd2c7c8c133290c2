//! What changed between two versions of a layout over the same units: units that moved,
//! regions created and removed, merged, split, renamed and recoded.
//!
//! The two versions are compared through their crosswalk: the weight (units, each counted by
//! its share) that each old region gives to each new region.
//! - **moved**: a unit whose regions or shares differ (shares compared to 1e-6);
//! - **renamed**: a region code in both versions with another name;
//! - **recoded**: an old code gone and a new code come with exactly the same members;
//! - **merged**: a new region that holds the majority (more than half) of two or more old
//!   regions;
//! - **split**: an old region whose units make up the majority of two or more new regions;
//! - **created** / **removed**: a code only in the new / old version (and not recoded).
//!
//! # Examples
//! ```
//! use speelveld::{Atlas, GemeenteCode, Layout, Unit, analysis::diff::diff};
//! let mut atlas = Atlas::new(None);
//! for c in ["GM0001", "GM0002", "GM0003", "GM0004"] {
//!     atlas.add_unit(Unit::new(c.parse::<GemeenteCode>().unwrap(), c)).unwrap();
//! }
//! let mut a = Layout::new("swv-po");
//! let (p, q) = (a.add_region("P".parse().unwrap(), "P"), a.add_region("Q".parse().unwrap(), "Q"));
//! for (u, r) in [(0, p), (1, p), (2, q), (3, q)] { a.add_member(u, r, 1.0); }
//! let mut b = Layout::new("swv-po");
//! let n = b.add_region("N".parse().unwrap(), "Nieuw");
//! for u in 0..4 { b.add_member(u, n, 1.0); }
//! let d = diff(&atlas, &a, &b).unwrap();
//! assert_eq!(d.moved.len(), 4);
//! assert_eq!(d.moved[0].unit.to_string(), "GM0001");
//! assert_eq!(d.merged.len(), 1);
//! assert_eq!(d.merged[0].old_regions, "P + Q");
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Error;
use crate::model::{Atlas, Layout, UnitCode};
use crate::model::{Table, Tabular};

/// A unit whose membership changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    /// The unit's code.
    pub unit: UnitCode,
    /// The unit's name.
    pub name: String,
    /// Its regions before (`PO2701`, or `PO2701 0.6 + PO2702 0.4`), empty when uncovered.
    pub from: String,
    /// Its regions after.
    pub to: String,
}

/// A change of regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionChange {
    /// `created`, `removed`, `merged`, `split`, `renamed` or `recoded`.
    pub change: &'static str,
    /// The old region(s), joined with ` + `.
    pub old_regions: String,
    /// The new region(s), joined with ` + `.
    pub new_regions: String,
    /// A few words on the change (old and new names, units involved).
    pub detail: String,
}

/// The differences between two versions of a layout.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutDiff {
    /// The old version's name.
    pub old: String,
    /// The new version's name.
    pub new: String,
    /// Units that moved.
    pub moved: Vec<Moved>,
    /// Regions created (new codes).
    pub created: Vec<RegionChange>,
    /// Regions removed (old codes).
    pub removed: Vec<RegionChange>,
    /// New regions that merged two or more old ones.
    pub merged: Vec<RegionChange>,
    /// Old regions split over two or more new ones.
    pub split: Vec<RegionChange>,
    /// Regions with the same code and another name.
    pub renamed: Vec<RegionChange>,
    /// Regions with the same members and another code.
    pub recoded: Vec<RegionChange>,
}

fn regions_text(l: &Layout, unit: usize) -> String {
    let ms: Vec<_> = l.regions_of(unit).collect();
    ms.iter()
        .filter_map(|m| {
            let code = l.regions().get(m.region)?.code.as_str();
            Some(if ms.len() == 1 {
                code.to_string()
            } else {
                format!("{code} {:.3}", m.share)
            })
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

fn members_of(l: &Layout, r: usize) -> BTreeSet<(usize, u64)> {
    l.units_of(r)
        .map(|m| (m.unit, (m.share * 1e6).round() as u64))
        .collect()
}

/// Compares two versions of a layout over the same units (see the module documentation).
///
/// A membership that points at no unit of `atlas` (the layouts belong to another atlas) is
/// an error.
pub fn diff(atlas: &Atlas, old: &Layout, new: &Layout) -> Result<LayoutDiff, Error> {
    let mut units: BTreeSet<usize> = old.members().iter().map(|m| m.unit).collect();
    units.extend(new.members().iter().map(|m| m.unit));
    let code_of = |l: &Layout, r: usize| l.regions().get(r).map(|x| x.code.clone());
    let key = |l: &Layout, u: usize| -> Vec<(String, u64)> {
        l.regions_of(u)
            .filter_map(|m| {
                Some((
                    code_of(l, m.region)?.as_str().to_string(),
                    (m.share * 1e6).round() as u64,
                ))
            })
            .collect()
    };
    let moved: Vec<Moved> = units
        .iter()
        .filter(|&&u| key(old, u) != key(new, u))
        .map(|&u| {
            let unit = atlas.units().get(u).ok_or_else(|| {
                Error::Usage(format!(
                    "layouts {} and {}: a membership points at unit #{u}, which the atlas of {} units does not have",
                    old.name(),
                    new.name(),
                    atlas.units().len()
                ))
            })?;
            Ok(Moved {
            unit: unit.code,
            name: unit.name.clone(),
            from: regions_text(old, u),
            to: regions_text(new, u),
            })
        })
        .collect::<Result<_, Error>>()?;
    // Crosswalk: old region → new region → weight (shares of units).
    let mut cross: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    let mut old_w = vec![0.0; old.regions().len()];
    let mut new_w = vec![0.0; new.regions().len()];
    for &u in &units {
        let o: Vec<_> = old.regions_of(u).collect();
        let n: Vec<_> = new.regions_of(u).collect();
        for a in &o {
            for b in &n {
                *cross.entry((a.region, b.region)).or_default() += a.share * b.share;
            }
        }
        for a in &o {
            if let Some(w) = old_w.get_mut(a.region) {
                *w += a.share;
            }
        }
        for b in &n {
            if let Some(w) = new_w.get_mut(b.region) {
                *w += b.share;
            }
        }
    }
    let join = |l: &Layout, rs: &[usize]| {
        rs.iter()
            .filter_map(|&r| l.regions().get(r).map(|x| x.code.as_str().to_string()))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut merged = Vec::new();
    for (n, &nw) in new_w.iter().enumerate() {
        let olds: Vec<usize> = (0..old.regions().len())
            .filter(|&o| {
                let w = cross.get(&(o, n)).copied().unwrap_or(0.0);
                w > 0.5 * old_w.get(o).copied().unwrap_or(0.0) && w > 0.0
            })
            .collect();
        if olds.len() > 1 {
            merged.push(RegionChange {
                change: "merged",
                old_regions: join(old, &olds),
                new_regions: join(new, &[n]),
                detail: format!("{nw:.0} unit(s)"),
            });
        }
    }
    let mut split = Vec::new();
    for (o, &ow) in old_w.iter().enumerate() {
        let news: Vec<usize> = (0..new.regions().len())
            .filter(|&n| {
                let w = cross.get(&(o, n)).copied().unwrap_or(0.0);
                w > 0.5 * new_w.get(n).copied().unwrap_or(0.0) && w > 0.0
            })
            .collect();
        if news.len() > 1 {
            split.push(RegionChange {
                change: "split",
                old_regions: join(old, &[o]),
                new_regions: join(new, &news),
                detail: format!("{ow:.0} unit(s)"),
            });
        }
    }
    let mut renamed = Vec::new();
    let mut recoded = Vec::new();
    let mut created = Vec::new();
    let mut removed = Vec::new();
    let gone: Vec<usize> = (0..old.regions().len())
        .filter(|&o| {
            old.regions()
                .get(o)
                .is_some_and(|r| new.region_index(&r.code).is_none())
        })
        .collect();
    let come: Vec<usize> = (0..new.regions().len())
        .filter(|&n| {
            new.regions()
                .get(n)
                .is_some_and(|r| old.region_index(&r.code).is_none())
        })
        .collect();
    for (o, r) in old.regions().iter().enumerate() {
        if let Some(n) = new.region_index(&r.code) {
            let nn = new.regions().get(n).map_or("", |x| x.name.as_str());
            if nn != r.name {
                renamed.push(RegionChange {
                    change: "renamed",
                    old_regions: r.code.to_string(),
                    new_regions: r.code.to_string(),
                    detail: format!("'{}' → '{nn}'", r.name),
                });
            }
        }
        let _ = o;
    }
    let mut recoded_new = BTreeSet::new();
    for &o in &gone {
        let mo = members_of(old, o);
        let twin = come
            .iter()
            .find(|&&n| !recoded_new.contains(&n) && !mo.is_empty() && members_of(new, n) == mo);
        match twin {
            Some(&n) => {
                recoded_new.insert(n);
                recoded.push(RegionChange {
                    change: "recoded",
                    old_regions: join(old, &[o]),
                    new_regions: join(new, &[n]),
                    detail: format!("{} unit(s), same members", mo.len()),
                });
            }
            None => removed.push(RegionChange {
                change: "removed",
                old_regions: join(old, &[o]),
                new_regions: String::new(),
                detail: old
                    .regions()
                    .get(o)
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
            }),
        }
    }
    for &n in come.iter().filter(|n| !recoded_new.contains(*n)) {
        created.push(RegionChange {
            change: "created",
            old_regions: String::new(),
            new_regions: join(new, &[n]),
            detail: new
                .regions()
                .get(n)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
        });
    }
    Ok(LayoutDiff {
        old: old.name().to_string(),
        new: new.name().to_string(),
        moved,
        created,
        removed,
        merged,
        split,
        renamed,
        recoded,
    })
}

impl LayoutDiff {
    /// One line for people: how many units moved and regions changed.
    pub fn summary(&self) -> String {
        format!(
            "{} unit(s) moved; {} merged, {} split, {} renamed, {} recoded, {} created, {} removed",
            self.moved.len(),
            self.merged.len(),
            self.split.len(),
            self.renamed.len(),
            self.recoded.len(),
            self.created.len(),
            self.removed.len()
        )
    }
}

impl Tabular for LayoutDiff {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let changes: Vec<&RegionChange> = self
            .merged
            .iter()
            .chain(&self.split)
            .chain(&self.renamed)
            .chain(&self.recoded)
            .chain(&self.created)
            .chain(&self.removed)
            .collect();
        Ok(vec![
            Table::from_rows("region_changes", &changes)?.titled("region changes"),
            Table::from_rows("moved_units", &self.moved)?.titled("moved units"),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An atlas of `n` units GM0001…
    fn atlas(n: usize) -> Atlas {
        let mut a = Atlas::new(None);
        for i in 1..=n {
            let code: crate::model::GemeenteCode = format!("GM{i:04}").parse().unwrap();
            a.add_unit(crate::model::Unit::new(code, format!("g{i}")))
                .unwrap();
        }
        a
    }

    fn layout(rows: &[(usize, &str, &str)]) -> Layout {
        let mut l = Layout::new("x");
        for &(u, code, name) in rows {
            let r = l.add_region(code.parse().unwrap(), name);
            l.add_member(u, r, 1.0);
        }
        l
    }

    #[test]
    fn split_rename_recode_create_remove() {
        let old = layout(&[
            (0, "A", "Alpha"),
            (1, "A", "Alpha"),
            (2, "B", "Beta"),
            (3, "C", "Gamma"),
            (4, "D", "Delta"),
        ]);
        let new = layout(&[
            (0, "A1", "Alpha Noord"),
            (1, "A2", "Alpha Zuid"),
            (2, "B", "Beta-Oost"),
            (3, "G", "Gamma"),
            (4, "B", "Beta-Oost"),
        ]);
        let d = diff(&atlas(8), &old, &new).unwrap();
        assert_eq!(d.moved.len(), 4);
        assert_eq!(d.split.len(), 1);
        assert_eq!(d.split[0].new_regions, "A1 + A2");
        assert_eq!(d.renamed[0].detail, "'Beta' → 'Beta-Oost'");
        assert_eq!(
            (
                d.recoded[0].old_regions.as_str(),
                d.recoded[0].new_regions.as_str()
            ),
            ("C", "G")
        );
        let removed: Vec<&str> = d.removed.iter().map(|r| r.old_regions.as_str()).collect();
        assert_eq!(removed, ["A", "D"]);
        let created: Vec<&str> = d.created.iter().map(|r| r.new_regions.as_str()).collect();
        assert_eq!(created, ["A1", "A2"]);
        assert_eq!(d.merged.len(), 1); // B and D into B.
        assert_eq!(d.merged[0].old_regions, "B + D");
        // A layout against itself: nothing changed.
        let same = diff(&atlas(8), &old, &old).unwrap();
        assert!(same.moved.is_empty() && same.merged.is_empty() && same.created.is_empty());
    }
}
