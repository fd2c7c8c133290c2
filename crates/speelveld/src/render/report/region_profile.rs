//! The one-page HTML profile of one region (an SWV, a jeugdzorgregio, a provincie …):
//! findings first in plain words (what the region is, where its layout comes from, its
//! gemeenten and which of them are split, its inhabitants and area), then its gemeenten, a
//! map of the region and its surroundings, its OOGO partners, its overlap with the other
//! layouts, where SWV PO and VO differ, its key figures, and the sources at the foot, with
//! the report's search box.

use serde_json::Value;

use super::html::{note, number, percent, table_html, table_html_class};
use super::labels::region_label;
use super::one_page::{Sections, Surroundings, captioned, clipped_map};
use super::{ReportOptions, provenance};
use crate::analysis::region_profile::{Overlap, RegionProfile};
use crate::error::Error;
use crate::geometry::adjacency::{AdjacencyOptions, unit_neighbours};
use crate::model::columns::{ColumnKind, kind};
use crate::model::{Atlas, Layout, Taal, Table, Tabular, UnitIdx};
use crate::render::esc;
use crate::render::svg_map::Focus;
use crate::render::text::Key;

/// A share below 1 by this much or more is a part of a gemeente.
const WHOLE: f64 = 1.0 - 1e-9;

/// A whole number of people with its thousands grouped (`406.346`; `406,346` in English).
fn people_text(v: f64, taal: Taal) -> String {
    let digits = format!("{:.0}", v.abs());
    let sep = match taal {
        Taal::Nl => '.',
        Taal::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if v < 0.0 && digits != "0" {
        out.insert(0, '-');
    }
    out
}

/// "gemeente" for one, "gemeenten" for any other number.
fn gemeenten_word(n: f64, taal: Taal) -> &'static str {
    if (n - 1.0).abs() < 1e-9 {
        Key::RGemeente.get(taal)
    } else {
        Key::Gemeenten.get(taal)
    }
}

/// The table with its km² columns rounded to one decimal (the page's rule; the tables
/// keep two).
fn km2_one_decimal(mut t: Table) -> Table {
    let area: Vec<bool> = t
        .columns
        .iter()
        .map(|c| kind(c) == ColumnKind::Area)
        .collect();
    for row in &mut t.rows {
        for (v, _) in row.iter_mut().zip(&area).filter(|(_, a)| **a) {
            if let Some(x) = v.as_f64() {
                *v = Value::from((x * 10.0).round() / 10.0);
            }
        }
    }
    t
}

/// Key figures the gemeenten table leaves out (the page's key figures section sums them):
/// the CBS age groups beyond the young and the households.
const LEFT_OUT: [&str; 4] = [
    "huishoudens_afgeleid",
    "inwoners_25_44_afgeleid",
    "inwoners_45_64_afgeleid",
    "inwoners_65_plus_afgeleid",
];

/// The gemeenten table without the columns [`LEFT_OUT`], and without `basis` where no
/// gemeente is split.
fn compact(mut t: Table) -> Table {
    let keep: Vec<bool> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let empty = t.rows.iter().all(|r| {
                r.get(i)
                    .is_none_or(|v| v.as_str().is_some_and(str::is_empty))
            });
            let left_out = LEFT_OUT.contains(&c.as_str()) || (c == "basis" && empty);
            !left_out
        })
        .collect();
    fn pick<T>(row: Vec<T>, keep: &[bool]) -> Vec<T> {
        row.into_iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(v, _)| v)
            .collect()
    }
    t.columns = pick(t.columns, &keep);
    t.rows = t.rows.into_iter().map(|r| pick(r, &keep)).collect();
    t
}

/// What the page needs to know of the profile's layout and its name.
struct Subject<'a> {
    p: &'a RegionProfile,
    /// The region as people read it (`SWV VO 23-05`, `JZ07 IJsselland`).
    label: String,
    /// The same with its code where the name does not carry it (`SWV VO 23-05 (VO2305)`).
    long: String,
    taal: Taal,
}

