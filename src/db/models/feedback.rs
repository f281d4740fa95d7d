//! Bounded reads of a version's comments for staff pages and the
//! disposition report: one filter expression ([`CommentFilter`]) used both
//! by `GROUP BY` counts and by keyset pages within one clause. No function
//! here loads every comment of a version.

use diesel::dsl::{count_star, exists, not};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use diesel::QueryResult;

use super::comment::{Author, Comment};
use crate::db::schema::{comments, dispositions};
use crate::db::{DbConn, MultiBackend};

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Nullable<diesel::sql_types::Text>) -> diesel::sql_types::Nullable<diesel::sql_types::Text>);

pub use super::tally::StatusScope;

/// Whether a comment has a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided<'a> {
    Either,
    Yes,
    No,
    /// No decision, none waiting for release, and not marked as needing
    /// none: what is still open before publishing.
    Open,
    Outcome(&'a str),
}

/// What a page or a count covers; every field narrows.
#[derive(Debug, Clone)]
pub struct CommentFilter<'a> {
    pub version_id: i32,
    pub status: StatusScope<'a>,
    pub kind: Option<&'a str>,
    pub decided: Decided<'a>,
    /// With proposed text (`true`) or without it.
    pub proposed: Option<bool>,
    /// A part of the organisation, in lower case.
    pub org: Option<String>,
    /// A part of the body or the proposed text, in lower case.
    pub q: Option<String>,
    /// Members of this campaign only.
    pub campaign: Option<i32>,
    /// From an election office (`true`) or not.
    pub office: Option<bool>,
}

type Predicate<'a> = Box<dyn BoxableExpression<comments::table, MultiBackend, SqlType = Bool> + 'a>;

