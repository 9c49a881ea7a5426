//! placeholder: filled by the html stage.
