//! The sections of the report: one function per section, each building its body from a
//! library analysis.

use std::fmt::Write;

use super::html::{
    cluster_layout, heatmap_html, members_html, mismatch_units, missing_layout, missing_layouts,
    note, percent, table_html, tables_captioned, trim_number,
};
use super::{Ctx, Section};
use crate::analysis;
use crate::error::Error;
use crate::model::{Layout, Table, Tabular, Weight};
use crate::render::esc;
use crate::render::text::Key;

/// The sections of the report, in order: findings first, technical tables last.
pub(super) const SECTIONS: &[Section] = &[
    Section {
        id: "bevindingen",
        heading: Key::HFindings,
        build: super::findings::findings,
    },
    Section {
        id: "swv-gemeenten",
        heading: Key::HSwvGemeenten,
        build: swv_gemeenten,
    },
    Section {
        id: "po-vo",
        heading: Key::HPoVo,
        build: po_vo,
    },
    Section {
        id: "jeugdzorg",
        heading: Key::HJeugdzorg,
        build: jeugdzorg,
    },
    Section {
        id: "kengetallen",
        heading: Key::HKengetallen,
        build: kengetallen,
    },
    Section {
        id: "clusters",
        heading: Key::HClusters,
        build: clusters,
    },
    Section {
        id: "oogo",
        heading: Key::HOogo,
        build: oogo,
    },
    Section {
        id: "players",
        heading: Key::HPlayers,
        build: players,
    },
    Section {
        id: "congruence",
        heading: Key::HCongruence,
        build: congruence,
    },
    Section {
        id: "herindeling",
        heading: Key::HHerindeling,
        build: herindeling,
    },
    Section {
        id: "layouts",
        heading: Key::HTechnical,
        build: layouts,
    },
    Section {
        id: "validation",
        heading: Key::HValidation,
        build: validation,
    },
];

/// The layouts present, with their regions, units and sources: the technical tables.
fn layouts(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let overview = analysis::overview::overview(ctx.atlas);
    let mut out = format!("<p>{}</p>", esc(ctx.t(Key::TechnicalIntro)));
    let captions = [
        ("layouts", ctx.t(Key::CapLayouts).to_string()),
        ("dataset", ctx.t(Key::CapDataset).to_string()),
    ];
    out.push_str(&tables_captioned(&overview, ctx.taal(), &captions, "wrap")?);
    Ok(out)
}

/// The gemeenten of every SWV PO and VO.
fn swv_gemeenten(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let mut out = String::new();
    for name in [&ctx.opts.po, &ctx.opts.vo] {
        match ctx.layout(name) {
            Some(l) => {
                let _ = write!(out, "<h3>{}</h3>", esc(name));
                out.push_str(&members_html(ctx.atlas, l, ctx.taal())?);
            }
            None => out.push_str(&missing_layout(ctx.atlas, name, ctx.taal())),
        }
    }
    Ok(out)
}

/// The one-sentence explanations of the measures of agreement.
fn metrics_explained(ctx: &Ctx<'_>) -> String {
    let mut s = format!("<p>{}</p><ul>", esc(ctx.t(Key::MetricsIntro)));
    for k in [
        Key::MetricAri,
        Key::MetricNmi,
        Key::MetricVi,
        Key::MetricNesting,
    ] {
        let _ = write!(s, "<li>{}</li>", esc(ctx.t(k)));
    }
    s.push_str("</ul>");
    s
}

