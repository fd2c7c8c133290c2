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
    use speelveld::io::load::{LayoutSpec, Sources};
    let layouts = cli
        .data
        .layouts
        .iter()
        .map(|s| {
            s.parse::<LayoutSpec>()
                .map_err(|e| crate::args::UsageError(e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sources = Sources {
        units: cli.data.units.clone(),
        layouts,
        tables: cli.data.tables.clone(),
        figures: cli.data.figures.clone(),
        year: cli.data.year,
    };
    Ok(speelveld::io::load::load(&sources)?)
}

/// Prints a result to stdout in the chosen format.
pub fn print<T: speelveld::io::write::Tabular>(cli: &Cli, result: &T) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    speelveld::io::write::write_result(result, cli.output.write_options(), &mut lock)?;
    Ok(())
}
