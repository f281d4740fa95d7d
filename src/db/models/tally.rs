//! Comment counts kept by the database itself: rows per (version, clause,
//! status, ever published; split in shards so that concurrent transactions
//! rarely wait on one row: by comment id on SQLite; on PostgreSQL by the
//! writer thread (`docket.tally_shard`, see [`crate::db::group`]) or else
//! the writing server process, where one shard may go below zero and only
//! the sum of a key's shards means anything), maintained by triggers on
//! `comments` (see the `comment_tallies`, `concurrent_intake` and
//! `writer_tally_shards` migrations), so a count never reads the
//! comments it counts. A version has a few rows per clause whatever its
//! number of comments. Campaign sizes and decisions by outcome and
//! campaign are kept the same way (`campaign_tallies`, `decision_tallies`).

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::QueryResult;

use crate::db::schema::{campaign_tallies, comment_tallies, decision_tallies};
use crate::db::DbConn;

/// Which statuses a read covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusScope<'a> {
    /// Every status but unconfirmed submissions.
    Counted,
    /// Every status.
    Any,
    /// Exactly this status.
    Only(&'a str),
    /// What public pages show: published, hidden, and spam that was once
    /// published (a tombstone).
    Public,
}

/// One row of the tallies.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = comment_tallies)]
pub struct Tally {
    pub version_id: i32,
    /// `""` for comments on the whole version.
    pub clause_key: String,
    pub status: String,
    pub was_published: bool,
    pub n: i64,
}

impl StatusScope<'_> {
    /// Whether a comment in `status` (published once or not) is in scope;
    /// the same rule as the SQL of `feedback::CommentFilter`.
    pub fn admits(&self, status: &str, was_published: bool) -> bool {
        match self {
            StatusScope::Counted => status != "unverified",
            StatusScope::Any => true,
            StatusScope::Only(s) => status == *s,
            StatusScope::Public => {
                matches!(status, "published" | "hidden") || (status == "spam" && was_published)
            }
        }
    }
}

/// The tallies of one version.
#[derive(Debug, Clone, Default)]
pub struct Tallies {
    rows: Vec<Tally>,
}

impl Tallies {
    /// Every tally of a version: one query over a few rows.
    pub fn of_version(conn: &mut DbConn, version_id: i32) -> QueryResult<Tallies> {
        Self::of_versions(conn, &[version_id])
    }

    /// Every tally of these versions: one query.
    pub fn of_versions(conn: &mut DbConn, version_ids: &[i32]) -> QueryResult<Tallies> {
        if version_ids.is_empty() {
            return Ok(Tallies::default());
        }
        let rows = comment_tallies::table
            .filter(comment_tallies::version_id.eq_any(version_ids))
            .filter(comment_tallies::n.ne(0))
            .select(Tally::as_select())
            .load(conn)?;
        Ok(Tallies { rows })
    }

    /// The count of one clause (`None`: the whole version) of one version.
    pub fn one(
        conn: &mut DbConn,
        version_id: i32,
        clause_key: Option<&str>,
        scope: StatusScope<'_>,
    ) -> QueryResult<i64> {
        let rows: Vec<Tally> = comment_tallies::table
            .filter(comment_tallies::version_id.eq(version_id))
            .filter(comment_tallies::clause_key.eq(clause_key.unwrap_or("")))
            .select(Tally::as_select())
            .load(conn)?;
        Ok(Tallies { rows }.total(version_id, scope))
    }

    fn admitted<'s>(
        &'s self,
        version_id: i32,
        scope: StatusScope<'s>,
    ) -> impl Iterator<Item = &'s Tally> + 's {
        self.rows
            .iter()
            .filter(move |t| t.version_id == version_id && scope.admits(&t.status, t.was_published))
    }

    /// How many comments of a version are in scope.
    pub fn total(&self, version_id: i32, scope: StatusScope<'_>) -> i64 {
        self.admitted(version_id, scope).map(|t| t.n).sum()
    }

    /// How many comments of a version are in scope on each clause (`None`:
    /// the whole version); clauses with none are left out.
    pub fn by_clause(&self, version_id: i32, scope: StatusScope<'_>) -> Vec<(Option<String>, i64)> {
        let mut out: BTreeMap<Option<String>, i64> = BTreeMap::new();
        for t in self.admitted(version_id, scope) {
            let key = (!t.clause_key.is_empty()).then(|| t.clause_key.clone());
            *out.entry(key).or_default() += t.n;
        }
        out.into_iter().filter(|(_, n)| *n > 0).collect()
    }

    /// How many comments of a version are in scope in each status.
    pub fn by_status(&self, version_id: i32, scope: StatusScope<'_>) -> Vec<(String, i64)> {
        let mut out: BTreeMap<String, i64> = BTreeMap::new();
        for t in self.admitted(version_id, scope) {
            *out.entry(t.status.clone()).or_default() += t.n;
        }
        out.into_iter().filter(|(_, n)| *n > 0).collect()
    }
}

/// The largest campaigns of a version among comments in `status`: those
/// with two or more such members, largest first (then by id), at most
/// `limit`; with `only`, that campaign alone. From `campaign_tallies`.
pub fn largest_campaigns(
    conn: &mut DbConn,
    version_id: i32,
    status: &str,
    only: Option<i32>,
    limit: i64,
) -> QueryResult<Vec<(i32, i64)>> {
    let mut q = campaign_tallies::table
        .filter(campaign_tallies::version_id.eq(version_id))
        .filter(campaign_tallies::status.eq(status))
        .filter(campaign_tallies::n.gt(1))
        .select((campaign_tallies::campaign_id, campaign_tallies::n))
        .order((
            campaign_tallies::n.desc(),
            campaign_tallies::campaign_id.asc(),
        ))
        .limit(limit)
        .into_boxed();
    if let Some(c) = only {
        q = q.filter(campaign_tallies::campaign_id.eq(c));
    }
    q.load(conn)
}

/// How many decided comments in `status` each of `campaigns` has, from
/// `decision_tallies`.
pub fn decided_in_campaigns(
    conn: &mut DbConn,
    version_id: i32,
    status: &str,
    campaigns: &[i32],
) -> QueryResult<Vec<(i32, i64)>> {
    if campaigns.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, i64)> = decision_tallies::table
        .filter(decision_tallies::version_id.eq(version_id))
        .filter(decision_tallies::status.eq(status))
        .filter(decision_tallies::campaign_id.eq_any(campaigns))
        .select((decision_tallies::campaign_id, decision_tallies::n))
        .load(conn)?;
    Ok(sum_by(rows))
}

/// How many comments of a version have each outcome, from
/// `decision_tallies`.
pub fn outcomes(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = decision_tallies::table
        .filter(decision_tallies::version_id.eq(version_id))
        .select((decision_tallies::outcome, decision_tallies::n))
        .load(conn)?;
    Ok(sum_by(rows))
}

/// Sums by key, in key order, leaving out zeros.
fn sum_by<K: Ord>(rows: Vec<(K, i64)>) -> Vec<(K, i64)> {
    let mut out: BTreeMap<K, i64> = BTreeMap::new();
    for (k, n) in rows {
        *out.entry(k).or_default() += n;
    }
    out.into_iter().filter(|(_, n)| *n != 0).collect()
}
