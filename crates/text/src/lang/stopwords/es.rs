//! Spanish function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Spanish function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "el", "la", "los", "las", "de", "del", "y", "en", "a", "que", "un", "una", "es", "por", "con", "para",
    "se", "su", "sus", "al", "lo", "como", "más", "pero", "o", "le", "ha", "han", "fue", "son", "este",
    "esta", "ya", "sobre", "entre", "también", "sin", "desde", "hasta", "cuando", "muy", "hay", "dijo",
    "según", "tras", "porque", "donde", "sido", "ser", "está", "están", "durante", "contra", "les",
];
