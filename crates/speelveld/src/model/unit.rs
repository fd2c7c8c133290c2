//! A unit: the smallest building block of every layout (a gemeente, or a postcode area).

use std::collections::BTreeMap;

use geo::MultiPolygon;
use serde::Serialize;

use super::code::UnitCode;

/// One unit of an atlas: its code, name, optional geometry and named figures.
///
/// Geometry is kept in the CRS of the atlas it belongs to (see [`crate::Crs`]).
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// The unit's code (`GM0363`).
    pub code: UnitCode,
    /// The unit's name as its source spells it (`Amsterdam`).
    pub name: String,
    /// The unit's outline, when known. Not serialised (too large for tables).
    #[serde(skip)]
    pub geometry: Option<MultiPolygon<f64>>,
    /// Named figures (kengetallen) such as `inhabitants`.
    pub figures: BTreeMap<String, f64>,
}

impl Unit {
    /// A unit without geometry or figures.
    pub fn new(code: impl Into<UnitCode>, name: impl Into<String>) -> Self {
        Unit {
            code: code.into(),
            name: name.into(),
            geometry: None,
            figures: BTreeMap::new(),
        }
    }

    /// The same unit with a geometry.
    pub fn with_geometry(mut self, geometry: MultiPolygon<f64>) -> Self {
        self.geometry = Some(geometry);
        self
    }

    /// The value of a named figure, if present.
    pub fn figure(&self, name: &str) -> Option<f64> {
        self.figures.get(name).copied()
    }
}
