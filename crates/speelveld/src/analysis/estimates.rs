//! Which figures rest on an estimate: the parts of split gemeenten.
//!
//! A gemeente that a layout splits over several regions adds `share × figure` to each of
//! them. That is exact only where the share was made from the figure itself: a gemeente
//! that a herindeling joined from predecessors in different regions, weighed by the
//! predecessors' own inhabitants (Amsterdam with Weesp, [`Conflict::basis`] `inwoners`).
//! Every other split is an estimate of how the people are spread over the parts: the law's
//! postcode splits of the SWV table (Rotterdam, Staphorst, …: the share of the gemeente's
//! postcode areas), merger conflicts weighed by area (Tilburg with part of Haaren), and
//! shares as a user's file gives them. A figure other than the one the share was made from
//! (the age groups of Amsterdam's parts) follows the same shares, so it is an estimate
//! there too.
//!
//! [`Conflict::basis`]: crate::model::herindeling::Conflict::basis

use std::collections::BTreeMap;

use crate::model::{Atlas, Layout, UnitIdx};

/// Why the parts of one split unit are an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateBasis {
    /// The layout's own shares (the law's postcode count, or a user's file).
    Shares,
    /// A herindeling's conflict weighed by area.
    Area,
    /// A herindeling's conflict weighed by a figure: exact for that figure, an estimate
    /// for the others.
    Figure,
}

/// The parts of split units in one layout, and what their shares rest on.
#[derive(Debug, Clone, Default)]
pub struct SplitParts {
    /// The layout's name.
    pub layout: String,
    /// Each split unit (in more than one region, or with a share below 1), with the basis
    /// of its shares and, for [`EstimateBasis::Figure`], the figure.
    pub units: BTreeMap<UnitIdx, (EstimateBasis, Option<String>)>,
}

impl SplitParts {
    /// The split units of a layout.
    ///
    /// # Examples
    /// ```
    /// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
    /// use speelveld::analysis::estimates::SplitParts;
    /// let mut atlas = Atlas::new(None);
    /// atlas.add_unit(Unit::new("GM0599".parse::<GemeenteCode>().unwrap(), "Rotterdam")).unwrap();
    /// let mut l = Layout::new("swv");
    /// let (a, b) = (l.add_region("A".parse().unwrap(), ""), l.add_region("B".parse().unwrap(), ""));
    /// l.add_member(0, a, 0.9);
    /// l.add_member(0, b, 0.1);
    /// let parts = SplitParts::of(&atlas, &l);
    /// assert!(parts.is_estimated(0, Some("inwoners")));
    /// ```
    pub fn of(atlas: &Atlas, layout: &Layout) -> SplitParts {
        let mut units = BTreeMap::new();
        let ms = layout.members();
        for (i, m) in ms.iter().enumerate() {
            let shared = ms.get(i + 1).is_some_and(|n| n.unit == m.unit)
                || i.checked_sub(1)
                    .and_then(|p| ms.get(p))
                    .is_some_and(|p| p.unit == m.unit);
            if m.share < 1.0 || shared {
                units.entry(m.unit).or_insert((EstimateBasis::Shares, None));
            }
        }
        for c in &layout.conflicts {
            let Some(u) = atlas
                .units()
                .iter()
                .position(|u| u.code.to_string() == c.unit)
            else {
                continue;
            };
            if let Some(e) = units.get_mut(&u) {
                *e = if c.basis == "area" {
                    (EstimateBasis::Area, None)
                } else {
                    (EstimateBasis::Figure, Some(c.basis.clone()))
                };
            }
        }
        SplitParts {
            layout: layout.name().to_string(),
            units,
        }
    }

    /// Whether the parts of `unit` are an estimate for `figure` (`None`: for the figures in
    /// general, so any split that was not made from a figure).
    pub fn is_estimated(&self, unit: UnitIdx, figure: Option<&str>) -> bool {
        match self.units.get(&unit) {
            None => false,
            Some((EstimateBasis::Figure, Some(f))) => figure != Some(f.as_str()),
            Some(_) => true,
        }
    }

    /// How `unit`'s parts were made, with the layout (`swv-po by its shares`,
    /// `swv-po by area`, `swv-po by inwoners`), or `None` when it is not split.
    pub fn basis(&self, unit: UnitIdx) -> Option<String> {
        self.units.get(&unit).map(|(b, f)| {
            let by = match b {
                EstimateBasis::Shares => "its shares",
                EstimateBasis::Area => "area",
                EstimateBasis::Figure => f.as_deref().unwrap_or("a figure"),
            };
            format!("{} by {by}", self.layout)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn amsterdam_is_exact_for_inhabitants_rotterdam_and_tilburg_are_estimates() {
        let a = atlas(None).unwrap();
        let po = a.layout("swv-po").unwrap();
        let parts = SplitParts::of(&a, po);
        let idx = |c: &str| {
            a.units()
                .iter()
                .position(|u| u.code.to_string() == c)
                .unwrap()
        };
        // 21 split units in swv-po (overview): 12 by the law's postcodes, 9 by a herindeling.
        assert_eq!(parts.units.len(), 21);
        let amsterdam = idx("GM0363");
        assert!(!parts.is_estimated(amsterdam, Some("inwoners")));
        assert!(parts.is_estimated(amsterdam, Some("inwoners_0_14_afgeleid")));
        assert!(parts.is_estimated(amsterdam, None));
        assert!(parts.is_estimated(idx("GM0599"), Some("inwoners")));
        assert_eq!(
            parts.basis(idx("GM0599")).as_deref(),
            Some("swv-po by its shares")
        );
        assert_eq!(
            parts.basis(idx("GM0855")).as_deref(),
            Some("swv-po by area")
        );
        assert_eq!(
            parts.basis(amsterdam).as_deref(),
            Some("swv-po by inwoners")
        );
        assert!(!parts.is_estimated(idx("GM0014"), Some("inwoners")));
    }
}
