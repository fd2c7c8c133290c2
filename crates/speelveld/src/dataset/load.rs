//! Loading an atlas from data options: the embedded dataset, or the user's own units, plus
//! any layouts and wide tables.
//!
//! - no `units`: the embedded atlas of `year` (default 2025) with all its layouts;
//! - `units`: gemeenten from a GeoJSON FeatureCollection, a TopoJSON, Shapefile or
//!   GeoPackage (the year is recognised from the
//!   codes when it is one of the embedded years, or taken from `year`), or postcode-4 areas
//!   with their `swv-po` and `swv-vo` layouts from the SWV table (a CSV);
//! - each [`LayoutSpec`] names a membership CSV, or region polygons (GeoJSON, TopoJSON,
//!   Shapefile or GeoPackage, detected by content: [`crate::io::gis`]) handed to spatial
//!   assignment; with a column, one column of a wide table;
//! - each table adds every code + name column pair as a layout.
//!
//! Every table (membership, wide table, figures, the SWV table) may also be a sheet of a
//! workbook (xlsx, xls, ods; told by content, so a `.csv` that is an xlsx is read as one):
//! the sheet named in the spec, else the first with data ([`crate::io::workbook`]).
//!
//! # Examples
//! ```
//! use speelveld::dataset::load::{load, LayoutSpec, Sources};
//! let atlas = load(&Sources { year: Some(2015), ..Sources::default() }).unwrap();
//! assert_eq!(atlas.units().len(), 393);
//! // A layout of the user's own: one column of a wide table.
//! let jz = LayoutSpec {
//!     name: "jz".into(),
//!     path: "regions.csv".into(),
//!     column: Some("jeugdzorgregio_code".into()),
//!     ..LayoutSpec::default()
//! };
//! let e = load(&Sources { layouts: vec![jz], ..Sources::default() }).unwrap_err();
//! assert!(e.to_string().contains("regions.csv"));
//! ```

use std::path::{Path, PathBuf};

use crate::dataset::embedded;
use crate::error::Error;
use crate::geometry::assign::{AssignOptions, assign_layout};
use crate::io::figures::{FiguresOptions, figures_from_table, read_figures_with};
use crate::io::format::{FileKind, read_bytes, wrong_kind};
use crate::io::geojson::{GeoJsonOptions, read_polygons};
use crate::io::membership::{REGION_COLUMNS, read_membership};
use crate::io::swv::{gemeente_layouts, pc4_atlas, read_swv, swv_from_table};
use crate::io::text::{DelimitedTable, decode, normalise_header, read_table};
use crate::io::wide_table::{
    column_pairs, partner_notes, read_wide_column, read_wide_layouts, unit_column,
};
use crate::io::workbook::read_sheet;
use crate::model::UnitLookup;
use crate::model::{Atlas, Epsg, Layout, Note, NoteKind};

/// A layout to read: its name, its file and, for one column of a wide table (or the SWV
/// table's `swv_po`/`swv_vo`), the column; for region polygons (GeoJSON), the code property
/// and the name property, when the file's are not among the known ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LayoutSpec {
    /// The layout's name in the atlas.
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// The column of a wide table, or the code property of region polygons, when given.
    pub column: Option<String>,
    /// The name property of region polygons, when given (tables take no second column).
    pub name_column: Option<String>,
    /// The CRS of region polygons, overriding the file's `crs` member
    /// ([`GeoJsonOptions::crs`]); `None`: [`Sources::crs`], else the file's own.
    pub crs: Option<Epsg>,
    /// The unit column of a table, where neither its header nor its content decides;
    /// `None`: [`Sources::unit_column`], else found by header, then by content.
    pub unit_column: Option<String>,
    /// The sheet of a workbook, when given; `None`: the first sheet with data.
    pub sheet: Option<String>,
}

/// A table file (a wide table or figures) and, for a workbook, its sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableFile {
    /// The file.
    pub path: PathBuf,
    /// The sheet of a workbook, when given; `None`: the first sheet with data.
    pub sheet: Option<String>,
}

impl From<PathBuf> for TableFile {
    fn from(path: PathBuf) -> Self {
        TableFile { path, sheet: None }
    }
}

