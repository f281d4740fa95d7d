//! Moderation: publishing held comments, hiding with a public reason (a
//! tombstone stays in the thread, and so do the replies), marking spam,
//! restoring a comment taken down, and flags from the public. Every action
//! is appended to the ledger in the same transaction as the change, and
//! the author is told of a hiding or a restoring by mail
//! (`super::moderation_mail`, which says why spam is not mailed).
//! Redacting part of a comment is in `super::redaction`.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use serde_json::json;

use super::ledger::{self, kinds};
use super::moderation_mail::{self, Notice};
use super::notify::{self, Place};
use super::{Settings, MAX_REASON_CHARS};
use crate::db::models::{Comment, CommentFlag, CommentStatus, Commenter};
use crate::db::{write_tx, DbConn};
use crate::i18n::t;

/// The staff member acting. The ledger names them by `id` only (an
/// opaque number); the name goes to the staff audit log.
pub use crate::actor::Actor;

/// A moderator's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Publish a held comment.
    Publish,
    /// Hide, with the reason shown in its place.
    Hide(String),
    /// Mark as spam; the reason is for the record (ledger and audit log).
    Spam(String),
    /// Show a hidden comment (or one marked as spam) again: published if it
    /// had been published, else back in the queue. The reason is recorded.
    Restore(String),
    /// Keep a flagged comment as it is and clear its flags.
    Dismiss,
}

/// Why an action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModerationError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// Append the publication of `comment` to the ledger, with the author as
/// the comment shows it (`author_name`, `author_organization`), so the two
/// agree, and the digest of its signed letter if it has one; keep the
/// entry's seq on the comment (`published_seq`): the order in which
/// comments became public.
pub fn record_publication(
    conn: &mut DbConn,
    place: &Place<'_>,
    comment: &Comment,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let mut facts = ledger::comment_facts(
        comment,
        &place.standard.slug,
        &place.version.label,
        &comment.author_name,
        comment.author_organization.as_deref(),
    );
    if let Some(letter) = crate::db::models::Attachment::of_comment(conn, comment.id)? {
        ledger::add_letter(&mut facts, &letter);
    }
    let entry = ledger::append(conn, kinds::PUBLISHED, Some(comment.id), facts, now)?;
    // Its place in publication order, by which the API pages.
    Comment::set_published_seq(conn, comment.id, entry.seq)
}

