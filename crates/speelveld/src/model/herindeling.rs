//! A herindeling (municipal reorganisation) table: which units of one year became which units
//! of another, with the share of each old unit that went to each new one.
//!
//! A herindeling is read from a table ([`crate::io::herindeling`]) or derived from the
//! geometry of both years ([`crate::analysis::herindeling`]). Every pair carries a [`Flag`]:
//! `boundary` pairs are tiny pieces (boundary corrections, or the noise of separately
//! generalised geometry); they are listed but carry no membership when a layout is
//! translated ([`crate::analysis::translate`]).
//!
//! # Examples
//! ```
//! use speelveld::model::herindeling::{Flag, Herindeling, Pair};
//! let gm = |c: &str| c.parse().unwrap();
//! let mut h = Herindeling::new("2015", "2016");
//! for old in ["GM0381", "GM0417", "GM0384"] {
//!     h.pairs.push(Pair::new(gm(old), "", gm("GM1942"), "Gooise Meren", 1.0));
//! }
//! h.classify(None);
//! assert!(h.pairs.iter().all(|p| p.flag == Flag::Merger));
//! assert_eq!(h.counts().mergers, 1);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::code::GemeenteCode;

/// What a pair of a herindeling means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// The unit kept its code and its area: the pair is the identity.
    Unchanged,
    /// One old unit became one new unit with another code (a renaming, or a merger whose
    /// other predecessors are outside the table).
    Recoded,
    /// The new unit has more than one (non-boundary) predecessor.
    Merger,
    /// The old unit went, in substantial parts, to more than one new unit.
    Split,
    /// A tiny piece: a boundary correction or generalisation noise, not a membership.
    Boundary,
}

impl Flag {
    /// The flag as written in tables (`merger`).
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Unchanged => "unchanged",
            Flag::Recoded => "recoded",
            Flag::Merger => "merger",
            Flag::Split => "split",
            Flag::Boundary => "boundary",
        }
    }

    /// The flag in `taal` ([`crate::model::values`]): `fusie`, `merger`.
    ///
    /// # Examples
    /// ```
    /// use speelveld::model::{Taal, herindeling::Flag};
    /// assert_eq!(Flag::Merger.label(Taal::Nl), "fusie");
    /// assert_eq!(Flag::Merger.label(Taal::En), "merger");
    /// ```
    pub fn label(self, taal: crate::model::Taal) -> &'static str {
        crate::model::values::value("flag", self.as_str(), taal)
    }

    /// Parses a flag as written in tables (case-insensitive).
    pub fn parse(text: &str) -> Option<Flag> {
        [
            Flag::Unchanged,
            Flag::Recoded,
            Flag::Merger,
            Flag::Split,
            Flag::Boundary,
        ]
        .into_iter()
        .find(|f| f.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// One old unit → new unit pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The old unit's code.
    pub old: GemeenteCode,
    /// The old unit's name (empty when the source has none).
    pub old_name: String,
    /// The new unit's code.
    pub new: GemeenteCode,
    /// The new unit's name (empty when the source has none).
    pub new_name: String,
    /// The share of the old unit that went to the new one, in (0, 1]. The shares of one old
    /// unit, boundary pairs included, sum to 1.
    pub share: f64,
    /// The area of the piece in km², when known (derived from geometry, or given).
    pub area_km2: Option<f64>,
    /// What the pair means.
    pub flag: Flag,
    /// The date the change took effect (`2016-01-01`), when known.
    pub date: Option<String>,
    /// Where the pair came from (`file:line`), or empty for a derived pair.
    pub origin: String,
}

impl Pair {
    /// A pair without area, date or origin, flagged `unchanged` until [`Herindeling::classify`].
    pub fn new(
        old: GemeenteCode,
        old_name: impl Into<String>,
        new: GemeenteCode,
        new_name: impl Into<String>,
        share: f64,
    ) -> Self {
        Pair {
            old,
            old_name: old_name.into(),
            new,
            new_name: new_name.into(),
            share,
            area_km2: None,
            flag: Flag::Unchanged,
            date: None,
            origin: String::new(),
        }
    }
}

/// What happened to one old unit's area: the area of each old unit is accounted for as kept
/// pieces + boundary pieces + the part no new unit covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OldUnit {
    /// The old unit's code.
    pub code: GemeenteCode,
    /// The old unit's name.
    pub name: String,
    /// Its area in km².
    pub area_km2: f64,
    /// The area in pieces that are memberships (not boundary), km².
    pub kept_km2: f64,
    /// The area in boundary pieces, km².
    pub boundary_km2: f64,
    /// The area minus all pieces, km²: the part that lies in no new unit (coastline and
    /// generalisation differences). Slightly negative where the pieces measure more than the
    /// whole: in WGS84 the vertices an intersection adds on an edge make the pieces' geodesic
    /// edges differ from the whole's (at most 0.1 % on the real data).
    pub uncovered_km2: f64,
}

