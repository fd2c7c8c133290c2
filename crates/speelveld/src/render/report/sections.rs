//! The sections of the report: one function per section, each building its body from a
//! library analysis.

use std::fmt::Write;

use super::html::{
    cluster_layout, heatmap_html, members_html, mismatch_units, missing_layout, missing_layouts,
    note, table_at, table_html, tables_html, trim_number,
};
use super::{Ctx, Section};
use crate::analysis;
use crate::error::Error;
use crate::model::{Layout, Table, Weight};
use crate::render::esc;

/// The sections of the report, in order.
pub(super) const SECTIONS: &[Section] = &[
    Section {
        id: "layouts",
        heading: "Layouts present",
        build: layouts,
    },
    Section {
        id: "swv-gemeenten",
        heading: "Gemeenten per samenwerkingsverband",
        build: swv_gemeenten,
    },
    Section {
        id: "po-vo",
        heading: "PO versus VO",
        build: po_vo,
    },
    Section {
        id: "jeugdzorg",
        heading: "Overlap with the jeugdzorgregio's",
        build: jeugdzorg,
    },
    Section {
        id: "kengetallen",
        heading: "Kengetallen: inhabitants and young people",
        build: kengetallen,
    },
    Section {
        id: "clusters",
        heading: "Coordination clusters",
        build: clusters,
    },
    Section {
        id: "oogo",
        heading: "OOGO partners",
        build: oogo,
    },
    Section {
        id: "players",
        heading: "The other players of every SWV",
        build: players,
    },
    Section {
        id: "congruence",
        heading: "Congruence of the layouts",
        build: congruence,
    },
    Section {
        id: "herindeling",
        heading: "Herindeling: layouts carried to this year's gemeenten",
        build: herindeling,
    },
    Section {
        id: "validation",
        heading: "Validation findings",
        build: validation,
    },
];

/// The layouts present, with their regions, units and sources.
fn layouts(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let overview = analysis::overview::overview(ctx.atlas);
    tables_html(&overview, 0)
}

/// The gemeenten of every SWV PO and VO.
fn swv_gemeenten(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let mut out = String::new();
    for name in [&ctx.opts.po, &ctx.opts.vo] {
        match ctx.layout(name) {
            Some(l) => {
                let _ = write!(out, "<h3>{}</h3>", esc(name));
                out.push_str(&members_html(ctx.atlas, l)?);
            }
            None => out.push_str(&missing_layout(ctx.atlas, name)),
        }
    }
    Ok(out)
}

/// PO against VO: the map of both, their comparison and the mismatches.
fn po_vo(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let (Some(a), Some(b)) = (ctx.layout(&ctx.opts.po), ctx.layout(&ctx.opts.vo)) else {
        return Ok(missing_layouts(ctx.atlas, &[&ctx.opts.po, &ctx.opts.vo]));
    };
    let cmp = analysis::compare::compare(ctx.atlas, a.name(), b.name(), &Weight::Units)?;
    let mis = analysis::mismatches::mismatches(ctx.atlas, a.name(), b.name(), &Weight::Units)?;
    let hi = mismatch_units(ctx.atlas, &mis);
    let mut out = format!(
        "<p>The regions of {} coloured, the borders of {} dashed on top. {} of the {} regions \
         lie within one {} region and {} contain whole ones: nesting, not hatched. Hatched: the \
         {} gemeenten where one of the other {} crosses a {} border (a part in a {} region that \
         reaches beyond it, other than its main one{}).</p>",
        esc(&ctx.opts.po),
        esc(&ctx.opts.vo),
        mis.within_regions,
        esc(&ctx.opts.po),
        esc(&ctx.opts.vo),
        mis.containing_regions,
        mis.units,
        mis.crossing_regions,
        esc(&ctx.opts.vo),
        esc(&ctx.opts.vo),
        match mis.ties {
            0 => String::new(),
            1 => "; 1 region has no main one, a tie, and lists all such parts".to_string(),
            n => format!("; {n} regions have no main one, a tie, and list all such parts"),
        }
    );
    out.push_str(&ctx.map(a, Some(b), &hi, "where the region crosses a VO border"));
    out.push_str(&tables_html(&cmp, 0)?);
    out.push_str(&tables_html(&mis, 0)?);
    Ok(out)
}

