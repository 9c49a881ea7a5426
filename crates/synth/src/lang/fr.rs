//! French synthesis cues.

use super::SynthCues;

/// French.
pub const CUES: SynthCues = SynthCues {
    code: "fr",
    clause_openers: &["et", "mais", "tandis", "alors", "parce", "puisque", "bien", "notamment"],
    negations: &["ne", "n'", "pas", "jamais", "aucun", "aucune", "ni", "personne", "démenti", "dément"],
    percent_words: &["pour cent", "points de pourcentage", "point de pourcentage"],
    scale_words: &[
        ("mille", 1e3),
        ("million", 1e6),
        ("millions", 1e6),
        ("milliard", 1e9),
        ("milliards", 1e9),
    ],
    relative_pronouns: &["qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles"],
    participle_endings: &["ant"],
    time_words: &["h", "heures", "heure"],
};
