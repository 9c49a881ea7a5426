//! Japanese date words: year/month/day markers (2025年8月23日) and the imperial eras still printed
//! by Japanese sites (令和7年 = 2025).

use super::{CjkMarkers, DateLanguage, EMPTY};

/// Japanese date markers and eras.
pub const TABLE: DateLanguage = DateLanguage {
    code: "ja",
    markers: Some(CjkMarkers { year: "年", month: "月", day: "日" }),
    eras: &[("令和", 2018), ("平成", 1988)],
    updated: &["更新"],
    ..EMPTY
};