/// `%text%` with LIKE's own characters escaped by `\`.
fn contains(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl<'a> CommentFilter<'a> {
    /// Every comment of a version in `status`, nothing else narrowed.
    pub fn version(version_id: i32, status: StatusScope<'a>) -> CommentFilter<'a> {
        CommentFilter {
            version_id,
            status,
            kind: None,
            decided: Decided::Either,
            proposed: None,
            org: None,
            q: None,
            campaign: None,
            office: None,
        }
    }

    fn predicate(&self) -> Predicate<'a> {
        let mut p: Predicate<'a> = Box::new(comments::version_id.eq(self.version_id));
        p = match self.status {
            StatusScope::Counted => Box::new(p.and(comments::status.ne("unverified"))),
            StatusScope::Any => p,
            StatusScope::Only(s) => Box::new(p.and(comments::status.eq(s))),
            StatusScope::Public => Box::new(
                p.and(
                    comments::status
                        .eq_any(["published", "hidden"])
                        .or(comments::status
                            .eq("spam")
                            .and(comments::published_at.is_not_null())),
                ),
            ),
        };
        if let Some(k) = self.kind {
            p = Box::new(p.and(comments::kind.eq(k)));
        }
        let decision = dispositions::table.filter(dispositions::comment_id.eq(comments::id));
        p = match self.decided {
            Decided::Either => p,
            Decided::Yes => Box::new(p.and(exists(decision))),
            Decided::No => Box::new(p.and(not(exists(decision)))),
            Decided::Open => {
                use crate::db::schema::{decision_drafts, decision_waivers};
                let drafted =
                    decision_drafts::table.filter(decision_drafts::comment_id.eq(comments::id));
                let waived =
                    decision_waivers::table.filter(decision_waivers::comment_id.eq(comments::id));
                Box::new(
                    p.and(not(exists(decision)))
                        .and(not(exists(drafted)))
                        .and(not(exists(waived))),
                )
            }
            Decided::Outcome(o) => {
                Box::new(p.and(exists(decision.filter(dispositions::outcome.eq(o)))))
            }
        };
        p = match self.proposed {
            None => p,
            Some(true) => Box::new(p.and(comments::proposed_text.is_not_null())),
            Some(false) => Box::new(p.and(comments::proposed_text.is_null())),
        };
        p = match self.office {
            None => p,
            Some(true) => Box::new(p.and(comments::office_name.is_not_null())),
            Some(false) => Box::new(p.and(comments::office_name.is_null())),
        };
        if let Some(org) = &self.org {
            p = Box::new(
                p.and(
                    lower(comments::author_organization.nullable())
                        .like(contains(org))
                        .escape('\\')
                        .assume_not_null(),
                ),
            );
        }
        if let Some(q) = &self.q {
            let pat = contains(q);
            p = Box::new(
                p.and(
                    lower(comments::body_md.nullable())
                        .like(pat.clone())
                        .escape('\\')
                        .or(lower(comments::proposed_text).like(pat).escape('\\'))
                        .assume_not_null(),
                ),
            );
        }
        if let Some(c) = self.campaign {
            p = Box::new(p.and(comments::campaign_id.assume_not_null().eq(c)));
        }
        p
    }

    /// Whether it narrows by status alone: then its counts come from the
    /// tallies ([`super::Tallies`]), not from the comments.
    fn by_status_only(&self) -> bool {
        self.campaign.is_none() && self.by_status_and_campaign()
    }

    /// Whether it narrows by status and campaign alone.
    fn by_status_and_campaign(&self) -> bool {
        self.decided == Decided::Either && self.no_text_filters()
    }

    /// Whether it leaves type, proposed text, organisation, words and
    /// election office open (the tallies count none of them).
    fn no_text_filters(&self) -> bool {
        self.kind.is_none()
            && self.proposed.is_none()
            && self.org.is_none()
            && self.q.is_none()
            && self.office.is_none()
    }

    /// How many comments it admits on each clause (`None`: the whole version).
    pub fn count_by_clause(&self, conn: &mut DbConn) -> QueryResult<Vec<(Option<String>, i64)>> {
        if self.by_status_only() {
            let tallies = super::Tallies::of_version(conn, self.version_id)?;
            return Ok(tallies.by_clause(self.version_id, self.status));
        }
        comments::table
            .filter(self.predicate())
            .group_by(comments::clause_key)
            .select((comments::clause_key, count_star()))
            .load(conn)
    }

    /// The clause keys (`None`: the whole version) that comments of a
    /// version are on, whatever their status: read from the tallies,
    /// without reading the comments.
    pub fn clause_keys(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<Option<String>>> {
        let tallies = super::Tallies::of_version(conn, version_id)?;
        Ok(tallies
            .by_clause(version_id, StatusScope::Any)
            .into_iter()
            .map(|(k, _)| k)
            .collect())
    }

    /// How many comments it admits by status.
    pub fn count_by_status(&self, conn: &mut DbConn) -> QueryResult<Vec<(String, i64)>> {
        if self.by_status_only() {
            let tallies = super::Tallies::of_version(conn, self.version_id)?;
            return Ok(tallies.by_status(self.version_id, self.status));
        }
        comments::table
            .filter(self.predicate())
            .group_by(comments::status)
            .select((comments::status, count_star()))
            .load(conn)
    }

    /// How many comments it admits.
    pub fn count(&self, conn: &mut DbConn) -> QueryResult<i64> {
        if self.by_status_only() {
            let tallies = super::Tallies::of_version(conn, self.version_id)?;
            return Ok(tallies.total(self.version_id, self.status));
        }
        comments::table
            .filter(self.predicate())
            .count()
            .get_result(conn)
    }

    /// Up to `limit` comments on one clause (`None`: the whole version) in
    /// thread order, strictly after `after` (a path), or, with `backwards`,
    /// strictly before it and nearest first. Each with its campaign.
    pub fn page_in_clause(
        &self,
        conn: &mut DbConn,
        clause: Option<&str>,
        after: Option<&str>,
        backwards: bool,
        limit: i64,
    ) -> QueryResult<Vec<(Comment, Author, Option<i32>)>> {
        let mut q = comments::table
            .filter(self.predicate())
            .select((
                Comment::as_select(),
                Author::as_select(),
                comments::campaign_id,
            ))
            .limit(limit)
            .into_boxed();
        q = match clause {
            Some(k) => q.filter(comments::clause_key.eq(k.to_string())),
            None => q.filter(comments::clause_key.is_null()),
        };
        q = match (after, backwards) {
            (Some(p), false) => q.filter(comments::path.gt(p.to_string())),
            (Some(p), true) => q.filter(comments::path.lt(p.to_string())),
            (None, _) => q,
        };
        q = if backwards {
            q.order(comments::path.desc())
        } else {
            q.order(comments::path.asc())
        };
        q.load(conn)
    }

    /// Campaigns with two or more members it admits: `(campaign, members)`,
    /// largest first, at most `limit`.
    pub fn campaigns(&self, conn: &mut DbConn, limit: i64) -> QueryResult<Vec<(i32, i64)>> {
        if let (StatusScope::Only(status), true) = (self.status, self.by_status_and_campaign()) {
            return super::tally::largest_campaigns(
                conn,
                self.version_id,
                status,
                self.campaign,
                limit,
            );
        }
        let rows: Vec<(Option<i32>, i64)> = comments::table
            .filter(self.predicate())
            .filter(comments::campaign_id.is_not_null())
            .group_by(comments::campaign_id)
            .having(count_star().gt(1))
            .select((comments::campaign_id, count_star()))
            .order((count_star().desc(), comments::campaign_id.asc()))
            .limit(limit)
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter_map(|(c, n)| Some((c?, n)))
            .collect())
    }

    /// How many members it admits in each listed campaign.
    pub fn count_in_campaigns(
        &self,
        conn: &mut DbConn,
        campaigns: &[i32],
    ) -> QueryResult<Vec<(Option<i32>, i64)>> {
        if campaigns.is_empty() {
            return Ok(Vec::new());
        }
        if let (StatusScope::Only(status), Decided::Yes, true) =
            (self.status, self.decided, self.no_text_filters())
        {
            let rows =
                super::tally::decided_in_campaigns(conn, self.version_id, status, campaigns)?;
            return Ok(rows.into_iter().map(|(c, n)| (Some(c), n)).collect());
        }
        comments::table
            .filter(self.predicate())
            .filter(comments::campaign_id.eq_any(campaigns))
            .group_by(comments::campaign_id)
            .select((comments::campaign_id, count_star()))
            .load(conn)
    }

    /// The first `limit` comments it admits, by id, with their authors.
    pub fn first_by_id(
        &self,
        conn: &mut DbConn,
        limit: i64,
    ) -> QueryResult<Vec<(Comment, Author)>> {
        comments::table
            .filter(self.predicate())
            .order(comments::id.asc())
            .limit(limit)
            .select((Comment::as_select(), Author::as_select()))
            .load(conn)
    }

    /// The ids of the first `limit` comments it admits, by id.
    pub fn first_ids(&self, conn: &mut DbConn, limit: i64) -> QueryResult<Vec<i32>> {
        comments::table
            .filter(self.predicate())
            .order(comments::id.asc())
            .limit(limit)
            .select(comments::id)
            .load(conn)
    }
}

/// How many comments of a version have each outcome, from the decision
/// tallies (only published comments are decided).
pub fn outcome_counts(conn: &mut DbConn, version_id: i32) -> QueryResult<Vec<(String, i64)>> {
    super::tally::outcomes(conn, version_id)
}

/// Where a comment sits in a version's listing: (version, clause, path).
pub fn position(conn: &mut DbConn, id: i32) -> QueryResult<Option<(i32, Option<String>, String)>> {
    comments::table
        .find(id)
        .select((comments::version_id, comments::clause_key, comments::path))
        .first(conn)
        .optional()
}

/// `(id, tracking number, author name)` of the listed comments: how a
/// reply names the comment it answers.
pub fn names(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<(i32, String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::id.eq_any(ids))
        .select((
            comments::id,
            comments::tracking_number,
            comments::author_name,
        ))
        .load(conn)
}
