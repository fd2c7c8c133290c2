//! `speelveld`: the Dutch regional layouts side by side. A thin CLI over the library:
//! it parses arguments, loads the atlas, calls one analysis and prints its result.

use std::io::Write;
use std::process::ExitCode;

mod args;
mod output;
mod run;

use args::Cli;

fn main() -> ExitCode {
    keep_standard_streams_open();
    let cli = match Cli::parse_checked() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run::run(&cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = std::io::stdout().flush();
            output::note(&format!("speelveld: error: {}", message(&e)));
            if let Some(h) = hint(&e) {
                output::note(&format!("hint: {h}"));
            }
            ExitCode::from(if e.downcast_ref::<args::UsageError>().is_some() {
                2
            } else {
                1
            })
        }
    }
}

/// The error and its causes, each cause left out when the text before already says it (the
/// library's messages include their source: "cannot read: No such file or directory").
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

/// Opens the null device on a standard stream that was closed when the program started
/// (`2>&-`): the next file opened would otherwise get its descriptor, and messages meant for
/// stderr would land in an input or in the `-o` file. Messages to a closed stream are lost,
/// never an error (`output::note`).
fn keep_standard_streams_open() {
    #[cfg(unix)]
    {
        use std::os::fd::{AsRawFd, IntoRawFd};
        for _ in 0..3 {
            let Ok(f) = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/null")
            else {
                return;
            };
            if f.as_raw_fd() > 2 {
                return; // all three are open; `f` is closed again
            }
            // The descriptor now stands in for the closed stream; keep it open.
            let _ = f.into_raw_fd();
        }
    }
}

/// What the user can do about a library error, in terms of this tool's options (the
/// library's messages name no options).
fn hint(e: &anyhow::Error) -> Option<String> {
    use speelveld::Error;
    e.chain()
        .find_map(|c| c.downcast_ref::<Error>())
        .and_then(|e| match e {
            Error::MissingFigure { .. } => Some(
                "load key figures with --figures FILE, or weigh by --weight units or --weight area"
                    .into(),
            ),
            Error::MissingGeometry { .. } => {
                Some("--weight area needs units with outlines: --units FILE.geojson".into())
            }
            Error::NoGeometry { .. } => {
                Some("load units from a GeoJSON file with --units FILE".into())
            }
            Error::UnknownUnit {
                other_year: Some(y),
                ..
            } => Some(format!("use --year {y}")),
            Error::UnknownLayout { .. } => Some("'speelveld layouts' lists them".into()),
            Error::FiguresYear { message, .. } if message.contains("more than one year") => Some(
                "give the year of the file with --figures-year YEAR (2015, 2021 or 2025) to use only its rows of that year".into(),
            ),
            Error::FiguresYear { message, .. } if message.contains("cannot be carried") => Some(
                "use figures of the atlas's year, or the 2025 atlas (without --year) for figures of 2015 or 2021".into(),
            ),
            Error::GeoJson { message, .. } if message.contains("the numbers look like") => {
                Some("give the CRS the coordinates are in with --crs EPSG:N".into())
            }
            Error::MissingColumn { expected, .. } if expected.contains("(as chosen)") => {
                Some("--unit-column takes a header of the file, as listed".into())
            }
            Error::MissingColumn { expected, .. }
                if expected.contains("gemeentecode") || expected.contains("statcode") =>
            {
                Some("choose the unit column with --unit-column COLUMN".into())
            }
            Error::AmbiguousDecimal { .. } => {
                Some("give --decimal comma (Dutch: 1.234,5) or --decimal point (1,234.5)".into())
            }
            _ => None,
        })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<speelveld::Error>().is_some_and(|s| {
                matches!(s, speelveld::Error::Io { source, .. } | speelveld::Error::Write(source) if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
