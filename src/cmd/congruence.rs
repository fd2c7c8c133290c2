//! `speelveld congruence`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::congruence::congruence(&atlas, cli.data.weight.as_deref())?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
