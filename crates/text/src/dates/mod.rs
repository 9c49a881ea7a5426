//! placeholder: filled by the dates stage.
