//! Loading an atlas from data options: the embedded dataset, or the user's own units, plus
//! any layouts and wide tables.
//!
//! - no `units`: the embedded atlas of `year` (default 2025) with all its layouts;
//! - `units`: gemeenten from a GeoJSON FeatureCollection (the year is recognised from the
//!   codes when it is one of the embedded years, or taken from `year`), or postcode-4 areas
//!   with their `swv-po` and `swv-vo` layouts from the SWV table (a CSV);
//! - each [`LayoutSpec`] `NAME=FILE` is a membership CSV, or a GeoJSON of region polygons
//!   (detected by content) handed to spatial assignment; `NAME=FILE:COLUMN` is one column of a
//!   wide table;
//! - each table adds every code + name column pair as a layout.
//!
//! # Examples
//! ```
//! use speelveld::io::load::{load, LayoutSpec, Sources};
//! let spec: LayoutSpec = "jz=regions.csv:jeugdzorgregio_code".parse().unwrap();
//! assert_eq!(spec.column.as_deref(), Some("jeugdzorgregio_code"));
//! let atlas = load(&Sources { year: Some(2015), ..Sources::default() }).unwrap();
//! assert_eq!(atlas.units().len(), 393);
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::error::Error;
use crate::geometry::assign::{AssignOptions, assign_layout};
use crate::io::embedded;
use crate::io::figures::{attach, read_figures};
use crate::io::geojson::{GeoJsonOptions, read_polygons};
use crate::io::membership::read_membership;
use crate::io::swv::{pc4_atlas, read_swv};
use crate::io::text::{read_table, read_text};
use crate::io::units::UnitLookup;
use crate::io::wide_table::{read_wide_column, read_wide_layouts};
use crate::model::{Atlas, Layout, UnitCode};

/// A layout option: `NAME=FILE` or `NAME=FILE:COLUMN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutSpec {
    /// The layout's name in the atlas.
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// The column of a wide table, when given.
    pub column: Option<String>,
}

impl FromStr for LayoutSpec {
    type Err = Error;
    /// The column is what follows the last `:`, unless that part looks like a path (holds
    /// `/` or `\`), the part before it is a drive letter (`C:`), or the whole text names an
    /// existing file.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let usage = |m: &str| {
            Error::Usage(format!(
                "--layout '{s}': {m}; expected NAME=FILE or NAME=FILE:COLUMN"
            ))
        };
        let (name, rest) = s.split_once('=').ok_or_else(|| usage("no '='"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(usage("the layout name is empty"));
        }
        if rest.is_empty() {
            return Err(usage("the file is empty"));
        }
        let (path, column) = match rest.rsplit_once(':') {
            Some((p, c))
                if !c.is_empty()
                    && !c.contains(['/', '\\'])
                    && (p.len() != 1 || !p.chars().all(|ch| ch.is_ascii_alphabetic()))
                    && !Path::new(rest).is_file() =>
            {
                (p, Some(c.to_string()))
            }
            _ => (rest, None),
        };
        Ok(LayoutSpec {
            name: name.to_string(),
            path: PathBuf::from(path),
            column,
        })
    }
}

/// What to load. `Sources::default()` is the embedded dataset of the default year.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Units (gemeenten) from a GeoJSON file; `None`: the embedded units of `year`.
    pub units: Option<PathBuf>,
    /// Layouts to add.
    pub layouts: Vec<LayoutSpec>,
    /// Wide tables: every code + name column pair becomes a layout.
    pub tables: Vec<PathBuf>,
    /// Key figures per unit (CSV).
    pub figures: Vec<PathBuf>,
    /// The year of the embedded dataset, or of the given units.
    pub year: Option<u16>,
    /// How region polygons become membership; `None`: whole units (largest share) for
    /// layouts of whole gemeenten (CBS region codes or known names), shares otherwise. See
    /// [`crate::geometry::assign`].
    pub assign: Option<AssignOptions>,
}

