//! A short summary of a dataset: its year and units, each layout with its regions, split
//! units and unresolved rows, and the counts of [`crate::analysis::validate::validate`].
//!
//! # Examples
//! ```
//! let atlas = speelveld::dataset::embedded::atlas(Some(2015)).unwrap();
//! let o = speelveld::analysis::overview::overview(&atlas);
//! assert_eq!(o.units, 393);
//! assert_eq!(o.split_units, 18); // gemeenten split in swv-po or swv-vo
//! assert_eq!(o.errors, 0);
//! ```

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::validate::{Severity, validate};
use crate::error::Error;
use crate::model::Atlas;
use crate::model::{Table, Tabular};

/// One layout in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutOverview {
    /// The layout's name.
    pub layout: String,
    /// Number of regions.
    pub regions: usize,
    /// Units with a region.
    pub units: usize,
    /// Units split over more than one region.
    pub split_units: usize,
    /// Rows of the source that could not be attached to a unit.
    pub unresolved: usize,
    /// Units whose predecessors lay in different regions when the layout was carried from
    /// another year's units (the layout must be redrawn there); see `Layout::conflicts`.
    pub conflicts: usize,
    /// Error-level validation findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Where the layout came from.
    pub source: String,
    /// What the layout rests on: the law (the SWV layouts), CBS/Kadaster, a file
    /// ([`crate::analysis::provenance`]).
    pub legal_basis: String,
    /// The version of that basis: the law's date (and the gemeenten it was carried to), the
    /// CBS year.
    pub version: String,
}

/// The summary of a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// The year of the units, when known.
    pub year: Option<u16>,
    /// Where the units came from.
    pub source: String,
    /// The EPSG code of the geometry.
    pub epsg: u32,
    /// Number of units.
    pub units: usize,
    /// Units with an outline.
    pub units_with_geometry: usize,
    /// Units split over regions in at least one layout.
    pub split_units: usize,
    /// Validation: error-level findings over the units and all layouts.
    pub errors: usize,
    /// Validation: warnings.
    pub warnings: usize,
    /// Validation: info findings.
    pub infos: usize,
    /// The layouts.
    pub layouts: Vec<LayoutOverview>,
}

#[derive(Serialize)]
struct Fact {
    item: &'static str,
    value: String,
}

impl Tabular for Overview {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let facts = [
            (
                "year",
                self.year.map_or("unknown".into(), |y| y.to_string()),
            ),
            ("units", self.units.to_string()),
            ("units with geometry", self.units_with_geometry.to_string()),
            ("layouts", self.layouts.len().to_string()),
            ("split units (any layout)", self.split_units.to_string()),
            (
                "validation",
                format!(
                    "{} error(s), {} warning(s), {} info",
                    self.errors, self.warnings, self.infos
                ),
            ),
            ("crs", format!("EPSG:{}", self.epsg)),
            ("source", self.source.clone()),
        ]
        .map(|(item, value)| Fact { item, value });
        Ok(vec![
            Table::from_rows("layouts", &self.layouts)?
                .titled("layouts")
                .titled_nl("indelingen"),
            Table::from_rows("dataset", &facts)?
                .titled("dataset")
                .titled_nl("gegevensset"),
        ])
    }
}

/// Summarises an atlas.
pub fn overview(atlas: &Atlas) -> Overview {
    // The same findings as `validate` on all layouts (so the counts agree with it).
    let found = validate(atlas, None)
        .map(|v| v.findings)
        .unwrap_or_default();
    let count = |layout: Option<&str>, severity: Severity| {
        found
            .iter()
            .filter(|f| f.severity == severity && layout.is_none_or(|l| f.layout == l))
            .count()
    };
    let (errors, warnings, infos) = (
        count(None, Severity::Error),
        count(None, Severity::Warning),
        count(None, Severity::Info),
    );
    let mut split_any = BTreeSet::new();
    let mut layouts = Vec::new();
    for l in atlas.layouts() {
        let mut split = BTreeSet::new();
        for m in l.members().iter().filter(|m| m.share < 1.0) {
            split.insert(m.unit);
        }
        split_any.extend(split.iter().copied());
        layouts.push(LayoutOverview {
            layout: l.name().to_string(),
            regions: l.regions().len(),
            units: l.unit_count(),
            split_units: split.len(),
            unresolved: l.unresolved.len(),
            conflicts: l.conflicts.len(),
            errors: count(Some(l.name()), Severity::Error),
            warnings: count(Some(l.name()), Severity::Warning),
            source: l.source.clone(),
            legal_basis: crate::analysis::provenance::provenance(&l.source, atlas.year).legal_basis,
            version: crate::analysis::provenance::provenance(&l.source, atlas.year).version,
        });
    }
    Overview {
        year: atlas.year,
        source: atlas.source.clone(),
        epsg: atlas.crs.epsg(),
        units: atlas.units().len(),
        units_with_geometry: atlas
            .units()
            .iter()
            .filter(|u| u.geometry.is_some())
            .count(),
        split_units: split_any.len(),
        errors,
        warnings,
        infos,
        layouts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn overview_2025() {
        let o = overview(&atlas(None).unwrap());
        assert_eq!(
            (o.year, o.units, o.units_with_geometry),
            (Some(2025), 342, 342)
        );
        // Split: the SWV layouts carried from 2015 (conflicts and inherited splits); the
        // warnings are the Europoort rows of swv-po and swv-vo (3 each) and the conflicts.
        assert_eq!((o.split_units, o.errors, o.warnings), (31, 0, 28));
        let conflicts: Vec<usize> = o.layouts.iter().map(|l| l.conflicts).collect();
        assert_eq!(conflicts, [9, 13, 0, 0, 0, 0, 0, 0, 0, 0]);
        let t = o.tables().unwrap();
        assert_eq!(t[0].rows.len(), o.layouts.len());
    }
}
