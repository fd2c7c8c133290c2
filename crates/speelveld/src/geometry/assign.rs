//! Spatial assignment: region polygons → membership of the loaded units.
//!
//! Each unit's share in each region is the area of their intersection over the unit's area,
//! found in two stages (R-tree on bounding boxes, then the exact area; see
//! [`crate::geometry::overlay`]: a unit whose box meets no edge of a region is decided by one
//! point test, the others by a boolean operation on the part of the unit near the region's
//! edges). Generalised boundaries from different sources never match
//! exactly, so two modes exist:
//!
//! - **Shares** ([`AssignMode::Shares`], the default for region files of unknown make-up): a piece below the sliver
//!   tolerance — under `min_share` (default 1 %) of the unit's area *or* under
//!   `min_area_km2` (default 0.01 km²; never the unit's largest piece, so a tiny unit is
//!   kept) — is dropped and reported as a [`Sliver`]. The kept
//!   shares are scaled to sum to 1 (the membership says how the unit is divided), and a unit
//!   whose kept pieces cover less than `1 − min_share` of it is reported as [`Uncovered`].
//! - **Whole units** ([`AssignMode::Whole`], the default for layouts known to consist of whole
//!   gemeenten: CBS layouts, jeugdzorgregio's): each unit goes wholly to the region holding
//!   its largest share. What lies elsewhere is boundary noise of separately generalised
//!   layers (in the CBS 2025 files Druten has only 85 % of its area in its own
//!   jeugdzorgregio), reported as [`Noise`] when it exceeds `min_share`.
//!
//! A unit with no region at all is listed in [`Assignment::unassigned`]; no unit is dropped
//! silently.

use geo::{MapCoordsInPlace, MultiPolygon};
use serde::Serialize;

use crate::error::Error;
use crate::geometry::crs::wgs84_to_rd;
use crate::geometry::repair::check_and_repair;
use crate::model::{Atlas, Layout, Member, PolygonLayer, RegionCode, Unit, Unresolved};

use crate::geometry::area::area_km2;
use crate::geometry::overlay::{Overlap, overlay_areas};
use crate::model::{Crs, Note, NoteKind};

/// Tolerances and mode of a spatial assignment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssignOptions {
    /// Pieces under this share of the unit's area are slivers (default `0.01`).
    pub min_share: f64,
    /// Pieces under this area in km² are slivers whatever their share (default `0.01`, one
    /// hectare), except a unit's largest piece.
    pub min_area_km2: f64,
    /// Whole units or shares (default [`AssignMode::Auto`]).
    pub mode: AssignMode,
}

/// How units are assigned to region polygons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum AssignMode {
    /// [`assign_layout`] chooses: whole units for layouts of whole gemeenten
    /// ([`is_whole_unit_layout`]), shares otherwise; [`assign`] treats it as shares.
    #[default]
    Auto,
    /// Every unit wholly to the region holding its largest share (for layouts known to
    /// consist of whole units).
    Whole,
    /// Area shares above the sliver tolerance.
    Shares,
}

impl Default for AssignOptions {
    fn default() -> Self {
        AssignOptions {
            min_share: 0.01,
            min_area_km2: 0.01,
            mode: AssignMode::Auto,
        }
    }
}

impl AssignOptions {
    /// Options for layouts of whole units (largest share wins), other values default.
    pub fn whole_units() -> Self {
        AssignOptions {
            mode: AssignMode::Whole,
            ..AssignOptions::default()
        }
    }

    /// The same options with another mode.
    pub fn with_mode(mut self, mode: AssignMode) -> Self {
        self.mode = mode;
        self
    }

    /// The same options with another share tolerance.
    pub fn with_min_share(mut self, min_share: f64) -> Self {
        self.min_share = min_share;
        self
    }

    /// The same options with another absolute tolerance in km².
    pub fn with_min_area_km2(mut self, min_area_km2: f64) -> Self {
        self.min_area_km2 = min_area_km2;
        self
    }
}

/// A kept membership: unit `unit` lies in region `region`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// Index of the unit.
    pub unit: usize,
    /// Index of the region.
    pub region: usize,
    /// The membership share: 1 for a whole unit, else the area share scaled so that the
    /// kept shares of the unit sum to 1.
    pub share: f64,
    /// The area of the unit inside the region, in km².
    pub area_km2: f64,
}

