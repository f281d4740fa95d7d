//! What to settle before a draft is published: comments on the version it
//! revises that have no decision, clause numbers out of sequence, a title
//! or notes carried over unchanged, and clauses removed although people
//! commented on them. Each open item must be fixed or acknowledged on the
//! publish form; [`super::publish`] refuses until it is.

use diesel::QueryResult;

use crate::comments::dispositions::report;
use crate::db::models::tally::{StatusScope, Tallies};
use crate::db::models::{Standard, Version};
use crate::db::DbConn;
use crate::standard::parse::ParsedVersion;
use crate::urls;

/// One item of the checklist that is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The form field that acknowledges it is `ack_{id}`.
    pub id: &'static str,
    pub title: String,
    /// The particulars, one a line.
    pub details: Vec<String>,
    /// Where to fix it: (address, words).
    pub link: Option<(String, String)>,
}

/// The open items for publishing `draft` (parsed) as the version after
/// `base`. A few queries, whatever the number of comments (counts come
/// from SQL and the tallies).
pub fn checklist(
    conn: &mut DbConn,
    standard: &Standard,
    base: &Version,
    draft: &ParsedVersion,
) -> QueryResult<Vec<Check>> {
    let mut out = Vec::new();
    let (total, decided) = report::summary(conn, base)?;
    if decided < total {
        out.push(Check {
            id: "undecided",
            title: format!(
                "{} of the {total} public comments on version {} have no decision.",
                total - decided,
                base.label
            ),
            details: Vec::new(),
            link: Some((
                format!(
                    "{}?disposition=none",
                    urls::editor_feedback(&standard.slug, &base.label)
                ),
                "Open the comments without a decision".to_string(),
            )),
        });
    }
    let problems = super::numbering::problems(&draft.clauses);
    if !problems.is_empty() {
        out.push(Check {
            id: "numbering",
            title: "Clause numbers are out of sequence.".to_string(),
            details: problems,
            link: None,
        });
    }
    if draft.front.title.trim() == base.title.trim() {
        out.push(Check {
            id: "title",
            title: format!(
                "The title is the same as version {}'s: “{}”.",
                base.label,
                base.title.trim()
            ),
            details: Vec::new(),
            link: None,
        });
    }
    if !base.notes.trim().is_empty() && draft.front.notes.trim() == base.notes.trim() {
        out.push(Check {
            id: "notes",
            title: format!("The notes are the same as version {}'s.", base.label),
            details: Vec::new(),
            link: None,
        });
    }
    let removed = removed_with_comments(conn, base, draft)?;
    if !removed.is_empty() {
        out.push(Check {
            id: "removed",
            title: "Clauses that people commented on are not in the draft.".to_string(),
            details: removed,
            link: None,
        });
    }
    Ok(out)
}

/// Clauses of `base` the draft no longer has, with their public comments.
fn removed_with_comments(
    conn: &mut DbConn,
    base: &Version,
    draft: &ParsedVersion,
) -> QueryResult<Vec<String>> {
    let tallies = Tallies::of_version(conn, base.id)?;
    let clauses = crate::db::models::ClauseRow::for_version(conn, base.id)?;
    let mut out = Vec::new();
    for (key, n) in tallies.by_clause(base.id, StatusScope::Public) {
        let Some(key) = key else { continue };
        if n == 0 || draft.clauses.iter().any(|c| c.key == key) {
            continue;
        }
        let name = clauses
            .iter()
            .find(|c| c.clause_key == key)
            .map_or_else(|| key.clone(), |c| c.numbered_heading());
        out.push(format!(
            "{name} ({n} comment{})",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}
