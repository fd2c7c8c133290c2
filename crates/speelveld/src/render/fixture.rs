//! A real atlas for render tests, read from the shared CBS data (2025 gemeenten with their
//! jeugdzorgregio, arbeidsmarktregio and GGD-regio by representative point).

use crate::io::geojson::{GeoJsonOptions, read_polygons};
use crate::model::{Atlas, Crs, GemeenteCode, Layout, Unit};

pub(crate) fn atlas_2025() -> Atlas {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/cbs/2025/"
    );
    let text = std::fs::read_to_string(format!("{dir}gemeente.geojson")).unwrap();
    let layer = read_polygons("gemeente.geojson", &text, &GeoJsonOptions::default()).unwrap();
    let mut atlas = Atlas::new(Some(2025));
    atlas.crs = Crs::Wgs84;
    for f in layer.features {
        let code: GemeenteCode = f.code.parse().unwrap();
        atlas
            .add_unit(Unit::new(code, f.name).with_geometry(f.geometry))
            .unwrap();
    }
    let mut rdr = csv::Reader::from_path(format!("{dir}gemeente_regions_spatial.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    for (name, col) in [
        ("jeugdzorgregio", 2),
        ("arbeidsmarktregio", 4),
        ("ggdregio", 6),
    ] {
        let mut l = Layout::new(name);
        l.whole_units = true;
        for r in &rows {
            let code: GemeenteCode = r[0].parse().unwrap();
            let u = atlas.unit_index(&code.into()).unwrap();
            let reg = l.add_region(r[col].parse().unwrap(), &r[col + 1]);
            l.add_member(u, reg, 1.0);
        }
        atlas.add_layout(l).unwrap();
    }
    atlas
}
