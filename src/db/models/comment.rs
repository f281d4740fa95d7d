//! Comments and the queries that read threads.
//!
//! A thread is read with one query ordered by `path`, the materialised path
//! of zero-padded ids from the root (`0000000012/0000000031`), so a comment
//! is always followed by its replies, oldest first, at any depth.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::comments;
use crate::db::DbConn;

/// Width of one id in a materialised path.
pub const PATH_WIDTH: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStatus {
    /// Waiting for its author to open the link sent by email; never shown.
    Unverified,
    /// Verified, waiting for a moderator (pre-moderation); never shown.
    Pending,
    Published,
    /// Hidden by a moderator; a tombstone with the public reason stays.
    Hidden,
    Spam,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 5] = [
        CommentStatus::Unverified,
        CommentStatus::Pending,
        CommentStatus::Published,
        CommentStatus::Hidden,
        CommentStatus::Spam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Unverified => "unverified",
            CommentStatus::Pending => "pending",
            CommentStatus::Published => "published",
            CommentStatus::Hidden => "hidden",
            CommentStatus::Spam => "spam",
        }
    }
}

impl fmt::Display for CommentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommentStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CommentStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown comment status `{s}`"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    General,
    Technical,
    Editorial,
}

impl CommentKind {
    pub const ALL: [CommentKind; 3] = [
        CommentKind::General,
        CommentKind::Technical,
        CommentKind::Editorial,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentKind::General => "general",
            CommentKind::Technical => "technical",
            CommentKind::Editorial => "editorial",
        }
    }

    /// How the kind reads on the site.
    /// In the current language.
    pub fn display(self) -> String {
        crate::i18n::t(match self {
            CommentKind::General => "kind-general",
            CommentKind::Technical => "kind-technical",
            CommentKind::Editorial => "kind-editorial",
        })
    }
}

impl fmt::Display for CommentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommentKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CommentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown comment type `{s}`"))
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i32,
    pub version_id: i32,
    pub clause_key: Option<String>,
    pub parent_id: Option<i32>,
    pub path: String,
    pub depth: i32,
    pub kind: String,
    pub body_md: String,
    /// Sanitised when the comment was stored; see `comments::sanitize`.
    pub body_html: String,
    pub proposed_text: Option<String>,
    pub quoted_text: Option<String>,
    pub commenter_id: i32,
    pub status: String,
    pub hidden_reason: Option<String>,
    pub tracking_number: String,
    pub created_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub flags: i32,
    /// The name shown with the comment: the one given with it, fixed when
    /// its author confirmed it. The one source of "who wrote this" for
    /// pages, feeds, the API, exports and the ledger.
    pub author_name: String,
    /// The organisation shown with the comment, fixed likewise.
    pub author_organization: Option<String>,
    /// The proposed text marked up as changes to the clause, computed when
    /// the comment was stored; `None` for rows stored before that.
    pub proposed_html: Option<String>,
    /// The election office the comment is shown from, fixed when it was
    /// confirmed from an address on a listed domain; see `comments::offices`.
    pub office_name: Option<String>,
    /// The domain of that address (never the address itself).
    pub office_domain: Option<String>,
    /// The language the comment was written in the interface of (`en`,
    /// `es`): later mail about it is written in that language.
    pub lang: String,
}

#[derive(Debug, Insertable)]
// A missing value is stored as NULL (every optional column here defaults to
// NULL anyway), so the insert has one shape and its prepared statement is
// cached instead of prepared again for each row.
#[diesel(table_name = comments, treat_none_as_default_value = false)]
pub struct NewComment<'a> {
    pub version_id: i32,
    pub clause_key: Option<&'a str>,
    pub parent_id: Option<i32>,
    pub depth: i32,
    pub kind: &'a str,
    pub body_md: &'a str,
    pub body_html: &'a str,
    pub proposed_text: Option<&'a str>,
    pub quoted_text: Option<&'a str>,
    pub commenter_id: i32,
    pub status: &'a str,
    pub tracking_number: &'a str,
    pub created_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub author_name: &'a str,
    pub author_organization: Option<&'a str>,
    /// See [`Comment::earlier_submission`].
    pub submission_key: Option<&'a str>,
    /// See [`Comment::proposed_html`].
    pub proposed_html: Option<String>,
    /// See [`Comment::lang`].
    pub lang: &'a str,
}

/// The public face of a comment's author, as shown on that comment: never
/// the email address. Read from the comment's own columns, so what one
/// comment shows never follows what its commenter later types.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Author {
    #[diesel(column_name = author_name)]
    pub display_name: String,
    #[diesel(column_name = author_organization)]
    pub organization: Option<String>,
    /// "Election office: <name>", fixed on the comment when confirmed.
    pub office_name: Option<String>,
    /// The domain the address was confirmed on, for the badge.
    pub office_domain: Option<String>,
}

