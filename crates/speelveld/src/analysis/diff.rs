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
use crate::model::{Atlas, Layout, RegionIdx, UnitCode, UnitIdx};
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

/// What happened to a region. Written as its lowercase name (`merged`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A code only in the new version (and not recoded).
    Created,
    /// A code only in the old version (and not recoded).
    Removed,
    /// A new region that holds the majority of two or more old regions.
    Merged,
    /// An old region whose units make up the majority of two or more new regions.
    Split,
    /// A region code in both versions with another name.
    Renamed,
    /// An old code gone and a new code come with exactly the same members.
    Recoded,
}

impl ChangeKind {
    /// The change as results write it: `merged`.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Created => "created",
            ChangeKind::Removed => "removed",
            ChangeKind::Merged => "merged",
            ChangeKind::Split => "split",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Recoded => "recoded",
        }
    }

    /// The change in `taal` ([`crate::model::values`]): `samengevoegd`, `merged`.
    ///
    /// # Examples
    /// ```
    /// use speelveld::analysis::diff::ChangeKind;
    /// use speelveld::model::Taal;
    /// assert_eq!(ChangeKind::Merged.label(Taal::Nl), "samengevoegd");
    /// assert_eq!(ChangeKind::Merged.label(Taal::En), "merged");
    /// ```
    pub fn label(self, taal: crate::model::Taal) -> &'static str {
        crate::model::values::value("change", self.name(), taal)
    }
}

/// A change of regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionChange {
    /// What happened: created, removed, merged, split, renamed or recoded.
    pub change: ChangeKind,
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
    let mut units: BTreeSet<UnitIdx> = old.members().iter().map(|m| m.unit).collect();
    units.extend(new.members().iter().map(|m| m.unit));
    let flows = Flows::between(old, new, &units);
    let (recoded, removed, created) = recoded_removed_created(old, new);
    Ok(LayoutDiff {
        old: old.name().to_string(),
        new: new.name().to_string(),
        moved: moved_units(atlas, old, new, &units)?,
        created,
        removed,
        merged: merged_regions(old, new, &flows),
        split: split_regions(old, new, &flows),
        renamed: renamed_regions(old, new),
        recoded,
    })
}

/// The units whose regions or shares differ between the two versions.
fn moved_units(
    atlas: &Atlas,
    old: &Layout,
    new: &Layout,
    units: &BTreeSet<UnitIdx>,
) -> Result<Vec<Moved>, Error> {
    let key = |l: &Layout, u: UnitIdx| -> Vec<(String, u64)> {
        l.regions_of(u)
            .filter_map(|m| {
                let code = l.regions().get(m.region)?.code.as_str().to_string();
                Some((code, (m.share * 1e6).round() as u64))
            })
            .collect()
    };
    units
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
        .collect()
}

/// How the units of each old region spread over the new regions: old region → new region
/// → weight (shares of units), and each region's total weight.
struct Flows {
    cross: BTreeMap<(RegionIdx, RegionIdx), f64>,
    old_w: Vec<f64>,
    new_w: Vec<f64>,
}

impl Flows {
    fn between(old: &Layout, new: &Layout, units: &BTreeSet<UnitIdx>) -> Flows {
        let mut f = Flows {
            cross: BTreeMap::new(),
            old_w: vec![0.0; old.regions().len()],
            new_w: vec![0.0; new.regions().len()],
        };
        for &u in units {
            for a in old.regions_of(u) {
                for b in new.regions_of(u) {
                    *f.cross.entry((a.region, b.region)).or_default() += a.share * b.share;
                }
                if let Some(w) = f.old_w.get_mut(a.region) {
                    *w += a.share;
                }
            }
            for b in new.regions_of(u) {
                if let Some(w) = f.new_w.get_mut(b.region) {
                    *w += b.share;
                }
            }
        }
        f
    }

    fn flow(&self, o: RegionIdx, n: RegionIdx) -> f64 {
        self.cross.get(&(o, n)).copied().unwrap_or(0.0)
    }
}

