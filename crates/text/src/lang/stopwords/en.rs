//! English function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent English function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "were", "by", "at",
    "from", "his", "her", "it", "its", "be", "has", "have", "had", "are", "this", "which", "an", "but",
    "not", "they", "he", "she", "said", "will", "would", "been", "after", "who", "their", "or", "more",
    "than", "also", "about", "into", "over", "there", "when", "we", "our", "up", "out", "one", "all", "can",
    "could", "what", "new",
];
