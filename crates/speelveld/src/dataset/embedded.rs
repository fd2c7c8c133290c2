//! The embedded default dataset (`data/` of the repository, compiled into the library).
//!
//! | year | units | layouts |
//! | --- | --- | --- |
//! | 2025 (default) | 342 gemeenten with generalised geometry | `swv-po`, `swv-vo` (the 2015 layouts carried through the herindeling 2015 → 2025 derived from the geometry of both years, [`embedded_swv`]; gemeenten whose predecessors lay in different SWV's are split by the 2021 inhabitants of each part where the herindelingen since 2021 tell them (2022–2023 mergers), by area otherwise, and listed in `Layout::conflicts`), `jeugdzorgregio`, `arbeidsmarktregio`, `ggdregio`, `rmcregio` (RMC-regio's, voortijdig schoolverlaten), `veiligheidsregio`, `zorgkantoorregio`, `veiligthuisregio` (Veilig Thuis-regio's) (CBS, from `gemeente_regions_spatial.csv`: the region holding the largest share of each gemeente's area, made by `data/build/cbs_2025.py` for the last four), `provincie` (each gemeente's interior point in the provincie polygons) |
//! | 2015 | 393 gemeenten with generalised geometry | `swv-po`, `swv-vo` (the legal SWV table, matched by gemeente name, split gemeenten with postcode shares), `jeugdzorgregio`, `provincie` (CBS) |
//!
//! Sources: CBS/Kadaster gebiedsindelingen (CC BY 4.0, "Bron: CBS/Kadaster"), generalised;
//! the SWV table is Dutch law text (BWBR0032324, version 2015-04-23). See `data/README.md`.
//!
//! # Examples
//! ```
//! let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
//! assert_eq!(atlas.year, Some(2025));
//! assert_eq!(atlas.units().len(), 342);
//! assert_eq!(atlas.layout("jeugdzorgregio").unwrap().regions().len(), 42);
//! assert_eq!(atlas.layout("rmcregio").unwrap().regions().len(), 40);
//! assert_eq!(atlas.layouts().len(), 10);
//! ```

use crate::error::Error;
use crate::geometry::repair::check_and_repair;
use crate::io::geojson::{GeoJsonOptions, PolygonLayer, read_polygons};
use crate::io::swv::{gemeente_layouts, read_swv};
use crate::io::text::read_table;
use crate::io::wide_table::read_wide_layouts;
use crate::model::UnitLookup;
use crate::model::{Atlas, GemeenteCode, Note, NoteKind, Unit};

/// The years with an embedded dataset.
pub const YEARS: [u16; 2] = [2015, 2025];
/// The year used when none is asked for.
pub const DEFAULT_YEAR: u16 = 2025;

macro_rules! data {
    ($p:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $p))
    };
}

/// One embedded file: its name (as shown in messages and `source`) and its text.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    /// The path inside `data/` (`cbs/2025/gemeente.geojson`).
    pub name: &'static str,
    /// The file's text.
    pub text: &'static str,
}

macro_rules! file {
    ($p:literal) => {
        DataFile {
            name: $p,
            text: data!($p),
        }
    };
}

/// The gemeente polygons of a year (CBS/Kadaster, generalised, WGS84).
pub fn gemeente_geojson(year: u16) -> Option<DataFile> {
    match year {
        2015 => Some(file!("cbs/2015/gemeente.geojson")),
        2025 => Some(file!("cbs/2025/gemeente.geojson")),
        _ => None,
    }
}

