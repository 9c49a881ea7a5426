//! The date evidence of a pair: a day against a month.

use cluster::features::day_number;
use cluster::profile::Profile;
use cluster::score::{pair_features, DocumentFrequencies, FEATURE_NAMES};
use cluster::ArticleFeatures;

fn conflict_of(day: (i32, u8, u8), month: (i32, u8)) -> f32 {
    let dated = ArticleFeatures {
        id: "dated".into(),
        event_day: Some(day_number(day.0, day.1, day.2)),
        ..Default::default()
    };
    let monthly = ArticleFeatures {
        id: "monthly".into(),
        published_month: Some(month.0 * 12 + i32::from(month.1) - 1),
        ..Default::default()
    };
    let pf = pair_features(&Profile::of(&dated), &Profile::of(&monthly), &DocumentFrequencies::default());
    let at = FEATURE_NAMES.iter().position(|n| *n == "date_conflict").expect("a date conflict feature");
    pf.values[at]
}

#[test]
fn a_day_more_than_a_week_outside_a_month_conflicts_with_it() {
    // 12 September against October: 19 days before the month, another happening.
    assert_eq!(conflict_of((2024, 9, 12), (2024, 10)), 1.0);
    assert_eq!(conflict_of((2024, 11, 20), (2024, 10)), 1.0);
    // The last days of the month before, or the month itself: reported within the month.
    assert_eq!(conflict_of((2024, 9, 26), (2024, 10)), 0.0);
    assert_eq!(conflict_of((2024, 10, 17), (2024, 10)), 0.0);
    // Two months apart always conflict.
    assert_eq!(conflict_of((2024, 8, 31), (2024, 10)), 1.0);
}
