//! Command-line arguments (clap derive), converted once into library options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use speelveld::io::write::{Format, WriteOptions};

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

/// Where the data comes from. None of these: the embedded dataset.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Units: gemeenten from a GeoJSON FeatureCollection (CBS/PDOK `statcode`, `statnaam`), or
    /// postcode-4 areas with their swv-po/swv-vo layouts from the SWV table (pc4,gemeente,swv_po,swv_vo).
    #[arg(long, global = true, value_name = "FILE")]
    pub units: Option<PathBuf>,
    /// A layout: NAME=FILE (membership CSV or region-polygon GeoJSON) or NAME=FILE:COLUMN
    /// (one column of a wide table). Repeatable.
    #[arg(long = "layout", global = true, value_name = "NAME=FILE[:COLUMN]")]
    pub layouts: Vec<String>,
    /// A wide table (one row per gemeente, code+name column pairs): every pair becomes a layout.
    #[arg(long = "table", global = true, value_name = "FILE")]
    pub tables: Vec<PathBuf>,
    /// Key figures per unit: CSV with a unit code column and numeric columns.
    #[arg(long = "figures", global = true, value_name = "FILE")]
    pub figures: Vec<PathBuf>,
    /// Year of the embedded dataset to use.
    #[arg(long, global = true, value_name = "YEAR")]
    pub year: Option<u16>,
}

/// Output format options.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// CSV for Dutch Excel: semicolon, decimal comma, byte-order mark (implies --format csv).
    #[arg(long, global = true)]
    pub excel: bool,
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
}

impl OutputArgs {
    /// The library's write options.
    pub fn write_options(&self) -> WriteOptions {
        let format = match (self.excel, self.format) {
            (true, _) | (_, FormatArg::Csv) => Format::Csv,
            (_, FormatArg::Table) => Format::Table,
            (_, FormatArg::Json) => Format::Json,
            (_, FormatArg::Md) => Format::Md,
        };
        WriteOptions {
            format,
            excel: self.excel,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the layouts with their number of regions and units.
    Layouts,
    /// The regions of a layout with their number of units.
    Regions {
        /// The layout (`jeugdzorgregio`, `swv-po`, …).
        layout: String,
    },
    /// The units (gemeenten) of one region, with their share in it.
    Members {
        /// The layout.
        layout: String,
        /// The region, by code (`JZ13`) or name.
        region: String,
    },
    /// All regions of one gemeente across every layout.
    Gemeente {
        /// A code (`GM0363`, `363`) or a name (case-insensitive).
        query: String,
    },
    /// Check the units and one layout (or all): coverage, shares, unknown codes, … Exits 1
    /// when there is an error-level finding.
    Validate {
        /// The layout to check; all when omitted.
        layout: Option<String>,
    },
    /// A short summary of the dataset: year, units, layouts, split gemeenten, validation.
    Overview,
    /// Draw layout A as an SVG map; with B, B's borders dashed on top and the mismatches hatched.
    Map(MapArgs),
    /// Write the self-contained HTML report (maps, tables, findings) of all loaded layouts.
    Report(ReportArgs),
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
    /// Write the SVG to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Width of the map in pixels.
    #[arg(long, default_value_t = 800.0)]
    pub width: f64,
    /// Leave out the region labels.
    #[arg(long)]
    pub no_labels: bool,
}

/// Arguments of `speelveld report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the HTML to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
