//! The bounded reads behind paged discussions: a page of threads by keyset
//! (publication time, then id; never OFFSET), the first replies under each
//! of them, and counts from SQL aggregates. Every read here is one query,
//! whatever the number of comments or threads on the page.
//!
//! Replies under a comment are found by materialised path: `P/…` sorts
//! between `P/` and `P0` byte by byte. PostgreSQL compares with the "C"
//! collation for that (and its `comments_path` index is built so).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};

use super::comment::{Author, Comment};
use crate::db::schema::comments;
use crate::db::DbConn;

/// A position in a list of comments ordered by (publication, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub id: i32,
}

/// Which slice of a list a page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    /// The start of the list.
    First,
    /// The next items after this position, in the list's order.
    Next(Cursor),
    /// The items just before this position, in the list's order.
    Prev(Cursor),
}

/// Whose threads a page lists.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// Top-level comments on a clause (or, with `None`, on a whole version),
    /// newest first.
    Top {
        version_id: i32,
        clause_key: Option<&'a str>,
    },
    /// Direct replies to a comment, oldest first.
    Under(i32),
}

/// SQL for "shown in public", as [`Comment::is_public`] decides it.
const PUBLIC_SQL: &str =
    "(status IN ('published', 'hidden') OR (status = 'spam' AND published_at IS NOT NULL))";

macro_rules! public {
    () => {
        comments::status
            .eq_any(["published", "hidden"])
            .or(comments::status
                .eq("spam")
                .and(comments::published_at.is_not_null()))
    };
}

macro_rules! place {
    ($q:expr, $place:expr) => {
        match $place {
            Place::Top {
                version_id,
                clause_key: Some(k),
            } => $q
                .filter(comments::version_id.eq(version_id))
                .filter(comments::clause_key.eq(k))
                .filter(comments::parent_id.is_null())
                .into_boxed(),
            Place::Top {
                version_id,
                clause_key: None,
            } => $q
                .filter(comments::version_id.eq(version_id))
                .filter(comments::clause_key.is_null())
                .filter(comments::parent_id.is_null())
                .into_boxed(),
            Place::Under(id) => $q.filter(comments::parent_id.eq(id)).into_boxed(),
        }
    };
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = Integer)]
    id: i32,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// A path made here: digits and slashes only, so it can stand in SQL text.
fn checked(path: &str) -> &str {
    assert!(
        path.bytes().all(|b| b.is_ascii_digit() || b == b'/'),
        "a materialised path holds digits and slashes only"
    );
    path
}

/// The comments table read along the path index. SQLite's planner, without
/// statistics, would otherwise take the index on `status` for the public
/// test and read every public comment of the site for each thread.
fn by_path(conn: &DbConn) -> &'static str {
    match conn {
        DbConn::Pg(_) => "comments",
        DbConn::Sqlite(_) => "comments INDEXED BY comments_path",
    }
}

/// "Under `path`", as SQL on `conn`'s backend.
fn under_sql(conn: &DbConn, path: &str) -> String {
    let p = checked(path);
    let col = match conn {
        DbConn::Pg(_) => "path COLLATE \"C\"",
        DbConn::Sqlite(_) => "path",
    };
    format!("{col} > '{p}/' AND {col} < '{p}0'")
}

impl Comment {
    /// One page of the public threads of `place`: at most `limit` rows in
    /// the place's order (newest first on top, oldest first under a
    /// comment), plus one more when there are more beyond them.
    pub fn threads_page(
        conn: &mut DbConn,
        place: Place<'_>,
        slice: Slice,
        limit: i64,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        let newest_first = matches!(place, Place::Top { .. });
        let base = comments::table.filter(comments::published_at.is_not_null());
        let mut q = place!(base, place)
            .filter(public!())
            .select((Comment::as_select(), Author::as_select()));
        // Reading forwards in the list's order, or backwards from a cursor.
        let (forwards, cursor) = match slice {
            Slice::First => (true, None),
            Slice::Next(c) => (true, Some(c)),
            Slice::Prev(c) => (false, Some(c)),
        };
        let descending = forwards == newest_first;
        if let Some(c) = cursor {
            q = if descending {
                q.filter(
                    comments::published_at
                        .lt(c.at)
                        .or(comments::published_at.eq(c.at).and(comments::id.lt(c.id))),
                )
            } else {
                q.filter(
                    comments::published_at
                        .gt(c.at)
                        .or(comments::published_at.eq(c.at).and(comments::id.gt(c.id))),
                )
            };
        }
        q = if descending {
            q.order((comments::published_at.desc(), comments::id.desc()))
        } else {
            q.order((comments::published_at.asc(), comments::id.asc()))
        };
        let mut rows = q.limit(limit + 1).load(conn)?;
        if !forwards {
            rows.reverse();
        }
        Ok(rows)
    }