/// Each SWV layout against the partner layout: maps and crosswalks.
fn jeugdzorg(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let Some(j) = ctx.layout(&ctx.opts.partner) else {
        return Ok(missing_layout(ctx.atlas, &ctx.opts.partner));
    };
    let mut out = String::new();
    for name in [&ctx.opts.po, &ctx.opts.vo] {
        let Some(a) = ctx.layout(name) else {
            out.push_str(&missing_layout(ctx.atlas, name));
            continue;
        };
        let mis = analysis::mismatches::mismatches(ctx.atlas, a.name(), j.name(), &Weight::Units)?;
        let hi = mismatch_units(ctx.atlas, &mis);
        let _ = write!(out, "<h3>{} and {}</h3>", esc(name), esc(&ctx.opts.partner));
        out.push_str(&ctx.map(
            a,
            Some(j),
            &hi,
            "where the region crosses a partner region's border",
        ));
        let cw = analysis::crosswalk::crosswalk(ctx.atlas, a.name(), j.name(), &Weight::Units)?;
        out.push_str(&tables_html(&cw, 0)?);
    }
    Ok(out)
}

/// The figure the kengetallen section weighs by.
const INHABITANTS: &str = "inwoners";

/// The figures of young people shown beside the inhabitants, where the units have them
/// (the age groups of the CBS key figures).
const YOUNG: [(&str, &str); 2] = [
    ("inwoners_0_14_afgeleid", "0–14"),
    ("inwoners_15_24_afgeleid", "15–24"),
];

/// A whole number of people as a table cell.
fn people(v: Option<f64>) -> serde_json::Value {
    v.map_or(serde_json::Value::Null, |x| x.round().into())
}

/// The headers of the people columns: the inhabitants, then each group of young people.
fn people_columns(young: &[(&str, &str)]) -> Vec<String> {
    std::iter::once("inwoners".to_string())
        .chain(young.iter().map(|(_, l)| format!("inwoners {l}")))
        .collect()
}

/// The people cells of a row: `inhabitants`, then each group of young people of `figures`.
fn people_cells(
    inhabitants: f64,
    figures: &std::collections::BTreeMap<String, f64>,
    young: &[(&str, &str)],
) -> Vec<serde_json::Value> {
    std::iter::once(people(Some(inhabitants)))
        .chain(young.iter().map(|(f, _)| people(figures.get(*f).copied())))
        .collect()
}

/// Inhabitants and young people of every SWV and partner region, and of every overlap cell;
/// cells that rest on an estimate or are too small to publish say so.
fn kengetallen(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let units = ctx.atlas.units();
    if units.is_empty() || units.iter().any(|u| u.figure(INHABITANTS).is_none()) {
        return Ok(note(
            "Not shown: not every unit has inhabitants (the figure 'inwoners'); load key \
             figures to see them.",
        ));
    }
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner]);
    if names.is_empty() {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner],
        ));
    }
    let young: Vec<(&str, &str)> = YOUNG
        .into_iter()
        .filter(|(f, _)| units.iter().all(|u| u.figure(f).is_some()))
        .collect();
    let weight = Weight::Figure(INHABITANTS.into());
    let mut out = String::from(
        "<p>Inhabitants (CBS kerncijfers, carried to this year's gemeenten) of every region, \
         and of every cell where an SWV and a partner region overlap. A gemeente split \
         between regions adds its share to each. That is exact where the share was made \
         from the people of each part (a gemeente joined by a herindeling from predecessors \
         in different SWV's, such as Weesp in Amsterdam); elsewhere the share is an \
         estimate (the law's postcode splits; mergers weighed by area) and the row is marked \
         <em>estimated</em>. The young people of a split gemeente's parts follow the same \
         shares, so they are estimates wherever the gemeente is split.</p>",
    );
    let mut columns: Vec<String> = ["layout", "region", "name", "gemeenten"]
        .map(String::from)
        .to_vec();
    columns.extend(people_columns(&young));
    columns.extend(["estimated", "estimated parts"].map(String::from));
    let mut rows = Vec::new();
    for name in &names {
        let f = analysis::aggregate::region_figures(ctx.atlas, name, &weight)?;
        for r in &f.regions {
            let mut row: Vec<serde_json::Value> = vec![
                f.layout.clone().into(),
                r.region.clone().into(),
                r.name.clone().into(),
                r.units.into(),
            ];
            row.extend(people_cells(r.weight, &r.figures, &young));
            row.push(if r.estimated { "estimated" } else { "" }.into());
            row.push(r.estimated_parts.join("; ").into());
            rows.push(row);
        }
    }
    out.push_str(&table_html(&Table {
        name: "kengetallen_regions".into(),
        title: format!("inhabitants per region of {}", names.join(", ")),
        columns,
        rows,
    }));
    let Some(partner) = ctx.layout(&ctx.opts.partner) else {
        out.push_str(&missing_layout(ctx.atlas, &ctx.opts.partner));
        return Ok(out);
    };
    for name in [&ctx.opts.po, &ctx.opts.vo] {
        let Some(a) = ctx.layout(name) else {
            continue;
        };
        let x = analysis::crosswalk::crosswalk(ctx.atlas, a.name(), partner.name(), &weight)?;
        let mut columns: Vec<String> = ["SWV", "name", "partner", "partner name", "gemeenten"]
            .map(String::from)
            .to_vec();
        columns.extend(people_columns(&young));
        columns.extend(["estimated", "small", "estimated parts"].map(String::from));
        let rows = x
            .cells
            .iter()
            .map(|c| {
                let mut row: Vec<serde_json::Value> = vec![
                    c.a.clone().into(),
                    c.a_name.clone().into(),
                    c.b.clone().into(),
                    c.b_name.clone().into(),
                    c.units.into(),
                ];
                row.extend(people_cells(c.weight, &c.figures, &young));
                row.push(if c.estimated { "estimated" } else { "" }.into());
                row.push(if c.small { "small" } else { "" }.into());
                row.push(c.estimated_parts.join("; ").into());
                row
            })
            .collect();
        let estimated = x.cells.iter().filter(|c| c.estimated).count();
        let small = x.cells.iter().filter(|c| c.small).count();
        let _ = write!(
            out,
            "<h3>{} × {}</h3><p>{} overlap cells; {estimated} rest on an estimate; {small} \
             hold fewer than {} people and are marked <em>small</em>: not to be published \
             as they are.</p>",
            esc(name),
            esc(&ctx.opts.partner),
            x.cells.len(),
            trim_number(x.min_cell)
        );
        out.push_str(&table_html(&Table {
            name: "kengetallen_cells".into(),
            title: format!("inhabitants per cell of {} × {}", x.a, x.b),
            columns,
            rows,
        }));
    }
    Ok(out)
}

