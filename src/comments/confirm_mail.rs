//! The mail that carries confirmation links, limited per recipient.
//!
//! Anyone can type any address into the comment form, so this mail goes to
//! people who did not ask for it. Two rules keep the site from being used to
//! flood an inbox or to relay someone's text:
//!
//! - At most [`MAILS_PER_HOUR`] confirmation mails go to one address in any
//!   hour. A link asked for beyond that is not dropped: it waits in the
//!   address's next mail, which the outbox holds back until its turn
//!   (`send_at`, the outbox's not-before time) and which gathers every link
//!   asked for meanwhile, up to [`LINKS_PER_MAIL`] (then the next one
//!   starts).
//! - A mail shows of each comment only its tracking number, where it was
//!   made, the name given and a short excerpt ([`EXCERPT_CHARS`]), never
//!   the whole text.
//!
//! A waiting mail is written again each time it gathers a link. Its links'
//! secrets are then drawn afresh: nobody has seen the old ones, and only
//! their SHA-256 is ever stored.

use std::collections::HashMap;

use askama::Template;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use super::notify::Place;
use super::{random_hex, Settings, VERIFY_HOURS};
use crate::db::models::{
    Comment, Commenter, FirstMail, NewVerificationMail, NewVerificationToken, OutboxRow, RateEvent,
    Standard, VerificationMail, VerificationToken, Version,
};
use crate::db::DbConn;
use crate::mail::Message;
use crate::standard::sha256_hex;

/// Most confirmation mails to one address in any hour.
pub const MAILS_PER_HOUR: usize = 3;
/// Most links gathered into one mail.
pub const LINKS_PER_MAIL: i32 = 20;
/// Most characters of a comment quoted in the mail.
pub const EXCERPT_CHARS: usize = 80;