/// PO against VO: the map of both, their comparison and the mismatches.
fn po_vo(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let (Some(a), Some(b)) = (ctx.layout(&ctx.opts.po), ctx.layout(&ctx.opts.vo)) else {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo],
            ctx.taal(),
        ));
    };
    let cmp = analysis::compare::compare(ctx.atlas, a.name(), b.name(), &Weight::Units)?;
    let mis = analysis::mismatches::mismatches(ctx.atlas, a.name(), b.name(), &Weight::Units)?;
    let hi = mismatch_units(ctx.atlas, &mis);
    let ties = match mis.ties {
        0 => String::new(),
        n => ctx.f(Key::PoVoTies, &[("n", &n.to_string())]),
    };
    let intro = ctx.f(
        Key::PoVoIntro,
        &[
            ("a", a.name()),
            ("b", b.name()),
            ("within", &mis.within_regions.to_string()),
            ("total", &mis.regions.len().to_string()),
            ("contains", &mis.containing_regions.to_string()),
            ("units", &mis.units.to_string()),
            ("crossing", &mis.crossing_regions.to_string()),
            ("ties", &ties),
        ],
    );
    let mut out = format!("<p>{}</p>", esc(&intro));
    let label = ctx.t(Key::HatchCrossPo);
    out.push_str(&ctx.map(a, Some(b), &hi, label));
    out.push_str(&metrics_explained(ctx));
    let ab = [("a", a.name()), ("b", b.name())];
    let captions = [
        ("regions", ctx.f(Key::CapCompare, &ab)),
        ("congruence", ctx.f(Key::CapMetrics, &ab)),
    ];
    out.push_str(&tables_captioned(&cmp, ctx.taal(), &captions, "")?);
    let captions = [
        ("mismatches", ctx.f(Key::CapMismatches, &ab)),
        ("regions", ctx.f(Key::CapRelations, &ab)),
    ];
    out.push_str(&tables_captioned(&mis, ctx.taal(), &captions, "")?);
    Ok(out)
}

/// Each SWV layout against the partner layout: maps and crosswalks.
fn jeugdzorg(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let Some(j) = ctx.layout(&ctx.opts.partner) else {
        return Ok(missing_layout(ctx.atlas, &ctx.opts.partner, ctx.taal()));
    };
    let mut out = String::new();
    for name in [&ctx.opts.po, &ctx.opts.vo] {
        let Some(a) = ctx.layout(name) else {
            out.push_str(&missing_layout(ctx.atlas, name, ctx.taal()));
            continue;
        };
        let mis = analysis::mismatches::mismatches(ctx.atlas, a.name(), j.name(), &Weight::Units)?;
        let hi = mismatch_units(ctx.atlas, &mis);
        let heading = ctx.f(Key::PairHeading, &[("a", name), ("b", &ctx.opts.partner)]);
        let _ = write!(out, "<h3>{}</h3>", esc(&heading));
        let label = ctx.t(Key::HatchCrossPartner);
        out.push_str(&ctx.map(a, Some(j), &hi, label));
        let cw = analysis::crosswalk::crosswalk(ctx.atlas, a.name(), j.name(), &Weight::Units)?;
        let captions = [(
            "crosswalk",
            ctx.f(Key::CapCrosswalk, &[("a", a.name()), ("b", j.name())]),
        )];
        out.push_str(&tables_captioned(&cw, ctx.taal(), &captions, "")?);
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
        return Ok(note(ctx.t(Key::KengetallenMissing)));
    }
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner]);
    if names.is_empty() {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner],
            ctx.taal(),
        ));
    }
    let young: Vec<(&str, &str)> = YOUNG
        .into_iter()
        .filter(|(f, _)| units.iter().all(|u| u.figure(f).is_some()))
        .collect();
    let weight = Weight::Figure(INHABITANTS.into());
    // The intro holds markup of its own (<em>), so it is not escaped.
    let mut out = format!("<p>{}</p>", ctx.t(Key::KengetallenIntro));
    let (est, small) = (ctx.t(Key::Estimated), ctx.t(Key::Small));
    let mut columns: Vec<String> = ["layout", "region", "name", "units"]
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
            row.push(if r.estimated { est } else { "" }.into());
            row.push(r.estimated_parts.join("; ").into());
            rows.push(row);
        }
    }
    out.push_str(&table_html(
        &Table {
            name: "kengetallen_regions".into(),
            title: ctx.f(Key::RegionsCaption, &[("layouts", &names.join(", "))]),
            title_nl: None,
            columns,
            rows,
        },
        ctx.taal(),
    ));
    let Some(partner) = ctx.layout(&ctx.opts.partner) else {
        out.push_str(&missing_layout(ctx.atlas, &ctx.opts.partner, ctx.taal()));
        return Ok(out);
    };
    for name in [&ctx.opts.po, &ctx.opts.vo] {
        let Some(a) = ctx.layout(name) else {
            continue;
        };
        let x = analysis::crosswalk::crosswalk(ctx.atlas, a.name(), partner.name(), &weight)?;
        let mut columns: Vec<String> = ["SWV", "name", "partner", "partner name", "units"]
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
                row.push(if c.estimated { est } else { "" }.into());
                row.push(if c.small { small } else { "" }.into());
                row.push(c.estimated_parts.join("; ").into());
                row
            })
            .collect();
        let estimated = x.cells.iter().filter(|c| c.estimated).count();
        let n_small = x.cells.iter().filter(|c| c.small).count();
        let _ = write!(
            out,
            "<h3>{} × {}</h3><p>{}</p>",
            esc(name),
            esc(&ctx.opts.partner),
            ctx.f(
                Key::KengetallenCells,
                &[
                    ("cells", &x.cells.len().to_string()),
                    ("estimated", &estimated.to_string()),
                    ("small", &n_small.to_string()),
                    ("min", &trim_number(x.min_cell)),
                ],
            )
        );
        out.push_str(&table_html(
            &Table {
                name: "kengetallen_cells".into(),
                title: ctx.f(Key::CellsCaption, &[("a", &x.a), ("b", &x.b)]),
                title_nl: None,
                columns,
                rows,
            },
            ctx.taal(),
        ));
    }
    Ok(out)
}