/// Statuses that appear in public threads: published comments, and the
/// tombstones of comments that were public once.
pub(super) const PUBLIC: [&str; 3] = ["published", "hidden", "spam"];

impl Comment {
    /// The language later mail about this comment is written in.
    pub fn language(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_tag(&self.lang).unwrap_or_default()
    }

    pub fn status(&self) -> CommentStatus {
        self.status.parse().unwrap_or(CommentStatus::Unverified)
    }

    pub fn kind(&self) -> CommentKind {
        self.kind.parse().unwrap_or(CommentKind::General)
    }

    /// Shown in public: published, or a tombstone of something once published.
    pub fn is_public(&self) -> bool {
        match self.status() {
            CommentStatus::Published | CommentStatus::Hidden => true,
            CommentStatus::Spam => self.published_at.is_some(),
            CommentStatus::Unverified | CommentStatus::Pending => false,
        }
    }

    /// One path segment: the id, zero-padded.
    pub fn path_segment(id: i32) -> String {
        format!("{:0width$}", id, width = PATH_WIDTH)
    }

    pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Comment> {
        comments::table
            .find(id)
            .select(Comment::as_select())
            .first(conn)
    }

    pub fn with_author(conn: &mut DbConn, id: i32) -> QueryResult<(Comment, Author)> {
        comments::table
            .filter(comments::id.eq(id))
            .select((Comment::as_select(), Author::as_select()))
            .first(conn)
    }

    /// Insert, then set the materialised path now that the id is known.
    pub fn insert(
        conn: &mut DbConn,
        new: &NewComment<'_>,
        parent_path: Option<&str>,
    ) -> QueryResult<Comment> {
        // The path ends with the comment's own id, so the id is drawn first
        // and the row written whole: one insert, no update of its indexes.
        let id = Comment::next_id(conn)?;
        let path = Comment::path_of(id, parent_path);
        crate::per_backend!(conn => diesel::insert_into(comments::table)
            .values((comments::id.eq(id), comments::path.eq(&path), new))
            .returning(Comment::as_returning())
            .get_result(conn))
    }

    /// Insert with an id drawn before ([`Comment::next_number_and_id`]),
    /// unless another comment has the tracking number already: then
    /// nothing is written and `None` comes back, so the caller draws
    /// another. One statement, no check before it.
    pub fn insert_unless_tracked(
        conn: &mut DbConn,
        id: i32,
        new: &NewComment<'_>,
        parent_path: Option<&str>,
    ) -> QueryResult<Option<Comment>> {
        let path = Comment::path_of(id, parent_path);
        crate::per_backend!(conn => diesel::insert_into(comments::table)
            .values((comments::id.eq(id), comments::path.eq(&path), new))
            .on_conflict(comments::tracking_number)
            .do_nothing()
            .returning(Comment::as_returning())
            .get_result(conn)
            .optional())
    }

    /// The materialised path of comment `id` under `parent_path`.
    fn path_of(id: i32, parent_path: Option<&str>) -> String {
        let segment = Comment::path_segment(id);
        match parent_path {
            Some(p) => format!("{p}/{segment}"),
            None => segment,
        }
    }

    /// The next comment number in `version` (for its tracking number) and
    /// the id the next comment takes: one statement on PostgreSQL (two
    /// sequences), two on SQLite. On SQLite, call inside the write
    /// transaction that inserts the comment.
    pub fn next_number_and_id(conn: &mut DbConn, version_id: i32) -> QueryResult<(i64, i32)> {
        #[derive(QueryableByName)]
        struct Drawn {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            issued: i64,
            #[diesel(sql_type = diesel::sql_types::Integer)]
            id: i32,
        }
        match conn {
            DbConn::Pg(pg) => {
                let d: Drawn = crate::db::prepared(
                    "SELECT next_comment_number($1) AS issued, \
                     CAST(nextval('comments_id_seq') AS INTEGER) AS id",
                )
                .bind::<diesel::sql_types::Integer, _>(version_id)
                .get_result(pg)?;
                Ok((d.issued, d.id))
            }
            DbConn::Sqlite(_) => Ok((
                Comment::next_number(conn, version_id)?,
                Comment::next_id(conn)?,
            )),
        }
    }

