//! Workbooks (xlsx and ods: the kind told by content) read as a table and as figures.
//!
//! xls is left out: calamine's compound-file reader panics on a sector id past the end of
//! the file (cfb.rs, `Sectors::get`), which the library turns into an error with
//! `catch_unwind` but libFuzzer's panic hook reports as a crash before it unwinds. The
//! unit tests of `io::workbook` feed damaged xls files instead
//! (`tests/data/excel/damaged_sector.xls` is the first such crash).
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::figures::{FiguresOptions, figures_from_table};
use speelveld::io::format::FileKind;
use speelveld::io::workbook::{read_sheet, sheet_names};

fuzz_target!(|data: &[u8]| {
    let kind = match FileKind::sniff("fuzz.xlsx", data) {
        FileKind::Ods => FileKind::Ods,
        // A compound file (xls, an encrypted xlsx): see above.
        FileKind::Xls => return,
        _ => FileKind::Xlsx,
    };
    let names = sheet_names("fuzz.xlsx", data, kind).unwrap_or_default();
    for sheet in std::iter::once(None).chain(names.iter().map(|n| Some(n.as_str()))) {
        let Ok(s) = read_sheet("fuzz.xlsx", data, kind, sheet) else {
            continue;
        };
        for r in &s.table.rows {
            assert_eq!(r.fields.len(), s.table.headers.len());
        }
        let _ = figures_from_table(&s.table, FiguresOptions::default());
    }
});
