//! Rendering: SVG maps and the self-contained HTML report, returned as strings.
//!
//! - [`svg_map`]: a layout's regions coloured so neighbours differ, with borders, an
//!   optional second layout's borders, hatched units, labels, a legend and the source.
//! - [`projection`]: WGS84 → RD New and the fit to the viewport.
//! - [`palette`]: colours and the greedy colouring of the region graph.
//! - [`text`]: every sentence of the report, the profile page and the maps, in Dutch and
//!   English.
//! - [`report`]: the HTML report and the one-page profile of a gemeente.

mod mesh;
pub mod palette;
pub mod projection;
pub mod report;
pub mod svg_map;
pub mod text;

pub use svg_map::{MapLayers, MapOptions, render_map};

/// Escapes text for XML/HTML content and attribute values.
///
/// # Examples
/// ```
/// assert_eq!(speelveld::render::esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
/// ```
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
