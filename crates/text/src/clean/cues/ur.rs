//! Urdu cue phrases (blog and news-site widgets written in Urdu).

use super::CueKind::*;
use super::{Cue, LanguageCues};

/// Urdu cues.
pub const CUES: LanguageCues = LanguageCues {
    language: "ur",
    cues: &[
        // "comments", "comment"
        Cue::line("تبصرے", Comment),
        Cue::line("تبصرہ", Comment),
        // "no comment(s)"
        Cue::start("کوئی تبصرہ نہیں", Comment),
        Cue::start("کوئی تبصرے نہیں", Comment),
        Cue::start("تبصرے نہیں", Comment),
        // "publish / write / do a comment", "your comment"
        Cue::anywhere("تبصرہ شائع کریں", Comment),
        Cue::anywhere("تبصرہ لکھیں", Comment),
        Cue::start("تبصرہ کریں", Comment),
        Cue::start("اپنا تبصرہ", Comment),
        // "share"
        Cue::line("شیئر کریں", Share),
        Cue::line("شیئر", Share),
        // "rating"
        Cue::line("درجہ بندی", Rating),
        Cue::line("ریٹنگ", Rating),
        // "click here", "subscribe", "download", "follow us"
        Cue::anywhere("یہاں کلک کریں", Promo),
        Cue::start("سبسکرائب کریں", Promo),
        Cue::start("ڈاؤن لوڈ کریں", Promo),
        Cue::start("ہمیں فالو کریں", Promo),
        // "cookies"
        Cue::anywhere("کوکیز", Cookie),
        // "read more", "also read", "related news"
        Cue::start("مزید پڑھیں", Related),
        Cue::start("یہ بھی پڑھیں", Related),
        Cue::start("متعلقہ خبریں", Related),
        // "home page", "home", "menu", "search"
        Cue::line("صفحہ اول", Navigation),
        Cue::line("ہوم", Navigation),
        Cue::line("مینو", Navigation),
        Cue::line("تلاش", Navigation),
        // "advertisement", "breaking news"
        Cue::line("اشتہار", Notice),
        Cue::line("بریکنگ نیوز", Notice),
        // "all rights reserved"
        Cue::anywhere("جملہ حقوق محفوظ", Copyright),
        Cue::anywhere("حقوق محفوظ ہیں", Copyright),
        // "courtesy of", "with reference to"
        Cue::start("بشکریہ", Attribution),
        Cue::start("بحوالہ", Attribution),
        // "written by:", "report:"
        Cue::start("تحریر:", Byline),
        Cue::start("رپورٹ:", Byline),
        // "photo:", "file photo"
        Cue::start("تصویر:", Photo),
        Cue::start("فوٹو:", Photo),
        Cue::start("فائل فوٹو", Photo),
        // "source"
        Cue::start("ماخذ", Source),
        Cue::start("ذریعہ", Source),
    ],
    months: &[
        "جنوری",
        "فروری",
        "مارچ",
        "اپریل",
        "مئی",
        "جون",
        "جولائی",
        "اگست",
        "ستمبر",
        "اکتوبر",
        "نومبر",
        "دسمبر",
    ],
    weekdays: &["پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ", "اتوار"],
    stopwords: &[
        "کے", "کی", "کا", "میں", "سے", "اور", "ہے", "ہیں", "نے", "کو", "پر", "یہ", "وہ", "تھا", "تھی", "تھے",
        "ایک", "کہ", "بھی", "لیے", "گیا", "ہو", "جو", "نہیں",
    ],
};
