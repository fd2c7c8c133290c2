//! `speelveld validate [LAYOUT]`: exit 1 when there is an error-level finding.

use std::process::ExitCode;

use anyhow::Result;

use crate::args::Cli;

pub fn run(cli: &Cli, layout: Option<&str>) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let result = speelveld::analysis::validate::validate(&atlas, layout)?;
    super::print(cli, &result)?;
    eprintln!(
        "{} error(s), {} warning(s), {} info",
        result.errors, result.warnings, result.infos
    );
    Ok(if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
