//! Calendar arithmetic: day numbers, today's date, and Solar Hijri (Jalali) to Gregorian.

use model::PartialDate;
use std::sync::LazyLock;

/// Whether `year` is a Gregorian leap year.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub use model::days_in_month;

/// Days from 1970-01-01 to the given Gregorian date (negative before it).
pub fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let mut days: i64 = 0;
    if year >= 1970 {
        days += (1970..year).map(|y| if is_leap(y) { 366 } else { 365 }).sum::<i64>();
    } else {
        days -= (year..1970).map(|y| if is_leap(y) { 366 } else { 365 }).sum::<i64>();
    }
    days += (1..month).map(|m| i64::from(days_in_month(year, m))).sum::<i64>();
    days + i64::from(day) - 1
}

/// The Gregorian date of a day number counted from 1970-01-01.
pub fn date_of(mut days: i64) -> PartialDate {
    let mut year = 1970;
    loop {
        let len = if is_leap(year) { 366 } else { 365 };
        if days < 0 {
            year -= 1;
            days += if is_leap(year) { 366 } else { 365 };
        } else if days >= len {
            days -= len;
            year += 1;
        } else {
            break;
        }
    }
    let mut month = 1u8;
    while days >= i64::from(days_in_month(year, month)) {
        days -= i64::from(days_in_month(year, month));
        month += 1;
    }
    PartialDate { year, month: Some(month), day: Some(days as u8 + 1) }
}

/// Today's date (UTC), read once per process.
pub static TODAY: LazyLock<i64> = LazyLock::new(|| {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    secs.div_euclid(86_400)
});

/// Whether Solar Hijri year `year` has 366 days, by the 33-year arithmetic cycle (exact for the years
/// 1343–1472 AP, i.e. 1964–2093, which covers every plausible publication date).
fn is_solar_hijri_leap(year: i32) -> bool {
    matches!(year.rem_euclid(33), 1 | 5 | 9 | 13 | 17 | 22 | 26 | 30)
}

/// Day number of 1 Farvardin 1404 (Nowruz, 21 March 2025): the anchor other years are counted from.
fn nowruz_1404() -> i64 {
    day_number(2025, 3, 21)
}

/// The day number of a Solar Hijri date, or `None` when the day does not exist.
fn solar_hijri_day_number(year: i32, month: u8, day: u8) -> Option<i64> {
    let month_len = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_solar_hijri_leap(year) => 30,
        12 => 29,
        _ => return None,
    };
    if day == 0 || day > month_len {
        return None;
    }
    let year_len = |y: i32| if is_solar_hijri_leap(y) { 366 } else { 365 };
    let mut start = nowruz_1404();
    if year >= 1404 {
        start += (1404..year).map(year_len).sum::<i64>();
    } else {
        start -= (year..1404).map(year_len).sum::<i64>();
    }
    let before: i64 = (1..month).map(|m| if m <= 6 { 31 } else { 30 }).sum();
    Some(start + before + i64::from(day) - 1)
}

/// A Solar Hijri date as a Gregorian date. A month without a day spans two Gregorian months, so it
/// gives only the Gregorian year, and only when the whole month falls in one year.
pub fn from_solar_hijri(year: i32, month: u8, day: Option<u8>) -> Option<PartialDate> {
    if !(1300..=1500).contains(&year) {
        return None;
    }
    match day {
        Some(day) => Some(date_of(solar_hijri_day_number(year, month, day)?)),
        None => {
            let first = date_of(solar_hijri_day_number(year, month, 1)?);
            let last = date_of(solar_hijri_day_number(year, month, 29)?);
            (first.year == last.year).then_some(PartialDate::year(first.year))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1), 11_017);
        for n in [-800, -1, 0, 59, 365, 11_016, 20_323, 40_000] {
            let d = date_of(n);
            assert_eq!(day_number(d.year, d.month.unwrap(), d.day.unwrap()), n);
        }
    }

    #[test]
    fn solar_hijri_dates_convert() {
        let ymd = |y, m, d| PartialDate::ymd(y, m, d);
        assert_eq!(from_solar_hijri(1404, 6, Some(1)), ymd(2025, 8, 23));
        assert_eq!(from_solar_hijri(1403, 1, Some(1)), ymd(2024, 3, 20));
        assert_eq!(from_solar_hijri(1400, 1, Some(1)), ymd(2021, 3, 21));
        assert_eq!(from_solar_hijri(1399, 12, Some(30)), ymd(2021, 3, 20));
        assert_eq!(from_solar_hijri(1369, 1, Some(1)), ymd(1990, 3, 21));
        assert_eq!(from_solar_hijri(1404, 12, Some(30)), None);
        assert_eq!(from_solar_hijri(1404, 6, None), Some(PartialDate::year(2025)));
        assert_eq!(from_solar_hijri(1404, 10, None), None);
    }
}
