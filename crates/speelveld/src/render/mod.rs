//! Rendering: SVG maps and the self-contained HTML report, returned as strings.
