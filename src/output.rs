//! Where results go: stdout, a file (`-o FILE`), or one CSV per table (`-o DIR/`); an xlsx
//! workbook only to a file; messages to stderr.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use speelveld::io::write::{Format, Tabular, write_result, write_table_files};
use speelveld::io::xlsx_write::{SourceRow, embedded_sources, write_workbook};

use crate::args::Cli;

/// Prints a result in the chosen format: to stdout, into the file `-o` names, or, with
/// `-o DIR/` (a path ending in `/` or an existing directory), one CSV file per table.
pub fn print<T: Tabular>(cli: &Cli, result: &T) -> Result<()> {
    let opts = cli.output.write_options();
    match cli.output.output.as_deref() {
        Some(dir) if is_dir_target(dir) => {
            if !matches!(opts.format, Format::Csv | Format::Table) {
                anyhow::bail!(
                    "{}: a directory gets one CSV file per table; for --format {} name a file (-o FILE)",
                    dir.display(),
                    opts.format
                );
            }
            let tables: Vec<_> = result
                .tables()?
                .into_iter()
                .map(|t| t.in_taal(opts.taal))
                .collect();
            let written = write_table_files(&tables, opts.excel, dir)?;
            for p in &written {
                note(&format!("wrote {}", p.display()));
            }
        }
        Some(path) if opts.format == Format::Xlsx => {
            // Headers in the language asked for, as in every other table format.
            let tables: Vec<_> = result
                .tables()?
                .into_iter()
                .map(|t| t.in_taal(opts.taal))
                .collect();
            let bytes = write_workbook(&tables, &sources(cli))?;
            write_file(path, &bytes)?;
        }
        Some(path) => {
            let mut buf = Vec::new();
            write_result(result, opts, &mut buf)?;
            write_file(path, &buf)?;
        }
        None if opts.format == Format::Xlsx => {
            anyhow::bail!(
                "--format xlsx writes a workbook, which is no text for a terminal or a pipe; \
                 use -o FILE.xlsx"
            );
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            write_result(result, opts, &mut lock)?;
        }
    }
    Ok(())
}

/// The sources of a workbook's sheet `bron`: the embedded data's, then every input file.
fn sources(cli: &Cli) -> Vec<SourceRow> {
    let mut rows = embedded_sources();
    for (flag, path) in cli.input_files() {
        rows.push(SourceRow::input(
            flag.trim_start_matches('-'),
            &path.display().to_string(),
        ));
    }
    rows
}

/// True when `-o` names a directory: it ends in a path separator or already is one.
fn is_dir_target(p: &Path) -> bool {
    let s = p.as_os_str().to_string_lossy();
    s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || p.is_dir()
}

/// Writes text to a file, or to stdout without a file; says on stderr where it went.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        Some(p) => write_file(p, text.as_bytes()),
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(text.as_bytes())?;
            lock.flush()?;
            Ok(())
        }
    }
}

/// Writes the whole file or nothing (a temporary file renamed into place), then says so.
pub fn write_file(p: &Path, bytes: &[u8]) -> Result<()> {
    speelveld::io::write::write_file(p, bytes)?;
    note(&format!("wrote {} ({} bytes)", p.display(), bytes.len()));
    Ok(())
}

/// A message for people on stderr. A closed stderr is no reason to fail the command.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}
