//! Outgoing mail: the outbox, the transports and the worker that sends.
//!
//! Mail never blocks a request and is never lost. Handlers call [`enqueue`]
//! inside the transaction that writes the data the message is about, so the
//! two commit or roll back together. A worker started by `docket serve`
//! claims due messages ([`drain_once`]), hands them to a [`Transport`], and
//! marks them sent; a failure only schedules another attempt, later each
//! time ([`backoff`], at most an hour apart). Delivery is at-least-once: a
//! worker that dies mid-send leaves its claim to expire, and the message is
//! sent again.

pub mod transport;
pub mod worker;

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context;
use chrono::{NaiveDateTime, Utc};
use diesel::QueryResult;
use lettre::message::header::{
    ContentTransferEncoding, ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0,
};
use lettre::message::Mailbox;

use crate::db::models::{LedgerRow, NewOutboxRow, OutboxRow};
use crate::db::{DbConn, Pool};

pub use transport::{FileTransport, MemoryTransport, SentMail, SmtpTransport, Transport};
pub use worker::spawn_worker;

/// The `From` address used when none is configured.
pub const DEFAULT_FROM: &str = "Docket <docket@localhost>";

/// A plain-text message to queue with [`enqueue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// One recipient address, e.g. `person@example.org`.
    pub to: String,
    pub subject: String,
    /// The body, plain text; lines end with `\n`.
    pub text: String,
    /// A one-click unsubscribe URL. When set, the message carries
    /// `List-Unsubscribe: <url>` and
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
    pub list_unsubscribe: Option<String>,
}

/// Whether `addr` is a single, well-formed email address (no display name).
pub fn is_valid_address(addr: &str) -> bool {
    addr.len() <= 254 && addr.trim() == addr && addr.parse::<lettre::Address>().is_ok()
}

fn invalid(msg: String) -> diesel::result::Error {
    diesel::result::Error::QueryBuilderError(msg.into())
}

/// Queue `msg` for sending, in the caller's connection (and transaction,
/// if one is open), and return the outbox id.
///
/// Refuses, with an error that rolls back the caller's transaction, a
/// message that could never be sent: an invalid recipient address or an
/// unsubscribe URL that is not a plain `http(s)` URL. Validate user input
/// with [`is_valid_address`] first to show a friendly message instead.
pub fn enqueue(conn: &mut DbConn, msg: &Message) -> QueryResult<i32> {
    enqueue_at(conn, msg, Utc::now().naive_utc())
}

/// [`enqueue`] with an explicit creation time (UTC).
pub fn enqueue_at(conn: &mut DbConn, msg: &Message, now: NaiveDateTime) -> QueryResult<i32> {
    enqueue_not_before(conn, msg, now, now)
}

/// [`enqueue_at`], to be sent no earlier than `not_before` (UTC): the
/// worker leaves it in the outbox until then.
pub fn enqueue_not_before(
    conn: &mut DbConn,
    msg: &Message,
    now: NaiveDateTime,
    not_before: NaiveDateTime,
) -> QueryResult<i32> {
    let row = Queued::check(msg, now, not_before)?;
    let text = with_ledger_footer(conn, &msg.text)?;
    OutboxRow::insert(
        conn,
        &NewOutboxRow {
            body_text: &text,
            ..row.new_row(msg)
        },
    )
}

/// A message checked and ready for the outbox, but for the ledger head in
/// its footer (see [`with_ledger_footer`]), which is read as the row is
/// written.
pub struct Queued {
    headers: String,
    now: NaiveDateTime,
    not_before: NaiveDateTime,
}

impl Queued {
    /// Check `msg` as [`enqueue`] does, and write its headers.
    pub fn check(
        msg: &Message,
        now: NaiveDateTime,
        not_before: NaiveDateTime,
    ) -> QueryResult<Queued> {
        if !is_valid_address(&msg.to) {
            return Err(invalid(format!(
                "mail to `{}`: not a valid email address",
                msg.to
            )));
        }
        let mut headers = BTreeMap::new();
        if let Some(url) = &msg.list_unsubscribe {
            let plain = url.starts_with("https://") || url.starts_with("http://");
            if !plain
                || url
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            {
                return Err(invalid(format!(
                    "unsubscribe link `{url}` is not a plain http(s) URL"
                )));
            }
            headers.insert("List-Unsubscribe".to_string(), format!("<{url}>"));
            headers.insert(
                "List-Unsubscribe-Post".to_string(),
                "List-Unsubscribe=One-Click".to_string(),
            );
        }
        let headers = serde_json::to_string(&headers).map_err(|e| invalid(e.to_string()))?;
        Ok(Queued {
            headers,
            now,
            not_before,
        })
    }

