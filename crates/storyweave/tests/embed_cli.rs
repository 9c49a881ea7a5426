//! `storyweave embed`: vectors and the cosine matrix, in text and JSON, and the error without a model.

use crate::common::{storyweave, storyweave_json};

#[test]
fn vectors_in_json_are_unit_length_and_512_wide() {
    let out = storyweave_json(&["embed", "The storm reached the coast.", "", "😀", "--format", "json"]);
    let rows = out.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for row in rows {
        let v: Vec<f64> = row["vector"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        assert_eq!(v.len(), 512);
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        assert!((norm - 1.0).abs() < 1e-3, "norm {norm}");
    }
    assert_eq!(rows[0]["text"], "The storm reached the coast.");
}

#[test]
fn similarity_puts_translations_above_unrelated_text() {
    let m = storyweave_json(&[
        "embed",
        "The central bank lowered interest rates.",
        "Die Zentralbank hat die Zinsen gesenkt.",
        "My cat sleeps on the sofa all afternoon.",
        "--similarity",
        "--format",
        "json",
    ]);
    let m: Vec<Vec<f64>> = serde_json::from_value(m).unwrap();
    assert_eq!(m.len(), 3);
    for (i, row) in m.iter().enumerate() {
        assert_eq!(row.len(), 3);
        assert!((row[i] - 1.0).abs() < 1e-4);
        for (j, c) in row.iter().enumerate() {
            assert!((c - m[j][i]).abs() < 1e-6, "not symmetric");
        }
    }
    assert!(m[0][1] > m[0][2] + 0.2, "translation {} vs unrelated {}", m[0][1], m[0][2]);
}

#[test]
fn text_output_has_one_line_per_vector_and_a_labelled_matrix() {
    let out = storyweave(&["embed", "one", "two"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].split(' ').count(), 512);

    let out = storyweave(&["embed", "one", "two", "--similarity"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[1] one") && text.contains("[2] two"), "{text}");
}

#[test]
fn a_missing_model_fails_with_the_install_command() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_storyweave"))
        .args(["embed", "text"])
        .env("STORYWEAVE_MODELS", "/nonexistent-models")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bash scripts/install-models.sh"), "{err}");
}