/// A dropped piece below the sliver tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sliver {
    /// Index of the unit.
    pub unit: usize,
    /// Index of the region.
    pub region: usize,
    /// The piece's share of the unit's area.
    pub share: f64,
    /// The piece's area in km².
    pub area_km2: f64,
}

/// A unit whose kept pieces cover noticeably less than all of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Uncovered {
    /// Index of the unit.
    pub unit: usize,
    /// The share of the unit's area inside its kept regions (below `1 − min_share`).
    pub covered: f64,
}

/// Whole-units mode: the part of a unit outside the region it was given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Noise {
    /// Index of the unit.
    pub unit: usize,
    /// The region the unit was given (largest share).
    pub region: usize,
    /// The share of the unit's area inside that region.
    pub share: f64,
    /// The share of the unit's area in other regions.
    pub elsewhere: f64,
    /// The share of the unit's area in no region at all.
    pub outside: f64,
}

/// The outcome of a spatial assignment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Assignment {
    /// Kept memberships, sorted by unit then region.
    pub shares: Vec<Share>,
    /// Pieces dropped as slivers (shares mode), sorted by unit then region.
    pub slivers: Vec<Sliver>,
    /// Units whose kept pieces cover less than `1 − min_share` of them (shares mode).
    pub uncovered: Vec<Uncovered>,
    /// Units given wholly to a region with more than `min_share` of their area outside it
    /// (whole-units mode).
    pub noise: Vec<Noise>,
    /// Units that intersect no region.
    pub unassigned: Vec<usize>,
    /// Units whose pieces in all regions add up to more than the unit by more than
    /// [`OVERLAP_TOLERANCE`]: the regions overlap (or a region is given twice) there.
    pub overlapped: Vec<Overlapped>,
    /// The area of each unit in km².
    pub unit_area_km2: Vec<f64>,
}

/// How much more than a unit's area its pieces in all regions may add up to before the
/// regions count as overlapping (1 %: separately generalised borders overlap a little).
pub const OVERLAP_TOLERANCE: f64 = 0.01;

/// A unit covered more than once by the region polygons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlapped {
    /// The unit (index into the units given).
    pub unit: usize,
    /// Its pieces' area over its area (above 1).
    pub covered: f64,
}