impl Subject<'_> {
    fn f(&self, key: Key, values: &[(&str, &str)]) -> String {
        let mut all = vec![("label", self.label.as_str())];
        all.extend_from_slice(values);
        key.fill(self.taal, &all)
    }

    fn yes_no(&self, b: bool) -> Value {
        Value::from(if b { Key::RYes } else { Key::RNo }.get(self.taal))
    }

    /// The overlaps with one other layout, as a table.
    fn overlap_table(&self, rows: &[&Overlap], with_layout: bool, caption: String) -> Table {
        let mut columns: Vec<String> = Vec::new();
        if with_layout {
            columns.push("layout".into());
        }
        columns.extend(["region".to_string(), "name".into()]);
        columns.extend(
            [
                Key::RColWeight,
                Key::RColOfThis,
                Key::RColOfOther,
                Key::RColGemeenten,
            ]
            .map(|k| self.f(k, &[])),
        );
        let rows = rows
            .iter()
            .map(|o| {
                let mut row: Vec<Value> = Vec::new();
                if with_layout {
                    row.push(o.layout.clone().into());
                }
                row.extend([
                    o.region.clone().into(),
                    o.name.clone().into(),
                    ColumnKind::Count.round(&o.weight.into()),
                    ColumnKind::Share.round(&o.share_of_profiled.into()),
                    ColumnKind::Share.round(&o.share_of_other.into()),
                    o.gemeenten.clone().into(),
                ]);
                row
            })
            .collect();
        Table {
            name: "overlaps".into(),
            title: caption,
            title_nl: None,
            columns,
            rows,
        }
    }

    /// `JZ07 IJsselland (7 gemeenten, 64 % van SWV VO 23-05)` for each overlap.
    fn overlap_list(&self, rows: &[&Overlap]) -> String {
        rows.iter()
            .map(|o| {
                self.f(
                    Key::ROverlapItem,
                    &[
                        ("region", &region_label(&o.region, &o.name)),
                        ("units", &number(o.weight, 3, self.taal)),
                        ("gemeenten", gemeenten_word(o.weight, self.taal)),
                        ("share", &percent(o.share_of_profiled)),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The lead: what the region is, its layout's source, its gemeenten (the split ones with
/// their share) and its inhabitants and area when figures are loaded.
fn lead(atlas: &Atlas, l: &Layout, s: &Subject<'_>, opts: &ReportOptions) -> String {
    let (p, taal) = (s.p, s.taal);
    let kind_text = if p.layout == opts.po {
        Key::RKindPo.get(taal).to_string()
    } else if p.layout == opts.vo {
        Key::RKindVo.get(taal).to_string()
    } else if p.layout == "jeugdzorgregio" {
        Key::RKindJz.get(taal).to_string()
    } else {
        Key::RKindOther.fill(taal, &[("layout", &p.layout)])
    };
    let mut out = vec![Key::RLeadWhat.fill(taal, &[("label", &s.long), ("kind", &kind_text)])];
    let mut version = provenance::version(atlas, l, taal);
    if !version.ends_with('.') {
        version.push('.');
    }
    out.push(s.f(
        Key::RLeadSource,
        &[("layout", &p.layout), ("version", &version)],
    ));
    let split: Vec<String> = p
        .gemeenten
        .iter()
        .filter(|g| g.share < WHOLE)
        .map(|g| format!("{} ({})", g.name, percent(g.share)))
        .collect();
    let n = p.gemeenten.len().to_string();
    if split.is_empty() && p.gemeenten.len() == 1 {
        out.push(Key::RLeadOne.get(taal).to_string());
    } else if split.is_empty() {
        out.push(s.f(Key::RLeadWhole, &[("n", &n)]));
    } else {
        let sum: f64 = p.gemeenten.iter().map(|g| g.share).sum();
        out.push(s.f(
            Key::RLeadSplit,
            &[
                ("n", &n),
                ("k", &split.len().to_string()),
                ("list", &split.join(", ")),
                ("sum", &number(sum, 3, taal)),
            ],
        ));
    }
    let figure = |name: &str| p.figures.iter().find(|f| f.figure == name);
    if let Some(inw) = figure("inwoners") {
        let inwoners = people_text(inw.value, taal);
        out.push(match figure("land_km2") {
            Some(km2) => s.f(
                Key::RLeadFigures,
                &[
                    ("inwoners", &inwoners),
                    ("km2", &number(km2.value, 1, taal)),
                ],
            ),
            None => s.f(Key::RLeadInwoners, &[("inwoners", &inwoners)]),
        });
        if inw.estimated_part >= 0.5 {
            out.push(s.f(
                Key::RLeadEstimated,
                &[("n", &people_text(inw.estimated_part, taal))],
            ));
        }
    }
    out.push(Key::RLeadIntro.get(taal).to_string());
    out.join(" ")
}

/// The OOGO section: for an SWV the gemeenten of its area, for any other region the SWV's
/// its gemeenten lie in.
fn oogo_html(atlas: &Atlas, s: &Subject<'_>, opts: &ReportOptions) -> String {
    let (p, taal) = (s.p, s.taal);
    let caption = s.f(Key::ROogoCaption, &[]);
    if p.is_swv() {
        let names: Vec<String> = p
            .oogo
            .iter()
            .map(|o| {
                if o.share < WHOLE {
                    format!("{} ({})", o.name, percent(o.share))
                } else {
                    o.name.clone()
                }
            })
            .collect();
        let intro = s.f(
            Key::ROogoSwv,
            &[
                ("n", &p.oogo.len().to_string()),
                ("gemeenten", gemeenten_word(p.oogo.len() as f64, taal)),
                ("list", &names.join(", ")),
            ],
        );
        let inwoners = |code: &str| {
            p.gemeenten
                .iter()
                .find(|g| g.unit == code)
                .and_then(|g| g.figures.get("inwoners"))
                .map_or(Value::Null, |v| v.round().into())
        };
        // The other SWV's (of both sectors) each gemeente holds OOGO with.
        let also = |code: &str| -> String {
            let Some(u) = code.parse().ok().and_then(|c| atlas.unit_index(&c)) else {
                return String::new();
            };
            [&opts.po, &opts.vo]
                .into_iter()
                .filter_map(|n| atlas.layout(n).ok())
                .flat_map(|l| {
                    l.regions_of(u)
                        .filter_map(|m| l.regions().get(m.region))
                        .map(|r| r.code.to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|c| c != &p.region)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let has_people = p.figures.iter().any(|f| f.figure == "inwoners");
        let mut columns = vec!["unit".to_string(), "name".into(), "share".into()];
        if has_people {
            columns.push("inwoners".into());
        }
        columns.push(Key::RColAlsoOogo.get(taal).into());
        let rows = p
            .oogo
            .iter()
            .map(|o| {
                let mut row: Vec<Value> = vec![
                    o.code.clone().into(),
                    o.name.clone().into(),
                    ColumnKind::Share.round(&o.share.into()),
                ];
                if has_people {
                    row.push(inwoners(&o.code));
                }
                row.push(also(&o.code).into());
                row
            })
            .collect();
        let t = Table {
            name: "oogo".into(),
            title: caption,
            title_nl: None,
            columns,
            rows,
        };
        format!("<p>{}</p>{}", esc(&intro), table_html(&t, taal))
    } else if p.oogo.is_empty()
        && [&opts.po, &opts.vo]
            .iter()
            .any(|n| atlas.layout(n).is_err())
    {
        super::html::missing_layouts(atlas, &[&opts.po, &opts.vo], taal)
    } else {
        let names: Vec<String> = p
            .oogo
            .iter()
            .map(|o| region_label(&o.code, &o.name))
            .collect();
        let intro = s.f(
            Key::ROogoOther,
            &[
                ("n", &p.oogo.len().to_string()),
                ("list", &names.join(", ")),
            ],
        );
        let columns = vec![
            "layout".to_string(),
            "region".into(),
            "name".into(),
            s.f(Key::RColWeight, &[]),
            s.f(Key::RColGemeenten, &[]),
        ];
        let rows = p
            .oogo
            .iter()
            .map(|o| {
                vec![
                    o.layout.clone().into(),
                    o.code.clone().into(),
                    o.name.clone().into(),
                    ColumnKind::Count.round(&o.share.into()),
                    o.gemeenten.clone().into(),
                ]
            })
            .collect();
        let t = Table {
            name: "oogo".into(),
            title: caption,
            title_nl: None,
            columns,
            rows,
        };
        format!("<p>{}</p>{}", esc(&intro), table_html(&t, taal))
    }
}

/// The units around the region: its gemeenten and every gemeente that borders one of them.
fn surroundings(atlas: &Atlas, members: &[UnitIdx]) -> Vec<UnitIdx> {
    let mut out = members.to_vec();
    for &u in members {
        out.extend(
            unit_neighbours(atlas, u, AdjacencyOptions::default())
                .into_iter()
                .map(|(n, _)| n),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The map section: the region's layout coloured, clipped to the region and its
/// neighbouring gemeenten, the region outlined with its gemeenten named, the neighbours
/// lighter; the borders of the partner layout (for an SWV) or of the SWV VO.
fn map_html(atlas: &Atlas, l: &Layout, s: &Subject<'_>, opts: &ReportOptions) -> Option<String> {
    let members: Vec<UnitIdx> =
        s.p.gemeenten
            .iter()
            .filter_map(|g| atlas.unit_index(&g.unit.parse().ok()?))
            .collect();
    if members.is_empty() {
        return None;
    }
    let b_name = if s.p.is_swv() {
        &opts.partner
    } else {
        &opts.vo
    };
    let b = atlas.layout(b_name).ok().filter(|b| b.name() != l.name());
    let around = Surroundings {
        units: surroundings(atlas, &members),
        label: s.f(Key::RMapClip, &[]),
        hatch: (&[], None),
        focus: Some(Focus {
            units: members,
            label: s.f(Key::RMapFocus, &[]),
        }),
    };
    let intro = match b {
        Some(b) => s.f(Key::RMapIntro, &[("layout", l.name()), ("b", b.name())]),
        None => s.f(Key::RMapIntroAlone, &[("layout", l.name())]),
    };
    Some(format!(
        "<p>{}</p>{}",
        esc(&intro),
        clipped_map(atlas, l, b, around, opts)
    ))
}

/// The layouts whose overlap gets a section of its own: for an SWV the partner layout
/// (the other sector's SWV has the PO/VO section), for any other region the SWV PO and VO.
fn main_overlaps<'o>(p: &RegionProfile, opts: &'o ReportOptions) -> Vec<&'o str> {
    let names: Vec<&str> = if p.is_swv() {
        vec![opts.partner.as_str()]
    } else {
        vec![opts.po.as_str(), opts.vo.as_str()]
    };
    names.into_iter().filter(|n| *n != p.layout).collect()
}

/// The PO/VO section: for an SWV how the other sector's regions lie in it, with the SWV PO
/// and VO of each gemeente; for any other region the latter.
fn po_vo_html(s: &Subject<'_>, opts: &ReportOptions) -> Option<String> {
    let (p, taal) = (s.p, s.taal);
    let mut inner = String::new();
    if p.is_swv() {
        let other = if p.layout == opts.po {
            &opts.vo
        } else {
            &opts.po
        };
        let rows: Vec<&Overlap> = p.overlaps.iter().filter(|o| &o.layout == other).collect();
        if let [one] = rows.as_slice()
            && one.share_of_profiled >= WHOLE
            && one.share_of_other >= WHOLE
        {
            let r = region_label(&one.region, &one.name);
            inner.push_str(&format!(
                "<p>{}</p>",
                esc(&s.f(Key::RPoVoSame, &[("other", &r)]))
            ));
        } else if !rows.is_empty() {
            let within = rows.iter().filter(|o| o.within).count();
            let cross: Vec<&Overlap> = rows.iter().copied().filter(|o| !o.within).collect();
            inner.push_str(&format!(
                "<p>{}</p>",
                esc(&s.f(
                    Key::RPoVoSwv,
                    &[
                        ("n", &rows.len().to_string()),
                        ("layout", other),
                        ("within", &within.to_string()),
                        ("cross", &cross.len().to_string()),
                        ("list", &s.overlap_list(&cross)),
                    ],
                ))
            ));
        }
        if !rows.is_empty() {
            let caption = s.f(Key::ROverlapCaption, &[("layout", other)]);
            inner.push_str(&table_html_class(
                &s.overlap_table(&rows, false, caption),
                taal,
                "wrap",
            ));
        }
    }
    if !p.po_vo.is_empty() {
        let differ = p.po_vo.iter().filter(|x| x.differ).count();
        inner.push_str(&format!(
            "<p>{}</p>",
            esc(&s.f(
                Key::RPoVoUnits,
                &[
                    ("k", &differ.to_string()),
                    ("n", &p.po_vo.len().to_string())
                ],
            ))
        ));
        let t = Table {
            name: "po_vo".into(),
            title: s.f(Key::RPoVoCaption, &[]),
            title_nl: None,
            columns: vec![
                "unit".into(),
                "name".into(),
                opts.po.clone(),
                opts.vo.clone(),
                s.f(Key::RColDiffer, &[]),
            ],
            rows: p
                .po_vo
                .iter()
                .map(|x| {
                    vec![
                        x.unit.clone().into(),
                        x.name.clone().into(),
                        x.swv_po.clone().into(),
                        x.swv_vo.clone().into(),
                        s.yes_no(x.differ),
                    ]
                })
                .collect(),
        };
        inner.push_str(&table_html(&t, taal));
    }
    (!inner.is_empty()).then_some(inner)
}

/// The key figures: each summed over the gemeenten × share, people whole, km² with one
/// decimal, with the part that rests on estimated shares.
fn figures_html(s: &Subject<'_>) -> Option<String> {
    let p = s.p;
    if p.figures.is_empty() {
        return None;
    }
    let round = |figure: &str, v: f64| -> Value {
        match kind(figure) {
            ColumnKind::Area => Value::from((v * 10.0).round() / 10.0),
            _ => Value::from(v.round() as i64),
        }
    };
    let t = Table {
        name: "figures".into(),
        title: s.f(Key::RFiguresCaption, &[]),
        title_nl: None,
        columns: [Key::RColFigure, Key::RColValue, Key::RColEstimated]
            .map(|k| k.get(s.taal).to_string())
            .to_vec(),
        rows: p
            .figures
            .iter()
            .map(|f| {
                vec![
                    f.figure.clone().into(),
                    round(&f.figure, f.value),
                    round(&f.figure, f.estimated_part),
                ]
            })
            .collect(),
    };
    Some(table_html(&t, s.taal))
}

/// Renders the profile of one region as one self-contained HTML page: findings first in
/// plain words, then its gemeenten, OOGO partners, a map of the region and its
/// surroundings, its overlap with the other layouts, where SWV PO and VO differ, its key
/// figures and the sources (CBS/Kadaster, CC BY 4.0; the SWV regeling) at the foot.
///
/// # Examples
/// ```
/// use speelveld::analysis::region_profile::region_profile;
/// use speelveld::render::report::{render_region_profile, ReportOptions};
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let p = region_profile(&atlas, "swv-vo", "VO2305").unwrap();
/// let html = render_region_profile(&atlas, &p, &ReportOptions::default()).unwrap();
/// assert!(html.contains("<h1>SWV VO 23-05 in beeld</h1>") && html.contains("<svg"));
/// ```
pub fn render_region_profile(
    atlas: &Atlas,
    p: &RegionProfile,
    opts: &ReportOptions,
) -> Result<String, Error> {
    let taal = opts.taal;
    let l = atlas.layout(&p.layout)?;
    let label = region_label(&p.region, &p.name);
    let long = if label.contains(&p.region) {
        label.clone()
    } else {
        format!("{label} ({})", p.region)
    };
    let title = Key::ProfileTitle.fill(taal, &[("name", &label)]);
    let s = Subject {
        p,
        label,
        long,
        taal,
    };
    let tables = p.tables()?;
    let mut sections = Sections::default();

    if let Some(t) = captioned(&tables, "gemeenten", s.f(Key::RGemeentenCaption, &[])) {
        sections.add(
            "gemeenten",
            Key::RGemeenten.get(taal),
            &table_html(&km2_one_decimal(compact(t)), taal),
        );
    }
    if let Some(inner) = map_html(atlas, l, &s, opts) {
        sections.add("kaart", Key::RMap.get(taal), &inner);
    }
    sections.add("oogo", Key::ROogo.get(taal), &oogo_html(atlas, &s, opts));
    let main = main_overlaps(p, opts);
    for (i, layout) in main.iter().enumerate() {
        let rows: Vec<&Overlap> = p.overlaps.iter().filter(|o| o.layout == *layout).collect();
        let heading = Key::ROverlap.fill(taal, &[("layout", layout)]);
        let inner = if rows.is_empty() {
            super::html::missing_layout(atlas, layout, taal)
        } else {
            format!(
                "<p>{}</p>{}",
                esc(&s.f(
                    Key::ROverlapIntro,
                    &[
                        ("n", &rows.len().to_string()),
                        ("layout", layout),
                        ("list", &s.overlap_list(&rows)),
                    ],
                )),
                table_html_class(
                    &s.overlap_table(
                        &rows,
                        false,
                        s.f(Key::ROverlapCaption, &[("layout", layout)])
                    ),
                    taal,
                    "wrap",
                )
            )
        };
        sections.add(&format!("overlap-{}", i + 1), &heading, &inner);
    }
    if let Some(inner) = po_vo_html(&s, opts) {
        sections.add("po-vo", Key::RPoVo.get(taal), &inner);
    }
    let shown_elsewhere = |o: &&Overlap| {
        main.contains(&o.layout.as_str())
            || (p.is_swv() && (o.layout == opts.po || o.layout == opts.vo))
    };
    let rest: Vec<&Overlap> = p.overlaps.iter().filter(|o| !shown_elsewhere(o)).collect();
    if !rest.is_empty() {
        let inner = format!(
            "<p>{}</p>{}",
            esc(&s.f(Key::ROthersIntro, &[])),
            table_html_class(
                &s.overlap_table(&rest, true, s.f(Key::ROthersCaption, &[])),
                taal,
                "wrap",
            )
        );
        sections.add("andere-indelingen", Key::ROthers.get(taal), &inner);
    }
    if let Some(inner) = figures_html(&s) {
        sections.add("kengetallen", Key::RFigures.get(taal), &inner);
    }
    let sources = format!(
        "{}{}",
        provenance::provenance_html(atlas, taal),
        note(Key::RAttribution.get(taal))
    );
    sections.add("bronnen", Key::RSources.get(taal), &sources);

    let lead = esc(&lead(atlas, l, &s, opts));
    Ok(sections.page(&title, &lead, opts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::region_profile::region_profile;

    /// The page without its script (which says `isNaN`).
    fn before_script(html: &str) -> &str {
        html.split("<script>").next().unwrap_or(html)
    }

    /// Numbers in the page with more than four decimals (a raw float).
    fn long_decimals(html: &str) -> Vec<String> {
        let b = html.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() && matches!(b.get(i + 1), Some(b'.' | b',')) {
                let j = (i + 2..b.len())
                    .find(|&j| !b[j].is_ascii_digit())
                    .unwrap_or(b.len());
                if j - (i + 2) > 4 {
                    out.push(html[i.saturating_sub(30)..j].to_string());
                }
                i = j;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn vo2305_page_names_its_gemeenten_oogo_partners_map_and_search_box() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let p = region_profile(&atlas, "swv-vo", "VO2305").unwrap();
        let html = render_region_profile(&atlas, &p, &ReportOptions::default()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        assert!(html.contains("<h1>SWV VO 23-05 in beeld</h1>"));
        for id in [
            "gemeenten",
            "oogo",
            "kaart",
            "overlap-1",
            "po-vo",
            "andere-indelingen",
            "kengetallen",
            "bronnen",
        ] {
            assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{id}");
        }
        // The lead: what it is, its law, its 11 whole gemeenten (the law's table, carried
        // to 2025), its people.
        assert!(html.contains(
            "SWV VO 23-05 (VO2305) is een samenwerkingsverband passend onderwijs voor het voortgezet onderwijs."
        ));
        assert!(html.contains("BWBR0032324"));
        assert!(html.contains("De regio omvat 11 gemeenten, elk geheel."));
        assert!(html.contains("Samen 406.346 inwoners op 1452,7 km² land"));
        // The OOGO partners: every one of its gemeenten, Dronten (Flevoland) among them.
        assert!(html.contains("voert op overeenstemming gericht overleg (OOGO)"));
        assert!(html.contains("<td>GM0303</td><td>Dronten</td>"));
        // The jeugdzorgregio's it meets, with IJsselland first.
        assert!(html.contains(
            "liggen in 4 regio&#39;s van jeugdzorgregio: JZ07 IJsselland (7 gemeenten, 64 % van SWV VO 23-05)"
        ));
        // PO and VO: PO 23-05 lies wholly within it, three PO regions reach across.
        assert!(
            html.contains("vallen er 1 geheel binnen SWV VO 23-05 en reiken er 3 over de grens")
        );
        // The map: clipped, the region outlined and its gemeenten named, neighbours lighter.
        assert_eq!(html.matches("<svg").count(), 1);
        assert!(html.contains(">Zwartewaterland</text>"));
        assert!(html.contains("fill-opacity=\"0.42\""));
        assert!(
            !html.contains("data-unit=\"GM1883\""),
            "Sittard-Geleen drawn"
        );
        assert!(html.contains("id=\"zoek\""));
        assert!(html.contains("Bron: CBS/Kadaster, CC BY 4.0"));
        assert!(!before_script(&html).contains("NaN") && !html.contains("inf<"));
        assert_eq!(long_decimals(&html), Vec::<String>::new());
    }

    #[test]
    fn a_jeugdzorgregio_page_in_english_lists_the_swvs_it_meets() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let p = region_profile(&atlas, "jeugdzorgregio", "JZ07").unwrap();
        let en = ReportOptions {
            taal: Taal::En,
            ..ReportOptions::default()
        };
        let html = render_region_profile(&atlas, &p, &en).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("<h1>JZ07 IJsselland at a glance</h1>"));
        assert!(html.contains("JZ07 IJsselland is a jeugdzorgregio"));
        assert!(html.contains("It holds 11 gemeenten, each whole."));
        // OOGO: the SWV's its gemeenten lie in; overlap sections for swv-po and swv-vo.
        assert!(html.contains("The gemeenten of JZ07 IJsselland hold OOGO with every"));
        assert!(html.contains("<h2 id=\"overlap-1\">Overlap with swv-po</h2>"));
        assert!(html.contains("<h2 id=\"overlap-2\">Overlap with swv-vo</h2>"));
        assert!(html.contains("SWV VO 23-05 ("));
        assert!(!html.contains("Zoeken in alle tabellen") && !html.contains("De regio omvat"));
        assert!(html.contains(">Staphorst</text>"));
        assert_eq!(long_decimals(&html), Vec::<String>::new());
        assert!(!before_script(&html).contains("NaN"));
    }

    #[test]
    fn a_split_gemeente_is_named_with_its_share_in_the_lead() {
        // PO 23-05 holds half of Staphorst and 80 % of Zwartewaterland (the law's postcode
        // table).
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let p = region_profile(&atlas, "swv-po", "PO2305").unwrap();
        let html = render_region_profile(&atlas, &p, &ReportOptions::default()).unwrap();
        assert!(html.contains("Staphorst (50 %)"), "no split Staphorst");
        assert!(html.contains("waarvan 2 voor een deel"));
    }

    #[test]
    fn the_licence_keeps_its_version_in_dutch() {
        // Was "CC BY 4" in the Dutch provenance table: the Dutch decimal comma trimmed it.
        use super::super::html::tidy_numbers;
        assert_eq!(tidy_numbers("(CC BY 4.0)", Taal::Nl), "(CC BY 4.0)");
        assert_eq!(tidy_numbers("0.5 en 0.25", Taal::Nl), "0,5 en 0,25");
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let p = region_profile(&atlas, "jeugdzorgregio", "JZ07").unwrap();
        let html = render_region_profile(&atlas, &p, &ReportOptions::default()).unwrap();
        assert!(html.contains("gebiedsindelingen 2025 (CC BY 4.0)"));
    }

    #[test]
    fn a_users_layout_without_swvs_figures_or_outlines_still_gets_its_page() {
        use crate::model::{GemeenteCode, Unit};
        let mut atlas = Atlas::new(Some(2025));
        let a = atlas
            .add_unit(Unit::new("GM0001".parse::<GemeenteCode>().unwrap(), "Een"))
            .unwrap();
        let b = atlas
            .add_unit(Unit::new("GM0002".parse::<GemeenteCode>().unwrap(), "Twee"))
            .unwrap();
        let mut l = Layout::new("demo");
        let r = l.add_region("R1".parse().unwrap(), "Midden");
        l.add_member(a, r, 1.0);
        l.add_member(b, r, 1.0);
        atlas.add_layout(l).unwrap();
        let p = region_profile(&atlas, "demo", "R1").unwrap();
        let html = render_region_profile(&atlas, &p, &ReportOptions::default()).unwrap();
        assert!(html.contains("<h1>R1 Midden in beeld</h1>"));
        assert!(html.contains("R1 Midden is een regio van de indeling demo."));
        assert!(html.contains("De regio omvat 2 gemeenten, elk geheel."));
        // Both gemeenten listed; no map (no outlines) and no SWV, each said in a note.
        assert!(html.contains("<td>GM0001</td><td>Een</td>"));
        assert!(html.contains("<td>GM0002</td><td>Twee</td>"));
        assert!(html.contains("Geen kaart:"), "no note for the map");
        assert!(html.contains("geen indeling swv-po of swv-vo geladen"));
        assert!(!html.contains("<h2 id=\"kengetallen\">"));
        assert_eq!(long_decimals(&html), Vec::<String>::new());
    }

    #[test]
    fn people_are_grouped_by_thousands() {
        assert_eq!(people_text(406_346.4, Taal::Nl), "406.346");
        assert_eq!(people_text(1_234_567.0, Taal::En), "1,234,567");
        assert_eq!(people_text(12.0, Taal::Nl), "12");
    }
}
