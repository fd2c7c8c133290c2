//! Nothing silent: inputs that used to hang or exhaust memory, a closed stderr, outputs that
//! are whole or absent, and options outside their range. Large inputs are generated here,
//! in a temporary directory.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use common::speelveld;
use predicates::prelude::*;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).expect("write");
    p.to_str().expect("path").to_string()
}

/// A one-feature GeoJSON FeatureCollection (WGS84) with the given ring.
fn one_feature(code: &str, ring: &[(f64, f64)]) -> String {
    let coords: Vec<String> = ring
        .iter()
        .map(|(x, y)| format!("[{x:.7},{y:.7}]"))
        .collect();
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"statcode":"{code}","statnaam":"Cirkel"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}}"#,
        coords.join(",")
    )
}

/// A closed, circle-like ring of `n` vertices around (5.3, 52.1), counter-clockwise.
fn circle(n: usize) -> Vec<(f64, f64)> {
    let mut ring: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = i as f64 / n as f64 * std::f64::consts::TAU;
            // A slightly wobbly radius, as a real border has.
            let r = 0.05 * (1.0 + 0.02 * (7.0 * t).sin());
            (5.3 + r * t.cos(), 52.1 + r * t.sin() * 0.62)
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// The binary as a path, for running it through a shell.
fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("speelveld")
}

// 1. Herindeling chains.

/// A chain table of `steps` dated steps GM5000 → GM5001 → … (one year apart), where every
/// tenth step splits the unit in two and the next merges both halves again.
fn chain_table(steps: usize) -> String {
    let mut rows = vec!["old_code,new_code,date".to_string()];
    let mut current = vec![5000usize];
    for k in 1..=steps {
        let date = format!("{}-01-01", 1800 + k);
        let next = 5000 + k;
        if k % 10 == 0 && current.len() == 1 {
            rows.push(format!("GM{:04},GM{next:04},{date}", current[0]));
            rows.push(format!("GM{:04},GM{:04},{date}", current[0], 9000 + k));
            current = vec![next, 9000 + k];
        } else {
            for c in &current {
                rows.push(format!("GM{c:04},GM{next:04},{date}"));
            }
            current = vec![next];
        }
    }
    rows.join("\n") + "\n"
}

#[test]
fn a_long_chain_table_with_splits_and_mergers_reads_in_well_under_a_second() {
    let dir = tempfile::tempdir().expect("tempdir");
    let steps = 245;
    let table = write(&dir, "chain.csv", &chain_table(steps));
    let started = Instant::now();
    let out = speelveld()
        .args(["--year", "2015", "translate", "swv-po", "--to", "2025"])
        .args(["--herindeling", &table])
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .get_output()
        .clone();
    let took = started.elapsed();
    // The whole command (the embedded 2015 and 2025 data included) runs in well under 10 s
    // in a debug build; before, 16 dated layers with mergers hung for minutes.
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    // Every step before the last continues, through the splits and mergers, as GM5245, and
    // the two halves of a split meet again in one pair (no duplicates).
    assert!(
        err.contains("note: GM5000 → GM5001 (1801-01-01) continues as GM5245\n"),
        "{err}"
    );
    assert!(
        err.contains("note: GM5009 → GM9010 (1810-01-01) continues as GM5245\n"),
        "{err}"
    );
    let continues = err.lines().filter(|l| l.contains(" continues as ")).count();
    let pairs = chain_table(steps).lines().count() - 1;
    assert_eq!(continues, pairs - 1, "{err}"); // all but the last step's pair
    assert!(
        err.lines()
            .filter(|l| l.contains(" continues as "))
            .all(|l| l.ends_with("continues as GM5245")),
        "{err}"
    );
}

// 2. Geometry validation at full detail.

