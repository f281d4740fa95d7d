//! A version of a standard. Once its status leaves `draft` it is published
//! and its source never changes again.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::versions;
use crate::db::DbConn;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionStatus {
    Draft,
    Open,
    Closed,
    Final,
    Superseded,
}

impl VersionStatus {
    pub const ALL: [VersionStatus; 5] = [
        VersionStatus::Draft,
        VersionStatus::Open,
        VersionStatus::Closed,
        VersionStatus::Final,
        VersionStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Open => "open",
            VersionStatus::Closed => "closed",
            VersionStatus::Final => "final",
            VersionStatus::Superseded => "superseded",
        }
    }

    /// How the status reads on the site.
    /// In the current language.
    pub fn display(self) -> String {
        crate::i18n::t(match self {
            VersionStatus::Draft => "status-draft",
            VersionStatus::Open => "status-open",
            VersionStatus::Closed => "status-closed",
            VersionStatus::Final => "status-final",
            VersionStatus::Superseded => "status-superseded",
        })
    }

    /// Anything but a draft is published, and so immutable.
    pub fn is_published(self) -> bool {
        self != VersionStatus::Draft
    }
}

impl fmt::Display for VersionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for VersionStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        VersionStatus::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| crate::i18n::t1("drafting-unknown-status", "status", s))
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = versions)]
pub struct Version {
    pub id: i32,
    pub standard_id: i32,
    pub label: String,
    pub position: i32,
    pub title: String,
    pub status: String,
    pub published: Option<NaiveDate>,
    pub comment_opens: Option<NaiveDateTime>,
    pub comment_closes: Option<NaiveDateTime>,
    pub notes: String,
    pub preamble_html: String,
    pub sha256: String,
    pub source_path: String,
    pub imported_at: NaiveDateTime,
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = versions)]
pub struct NewVersion<'a> {
    pub standard_id: i32,
    pub label: &'a str,
    pub position: i32,
    pub title: &'a str,
    pub status: &'a str,
    pub published: Option<NaiveDate>,
    pub comment_opens: Option<NaiveDateTime>,
    pub comment_closes: Option<NaiveDateTime>,
    pub notes: &'a str,
    pub preamble_html: &'a str,
    pub source: &'a str,
    pub sha256: &'a str,
    pub source_path: &'a str,
    pub imported_at: NaiveDateTime,
}

impl Version {
    pub fn status(&self) -> VersionStatus {
        self.status.parse().unwrap_or(VersionStatus::Draft)
    }

    /// Whether the comment window is open at `now` (UTC).
    pub fn is_open_at(&self, now: NaiveDateTime) -> bool {
        self.status() == VersionStatus::Open
            && self.comment_opens.is_some_and(|o| o <= now)
            && self.comment_closes.is_some_and(|c| now < c)
    }

    pub fn is_open_now(&self) -> bool {
        self.is_open_at(Utc::now().naive_utc())
    }

    /// The first moment after `now` at which [`Version::is_open_at`] may
    /// change: the window's opening or closing, if still ahead.
    pub fn window_change_after(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        [self.comment_opens, self.comment_closes]
            .into_iter()
            .flatten()
            .filter(|t| *t > now)
            .min()
    }

