//! Tagalog function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Tagalog function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "ang", "ng", "sa", "na", "mga", "at", "si", "ni", "ay", "kay", "para", "ito", "hindi", "siya", "nang",
    "din", "rin", "kanyang", "mula", "noong", "dahil", "bilang", "pero", "upang", "kung", "lamang", "isang",
    "may", "mayroon", "ayon", "sila", "kanila", "nila", "niya", "ating", "atin", "ko", "ako", "ka", "po",
    "pa", "ba", "daw", "raw", "iba", "rito", "doon", "dito", "habang", "ngunit", "subalit", "tulad", "naman",
    "lang",
];
