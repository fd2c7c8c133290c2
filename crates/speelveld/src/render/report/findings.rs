//! The report's first section, in plain words: which gemeenten are split and between which
//! SWV's, what nests and what crosses, the largest clusters and the OOGO burden.

use super::Ctx;
use super::html::{note, percent};
use super::labels::{cluster_name, region_label};
use crate::analysis;
use crate::analysis::clusters::{ClusterOptions, Clusters};
use crate::analysis::compare::Relation;
use crate::error::Error;
use crate::model::{Layout, Weight};
use crate::render::esc;
use crate::render::text::Key;

/// How many names a finding lists before it says "…".
const LIST_MAX: usize = 12;

/// `items` joined by commas, cut after [`LIST_MAX`] with the number left out.
fn list(items: &[String]) -> String {
    let mut s = items
        .iter()
        .take(LIST_MAX)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > LIST_MAX {
        s.push_str(&format!(" … (+{})", items.len() - LIST_MAX));
    }
    s
}

/// The split gemeenten of a layout, each with its regions and shares.
fn split_sentence(ctx: &Ctx<'_>, l: &Layout) -> String {
    let mut items = Vec::new();
    for (u, unit) in ctx.atlas.units().iter().enumerate() {
        let parts: Vec<String> = l
            .regions_of(u)
            .filter_map(|m| {
                let r = l.regions().get(m.region)?;
                Some(format!("{} {}", r.code, percent(m.share)))
            })
            .collect();
        if parts.len() > 1 {
            items.push(format!("{} ({})", unit.name, parts.join(", ")));
        }
    }
    if items.is_empty() {
        return ctx.f(Key::FSplitNone, &[("layout", l.name())]);
    }
    // Every split gemeente is named: these are the findings people look for.
    ctx.f(
        Key::FSplit,
        &[
            ("layout", l.name()),
            ("n", &items.len().to_string()),
            ("list", &items.join("; ")),
        ],
    )
}

/// How A lies in B: within, containing, crossing, with the crossing regions named.
fn nesting_sentence(ctx: &Ctx<'_>, a: &str, b: &str) -> Result<String, Error> {
    let m = analysis::mismatches::mismatches(ctx.atlas, a, b, &Weight::Units)?;
    let ties = if m.ties > 0 {
        ctx.f(Key::FTies, &[("n", &m.ties.to_string())])
    } else {
        String::new()
    };
    let mut s = ctx.f(
        Key::FNest,
        &[
            ("a", a),
            ("b", b),
            ("within", &m.within_regions.to_string()),
            ("total", &m.regions.len().to_string()),
            ("contains", &m.containing_regions.to_string()),
            ("crossing", &m.crossing_regions.to_string()),
            ("ties", &ties),
        ],
    );
    let crossing: Vec<String> = m
        .regions
        .iter()
        .filter(|r| r.relation == Relation::Crosses)
        .map(|r| region_label(&r.region, &r.name))
        .collect();
    if !crossing.is_empty() {
        s.push(' ');
        s.push_str(&ctx.f(Key::FCrossList, &[("list", &list(&crossing))]));
    }
    Ok(s)
}

/// The largest cluster's figures: regions, gemeenten and its name.
pub(super) fn largest(c: &Clusters) -> (usize, usize, String) {
    c.clusters.first().map_or((0, 0, String::new()), |k| {
        (k.regions, k.units, cluster_name(c, k.cluster, &k.name))
    })
}

