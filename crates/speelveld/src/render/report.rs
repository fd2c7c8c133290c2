//! The HTML report: one self-contained file (inline SVG, CSS and a small optional script;
//! no external script, font or URL) that walks through the questions speelveld answers.
//!
//! Every section renders the result struct of a library analysis through its tables
//! ([`Tabular`]), so the report shows exactly what the commands print.

use std::fmt::Write;

use super::esc;
use super::svg_map::{MapLayers, MapOptions, render_map};
use crate::analysis;
use crate::error::Error;
use crate::model::table::format_number;
use crate::model::{Atlas, Layout};
use crate::model::{Table, Tabular, Weight};

/// How to build the report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The title at the top (default "Het speelveld in beeld").
    pub title: String,
    /// The width of the maps in pixels (default 760).
    pub map_width: f64,
    /// The SWV PO layout's name (default `swv-po`).
    pub po: String,
    /// The SWV VO layout's name (default `swv-vo`).
    pub vo: String,
    /// The layout the SWV's are compared with (default `jeugdzorgregio`).
    pub partner: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Het speelveld in beeld".into(),
            map_width: 760.0,
            po: "swv-po".into(),
            vo: "swv-vo".into(),
            partner: "jeugdzorgregio".into(),
        }
    }
}

/// Progress of a report: `(step done, steps in all, what comes next)`.
pub type ProgressFn<'a> = dyn FnMut(usize, usize, &str) + 'a;

/// Renders the report as one HTML document.
///
/// # Examples
/// ```
/// use speelveld::{Atlas, Layout};
/// use speelveld::render::report::{render_report, ReportOptions};
/// let mut atlas = Atlas::new(Some(2025));
/// atlas.add_layout(Layout::new("provincie")).unwrap();
/// let html = render_report(&atlas, &ReportOptions::default()).unwrap();
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h2 id=\"layouts\">"));
/// ```
pub fn render_report(atlas: &Atlas, opts: &ReportOptions) -> Result<String, Error> {
    render_report_with_progress(atlas, opts, &mut |_, _, _| {})
}

/// A section of the report: its anchor, heading and a builder for its body.
struct Section<'a> {
    id: &'static str,
    heading: String,
    build: SectionBuilder<'a>,
}

/// Builds the body of a section.
type SectionBuilder<'a> = Box<dyn Fn(&mut Ctx<'_>) -> Result<String, Error> + 'a>;

/// What section builders share.
struct Ctx<'a> {
    atlas: &'a Atlas,
    opts: &'a ReportOptions,
    maps: usize,
}

impl<'a> Ctx<'a> {
    fn layout(&self, name: &str) -> Option<&'a Layout> {
        self.atlas.layout(name).ok()
    }

    /// The names of the layouts among `names` that the atlas holds.
    fn present<'n>(&self, names: &[&'n String]) -> Vec<&'n str> {
        names
            .iter()
            .map(|n| n.as_str())
            .filter(|n| self.atlas.layout(n).is_ok())
            .collect()
    }

    fn map(&mut self, a: &Layout, b: Option<&Layout>, highlight: &[usize], label: &str) -> String {
        self.maps += 1;
        let opts = MapOptions {
            width: self.opts.map_width,
            id_prefix: format!("m{}", self.maps),
            highlight_label: label.to_string(),
            ..MapOptions::default()
        };
        match render_map(self.atlas, MapLayers { a, b, highlight }, &opts) {
            Ok(svg) => format!(
                "<figure class=\"map\">{svg}<figcaption class=\"info\">Hover over a gemeente: \
                 its region lights up and its memberships show here.</figcaption></figure>"
            ),
            Err(e) => note(&format!("No map: {e}.")),
        }
    }
}

