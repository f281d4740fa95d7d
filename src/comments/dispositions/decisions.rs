//! The editors' decisions on a version's comments as open data: the API's
//! pages, in the order the decisions were first recorded (a cursor on the
//! decision's id), and the newest ones for the Atom feed.
//!
//! Only decisions on public comments appear (a tombstone's included, as in
//! the report), and each carries what the disposition report shows plus
//! the time it was recorded: never who recorded it, never the comment's
//! author or text. A page or a feed costs a fixed number of queries.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use super::notes::Places;
use crate::db::models::{ClauseRow, DecidedComment, Disposition, Outcome, Standard, Version};
use crate::db::DbConn;

/// One decision as the public sees it.
#[derive(Debug, Clone)]
pub struct PublicDecision {
    /// The decision's own number: the cursor of the API's pages.
    pub id: i32,
    pub comment_id: i32,
    pub tracking_number: String,
    /// `published`, or `hidden` / `spam` for a tombstone.
    pub comment_status: String,
    /// `None` for a comment on the whole version.
    pub clause_key: Option<String>,
    /// The clause's number and heading in the comment's version, when it
    /// has the clause.
    pub clause_number: Option<String>,
    pub clause_heading: Option<String>,
    pub outcome: Outcome,
    pub rationale: String,
    /// When the decision (as it stands) was recorded.
    pub decided_at: NaiveDateTime,
    pub resolved_version: Option<String>,
    pub resolved_clause_key: Option<String>,
    /// The resolving clause's number, once its version is published.
    pub resolved_clause_number: Option<String>,
    /// Where it is resolved, in words, as under the comment.
    pub resolved_in: Option<String>,
}

/// One page of decisions.
pub struct DecisionPage {
    pub decisions: Vec<PublicDecision>,
    /// The cursor of the next page, if there is one.
    pub next: Option<i32>,
    /// The cursor after this page's last decision (the one asked for, if
    /// the page is empty): where to come back later for newer decisions.
    pub last: i32,
}

/// Up to `limit` decisions on the public comments of `version` after
/// cursor `after`, oldest first. A decision recorded later comes after
/// every decision already read, so walking the pages to the end gives
/// every decision once; a decision recorded again keeps its place and
/// shows its new outcome and time.
pub fn page(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    after: i32,
    limit: i64,
) -> QueryResult<DecisionPage> {
    let mut rows = Disposition::public_after(conn, version.id, after, limit + 1)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let last = rows.last().map_or(after, |(d, _)| d.id);
    Ok(DecisionPage {
        decisions: public(conn, standard, version, rows)?,
        next: more.then_some(last),
        last,
    })
}

/// The `limit` latest decisions on the public comments of `version`,
/// newest first: the feed.
pub fn latest(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    limit: i64,
) -> QueryResult<Vec<PublicDecision>> {
    let rows = Disposition::latest_public(conn, version.id, limit)?;
    public(conn, standard, version, rows)
}

/// Decisions as the public sees them, with the clauses they name: the
/// version's clauses and the resolving versions' read once for all.
fn public(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    rows: Vec<(Disposition, DecidedComment)>,
) -> QueryResult<Vec<PublicDecision>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let clauses = ClauseRow::for_version(conn, version.id)?;
    let decided: Vec<Disposition> = rows.iter().map(|(d, _)| d.clone()).collect();
    let places = Places::load(conn, standard, &decided)?;
    Ok(rows
        .into_iter()
        .map(|(d, c)| {
            let clause = c
                .clause_key
                .as_deref()
                .and_then(|k| clauses.iter().find(|cl| cl.clause_key == k));
            let (resolved_in, _, _) = places.resolve(standard, version, &d);
            PublicDecision {
                id: d.id,
                comment_id: c.id,
                tracking_number: c.tracking_number,
                comment_status: c.status,
                clause_key: c.clause_key,
                clause_number: clause.map(|cl| cl.number.clone()),
                clause_heading: clause.map(|cl| cl.heading.clone()),
                outcome: d.outcome(),
                resolved_clause_number: places.resolving_clause(&d).map(|cl| cl.number.clone()),
                rationale: d.rationale,
                decided_at: d.decided_at,
                resolved_version: d.resolved_version,
                resolved_clause_key: d.resolved_clause_key,
                resolved_in,
            }
        })
        .collect())
}
