//! Scoring an extractor on the trafilatura evaluation set, the way that benchmark scores it.
//!
//! The set is a directory with `evaldata.json` (`{url: {"file", "with", "without"}}`) and the pages in
//! `cache/` or `eval/` (looked up in that order). Per page, each `with` segment found in the
//! extracted text is a true positive, else a false negative; each `without` segment found is a false
//! positive, else a true negative. Both sides are whitespace-normalized (every run of whitespace
//! becomes one space, ends trimmed) before a plain substring test, and a page whose extraction failed
//! counts as if nothing was extracted. The counts are summed over all pages before the scores are
//! computed (micro-averaged): precision `tp/(tp+fp)`, recall `tp/(tp+fn)`, F1 `2tp/(2tp+fp+fn)`.

use std::path::{Path, PathBuf};

/// Why an evaluation set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The index file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The index is not the expected JSON.
    #[error("{path} is not an evaluation index ({detail})")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

/// One annotated page of the evaluation set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalPage {
    /// The page's URL (the key in `evaldata.json`).
    pub url: String,
    /// The file name given in the index.
    pub file: String,
    /// Where the page is, when it was found in `cache/` or `eval/`.
    pub path: Option<PathBuf>,
    /// Segments that must appear in the extracted text.
    pub with: Vec<String>,
    /// Segments that must not appear.
    pub without: Vec<String>,
}

/// Reads the index of an evaluation set (a directory holding `evaldata.json`, or the file itself),
/// sorted by URL so that runs and odd/even splits are reproducible.
pub fn load_dataset(dir: &Path) -> Result<Vec<EvalPage>, EvalError> {
    let (root, index) = if dir.is_dir() {
        (dir.to_path_buf(), dir.join("evaldata.json"))
    } else {
        (dir.parent().map(Path::to_path_buf).unwrap_or_default(), dir.to_path_buf())
    };
    let shown = index.display().to_string();
    let text =
        std::fs::read_to_string(&index).map_err(|source| EvalError::Read { path: shown.clone(), source })?;
    let format = |detail: String| EvalError::Format { path: shown.clone(), detail };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| format(e.to_string()))?;
    let entries = value.as_object().ok_or_else(|| format("the top level is not an object".into()))?;
    let mut pages = Vec::with_capacity(entries.len());
    for (url, entry) in entries {
        let file = entry["file"].as_str().ok_or_else(|| format(format!("{url}: no \"file\"")))?;
        let strings = |key: &str| -> Vec<String> {
            entry[key]
                .as_array()
                .map(|list| list.iter().filter_map(|s| s.as_str()).map(str::to_owned).collect())
                .unwrap_or_default()
        };
        let path = ["cache", "eval"].iter().map(|sub| root.join(sub).join(file)).find(|p| p.is_file());
        pages.push(EvalPage {
            url: url.clone(),
            file: file.to_owned(),
            path,
            with: strings("with"),
            without: strings("without"),
        });
    }
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    Ok(pages)
}

/// Collapses every run of whitespace to one space and trims, as the benchmark does before matching.
pub fn normalize_whitespace(text: &str) -> String {
    // Python's `\s` also matches the information separators U+001C..U+001F.
    let is_space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Segment counts, for one page or summed over many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// `with` segments found.
    pub true_positives: usize,
    /// `without` segments found.
    pub false_positives: usize,
    /// `with` segments missing.
    pub false_negatives: usize,
    /// `without` segments missing.
    pub true_negatives: usize,
}

impl Confusion {
    /// Scores one page's extracted text; `None` (the extraction failed) scores as empty text.
    pub fn of_page(page: &EvalPage, extracted: Option<&str>) -> Confusion {
        let text = normalize_whitespace(extracted.unwrap_or(""));
        let found = |segment: &String| {
            let segment = normalize_whitespace(segment);
            !text.is_empty() && text.contains(&segment)
        };
        let true_positives = page.with.iter().filter(|s| found(s)).count();
        let false_positives = page.without.iter().filter(|s| found(s)).count();
        Confusion {
            true_positives,
            false_positives,
            false_negatives: page.with.len() - true_positives,
            true_negatives: page.without.len() - false_positives,
        }
    }

    /// Adds another page's counts.
    pub fn add(&mut self, other: Confusion) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.true_negatives += other.true_negatives;
    }

    /// `tp / (tp + fp)`, 0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// `tp / (tp + fn)`.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    /// `2tp / (2tp + fp + fn)`.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.true_positives, 2 * self.true_positives + self.false_positives + self.false_negatives)
    }

    /// Correct decisions over all segments.
    pub fn accuracy(&self) -> f64 {
        let all = self.true_positives + self.false_positives + self.false_negatives + self.true_negatives;
        ratio(self.true_positives + self.true_negatives, all)
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(with: &[&str], without: &[&str]) -> EvalPage {
        EvalPage {
            url: "https://example.org/a".into(),
            file: "a.html".into(),
            path: None,
            with: with.iter().map(|s| s.to_string()).collect(),
            without: without.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn segments_match_across_line_breaks_and_nbsp() {
        let p = page(&["the quick  brown fox", "absent"], &["Impressum", "Share"]);
        let c = Confusion::of_page(&p, Some("The the quick\nbrown\u{a0}fox jumps.\nImpressum"));
        assert_eq!(
            c,
            Confusion { true_positives: 1, false_negatives: 1, false_positives: 1, true_negatives: 1 }
        );
    }

    #[test]
    fn a_failed_extraction_finds_nothing() {
        let p = page(&["a", "b"], &["c"]);
        let c = Confusion::of_page(&p, None);
        assert_eq!(c.false_negatives, 2);
        assert_eq!(c.true_negatives, 1);
        assert_eq!(c.f1(), 0.0);
    }

    #[test]
    fn scores_follow_the_benchmark_formulas() {
        let c = Confusion { true_positives: 8, false_positives: 2, false_negatives: 2, true_negatives: 8 };
        assert!((c.precision() - 0.8).abs() < 1e-12);
        assert!((c.recall() - 0.8).abs() < 1e-12);
        assert!((c.f1() - 0.8).abs() < 1e-12);
        assert!((c.accuracy() - 0.8).abs() < 1e-12);
    }
}
