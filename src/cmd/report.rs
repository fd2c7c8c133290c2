//! `speelveld report -o report.html`

use std::process::ExitCode;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use speelveld::render::report::{ReportOptions, render_report_with_progress};

use crate::args::{Cli, ReportArgs};

pub fn run(cli: &Cli, args: &ReportArgs) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    // indicatif draws on stderr, and only when stderr is a terminal.
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} report [{bar:24}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let html = render_report_with_progress(
        &atlas,
        &ReportOptions::default(),
        &mut |done, total, step| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(step.to_string());
        },
    )?;
    bar.finish_and_clear();
    super::write_output(args.output.as_deref(), &html)?;
    Ok(ExitCode::SUCCESS)
}
