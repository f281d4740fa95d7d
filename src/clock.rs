//! Times as people read them. Every time is stored in UTC; it is shown in
//! the time zone of the standard it belongs to, by [`local_time`] only, so
//! pages, mail and the CLI all say a time the same way.

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A UTC time as read in a time zone: "2 November 2026, 8:00 AM CST".
pub fn local_time(utc: NaiveDateTime, tz: Tz) -> String {
    let local = Utc.from_utc_datetime(&utc).with_timezone(&tz);
    local.format("%-d %B %Y, %-I:%M %p %Z").to_string()
}
