//! Dispositions: an editor's public decision on one comment.
//!
//! A comment has at most one disposition; recording another replaces it
//! (the audit log and the ledger keep every decision ever recorded).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{comments, dispositions};
use crate::db::DbConn;

/// What became of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Accepted,
    AcceptedModified,
    NotAccepted,
    Noted,
    Duplicate,
    OutOfScope,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Accepted,
        Outcome::AcceptedModified,
        Outcome::NotAccepted,
        Outcome::Noted,
        Outcome::Duplicate,
        Outcome::OutOfScope,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::AcceptedModified => "accepted_modified",
            Outcome::NotAccepted => "not_accepted",
            Outcome::Noted => "noted",
            Outcome::Duplicate => "duplicate",
            Outcome::OutOfScope => "out_of_scope",
        }
    }

    /// How the outcome reads on the site and in mail.
    /// In the current language.
    pub fn display(self) -> String {
        crate::i18n::t(match self {
            Outcome::Accepted => "outcome-accepted",
            Outcome::AcceptedModified => "outcome-accepted-modified",
            Outcome::NotAccepted => "outcome-not-accepted",
            Outcome::Noted => "outcome-noted",
            Outcome::Duplicate => "outcome-duplicate",
            Outcome::OutOfScope => "outcome-out-of-scope",
        })
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "Unknown outcome “{s}”: choose accepted, accepted_modified, not_accepted, noted, duplicate or out_of_scope."
                )
            })
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = dispositions)]
pub struct Disposition {
    pub id: i32,
    pub comment_id: i32,
    pub outcome: String,
    pub rationale: String,
    pub staff_id: i32,
    pub decided_at: NaiveDateTime,
    /// The label of the version that resolves the comment, once known.
    pub resolved_version: Option<String>,
    pub resolved_clause_key: Option<String>,
    /// The lowest comment id of the near-duplicate group decided together.
    pub group_id: Option<i32>,
}

#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = dispositions, treat_none_as_null = true)]
pub struct NewDisposition<'a> {
    pub comment_id: i32,
    pub outcome: &'a str,
    pub rationale: &'a str,
    pub staff_id: i32,
    pub decided_at: NaiveDateTime,
    pub resolved_version: Option<&'a str>,
    pub resolved_clause_key: Option<&'a str>,
    pub group_id: Option<i32>,
}

/// What the open data shows of a decided comment beside the decision: no
/// author, no text (those are the comment's own, and a tombstone's are
/// not public).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct DecidedComment {
    pub id: i32,
    pub tracking_number: String,
    pub clause_key: Option<String>,
    pub status: String,
}

/// Decisions joined to their comments, on the public comments of a version
/// (tombstones included): the rows the open data may show.
macro_rules! public_decisions {
    ($version_id:expr) => {
        dispositions::table
            .inner_join(comments::table)
            .filter(comments::version_id.eq($version_id))
            .filter(
                comments::status
                    .eq_any(["published", "hidden"])
                    .or(comments::status
                        .eq("spam")
                        .and(comments::published_at.is_not_null())),
            )
    };
}

impl Disposition {
    pub fn outcome(&self) -> Outcome {
        self.outcome.parse().unwrap_or(Outcome::Noted)
    }

    pub fn for_comment(conn: &mut DbConn, comment_id: i32) -> QueryResult<Option<Disposition>> {
        dispositions::table
            .filter(dispositions::comment_id.eq(comment_id))
            .select(Disposition::as_select())
            .first(conn)
            .optional()
    }

    /// The dispositions of the listed comments.
    pub fn for_comments(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<Disposition>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::with_capacity(ids.len());
        // Chunked to stay within the backends' bind-parameter limits.
        for chunk in ids.chunks(500) {
            out.extend(
                dispositions::table
                    .filter(dispositions::comment_id.eq_any(chunk))
                    .select(Disposition::as_select())
                    .load(conn)?,
            );
        }
        Ok(out)
    }

    /// Every disposition of a version's comments: one query.
    pub fn for_version(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<Disposition>> {
        dispositions::table
            .inner_join(comments::table)
            .filter(comments::version_id.eq(version_id))
            .select(Disposition::as_select())
            .load(conn)
    }

    /// Decisions on the public comments of a version (tombstones included)
    /// with an id above `after`, by id, at most `limit`: one query. A
    /// decision recorded again keeps its row and its id, so a walk by id
    /// meets every decision once.
    pub fn public_after(
        conn: &mut DbConn,
        version_id: i32,
        after: i32,
        limit: i64,
    ) -> QueryResult<Vec<(Disposition, DecidedComment)>> {
        public_decisions!(version_id)
            .filter(dispositions::id.gt(after))
            .order(dispositions::id.asc())
            .limit(limit)
            .select((Disposition::as_select(), DecidedComment::as_select()))
            .load(conn)
    }

    /// The `limit` latest decisions on the public comments of a version,
    /// newest first: one query.
    pub fn latest_public(
        conn: &mut DbConn,
        version_id: i32,
        limit: i64,
    ) -> QueryResult<Vec<(Disposition, DecidedComment)>> {
        public_decisions!(version_id)
            .order((dispositions::decided_at.desc(), dispositions::id.desc()))
            .limit(limit)
            .select((Disposition::as_select(), DecidedComment::as_select()))
            .load(conn)
    }

    /// Record a decision, replacing any earlier one for the same comment.
    pub fn upsert(conn: &mut DbConn, new: &NewDisposition<'_>) -> QueryResult<()> {
        let updated =
            diesel::update(dispositions::table.filter(dispositions::comment_id.eq(new.comment_id)))
                .set(new)
                .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(dispositions::table)
                .values(new)
                .execute(conn)?;
        }
        Ok(())
    }

    /// Name `label` as the resolving version of every decision on
    /// `version_id`'s comments that names a clause in `keys` but no version
    /// yet. Returns the comments whose decision changed, so the caller can
    /// record each in the ledger.
    pub fn settle_resolved_version(
        conn: &mut DbConn,
        version_id: i32,
        label: &str,
        keys: &[String],
    ) -> QueryResult<Vec<i32>> {
        let ids: Vec<i32> = comments::table
            .filter(comments::version_id.eq(version_id))
            .select(comments::id)
            .load(conn)?;
        let mut settled = Vec::new();
        for chunk in ids.chunks(500) {
            let mut these: Vec<i32> = dispositions::table
                .filter(dispositions::comment_id.eq_any(chunk))
                .filter(dispositions::resolved_version.is_null())
                .filter(dispositions::resolved_clause_key.eq_any(keys))
                .select(dispositions::comment_id)
                .load(conn)?;
            diesel::update(dispositions::table.filter(dispositions::comment_id.eq_any(&these)))
                .set(dispositions::resolved_version.eq(label))
                .execute(conn)?;
            settled.append(&mut these);
        }
        settled.sort_unstable();
        Ok(settled)
    }

    /// Decisions with `id > after`, by id, at most `limit`: for `docket verify`.
    pub fn page(conn: &mut DbConn, after: i32, limit: i64) -> QueryResult<Vec<Disposition>> {
        dispositions::table
            .filter(dispositions::id.gt(after))
            .order(dispositions::id.asc())
            .limit(limit)
            .select(Disposition::as_select())
            .load(conn)
    }

    pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
        dispositions::table.count().get_result(conn)
    }
}