/// Like [`render_report`], calling `progress` before each step (for a progress bar).
pub fn render_report_with_progress(
    atlas: &Atlas,
    opts: &ReportOptions,
    progress: &mut ProgressFn<'_>,
) -> Result<String, Error> {
    let sections = sections(opts);
    let total = sections.len();
    let mut ctx = Ctx {
        atlas,
        opts,
        maps: 0,
    };
    let mut body = String::new();
    let mut toc = String::new();
    for (i, s) in sections.iter().enumerate() {
        progress(i, total, &s.heading);
        let inner = (s.build)(&mut ctx)?;
        let _ = write!(
            toc,
            "<li><a href=\"#{}\">{}</a></li>",
            s.id,
            esc(&s.heading)
        );
        let _ = writeln!(
            body,
            "<section><h2 id=\"{}\">{}</h2>{}</section>",
            s.id,
            esc(&s.heading),
            inner
        );
    }
    progress(total, total, "done");
    let year = atlas.year.map_or(String::new(), |y| y.to_string());
    let mut html = String::with_capacity(body.len() + 8 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} {year}</title><style>{CSS}</style></head><body>\n\
<header><h1>{title}</h1><p class=\"lead\">The Dutch regional layouts side by side{of_year}: \
{units} units, {layouts} layouts. Source: {source}. Bron: CBS/Kadaster{year_c} (CC BY 4.0); \
SWV regio-indeling: Regeling regio-indeling samenwerkingsverbanden passend onderwijs.</p>\
<nav><ol>{toc}</ol></nav></header>\n<main>\n{body}</main>\n\
<footer>Made with speelveld. Hover over a gemeente on a map to see its regions; click a \
column heading to sort a table.</footer>\n<script>{SCRIPT}</script></body></html>\n",
        title = esc(&opts.title),
        of_year = if year.is_empty() {
            String::new()
        } else {
            format!(" in {year}")
        },
        year_c = if year.is_empty() {
            String::new()
        } else {
            format!(", {year}")
        },
        units = atlas.units().len(),
        layouts = atlas.layouts().len(),
        source = if atlas.source.is_empty() {
            "embedded dataset".to_string()
        } else {
            esc(&atlas.source)
        },
    );
    Ok(html)
}

fn sections(opts: &ReportOptions) -> Vec<Section<'_>> {
    let po = opts.po.clone();
    let vo = opts.vo.clone();
    let partner = opts.partner.clone();
    vec![
        Section {
            id: "layouts",
            heading: "Layouts present".into(),
            build: Box::new(|ctx| {
                let overview = analysis::overview::overview(ctx.atlas);
                tables_html(&overview, 0)
            }),
        },
        Section {
            id: "swv-gemeenten",
            heading: "Gemeenten per samenwerkingsverband".into(),
            build: Box::new(move |ctx| {
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
            }),
        },
        Section {
            id: "po-vo",
            heading: "PO versus VO".into(),
            build: Box::new(move |ctx| {
                let (Some(a), Some(b)) = (ctx.layout(&po), ctx.layout(&vo)) else {
                    return Ok(missing_layouts(ctx.atlas, &[&po, &vo]));
                };
                let cmp =
                    analysis::compare::compare(ctx.atlas, a.name(), b.name(), &Weight::Units)?;
                let mis = analysis::mismatches::mismatches(
                    ctx.atlas,
                    a.name(),
                    b.name(),
                    &Weight::Units,
                )?;
                let hi = mismatch_units(ctx.atlas, &mis);
                let mut out = format!(
                    "<p>The regions of {} coloured, the borders of {} dashed on top. Hatched: the \
                     {} gemeenten that lie outside the {} region holding most of their {} region.</p>",
                    esc(&po),
                    esc(&vo),
                    mis.units,
                    esc(&vo),
                    esc(&po)
                );
                out.push_str(&ctx.map(a, Some(b), &hi, "outside their region's main VO region"));
                out.push_str(&tables_html(&cmp, 0)?);
                out.push_str(&tables_html(&mis, 0)?);
                Ok(out)
            }),
        },
        Section {
            id: "jeugdzorg",
            heading: "Overlap with the jeugdzorgregio's".into(),
            build: Box::new(move |ctx| {
                let Some(j) = ctx.layout(&partner) else {
                    return Ok(missing_layout(ctx.atlas, &partner));
                };
                let mut out = String::new();
                for name in [&ctx.opts.po, &ctx.opts.vo] {
                    let Some(a) = ctx.layout(name) else {
                        out.push_str(&missing_layout(ctx.atlas, name));
                        continue;
                    };
                    let mis = analysis::mismatches::mismatches(
                        ctx.atlas,
                        a.name(),
                        j.name(),
                        &Weight::Units,
                    )?;
                    let hi = mismatch_units(ctx.atlas, &mis);
                    let _ = write!(out, "<h3>{} and {}</h3>", esc(name), esc(&partner));
                    out.push_str(&ctx.map(
                        a,
                        Some(j),
                        &hi,
                        "outside their region's main partner region",
                    ));
                    let cw = analysis::crosswalk::crosswalk(
                        ctx.atlas,
                        a.name(),
                        j.name(),
                        &Weight::Units,
                    )?;
                    out.push_str(&tables_html(&cw, 0)?);
                }
                Ok(out)
            }),
        },
        Section {
            id: "clusters",
            heading: "Coordination clusters".into(),
            build: Box::new(|ctx| {
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
                if let Some(layout) = cluster_layout(ctx.atlas, &c) {
                    out.push_str(&ctx.map(&layout, None, &[], ""));
                }
                out.push_str(&tables_html(&c, 0)?);
                Ok(out)
            }),
        },
        Section {
            id: "oogo",
            heading: "OOGO partners".into(),
            build: Box::new(|ctx| {
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
            }),
        },
        Section {
            id: "congruence",
            heading: "Congruence of the layouts".into(),
            build: Box::new(|ctx| {
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
                out.push_str(&table_at(&c, 0)?);
                Ok(out)
            }),
        },
        Section {
            id: "herindeling",
            heading: "Herindeling: layouts carried to this year's gemeenten".into(),
            build: Box::new(|ctx| {
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
                     predecessors lay in different regions it is now split by area share: those \
                     regions must be redrawn. Hatched on the map.</p>",
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
                        columns: ["unit", "name", "shares", "predecessors (weight)"]
                            .map(String::from)
                            .to_vec(),
                        rows,
                    }));
                }
                Ok(out)
            }),
        },
        Section {
            id: "validation",
            heading: "Validation findings".into(),
            build: Box::new(|ctx| {
                let v = analysis::validate::validate(ctx.atlas, None)?;
                let mut out = format!(
                    "<p>Checks of every unit and every layout (coverage, shares that sum to one, \
                     codes of another year, rows that could not be attached): {} error(s), {} \
                     warning(s), {} note(s).</p>",
                    v.errors, v.warnings, v.infos
                );
                if v.findings.is_empty() {
                    out.push_str(&note("No findings: every unit lies in every layout, whole or in shares that sum to one."));
                } else {
                    out.push_str(&tables_html(&v, 0)?);
                }
                Ok(out)
            }),
        },
    ]
}

