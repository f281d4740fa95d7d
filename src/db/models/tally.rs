//! Comment counts kept by the database itself: one row per (version,
//! clause, status, ever published), maintained by triggers on `comments`
//! (see the `comment_tallies` migration), so a count never reads the
//! comments it counts. A version has a few rows per clause whatever its
//! number of comments.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::QueryResult;

use super::feedback::StatusScope;
use crate::db::schema::comment_tallies;
use crate::db::DbConn;

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
    /// the same rule as the SQL of [`super::feedback::CommentFilter`].
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
            .filter(comment_tallies::n.gt(0))
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
