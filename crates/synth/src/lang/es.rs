//! Spanish synthesis cues.

use super::SynthCues;

/// Spanish.
pub const CUES: SynthCues = SynthCues {
    code: "es",
    clause_openers: &[
        "y",
        "pero",
        "mientras",
        "porque",
        "aunque",
        "incluido",
        "incluida",
        "incluidos",
        "incluidas",
    ],
    negations: &["no", "nunca", "jamás", "ningún", "ninguno", "ninguna", "ni", "nadie", "desmintió", "niega"],
    percent_words: &["por ciento", "puntos porcentuales", "punto porcentual"],
    scale_words: &[("mil", 1e3), ("millón", 1e6), ("millones", 1e6)],
    relative_pronouns: &["que", "quien", "quienes", "cual", "cuales", "cuyo", "cuya", "cuyos", "cuyas"],
    participle_endings: &["ando", "iendo"],
    time_words: &["h", "horas", "hora"],
};
