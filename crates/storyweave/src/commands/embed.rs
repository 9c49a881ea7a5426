//! `storyweave embed`: the vectors of texts given on the command line, or their cosine matrix.

use crate::ItemFormat;
use embed::{Embedder, UseMultilingual};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// `storyweave embed TEXT... [--similarity] [--format text|json]`.
pub fn embed(texts: &[String], similarity: bool, format: ItemFormat) -> anyhow::Result<ExitCode> {
    let model = UseMultilingual::load_default()?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = model.embed(&refs)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match (similarity, format) {
        (true, ItemFormat::Json) => {
            let matrix: Vec<Vec<f64>> = vectors
                .similarity_matrix()
                .into_iter()
                .map(|row| row.into_iter().map(|c| round(c, 6)).collect())
                .collect();
            writeln!(out, "{}", serde_json::to_string(&matrix)?)?;
        }
        (true, ItemFormat::Text) => {
            let matrix = vectors.similarity_matrix();
            write!(out, "{:>4}", "")?;
            for j in 0..matrix.len() {
                write!(out, " {:>7}", format!("[{}]", j + 1))?;
            }
            writeln!(out)?;
            for (i, row) in matrix.iter().enumerate() {
                write!(out, "{:>4}", format!("[{}]", i + 1))?;
                for c in row {
                    write!(out, " {c:>7.4}")?;
                }
                writeln!(out)?;
            }
            for (i, text) in texts.iter().enumerate() {
                writeln!(out, "[{}] {}", i + 1, preview(text))?;
            }
        }
        (false, ItemFormat::Json) => {
            let rows: Vec<serde_json::Value> = texts
                .iter()
                .zip(vectors.rows())
                .map(|(text, v)| {
                    let values: Vec<f64> = v.iter().map(|&x| round(x, 7)).collect();
                    serde_json::json!({ "text": text, "vector": values })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string(&rows)?)?;
        }
        (false, ItemFormat::Text) => {
            // One line per text: the values separated by spaces, ready for other tools.
            for v in vectors.rows() {
                let line: Vec<String> = v.iter().map(|x| format!("{x:.7}")).collect();
                writeln!(out, "{}", line.join(" "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn round(x: f32, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (f64::from(x) * scale).round() / scale
}

fn preview(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 80 {
        return flat;
    }
    let mut s: String = flat.chars().take(79).collect();
    s.push('…');
    s
}
