//! One language throughout: `--taal nl` tables say no English a Dutch reader would see
//! (titles, relations, severities, checks, yes/no, the fixed parts of findings), `--taal en`
//! (the default) keeps the English, JSON keeps English values; map labels are names.

mod common;
use common::*;

/// English words the tables of the embedded data said under `--taal nl` before they were
/// translated (found by running every command with `--taal nl`). `of`, `partners`,
/// `cluster` and `info` in `informatie` are Dutch too and are not listed.
const ENGLISH: &[&str] = &[
    "crosses",
    "neighbour",
    "stub",
    "within",
    "contains",
    "identical",
    "true",
    "false",
    "warning",
    "error",
    "info",
    "merger-conflict",
    "non-contiguous",
    "no-region-code",
    "split",
    "units",
    "unit",
    "regions",
    "layouts",
    "dataset",
    "embedded",
    "carried",
    "crosswalk",
    "compared",
    "sizes",
    "the",
    "its",
    "and",
    "with",
    "by",
    "lies",
    "same",
    "members",
    "weight",
    "shares",
    "year",
    "source",
    "validation",
    "pairs",
    "totals",
    "counts",
    "merger",
    "boundary",
    "unchanged",
    "recoded",
    "merged",
    "removed",
    "created",
    "figures",
    "neighbours",
    "only",
    "dropped",
    "below",
];

/// The words of a text: letters with `-` and `'` inside; a file name (`a_b.csv`, `x/y`) is
/// one word, so the names of the sources do not count.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || "-'_./".contains(c)))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn english_in(text: &str) -> Vec<String> {
    let mut hits: Vec<String> = words(text)
        .into_iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect();
    hits.sort();
    hits.dedup();
    hits
}

const COMMANDS: &[&[&str]] = &[
    &["mismatches"],
    &["validate"],
    &[
        "clusters",
        "swv-po",
        "swv-vo",
        "jeugdzorgregio",
        "--min-share",
        "0.1",
    ],
    &["crosswalk", "swv-vo", "jeugdzorgregio"],
    &["overview"],
    &["layouts"],
    &["compare", "swv-po", "swv-vo"],
    &["oogo", "Zwolle"],
    &["diff", "swv-po", "swv-vo"],
    &["profiel", "Zwolle"],
    &["profiel", "swv-vo", "VO2305"],
    &["neighbours"],
];

fn output(taal: &str, command: &[&str], format: &str) -> String {
    let mut args = vec!["--taal", taal];
    args.extend_from_slice(command);
    args.extend_from_slice(&["--format", format]);
    // validate exits 0 on the embedded data (warnings and info only).
    stdout(&args)
}

#[test]
fn dutch_tables_say_no_english_in_text_and_markdown() {
    for command in COMMANDS {
        for format in ["table", "md"] {
            let out = output("nl", command, format);
            assert!(!out.trim().is_empty(), "{command:?} {format}: no output");
            let hits = english_in(&out);
            assert!(
                hits.is_empty(),
                "{command:?} --format {format} --taal nl says {hits:?}"
            );
        }
    }
}

#[test]
fn english_stays_english() {
    let m = output("en", &["mismatches"], "table");
    for w in ["crosses", "within", "false", "units"] {
        assert!(words(&m).iter().any(|x| x == w), "mismatches lost '{w}'");
    }
    // The default is English.
    assert_eq!(stdout(&["mismatches"]), m);
    let v = output("en", &["validate"], "md");
    for w in [
        "warning",
        "info",
        "merger-conflict",
        "non-contiguous",
        "split",
    ] {
        assert!(words(&v).iter().any(|x| x == w), "validate lost '{w}'");
    }
    assert!(v.contains("its predecessors lay in different regions"));
    let o = output("en", &["overview"], "table");
    assert!(o.contains("dataset") && o.contains("units with geometry"));
}