    /// The outbox row of `msg`, its text as it is (without the footer).
    pub fn new_row<'a>(&'a self, msg: &'a Message) -> NewOutboxRow<'a> {
        NewOutboxRow {
            to_addr: &msg.to,
            subject: &msg.subject,
            body_text: &msg.text,
            headers: &self.headers,
            created_at: self.now,
            attempts: 0,
            next_attempt_at: self.not_before.max(self.now),
        }
    }
}

/// The footer's text before the head's number and hash, after the message
/// text and a line break (`docket verify --head SEQ:HASH` takes what follows).
pub const LEDGER_FOOTER: &str = "\n-- \nLedger head ";

/// `text` ending with a line break, as the footer follows it.
pub fn ending_with_newline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 100);
    out.push_str(text);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The message text with the integrity ledger's head (`SEQ:HASH`, as of
/// the caller's transaction) in its footer: every mail the site sends is a
/// copy of the head that outlives the database, which anyone can check
/// with `docket verify --head SEQ:HASH`.
fn with_ledger_footer(conn: &mut DbConn, text: &str) -> QueryResult<String> {
    let Some(head) = LedgerRow::head(conn)? else {
        return Ok(text.to_string());
    };
    let mut out = ending_with_newline(text);
    out.push_str(&format!("{LEDGER_FOOTER}{}:{}\n", head.seq, head.hash));
    Ok(out)
}

/// A queued message as a transport receives it.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The outbox id.
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// Extra headers (`List-Unsubscribe`…), name → value.
    pub headers: BTreeMap<String, String>,
    /// When it was queued (UTC); part of its `Message-ID`.
    pub created_at: NaiveDateTime,
}

impl Outgoing {
    pub fn from_row(row: &OutboxRow) -> Outgoing {
        Outgoing {
            id: row.id,
            to: row.to_addr.clone(),
            subject: row.subject.clone(),
            text: row.body_text.clone(),
            headers: row.header_map(),
            created_at: row.created_at,
        }
    }

    /// The same for every attempt, so a recipient's server can tell a
    /// resend (after an interrupted delivery) from a new message.
    pub fn message_id(&self, from: &Mailbox) -> String {
        format!(
            "<outbox.{}.{}@{}>",
            self.id,
            self.created_at.and_utc().timestamp_micros(),
            from.email.domain()
        )
    }

    /// The RFC 5322 message: UTF-8 plain text, quoted-printable, so the
    /// file stays readable and links survive any mail server.
    pub fn to_email(&self, from: &Mailbox) -> anyhow::Result<lettre::Message> {
        let to: Mailbox = self
            .to
            .parse()
            .with_context(|| format!("outbox message {}: invalid recipient", self.id))?;
        let mut builder = lettre::Message::builder()
            .from(from.clone())
            .to(to)
            .subject(self.subject.clone())
            .date_now()
            .message_id(Some(self.message_id(from)))
            .header(MIME_VERSION_1_0)
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::QuotedPrintable);
        for (name, value) in &self.headers {
            let name = HeaderName::new_from_ascii(name.clone()).map_err(|_| {
                anyhow::anyhow!("outbox message {}: bad header name {name}", self.id)
            })?;
            builder = builder.raw_header(HeaderValue::new(name, value.clone()));
        }
        builder
            .body(self.text.clone())
            .with_context(|| format!("outbox message {}: cannot build the message", self.id))
    }
}

/// Parse a `From` setting such as `Docket <docket@example.org>`.
pub fn parse_from(from: &str) -> anyhow::Result<Mailbox> {
    from.parse::<Mailbox>().with_context(|| {
        format!("mail sender `{from}` is not an address like `Docket <docket@example.org>`")
    })
}

