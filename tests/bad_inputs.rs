//! The bad-input corpus (`tests/bad_inputs/`, one small file per failure class; see its
//! README.md): the CLI runs on each file, and the test asserts the exit code and the key
//! words of the message: the file, the line or feature, and what was expected. Accepted
//! inputs (BOM, CRLF, Windows-1252, a repaired self-intersection) must load with nothing lost.
//!
//! Expected answers were worked out by hand from the files (each is a few lines long).

use assert_cmd::Command;

fn corpus(name: &str) -> String {
    format!("{}/tests/bad_inputs/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// How the CLI is run on a file of the corpus.
#[derive(Clone, Copy)]
enum Run {
    /// `--units FILE layouts`.
    Units,
    /// `--units units.geojson --layout x=FILE regions x --format csv`.
    Layout,
    /// `--units units.geojson --layout x=FILE validate x --format csv`.
    Validate,
    /// `--layout x=FILE validate x --format csv` on the embedded 2025 atlas.
    ValidateEmbedded,
    /// `--units units.geojson --figures FILE layouts`.
    Figures,
    /// `--units units.geojson --layout x=FILE regions x --format csv`, where the layout loads
    /// but has problems: the words are looked for in stderr (the problem line, and the
    /// error that stops the analysis when it has error-level problems).
    Analysis,
}

/// One case: the file, how it is run, the exit code, and the words stderr (on failure) or
/// stdout (on success) must hold.
struct Case {
    file: &'static str,
    run: Run,
    exit: i32,
    words: &'static [&'static str],
}

const CASES: &[Case] = &[
    // Messages that point at the right place.
    Case {
        file: "excel_sep_line.csv",
        run: Run::Layout,
        exit: 0,
        words: &[
            "region,name,units,split_units,area_km2\nR1,,2,0,",
            "\nR2,,1,0,",
        ],
    },
    Case {
        file: "utf16_without_bom.csv",
        run: Run::Layout,
        exit: 0,
        words: &[
            "region,name,units,split_units,area_km2\nR1,,2,0,",
            "\nR2,,1,0,",
        ],
    },
    Case {
        file: "null_geometry.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "feature 2 (GM0014): the geometry is missing or null; expected a Polygon or MultiPolygon",
        ],
    },
    Case {
        file: "huge_coordinate_in_feature_3.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "feature 3 (GM1900)",
            "(1e308, 53.1) lie outside the range of EPSG:4326",
        ],
    },
    Case {
        file: "no_such_file.csv",
        run: Run::Layout,
        exit: 1,
        words: &["no_such_file.csv: cannot read: No such file or directory"],
    },
    // GeoJSON.
    Case {
        file: "first_feature_without_code.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "feature 1",
            "no value for the code property 'statcode' (which 2 of the 3 features have)",
        ],
    },
    Case {
        file: "duplicate_key.geojson",
        run: Run::Units,
        exit: 1,
        words: &["the key 'statcode' appears twice in one object"],
    },
    Case {
        file: "crs_link.geojson",
        run: Run::Units,
        exit: 1,
        words: &["crs", "a crs of type 'link' that names no CRS"],
    },
    Case {
        file: "crs_misspelt.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "EPSG:43260: not in the EPSG definition table",
            "expected a CRS such as EPSG:28992",
        ],
    },
    Case {
        file: "crs_number.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "crs: a crs member 4289",
            "expected \"crs\": {\"type\": \"name\"",
        ],
    },
    Case {
        file: "crs_unknown_code.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "crs: EPSG:99999: not in the EPSG definition table",
            "EPSG:4289",
        ],
    },
    Case {
        file: "crs_degrees_as_3857.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "feature 1 (GM0363)",
            "lie outside the Netherlands when read as EPSG:3857",
            "the numbers look like longitude/latitude in degrees",
        ],
    },
    Case {
        file: "lat_lon_swapped.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "feature 1 (GM0363)",
            "lie outside the Netherlands",
            "they look like [latitude, longitude]",
        ],
    },
    Case {
        file: "other_country.geojson",
        run: Run::Units,
        exit: 1,
        words: &["lie outside the Netherlands", "expected Dutch data"],
    },
    // Spatial assignment.
    Case {
        file: "regions_repeated.geojson",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "the region polygons overlap: 3 unit(s) lie in more than one region at once",
            "3 overlapping-regions",
        ],
    },
    Case {
        file: "regions_elsewhere.geojson",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "1 nothing-assigned (first: ",
            "none of the 3 units of the atlas lies in any of its 1 regions",
        ],
    },
    Case {
        file: "regions_with_a_gap.geojson",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "1 outside-regions (first: GM1900 Súdwest-Fryslân is in no region of x",
            "it lies in no region polygon",
        ],
    },
    // Double counting.
    Case {
        file: "unit_in_two_regions.csv",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "1 shares (first: the shares of GM0363 Amsterdam sum to 2, expected 1",
            "x has error-level problems",
            "--keep-going",
        ],
    },
    Case {
        file: "duplicate_unit.csv",
        run: Run::Analysis,
        exit: 1,
        words: &["duplicate (first: GM0363 Amsterdam is listed more than once in region R1"],
    },
    Case {
        file: "region_two_names.csv",
        run: Run::Analysis,
        exit: 0,
        words: &["region R1 is named both 'Noord' and 'Zuid'; counted as one region"],
    },
    Case {
        file: "repeated_header.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "repeated_header.csv",
            "line 4",
            "the header of line 1 repeats here",
        ],
    },
    Case {
        file: "duplicate_header.csv",
        run: Run::Layout,
        exit: 1,
        words: &["line 1", "columns 2 and 3 are both named 'regiocode'"],
    },
    // Shares.
    Case {
        file: "shares_0_99.csv",
        run: Run::Analysis,
        exit: 1,
        words: &["the shares of GM0363 Amsterdam sum to 0.99, expected 1"],
    },
    Case {
        file: "empty_share_cell.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "line 3",
            "the share cell is empty for unit 'GM0363', which has 2 rows (lines 2, 3)",
        ],
    },
    // Codes that do not resolve.
    Case {
        file: "unknown_code.csv",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "1 unknown-code (first: ",
            "unknown_code.csv:5: unknown unit code GM9999",
        ],
    },
    Case {
        file: "code_zero_width.csv",
        run: Run::Analysis,
        exit: 1,
        words: &["code_zero_width.csv:2", "an invisible character (U+200B)"],
    },
    Case {
        file: "code_spreadsheet_number.csv",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "'363.0' is not a unit code",
            "a number a spreadsheet wrote",
            "GM0363",
        ],
    },
    Case {
        file: "code_five_digits.csv",
        run: Run::Analysis,
        exit: 1,
        words: &["'GM12345' is not a unit code: it has 5 digits"],
    },
    Case {
        file: "code_trailing_letter.csv",
        run: Run::Analysis,
        exit: 1,
        words: &["'GM0363x' is not a unit code", "expected GM and 4 digits"],
    },
    Case {
        file: "code_pc6.csv",
        run: Run::Analysis,
        exit: 1,
        words: &[
            "'1011AB' is not a unit code",
            "six-character postcode (PC6)",
        ],
    },
    // A quote that is never closed.
    Case {
        file: "unclosed_quote.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "unclosed_quote.csv",
            "line 2",
            "a quote opened on this line is never closed",
        ],
    },
    Case {
        file: "wrong_delimiter.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "wrong_delimiter.csv",
            "line 3",
            "1 field(s)",
            "expected 2 separated by ';'",
        ],
    },
    Case {
        file: "unknown_delimiter.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "unknown_delimiter.csv",
            "line 1",
            "no 'unit'",
            "found: gemeentecode|regiocode",
        ],
    },
    Case {
        file: "missing_header.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "missing_header.csv",
            "line 1",
            "no 'unit'",
            "found: GM0363,R1",
        ],
    },
    Case {
        file: "duplicate_unit.csv",
        run: Run::Validate,
        exit: 1,
        words: &[
            "duplicate,GM0363 Amsterdam,R1",
            "listed more than once in region R1",
        ],
    },
    Case {
        file: "unknown_code.csv",
        run: Run::Validate,
        exit: 1,
        words: &[
            "unknown_code.csv:5",
            "unknown unit code GM9999",
            "not among the 3 units",
        ],
    },
    Case {
        file: "wrong_year.csv",
        run: Run::ValidateEmbedded,
        exit: 1,
        words: &[
            "wrong_year.csv:5",
            "GM0381 is a gemeente of 2015 (Bussum)",
            "not a unit of this atlas of 2025",
            "by 2025 it is part of GM1942 Gooise Meren",
            "with translate",
        ],
    },
    Case {
        file: "shares_not_one.csv",
        run: Run::Validate,
        exit: 1,
        words: &["GM0363 Amsterdam", "sum to 0.8, expected 1"],
    },
    Case {
        file: "negative_share.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "negative_share.csv",
            "line 2",
            "share '-0.5' lies outside (0, 1]",
            "expected a share",
        ],
    },
    Case {
        file: "non_numeric_share.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "non_numeric_share.csv",
            "line 2",
            "share 'veel' is not a number",
            "expected a share",
        ],
    },
    Case {
        file: "non_numeric_figure.csv",
        run: Run::Figures,
        exit: 1,
        words: &[
            "non_numeric_figure.csv",
            "line 3",
            "column 'inwoners'",
            "'veel' is not a number",
            "expected a number (or an empty cell) like the other rows",
        ],
    },
    Case {
        file: "invalid_utf8.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "invalid_utf8.csv",
            "line 2",
            "byte 0xFF is not valid UTF-8",
            "expected one encoding",
        ],
    },
    Case {
        file: "nul_byte.csv",
        run: Run::Layout,
        exit: 1,
        words: &["nul_byte.csv", "line 2", "NUL byte", "expected a text file"],
    },
    Case {
        file: "empty.csv",
        run: Run::Layout,
        exit: 1,
        words: &["empty.csv", "the file is empty", "expected a header line"],
    },
    Case {
        file: "header_only.csv",
        run: Run::Layout,
        exit: 1,
        words: &[
            "header_only.csv",
            "the file is empty",
            "expected membership rows",
        ],
    },
    Case {
        file: "empty.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "empty.geojson",
            "the file is empty",
            "expected a GeoJSON FeatureCollection",
        ],
    },
    Case {
        file: "truncated.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "truncated.geojson",
            "line 1 column",
            "not valid JSON",
            "expected a GeoJSON FeatureCollection",
        ],
    },
    Case {
        file: "point.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "point.geojson",
            "feature 1 (GM0363)",
            "a Point geometry",
            "expected a Polygon or MultiPolygon",
        ],
    },
    Case {
        file: "rd_labelled_wgs84.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "rd_labelled_wgs84.geojson",
            "feature 1 (GM0363)",
            "outside the range of EPSG:4326",
            "expected longitude/latitude",
        ],
    },
    Case {
        file: "huge_coordinate.geojson",
        run: Run::Units,
        exit: 1,
        words: &[
            "huge_coordinate.geojson",
            "feature 1 (GM0363)",
            "1e300",
            "outside the range",
        ],
    },
    // Accepted inputs: they load, and every row is there.
    Case {
        file: "windows1252.csv",
        run: Run::Layout,
        exit: 0,
        words: &[
            "region,name,units,split_units,area_km2\nR1,Súdwest-Fryslân,1,0,",
            "\nR2,Amsterdam,1,",
        ],
    },
    Case {
        file: "bom.csv",
        run: Run::Layout,
        exit: 0,
        words: &[
            "region,name,units,split_units,area_km2\nR1,Amsterdam,1,0,",
            "\nR2,Groningen,1,",
        ],
    },
    Case {
        file: "crlf.csv",
        run: Run::Layout,
        exit: 0,
        words: &[
            "region,name,units,split_units,area_km2\nR1,Amsterdam,1,0,",
            "\nR2,Groningen,1,",
        ],
    },
    Case {
        file: "self_intersecting.geojson",
        run: Run::Units,
        exit: 0,
        words: &[],
    },
];

