//! placeholder: filled by the lang stage.
