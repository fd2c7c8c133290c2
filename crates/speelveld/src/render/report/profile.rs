//! The one-page HTML profile of one gemeente: its regions in every layout, the other
//! gemeenten at each table, where its SWV PO and VO differ, its figures and a small map of
//! its surroundings, with the report's search box.

use std::fmt::Write;

use super::html::table_html;
use super::{ReportOptions, map_figure, page, search_box};
use crate::analysis::profile::Profile;
use crate::error::Error;
use crate::model::{Atlas, Table, Tabular, UnitIdx};
use crate::render::esc;
use crate::render::svg_map::{Clip, MapLayers, MapOptions};
use crate::render::text::Key;

/// The units around a gemeente: every unit of each of its regions in the SWV and partner
/// layouts, and its neighbours.
fn surroundings(atlas: &Atlas, p: &Profile, unit: UnitIdx, opts: &ReportOptions) -> Vec<UnitIdx> {
    let mut out = vec![unit];
    for name in [&opts.po, &opts.vo, &opts.partner] {
        let Ok(l) = atlas.layout(name) else {
            continue;
        };
        for m in l.regions_of(unit) {
            out.extend(l.units_of(m.region).map(|o| o.unit));
        }
    }
    out.extend(
        p.neighbours
            .iter()
            .filter_map(|n| atlas.unit_index(&n.unit.parse().ok()?)),
    );
    out.sort_unstable();
    out.dedup();
    out
}

/// The table of a profile with this name, if it has one, under a caption of the page.
fn table(tables: &[Table], name: &str, caption: String) -> Option<Table> {
    let mut t = tables.iter().find(|t| t.name == name)?.clone();
    t.title = caption;
    t.title_nl = None;
    Some(t)
}

