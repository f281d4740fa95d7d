//! What the templates and the API show, built from database rows.
//! Times are stored in UTC and shown in the standard's time zone.

use chrono_tz::Tz;
use serde::Serialize;

use chrono::{NaiveDateTime, TimeZone, Utc};

pub use crate::clock::local_time;
use crate::comments::dispositions::decisions::PublicDecision;
use crate::comments::ledger::rfc3339;
use crate::comparison::History;
use crate::db::models::{ClauseRow, Standard, Version};
use crate::redline::Status;
use crate::urls;

/// The comment window in words.
pub fn window_text(v: &Version, tz: Tz) -> Option<String> {
    match (v.comment_opens, v.comment_closes) {
        (Some(o), Some(c)) => Some(crate::i18n::t2(
            "pages-window",
            "opens",
            local_time(o, tz),
            "closes",
            local_time(c, tz),
        )),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct VersionView {
    pub label: String,
    pub title: String,
    pub status: String,
    pub status_display: String,
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
            published: v.published.map(crate::clock::long_date),
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

    /// "Comment on 2.3" for the link, or with `full` "Comment on 2.3:
    /// Heading" for its accessible name.
    pub fn comment_label(&self, full: bool) -> String {
        let target = match (self.number.is_empty(), full) {
            (true, true) => self.heading.clone(),
            (true, false) => format!("“{}”", self.heading),
            (false, true) => format!("{}: {}", self.number, self.heading),
            (false, false) => self.number.clone(),
        };
        crate::i18n::t1("version-comment-on", "clause", target)
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

/// Absolute addresses of a version's pages, feeds and API answers.
#[derive(Debug, Serialize)]
pub struct ApiVersionLinks {
    pub html: String,
    pub api: String,
    pub comments_html: String,
    pub comments_api: String,
    pub comments_feed: String,
    pub dispositions_html: String,
    pub dispositions_api: String,
    pub decisions_feed: String,
}

impl ApiVersionLinks {
    pub fn new(base: &str, slug: &str, label: &str) -> Self {
        let at = |path: String| urls::absolute(base, &path);
        ApiVersionLinks {
            html: at(urls::version(slug, label)),
            api: at(urls::api_version(slug, label)),
            comments_html: at(urls::version_comments(slug, label)),
            comments_api: at(urls::api_comments(slug, label)),
            comments_feed: at(urls::comments_feed(slug, label)),
            dispositions_html: at(urls::dispositions(slug, label)),
            dispositions_api: at(urls::api_dispositions(slug, label)),
            decisions_feed: at(urls::decisions_feed(slug, label)),
        }
    }
}

/// A published version in `GET /api/v1/standards/{slug}`.
#[derive(Debug, Serialize)]
pub struct ApiVersionSummary {
    pub label: String,
    pub title: String,
    pub status: String,
    pub published: Option<String>,
    /// RFC 3339, UTC.
    pub comment_opens: Option<String>,
    pub comment_closes: Option<String>,
    pub open_now: bool,
    pub links: ApiVersionLinks,
}

/// Absolute addresses of a standard's page, feed and API answer.
#[derive(Debug, Serialize)]
pub struct ApiStandardLinks {
    pub html: String,
    pub api: String,
    pub versions_feed: String,
    pub subscribe: String,
}

/// `GET /api/v1/standards/{slug}`: a standard with its published
/// versions, oldest first.
#[derive(Debug, Serialize)]
pub struct ApiStandardDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub time_zone: String,
    pub latest_version: Option<String>,
    pub links: ApiStandardLinks,
    pub versions: Vec<ApiVersionSummary>,
}

impl ApiStandardDetail {
    pub fn new(base: &str, s: &Standard, versions: &[Version]) -> Self {
        let at = |path: String| urls::absolute(base, &path);
        ApiStandardDetail {
            slug: s.slug.clone(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            time_zone: s.time_zone.clone(),
            latest_version: versions.last().map(|v| v.label.clone()),
            links: ApiStandardLinks {
                html: at(urls::standard(&s.slug)),
                api: at(urls::api_standard(&s.slug)),
                versions_feed: at(urls::versions_feed(&s.slug)),
                subscribe: at(urls::subscribe(&s.slug)),
            },
            versions: versions
                .iter()
                .map(|v| ApiVersionSummary {
                    label: v.label.clone(),
                    title: v.title.clone(),
                    status: v.status.clone(),
                    published: v.published.map(|d| d.to_string()),
                    comment_opens: v.comment_opens.map(rfc3339),
                    comment_closes: v.comment_closes.map(rfc3339),
                    open_now: v.is_open_now(),
                    links: ApiVersionLinks::new(base, &s.slug, &v.label),
                })
                .collect(),
        }
    }
}

/// One editors' decision in `GET …/versions/{label}/dispositions`: what
/// the disposition report shows, and when it was recorded; never who
/// recorded it.
#[derive(Debug, Serialize)]
pub struct ApiDecision {
    /// The decision's own number, also the cursor after it.
    pub id: i32,
    pub comment_id: i32,
    pub tracking_number: String,
    pub comment_status: String,
    pub clause_key: Option<String>,
    pub clause_number: Option<String>,
    pub outcome: &'static str,
    pub rationale: String,
    pub decided_at: String,
    pub resolved_version: Option<String>,
    pub resolved_clause_key: Option<String>,
    pub resolved_clause_number: Option<String>,
    pub resolved_in: Option<String>,
    /// The comment's page.
    pub comment_html: String,
}

impl ApiDecision {
    pub fn new(base: &str, d: PublicDecision) -> Self {
        ApiDecision {
            id: d.id,
            comment_id: d.comment_id,
            comment_html: urls::absolute(base, &urls::comment(d.comment_id)),
            tracking_number: d.tracking_number,
            comment_status: d.comment_status,
            clause_key: d.clause_key,
            clause_number: d.clause_number,
            outcome: d.outcome.as_str(),
            rationale: d.rationale,
            decided_at: rfc3339(d.decided_at),
            resolved_version: d.resolved_version,
            resolved_clause_key: d.resolved_clause_key,
            resolved_clause_number: d.resolved_clause_number,
            resolved_in: d.resolved_in,
        }
    }
}

/// Absolute addresses of a clause's history.
#[derive(Debug, Serialize)]
pub struct ApiHistoryLinks {
    pub html: String,
    pub api: String,
}

/// `GET /api/v1/standards/{slug}/clauses/{key}/history`
#[derive(Debug, Serialize)]
pub struct ApiClauseHistory {
    pub standard: String,
    pub key: String,
    /// Its heading in the latest version that has it.
    pub heading: String,
    pub links: ApiHistoryLinks,
    /// Every published version, oldest first, whether it has the clause or not.
    pub versions: Vec<ApiClauseInVersion>,
}

/// Absolute addresses of a clause in one version.
#[derive(Debug, Serialize)]
pub struct ApiClauseLinks {
    /// The clause's page (none when the version lacks it).
    pub html: Option<String>,
    pub version_html: String,
    pub version_api: String,
    /// The clause's redline from the previous published version.
    pub compare_html: Option<String>,
}

/// The clause in one published version.
#[derive(Debug, Serialize)]
pub struct ApiClauseInVersion {
    pub label: String,
    pub present: bool,
    pub number: Option<String>,
    pub heading: Option<String>,
    /// Its text differs from the previous published version's (or it was
    /// added or removed); `null` for the first published version.
    pub changed: Option<bool>,
    /// `added`, `removed`, `modified` or `unchanged` since the previous
    /// published version; `null` for the first, and where neither has it.
    pub change: Option<&'static str>,
    pub moved: bool,
    pub renumbered: bool,
    pub body_markdown: Option<String>,
    pub links: ApiClauseLinks,
}

impl ApiClauseHistory {
    pub fn new(base: &str, h: History) -> Self {
        let slug = &h.standard.slug;
        let at = |path: String| urls::absolute(base, &path);
        let versions = h
            .appearances
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let step = h.steps.iter().find(|s| s.to_label == a.label);
                let diff = step.map(|s| &s.diff);
                ApiClauseInVersion {
                    present: a.number.is_some(),
                    changed: (i > 0).then(|| diff.is_some_and(|d| d.status != Status::Unchanged)),
                    change: diff.map(|d| d.status.as_str()),
                    moved: diff.is_some_and(|d| d.moved),
                    renumbered: diff.is_some_and(|d| d.renumbered),
                    links: ApiClauseLinks {
                        html: a
                            .number
                            .is_some()
                            .then(|| at(urls::clause(slug, &a.label, &h.key))),
                        version_html: at(urls::version(slug, &a.label)),
                        version_api: at(urls::api_version(slug, &a.label)),
                        compare_html: step.map(|s| {
                            at(urls::compare_clause(slug, &s.from_label, &a.label, &h.key))
                        }),
                    },
                    number: a.number,
                    heading: a.heading,
                    body_markdown: a.body_md,
                    label: a.label,
                }
            })
            .collect();
        ApiClauseHistory {
            links: ApiHistoryLinks {
                html: at(urls::clause_history(slug, &h.key)),
                api: at(urls::api_clause_history(slug, &h.key)),
            },
            standard: h.standard.slug,
            key: h.key,
            heading: h.heading,
            versions,
        }
    }
}
