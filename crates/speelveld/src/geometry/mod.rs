//! Geometry: ring orientation, areas in km², spatial assignment, dissolve, overlay, adjacency.