/// `PO2701 + PO2702`.
fn join(l: &Layout, rs: &[RegionIdx]) -> String {
    rs.iter()
        .filter_map(|&r| l.regions().get(r).map(|x| x.code.as_str().to_string()))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// New regions that hold most of two or more old regions.
fn merged_regions(old: &Layout, new: &Layout, f: &Flows) -> Vec<RegionChange> {
    f.new_w
        .iter()
        .enumerate()
        .filter_map(|(n, &nw)| {
            let olds: Vec<RegionIdx> = (0..old.regions().len())
                .filter(|&o| {
                    let w = f.flow(o, n);
                    w > 0.5 * f.old_w.get(o).copied().unwrap_or(0.0) && w > 0.0
                })
                .collect();
            (olds.len() > 1).then(|| RegionChange {
                change: ChangeKind::Merged,
                old_regions: join(old, &olds),
                new_regions: join(new, &[n]),
                detail: format!("{nw:.0} unit(s)"),
            })
        })
        .collect()
}

/// Old regions most of whose units went to two or more new regions (each holding mostly
/// units of the old region).
fn split_regions(old: &Layout, new: &Layout, f: &Flows) -> Vec<RegionChange> {
    f.old_w
        .iter()
        .enumerate()
        .filter_map(|(o, &ow)| {
            let news: Vec<RegionIdx> = (0..new.regions().len())
                .filter(|&n| {
                    let w = f.flow(o, n);
                    w > 0.5 * f.new_w.get(n).copied().unwrap_or(0.0) && w > 0.0
                })
                .collect();
            (news.len() > 1).then(|| RegionChange {
                change: ChangeKind::Split,
                old_regions: join(old, &[o]),
                new_regions: join(new, &news),
                detail: format!("{ow:.0} unit(s)"),
            })
        })
        .collect()
}

/// Regions whose code stayed and whose name changed.
fn renamed_regions(old: &Layout, new: &Layout) -> Vec<RegionChange> {
    old.regions()
        .iter()
        .filter_map(|r| {
            let nn = new.regions().get(new.region_index(&r.code)?)?.name.as_str();
            (nn != r.name).then(|| RegionChange {
                change: ChangeKind::Renamed,
                old_regions: r.code.to_string(),
                new_regions: r.code.to_string(),
                detail: format!("'{}' → '{nn}'", r.name),
            })
        })
        .collect()
}

/// Region codes that exist in one version only: a gone code whose members reappear under a
/// new code is recoded, other gone codes are removed, other new codes created.
fn recoded_removed_created(
    old: &Layout,
    new: &Layout,
) -> (Vec<RegionChange>, Vec<RegionChange>, Vec<RegionChange>) {
    let only_in = |a: &Layout, b: &Layout| -> Vec<RegionIdx> {
        (0..a.regions().len())
            .filter(|&r| {
                a.regions()
                    .get(r)
                    .is_some_and(|x| b.region_index(&x.code).is_none())
            })
            .collect()
    };
    let name = |l: &Layout, r: RegionIdx| l.regions().get(r).map(|x| x.name.clone());
    let (gone, come) = (only_in(old, new), only_in(new, old));
    let (mut recoded, mut removed) = (Vec::new(), Vec::new());
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
                    change: ChangeKind::Recoded,
                    old_regions: join(old, &[o]),
                    new_regions: join(new, &[n]),
                    detail: format!("{} unit(s), same members", mo.len()),
                });
            }
            None => removed.push(RegionChange {
                change: ChangeKind::Removed,
                old_regions: join(old, &[o]),
                new_regions: String::new(),
                detail: name(old, o).unwrap_or_default(),
            }),
        }
    }
    let created = come
        .iter()
        .filter(|n| !recoded_new.contains(*n))
        .map(|&n| RegionChange {
            change: ChangeKind::Created,
            old_regions: String::new(),
            new_regions: join(new, &[n]),
            detail: name(new, n).unwrap_or_default(),
        })
        .collect();
    (recoded, removed, created)
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
            Table::from_rows("region_changes", &changes)?
                .titled("region changes")
                .titled_nl("wijzigingen van regio's"),
            Table::from_rows("moved_units", &self.moved)?
                .titled("moved units")
                .titled_nl("verplaatste gemeenten"),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_has_a_dutch_label_and_its_english_name() {
        use crate::model::Taal;
        for c in [
            ChangeKind::Created,
            ChangeKind::Removed,
            ChangeKind::Merged,
            ChangeKind::Split,
            ChangeKind::Renamed,
            ChangeKind::Recoded,
        ] {
            assert_eq!(c.label(Taal::En), c.name());
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::json!(c.name())
            );
            assert_ne!(c.label(Taal::Nl), c.name(), "{c:?} has no Dutch");
        }
    }

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
