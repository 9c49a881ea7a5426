//! Polish function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Polish function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "w", "i", "na", "z", "się", "do", "nie", "że", "to", "jest", "o", "a", "od", "po", "jak", "za", "ale",
    "co", "przez", "oraz", "jego", "jej", "który", "która", "które", "którzy", "tak", "już", "dla", "przy",
    "czy", "są", "był", "była", "było", "były", "także", "też", "tym", "może", "ze", "we", "tylko", "jako",
    "go", "tego", "jednak", "lub", "bardzo", "według", "pod", "nad", "między", "został", "została", "roku",
    "być", "będzie", "ich",
];
