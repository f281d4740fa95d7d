//! Taking a commenter's proposed text into the draft.
//!
//! The proposal is merged three ways into its clause: the clause as
//! published (base), as it stands in the draft (the editors' edits and any
//! proposal taken in before) and as proposed, word by word on the Markdown
//! source ([`crate::redline::merge`]). Changes to different words combine.
//! Changes to the same or neighbouring words are a [`ProposalConflict`]:
//! nothing changes, and the editor sees the three texts and chooses one or
//! writes the clause themself ([`resolve`]), against the draft's revision
//! so that no one's save is lost.

use chrono::NaiveDateTime;
use diesel::{OptionalExtension, QueryResult};

use super::{refuse, DraftError};
use crate::actor::Actor;
use crate::audit;
use crate::db::models::{
    ClauseRow, Comment, CommentStatus, Draft, DraftAcceptance, NewDraftAcceptance, Standard,
    Version,
};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t, t1, t2};
use crate::redline::merge::{merge3, Conflict, Merged};
use crate::standard::clause::naming;
use crate::standard::{edit, Clause};

/// A proposal that changes words the draft changed too: what the editor
/// is shown to decide.
#[derive(Debug, Clone)]
pub struct ProposalConflict {
    pub comment_id: i32,
    pub tracking_number: String,
    pub clause_key: String,
    /// "clause 1.2 (Chain of custody)".
    pub clause_name: String,
    /// The draft's revision the three texts were read from.
    pub revision: i32,
    /// The label of the version the draft revises.
    pub base_label: String,
    pub published: String,
    pub in_draft: String,
    pub proposed: String,
    /// Comments whose proposed text the clause already holds.
    pub earlier: Vec<String>,
    /// The first passage where they differ, in words.
    pub message: String,
}

/// A proposal checked against the draft: everything needed to merge it.
struct Proposal {
    draft: Draft,
    base: Version,
    comment: Comment,
    key: String,
    proposed: String,
    base_clauses: Vec<Clause>,
}

/// Check that comment `comment_id` has proposed text that the draft of
/// version `label` can take: a published comment on a clause of the
/// version the draft revises, not taken in already.
fn proposal(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    comment_id: i32,
) -> Result<Proposal, DraftError> {
    let draft = Draft::by_label(conn, standard.id, label)?;
    if draft.is_published() {
        return refuse(t1("drafting-proposal-published", "version", label));
    }
    let Some(c) = Comment::find(conn, comment_id).optional()? else {
        return refuse(t1("drafting-proposal-no-comment", "id", comment_id));
    };
    let base = Version::by_id(conn, draft.base_version_id)?;
    if c.version_id != base.id {
        return refuse(t2(
            "drafting-proposal-other-version",
            "tracking",
            &c.tracking_number,
            "version",
            &base.label,
        ));
    }
    if c.status() != CommentStatus::Published {
        return refuse(t1(
            "drafting-proposal-not-published",
            "tracking",
            &c.tracking_number,
        ));
    }
    let (Some(key), Some(proposed)) = (c.clause_key.clone(), c.proposed_text.clone()) else {
        return refuse(t1(
            "drafting-proposal-no-text",
            "tracking",
            &c.tracking_number,
        ));
    };
    let accepted = DraftAcceptance::for_draft(conn, draft.id)?;
    if accepted.iter().any(|a| a.comment_id == c.id) {
        return refuse(t1(
            "drafting-proposal-already",
            "tracking",
            &c.tracking_number,
        ));
    }
    let base_clauses = ClauseRow::clauses_of(conn, base.id)?;
    Ok(Proposal {
        draft,
        base,
        comment: c,
        key,
        proposed,
        base_clauses,
    })
}

