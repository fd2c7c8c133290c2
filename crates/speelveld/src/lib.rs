//! # speelveld
//!
//! Put the Netherlands' regional layouts side by side: samenwerkingsverbanden passend
//! onderwijs (SWV PO and VO), jeugdzorgregio's, provincies and any other layout built from
//! gemeenten. Data flows one way: **read → [`Atlas`] → analysis → result struct → writer**.
//!
//! - [`model`]: codes, units, regions, layouts and the atlas.
//! - [`io`]: readers (CBS GeoJSON, membership CSV, wide tables, the SWV table) and writers.
//! - [`analysis`]: one question per module (validate, crosswalk, compare, clusters, OOGO…).
//! - [`geometry`]: areas, spatial assignment, dissolve, overlay, adjacency.
//! - [`render`]: SVG maps and the HTML report.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
pub mod dataset;
pub mod error;
pub mod geometry;
pub mod io;
pub mod model;
pub mod render;

pub use error::{Error, Result};
pub use model::{
    Atlas, CodeError, Crs, GemeenteCode, Layout, Member, Pc4, Region, RegionCode, RegionIdx, Unit,
    UnitCode, UnitIdx, Unresolved, Weight,
};