/// What to load. `Sources::default()` is the embedded dataset of the default year.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Units (gemeenten) from a GeoJSON file; `None`: the embedded units of `year`.
    pub units: Option<PathBuf>,
    /// The code and name properties of the units file, when they are not among the known
    /// ones (`None`: found by name).
    pub units_fields: GeoJsonOptions,
    /// Layouts to add.
    pub layouts: Vec<LayoutSpec>,
    /// Wide tables: every code + name column pair becomes a layout.
    pub tables: Vec<TableFile>,
    /// Key figures per unit (a CSV, or a sheet of a workbook).
    pub figures: Vec<TableFile>,
    /// The year of the embedded dataset, or of the given units.
    pub year: Option<u16>,
    /// How region polygons become membership; `None`: whole units (largest share) for
    /// layouts of whole gemeenten (CBS region codes or known names), shares otherwise. See
    /// [`crate::geometry::assign`](mod@crate::geometry::assign).
    pub assign: Option<AssignOptions>,
    /// The decimal separator of the figures files, when known; `None`: decided per column
    /// from its values ([`crate::io::number`]).
    pub decimal: Option<crate::io::number::Decimal>,
    /// The year of the gemeenten of the figures files, when known; `None`: found from their
    /// codes. Figures of another year than the atlas's are carried to its gemeenten
    /// ([`crate::dataset::figures`]).
    pub figures_year: Option<u16>,
    /// The CRS of every GeoJSON file whose own `crs` member is missing or wrong (a file's
    /// own option, [`GeoJsonOptions::crs`] or [`LayoutSpec::crs`], comes first).
    pub crs: Option<Epsg>,
    /// The unit column of every table (layouts, wide tables, figures) where neither header
    /// nor content decides (a layout's own [`LayoutSpec::unit_column`] comes first).
    pub unit_column: Option<String>,
}

/// Loads the atlas that `sources` describes.
pub fn load(sources: &Sources) -> Result<Atlas, Error> {
    let mut atlas = match &sources.units {
        None => embedded::atlas(sources.year)?,
        Some(p) => {
            let fields = GeoJsonOptions {
                crs: sources.units_fields.crs.or(sources.crs),
                ..sources.units_fields.clone()
            };
            read_units_with(p, sources.year, &fields)?
        }
    };
    atlas.register = super::embedded_register();
    for spec in &sources.layouts {
        let mut notes = Vec::new();
        let spec = LayoutSpec {
            crs: spec.crs.or(sources.crs),
            unit_column: spec
                .unit_column
                .clone()
                .or_else(|| sources.unit_column.clone()),
            ..spec.clone()
        };
        let layout = read_layout_with(&spec, &atlas, sources.assign, &mut notes)?;
        atlas.notes.append(&mut notes);
        add_user_layout(&mut atlas, layout, &spec.path.display().to_string())?;
    }
    for p in &sources.tables {
        let mut t = read_any_table(p, "a wide table", &mut atlas.notes)?;
        let label = t.path.clone();
        if let Some(note) = settle_unit_column(&mut t, sources.unit_column.as_deref())? {
            atlas.notes.push(note);
        }
        atlas.notes.extend(partner_notes(&t, None));
        for l in read_wide_layouts(&t, &UnitLookup::new(&atlas))? {
            let mut notes = alias_notes(&label, &atlas, &l);
            atlas.notes.append(&mut notes);
            add_user_layout(&mut atlas, l, &label)?;
        }
    }
    for p in &sources.figures {
        let label = p.path.display().to_string();
        let opts = FiguresOptions {
            decimal: sources.decimal,
        };
        let figures = match read_any(&p.path, p.sheet.as_deref(), &mut atlas.notes)? {
            Input::Sheet(mut t) => {
                if let Some(c) = &sources.unit_column {
                    choose_unit_column(&mut t, c, FIGURES_CODE_HEADER)?;
                }
                // The workbook's numbers are written with a decimal point by the reader,
                // whatever separator was given for text files.
                if let Some(d) = sources.decimal {
                    atlas.notes.push(Note::new(
                        &t.path,
                        NoteKind::Workbook,
                        format!(
                            "the decimal {d} given is for text tables; the workbook's numbers are read as the numbers they are"
                        ),
                    ));
                }
                let point = FiguresOptions {
                    decimal: Some(crate::io::number::Decimal::Point),
                };
                figures_from_table(&t, point)?
            }
            Input::Text(FileKind::Text | FileKind::GeoJson, text) => match &sources.unit_column {
                None => read_figures_with(&label, &text, opts)?,
                Some(c) => {
                    let mut t = read_table(&label, &text)?;
                    choose_unit_column(&mut t, c, FIGURES_CODE_HEADER)?;
                    figures_from_table(&t, opts)?
                }
            },
            Input::Text(kind, _) | Input::Binary(kind) => {
                return Err(wrong_kind(
                    &label,
                    kind,
                    "a table of figures (CSV or a workbook)",
                ));
            }
        };
        atlas.notes.extend(figures.notes.iter().cloned());
        // A figure of the user's file replaces the embedded one on every unit, so that a
        // unit without a row lacks it rather than keeping the embedded value.
        let mut notes = super::figures::add_figures(&mut atlas, &figures, sources.figures_year)?;
        atlas.notes.append(&mut notes);
    }
    Ok(atlas)
}