/// Loads the atlas that `sources` describes.
pub fn load(sources: &Sources) -> Result<Atlas, Error> {
    let mut atlas = match &sources.units {
        None => embedded::atlas(sources.year)?,
        Some(p) => read_units(p, sources.year)?,
    };
    for spec in &sources.layouts {
        let mut notes = Vec::new();
        let layout = read_layout_with(spec, &atlas, sources.assign, &mut notes)?;
        atlas.notes.append(&mut notes);
        atlas.add_layout(layout)?;
    }
    for p in &sources.tables {
        let label = p.display().to_string();
        let t = read_table(&label, &read_text(p)?)?;
        for l in read_wide_layouts(&t, &UnitLookup::new(&atlas))? {
            atlas.add_layout(l)?;
        }
    }
    for p in &sources.figures {
        let label = p.display().to_string();
        let figures = read_figures(&label, &read_text(p)?)?;
        let mut notes = attach(&mut atlas, &figures).notes(&label);
        atlas.notes.append(&mut notes);
    }
    Ok(atlas)
}

/// Reads units: gemeenten from a GeoJSON file, or postcode-4 areas with their `swv-po` and
/// `swv-vo` layouts from the SWV table (`pc4,gemeente,swv_po,swv_vo`; see
/// [`crate::io::swv::pc4_atlas`]). For gemeenten the year is `year` when given, else the
/// embedded year whose gemeente codes contain all of the file's codes, else unknown.
pub fn read_units(path: &Path, year: Option<u16>) -> Result<Atlas, Error> {
    let label = path.display().to_string();
    let text = read_text(path)?;
    if !is_json(&text) {
        let mut atlas = pc4_atlas(&read_swv(&label, &text)?)?;
        atlas.year = year;
        return Ok(atlas);
    }
    let mut atlas = embedded::units_atlas(&label, &text, year)?;
    if atlas.year.is_none() {
        atlas.year = guess_year(&atlas);
    }
    Ok(atlas)
}

/// The embedded year whose gemeente codes include every unit code of the atlas.
pub fn guess_year(atlas: &Atlas) -> Option<u16> {
    embedded::YEARS.into_iter().rev().find(|&y| {
        embedded::gemeenten(y).is_ok_and(|g| {
            let codes: HashSet<UnitCode> = g.into_iter().map(|(c, _)| c.into()).collect();
            atlas.units().iter().all(|u| codes.contains(&u.code))
        })
    })
}

/// Reads one layout option against the units of an atlas. Warnings of a spatial assignment
/// are dropped; [`read_layout_with`] returns them.
pub fn read_layout(spec: &LayoutSpec, atlas: &Atlas) -> Result<Layout, Error> {
    read_layout_with(spec, atlas, None, &mut Vec::new())
}

/// Reads one layout option against the units of an atlas; region polygons are assigned with
/// `assign` (`None`: see [`Sources::assign`]) and the warnings are added to `notes`.
pub fn read_layout_with(
    spec: &LayoutSpec,
    atlas: &Atlas,
    assign: Option<AssignOptions>,
    notes: &mut Vec<String>,
) -> Result<Layout, Error> {
    let label = spec.path.display().to_string();
    let text = read_text(&spec.path)?;
    let units = UnitLookup::new(atlas);
    if is_json(&text) {
        if spec.column.is_some() {
            return Err(Error::Usage(format!(
                "{label}: a GeoJSON file has no columns; expected --layout {}={label}",
                spec.name
            )));
        }
        return assign_region_polygons(&label, &text, &spec.name, atlas, assign, notes);
    }
    let table = read_table(&label, &text)?;
    let mut layout = match &spec.column {
        Some(c) => read_wide_column(&table, c, &spec.name, &units)?,
        None => read_membership(&table, &spec.name, &units)?,
    };
    layout.set_name(spec.name.clone());
    Ok(layout)
}