/// The clusters without a threshold and at 10 %.
fn clusters_sentence(ctx: &Ctx<'_>, names: &[&str]) -> Result<String, Error> {
    let c = analysis::clusters::clusters(ctx.atlas, names, &Weight::Units)?;
    let (regions, units, name) = largest(&c);
    let mut s = ctx.f(
        Key::FClusters,
        &[
            ("layouts", &names.join(", ")),
            ("count", &c.count.to_string()),
            ("regions", &regions.to_string()),
            ("units", &units.to_string()),
            ("name", &name),
        ],
    );
    let share = 0.1;
    let o = ClusterOptions {
        min_share: share,
        min_units: 0.0,
    };
    let t = analysis::clusters::clusters_with(ctx.atlas, names, &Weight::Units, &o)?;
    let (regions, units, name) = largest(&t);
    s.push(' ');
    s.push_str(&ctx.f(
        Key::FClustersThreshold,
        &[
            ("share", &percent(share)),
            ("count", &t.count.to_string()),
            ("regions", &regions.to_string()),
            ("units", &units.to_string()),
            ("name", &name),
        ],
    ));
    Ok(s)
}

/// The OOGO burden: the gemeenten with the most and the fewest tables, and per SWV layout
/// the SWV's with the most and the fewest gemeenten.
fn oogo_sentences(ctx: &Ctx<'_>, names: &[&str]) -> Result<Vec<String>, Error> {
    let o = analysis::oogo::oogo(ctx.atlas, names)?;
    let mut out = Vec::new();
    let max = o.gemeenten.iter().map(|g| g.partners).max();
    let min = o.gemeenten.iter().map(|g| g.partners).min();
    if let (Some(max), Some(min)) = (max, min) {
        let most: Vec<String> = o
            .gemeenten
            .iter()
            .filter(|g| g.partners == max)
            .map(|g| format!("{} ({})", g.gemeente_name, g.swvs))
            .collect();
        let fewest = o.gemeenten.iter().filter(|g| g.partners == min).count();
        out.push(ctx.f(
            Key::FOogoGemeenten,
            &[
                ("most", &list(&most)),
                ("max", &max.to_string()),
                ("one", &fewest.to_string()),
                ("min", &min.to_string()),
            ],
        ));
    }
    for layout in &o.layouts {
        let swvs: Vec<_> = o.swvs.iter().filter(|s| &s.swv_layout == layout).collect();
        let max = swvs.iter().map(|s| s.gemeenten).max();
        let min = swvs.iter().map(|s| s.gemeenten).min();
        let (Some(max), Some(min)) = (max, min) else {
            continue;
        };
        let named = |n: usize| -> Vec<String> {
            swvs.iter()
                .filter(|s| s.gemeenten == n)
                .map(|s| region_label(&s.swv, &s.swv_name))
                .collect()
        };
        out.push(ctx.f(
            Key::FOogoSwv,
            &[
                ("layout", layout),
                ("most", &list(&named(max))),
                ("max", &max.to_string()),
                ("fewest", &list(&named(min))),
                ("min", &min.to_string()),
            ],
        ));
    }
    Ok(out)
}

/// The findings section.
pub(super) fn findings(ctx: &mut Ctx<'_>) -> Result<String, Error> {
    let (po, vo, partner) = (&ctx.opts.po, &ctx.opts.vo, &ctx.opts.partner);
    let mut items: Vec<String> = Vec::new();
    for name in [po, vo] {
        if let Some(l) = ctx.layout(name) {
            items.push(split_sentence(ctx, l));
        }
    }
    for (a, b) in [(po, vo), (po, partner), (vo, partner)] {
        if ctx.layout(a).is_some() && ctx.layout(b).is_some() {
            items.push(nesting_sentence(ctx, a, b)?);
        }
    }
    let names = ctx.present(&[po, vo, partner]);
    if names.len() >= 2 {
        items.push(clusters_sentence(ctx, &names)?);
    }
    let swv = ctx.present(&[po, vo]);
    if !swv.is_empty() {
        items.extend(oogo_sentences(ctx, &swv)?);
    }
    let mut out = String::from("<ul class=\"findings\">");
    for i in &items {
        out.push_str(&format!("<li>{}</li>", esc(i)));
    }
    out.push_str("</ul>");
    out.push_str(&note(ctx.t(Key::FTechnicalAtEnd)));
    Ok(out)
}