    /// The id the next comment takes. On SQLite, call inside the write
    /// transaction that inserts it (which holds the only write lock): past
    /// the largest id ever given, as `AUTOINCREMENT` would be. On
    /// PostgreSQL, taken from the table's sequence.
    fn next_id(conn: &mut DbConn) -> QueryResult<i32> {
        #[derive(QueryableByName)]
        struct Next {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            id: i32,
        }
        let sql = match conn {
            DbConn::Sqlite(_) => {
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0), \
                 COALESCE((SELECT MAX(id) FROM comments), 0)) + 1 AS id"
            }
            DbConn::Pg(_) => {
                "SELECT CAST(nextval(pg_get_serial_sequence('comments', 'id')) AS INTEGER) AS id"
            }
        };
        crate::per_backend!(conn => crate::db::prepared(sql).get_result::<Next>(conn)).map(|n| n.id)
    }

    /// The public thread on a clause (or, with `None`, on the whole
    /// version), in thread order: one query.
    pub fn thread(
        conn: &mut DbConn,
        version_id: i32,
        clause_key: Option<&str>,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        let base = comments::table
            .filter(comments::version_id.eq(version_id))
            .filter(comments::status.eq_any(PUBLIC))
            .order(comments::path.asc())
            .select((Comment::as_select(), Author::as_select()));
        let rows = match clause_key {
            Some(k) => base.filter(comments::clause_key.eq(k)).load(conn)?,
            None => base.filter(comments::clause_key.is_null()).load(conn)?,
        };
        Ok(rows.into_iter().filter(|(c, _)| c.is_public()).collect())
    }

    /// A comment and every reply under it, in thread order: one query.
    pub fn subtree(conn: &mut DbConn, root: &Comment) -> QueryResult<Vec<(Comment, Author)>> {
        let rows: Vec<(Comment, Author)> = comments::table
            .filter(
                comments::path
                    .eq(&root.path)
                    .or(comments::path.like(format!("{}/%", root.path))),
            )
            .filter(comments::status.eq_any(PUBLIC))
            .order(comments::path.asc())
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)?;
        Ok(rows.into_iter().filter(|(c, _)| c.is_public()).collect())
    }

    /// Every public comment of a version, whole-version comments first, then
    /// by clause key, each thread in order: one query.
    pub fn public_for_version(
        conn: &mut DbConn,
        version_id: i32,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        Self::public_for_versions(conn, &[version_id])
    }

    /// The newest `limit` published comments of a version, newest first
    /// by publication (the ledger order), with their authors.
    pub fn latest_published(
        conn: &mut DbConn,
        version_id: i32,
        limit: i64,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        comments::table
            .filter(comments::version_id.eq(version_id))
            .filter(comments::status.eq(CommentStatus::Published.as_str()))
            // Newest publication first, read backwards along the index on
            // (version_id, published_seq): the feed costs the same at any size.
            .order(comments::published_seq.desc())
            .limit(limit)
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)
    }

    /// As [`Comment::public_for_version`], for several versions at once.
    pub fn public_for_versions(
        conn: &mut DbConn,
        version_ids: &[i32],
    ) -> QueryResult<Vec<(Comment, Author)>> {
        if version_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(Comment, Author)> = comments::table
            .filter(comments::version_id.eq_any(version_ids))
            .filter(comments::status.eq_any(PUBLIC))
            .order((
                comments::version_id.asc(),
                comments::clause_key.asc(),
                comments::path.asc(),
            ))
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)?;
        Ok(rows.into_iter().filter(|(c, _)| c.is_public()).collect())
    }

    /// Every comment of a version, of any status, with its author, in
    /// thread order: one query. For staff pages only.
    pub fn all_for_version(
        conn: &mut DbConn,
        version_id: i32,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        comments::table
            .filter(comments::version_id.eq(version_id))
            .order((comments::clause_key.asc(), comments::path.asc()))
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)
    }

    /// Published comments per clause key (`None`: the whole version).
    pub fn published_counts(
        conn: &mut DbConn,
        version_id: i32,
    ) -> QueryResult<Vec<(Option<String>, i64)>> {
        let scope = super::tally::StatusScope::Only(CommentStatus::Published.as_str());
        Ok(super::Tallies::of_version(conn, version_id)?.by_clause(version_id, scope))
    }

    /// The next number of a comment on a version: 1 for the first, and so
    /// on. One row update (the row is locked until the transaction ends), not
    /// a count of every comment.
    /// The next number of a version's tracking numbers. SQLite counts in a
    /// row of `comment_numbers` (its one writer at a time holds the row
    /// anyway); PostgreSQL draws from the version's sequence, which no
    /// concurrent writer waits on (see the `concurrent_intake` migration).
    fn next_number(conn: &mut DbConn, version_id: i32) -> QueryResult<i64> {
        #[derive(QueryableByName)]
        struct Issued {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            issued: i64,
        }
        let row: Issued = match conn {
            DbConn::Sqlite(c) => crate::db::prepared(
                "INSERT INTO comment_numbers (version_id, issued) VALUES ($1, 1) \
                 ON CONFLICT (version_id) DO UPDATE SET issued = comment_numbers.issued + 1 \
                 RETURNING CAST(issued AS BIGINT) AS issued",
            )
            .bind::<diesel::sql_types::Integer, _>(version_id)
            .get_result(c)?,
            DbConn::Pg(c) => crate::db::prepared("SELECT next_comment_number($1) AS issued")
                .bind::<diesel::sql_types::Integer, _>(version_id)
                .get_result(c)?,
        };
        Ok(row.issued)
    }

    /// The moderation queue: comments waiting for a moderator and public
    /// comments with unresolved flags, oldest first.
    pub fn queue(conn: &mut DbConn) -> QueryResult<Vec<(Comment, Author)>> {
        comments::table
            .filter(
                comments::status
                    .eq(CommentStatus::Pending.as_str())
                    .or(comments::status
                        .eq(CommentStatus::Published.as_str())
                        .and(comments::flags.gt(0))),
            )
            .order(comments::id.asc())
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)
    }

    /// Every comment of any status with its author, `id > after`, by id,
    /// at most `limit`: for `docket verify`, a page at a time.
    pub fn page_with_author(
        conn: &mut DbConn,
        after: i32,
        limit: i64,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        comments::table
            .filter(comments::id.gt(after))
            .order(comments::id.asc())
            .limit(limit)
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)
    }

    /// A comment submitted from the same browser session with the same
    /// address, place and text (the same `key`) after `since`, if any.
    pub fn earlier_submission(
        conn: &mut DbConn,
        key: &str,
        since: NaiveDateTime,
    ) -> QueryResult<Option<Comment>> {
        comments::table
            .filter(comments::submission_key.eq(key))
            .filter(comments::created_at.gt(since))
            .order(comments::id.asc())
            .select(Comment::as_select())
            .first(conn)
            .optional()
    }

    /// Fix the author shown with a comment. Called when its author confirms
    /// it, before it is published; never on a published comment.
    pub fn set_author(
        conn: &mut DbConn,
        id: i32,
        name: &str,
        organization: Option<&str>,
    ) -> QueryResult<()> {
        diesel::update(
            comments::table
                .find(id)
                .filter(comments::published_at.is_null()),
        )
        .set((
            comments::author_name.eq(name),
            comments::author_organization.eq(organization),
        ))
        .execute(conn)?;
        Ok(())
    }

    pub fn set_status(
        conn: &mut DbConn,
        id: i32,
        status: CommentStatus,
        published_at: Option<NaiveDateTime>,
    ) -> QueryResult<()> {
        diesel::update(comments::table.find(id))
            .set((
                comments::status.eq(status.as_str()),
                comments::published_at.eq(published_at),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Hide with a public reason, or mark as spam; either clears the flags.
    pub fn take_down(
        conn: &mut DbConn,
        id: i32,
        status: CommentStatus,
        reason: Option<&str>,
    ) -> QueryResult<()> {
        diesel::update(comments::table.find(id))
            .set((
                comments::status.eq(status.as_str()),
                comments::hidden_reason.eq(reason),
                comments::flags.eq(0),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn add_flag(conn: &mut DbConn, id: i32) -> QueryResult<()> {
        diesel::update(comments::table.find(id))
            .set(comments::flags.eq(comments::flags + 1))
            .execute(conn)?;
        Ok(())
    }

    pub fn clear_flags(conn: &mut DbConn, id: i32) -> QueryResult<()> {
        diesel::update(comments::table.find(id))
            .set(comments::flags.eq(0))
            .execute(conn)?;
        Ok(())
    }
}

impl Comment {
    /// The version of each listed comment, by comment id: one query per
    /// 500 ids (the backends' bind-parameter limits).
    pub fn version_ids(
        conn: &mut DbConn,
        ids: &[i32],
    ) -> QueryResult<std::collections::HashMap<i32, i32>> {
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let rows: Vec<(i32, i32)> = comments::table
                .filter(comments::id.eq_any(chunk))
                .select((comments::id, comments::version_id))
                .load(conn)?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// The standard and version a comment belongs to.
    pub fn place(
        conn: &mut DbConn,
        version_id: i32,
    ) -> QueryResult<(crate::db::models::Standard, crate::db::models::Version)> {
        use crate::db::models::{Standard, Version};
        use crate::db::schema::{standards, versions};
        versions::table
            .inner_join(standards::table)
            .filter(versions::id.eq(version_id))
            .select((Standard::as_select(), Version::as_select()))
            .first(conn)
    }
}
