//! Portuguese function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Portuguese function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "o", "a", "os", "as", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "um", "uma", "e",
    "é", "que", "para", "por", "com", "não", "se", "ao", "aos", "à", "mais", "foi", "ser", "seu", "sua",
    "pelo", "pela", "pelos", "pelas", "como", "mas", "ou", "também", "já", "está", "são", "ter", "tem", "há",
    "disse", "após", "sobre", "entre", "até", "quando", "onde", "isso", "este", "esta", "ele", "ela", "eles",
    "muito", "ainda", "desde", "segundo", "contra",
];
