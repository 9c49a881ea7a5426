//! Copies and syndication: fingerprints of clean text, an LSH index, containment and copy groups.