/// The atlas units of a mismatch result (by code).
fn mismatch_units(atlas: &Atlas, m: &analysis::mismatches::Mismatches) -> Vec<usize> {
    m.mismatches
        .iter()
        .filter_map(|x| atlas.unit_index(&x.unit.parse().ok()?))
        .collect()
}

/// The clusters as a layout of the atlas units, to draw them: each unit goes to the
/// cluster of its regions in the first layout of the result.
fn cluster_layout(atlas: &Atlas, c: &analysis::clusters::Clusters) -> Option<Layout> {
    let first = atlas.layout(c.layouts.first()?).ok()?;
    let mut out = Layout::new("cluster");
    // A unit split between regions of one cluster lies in that cluster once, whole.
    let mut shares: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    for r in &c.regions {
        if r.layout != first.name() {
            continue;
        }
        let Some(ri) = first.find_region(&r.region) else {
            continue;
        };
        let Ok(code) = format!("C{}", r.cluster).parse() else {
            continue;
        };
        let cluster = out.add_region(code, format!("cluster {}", r.cluster));
        for m in first.units_of(ri) {
            *shares.entry((m.unit, cluster)).or_default() += m.share;
        }
    }
    out.extend_members(
        shares
            .into_iter()
            .map(|((unit, region), share)| crate::model::Member {
                unit,
                region,
                share: share.min(1.0),
            }),
    );
    Some(out)
}

/// A short note paragraph.
fn note(text: &str) -> String {
    format!("<p class=\"note\">{}</p>", esc(text))
}

fn missing_layout(atlas: &Atlas, name: &str) -> String {
    missing_layouts(atlas, &[name])
}

fn missing_layouts(atlas: &Atlas, names: &[&str]) -> String {
    let absent: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| atlas.layout(n).is_err())
        .collect();
    let have: Vec<&str> = atlas.layouts().iter().map(Layout::name).collect();
    note(&format!(
        "Not shown: no layout named {} is loaded (loaded: {}).",
        absent.join(" or "),
        if have.is_empty() {
            "none".to_string()
        } else {
            have.join(", ")
        }
    ))
}