#[test]
fn a_gemeente_of_200000_vertices_loads_in_seconds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(
        &dir,
        "cirkel.geojson",
        &one_feature("GM0001", &circle(200_000)),
    );
    let started = Instant::now();
    speelveld()
        .args(["--units", &f, "layouts"])
        .timeout(Duration::from_secs(120))
        .assert()
        .success()
        .stderr(predicate::str::contains("invalid geometry").not());
    let took = started.elapsed();
    // Before, geo's validation tested every pair of the ring's segments: ~50 s for 10^5
    // vertices in a release build.
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn a_self_intersecting_ring_of_50000_vertices_is_repaired_with_the_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ring = circle(50_000);
    // Two neighbouring vertices swapped: the ring crosses itself in a tiny bow tie.
    ring.swap(20_000, 20_001);
    let f = write(&dir, "knoop.geojson", &one_feature("GM0002", &ring));
    let started = Instant::now();
    speelveld()
        .args(["--units", &f, "layouts"])
        .timeout(Duration::from_secs(120))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "knoop.geojson: feature 1 (GM0002): invalid geometry",
        ))
        .stderr(predicate::str::contains("self-intersection"))
        .stderr(predicate::str::contains("repaired, area"));
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

// 3. A closed stderr.

/// Runs the binary through `sh` with stderr closed (`2>&-`); returns the exit code.
fn with_stderr_closed(args: &[&str]) -> i32 {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!("exec '{}' {} 2>&-", binary().display(), quoted.join(" "));
    let status = Process::new("sh")
        .args(["-c", &script])
        .stdout(Stdio::null())
        .status()
        .expect("sh");
    status.code().unwrap_or(-1)
}

/// Runs the binary with stderr a pipe whose reading end is already closed (every write
/// fails with a broken pipe); returns the exit code.
fn with_stderr_broken(args: &[&str]) -> i32 {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let status = Process::new(binary())
        .args(args)
        .stdout(Stdio::null())
        .stderr(writer)
        .status()
        .expect("run");
    status.code().unwrap_or(-1)
}

#[test]
fn a_closed_stderr_never_crashes_a_warning_or_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bowtie = [
        (5.2, 52.0),
        (5.3, 52.1),
        (5.3, 52.0),
        (5.2, 52.1),
        (5.2, 52.0),
    ];
    let f = write(&dir, "u.geojson", &one_feature("GM0002", &bowtie));
    // A warning (the repaired ring) and a note (`wrote …`): still success.
    let out = dir.path().join("overview.csv");
    let out = out.to_str().expect("path");
    assert_eq!(
        with_stderr_closed(&["--units", &f, "overview", "--format", "csv", "-o", out]),
        0
    );
    // The messages meant for stderr went nowhere, not into the output file.
    let written = std::fs::read_to_string(out).expect("output");
    assert!(written.contains("# table: dataset\n"), "{written}");
    assert!(!written.contains("invalid geometry"), "{written}");
    // An error: exit 1, not a crash (101).
    let missing = dir.path().join("missing.geojson");
    assert_eq!(
        with_stderr_closed(&["--units", missing.to_str().expect("path"), "layouts"]),
        1
    );
    // The same with stderr a broken pipe: before, the error message panicked (exit 101).
    assert_eq!(with_stderr_broken(&["--units", &f, "overview"]), 0);
    assert_eq!(
        with_stderr_broken(&["--units", missing.to_str().expect("path"), "layouts"]),
        1
    );
    assert_eq!(with_stderr_broken(&["members", "provincie", "PV99"]), 1);
    // A usage error: exit 2.
    assert_eq!(with_stderr_closed(&["--sliver-share", "2", "layouts"]), 2);
    assert_eq!(with_stderr_broken(&["--format", "xml", "layouts"]), 2);
}

// 4. Outputs.

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let square = [
        (5.0, 52.0),
        (5.1, 52.0),
        (5.1, 52.1),
        (5.0, 52.1),
        (5.0, 52.0),
    ];
    let text = one_feature("GM0001", &square);
    let f = write(&dir, "u.geojson", &text);
    speelveld()
        .args(["--units", &f, "layouts", "-o", &f])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "-o {f} is the input file {f} (--units)"
        )));
    assert_eq!(std::fs::read_to_string(&f).expect("input"), text);
    // Another spelling of the same file, and a layout file.
    let layout = write(&dir, "x.csv", "unit,region\nGM0001,R1\n");
    let other = format!("{}/./x.csv", dir.path().display());
    speelveld()
        .args(["--units", &f, "--layout", &format!("x={layout}")])
        .args(["regions", "x", "--format", "csv", "-o", &other])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(--layout x)"))
        .stderr(predicate::str::contains(layout.as_str()));
    assert_eq!(
        std::fs::read_to_string(&layout).expect("input"),
        "unit,region\nGM0001,R1\n"
    );
    // The herindeling table of translate.
    let table = write(&dir, "h.csv", "old,new,date\nGM0620,GM1961,2019-01-01\n");
    speelveld()
        .args(["--year", "2015", "translate", "swv-po", "--to", "2025"])
        .args(["--herindeling", &table, "-o", &table])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(translate --herindeling)"));
}

