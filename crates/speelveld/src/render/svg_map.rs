//! SVG maps of a layout: each region its own colour (neighbours never alike), thin unit
//! borders, thick region borders, optionally a second layout's borders wide in magenta
//! under them and highlighted (hatched) units, with labels sized to the map, a legend and
//! the source in a corner. A map can be clipped to a provincie or region ([`Clip`]).

use std::collections::BTreeSet;
use std::fmt::Write;

use geo::BoundingRect;

use super::esc;
use super::mesh::Mesh;
use super::palette::{colour, greedy_colouring};
use super::projection::Projection;
use crate::error::Error;
use crate::geometry::adjacency::{AdjacencyOptions, atlas_adjacency, region_adjacency};
use crate::model::{Atlas, Layout, RegionIdx, Taal, UnitIdx};
use crate::render::text::Key;

/// The colour of the second layout's borders: magenta, drawn wide under the black borders
/// of the first, so that the two never look alike.
pub const B_COLOUR: &str = "#e6007e";

/// The fill of units drawn around a clipped area, outside it.
const OUTSIDE_FILL: &str = "#dfe3e6";

/// The part of the country a map draws.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Clip {
    /// The gemeenten of a provincie or of any region of a loaded layout, by code or name
    /// (`Overijssel`, `JZ07`, `PO2305`); provincies are looked up first.
    Area(String),
    /// These units (atlas indices), named by the label (a gemeente and its surroundings).
    Units(Vec<UnitIdx>, String),
}

/// The units a clip draws in colour, and how the legend names them.
///
/// # Examples
/// ```
/// use speelveld::render::svg_map::{Clip, clip_units};
/// let atlas = speelveld::dataset::embedded::atlas(Some(2025)).unwrap();
/// let (units, label) = clip_units(&atlas, &Clip::Area("Flevoland".into())).unwrap();
/// assert_eq!((units.len(), label.as_str()), (6, "PV24 Flevoland"));
/// assert!(clip_units(&atlas, &Clip::Area("Atlantis".into())).is_err());
/// ```
pub fn clip_units(atlas: &Atlas, clip: &Clip) -> Result<(Vec<UnitIdx>, String), Error> {
    match clip {
        Clip::Units(units, label) => Ok((units.clone(), label.clone())),
        Clip::Area(query) => {
            let q = query.trim();
            let squeezed: String = q.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
            let layouts = atlas.layouts();
            let order = layouts
                .iter()
                .filter(|l| l.name() == "provincie")
                .chain(layouts.iter().filter(|l| l.name() != "provincie"));
            for l in order {
                let Some(r) = l.find_region(q).or_else(|| l.find_region(&squeezed)) else {
                    continue;
                };
                let mut units: Vec<UnitIdx> = l.units_of(r).map(|m| m.unit).collect();
                units.sort_unstable();
                units.dedup();
                let label = l
                    .regions()
                    .get(r)
                    .map_or(q.to_string(), |r| format!("{} {}", r.code, r.name));
                return Ok((units, label.trim().to_string()));
            }
            let examples: Vec<String> = layouts
                .iter()
                .filter(|l| l.name() == "provincie")
                .chain(layouts.iter())
                .flat_map(|l| l.regions().iter().take(3).map(|r| r.name.clone()))
                .filter(|n| !n.is_empty())
                .take(3)
                .collect();
            Err(Error::UnknownClip {
                query: q.to_string(),
                examples: if examples.is_empty() {
                    "a region code".into()
                } else {
                    examples.join(", ")
                },
            })
        }
    }
}

/// How to draw a map. `MapOptions::default()` gives an 800 px wide map with labels and legend.
#[derive(Debug, Clone)]
pub struct MapOptions {
    /// Width of the SVG in pixels (default 800); the height follows from the shape.
    pub width: f64,
    /// A title drawn in the top-left corner (default: the layout names).
    pub title: Option<String>,
    /// Region labels where they fit (default on).
    pub labels: bool,
    /// The legend (default on).
    pub legend: bool,
    /// Prefix of the ids inside the SVG (patterns), so several maps can share one HTML page
    /// (default `map`).
    pub id_prefix: String,
    /// What the highlighted units are, after "N gemeenten" in the legend (default, when
    /// empty: "in a mismatch between the layouts", in the map's language).
    pub highlight_label: String,
    /// The whole legend line of the highlighted units, instead of "N gemeenten" and
    /// [`MapOptions::highlight_label`] (default none).
    pub highlight_legend: Option<String>,
    /// The language of the legend (default English).
    pub taal: Taal,
    /// Draw only part of the country: the clip's units in colour, with a margin of their
    /// neighbours in grey (default: the whole country).
    pub clip: Option<Clip>,
    /// The units of the clip that the map is about (a region's gemeenten): drawn at full
    /// colour inside a thick outline and labelled by name, the other units of the clip
    /// lighter (default: none, every unit of the clip at full colour).
    pub focus: Option<Focus>,
}

/// The units a map is about ([`MapOptions::focus`]), and the legend's words for them.
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    /// The units (atlas indices).
    pub units: Vec<UnitIdx>,
    /// The legend line of their outline (`SWV VO 23-05: its gemeenten by name`).
    pub label: String,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            width: 800.0,
            title: None,
            labels: true,
            legend: true,
            id_prefix: "map".into(),
            highlight_label: String::new(),
            highlight_legend: None,
            taal: Taal::default(),
            clip: None,
            focus: None,
        }
    }
}

/// The box of a placed label in pixels: left, top, right, bottom.
type LabelBox = (f64, f64, f64, f64);

/// What one map shows: a layout, optionally a second layout's borders, and units to hatch.
#[derive(Debug, Clone, Copy)]
pub struct MapLayers<'a> {
    /// The layout whose regions are coloured.
    pub a: &'a Layout,
    /// A layout whose borders are drawn wide in magenta.
    pub b: Option<&'a Layout>,
    /// Units to hatch (for example the mismatches between `a` and `b`).
    pub highlight: &'a [UnitIdx],
}

