//! A layout (indeling): regions, and the membership of units in them.

use std::collections::HashMap;

use serde::Serialize;

use super::code::RegionCode;

/// Index of a unit in its [`crate::Atlas`] (`atlas.units()[i]`).
pub type UnitIdx = usize;
/// Index of a region in its [`Layout`] (`layout.regions()[i]`).
pub type RegionIdx = usize;

/// One region of a layout.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    /// The region's code (`JZ13`, `PO2707`).
    pub code: RegionCode,
    /// The region's name; empty when the source has none.
    pub name: String,
}

/// A unit's membership of a region, with the share of the unit that lies in it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Member {
    /// The unit (index into the atlas units).
    pub unit: UnitIdx,
    /// The region (index into the layout regions).
    pub region: RegionIdx,
    /// The share of the unit in the region, in (0, 1]; `1.0` for a whole unit.
    pub share: f64,
}

/// A row a reader could not attach to a unit of the atlas. Kept, so validation can report
/// it and no input is silently dropped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unresolved {
    /// Where the row came from (`file:line`).
    pub origin: String,
    /// The unit code or name as written.
    pub unit: String,
    /// The region the row named.
    pub region: RegionCode,
    /// Why it could not be attached (unknown code, unmatched name, code of another year…).
    pub reason: String,
    /// True when spatial assignment found the unit in no region polygon (or the unit has no
    /// outline to assign): the layout does not cover it, an error; false for a row of a
    /// table.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outside: bool,
}

/// A unit's name as a layout's source spells it, next to the unit's code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceName {
    /// The unit (index into the atlas units).
    pub unit: UnitIdx,
    /// The name in the source.
    pub name: String,
    /// Where it came from (`file:line`).
    pub origin: String,
}

/// The outline of a unit's part in one region, where it is known: a gemeente that a
/// herindeling joined from predecessors in different regions has, in each region, the part
/// its predecessors there cover ([`crate::analysis::translate`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PartOutline {
    /// The unit (index into the atlas units).
    pub unit: UnitIdx,
    /// The region (index into the layout regions).
    pub region: RegionIdx,
    /// The part's outline, in the atlas's CRS.
    pub outline: geo::MultiPolygon<f64>,
}

/// A unit that a row of a source named by another name than its CBS name (`Den Haag` for
/// `'s-Gravenhage`, `Hengelo` for `Hengelo (O.)`), so loading can say so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AliasedName {
    /// The unit (index into the atlas units).
    pub unit: UnitIdx,
    /// The name as written.
    pub written: String,
    /// How it matched.
    pub how: super::NameMatch,
    /// Where it came from (`file:line`).
    pub origin: String,
}

/// A region code that a source names twice, differently: two regions that share a code by
/// mistake would be counted as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameClash {
    /// The region code.
    pub code: RegionCode,
    /// The name it got first (and kept).
    pub first: String,
    /// The other name.
    pub other: String,
}

/// A division of the units of an atlas into regions.
///
/// Membership maps each unit to one or more regions, each with a share; the shares of a unit
/// should sum to 1 ([`crate::analysis::validate`] checks that).
///
/// # Examples
/// ```
/// use speelveld::Layout;
/// let mut jz = Layout::new("jeugdzorgregio");
/// let r = jz.add_region("JZ13".parse().unwrap(), "Amsterdam-Amstelland");
/// jz.add_member(0, r, 1.0);
/// jz.add_member(1, r, 0.5);
/// assert_eq!(jz.units_of(r).count(), 2);
/// assert_eq!(jz.regions_of(1).next().unwrap().share, 0.5);
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct Layout {
    name: String,
    /// Where the layout came from (file name or `embedded`).
    pub source: String,
    /// True when the layout is known to consist of whole units (CBS layouts, jeugdzorgregio's).
    pub whole_units: bool,
    /// True for the layouts of the embedded dataset (checked when it was built; their
    /// findings are documented), false for layouts read from the user's files.
    #[serde(skip)]
    pub embedded: bool,
    /// Units that the region polygons of a spatially assigned layout cover more than once
    /// (overlapping or repeated regions), with how many times their area they cover.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overlaps: Vec<(UnitIdx, f64)>,
    /// Region codes that the source gives two different names (the first name is kept).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub name_clashes: Vec<NameClash>,
    regions: Vec<Region>,
    members: Vec<Member>,
    /// Rows that could not be attached to a unit.
    pub unresolved: Vec<Unresolved>,
    /// Units whose predecessors lay in different regions when the layout was carried from
    /// another year's units ([`crate::analysis::translate`]); empty otherwise.
    pub conflicts: Vec<super::herindeling::Conflict>,
    /// The outlines of the parts of split units, where they are known (see [`PartOutline`]);
    /// a split unit without them has no outline for its parts.
    #[serde(skip)]
    pub part_outlines: Vec<PartOutline>,
    /// Unit names as the layout's source spells them, where it has a name column (so
    /// validation can report names that disagree with the code).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source_names: Vec<SourceName>,
    /// Rows whose unit was found by another name than its own ([`AliasedName`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliased: Vec<AliasedName>,
    #[serde(skip)]
    region_index: HashMap<RegionCode, RegionIdx>,
}

