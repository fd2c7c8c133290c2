//! The provenance of each layout at the top of the report: its source, and for the SWV
//! layouts the legal version and date, said plainly when they were carried from the 2015
//! gemeenten to this year's.

use crate::model::{Atlas, Layout, Taal, Table};
use crate::render::text::Key;

/// The identifier of the SWV regeling in the source of a layout read from it.
const SWV_LAW: &str = "BWBR0032324";

/// What one layout's source says about its legal version and how it reached this year.
pub(super) fn version(atlas: &Atlas, l: &Layout, taal: Taal) -> String {
    let year = atlas.year.map_or(String::new(), |y| y.to_string());
    if l.source.contains(SWV_LAW) {
        let how = if l.source.contains("carried") || !l.conflicts.is_empty() {
            Key::ProvSwvCarried.fill(
                taal,
                &[
                    ("year", &year),
                    ("conflicts", &l.conflicts.len().to_string()),
                ],
            )
        } else {
            Key::ProvSwv2015.get(taal).to_string()
        };
        format!("{}: {how}.", Key::ProvSwvLaw.get(taal))
    } else if l.source.contains("CBS") {
        Key::ProvCbs.fill(taal, &[("year", &year)])
    } else {
        Key::ProvOther.get(taal).to_string()
    }
}

/// The provenance table: every layout with its regions and its source with the legal
/// version (the source as loaded is in the technical layouts table at the end).
pub(super) fn provenance_table(atlas: &Atlas, taal: Taal) -> Table {
    let rows = atlas
        .layouts()
        .iter()
        .map(|l| {
            vec![
                l.name().into(),
                l.regions().len().into(),
                version(atlas, l, taal).into(),
            ]
        })
        .collect();
    Table {
        name: "herkomst".into(),
        title: Key::ProvenanceHeading.get(taal).into(),
        title_nl: None,
        columns: vec![
            Key::ProvLayout.get(taal).into(),
            Key::ProvRegions.get(taal).into(),
            Key::ProvVersion.get(taal).into(),
        ],
        rows,
    }
}

/// The provenance table as HTML (long text wraps).
pub(super) fn provenance_html(atlas: &Atlas, taal: Taal) -> String {
    super::html::table_html_class(&provenance_table(atlas, taal), taal, "wrap")
}

#[cfg(test)]
mod tests {
    use super::super::html::table_html;
    use super::*;

    #[test]
    fn the_swv_layouts_say_they_are_the_2015_law_carried_to_2025() {
        let atlas = crate::dataset::embedded::atlas(Some(2025)).unwrap();
        let t = provenance_table(&atlas, Taal::Nl);
        let po = t.rows.iter().find(|r| r[0] == "swv-po").unwrap();
        let v = po[2].as_str().unwrap();
        assert!(
            v.contains("BWBR0032324") && v.contains("23 april 2015"),
            "{v}"
        );
        assert!(v.contains("overgezet naar de gemeenten van 2025"), "{v}");
        // 9 conflicts in swv-po (the README's count).
        assert!(v.contains("; 9 gemeenten met voorgangers"), "{v}");
        let jz = t.rows.iter().find(|r| r[0] == "jeugdzorgregio").unwrap();
        assert!(jz[2].as_str().unwrap().contains("CBS/Kadaster"));
        let atlas = crate::dataset::embedded::atlas(Some(2015)).unwrap();
        let t = provenance_table(&atlas, Taal::En);
        let po = t.rows.iter().find(|r| r[0] == "swv-po").unwrap();
        assert!(
            po[2]
                .as_str()
                .unwrap()
                .contains("as the law gives it, on the gemeenten of 2015")
        );
        let _ = table_html(&t, Taal::En);
    }
}