/// The counts of a herindeling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Pairs in the table.
    pub pairs: usize,
    /// Old units with an identity pair and nothing else of substance.
    pub unchanged: usize,
    /// New units with more than one non-boundary predecessor.
    pub mergers: usize,
    /// Old units split into more than one new unit.
    pub splits: usize,
    /// Old units that became one unit with another code, alone.
    pub recoded: usize,
    /// Boundary pairs (tiny pieces).
    pub boundary: usize,
}

/// One predecessor's contribution to a conflicting new unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predecessor {
    /// The old unit (`GM0381 Bussum`).
    pub unit: String,
    /// Its regions in the layout (`PO2701`, or `PO2701 0.6 + PO2702 0.4` when split).
    pub regions: String,
    /// The weight of the piece it gave (km², or the figure).
    pub weight: f64,
}

/// A new unit whose predecessors lay in different regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The new unit's code.
    pub unit: String,
    /// The new unit's name.
    pub name: String,
    /// Its shares in the translated layout (`PO2701 0.72 + PO2702 0.28`).
    pub shares: String,
    /// What the shares weigh the predecessors by: a figure (`inwoners`, the people of each
    /// part), or `area` (an estimate of how many people each part holds).
    pub basis: String,
    /// Where the shares came from.
    pub predecessors: Vec<Predecessor>,
}

/// A herindeling table between two years (or two unit sets).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Herindeling {
    /// The old unit set (`2015`, a file name).
    pub from: String,
    /// The new unit set.
    pub to: String,
    /// The pairs, sorted by old code then new code (see [`Herindeling::sort`]).
    pub pairs: Vec<Pair>,
    /// The area balance of each old unit, when derived from geometry.
    pub old_units: Vec<OldUnit>,
    /// Notes on how the table was read or derived (thresholds, shares filled in, chains).
    pub notes: Vec<String>,
}