/// Carry out a moderator's action; returns the comment as it is afterwards.
pub fn act(
    conn: &mut DbConn,
    settings: &Settings,
    comment_id: i32,
    action: &Action,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<Comment, ModerationError> {
    write_tx(conn, |conn| {
        let c = Comment::find(conn, comment_id)?;
        let status = c.status();
        let refuse = |msg: String| Err(ModerationError::Refused(msg));
        match action {
            Action::Publish => {
                if status != CommentStatus::Pending {
                    return refuse(t("desk-mod-err-publish-not-waiting"));
                }
                Comment::set_status(conn, c.id, CommentStatus::Published, Some(now))?;
                CommentFlag::resolve_all(conn, c.id, now)?;
                let c = Comment::find(conn, c.id)?;
                let author = Commenter::find(conn, c.commenter_id)?;
                let (standard, version) = super::place_of(conn, &c)?;
                let place = Place {
                    clause_label: super::clause_label(conn, &version, c.clause_key.as_deref())?,
                    standard: &standard,
                    version: &version,
                };
                record_publication(conn, &place, &c, now)?;
                ledger::append(
                    conn,
                    kinds::APPROVED,
                    Some(c.id),
                    json!({"comment_id": c.id, "tracking_number": c.tracking_number,
                           "moderator_id": actor.id}),
                    now,
                )?;
                audit_moderation(
                    conn,
                    actor,
                    crate::audit::actions::COMMENT_APPROVED,
                    &c,
                    "",
                    now,
                )?;
                crate::mail::enqueue_at(
                    conn,
                    &notify::receipt(settings, &place, &author.email, &c, true),
                    now,
                )?;
                notify::reply_notice(conn, settings, &place, &c, &author, now)?;
                Ok(c)
            }
            Action::Hide(_) | Action::Spam(_) if status == CommentStatus::Unverified => {
                refuse(t("desk-mod-err-never-verified"))
            }
            Action::Hide(r) | Action::Spam(r) => {
                if matches!(status, CommentStatus::Hidden | CommentStatus::Spam) {
                    return refuse(t("desk-mod-err-already-down"));
                }
                let r = check_reason(r)?;
                let (new_status, kind, shown) = match action {
                    Action::Hide(_) => (CommentStatus::Hidden, kinds::HIDDEN, Some(r.as_str())),
                    _ => (CommentStatus::Spam, kinds::SPAM, None),
                };
                Comment::take_down(conn, c.id, new_status, shown)?;
                CommentFlag::resolve_all(conn, c.id, now)?;
                ledger::append(
                    conn,
                    kind,
                    Some(c.id),
                    json!({"comment_id": c.id, "tracking_number": c.tracking_number,
                           "previous_status": c.status, "reason": r,
                           "moderator_id": actor.id}),
                    now,
                )?;
                let audit_action = match new_status {
                    CommentStatus::Hidden => crate::audit::actions::COMMENT_HIDDEN,
                    _ => crate::audit::actions::COMMENT_SPAM,
                };
                audit_moderation(conn, actor, audit_action, &c, &r, now)?;
                let after = Comment::find(conn, c.id)?;
                if new_status == CommentStatus::Hidden {
                    moderation_mail::tell_author(conn, settings, &after, Notice::Hidden, &r, now)?;
                }
                Ok(after)
            }
            Action::Restore(r) => {
                if !matches!(status, CommentStatus::Hidden | CommentStatus::Spam) {
                    return refuse(t("desk-mod-err-restore-not-down"));
                }
                let r = check_reason(r)?;
                // Back to where it was before it was taken down.
                let back = if c.published_at.is_some() {
                    CommentStatus::Published
                } else {
                    CommentStatus::Pending
                };
                Comment::take_down(conn, c.id, back, None)?;
                ledger::append(
                    conn,
                    kinds::RESTORED,
                    Some(c.id),
                    json!({"comment_id": c.id, "tracking_number": c.tracking_number,
                           "previous_status": c.status, "status": back.as_str(),
                           "hidden_reason": null, "reason": r, "moderator_id": actor.id}),
                    now,
                )?;
                audit_moderation(
                    conn,
                    actor,
                    crate::audit::actions::COMMENT_RESTORED,
                    &c,
                    &r,
                    now,
                )?;
                let after = Comment::find(conn, c.id)?;
                // Back in the queue, the author hears when it is published.
                if back == CommentStatus::Published {
                    moderation_mail::tell_author(
                        conn,
                        settings,
                        &after,
                        Notice::Restored,
                        &r,
                        now,
                    )?;
                }
                Ok(after)
            }
            Action::Dismiss => {
                if c.flags == 0 {
                    return refuse(t("desk-mod-err-no-flags"));
                }
                Comment::clear_flags(conn, c.id)?;
                let n = CommentFlag::resolve_all(conn, c.id, now)?;
                ledger::append(
                    conn,
                    kinds::FLAGS_DISMISSED,
                    Some(c.id),
                    json!({"comment_id": c.id, "tracking_number": c.tracking_number,
                           "flags": n, "moderator_id": actor.id}),
                    now,
                )?;
                let detail = format!("{n} report(s) cleared");
                audit_moderation(
                    conn,
                    actor,
                    crate::audit::actions::FLAGS_DISMISSED,
                    &c,
                    &detail,
                    now,
                )?;
                Ok(Comment::find(conn, c.id)?)
            }
        }
    })
}

/// A moderator's reason, trimmed: required, and at most
/// [`MAX_REASON_CHARS`] characters.
pub fn check_reason(reason: &str) -> Result<String, ModerationError> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(ModerationError::Refused(t("desk-mod-err-no-reason")));
    }
    if r.chars().count() > MAX_REASON_CHARS {
        return Err(reason_too_long());
    }
    Ok(r.to_string())
}

fn reason_too_long() -> ModerationError {
    ModerationError::Refused(crate::i18n::t1(
        "desk-mod-err-reason-too-long",
        "max",
        MAX_REASON_CHARS,
    ))
}

/// Record a moderator's action in the staff audit log too (the ledger is
/// the public record; the audit log is where admins read staff actions).
pub(super) fn audit_moderation(
    conn: &mut DbConn,
    actor: &Actor,
    action: &str,
    c: &Comment,
    detail: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (standard, version) = super::place_of(conn, c)?;
    let event = crate::audit::Event::by(actor, action)
        .on_version(standard.id, version.id)
        .target(format!("comment {}", c.tracking_number))
        .detail(detail);
    crate::audit::record_at(conn, &event, now)
}

/// A flag from the public: counted on the comment, which then appears in
/// the moderation queue. Only published comments can be flagged. Call
/// inside the caller's [`write_tx`] (which may count it against a rate limit).
pub fn flag(
    conn: &mut DbConn,
    comment_id: i32,
    reason: &str,
    now: NaiveDateTime,
) -> Result<Comment, ModerationError> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(reason_too_long());
    }
    let c = Comment::find(conn, comment_id)?;
    if c.status() != CommentStatus::Published {
        return Err(ModerationError::Db(diesel::result::Error::NotFound));
    }
    CommentFlag::insert(conn, c.id, reason, now)?;
    Comment::add_flag(conn, c.id)?;
    Ok(Comment::find(conn, c.id)?)
}
