//! Vietnamese function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Vietnamese function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "và", "của", "là", "có", "cho", "các", "những", "được", "trong", "với", "này", "một", "không", "đã",
    "người", "khi", "từ", "theo", "về", "đến", "tại", "cũng", "để", "ra", "nhiều", "sẽ", "nhưng", "như",
    "năm", "bị", "vào", "sau", "trên", "đó", "nước", "hai", "lại", "còn", "thì", "mà", "hơn", "nhất",
];
