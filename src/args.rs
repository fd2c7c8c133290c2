//! Command-line arguments (clap derive), converted once into library options.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use speelveld::analysis::herindeling::DeriveOptions;
use speelveld::dataset::herindeling::Gemeenten;
use speelveld::dataset::load::{LayoutSpec, TableFile};
use speelveld::io::write::{Format, WriteOptions};
use speelveld::render::report::ReportOptions;
use speelveld::render::svg_map::MapOptions;

/// A usage error: exits with code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::error::Error for UsageError {}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Put the Netherlands' regional layouts side by side: SWV passend onderwijs (PO, VO),
/// jeugdzorgregio's, provincies and any layout you load. Without data options it runs on
/// the embedded CBS/Kadaster data.
#[derive(Debug, Parser)]
#[command(name = "speelveld", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the arguments and checks the combinations clap cannot express: `--excel` writes
    /// CSV, so `--format json` or `--format md` beside it is a conflict.
    pub fn parse_checked() -> Result<Cli, clap::Error> {
        use clap::CommandFactory;
        let cli = Cli::try_parse()?;
        if cli.output.excel
            && matches!(
                cli.output.format,
                FormatArg::Json | FormatArg::Md | FormatArg::Xlsx
            )
        {
            let format = match cli.output.format {
                FormatArg::Json => "json",
                FormatArg::Xlsx => "xlsx",
                _ => "md",
            };
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--excel writes CSV for Dutch Excel and conflicts with --format {format}; \
                     use --excel alone (or with --format csv), or --format {format} without --excel"
                ),
            ));
        }
        if cli.output.format == FormatArg::Xlsx && cli.output.output.is_none() {
            return Err(Cli::command().error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "--format xlsx writes a workbook, which is no text for a terminal or a pipe; \
                 use -o FILE.xlsx",
            ));
        }
        cli.check_output_is_no_input()?;
        Ok(cli)
    }

    /// Every input file the arguments name, with the option that names it.
    pub fn input_files(&self) -> Vec<(String, &Path)> {
        let mut files: Vec<(String, &Path)> = Vec::new();
        let d = &self.data;
        files.extend(
            d.units
                .iter()
                .map(|u| ("--units".to_string(), u.path.as_path())),
        );
        for l in &d.layouts {
            files.push((format!("--layout {}", l.name), l.path.as_path()));
        }
        files.extend(
            d.tables
                .iter()
                .map(|p| ("--table".to_string(), p.path.as_path())),
        );
        files.extend(
            d.figures
                .iter()
                .map(|p| ("--figures".to_string(), p.path.as_path())),
        );
        match &self.command {
            Command::Herindeling(a) => {
                for (flag, g) in [("--from", &a.from), ("--to", &a.to)] {
                    if let Gemeenten::File(p) = g {
                        files.push((format!("herindeling {flag}"), p.as_path()));
                    }
                }
            }
            Command::Translate(a) => {
                if let Gemeenten::File(p) = &a.to {
                    files.push(("translate --to".into(), p.as_path()));
                }
                if let Some(p) = &a.herindeling {
                    files.push(("translate --herindeling".into(), p.as_path()));
                }
            }
            Command::Diff { old, new } => {
                for (what, f) in [("old", old), ("new", new)] {
                    if Path::new(f).is_file() {
                        files.push((format!("diff ({what} version)"), Path::new(f)));
                    }
                }
            }
            _ => {}
        }
        files
    }

    /// Refuses `-o FILE` when FILE is one of the input files: writing it would destroy the
    /// input before (or while) it is read.
    fn check_output_is_no_input(&self) -> Result<(), clap::Error> {
        use clap::CommandFactory;
        let Some(out) = self.output.output.as_deref() else {
            return Ok(());
        };
        for (flag, input) in self.input_files() {
            // A layer of a file (`regions.gpkg#provincie`) is that file.
            let file = speelveld::io::gis::split_layer(input).0;
            if same_file(out, input) || same_file(out, &file) {
                return Err(Cli::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!(
                        "-o {} is the input file {} ({flag}); expected an output path that is not one of the inputs",
                        out.display(),
                        input.display()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// True when both paths name one existing file (also through links or another spelling).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Where the data comes from. None of these: the embedded dataset.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Units: gemeenten from a GeoJSON FeatureCollection (CBS/PDOK `statcode`, `statnaam`), a
    /// TopoJSON, Shapefile (.shp) or GeoPackage (`FILE#LAYER` for one of several layers), or
    /// postcode-4 areas with their swv-po/swv-vo layouts from the SWV table (pc4,gemeente,swv_po,swv_vo).
    /// `FILE:CODE_PROPERTY[:NAME_PROPERTY]` chooses the properties of a GeoJSON file whose
    /// code and name are not among the known ones.
    #[arg(long, global = true, value_name = "FILE[:CODE[:NAME]]", value_parser = parse_units)]
    pub units: Option<UnitsArg>,
    /// A layout: NAME=FILE (membership CSV, or region polygons: GeoJSON, TopoJSON, Shapefile,
    /// GeoPackage) or NAME=FILE:COLUMN (one column of a wide table); `FILE#SHEET` chooses a
    /// workbook's sheet, `FILE#LAYER` one of several layers of a GeoPackage or TopoJSON.
    /// Repeatable.
    #[arg(long = "layout", global = true, value_name = "NAME=FILE[#SHEET|#LAYER][:COLUMN]", value_parser = parse_layout)]
    pub layouts: Vec<LayoutSpec>,
    /// A wide table (one row per gemeente, code+name column pairs): every pair becomes a
    /// layout. A workbook (xlsx, xls, ods) is read from its first sheet with data, or
    /// FILE.xlsx#SHEET.
    #[arg(long = "table", global = true, value_name = "FILE[#SHEET]", value_parser = parse_table_file)]
    pub tables: Vec<TableFile>,
    /// Key figures per unit: CSV or a workbook's sheet (FILE.xlsx#SHEET) with a unit code
    /// column and numeric columns. Figures of the gemeenten of another year (2015, 2021)
    /// are carried to the atlas's (2025).
    #[arg(long = "figures", global = true, value_name = "FILE[#SHEET]", value_parser = parse_table_file)]
    pub figures: Vec<TableFile>,
    /// The year of the gemeenten of the --figures files (2015, 2021 or 2025), when their
    /// codes should not decide it; rows of other years are then left out (and listed).
    #[arg(long, global = true, value_name = "YEAR")]
    pub figures_year: Option<u16>,
    /// The decimal separator of the --figures files, where their values do not tell
    /// (`233.273` is 233273 with a decimal comma, 233.273 with a decimal point).
    #[arg(long, global = true, value_enum, value_name = "SEPARATOR")]
    pub decimal: Option<DecimalArg>,
    /// Run the analysis on layouts with error-level problems (units uncovered or counted
    /// twice, unknown codes) instead of stopping; the problems are still listed on stderr.
    #[arg(long, global = true)]
    pub keep_going: bool,
    /// Year of the embedded dataset to use.
    #[arg(long, global = true, value_name = "YEAR")]
    pub year: Option<u16>,
    /// Weight the analyses: `units` (count gemeenten, the default), `area` (km²), or a key
    /// figure of the units (e.g. `inwoners` from --figures).
    #[arg(long, global = true, value_name = "WEIGHT")]
    pub weight: Option<speelveld::Weight>,
    /// How a region-polygon layout becomes membership: `whole` gives each unit wholly to the
    /// region with its largest share (default for CBS layouts: JZ/PV/AM/GG/VR/CR/MC/ZK/VT codes),
    /// `shares` keeps every share above the sliver tolerance (default otherwise).
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub assign: Option<AssignMode>,
    /// Sliver tolerance of spatial assignment: pieces under this share of a unit are dropped
    /// (and reported).
    #[arg(long, global = true, value_name = "SHARE", default_value_t = 0.01, value_parser = parse_sliver_share)]
    pub sliver_share: f64,
    /// Absolute sliver tolerance in km² (never applied to a unit's largest piece).
    #[arg(long, global = true, value_name = "KM2", default_value_t = 0.01)]
    pub sliver_km2: f64,
    /// The CRS of the GeoJSON files' coordinates where their `crs` member is missing or
    /// wrong: any EPSG code (EPSG:28992 RD New, EPSG:4326 WGS84, EPSG:4258 ETRS89,
    /// EPSG:4289 Amersfoort, EPSG:3035, EPSG:3857 …). Areas are measured in RD New.
    #[arg(long, global = true, value_name = "EPSG:N")]
    pub crs: Option<speelveld::model::Epsg>,
    /// The unit (gemeente) column of the tables (--layout, --table, --figures), where
    /// neither a known header nor the column's content decides.
    #[arg(long, global = true, value_name = "COLUMN")]
    pub unit_column: Option<String>,
}

/// Spatial assignment modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssignMode {
    /// Each unit wholly in the region with its largest share.
    Whole,
    /// Area shares above the sliver tolerance.
    Shares,
}

impl DataArgs {
    /// The library's assignment options (mode `Auto` when none was chosen: the library picks
    /// the mode per layout).
    pub fn assign_options(&self) -> Option<speelveld::geometry::AssignOptions> {
        use speelveld::geometry::{AssignMode as M, AssignOptions};
        let mode = match self.assign {
            None => M::Auto,
            Some(AssignMode::Whole) => M::Whole,
            Some(AssignMode::Shares) => M::Shares,
        };
        Some(
            AssignOptions::default()
                .with_mode(mode)
                .with_min_share(self.sliver_share)
                .with_min_area_km2(self.sliver_km2),
        )
    }
}

/// Output format options.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// CSV for Dutch Excel: semicolon, decimal comma, byte-order mark (implies --format csv;
    /// with --format json or md it is refused).
    #[arg(long, global = true)]
    pub excel: bool,
    /// Write to this file instead of stdout (the SVG of `map`, the HTML of `report`, the
    /// GeoJSON of `dissolve`, or a table result); a directory (`-o out/`) gets one CSV file
    /// per table of the result.
    #[arg(short, long, global = true, value_name = "FILE|DIR/")]
    pub output: Option<PathBuf>,
    /// The language of column headers and report text: `nl` (Nederlands) or `en` (English).
    /// Tables default to English headers, the report to Dutch.
    #[arg(long, global = true, value_name = "TAAL")]
    pub taal: Option<speelveld::model::Taal>,
}

/// A decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecimalArg {
    /// `1.234,5` (Dutch).
    Comma,
    /// `1,234.5` (English).
    Point,
}

impl From<DecimalArg> for speelveld::io::number::Decimal {
    fn from(d: DecimalArg) -> Self {
        match d {
            DecimalArg::Comma => speelveld::io::number::Decimal::Comma,
            DecimalArg::Point => speelveld::io::number::Decimal::Point,
        }
    }
}

/// Output formats for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned text.
    Table,
    /// Comma-separated values.
    Csv,
    /// JSON.
    Json,
    /// Markdown.
    Md,
    /// An Excel workbook (one sheet per table, numbers as numbers, a sheet `bron` with the
    /// sources); needs -o FILE.xlsx.
    Xlsx,
}