/// The region polygons of a CBS layout of a year (`provincie`, `jeugdzorgregio`, and in 2025
/// `arbeidsmarktregio`, `ggdregio`, `rmcregio`, `veiligheidsregio`, `zorgkantoorregio`,
/// `veiligthuisregio`), as published (generalised, WGS84; the invalid Zeeland rings of the last
/// four repaired by `data/build/cbs_2025.py`). For drawing; the membership of the embedded
/// layouts comes from [`atlas`].
pub fn region_geojson(year: u16, layout: &str) -> Option<DataFile> {
    match (year, layout) {
        (2015, "provincie") => Some(file!("cbs/2015/provincie.geojson")),
        (2015, "jeugdzorgregio") => Some(file!("cbs/2015/jeugdzorgregio.geojson")),
        (2025, "provincie") => Some(file!("cbs/2025/provincie.geojson")),
        (2025, "jeugdzorgregio") => Some(file!("cbs/2025/jeugdzorgregio.geojson")),
        (2025, "arbeidsmarktregio") => Some(file!("cbs/2025/arbeidsmarktregio.geojson")),
        (2025, "ggdregio") => Some(file!("cbs/2025/ggdregio.geojson")),
        (2025, "rmcregio") => Some(file!("cbs/2025/rmcregio.geojson")),
        (2025, "veiligheidsregio") => Some(file!("cbs/2025/veiligheidsregio.geojson")),
        (2025, "zorgkantoorregio") => Some(file!("cbs/2025/zorgkantoorregio.geojson")),
        (2025, "veiligthuisregio") => Some(file!("cbs/2025/veiligthuisregio.geojson")),
        _ => None,
    }
}

/// The CBS wide table of a year: each gemeente's region in the CBS layouts.
pub fn regions_table(year: u16) -> Option<DataFile> {
    match year {
        2015 => Some(file!("cbs/2015/gemeente_regions_spatial.csv")),
        2025 => Some(file!("cbs/2025/gemeente_regions_spatial.csv")),
        _ => None,
    }
}

/// The herindeling between the embedded gemeenten of two years, derived from their geometry
/// (`speelveld herindeling --from 2015 --to 2025 --format csv`; a test re-derives it).
pub fn herindeling_table(from: u16, to: u16) -> Option<DataFile> {
    match (from, to) {
        (2015, 2025) => Some(file!("herindeling/gemeenten_2015_2025.csv")),
        _ => None,
    }
}

/// The dated herindelingen between the gemeenten of 2021 and 2025 (public facts: the
/// mergers of 2022 and 2023, by code, name and date; see `data/README.md`).
pub fn dated_herindeling_2021_2025() -> DataFile {
    file!("herindeling/gemeenten_2021_2025.csv")
}

/// The CBS key figures of the 352 gemeenten of 2021 (Kerncijfers wijken en buurten 2021,
/// 85039NED): inhabitants, age groups, households and land area, counts only.
pub fn kerncijfers_2021() -> DataFile {
    file!("cbs/2021/kerncijfers_gemeenten_2021.csv")
}

/// The key figures of 2021 carried to the gemeenten of 2025 through the dated herindelingen
/// (mergers summed), with what happened to each code that changed.
pub fn figures_2025(atlas: &Atlas) -> Result<crate::analysis::carry::Carried, Error> {
    let f = kerncijfers_2021();
    let figures = crate::io::figures::read_figures(f.name, f.text)?;
    let h = dated_herindeling_2021_2025();
    let h = crate::io::herindeling::read_herindeling(h.name, h.text)?;
    let rows: Vec<_> = figures
        .rows
        .into_iter()
        .map(|r| (r.code, r.values))
        .collect();
    crate::analysis::carry::carry(&rows, &h, atlas)
}

/// The legal SWV table (one row per postcode-4 area, 2015 gemeente names).
pub fn swv_table() -> DataFile {
    file!("swv/regio_indeling_swv_pc4.csv")
}

fn unknown_year(year: u16) -> Error {
    Error::UnknownYear {
        year,
        available: YEARS.map(|y| y.to_string()).join(", "),
    }
}

/// The gemeente codes and names of a year, without geometry (cheap; for checking which year
/// a code belongs to).
///
/// # Examples
/// ```
/// let g = speelveld::dataset::embedded::gemeenten(2015).unwrap();
/// assert_eq!(g.len(), 393);
/// assert!(g.iter().any(|(c, n)| c.to_string() == "GM0381" && n == "Bussum"));
/// ```
pub fn gemeenten(year: u16) -> Result<Vec<(GemeenteCode, String)>, Error> {
    let f = regions_table(year).ok_or_else(|| unknown_year(year))?;
    let t = read_table(f.name, f.text)?;
    let code = t.column("statcode", &[])?;
    let name = t.column("statnaam", &[])?;
    t.rows
        .iter()
        .map(|r| {
            r.get(code)
                .parse()
                .map(|c| (c, r.get(name).to_string()))
                .map_err(|source| Error::Code {
                    path: f.name.into(),
                    line: r.line,
                    source,
                })
        })
        .collect()
}

