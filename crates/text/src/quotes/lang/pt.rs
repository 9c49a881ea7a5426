//! Portuguese quote-attribution cues.

use super::{QuoteLanguage, EMPTY};

/// Portuguese verbs of saying, pronouns and collective words; the subject is often dropped.
pub const TABLE: QuoteLanguage = QuoteLanguage {
    code: "pt",
    verbs: &[
        "disse",
        "diz",
        "afirmou",
        "afirma",
        "declarou",
        "declara",
        "acrescentou",
        "explicou",
        "destacou",
        "ressaltou",
        "sublinhou",
        "garantiu",
        "alertou",
        "frisou",
        "defendeu",
        "salientou",
        "observou",
        "reconheceu",
        "anunciou",
        "respondeu",
        "escreveu",
    ],
    source_cues: &["segundo", "conforme", "de acordo com"],
    participles: &[
        "dizendo",
        "afirmando",
        "acrescentando",
        "declarando",
        "ressaltando",
        "explicando",
        "destacando",
    ],
    auxiliaries: &["tem", "têm", "tinha", "havia", "também"],
    neuter_pronouns: &[],
    definite_articles: &["o", "a", "os", "as"],
    pronouns: &["ele", "ela"],
    plural_pronouns: &["eles", "elas"],
    collectives: &["ambos", "ambas", "dois", "duas", "conjuntamente"],
    joint_cues: &["declaração conjunta", "comunicado conjunto"],
    and_words: &["e"],
    relatives: &["que", "quem", "cujo", "cuja"],
    indefinite_articles: &["um", "uma"],
    pro_drop: true,
    inverts_subject: true,
    ..EMPTY
};