/// Renders the profile of one gemeente as one self-contained HTML page. The map draws the
/// SWV PO layout (`opts.po`) with the borders of `opts.partner`, clipped to the
/// gemeente's regions and neighbours, the gemeente hatched.
///
/// # Examples
/// ```
/// use speelveld::analysis::profile::profile;
/// use speelveld::render::report::{render_profile, ReportOptions};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let p = profile(&atlas, "Zwolle").unwrap();
/// let html = render_profile(&atlas, &p, &ReportOptions::default()).unwrap();
/// assert!(html.contains("<h1>Zwolle in beeld</h1>") && html.contains("<svg"));
/// ```
pub fn render_profile(atlas: &Atlas, p: &Profile, opts: &ReportOptions) -> Result<String, Error> {
    let taal = opts.taal;
    let t = |k: Key| k.get(taal);
    let tables = p.tables()?;
    let mut body = String::new();
    let mut section = |id: &str, heading: &str, inner: &str| {
        let _ = writeln!(
            body,
            "<section><h2 id=\"{id}\">{}</h2>{inner}</section>",
            esc(heading)
        );
    };

    // Its regions, and the OOGO it holds.
    let swv: Vec<String> = p
        .regions
        .iter()
        .filter(|r| (r.layout == opts.po || r.layout == opts.vo) && !r.region.is_empty())
        .map(|r| super::labels::region_label(&r.region, &r.name))
        .collect();
    let mut inner = String::new();
    if !swv.is_empty() {
        let _ = write!(
            inner,
            "<p>{}</p>",
            esc(&Key::POogo.fill(
                taal,
                &[
                    ("name", &p.name),
                    ("n", &swv.len().to_string()),
                    ("list", &swv.join(", ")),
                ],
            ))
        );
    }
    let caption = |k: Key| format!("{}: {}", p.name, k.get(taal).to_lowercase());
    if let Some(x) = table(&tables, "regions", caption(Key::PRegions)) {
        inner.push_str(&table_html(&x, taal));
    }
    section("regios", t(Key::PRegions), &inner);

    // The map of its surroundings.
    let unit = p.unit.parse().ok().and_then(|code| atlas.unit_index(&code));
    let a = atlas
        .layout(&opts.po)
        .ok()
        .or_else(|| atlas.layouts().first());
    if let (Some(unit), Some(a)) = (unit, a) {
        let map_opts = MapOptions {
            width: opts.map_width,
            id_prefix: "profiel".into(),
            highlight_legend: Some(Key::PHatch.fill(taal, &[("name", &p.name)])),
            taal,
            clip: Some(Clip::Units(
                surroundings(atlas, p, unit, opts),
                p.name.clone(),
            )),
            ..MapOptions::default()
        };
        let b = atlas.layout(&opts.partner).ok();
        let mut inner = format!(
            "<p>{}</p>",
            esc(&Key::PMapIntro.fill(taal, &[("name", &p.name)]))
        );
        inner.push_str(&map_figure(
            atlas,
            MapLayers {
                a,
                b,
                highlight: &[unit],
            },
            &map_opts,
        ));
        section("kaart", t(Key::PMap), &inner);
    }

    if let Some(x) = table(&tables, "together", caption(Key::PTogether)) {
        section("aan-tafel", t(Key::PTogether), &table_html(&x, taal));
    }

    // Where its SWV PO and VO differ.
    let po_only = p
        .po_vo_differ
        .iter()
        .filter(|(s, _)| s == "po-only")
        .count();
    let vo_only = p.po_vo_differ.len() - po_only;
    let mut inner = if p.po_vo_differ.is_empty() {
        format!("<p>{}</p>", esc(t(Key::PPoVoSame)))
    } else {
        format!(
            "<p>{}</p>",
            esc(&Key::PPoVoDiffer.fill(
                taal,
                &[("po", &po_only.to_string()), ("vo", &vo_only.to_string())],
            ))
        )
    };
    if let Some(mut x) = table(&tables, "po_vo_differ", caption(Key::PPoVo)) {
        for row in &mut x.rows {
            if let Some(side) = row.first_mut() {
                let k = if side == "po-only" {
                    Key::POnlyPo
                } else {
                    Key::POnlyVo
                };
                *side = k.get(taal).into();
            }
        }
        inner.push_str(&table_html(&x, taal));
    }
    section("po-vo", t(Key::PPoVo), &inner);

    if let Some(x) = table(&tables, "figures", caption(Key::PFigures)) {
        section("kengetallen", t(Key::PFigures), &table_html(&x, taal));
    }
    if let Some(x) = table(&tables, "neighbours", caption(Key::PNeighbours)) {
        section("buren", t(Key::PNeighbours), &table_html(&x, taal));
    }

    let title = Key::ProfileTitle.fill(taal, &[("name", &p.name)]);
    let lead = Key::ProfileLead.fill(taal, &[("name", &p.name), ("code", &p.unit)]);
    let head = format!(
        "<header><h1>{}</h1><p class=\"lead\">{}</p>{}</header>",
        esc(&title),
        esc(&lead),
        search_box(taal)
    );
    Ok(page(&title, taal, &head, &body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taal;

    #[test]
    fn zwolle_profile_page_names_its_tables_and_draws_its_surroundings() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let p = crate::analysis::profile::profile(&atlas, "Zwolle").unwrap();
        let html = render_profile(&atlas, &p, &ReportOptions::default()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        for id in [
            "regios",
            "kaart",
            "aan-tafel",
            "po-vo",
            "kengetallen",
            "buren",
        ] {
            assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{id}");
        }
        // Zwolle lies in JZ07 IJsselland (the profile's own doc test) and is hatched alone.
        assert!(html.contains("JZ07"));
        assert!(html.contains("Zwolle: de gemeente zelf"));
        assert!(html.contains("id=\"zoek\""));
        // Clipped: far-away gemeenten are not drawn at all.
        assert!(
            !html.contains("data-unit=\"GM1883\""),
            "Sittard-Geleen drawn"
        );
        assert!(html.contains("data-unit=\"GM0193\""));
        let en = ReportOptions {
            taal: Taal::En,
            ..ReportOptions::default()
        };
        let html = render_profile(&atlas, &p, &en).unwrap();
        assert!(html.contains("<h1>Zwolle at a glance</h1>"));
    }
}