impl OutputArgs {
    /// The library's write options.
    pub fn write_options(&self) -> WriteOptions {
        let format = match (self.excel, self.format) {
            (true, _) | (_, FormatArg::Csv) => Format::Csv,
            (_, FormatArg::Table) => Format::Table,
            (_, FormatArg::Json) => Format::Json,
            (_, FormatArg::Md) => Format::Md,
            (_, FormatArg::Xlsx) => Format::Xlsx,
        };
        WriteOptions {
            format,
            excel: self.excel,
            taal: self.taal.unwrap_or_default(),
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the layouts with their number of regions and units.
    #[command(
        after_help = "Examples:\n  speelveld layouts\n  speelveld --year 2015 layouts --format md"
    )]
    Layouts,
    /// The regions of a layout with their number of units.
    #[command(
        after_help = "Examples:\n  speelveld regions jeugdzorgregio\n  speelveld --weight inwoners regions swv-vo --format csv"
    )]
    Regions {
        /// The layout (`jeugdzorgregio`, `swv-po`, …).
        layout: String,
    },
    /// The units (gemeenten) of one region, with their share in it.
    #[command(
        after_help = "Examples:\n  speelveld members jeugdzorgregio JZ13\n  speelveld members swv-vo \"VO 23-05\" --format csv"
    )]
    Members {
        /// The layout.
        layout: String,
        /// The region, by code (`JZ13`) or name.
        region: String,
    },
    /// All regions of one gemeente across every layout.
    #[command(
        after_help = "Examples:\n  speelveld gemeente Zwolle\n  speelveld gemeente \"Den Haag\" --format csv"
    )]
    Gemeente {
        /// A code (`GM0363`, `363`) or a name (case-insensitive).
        query: String,
    },
    /// The profile of one gemeente or one region of any layout. A gemeente: its region in
    /// every layout, the other gemeenten at each table (the OOGO partners among them), where
    /// its SWV PO and VO differ, its key figures. A region: its gemeenten, the regions of
    /// every other layout they lie in, its OOGO partners, the SWV PO and VO of its
    /// gemeenten, its figures summed. `profiel LAYOUT REGION` names the layout. `-o zwolle.html` writes a gemeente's profile
    /// as one HTML page with a map of its surroundings.
    #[command(
        after_help = "Examples:\n  speelveld profiel Zwolle\n  speelveld profiel swv-vo VO2305 --taal nl\n  speelveld profiel Zwolle -o zwolle.html"
    )]
    Profiel {
        /// A gemeente (`GM0193`, `Zwolle`, `Den Haag`) or a region (`JZ13`, `VO 23-05`,
        /// `IJsselland`); or, followed by a region, the layout (`swv-po PO2401`).
        #[arg(value_name = "[LAYOUT] QUERY")]
        first: String,
        /// The region, when the first argument is its layout.
        #[arg(hide = true)]
        second: Option<String>,
    },
    /// The wide table of every gemeente × every loaded layout: per layout the region's code
    /// and name (for a split gemeente its largest part, with `_share` and the other parts in
    /// `_other`), then the key figures. One row per gemeente, for spreadsheets.
    #[command(
        after_help = "Examples:\n  speelveld export --format csv -o speelveld.csv\n  speelveld --taal nl export --excel -o speelveld.csv"
    )]
    Export,
    /// Check the units and one layout (or all): coverage, shares, unknown codes, … Exits 1
    /// when there is an error-level finding.
    #[command(
        after_help = "Examples:\n  speelveld validate\n  speelveld --year 2015 validate swv-po"
    )]
    Validate {
        /// The layout to check; all when omitted.
        layout: Option<String>,
    },
    /// A short summary of the dataset: year, units, layouts, split gemeenten, validation.
    #[command(
        after_help = "Examples:\n  speelveld overview\n  speelveld --year 2015 overview --format md"
    )]
    Overview,
    /// Draw layout A as an SVG map; with B, B's borders dashed on top and the mismatches hatched.
    /// With `-o FILE.gpkg`, the map's data: the dissolved regions of A (and B) as GeoPackage tables.
    #[command(after_help = "Examples:\n  speelveld map swv-po jeugdzorgregio -o map.svg")]
    Map(MapArgs),
    /// Every non-empty cell of layout A × layout B: units, weight, share of A, share of B.
    #[command(
        after_help = "Examples:\n  speelveld crosswalk swv-vo jeugdzorgregio\n  speelveld --weight inwoners --taal nl crosswalk swv-vo jeugdzorgregio --format csv"
    )]
    Crosswalk {
        /// Layout A (`swv-vo`).
        a: String,
        /// Layout B (`jeugdzorgregio`).
        b: String,
        /// Flag cells whose weight is below this as `small` (not to be published). Default:
        /// 10 for a figure (people), 1 for unit counts (part of one gemeente), none for area.
        #[arg(long, value_name = "WEIGHT", value_parser = parse_min_cell)]
        min_cell: Option<f64>,
    },
    /// Each region of A against B (identical/within/contains/split, best match, Jaccard),
    /// plus ARI, NMI, VI and nesting shares of the pair.
    #[command(after_help = "Examples:\n  speelveld compare swv-po swv-vo")]
    Compare {
        /// Layout A.
        a: String,
        /// Layout B.
        b: String,
    },
    /// Units that break the nesting of A in B (default: swv-po in swv-vo).
    #[command(
        after_help = "Examples:\n  speelveld mismatches\n  speelveld mismatches swv-po jeugdzorgregio --format csv"
    )]
    Mismatches {
        /// Layout A.
        #[arg(default_value = "swv-po")]
        a: String,
        /// Layout B.
        #[arg(default_value = "swv-vo")]
        b: String,
    },
    /// Groups of regions that must coordinate: connected components of the overlap graph.
    #[command(
        after_help = "Examples:\n  speelveld clusters swv-po swv-vo jeugdzorgregio\n  speelveld clusters swv-po swv-vo jeugdzorgregio --min-share 0.1"
    )]
    Clusters {
        /// Two or more layouts (`swv-po swv-vo jeugdzorgregio`).
        #[arg(id = "cluster_layouts", value_name = "LAYOUT", required = true, num_args = 2..)]
        layouts: Vec<String>,
        /// A link between regions of two layouts counts only when their overlap holds at
        /// least this share of the smaller region (by the weight), in [0, 1); default 0:
        /// any shared gemeente links. Dropped links are listed.
        #[arg(long, value_name = "S", default_value_t = 0.0)]
        min_share: f64,
        /// A link counts only when the overlap holds at least this many gemeenten (summed
        /// shares); default 0.
        #[arg(long, value_name = "N", default_value_t = 0.0)]
        min_units: f64,
    },
    /// OOGO partners: per SWV its gemeenten, per gemeente its SWV's, and the totals.
    #[command(
        after_help = "Examples:\n  speelveld oogo\n  speelveld oogo Zwolle\n  speelveld oogo VO2305 --format csv"
    )]
    Oogo {
        /// Only the part of one party: a gemeente (`Zwolle`) or an SWV (`VO2305`).
        #[arg(value_name = "GEMEENTE|SWV")]
        only: Option<String>,
        /// The SWV layouts (repeatable; default swv-po and swv-vo).
        #[arg(long = "swv", value_name = "LAYOUT")]
        swv: Vec<String>,
    },
    /// The gemeenten that share a border (at least 30 m), with its length; apart, the pairs
    /// that meet only at a point, along a stub or within the 20 m tolerance, so the answer
    /// can be reconciled with a GIS "touches" test.
    #[command(
        after_help = "Examples:\n  speelveld neighbours Zwolle\n  speelveld neighbours --format csv -o buren.csv"
    )]
    Neighbours {
        /// Only the pairs of one gemeente (`Zwolle`, `GM0193`).
        #[arg(value_name = "GEMEENTE")]
        of: Option<String>,
    },
    /// The other players of every SWV: for each other layout (jeugdzorgregio, RMC-regio,
    /// veiligheidsregio, …), the regions its gemeenten belong to, with how many gemeenten each.
    #[command(
        after_help = "Examples:\n  speelveld players\n  speelveld players --swv swv-po --format md"
    )]
    Players {
        /// The SWV layouts (repeatable; default swv-po and swv-vo).
        #[arg(long = "swv", value_name = "LAYOUT")]
        swv: Vec<String>,
    },
    /// ARI, NMI, VI and nesting shares for every pair of loaded layouts.
    #[command(
        after_help = "Examples:\n  speelveld congruence\n  speelveld --weight inwoners congruence --format csv"
    )]
    Congruence,
    /// Write the self-contained HTML report (maps, tables, findings) of all loaded layouts.
    #[command(after_help = "Examples:\n  speelveld report -o report.html")]
    Report(ReportArgs),
    /// Derive the herindeling between two sets of gemeenten from their geometry: each old
    /// gemeente's new gemeente(s) with the share of its area, flagged unchanged, recoded,
    /// merger, split or boundary (tiny pieces: boundary corrections and generalisation noise).
    /// `--format csv` gives old,old_name,new,new_name,share,flag,area_km2.
    #[command(after_help = "Examples:\n  speelveld herindeling --from 2015 --to 2025 --format csv")]
    Herindeling(HerindelingArgs),
    /// Carry a layout to the gemeenten of another year; gemeenten whose predecessors lay in
    /// different regions become split and are listed as conflicts.
    #[command(after_help = "Examples:\n  speelveld --year 2015 translate swv-po --to 2025")]
    Translate(TranslateArgs),
    /// What changed between two versions of a layout over the same gemeenten: units moved,
    /// regions created, removed, merged, split, renamed, recoded.
    #[command(after_help = "Examples:\n  speelveld diff swv-po swv-vo")]
    Diff {
        /// The old version: a loaded layout's name, or a membership file.
        old: String,
        /// The new version: a loaded layout's name, or a membership file.
        new: String,
    },
    /// Write the outline of every region of a layout, dissolved from its units, as GeoJSON
    /// (properties code, name, units, unit_codes, partial_units, undrawn_units, area_km2);
    /// with `-o FILE.gpkg`, as a GeoPackage table named after the layout.
    #[command(
        after_help = "Examples:\n  speelveld dissolve jeugdzorgregio -o jeugdzorgregio.geojson"
    )]
    Dissolve(DissolveArgs),
}

