//! The wide table analysts pass around: one row per gemeente, per loaded layout its region's
//! code and name, and its key figures.
//!
//! One row per gemeente, so the table has a key (the gemeentecode) that a lookup in a
//! spreadsheet can use, and every column filters on exact values. A gemeente split between
//! regions of a layout gets its largest part in the layout's `_code` and `_name` columns
//! (ties broken by code), that part's share in `_share`, and its other parts in `_other`
//! (`PO2203 50%`, joined by `; `). Only layouts in which some gemeente is split have the
//! `_share` and `_other` columns, so a layout of whole gemeenten takes two columns.
//!
//! Columns, in a stable order: `unit`, `name`, then per layout in atlas order
//! `{layout}_code`, `{layout}_name` (and `{layout}_share`, `{layout}_other`), then the key
//! figures by name. Shares and figures are numbers, not text.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::{Atlas, Table, Tabular};

/// One gemeente's region in one layout.
#[derive(Debug, Clone, Serialize)]
pub struct ExportCell {
    /// The region holding the largest part (empty when the gemeente is in no region).
    pub code: String,
    /// Its name.
    pub name: String,
    /// The share of the gemeente in it (1 for a whole gemeente; `None` when in no region).
    pub share: Option<f64>,
    /// The other regions with their share (`PO2203 50%`), joined by `; `.
    pub other: String,
}

/// One gemeente across every layout.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRow {
    /// The gemeente's code.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// Its region in each layout, in the order of [`Export::layouts`].
    pub regions: Vec<ExportCell>,
    /// Its key figures.
    pub figures: BTreeMap<String, f64>,
}

/// The wide table of every gemeente × every loaded layout.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    /// The layouts, in atlas order.
    pub layouts: Vec<String>,
    /// Per layout, whether some gemeente is split in it (and so the table has its `_share`
    /// and `_other` columns).
    pub split: Vec<bool>,
    /// The figure names, sorted.
    pub figures: Vec<String>,
    /// One row per gemeente, by code.
    pub rows: Vec<ExportRow>,
}

impl Tabular for Export {
    fn tables(&self) -> Result<Vec<Table>, Error> {
        let rows: Vec<Map<String, Value>> = self
            .rows
            .iter()
            .map(|r| {
                let mut m = Map::new();
                m.insert("unit".into(), r.unit.clone().into());
                m.insert("name".into(), r.name.clone().into());
                for ((l, split), c) in self.layouts.iter().zip(&self.split).zip(&r.regions) {
                    m.insert(format!("{l}_code"), c.code.clone().into());
                    m.insert(format!("{l}_name"), c.name.clone().into());
                    if *split {
                        m.insert(
                            format!("{l}_share"),
                            c.share.map_or(Value::Null, Value::from),
                        );
                        m.insert(format!("{l}_other"), c.other.clone().into());
                    }
                }
                for f in &self.figures {
                    m.insert(
                        f.clone(),
                        r.figures.get(f).copied().map_or(Value::Null, Value::from),
                    );
                }
                m
            })
            .collect();
        Ok(vec![
            Table::from_rows("export", &rows)?
                .titled(format!("every gemeente × {} layouts", self.layouts.len()))
                .titled_nl(format!("elke gemeente × {} indelingen", self.layouts.len())),
        ])
    }
}

/// The wide table of every gemeente of the atlas × every layout.
///
/// # Examples
/// ```
/// use speelveld::model::Tabular;
/// let atlas = speelveld::dataset::embedded::atlas(None).unwrap();
/// let e = speelveld::analysis::export::export(&atlas);
/// assert_eq!(e.rows.len(), 342);
/// let t = &e.tables().unwrap()[0];
/// assert_eq!(&t.columns[..4], ["unit", "name", "swv-po_code", "swv-po_name"]);
/// ```
pub fn export(atlas: &Atlas) -> Export {
    let layouts = atlas.layouts();
    let split: Vec<bool> = layouts
        .iter()
        .map(|l| {
            let mut seen = std::collections::HashSet::new();
            l.members()
                .iter()
                .any(|m| m.share < 1.0 || !seen.insert(m.unit))
        })
        .collect();
    let figures: Vec<String> = atlas
        .units()
        .iter()
        .flat_map(|u| u.figures.keys().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut rows: Vec<ExportRow> = atlas
        .units()
        .iter()
        .enumerate()
        .map(|(i, u)| ExportRow {
            unit: u.code.to_string(),
            name: u.name.clone(),
            regions: layouts
                .iter()
                .map(|l| {
                    let mut parts: Vec<(String, String, f64)> = l
                        .regions_of(i)
                        .filter_map(|m| {
                            let r = l.regions().get(m.region)?;
                            Some((r.code.to_string(), r.name.clone(), m.share))
                        })
                        .collect();
                    parts.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
                    let mut parts = parts.into_iter();
                    match parts.next() {
                        None => ExportCell {
                            code: String::new(),
                            name: String::new(),
                            share: None,
                            other: String::new(),
                        },
                        Some((code, name, share)) => ExportCell {
                            code,
                            name,
                            share: Some(share),
                            other: parts
                                .map(|(c, _, s)| format!("{c} {:.0}%", s * 100.0))
                                .collect::<Vec<_>>()
                                .join("; "),
                        },
                    }
                })
                .collect(),
            figures: u.figures.clone(),
        })
        .collect();
    rows.sort_by(|a, b| a.unit.cmp(&b.unit));
    Export {
        layouts: layouts.iter().map(|l| l.name().to_string()).collect(),
        split,
        figures,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::embedded::atlas;

    #[test]
    fn one_row_per_gemeente_with_split_parts_beside_the_largest() {
        let a = atlas(None).unwrap();
        let e = export(&a);
        let t = e.tables().unwrap().remove(0);
        assert_eq!(t.rows.len(), 342);
        let col = |n: &str| t.columns.iter().position(|c| c == n).unwrap();
        // The CBS layouts are whole gemeenten: two columns; the SWV layouts have splits.
        assert!(t.columns.iter().all(|c| c != "jeugdzorgregio_share"));
        let (share, other) = (col("swv-po_share"), col("swv-po_other"));
        // Staphorst lies half in PO 22-03 and half in PO 23-05 (the law's postcodes): the
        // tie goes to the lower code, the other half is listed.
        let staphorst = t.rows.iter().find(|r| r[col("unit")] == "GM0180").unwrap();
        assert_eq!(staphorst[col("swv-po_code")], "PO2203");
        assert_eq!(staphorst[share], serde_json::json!(0.5));
        assert_eq!(staphorst[other], "PO2305 50%");
        // Figures are numbers.
        assert!(staphorst[col("inwoners")].is_number());
        // Every row's shares of a layout add up to 1 with the other parts.
        assert!(t.rows.iter().all(|r| r[share].as_f64().unwrap() > 0.0));
    }
}
