//! The atlas: the units of one year plus all layouts over them.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::code::UnitCode;
use super::layout::{Layout, UnitIdx};
use super::register::GemeenteRegister;
use super::unit::Unit;
use crate::error::Error;

/// The coordinate reference system of an atlas's geometry: one of the two speelveld
/// computes in. Files in any other CRS ([`crate::model::Epsg`]) are reprojected to RD New on
/// read ([`crate::geometry::crs::Reprojection`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Crs {
    /// WGS84 longitude/latitude in degrees (EPSG:4326), the GeoJSON default.
    #[default]
    Wgs84,
    /// Amersfoort / RD New in metres (EPSG:28992).
    RdNew,
}

impl Crs {
    /// The EPSG code.
    pub fn epsg(self) -> u32 {
        match self {
            Crs::Wgs84 => 4326,
            Crs::RdNew => 28992,
        }
    }
}

/// The units of one year and every layout over them.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// let mut atlas = Atlas::new(Some(2025));
/// let ams = atlas.add_unit(Unit::new("GM0363".parse::<GemeenteCode>().unwrap(), "Amsterdam")).unwrap();
/// let mut jz = Layout::new("jeugdzorgregio");
/// let r = jz.add_region("JZ13".parse().unwrap(), "Amsterdam-Amstelland");
/// jz.add_member(ams, r, 1.0);
/// atlas.add_layout(jz).unwrap();
/// assert_eq!(atlas.layout("jeugdzorgregio").unwrap().regions().len(), 1);
/// assert!(atlas.layout("swv-po").is_err());
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct Atlas {
    /// The year the units belong to (`2025`), when known.
    pub year: Option<u16>,
    /// The CRS of the unit geometry.
    pub crs: Crs,
    /// Where the units came from.
    pub source: String,
    /// Notes of loading (repaired geometry, slivers dropped by spatial assignment…), each
    /// with its file and kind; the CLI prints those about the user's files to stderr.
    pub notes: Vec<crate::model::Note>,
    /// Which gemeente codes exist in which year (filled by the dataset floor; empty for an
    /// atlas built by hand), for messages about codes of another year.
    #[serde(skip)]
    pub register: Arc<GemeenteRegister>,
    units: Vec<Unit>,
    layouts: Vec<Layout>,
    #[serde(skip)]
    index: HashMap<UnitCode, UnitIdx>,
}

impl Atlas {
    /// An empty atlas for a year.
    pub fn new(year: Option<u16>) -> Self {
        Atlas {
            year,
            ..Atlas::default()
        }
    }

    /// Adds a unit; a code that is already present is an error.
    pub fn add_unit(&mut self, unit: Unit) -> Result<UnitIdx, Error> {
        if let Some(&i) = self.index.get(&unit.code) {
            return Err(Error::DuplicateUnit {
                code: unit.code.to_string(),
                first: self.units[i].name.clone(),
                second: unit.name,
            });
        }
        let i = self.units.len();
        self.index.insert(unit.code, i);
        self.units.push(unit);
        Ok(i)
    }

    /// All units.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Mutable access to the units (to attach figures or geometry); codes must not change.
    pub fn units_mut(&mut self) -> &mut [Unit] {
        &mut self.units
    }

    /// The index of the unit with this code.
    pub fn unit_index(&self, code: &UnitCode) -> Option<UnitIdx> {
        self.index.get(code).copied()
    }

    /// Adds a layout; a name that is already present is an error.
    pub fn add_layout(&mut self, layout: Layout) -> Result<(), Error> {
        if self.layouts.iter().any(|l| l.name() == layout.name()) {
            return Err(Error::DuplicateLayout(layout.name().to_string()));
        }
        self.layouts.push(layout);
        Ok(())
    }

    /// Adds a layout, replacing one of the same name.
    pub fn replace_layout(&mut self, layout: Layout) {
        match self.layouts.iter_mut().find(|l| l.name() == layout.name()) {
            Some(l) => *l = layout,
            None => self.layouts.push(layout),
        }
    }

    /// All layouts, in the order they were added.
    pub fn layouts(&self) -> &[Layout] {
        &self.layouts
    }

    /// Mutable access to the layouts (to mark or relabel them); names must stay unique.
    pub fn layouts_mut(&mut self) -> &mut [Layout] {
        &mut self.layouts
    }

    /// The layout with this name, or an error that lists the available ones.
    pub fn layout(&self, name: &str) -> Result<&Layout, Error> {
        self.layouts
            .iter()
            .find(|l| l.name() == name)
            .or_else(|| {
                self.layouts
                    .iter()
                    .find(|l| l.name().eq_ignore_ascii_case(name))
            })
            .ok_or_else(|| Error::UnknownLayout {
                name: name.to_string(),
                available: self
                    .layouts
                    .iter()
                    .map(|l| l.name().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
