//! Korean date words: year/month/day markers (2025년 8월 23일).

use super::{CjkMarkers, DateLanguage, EMPTY};

/// Korean date markers.
pub const TABLE: DateLanguage = DateLanguage {
    code: "ko",
    markers: Some(CjkMarkers { year: "년", month: "월", day: "일" }),
    updated: &["수정", "업데이트"],
    ..EMPTY
};