/// Arguments of `speelveld herindeling`.
#[derive(Debug, Args)]
pub struct HerindelingArgs {
    /// The old gemeenten: an embedded year (2015) or a GeoJSON file.
    #[arg(long, value_name = "YEAR|FILE", value_parser = parse_gemeenten)]
    pub from: Gemeenten,
    /// The new gemeenten: an embedded year (2025) or a GeoJSON file.
    #[arg(long, value_name = "YEAR|FILE", value_parser = parse_gemeenten)]
    pub to: Gemeenten,
    /// Pieces under this share of their old gemeente are boundary pieces.
    #[arg(long, value_name = "SHARE", default_value_t = 0.08)]
    pub min_share: f64,
    /// Pieces under this area are boundary pieces.
    #[arg(long, value_name = "KM2", default_value_t = 4.0)]
    pub min_area_km2: f64,
}

/// Arguments of `speelveld translate`.
#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// The layout to carry (of the loaded data, e.g. `--year 2015 translate swv-po`).
    pub layout: String,
    /// The new gemeenten: an embedded year (2025) or a GeoJSON file.
    #[arg(long, value_name = "YEAR|FILE", value_parser = parse_gemeenten)]
    pub to: Gemeenten,
    /// A herindeling table (`old_code,new_code,date[,share]`) instead of deriving one from the
    /// geometry of both years.
    #[arg(long, value_name = "FILE")]
    pub herindeling: Option<PathBuf>,
    /// Weigh the pieces of a split by this figure of the old gemeenten (default: area).
    #[arg(long, value_name = "FIGURE")]
    pub weight: Option<String>,
}

