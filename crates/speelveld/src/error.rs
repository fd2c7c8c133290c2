//! The library's error type. Messages name the file, the line or feature, and what was expected.

use crate::model::CodeError;

/// Everything that can go wrong in speelveld. Messages are lowercase and name their source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output could not be written (a closed pipe, a full disk).
    #[error("cannot write the output: {0}")]
    Write(std::io::Error),
    /// An output file could not be written (an unwritable directory, a full disk); the
    /// file, if it existed, is left as it was.
    #[error(
        "{path}: cannot write: {source}; expected a writable directory with room for the output"
    )]
    WriteFile {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file larger than the input limit ([`crate::io::text::MAX_INPUT_BYTES`]).
    #[error(
        "{path}: the file is {size_mib} MiB; expected at most {limit_mib} MiB (the input limit); split it or simplify its geometry"
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size in MiB, rounded up.
        size_mib: u64,
        /// The limit in MiB.
        limit_mib: u64,
    },
    /// A table with more data rows than [`crate::io::text::MAX_ROWS`].
    #[error(
        "{path}: line {line}: more than {limit} rows; expected at most {limit} (the row limit: split the file, or aggregate it to gemeenten or postcode-4 areas)"
    )]
    TooManyRows {
        /// The file.
        path: String,
        /// The line of the first row over the limit.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// A file was empty (or held only a header).
    #[error("{path}: the file is empty; expected {expected}")]
    Empty {
        /// The file.
        path: String,
        /// What the file should have held.
        expected: String,
    },
    /// A file could not be decoded as text.
    #[error("{path}: line {line}: {message}")]
    Encoding {
        /// The file.
        path: String,
        /// The 1-based line of the first bad byte.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A required column is missing from a table's header.
    #[error("{path}: line 1: no {expected} column in the header (found: {found})")]
    MissingColumn {
        /// The file.
        path: String,
        /// The column that was expected, with its accepted names.
        expected: String,
        /// The header as read.
        found: String,
    },
    /// A row of a table is malformed.
    #[error("{path}: line {line}: {message}")]
    Row {
        /// The file.
        path: String,
        /// The 1-based line.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A numeric column whose values all fit both a decimal comma and a decimal point.
    #[error(
        "{path}: line {line}: column '{column}': '{cell}' reads as {as_comma} with a decimal comma and as {as_point} with a decimal point, and no value of the column tells which; expected the decimal separator to be given"
    )]
    AmbiguousDecimal {
        /// The file.
        path: String,
        /// The 1-based line of the first such value.
        line: usize,
        /// The column.
        column: String,
        /// The value.
        cell: String,
        /// What it is with a decimal comma.
        as_comma: f64,
        /// What it is with a decimal point.
        as_point: f64,
    },
    /// A code in a file is not valid.
    #[error("{path}: line {line}: {source}")]
    Code {
        /// The file.
        path: String,
        /// The 1-based line.
        line: usize,
        /// The code error.
        source: CodeError,
    },
    /// A file of another format than the reader takes (an image, a zip archive, a workbook
    /// where a GeoJSON was expected).
    #[error("{path}: the file is {found}; expected {expected}")]
    Format {
        /// The file.
        path: String,
        /// What the file is ([`crate::io::format::FileKind::describe`]).
        found: String,
        /// What was expected.
        expected: String,
    },
    /// A spreadsheet workbook (xlsx, xls, ods) that cannot be read: damaged, protected by a
    /// password, without the sheet asked for, or without a table on its sheet.
    #[error("{path}: {message}")]
    Workbook {
        /// The file (with `#SHEET` when the problem is on one sheet).
        path: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A GeoJSON document or feature is malformed.
    #[error("{path}: {feature}: {message}")]
    GeoJson {
        /// The file.
        path: String,
        /// The feature (`feature 12 (GM0363)`) or `document`.
        feature: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A Shapefile, GeoPackage or other binary GIS file is malformed.
    #[error("{path}: {at}: {message}")]
    Gis {
        /// The file.
        path: String,
        /// Where: `record 12`, `table 'gemeente'`, `header`.
        at: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// Two units with the same code.
    #[error("duplicate unit code {code}: '{first}' and '{second}'")]
    DuplicateUnit {
        /// The code.
        code: String,
        /// The first unit's name.
        first: String,
        /// The second unit's name.
        second: String,
    },
    /// Two layouts with the same name.
    #[error("a layout named '{0}' is already loaded; give the new one another name")]
    DuplicateLayout(String),
    /// A layout name that is not in the atlas.
    #[error("no layout named '{name}' (available: {available})")]
    UnknownLayout {
        /// The name asked for.
        name: String,
        /// The names that exist.
        available: String,
    },
    /// A region that is not in the layout.
    #[error("layout '{layout}' has no region '{region}'{hint}")]
    UnknownRegion {
        /// The layout.
        layout: String,
        /// The region asked for.
        region: String,
        /// A suggestion (`; did you mean …?`) or empty.
        hint: String,
    },
    /// A unit that is not in the atlas.
    #[error("no unit '{query}' in the atlas{hint}")]
    UnknownUnit {
        /// The code or name asked for.
        query: String,
        /// A suggestion (`; did you mean …?`) or empty.
        hint: String,
        /// The year of the embedded data in which the code is a gemeente, if it is one.
        other_year: Option<u16>,
    },
    /// A name that fits several units (`Bergen`: Bergen (NH.) and Bergen (L.)).
    #[error("the name '{query}' fits {} units: {choices}; expected a code or the full name", .count)]
    AmbiguousUnit {
        /// The name asked for.
        query: String,
        /// How many units it fits.
        count: usize,
        /// The units it fits (`GM0373 Bergen (NH.), GM0893 Bergen (L.)`).
        choices: String,
    },
    /// A profile query that names no gemeente and no region of any layout.
    #[error("'{query}' names no gemeente and no region of any layout{hint}")]
    UnknownSubject {
        /// The query.
        query: String,
        /// A suggestion (`; did you mean …?`) or empty.
        hint: String,
    },
    /// A profile query that names regions of several layouts (and no gemeente).
    #[error(
        "'{query}' names {count} regions: {choices}; expected the layout with it, or a region code"
    )]
    AmbiguousRegion {
        /// The query.
        query: String,
        /// How many regions it names.
        count: usize,
        /// The regions, as `layout code (name)`.
        choices: String,
    },
    /// A weight figure that a unit lacks.
    #[error(
        "unit {unit} has no figure '{figure}'; expected every unit to have the figure it is weighed by"
    )]
    MissingFigure {
        /// The figure.
        figure: String,
        /// The unit (`GM0363 Amsterdam`).
        unit: String,
    },
    /// A figure with a negative value used as a weight (a balance can be negative, a weight
    /// cannot).
    #[error("unit {unit} has {value} for '{figure}'; expected a non-negative figure to weigh by")]
    NegativeWeight {
        /// The figure.
        figure: String,
        /// The unit (`GM0363 Amsterdam`).
        unit: String,
        /// Its value.
        value: f64,
    },
    /// A unit without geometry where an area weight needs one.
    #[error(
        "unit {unit} has no geometry, so it has no area to weigh by; load units with geometry or choose another weight"
    )]
    MissingGeometry {
        /// The unit (`GM0363 Amsterdam`).
        unit: String,
    },
    /// An internal index out of range (a bug, reported instead of a panic).
    #[error("internal error: unit index {0} out of range")]
    UnitIndex(usize),
    /// A year for which no embedded dataset exists.
    #[error("no embedded dataset for {year} (available: {available})")]
    UnknownYear {
        /// The year asked for.
        year: u16,
        /// The years that exist.
        available: String,
    },
    /// A geometry that is unusable even after repair.
    #[error("{feature}: {message}")]
    Geometry {
        /// The feature (`gemeente.geojson: feature 12 (GM0293)`).
        feature: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// Nothing to draw: no unit of the atlas has an outline.
    #[error("cannot draw {what}: no unit has an outline; expected units with geometry")]
    NoGeometry {
        /// What was to be drawn (`layout 'swv-po'`).
        what: String,
    },
    /// A question about outlines (neighbours) on units that have none.
    #[error("cannot find {what}: no unit has an outline; expected units with geometry")]
    NoOutlines {
        /// What was asked (`neighbours`).
        what: String,
    },
    /// A map clipped to a provincie or region that no layout holds.
    #[error(
        "no provincie or region '{query}' to clip the map to; expected a region code or name of a loaded layout (such as {examples})"
    )]
    UnknownClip {
        /// What was asked for.
        query: String,
        /// A few regions that exist.
        examples: String,
    },
    /// A figures file whose year cannot be told, or cannot be carried to the atlas's year.
    #[error("{path}: {message}")]
    FiguresYear {
        /// The file.
        path: String,
        /// What was wrong (the codes that do not fit, or the years) and what was expected.
        message: String,
    },
    /// A CRS name that names no EPSG code.
    #[error(
        "'{name}' is not a CRS name; expected an EPSG code such as EPSG:28992 (RD New), \
         EPSG:4326 (WGS84), urn:ogc:def:crs:EPSG::4289 or OGC CRS84"
    )]
    CrsName {
        /// The name as written.
        name: String,
    },
    /// An EPSG code the definition table does not know, or cannot project.
    #[error("{crs}: {message}")]
    Crs {
        /// The CRS (`EPSG:1234`).
        crs: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// An option or argument combination that cannot work.
    #[error("{0}")]
    Usage(String),
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
