//! The full-text index of the `search` migration: SQLite's FTS5 table
//! `search_index` or PostgreSQL's `search_documents` with its GIN index.
//! Triggers keep it; this file only reads it, one query per page of hits
//! (ranked, filtered and counted together), and loads the rows behind a
//! page of hits in one query per table.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Integer, Text};
use diesel::QueryResult;

use crate::db::models::{ClauseRow, Comment, Disposition};
use crate::db::schema::{clauses, comments, dispositions};
use crate::db::DbConn;

/// What a document is, from its id (the row's id times four, plus this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Clause = 0,
    Comment = 1,
    Decision = 2,
}

impl DocKind {
    pub fn of(doc: i64) -> Option<(DocKind, i32)> {
        let id = i32::try_from(doc / 4).ok()?;
        match doc % 4 {
            0 => Some((DocKind::Clause, id)),
            1 => Some((DocKind::Comment, id)),
            2 => Some((DocKind::Decision, id)),
            _ => None,
        }
    }
}

/// Narrowing a search; `None` is "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFilter {
    pub standard_id: Option<i32>,
    pub version_id: Option<i32>,
    pub kind: Option<DocKind>,
    /// Comments of this kind only (`general`, `technical`, `editorial`).
    pub comment_kind: Option<String>,
    /// Comments with (true) or without (false) a decision only.
    pub decided: Option<bool>,
}

/// A query in each engine's syntax: whole, and on titles only.
#[derive(Debug, Clone)]
pub struct EngineQuery {
    pub fts5: String,
    pub fts5_title: String,
    pub tsquery: String,
    pub tsquery_title: String,
}

/// One hit as the index gives it.
#[derive(Debug, Clone, QueryableByName)]
pub struct DocHit {
    #[diesel(sql_type = BigInt)]
    pub doc: i64,
    #[diesel(sql_type = Integer)]
    pub version_id: i32,
    #[diesel(sql_type = Double)]
    pub score: f64,
    /// How many hits the whole search has.
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    /// 1 when a clause's number and heading match the whole query.
    #[diesel(sql_type = Integer)]
    pub tier: i32,
}

/// The filters, the same on both engines; `#` is the document id column.
const FILTERS: &str = "(?2 = 0 OR v.standard_id = ?2) \
     AND (?3 = 0 OR v.id = ?3) \
     AND (?4 < 0 OR # % 4 = ?4) \
     AND (?5 = '' OR (# % 4 = 1 AND EXISTS \
          (SELECT 1 FROM comments c WHERE c.id = # / 4 AND c.kind = ?5))) \
     AND (?6 < 0 OR (# % 4 = 1 AND (CASE WHEN EXISTS \
          (SELECT 1 FROM dispositions d WHERE d.comment_id = # / 4) THEN 1 ELSE 0 END) = ?6))";

/// Both engines order hits the same way: first the clauses whose number
/// and heading match the whole query (an exact clause match), the latest
/// version's first; then by rank, ties to the later version, then the
/// lower id, so that pages never overlap.
///
/// SQLite: FTS5's BM25 (a clause's number and heading weigh ten times its
/// body, an author two), negated so that more is better. FTS5 refuses its
/// ranking function beside a window function, so the matches are ranked
/// first, apart, then filtered, counted and ordered.
fn sqlite_sql() -> String {
    format!(
        "WITH m AS MATERIALIZED (SELECT search_index.rowid AS doc, search_index.version_id AS version_id, \
         -bm25(search_index, 10.0, 2.0, 1.0) * (CASE WHEN search_index.rowid % 4 = 0 THEN 2.0 ELSE 1.0 END) AS score \
         FROM search_index WHERE search_index MATCH ?1) \
         SELECT m.doc AS doc, CAST(m.version_id AS INTEGER) AS version_id, m.score AS score, \
         count(*) OVER () AS total, \
         (CASE WHEN m.doc % 4 = 0 AND m.doc IN \
            (SELECT rowid FROM search_index WHERE search_index MATCH ?9) THEN 1 ELSE 0 END) AS tier \
         FROM m JOIN versions v ON v.id = m.version_id \
         WHERE {} \
         ORDER BY tier DESC, tier * v.position DESC, m.score DESC, v.position DESC, m.doc \
         LIMIT ?7 OFFSET ?8",
        FILTERS.replace('#', "m.doc")
    )
}

