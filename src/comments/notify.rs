//! The mail a comment causes: the receipt with the tracking number, and
//! reply notices (with an unsubscribe link). Each is queued by the caller's
//! transaction; see `crate::mail`. The confirmation link's mail, limited per
//! recipient, is in `super::confirm_mail`.

use askama::Template;
use chrono::NaiveDateTime;
use diesel::QueryResult;

use super::Settings;
use crate::db::models::{Comment, Commenter, Standard, Version};
use crate::db::DbConn;
use crate::i18n::{t1, t2};
use crate::mail::Message;

/// What a comment is on, for mail and the ledger.
pub struct Place<'a> {
    pub standard: &'a Standard,
    pub version: &'a Version,
    /// "clause 2.3 (Recruiting poll workers)" or "the whole version".
    pub clause_label: String,
}

/// Every line of `text` prefixed with "> ".
fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn local(settings_tz: chrono_tz::Tz, t: NaiveDateTime) -> String {
    crate::clock::local_time(t, settings_tz)
}

fn render(t: &impl Template) -> String {
    t.render()
        .unwrap_or_else(|err| format!("(this message could not be written: {err})\n"))
}

#[derive(Template)]
#[template(path = "comments/mail/receipt.txt")]
struct ReceiptMail<'a> {
    /// "Thank you for your comment on …".
    thanks: String,
    tracking: &'a str,
    published: bool,
    when: String,
    time_zone: &'a str,
    link: String,
    quoted: String,
}

/// The receipt: the tracking number, and whether the comment is public yet.
pub fn receipt(
    settings: &Settings,
    place: &Place<'_>,
    to: &str,
    comment: &Comment,
    published: bool,
) -> Message {
    // In the language the comment was sent in, also when a moderator's
    // approval sends it later.
    crate::i18n::with(comment.language(), || {
        receipt_in_language(settings, place, to, comment, published)
    })
}

fn receipt_in_language(
    settings: &Settings,
    place: &Place<'_>,
    to: &str,
    comment: &Comment,
    published: bool,
) -> Message {
    let tz = place.standard.tz();
    let text = render(&ReceiptMail {
        thanks: crate::i18n::current().t_with(
            "mail-receipt-thanks",
            &[
                ("on", &place.clause_label),
                ("title", &place.standard.title),
                ("version", &place.version.label),
            ],
        ),
        tracking: &comment.tracking_number,
        published,
        when: local(tz, comment.published_at.unwrap_or(comment.created_at)),
        time_zone: &place.standard.time_zone,
        link: format!("{}/comments/{}", settings.base_url, comment.id),
        quoted: quote(&comment.body_md),
    });
    let subject = if published {
        t1(
            "mail-receipt-subject-published",
            "tracking",
            comment.tracking_number.as_str(),
        )
    } else {
        t1(
            "mail-receipt-subject-pending",
            "tracking",
            comment.tracking_number.as_str(),
        )
    };
    Message {
        to: to.to_string(),
        subject,
        text,
        list_unsubscribe: None,
    }
}

#[derive(Template)]
#[template(path = "comments/mail/reply.txt")]
struct ReplyMail {
    heading: String,
    link: String,
    quoted: String,
    unsubscribe: String,
}

/// Tell the author of the comment replied to, unless they replied to
/// themselves or asked not to be told.
pub fn reply_notice(
    conn: &mut DbConn,
    settings: &Settings,
    place: &Place<'_>,
    reply: &Comment,
    replier: &Commenter,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let Some(parent_id) = reply.parent_id else {
        return Ok(());
    };
    let parent = Comment::find(conn, parent_id)?;
    let author = Commenter::find(conn, parent.commenter_id)?;
    if author.id == replier.id || !author.notify_replies || author.verified_at.is_none() {
        return Ok(());
    }
    let unsubscribe = format!(
        "{}/unsubscribe/{}",
        settings.base_url, author.unsubscribe_token
    );
    // In the language the comment replied to was sent in: the reply is
    // someone else's request.
    let (subject, text) = crate::i18n::with(parent.language(), || {
        let heading = crate::i18n::current().t_with(
            "mail-reply-heading",
            &[
                ("replier", &reply.author_name),
                ("tracking", &parent.tracking_number),
                ("on", &place.clause_label),
                ("title", &place.standard.title),
                ("version", &place.version.label),
            ],
        );
        let text = render(&ReplyMail {
            heading,
            link: format!("{}/comments/{}", settings.base_url, reply.id),
            quoted: quote(&reply.body_md),
            unsubscribe: unsubscribe.clone(),
        });
        let subject = t2(
            "mail-reply-subject",
            "replier",
            reply.author_name.as_str(),
            "tracking",
            parent.tracking_number.as_str(),
        );
        (subject, text)
    });
    crate::mail::enqueue_at(
        conn,
        &Message {
            to: author.email,
            subject,
            text,
            list_unsubscribe: Some(unsubscribe),
        },
        now,
    )?;
    Ok(())
}

/// Whether an unsubscribe token from a reply notice is one we sent.
pub fn unsubscribe_token_known(conn: &mut DbConn, token: &str) -> QueryResult<bool> {
    Ok(Commenter::by_unsubscribe_token(conn, token)?.is_some())
}

/// Stop the reply notices of the commenter a token was sent to. False if
/// the token is not one we sent.
pub fn stop_reply_notices(conn: &mut DbConn, token: &str) -> QueryResult<bool> {
    crate::db::write_tx(conn, |conn| {
        let Some(c) = Commenter::by_unsubscribe_token(conn, token)? else {
            return Ok(false);
        };
        Commenter::set_notify_replies(conn, c.id, false)?;
        Ok(true)
    })
}
