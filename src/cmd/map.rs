//! `speelveld map A [B] -o file.svg`

use std::process::ExitCode;

use anyhow::Result;
use speelveld::render::svg_map::{MapOptions, map};

use crate::args::{Cli, MapArgs};

pub fn run(cli: &Cli, args: &MapArgs) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let opts = MapOptions {
        width: args.width,
        labels: !args.no_labels,
        ..MapOptions::default()
    };
    let svg = map(&atlas, &args.a, args.b.as_deref(), &opts)?;
    super::write_output(args.output.as_deref(), &svg)?;
    Ok(ExitCode::SUCCESS)
}
