//! What the templates and the API show, built from database rows.
//! Times are stored in UTC and shown in the standard's time zone.

use chrono_tz::Tz;
use serde::Serialize;

use chrono::{NaiveDateTime, TimeZone, Utc};

pub use crate::clock::local_time;
use crate::db::models::{ClauseRow, Standard, Version};

/// The comment window in words.
pub fn window_text(v: &Version, tz: Tz) -> Option<String> {
    match (v.comment_opens, v.comment_closes) {
        (Some(o), Some(c)) => Some(format!("{} to {}", local_time(o, tz), local_time(c, tz))),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct VersionView {
    pub label: String,
    pub title: String,
    pub status: String,
    pub status_display: &'static str,
    pub published: Option<String>,
    pub window: Option<String>,
    pub open_now: bool,
    pub sha256: String,
    pub notes: String,
}

impl VersionView {
    pub fn new(v: &Version, tz: Tz) -> Self {
        VersionView {
            label: v.label.clone(),
            title: v.title.clone(),
            status: v.status.clone(),
            status_display: v.status().display(),
            published: v.published.map(|d| d.format("%-d %B %Y").to_string()),
            window: window_text(v, tz),
            open_now: v.is_open_now(),
            sha256: v.sha256.clone(),
            notes: v.notes.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClauseView {
    pub key: String,
    pub number: String,
    pub heading: String,
    /// Heading level on the page (2–6; the page title is the only h1).
    pub level: i32,
    pub html: String,
}

impl ClauseView {
    pub fn new(c: &ClauseRow) -> Self {
        ClauseView {
            key: c.clause_key.clone(),
            number: c.number.clone(),
            heading: c.heading.clone(),
            level: c.level.clamp(2, 6),
            html: c.html.clone(),
        }
    }

    /// "clause 2.3" or the heading, for link labels.
    pub fn label(&self) -> String {
        crate::standard::clause::naming::short(&self.number, &self.heading)
    }
}

/// `GET /api/v1/standards` item.
#[derive(Debug, Serialize)]
pub struct ApiStandard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub latest_version: Option<String>,
}

/// `GET /api/v1/standards/{slug}/versions/{label}`
#[derive(Debug, Serialize)]
pub struct ApiVersion {
    pub standard: String,
    pub label: String,
    pub title: String,
    pub status: String,
    pub published: Option<String>,
    pub sha256: String,
    pub comment_window: Option<ApiWindow>,
    pub clauses: Vec<ApiClause>,
}

#[derive(Debug, Serialize)]
pub struct ApiWindow {
    /// RFC 3339, UTC.
    pub opens: String,
    pub closes: String,
    pub time_zone: String,
    pub open_now: bool,
}

#[derive(Debug, Serialize)]
pub struct ApiClause {
    pub key: String,
    pub number: String,
    pub heading: String,
    pub level: i32,
    pub parent: Option<String>,
    pub html: String,
}

impl ApiVersion {
    pub fn new(s: &Standard, v: &Version, clauses: &[ClauseRow]) -> Self {
        let rfc = |t: NaiveDateTime| {
            Utc.from_utc_datetime(&t)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        ApiVersion {
            standard: s.slug.clone(),
            label: v.label.clone(),
            title: v.title.clone(),
            status: v.status.clone(),
            published: v.published.map(|d| d.to_string()),
            sha256: v.sha256.clone(),
            comment_window: match (v.comment_opens, v.comment_closes) {
                (Some(o), Some(c)) => Some(ApiWindow {
                    opens: rfc(o),
                    closes: rfc(c),
                    time_zone: s.time_zone.clone(),
                    open_now: v.is_open_now(),
                }),
                _ => None,
            },
            clauses: clauses
                .iter()
                .map(|c| ApiClause {
                    key: c.clause_key.clone(),
                    number: c.number.clone(),
                    heading: c.heading.clone(),
                    level: c.level,
                    parent: c.parent_key.clone(),
                    html: c.html.clone(),
                })
                .collect(),
        }
    }
}

/// A version in the comparison picker.
#[derive(Debug, Clone)]
pub struct VersionOption {
    pub label: String,
    pub title: String,
}

impl VersionOption {
    /// A version as a choice of the comparison form.
    pub fn of(v: &crate::db::models::Version) -> Self {
        VersionOption {
            label: v.label.clone(),
            title: v.title.clone(),
        }
    }

    pub fn empty() -> Self {
        VersionOption {
            label: String::new(),
            title: String::new(),
        }
    }
}
