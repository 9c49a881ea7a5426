//! Dutch function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Dutch function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "voor", "met", "zijn", "niet", "aan",
    "er", "die", "om", "ook", "als", "bij", "door", "maar", "uit", "naar", "wordt", "worden", "werd", "nog",
    "over", "dan", "tot", "ze", "hij", "wel", "meer", "heeft", "hebben", "al", "was", "kan", "zal", "deze",
    "dit", "geen", "na", "onder", "tegen", "tussen", "volgens", "omdat", "zo",
];
