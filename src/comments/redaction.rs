//! Redacting part of a published comment: a moderator names the exact
//! passage and a reason; every occurrence of the passage in the comment's
//! text is replaced by a notice, "[redacted by a moderator: reason]".
//!
//! The policy a reader must know: the comment's own text becomes the
//! redacted text, so every place that shows it (pages, the API, feeds,
//! downloads, the search index, which its triggers keep up to date) shows
//! only that; the text as it was before is kept in `comment_redactions` for
//! staff alone; and the ledger records the redaction with the SHA-256 of
//! the text before and the digests of the text after, so `docket verify`
//! still accounts for every word the public was shown.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use serde_json::json;

use super::ledger::{self, kinds};
use super::moderation::{check_reason, Actor, ModerationError};
use super::moderation_mail::{self, Notice};
use super::{SafeHtml, Settings};
use crate::db::models::{Comment, CommentStatus, NewRedaction, Redaction};
use crate::db::{write_tx, DbConn};
use crate::i18n::t;
use crate::standard::sha256_hex;

/// The notice put in place of a redacted passage, as Markdown: the reason
/// on one line, every ASCII punctuation mark escaped so it reads as typed.
pub fn notice_markdown(reason: &str) -> String {
    let mut out = String::from("\\[redacted by a moderator: ");
    for (i, word) in reason.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for ch in word.chars() {
            if ch.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(ch);
        }
    }
    out.push_str("\\]");
    out
}

/// A passage as typed in a form: line ends as the comment stores them,
/// and no blank space around it.
fn clean_passage(passage: &str) -> String {
    passage.replace("\r\n", "\n").trim().to_string()
}

/// Redact every occurrence of `passage` in comment `comment_id`; returns
/// the comment as it is afterwards. Refused (and nothing changes) without
/// a reason, for a passage that is not in the comment's text, or for a
/// comment that is not published.
pub fn redact(
    conn: &mut DbConn,
    settings: &Settings,
    comment_id: i32,
    passage: &str,
    reason: &str,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<Comment, ModerationError> {
    let refuse = |msg: String| Err(ModerationError::Refused(msg));
    let passage = clean_passage(passage);
    write_tx(conn, |conn| {
        let c = Comment::find(conn, comment_id)?;
        if c.status() != CommentStatus::Published {
            return refuse(t("desk-redact-err-not-published"));
        }
        let reason = check_reason(reason)?;
        if passage.is_empty() {
            return refuse(t("desk-redact-err-no-passage"));
        }
        if !c.body_md.contains(&passage) {
            return refuse(t("desk-redact-err-not-in-text"));
        }
        let new_md = c.body_md.replace(&passage, &notice_markdown(&reason));
        let new_html = SafeHtml::from_markdown(&new_md);
        let original_sha256 = sha256_hex(&c.body_md);
        Redaction::replace_body(conn, c.id, &new_md, new_html.as_str())?;
        let entry = ledger::append(
            conn,
            kinds::REDACTED,
            Some(c.id),
            json!({"comment_id": c.id, "tracking_number": c.tracking_number,
                   "reason": reason, "moderator_id": actor.id,
                   "original_body_sha256": original_sha256,
                   "body_sha256": sha256_hex(&new_md),
                   "body_html_sha256": sha256_hex(new_html.as_str())}),
            now,
        )?;
        Redaction::insert(
            conn,
            &NewRedaction {
                comment_id: c.id,
                passage: &passage,
                reason: &reason,
                original_body_md: &c.body_md,
                original_sha256: &original_sha256,
                staff_id: actor.id,
                ledger_seq: entry.seq,
                created_at: now,
            },
        )?;
        let detail = format!("passage redacted: {reason}");
        super::moderation::audit_moderation(
            conn,
            actor,
            crate::audit::actions::COMMENT_REDACTED,
            &c,
            &detail,
            now,
        )?;
        let after = Comment::find(conn, c.id)?;
        moderation_mail::tell_author(conn, settings, &after, Notice::Redacted, &reason, now)?;
        Ok(after)
    })
}

/// What staff see of a comment's redactions: each passage, its reason, and
/// the text before it.
pub fn history(conn: &mut DbConn, comment_id: i32) -> QueryResult<Vec<Redaction>> {
    Redaction::of_comment(conn, comment_id)
}

/// What a moderator sees of a comment beside its public view: its status
/// and reason, the text as stored (shown even when the public sees only a
/// tombstone), and each redaction with the text before it.
#[derive(Debug, Clone)]
pub struct StaffView {
    pub comment_id: i32,
    pub tracking_number: String,
    pub status: String,
    pub hidden_reason: Option<String>,
    /// The Markdown as stored: what a passage to redact is matched against.
    pub body_md: String,
    pub body: SafeHtml,
    /// Published, so it can be hidden, marked as spam or redacted.
    pub live: bool,
    /// Hidden or spam, so it can be restored.
    pub taken_down: bool,
    pub redactions: Vec<RedactionView>,
}

/// One redaction, for staff.
#[derive(Debug, Clone)]
pub struct RedactionView {
    pub passage: String,
    pub reason: String,
    pub original: SafeHtml,
    pub original_sha256: String,
    pub ledger_seq: i32,
    pub at: NaiveDateTime,
}

/// Load [`StaffView`] of comment `comment_id`.
pub fn staff_view(conn: &mut DbConn, comment_id: i32) -> QueryResult<StaffView> {
    let c = Comment::find(conn, comment_id)?;
    let redactions = history(conn, c.id)?
        .into_iter()
        .map(|r| RedactionView {
            original: SafeHtml::from_markdown(&r.original_body_md),
            passage: r.passage,
            reason: r.reason,
            original_sha256: r.original_sha256,
            ledger_seq: r.ledger_seq,
            at: r.created_at,
        })
        .collect();
    let status = c.status();
    Ok(StaffView {
        comment_id: c.id,
        tracking_number: c.tracking_number,
        live: status == CommentStatus::Published,
        taken_down: matches!(status, CommentStatus::Hidden | CommentStatus::Spam),
        status: c.status,
        hidden_reason: c.hidden_reason,
        body: SafeHtml::from_stored(c.body_html),
        body_md: c.body_md,
        redactions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_reads_as_typed_whatever_the_reason_holds() {
        let md = format!(
            "Call {} today.",
            notice_markdown("a *phone*\n number [x](y) <b>")
        );
        let html = SafeHtml::from_markdown(&md);
        assert!(
            html.as_str()
                .contains("[redacted by a moderator: a *phone* number [x](y) &lt;b&gt;]"),
            "{}",
            html.as_str()
        );
    }

    #[test]
    fn a_typed_passage_loses_its_carriage_returns_and_outer_space() {
        assert_eq!(clean_passage("  one\r\ntwo \n"), "one\ntwo");
    }
}
