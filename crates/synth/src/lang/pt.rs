//! Portuguese synthesis cues.

use super::SynthCues;

/// Portuguese.
pub const CUES: SynthCues = SynthCues {
    code: "pt",
    clause_openers: &["e", "mas", "enquanto", "porque", "embora", "incluindo"],
    negations: &["não", "nunca", "jamais", "nenhum", "nenhuma", "nem", "ninguém", "negou", "nega"],
    percent_words: &["por cento", "pontos percentuais", "ponto percentual"],
    scale_words: &[("mil", 1e3), ("milhão", 1e6), ("milhões", 1e6), ("bilhão", 1e9), ("bilhões", 1e9)],
    relative_pronouns: &["que", "quem", "qual", "quais", "cujo", "cuja", "cujos", "cujas"],
    participle_endings: &["ando", "endo", "indo"],
    time_words: &["h", "horas", "hora"],
};
