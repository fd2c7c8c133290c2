//! `speelveld regions LAYOUT` and `speelveld members LAYOUT REGION`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn regions(cli: &Cli, layout: &str) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::lookup::regions(&atlas, layout)?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}

pub fn members(cli: &Cli, layout: &str, region: &str) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::lookup::members(&atlas, layout, region)?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
