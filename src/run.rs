//! One dispatch: every command loads the atlas, calls one library function and prints its
//! result. No analysis here.

use std::process::ExitCode;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use speelveld::analysis::{
    aggregate, clusters, compare, congruence, crosswalk, diff, export, herindeling, layouts,
    lookup, mismatches, neighbours, oogo, overview, players, subject, translate, validate,
};
use speelveld::dataset::herindeling::{HerindelingSource, gemeenten, herindeling_between};
use speelveld::dataset::load::{Sources, layout_or_file};
use speelveld::render::report::{
    render_profile, render_region_profile, render_report_with_progress,
};
use speelveld::{Atlas, Layout};

use crate::args::{Cli, Command, UsageError};
use crate::output::{note, print, write_file, write_output};
use speelveld::io::geopackage_write::to_geopackage;

/// True when `-o` names an HTML file (`.html`, `.htm`): a page instead of a table.
fn is_html(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Runs the chosen command.
pub fn run(cli: &Cli) -> Result<ExitCode> {
    let weight = &cli.data.weight.clone().unwrap_or_default();
    match &cli.command {
        Command::Layouts => print(cli, &layouts::summarise(&load(cli)?))?,
        Command::Regions { layout } => {
            let atlas = load(cli)?;
            if cli.data.weight.is_some() || !aggregate::figure_names(&atlas).is_empty() {
                print(cli, &aggregate::region_figures(&atlas, layout, weight)?)?;
            } else {
                print(cli, &lookup::regions(&atlas, layout)?)?;
            }
        }
        Command::Members { layout, region } => {
            print(cli, &lookup::members(&load(cli)?, layout, region)?)?
        }
        Command::Gemeente { query } => {
            let regions = lookup::unit_regions(&load(cli)?, query)?;
            if let Some(read_as) = &regions.read_as {
                note(&format!("note: {read_as}"));
            }
            print(cli, &regions)?
        }
        Command::Profiel { first, second } => {
            let (layout, query) = match second {
                Some(q) => (Some(first.as_str()), q),
                None => (None, first),
            };
            let atlas = load(cli)?;
            let (p, also) = subject::profile_of(&atlas, query, layout)?;
            if let subject::AnyProfile::Gemeente(g) = &p
                && let Some(read_as) = &g.read_as
            {
                note(&format!("note: {read_as}"));
            }
            if let Some(also) = also {
                note(&format!("note: {also}"));
            }
            match (cli.output.output.as_deref(), &p) {
                (Some(path), subject::AnyProfile::Gemeente(g)) if is_html(path) => {
                    let html = render_profile(&atlas, g, &cli.page_options())?;
                    write_output(Some(path), &html)?;
                }
                (Some(path), subject::AnyProfile::Region(r)) if is_html(path) => {
                    let html = render_region_profile(&atlas, r, &cli.page_options())?;
                    write_output(Some(path), &html)?;
                }
                _ => print(cli, &p)?,
            }
        }
        Command::Validate { layout } => {
            let result = validate::validate(&load(cli)?, layout.as_deref())?;
            print(cli, &result)?;
            note(&result.summary(cli.output.write_options().taal));
            if !result.is_ok() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Export => print(cli, &export::export(&load(cli)?))?,
        Command::Overview => print(cli, &overview::overview(&load(cli)?))?,
        Command::Map(args) => {
            if let Some(p) = cli.output.output.as_deref().filter(|p| is_gpkg(p)) {
                // The map's data: the regions of A (and B) dissolved, one table each.
                let atlas = load(cli)?;
                let mut tables = Vec::new();
                for name in std::iter::once(&args.a).chain(&args.b) {
                    let layout = atlas.layout(name)?;
                    let regions = speelveld::geometry::dissolve::dissolve(&atlas, layout)?;
                    tables.push((layout.name().to_string(), regions));
                }
                let refs: Vec<(&str, &[_])> = tables
                    .iter()
                    .map(|(n, r)| (n.as_str(), r.as_slice()))
                    .collect();
                write_file(p, &to_geopackage(&refs, atlas.crs)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            let svg = speelveld::render::svg_map::map(
                &load(cli)?,
                &args.a,
                args.b.as_deref(),
                &cli.map_options(args),
            )?;
            write_output(cli.output.output.as_deref(), &svg)?;
        }
        Command::Report(args) => {
            let atlas = load(cli)?;
            let html = with_progress("report", |progress| {
                render_report_with_progress(&atlas, &cli.report_options(args), progress)
            })?;
            write_output(cli.output.output.as_deref(), &html)?;
        }
        Command::Herindeling(args) => {
            let from = gemeenten(&args.from)?;
            let to = gemeenten(&args.to)?;
            let h = herindeling::derive(&from, &to, &cli.derive_options(args))?;
            let report = herindeling::HerindelingReport::new(h);
            note(&report.summary());
            print(cli, &report)?;
        }
        Command::Translate(args) => {
            let atlas = load(cli)?;
            let layout = atlas.layout(&args.layout)?;
            let to = gemeenten(&args.to)?;
            let source = HerindelingSource {
                table: args.herindeling.as_deref(),
                embedded: cli.data.units.is_none()
                    && matches!(args.to, speelveld::dataset::herindeling::Gemeenten::Year(_)),
            };
            let h = herindeling_between(&atlas, &to, &source)?;
            for n in &h.notes {
                note(&format!("note: {n}"));
            }
            let options = translate::TranslateOptions {
                weight: args.weight.clone(),
                area_where_missing: false,
            };
            let t = translate::translate(layout, &atlas, &h, &to, &options)?;
            note(&t.summary(&h.to));
            print(cli, &t)?;
        }
        Command::Diff { old, new } => {
            let atlas = load(cli)?;
            let (a, b): (Layout, Layout) =
                (layout_or_file(&atlas, old)?, layout_or_file(&atlas, new)?);
            let d = diff::diff(&atlas, &a, &b)?;
            note(&d.summary());
            print(cli, &d)?;
        }
        Command::Crosswalk { a, b, min_cell } => {
            let options = crosswalk::CrosswalkOptions {
                min_cell: *min_cell,
            };
            let x = crosswalk::crosswalk_with(&load(cli)?, a, b, weight, options)?;
            for w in x.warnings() {
                note(&format!("note: {w}"));
            }
            print(cli, &x)?
        }
        Command::Compare { a, b } => print(cli, &compare::compare(&load(cli)?, a, b, weight)?)?,
        Command::Mismatches { a, b } => {
            print(cli, &mismatches::mismatches(&load(cli)?, a, b, weight)?)?
        }
        Command::Clusters {
            layouts,
            min_share,
            min_units,
        } => {
            let names: Vec<&str> = layouts.iter().map(String::as_str).collect();
            let options = clusters::ClusterOptions {
                min_share: *min_share,
                min_units: *min_units,
            };
            if let Err(e) = options.check() {
                return Err(UsageError(format!(
                    "--min-share {min_share} --min-units {min_units}: {e}"
                ))
                .into());
            }
            print(
                cli,
                &clusters::clusters_with(&load(cli)?, &names, weight, &options)?,
            )?
        }
        Command::Oogo { only, swv } => {
            let names: Vec<&str> = swv.iter().map(String::as_str).collect();
            let atlas = load(cli)?;
            let o = oogo::oogo(&atlas, &names)?;
            match only {
                Some(q) => print(cli, &o.only(&atlas, q)?)?,
                None => print(cli, &o)?,
            }
        }
        Command::Neighbours { of } => {
            let atlas = load(cli)?;
            let unit = of
                .as_deref()
                .map(|q| lookup::find_unit(&atlas, q))
                .transpose()?;
            let opts = speelveld::geometry::adjacency::AdjacencyOptions::default();
            print(cli, &neighbours::neighbours(&atlas, unit, opts)?)?
        }
        Command::Players { swv } => {
            let names: Vec<&str> = swv.iter().map(String::as_str).collect();
            print(cli, &players::players(&load(cli)?, &names)?)?
        }
        Command::Congruence => print(cli, &congruence::congruence(&load(cli)?, weight)?)?,
        Command::Dissolve(args) => {
            let atlas = load(cli)?;
            let layout = atlas.layout(&args.layout)?;
            let regions = speelveld::geometry::dissolve::dissolve(&atlas, layout)?;
            let parts: usize = regions.iter().map(|r| r.geometry.0.len()).sum();
            let gpkg = cli.output.output.as_deref().filter(|p| is_gpkg(p));
            if let (Some(p), Some(c)) = (gpkg, args.out_crs) {
                return Err(UsageError(format!(
                    "{}: --out-crs {c} is for GeoJSON output; a GeoPackage is written in the \
                     CRS of the units ({}), named in its gpkg_spatial_ref_sys",
                    p.display(),
                    speelveld::model::Epsg::from(atlas.crs)
                ))
                .into());
            }
            let out_crs = match gpkg {
                Some(_) => speelveld::model::Epsg::from(atlas.crs),
                None => args.out_crs.unwrap_or(speelveld::model::Epsg::WGS84),
            };
            note(&format!(
                "{}: {} regions, {} polygons, {out_crs}",
                layout.name(),
                regions.len(),
                parts,
            ));
            match gpkg {
                Some(p) => write_file(p, &to_geopackage(&[(layout.name(), &regions)], atlas.crs)?)?,
                None => {
                    let text =
                        speelveld::io::geojson_write::to_geojson_in(&regions, atlas.crs, out_crs)?;
                    write_output(cli.output.output.as_deref(), &text)?
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// True when an output file is named `.gpkg`: written as a GeoPackage.
fn is_gpkg(p: &std::path::Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gpkg"))
}

/// Loads the atlas the data options describe (the embedded dataset when there are none).
fn load(cli: &Cli) -> Result<Atlas> {
    let layouts = cli.data.layouts.clone();
    let sources = Sources {
        units: cli.data.units.as_ref().map(|u| u.path.clone()),
        units_fields: speelveld::io::geojson::GeoJsonOptions {
            code_field: cli.data.units.as_ref().and_then(|u| u.code.clone()),
            name_field: cli.data.units.as_ref().and_then(|u| u.name.clone()),
            crs: None,
        },
        layouts,
        tables: cli.data.tables.clone(),
        figures: cli.data.figures.clone(),
        year: cli.data.year,
        assign: cli.data.assign_options(),
        decimal: cli.data.decimal.map(Into::into),
        figures_year: cli.data.figures_year,
        crs: cli.data.crs,
        unit_column: cli.data.unit_column.clone(),
    };
    let atlas = speelveld::dataset::load::load(&sources)?;
    // The embedded dataset's notes (its two repaired rings) are documented; `validate`
    // lists them. The user's own files get every note on stderr.
    // One line per file and kind of note: what, how many, the first (`validate` lists all).
    let mut groups: Vec<(
        &str,
        speelveld::model::NoteKind,
        Vec<&speelveld::model::Note>,
    )> = Vec::new();
    for n in atlas.notes.iter().filter(|n| !n.embedded) {
        match groups
            .iter_mut()
            .find(|(f, k, _)| n.kind.repeats() && *f == n.file && *k == n.kind)
        {
            Some(g) => g.2.push(n),
            None => groups.push((&n.file, n.kind, vec![n])),
        }
    }
    for (file, kind, notes) in groups {
        match notes.as_slice() {
            [one] => note(&format!("warning: {one}")),
            many => note(&format!(
                "warning: {file}: {} {} (first: {}); see 'speelveld validate' for all",
                many.len(),
                kind.label(),
                many.first().map_or("", |n| n.text.as_str())
            )),
        }
    }
    check_layouts(cli, &atlas)?;
    Ok(atlas)
}

/// One line on stderr for each of the user's layouts with problems; an analysis does not
/// run on a layout with error-level problems unless `--keep-going` is given (`validate`,
/// `overview` and `layouts` show the problems themselves).
fn check_layouts(cli: &Cli, atlas: &Atlas) -> Result<()> {
    let mut blocking = Vec::new();
    for l in atlas.layouts().iter().filter(|l| !l.embedded) {
        if let Some(p) = validate::problems(atlas, l) {
            note(&format!(
                "warning: {p}; see 'speelveld validate {}'",
                l.name()
            ));
            if p.errors > 0 {
                blocking.push(l.name().to_string());
            }
        }
    }
    let inspecting = matches!(
        cli.command,
        Command::Validate { .. } | Command::Overview | Command::Layouts
    );
    if blocking.is_empty() || inspecting || cli.data.keep_going {
        return Ok(());
    }
    anyhow::bail!(
        "{} {} error-level problems (above), so the answer would be wrong; see 'speelveld validate', or pass --keep-going to use {} anyway",
        blocking.join(", "),
        if blocking.len() == 1 { "has" } else { "have" },
        if blocking.len() == 1 { "it" } else { "them" }
    )
}

/// Runs `f` with a progress bar on stderr that `f` moves through its steps.
fn with_progress<T>(
    what: &str,
    f: impl FnOnce(&mut dyn FnMut(usize, usize, &str)) -> speelveld::Result<T>,
) -> Result<T> {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {what} [{{bar:24}}] {{pos}}/{{len}} {{msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let out = f(&mut |done, total, step| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(step.to_string());
    });
    bar.finish_and_clear();
    Ok(out?)
}