/// The start of `text` on one line, without control or bidirectional
/// formatting characters, at most [`EXCERPT_CHARS`] characters, with "…"
/// if cut.
pub fn excerpt(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let words: Vec<&str> = clean.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= EXCERPT_CHARS {
        return line;
    }
    let cut: String = line.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// Ask for a confirmation link for `comment`, with the name and
/// organisation it is to be shown with once confirmed. The link goes into
/// the address's waiting mail if there is one with room, else into a new
/// mail, sent now or, past the limit, when the address's turn comes.
/// Returns when the mail is sent. Call inside the caller's write
/// transaction. `place` is where the comment was made, when the caller has
/// it at hand: a new mail is then written in one go, without reading it back.
#[allow(clippy::too_many_arguments)]
pub fn request_link(
    conn: &mut DbConn,
    settings: &Settings,
    commenter: &Commenter,
    comment: &Comment,
    display_name: &str,
    organization: Option<&str>,
    place: Option<&Place<'_>>,
    now: NaiveDateTime,
) -> QueryResult<NaiveDateTime> {
    // One writer per recipient at a time, across app servers.
    RateEvent::lock(conn, "confirmation-mail", &commenter.id.to_string())?;
    let recent = VerificationMail::latest(conn, commenter.id, MAILS_PER_HOUR as i64)?;
    let waiting = match recent.first() {
        Some(last)
            if last.send_at > now
                && last.links < LINKS_PER_MAIL
                && last.lock_if_waiting(conn, now)? =>
        {
            Some(last.clone())
        }
        _ => None,
    };
    let mail = match waiting {
        Some(mail) => {
            VerificationMail::set_links(conn, mail.id, mail.links + 1)?;
            mail
        }
        None => {
            let send_at = match recent.get(MAILS_PER_HOUR - 1) {
                Some(oldest) => (oldest.send_at + Duration::hours(1)).max(now),
                None => now,
            };
            if let Some(place) = place {
                let first = Link {
                    commenter,
                    comment,
                    display_name,
                    organization,
                    place,
                    send_at,
                };
                return first_link(conn, settings, &first, now);
            }
            // Written in full below, once its link exists.
            let outbox_id = crate::mail::enqueue_not_before(
                conn,
                &Message {
                    to: commenter.email.clone(),
                    subject: crate::i18n::t("mail-verify-subject"),
                    text: String::new(),
                    list_unsubscribe: None,
                },
                now,
                send_at,
            )?;
            VerificationMail::insert(
                conn,
                &NewVerificationMail {
                    commenter_id: commenter.id,
                    outbox_id,
                    send_at,
                    links: 1,
                    created_at: now,
                },
            )?
        }
    };
    VerificationToken::insert(
        conn,
        &NewVerificationToken {
            // A placeholder nobody can open; `write_mail` draws the secret.
            token_hash: &sha256_hex(random_hex(32)),
            comment_id: comment.id,
            display_name,
            organization,
            created_at: now,
            expires_at: mail.send_at + Duration::hours(VERIFY_HOURS),
            mail_id: Some(mail.id),
        },
    )?;
    write_mail(conn, settings, &mail)?;
    Ok(mail.send_at)
}

/// Ask for one link that confirms every comment in `comments`, sent
/// together from a browser's list, with the name and organisation they are
/// to be shown with. The link comes in a mail of its own listing them all;
/// it counts as one mail under [`MAILS_PER_HOUR`] and, past it, waits for
/// the address's turn. Returns when the mail is sent. Call inside the
/// caller's write transaction.
pub fn request_group_link(
    conn: &mut DbConn,
    settings: &Settings,
    commenter: &Commenter,
    comments: &[(Comment, Place<'_>)],
    display_name: &str,
    organization: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<NaiveDateTime> {
    RateEvent::lock(conn, "confirmation-mail", &commenter.id.to_string())?;
    let recent = VerificationMail::latest(conn, commenter.id, MAILS_PER_HOUR as i64)?;
    let send_at = match recent.get(MAILS_PER_HOUR - 1) {
        Some(oldest) => (oldest.send_at + Duration::hours(1)).max(now),
        None => now,
    };
    let token = random_hex(32);
    let link = format!("{}/verify/list/{token}", settings.base_url);
    let entries: Vec<Entry> = comments
        .iter()
        .map(|(c, place)| Entry {
            tracking: c.tracking_number.clone(),
            on: place.clause_label.clone(),
            standard_title: place.standard.title.clone(),
            version_label: place.version.label.clone(),
            name: shown_name(display_name, organization),
            excerpt: excerpt(&c.body_md),
            proposed: c.proposed_text.is_some(),
            // One link for all, below the list.
            link: String::new(),
        })
        .collect();
    let intro = crate::i18n::current().t_with(
        "mail-verify-group",
        &[("count", &entries.len()), ("hours", &VERIFY_HOURS)],
    );
    let text = VerifyMail {
        entries: &entries,
        intro,
        all_link: link,
    }
    .render()
    .unwrap_or_else(|err| format!("(this message could not be written: {err})\n"));
    let subject = crate::i18n::t1("mail-verify-subject-many", "count", entries.len());
    let outbox_id = crate::mail::enqueue_not_before(
        conn,
        &Message {
            to: commenter.email.clone(),
            subject,
            text,
            list_unsubscribe: None,
        },
        now,
        send_at,
    )?;
    // Counted as full, so that no later link is gathered into this mail.
    let links = LINKS_PER_MAIL.max(comments.len() as i32);
    let mail = VerificationMail::insert(
        conn,
        &NewVerificationMail {
            commenter_id: commenter.id,
            outbox_id,
            send_at,
            links,
            created_at: now,
        },
    )?;
    VerificationMail::set_group_hash(conn, mail.id, &sha256_hex(&token))?;
    for (c, _) in comments {
        VerificationToken::insert(
            conn,
            &NewVerificationToken {
                // Each comment's own link is never mailed: the one link
                // above confirms them all.
                token_hash: &sha256_hex(random_hex(32)),
                comment_id: c.id,
                display_name,
                organization,
                created_at: now,
                expires_at: send_at + Duration::hours(VERIFY_HOURS),
                mail_id: Some(mail.id),
            },
        )?;
    }
    Ok(send_at)
}

/// The first link of a new mail, with everything the mail says at hand.
pub struct Link<'a> {
    pub commenter: &'a Commenter,
    pub comment: &'a Comment,
    pub display_name: &'a str,
    pub organization: Option<&'a str>,
    pub place: &'a Place<'a>,
    /// When the mail goes: now, unless the address's hourly limit holds it.
    pub send_at: NaiveDateTime,
}

/// A new mail with one link, written once: its secret is drawn here and
/// only its hash stored. [`request_link`] calls it when the address has no
/// mail with room waiting; a caller that has just inserted the commenter
/// in its transaction (so it has no mail at all, and nobody else can write
/// one) calls it directly with `send_at` now, sparing the lock and the read.
pub fn first_link(
    conn: &mut DbConn,
    settings: &Settings,
    link: &Link<'_>,
    now: NaiveDateTime,
) -> QueryResult<NaiveDateTime> {
    let token = random_hex(32);
    let entry = Entry {
        tracking: link.comment.tracking_number.clone(),
        on: link.place.clause_label.clone(),
        standard_title: link.place.standard.title.clone(),
        version_label: link.place.version.label.clone(),
        name: shown_name(link.display_name, link.organization),
        excerpt: excerpt(&link.comment.body_md),
        proposed: link.comment.proposed_text.is_some(),
        link: format!("{}/verify/{token}", settings.base_url),
    };
    let (subject, text) = compose(std::slice::from_ref(&entry));
    let message = Message {
        to: link.commenter.email.clone(),
        subject,
        text,
        list_unsubscribe: None,
    };
    let token_hash = sha256_hex(&token);
    let first_token = NewVerificationToken {
        token_hash: &token_hash,
        comment_id: link.comment.id,
        display_name: link.display_name,
        organization: link.organization,
        created_at: now,
        expires_at: link.send_at + Duration::hours(VERIFY_HOURS),
        mail_id: None,
    };
    if matches!(conn, DbConn::Pg(_)) {
        // One round trip for the mail, its record and its link.
        let queued = crate::mail::Queued::check(&message, now, link.send_at)?;
        let outbox = queued.new_row(&message);
        let before = crate::mail::ending_with_newline(&message.text);
        VerificationMail::insert_first(
            conn,
            &FirstMail {
                outbox: &outbox,
                text_before_footer: &before,
                footer: crate::mail::LEDGER_FOOTER,
                commenter_id: link.commenter.id,
                send_at: link.send_at,
                token: &first_token,
            },
        )?;
        return Ok(link.send_at);
    }
    let outbox_id = crate::mail::enqueue_not_before(conn, &message, now, link.send_at)?;
    let mail = VerificationMail::insert(
        conn,
        &NewVerificationMail {
            commenter_id: link.commenter.id,
            outbox_id,
            send_at: link.send_at,
            links: 1,
            created_at: now,
        },
    )?;
    VerificationToken::insert(
        conn,
        &NewVerificationToken {
            mail_id: Some(mail.id),
            ..first_token
        },
    )?;
    Ok(link.send_at)
}

/// "Name (Organisation)" or "Name".
fn shown_name(name: &str, organization: Option<&str>) -> String {
    match organization {
        Some(o) => format!("{name} ({o})"),
        None => name.to_string(),
    }
}

/// The subject and text of a mail carrying `entries`.
fn compose(entries: &[Entry]) -> (String, String) {
    let intro = match entries {
        [_] => crate::i18n::t1("mail-verify-one", "hours", VERIFY_HOURS),
        many => crate::i18n::current().t_with(
            "mail-verify-many",
            &[
                ("count", &many.len()),
                ("per_hour", &MAILS_PER_HOUR),
                ("hours", &VERIFY_HOURS),
            ],
        ),
    };
    let text = VerifyMail {
        entries,
        intro,
        all_link: String::new(),
    }
    .render()
    .unwrap_or_else(|err| format!("(this message could not be written: {err})\n"));
    let subject = match entries {
        [one] => crate::i18n::t1(
            "mail-verify-subject-one",
            "title",
            one.standard_title.as_str(),
        ),
        many => crate::i18n::t1("mail-verify-subject-many", "count", many.len()),
    };
    (subject, text)
}

struct Entry {
    tracking: String,
    on: String,
    standard_title: String,
    version_label: String,
    name: String,
    excerpt: String,
    proposed: bool,
    link: String,
}

impl Entry {
    /// "Comment … on … of …, version …", in the current language.
    fn heading(&self) -> String {
        crate::i18n::current().t_with(
            "mail-verify-entry",
            &[
                ("tracking", &self.tracking),
                ("on", &self.on),
                ("title", &self.standard_title),
                ("version", &self.version_label),
            ],
        )
    }
}

#[derive(Template)]
#[template(path = "comments/mail/verify.txt")]
struct VerifyMail<'a> {
    entries: &'a [Entry],
    /// Why the mail came, and what to do with its links.
    intro: String,
    /// The one link confirming every entry, when the entries have none.
    all_link: String,
}

/// Write a waiting mail with every link it carries, each with a fresh secret.
fn write_mail(conn: &mut DbConn, settings: &Settings, mail: &VerificationMail) -> QueryResult<()> {
    let expires = mail.send_at + Duration::hours(VERIFY_HOURS);
    let mut places: HashMap<i32, (Standard, Version)> = HashMap::new();
    let mut entries = Vec::new();
    for (t, c) in VerificationToken::for_mail(conn, mail.id)? {
        let token = random_hex(32);
        VerificationToken::replace_secret(conn, t.id, &sha256_hex(&token), expires)?;
        if let std::collections::hash_map::Entry::Vacant(e) = places.entry(c.version_id) {
            e.insert(super::place_of(conn, &c)?);
        }
        let (standard, version) = &places[&c.version_id];
        entries.push(Entry {
            tracking: c.tracking_number.clone(),
            on: super::clause_label(conn, version, c.clause_key.as_deref())?,
            standard_title: standard.title.clone(),
            version_label: version.label.clone(),
            name: shown_name(&t.display_name, t.organization.as_deref()),
            excerpt: excerpt(&c.body_md),
            proposed: c.proposed_text.is_some(),
            link: format!("{}/verify/{token}", settings.base_url),
        });
    }
    let (subject, text) = compose(&entries);
    OutboxRow::rewrite(conn, mail.outbox_id, &subject, &text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_short_and_on_one_line() {
        assert_eq!(excerpt("Short\n\ntext."), "Short text.");
        let long = "word ".repeat(100);
        let e = excerpt(&long);
        assert!(e.chars().count() <= EXCERPT_CHARS + 1, "{e}");
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("a\u{202e}b\u{7}c"), "abc");
    }
}
