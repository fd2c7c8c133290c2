//! Text decoding and delimited tables: decode any bytes, sniff the delimiter, read the table
//! and check that every row keeps its line and the header's width.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::text::{decode, read_table};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.csv", data) else {
        return;
    };
    if let Ok(t) = read_table("fuzz.csv", &text) {
        // Lines are 1-based, increase row by row and lie inside the file (CRLF, LF and a
        // lone CR each end a line).
        let lines = 1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count();
        let mut last = 1;
        for r in &t.rows {
            assert_eq!(r.fields.len(), t.headers.len());
            assert!(r.line > last, "row line {} after {last}", r.line);
            assert!(r.line <= lines, "line {} of {lines}", r.line);
            last = r.line;
        }
    }
});
