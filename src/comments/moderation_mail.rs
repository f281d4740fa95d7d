//! The mail that tells a comment's author what a moderator did to it
//! (hidden, shown again, or part of it redacted) and why. It is queued in
//! the transaction of the action, like every other mail about a comment.
//!
//! Marking a comment as spam sends nothing: an address that sent spam is
//! not told that its message was read and sorted, which would only help it
//! try again; a real person whose comment was caught by mistake hears from
//! us when a moderator restores it.

use askama::Template;
use chrono::NaiveDateTime;
use diesel::QueryResult;

use super::notify::Place;
use super::Settings;
use crate::db::models::{Comment, Commenter};
use crate::db::DbConn;
use crate::i18n::{t1, t2};
use crate::mail::Message;

/// What the author is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Hidden,
    Restored,
    Redacted,
}

#[derive(Template)]
#[template(path = "comments/mail/moderation.txt")]
struct ModerationMail<'a> {
    name: &'a str,
    what: Notice,
    /// What the moderator did, and where.
    sentence: String,
    tracking: &'a str,
    reason: &'a str,
    quoted: String,
    link: String,
}

/// Markdown with its backslash escapes taken out, so a redaction notice
/// reads in the mail as it does on the page.
fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(ch);
    }
    out
}

/// The message to `author` about `comment` (as it is after the action).
pub fn message(
    settings: &Settings,
    place: &Place<'_>,
    author: &Commenter,
    comment: &Comment,
    what: Notice,
    reason: &str,
) -> Message {
    // In the language the comment was sent in, not the moderator's.
    crate::i18n::with(comment.language(), || {
        message_in_language(settings, place, author, comment, what, reason)
    })
}

fn message_in_language(
    settings: &Settings,
    place: &Place<'_>,
    author: &Commenter,
    comment: &Comment,
    what: Notice,
    reason: &str,
) -> Message {
    let quoted = plain(&comment.body_md)
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = ModerationMail {
        name: &author.display_name,
        what,
        sentence: crate::i18n::current().t_with(
            match what {
                Notice::Hidden => "mail-moderation-hidden",
                Notice::Restored => "mail-moderation-restored",
                Notice::Redacted => "mail-moderation-redacted",
            },
            &[
                ("tracking", &comment.tracking_number),
                ("on", &place.clause_label),
                (
                    "place",
                    &t2(
                        "mail-place",
                        "title",
                        place.standard.title.as_str(),
                        "version",
                        place.version.label.as_str(),
                    ),
                ),
            ],
        ),
        tracking: &comment.tracking_number,
        reason,
        quoted,
        link: format!("{}/comments/{}", settings.base_url, comment.id),
    }
    .render()
    .unwrap_or_else(|err| format!("(this message could not be written: {err})\n"));
    let key = match what {
        Notice::Hidden => "mail-moderation-subject-hidden",
        Notice::Restored => "mail-moderation-subject-restored",
        Notice::Redacted => "mail-moderation-subject-redacted",
    };
    let subject = t1(key, "tracking", comment.tracking_number.as_str());
    Message {
        to: author.email.clone(),
        subject,
        text,
        list_unsubscribe: None,
    }
}

/// Queue the message to the author of `comment` (as it is after the
/// action), if they have an address that can be mailed. Call inside the
/// action's transaction.
pub fn tell_author(
    conn: &mut DbConn,
    settings: &Settings,
    comment: &Comment,
    what: Notice,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let author = Commenter::find(conn, comment.commenter_id)?;
    // Seeded comments have no address that can be mailed.
    if !crate::mail::is_valid_address(&author.email) {
        return Ok(());
    }
    let (standard, version) = super::place_of(conn, comment)?;
    let place = Place {
        clause_label: super::clause_label(conn, &version, comment.clause_key.as_deref())?,
        standard: &standard,
        version: &version,
    };
    let msg = message(settings, &place, &author, comment, what, reason);
    crate::mail::enqueue_at(conn, &msg, now)?;
    Ok(())
}
