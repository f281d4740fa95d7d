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
    place: &'a Place<'a>,
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
    let tz = place.standard.tz();
    let text = render(&ReceiptMail {
        place,
        tracking: &comment.tracking_number,
        published,
        when: local(tz, comment.published_at.unwrap_or(comment.created_at)),
        time_zone: &place.standard.time_zone,
        link: format!("{}/comments/{}", settings.base_url, comment.id),
        quoted: quote(&comment.body_md),
    });
    let subject = if published {
        format!("Your comment {} is published", comment.tracking_number)
    } else {
        format!(
            "Your comment {} is received and awaits review",
            comment.tracking_number
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
struct ReplyMail<'a> {
    place: &'a Place<'a>,
    replier: &'a str,
    parent_tracking: &'a str,
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
    let text = render(&ReplyMail {
        place,
        replier: &reply.author_name,
        parent_tracking: &parent.tracking_number,
        link: format!("{}/comments/{}", settings.base_url, reply.id),
        quoted: quote(&reply.body_md),
        unsubscribe: unsubscribe.clone(),
    });
    crate::mail::enqueue_at(
        conn,
        &Message {
            to: author.email,
            subject: format!(
                "{} replied to your comment {}",
                reply.author_name, parent.tracking_number
            ),
            text,
            list_unsubscribe: Some(unsubscribe),
        },
        now,
    )?;
    Ok(())
}
