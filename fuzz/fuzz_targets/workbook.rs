//! Workbooks (xlsx, xls, ods: the kind told by content) read as a table and as figures.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speelveld::io::figures::{FiguresOptions, figures_from_table};
use speelveld::io::format::FileKind;
use speelveld::io::workbook::{read_sheet, sheet_names};

fuzz_target!(|data: &[u8]| {
    let kind = match FileKind::sniff("fuzz.xlsx", data) {
        k if k.is_workbook() => k,
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
