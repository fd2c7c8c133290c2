//! `speelveld translate LAYOUT --to YEAR|FILE`

use std::process::ExitCode;

use anyhow::Result;
use speelveld::analysis::herindeling::{DeriveOptions, derive};
use speelveld::analysis::translate::{TranslateOptions, translate};

use crate::args::{Cli, TranslateArgs};

pub fn run(cli: &Cli, args: &TranslateArgs) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let layout = atlas.layout(&args.layout)?;
    let to = super::herindeling::units(&args.to)?;
    let h = match &args.herindeling {
        Some(p) => {
            let text = speelveld::io::text::read_text(p)?;
            speelveld::io::herindeling::read_herindeling(&p.display().to_string(), &text)?
        }
        None => {
            let from = match (&cli.data.units, atlas.year) {
                (None, Some(y)) => super::herindeling::units(&y.to_string())?,
                _ => atlas.clone(),
            };
            derive(&from, &to, &DeriveOptions::default())?
        }
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