/// Adds a layout read from a user's file. One that bears the name of an embedded layout
/// (a `veiligheidsregio` column of the user's table beside the embedded veiligheidsregio)
/// takes its place, with a note; two user layouts of one name are an error.
fn add_user_layout(atlas: &mut Atlas, layout: Layout, file: &str) -> Result<(), Error> {
    let embedded = atlas
        .layouts()
        .iter()
        .any(|l| l.name() == layout.name() && l.embedded);
    if !embedded {
        return atlas.add_layout(layout);
    }
    atlas.notes.push(Note::new(
        file,
        NoteKind::ReplacedLayout,
        format!(
            "layout '{}' of this file replaces the embedded layout of that name",
            layout.name()
        ),
    ));
    atlas.replace_layout(layout);
    Ok(())
}

/// Reads units: gemeenten from a GeoJSON file, or postcode-4 areas with their `swv-po` and
/// `swv-vo` layouts from the SWV table (`pc4,gemeente,swv_po,swv_vo`; see
/// [`crate::io::swv::pc4_atlas`]). For gemeenten the year is `year` when given, else the
/// embedded year whose gemeente codes contain all of the file's codes, else unknown.
pub fn read_units(path: &Path, year: Option<u16>) -> Result<Atlas, Error> {
    read_units_with(path, year, &GeoJsonOptions::default())
}

/// [`read_units`] with the code and name properties of a GeoJSON file chosen.
pub fn read_units_with(
    path: &Path,
    year: Option<u16>,
    fields: &GeoJsonOptions,
) -> Result<Atlas, Error> {
    let label = path.display().to_string();
    if let Some(layer) = crate::io::gis::read_gis_layer(path, fields)? {
        let mut atlas = embedded::units_atlas_from_layer(&label, layer, year)?;
        if atlas.year.is_none() {
            atlas.year = guess_year(&atlas);
        }
        return Ok(atlas);
    }
    let mut notes = Vec::new();
    let text = match read_any(path, None, &mut notes)? {
        Input::Text(FileKind::Text | FileKind::GeoJson, text) => text,
        Input::Sheet(t) => {
            let mut atlas = pc4_atlas(&swv_from_table(&t)?)?;
            atlas.year = year;
            atlas.notes.append(&mut notes);
            return Ok(atlas);
        }
        Input::Text(kind, _) | Input::Binary(kind) => {
            return Err(wrong_kind(
                &label,
                kind,
                "a GeoJSON, TopoJSON, Shapefile or GeoPackage of gemeenten, or the SWV postcode table",
            ));
        }
    };
    if !is_json(path, &text) {
        let mut atlas = pc4_atlas(&read_swv(&label, &text)?)?;
        atlas.year = year;
        atlas.notes.append(&mut notes);
        return Ok(atlas);
    }
    let mut atlas = embedded::units_atlas_with(&label, &text, year, fields)?;
    if atlas.year.is_none() {
        atlas.year = guess_year(&atlas);
    }
    atlas.notes.append(&mut notes);
    Ok(atlas)
}

/// The embedded year whose gemeente codes include every unit code of the atlas.
pub fn guess_year(atlas: &Atlas) -> Option<u16> {
    let codes: Option<Vec<_>> = atlas.units().iter().map(|u| u.code.gemeente()).collect();
    atlas.register.year_of(&codes?)
}