impl Layout {
    /// An empty layout with a name.
    pub fn new(name: impl Into<String>) -> Self {
        Layout {
            name: name.into(),
            ..Layout::default()
        }
    }

    /// The layout's name (`swv-po`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the layout.
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    /// Adds a region, or returns the existing one with this code (filling in a missing name).
    pub fn add_region(&mut self, code: RegionCode, name: impl Into<String>) -> RegionIdx {
        let name = name.into();
        if let Some(&i) = self.region_index.get(&code) {
            if let Some(r) = self.regions.get_mut(i) {
                if r.name.is_empty() {
                    r.name = name;
                } else if !name.is_empty()
                    && r.name != name
                    && !self
                        .name_clashes
                        .iter()
                        .any(|c| c.code == code && c.other == name)
                {
                    self.name_clashes.push(NameClash {
                        code,
                        first: r.name.clone(),
                        other: name,
                    });
                }
            }
            return i;
        }
        let i = self.regions.len();
        self.region_index.insert(code.clone(), i);
        self.regions.push(Region { code, name });
        i
    }

    /// Adds a membership. Shares are stored as given; validation checks them.
    /// Adding in unit order is cheapest (an append); other orders insert in place.
    pub fn add_member(&mut self, unit: UnitIdx, region: RegionIdx, share: f64) {
        let m = Member {
            unit,
            region,
            share,
        };
        let pos = self
            .members
            .partition_point(|x| (x.unit, x.region) <= (unit, region));
        self.members.insert(pos, m);
    }

    /// Adds many memberships at once (sorted once at the end).
    pub fn extend_members(&mut self, members: impl IntoIterator<Item = Member>) {
        self.members.extend(members);
        self.sort();
    }

    fn sort(&mut self) {
        self.members.sort_by_key(|a| (a.unit, a.region));
    }

    /// All regions, in the order they were added.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The index of the region with this code.
    pub fn region_index(&self, code: &RegionCode) -> Option<RegionIdx> {
        self.region_index.get(code).copied()
    }

    /// Finds a region by code (exact, then case-insensitive) or by name (case-insensitive),
    /// then by code written with spaces or dashes (`VO 23-05` for `VO2305`).
    pub fn find_region(&self, query: &str) -> Option<RegionIdx> {
        let q = query.trim();
        if let Ok(code) = q.parse::<RegionCode>()
            && let Some(i) = self.region_index(&code)
        {
            return Some(i);
        }
        self.regions
            .iter()
            .position(|r| r.code.as_str().eq_ignore_ascii_case(q))
            .or_else(|| {
                self.regions
                    .iter()
                    .position(|r| r.name.eq_ignore_ascii_case(q))
            })
            .or_else(|| {
                // A code as people write it: `VO 23-05` for VO2305.
                let key = |s: &str| -> String {
                    s.chars()
                        .filter(char::is_ascii_alphanumeric)
                        .map(|c| c.to_ascii_uppercase())
                        .collect()
                };
                let k = key(q);
                (!k.is_empty())
                    .then(|| self.regions.iter().position(|r| key(r.code.as_str()) == k))
                    .flatten()
            })
    }

    /// All memberships, sorted by unit then region.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The memberships of one unit (empty when the unit is not covered).
    pub fn regions_of(&self, unit: UnitIdx) -> impl Iterator<Item = &Member> + '_ {
        let start = self.members.partition_point(|m| m.unit < unit);
        self.members[start..]
            .iter()
            .take_while(move |m| m.unit == unit)
    }

    /// The memberships in one region.
    pub fn units_of(&self, region: RegionIdx) -> impl Iterator<Item = &Member> + '_ {
        self.members.iter().filter(move |m| m.region == region)
    }

    /// Memberships grouped by region: `result[r]` lists the members of region `r`.
    pub fn members_by_region(&self) -> Vec<Vec<Member>> {
        let mut out = vec![Vec::new(); self.regions.len()];
        for m in &self.members {
            if let Some(v) = out.get_mut(m.region) {
                v.push(*m);
            }
        }
        out
    }

    /// The number of distinct units covered by the layout.
    pub fn unit_count(&self) -> usize {
        let mut n = 0;
        let mut last = None;
        for m in &self.members {
            if last != Some(m.unit) {
                n += 1;
                last = Some(m.unit);
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_stay_sorted_and_queryable() {
        let mut l = Layout::new("x");
        let a = l.add_region("A".parse().unwrap(), "Alpha");
        let b = l.add_region("B".parse().unwrap(), "");
        assert_eq!(l.add_region("B".parse().unwrap(), "Beta"), b);
        assert_eq!(l.regions()[b].name, "Beta");
        l.add_member(2, b, 1.0);
        l.add_member(0, a, 0.25);
        l.add_member(0, b, 0.75);
        assert_eq!(l.members()[0].unit, 0);
        assert_eq!(l.regions_of(0).count(), 2);
        assert_eq!(l.regions_of(1).count(), 0);
        assert_eq!(l.units_of(b).count(), 2);
        assert_eq!(l.unit_count(), 2);
        assert_eq!(l.find_region("beta"), Some(b));
        assert_eq!(l.find_region("a"), Some(a));
    }
}