#[test]
fn dutch_values_are_the_documented_ones() {
    let m = output("nl", &["mismatches"], "csv");
    // The PO regions against VO: 40 cross, 35 lie within one (of them 19 are identical to
    // it), 1 contains whole VO regions (the README's count): each relation in Dutch.
    let regions = m.split("# table: regions").nth(1).unwrap();
    let count = |w: &str| {
        regions
            .lines()
            .skip(2) // the rest of the `# table:` line and the header
            .filter(|l| l.split(',').any(|c| c == w))
            .count()
    };
    assert_eq!(
        (
            count("kruist"),
            count("binnen") + count("gelijk"),
            count("omvat")
        ),
        (40, 35, 1)
    );
    assert!(regions.contains(",ja,") && regions.contains(",nee,"));
    let v = output("nl", &["validate"], "csv");
    assert!(v.starts_with("ernst,indeling,controle,"), "{v}");
    assert!(v.contains("waarschuwing,swv-po,fusieconflict,GM0363 Amsterdam"));
    assert!(v.contains("haar voorgangers lagen in verschillende regio's"));
    // JSON is for machines: its values stay English whatever the language.
    let j = output("nl", &["mismatches"], "json");
    assert!(j.contains("\"crosses\"") && !j.contains("\"kruist\""));
    assert!(j.contains("false") && !j.contains("\"nee\""));
}

#[test]
fn the_validate_summary_on_stderr_follows_the_language() {
    let (_, err) = run_ok(&["--taal", "nl", "validate"]);
    assert!(
        err.contains("0 fout(en), 28 waarschuwing(en), 61 informatie"),
        "{err}"
    );
    let (_, err) = run_ok(&["validate"]);
    assert!(err.contains("0 error(s), 28 warning(s), 61 info"), "{err}");
}

/// The labels of an SVG map: text and estimated box (0.62 em per character, 1 em high).
fn labels(svg: &str) -> Vec<(String, [f64; 4])> {
    let g = svg
        .split("<g font-size=\"")
        .find(|g| g.contains("text-anchor=\"middle\""))
        .unwrap();
    let font: f64 = g.split('"').next().unwrap().parse().unwrap();
    let g = g.split("</g>").next().unwrap();
    g.split("<text x=\"")
        .skip(1)
        .map(|t| {
            let num = |s: &str| -> f64 { s.split('"').next().unwrap().parse().unwrap() };
            let x = num(t);
            let y = num(t.split("y=\"").nth(1).unwrap());
            let text = t.split('>').nth(1).unwrap().split('<').next().unwrap();
            let text = text.replace("&amp;", "&").replace("&#39;", "'");
            let w = text.chars().count() as f64 * font * 0.62;
            (text, [x - w / 2.0, y - font, x + w / 2.0, y])
        })
        .collect()
}

fn assert_apart(labels: &[(String, [f64; 4])]) {
    for (i, (ta, a)) in labels.iter().enumerate() {
        for (tb, b) in &labels[i + 1..] {
            let overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
            assert!(!overlap, "labels overlap: {ta} {a:?}, {tb} {b:?}");
        }
    }
}

#[test]
fn map_labels_are_names_that_do_not_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.svg");
    let out = out.to_str().unwrap();
    run_ok(&["map", "swv-vo", "jeugdzorgregio", "-o", out]);
    let svg = std::fs::read_to_string(out).unwrap();
    let l = labels(&svg);
    assert!(l.len() > 30, "{} labels", l.len());
    // The SWV's names without their `SWV ` (`VO 23-05`), never the codes (`VO2305`).
    assert!(
        l.iter().all(|(t, _)| t.starts_with("VO ") && t.len() == 8),
        "{l:?}"
    );
    assert!(l.iter().any(|(t, _)| t == "VO 23-05"));
    assert_apart(&l);

    run_ok(&["map", "jeugdzorgregio", "provincie", "-o", out]);
    let svg = std::fs::read_to_string(out).unwrap();
    let l = labels(&svg);
    assert!(l.iter().any(|(t, _)| t == "IJsselland"), "{l:?}");
    assert!(!l.iter().any(|(t, _)| t.starts_with("JZ")), "{l:?}");
    assert_apart(&l);

    run_ok(&["map", "swv-po", "swv-vo", "--clip", "Overijssel", "-o", out]);
    let svg = std::fs::read_to_string(out).unwrap();
    let l = labels(&svg);
    assert!(l.iter().any(|(t, _)| t == "PO 23-05"), "{l:?}");
    assert_apart(&l);
}

#[test]
fn a_dutch_workbook_has_dutch_values() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.xlsx");
    run_ok(&[
        "--taal",
        "nl",
        "mismatches",
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let regions = book.worksheet_range("regions").unwrap();
    let cells: Vec<String> = regions.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "relatie"));
    assert!(cells.iter().any(|c| c == "kruist"));
    assert!(!cells.iter().any(|c| c == "crosses" || c == "false"));
}
