//! `speelveld regions LAYOUT` and `speelveld members LAYOUT REGION`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn regions(cli: &Cli, layout: &str) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let weight = cli.data.weight.as_deref();
    if weight.is_some() || !speelveld::analysis::aggregate::figure_names(&atlas).is_empty() {
        let result = speelveld::analysis::aggregate::region_figures(&atlas, layout, weight)?;
        super::print(cli, &result)?;
        return Ok(ExitCode::SUCCESS);
    }
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