/// True when a text looks like JSON (GeoJSON) rather than a delimited table.
fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// Turns a GeoJSON of region polygons into a layout by spatial assignment of the atlas's
/// units ([`crate::geometry::assign::assign_layout`]); its warnings go to `notes`.
fn assign_region_polygons(
    path: &str,
    text: &str,
    name: &str,
    atlas: &Atlas,
    opts: Option<AssignOptions>,
    notes: &mut Vec<String>,
) -> Result<Layout, Error> {
    let layer = read_polygons(path, text, &GeoJsonOptions::default())?;
    let (layout, mut n) = assign_layout(path, name, &layer, atlas, opts)?;
    notes.append(&mut n);
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(p: &str) -> PathBuf {
        PathBuf::from(format!(
            "{}/../../../shared/data/{p}",
            env!("CARGO_MANIFEST_DIR")
        ))
    }

    #[test]
    fn layout_specs() {
        let s: LayoutSpec = "x=a/b.csv".parse().unwrap();
        assert_eq!(
            (s.name.as_str(), s.path.to_str().unwrap(), s.column),
            ("x", "a/b.csv", None)
        );
        let s: LayoutSpec = "x=C:\\data\\b.csv".parse().unwrap();
        assert_eq!(s.column, None);
        let s: LayoutSpec = "x=C:b.csv:ggdregio".parse().unwrap();
        assert_eq!(s.column.as_deref(), Some("ggdregio"));
        for bad in ["x", "=a.csv", "x="] {
            let e = bad.parse::<LayoutSpec>().unwrap_err().to_string();
            assert!(e.contains(bad) && e.contains("expected NAME=FILE"), "{e}");
        }
    }

    #[test]
    fn user_units_and_table_column() {
        let spatial = shared("cbs/2025/gemeente_regions_spatial.csv");
        let spec = LayoutSpec {
            name: "ggd".into(),
            path: spatial.clone(),
            column: Some("ggdregio".into()),
        };
        let a = load(&Sources {
            units: Some(shared("cbs/2025/gemeente.geojson")),
            layouts: vec![spec],
            tables: vec![shared("cbs/2015/gemeente_regions_spatial.csv")],
            ..Sources::default()
        })
        .unwrap();
        assert_eq!(a.year, Some(2025));
        let names: Vec<&str> = a.layouts().iter().map(|l| l.name()).collect();
        assert_eq!(names, ["ggd", "jeugdzorgregio", "provincie"]);
        assert_eq!(a.layout("ggd").unwrap().regions().len(), 25);
        // The 2015 table on 2025 units: rows of gemeenten that no longer exist are kept
        // as unresolved rows (2015 has 393, 2025 has 342 gemeenten).
        let jz = a.layout("jeugdzorgregio").unwrap();
        assert!(!jz.unresolved.is_empty());
        assert_eq!(jz.unresolved.len() + jz.members().len(), 393);
    }

    #[test]
    fn postcode_units_from_the_swv_table() {
        let a = read_units(&shared("swv/regio_indeling_swv_pc4.csv"), None).unwrap();
        assert_eq!(a.units().len(), 4046);
        assert_eq!(a.layout("swv-vo").unwrap().regions().len(), 74);
    }

    #[test]
    fn region_polygons_and_bad_files_are_clear_errors() {
        let atlas = embedded::atlas(None).unwrap();
        let spec = LayoutSpec {
            name: "p".into(),
            path: shared("cbs/2025/provincie.geojson"),
            column: None,
        };
        // Region polygons are assigned spatially: provincie codes make it whole units, and
        // the result equals the embedded provincie layout (by interior point) for all 342.
        let p = read_layout(&spec, &atlas).unwrap();
        assert!(p.whole_units);
        let emb = atlas.layout("provincie").unwrap();
        let region_of = |l: &Layout, u: usize| {
            let m = l.regions_of(u).next().unwrap();
            l.regions()[m.region].code.to_string()
        };
        for u in 0..atlas.units().len() {
            assert_eq!(
                region_of(&p, u),
                region_of(emb, u),
                "{}",
                atlas.units()[u].code
            );
        }
        let spec = LayoutSpec {
            name: "p".into(),
            path: shared("does/not/exist.csv"),
            column: None,
        };
        let e = read_layout(&spec, &atlas).unwrap_err().to_string();
        assert!(e.contains("exist.csv: cannot read"), "{e}");
        let e = read_units(&shared("cbs/2025/gemeente_regions_spatial.csv"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("gemeente_regions_spatial.csv: line 1: no 'pc4'"),
            "{e}"
        );
        let e = read_units(&shared("cbs/2025/provincie.geojson"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("provincie.geojson: feature 1 (PV20): 'PV20' is not a gemeente code"),
            "{e}"
        );
    }
}
