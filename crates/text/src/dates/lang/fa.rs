//! Persian date words: the Gregorian month names in their French-derived Persian forms, and the
//! Solar Hijri months that Iranian sites date their articles by (converted to Gregorian dates).

use super::{DateLanguage, EMPTY};

/// Persian month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "fa",
    months: &[
        ("ژانویه", 1),
        ("فوریه", 2),
        ("مارس", 3),
        ("اوریل", 4),
        ("مه", 5),
        ("می", 5),
        ("ژوئن", 6),
        ("ژوئیه", 7),
        ("جولای", 7),
        ("اوت", 8),
        ("اگوست", 8),
        ("سپتامبر", 9),
        ("اکتبر", 10),
        ("نوامبر", 11),
        ("دسامبر", 12),
    ],
    solar_hijri_months: &[
        ("فروردین", 1),
        ("اردیبهشت", 2),
        ("خرداد", 3),
        ("تیر", 4),
        ("مرداد", 5),
        ("امرداد", 5),
        ("شهریور", 6),
        ("مهر", 7),
        ("ابان", 8),
        ("اذر", 9),
        ("دی", 10),
        ("بهمن", 11),
        ("اسفند", 12),
    ],
    updated: &["به روز رسانی", "بروزرسانی", "ویرایش"],
    ..EMPTY
};