/// Assigns units to regions by area (see the module docs). Both sets in the same CRS.
///
/// # Examples
/// ```
/// use geo::{polygon, MultiPolygon};
/// use speelveld::{geometry::assign::{assign, AssignOptions}, Crs};
/// let rect = |x0: f64, x1: f64| MultiPolygon(vec![polygon![(x: x0, y: 0.0), (x: x1, y: 0.0),
///     (x: x1, y: 1000.0), (x: x0, y: 1000.0)]]);
/// let units = [rect(0.0, 1000.0), rect(1000.0, 2000.0), rect(5000.0, 6000.0)];
/// // Region 0 holds unit 0 and 40 % of unit 1; region 1 the rest of unit 1 and a sliver of unit 0.
/// let regions = [rect(0.0, 1400.0), rect(1400.0, 2000.0)];
/// let a = assign(&units, &regions, Crs::RdNew, AssignOptions::default());
/// assert_eq!(a.shares.len(), 3);
/// assert!((a.shares[1].share - 0.4).abs() < 1e-9);
/// assert_eq!(a.unassigned, vec![2]);
/// let w = assign(&units, &regions, Crs::RdNew, AssignOptions::whole_units());
/// assert_eq!((w.shares[1].region, w.shares[1].share), (1, 1.0));
/// assert!((w.noise[0].elsewhere - 0.4).abs() < 1e-9 && w.noise[0].outside.abs() < 1e-9);
/// ```
pub fn assign(
    units: &[MultiPolygon<f64>],
    regions: &[MultiPolygon<f64>],
    crs: Crs,
    opts: AssignOptions,
) -> Assignment {
    let unit_area_km2: Vec<f64> = units.iter().map(|u| area_km2(u, crs)).collect();
    let overlaps = overlay_areas(units, regions, crs);
    let mut out = Assignment {
        unit_area_km2,
        ..Assignment::default()
    };
    // Overlaps are sorted by unit: walk them unit by unit.
    let mut start = 0;
    for unit in 0..units.len() {
        let end = start
            + overlaps
                .get(start..)
                .map_or(0, |rest| rest.iter().take_while(|o| o.a == unit).count());
        let pieces = overlaps.get(start..end).unwrap_or(&[]);
        start = end;
        let total = out.unit_area_km2.get(unit).copied().unwrap_or(0.0);
        if pieces.is_empty() || total <= 0.0 {
            out.unassigned.push(unit);
            continue;
        }
        let covered_all: f64 = pieces.iter().map(|p| p.area_km2).sum::<f64>() / total;
        if covered_all > 1.0 + OVERLAP_TOLERANCE {
            out.overlapped.push(Overlapped {
                unit,
                covered: covered_all,
            });
        }
        if opts.mode == AssignMode::Whole {
            let Some(best) = pieces
                .iter()
                .max_by(|x, y| x.area_km2.total_cmp(&y.area_km2))
            else {
                continue;
            };
            let share = best.area_km2 / total;
            let inside: f64 = pieces.iter().map(|p| p.area_km2).sum::<f64>() / total;
            let elsewhere = (inside - share).max(0.0);
            let outside = (1.0 - inside).max(0.0);
            out.shares.push(Share {
                unit,
                region: best.b,
                share: 1.0,
                area_km2: best.area_km2,
            });
            if 1.0 - share > opts.min_share {
                out.noise.push(Noise {
                    unit,
                    region: best.b,
                    share,
                    elsewhere,
                    outside,
                });
            }
            continue;
        }
        let largest = pieces.iter().map(|p| p.area_km2).fold(0.0, f64::max);
        let (kept, dropped): (Vec<&Overlap>, Vec<&Overlap>) = pieces.iter().partition(|p| {
            p.area_km2 / total >= opts.min_share
                && (p.area_km2 >= opts.min_area_km2 || p.area_km2 >= largest)
        });
        out.slivers.extend(dropped.iter().map(|p| Sliver {
            unit,
            region: p.b,
            share: p.area_km2 / total,
            area_km2: p.area_km2,
        }));
        let kept_area: f64 = kept.iter().map(|p| p.area_km2).sum();
        if kept.is_empty() || kept_area <= 0.0 {
            out.unassigned.push(unit);
            continue;
        }
        let covered = kept_area / total;
        if covered < 1.0 - opts.min_share {
            out.uncovered.push(Uncovered { unit, covered });
        }
        out.shares.extend(kept.iter().map(|p| Share {
            unit,
            region: p.b,
            share: p.area_km2 / kept_area,
            area_km2: p.area_km2,
        }));
    }
    out
}

/// Whether a layout of region polygons is known to consist of whole gemeenten: its name is
/// one of the CBS layouts, or every region code is a CBS region code (`JZ01`, `PV20`,
/// `AM01`, `GG0111`, `VR01`, `CR01`, `MC01`, `ZK01`, `VT01`). Such layouts are assigned by
/// largest share.
pub fn is_whole_unit_layout(name: &str, codes: &[&str]) -> bool {
    const NAMES: &[&str] = &[
        "jeugdzorgregio",
        "jeugdregio",
        "provincie",
        "arbeidsmarktregio",
        "ggdregio",
        "veiligheidsregio",
        "corop",
        "rmcregio",
        "zorgkantoorregio",
        "veiligthuisregio",
    ];
    const PREFIXES: &[&str] = &["JZ", "PV", "AM", "GG", "VR", "CR", "MC", "ZK", "VT"];
    let cbs = |c: &&str| {
        PREFIXES.iter().any(|p| {
            c.strip_prefix(p)
                .is_some_and(|d| !d.is_empty() && d.chars().all(|ch| ch.is_ascii_digit()))
        })
    };
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
        || (!codes.is_empty() && codes.iter().all(cbs))
}

