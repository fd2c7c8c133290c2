//! Gemeenten of another year and the herindeling between two sets of gemeenten: the
//! embedded table where one exists, a table the user gives, or one derived from geometry.

use std::path::{Path, PathBuf};

use super::embedded;
use crate::analysis::herindeling::{DeriveOptions, derive};
use crate::error::Error;
use crate::io::herindeling::read_herindeling;
use crate::io::text::read_text;
use crate::model::Atlas;
use crate::model::herindeling::Herindeling;

/// Where a set of gemeenten comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gemeenten {
    /// The embedded gemeenten of a year (2015, 2025).
    Year(u16),
    /// A GeoJSON FeatureCollection of gemeenten (or the SWV table of postcode areas).
    File(PathBuf),
}

/// The gemeenten (units only, with geometry) that `source` names.
///
/// # Examples
/// ```
/// use speelveld::dataset::herindeling::{Gemeenten, gemeenten};
/// let a = gemeenten(&Gemeenten::Year(2015)).unwrap();
/// assert_eq!(a.units().len(), 393);
/// assert!(gemeenten(&Gemeenten::Year(1999)).is_err());
/// ```
pub fn gemeenten(source: &Gemeenten) -> Result<Atlas, Error> {
    match source {
        Gemeenten::Year(year) => {
            let f = embedded::gemeente_geojson(*year).ok_or_else(|| Error::UnknownYear {
                year: *year,
                available: embedded::YEARS.map(|y| y.to_string()).join(", "),
            })?;
            embedded::units_atlas(f.name, f.text, Some(*year))
        }
        Gemeenten::File(p) => super::load::read_units(p, None),
    }
}

/// How to find the herindeling from one set of gemeenten to another.
#[derive(Debug, Clone, Default)]
pub struct HerindelingSource<'a> {
    /// A herindeling table (`old_code,new_code,date[,share]`) to use as it is.
    pub table: Option<&'a Path>,
    /// Both sets are embedded years: use the embedded table between them when there is one.
    pub embedded: bool,
}

/// The herindeling from the units of `from` to those of `to`: the given table, else the
/// embedded table between two embedded years, else derived from the geometry of both
/// ([`derive`](crate::analysis::herindeling::derive()) with its default thresholds). Notes of reading a table are in
/// [`Herindeling::notes`].
pub fn herindeling_between(
    from: &Atlas,
    to: &Atlas,
    source: &HerindelingSource<'_>,
) -> Result<Herindeling, Error> {
    if let Some(p) = source.table {
        return read_herindeling(&p.display().to_string(), &read_text(p)?);
    }
    let years = from
        .year
        .zip(to.year)
        .filter(|(a, b)| source.embedded && a != b);
    let table = years.and_then(|(a, b)| Some((a, b, embedded::herindeling_table(a, b)?)));
    if let Some((a, b, f)) = table {
        let mut h = read_herindeling(f.name, f.text)?;
        h.from = a.to_string();
        h.to = b.to_string();
        return Ok(h);
    }
    derive(from, to, &DeriveOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_years_use_the_committed_table() {
        let from = crate::dataset::embedded::atlas(Some(2015)).unwrap();
        let to = gemeenten(&Gemeenten::Year(2025)).unwrap();
        let h = herindeling_between(
            &from,
            &to,
            &HerindelingSource {
                table: None,
                embedded: true,
            },
        )
        .unwrap();
        assert_eq!((h.from.as_str(), h.to.as_str()), ("2015", "2025"));
        // Bussum GM0381 became Gooise Meren GM1942.
        assert!(
            h.pairs
                .iter()
                .any(|p| p.old.to_string() == "GM0381" && p.new.to_string() == "GM1942")
        );
    }
}