/// The gemeente codes and names of 2021 (352): the gemeenten of 2025 without the new codes
/// of the dated herindelingen 2021 → 2025 ([`dated_herindeling_2021_2025`]), with their old
/// codes. A new gemeente of the table whose code is a gemeente of 2015 too (Amsterdam,
/// Purmerend, which took in Weesp and Beemster) existed in 2021: CBS never gives a code
/// again once it has lapsed. The names are those of 2025, and of the table for the old
/// codes. There is no
/// embedded dataset of 2021 (no geometry, no layouts); this set is for telling which year a
/// file of key figures belongs to.
///
/// # Examples
/// ```
/// let g = speelveld::dataset::embedded::gemeenten_2021().unwrap();
/// assert_eq!(g.len(), 352);
/// assert!(g.iter().any(|(c, n)| c.to_string() == "GM0457" && n == "Weesp"));
/// assert!(!g.iter().any(|(c, _)| c.to_string() == "GM1980"));
/// ```
pub fn gemeenten_2021() -> Result<Vec<(GemeenteCode, String)>, Error> {
    let dated = dated_herindeling_2021_2025();
    let h = crate::io::herindeling::read_herindeling(dated.name, dated.text)?;
    let of_2015: std::collections::BTreeSet<GemeenteCode> =
        gemeenten(2015)?.into_iter().map(|(c, _)| c).collect();
    let new: std::collections::BTreeSet<GemeenteCode> = h
        .pairs
        .iter()
        .map(|p| p.new)
        .filter(|c| !of_2015.contains(c))
        .collect();
    let mut out: Vec<(GemeenteCode, String)> = gemeenten(2025)?
        .into_iter()
        .filter(|(c, _)| !new.contains(c))
        .collect();
    let mut old: Vec<(GemeenteCode, String)> =
        h.pairs.into_iter().map(|p| (p.old, p.old_name)).collect();
    old.dedup();
    out.extend(old);
    out.sort();
    Ok(out)
}

/// The embedded atlas of a year (`None`: [`DEFAULT_YEAR`]). See the module documentation.
pub fn atlas(year: Option<u16>) -> Result<Atlas, Error> {
    let year = year.unwrap_or(DEFAULT_YEAR);
    let units = gemeente_geojson(year).ok_or_else(|| unknown_year(year))?;
    let mut atlas = units_atlas(units.name, units.text, Some(year))?;
    atlas.source = format!("embedded: CBS/Kadaster gemeenten {year} (generalised)");
    // The embedded files load without notes: the two self-intersecting rings of the 2025
    // source were repaired once, when the data was built (data/build/cbs_2025.py).
    let table = regions_table(year).ok_or_else(|| unknown_year(year))?;
    let t = read_table(table.name, table.text)?;
    let mut cbs = read_wide_layouts(&t, &UnitLookup::new(&atlas))?;
    for l in &mut cbs {
        l.source = format!("embedded: CBS/Kadaster {year} ({})", table.name);
    }
    if year == 2015 {
        let swv = swv_table();
        let s = gemeente_layouts(&read_swv(swv.name, swv.text)?, &atlas);
        for mut l in [s.po, s.vo] {
            l.source = format!(
                "embedded: SWV regio-indeling BWBR0032324 2015-04-23 ({})",
                swv.name
            );
            atlas.add_layout(l)?;
        }
    }
    if year == 2025 {
        for t in embedded_swv(&atlas)? {
            atlas.add_layout(t.layout)?;
        }
    }
    let provincie_in_table = cbs.iter().any(|l| l.name() == "provincie");
    for l in cbs {
        atlas.add_layout(l)?;
    }
    if !provincie_in_table {
        let f = region_geojson(year, "provincie").ok_or_else(|| unknown_year(year))?;
        let layer = read_polygons(f.name, f.text, &GeoJsonOptions::default())?;
        let mut l = crate::geometry::interior_point::assign_by_interior_point(
            &atlas,
            f.name,
            &layer,
            "provincie",
        )?;
        l.source = format!(
            "embedded: CBS/Kadaster {year} ({}, by interior point)",
            f.name
        );
        atlas.add_layout(l)?;
    }
    for l in atlas.layouts_mut() {
        l.embedded = true;
    }
    if year == 2025 {
        let carried = figures_2025(&atlas)?;
        for (u, values) in carried.figures {
            if let Some(unit) = atlas.units_mut().get_mut(u) {
                unit.figures.extend(values);
            }
        }
    }
    Ok(atlas)
}

