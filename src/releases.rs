//! A standard's published versions as readers follow them: the newest
//! ones, for the feed of releases and the API.
//!
//! The policy a reader must know: drafts never appear here.

use diesel::QueryResult;

use crate::db::models::{Standard, Version};
use crate::db::DbConn;

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
