//! Helpers shared by the end-to-end tests: the real data beside the repository and the CLI.
#![allow(dead_code)]

use assert_cmd::Command;

/// The path of a file under the shared real data (`../shared/data`).
pub fn shared(p: &str) -> String {
    format!("{}/../shared/data/{p}", env!("CARGO_MANIFEST_DIR"))
}

/// The `speelveld` binary of this build.
pub fn speelveld() -> Command {
    Command::cargo_bin("speelveld").expect("binary")
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
