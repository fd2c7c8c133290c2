//! The HTML pieces the sections share: tables, heat maps, member lists and notes.

use std::fmt::Write;

use crate::analysis;
use crate::error::Error;
use crate::model::{Atlas, Layout, Taal, Table, Tabular};
use crate::render::esc;
use crate::render::text::{Key, header};

/// The atlas units of a mismatch result (by code).
pub(super) fn mismatch_units(atlas: &Atlas, m: &analysis::mismatches::Mismatches) -> Vec<usize> {
    m.mismatches
        .iter()
        .filter_map(|x| atlas.unit_index(&x.unit.parse().ok()?))
        .collect()
}

/// The clusters as a layout of the atlas units, to draw them: each unit goes to the
/// cluster of its regions in the first layout of the result; each cluster is named by its
/// heaviest regions.
pub(super) fn cluster_layout(atlas: &Atlas, c: &analysis::clusters::Clusters) -> Option<Layout> {
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
        // Named by its heaviest region of each layout, as in the findings.
        let name = c
            .clusters
            .iter()
            .find(|k| k.cluster == r.cluster)
            .map_or(String::new(), |k| {
                super::labels::cluster_name(c, k.cluster, &k.name)
            });
        let cluster = out.add_region(code, format!("cluster {}: {name}", r.cluster));
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
pub(super) fn note(text: &str) -> String {
    format!("<p class=\"note\">{}</p>", esc(text))
}

/// The note for a section whose layout is not loaded.
pub(super) fn missing_layout(atlas: &Atlas, name: &str, taal: Taal) -> String {
    missing_layouts(atlas, &[name], taal)
}

/// The note for a section whose layouts are not all loaded.
pub(super) fn missing_layouts(atlas: &Atlas, names: &[&str], taal: Taal) -> String {
    let absent: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| atlas.layout(n).is_err())
        .collect();
    let have: Vec<&str> = atlas.layouts().iter().map(Layout::name).collect();
    let have = if have.is_empty() {
        Key::None_.get(taal).to_string()
    } else {
        have.join(", ")
    };
    note(&Key::Missing.fill(
        taal,
        &[("names", &absent.join(Key::Or.get(taal))), ("have", &have)],
    ))
}

/// The regions of a layout with their gemeenten (from [`analysis::lookup`]), as a table.
pub(super) fn members_html(atlas: &Atlas, l: &Layout, taal: Taal) -> Result<String, Error> {
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
        title: Key::MembersCaption.fill(taal, &[("layout", l.name())]),
        title_nl: None,
        columns: ["region", "name", "gemeenten", "split", "list"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    Ok(table_html(&t, taal))
}

/// All tables of a result as HTML; in Dutch, the tables named in `captions` get the
/// caption given there (the library's captions are English).
pub(super) fn tables_captioned<T: Tabular>(
    result: &T,
    taal: Taal,
    captions: &[(&str, String)],
    class: &str,
) -> Result<String, Error> {
    Ok(result
        .tables()?
        .into_iter()
        .map(|mut t| {
            if taal == Taal::Nl
                && let Some((_, c)) = captions.iter().find(|(n, _)| *n == t.name)
            {
                t.title = c.clone();
                t.title_nl = None;
            }
            table_html_class(&t, taal, class)
        })
        .collect())
}

/// Text longer than this (characters) may wrap in a table cell.
const LONG: usize = 32;

/// One table as HTML: a caption, sortable headings, numbers right-aligned and rounded
/// (at most three decimals, a decimal comma in Dutch); the search box filters its rows.
pub(crate) fn table_html(t: &Table, taal: Taal) -> String {
    table_html_class(t, taal, "")
}

/// [`table_html`] with an extra class on the table (`wrap`: long text wraps).
pub(crate) fn table_html_class(t: &Table, taal: Taal, class: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<div class=\"table\"><table class=\"sortable search {class}\"><caption>{} <span class=\"count\">({} {})</span></caption><thead><tr>",
        esc(&tidy_numbers(t.title_in(taal), taal)),
        t.rows.len(),
        Key::Rows.get(taal)
    );
    for c in &t.columns {
        let _ = write!(s, "<th>{}</th>", esc(&header(taal, c)));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        s.push_str("<tr>");
        for (v, c) in row.iter().zip(&t.columns) {
            // Categorical values and yes/no in the page's language.
            let v = &crate::model::values::cell(c, v, taal);
            match v {
                serde_json::Value::Number(n) => {
                    let text = match (n.as_i64(), n.as_f64()) {
                        (Some(i), _) => i.to_string(),
                        (None, Some(f)) => number(f, 3, taal),
                        (None, None) => n.to_string(),
                    };
                    let _ = write!(s, "<td class=\"n\">{text}</td>");
                }
                serde_json::Value::Null => s.push_str("<td></td>"),
                // Long text wraps; codes and short names stay on one line.
                serde_json::Value::String(x) if x.chars().count() > LONG => {
                    let _ = write!(s, "<td class=\"l\">{}</td>", esc(&tidy_numbers(x, taal)));
                }
                serde_json::Value::String(x) => {
                    let _ = write!(s, "<td>{}</td>", esc(&tidy_numbers(x, taal)));
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
pub(super) fn heatmap_html(
    caption: &str,
    rows: &[String],
    cols: &[String],
    values: &[Vec<Option<f64>>],
    taal: Taal,
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
                        number(v, 2, taal)
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
pub(super) fn trim_number(v: f64) -> String {
    number(v, 2, Taal::En)
}

/// A number with at most `decimals` decimals, without trailing zeros; a decimal comma in
/// Dutch.
pub(crate) fn number(v: f64, decimals: usize, taal: Taal) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s.as_str()
    };
    let s = if s == "-0" { "0" } else { s };
    match taal {
        Taal::Nl => s.replace('.', ","),
        Taal::En => s.to_string(),
    }
}

/// A share as a percentage without decimals (`0.1` → `10 %`).
pub(crate) fn percent(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// `text` with every decimal number of more than three decimals rounded to three (so no
/// raw float such as `42.272704741301396` reaches the page), and in Dutch every decimal
/// point made a decimal comma, as in the number cells; other text unchanged.
pub(crate) fn tidy_numbers(text: &str, taal: Taal) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i > start && b.get(i) == Some(&b'.') {
            let frac = i + 1;
            let mut j = frac;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            // Long decimals are rounded; in Dutch every decimal gets its comma, except a
            // version number such as the licence's `CC BY 4.0` (a single zero decimal, which
            // no number written from a value has).
            let version = text.get(frac..j) == Some("0");
            let rewrite = j > frac && (j - frac > 3 || (taal == Taal::Nl && !version));
            if rewrite
                && let (Some(head), Some(num)) = (text.get(copied..start), text.get(start..j))
                && let Ok(v) = num.parse::<f64>()
            {
                out.push_str(head);
                out.push_str(&number(v, 3, taal));
                copied = j;
            }
            i = j.max(i + 1);
        } else if i == start {
            i += 1;
        }
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}
