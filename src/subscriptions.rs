//! Following a standard by email: double opt-in, notices, one-click
//! unsubscribe.
//!
//! A subscription starts `pending`; [`request`] queues a mail with a
//! confirmation link that expires after [`CONFIRM_HOURS`]. The link's token
//! is random and only its SHA-256 is stored, so a copy of the database
//! cannot confirm anyone. Following the link makes the subscription
//! `confirmed`; only confirmed subscribers are mailed, by
//! [`notify_subscribers`]. Every notice carries a personal unsubscribe link
//! (`/subscriptions/unsubscribe/{token}`, the token stored as is, like the
//! comment reply notices' links) and the `List-Unsubscribe` and
//! `List-Unsubscribe-Post` headers, so a mail program can unsubscribe with
//! one click (RFC 8058). Unsubscribing keeps the row as `unsubscribed`;
//! subscribing again needs a new confirmation.
//!
//! The same answer is shown whether or not an address was already
//! subscribed, so the form reveals nothing about who follows what.

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use crate::db::models::subscription::{NewSubscription, Subscription, PENDING};
use crate::db::models::Standard;
use crate::db::DbConn;
use crate::i18n::{t, t1, t2};
use crate::mail::Message;
use crate::secrets::{random_bytes, random_token};
use crate::standard::sha256_hex;
use crate::urls;

/// How long a confirmation link works.
pub const CONFIRM_HOURS: i64 = 48;

/// The longest email address accepted.
const MAX_EMAIL: usize = 254;

/// A trimmed, lower-case address, or what is wrong with it.
pub fn normalize_email(input: &str) -> Result<String, String> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err(t("sub-email-missing"));
    }
    if email.len() > MAX_EMAIL || !crate::mail::is_valid_address(&email) {
        return Err(t("sub-email-invalid"));
    }
    Ok(email)
}

/// The personal unsubscribe link of a subscription.
pub fn unsubscribe_url(base_url: &str, token: &str) -> String {
    urls::absolute(base_url, &urls::subscription_unsubscribe(token))
}

