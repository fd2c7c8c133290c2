//! Analyses: one question per module, each returning a serialisable result struct.
pub mod diff;
pub mod herindeling;
pub mod layouts;
pub mod lookup;
pub mod overview;
pub mod translate;
pub mod validate;
