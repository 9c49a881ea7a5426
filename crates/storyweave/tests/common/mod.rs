//! Helpers shared by the integration tests: where the shared data is, and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared` beside the checkout, where the test corpora live (read in place, never copied).
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The seed articles' directory.
pub fn seeds_dir() -> PathBuf {
    shared().join("corpus/seeds")
}

/// The development corpus.
pub fn dev_events() -> PathBuf {
    shared().join("corpus/dev-events/articles.jsonl")
}

/// Runs the `storyweave` binary with `args` and returns its output.
pub fn storyweave(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyweave")).args(args).output().expect("the storyweave binary runs")
}

/// Runs `storyweave` and parses its stdout as JSON, failing the test with stderr when it exits non-zero.
pub fn storyweave_json(args: &[&str]) -> serde_json::Value {
    let out = storyweave(args);
    assert!(out.status.success(), "storyweave {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("storyweave {args:?} printed no JSON ({e}): {}", String::from_utf8_lossy(&out.stdout))
    })
}

/// A path as a `&str` for command arguments.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}