/// The groups of regions that must coordinate together.
fn clusters(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner]);
    if names.len() < 2 {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner],
        ));
    }
    let c = analysis::clusters::clusters(ctx.atlas, &names, &Weight::Units)?;
    let mut out = format!(
        "<p>Regions of {} that share a gemeente are joined; each connected group is a \
         cluster: the smallest set of regions that must coordinate together. {} \
         cluster(s).</p>",
        esc(&names.join(", ")),
        c.count
    );
    // How the count falls apart when a small overlap no longer links.
    let mut counts = Vec::new();
    for share in [0.05, 0.1] {
        let o = analysis::clusters::ClusterOptions {
            min_share: share,
            min_units: 0.0,
        };
        let t = analysis::clusters::clusters_with(ctx.atlas, &names, &Weight::Units, &o)?;
        counts.push(format!(
            "{} at {:.0} % ({} overlaps dropped)",
            t.count,
            share * 100.0,
            t.dropped.len()
        ));
    }
    let _ = write!(
        out,
        "<p>If an overlap joined two regions only when it holds at least a share of the \
         smaller region's gemeenten, the clusters would number {} without a threshold, {}.</p>",
        c.count,
        esc(&counts.join(", "))
    );
    if let Some(layout) = cluster_layout(ctx.atlas, &c) {
        out.push_str(&ctx.map(&layout, None, &[], ""));
    }
    out.push_str(&tables_html(&c, 0)?);
    Ok(out)
}

/// The OOGO partners of every SWV and gemeente.
fn oogo(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo]);
    if names.is_empty() {
        return Ok(missing_layouts(ctx.atlas, &[&ctx.opts.po, &ctx.opts.vo]));
    }
    let o = analysis::oogo::oogo(ctx.atlas, &names)?;
    let mut out = String::from(
        "<p>Every SWV holds OOGO with every gemeente in its area; a gemeente in several \
         SWV's holds several.</p>",
    );
    out.push_str(&tables_html(&o, 0)?);
    Ok(out)
}