/// The regions of a layout with their gemeenten (from [`analysis::lookup`]), as a table.
fn members_html(atlas: &Atlas, l: &Layout) -> Result<String, Error> {
    let list = analysis::lookup::regions(atlas, l.name())?;
    let mut rows: Vec<Vec<serde_json::Value>> = Vec::new();
    for r in &list.regions {
        let m = analysis::lookup::members(atlas, l.name(), &r.region)?;
        let names: Vec<String> = m
            .members
            .iter()
            .map(|u| {
                if u.share < 1.0 {
                    format!("{} ({:.0}%)", u.name, u.share * 100.0)
                } else {
                    u.name.clone()
                }
            })
            .collect();
        rows.push(vec![
            r.region.clone().into(),
            r.name.clone().into(),
            r.units.into(),
            r.split_units.into(),
            names.join(", ").into(),
        ]);
    }
    let t = Table {
        name: "gemeenten_per_region".into(),
        title: format!("{}: gemeenten per region", l.name()),
        columns: ["region", "name", "gemeenten", "split", "list"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    Ok(table_html(&t))
}

/// All tables of a result (from `skip` on) as HTML.
fn tables_html<T: Tabular>(result: &T, skip: usize) -> Result<String, Error> {
    Ok(result.tables()?.iter().skip(skip).map(table_html).collect())
}

/// Table `i` of a result as HTML (empty when it has fewer tables).
fn table_at<T: Tabular>(result: &T, i: usize) -> Result<String, Error> {
    Ok(result.tables()?.get(i).map(table_html).unwrap_or_default())
}

/// One table as HTML: a caption, sortable headings, numbers right-aligned.
fn table_html(t: &Table) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<div class=\"table\"><table class=\"sortable\"><caption>{} <span class=\"count\">({} rows)</span></caption><thead><tr>",
        esc(&t.title),
        t.rows.len()
    );
    for c in &t.columns {
        let _ = write!(s, "<th>{}</th>", esc(c));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        s.push_str("<tr>");
        for v in row {
            match v {
                serde_json::Value::Number(n) => {
                    let _ = write!(s, "<td class=\"n\">{}</td>", format_number(n, false));
                }
                serde_json::Value::Null => s.push_str("<td></td>"),
                serde_json::Value::String(x) => {
                    let _ = write!(s, "<td>{}</td>", esc(x));
                }
                other => {
                    let _ = write!(s, "<td>{}</td>", esc(&other.to_string()));
                }
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

/// A matrix as an HTML heat-map: each cell shaded from white (0) to dark blue (the
/// largest value), with its value printed. `None` cells stay empty.
fn heatmap_html(
    caption: &str,
    rows: &[String],
    cols: &[String],
    values: &[Vec<Option<f64>>],
) -> String {
    let max = values
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let mut s = format!(
        "<div class=\"table\"><table class=\"heat\"><caption>{}</caption><thead><tr><th></th>",
        esc(caption)
    );
    for c in cols {
        let _ = write!(s, "<th>{}</th>", esc(c));
    }
    s.push_str("</tr></thead><tbody>");
    for (r, label) in rows.iter().enumerate() {
        let _ = write!(s, "<tr><th>{}</th>", esc(label));
        for c in 0..cols.len() {
            match values.get(r).and_then(|row| row.get(c)).copied().flatten() {
                Some(v) if v.is_finite() => {
                    let t = if max > 0.0 {
                        (v / max).clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    // White to #08519c.
                    let mix = |to: f64| (255.0 + (to - 255.0) * t).round() as u8;
                    let ink = if t > 0.55 { "#fff" } else { "#1d2730" };
                    let _ = write!(
                        s,
                        "<td class=\"n\" style=\"background:#{:02x}{:02x}{:02x};color:{ink}\">{}</td>",
                        mix(8.0),
                        mix(81.0),
                        mix(156.0),
                        trim_number(v)
                    );
                }
                _ => s.push_str("<td></td>"),
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

/// A number with at most two decimals, without trailing zeros.
fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

const CSS: &str = "\
:root{--ink:#1d2730;--muted:#5b6770;--line:#d5dde3;--accent:#d81b60}\
body{font:15px/1.5 Helvetica,Arial,sans-serif;color:var(--ink);margin:0;background:#fff}\
header,main,footer{max-width:1080px;margin:0 auto;padding:0 24px}\
header{padding-top:24px;border-bottom:1px solid var(--line)}\
h1{font-size:28px;margin:0 0 6px}h2{font-size:21px;margin:36px 0 10px;padding-top:8px;border-top:3px solid var(--ink)}\
h3{font-size:16px;margin:22px 0 8px}.lead{color:var(--muted);margin:0 0 10px}\
nav ol{columns:2;margin:8px 0 18px;padding-left:22px}nav a{color:var(--ink)}\
.note{color:var(--muted);font-style:italic}\
figure.map{margin:8px 0}figure.map svg{max-width:100%;height:auto;border:1px solid var(--line)}\
figure.map path[data-unit]:hover{stroke:#000;stroke-width:1.5}\
figure.map path.hl{fill-opacity:.55}.info{color:var(--muted);font-size:13px;min-height:2.6em}\
.table{max-height:440px;overflow:auto;border:1px solid var(--line);margin:8px 0 16px}\
table{border-collapse:collapse;width:100%;font-size:13px}\
caption{text-align:left;font-weight:bold;padding:6px 8px;background:#f4f8fb}\
.count{font-weight:normal;color:var(--muted)}\
th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\
th{position:sticky;top:0;background:#eef3f7;cursor:pointer;white-space:nowrap}\
td.n{text-align:right;font-variant-numeric:tabular-nums}td:not(:last-child){white-space:nowrap}\
.heat td.n{text-align:center}\
footer{color:var(--muted);font-size:13px;padding:24px;border-top:1px solid var(--line);margin-top:36px}\
@media print{.table{max-height:none;overflow:visible}nav{display:none}}";

const SCRIPT: &str = "\
document.querySelectorAll('table.sortable th').forEach(function(th){var i=th.cellIndex;\
th.addEventListener('click',function(){\
var tb=th.closest('table').tBodies[0];var rows=Array.prototype.slice.call(tb.rows);\
var asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';\
rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;\
var nx=parseFloat(x),ny=parseFloat(y);\
var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'nl');return asc?c:-c;});\
rows.forEach(function(r){tb.appendChild(r);});});});\
document.querySelectorAll('figure.map').forEach(function(f){var info=f.querySelector('.info');\
f.addEventListener('mouseover',function(e){var p=e.target.closest('path[data-unit]');if(!p)return;\
f.querySelectorAll('path.hl').forEach(function(x){x.classList.remove('hl');});\
var r=p.getAttribute('data-region');\
if(r)f.querySelectorAll('path[data-region=\"'+CSS.escape(r)+'\"]').forEach(function(x){x.classList.add('hl');});\
var t=p.querySelector('title');if(info&&t)info.textContent=t.textContent;});});";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heatmap_shades_by_value() {
        let h = heatmap_html(
            "x",
            &["a".into(), "b".into()],
            &["p".into(), "q".into()],
            &[vec![Some(1.0), Some(0.0)], vec![None, Some(0.5)]],
        );
        assert!(h.contains("background:#08519c;color:#fff\">1<"));
        assert!(h.contains("background:#ffffff;color:#1d2730\">0<"));
        assert!(h.contains("<td></td>"));
        assert_eq!(trim_number(0.333), "0.33");
    }

    #[test]
    fn report_on_real_layouts_is_self_contained() {
        let atlas = crate::dataset::embedded::atlas(Some(2015)).unwrap();
        let opts = ReportOptions::default();
        let mut steps = Vec::new();
        let html =
            render_report_with_progress(&atlas, &opts, &mut |d, t, _| steps.push((d, t))).unwrap();
        assert!(html.contains("<h2 id=\"layouts\">Layouts present</h2>"));
        assert!(html.contains("<svg"));
        assert!(
            !html.contains("http://")
                || !html
                    .replace("http://www.w3.org/2000/svg", "")
                    .contains("http://")
        );
        assert!(!html.contains("https://"));
        assert_eq!(steps.last().map(|s| s.0), steps.last().map(|s| s.1));
        if let Ok(out) = std::env::var("SPEELVELD_REPORT_OUT") {
            std::fs::write(out, &html).unwrap();
        }
    }
}