/// The thresholds of the clusters table: no threshold, 5 % and 10 % of the smaller region.
pub(super) const THRESHOLDS: [f64; 3] = [0.0, 0.05, 0.1];

/// The groups of regions that must coordinate together, and how they change with a
/// threshold on the overlaps that link them.
fn clusters(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner]);
    if names.len() < 2 {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner],
            ctx.taal(),
        ));
    }
    let c = analysis::clusters::clusters(ctx.atlas, &names, &Weight::Units)?;
    let mut out = format!(
        "<p>{}</p><p>{}</p>",
        esc(&ctx.f(
            Key::ClustersIntro,
            &[
                ("layouts", &names.join(", ")),
                ("count", &c.count.to_string())
            ]
        )),
        esc(ctx.t(Key::ThresholdIntro))
    );
    let mut rows = Vec::new();
    for share in THRESHOLDS {
        let o = analysis::clusters::ClusterOptions {
            min_share: share,
            min_units: 0.0,
        };
        let t = analysis::clusters::clusters_with(ctx.atlas, &names, &Weight::Units, &o)?;
        let (regions, units, name) = super::findings::largest(&t);
        rows.push(vec![
            percent(share).into(),
            t.count.into(),
            name.into(),
            regions.into(),
            units.into(),
            t.dropped.len().into(),
        ]);
    }
    out.push_str(&table_html(
        &Table {
            name: "clusters_per_threshold".into(),
            title: ctx.t(Key::ThresholdCaption).into(),
            title_nl: None,
            columns: [
                Key::ColThreshold,
                Key::ColClusters,
                Key::ColLargest,
                Key::ColLargestRegions,
                Key::ColLargestUnits,
                Key::ColDropped,
            ]
            .map(|k| ctx.t(k).to_string())
            .to_vec(),
            rows,
        },
        ctx.taal(),
    ));
    if let Some(layout) = cluster_layout(ctx.atlas, &c) {
        out.push_str(&ctx.map(&layout, None, &[], ""));
    }
    let captions = [
        ("regions", ctx.t(Key::CapClusterRegions).to_string()),
        ("clusters", ctx.t(Key::CapClusterSizes).to_string()),
        ("dropped_links", ctx.t(Key::CapDropped).to_string()),
    ];
    out.push_str(&tables_captioned(&c, ctx.taal(), &captions, "")?);
    Ok(out)
}

/// The OOGO partners of every SWV and gemeente.
fn oogo(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo]);
    if names.is_empty() {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo],
            ctx.taal(),
        ));
    }
    let o = analysis::oogo::oogo(ctx.atlas, &names)?;
    let mut out = format!("<p>{}</p>", esc(ctx.t(Key::OogoIntro)));
    let captions = [
        ("pairs", ctx.t(Key::CapOogoPairs).to_string()),
        ("gemeenten", ctx.t(Key::CapOogoGemeenten).to_string()),
        ("swvs", ctx.t(Key::CapOogoSwvs).to_string()),
        ("totals", ctx.t(Key::CapOogoTotals).to_string()),
    ];
    out.push_str(&tables_captioned(&o, ctx.taal(), &captions, "")?);
    Ok(out)
}

