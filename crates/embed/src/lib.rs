//! The multilingual sentence encoder: the `Embedder` trait and the USE multilingual v3 model.
