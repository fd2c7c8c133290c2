//! `speelveld dissolve LAYOUT [-o FILE]`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::{Cli, DissolveArgs};

pub fn run(cli: &Cli, args: &DissolveArgs) -> Result<ExitCode> {
    use speelveld::geometry::dissolve::{dissolve, to_geojson};
    let atlas = super::load(cli)?;
    let layout = atlas.layout(&args.layout)?;
    let regions = dissolve(&atlas, layout)?;
    let parts: usize = regions.iter().map(|r| r.geometry.0.len()).sum();
    eprintln!(
        "{}: {} regions, {} polygons, EPSG:{}",
        layout.name(),
        regions.len(),
        parts,
        atlas.crs.epsg()
    );
    super::write_output(args.output.as_deref(), &to_geojson(&regions, atlas.crs))?;
    Ok(ExitCode::SUCCESS)
}