/// Arguments of `speelveld dissolve`.
#[derive(Debug, Args)]
pub struct DissolveArgs {
    /// The layout to dissolve (e.g. jeugdzorgregio).
    pub layout: String,
    /// The CRS of the GeoJSON written: WGS84 longitude/latitude as RFC 7946 asks (the
    /// default, no crs member), or any EPSG code (EPSG:28992 for RD New), named in a crs member.
    #[arg(long, value_name = "EPSG:N")]
    pub out_crs: Option<speelveld::model::Epsg>,
}

/// Arguments of `speelveld map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// The layout whose regions are coloured (e.g. swv-po).
    #[arg(value_name = "A")]
    pub a: String,
    /// A layout whose borders are drawn on top (e.g. jeugdzorgregio).
    #[arg(value_name = "B")]
    pub b: Option<String>,
    /// Width of the map in pixels.
    #[arg(long, default_value_t = 800.0)]
    pub width: f64,
    /// Leave out the region labels.
    #[arg(long)]
    pub no_labels: bool,
    /// Draw only a provincie or region (code or name: `Overijssel`, `JZ07`), with a margin
    /// of its neighbours in grey. Example: `speelveld map swv-po jeugdzorgregio --clip Overijssel`.
    #[arg(long, value_name = "PROVINCIE|REGION")]
    pub clip: Option<String>,
}