/// PostgreSQL: `ts_rank_cd` over the weighted document.
fn pg_sql() -> String {
    let filters = FILTERS.replace('#', "s.doc_id").replace('?', "$");
    format!(
        "SELECT doc, version_id, score, total, tier FROM ( \
         SELECT s.doc_id AS doc, s.version_id, v.position, \
         CAST(ts_rank_cd(s.document, q.q) * (CASE WHEN s.doc_id % 4 = 0 THEN 2 ELSE 1 END) AS FLOAT8) AS score, \
         count(*) OVER () AS total, \
         (CASE WHEN s.doc_id % 4 = 0 AND s.document @@ q.t THEN 1 ELSE 0 END) AS tier \
         FROM search_documents s \
         CROSS JOIN (SELECT to_tsquery('english', $1) AS q, to_tsquery('english', $9) AS t) q \
         JOIN versions v ON v.id = s.version_id \
         WHERE s.document @@ q.q AND {filters}) x \
         ORDER BY tier DESC, tier * position DESC, score DESC, position DESC, doc \
         LIMIT $7 OFFSET $8"
    )
}

impl DocHit {
    /// A page of hits for a query already written in the engine's syntax,
    /// whole and restricted to titles, best first.
    pub fn search(
        conn: &mut DbConn,
        query: &EngineQuery,
        filter: &DocFilter,
        limit: i64,
        offset: i64,
    ) -> QueryResult<Vec<DocHit>> {
        let (sql, text, title) = match conn {
            DbConn::Sqlite(_) => (sqlite_sql(), &query.fts5, &query.fts5_title),
            DbConn::Pg(_) => (pg_sql(), &query.tsquery, &query.tsquery_title),
        };
        let kind = filter.kind.map_or(-1, |k| k as i32);
        let decided = filter.decided.map_or(-1, i32::from);
        let comment_kind = filter.comment_kind.clone().unwrap_or_default();
        crate::per_backend!(conn => diesel::sql_query(&sql)
            .bind::<Text, _>(text)
            .bind::<Integer, _>(filter.standard_id.unwrap_or(0))
            .bind::<Integer, _>(filter.version_id.unwrap_or(0))
            .bind::<Integer, _>(kind)
            .bind::<Text, _>(&comment_kind)
            .bind::<Integer, _>(decided)
            .bind::<BigInt, _>(limit)
            .bind::<BigInt, _>(offset)
            .bind::<Text, _>(title)
            .load(conn))
    }
}

/// The rows behind a page of hits, one query per table.
pub fn clauses_by_ids(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<ClauseRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    clauses::table
        .filter(clauses::id.eq_any(ids))
        .select(ClauseRow::as_select())
        .load(conn)
}

pub fn comments_by_ids(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<Comment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::id.eq_any(ids))
        .select(Comment::as_select())
        .load(conn)
}

pub fn dispositions_by_ids(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<Disposition>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    dispositions::table
        .filter(dispositions::id.eq_any(ids))
        .select(Disposition::as_select())
        .load(conn)
}

/// The clauses named by (version, key) pairs: one query, which may read a
/// few more (every listed key in every listed version), dropped here.
pub fn clauses_by_keys(conn: &mut DbConn, wanted: &[(i32, String)]) -> QueryResult<Vec<ClauseRow>> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let versions: Vec<i32> = wanted.iter().map(|(v, _)| *v).collect();
    let keys: Vec<&str> = wanted.iter().map(|(_, k)| k.as_str()).collect();
    let mut rows: Vec<ClauseRow> = clauses::table
        .filter(clauses::version_id.eq_any(&versions))
        .filter(clauses::clause_key.eq_any(&keys))
        .select(ClauseRow::as_select())
        .load(conn)?;
    rows.retain(|c| {
        wanted
            .iter()
            .any(|(v, k)| *v == c.version_id && *k == c.clause_key)
    });
    Ok(rows)
}
