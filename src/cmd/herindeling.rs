//! `speelveld herindeling --from YEAR|FILE --to YEAR|FILE`

use std::process::ExitCode;

use anyhow::Result;
use speelveld::analysis::herindeling::{DeriveOptions, HerindelingReport, derive};

use crate::args::{Cli, HerindelingArgs};

/// The gemeenten (with geometry, no layouts) of an embedded year or a GeoJSON file.
pub fn units(spec: &str) -> Result<speelveld::Atlas> {
    if let Ok(year) = spec.parse::<u16>() {
        let f = speelveld::dataset::embedded::gemeente_geojson(year).ok_or_else(|| {
            speelveld::Error::UnknownYear {
                year,
                available: "2015, 2025".into(),
            }
        })?;
        return Ok(speelveld::dataset::embedded::units_atlas(
            f.name,
            f.text,
            Some(year),
        )?);
    }
    Ok(speelveld::dataset::load::read_units(
        std::path::Path::new(spec),
        None,
    )?)
}

pub fn run(cli: &Cli, args: &HerindelingArgs) -> Result<ExitCode> {
    let from = units(&args.from)?;
    let to = units(&args.to)?;
    let opts = DeriveOptions::default()
        .with_min_share(args.min_share)
        .with_min_area_km2(args.min_area_km2);
    let h = derive(&from, &to, &opts)?;
    let report = HerindelingReport::new(h);
    let c = &report.counts;
    eprintln!(
        "{} pairs: {} merger(s), {} split(s), {} recoded, {} unchanged; {} boundary piece(s) \
         ({:.1} km2) flagged; {:.1} km2 of the old gemeenten lies in no new one",
        c.pairs,
        c.mergers,
        c.splits,
        c.recoded,
        c.unchanged,
        c.boundary,
        report.boundary_km2,
        report.uncovered_km2
    );
    super::print(cli, &report)?;
    Ok(ExitCode::SUCCESS)
}
