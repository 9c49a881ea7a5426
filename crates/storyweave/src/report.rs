//! What one ingest run did: counts a user can check, and every skipped input with its reason.

use serde::Serialize;
use std::collections::BTreeMap;

/// One input that was skipped, with the sentence that says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file, or the file and record (`crawl.jsonl:12`).
    pub source: String,
    /// A short stable reason name (`binary`, `malformed_json`, `no_text`, …).
    pub kind: String,
    /// The full message.
    pub message: String,
}

/// The counts and skips of one ingest run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunReport {
    /// Documents read from the inputs (before cleaning).
    pub read: u64,
    /// Articles newly stored.
    pub stored: u64,
    /// Events opened by this run's articles (the rest joined existing events).
    #[serde(default)]
    pub events_opened: u64,
    /// Articles whose content was already in the store (from this run or an earlier one).
    pub already_present: u64,
    /// Inputs skipped: unreadable files, malformed records, documents with no text left.
    pub skipped: u64,
    /// Skipped inputs counted by reason.
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Documents read with a warning (a guessed encoding, replaced bytes).
    pub warnings: u64,
    /// Every skipped input, in input order.
    pub skips: Vec<Skipped>,
    /// Seconds each stage was busy: `read` (reader thread), `analyze` (summed over the worker
    /// threads), `store` (the store owner): where the time of a run goes.
    pub busy_seconds: BTreeMap<String, f64>,
    /// Wall-clock seconds the run took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

impl RunReport {
    /// Records one skipped input.
    pub fn skip(&mut self, source: impl Into<String>, kind: &str, message: impl Into<String>) {
        self.skipped += 1;
        *self.skipped_by_reason.entry(kind.to_string()).or_default() += 1;
        self.skips.push(Skipped { source: source.into(), kind: kind.to_string(), message: message.into() });
    }

    /// The report as lines a person reads at the end of `storyweave ingest`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let rate = self.seconds.filter(|s| *s > 0.0).map(|s| self.read as f64 / s);
        out.push_str(&format!("read             {:>8}\n", self.read));
        out.push_str(&format!("stored           {:>8}\n", self.stored));
        if self.events_opened > 0 {
            out.push_str(&format!("events opened    {:>8}\n", self.events_opened));
        }
        out.push_str(&format!("already present  {:>8}\n", self.already_present));
        out.push_str(&format!("skipped          {:>8}\n", self.skipped));
        for (kind, n) in &self.skipped_by_reason {
            out.push_str(&format!("  {kind:<15}{n:>8}\n"));
        }
        if self.warnings > 0 {
            out.push_str(&format!("with warnings    {:>8}\n", self.warnings));
        }
        if let (Some(s), Some(r)) = (self.seconds, rate) {
            out.push_str(&format!("time             {s:>7.2}s ({r:.0} documents/s)\n"));
            let busy: Vec<String> = self.busy_seconds.iter().map(|(k, v)| format!("{k} {v:.2}s")).collect();
            if !busy.is_empty() {
                out.push_str(&format!("busy             {}\n", busy.join(", ")));
            }
        }
        out
    }
}
