//! `speelveld gemeente CODE|NAME`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli, query: &str) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::lookup::unit_regions(&atlas, query)?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
