//! Polygon layers as read from any GIS format: features with a code, a name, an outline
//! and their properties. Readers in [`crate::io`] produce them; [`crate::geometry`] and the
//! dataset floor consume them.

use geo::MultiPolygon;
use serde_json::{Map, Value};

use super::atlas::Crs;

/// One polygon feature as read.
#[derive(Debug, Clone)]
pub struct PolygonFeature {
    /// 0-based position of the feature in the file.
    pub index: usize,
    /// The code property, trimmed (not yet parsed: the caller knows which kind of code).
    pub code: String,
    /// The name property, or empty.
    pub name: String,
    /// The outline, with rings normalised.
    pub geometry: MultiPolygon<f64>,
    /// All properties, for other fields chosen by option.
    pub properties: Map<String, Value>,
}

/// The features of one file and the CRS they are in.
#[derive(Debug, Clone)]
pub struct PolygonLayer {
    /// The features, in file order.
    pub features: Vec<PolygonFeature>,
    /// The CRS, from the `crs` member or, without one, from the coordinate range.
    pub crs: Crs,
    /// The code property that was used.
    pub code_field: String,
    /// Warnings about repairs made while reading (rings closed), naming file and feature.
    pub notes: Vec<crate::model::Note>,
}
