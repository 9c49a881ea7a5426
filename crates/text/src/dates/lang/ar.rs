//! Arabic date words: the month names of the Egyptian and Gulf usage (يناير …), of the Levant and
//! Iraq (كانون الثاني …) and of the Maghreb (جانفي …). Hamza forms of alef are written without the
//! hamza here; the parser folds them the same way in the text.

use super::{DateLanguage, EMPTY};

/// Arabic month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "ar",
    months: &[
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("ابريل", 4),
        ("افريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("كانون الثاني", 1),
        ("شباط", 2),
        ("اذار", 3),
        ("نيسان", 4),
        ("ايار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("اب", 8),
        ("ايلول", 9),
        ("تشرين الاول", 10),
        ("تشرين الثاني", 11),
        ("كانون الاول", 12),
        ("جانفي", 1),
        ("فيفري", 2),
        ("ماي", 5),
        ("جوان", 6),
        ("جويلية", 7),
        ("اوت", 8),
    ],
    updated: &["تحديث", "محدث", "اخر تحديث"],
    ..EMPTY
};
