//! Czech function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Czech function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "a", "v", "se", "na", "je", "že", "to", "s", "z", "do", "o", "ve", "k", "pro", "jako", "by", "který",
    "která", "které", "kteří", "po", "ale", "jsou", "byl", "byla", "bylo", "byli", "také", "už", "při",
    "podle", "mezi", "jeho", "její", "jejich", "tak", "i", "od", "za", "ze", "aby", "nebo", "jen", "než",
    "což", "když", "bude", "být", "však", "až", "tom", "roce", "jsme", "jsem", "před", "této", "tento",
    "tato", "toto", "přes", "jak", "není",
];