/// Arguments of `speelveld report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The SWV PO layout.
    #[arg(long, value_name = "LAYOUT", default_value = "swv-po")]
    pub po: String,
    /// The SWV VO layout.
    #[arg(long, value_name = "LAYOUT", default_value = "swv-vo")]
    pub vo: String,
    /// The layout the SWV's are laid over.
    #[arg(long, value_name = "LAYOUT", default_value = "jeugdzorgregio")]
    pub partner: String,
    /// The report's title.
    #[arg(long, default_value = "Het speelveld in beeld")]
    pub title: String,
}

/// `--sliver-share`: a finite share in [0, 1).
fn parse_sliver_share(s: &str) -> Result<f64, String> {
    let expected = "expected a share in [0, 1), such as 0.01 (0 keeps every piece)";
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..1.0).contains(&v) => Ok(v),
        Ok(_) => Err(format!("'{s}' lies outside [0, 1); {expected}")),
        Err(_) => Err(format!("'{s}' is not a number; {expected}")),
    }
}

/// `--min-cell`: a finite weight, 0 or more.
fn parse_min_cell(s: &str) -> Result<f64, String> {
    let expected = "expected a weight of 0 or more, such as 10 (people) or 1 (gemeenten)";
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err(format!("'{s}' is negative or not finite; {expected}")),
        Err(_) => Err(format!("'{s}' is not a number; {expected}")),
    }
}