/// Turns a layer of region polygons into a layout over the units of an atlas.
///
/// Region polygons are checked and repaired ([`crate::geometry::repair`]); when the layer and
/// the atlas are in different CRSs, the WGS84 side is converted to RD New. `opts` `None`
/// chooses whole units for [`is_whole_unit_layout`] layouts and shares otherwise. Units
/// without geometry or in no region become [`Unresolved`] rows of the layout. Returns the
/// layout and the warnings (repairs, slivers, boundary noise, partly covered units), each
/// naming the file and the unit or region.
///
/// # Examples
/// ```
/// use speelveld::geometry::assign::assign_layout;
/// use speelveld::io::geojson::{read_polygons, GeoJsonOptions};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let f = speelveld::dataset::embedded::region_geojson(2025, "provincie").unwrap();
/// let layer = read_polygons(f.name, f.text, &GeoJsonOptions::default()).unwrap();
/// let (layout, notes) = assign_layout(f.name, "pv", &layer, &atlas, None).unwrap();
/// assert!(layout.whole_units);
/// assert_eq!(layout.regions().len(), 12);
/// assert_eq!(layout.members().len(), 342);
/// assert!(notes.iter().all(|n| n.file.contains("provincie")));
/// ```
pub fn assign_layout(
    path: &str,
    name: &str,
    layer: &PolygonLayer,
    atlas: &Atlas,
    opts: Option<AssignOptions>,
) -> Result<(Layout, Vec<Note>), Error> {
    let mut notes = layer.notes.clone();
    let mut layout = Layout::new(name);
    layout.source = format!("{path} (spatial assignment)");
    let mut regions = region_polygons(path, layer, &mut layout, &mut notes)?;
    let codes: Vec<&str> = layer.features.iter().map(|f| f.code.as_str()).collect();
    let mut opts = opts.unwrap_or_default();
    if opts.mode == AssignMode::Auto {
        opts.mode = if is_whole_unit_layout(name, &codes) {
            AssignMode::Whole
        } else {
            AssignMode::Shares
        };
    }
    layout.whole_units = opts.mode == AssignMode::Whole;
    // Units with an outline take part; the others are reported.
    let mut idx = Vec::new();
    let mut units = Vec::new();
    for (i, u) in atlas.units().iter().enumerate() {
        match &u.geometry {
            Some(g) if !g.0.is_empty() => {
                idx.push(i);
                units.push(g.clone());
            }
            _ => unresolved(&mut layout, u, "it has no outline to assign"),
        }
    }
    let crs = if layer.crs == atlas.crs {
        layer.crs
    } else {
        if atlas.crs == Crs::Wgs84 {
            units.iter_mut().for_each(to_rd);
        }
        if layer.crs == Crs::Wgs84 {
            regions.iter_mut().for_each(to_rd);
        }
        notes.push(Note::new(
            path,
            NoteKind::Reprojected,
            format!(
                "in EPSG:{} while the units are in EPSG:{}; both compared in RD New",
                layer.crs.epsg(),
                atlas.crs.epsg()
            ),
        ));
        Crs::RdNew
    };
    let a = assign(&units, &regions, crs, opts);
    let labels = Labels {
        atlas,
        idx: &idx,
        layout: &layout,
    };
    notes.extend(assignment_notes(path, &a, &opts, &labels));
    layout.overlaps = a
        .overlapped
        .iter()
        .filter_map(|o| Some((*idx.get(o.unit)?, o.covered)))
        .collect();
    let members: Vec<Member> = a
        .shares
        .iter()
        .filter_map(|s| {
            Some(Member {
                unit: *idx.get(s.unit)?,
                region: s.region,
                share: s.share,
            })
        })
        .collect();
    layout.extend_members(members);
    for &k in &a.unassigned {
        if let Some(u) = idx.get(k).and_then(|&i| atlas.units().get(i)) {
            unresolved(&mut layout, u, "it lies in no region polygon");
        }
    }
    Ok((layout, notes))
}

/// The regions of a layer, added to `layout` in feature order, each with its repaired
/// polygons; features with one code form one region (a region exported part by part).
fn region_polygons(
    path: &str,
    layer: &PolygonLayer,
    layout: &mut Layout,
    notes: &mut Vec<Note>,
) -> Result<Vec<MultiPolygon<f64>>, Error> {
    let mut regions: Vec<MultiPolygon<f64>> = Vec::with_capacity(layer.features.len());
    for f in &layer.features {
        let feature = format!("feature {} ({})", f.index + 1, f.code);
        let code: RegionCode = f.code.parse().map_err(|e| Error::GeoJson {
            path: path.into(),
            feature: feature.clone(),
            message: format!("{e}"),
        })?;
        let r = layout.add_region(code, f.name.clone());
        let label = format!("{path}: {feature}");
        let (g, repair) = check_and_repair(f.geometry.clone(), &label, layer.crs)?;
        notes.extend(repair.map(|r| {
            Note::new(
                path,
                NoteKind::RepairedGeometry,
                format!("{feature}: {}", r.describe()),
            )
        }));
        match regions.get_mut(r) {
            Some(existing) => {
                *existing = geo::BooleanOps::union(&*existing, &g);
                notes.push(Note::new(
                    path,
                    NoteKind::JoinedFeatures,
                    format!(
                        "{feature}: an earlier feature has the code {}; both form one region",
                        f.code
                    ),
                ));
            }
            None => regions.push(g),
        }
    }
    Ok(regions)
}