/// The main region of each unit in a layout (largest share; `None` when not covered), and
/// whether the unit is split between regions.
fn main_regions(atlas: &Atlas, layout: &Layout) -> (Vec<Option<RegionIdx>>, Vec<Vec<RegionIdx>>) {
    let n = atlas.units().len();
    let mut best: Vec<Option<(RegionIdx, f64)>> = vec![None; n];
    let mut all: Vec<Vec<RegionIdx>> = vec![Vec::new(); n];
    for m in layout.members() {
        let Some(slot) = best.get_mut(m.unit) else {
            continue;
        };
        if slot.is_none_or(|(_, s)| m.share > s) {
            *slot = Some((m.region, m.share));
        }
        if let Some(v) = all.get_mut(m.unit) {
            v.push(m.region);
        }
    }
    (best.into_iter().map(|b| b.map(|(r, _)| r)).collect(), all)
}

/// Draws a map as a standalone SVG document.
///
/// Units without geometry are left out and counted in the legend; when no unit has
/// geometry the result is [`Error::NoGeometry`].
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout, Unit, GemeenteCode};
/// use speelveld::render::svg_map::{render_map, MapLayers, MapOptions};
/// let sq = |x: f64| geo::MultiPolygon::new(vec![geo::Rect::new(
///     geo::coord! { x: x, y: 52.0 }, geo::coord! { x: x + 0.1, y: 52.1 }).to_polygon()]);
/// let mut atlas = Atlas::new(Some(2025));
/// let a = atlas.add_unit(Unit::new("GM0001".parse::<GemeenteCode>().unwrap(), "Een").with_geometry(sq(5.0))).unwrap();
/// let b = atlas.add_unit(Unit::new("GM0002".parse::<GemeenteCode>().unwrap(), "Twee").with_geometry(sq(5.1))).unwrap();
/// let mut l = Layout::new("demo");
/// let r1 = l.add_region("R1".parse().unwrap(), "West");
/// let r2 = l.add_region("R2".parse().unwrap(), "Oost");
/// l.add_member(a, r1, 1.0);
/// l.add_member(b, r2, 1.0);
/// let svg = render_map(&atlas, MapLayers { a: &l, b: None, highlight: &[] }, &MapOptions::default()).unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("Bron: CBS/Kadaster, 2025"));
/// ```
pub fn render_map(
    atlas: &Atlas,
    layers: MapLayers<'_>,
    opts: &MapOptions,
) -> Result<String, Error> {
    let d = Drawing::new(atlas, layers, opts)?;
    let (w, h) = (d.proj.width(), d.proj.height());
    let mut s = String::with_capacity(128 * 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="Helvetica,Arial,sans-serif" role="img" aria-label="{t}"><title>{t}</title>"##,
        t = esc(&d.title)
    );
    let (defs, unit_fill) = d.fills();
    let _ = write!(s, "<defs>{defs}</defs>");
    let _ = write!(s, r##"<rect width="{w}" height="{h}" fill="#f4f8fb"/>"##);
    d.units(&mut s, &unit_fill);
    d.parts(&mut s);
    d.highlights(&mut s);
    d.borders(&mut s);
    d.focus_outline(&mut s);
    // Names of the focus units first; region labels keep clear of them.
    let mut placed = d.focus_labels(&mut s);
    if opts.labels {
        d.labels(&mut s, &mut placed);
    }
    if opts.legend {
        d.legend(&mut s);
    }
    // Source and year in the bottom-right corner.
    let year = atlas.year.map_or(String::new(), |y| format!(", {y}"));
    let _ = write!(
        s,
        r##"<text x="{:.0}" y="{:.0}" font-size="10" fill="#555" text-anchor="end">Bron: CBS/Kadaster{year} · speelveld</text></svg>"##,
        w - 8.0,
        h - 8.0
    );
    Ok(s)
}

/// Everything one map is drawn from: the projected mesh, each unit's regions of A and B, the
/// colours of A's regions and the highlighted units.
struct Drawing<'a> {
    atlas: &'a Atlas,
    layers: MapLayers<'a>,
    opts: &'a MapOptions,
    proj: Projection,
    mesh: Mesh,
    /// The main region of A of each unit, and all its regions of A.
    main_a: Vec<Option<RegionIdx>>,
    all_a: Vec<Vec<RegionIdx>>,
    /// The same for B, when the map has B.
    main_b: Option<Vec<Option<RegionIdx>>>,
    all_b: Option<Vec<Vec<RegionIdx>>>,
    /// The colour index of each region of A.
    colours: Vec<usize>,
    /// Highlighted units that have geometry.
    highlight: BTreeSet<UnitIdx>,
    /// `inside[u]`: the unit is drawn in colour (all of them without a clip).
    inside: Vec<bool>,
    /// The focus units that are drawn ([`MapOptions::focus`]).
    focus: BTreeSet<UnitIdx>,
    /// The clip's label, when clipped.
    clip_label: Option<String>,
    title: String,
}