/// The embedded dataset's SWV layouts (`swv-po`, `swv-vo` of the legal 2015 table, matched by
/// name to the 2015 gemeenten) carried to the units of `to` (the 2025 gemeenten) through the
/// embedded herindeling 2015 → 2025 ([`herindeling_table`], derived from
/// the embedded geometry of both years). The table carries the areas; the 2015 outlines
/// give the parts of a gemeente that a herindeling joined from different SWV's their own
/// outline ([`crate::model::PartOutline`]).
pub fn embedded_swv(to: &Atlas) -> Result<Vec<crate::analysis::translate::Translation>, Error> {
    let table = herindeling_table(2015, 2025).ok_or(Error::UnknownYear {
        year: 2015,
        available: "2015 → 2025".into(),
    })?;
    let mut h = crate::io::herindeling::read_herindeling(table.name, table.text)?;
    h.from = "2015".into();
    h.to = "2025".into();
    let mut old = Atlas::new(Some(2015));
    // The 2015 outlines give the parts of a gemeente split by a herindeling their own
    // outline (Weesp in Amsterdam).
    let geometry = gemeente_geojson(2015).ok_or_else(|| unknown_year(2015))?;
    let with_outlines = units_atlas(geometry.name, geometry.text, Some(2015))?;
    old.crs = with_outlines.crs;
    let outline_of: std::collections::HashMap<String, geo::MultiPolygon<f64>> = with_outlines
        .units()
        .iter()
        .filter_map(|u| Some((u.code.to_string(), u.geometry.clone()?)))
        .collect();
    for (code, name) in gemeenten(2015)? {
        let mut unit = crate::model::Unit::new(code, name);
        unit.geometry = outline_of.get(&code.to_string()).cloned();
        old.add_unit(unit)?;
    }
    inhabitants_of_2015(&mut old, &h)?;
    let swv = swv_table();
    let layouts =
        crate::io::swv::gemeente_layouts(&crate::io::swv::read_swv(swv.name, swv.text)?, &old);
    [layouts.po, layouts.vo]
        .into_iter()
        .map(|mut l| {
            l.source = format!(
                "embedded: SWV regio-indeling BWBR0032324 2015-04-23 ({})",
                swv.name
            );
            let mut t = crate::analysis::translate::translate(
                &l,
                &old,
                &h,
                to,
                &crate::analysis::translate::TranslateOptions {
                    weight: Some("inwoners".into()),
                    area_where_missing: true,
                },
            )?;
            t.layout.source = format!(
                "embedded: SWV regio-indeling BWBR0032324 2015-04-23 on the 2015 gemeenten, \
                 carried to 2025 through {} ({} conflict(s))",
                table.name,
                t.conflicts.len()
            );
            Ok(t)
        })
        .collect()
}

