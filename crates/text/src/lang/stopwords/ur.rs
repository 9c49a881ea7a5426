//! Urdu function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Urdu function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "کے", "کی", "کا", "میں", "سے", "اور", "ہے", "کو", "نے", "پر", "یہ", "وہ", "ہیں", "تھا", "تھی", "تھے",
    "گیا", "گئی", "کہ", "بھی", "ایک", "اس", "ان", "کر", "نہیں", "ہو", "کیا", "جو", "تک", "لیے", "لئے",
    "ساتھ", "بعد", "والے", "رہا", "رہے", "گا", "گی", "اپنے", "دیا", "کریں", "کوئی", "ہوا",
];