impl<'a> Drawing<'a> {
    fn new(atlas: &'a Atlas, layers: MapLayers<'a>, opts: &'a MapOptions) -> Result<Self, Error> {
        let n = atlas.units().len();
        let (inside, clip_label) = match &opts.clip {
            None => (vec![true; n], None),
            Some(clip) => {
                let (units, label) = clip_units(atlas, clip)?;
                let mut inside = vec![false; n];
                for u in units {
                    if let Some(x) = inside.get_mut(u) {
                        *x = true;
                    }
                }
                (inside, Some(label))
            }
        };
        let union = |a: geo::Rect<f64>, b: geo::Rect<f64>| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        };
        let what = || match &clip_label {
            Some(c) => format!("layout '{}' clipped to {c}", layers.a.name()),
            None => format!("layout '{}'", layers.a.name()),
        };
        let bounds = atlas
            .units()
            .iter()
            .enumerate()
            .filter(|(u, _)| inside.get(*u).copied().unwrap_or(false))
            .filter_map(|(_, u)| u.geometry.as_ref()?.bounding_rect())
            .reduce(union)
            .ok_or_else(|| Error::NoGeometry { what: what() })?;
        // A clipped map shows a margin of its surroundings (8 % of its larger side), and
        // room above for the legend (a quarter of its height; north is up in both CRS's).
        let bounds = if clip_label.is_some() {
            let m = 0.08 * bounds.width().max(bounds.height());
            let top = if opts.legend {
                0.25 * bounds.height()
            } else {
                0.0
            };
            geo::Rect::new(
                geo::coord! { x: bounds.min().x - m, y: bounds.min().y - m },
                geo::coord! { x: bounds.max().x + m, y: bounds.max().y + m + top },
            )
        } else {
            bounds
        };
        let proj = Projection::fit(atlas.crs, bounds, opts.width.max(100.0), 12.0);
        // Units that reach into the frame are drawn; the rest of the country is left out.
        let in_frame: Vec<bool> = atlas
            .units()
            .iter()
            .map(|u| {
                u.geometry
                    .as_ref()
                    .and_then(|g| g.bounding_rect())
                    .is_some_and(|r| {
                        r.min().x <= bounds.max().x
                            && bounds.min().x <= r.max().x
                            && r.min().y <= bounds.max().y
                            && bounds.min().y <= r.max().y
                    })
            })
            .collect();
        let mesh = Mesh::build_only(atlas, &proj, |u| {
            inside.get(u).copied().unwrap_or(false) || in_frame.get(u).copied().unwrap_or(false)
        });
        let (main_a, all_a) = main_regions(atlas, layers.a);
        let (main_b, all_b) = match layers.b.map(|b| main_regions(atlas, b)) {
            Some((m, a)) => (Some(m), Some(a)),
            None => (None, None),
        };
        let graph = atlas_adjacency(atlas, AdjacencyOptions::default());
        let colours = greedy_colouring(&region_adjacency(&graph, layers.a));
        let highlight = layers
            .highlight
            .iter()
            .copied()
            .filter(|&u| mesh.has_geometry(u) && inside.get(u).copied().unwrap_or(false))
            .collect();
        let focus = opts
            .focus
            .iter()
            .flat_map(|f| f.units.iter().copied())
            .filter(|&u| mesh.has_geometry(u) && inside.get(u).copied().unwrap_or(false))
            .collect();
        let title = opts.title.clone().unwrap_or_else(|| {
            let t = match layers.b {
                Some(b) => Key::TitleWithBorders
                    .fill(opts.taal, &[("a", layers.a.name()), ("b", b.name())]),
                None => layers.a.name().to_string(),
            };
            match &clip_label {
                Some(c) => format!("{t} · {c}"),
                None => t,
            }
        });
        Ok(Drawing {
            atlas,
            layers,
            opts,
            proj,
            mesh,
            main_a,
            all_a,
            main_b,
            all_b,
            colours,
            highlight,
            inside,
            focus,
            clip_label,
            title,
        })
    }

    fn is_inside(&self, u: UnitIdx) -> bool {
        self.inside.get(u).copied().unwrap_or(false)
    }

    /// True when the map has a focus and this unit of the clip lies outside it: drawn
    /// lighter.
    fn is_faded(&self, u: UnitIdx) -> bool {
        !self.focus.is_empty() && self.is_inside(u) && !self.focus.contains(&u)
    }

    /// The attribute that draws a faded unit lighter.
    fn fade(&self, u: UnitIdx) -> &'static str {
        if self.is_faded(u) {
            r##" fill-opacity="0.42""##
        } else {
            ""
        }
    }

    /// The side of a unit for region borders: its main region inside the clip, one class
    /// for everything outside.
    fn side_a(&self, u: UnitIdx) -> Option<RegionIdx> {
        if self.is_inside(u) {
            self.main_a(u)
        } else {
            Some(usize::MAX)
        }
    }

    /// The font size of the labels: it grows with the map's width (11 px at 800 px).
    fn font_size(&self) -> f64 {
        ((self.opts.width / 72.0).clamp(9.0, 40.0) * 10.0).round() / 10.0
    }

    fn regions_a(&self, u: UnitIdx) -> &[RegionIdx] {
        self.all_a.get(u).map(Vec::as_slice).unwrap_or(&[])
    }

    fn main_a(&self, u: UnitIdx) -> Option<RegionIdx> {
        self.main_a.get(u).copied().flatten()
    }

    fn fill_of(&self, r: RegionIdx) -> String {
        colour(self.colours.get(r).copied().unwrap_or(0))
    }

    /// The patterns (hatching for highlighted units, stripes in the colours of its regions
    /// for a split unit) and each unit's fill.
    fn fills(&self) -> (String, Vec<String>) {
        let p = &self.opts.id_prefix;
        let mut defs = String::new();
        let _ = write!(
            defs,
            r##"<pattern id="{p}-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><path d="M0 0v5" stroke="#1a1a1a" stroke-width="1.4"/></pattern>"##
        );
        let mut split_patterns: Vec<Vec<usize>> = Vec::new();
        let fills = (0..self.atlas.units().len())
            .map(|u| {
                if !self.is_inside(u) {
                    return OUTSIDE_FILL.into();
                }
                let regions = self.regions_a(u);
                if regions.len() < 2 {
                    return self.main_a(u).map_or("#f2f2f2".into(), |r| self.fill_of(r));
                }
                let mut cs: Vec<usize> = regions
                    .iter()
                    .map(|&r| self.colours.get(r).copied().unwrap_or(0))
                    .collect();
                cs.sort_unstable();
                cs.dedup();
                let id = split_patterns
                    .iter()
                    .position(|x| *x == cs)
                    .unwrap_or_else(|| {
                        stripes(&mut defs, p, split_patterns.len(), &cs);
                        split_patterns.push(cs);
                        split_patterns.len() - 1
                    });
                format!("url(#{p}-split{id})")
            })
            .collect();
        (defs, fills)
    }

    /// The units, each with a tooltip naming the unit, its regions and its first figures.
    fn units(&self, s: &mut String, unit_fill: &[String]) {
        s.push_str(
            r##"<g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round" fill-rule="evenodd">"##,
        );
        let a = self.layers.a;
        for (u, unit) in self.atlas.units().iter().enumerate() {
            if !self.mesh.has_geometry(u) {
                continue;
            }
            let mut tip = format!(
                "{} ({}) · {}: {}",
                unit.name,
                unit.code,
                a.name(),
                region_text(a, self.regions_a(u), u)
            );
            if let (Some(b), Some(all_b)) = (self.layers.b, &self.all_b) {
                let regions = all_b.get(u).map(Vec::as_slice).unwrap_or(&[]);
                let _ = write!(tip, " · {}: {}", b.name(), region_text(b, regions, u));
            }
            for (k, v) in unit.figures.iter().take(4) {
                let _ = write!(tip, " · {k}: {}", format_figure(*v));
            }
            let region = self
                .main_a(u)
                .filter(|_| self.is_inside(u))
                .and_then(|r| a.regions().get(r))
                .map_or(String::new(), |r| esc(r.code.as_str()));
            let _ = write!(
                s,
                r##"<path d="{}" fill="{}"{} data-unit="{}" data-region="{region}"><title>{}</title></path>"##,
                self.mesh.unit_path(u),
                unit_fill.get(u).map_or("#f2f2f2", String::as_str),
                self.fade(u),
                unit.code,
                esc(&tip)
            );
        }
        s.push_str("</g>");
    }

    /// The parts of split units whose outlines the layout knows (a gemeente joined by a
    /// herindeling from different regions), each in its region's colour over the stripes.
    fn parts(&self, s: &mut String) {
        let parts = &self.layers.a.part_outlines;
        if parts.is_empty() {
            return;
        }
        s.push_str(r##"<g stroke="#ffffff" stroke-width="0.3" fill-rule="evenodd">"##);
        for p in parts.iter().filter(|p| self.is_inside(p.unit)) {
            let mut d = crate::render::mesh::PathData::default();
            for poly in &p.outline.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    let n = ring.0.len().saturating_sub(1);
                    let pts: Vec<(i64, i64)> = ring
                        .0
                        .iter()
                        .take(n)
                        .map(|c| self.proj.to_tenths(*c))
                        .collect();
                    d.ring(&pts);
                }
            }
            let code = self
                .layers
                .a
                .regions()
                .get(p.region)
                .map_or(String::new(), |r| esc(r.code.as_str()));
            let _ = write!(
                s,
                r##"<path d="{}" fill="{}"{} data-region="{code}"/>"##,
                d.finish(),
                self.fill_of(p.region),
                self.fade(p.unit)
            );
        }
        s.push_str("</g>");
    }

    /// The highlighted units, hatched.
    fn highlights(&self, s: &mut String) {
        if self.highlight.is_empty() {
            return;
        }
        let p = &self.opts.id_prefix;
        let _ = write!(s, r##"<g fill="url(#{p}-hatch)" pointer-events="none">"##);
        for &u in &self.highlight {
            let _ = write!(s, r##"<path d="{}"/>"##, self.mesh.unit_path(u));
        }
        s.push_str("</g>");
    }

    /// B's borders wide in magenta, then the region borders of A (and the coast) in black
    /// on top: where the two coincide the black line has a magenta edge.
    fn borders(&self, s: &mut String) {
        if let Some(main_b) = &self.main_b {
            // B's true borders, around the clip too: they are context, not the clip's edge.
            let border_b = self
                .mesh
                .border_path(|u| main_b.get(u).copied().flatten(), false);
            let _ = write!(
                s,
                r##"<path d="{border_b}" fill="none" stroke="{B_COLOUR}" stroke-width="3.6" stroke-opacity="0.8" stroke-linejoin="round" stroke-linecap="round" pointer-events="none"/>"##
            );
        }
        let border_a = self.mesh.border_path(|u| self.side_a(u), true);
        let _ = write!(
            s,
            r##"<path d="{border_a}" fill="none" stroke="#262626" stroke-width="1.3" stroke-linejoin="round" stroke-linecap="round" pointer-events="none"/>"##
        );
    }

    /// The outline of the focus units, thick, where they meet the rest of the map.
    fn focus_outline(&self, s: &mut String) {
        if self.focus.is_empty() {
            return;
        }
        let d = self.mesh.outline_path(|u| self.focus.contains(&u));
        let _ = write!(
            s,
            r##"<path d="{d}" fill="none" stroke="#111111" stroke-width="3" stroke-linejoin="round" stroke-linecap="round" pointer-events="none"/>"##
        );
    }

    /// The names of the focus units, largest first, each at its label point or one line
    /// above or below it; a name that would overlap one already placed is left out (its
    /// hover text keeps it). Returns the boxes placed.
    fn focus_labels(&self, s: &mut String) -> Vec<LabelBox> {
        let mut placed: Vec<LabelBox> = Vec::new();
        if self.focus.is_empty() {
            return placed;
        }
        let font = (self.font_size() * 0.95 * 10.0).round() / 10.0;
        let mut order: Vec<(f64, UnitIdx)> = self
            .focus
            .iter()
            .map(|&u| (self.mesh.area_px(u), u))
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0));
        let _ = write!(
            s,
            r##"<g font-size="{font}" text-anchor="middle" fill="#111" stroke="#ffffff" stroke-width="2.6" stroke-opacity="0.9" paint-order="stroke" pointer-events="none">"##
        );
        for (_, u) in order {
            let (Some(unit), Some(pt)) = (self.atlas.units().get(u), self.mesh.label_point(&[u]))
            else {
                continue;
            };
            let text_w = unit.name.chars().count() as f64 * font * 0.58;
            let pad = font * 0.15;
            let spot = [0.0, -1.1, 1.1].into_iter().find_map(|dy| {
                let y = pt.y() + dy * font;
                let b = (
                    pt.x() - text_w / 2.0 - pad,
                    y - font / 2.0 - pad,
                    pt.x() + text_w / 2.0 + pad,
                    y + font / 2.0 + pad,
                );
                let free = !placed
                    .iter()
                    .any(|p| b.0 < p.2 && p.0 < b.2 && b.1 < p.3 && p.1 < b.3);
                free.then_some((y, b))
            });
            let Some((y, b)) = spot else {
                continue;
            };
            placed.push(b);
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}">{}</text>"##,
                pt.x(),
                y + font * 0.35,
                esc(&unit.name)
            );
        }
        s.push_str("</g>");
        placed
    }

    /// The region names where they fit ([`map_label`]): largest regions first; a label
    /// wider than its region or that would overlap one already placed (or a focus unit's
    /// name) is left out (every gemeente's regions, names and codes, stay in its hover text).
    fn labels(&self, s: &mut String, placed: &mut Vec<LabelBox>) {
        let a = self.layers.a;
        let mut by_region: Vec<Vec<UnitIdx>> = vec![Vec::new(); a.regions().len()];
        for (u, r) in self.main_a.iter().enumerate() {
            if !self.is_inside(u) || !self.mesh.has_geometry(u) {
                continue;
            }
            if let Some(list) = r.and_then(|r| by_region.get_mut(r)) {
                list.push(u);
            }
        }
        let font = self.font_size();
        s.push_str(&format!(
            r##"<g font-size="{font}" text-anchor="middle" fill="#111" stroke="#ffffff" stroke-width="2.2" stroke-opacity="0.85" paint-order="stroke" pointer-events="none">"##
        ));
        let mut order: Vec<(f64, RegionIdx)> = by_region
            .iter()
            .enumerate()
            .map(|(r, units)| (units.iter().map(|&u| self.mesh.area_px(u)).sum(), r))
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (area, r) in order {
            let (Some(region), Some(units)) = (a.regions().get(r), by_region.get(r)) else {
                continue;
            };
            // The focus region is named by its gemeenten and the title.
            if units.iter().any(|u| self.focus.contains(u)) {
                continue;
            }
            let label = map_label(region.code.as_str(), &region.name);
            let text_w = label_width(&label, font);
            let Some((x0, _, x1, _)) = self.mesh.bbox_px(units) else {
                continue;
            };
            if x1 - x0 < text_w * 1.1 || area < text_w * font * 2.5 {
                continue;
            }
            let Some(pt) = self.mesh.label_point(units) else {
                continue;
            };
            // The box of the text with its halo; no two boxes overlap.
            let pad = font * 0.2;
            let b = (
                pt.x() - text_w / 2.0 - pad,
                pt.y() - font / 2.0 - pad,
                pt.x() + text_w / 2.0 + pad,
                pt.y() + font / 2.0 + pad,
            );
            if placed
                .iter()
                .any(|p| b.0 < p.2 && p.0 < b.2 && b.1 < p.3 && p.1 < b.3)
            {
                continue;
            }
            placed.push(b);
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}">{}</text>"##,
                pt.x(),
                pt.y() + font * 0.35,
                esc(&label)
            );
        }
        s.push_str("</g>");
    }

    /// The legend's lines: a symbol and its text.
    fn legend_items(&self) -> Vec<(String, String)> {
        let (a, p) = (self.layers.a, &self.opts.id_prefix);
        let taal = self.opts.taal;
        let units_word = match self.atlas.units().first().map(|u| u.code) {
            Some(crate::model::UnitCode::Pc4(_)) => Key::Postcodes.get(taal),
            _ => Key::Gemeenten.get(taal),
        };
        let swatch = |fill: &str| {
            format!(
                r##"<rect width="16" height="11" fill="{fill}" stroke="#262626" stroke-width="0.6"/>"##
            )
        };
        let n_colours = self.colours.iter().max().map_or(0, |m| m + 1);
        // The regions in view: all of them, or those with a unit inside the clip.
        let n_regions = if self.clip_label.is_some() {
            let mut seen: BTreeSet<RegionIdx> = BTreeSet::new();
            for (u, rs) in self.all_a.iter().enumerate() {
                if self.is_inside(u) {
                    seen.extend(rs.iter().copied());
                }
            }
            seen.len()
        } else {
            a.regions().len()
        };
        let mut items: Vec<(String, String)> = vec![
            (
                format!(
                    r##"<rect width="5" height="11" fill="{}"/><rect x="5" width="6" height="11" fill="{}"/><rect x="11" width="5" height="11" fill="{}"/>"##,
                    colour(0),
                    colour(1),
                    colour(2)
                ),
                Key::LegendRegions.fill(
                    taal,
                    &[
                        ("n", &n_regions.to_string()),
                        ("layout", a.name()),
                        ("colours", &n_colours.to_string()),
                    ],
                ),
            ),
            (
                r##"<path d="M0 5.5h16" stroke="#262626" stroke-width="1.3"/>"##.into(),
                Key::LegendBorder.fill(taal, &[("layout", a.name())]),
            ),
        ];
        if let Some(b) = self.layers.b {
            items.push((
                format!(
                    r##"<path d="M0 5.5h16" stroke="{B_COLOUR}" stroke-width="3.6" stroke-opacity="0.8"/>"##
                ),
                Key::LegendBorder.fill(taal, &[("layout", b.name())]),
            ));
        }
        items.push((
            r##"<rect width="16" height="11" fill="#ccc"/><path d="M8 0v11" stroke="#fff" stroke-width="0.8"/>"##.into(),
            Key::LegendGemeenteBorder.get(taal).into(),
        ));
        if let Some(c) = &self.clip_label {
            items.push((
                swatch(OUTSIDE_FILL),
                Key::LegendOutside.fill(taal, &[("clip", c)]),
            ));
        }
        if let (false, Some(f)) = (self.focus.is_empty(), &self.opts.focus) {
            items.push((
                r##"<rect x="1" y="1" width="14" height="9" fill="none" stroke="#111" stroke-width="2.4"/>"##.into(),
                f.label.clone(),
            ));
        }
        if (0..self.atlas.units().len()).any(|u| self.is_faded(u)) {
            items.push((
                format!(
                    r##"<rect width="16" height="11" fill="{}" fill-opacity="0.42" stroke="#262626" stroke-width="0.6"/>"##,
                    colour(1)
                ),
                Key::LegendFaded.fill(taal, &[("layout", a.name())]),
            ));
        }
        let n_split = self
            .all_a
            .iter()
            .enumerate()
            .filter(|(u, r)| r.len() > 1 && self.is_inside(*u))
            .count();
        if n_split > 0 {
            let by_parts: BTreeSet<UnitIdx> = self
                .layers
                .a
                .part_outlines
                .iter()
                .map(|p| p.unit)
                .filter(|&u| self.is_inside(u))
                .collect();
            let text = if by_parts.is_empty() {
                Key::LegendSplit.fill(taal, &[("n", &n_split.to_string()), ("units", units_word)])
            } else {
                // Striped: the parts have no outline.
                Key::LegendSplitParts.fill(
                    taal,
                    &[
                        ("n", &n_split.to_string()),
                        ("units", units_word),
                        ("parts", &by_parts.len().to_string()),
                        (
                            "striped",
                            &n_split.saturating_sub(by_parts.len()).to_string(),
                        ),
                    ],
                )
            };
            items.push((swatch(&format!("url(#{p}-split0)")), text));
        }
        if let (false, Some(text)) = (self.highlight.is_empty(), &self.opts.highlight_legend) {
            items.push((swatch(&format!("url(#{p}-hatch)")), text.clone()));
        } else if !self.highlight.is_empty() {
            items.push((
                swatch(&format!("url(#{p}-hatch)")),
                Key::LegendHatch.fill(
                    taal,
                    &[
                        ("n", &self.highlight.len().to_string()),
                        ("units", units_word),
                        (
                            "what",
                            if self.opts.highlight_label.is_empty() {
                                Key::LegendHatchDefault.get(taal)
                            } else {
                                &self.opts.highlight_label
                            },
                        ),
                    ],
                ),
            ));
        }
        let n_units = self.atlas.units().len();
        let uncovered = (0..n_units)
            .filter(|&u| self.is_inside(u) && self.mesh.has_geometry(u) && self.main_a(u).is_none())
            .count();
        if uncovered > 0 {
            items.push((
                swatch("#f2f2f2"),
                Key::LegendUncovered
                    .fill(taal, &[("n", &uncovered.to_string()), ("layout", a.name())]),
            ));
        }
        let missing = self
            .atlas
            .units()
            .iter()
            .enumerate()
            .filter(|(u, x)| self.is_inside(*u) && x.geometry.is_none())
            .count();
        if missing > 0 {
            items.push((
                String::new(),
                Key::LegendMissing
                    .fill(taal, &[("n", &missing.to_string()), ("units", units_word)]),
            ));
        }
        items
    }

    /// The legend, top left (over the North Sea on a Dutch map).
    fn legend(&self, s: &mut String) {
        let mut items = self.legend_items();
        let _ = write!(
            s,
            r##"<g transform="translate(14 14)" font-size="11" fill="#222">"##
        );
        if self.clip_label.is_some() {
            // A clipped map has land under its legend: a white panel keeps it readable.
            let longest = items
                .iter()
                .map(|(_, t)| t.chars().count())
                .chain(std::iter::once(self.title.chars().count() * 4 / 3))
                .max()
                .unwrap_or(0);
            let _ = write!(
                s,
                r##"<rect x="-8" y="-6" width="{:.0}" height="{:.0}" fill="#ffffff" fill-opacity="0.88" rx="4"/>"##,
                longest as f64 * 6.0 + 38.0,
                items.len() as f64 * 17.0 + 36.0
            );
        }
        let _ = write!(
            s,
            r##"<text y="12" font-size="15" font-weight="bold">{}</text>"##,
            esc(&self.title)
        );
        // Longest lines first: on a Dutch map the sea in the top-left corner narrows
        // downwards, where the Wadden islands and Texel begin.
        items.sort_by_key(|(_, text)| std::cmp::Reverse(text.chars().count()));
        for (i, (sym, text)) in items.iter().enumerate() {
            let y = 26.0 + 17.0 * i as f64;
            let _ = write!(
                s,
                r##"<g transform="translate(0 {y})">{sym}<text x="22" y="9.5">{}</text></g>"##,
                esc(text)
            );
        }
        s.push_str("</g>");
    }
}