/// Names units (by their index among the assigned ones) and regions for notes.
struct Labels<'a> {
    atlas: &'a Atlas,
    idx: &'a [usize],
    layout: &'a Layout,
}

impl Labels<'_> {
    fn unit(&self, k: usize) -> String {
        self.idx
            .get(k)
            .and_then(|&i| self.atlas.units().get(i))
            .map_or_else(|| format!("unit {k}"), |u| format!("{} {}", u.code, u.name))
    }

    fn region(&self, r: usize) -> String {
        self.layout
            .regions()
            .get(r)
            .map_or_else(|| format!("region {r}"), |x| x.code.to_string())
    }
}

/// The notes of one assignment: dropped slivers, boundary noise (one line per unit with
/// more than 5 % outside its region, one line for the rest) and partly covered units.
fn assignment_notes(path: &str, a: &Assignment, opts: &AssignOptions, l: &Labels) -> Vec<Note> {
    let mut notes = Vec::new();
    if !a.slivers.is_empty() {
        let total: f64 = a.slivers.iter().map(|s| s.area_km2).sum();
        let list: Vec<String> = a
            .slivers
            .iter()
            .take(10)
            .map(|s| {
                format!(
                    "{} in {} {:.2} %",
                    l.unit(s.unit),
                    l.region(s.region),
                    s.share * 100.0
                )
            })
            .collect();
        notes.push(Note::new(
            path,
            NoteKind::Slivers,
            format!(
                "dropped {} slivers under {} % of a unit or {} km² ({total:.3} km² in all): {}{}",
                a.slivers.len(),
                opts.min_share * 100.0,
                opts.min_area_km2,
                list.join(", "),
                if a.slivers.len() > 10 { ", …" } else { "" }
            ),
        ));
    }
    let (big, small): (Vec<&Noise>, Vec<&Noise>) = a.noise.iter().partition(|n| n.share < 0.95);
    for n in big {
        notes.push(Note::new(
            path,
            NoteKind::BoundaryNoise,
            format!(
                "{}: assigned wholly to {} ({:.1} % of its area); {:.1} % lies in other regions and {:.1} % in none (boundary noise)",
                l.unit(n.unit),
                l.region(n.region),
                n.share * 100.0,
                n.elsewhere * 100.0,
                n.outside * 100.0
            ),
        ));
    }
    if !small.is_empty() {
        notes.push(Note::new(
            path,
            NoteKind::BoundaryNoise,
            format!(
                "{} more units assigned wholly with {}–5 % of their area outside their region (boundary noise)",
                small.len(),
                opts.min_share * 100.0
            ),
        ));
    }
    if let Some(first) = a.overlapped.first() {
        notes.push(Note::new(
            path,
            NoteKind::OverlappingRegions,
            format!(
                "the region polygons overlap: {} unit(s) lie in more than one region at once (first: {}, covered {:.2} times); expected regions that do not overlap",
                a.overlapped.len(),
                l.unit(first.unit),
                first.covered
            ),
        ));
    }
    for u in &a.uncovered {
        notes.push(Note::new(
            path,
            NoteKind::PartlyCovered,
            format!(
                "{}: only {:.1} % of its area lies in the regions it was assigned to; shares scaled to sum to 1",
                l.unit(u.unit),
                u.covered * 100.0
            ),
        ));
    }
    notes
}

fn unresolved(layout: &mut Layout, unit: &Unit, reason: &str) {
    // No region applies: the row names none ("-").
    if let Ok(region) = "-".parse::<RegionCode>() {
        layout.unresolved.push(Unresolved {
            origin: format!("{} {}", unit.code, unit.name),
            unit: unit.code.to_string(),
            region,
            reason: reason.to_string(),
            outside: true,
        });
    }
}

