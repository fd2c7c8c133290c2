//! The HTML report: one self-contained file (inline SVG, CSS and a small optional script;
//! no external script, font or URL) that walks through the questions speelveld answers.
//!
//! Every section renders the result struct of a library analysis through its tables
//! ([`Tabular`](crate::model::Tabular)), so the report shows exactly what the commands print.

mod findings;
mod html;
mod labels;
mod one_page;
mod profile;
mod provenance;
mod region_profile;
mod sections;

use std::fmt::Write;

pub use self::profile::render_profile;
pub use self::region_profile::render_region_profile;

use self::html::note;
use self::sections::SECTIONS;
use super::esc;
use super::svg_map::{MapLayers, MapOptions, render_map};
use super::text::Key;
use crate::error::Error;
use crate::model::{Atlas, Layout, Taal};

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
    heading: Key,
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

    fn taal(&self) -> Taal {
        self.opts.taal
    }

    /// A text in the report's language.
    fn t(&self, key: Key) -> &'static str {
        key.get(self.opts.taal)
    }

    /// A text in the report's language, its placeholders filled.
    fn f(&self, key: Key, values: &[(&str, &str)]) -> String {
        key.fill(self.opts.taal, values)
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
            taal: self.opts.taal,
            ..MapOptions::default()
        };
        map_figure(self.atlas, MapLayers { a, b, highlight }, &opts)
    }
}

