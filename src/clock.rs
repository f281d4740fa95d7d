//! Times as people read them. Every time is stored in UTC; it is shown in
//! the time zone of the standard it belongs to, by [`local_time`] only, so
//! pages, mail and the CLI all say a time the same way, in the current
//! language.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::i18n;

/// A UTC time as read in a time zone: "2 November 2026, 8:00 AM CST"
/// ("2 de noviembre de 2026, 8:00 a. m. CST" in Spanish).
pub fn local_time(utc: NaiveDateTime, tz: Tz) -> String {
    let local = Utc.from_utc_datetime(&utc).with_timezone(&tz);
    let time = match i18n::current() {
        i18n::Lang::En => local.format("%-I:%M %p %Z").to_string(),
        i18n::Lang::Es => {
            let half = if local.format("%p").to_string() == "AM" {
                "a. m."
            } else {
                "p. m."
            };
            format!("{} {half} {}", local.format("%-I:%M"), local.format("%Z"))
        }
    };
    i18n::t2(
        "date-time",
        "date",
        long_date(local.date_naive()),
        "time",
        time,
    )
}

/// A day in words: "2 November 2026", "2 de noviembre de 2026".
pub fn long_date(date: NaiveDate) -> String {
    let month = i18n::t(MONTHS[date.month0() as usize]);
    i18n::t_with_three(
        "date-long",
        [
            ("day", date.day().to_string()),
            ("month", month),
            ("year", date.year().to_string()),
        ],
    )
}

const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_each_language() {
        let utc = NaiveDate::from_ymd_opt(2026, 11, 2)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let tz: Tz = "America/Chicago".parse().unwrap();
        assert_eq!(local_time(utc, tz), "2 November 2026, 8:00 AM CST");
        assert_eq!(
            i18n::with(i18n::Lang::Es, || local_time(utc, tz)),
            "2 de noviembre de 2026, 8:00 a. m. CST"
        );
    }
}