fn command(file: &str, run: Run) -> Command {
    let mut c = Command::cargo_bin("speelveld").expect("binary");
    let units = corpus("units.geojson");
    let layout = format!("x={file}");
    match run {
        Run::Units => c.args(["--units", file, "layouts", "--format", "csv"]),
        Run::Layout => c.args([
            "--units", &units, "--layout", &layout, "regions", "x", "--format", "csv",
        ]),
        Run::Validate => c.args([
            "--units", &units, "--layout", &layout, "validate", "x", "--format", "csv",
        ]),
        Run::ValidateEmbedded => c.args(["--layout", &layout, "validate", "x", "--format", "csv"]),
        Run::Figures => c.args(["--units", &units, "--figures", file, "layouts"]),
        Run::Analysis => c.args([
            "--units", &units, "--layout", &layout, "regions", "x", "--format", "csv",
        ]),
    };
    c
}

#[test]
fn every_bad_input_gets_its_exit_code_and_one_clear_line() {
    for case in CASES {
        if case.file == "no_such_file.csv" {
            assert!(!std::path::Path::new(&corpus(case.file)).exists());
        }
        let out = command(&corpus(case.file), case.run)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(case.exit),
            "{}: stdout {stdout}\nstderr {stderr}",
            case.file
        );
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("speelveld: error:"))
            .collect();
        let load_error = case.exit != 0
            && !matches!(
                case.run,
                Run::Validate | Run::ValidateEmbedded | Run::Analysis
            );
        if matches!(case.run, Run::Analysis) {
            // One problem line for the layout, then (on error) one line that stops the run.
            let warnings = stderr
                .lines()
                .filter(|l| l.starts_with("warning: x: "))
                .count();
            assert_eq!(warnings, 1, "{}: {stderr}", case.file);
            assert_eq!(
                errors.len(),
                usize::from(case.exit != 0),
                "{}: {stderr}",
                case.file
            );
            for w in case.words {
                assert!(stderr.contains(w), "{}: no '{w}' in: {stderr}", case.file);
            }
        } else if load_error {
            // One line, naming the file and what was expected, each part once (and at most
            // a line with the option that helps).
            assert_eq!(errors.len(), 1, "{}: {stderr}", case.file);
            let hints = stderr.lines().filter(|l| l.starts_with("hint: ")).count();
            assert!(hints <= 1, "{}: {stderr}", case.file);
            assert!(
                errors[0].matches("No such file").count() <= 1,
                "{}: {stderr}",
                case.file
            );
            assert_eq!(stderr.lines().count(), 1 + hints, "{}: {stderr}", case.file);
            for w in case.words {
                assert!(
                    errors[0].contains(w),
                    "{}: no '{w}' in: {stderr}",
                    case.file
                );
            }
        } else {
            assert!(errors.is_empty(), "{}: {stderr}", case.file);
            for w in case.words {
                assert!(stdout.contains(w), "{}: no '{w}' in: {stdout}", case.file);
            }
        }
    }
}

