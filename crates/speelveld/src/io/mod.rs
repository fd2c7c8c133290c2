//! Readers and writers. Readers never analyse; writers never compute.

pub mod geojson;
pub mod text;
pub mod write;
