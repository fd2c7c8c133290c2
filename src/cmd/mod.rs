//! One file per command: each loads the atlas, calls the library and prints.

use std::process::ExitCode;

use anyhow::Result;

use crate::args::{Cli, Command};

mod clusters;
mod compare;
mod congruence;
mod crosswalk;
mod diff;
mod dissolve;
mod gemeente;
mod herindeling;
mod layouts;
mod lookup;
mod map;
mod mismatches;
mod oogo;
mod overview;
mod report;
mod translate;
mod validate;

/// Runs the chosen command.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Layouts => layouts::run(cli),
        Command::Regions { layout } => lookup::regions(cli, layout),
        Command::Members { layout, region } => lookup::members(cli, layout, region),
        Command::Gemeente { query } => gemeente::run(cli, query),
        Command::Validate { layout } => validate::run(cli, layout.as_deref()),
        Command::Overview => overview::run(cli),
        Command::Map(args) => map::run(cli, args),
        Command::Report(args) => report::run(cli, args),
        Command::Herindeling(args) => herindeling::run(cli, args),
        Command::Translate(args) => translate::run(cli, args),
        Command::Diff { old, new } => diff::run(cli, old, new),
        Command::Crosswalk { a, b } => crosswalk::run(cli, a, b),
        Command::Compare { a, b } => compare::run(cli, a, b),
        Command::Mismatches { a, b } => mismatches::run(cli, a, b),
        Command::Clusters { layouts } => clusters::run(cli, layouts),
        Command::Oogo { swv } => oogo::run(cli, swv),
        Command::Congruence => congruence::run(cli),
        Command::Dissolve(args) => dissolve::run(cli, args),
    }
}

/// Loads the atlas the data options describe (the embedded dataset when there are none).
pub fn load(cli: &Cli) -> Result<speelveld::Atlas> {
    use speelveld::dataset::load::{LayoutSpec, Sources};
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
        assign: cli.data.assign_options(),
    };
    let atlas = speelveld::dataset::load::load(&sources)?;
    // The embedded dataset's notes (its two repaired rings) are documented; `validate`
    // lists them. The user's own data gets every note on stderr.
    let own = cli.data.units.is_some() || !cli.data.layouts.is_empty();
    let figure_files: Vec<String> = cli
        .data
        .figures
        .iter()
        .map(|p| format!("{}: ", p.display()))
        .collect();
    for note in &atlas.notes {
        if own || figure_files.iter().any(|f| note.starts_with(f.as_str())) {
            eprintln!("warning: {note}");
        }
    }
    Ok(atlas)
}

/// Prints a result to stdout in the chosen format.
pub fn print<T: speelveld::io::write::Tabular>(cli: &Cli, result: &T) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    speelveld::io::write::write_result(result, cli.output.write_options(), &mut lock)?;
    Ok(())
}

/// Writes text to a file, or to stdout without a file; says on stderr where it went.
pub fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    use std::io::Write;
    match path {
        Some(p) => {
            std::fs::write(p, text)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", p.display()))?;
            eprintln!("wrote {} ({} bytes)", p.display(), text.len());
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(text.as_bytes())?;
            lock.flush()?;
        }
    }
    Ok(())
}
