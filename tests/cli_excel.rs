//! Spreadsheets in and out, end to end on real workbooks (`tests/data/excel/`, made by its
//! `make_excel.py` from the CBS/Kadaster data with openpyxl, odfpy and xlwt, not with
//! speelveld).
//!
//! The truth is `koppelcodes.csv`, written by the same script from the same rows with
//! pandas: every workbook must give what the CSV gives, and the CSV's own counts (counted
//! here from its rows, not from speelveld's output) must be in the answer. A workbook
//! speelveld writes is read back with calamine and unzipped to check its styles.

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::{real, run_ok, speelveld, stdout};

fn excel(name: &str) -> String {
    real(&format!("excel/{name}"))
}

/// Per region code: the number of gemeenten in the truth CSV (column `col`), and the name.
fn truth_counts(col_code: usize, col_name: usize) -> BTreeMap<String, (usize, String)> {
    let text = std::fs::read_to_string(excel("koppelcodes.csv")).expect("truth csv");
    let mut out: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        let e = out
            .entry(f[col_code].to_string())
            .or_insert((0, f[col_name].to_string()));
        e.0 += 1;
    }
    out
}

/// `region,name,units` of a `regions` CSV.
fn counts_of(regions_csv: &str) -> BTreeMap<String, (usize, String)> {
    regions_csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].to_string(),
                (f[2].parse().expect("units"), f[1].to_string()),
            )
        })
        .collect()
}

#[test]
fn every_workbook_gives_the_memberships_of_the_csv() {
    let regions = |file: &str| {
        let layout = format!("vr={file}:Veiligheidsregiocode");
        run_ok(&["--layout", &layout, "regions", "vr", "--format", "csv"])
    };
    let (csv, _) = regions(&excel("koppelcodes.csv"));
    // The truth, counted from the CSV's rows: 25 veiligheidsregio's, 342 gemeenten.
    let truth = truth_counts(2, 3);
    assert_eq!(truth.len(), 25);
    assert_eq!(truth.values().map(|v| v.0).sum::<usize>(), 342);
    assert_eq!(counts_of(&csv), truth);
    for file in [
        excel("koppelcodes.xlsx"),
        format!("{}#tekst", excel("koppelcodes.xlsx")),
        format!("{}#TEKST", excel("koppelcodes.xlsx")),
        excel("koppelcodes.ods"),
        excel("koppelcodes.xls"),
    ] {
        let (out, err) = regions(&file);
        assert_eq!(out, csv, "{file}");
        assert!(!err.contains("error"), "{file}: {err}");
    }
    // The first sheet: codes typed as numbers under a title row, both said on stderr.
    let (_, err) = regions(&excel("koppelcodes.xlsx"));
    assert!(
        err.contains("koppelcodes.xlsx: sheet 'getallen' read, the first with data; the other sheets with data ('tekst', 'toelichting')"),
        "{err}"
    );
    assert!(
        err.contains("koppelcodes.xlsx#getallen: 1 row(s) above the header (line 3) hold one cell each and were skipped as a title: line 1: 'Gemeenten met hun veiligheidsregio en provincie"),
        "{err}"
    );
}

#[test]
fn a_wide_workbook_keeps_every_pair_with_its_names() {
    let units = real("cbs/2025/gemeente.geojson");
    let table = format!("{}#tekst", excel("koppelcodes.xlsx"));
    let out = stdout(&[
        "--units",
        &units,
        "--table",
        &table,
        "regions",
        "provincie",
        "--format",
        "csv",
    ]);
    // The provincie names come from the column beside the codes (Provincienaam).
    let truth = truth_counts(4, 5);
    assert_eq!(truth.len(), 12);
    assert_eq!(counts_of(&out), truth);
    assert!(out.contains("PV26,Utrecht,26,"), "{out}");
    let layouts = stdout(&[
        "--units", &units, "--table", &table, "layouts", "--format", "csv",
    ]);
    assert!(layouts.contains("veiligheidsregio,25,342"), "{layouts}");
}