    /// The first window change after `now` among `versions`.
    pub fn next_window_change<'a>(
        versions: impl IntoIterator<Item = &'a Version>,
        now: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        versions
            .into_iter()
            .filter_map(|v| v.window_change_after(now))
            .min()
    }

    /// Versions of a standard, oldest first.
    pub fn for_standard(conn: &mut DbConn, standard_id: i32) -> QueryResult<Vec<Version>> {
        versions::table
            .filter(versions::standard_id.eq(standard_id))
            .order(versions::position.asc())
            .select(Version::as_select())
            .load(conn)
    }

    /// The published versions of a standard, oldest first (drafts are
    /// never public).
    pub fn published_for_standard(
        conn: &mut DbConn,
        standard_id: i32,
    ) -> QueryResult<Vec<Version>> {
        let mut all = Version::for_standard(conn, standard_id)?;
        all.retain(|v| v.status().is_published());
        Ok(all)
    }

    /// Every version of every standard, oldest first within a standard.
    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Version>> {
        versions::table
            .order((versions::standard_id.asc(), versions::position.asc()))
            .select(Version::as_select())
            .load(conn)
    }

    pub fn by_label(conn: &mut DbConn, standard_id: i32, label: &str) -> QueryResult<Version> {
        versions::table
            .filter(versions::standard_id.eq(standard_id))
            .filter(versions::label.eq(label))
            .select(Version::as_select())
            .first(conn)
    }

    /// A version of a standard by label, if there is one.
    pub fn find_by_label(
        conn: &mut DbConn,
        standard_id: i32,
        label: &str,
    ) -> QueryResult<Option<Version>> {
        Version::by_label(conn, standard_id, label).optional()
    }

    /// A published version of a standard by label. A draft is never
    /// public, so it is `NotFound` like a version that does not exist.
    pub fn published_by_label(
        conn: &mut DbConn,
        standard_id: i32,
        label: &str,
    ) -> QueryResult<Version> {
        let v = Version::by_label(conn, standard_id, label)?;
        if v.status().is_published() {
            Ok(v)
        } else {
            Err(diesel::result::Error::NotFound)
        }
    }

    /// A standard and one of its published versions, by slug and label.
    pub fn published_in(
        conn: &mut DbConn,
        slug: &str,
        label: &str,
    ) -> QueryResult<(super::Standard, Version)> {
        use crate::db::schema::standards;
        // One query: every comment form and submission starts here.
        let (s, v): (super::Standard, Version) = versions::table
            .inner_join(standards::table)
            .filter(standards::slug.eq(slug))
            .filter(versions::label.eq(label))
            .select((super::Standard::as_select(), Version::as_select()))
            .first(conn)?;
        if v.status().is_published() {
            Ok((s, v))
        } else {
            Err(diesel::result::Error::NotFound)
        }
    }

    /// [`Version::published_in`] with one of its clauses, by key, in one
    /// query: every comment on a clause starts here.
    pub fn clause_in(
        conn: &mut DbConn,
        slug: &str,
        label: &str,
        key: &str,
    ) -> QueryResult<(super::Standard, Version, super::ClauseRow)> {
        use crate::db::schema::{clauses, standards};
        let (s, v, c): (super::Standard, Version, super::ClauseRow) = versions::table
            .inner_join(standards::table)
            .inner_join(
                clauses::table.on(clauses::version_id
                    .eq(versions::id)
                    .and(clauses::clause_key.eq(key))),
            )
            .filter(standards::slug.eq(slug))
            .filter(versions::label.eq(label))
            .select((
                super::Standard::as_select(),
                Version::as_select(),
                super::ClauseRow::as_select(),
            ))
            .first(conn)?;
        if v.status().is_published() {
            Ok((s, v, c))
        } else {
            Err(diesel::result::Error::NotFound)
        }
    }

    /// The Markdown source as imported (not loaded with the row, as it can be large).
    pub fn source(conn: &mut DbConn, id: i32) -> QueryResult<String> {
        versions::table
            .find(id)
            .select(versions::source)
            .first(conn)
    }

    pub fn insert(conn: &mut DbConn, new: &NewVersion<'_>) -> QueryResult<Version> {
        crate::per_backend!(conn => diesel::insert_into(versions::table)
            .values(new)
            .returning(Version::as_returning())
            .get_result(conn))
    }

    /// Replace a draft's content in place.
    pub fn replace(conn: &mut DbConn, id: i32, new: &NewVersion<'_>) -> QueryResult<()> {
        diesel::update(versions::table.find(id))
            .set(new)
            .execute(conn)?;
        Ok(())
    }

    /// Store the preamble as the renderer now renders it (see
    /// `ClauseRow::refresh_html`: derived HTML, not the record).
    pub fn refresh_preamble_html(conn: &mut DbConn, v: &Version, html: &str) -> QueryResult<()> {
        if v.preamble_html != html {
            diesel::update(versions::table.find(v.id))
                .set(versions::preamble_html.eq(html))
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn by_id(conn: &mut DbConn, id: i32) -> QueryResult<Version> {
        versions::table
            .find(id)
            .select(Version::as_select())
            .first(conn)
    }

    /// Set the status and comment window of a published version: the only
    /// fields that change after publication (the source never does).
    pub fn set_window(
        conn: &mut DbConn,
        id: i32,
        status: VersionStatus,
        opens: Option<NaiveDateTime>,
        closes: Option<NaiveDateTime>,
    ) -> QueryResult<usize> {
        diesel::update(versions::table.find(id))
            .set((
                versions::status.eq(status.as_str()),
                versions::comment_opens.eq(opens),
                versions::comment_closes.eq(closes),
            ))
            .execute(conn)
    }
}
