//! The profile of one gemeente: "het speelveld in beeld" for one party. Its region in every
//! layout, the other gemeenten it shares each region with (and so the partners at each
//! table, the OOGO partners among them), where its SWV PO and SWV VO differ, and its key
//! figures.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::lookup::{Neighbour, UnitRegion, unit_regions};
use crate::error::Error;
use crate::model::{Atlas, Table, Tabular};

/// The gemeenten that share one region with the profiled one.
#[derive(Debug, Clone, Serialize)]
pub struct Together {
    /// The layout.
    pub layout: String,
    /// The region's code.
    pub region: String,
    /// The region's name.
    pub name: String,
    /// The profiled gemeente's share in the region.
    pub share: f64,
    /// How many other gemeenten (partly) lie in the region.
    pub others: usize,
    /// Their names, with the share where they lie only partly in it (`Staphorst (50%)`).
    pub gemeenten: String,
}

/// One key figure of the gemeente.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The figure's name.
    pub figure: String,
    /// Its value.
    pub value: f64,
}

/// The profile of one gemeente.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// The gemeente's code.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// What the query was read as, when it was another name (see
    /// [`crate::analysis::lookup::UnitRegions::read_as`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
    /// Its region in every layout.
    pub regions: Vec<UnitRegion>,
    /// Per layout and region, the other gemeenten in it.
    pub together: Vec<Together>,
    /// Gemeenten in its SWV PO region but not its SWV VO region, and the other way round
    /// (`po-only`, `vo-only`), when both layouts are loaded.
    pub po_vo_differ: Vec<(String, String)>,
    /// Its key figures, when loaded.
    pub figures: Vec<Figure>,
    /// Its neighbours.
    pub neighbours: Vec<Neighbour>,
}

impl Tabular for Profile {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let label = format!("{} {}", self.unit, self.name);
        let mut tables = vec![
            Table::from_rows("regions", &self.regions)?
                .titled(format!("{label}: its regions"))
                .titled_nl(format!("{label}: haar regio's")),
            Table::from_rows("together", &self.together)?
                .titled(format!("{label}: the other gemeenten at each table"))
                .titled_nl(format!("{label}: de andere gemeenten aan elke tafel")),
        ];
        if !self.po_vo_differ.is_empty() {
            #[derive(Serialize)]
            struct Row<'a> {
                side: &'a str,
                gemeente: &'a str,
            }
            let rows: Vec<Row> = self
                .po_vo_differ
                .iter()
                .map(|(side, g)| Row { side, gemeente: g })
                .collect();
            tables.push(
                Table::from_rows("po_vo_differ", &rows)?
                    .titled(format!(
                        "{label}: gemeenten in only one of its SWV PO and VO"
                    ))
                    .titled_nl(format!(
                        "{label}: gemeenten in maar één van haar SWV PO en VO"
                    )),
            );
        }
        if !self.figures.is_empty() {
            tables.push(
                Table::from_rows("figures", &self.figures)?
                    .titled(format!("{label}: key figures"))
                    .titled_nl(format!("{label}: kengetallen")),
            );
        }
        if !self.neighbours.is_empty() {
            tables.push(
                Table::from_rows("neighbours", &self.neighbours)?
                    .titled(format!("{label}: neighbours"))
                    .titled_nl(format!("{label}: buurgemeenten")),
            );
        }
        Ok(tables)
    }
}

/// The SWV layouts whose regions are compared in [`Profile::po_vo_differ`].
pub const SWV_LAYOUTS: (&str, &str) = ("swv-po", "swv-vo");

/// The profile of the gemeente that `query` names (a code or a name, as
/// [`crate::analysis::lookup::find_unit`] finds it).
///
/// # Examples
/// ```
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let p = speelveld::analysis::profile::profile(&atlas, "Zwolle").unwrap();
/// assert_eq!(p.unit, "GM0193");
/// let jz = p.together.iter().find(|t| t.layout == "jeugdzorgregio").unwrap();
/// assert_eq!(jz.region, "JZ07");
/// ```
pub fn profile(atlas: &Atlas, query: &str) -> Result<Profile, Error> {
    let base = unit_regions(atlas, query)?;
    let i = crate::analysis::lookup::find_unit(atlas, query)?;
    let mut together = Vec::new();
    for l in atlas.layouts() {
        for m in l.regions_of(i) {
            let Some(r) = l.regions().get(m.region) else {
                continue;
            };
            let others: Vec<String> = l
                .units_of(m.region)
                .filter(|o| o.unit != i)
                .filter_map(|o| {
                    let u = atlas.units().get(o.unit)?;
                    Some(if o.share < 1.0 {
                        format!("{} ({:.0}%)", u.name, o.share * 100.0)
                    } else {
                        u.name.clone()
                    })
                })
                .collect();
            together.push(Together {
                layout: l.name().to_string(),
                region: r.code.to_string(),
                name: r.name.clone(),
                share: (m.share * 1e4).round() / 1e4,
                others: others.len(),
                gemeenten: others.join(", "),
            });
        }
    }
    let gemeenten_with = |layout: &str| -> Option<BTreeSet<String>> {
        let l = atlas.layout(layout).ok()?;
        Some(
            l.regions_of(i)
                .flat_map(|m| l.units_of(m.region))
                .filter(|o| o.unit != i)
                .filter_map(|o| atlas.units().get(o.unit).map(|u| u.name.clone()))
                .collect(),
        )
    };
    let mut po_vo_differ = Vec::new();
    if let (Some(po), Some(vo)) = (gemeenten_with(SWV_LAYOUTS.0), gemeenten_with(SWV_LAYOUTS.1)) {
        po_vo_differ.extend(
            po.difference(&vo)
                .map(|g| ("po-only".to_string(), g.clone())),
        );
        po_vo_differ.extend(
            vo.difference(&po)
                .map(|g| ("vo-only".to_string(), g.clone())),
        );
    }
    let figures = atlas
        .units()
        .get(i)
        .map(|u| {
            u.figures
                .iter()
                .map(|(k, v)| Figure {
                    figure: k.clone(),
                    value: *v,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Profile {
        unit: base.unit,
        name: base.name,
        read_as: base.read_as,
        regions: base.regions,
        together,
        po_vo_differ,
        figures,
        neighbours: base.neighbours,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn zwolle_at_every_table() {
        // python3 on tests/data/cbs/2025/gemeente_regions_spatial.csv: JZ07 IJsselland holds
        // Dalfsen, Deventer, Hardenberg, Kampen, Olst-Wijhe, Ommen, Raalte, Staphorst,
        // Steenwijkerland, Zwartewaterland and Zwolle (11); so Zwolle has 10 others there.
        let a = atlas(None).unwrap();
        let p = profile(&a, "Zwolle").unwrap();
        let jz = p
            .together
            .iter()
            .find(|t| t.layout == "jeugdzorgregio")
            .unwrap();
        assert_eq!((jz.region.as_str(), jz.others), ("JZ07", 10));
        assert!(jz.gemeenten.contains("Staphorst"));
        // Every layout has a row; the figures come with the embedded data.
        assert_eq!(p.together.len(), a.layouts().len());
        assert!(p.figures.iter().any(|f| f.figure == "inwoners"));
        let po = p.together.iter().find(|t| t.layout == "swv-po").unwrap();
        assert!(po.gemeenten.contains("Staphorst (50%)"), "{}", po.gemeenten);
    }
}
