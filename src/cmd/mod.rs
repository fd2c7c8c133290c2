//! One file per command: each loads the atlas, calls the library and prints.

use std::process::ExitCode;

use anyhow::Result;

use crate::args::{Cli, Command};

mod layouts;

/// Runs the chosen command.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Layouts => layouts::run(cli),
    }
}

/// Loads the atlas the data options describe (the embedded dataset when there are none).
pub fn load(cli: &Cli) -> Result<speelveld::Atlas> {
    let _ = cli;
    anyhow::bail!("loading data is not built yet")
}

/// Prints a result to stdout in the chosen format.
pub fn print<T: speelveld::io::write::Tabular>(cli: &Cli, result: &T) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    speelveld::io::write::write_result(result, cli.output.write_options(), &mut lock)?;
    Ok(())
}