/// A layout of the atlas by name, or, when the atlas has none of that name and `name_or_file`
/// is a file, the layout that file holds (read as `NAME=FILE` would be, named after the file).
pub fn layout_or_file(atlas: &Atlas, name_or_file: &str) -> Result<Layout, Error> {
    match atlas.layout(name_or_file) {
        Ok(l) => Ok(l.clone()),
        Err(e) if !Path::new(name_or_file).is_file() => Err(e),
        Err(_) => read_layout(
            &LayoutSpec {
                name: name_or_file.to_string(),
                path: name_or_file.into(),
                ..LayoutSpec::default()
            },
            atlas,
        ),
    }
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
    notes: &mut Vec<Note>,
) -> Result<Layout, Error> {
    let label = spec.path.display().to_string();
    let fields = GeoJsonOptions {
        code_field: spec.column.clone(),
        name_field: spec.name_column.clone(),
        crs: spec.crs,
    };
    // A GIS file's layer comes as the sheet part of `FILE#LAYER`.
    let gis_path = match &spec.sheet {
        Some(layer) => PathBuf::from(format!("{}#{layer}", spec.path.display())),
        None => spec.path.clone(),
    };
    if let Some(layer) = crate::io::gis::read_gis_layer(&gis_path, &fields)? {
        return assign_layer(&label, &layer, &spec.name, atlas, assign, notes);
    }
    let mut table = match read_any(&spec.path, spec.sheet.as_deref(), notes)? {
        Input::Sheet(t) => t,
        Input::Text(FileKind::Text | FileKind::GeoJson, text) => {
            if is_json(&spec.path, &text) {
                let fields = GeoJsonOptions {
                    code_field: spec.column.clone(),
                    name_field: spec.name_column.clone(),
                    crs: spec.crs,
                };
                return assign_region_polygons(
                    &label, &text, &spec.name, &fields, atlas, assign, notes,
                );
            }
            check_one_column(&label, spec)?;
            read_table(&label, &text)?
        }
        Input::Text(kind, _) | Input::Binary(kind) => {
            return Err(wrong_kind(
                &label,
                kind,
                "a membership table, a wide table, or region polygons (GeoJSON, TopoJSON, Shapefile, GeoPackage)",
            ));
        }
    };
    check_one_column(&table.path, spec)?;
    let label = table.path.clone();
    let units = UnitLookup::new(atlas);
    if let Some(note) = settle_unit_column(&mut table, spec.unit_column.as_deref())? {
        notes.push(note);
    }
    let mut layout = if is_swv_table(&table) {
        swv_layout(&table, spec, atlas)?
    } else {
        match &spec.column {
            Some(c) => {
                let layout = read_wide_column(&table, c, &spec.name, &units)?;
                notes.extend(partner_notes(&table, Some(c)));
                layout
            }
            None => membership_or_pair(&table, &spec.name, &units)?,
        }
    };
    layout.set_name(spec.name.clone());
    notes.extend(alias_notes(&label, atlas, &layout));
    Ok(layout)
}

/// A table layout takes one column: a second one (the name property of region polygons) is
/// an error.
fn check_one_column(label: &str, spec: &LayoutSpec) -> Result<(), Error> {
    if let Some(n) = &spec.name_column {
        return Err(Error::Usage(format!(
            "{label}: a table layout takes one column, not a second one ('{n}'); expected \
             layout '{}' with its code column only (its name column is found beside it)",
            spec.name
        )));
    }
    Ok(())
}

/// One note per row whose unit was found by another name than its own, so no such match is
/// silent: `line 3: 'Den Haag' read as GM0518 's-Gravenhage' (another name)`.
pub(crate) fn alias_notes(label: &str, atlas: &Atlas, layout: &Layout) -> Vec<Note> {
    layout
        .aliased
        .iter()
        .filter_map(|a| {
            let u = atlas.units().get(a.unit)?;
            let at = a
                .origin
                .strip_prefix(label)
                .and_then(|o| o.strip_prefix(':'))
                .map_or(a.origin.clone(), |o| format!("line {o}"));
            Some(Note::new(
                label,
                NoteKind::OtherName,
                format!(
                    "{at}: '{}' read as {} {} ({})",
                    a.written,
                    u.code,
                    u.name,
                    a.how.label()
                ),
            ))
        })
        .collect()
}