    /// How many public comments `place` has at its first level.
    pub fn count_threads(conn: &mut DbConn, place: Place<'_>) -> QueryResult<i64> {
        place!(comments::table, place)
            .filter(public!())
            .count()
            .get_result(conn)
    }

    /// How many public comments a clause (or, with `None`, the whole
    /// version) has, replies included.
    pub fn count_public(
        conn: &mut DbConn,
        version_id: i32,
        clause_key: Option<&str>,
    ) -> QueryResult<i64> {
        super::Tallies::one(
            conn,
            version_id,
            clause_key,
            super::tally::StatusScope::Public,
        )
    }

    /// Under each of `roots`, the first `limit` public replies in thread
    /// order at most `depth` levels below it: one query. Rows come in
    /// thread order, each root's replies together.
    pub fn first_replies(
        conn: &mut DbConn,
        roots: &[&Comment],
        limit: i64,
        depth: i32,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        if roots.is_empty() {
            return Ok(Vec::new());
        }
        let order = match conn {
            DbConn::Pg(_) => "path COLLATE \"C\"",
            DbConn::Sqlite(_) => "path",
        };
        let parts: Vec<String> = roots
            .iter()
            .enumerate()
            .map(|(i, r)| {
                format!(
                    "SELECT id FROM (SELECT id FROM {} WHERE {} AND depth <= {} AND {PUBLIC_SQL} ORDER BY {order} LIMIT {limit}) AS t{i}",
                    by_path(conn),
                    under_sql(conn, &r.path),
                    r.depth + depth
                )
            })
            .collect();
        let sql = parts.join(" UNION ALL ");
        let ids: Vec<IdRow> = crate::per_backend!(conn => diesel::sql_query(&sql).load(conn))?;
        let ids: Vec<i32> = ids.into_iter().map(|r| r.id).collect();
        let mut rows: Vec<(Comment, Author)> = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            rows.extend(
                comments::table
                    .filter(comments::id.eq_any(chunk))
                    .select((Comment::as_select(), Author::as_select()))
                    .load::<(Comment, Author)>(conn)?,
            );
        }
        rows.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        Ok(rows)
    }

    /// How many public replies each of `roots` has at any depth, by root
    /// id: one query.
    pub fn reply_counts(
        conn: &mut DbConn,
        roots: &[&Comment],
    ) -> QueryResult<std::collections::HashMap<i32, i64>> {
        if roots.is_empty() {
            return Ok(Default::default());
        }
        let parts: Vec<String> = roots
            .iter()
            .map(|r| {
                format!(
                    "SELECT {} AS id, COUNT(*) AS n FROM {} WHERE {} AND {PUBLIC_SQL}",
                    r.id,
                    by_path(conn),
                    under_sql(conn, &r.path)
                )
            })
            .collect();
        let sql = parts.join(" UNION ALL ");
        let rows: Vec<CountRow> = crate::per_backend!(conn => diesel::sql_query(&sql).load(conn))?;
        Ok(rows.into_iter().map(|r| (r.id, r.n)).collect())
    }

    /// Which of `ids` have public direct replies: one query.
    pub fn with_replies(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<i32>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<Option<i32>> = comments::table
            .filter(comments::parent_id.eq_any(ids))
            .filter(public!())
            .select(comments::parent_id)
            .distinct()
            .load(conn)?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// Public comments per (version, clause key) of the given versions,
    /// clause comments only, optionally of one key: one GROUP BY query.
    pub fn clause_counts_for_versions(
        conn: &mut DbConn,
        version_ids: &[i32],
        only_key: Option<&str>,
    ) -> QueryResult<Vec<(i32, Option<String>, i64)>> {
        if version_ids.is_empty() {
            return Ok(Vec::new());
        }
        let tallies = super::Tallies::of_versions(conn, version_ids)?;
        let mut ids = version_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let scope = super::tally::StatusScope::Public;
        Ok(ids
            .into_iter()
            .flat_map(|v| {
                tallies
                    .by_clause(v, scope)
                    .into_iter()
                    .filter(|(k, _)| {
                        k.is_some() && (only_key.is_none() || k.as_deref() == only_key)
                    })
                    .map(move |(k, n)| (v, k, n))
            })
            .collect())
    }
}