/// Gives the 2015 gemeenten the inhabitants of 2021 where they mean the same territory, so
/// that a 2025 gemeente split between SWV's by a herindeling is split by the people of its
/// parts (Weesp's 20,445 go with Weesp's part of Amsterdam). That holds for a 2025 gemeente
/// whose 2015 predecessors are exactly its 2021 predecessors (no herindeling between 2015
/// and 2021 changed them); the predecessors of any other 2025 gemeente get no figure, and
/// its parts are weighed by area (the conflict says so).
fn inhabitants_of_2015(
    old: &mut Atlas,
    h: &crate::model::herindeling::Herindeling,
) -> Result<(), Error> {
    use std::collections::{BTreeMap, BTreeSet};
    let f = kerncijfers_2021();
    let figures = crate::io::figures::read_figures(f.name, f.text)?;
    let of_2021: BTreeMap<GemeenteCode, f64> = figures
        .rows
        .iter()
        .filter_map(|r| Some((r.code.gemeente()?, *r.values.get("inwoners")?)))
        .collect();
    let dated = dated_herindeling_2021_2025();
    let dated = crate::io::herindeling::read_herindeling(dated.name, dated.text)?;
    // 2025 gemeente → its 2021 predecessors, and its 2015 predecessors.
    let mut p21: BTreeMap<GemeenteCode, BTreeSet<GemeenteCode>> = BTreeMap::new();
    for p in &dated.pairs {
        p21.entry(p.new).or_default().insert(p.old);
    }
    let mut p15: BTreeMap<GemeenteCode, BTreeSet<GemeenteCode>> = BTreeMap::new();
    let mut targets: BTreeMap<GemeenteCode, BTreeSet<GemeenteCode>> = BTreeMap::new();
    for p in h.kept() {
        p15.entry(p.new).or_default().insert(p.old);
        targets.entry(p.old).or_default().insert(p.new);
    }
    let same = |new: &GemeenteCode| {
        let mut before_2021 = p21.get(new).cloned().unwrap_or_default();
        if of_2021.contains_key(new) {
            before_2021.insert(*new);
        }
        let from_2015 = p15
            .get(new)
            .cloned()
            .unwrap_or_else(|| BTreeSet::from([*new]));
        before_2021 == from_2015
    };
    for unit in old.units_mut() {
        let Some(code) = unit.code.gemeente() else {
            continue;
        };
        let to = targets
            .get(&code)
            .cloned()
            .unwrap_or_else(|| BTreeSet::from([code]));
        if let (Some(&v), true) = (of_2021.get(&code), to.iter().all(same)) {
            unit.figures.insert("inwoners".into(), v);
        }
    }
    Ok(())
}

/// An atlas of gemeenten (with geometry) from a GeoJSON FeatureCollection.
/// Feature codes must be gemeente codes; an error names the feature.
pub fn units_atlas(path: &str, text: &str, year: Option<u16>) -> Result<Atlas, Error> {
    units_atlas_with(path, text, year, &GeoJsonOptions::default())
}

/// [`units_atlas`] with the code and name properties chosen (`None`: found by name).
pub fn units_atlas_with(
    path: &str,
    text: &str,
    year: Option<u16>,
    fields: &GeoJsonOptions,
) -> Result<Atlas, Error> {
    units_atlas_from_layer(path, read_polygons(path, text, fields)?, year)
}

