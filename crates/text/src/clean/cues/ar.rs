//! Arabic cue phrases.

use super::CueKind::*;
use super::{Cue, LanguageCues};

/// Arabic cues.
pub const CUES: LanguageCues = LanguageCues {
    language: "ar",
    cues: &[
        // "comments", "comment"
        Cue::line("التعليقات", Comment),
        Cue::line("تعليقات", Comment),
        Cue::line("تعليق", Comment),
        // "no comments", "add / leave / send / write a comment"
        Cue::start("لا توجد تعليقات", Comment),
        Cue::start("ليست هناك تعليقات", Comment),
        Cue::start("أضف تعليق", Comment),
        Cue::start("أضف تعليقا", Comment),
        Cue::start("اترك تعليق", Comment),
        Cue::start("اترك تعليقا", Comment),
        Cue::start("إرسال تعليق", Comment),
        Cue::start("اكتب تعليق", Comment),
        Cue::start("اكتب تعليقا", Comment),
        // "share", "print"
        Cue::line("شارك", Share),
        Cue::line("مشاركة", Share),
        Cue::line("طباعة", Share),
        Cue::start("شارك على", Share),
        // "rating"
        Cue::line("التقييم", Rating),
        Cue::line("تقييم", Rating),
        // "press / click here", "download the app", "subscribe", "follow us", "newsletter"
        Cue::anywhere("اضغط هنا", Promo),
        Cue::anywhere("انقر هنا", Promo),
        Cue::anywhere("حمل التطبيق", Promo),
        Cue::anywhere("حمل تطبيق", Promo),
        Cue::start("اشترك", Promo),
        Cue::start("تابعونا", Promo),
        Cue::start("النشرة البريدية", Promo),
        // "cookies"
        Cue::anywhere("ملفات تعريف الارتباط", Cookie),
        // "read also", "read more", "related topics / news", "most read"
        Cue::start("اقرأ أيضا", Related),
        Cue::start("اقرأ المزيد", Related),
        Cue::start("مواضيع ذات صلة", Related),
        Cue::start("أخبار ذات صلة", Related),
        Cue::start("الأكثر قراءة", Related),
        // "home", "menu", "search", "skip to content"
        Cue::line("الرئيسية", Navigation),
        Cue::line("القائمة", Navigation),
        Cue::line("بحث", Navigation),
        Cue::start("انتقل إلى المحتوى", Navigation),
        // "advertisement", "breaking"
        Cue::line("إعلان", Notice),
        Cue::line("عاجل", Notice),
        // "all rights reserved"
        Cue::anywhere("جميع الحقوق محفوظة", Copyright),
        // "quoting", "according to"
        Cue::start("نقلا عن", Attribution),
        Cue::start("بحسب", Attribution),
        // "by (pen of)", "wrote"
        Cue::start("بقلم", Byline),
        Cue::start("كتب", Byline),
        // "photo:", "photography"
        Cue::start("صورة:", Photo),
        Cue::start("الصورة:", Photo),
        Cue::start("تصوير", Photo),
        // "source"
        Cue::start("المصدر", Source),
        Cue::start("مصدر", Source),
    ],
    months: &[
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "إبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
        "كانون",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين",
    ],
    weekdays: &["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    stopwords: &[
        "في",
        "من",
        "على",
        "إلى",
        "عن",
        "أن",
        "إن",
        "التي",
        "الذي",
        "الذين",
        "مع",
        "هذا",
        "هذه",
        "كان",
        "كانت",
        "قد",
        "ما",
        "لا",
        "أو",
        "ثم",
        "بعد",
        "قبل",
        "حيث",
        "كما",
        "بين",
        "عند",
    ],
};
