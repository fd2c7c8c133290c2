//! Which layouts are loaded, with their number of regions and units.

use serde::Serialize;

use crate::error::Error;
use crate::model::Atlas;
use crate::model::{Table, Tabular};

/// One layout in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutSummary {
    /// The layout's name.
    pub layout: String,
    /// Number of regions.
    pub regions: usize,
    /// Number of distinct units covered.
    pub units: usize,
    /// Where it came from.
    pub source: String,
    /// What the layout rests on: the law (the SWV layouts), CBS/Kadaster, a file
    /// ([`crate::analysis::provenance`]).
    pub legal_basis: String,
    /// The version of that basis: the law's date (and the gemeenten it was carried to), the
    /// CBS year.
    pub version: String,
}

/// The layouts of an atlas.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutsSummary {
    /// The atlas year, when known.
    pub year: Option<u16>,
    /// Units in the atlas.
    pub atlas_units: usize,
    /// One entry per layout.
    pub layouts: Vec<LayoutSummary>,
}

/// Summarises the layouts of an atlas.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout};
/// let mut atlas = Atlas::new(None);
/// atlas.add_layout(Layout::new("leeg")).unwrap();
/// let s = speelveld::analysis::layouts::summarise(&atlas);
/// assert_eq!(s.layouts[0].regions, 0);
/// ```
pub fn summarise(atlas: &Atlas) -> LayoutsSummary {
    LayoutsSummary {
        year: atlas.year,
        atlas_units: atlas.units().len(),
        layouts: atlas
            .layouts()
            .iter()
            .map(|l| LayoutSummary {
                layout: l.name().to_string(),
                regions: l.regions().len(),
                units: l.unit_count(),
                source: l.source.clone(),
                legal_basis: crate::analysis::provenance::provenance(&l.source, atlas.year)
                    .legal_basis,
                version: crate::analysis::provenance::provenance(&l.source, atlas.year).version,
            })
            .collect(),
    }
}

impl Tabular for LayoutsSummary {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("layouts", &self.layouts)?
                .titled("layouts")
                .titled_nl("indelingen"),
        ])
    }
}
