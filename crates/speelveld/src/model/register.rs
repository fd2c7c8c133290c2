//! Which gemeente codes exist in which year: the register the analyses ask instead of
//! reading files.

use std::collections::{BTreeMap, HashMap};

use super::code::GemeenteCode;

/// The gemeente codes and names of each known year.
///
/// The dataset floor fills it (the embedded years; see
/// [`crate::dataset::embedded_register`]) and every [`Atlas`](crate::model::Atlas) carries
/// it, so that an analysis can say "GM0457 is Weesp, a gemeente of 2015" without knowing
/// where that came from.
///
/// # Examples
/// ```
/// use speelveld::model::GemeenteRegister;
/// let mut r = GemeenteRegister::default();
/// r.add_year(2015, [("GM0457".parse().unwrap(), "Weesp".to_string())]);
/// r.add_year(2025, [("GM0363".parse().unwrap(), "Amsterdam".to_string())]);
/// let weesp = "GM0457".parse().unwrap();
/// assert_eq!(r.name(2015, weesp), Some("Weesp"));
/// assert_eq!(r.other_years(weesp, Some(2025)), vec![(2015, "Weesp")]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GemeenteRegister {
    years: BTreeMap<u16, HashMap<GemeenteCode, String>>,
    /// (from year, to year) → old code → its successors.
    successors: BTreeMap<(u16, u16), HashMap<GemeenteCode, Vec<Successor>>>,
}

/// Where (part of) a gemeente of one year went by a later year.
#[derive(Debug, Clone, PartialEq)]
pub struct Successor {
    /// The later year.
    pub year: u16,
    /// The gemeente in the later year.
    pub code: GemeenteCode,
    /// The share of the old gemeente's area that went there.
    pub share: f64,
    /// The date of the change, when known (`2022-03-24`).
    pub date: Option<String>,
}

impl GemeenteRegister {
    /// Adds (or replaces) the gemeenten of one year.
    pub fn add_year(
        &mut self,
        year: u16,
        gemeenten: impl IntoIterator<Item = (GemeenteCode, String)>,
    ) {
        self.years.insert(year, gemeenten.into_iter().collect());
    }

    /// Records where the gemeenten of `from` went by `to`: (old code, new code, share,
    /// date) of every merger, split or recoding (not the boundary corrections).
    pub fn add_successors(
        &mut self,
        from: u16,
        to: u16,
        pairs: impl IntoIterator<Item = (GemeenteCode, GemeenteCode, f64, Option<String>)>,
    ) {
        let map = self.successors.entry((from, to)).or_default();
        for (old, code, share, date) in pairs {
            map.entry(old).or_default().push(Successor {
                year: to,
                code,
                share,
                date,
            });
        }
    }

    /// Where a gemeente of `from` went by the later year `to`, largest share first; empty
    /// when it is unknown or the code did not change.
    pub fn successors(&self, code: GemeenteCode, from: u16, to: u16) -> Vec<Successor> {
        let mut v = self
            .successors
            .get(&(from, to))
            .and_then(|m| m.get(&code))
            .cloned()
            .unwrap_or_default();
        v.sort_by(|a, b| b.share.total_cmp(&a.share));
        v
    }

    /// The known years, ascending.
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.years.keys().copied()
    }

    /// True when no year is known.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// The gemeenten of a year, in no particular order.
    pub fn gemeenten(&self, year: u16) -> impl Iterator<Item = (GemeenteCode, &str)> + '_ {
        self.years
            .get(&year)
            .into_iter()
            .flat_map(|m| m.iter().map(|(c, n)| (*c, n.as_str())))
    }

    /// The name of a code in a year, when the code exists then.
    pub fn name(&self, year: u16, code: GemeenteCode) -> Option<&str> {
        self.years.get(&year)?.get(&code).map(String::as_str)
    }

    /// The known years other than `year` in which `code` exists, with its name there.
    pub fn other_years(&self, code: GemeenteCode, year: Option<u16>) -> Vec<(u16, &str)> {
        self.years
            .iter()
            .filter(|(y, _)| Some(**y) != year)
            .filter_map(|(y, m)| m.get(&code).map(|n| (*y, n.as_str())))
            .collect()
    }

    /// The latest known year whose gemeenten include every code given (`None` for no code,
    /// or when no year has them all).
    pub fn year_of(&self, codes: &[GemeenteCode]) -> Option<u16> {
        if codes.is_empty() {
            return None;
        }
        self.years
            .iter()
            .rev()
            .find(|(_, m)| codes.iter().all(|c| m.contains_key(c)))
            .map(|(y, _)| *y)
    }
}
