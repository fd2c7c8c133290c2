//! `speelveld clusters A B [C…]`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli, layouts: &[String]) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let names: Vec<&str> = layouts.iter().map(String::as_str).collect();
    let result =
        speelveld::analysis::clusters::clusters(&atlas, &names, cli.data.weight.as_deref())?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
