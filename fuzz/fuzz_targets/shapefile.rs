//! Shapefile reader: any bytes as a `.shp`, and as a `.dbf` in each encoding (stated or
//! found by content).
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::shapefile::{DbfEncoding, parse_dbf, parse_shp};

fuzz_target!(|data: &[u8]| {
    let _ = parse_shp("fuzz.shp", data);
    for e in [None, Some(DbfEncoding::Utf8), Some(DbfEncoding::Windows1252)] {
        let _ = parse_dbf("fuzz.dbf", data, e);
    }
});