/// The files of a directory, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn an_unwritable_output_directory_fails_with_exit_1_and_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A "directory" that is a file: nothing can be created below it.
    let blocker = write(&dir, "blocker", "not a directory\n");
    let out = format!("{blocker}/regions.csv");
    speelveld()
        .args(["regions", "provincie", "--format", "csv", "-o", &out])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{out}: cannot write")));
    assert_eq!(names(dir.path()), ["blocker"]);
    // A read-only directory with an earlier output: the earlier output stays whole (skipped
    // where permissions do not bind, as for the superuser).
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).expect("dir");
    let old = ro.join("regions.csv");
    std::fs::write(&old, "earlier output\n").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let binds = std::fs::write(ro.join("probe"), "").is_err();
        if binds {
            speelveld()
                .args(["regions", "provincie", "--format", "csv", "-o"])
                .arg(&old)
                .assert()
                .code(1)
                .stderr(predicate::str::contains("cannot write"));
            assert_eq!(
                std::fs::read_to_string(&old).expect("old"),
                "earlier output\n"
            );
            assert_eq!(names(&ro), ["regions.csv"]);
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// A run killed while it writes (the file-size limit: SIGXFSZ, as a full disk would stop
/// it) leaves the earlier output whole; before, the file was truncated and half written.
#[cfg(unix)]
#[test]
fn a_run_killed_while_writing_leaves_the_earlier_output_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = write(&dir, "provincie.geojson", "earlier output\n");
    let script = format!(
        "ulimit -f 4; exec '{}' dissolve provincie -o '{out}'",
        binary().display()
    );
    let status = Process::new("sh")
        .args(["-c", &script])
        .stderr(Stdio::null())
        .status()
        .expect("sh");
    assert!(!status.success());
    assert_eq!(
        std::fs::read_to_string(&out).expect("output"),
        "earlier output\n"
    );
}

#[test]
fn concurrent_runs_on_one_output_leave_one_complete_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Eight commands with outputs of different lengths, all JSON.
    let commands: Vec<Vec<&str>> = vec![
        vec!["dissolve", "provincie"],
        vec!["dissolve", "jeugdzorgregio"],
        vec!["dissolve", "ggdregio"],
        vec!["dissolve", "arbeidsmarktregio"],
        vec!["regions", "swv-po", "--format", "json"],
        vec!["regions", "swv-vo", "--format", "json"],
        vec!["regions", "provincie", "--format", "json"],
        vec!["layouts", "--format", "json"],
    ];
    let expected: Vec<String> = commands.iter().map(|c| common::stdout(c)).collect();
    let out = dir.path().join("same.json");
    let children: Vec<std::process::Child> = commands
        .iter()
        .map(|c| {
            Process::new(binary())
                .args(c)
                .arg("-o")
                .arg(&out)
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().expect("wait").success());
    }
    let got = std::fs::read_to_string(&out).expect("output");
    serde_json::from_str::<serde_json::Value>(&got).expect("one whole JSON document");
    assert!(
        expected.contains(&got),
        "the file is no single run's output ({} bytes)",
        got.len()
    );
    // No temporary file is left behind.
    assert_eq!(names(dir.path()), ["same.json"]);
}

// 5. Options.

#[test]
fn a_sliver_share_outside_its_range_is_a_usage_error() {
    for bad in ["-0.1", "1", "1.5", "NaN", "inf", "x"] {
        speelveld()
            .args(["layouts", &format!("--sliver-share={bad}")])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--sliver-share"))
            .stderr(predicate::str::contains("[0, 1)"));
    }
    speelveld()
        .args(["layouts", "--sliver-share", "0"])
        .assert()
        .success();
}

#[test]
fn excel_with_json_or_markdown_is_a_conflict() {
    for format in ["json", "md"] {
        speelveld()
            .args(["layouts", "--excel", "--format", format])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "--excel writes CSV for Dutch Excel and conflicts with --format {format}"
            )));
    }
    speelveld()
        .args(["layouts", "--excel", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("\u{feff}"));
}
