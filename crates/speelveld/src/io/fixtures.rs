//! Named loaders for the real data the tests use, committed under the repository's
//! `tests/data/` (sources and licences in its README.md), so the repository tests itself.

use crate::io::text::{DelimitedTable, decode, read_table};
use crate::model::{Atlas, GemeenteCode, Unit};

/// The path of a real data file under `tests/data/`, e.g. `cbs/2025/gemeente.geojson`.
pub fn real_path(p: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(p)
}

/// The raw bytes of a real data file.
pub fn real_bytes(p: &str) -> Vec<u8> {
    let path = real_path(p);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The decoded text of a real data file.
pub fn real_text(p: &str) -> String {
    decode(p, &real_bytes(p)).expect("decodable")
}

/// A real table, read with the file's own name in messages.
pub fn real_table(p: &str) -> DelimitedTable {
    read_table(p, &real_text(p)).expect("a table")
}

/// An atlas of the gemeenten (codes and names, no geometry) of the real CBS table of a year.
pub fn gemeenten_atlas(year: u16) -> Atlas {
    let t = real_table(&format!("cbs/{year}/gemeente_regions_spatial.csv"));
    let mut a = Atlas::new(Some(year));
    for r in &t.rows {
        let code: GemeenteCode = r.get(0).parse().expect("a gemeente code");
        a.add_unit(Unit::new(code, r.get(1))).expect("unique codes");
    }
    a
}