/// How long to wait before attempt `attempts + 1`, after `attempts` failures:
/// 30 seconds, doubling each time, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 16) as u32 - 1;
    Duration::from_secs((30u64 << exp).min(3600))
}

/// How long a claimed message is reserved for the worker that claimed it.
pub const CLAIM_LEASE: Duration = Duration::from_secs(300);

/// How many messages are claimed and sent together.
pub const BATCH: i64 = 50;

/// Send every message due now; returns how many were sent.
///
/// On the first failure the failed message is rescheduled, the rest of the
/// batch is released untouched, and the call returns: a transport that is
/// down is not hammered once per message.
pub fn drain_once(pool: &Pool, transport: &dyn Transport) -> anyhow::Result<usize> {
    drain_at(pool, transport, Utc::now().naive_utc())
}

/// [`drain_once`] as if the time (UTC) were `now`.
pub fn drain_at(
    pool: &Pool,
    transport: &dyn Transport,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    drain_paced(pool, transport, || now, || ())
}

/// [`drain_once`], calling `between` after each full batch of [`BATCH`]
/// messages before claiming the next: the worker of `serve` pauses there
/// while comments flood in ([`worker`]). `now` gives the time of each
/// batch.
pub fn drain_paced(
    pool: &Pool,
    transport: &dyn Transport,
    now: impl Fn() -> NaiveDateTime,
    mut between: impl FnMut(),
) -> anyhow::Result<usize> {
    let mut sent = 0;
    loop {
        // A connection per batch, so none is held idle through a pause.
        let mut conn = pool.get().context("cannot get a database connection")?;
        let (n, more) = send_batch(&mut conn, transport, now())?;
        drop(conn);
        sent += n;
        if !more {
            return Ok(sent);
        }
        between();
    }
}

/// Claim up to [`BATCH`] due messages and send them. Returns how many were
/// sent, and whether more may be waiting (a full batch went through).
fn send_batch(
    conn: &mut crate::db::DbConn,
    transport: &dyn Transport,
    now: NaiveDateTime,
) -> anyhow::Result<(usize, bool)> {
    let lease = now + chrono::Duration::from_std(CLAIM_LEASE)?;
    let batch = OutboxRow::claim_due(conn, now, lease, BATCH)
        .context("cannot claim messages from the outbox")?;
    // Marked sent together once the batch is through (or stops at a
    // failure): a crash in between sends those few again after the lease,
    // never loses them.
    let mut delivered: Vec<i32> = Vec::with_capacity(batch.len());
    for (i, row) in batch.iter().enumerate() {
        if let Err(err) = transport.send(&Outgoing::from_row(row)) {
            OutboxRow::mark_all_sent(conn, &delivered, now)?;
            let error = format!("{err:#}");
            let attempts = row.attempts + 1;
            let wait = backoff(attempts);
            let next = now + chrono::Duration::from_std(wait)?;
            tracing::warn!(
                outbox_id = row.id,
                attempts,
                retry_in_secs = wait.as_secs(),
                error = %error,
                "sending mail failed; it stays queued"
            );
            OutboxRow::mark_failed(conn, row.id, &error, next)?;
            let rest: Vec<i32> = batch[i + 1..].iter().map(|r| r.id).collect();
            if !rest.is_empty() {
                OutboxRow::release(conn, &rest)?;
            }
            return Ok((delivered.len(), false));
        }
        delivered.push(row.id);
    }
    OutboxRow::mark_all_sent(conn, &delivered, now)?;
    Ok((delivered.len(), batch.len() as i64 == BATCH))
}

/// The transport the settings ask for: SMTP when `smtp_url` is set, else
/// `.eml` files in `<data_dir>/mail/`.
pub fn transport_from_settings(
    smtp_url: Option<&str>,
    data_dir: &std::path::Path,
    from: &str,
) -> anyhow::Result<Box<dyn Transport>> {
    let from = parse_from(from)?;
    Ok(match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => Box::new(SmtpTransport::new(url, from)?),
        None => Box::new(FileTransport::new(data_dir.join("mail"), from)),
    })
}