/// When no header names the unit column but one column holds gemeente codes
/// ([`crate::io::wide_table::unit_column_by_content`]), that column becomes the unit column
/// (its header is read as `gemeentecode`), with a note naming it.
fn take_unit_column_by_content(table: &mut DelimitedTable) -> Option<Note> {
    // A header of unit *names* (`gemeenteNaam`) does not stop the search: a column of codes
    // beside it is the better unit column (a CBS export has `gemeentCode;gemeenteNaam`).
    let by_code_header = crate::io::wide_table::UNIT_COLUMNS
        .iter()
        .chain(crate::io::membership::UNIT_COLUMNS)
        .filter(|a| !a.ends_with("naam"))
        .any(|a| table.optional_column(a, &[]).is_some());
    if by_code_header {
        return None;
    }
    let (c, codes) = crate::io::wide_table::unit_column_by_content(table)?;
    let header = table.headers.get_mut(c)?;
    let note = Note::new(
        &table.path,
        NoteKind::ColumnByContent,
        format!("unit column '{header}' ({codes} gemeente codes), taken by its content"),
    );
    *header = "gemeentecode".to_string();
    Some(note)
}

/// The header a chosen unit column is read under: `gemeentecode`, which the membership,
/// wide-table and figures readers all know.
const UNIT_HEADER: &str = "gemeentecode";

/// The same for figures files ([`crate::io::figures::CODE_COLUMNS`]).
const FIGURES_CODE_HEADER: &str = "gemeentecode";

/// The unit column of a table: the one `chosen` names (see [`choose_unit_column`]), else
/// by header, else by content ([`take_unit_column_by_content`], with its note).
fn settle_unit_column(
    table: &mut DelimitedTable,
    chosen: Option<&str>,
) -> Result<Option<Note>, Error> {
    match chosen {
        Some(c) => choose_unit_column(table, c, UNIT_HEADER).map(|()| None),
        None => Ok(take_unit_column_by_content(table)),
    }
}

/// Makes the column headed `chosen` (case and spacing aside) the table's unit column: its
/// header becomes `as_header`, and any other column a reader would take for the unit column
/// by its header (names such as `gemeentenaam` aside) is renamed `HEADER (not the unit column)`. A missing column is an error
/// listing the columns found.
fn choose_unit_column(
    table: &mut DelimitedTable,
    chosen: &str,
    as_header: &str,
) -> Result<(), Error> {
    let want = normalise_header(chosen);
    let Some(c) = table
        .headers
        .iter()
        .position(|h| normalise_header(h) == want)
    else {
        return Err(Error::MissingColumn {
            path: table.path.clone(),
            expected: format!("unit column '{chosen}' (as chosen)"),
            found: table.header_text(),
        });
    };
    let aliases: Vec<String> = crate::io::wide_table::UNIT_COLUMNS
        .iter()
        .chain(crate::io::membership::UNIT_COLUMNS)
        .chain(&crate::io::figures::CODE_COLUMNS)
        .filter(|a| !a.ends_with("naam"))
        .map(|a| normalise_header(a))
        .collect();
    for (i, h) in table.headers.iter_mut().enumerate() {
        if i == c {
            *h = as_header.to_string();
        } else if aliases.contains(&normalise_header(h)) {
            *h = format!("{h} (not the unit column)");
        }
    }
    Ok(())
}

/// True when a table has the columns of the SWV table (`pc4`, `swv_po`, `swv_vo`).
fn is_swv_table(table: &DelimitedTable) -> bool {
    ["pc4", "swv_po", "swv_vo"]
        .iter()
        .all(|c| table.optional_column(c, &[]).is_some())
}

/// One sector of the SWV table (`:swv_po` or `:swv_vo`) aggregated to the atlas's gemeenten
/// by name (see [`crate::io::swv::gemeente_layouts`]).
fn swv_layout(table: &DelimitedTable, spec: &LayoutSpec, atlas: &Atlas) -> Result<Layout, Error> {
    let label = table.path.as_str();
    let sector = spec.column.as_deref().map(normalise_header);
    let s = gemeente_layouts(&swv_from_table(table)?, atlas);
    match sector.as_deref() {
        Some("swvpo" | "po") => Ok(s.po),
        Some("swvvo" | "vo") => Ok(s.vo),
        _ => Err(Error::MissingColumn {
            path: label.into(),
            expected: format!(
                "the column 'swv_po' or 'swv_vo' chosen for layout '{}' (the SWV table holds two layouts)",
                spec.name
            ),
            found: "pc4,gemeente,swv_po,swv_vo".into(),
        }),
    }
}

