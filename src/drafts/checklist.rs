//! What to settle before a draft is published: comments on the version it
//! revises that have no decision, clause numbers out of sequence, a title
//! or notes carried over unchanged, and clauses removed although people
//! commented on them. Each open item must be fixed or acknowledged on the
//! publish form; [`super::publish`] refuses until it is.

use diesel::QueryResult;

use crate::db::models::feedback::{CommentFilter, Decided};
use crate::db::models::review::{DecisionDraft, DraftState};
use crate::db::models::tally::{StatusScope, Tallies};
use crate::db::models::{Standard, Version};
use crate::db::DbConn;
use crate::i18n::{t, t1, t2};
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
    let total = CommentFilter::version(base.id, StatusScope::Public).count(conn)?;
    let open = CommentFilter {
        decided: Decided::Open,
        ..CommentFilter::version(base.id, StatusScope::Public)
    }
    .count(conn)?;
    if open > 0 {
        out.push(Check {
            id: "undecided",
            title: crate::i18n::current().t_with(
                "drafting-check-undecided",
                &[("open", &open), ("total", &total), ("version", &base.label)],
            ),
            details: Vec::new(),
            link: Some((
                format!(
                    "{}?disposition=open",
                    urls::editor_feedback(&standard.slug, &base.label)
                ),
                t("drafting-check-undecided-link"),
            )),
        });
    }
    if let Some(check) = unreleased(conn, standard, base)? {
        out.push(check);
    }
    let problems = super::numbering::problems(&draft.clauses);
    if !problems.is_empty() {
        out.push(Check {
            id: "numbering",
            title: t("drafting-check-numbering"),
            details: problems,
            link: None,
        });
    }
    if draft.front.title.trim() == base.title.trim() {
        out.push(Check {
            id: "title",
            title: t2(
                "drafting-check-title",
                "version",
                &base.label,
                "title",
                base.title.trim(),
            ),
            details: Vec::new(),
            link: None,
        });
    }
    if !base.notes.trim().is_empty() && draft.front.notes.trim() == base.notes.trim() {
        out.push(Check {
            id: "notes",
            title: t1("drafting-check-notes", "version", &base.label),
            details: Vec::new(),
            link: None,
        });
    }
    let removed = removed_with_comments(conn, base, draft)?;
    if !removed.is_empty() {
        out.push(Check {
            id: "removed",
            title: t("drafting-check-removed"),
            details: removed,
            link: None,
        });
    }
    Ok(out)
}

/// Decisions on `base`'s comments saved but not yet released (review and
/// release): approved ones are released with the new version, the others
/// stay drafts for staff.
fn unreleased(
    conn: &mut DbConn,
    standard: &Standard,
    base: &Version,
) -> QueryResult<Option<Check>> {
    let counts = DecisionDraft::counts(conn, base.id)?;
    let n = |s: DraftState| {
        counts
            .iter()
            .find(|(k, _)| k == s.as_str())
            .map_or(0, |(_, n)| *n)
    };
    let (drafts, ready, approved) = (
        n(DraftState::Draft),
        n(DraftState::Ready),
        n(DraftState::Approved),
    );
    let total = drafts + ready + approved;
    if total == 0 {
        return Ok(None);
    }
    let mut details = Vec::new();
    if approved > 0 {
        details.push(t1("drafting-check-unreleased-approved", "count", approved));
    }
    if ready > 0 {
        details.push(t1("drafting-check-unreleased-ready", "count", ready));
    }
    if drafts > 0 {
        details.push(t1("drafting-check-unreleased-drafts", "count", drafts));
    }
    Ok(Some(Check {
        id: "unreleased",
        title: t2(
            "drafting-check-unreleased",
            "count",
            total,
            "version",
            &base.label,
        ),
        details,
        link: Some((
            urls::editor_release(&standard.slug, &base.label),
            t("drafting-check-unreleased-link"),
        )),
    }))
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
        out.push(t2(
            "drafting-check-removed-clause",
            "clause",
            name,
            "count",
            n,
        ));
    }
    Ok(out)
}
