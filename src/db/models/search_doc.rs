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
    /// How many hits were ranked: every matching clause, and the newest
    /// matching comments and decisions up to the cap.
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    /// How many of those are comments and decisions: at the cap, older
    /// ones were left out.
    #[diesel(sql_type = BigInt)]
    pub others: i64,
    /// 1 when a clause's number and heading match the whole query.
    #[diesel(sql_type = Integer)]
    pub tier: i32,
}

/// The filters in force, as SQL for both engines: `#` is the document id
/// column, `@` its version column, `?N` a parameter. Only the filters
/// given are written, so each engine's planner sees plain conditions. On
/// PostgreSQL a decided-only search walks the decisions rather than every
/// matching comment; FTS5 would run the match once per decision instead, so
/// on SQLite each match looks its decision up.
fn filters(filter: &DocFilter, postgres: bool) -> String {
    let mut out = vec!["1 = 1".to_string()];
    if filter.standard_id.is_some() {
        out.push("@ IN (SELECT id FROM versions WHERE standard_id = ?2)".into());
    }
    if filter.version_id.is_some() {
        out.push("@ = ?3".into());
    }
    if filter.kind.is_some() {
        out.push("# % 4 = ?4".into());
    }
    if filter.comment_kind.is_some() {
        out.push(
            "# % 4 = 1 AND EXISTS (SELECT 1 FROM comments c WHERE c.id = # / 4 AND c.kind = ?5)"
                .into(),
        );
    }
    match filter.decided {
        None => {}
        Some(true) if postgres => {
            out.push("# IN (SELECT d.comment_id * 4 + 1 FROM dispositions d)".into())
        }
        Some(true) => out.push(
            "# % 4 = 1 AND EXISTS (SELECT 1 FROM dispositions d WHERE d.comment_id = # / 4)".into(),
        ),
        Some(false) => out.push(
            "# % 4 = 1 AND NOT EXISTS (SELECT 1 FROM dispositions d WHERE d.comment_id = # / 4)"
                .into(),
        ),
    }
    out.join(" AND ")
}

/// Both engines rank the same set: every matching clause, and the newest
/// matching comments and decisions up to a cap (`?9`), so a word found in
/// most of a million comments costs what a rarer one does. They order it
/// the same way: first the clauses whose number and heading match the
/// whole query (an exact clause match), the latest version's first; then
/// by rank, ties to the later version, then the lower id, so that pages
/// never overlap.
///
/// SQLite: FTS5's BM25 (a clause's number and heading weigh ten times its
/// body, an author two), negated so that more is better. FTS5 hands out
/// matches newest first and computes the rank only for those it returns;
/// it refuses its ranking function beside a window function, so the
/// matches are ranked in a materialised step of their own.
fn sqlite_sql(filter: &DocFilter) -> String {
    let filters = filters(filter, false)
        .replace('#', "search_index.rowid")
        .replace('@', "search_index.version_id");
    let part = |kind: &str, tail: &str| {
        format!(
            "SELECT * FROM (SELECT search_index.rowid AS doc, \
             CAST(search_index.version_id AS INTEGER) AS version_id, \
             -bm25(search_index, 10.0, 2.0, 1.0) * {weight} AS score \
             FROM search_index \
             WHERE search_index MATCH ?1 AND search_index.rowid % 4 {kind} AND {filters} {tail})",
            weight = if kind == "= 0" { "2.0" } else { "1.0" },
        )
    };
    format!(
        "WITH m AS MATERIALIZED ({} UNION ALL {}) \
         SELECT doc, m.version_id AS version_id, score, count(*) OVER () AS total, \
         sum(CASE WHEN doc % 4 <> 0 THEN 1 ELSE 0 END) OVER () AS others, \
         (CASE WHEN doc % 4 = 0 AND doc IN \
            (SELECT rowid FROM search_index WHERE search_index MATCH ?8) THEN 1 ELSE 0 END) AS tier \
         FROM m JOIN versions v ON v.id = m.version_id \
         ORDER BY tier DESC, tier * v.position DESC, score DESC, v.position DESC, doc \
         LIMIT ?6 OFFSET ?7",
        part("= 0", ""),
        part("<> 0", "ORDER BY search_index.rowid DESC LIMIT ?9"),
    )
}

/// PostgreSQL: `ts_rank_cd` over the weighted document, computed only for
/// the rows kept. The query is written out where rows are chosen, so the
/// planner sees how common its words are: for a common word it walks the
/// newest documents by id and stops at the cap, for a rare one it asks the
/// GIN index; clauses come from an index of their own. The ranking reads
/// the query once, from `q`.
fn pg_sql(filter: &DocFilter) -> String {
    let filters = filters(filter, true)
        .replace('#', "s.doc_id")
        .replace('@', "s.version_id")
        .replace('?', "$");
    let part = |kind: &str, tail: &str| {
        format!(
            "(SELECT s.doc_id AS doc, s.version_id, s.document \
             FROM search_documents s \
             WHERE s.document @@ to_tsquery('english', $1) AND s.doc_id % 4 {kind} AND {filters} {tail})"
        )
    };
    format!(
        "WITH found AS MATERIALIZED ({} UNION ALL {}), \
         q AS MATERIALIZED (SELECT to_tsquery('english', $1) AS q, to_tsquery('english', $8) AS t), \
         m AS (SELECT f.doc, f.version_id, v.position, \
           CAST(ts_rank_cd(f.document, q.q) * (CASE WHEN f.doc % 4 = 0 THEN 2 ELSE 1 END) AS FLOAT8) AS score, \
           (CASE WHEN f.doc % 4 = 0 AND f.document @@ q.t THEN 1 ELSE 0 END) AS tier \
           FROM found f CROSS JOIN q JOIN versions v ON v.id = f.version_id) \
         SELECT doc, version_id, score, count(*) OVER () AS total, \
         CAST(sum(CASE WHEN doc % 4 <> 0 THEN 1 ELSE 0 END) OVER () AS BIGINT) AS others, tier \
         FROM m \
         ORDER BY tier DESC, tier * position DESC, score DESC, position DESC, doc \
         LIMIT $6 OFFSET $7",
        part("= 0", ""),
        part("<> 0", "ORDER BY s.doc_id DESC LIMIT $9"),
    )
}

impl DocHit {
    /// A page of hits for a query already written in the engine's syntax,
    /// whole and restricted to titles, best first.
    pub fn search(
        conn: &mut DbConn,
        query: &EngineQuery,
        filter: &DocFilter,
        page: (i64, i64),
        cap: i64,
    ) -> QueryResult<Vec<DocHit>> {
        let (limit, offset) = page;
        let (sql, text, title) = match conn {
            DbConn::Sqlite(_) => (sqlite_sql(filter), &query.fts5, &query.fts5_title),
            DbConn::Pg(_) => (pg_sql(filter), &query.tsquery, &query.tsquery_title),
        };
        let kind = filter.kind.map_or(-1, |k| k as i32);
        let comment_kind = filter.comment_kind.clone().unwrap_or_default();
        crate::per_backend!(conn => diesel::sql_query(&sql)
            .bind::<Text, _>(text)
            .bind::<Integer, _>(filter.standard_id.unwrap_or(0))
            .bind::<Integer, _>(filter.version_id.unwrap_or(0))
            .bind::<Integer, _>(kind)
            .bind::<Text, _>(&comment_kind)
            .bind::<BigInt, _>(limit)
            .bind::<BigInt, _>(offset)
            .bind::<Text, _>(title)
            .bind::<BigInt, _>(cap)
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