/// `YEAR|FILE`: four digits are an embedded year, anything else a file.
fn parse_gemeenten(s: &str) -> Result<Gemeenten, String> {
    if s.is_empty() {
        return Err("expected an embedded year (2015, 2025) or a GeoJSON file".into());
    }
    Ok(match s.parse::<u16>() {
        Ok(year) if s.len() == 4 => Gemeenten::Year(year),
        _ => Gemeenten::File(PathBuf::from(s)),
    })
}

/// The library settings the options describe, made in one place.
impl Cli {
    /// The map's options.
    pub fn map_options(&self, args: &MapArgs) -> MapOptions {
        MapOptions {
            width: args.width,
            labels: !args.no_labels,
            taal: self.output.taal.unwrap_or(speelveld::model::Taal::Nl),
            clip: args
                .clip
                .clone()
                .map(speelveld::render::svg_map::Clip::Area),
            ..MapOptions::default()
        }
    }

    /// The report's options: title and the three layouts it walks through.
    pub fn report_options(&self, args: &ReportArgs) -> ReportOptions {
        ReportOptions {
            title: args.title.clone(),
            po: args.po.clone(),
            vo: args.vo.clone(),
            partner: args.partner.clone(),
            taal: self.output.taal.unwrap_or(speelveld::model::Taal::Nl),
            ..ReportOptions::default()
        }
    }

    /// The options of a one-page profile (`profiel … -o FILE.html`): the report's defaults
    /// in the chosen language.
    pub fn page_options(&self) -> ReportOptions {
        ReportOptions {
            taal: self.output.taal.unwrap_or(speelveld::model::Taal::Nl),
            ..ReportOptions::default()
        }
    }

    /// The thresholds of deriving a herindeling.
    pub fn derive_options(&self, args: &HerindelingArgs) -> DeriveOptions {
        DeriveOptions::default()
            .with_min_share(args.min_share)
            .with_min_area_km2(args.min_area_km2)
    }
}

/// Splits `FILE[#SHEET][:FIELD[:FIELD]]` into the file, the sheet of a workbook and the
/// fields. The file is the shortest leading part that names an existing file, or an existing
/// file followed by `#SHEET`; when none does, what follows the last `:` is one field, unless
/// that part looks like a path (holds `/` or `\\`) or the part before it is a drive letter
/// (`C:`), and a `#SHEET` after a workbook's name (`.xlsx`, `.xls`, `.ods`) is the sheet.
/// Sheet names cannot hold `:` (Excel forbids it).
fn file_and_fields(rest: &str) -> (String, Option<String>, Vec<String>) {
    let parts: Vec<&str> = rest.split(':').collect();
    for k in 1..=parts.len() {
        let file = parts[..k].join(":");
        let fields = || parts[k..].iter().map(|s| s.to_string()).collect();
        if Path::new(&file).is_file() {
            return (file, None, fields());
        }
        if let Some((f, sheet)) = file.rsplit_once('#')
            && !sheet.is_empty()
            && Path::new(f).is_file()
        {
            return (f.to_string(), Some(sheet.to_string()), fields());
        }
    }
    let (file, fields) = file_and_fields_by_form(rest);
    let (file, sheet) = sheet_by_name(&file);
    (file, sheet, fields)
}