/// Converts a WGS84 geometry to RD New in place (polynomial approximation, about a metre).
fn to_rd(g: &mut MultiPolygon<f64>) {
    g.map_coords_in_place(wgs84_to_rd);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::geojson::{GeoJsonOptions, read_polygons};
    use geo::polygon;

    #[test]
    fn features_sharing_a_code_form_one_region() {
        // Regression (found by fuzzing): two features with code JZ02 gave one region in the
        // layout but two polygons, so members pointed at a region index that did not exist.
        let sq = |x: f64| {
            format!(
                "{{\"type\":\"Feature\",\"properties\":{{\"statcode\":\"JZ02\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},450000],[{x},451000],[{},451000],[{},450000],[{x},450000]]]}}}}",
                x + 1000.0,
                x + 1000.0
            )
        };
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{},{}]}}",
            sq(100_000.0),
            sq(101_000.0)
        );
        let layer = read_polygons("x.geojson", &text, &GeoJsonOptions::default()).unwrap();
        let mut atlas = Atlas::new(None);
        atlas.crs = Crs::RdNew;
        for (i, x) in [100_000.0, 101_000.0].into_iter().enumerate() {
            let g = MultiPolygon(vec![
                polygon![(x: x, y: 450_000.0), (x: x + 1000.0, y: 450_000.0),
                (x: x + 1000.0, y: 451_000.0), (x: x, y: 451_000.0)],
            ]);
            let code: crate::GemeenteCode = format!("GM000{}", i + 1).parse().unwrap();
            atlas
                .add_unit(Unit::new(code, "u").with_geometry(g))
                .unwrap();
        }
        let (l, notes) = assign_layout("x.geojson", "x", &layer, &atlas, None).unwrap();
        let notes: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(l.regions().len(), 1);
        assert_eq!(l.members().len(), 2);
        assert!(l.members().iter().all(|m| m.region == 0 && m.share == 1.0));
        assert!(
            notes
                .iter()
                .any(|n| n.contains("feature 2 (JZ02)") && n.contains("one region")),
            "{notes:?}"
        );
    }

    fn real(p: &str) -> (String, String) {
        (p.to_string(), crate::io::fixtures::real_text(p))
    }

    fn layer(p: &str) -> PolygonLayer {
        let (label, text) = real(p);
        read_polygons(&label, &text, &GeoJsonOptions::default()).unwrap()
    }

    fn units(p: &str) -> Atlas {
        let (label, text) = real(p);
        crate::dataset::embedded::units_atlas(&label, &text, Some(2025)).unwrap()
    }

    /// gemeente code → jeugdzorgregio code from `gemeente_regions_spatial.csv` (derived by the
    /// data's provider with shapely's representative points, independently of this code).
    fn expected_jz() -> std::collections::HashMap<String, String> {
        expected_jz_of(2025)
    }

    fn expected_jz_of(year: u16) -> std::collections::HashMap<String, String> {
        let (_, text) = real(&format!("cbs/{year}/gemeente_regions_spatial.csv"));
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[2].to_string())
            })
            .collect()
    }

    fn check_whole(atlas: &Atlas, layout: &Layout) {
        let exp = expected_jz();
        assert!(layout.whole_units);
        assert_eq!(layout.members().len(), 342);
        assert!(layout.unresolved.is_empty());
        for m in layout.members() {
            let u = &atlas.units()[m.unit];
            assert_eq!(
                layout.regions()[m.region].code.to_string(),
                exp[&u.code.to_string()],
                "{}",
                u.code
            );
        }
    }

    #[test]
    fn real_2025_jeugdzorgregio_whole_units_match_the_table() {
        let atlas = units("cbs/2025/gemeente.geojson");
        assert_eq!(atlas.notes.len(), 2, "{:?}", atlas.notes); // GM0293, GM1676 repaired
        let jz = layer("cbs/2025/jeugdzorgregio.geojson");
        let (l, notes) = assign_layout("jz.geojson", "jz", &jz, &atlas, None).unwrap();
        let notes: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        check_whole(&atlas, &l);
        assert_eq!(l.regions().len(), 42);
        // JZ38 Zeeland's invalid ring is repaired with a warning.
        assert!(
            notes.iter().any(|n| n.contains("(JZ38): invalid geometry")),
            "{notes:?}"
        );
        // Druten has 84.99 % of its area in its own region (shapely + pyproj in RD: 0.8499).
        let druten = notes.iter().find(|n| n.contains("GM0225 Druten")).unwrap();
        assert!(druten.contains("(85.0 % of its area)"), "{druten}");
        // Kerkrade 88.6 %, the rest outside every region (the national border).
        let kerkrade = notes
            .iter()
            .find(|n| n.contains("GM0928 Kerkrade"))
            .unwrap();
        assert!(kerkrade.contains("(88.6 % of its area)"), "{kerkrade}");
        // 61 gemeenten have under 99 % in their own region (GeoPandas, as above).
        let more = notes
            .iter()
            .find(|n| n.contains("more units assigned wholly"))
            .unwrap();
        let listed = notes
            .iter()
            .filter(|n| n.contains("(boundary noise)"))
            .count()
            - 1;
        let n: usize = more.split(' ').nth(1).unwrap().parse().unwrap();
        assert_eq!(n + listed, 61, "{notes:?}");
    }

    #[test]
    fn real_2015_jeugdzorgregio_matches_the_table() {
        let (label, text) = real("cbs/2015/gemeente.geojson");
        let atlas = crate::dataset::embedded::units_atlas(&label, &text, Some(2015)).unwrap();
        let jz = layer("cbs/2015/jeugdzorgregio.geojson");
        let (l, _) = assign_layout("jz.geojson", "jz", &jz, &atlas, None).unwrap();
        let exp = expected_jz_of(2015);
        assert_eq!(l.members().len(), 393);
        for m in l.members() {
            let u = &atlas.units()[m.unit];
            assert_eq!(
                l.regions()[m.region].code.to_string(),
                exp[&u.code.to_string()],
                "{}",
                u.code
            );
        }
    }

    #[test]
    fn real_2025_rd_and_mixed_crs_match_the_table() {
        let rd = units("cbs/2025/rd/gemeente.geojson");
        assert!(rd.notes.is_empty(), "{:?}", rd.notes);
        let jz_rd = layer("cbs/2025/rd/jeugdzorgregio.geojson");
        let (l, _) = assign_layout("jz.geojson", "jeugdzorgregio", &jz_rd, &rd, None).unwrap();
        check_whole(&rd, &l);
        // WGS84 units against RD regions: compared in RD New, same answer.
        let wgs = units("cbs/2025/gemeente.geojson");
        let (l, notes) = assign_layout("jz.geojson", "jz", &jz_rd, &wgs, None).unwrap();
        let notes: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        check_whole(&wgs, &l);
        assert!(notes.iter().any(|n| n.contains("both compared in RD New")));
    }

    /// Share mode on the separately generalised 2025 layers. Expected from GeoPandas
    /// (shapely 2 `make_valid`, pyproj to EPSG:28992, `overlay` intersection, kept when the
    /// share is ≥ 1 % and the area ≥ 0.01 km²): 385 kept pieces, 39 gemeenten in two or more
    /// regions, Kerkrade the least covered (88.6 %).
    #[test]
    fn real_2025_shares_mode_reports_the_generalisation_noise() {
        let atlas = units("cbs/2025/gemeente.geojson");
        let jz = layer("cbs/2025/jeugdzorgregio.geojson");
        let opts = AssignOptions::default().with_mode(AssignMode::Shares);
        let (l, notes) = assign_layout("jz.geojson", "jz", &jz, &atlas, Some(opts)).unwrap();
        let notes: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert!(!l.whole_units);
        let n = l.members().len();
        assert!((383..=387).contains(&n), "{n}");
        let mut per_unit = std::collections::HashMap::new();
        for m in l.members() {
            *per_unit.entry(m.unit).or_insert(0) += 1;
        }
        let split = per_unit.values().filter(|&&c| c > 1).count();
        assert!((37..=41).contains(&split), "{split}");
        assert_eq!(per_unit.len(), 342);
        assert!(
            notes
                .iter()
                .any(|n| n.contains("dropped") && n.contains("slivers"))
        );
        let kerkrade = notes
            .iter()
            .find(|n| n.contains("GM0928 Kerkrade"))
            .unwrap();
        assert!(kerkrade.contains("only 88.6 %"), "{kerkrade}");
    }

    fn rect(x0: f64, x1: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![
            polygon![(x: x0, y: 0.0), (x: x1, y: 0.0), (x: x1, y: 1000.0), (x: x0, y: 1000.0)],
        ])
    }

    #[test]
    fn slivers_are_dropped_and_reported() {
        // Unit 0 has 0.5 % in region 1: a sliver. Unit 1 sticks 20 % out of every region.
        let units = [rect(0.0, 1000.0), rect(1000.0, 2000.0)];
        let regions = [rect(0.0, 995.0), rect(995.0, 1800.0)];
        let a = assign(&units, &regions, Crs::RdNew, AssignOptions::default());
        assert_eq!(a.slivers.len(), 1);
        assert_eq!((a.slivers[0].unit, a.slivers[0].region), (0, 1));
        assert!((a.slivers[0].share - 0.005).abs() < 1e-9);
        // Unit 0's membership is scaled to 1; unit 1 is reported as 80 % covered.
        assert_eq!(a.shares.len(), 2);
        assert!((a.shares[0].share - 1.0).abs() < 1e-9);
        assert_eq!(a.uncovered.len(), 1);
        assert!((a.uncovered[0].covered - 0.8).abs() < 1e-9);
        assert!(a.unassigned.is_empty());
    }

    #[test]
    fn absolute_floor_and_settable_share() {
        let units = [rect(0.0, 1000.0)];
        let regions = [rect(0.0, 900.0), rect(900.0, 1000.0)];
        // 10 % = 0.1 km²: kept by default, dropped with a 0.2 km² floor or a 15 % share.
        assert_eq!(
            assign(&units, &regions, Crs::RdNew, AssignOptions::default())
                .shares
                .len(),
            2
        );
        let o = AssignOptions::default().with_min_area_km2(0.2);
        assert_eq!(assign(&units, &regions, Crs::RdNew, o).slivers.len(), 1);
        let o = AssignOptions::default().with_min_share(0.15);
        assert_eq!(assign(&units, &regions, Crs::RdNew, o).slivers.len(), 1);
    }

    #[test]
    fn border_vertex_hole_and_multipolygon_cases_assign_whole_units() {
        let sq = |x0: f64, y0: f64, s: f64| polygon![(x: x0, y: y0), (x: x0 + s, y: y0), (x: x0 + s, y: y0 + s), (x: x0, y: y0 + s)];
        // Region 0: a square with a hole, and a second square apart (one MultiPolygon);
        // region 1: the square right of region 0's first part, sharing its side.
        let hole = sq(3000.0, 3000.0, 4000.0).exterior().clone();
        let regions = [
            MultiPolygon(vec![
                geo::Polygon::new(sq(0.0, 0.0, 10_000.0).exterior().clone(), vec![hole]),
                sq(20_000.0, 0.0, 1000.0),
            ]),
            MultiPolygon(vec![sq(10_000.0, 0.0, 10_000.0)]),
        ];
        let units = [
            MultiPolygon(vec![sq(9000.0, 0.0, 1000.0)]), // on the border, inside region 0
            MultiPolygon(vec![sq(10_000.0, 0.0, 1000.0)]), // on the border, inside region 1
            MultiPolygon(vec![sq(4000.0, 4000.0, 1000.0)]), // in the hole
            // touches region 0 only at the corner (10000, 10000), lies in region 1
            MultiPolygon(vec![
                polygon![(x: 10_000.0, y: 10_000.0), (x: 11_000.0, y: 9000.0),
                (x: 12_000.0, y: 10_000.0), (x: 11_000.0, y: 9500.0)],
            ]),
            MultiPolygon(vec![sq(20_200.0, 200.0, 100.0)]), // in region 0's second part
        ];
        let a = assign(&units, &regions, Crs::RdNew, AssignOptions::whole_units());
        let got: Vec<(usize, usize)> = a.shares.iter().map(|s| (s.unit, s.region)).collect();
        assert_eq!(got, vec![(0, 0), (1, 1), (3, 1), (4, 0)]);
        assert_eq!(a.unassigned, vec![2]);
        assert!(a.noise.is_empty() && a.overlapped.is_empty(), "{a:?}");
        // The whole-unit shares are the units' own areas.
        assert!((a.shares[0].area_km2 - 1.0).abs() < 1e-9);
        assert!((a.shares[3].area_km2 - 0.01).abs() < 1e-9);
    }

    #[test]
    fn empty_and_degenerate_units_are_unassigned_not_dropped() {
        let units = [MultiPolygon(vec![]), rect(0.0, 10.0)];
        let a = assign(
            &units,
            &[rect(0.0, 5.0)],
            Crs::RdNew,
            AssignOptions::default(),
        );
        assert_eq!(a.unassigned, vec![0]);
        // Unit 1 (0.01 km²) has half its area, 0.005 km², in the region: below the absolute
        // floor, but its largest piece, so kept and reported as half covered.
        assert_eq!(a.shares.len(), 1);
        assert_eq!(a.uncovered.len(), 1);
    }
}