impl Herindeling {
    /// An empty table.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Herindeling {
            from: from.into(),
            to: to.into(),
            ..Herindeling::default()
        }
    }

    /// Sorts the pairs by old code, then new code.
    pub fn sort(&mut self) {
        self.pairs.sort_by_key(|p| (p.old, p.new));
    }

    /// Sets the flag of every pair. With `(min_share, min_area_km2)`, a pair under that share
    /// of its old unit, or (when its area is known) under that area, becomes
    /// [`Flag::Boundary`], except an old unit's largest piece, which never is; without
    /// thresholds, pairs already flagged `boundary` stay so and no others become so. Then,
    /// among the other pairs: an old unit with several → `split`; a new unit with several
    /// predecessors → `merger`; else `unchanged` (same code) or `recoded`.
    pub fn classify(&mut self, thresholds: Option<(f64, f64)>) {
        if let Some((min, min_area)) = thresholds {
            let mut largest: BTreeMap<GemeenteCode, f64> = BTreeMap::new();
            for p in &self.pairs {
                let e = largest.entry(p.old).or_insert(0.0);
                *e = e.max(p.share);
            }
            for p in &mut self.pairs {
                let is_largest = largest.get(&p.old).is_some_and(|&l| p.share >= l);
                let small = p.share < min || p.area_km2.is_some_and(|a| a < min_area);
                p.flag = if small && !is_largest {
                    Flag::Boundary
                } else {
                    Flag::Unchanged
                };
            }
        }
        let mut succ: BTreeMap<GemeenteCode, usize> = BTreeMap::new();
        let mut pred: BTreeMap<GemeenteCode, usize> = BTreeMap::new();
        for p in self.pairs.iter().filter(|p| p.flag != Flag::Boundary) {
            *succ.entry(p.old).or_default() += 1;
            *pred.entry(p.new).or_default() += 1;
        }
        for p in self.pairs.iter_mut().filter(|p| p.flag != Flag::Boundary) {
            p.flag = if succ.get(&p.old).copied().unwrap_or(0) > 1 {
                Flag::Split
            } else if pred.get(&p.new).copied().unwrap_or(0) > 1 {
                Flag::Merger
            } else if p.old == p.new {
                Flag::Unchanged
            } else {
                Flag::Recoded
            };
        }
    }

    /// The pairs that carry membership (all but `boundary`), with their shares renormalised
    /// so that each old unit's kept shares sum to 1.
    pub fn kept(&self) -> Vec<Pair> {
        let mut total: BTreeMap<GemeenteCode, f64> = BTreeMap::new();
        for p in self.pairs.iter().filter(|p| p.flag != Flag::Boundary) {
            *total.entry(p.old).or_default() += p.share;
        }
        self.pairs
            .iter()
            .filter(|p| p.flag != Flag::Boundary)
            .map(|p| {
                let t = total.get(&p.old).copied().unwrap_or(1.0);
                let mut q = p.clone();
                if t > 0.0 {
                    q.share = p.share / t;
                }
                q
            })
            .collect()
    }

    /// The counts: pairs, unchanged old units, mergers (new units), splits (old units),
    /// recoded old units and boundary pairs.
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            pairs: self.pairs.len(),
            ..Counts::default()
        };
        let mut merged = BTreeSet::new();
        let mut split = BTreeSet::new();
        for p in &self.pairs {
            match p.flag {
                Flag::Unchanged => c.unchanged += 1,
                Flag::Recoded => c.recoded += 1,
                Flag::Merger => {
                    merged.insert(p.new);
                }
                Flag::Split => {
                    split.insert(p.old);
                }
                Flag::Boundary => c.boundary += 1,
            }
        }
        c.mergers = merged.len();
        c.splits = split.len();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_has_a_dutch_label_and_its_english_name() {
        use crate::model::Taal;
        for f in [
            Flag::Unchanged,
            Flag::Recoded,
            Flag::Merger,
            Flag::Split,
            Flag::Boundary,
        ] {
            assert_eq!(f.label(Taal::En), f.as_str());
            assert_ne!(f.label(Taal::Nl), f.as_str(), "{f:?} has no Dutch");
        }
    }

    fn gm(c: &str) -> GemeenteCode {
        c.parse().unwrap()
    }

    #[test]
    fn classify_split_merger_boundary() {
        let mut h = Herindeling::new("a", "b");
        // Haaren (GM0788) split over four neighbours in 2021; Vught keeps its code.
        h.pairs.push(Pair::new(
            gm("GM0788"),
            "Haaren",
            gm("GM0865"),
            "Vught",
            0.4,
        ));
        h.pairs.push(Pair::new(
            gm("GM0788"),
            "Haaren",
            gm("GM0824"),
            "Oisterwijk",
            0.6,
        ));
        h.pairs.push(Pair::new(
            gm("GM0865"),
            "Vught",
            gm("GM0865"),
            "Vught",
            0.99,
        ));
        h.pairs.push(Pair::new(
            gm("GM0865"),
            "Vught",
            gm("GM0796"),
            "'s-Hertogenbosch",
            0.01,
        ));
        h.pairs.push(Pair::new(
            gm("GM0824"),
            "Oisterwijk",
            gm("GM0824"),
            "Oisterwijk",
            1.0,
        ));
        h.pairs.push(Pair::new(
            gm("GM0363"),
            "Amsterdam",
            gm("GM0363"),
            "Amsterdam",
            1.0,
        ));
        h.pairs.push(Pair::new(
            gm("GM1921"),
            "De Friese Meren",
            gm("GM1999"),
            "",
            1.0,
        ));
        h.classify(Some((0.05, 0.0)));
        let flags: Vec<&str> = h.pairs.iter().map(|p| p.flag.as_str()).collect();
        assert_eq!(
            flags,
            [
                "split",
                "split",
                "merger",
                "boundary",
                "merger",
                "unchanged",
                "recoded"
            ]
        );
        let c = h.counts();
        assert_eq!(
            (c.mergers, c.splits, c.boundary, c.recoded, c.unchanged),
            (2, 1, 1, 1, 1)
        );
        let kept = h.kept();
        assert_eq!(kept.len(), 6);
        assert_eq!(kept[2].share, 1.0);
        assert_eq!(Flag::parse(" Boundary"), Some(Flag::Boundary));
    }
}
