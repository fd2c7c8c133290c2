//! `speelveld translate LAYOUT --to YEAR|FILE`

use std::process::ExitCode;

use anyhow::Result;
use speelveld::analysis::herindeling::{DeriveOptions, derive};
use speelveld::analysis::translate::{TranslateOptions, translate};

use crate::args::{Cli, TranslateArgs};

/// Derives the herindeling from the loaded units (or the embedded units of their year) to `to`.
fn derive_from(
    cli: &Cli,
    atlas: &speelveld::Atlas,
    to: &speelveld::Atlas,
) -> Result<speelveld::model::herindeling::Herindeling> {
    let from = match (&cli.data.units, atlas.year) {
        (None, Some(y)) => super::herindeling::units(&y.to_string())?,
        _ => atlas.clone(),
    };
    Ok(derive(&from, to, &DeriveOptions::default())?)
}

pub fn run(cli: &Cli, args: &TranslateArgs) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let layout = atlas.layout(&args.layout)?;
    let to = super::herindeling::units(&args.to)?;
    let h = match &args.herindeling {
        Some(p) => {
            let text = speelveld::io::text::read_text(p)?;
            speelveld::io::herindeling::read_herindeling(&p.display().to_string(), &text)?
        }
        None if cli.data.units.is_none()
            && atlas.year.is_some_and(|y| y.to_string() != args.to) =>
        {
            // Between two embedded years: the committed table (derived from the same
            // geometry; a test re-derives it), so the result equals the embedded layouts.
            match atlas
                .year
                .zip(args.to.parse::<u16>().ok())
                .and_then(|(a, b)| speelveld::dataset::embedded::herindeling_table(a, b))
            {
                Some(f) => {
                    let mut h = speelveld::io::herindeling::read_herindeling(f.name, f.text)?;
                    h.from = atlas.year.map(|y| y.to_string()).unwrap_or_default();
                    h.to = args.to.clone();
                    h
                }
                None => derive_from(cli, &atlas, &to)?,
            }
        }
        None => derive_from(cli, &atlas, &to)?,
    };
    for n in &h.notes {
        eprintln!("note: {n}");
    }
    let opts = TranslateOptions {
        weight: args.weight.clone(),
    };
    let t = translate(layout, &atlas, &h, &to, &opts)?;
    eprintln!(
        "{}: {} gemeente(n) of {} in conflict (predecessors in different regions), {} split by \
         inheritance, {} unresolved row(s)",
        layout.name(),
        t.conflicts.len(),
        h.to,
        t.inherited_splits.len(),
        t.layout.unresolved.len()
    );
    super::print(cli, &t)?;
    Ok(ExitCode::SUCCESS)
}
