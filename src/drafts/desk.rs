//! What the editors' desk shows: the draft's clauses with the numbering
//! warnings, and for one clause, its text in the draft beside the clause
//! as published, its redline and its comments with their decisions.
//!
//! Bounded: a clause's comments come a page at a time (a keyset on the
//! thread path), with their decisions read in one batch, whatever the
//! number of comments.

use std::time::{Duration, Instant};

use diesel::QueryResult;

use super::clause_text::{self, ClauseText};
use super::{numbering, DraftError};
use crate::db::models::feedback::{CommentFilter, StatusScope};
use crate::db::models::{ClauseRow, Disposition, Draft, Standard, Version};
use crate::db::DbConn;
use crate::redline::{html as rhtml, words, Op};
use crate::standard::parse::ParsedVersion;
use crate::standard::Clause;

/// Comments shown at once beside a clause.
pub const COMMENTS_PER_PAGE: i64 = 20;

/// One clause in the draft's list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub number: String,
    pub heading: String,
    pub level: u8,
}

/// The draft page's clause list, numbering warnings, title and notes.
#[derive(Debug, Clone)]
pub struct Desk {
    pub clauses: Vec<Entry>,
    pub warnings: Vec<String>,
    pub title: String,
    pub notes: String,
    /// The version the draft revises has the same title / the same notes.
    pub title_unchanged: bool,
    pub notes_unchanged: bool,
}

/// The desk of a draft that parses.
pub fn desk(parsed: &ParsedVersion, base: &Version) -> Desk {
    Desk {
        clauses: parsed
            .clauses
            .iter()
            .map(|c| Entry {
                key: c.key.clone(),
                number: c.number.clone(),
                heading: c.heading.clone(),
                level: c.level,
            })
            .collect(),
        warnings: numbering::problems(&parsed.clauses),
        title: parsed.front.title.clone(),
        notes: parsed.front.notes.clone(),
        title_unchanged: parsed.front.title.trim() == base.title.trim(),
        notes_unchanged: !base.notes.trim().is_empty()
            && parsed.front.notes.trim() == base.notes.trim(),
    }
}

/// One comment beside the clause, with its decision.
#[derive(Debug, Clone)]
pub struct ClauseComment {
    pub id: i32,
    pub tracking_number: String,
    pub author: String,
    pub organization: Option<String>,
    pub status: String,
    pub depth: i32,
    /// Sanitised when the comment was stored.
    pub body_html: String,
    pub proposed: Option<String>,
    pub outcome: Option<String>,
    pub rationale: Option<String>,
    /// Its proposed text is in the draft already.
    pub accepted: bool,
}

/// Everything the clause editor shows.
#[derive(Debug, Clone)]
pub struct ClauseEditor {
    pub draft: Draft,
    pub base_label: String,
    pub key: String,
    pub level: u8,
    pub text: ClauseText,
    /// The clause in the version the draft revises, if it was there.
    pub published: Option<Clause>,
    /// The draft's clause against the published one, as HTML.
    pub redline_html: String,
    pub warnings: Vec<String>,
    pub comments: Vec<ClauseComment>,
    /// Public comments on the clause in all.
    pub comment_total: i64,
    /// The thread path to continue after, when there are more.
    pub more_after: Option<String>,
    /// Neighbours in the draft: (key, name).
    pub prev: Option<(String, String)>,
    pub next: Option<(String, String)>,
}

/// The clause `key` of the draft `label`, with the page of its comments
/// after `after` (a thread path).
pub fn editor(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    key: &str,
    after: Option<&str>,
) -> Result<ClauseEditor, DraftError> {
    let draft = Draft::by_label(conn, standard.id, label)?;
    if draft.is_published() {
        return Err(DraftError::Refused(crate::i18n::t1(
            "drafting-err-published-no-edit",
            "version",
            label,
        )));
    }
    let base = Version::by_id(conn, draft.base_version_id)?;
    let previous = ClauseRow::clauses_of(conn, base.id)?;
    let parsed =
        crate::standard::parse::parse_version("draft", draft.source.as_bytes(), Some(&previous))
            .map_err(|e| {
                DraftError::Refused(crate::i18n::t1(
                    "drafting-err-no-parse-clauses",
                    "problem",
                    e.to_string(),
                ))
            })?;
    let (clause, text) = clause_text::read(&draft.source, Some(&previous), key).map_err(|e| {
        DraftError::Refused(crate::i18n::t1(
            "drafting-err-clause-not-here",
            "problem",
            e.to_string(),
        ))
    })?;
    let published = previous.iter().find(|c| c.key == key).cloned();
    let deadline = Instant::now() + Duration::from_secs(2);
    let diff = match &published {
        Some(old) => words::diff_clause(old, &clause, deadline),
        None => words::whole(&clause, Op::Insert),
    };
    let opts = rhtml::HtmlOptions {
        min_level: 3,
        ..Default::default()
    };
    let at = parsed.clauses.iter().position(|c| c.key == key);
    let name = |c: &Clause| {
        (
            c.key.clone(),
            crate::standard::clause::naming::full(&c.number, &c.heading),
        )
    };
    let prev = at
        .and_then(|i| i.checked_sub(1))
        .map(|i| name(&parsed.clauses[i]));
    let next = at.and_then(|i| parsed.clauses.get(i + 1)).map(name);
    let (comments, more_after) = comments(conn, &draft, base.id, key, after)?;
    let comment_total = CommentFilter::version(base.id, StatusScope::Public)
        .count_by_clause(conn)?
        .into_iter()
        .find(|(k, _)| k.as_deref() == Some(key))
        .map_or(0, |(_, n)| n);
    Ok(ClauseEditor {
        base_label: base.label,
        key: key.to_string(),
        level: clause.level,
        text,
        redline_html: rhtml::clause_inline(&diff, &opts),
        warnings: numbering::problems(&parsed.clauses),
        published,
        comments,
        comment_total,
        more_after,
        prev,
        next,
        draft,
    })
}

/// One page of the clause's public comments, each with its decision.
fn comments(
    conn: &mut DbConn,
    draft: &Draft,
    version_id: i32,
    key: &str,
    after: Option<&str>,
) -> QueryResult<(Vec<ClauseComment>, Option<String>)> {
    let filter = CommentFilter::version(version_id, StatusScope::Public);
    let mut rows = filter.page_in_clause(conn, Some(key), after, false, COMMENTS_PER_PAGE + 1)?;
    let more = rows.len() as i64 > COMMENTS_PER_PAGE;
    rows.truncate(COMMENTS_PER_PAGE as usize);
    let ids: Vec<i32> = rows.iter().map(|(c, _, _)| c.id).collect();
    let decisions = Disposition::for_comments(conn, &ids)?;
    let accepted = crate::db::models::DraftAcceptance::for_draft(conn, draft.id)?;
    let more_after = more
        .then(|| rows.last().map(|(c, _, _)| c.path.clone()))
        .flatten();
    let out = rows
        .into_iter()
        .map(|(c, a, _)| {
            let d = decisions.iter().find(|d| d.comment_id == c.id);
            let public = c.status == "published";
            ClauseComment {
                id: c.id,
                accepted: accepted.iter().any(|x| x.comment_id == c.id),
                tracking_number: c.tracking_number,
                author: a.display_name,
                organization: a.organization,
                depth: c.depth,
                body_html: if public { c.body_html } else { String::new() },
                proposed: if public { c.proposed_text } else { None },
                status: c.status,
                outcome: d.map(|d| d.outcome().display().to_string()),
                rationale: d.map(|d| d.rationale.clone()),
            }
        })
        .collect();
    Ok((out, more_after))
}
