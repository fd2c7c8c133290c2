//! Readers and writers. Readers never analyse; writers never compute.

pub mod figures;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod format;
pub mod geojson;
pub mod geojson_write;
pub mod herindeling;
pub mod membership;
pub mod number;
pub mod swv;
pub mod text;
pub mod units;
pub mod wide_table;
pub mod workbook;
pub mod write;
pub mod xlsx_write;
