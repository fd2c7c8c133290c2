//! Named loaders for the real data beside the repository (`../shared/data`), for tests.

use crate::io::text::{DelimitedTable, decode, read_table};
use crate::model::{Atlas, GemeenteCode, Unit};

/// The path of a file under the shared real data.
pub fn shared_path(p: &str) -> String {
    format!("{}/../../../shared/data/{p}", env!("CARGO_MANIFEST_DIR"))
}

/// The decoded text of a shared real data file.
pub fn shared_text(p: &str) -> String {
    decode(p, &std::fs::read(shared_path(p)).expect("shared data file")).expect("decodable")
}

/// A shared real table, read with the file's own name in messages.
pub fn shared_table(p: &str) -> DelimitedTable {
    read_table(p, &shared_text(p)).expect("a table")
}

/// An atlas of the gemeenten (codes and names, no geometry) of the real CBS table of a year.
pub fn gemeenten_atlas(year: u16) -> Atlas {
    let t = shared_table(&format!("cbs/{year}/gemeente_regions_spatial.csv"));
    let mut a = Atlas::new(Some(year));
    for r in &t.rows {
        let code: GemeenteCode = r.get(0).parse().expect("a gemeente code");
        a.add_unit(Unit::new(code, r.get(1))).expect("unique codes");
    }
    a
}
