//! Analyses: one question per module, each returning a serialisable result struct.
pub mod layouts;
pub mod lookup;
pub mod overview;
pub mod validate;
