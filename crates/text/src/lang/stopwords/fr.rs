//! French function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent French function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "à", "au", "aux", "est", "que", "qui",
    "dans", "pour", "par", "sur", "pas", "plus", "ne", "se", "il", "elle", "ils", "sont", "a", "ont", "été",
    "avec", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mais", "ou", "comme", "aussi",
    "après", "selon", "entre", "lors", "contre", "être", "fait", "qu", "l", "d", "n", "s", "c", "j", "y",
    "déjà", "depuis", "sous", "tout", "très", "où", "nous",
];