/// A membership table; or, without a region column, a wide table with exactly one code +
/// name pair. A wide table with several pairs is an error that lists them.
fn membership_or_pair(
    table: &DelimitedTable,
    name: &str,
    units: &UnitLookup,
) -> Result<Layout, Error> {
    let has_region = REGION_COLUMNS
        .split_first()
        .is_some_and(|(first, rest)| table.optional_column(first, rest).is_some());
    let pairs = match (has_region, unit_column(table)) {
        (false, Ok(unit)) => column_pairs(table, unit),
        _ => Vec::new(),
    };
    match pairs.as_slice() {
        [] => read_membership(table, name, units),
        [one] => {
            let header = table.headers.get(one.code).map_or("", String::as_str);
            read_wide_column(table, header, name, units)
        }
        many => Err(Error::MissingColumn {
            path: table.path.clone(),
            expected: format!(
                "'region' (this is a wide table with the layouts {}; choose one column of {} \
                 for layout '{name}', or load them all as a wide table)",
                many.iter()
                    .map(|p| p.layout.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                table.path
            ),
            found: table.header_text(),
        }),
    }
}

/// An input file as read: decoded text, one sheet of a workbook as a table, or a binary
/// file that is neither.
enum Input {
    /// A text kind (a delimited table, GeoJSON, TopoJSON), decoded.
    Text(FileKind, String),
    /// One sheet of a workbook.
    Sheet(DelimitedTable),
    /// Another binary kind.
    Binary(FileKind),
}

/// Reads an input file and tells its kind by content ([`FileKind::sniff`]): text is decoded,
/// a workbook's sheet (`sheet`, or the first with data) read as a table, with the notes of
/// reading it added to `notes`. A sheet asked of a file that is no workbook is an error.
fn read_any(path: &Path, sheet: Option<&str>, notes: &mut Vec<Note>) -> Result<Input, Error> {
    let label = path.display().to_string();
    let bytes = read_bytes(path)?;
    let kind = FileKind::sniff(&label, &bytes);
    if kind.is_workbook() {
        let s = read_sheet(&label, &bytes, kind, sheet)?;
        notes.extend(s.notes);
        return Ok(Input::Sheet(s.table));
    }
    if let Some(sheet) = sheet {
        return Err(Error::Workbook {
            path: label,
            message: format!(
                "sheet '{sheet}' was asked for, but the file is {}; expected a workbook (xlsx, xls or ods)",
                kind.describe()
            ),
        });
    }
    if !kind.is_text() {
        return Ok(Input::Binary(kind));
    }
    Ok(Input::Text(kind, decode(&label, &bytes)?))
}

/// A table from a text file or a workbook's sheet; another kind is an error naming what
/// was expected.
fn read_any_table(
    file: &TableFile,
    expected: &str,
    notes: &mut Vec<Note>,
) -> Result<DelimitedTable, Error> {
    let label = file.path.display().to_string();
    match read_any(&file.path, file.sheet.as_deref(), notes)? {
        Input::Sheet(t) => Ok(t),
        Input::Text(FileKind::Text, text) => read_table(&label, &text),
        Input::Text(kind, _) | Input::Binary(kind) => Err(wrong_kind(&label, kind, expected)),
    }
}

/// True when a text looks like JSON (GeoJSON) rather than a delimited table, or the file is
/// named `.geojson` / `.json` (so an empty or truncated GeoJSON gets a GeoJSON error).
fn is_json(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("geojson" | "json"))
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
}

/// Turns a GeoJSON of region polygons into a layout by spatial assignment of the atlas's
/// units ([`crate::geometry::assign::assign_layout`]); its warnings go to `notes`.
fn assign_region_polygons(
    path: &str,
    text: &str,
    name: &str,
    fields: &GeoJsonOptions,
    atlas: &Atlas,
    opts: Option<AssignOptions>,
    notes: &mut Vec<Note>,
) -> Result<Layout, Error> {
    let layer = read_polygons(path, text, fields)?;
    assign_layer(path, &layer, name, atlas, opts, notes)
}

