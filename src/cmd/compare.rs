//! `speelveld compare A B`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli, a: &str, b: &str) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::compare::compare(&atlas, a, b, cli.data.weight.as_deref())?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
