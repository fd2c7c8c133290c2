//! What the one-page profiles (of a gemeente and of a region) share: the page's head with
//! its title, lead and search box, its sections, the tables of a result under the page's
//! captions, and the map clipped to the surroundings.

use std::fmt::Write;

use super::{ReportOptions, map_figure, page, search_box};
use crate::model::{Atlas, Table, UnitIdx};
use crate::render::esc;
use crate::render::svg_map::{Clip, Focus, MapLayers, MapOptions};

/// The table of a result with this name, if it has one, under a caption of the page.
pub(super) fn captioned(tables: &[Table], name: &str, caption: String) -> Option<Table> {
    let mut t = tables.iter().find(|t| t.name == name)?.clone();
    t.title = caption;
    t.title_nl = None;
    Some(t)
}

/// The body of a page: its sections, each with an anchor and a heading.
#[derive(Default)]
pub(super) struct Sections {
    body: String,
}

impl Sections {
    /// Adds a section: `<h2 id=…>` with the heading (escaped) and the inner HTML.
    pub(super) fn add(&mut self, id: &str, heading: &str, inner: &str) {
        let _ = writeln!(
            self.body,
            "<section><h2 id=\"{id}\">{}</h2>{inner}</section>",
            esc(heading)
        );
    }

    /// The whole page: the title as its heading, the lead paragraph (HTML) and the search
    /// box above the sections.
    pub(super) fn page(self, title: &str, lead_html: &str, opts: &ReportOptions) -> String {
        let head = format!(
            "<header><h1>{}</h1><p class=\"lead\">{lead_html}</p>{}</header>",
            esc(title),
            search_box(opts.taal)
        );
        page(title, opts.taal, &head, &self.body)
    }
}

/// Where a profile's map looks: the units drawn in colour, the clip's name, and the
/// units it is about (hatched or outlined).
pub(super) struct Surroundings<'a> {
    /// The units drawn in colour.
    pub(super) units: Vec<UnitIdx>,
    /// The name of what is drawn (the legend's "outside …").
    pub(super) label: String,
    /// Units to hatch, with the legend line for them.
    pub(super) hatch: (&'a [UnitIdx], Option<String>),
    /// The units the map is about, outlined and named, the rest of the clip lighter.
    pub(super) focus: Option<Focus>,
}

/// The map of a profile: layout `a` coloured (with the borders of `b`), clipped to the
/// surroundings, as a figure with its hover line.
pub(super) fn clipped_map(
    atlas: &Atlas,
    a: &crate::model::Layout,
    b: Option<&crate::model::Layout>,
    around: Surroundings<'_>,
    opts: &ReportOptions,
) -> String {
    let map_opts = MapOptions {
        width: opts.map_width,
        id_prefix: "profiel".into(),
        highlight_legend: around.hatch.1,
        taal: opts.taal,
        clip: Some(Clip::Units(around.units, around.label)),
        focus: around.focus,
        ..MapOptions::default()
    };
    map_figure(
        atlas,
        MapLayers {
            a,
            b,
            highlight: around.hatch.0,
        },
        &map_opts,
    )
}