/// `FILE.xlsx#SHEET` of a file that does not exist (yet): the sheet after a workbook's name.
fn sheet_by_name(file: &str) -> (String, Option<String>) {
    if let Some((f, sheet)) = file.rsplit_once('#') {
        let ext = Path::new(f)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !sheet.is_empty() && matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods")) {
            return (f.to_string(), Some(sheet.to_string()));
        }
    }
    (file.to_string(), None)
}

/// Parses `--table FILE[#SHEET]` and `--figures FILE[#SHEET]`.
fn parse_table_file(s: &str) -> Result<TableFile, String> {
    if s.is_empty() {
        return Err("the file is empty; expected FILE or FILE.xlsx#SHEET".into());
    }
    let (path, sheet) = if Path::new(s).is_file() {
        (s.to_string(), None)
    } else {
        match s.rsplit_once('#') {
            Some((f, sheet)) if !sheet.is_empty() && Path::new(f).is_file() => {
                (f.to_string(), Some(sheet.to_string()))
            }
            _ => sheet_by_name(s),
        }
    };
    Ok(TableFile {
        path: PathBuf::from(path),
        sheet,
    })
}

/// [`file_and_fields`] of a file that does not exist: the fields told by their form.
fn file_and_fields_by_form(rest: &str) -> (String, Vec<String>) {
    match rest.rsplit_once(':') {
        Some((p, c))
            if !c.is_empty()
                && !c.contains(['/', '\\'])
                && (p.len() != 1 || !p.chars().all(|ch| ch.is_ascii_alphabetic()))
                && !Path::new(rest).is_file() =>
        {
            (p.to_string(), vec![c.to_string()])
        }
        _ => (rest.to_string(), Vec::new()),
    }
}

/// Parses `--layout NAME=FILE[:COLUMN]`, or `NAME=FILE.geojson[:CODE_PROPERTY[:NAME_PROPERTY]]`
/// (see [`file_and_fields`]).
pub fn parse_layout(s: &str) -> Result<LayoutSpec, String> {
    let usage = |m: &str| {
        format!(
            "'{s}': {m}; expected NAME=FILE, NAME=FILE:COLUMN or \
             NAME=FILE.geojson:CODE_PROPERTY:NAME_PROPERTY"
        )
    };
    let (name, rest) = s.split_once('=').ok_or_else(|| usage("no '='"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(usage("the layout name is empty"));
    }
    if rest.is_empty() {
        return Err(usage("the file is empty"));
    }
    let (path, sheet, fields) = file_and_fields(rest);
    if fields.len() > 2 || fields.iter().any(String::is_empty) {
        return Err(usage(
            "more than a column and a name column, or an empty one",
        ));
    }
    let mut fields = fields.into_iter();
    Ok(LayoutSpec {
        name: name.to_string(),
        path: PathBuf::from(path),
        column: fields.next(),
        name_column: fields.next(),
        sheet,
        ..LayoutSpec::default()
    })
}

/// True for a file named as a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
fn is_workbook_name(path: &str) -> bool {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods"))
}

/// `--units FILE[:CODE_PROPERTY[:NAME_PROPERTY]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitsArg {
    /// The file.
    pub path: PathBuf,
    /// The code property, when given.
    pub code: Option<String>,
    /// The name property, when given.
    pub name: Option<String>,
}

