//! Odd input gives a defined result: a unit vector for every text, never a panic.

use crate::common;

use embed::Embedder;

#[test]
fn odd_texts_embed_as_unit_vectors() {
    let model = common::model();
    let huge = "Ein langer Satz über das Wetter und die Bahn. ".repeat(1 << 15);
    assert!(huge.len() > 1_000_000);
    let texts = ["", "   \n\t ", "😀🎉🙈", "1234567890 42 3.14", "ᚠᚢᚦᚨᚱᚲ ᚷᚹ", "𒀀𒀁𒀂", "\u{0}\u{1}", &huge];
    let vectors = model.embed(&texts).unwrap();
    assert_eq!(vectors.len(), texts.len());
    for (text, v) in texts.iter().zip(vectors.rows()) {
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{:?}: norm {norm}", &text[..text.len().min(20)]);
        assert!(v.iter().all(|x| x.is_finite()));
    }
    // Empty and all-space texts are the same input (the unknown piece alone).
    assert_eq!(vectors.row(0), vectors.row(1));
    assert_eq!(model.pieces(&huge).len(), embed::MAX_PIECES);
}

#[test]
fn an_empty_batch_is_empty() {
    assert!(common::model().embed(&[]).unwrap().is_empty());
}

#[test]
fn a_missing_model_names_the_install_command() {
    let err = embed::UseMultilingual::load(std::path::Path::new("/nonexistent/usem3")).unwrap_err();
    assert!(err.to_string().contains("bash scripts/install-models.sh"), "{err}");
}

#[test]
fn a_batch_whose_pieces_are_all_cached_embeds_like_the_first_time() {
    let model = common::model();
    // The first call caches the pieces of this common phrase; a later call of the same text finds
    // every piece cached and must still give the same vector (it once had nothing left to compute).
    let text = "the the the and and of of";
    let first = model.embed(&[text]).unwrap();
    for _ in 0..3 {
        let again = model.embed(&[text]).unwrap();
        assert_eq!(first.row(0), again.row(0));
    }
    // A document whose sentences are all cached, embedded as the pipeline does.
    let doc =
        embed::Document { title: Some("the and of"), text: "the the the and and of of.", language: "en" };
    let (pooled, sentences) = embed::embed_document(model, &doc, embed::Pooling::default()).unwrap();
    assert_eq!(pooled.len(), model.dim());
    assert_eq!(sentences.len(), 2);
    let empty = embed::Document { title: None, text: "", language: "en" };
    let (pooled, sentences) = embed::embed_document(model, &empty, embed::Pooling::default()).unwrap();
    assert_eq!((pooled.len(), sentences.len()), (model.dim(), 0));
}
