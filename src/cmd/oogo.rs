//! `speelveld oogo [--swv LAYOUT…]`

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli, swv: &[String]) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let names: Vec<&str> = swv.iter().map(String::as_str).collect();
    let result = speelveld::analysis::oogo::oogo(&atlas, &names)?;
    super::print(cli, &result)?;
    Ok(ExitCode::SUCCESS)
}
