//! Chinese date words: year/month/day markers (2025年8月23日; 号 for the day in casual writing).

use super::{CjkMarkers, DateLanguage, EMPTY};

/// Chinese date markers.
pub const TABLE: DateLanguage = DateLanguage {
    code: "zh",
    markers: Some(CjkMarkers { year: "年", month: "月", day: "号" }),
    updated: &["更新", "修改"],
    ..EMPTY
};