/// The adjusted Rand index of every pair of layouts, as a heat map.
fn congruence(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    if ctx.atlas.layouts().len() < 2 {
        return Ok(note(ctx.t(Key::FewerThanTwo)));
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
    let mut out = format!("<p>{}</p>", esc(ctx.t(Key::CongruenceIntro)));
    out.push_str(&heatmap_html(
        ctx.t(Key::HeatCaption),
        &rows,
        &c.layouts,
        &values,
        ctx.taal(),
    ));
    out.push_str(&metrics_explained(ctx));
    let nested = c.nested_pairs();
    if nested.is_empty() {
        out.push_str(&note(ctx.t(Key::NoNestedPairs)));
    } else {
        let list = nested
            .iter()
            .map(|(a, b)| ctx.f(Key::Within, &[("a", a), ("b", b)]))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = write!(
            out,
            "<p>{}</p>",
            esc(&ctx.f(Key::NestedPairs, &[("list", &list)]))
        );
    }
    let mut pairs = c.tables()?.into_iter().next();
    if let Some(t) = pairs.as_mut() {
        if ctx.taal() == crate::model::Taal::Nl {
            t.title = ctx.t(Key::CapPairs).into();
            t.title_nl = None;
        }
        out.push_str(&table_html(t, ctx.taal()));
    }
    Ok(out)
}

/// The other players of every SWV: per layout the regions its gemeenten belong to.
fn players(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let names = ctx.present(&[&ctx.opts.po, &ctx.opts.vo]);
    if names.is_empty() {
        return Ok(missing_layouts(
            ctx.atlas,
            &[&ctx.opts.po, &ctx.opts.vo],
            ctx.taal(),
        ));
    }
    let p = analysis::players::players(ctx.atlas, &names)?;
    let mut out = format!(
        "<p>{}</p>",
        esc(&ctx.f(
            Key::PlayersIntro,
            &[
                ("n", &p.layouts.len().to_string()),
                ("list", &p.layouts.join(", "))
            ]
        ))
    );
    let mut t = p.by_swv();
    if ctx.taal() == crate::model::Taal::Nl {
        t.title = ctx.t(Key::CapPlayers).into();
        t.title_nl = None;
    }
    out.push_str(&table_html(&t, ctx.taal()));
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
        return Ok(note(ctx.t(Key::HerindelingNone)));
    }
    let mut out = format!("<p>{}</p>", esc(ctx.t(Key::HerindelingIntro)));
    for l in carried {
        let hi: Vec<usize> = l
            .conflicts
            .iter()
            .filter_map(|c| ctx.atlas.unit_index(&c.unit.parse().ok()?))
            .collect();
        let heading = ctx.f(
            Key::Conflicts,
            &[("layout", l.name()), ("n", &l.conflicts.len().to_string())],
        );
        let _ = write!(out, "<h3>{}</h3>", esc(&heading));
        let label = ctx.t(Key::HatchConflict);
        out.push_str(&ctx.map(l, None, &hi, label));
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
        out.push_str(&table_html(
            &Table {
                name: "conflicts".into(),
                title: ctx.f(Key::ConflictsCaption, &[("layout", l.name())]),
                title_nl: None,
                columns: ["unit", "name", "shares", "basis", "predecessors (weight)"]
                    .map(String::from)
                    .to_vec(),
                rows,
            },
            ctx.taal(),
        ));
    }
    Ok(out)
}

/// Every validation finding; the message column wraps.
fn validation(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let v = analysis::validate::validate(ctx.atlas, None)?;
    let mut out = format!(
        "<p>{}</p>",
        esc(&ctx.f(
            Key::ValidationIntro,
            &[
                ("errors", &v.errors.to_string()),
                ("warnings", &v.warnings.to_string()),
                ("infos", &v.infos.to_string()),
            ],
        ))
    );
    if v.findings.is_empty() {
        out.push_str(&note(ctx.t(Key::ValidationNone)));
    } else {
        let captions = [(
            "findings",
            ctx.f(
                Key::CapFindings,
                &[
                    ("errors", &v.errors.to_string()),
                    ("warnings", &v.warnings.to_string()),
                    ("infos", &v.infos.to_string()),
                ],
            ),
        )];
        out.push_str(&tables_captioned(&v, ctx.taal(), &captions, "wrap")?);
    }
    Ok(out)
}
