//! `speelveld layouts`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let summary = speelveld::analysis::layouts::summarise(&atlas);
    super::print(cli, &summary)?;
    Ok(ExitCode::SUCCESS)
}
