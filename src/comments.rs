//! Public comments: submission and verification by email, threads,
//! moderation, the integrity ledger, and comments carried forward to newer
//! versions.
//!
//! The policy a reader must know: nothing a member of the public submits is
//! silently lost or altered. A comment is stored before anything is asked of
//! its author; its text is never edited after it is written, except that a
//! moderator may redact a passage (shown as such, the original kept for
//! staff: [`redaction`]); a moderator
//! hides it behind a public tombstone rather than deleting it; every
//! publication and moderation action is appended to the hash chain in
//! [`ledger`] in the same transaction; and mail about a comment is queued in
//! that transaction too, so it cannot be lost between the two.

pub mod campaigns;
pub mod carry;
pub mod confirm_mail;
pub mod discussion;
pub mod dispositions;
pub mod drafts_kept;
pub mod face;
pub mod gathered;
pub mod ledger;
pub mod letters;
pub mod limits;
pub mod moderation;
pub mod moderation_mail;
pub mod notify;
pub mod offices;
pub mod open_data;
pub mod paging;
pub mod published;
pub mod queue;
pub mod redaction;
pub mod sanitize;
pub mod seed;
pub mod subject;
pub mod submit;
pub mod threads;
pub mod workspace;

use std::fmt;
use std::str::FromStr;

pub use sanitize::SafeHtml;

/// Most characters in a comment's body.
pub const MAX_BODY_CHARS: usize = 10_000;
/// Most characters in proposed replacement text.
pub const MAX_PROPOSED_CHARS: usize = 10_000;
/// Most characters in a display name.
pub const MAX_NAME_CHARS: usize = 100;
/// Most characters in an organisation's name.
pub const MAX_ORGANIZATION_CHARS: usize = 200;
/// Most bytes in an email address.
pub const MAX_EMAIL_BYTES: usize = 254;
/// Most levels of replies under a top-level comment. A reply to a comment
/// at this depth is attached to that comment's parent instead, so it still
/// appears next to the one it answers without nesting any deeper.
pub const MAX_REPLY_DEPTH: i32 = 8;
/// The largest comment form a browser can send with every field within its
/// character limit: a character may take four bytes of UTF-8, and each byte
/// three when percent-encoded. The rest covers field names, the CSRF token
/// and the honeypot.
pub const MAX_FORM_BYTES: usize = 12
    * (MAX_BODY_CHARS
        + MAX_PROPOSED_CHARS
        + MAX_NAME_CHARS
        + MAX_ORGANIZATION_CHARS
        + MAX_EMAIL_BYTES)
    + 4096;
/// Most characters in the reason given when flagging or hiding a comment.
pub const MAX_REASON_CHARS: usize = 1_000;
/// How long a verification link works.
pub const VERIFY_HOURS: i64 = 48;

/// When a verified comment becomes public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Moderation {
    /// At once; moderators act afterwards, on flags (the default).
    #[default]
    Post,
    /// Only after a moderator publishes it.
    Pre,
}

impl Moderation {
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Post => "post",
            Moderation::Pre => "pre",
        }
    }
}

impl fmt::Display for Moderation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Moderation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "post" => Ok(Moderation::Post),
            "pre" => Ok(Moderation::Pre),
            other => Err(format!(
                "unknown moderation mode `{other}`; use `post` (publish at once) or `pre` (hold for a moderator)"
            )),
        }
    }
}

/// What the comment code needs to know about the site.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public address of the site, without a trailing slash, for links in mail.
    pub base_url: String,
    pub moderation: Moderation,
}

/// `count` random bytes from the operating system, as hex.
pub fn random_hex(count: usize) -> String {
    let mut buf = vec![0u8; count];
    getrandom::fill(&mut buf).expect("the operating system's random number generator failed");
    hex::encode(buf)
}

/// A random code of `len` characters that are hard to mistake for each
/// other (no 0/O, 1/I/L).
pub fn random_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut buf = vec![0u8; len];
    getrandom::fill(&mut buf).expect("the operating system's random number generator failed");
    buf.iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// The standard and version a comment is on.
pub fn place_of(
    conn: &mut crate::db::DbConn,
    c: &crate::db::models::Comment,
) -> diesel::QueryResult<(crate::db::models::Standard, crate::db::models::Version)> {
    crate::db::models::Comment::place(conn, c.version_id)
}

/// How mail names what a comment is on: "clause 2.3 (Recruiting poll
/// workers)", or "the whole version".
pub fn clause_label(
    conn: &mut crate::db::DbConn,
    version: &crate::db::models::Version,
    key: Option<&str>,
) -> diesel::QueryResult<String> {
    let clause = match key {
        Some(k) => diesel::OptionalExtension::optional(crate::db::models::ClauseRow::by_key(
            conn, version.id, k,
        ))?,
        None => None,
    };
    Ok(clause_label_of(key, clause.as_ref()))
}

/// [`clause_label`] of a clause already read (`None`: not in the version).
pub fn clause_label_of(key: Option<&str>, clause: Option<&crate::db::models::ClauseRow>) -> String {
    use crate::standard::clause::naming;
    let Some(key) = key else {
        return naming::whole_version();
    };
    match clause {
        Some(c) => naming::full(&c.number, &c.heading),
        None => naming::gone(key),
    }
}