/// Apply comment `comment_id`'s proposed text to its clause in the draft,
/// merged with what the draft holds. A conflict changes nothing.
pub fn accept(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    comment_id: i32,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<(Draft, Comment), DraftError> {
    write_tx(conn, |conn| {
        let p = proposal(conn, standard, label, comment_id)?;
        let (published, in_draft) = texts(&p)?;
        match merge3(&published, &in_draft, &edit::tidy_body(&p.proposed)) {
            Merged::Clean(text) => {
                apply(conn, standard, &p, &text, staff, now)?;
                Ok((Draft::by_label(conn, standard.id, label)?, p.comment))
            }
            Merged::Conflicts(conflicts) => Err(DraftError::Conflict(Box::new(conflict(
                conn, &p, published, in_draft, &conflicts,
            )?))),
        }
    })
}

/// Take comment `comment_id`'s proposal into the draft as `body`, the
/// clause text the editor chose or wrote on the conflict page, provided
/// the draft is still at `revision`.
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    comment_id: i32,
    revision: i32,
    body: &str,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<(Draft, Comment), DraftError> {
    write_tx(conn, |conn| {
        let p = proposal(conn, standard, label, comment_id)?;
        if p.draft.revision != revision {
            return Err(DraftError::Stale {
                message: t1("drafting-proposal-stale", "revision", p.draft.revision),
            });
        }
        apply(conn, standard, &p, body, staff, now)?;
        Ok((Draft::by_label(conn, standard.id, label)?, p.comment))
    })
}

/// The conflict of comment `comment_id` with the draft as it is now, if
/// its proposal still conflicts (for showing again after a stale save).
pub fn conflict_now(
    conn: &mut DbConn,
    standard: &Standard,
    label: &str,
    comment_id: i32,
) -> Result<Option<ProposalConflict>, DraftError> {
    let p = proposal(conn, standard, label, comment_id)?;
    let (published, in_draft) = texts(&p)?;
    match merge3(&published, &in_draft, &edit::tidy_body(&p.proposed)) {
        Merged::Clean(_) => Ok(None),
        Merged::Conflicts(c) => Ok(Some(conflict(conn, &p, published, in_draft, &c)?)),
    }
}

/// The clause as published and as it stands in the draft, tidied.
fn texts(p: &Proposal) -> Result<(String, String), DraftError> {
    let Some(published) = p.base_clauses.iter().find(|cl| cl.key == p.key) else {
        return refuse(crate::i18n::t_with_three(
            "drafting-proposal-no-clause",
            [
                ("clause", p.key.clone()),
                ("version", p.base.label.clone()),
                ("tracking", p.comment.tracking_number.clone()),
            ],
        ));
    };
    let in_draft = edit::clause_body(&p.draft.source, Some(&p.base_clauses), &p.key)
        .map_err(|e| not_applied(p, e))?;
    Ok((
        edit::tidy_body(&published.body_md),
        edit::tidy_body(&in_draft),
    ))
}

fn not_applied(p: &Proposal, e: edit::EditError) -> DraftError {
    DraftError::Refused(t2(
        "drafting-proposal-not-applied",
        "tracking",
        &p.comment.tracking_number,
        "problem",
        e.to_string(),
    ))
}

/// Write `body` as the clause's text in the draft and record where it
/// came from.
fn apply(
    conn: &mut DbConn,
    standard: &Standard,
    p: &Proposal,
    body: &str,
    staff: &Actor,
    now: NaiveDateTime,
) -> Result<(), DraftError> {
    let updated = edit::replace_clause_body(&p.draft.source, Some(&p.base_clauses), &p.key, body)
        .map_err(|e| not_applied(p, e))?;
    if !Draft::save(
        conn,
        p.draft.id,
        p.draft.revision,
        &updated,
        &staff.name,
        now,
    )? {
        return refuse(t("drafting-proposal-changed-meanwhile"));
    }
    DraftAcceptance::insert(
        conn,
        &NewDraftAcceptance {
            draft_id: p.draft.id,
            comment_id: p.comment.id,
            clause_key: &p.key,
            applied_text: &p.proposed,
            staff_id: staff.id,
            accepted_at: now,
        },
    )?;
    audit::record_at(
        conn,
        &audit::Event::by(staff, "draft.proposal_accepted")
            .on_version(standard.id, p.base.id)
            .target(format!("comment {}", p.comment.tracking_number))
            .detail(format!(
                "Proposed text applied to clause “{}” of the draft of version {}.",
                p.key, p.draft.label
            )),
        now,
    )?;
    Ok(())
}

fn conflict(
    conn: &mut DbConn,
    p: &Proposal,
    published: String,
    in_draft: String,
    conflicts: &[Conflict],
) -> QueryResult<ProposalConflict> {
    let earlier: Vec<String> = DraftAcceptance::for_draft(conn, p.draft.id)?
        .iter()
        .filter(|a| a.clause_key == p.key)
        .map(|a| Comment::find(conn, a.comment_id).map(|e| e.tracking_number))
        .collect::<QueryResult<_>>()?;
    let clause_name = p
        .base_clauses
        .iter()
        .find(|cl| cl.key == p.key)
        .map_or_else(
            || naming::by_key(&p.key),
            |cl| naming::full(&cl.number, &cl.heading),
        );
    Ok(ProposalConflict {
        message: conflict_message(&p.key, &p.comment.tracking_number, &earlier, conflicts),
        comment_id: p.comment.id,
        tracking_number: p.comment.tracking_number.clone(),
        clause_key: p.key.clone(),
        clause_name,
        revision: p.draft.revision,
        base_label: p.base.label.clone(),
        published,
        in_draft,
        proposed: edit::tidy_body(&p.proposed),
        earlier,
    })
}

/// Why a proposal was not merged: where the draft and the proposal
/// changed the same words, in their own words.
fn conflict_message(
    key: &str,
    tracking: &str,
    earlier: &[String],
    conflicts: &[Conflict],
) -> String {
    let short = |s: &str| {
        let s = s.trim();
        match s.char_indices().nth(160) {
            Some((at, _)) => format!("{}…", &s[..at]),
            None => s.to_string(),
        }
    };
    let first = &conflicts[0];
    let held = if earlier.is_empty() {
        String::new()
    } else {
        // The message's value cannot start with a space: it is added here.
        format!(
            " {}",
            t1("drafting-proposal-held", "comments", earlier.join(", "))
        )
    };
    let more = match conflicts.len() {
        1 => String::new(),
        n => t1("drafting-proposal-more", "count", n - 1),
    };
    crate::i18n::current().t_with(
        "drafting-proposal-conflict",
        &[
            ("clause", &key),
            ("tracking", &tracking),
            ("held", &held),
            ("published", &short(&first.base)),
            ("draft", &short(&first.ours)),
            ("proposed", &short(&first.theirs)),
            ("more", &more),
        ],
    )
}
