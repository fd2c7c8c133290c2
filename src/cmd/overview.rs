//! `speelveld overview`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::overview::overview(&atlas);
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