#[test]
fn a_figures_workbook_gives_the_figures_of_the_csv() {
    let args = |f: &str| {
        run_ok(&[
            "--figures",
            f,
            "--weight",
            "inwoners",
            "regions",
            "jeugdzorgregio",
            "--format",
            "csv",
        ])
    };
    let (from_csv, _) = args(&real("cbs/2021/kerncijfers_gemeenten_2021.csv"));
    let (from_xlsx, err) = args(&excel("kerncijfers.xlsx"));
    assert_eq!(from_xlsx, from_csv);
    // The date column (typed as a date) reads as an ISO date: text, so no figure.
    assert!(
        err.contains(
            "kerncijfers.xlsx#kerncijfers 2021: column 'peildatum' holds text, not numbers; skipped"
        ),
        "{err}"
    );
    assert!(
        err.contains("totals kept (inwoners 17,475,415 → 17,475,415)"),
        "{err}"
    );
}

#[test]
fn a_csv_that_is_an_xlsx_is_read_as_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fake = dir.path().join("KoppelCodes.csv");
    std::fs::copy(excel("koppelcodes.xlsx"), &fake).expect("copy");
    let layout = format!("vr={}#tekst:Veiligheidsregiocode", fake.display());
    let (out, err) = run_ok(&["--layout", &layout, "regions", "vr", "--format", "csv"]);
    let (csv, _) = run_ok(&[
        "--layout",
        &format!("vr={}:Veiligheidsregiocode", excel("koppelcodes.csv")),
        "regions",
        "vr",
        "--format",
        "csv",
    ]);
    assert_eq!(out, csv);
    assert!(
        err.contains("KoppelCodes.csv: the file is an Excel workbook (xlsx) although its name ends in '.csv'; read as a workbook"),
        "{err}"
    );
}

