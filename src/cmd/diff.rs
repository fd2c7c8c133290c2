//! `speelveld diff A_OLD A_NEW`

use std::process::ExitCode;

use anyhow::Result;
use speelveld::analysis::diff::diff;
use speelveld::dataset::load::{LayoutSpec, read_layout};

use crate::args::Cli;

/// A loaded layout by name, or a membership file read against the atlas's units.
fn layout(atlas: &speelveld::Atlas, arg: &str) -> Result<speelveld::Layout> {
    match atlas.layout(arg) {
        Ok(l) => Ok(l.clone()),
        Err(e) if !std::path::Path::new(arg).is_file() => Err(e.into()),
        Err(_) => {
            let spec = LayoutSpec {
                name: arg.to_string(),
                path: arg.into(),
                column: None,
            };
            Ok(read_layout(&spec, atlas)?)
        }
    }
}

pub fn run(cli: &Cli, old: &str, new: &str) -> Result<ExitCode> {
    let atlas = super::load(cli)?;
    let a = layout(&atlas, old)?;
    let b = layout(&atlas, new)?;
    let d = diff(&a, &b).with_unit_names(&atlas);
    eprintln!(
        "{} unit(s) moved; {} merged, {} split, {} renamed, {} recoded, {} created, {} removed",
        d.moved.len(),
        d.merged.len(),
        d.split.len(),
        d.renamed.len(),
        d.recoded.len(),
        d.created.len(),
        d.removed.len()
    );
    super::print(cli, &d)?;
    Ok(ExitCode::SUCCESS)
}
