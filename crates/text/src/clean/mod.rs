//! placeholder: filled by the clean stage.