/// Runs with a layout from `file` and asserts exit 1 with every word on stderr.
fn layout_fails(file: &str, words: &[&str]) {
    let layout = format!("x={file}:Veiligheidsregiocode");
    let out = speelveld()
        .args(["--layout", &layout, "regions", "x"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for w in words {
        assert!(err.contains(w), "{file}: {w:?} not in {err}");
    }
}

#[test]
fn bad_workbooks_say_what_is_wrong() {
    let book = excel("koppelcodes.xlsx");
    layout_fails(
        &format!("{book}#Blad1"),
        &[
            "koppelcodes.xlsx: no sheet 'Blad1'; expected one of the sheets found: 'getallen', 'tekst', 'toelichting', 'leeg'",
        ],
    );
    layout_fails(
        &format!("{book}#leeg"),
        &["koppelcodes.xlsx#leeg: the sheet is empty; expected a header row and data rows"],
    );
    layout_fails(
        &excel("koppelcodes_wachtwoord.xlsx"),
        &["koppelcodes_wachtwoord.xlsx: the workbook is protected by a password"],
    );
    layout_fails(
        &format!("{}#tekst", excel("koppelcodes.csv")),
        &[
            "koppelcodes.csv: sheet 'tekst' was asked for, but the file is a text table; expected a workbook",
        ],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = std::fs::read(&book).expect("workbook");
    for (name, cut) in [("half.xlsx", bytes.len() / 2), ("head.xlsx", 100)] {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes[..cut]).expect("write");
        layout_fails(
            &p.display().to_string(),
            &[
                &format!("{name}: cannot read the workbook ("),
                "damaged or cut short",
            ],
        );
    }
}

/// The cells of a sheet of a workbook, as calamine reads them.
fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    let range = book.worksheet_range(name).expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn a_written_workbook_has_the_tables_as_numbers_with_a_bold_frozen_header() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crosswalk.xlsx");
    let figures = real("cbs/2021/kerncijfers_gemeenten_2021.csv");
    let args = [
        "--figures",
        &figures,
        "crosswalk",
        "swv-vo",
        "jeugdzorgregio",
    ];
    let (_, err) = run_ok(
        &[
            &args[..],
            &["--format", "xlsx", "-o", &path.display().to_string()],
        ]
        .concat(),
    );
    assert!(
        err.contains("wrote") && err.contains("crosswalk.xlsx"),
        "{err}"
    );
    let csv = stdout(&[&args[..], &["--format", "csv"]].concat());
    let book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("xlsx");
    assert_eq!(book.sheet_names(), ["crosswalk", "bron"]);
    // Every cell equals the CSV's: text as text, numbers as numbers.
    let cells = sheet(&path, "crosswalk");
    // The CSV parsed as CSV: the gemeente names of a cell hold commas inside quotes.
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    assert_eq!(cells.len(), records.len());
    let mut numbers = 0;
    for (row, fields) in cells.iter().zip(&records) {
        let line = fields.join(",");
        assert_eq!(row.len(), fields.len(), "{line}");
        for (cell, field) in row.iter().zip(fields) {
            match cell {
                Data::Float(f) => {
                    let want: f64 = field.parse().expect("a number in the CSV");
                    assert!(
                        (f - want).abs() <= 1e-6 * want.abs().max(1.0),
                        "{f} vs {field}"
                    );
                    numbers += 1;
                }
                Data::String(s) => assert_eq!(s, field),
                Data::Bool(b) => assert_eq!(b.to_string(), *field),
                Data::Empty => assert_eq!(*field, ""),
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    assert!(numbers > cells.len() * 3, "{numbers} numbers");
    // Sources and licences, the input file, and the sheet's title.
    let bron: Vec<String> = sheet(&path, "bron")
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    for want in [
        "CC BY 4.0, Bron: CBS/Kadaster",
        "wettekst: geen auteursrecht (Auteurswet art. 11)",
        "invoer: figures",
        "blad 'crosswalk'",
    ] {
        assert!(bron.iter().any(|c| c.contains(want)), "{want}: {bron:?}");
    }
    assert!(
        bron.iter()
            .any(|c| c.ends_with("kerncijfers_gemeenten_2021.csv")),
        "{bron:?}"
    );
    // The header: bold (its style's font), frozen, with an autofilter.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut s)
            .expect("utf-8");
        s
    };
    let sheet1 = part("xl/worksheets/sheet1.xml");
    let styles = part("xl/styles.xml");
    assert!(
        sheet1.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet1}"
    );
    assert!(sheet1.contains(r#"<autoFilter ref="A1:"#), "{sheet1}");
    assert!(sheet1.contains(r#"<cols>"#), "widths fitted: {sheet1}");
    assert!(sheet1.contains(r#"<c r="A1" s="1" t="s">"#), "{sheet1}");
    let fonts = styles.split("<font>").nth(2).expect("a second font");
    assert!(fonts.starts_with("<b/>"), "{styles}");
}

#[test]
fn xlsx_needs_a_file() {
    speelveld()
        .args(["layouts", "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--format xlsx writes a workbook, which is no text for a terminal or a pipe; use -o FILE.xlsx",
        ));
    speelveld()
        .args(["layouts", "--format", "xlsx", "--excel", "-o", "x.xlsx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("conflicts with --format xlsx"));
}

#[test]
fn the_swv_table_as_a_workbook_gives_the_postcode_atlas_of_the_csv() {
    let csv = stdout(&[
        "--units",
        &real("swv/regio_indeling_swv_pc4.csv"),
        "regions",
        "swv-vo",
        "--format",
        "csv",
    ]);
    let (xlsx, err) = run_ok(&[
        "--units",
        &excel("swv_pc4.xlsx"),
        "regions",
        "swv-vo",
        "--format",
        "csv",
    ]);
    assert_eq!(xlsx, csv);
    // The law's rows without an SWV code are named by their sheet row, as in the CSV.
    assert!(
        err.contains("swv_pc4.xlsx#bijlage:942: postcode 3197 (Rotterdam) has no SWV VO code"),
        "{err}"
    );
}

/// Regression: `--taal nl --format xlsx` wrote the English headers (every other format
/// translated them).
#[test]
fn a_workbook_has_the_headers_in_the_language_asked_for() {
    use calamine::Data;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.xlsx");
    let out = path.display().to_string();
    run_ok(&["--taal", "nl", "export", "--format", "xlsx", "-o", &out]);
    let cells = sheet(&path, "export");
    let header: Vec<String> = cells[0]
        .iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    let csv = stdout(&["--taal", "nl", "export", "--format", "csv"]);
    let want: Vec<&str> = csv.lines().next().expect("a header").split(',').collect();
    assert_eq!(header, want);
    assert!(header.iter().any(|h| h == "gemeentecode"), "{header:?}");
}
