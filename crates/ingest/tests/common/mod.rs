//! Helpers shared by the ingest integration tests: fixture writers and result splitters.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use ingest::IngestError;
use model::RawDocument;

/// The shared data directory beside the repository.
pub fn shared(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(relative)
}

/// Splits a reader's output into documents and errors, keeping their order within each.
pub fn split(
    items: impl Iterator<Item = Result<RawDocument, IngestError>>,
) -> (Vec<RawDocument>, Vec<IngestError>) {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        match item {
            Ok(document) => documents.push(document),
            Err(error) => errors.push(error),
        }
    }
    (documents, errors)
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// One gzip member holding `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}