/// Parses `--units FILE[:CODE_PROPERTY[:NAME_PROPERTY]]` (see [`file_and_fields`]).
fn parse_units(s: &str) -> Result<UnitsArg, String> {
    if s.is_empty() {
        return Err(
            "the file is empty; expected FILE or FILE:CODE_PROPERTY[:NAME_PROPERTY]".into(),
        );
    }
    let (path, sheet, fields) = file_and_fields(s);
    // `FILE#LAYER` names a layer of a GeoPackage or TopoJSON; a workbook's sheet is refused.
    let path = match sheet {
        Some(sheet) if is_workbook_name(&path) => {
            return Err(format!(
                "'{s}': a sheet ('{sheet}') for the units; expected a GeoJSON or the SWV postcode table (its first sheet with data)"
            ));
        }
        Some(layer) => format!("{path}#{layer}"),
        None => path,
    };
    if fields.len() > 2 || fields.iter().any(String::is_empty) {
        return Err(format!(
            "'{s}': more than a code and a name property, or an empty one; expected FILE or \
             FILE:CODE_PROPERTY[:NAME_PROPERTY]"
        ));
    }
    let mut fields = fields.into_iter();
    Ok(UnitsArg {
        path: PathBuf::from(path),
        code: fields.next(),
        name: fields.next(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn layout_options() {
        let s = parse_layout("x=a/b.csv").unwrap();
        assert_eq!(
            (s.name.as_str(), s.path.to_str().unwrap(), s.column),
            ("x", "a/b.csv", None)
        );
        assert_eq!(parse_layout("x=C:\\data\\b.csv").unwrap().column, None);
        let s = parse_layout("x=C:b.csv:ggdregio").unwrap();
        assert_eq!(s.column.as_deref(), Some("ggdregio"));
        for bad in ["-0.1", "1", "1.5", "NaN", "inf", "-inf", "x"] {
            let e = parse_sliver_share(bad).unwrap_err();
            assert!(e.contains("[0, 1)"), "{e}");
        }
        assert_eq!(parse_sliver_share("0").unwrap(), 0.0);
        assert_eq!(parse_sliver_share("0.5").unwrap(), 0.5);
        for bad in ["x", "=a.csv", "x="] {
            let e = parse_layout(bad).unwrap_err();
            assert!(e.contains(bad) && e.contains("expected NAME=FILE"), "{e}");
        }
    }

    /// Regression: `FILE#LAYER:CODE:NAME` kept `LAYER:CODE` as the layer.
    #[test]
    fn a_layer_after_hash_then_the_properties() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r.gpkg");
        std::fs::write(&f, "").unwrap();
        let s = parse_layout(&format!("x={}#provincie:code:naam", f.display())).unwrap();
        assert_eq!(s.path, f);
        assert_eq!(s.sheet.as_deref(), Some("provincie"));
        assert_eq!(
            (s.column.as_deref(), s.name_column.as_deref()),
            (Some("code"), Some("naam"))
        );
        // --units keeps a GIS file's layer with its path; a workbook's sheet is refused.
        let u = parse_units(&format!("{}#provincie:code", f.display())).unwrap();
        assert_eq!(
            u.path.display().to_string(),
            format!("{}#provincie", f.display())
        );
        let w = dir.path().join("k.xlsx");
        std::fs::write(&w, "").unwrap();
        assert!(parse_units(&format!("{}#Blad1", w.display())).is_err());
    }

    #[test]
    fn chosen_properties_follow_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r.geojson");
        std::fs::write(&f, "{}").unwrap();
        let f = f.display().to_string();
        let s = parse_layout(&format!("x={f}:jzCode:jzNaam")).unwrap();
        assert_eq!(s.path.display().to_string(), f);
        assert_eq!(
            (s.column.as_deref(), s.name_column.as_deref()),
            (Some("jzCode"), Some("jzNaam"))
        );
        let u = parse_units(&format!("{f}:gemeenteCode")).unwrap();
        assert_eq!((u.code.as_deref(), u.name), (Some("gemeenteCode"), None));
        assert_eq!(parse_units(&f).unwrap().code, None);
        assert!(parse_units(&format!("{f}:a:b:c")).is_err());
        assert!(parse_layout(&format!("x={f}::b")).is_err());
    }

    #[test]
    fn a_sheet_follows_a_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("k.xlsx");
        std::fs::write(&f, "PK").unwrap();
        let f = f.display().to_string();
        let s = parse_layout(&format!("vr={f}#Blad 1:veiligheidsRegioCode")).unwrap();
        assert_eq!(s.path.display().to_string(), f);
        assert_eq!(
            (s.sheet.as_deref(), s.column.as_deref()),
            (Some("Blad 1"), Some("veiligheidsRegioCode"))
        );
        let s = parse_layout(&format!("vr={f}:code")).unwrap();
        assert_eq!((s.sheet, s.column.as_deref()), (None, Some("code")));
        // A file that does not exist: the sheet after a workbook's name, not another's.
        let s = parse_layout("x=nope.xlsx#data:code").unwrap();
        assert_eq!(
            (s.path.to_str(), s.sheet.as_deref(), s.column.as_deref()),
            (Some("nope.xlsx"), Some("data"), Some("code"))
        );
        assert_eq!(parse_layout("x=a#b.csv").unwrap().sheet, None);
        let t = parse_table_file(&format!("{f}#kerncijfers 2021")).unwrap();
        assert_eq!(
            (t.path.display().to_string(), t.sheet.as_deref()),
            (f.clone(), Some("kerncijfers 2021"))
        );
        assert_eq!(parse_table_file(&f).unwrap().sheet, None);
        let e = parse_units(&format!("{f}#Blad1")).unwrap_err();
        assert!(e.contains("a sheet ('Blad1') for the units"), "{e}");
    }
}