#[test]
fn a_self_intersecting_unit_is_repaired_with_a_warning_naming_it() {
    let out = Command::cargo_bin("speelveld")
        .expect("binary")
        .args([
            "--units",
            &corpus("self_intersecting.geojson"),
            "gemeente",
            "GM0363",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("self_intersecting.geojson: feature 1 (GM0363)")
            && stderr.contains("self-intersection")
            && stderr.contains("repaired"),
        "{stderr}"
    );
}

#[test]
fn a_million_rows_are_all_read() {
    // 10^6 membership rows, generated here (not committed): region R{i} holds unit i mod 3.
    // Every row must become a region of the layout: nothing is lost.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("million.csv");
    let codes = ["GM0363", "GM0014", "GM1900"];
    let mut text = String::with_capacity(20_000_000);
    text.push_str("gemeentecode,regiocode\n");
    for i in 0..1_000_000 {
        text.push_str(codes[i % 3]);
        text.push_str(",R");
        text.push_str(&i.to_string());
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write");
    let out = Command::cargo_bin("speelveld")
        .expect("binary")
        .args(["--units", &corpus("units.geojson")])
        .args([
            "--layout",
            &format!("x={}", path.display()),
            "layouts",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("layout,regions,units,source,legal_basis,version\nx,1000000,3,"),
        "{stdout}"
    );
}

#[test]
fn a_file_over_the_input_limit_is_refused_with_the_limit() {
    // A sparse 200 MB file (no disk space used): refused before it is read.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.csv");
    std::fs::File::create(&path)
        .expect("create")
        .set_len(200_000_000)
        .expect("set_len");
    for args in [
        vec![
            "--units".to_string(),
            path.display().to_string(),
            "layouts".into(),
        ],
        vec![
            "--layout".into(),
            format!("x={}", path.display()),
            "layouts".into(),
        ],
        vec![
            "--table".into(),
            path.display().to_string(),
            "layouts".into(),
        ],
    ] {
        let out = Command::cargo_bin("speelveld")
            .expect("binary")
            .args(&args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("big.csv: the file is 191 MiB; expected at most 128 MiB"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn keep_going_runs_the_analysis_and_still_names_the_problem() {
    let units = corpus("units.geojson");
    let layout = format!("x={}", corpus("unknown_code.csv"));
    let out = Command::cargo_bin("speelveld")
        .expect("binary")
        .args([
            "--keep-going",
            "--units",
            &units,
            "--layout",
            &layout,
            "regions",
            "x",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: x: 1 unknown-code"), "{stderr}");
    // GM0363, GM0014 and GM1900 in R1; GM9999 is left out.
    assert!(String::from_utf8_lossy(&out.stdout).contains("\nR1,,3,0,"));
}

#[test]
fn a_negative_figure_loads_but_is_no_weight() {
    // A balance (saldo) can be negative: it loads. Weighing by it is refused, naming the unit.
    let units = corpus("units.geojson");
    let figures = corpus("negative_figure.csv");
    let layout = format!("x={}", corpus("bom.csv"));
    let run = |weight: &str| {
        Command::cargo_bin("speelveld")
            .expect("binary")
            .args([
                "--units",
                &units,
                "--figures",
                &figures,
                "--layout",
                &layout,
                "--weight",
                weight,
                "regions",
                "x",
                "--format",
                "csv",
            ])
            .output()
            .expect("runs")
    };
    let out = run("units");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run("inwoners");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("unit GM0014 Groningen has -5 for 'inwoners'; expected a non-negative figure to weigh by"),
        "{stderr}"
    );
}

#[test]
fn thousands_separators_are_read_per_column_or_asked_for() {
    // 233.273 in a ';' file is 233273: Amsterdam 931.298 + Groningen 233.273 in R1 of bom.csv
    // (R1 Amsterdam, R2 Groningen, R3 Súdwest-Fryslân).
    let dir = tempfile::tempdir().expect("tempdir");
    let semicolon = dir.path().join("kerncijfers.csv");
    std::fs::write(
        &semicolon,
        "gemeentecode;provincie;inwoners\nGM0363;Noord-Holland;931.298\nGM0014;Groningen;233.273\nGM1900;Fryslân;89.850\n",
    )
    .expect("write");
    let tab = dir.path().join("kerncijfers.tsv");
    std::fs::write(
        &tab,
        "gemeentecode\tinwoners\nGM0363\t931.298\nGM0014\t233.273\nGM1900\t89.850\n",
    )
    .expect("write");
    let units = corpus("units.geojson");
    let layout = format!("x={}", corpus("bom.csv"));
    let run = |figures: &std::path::Path, extra: &[&str]| {
        let mut c = Command::cargo_bin("speelveld").expect("binary");
        c.args(["--units", &units, "--layout", &layout, "--figures"])
            .arg(figures)
            .args(extra)
            .args(["--weight", "inwoners", "regions", "x", "--format", "csv"]);
        c.output().expect("runs")
    };
    let out = run(&semicolon, &[]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("\nR1,Amsterdam,1,931298,false,,931298"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\nR2,Groningen,1,233273,false,,233273"),
        "{stdout}"
    );
    // Said on stderr: the text column skipped, and the separator taken from the ';'.
    assert!(
        stderr.contains("column 'provincie' holds text, not numbers; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("read with a decimal comma, as the ';' delimiter suggests"),
        "{stderr}"
    );
    // A tab-separated file does not tell: stop and ask.
    let out = run(&tab, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 2: column 'inwoners': '931.298' reads as 931298 with a decimal comma and as 931.298 with a decimal point"), "{stderr}");
    assert!(stderr.contains("hint: give --decimal comma"), "{stderr}");
    let out = run(&tab, &["--decimal", "comma"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\nR1,Amsterdam,1,931298,false,,931298"));
}

/// Runs `speelveld` on the corpus units with the file at `path` as layout `x`.
fn on_layout_x(path: &std::path::Path, args: &[&str]) -> std::process::Output {
    let layout = format!("x={}", path.display());
    Command::cargo_bin("speelveld")
        .expect("binary")
        .args(["--units", &corpus("units.geojson"), "--layout", &layout])
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn a_table_over_the_row_limit_is_refused_with_the_limit() {
    // Memory follows rows, not bytes: 2,000,001 short rows (22 MB) are refused by count,
    // naming the first line over the limit.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rows.csv");
    let mut text = String::from("unit,region\n");
    text.push_str(&"GM0363,R1\n".repeat(2_000_001));
    std::fs::write(&path, text).expect("write");
    let out = on_layout_x(&path, &["regions", "x"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "line 2000002: more than 2000000 rows; expected at most 2000000 (the row limit"
        ),
        "{stderr}"
    );
}

#[test]
fn validate_lists_a_thousand_findings_per_check_and_counts_the_rest() {
    // 3,000 rows of one unit in one region: 2,999 duplicates, listed up to 1,000.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dup.csv");
    let mut text = String::from("unit,region\nGM0014,R2\nGM1900,R2\n");
    text.push_str(&"GM0363,R1\n".repeat(3000));
    std::fs::write(&path, text).expect("write");
    let out = on_layout_x(&path, &["validate", "x", "--format", "csv"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout.matches(",duplicate,GM0363 Amsterdam,R1,").count(),
        1000
    );
    assert!(
        stdout.contains("and 1999 more duplicate finding(s) in x (only the first 1000 are listed)"),
        "{stdout}"
    );
    // The counts stay true past the cap: the problem line of an analysis and the totals of
    // validate say 2,999 duplicates, not 1,001 (the thousand listed plus the one that counts
    // the rest).
    let regions = on_layout_x(&path, &["regions", "x"]);
    let stderr = String::from_utf8_lossy(&regions.stderr);
    assert!(stderr.contains("x: 2999 duplicate (first: "), "{stderr}");
    let text = on_layout_x(&path, &["validate", "x"]);
    // 2,999 duplicates and the shares of GM0363, which sum to 3,000.
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(stderr.contains("3000 error(s), 0 warning(s)"), "{stderr}");
}
