//! The HTML report: one self-contained file (inline SVG, CSS and a small optional script;
//! no external script, font or URL) that walks through the questions speelveld answers.
//!
//! Every section renders the result struct of a library analysis through its tables
//! ([`Tabular`](crate::model::Tabular)), so the report shows exactly what the commands print.

mod html;
mod sections;

use std::fmt::Write;

use self::html::note;
use self::sections::SECTIONS;
use super::esc;
use super::svg_map::{MapLayers, MapOptions, render_map};
use crate::error::Error;
use crate::model::{Atlas, Layout};

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
    /// The language of the report's text (Dutch by default).
    pub taal: crate::model::Taal,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Het speelveld in beeld".into(),
            map_width: 760.0,
            po: "swv-po".into(),
            vo: "swv-vo".into(),
            partner: "jeugdzorgregio".into(),
            taal: crate::model::Taal::Nl,
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

/// A section of the report: its anchor, heading and the function that builds its body.
struct Section {
    id: &'static str,
    heading: &'static str,
    build: fn(&mut Ctx<'_>) -> Result<String, Error>,
}

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
    let total = SECTIONS.len();
    let mut ctx = Ctx {
        atlas,
        opts,
        maps: 0,
    };
    let mut body = String::new();
    let mut toc = String::new();
    for (i, s) in SECTIONS.iter().enumerate() {
        progress(i, total, s.heading);
        let inner = (s.build)(&mut ctx)?;
        let _ = write!(toc, "<li><a href=\"#{}\">{}</a></li>", s.id, esc(s.heading));
        let _ = writeln!(
            body,
            "<section><h2 id=\"{}\">{}</h2>{}</section>",
            s.id,
            esc(s.heading),
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
    use super::html::{heatmap_html, trim_number};
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