/// Writes the pattern `{p}-split{id}`: stripes in the colours `cs`.
fn stripes(defs: &mut String, p: &str, id: usize, cs: &[usize]) {
    let stripe = 4.0;
    let _ = write!(
        defs,
        r##"<pattern id="{p}-split{id}" patternUnits="userSpaceOnUse" width="{}" height="4" patternTransform="rotate(-45)">"##,
        stripe * cs.len() as f64
    );
    for (i, c) in cs.iter().enumerate() {
        let _ = write!(
            defs,
            r##"<rect x="{}" width="{stripe}" height="4" fill="{}"/>"##,
            stripe * i as f64,
            colour(*c)
        );
    }
    defs.push_str("</pattern>");
}

/// A unit's regions in a layout for a tooltip: `JZ13 Amsterdam-Amstelland`, with the share
/// when it is partial; `—` when it has none.
fn region_text(layout: &Layout, regions: &[RegionIdx], u: UnitIdx) -> String {
    if regions.is_empty() {
        return "—".into();
    }
    layout
        .regions_of(u)
        .filter_map(|m| {
            let r = layout.regions().get(m.region)?;
            let name = if r.name.is_empty() {
                String::new()
            } else {
                format!(" {}", r.name)
            };
            Some(if m.share < 1.0 {
                format!("{}{} ({:.0}%)", r.code, name, m.share * 100.0)
            } else {
                format!("{}{}", r.code, name)
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A figure for a tooltip: whole numbers plainly, others with two decimals.
fn format_figure(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

/// The units a map of A with B's borders hatches: the units of the A regions that cross B,
/// outside their region's main B region (the mismatches). Nesting (an A region within one
/// B region, or holding whole ones) is not hatched.
fn crossing_units(atlas: &Atlas, a: &Layout, b: &Layout) -> Result<Vec<UnitIdx>, Error> {
    let m = crate::analysis::mismatches::mismatches(
        atlas,
        a.name(),
        b.name(),
        &crate::model::Weight::Units,
    )?;
    let mut units: Vec<UnitIdx> = m
        .mismatches
        .iter()
        .filter_map(|m| atlas.unit_index(&m.unit.parse().ok()?))
        .collect();
    units.sort_unstable();
    units.dedup();
    Ok(units)
}

/// Draws layout `a` (by name), with the borders of layout `b` and its mismatches hatched
/// when `b` is given: the `speelveld map A [B]` command.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout};
/// use speelveld::render::svg_map::{map, MapOptions};
/// let mut atlas = Atlas::new(None);
/// atlas.add_layout(Layout::new("leeg")).unwrap();
/// // No unit has an outline: nothing to draw.
/// assert!(map(&atlas, "leeg", None, &MapOptions::default()).is_err());
/// ```
pub fn map(atlas: &Atlas, a: &str, b: Option<&str>, opts: &MapOptions) -> Result<String, Error> {
    let la = atlas.layout(a)?;
    let lb = b.map(|b| atlas.layout(b)).transpose()?;
    let highlight: Vec<UnitIdx> = match lb {
        Some(lb) => crossing_units(atlas, la, lb)?,
        None => Vec::new(),
    };
    render_map(
        atlas,
        MapLayers {
            a: la,
            b: lb,
            highlight: &highlight,
        },
        opts,
    )
}

/// The label of a region on a map: its name as people say it, without the `SWV ` that
/// every samenwerkingsverband's name starts with (`PO 23-05` for `SWV PO 23-05`,
/// `IJsselland` for JZ07); the code where the region has no name.
///
/// # Examples
/// ```
/// use speelveld::render::svg_map::map_label;
/// assert_eq!(map_label("VO2305", "SWV VO 23-05"), "VO 23-05");
/// assert_eq!(map_label("JZ07", "IJsselland"), "IJsselland");
/// assert_eq!(map_label("R1", ""), "R1");
/// ```
pub fn map_label(code: &str, name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return code.to_string();
    }
    let short = name.strip_prefix("SWV ").unwrap_or(name).trim();
    if short.is_empty() {
        name.to_string()
    } else {
        short.to_string()
    }
}

/// The estimated width in px of a label in a font of `font` px: 0.62 em per character
/// (Helvetica's average with some room; capitals and `W` are wider, `i` and `l` narrower).
pub fn label_width(label: &str, font: f64) -> f64 {
    label.chars().count() as f64 * font * 0.62
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_gemeenten_are_drawn_by_their_parts_where_known() {
        // swv-po: 21 split gemeenten (overview); 9 are herindeling conflicts with outlines for
        // their parts (18 parts: two each), the 12 postcode splits of the law are striped.
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let svg = map(&atlas, "swv-po", None, &MapOptions::default()).unwrap();
        assert!(svg.contains("21 split gemeenten: 9 drawn by their parts, 12 striped"));
        let parts = svg
            .split(r##"<g stroke="#ffffff" stroke-width="0.3""##)
            .nth(1)
            .and_then(|g| g.split("</g>").next())
            .unwrap();
        assert_eq!(parts.matches("<path ").count(), 18);
        assert!(parts.contains(r#"data-region="PO2709""#));
    }

    #[test]
    fn map_of_jeugdzorgregios_over_arbeidsmarktregios() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let jz = atlas.layout("jeugdzorgregio").unwrap();
        let am = atlas.layout("arbeidsmarktregio").unwrap();
        let hi: Vec<UnitIdx> = crate::analysis::mismatches::mismatches(
            &atlas,
            "jeugdzorgregio",
            "arbeidsmarktregio",
            &crate::model::Weight::Units,
        )
        .unwrap()
        .mismatches
        .iter()
        .map(|m| atlas.unit_index(&m.unit.parse().unwrap()).unwrap())
        .collect();
        let svg = render_map(
            &atlas,
            MapLayers {
                a: jz,
                b: Some(am),
                highlight: &hi,
            },
            &MapOptions::default(),
        )
        .unwrap();
        assert_eq!(svg.matches("<path d=").count() >= 342, true);
        assert!(svg.contains("42 regions of jeugdzorgregio"));
        assert!(svg.contains("Bron: CBS/Kadaster, 2025"));
        if let Ok(out) = std::env::var("SPEELVELD_MAP_OUT") {
            std::fs::write(out, &svg).unwrap();
        }
    }

    /// The units of the map's unit group drawn in colour (with a region) and all drawn.
    fn drawn(svg: &str) -> (Vec<&str>, Vec<&str>) {
        let mut coloured = Vec::new();
        let mut all = Vec::new();
        for part in svg.split("data-unit=\"").skip(1) {
            let code = part.split('"').next().unwrap();
            all.push(code);
            if !part.starts_with(&format!("{code}\" data-region=\"\"")) {
                coloured.push(code);
            }
        }
        (coloured, all)
    }

    #[test]
    fn a_map_clipped_to_overijssel_draws_its_25_gemeenten_and_greys_the_neighbours() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let opts = MapOptions {
            clip: Some(Clip::Area("Overijssel".into())),
            ..MapOptions::default()
        };
        let svg = map(&atlas, "swv-po", Some("swv-vo"), &opts).unwrap();
        let (coloured, all) = drawn(&svg);
        // Overijssel has 25 gemeenten in 2025 (GeoPandas: the CBS 2025 gemeenten whose
        // representative point lies in the provincie polygon PV23).
        assert_eq!(coloured.len(), 25);
        assert!(coloured.contains(&"GM0193"), "Zwolle");
        // Neighbours in grey (Hoogeveen, Drenthe), the far south not at all (Sittard-Geleen).
        assert!(all.contains(&"GM0118") && !coloured.contains(&"GM0118"));
        assert!(!all.contains(&"GM1883"));
        assert!(
            svg.contains("buiten PV23 Overijssel (grijs)")
                || svg.contains("outside PV23 Overijssel (grey)")
        );
        // The same by region code, and a miss names what exists.
        let by_code = MapOptions {
            clip: Some(Clip::Area("PV23".into())),
            ..MapOptions::default()
        };
        let svg2 = map(&atlas, "swv-po", None, &by_code).unwrap();
        assert_eq!(drawn(&svg2).0.len(), 25);
        let bad = MapOptions {
            clip: Some(Clip::Area("Atlantis".into())),
            ..MapOptions::default()
        };
        let e = map(&atlas, "swv-po", None, &bad).unwrap_err().to_string();
        assert!(e.contains("'Atlantis'") && e.contains("Groningen"), "{e}");
    }

    /// The labels of a map: text and estimated box (text width ≈ 0.62 em per character,
    /// height 1 em), as placed.
    fn label_boxes(svg: &str, font: f64) -> Vec<(String, (f64, f64, f64, f64))> {
        let g = format!(r##"<g font-size="{font}" text-anchor="middle""##);
        let labels = svg.split(&g).nth(1).unwrap().split("</g>").next().unwrap();
        labels
            .split("<text x=\"")
            .skip(1)
            .map(|t| {
                let x: f64 = t.split('"').next().unwrap().parse().unwrap();
                let y: f64 = t
                    .split("y=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let text = t.split('>').nth(1).unwrap().split('<').next().unwrap();
                let text = text
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\"");
                let w = text.chars().count() as f64 * font * 0.62;
                (text, (x - w / 2.0, y - font, x + w / 2.0, y))
            })
            .collect()
    }

    #[test]
    fn labels_name_the_regions_and_never_overlap() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let svg = map(
            &atlas,
            "jeugdzorgregio",
            Some("provincie"),
            &MapOptions::default(),
        )
        .unwrap();
        let boxes = label_boxes(&svg, 11.1);
        let texts: Vec<&str> = boxes.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            texts.contains(&"IJsselland") && texts.contains(&"Twente"),
            "{texts:?}"
        );
        let code = |t: &str| t.len() == 4 && t.starts_with("JZ");
        assert!(!texts.iter().any(|t| code(t)), "a code as label: {texts:?}");
        for (i, (ta, a)) in boxes.iter().enumerate() {
            for (tb, b) in &boxes[i + 1..] {
                let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "labels overlap: {ta} {a:?}, {tb} {b:?}");
            }
        }
        // A region whose name is too long for it keeps it in its gemeenten's hover text.
        assert!(!texts.contains(&"Midden IJssel / Oost Veluwe"));
        assert!(svg.contains("Midden IJssel / Oost Veluwe"));
    }

    #[test]
    fn a_focus_is_outlined_and_named_and_the_rest_of_the_clip_lighter() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let idx = |c: &str| atlas.unit_index(&c.parse().unwrap()).unwrap();
        let (zwolle, kampen) = (idx("GM0193"), idx("GM0166"));
        let opts = MapOptions {
            clip: Some(Clip::Area("Overijssel".into())),
            focus: Some(Focus {
                units: vec![zwolle, kampen],
                label: "Zwolle en Kampen".into(),
            }),
            ..MapOptions::default()
        };
        let svg = map(&atlas, "swv-po", None, &opts).unwrap();
        let path_of = |code: &str| {
            let at = svg.find(&format!("data-unit=\"{code}\"")).unwrap();
            let start = svg[..at].rfind("<path").unwrap();
            svg[start..at].to_string()
        };
        assert!(!path_of("GM0193").contains("fill-opacity"));
        assert!(
            path_of("GM0153").contains("fill-opacity=\"0.42\""),
            "Enschede"
        );
        // Outside the clip: grey as before, not faded.
        assert!(!path_of("GM0118").contains("fill-opacity"), "Hoogeveen");
        assert!(svg.contains(">Zwolle</text>") && svg.contains(">Kampen</text>"));
        assert!(!svg.contains(">Enschede</text>"));
        assert!(svg.contains(">Zwolle en Kampen</text>"));
        assert!(svg.contains("stroke=\"#111111\" stroke-width=\"3\""));
        // Zwolle's PO 23-05 is named by its gemeenten, not by its code.
        assert!(!svg.contains(">PO2305</text>"));
    }

    #[test]
    fn labels_grow_with_the_width_and_never_overlap() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        for (width, font) in [(800.0, 11.1), (1600.0, 22.2)] {
            let opts = MapOptions {
                width,
                ..MapOptions::default()
            };
            let svg = map(&atlas, "swv-po", Some("jeugdzorgregio"), &opts).unwrap();
            let named = label_boxes(&svg, font);
            assert!(
                named.iter().all(|(t, _)| t.starts_with("PO ")),
                "{width}: {named:?}"
            );
            let g = format!(r##"<g font-size="{font}" text-anchor="middle""##);
            let labels = svg.split(&g).nth(1).unwrap().split("</g>").next().unwrap();
            // Each label's box (text width ≈ 0.62 em per character, height 1 em), as placed.
            let boxes: Vec<(f64, f64, f64, f64)> = labels
                .split("<text x=\"")
                .skip(1)
                .map(|t| {
                    let x: f64 = t.split('"').next().unwrap().parse().unwrap();
                    let y: f64 = t
                        .split("y=\"")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap();
                    let n = t
                        .split('>')
                        .nth(1)
                        .unwrap()
                        .split('<')
                        .next()
                        .unwrap()
                        .chars()
                        .count();
                    let w = n as f64 * font * 0.62;
                    (x - w / 2.0, y - font, x + w / 2.0, y)
                })
                .collect();
            assert!(boxes.len() > 30, "{width}: {} labels", boxes.len());
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                    assert!(!overlap, "{width}: labels overlap: {a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn the_second_layout_is_wide_magenta_and_only_crossings_are_hatched() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let svg = map(&atlas, "swv-po", Some("swv-vo"), &MapOptions::default()).unwrap();
        assert!(svg.contains(&format!(r##"stroke="{B_COLOUR}" stroke-width="3.6""##)));
        assert!(!svg.contains("stroke-dasharray"));
        let po = atlas.layout("swv-po").unwrap();
        let vo = atlas.layout("swv-vo").unwrap();
        let hatched = crossing_units(&atlas, po, vo).unwrap();
        // PO 21-01 contains VO 21-01, 21-02 and 21-03 (nesting) and crosses only where De
        // Fryske Marren's postcodes of VO 24-02 lie (17 % of it in the law's table): of its
        // 18 Frisian gemeenten only that one is hatched.
        let p2101 = po.find_region("PO2101").unwrap();
        let frisian: Vec<UnitIdx> = po.units_of(p2101).map(|m| m.unit).collect();
        assert_eq!(frisian.len(), 18);
        let in_2101: Vec<String> = hatched
            .iter()
            .filter(|u| frisian.contains(u))
            .map(|&u| atlas.units()[u].code.to_string())
            .collect();
        assert_eq!(in_2101, ["GM1940"]);
        // Every hatched unit lies in a PO region that crosses VO.
        let m = crate::analysis::mismatches::mismatches(
            &atlas,
            "swv-po",
            "swv-vo",
            &crate::model::Weight::Units,
        )
        .unwrap();
        let crossing: BTreeSet<&str> = m
            .regions
            .iter()
            .filter(|r| r.relation == crate::analysis::compare::Relation::Crosses)
            .map(|r| r.region.as_str())
            .collect();
        for x in &m.mismatches {
            assert!(crossing.contains(x.a.as_str()), "{} in {}", x.unit, x.a);
        }
        assert!(svg.contains(&format!("{} gemeenten in a mismatch", hatched.len())));
    }
}