/// The adjusted Rand index of every pair of layouts, as a heat map.
fn congruence(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    if ctx.atlas.layouts().len() < 2 {
        return Ok(note("Not shown: fewer than two layouts are loaded."));
    }
    let c = analysis::congruence::congruence(ctx.atlas, &Weight::Units)?;
    let values: Vec<Vec<Option<f64>>> = c
        .matrix
        .iter()
        .map(|row| {
            c.layouts
                .iter()
                .map(|l| row.ari.get(l).and_then(serde_json::Value::as_f64))
                .collect()
        })
        .collect();
    let rows: Vec<String> = c.matrix.iter().map(|r| r.layout.clone()).collect();
    let mut out = String::from(
        "<p>The adjusted Rand index of every pair of layouts: 1 where two layouts \
         group the gemeenten identically, near 0 where they are unrelated.</p>",
    );
    out.push_str(&heatmap_html(
        "adjusted Rand index",
        &rows,
        &c.layouts,
        &values,
    ));
    let nested = c.nested_pairs();
    if nested.is_empty() {
        out.push_str(&note(
            "No pair nests: in every pair some region of each layout spans regions of the other.",
        ));
    } else {
        let _ = write!(
            out,
            "<p>Pairs that nest (every region of the first lies within one region of the \
             second): {}. All other pairs cut across each other.</p>",
            nested
                .iter()
                .map(|(a, b)| format!("{} within {}", esc(a), esc(b)))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    out.push_str(&table_at(&c, 0)?);
    Ok(out)
}

/// The other players of every SWV: per layout the regions its gemeenten belong to.
fn players(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo]);
    if names.is_empty() {
        return Ok(missing_layouts(ctx.atlas, &[&ctx.opts.po, &ctx.opts.vo]));
    }
    let p = analysis::players::players(ctx.atlas, &names)?;
    let mut out = format!(
        "<p>Who else is at the table: for each SWV, the regions of the {} other layouts \
         ({}) that its gemeenten belong to, with how many of its gemeenten lie in each. A \
         region listed is a partner to consult.</p>",
        p.layouts.len(),
        esc(&p.layouts.join(", "))
    );
    out.push_str(&table_html(&p.by_swv()));
    Ok(out)
}

/// Layouts carried across a herindeling, with their conflicts.
fn herindeling(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let carried: Vec<&Layout> = ctx
        .atlas
        .layouts()
        .iter()
        .filter(|l| !l.conflicts.is_empty())
        .collect();
    if carried.is_empty() {
        return Ok(note(
            "No conflicts: no layout was carried across a herindeling with \
             predecessors in different regions.",
        ));
    }
    let mut out = String::from(
        "<p>Some layouts were drawn on the gemeenten of an earlier year and carried to \
         this year's gemeenten through the herindelingen. Where a new gemeente's \
         predecessors lay in different regions it is now split between them, by the \
         inhabitants of each part where they are known and by area otherwise (column \
         basis): those regions must be redrawn. Hatched on the map.</p>",
    );
    for l in carried {
        let hi: Vec<usize> = l
            .conflicts
            .iter()
            .filter_map(|c| ctx.atlas.unit_index(&c.unit.parse().ok()?))
            .collect();
        let _ = write!(
            out,
            "<h3>{}: {} conflict(s)</h3>",
            esc(l.name()),
            l.conflicts.len()
        );
        out.push_str(&ctx.map(l, None, &hi, "with predecessors in different regions"));
        let rows = l
            .conflicts
            .iter()
            .map(|c| {
                let pred: Vec<String> = c
                    .predecessors
                    .iter()
                    .map(|p| format!("{} in {} ({:.1})", p.unit, p.regions, p.weight))
                    .collect();
                vec![
                    c.unit.clone().into(),
                    c.name.clone().into(),
                    c.shares.clone().into(),
                    c.basis.clone().into(),
                    pred.join("; ").into(),
                ]
            })
            .collect();
        out.push_str(&table_html(&Table {
            name: "conflicts".into(),
            title: format!(
                "{}: new gemeenten with predecessors in different regions",
                l.name()
            ),
            columns: ["unit", "name", "shares", "basis", "predecessors (weight)"]
                .map(String::from)
                .to_vec(),
            rows,
        }));
    }
    Ok(out)
}

/// Every validation finding.
fn validation(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let v = analysis::validate::validate(ctx.atlas, None)?;
    let mut out = format!(
        "<p>Checks of every unit and every layout (coverage, shares that sum to one, \
         codes of another year, rows that could not be attached): {} error(s), {} \
         warning(s), {} note(s).</p>",
        v.errors, v.warnings, v.infos
    );
    if v.findings.is_empty() {
        out.push_str(&note(
            "No findings: every unit lies in every layout, whole or in shares that sum to one.",
        ));
    } else {
        out.push_str(&tables_html(&v, 0)?);
    }
    Ok(out)
}