/// An atlas of gemeenten (with geometry) from a polygon layer of any GIS format
/// ([`crate::io::gis`]). Feature codes must be gemeente codes, each once; invalid rings are
/// repaired with a note; an error names the feature.
pub fn units_atlas_from_layer(
    path: &str,
    layer: PolygonLayer,
    year: Option<u16>,
) -> Result<Atlas, Error> {
    let mut atlas = Atlas::new(year);
    atlas.register = super::embedded_register();
    atlas.crs = layer.crs;
    atlas.source = path.to_string();
    atlas.notes.extend(layer.notes.iter().cloned());
    let mut first_feature = std::collections::HashMap::new();
    for f in layer.features {
        let feature = format!("feature {} ({})", f.index + 1, f.code);
        let code: GemeenteCode = f.code.parse().map_err(|e| Error::GeoJson {
            path: path.into(),
            feature: feature.clone(),
            message: format!("{e} in property '{}'", layer.code_field),
        })?;
        if let Some(first) = first_feature.insert(code, f.index + 1) {
            return Err(Error::GeoJson {
                path: path.into(),
                feature,
                message: format!(
                    "the code {code} was already used by feature {first}; expected each code once"
                ),
            });
        }
        let label = format!("{path}: feature {} ({})", f.index + 1, f.code);
        let (geometry, repair) = check_and_repair(f.geometry, &label, layer.crs)?;
        atlas.notes.extend(repair.map(|r| {
            let feature = format!("feature {} ({})", f.index + 1, f.code);
            Note::new(
                path,
                NoteKind::RepairedGeometry,
                format!("{feature}: {}", r.describe()),
            )
        }));
        atlas.add_unit(Unit::new(code, f.name).with_geometry(geometry))?;
    }
    Ok(atlas)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::interior_point::assign_by_interior_point;
    use crate::model::Layout;
    use std::collections::BTreeMap;

    #[test]
    fn the_embedded_years_load_without_a_note() {
        // Before the build repaired them, GM0293 Westervoort and GM1676 Schouwen-Duiveland
        // were repaired on every load, and their two notes buried the user's own.
        for year in [2015, 2025] {
            let a = atlas(Some(year)).unwrap();
            let notes: Vec<String> = a.notes.iter().map(|n| n.text.clone()).collect();
            assert!(notes.is_empty(), "{year}: {notes:?}");
        }
    }

    fn per_region(l: &Layout) -> BTreeMap<String, usize> {
        l.members_by_region()
            .iter()
            .zip(l.regions())
            .map(|(m, r)| (format!("{} {}", r.code, r.name), m.len()))
            .collect()
    }

    #[test]
    fn interior_points_reproduce_the_2015_provincie_table() {
        // The 2015 wide table was made independently (shapely representative points);
        // our interior-point assignment on the same polygons must agree for all 393.
        let a = atlas(Some(2015)).unwrap();
        let f = region_geojson(2015, "provincie").unwrap();
        let layer = read_polygons(f.name, f.text, &GeoJsonOptions::default()).unwrap();
        let ours = assign_by_interior_point(&a, f.name, &layer, "p").unwrap();
        let table = a.layout("provincie").unwrap();
        assert!(ours.unresolved.is_empty());
        assert_eq!(ours.members().len(), 393);
        for (m, t) in ours.members().iter().zip(table.members()) {
            assert_eq!(m.unit, t.unit);
            assert_eq!(
                ours.regions()[m.region].code,
                table.regions()[t.region].code,
                "{}",
                a.units()[m.unit].name
            );
        }
    }

    #[test]
    fn atlas_2025() {
        let a = atlas(None).unwrap();
        assert_eq!(a.units().len(), 342);
        let names: Vec<(&str, usize, usize)> = a
            .layouts()
            .iter()
            .map(|l| (l.name(), l.regions().len(), l.unit_count()))
            .collect();
        assert_eq!(
            names,
            [
                ("swv-po", 76, 342),
                ("swv-vo", 74, 342),
                ("jeugdzorgregio", 42, 342),
                ("arbeidsmarktregio", 35, 342),
                ("ggdregio", 25, 342),
                ("rmcregio", 40, 342),
                ("veiligheidsregio", 25, 342),
                ("zorgkantoorregio", 31, 342),
                ("veiligthuisregio", 25, 342),
                ("provincie", 12, 342)
            ]
        );
        assert!(
            a.layouts()
                .iter()
                .filter(|l| !l.name().starts_with("swv"))
                .all(|l| l.whole_units && l.unresolved.is_empty())
        );
        // The SWV layouts are carried from 2015: the Europoort rows stay unresolved, and the
        // mergers across SWV borders are listed as conflicts.
        let po = a.layout("swv-po").unwrap();
        assert_eq!((po.unresolved.len(), po.conflicts.len()), (3, 9));
        // Gemeenten per provincie on 1 January 2025 (CBS): 342 in all.
        let p = per_region(a.layout("provincie").unwrap());
        let want = [
            ("PV20 Groningen", 10),
            ("PV21 Fryslân", 18),
            ("PV22 Drenthe", 12),
            ("PV23 Overijssel", 25),
            ("PV24 Flevoland", 6),
            ("PV25 Gelderland", 51),
            ("PV26 Utrecht", 26),
            ("PV27 Noord-Holland", 44),
            ("PV28 Zuid-Holland", 50),
            ("PV29 Zeeland", 13),
            ("PV30 Noord-Brabant", 56),
            ("PV31 Limburg", 31),
        ];
        let got: Vec<(&str, usize)> = p.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn region_polygons_of_the_2025_layouts_are_valid_and_match_the_table() {
        // The four layers of data/build/cbs_2025.py (Zeeland repaired there) and the older
        // ones: one feature per region of the layout, same codes and names; the new four need
        // no repair.
        let a = atlas(None).unwrap();
        for (name, valid) in [
            ("jeugdzorgregio", false),
            ("arbeidsmarktregio", false),
            ("ggdregio", false),
            ("provincie", false),
            ("rmcregio", true),
            ("veiligheidsregio", true),
            ("zorgkantoorregio", true),
            ("veiligthuisregio", true),
        ] {
            let f = region_geojson(2025, name).unwrap();
            let layer = read_polygons(f.name, f.text, &GeoJsonOptions::default()).unwrap();
            assert!(layer.notes.is_empty(), "{name}: {:?}", layer.notes);
            let mut features: Vec<(String, String)> = layer
                .features
                .iter()
                .map(|f| (f.code.clone(), f.name.clone()))
                .collect();
            features.sort();
            let mut regions: Vec<(String, String)> = a
                .layout(name)
                .unwrap()
                .regions()
                .iter()
                .map(|r| (r.code.to_string(), r.name.clone()))
                .collect();
            regions.sort();
            assert_eq!(features, regions, "{name}");
            if valid {
                for feature in layer.features {
                    let (_, repair) = check_and_repair(feature.geometry, name, layer.crs).unwrap();
                    assert!(repair.is_none(), "{name} {}: {repair:?}", feature.code);
                }
            }
        }
    }

    #[test]
    fn atlas_2015() {
        let a = atlas(Some(2015)).unwrap();
        assert_eq!(a.units().len(), 393);
        let names: Vec<(&str, usize)> = a
            .layouts()
            .iter()
            .map(|l| (l.name(), l.regions().len()))
            .collect();
        assert_eq!(
            names,
            [
                ("swv-po", 76),
                ("swv-vo", 74),
                ("jeugdzorgregio", 42),
                ("provincie", 12)
            ]
        );
        // Provincie counts from the 2015 table's provenance.
        let p = per_region(a.layout("provincie").unwrap());
        assert_eq!(p.get("PV28 Zuid-Holland"), Some(&60));
        assert_eq!(p.get("PV30 Noord-Brabant"), Some(&66));
        assert!(
            a.layout("swv-po")
                .unwrap()
                .unresolved
                .iter()
                .all(|u| u.unit == "Rotterdam")
        );
    }

    #[test]
    fn the_gemeenten_of_2021_are_those_of_the_2021_key_figures() {
        // The 352 codes derived from the 2025 gemeenten and the dated herindelingen are
        // exactly the codes of CBS's key figures of 2021 (another source).
        let derived: Vec<String> = gemeenten_2021()
            .unwrap()
            .iter()
            .map(|(c, _)| c.to_string())
            .collect();
        let f = kerncijfers_2021();
        let mut cbs: Vec<String> = crate::io::figures::read_figures(f.name, f.text)
            .unwrap()
            .rows
            .iter()
            .map(|r| r.code.to_string())
            .collect();
        cbs.sort();
        assert_eq!(derived.len(), 352);
        assert_eq!(derived, cbs);
    }

    #[test]
    fn unknown_year_is_an_error() {
        let e = atlas(Some(2020)).unwrap_err().to_string();
        assert_eq!(e, "no embedded dataset for 2020 (available: 2015, 2025)");
        assert_eq!(gemeenten(2025).unwrap().len(), 342);
    }
}
