//! Helpers shared by the end-to-end tests: the real data committed under `tests/data/` and
//! the CLI.
#![allow(dead_code)]

use assert_cmd::Command;

/// The path of a real data file under `tests/data/` (sources in its README.md).
pub fn real(p: &str) -> String {
    format!("{}/tests/data/{p}", env!("CARGO_MANIFEST_DIR"))
}

/// The `speelveld` binary of this build.
pub fn speelveld() -> Command {
    Command::cargo_bin("speelveld").expect("binary")
}

/// Runs `speelveld` with the arguments, asserts success and returns (stdout, stderr).
pub fn run_ok(args: &[&str]) -> (String, String) {
    let out = speelveld()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `speelveld` with the arguments, asserts success and returns stdout.
pub fn stdout(args: &[&str]) -> String {
    let out = speelveld()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("utf-8")
}

/// The first `n` columns of every line of a CSV whose first `n` columns hold no quoted
/// commas (for comparing the stable columns of a table that ends in long text).
pub fn first_columns(csv: &str, n: usize) -> String {
    csv.lines()
        .map(|l| l.split(',').take(n).collect::<Vec<_>>().join(","))
        .map(|l| l + "\n")
        .collect()
}

/// The first table of a CSV output: without its `# table: NAME` line when the result has
/// several tables, up to the blank line before the next one.
pub fn first_table(csv: &str) -> String {
    let body = match csv.strip_prefix("# table: ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, b)| b),
        None => csv,
    };
    let end = body.find("\n\n# table: ").map_or(body.len(), |i| i + 1);
    body[..end].to_string()
}

/// Runs `speelveld` with the arguments and asserts exit code 1 with `needle` on stderr.
pub fn fails_with(args: &[&str], needle: &str) {
    speelveld()
        .args(args)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(needle.to_string()));
}

/// The first row of the JSON array `list` of a result whose `key` is `value`.
pub fn find_row<'a>(
    v: &'a serde_json::Value,
    list: &str,
    key: &str,
    value: &str,
) -> Option<&'a serde_json::Value> {
    v[list].as_array()?.iter().find(|r| r[key] == value)
}
