//! Italian quote-attribution cues.

use super::{QuoteLanguage, EMPTY};

/// Italian verbs of saying (the participles serve "ha detto"), pronouns and collective words; the
/// subject is often dropped.
pub const TABLE: QuoteLanguage = QuoteLanguage {
    code: "it",
    verbs: &[
        "detto",
        "dice",
        "disse",
        "dichiarato",
        "dichiara",
        "affermato",
        "afferma",
        "aggiunto",
        "aggiunge",
        "spiegato",
        "spiega",
        "sottolineato",
        "sottolinea",
        "ribadito",
        "ribadisce",
        "osservato",
        "sostenuto",
        "sostiene",
        "avvertito",
        "precisato",
        "commentato",
        "annunciato",
        "risposto",
        "scritto",
    ],
    source_cues: &["secondo"],
    participles: &["aggiungendo", "affermando", "dichiarando", "sottolineando", "spiegando", "dicendo"],
    auxiliaries: &["ha", "hanno", "aveva", "avevano", "anche", "poi"],
    neuter_pronouns: &[],
    definite_articles: &["il", "lo", "la", "i", "gli", "le", "l"],
    pronouns: &["lui", "lei", "egli", "ella"],
    plural_pronouns: &["loro"],
    collectives: &["entrambi", "entrambe", "due", "congiuntamente"],
    joint_cues: &["dichiarazione congiunta", "dichiarazione comune", "comunicato congiunto"],
    and_words: &["e", "ed"],
    relatives: &["che", "cui", "quale"],
    indefinite_articles: &["un", "uno", "una"],
    pro_drop: true,
    inverts_subject: true,
    ..EMPTY
};
