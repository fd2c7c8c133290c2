//! What a unit counts for in a weighted answer: one each, its area, or one of its figures.

use std::fmt;
use std::str::FromStr;

/// The weight of a unit in crosswalks, comparisons, clusters and aggregates. A unit split
/// between regions counts with its share in each.
///
/// # Examples
/// ```
/// use speelveld::Weight;
/// assert_eq!("units".parse::<Weight>().unwrap(), Weight::Units);
/// assert_eq!("area".parse::<Weight>().unwrap(), Weight::Area);
/// assert_eq!("inwoners".parse::<Weight>().unwrap(), Weight::Figure("inwoners".into()));
/// assert_eq!(Weight::Area.to_string(), "area_km2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Weight {
    /// Every unit counts 1.
    #[default]
    Units,
    /// A unit counts its area in km² (units need geometry).
    Area,
    /// A unit counts a named figure (kengetal) such as `inwoners`, loaded with the units.
    Figure(String),
}

impl Weight {
    /// The weight's name in results: `units`, `area_km2` or the figure's name.
    pub fn label(&self) -> &str {
        match self {
            Weight::Units => "units",
            Weight::Area => "area_km2",
            Weight::Figure(name) => name,
        }
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Weight {
    type Err = std::convert::Infallible;

    /// `units`, `area` or `area_km2`; any other name is a figure.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Ok(match s.to_ascii_lowercase().as_str() {
            "units" | "unit" | "count" => Weight::Units,
            "area" | "area_km2" | "km2" => Weight::Area,
            _ => Weight::Figure(s.to_string()),
        })
    }
}
