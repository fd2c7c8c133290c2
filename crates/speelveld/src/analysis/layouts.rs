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
            })
            .collect(),
    }
}

impl Tabular for LayoutsSummary {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        Ok(vec![
            Table::from_rows("layouts", &self.layouts)?.titled("layouts"),
        ])
    }
}