/// Whether `token` looks like one of ours (before any database lookup).
pub fn plausible_token(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 128
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Ask to follow `standard` from `email` (already normalised with
/// [`normalize_email`]). Queues the confirmation mail unless the address is
/// already confirmed; returns whether a mail was queued. Call inside a
/// write transaction.
pub fn request(
    conn: &mut DbConn,
    standard: &Standard,
    email: &str,
    base_url: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    // The notices speak the language the subscriber asked in.
    let lang = crate::i18n::current().tag();
    let existing = Subscription::find(conn, standard.id, email)?;
    if existing.as_ref().is_some_and(Subscription::is_confirmed) {
        return Ok(false);
    }
    let token = random_token(32);
    let hash = sha256_hex(&token);
    let expires = now + Duration::hours(CONFIRM_HOURS);
    match existing {
        Some(s) => {
            Subscription::set_pending(conn, s.id, &hash, expires, lang)?;
        }
        None => {
            let unsubscribe = hex::encode(random_bytes(24));
            Subscription::insert(
                conn,
                &NewSubscription {
                    standard_id: standard.id,
                    email,
                    status: PENDING,
                    confirm_hash: Some(&hash),
                    confirm_expires: Some(expires),
                    unsubscribe_token: &unsubscribe,
                    created_at: now,
                    lang,
                },
            )?;
        }
    }
    let base = base_url.trim_end_matches('/');
    let text = format!(
        "{asked}\n\n{open}\n\n{confirm}\n\n{ignore}\n\n{page}\n",
        asked = t1("mail-sub-asked", "title", standard.title.as_str()),
        open = t1("mail-sub-open", "hours", CONFIRM_HOURS),
        confirm = urls::absolute(base, &urls::subscription_confirm(&token)),
        ignore = t("mail-sub-ignore"),
        page = t1(
            "mail-sub-standard",
            "page",
            urls::absolute(base, &urls::standard(&standard.slug)),
        ),
    );
    crate::mail::enqueue_at(
        conn,
        &Message {
            to: email.to_string(),
            subject: t1("mail-sub-subject", "title", standard.title.as_str()),
            text,
            list_unsubscribe: None,
        },
        now,
    )?;
    Ok(true)
}

/// What following a confirmation link did.
#[derive(Debug, Clone)]
pub enum Confirmation {
    /// The link works and waits for its owner to press the button.
    Pending(Standard),
    Confirmed(Standard),
    /// Confirmed before (the link was followed twice).
    AlreadyConfirmed(Standard),
    /// The link is too old; subscribe again.
    Expired(Standard),
}

/// What a confirmation link would do, without doing it: `Pending` for a
/// link that works, `None` for an unknown token (or one replaced by a newer
/// request, or a subscription that ended). Opening a link calls this only;
/// mail scanners open links.
pub fn confirmation_state(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(Subscription, Confirmation)>> {
    let Some(s) = Subscription::by_confirm_hash(conn, &sha256_hex(token))? else {
        return Ok(None);
    };
    let standard = Standard::by_id(conn, s.standard_id)?;
    let state = if s.is_confirmed() {
        Confirmation::AlreadyConfirmed(standard)
    } else if s.confirm_expires.is_none_or(|e| e <= now) {
        Confirmation::Expired(standard)
    } else {
        Confirmation::Pending(standard)
    };
    Ok(Some((s, state)))
}

/// Confirm a subscription: its owner pressed the button on the page the
/// link opens. Call inside a write transaction.
pub fn confirm(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Confirmation>> {
    Ok(match confirmation_state(conn, token, now)? {
        Some((s, Confirmation::Pending(standard))) => {
            Subscription::set_confirmed(conn, s.id, now)?;
            Some(Confirmation::Confirmed(standard))
        }
        other => other.map(|(_, state)| state),
    })
}

/// The subscription behind an unsubscribe link, with its standard.
pub fn by_unsubscribe_token(
    conn: &mut DbConn,
    token: &str,
) -> QueryResult<Option<(Subscription, Standard)>> {
    match Subscription::by_unsubscribe_token(conn, token)? {
        Some(s) => {
            let standard = Standard::by_id(conn, s.standard_id)?;
            Ok(Some((s, standard)))
        }
        None => Ok(None),
    }
}

/// End a subscription. Idempotent: an ended one stays ended. Returns the
/// standard, or `None` for an unknown token. Call inside a write transaction.
pub fn unsubscribe(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Standard>> {
    let Some((s, standard)) = by_unsubscribe_token(conn, token)? else {
        return Ok(None);
    };
    if s.status != crate::db::models::subscription::UNSUBSCRIBED {
        Subscription::set_unsubscribed(conn, s.id, now)?;
    }
    Ok(Some(standard))
}

/// Queue one message per confirmed subscriber of a standard; returns how
/// many were queued.
///
/// `text` is the body (plain text, lines ending in `\n`); a footer with the
/// subscriber's own unsubscribe link is added, in the language the
/// subscriber asked in, and the message carries the one-click
/// `List-Unsubscribe` headers. `base_url` is the site's public address,
/// e.g. `https://docket.example.org` (`AppState.config.base_url`). Call it
/// inside the write transaction of the change it announces, so the notices
/// are sent if and only if the change commits. To write the subject and
/// body in each subscriber's language too, use [`notify_subscribers_in`].
pub fn notify_subscribers(
    conn: &mut DbConn,
    standard_id: i32,
    subject: &str,
    text: &str,
    base_url: &str,
) -> QueryResult<usize> {
    notify_subscribers_in(
        conn,
        standard_id,
        || (subject.to_string(), text.to_string()),
        base_url,
    )
}

/// [`notify_subscribers`], with the subject and body written by `compose`
/// in each subscriber's language (it runs with that language current, so
/// the catalogue's `t(…)` speaks it).
pub fn notify_subscribers_in(
    conn: &mut DbConn,
    standard_id: i32,
    compose: impl Fn() -> (String, String),
    base_url: &str,
) -> QueryResult<usize> {
    let standard = Standard::by_id(conn, standard_id)?;
    let subscribers = Subscription::confirmed_for(conn, standard_id)?;
    let base = base_url.trim_end_matches('/');
    for s in &subscribers {
        let url = unsubscribe_url(base, &s.unsubscribe_token);
        let (subject, text) = crate::i18n::with(s.language(), || {
            let (subject, mut body) = compose();
            if !body.ends_with('\n') {
                body.push('\n');
            }
            let footer = t2(
                "mail-sub-footer",
                "title",
                standard.title.as_str(),
                "page",
                urls::absolute(base, &urls::standard(&standard.slug)),
            );
            let stop = t1("mail-sub-stop", "url", url.as_str());
            (subject, format!("{body}\n-- \n{footer}\n{stop}\n"))
        });
        crate::mail::enqueue(
            conn,
            &Message {
                to: s.email.clone(),
                subject,
                text,
                list_unsubscribe: Some(url),
            },
        )?;
    }
    Ok(subscribers.len())
}
