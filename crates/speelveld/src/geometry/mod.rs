//! Geometry: ring orientation, areas in km², spatial assignment, dissolve, overlay, adjacency.
//!
//! Every area is in km² and computed for the CRS ([`area_km2`]). Work on many polygons goes in
//! two stages: an R-tree on bounding boxes proposes candidates, exact geometry decides.

pub mod adjacency;
pub mod area;
pub mod assign;
pub mod coverage_union;
pub mod crs;
pub mod dissolve;
pub mod edge_index;
pub mod interior_point;
pub mod overlay;
pub mod repair;
pub mod snap;

pub use area::area_km2;
pub use assign::{AssignMode, AssignOptions, Assignment, assign};
pub use overlay::{Overlap, overlay_areas};
pub use repair::{Repair, check_and_repair};