/// A map with the line under it that the hover fills.
pub(super) fn map_figure(atlas: &Atlas, layers: MapLayers<'_>, opts: &MapOptions) -> String {
    match render_map(atlas, layers, opts) {
        Ok(svg) => format!(
            "<figure class=\"map\">{svg}<figcaption class=\"info\">{}</figcaption></figure>",
            esc(Key::MapInfo.get(opts.taal))
        ),
        Err(e) => note(&Key::NoMap.fill(opts.taal, &[("error", &e.to_string())])),
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
    let taal = opts.taal;
    let mut body = String::new();
    let mut toc = String::new();
    for (i, s) in SECTIONS.iter().enumerate() {
        let heading = s.heading.get(taal);
        progress(i, total, heading);
        let inner = (s.build)(&mut ctx)?;
        let _ = write!(toc, "<li><a href=\"#{}\">{}</a></li>", s.id, esc(heading));
        let _ = writeln!(
            body,
            "<section><h2 id=\"{}\">{}</h2>{}</section>",
            s.id,
            esc(heading),
            inner
        );
    }
    progress(total, total, "done");
    let year = atlas.year.map_or(String::new(), |y| y.to_string());
    let of_year = if year.is_empty() {
        String::new()
    } else {
        Key::OfYear.fill(taal, &[("year", &year)])
    };
    let lead = Key::Lead.fill(
        taal,
        &[
            ("of_year", &of_year),
            ("units", &atlas.units().len().to_string()),
            ("layouts", &atlas.layouts().len().to_string()),
        ],
    );
    let head = format!(
        "<header><h1>{title}</h1><p class=\"lead\">{lead}</p>{search}\
<h2 id=\"herkomst\">{prov_h}</h2>{prov}<nav><ol>{toc}</ol></nav></header>",
        title = esc(&opts.title),
        lead = esc(&lead),
        search = search_box(taal),
        prov_h = esc(Key::ProvenanceHeading.get(taal)),
        prov = provenance::provenance_html(atlas, taal),
    );
    Ok(page(&format!("{} {year}", opts.title), taal, &head, &body))
}

/// The search box: filters the rows of every table as one types; `?q=TEXT` in the page's
/// address fills it.
pub(super) fn search_box(taal: Taal) -> String {
    format!(
        "<div class=\"search\"><label for=\"zoek\">{label}</label> <input type=\"search\" \
         id=\"zoek\" placeholder=\"{ph}\" autocomplete=\"off\"> <span id=\"zoek-count\" \
         data-tpl=\"{tpl}\" data-rows=\"{rows}\"></span></div>",
        label = esc(Key::SearchLabel.get(taal)),
        ph = esc(Key::SearchPlaceholder.get(taal)),
        tpl = esc(Key::SearchCount.get(taal)),
        rows = esc(Key::Rows.get(taal)),
    )
}

/// A whole self-contained page: the style, the header, the body and the script.
pub(super) fn page(title: &str, taal: Taal, header: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>{CSS}</style></head><body>\n{header}\n<main>\n{body}</main>\n\
<footer>{footer}</footer>\n<script>{SCRIPT}</script></body></html>\n",
        lang = taal.code(),
        title = esc(title.trim()),
        footer = esc(Key::Footer.get(taal)),
    )
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
.search{margin:10px 0 14px;font-size:15px}.search input{font:inherit;padding:5px 9px;width:22em;\
border:2px solid var(--ink);border-radius:4px}#zoek-count{color:var(--muted);margin-left:8px}\
ul.findings{padding-left:20px}ul.findings li{margin:0 0 8px}\
td.l{white-space:normal!important;min-width:14em}table.wrap td.l{overflow-wrap:anywhere}\
header .table{max-height:none}\
@media print{.search{display:none}.table{max-height:none;overflow:visible}nav{display:none}}";

const SCRIPT: &str = "\
document.querySelectorAll('table.sortable th').forEach(function(th){var i=th.cellIndex;\
th.addEventListener('click',function(){\
var tb=th.closest('table').tBodies[0];var rows=Array.prototype.slice.call(tb.rows);\
var asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';\
rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;\
var nx=parseFloat(x.replace(',','.')),ny=parseFloat(y.replace(',','.'));\
var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'nl');return asc?c:-c;});\
rows.forEach(function(r){tb.appendChild(r);});});});\
document.querySelectorAll('figure.map').forEach(function(f){var info=f.querySelector('.info');\
f.addEventListener('mouseover',function(e){var p=e.target.closest('path[data-unit]');if(!p)return;\
f.querySelectorAll('path.hl').forEach(function(x){x.classList.remove('hl');});\
var r=p.getAttribute('data-region');\
if(r)f.querySelectorAll('path[data-region=\"'+CSS.escape(r)+'\"]').forEach(function(x){x.classList.add('hl');});\
var t=p.querySelector('title');if(info&&t)info.textContent=t.textContent;});});\
(function(){var box=document.getElementById('zoek');if(!box)return;\
var cnt=document.getElementById('zoek-count');var tpl=cnt.getAttribute('data-tpl');\
var word=cnt.getAttribute('data-rows');\
var norm=function(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();};\
var tables=Array.prototype.slice.call(document.querySelectorAll('table.search'));\
var rows=[];tables.forEach(function(t){Array.prototype.forEach.call(t.tBodies[0].rows,\
function(r){rows.push([r,norm(r.textContent)]);});});\
var fill=function(v,n){return tpl.replace('{shown}',v).replace('{total}',n);};\
function run(){var q=norm(box.value.trim());var shown=0;\
rows.forEach(function(x){var ok=!q||x[1].indexOf(q)>=0;x[0].hidden=!ok;if(ok)shown++;});\
tables.forEach(function(t){var c=t.querySelector('caption .count');if(!c)return;\
var all=t.tBodies[0].rows,v=0;for(var i=0;i<all.length;i++){if(!all[i].hidden)v++;}\
c.textContent='('+(q?fill(v,all.length):all.length+' '+word)+')';});\
cnt.textContent=q?fill(shown,rows.length):'';}\
box.addEventListener('input',run);\
var m=/[?&]q=([^&]*)/.exec(location.search);\
if(m){var v;try{v=decodeURIComponent(m[1].replace(/\\+/g,' '));}catch(e){v=m[1];}\
box.value=v;box.setAttribute('value',v);}\
run();})();";

#[cfg(test)]
mod tests {
    use super::html::{heatmap_html, tidy_numbers, trim_number};
    use super::*;

    /// Every number in `doc` with more than four decimals (a raw float), with a point or a
    /// comma.
    fn raw_floats(doc: &str) -> Vec<String> {
        let b = doc.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() && i + 1 < b.len() && matches!(b[i + 1], b'.' | b',') {
                let mut j = i + 2;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if j - (i + 2) > 4 {
                    out.push(doc[i.saturating_sub(20)..j].to_string());
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn heatmap_shades_by_value() {
        let h = heatmap_html(
            "x",
            &["a".into(), "b".into()],
            &["p".into(), "q".into()],
            &[vec![Some(1.0), Some(0.0)], vec![None, Some(0.5)]],
            Taal::Nl,
        );
        assert!(h.contains("background:#08519c;color:#fff\">1<"));
        assert!(h.contains("background:#ffffff;color:#1d2730\">0<"));
        assert!(h.contains("<td></td>"));
        assert!(h.contains(">0,5<"));
        assert_eq!(trim_number(0.333), "0.33");
    }

    #[test]
    fn long_decimals_in_text_are_rounded() {
        assert_eq!(
            tidy_numbers("weight units: 42.272704741301396; 0.5 and 12", Taal::En),
            "weight units: 42.273; 0.5 and 12"
        );
        assert_eq!(tidy_numbers("x 0.333333 y", Taal::Nl), "x 0,333 y");
        assert_eq!(
            tidy_numbers("VO2802 (0.5), VO2810 (0.667)", Taal::Nl),
            "VO2802 (0,5), VO2810 (0,667)"
        );
        assert_eq!(tidy_numbers("VO2802 (0.5)", Taal::En), "VO2802 (0.5)");
        assert_eq!(
            tidy_numbers("Fryslân 2015-04-23", Taal::Nl),
            "Fryslân 2015-04-23"
        );
        assert_eq!(
            raw_floats("a 1.23456 b 2,5 c"),
            vec!["a 1.23456".to_string()]
        );
    }

    #[test]
    fn the_2025_report_leads_with_findings_in_dutch_and_holds_no_raw_float() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let opts = ReportOptions::default();
        let mut steps = Vec::new();
        let html =
            render_report_with_progress(&atlas, &opts, &mut |d, t, _| steps.push((d, t))).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        assert_eq!(raw_floats(&html), Vec::<String>::new());
        // Search box and provenance at the top, findings first, technical tables last.
        let at = |id: &str| {
            html.find(&format!("<h2 id=\"{id}\">"))
                .unwrap_or_else(|| panic!("no section {id}"))
        };
        assert!(html.find("id=\"zoek\"").unwrap() < at("herkomst"));
        let order = [
            "herkomst",
            "bevindingen",
            "swv-gemeenten",
            "po-vo",
            "jeugdzorg",
            "kengetallen",
            "clusters",
            "oogo",
            "players",
            "congruence",
            "herindeling",
            "layouts",
            "validation",
        ];
        for w in order.windows(2) {
            assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
        }
        assert!(html.contains("<h2 id=\"bevindingen\">Bevindingen</h2>"));
        // The SWV provenance says the layouts are the 2015 law carried to 2025.
        assert!(html.contains("versie van 23 april 2015"));
        assert!(html.contains("overgezet naar de gemeenten van 2025"));
        // Every metric explained; counts worded as the validation table words them.
        for m in [
            "ARI (adjusted",
            "NMI (normalised",
            "VI (variation",
            "a_within_b (nesten)",
        ] {
            assert!(html.contains(m), "{m} not explained");
        }
        assert!(html.contains("naar ernst: fout 0, waarschuwing 28, informatie 61."));
        assert!(html.contains("<table class=\"sortable search wrap\"><caption>controles: fout 0"));
        assert!(!html.contains("note(s)"));
        // The findings name the split gemeenten with their SWV's (Staphorst: half in PO2203,
        // half in PO2305, from the law's postcode table).
        assert!(html.contains("Staphorst (PO2203 50 %, PO2305 50 %)"));
        assert_eq!(steps.last().map(|s| s.0), steps.last().map(|s| s.1));
        assert!(!html.contains("https://"));
        if let Ok(out) = std::env::var("SPEELVELD_REPORT_OUT") {
            std::fs::write(out, &html).unwrap();
        }
    }

    #[test]
    fn the_2015_report_in_english_with_the_threshold_table() {
        let atlas = crate::dataset::embedded::atlas(Some(2015)).unwrap();
        let opts = ReportOptions {
            taal: Taal::En,
            ..ReportOptions::default()
        };
        let html = render_report(&atlas, &opts).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("<h2 id=\"bevindingen\">Findings</h2>"));
        assert!(!html.contains("Bevindingen") && !html.contains("Zoeken in alle tabellen"));
        assert_eq!(raw_floats(&html), Vec::<String>::new());
        // Checked with pandas on the law's postcode table (gemeente level, the three
        // 'Europoort' rows left out as speelveld warns): of the 76 SWV PO regions 46 lie
        // within one SWV VO, 1 contains whole ones, 29 cross.
        assert!(html.contains(
            "within one region of swv-vo (nesting): 46; containing one or more whole regions \
             of swv-vo: 1; reaching across a border of swv-vo (crossing): 29"
        ));
        // The thresholds: union-find in python3 over the crosswalk cells of the three pairs
        // (a link kept when at least 5 % / 10 % of the smaller region): 11 clusters with no
        // link dropped, 11 (17 dropped), 12 (27 dropped).
        let table = html
            .split("clusters per threshold")
            .nth(1)
            .and_then(|t| t.split("</table>").next())
            .unwrap();
        let cells: Vec<&str> = table
            .split("<td class=\"n\">")
            .skip(1)
            .filter_map(|c| c.split('<').next())
            .collect();
        assert_eq!(
            cells,
            [
                "11", "83", "170", "0", "11", "83", "170", "17", "12", "83", "170", "27"
            ]
        );
        assert!(table.contains("<td>0 %</td>") && table.contains("<td>10 %</td>"));
    }
}
