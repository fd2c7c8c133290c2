//! Assembling an [`Atlas`](crate::model::Atlas): the floor above the analyses.
//!
//! The readers in [`crate::io`] turn bytes into typed tables and polygon layers; the
//! algorithms in [`crate::geometry`] and [`crate::analysis`] work on typed inputs. This floor
//! puts them together: the embedded years ([`embedded`]), the user's own files ([`load`]),
//! spatial assignment of region polygons (calling [`crate::geometry::assign`](mod@crate::geometry::assign)),
//! and carrying the SWV law to later years (calling [`crate::analysis::translate`]). It also
//! fills the atlas's [`GemeenteRegister`](crate::model::GemeenteRegister), so that the
//! analyses can tell which codes exist in which year without reading any file.

pub mod embedded;
pub mod figures;
pub mod herindeling;
pub mod load;
mod register;

pub use register::embedded_register;