/// Turns region polygons of any GIS format into a layout by spatial assignment of the
/// atlas's units; the layer's notes and the assignment's warnings go to `notes`.
fn assign_layer(
    path: &str,
    layer: &crate::model::PolygonLayer,
    name: &str,
    atlas: &Atlas,
    opts: Option<AssignOptions>,
    notes: &mut Vec<Note>,
) -> Result<Layout, Error> {
    let (layout, mut n) = assign_layout(path, name, layer, atlas, opts)?;
    notes.append(&mut n);
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(p: &str) -> PathBuf {
        crate::io::fixtures::real_path(p)
    }

    /// Regression: a user's table on the embedded atlas with a column named like an
    /// embedded layout (the CBS export's veiligheidsregio and provincie) was refused as
    /// "already loaded"; it now takes the embedded layout's place, with a note.
    #[test]
    fn a_user_table_replaces_embedded_layouts_of_its_names() {
        let path = crate::io::fixtures::real_path("crs/koppelcodes_2025.csv");
        let a = load(&Sources {
            tables: vec![path.into()],
            ..Sources::default()
        })
        .unwrap();
        let vr = a.layout("veiligheidsregio").unwrap();
        assert!(!vr.embedded, "the user's layout, not the embedded one");
        assert_eq!(vr.regions().len(), 25);
        assert_eq!(
            a.layouts()
                .iter()
                .filter(|l| l.name() == "veiligheidsregio")
                .count(),
            1
        );
        let notes: Vec<String> = a
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::ReplacedLayout)
            .map(|n| n.text.clone())
            .collect();
        assert!(
            notes.iter().any(|t| t.contains("'veiligheidsregio'"))
                && notes.iter().any(|t| t.contains("'provincie'")),
            "{notes:?}"
        );
        // Embedded layouts of other names stay.
        assert!(a.layout("jeugdzorgregio").unwrap().embedded);
    }

    #[test]
    fn user_units_and_table_column() {
        let spatial = shared("cbs/2025/gemeente_regions_spatial.csv");
        let spec = LayoutSpec {
            name: "ggd".into(),
            path: spatial.clone(),
            column: Some("ggdregio".into()),
            name_column: None,
            ..LayoutSpec::default()
        };
        let a = load(&Sources {
            units: Some(shared("cbs/2025/gemeente.geojson")),
            layouts: vec![spec],
            tables: vec![shared("cbs/2015/gemeente_regions_spatial.csv").into()],
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

    /// Bad files of every kind, written to a temporary folder: each error names the file,
    /// the line or feature, and what was expected.
    #[test]
    fn bad_files_name_file_position_and_expectation() {
        let dir = std::env::temp_dir().join(format!("speelveld-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let atlas = embedded::atlas(None).unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let layout = |p: PathBuf| {
            read_layout(
                &LayoutSpec {
                    name: "x".into(),
                    path: p,
                    column: None,
                    name_column: None,
                    ..LayoutSpec::default()
                },
                &atlas,
            )
            .unwrap_err()
            .to_string()
        };
        // UTF-8 (line 2) and a lone Windows-1252 byte (line 3) in one file.
        let e = layout(write(
            "mixed.csv",
            b"unit;region;regionaam\nGM1900;R1;S\xc3\xbadwest\nGM0363;R2;\xe9\n",
        ));
        assert!(
            e.contains("mixed.csv: line 3: byte 0xE9 is not valid UTF-8")
                && e.contains("expected one encoding"),
            "{e}"
        );
        let e = layout(write("empty.csv", b""));
        assert!(
            e.contains("empty.csv: the file is empty; expected a header line"),
            "{e}"
        );
        let e = layout(write(
            "bad-region.csv",
            b"unit,region\nGM0363,\"JZ\x0113\"\n",
        ));
        assert!(
            e.contains("bad-region.csv: line 2:") && e.contains("is not a region code (expected"),
            "{e}"
        );
        let units = |p: PathBuf| read_units(&p, None).unwrap_err().to_string();
        let e = units(write("empty.geojson", b"  "));
        assert!(e.contains("empty.geojson") && e.contains("empty"), "{e}");
        let point = br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM0363","statnaam":"Amsterdam"},"geometry":{"type":"Point","coordinates":[4.9,52.37]}}]}"#;
        let e = units(write("point.geojson", point));
        assert!(e.contains("point.geojson: feature 1 (GM0363): a Point geometry; expected a Polygon or MultiPolygon"), "{e}");
        let text = std::fs::read_to_string(shared("cbs/2025/gemeente.geojson")).unwrap();
        let e = units(write("cut.geojson", &text.as_bytes()[..text.len() / 2]));
        assert!(
            e.contains("cut.geojson: line")
                && e.contains("not valid JSON")
                && e.contains("expected a GeoJSON FeatureCollection"),
            "{e}"
        );
        // Two features with the same code.
        let dup = text.replacen("GM0014", "GM0034", 1);
        let e = units(write("dup.geojson", dup.as_bytes()));
        assert!(
            e.contains(
                "dup.geojson: feature 2 (GM0034): the code GM0034 was already used by feature 1"
            ),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn any_real_table_as_a_layout() {
        let a = embedded::atlas(Some(2015)).unwrap();
        let spec = |p: &str| LayoutSpec {
            name: "x".into(),
            path: shared(p),
            column: None,
            name_column: None,
            ..LayoutSpec::default()
        };
        // A wide table with several pairs: the error lists them.
        let e = read_layout(&spec("cbs/2015/gemeente_regions_spatial.csv"), &a)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("gemeente_regions_spatial.csv: line 1: no 'region' (this is a wide table with the layouts jeugdzorgregio, provincie; choose one"),
            "{e}"
        );
        // The SWV table: one sector, by name onto the 2015 gemeenten.
        let mut s = spec("swv/regio_indeling_swv_pc4.csv");
        let e = read_layout(&s, &a).unwrap_err().to_string();
        assert!(e.contains("'swv_po' or 'swv_vo' chosen"), "{e}");
        s.column = Some("swv_vo".into());
        let vo = read_layout(&s, &a).unwrap();
        assert_eq!(
            (vo.name(), vo.regions().len(), vo.unit_count()),
            ("x", 74, 393)
        );
        // A one-pair table without a region column.
        let dir = std::env::temp_dir().join(format!("speelveld-pair-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("one.csv");
        std::fs::write(
            &p,
            "statcode;ggd_code;ggd_naam\nGM0363;GG3406;GGD Amsterdam\n",
        )
        .unwrap();
        let one = read_layout(
            &LayoutSpec {
                name: "g".into(),
                path: p,
                column: None,
                name_column: None,
                ..LayoutSpec::default()
            },
            &embedded::atlas(None).unwrap(),
        )
        .unwrap();
        assert_eq!(one.regions()[0].name, "GGD Amsterdam");
        std::fs::remove_dir_all(&dir).unwrap();
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
            name_column: None,
            ..LayoutSpec::default()
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
            name_column: None,
            ..LayoutSpec::default()
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

    /// Units and region layouts from the GIS formats: the same gemeenten, year and
    /// assignment as from the GeoJSON they were made from.
    #[test]
    fn units_and_layouts_from_every_gis_format() {
        let geojson = read_units(&shared("cbs/2025/gemeente.geojson"), None).unwrap();
        for units in [
            "gis/gemeente_rd.shp",
            "gis/gemeente.gpkg",
            "gis/gemeente.topojson",
        ] {
            let a = read_units(&shared(units), None).unwrap();
            assert_eq!(a.year, Some(2025), "{units}");
            let codes = |a: &Atlas| a.units().iter().map(|u| u.code).collect::<Vec<_>>();
            assert_eq!(codes(&a), codes(&geojson), "{units}");
            let spec = LayoutSpec {
                name: "pv".into(),
                path: PathBuf::from(format!(
                    "{}#provincie",
                    shared("gis/regions.gpkg").display()
                )),
                ..LayoutSpec::default()
            };
            let pv = read_layout(&spec, &a).unwrap();
            assert!(pv.whole_units, "{units}");
            assert_eq!((pv.regions().len(), pv.unit_count()), (12, 342), "{units}");
        }
    }

    #[test]
    fn an_empty_geojson_is_reported_as_geojson() {
        // Regression: a 0-byte .geojson was read as a CSV ("expected a header line").
        let p =
            std::env::temp_dir().join(format!("speelveld-empty-{}.geojson", std::process::id()));
        std::fs::write(&p, "").unwrap();
        let e = read_units(&p, None).unwrap_err().to_string();
        let spec = LayoutSpec {
            name: "x".into(),
            path: p.clone(),
            column: None,
            name_column: None,
            ..LayoutSpec::default()
        };
        let e2 = read_layout(&spec, &embedded::atlas(Some(2015)).unwrap())
            .unwrap_err()
            .to_string();
        std::fs::remove_file(&p).unwrap();
        for e in [e, e2] {
            assert!(
                e.contains("empty") && e.contains("expected a GeoJSON FeatureCollection"),
                "{e}"
            );
        }
    }
}
