//! Analyses: one question per module, each returning a serialisable result struct.
/// Key figures summed to regions and crosswalk cells, respecting shares.
pub mod aggregate;
pub mod carry;
/// Connected clusters of the overlap graph of two or more layouts.
pub mod clusters;
/// For each region of A its relation to B, plus the congruence figures of the pair.
pub mod compare;
/// Congruence figures of every pair of layouts.
pub mod congruence;
pub mod contingency;
/// The crosswalk (weighted contingency table) of two layouts.
pub mod crosswalk;
pub mod diff;
pub mod estimates;
/// The wide table of every gemeente × every layout, with its key figures.
pub mod export;
pub mod herindeling;
pub mod layouts;
pub mod lookup;
/// ARI, NMI, VI and nesting shares from the contingency table.
pub mod metrics;
/// Units that break the nesting of A in B.
pub mod mismatches;
pub mod neighbours;
/// OOGO partners: SWV's and the gemeenten they must consult.
pub mod oogo;
pub mod overview;
pub mod players;
/// One gemeente's profile: its regions, the partners at each table, its figures.
pub mod profile;
/// Where a layout comes from: its legal or statistical basis and version.
pub mod provenance;
/// One region's profile: its gemeenten, the regions of the other layouts, its OOGO partners.
pub mod region_profile;
/// What a profile query names (a gemeente or a region of any layout), and its profile.
pub mod subject;
pub mod translate;
pub mod validate;
pub mod weights;
