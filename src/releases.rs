//! A standard's published versions as readers follow them: which one is
//! current (the latest published), so that every page of an older version
//! can point to it; which one is open for comment now, for a comment sent
//! to a version whose period is over; and the newest ones, for the feed of
//! releases and the API.
//!
//! The policy a reader must know: drafts never appear here, and "current"
//! means the latest published version by publication order, whatever its
//! status (a final version is current until another is published).

use chrono::NaiveDateTime;
use diesel::{OptionalExtension, QueryResult};

use crate::db::models::{ClauseRow, Standard, Version};
use crate::db::DbConn;
use crate::standard::clause::naming;
use crate::urls;

/// The current version of a standard, as the notice on an older version's
/// pages names and links it.
#[derive(Debug, Clone)]
pub struct Current {
    pub label: String,
    pub title: String,
    /// "Open for comment", "Final"…
    pub status_display: String,
    /// Where to read on: the same clause in the current version when the
    /// page is about a clause it still has, else the current version.
    pub href: String,
    /// That clause in words ("clause 1.2 (Chain of custody)"), when `href`
    /// leads to it.
    pub clause: Option<String>,
    /// The page is about a clause the current version no longer has.
    pub clause_gone: bool,
}

/// The latest of a standard's versions that are published.
fn latest(versions: Vec<Version>) -> Option<Version> {
    versions
        .into_iter()
        .filter(|v| v.status().is_published())
        .max_by_key(|v| v.position)
}

/// Where a reader of `version` finds the current text: `None` when
/// `version` is the latest published version. With `clause_key`, the same
/// clause in the current version when it is still there. At most two
/// queries.
pub fn newer_than(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clause_key: Option<&str>,
) -> QueryResult<Option<Current>> {
    let Some(current) = latest(Version::for_standard(conn, standard.id)?) else {
        return Ok(None);
    };
    if current.position <= version.position {
        return Ok(None);
    }
    let clause = match clause_key {
        Some(k) => ClauseRow::by_key(conn, current.id, k).optional()?,
        None => None,
    };
    Ok(Some(Current {
        href: match &clause {
            Some(c) => urls::clause(&standard.slug, &current.label, &c.clause_key),
            None => urls::version(&standard.slug, &current.label),
        },
        clause_gone: clause_key.is_some() && clause.is_none(),
        clause: clause.map(|c| naming::full(&c.number, &c.heading)),
        status_display: current.status().display(),
        label: current.label,
        title: current.title,
    }))
}

/// The latest published version of a standard whose comment period is
/// open at `now`, if any.
pub fn open_for_comment(
    conn: &mut DbConn,
    standard_id: i32,
    now: NaiveDateTime,
) -> QueryResult<Option<Version>> {
    Ok(Version::published_for_standard(conn, standard_id)?
        .into_iter()
        .rev()
        .find(|v| v.is_open_at(now)))
}

/// A standard and its newest published versions, newest first, at most
/// `limit` of them (none yet is an empty list: the standard is public
/// before its first version is).
pub fn newest(
    conn: &mut DbConn,
    slug: &str,
    limit: usize,
) -> QueryResult<(Standard, Vec<Version>)> {
    let standard = Standard::by_slug(conn, slug)?;
    let mut versions = Version::published_for_standard(conn, standard.id)?;
    versions.reverse();
    versions.truncate(limit);
    Ok((standard, versions))
}

/// A standard and every published version of it, oldest first; `NotFound`
/// when none is published yet.
pub fn published(conn: &mut DbConn, slug: &str) -> QueryResult<(Standard, Vec<Version>)> {
    let standard = Standard::by_slug(conn, slug)?;
    let versions = Version::published_for_standard(conn, standard.id)?;
    if versions.is_empty() {
        return Err(diesel::result::Error::NotFound);
    }
    Ok((standard, versions))
}
