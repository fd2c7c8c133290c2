//! Readers and writers. Readers never analyse; writers never compute.

pub mod figures;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod format;
pub mod geojson;
mod geojson_parse;
pub mod geojson_write;
pub mod herindeling;
pub mod membership;
pub mod number;
pub mod swv;
pub mod text;
pub mod units;
pub mod wide_table;
pub mod write;
