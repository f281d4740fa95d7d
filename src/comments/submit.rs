//! Submitting a comment and verifying it by email.
//!
//! A comment is stored first, as `unverified`, with a verification mail
//! queued in the same transaction (see [`super::confirm_mail`] for its
//! limits); it becomes public only when its author opens the link (single
//! use, expiring, stored as a SHA-256 hash) *and presses the button* on the
//! page it opens: opening a link, as mail scanners do, changes nothing
//! ([`inspect`]); only the POST behind the button does ([`verify`]).
//! Confirming fixes the name and organisation shown with that comment; a
//! later comment or confirmation from the same address never changes what
//! an earlier comment shows. An address that was verified before skips the
//! link only from a browser that holds the "remembered" token issued to the
//! browser that confirmed: knowing someone's address is not enough to
//! comment as them. The same form sent twice from one browser within
//! [`RESUBMIT_HOURS`] stores one comment ([`earlier_submission`]).

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use super::notify::{self, Place};
use super::sanitize::SafeHtml;
use super::{
    random_code, random_hex, Moderation, Settings, MAX_BODY_CHARS, MAX_NAME_CHARS,
    MAX_ORGANIZATION_CHARS, MAX_PROPOSED_CHARS, MAX_REPLY_DEPTH,
};
use crate::db::models::{
    Comment, CommentKind, CommentStatus, Commenter, NewComment, NewCommenter, Standard,
    VerificationToken, Version,
};
use crate::db::{write_tx, DbConn};
use crate::standard::sha256_hex;

/// The form as submitted.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Draft {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub proposed_text: String,
}

/// A problem with one field, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// A draft that passed every check.
#[derive(Debug, Clone)]
pub struct Valid {
    pub name: String,
    /// Trimmed and in lower case.
    pub email: String,
    pub organization: Option<String>,
    pub kind: CommentKind,
    pub body: String,
    /// The body rendered and sanitised, done here so that storing the
    /// comment (under the write lock) does no rendering.
    pub body_html: SafeHtml,
    pub proposed_text: Option<String>,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// Text as browsers send it from a text area (CR LF line ends) with every
/// line end made a single LF.
fn normalise_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The first control character that has no place in a multi-line text:
/// U+0000 to U+001F except tab and newline, and U+007F. Such characters
/// break XML (the Atom feed), confuse spreadsheets reading the CSV, and a
/// NUL is refused by PostgreSQL.
pub fn stray_control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| (c < ' ' && c != '\t' && c != '\n') || c == '\u{7f}')
}

/// The first bidirectional override or isolate control (U+202A to U+202E,
/// U+2066 to U+2069): in a name, one would reverse the rest of the line it
/// is shown on.
pub fn bidi_control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// How a character the form refuses is named in a message.
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Check a draft. `proposals` says whether replacement text may be given
/// (comments on a clause; not replies or whole-version comments).
pub fn validate(d: &Draft, proposals: bool) -> Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &'static str, message: String| errors.push(FieldError { field, message });

    let name = d.name.trim();
    if name.is_empty() {
        err("name", "Enter the name to show with your comment.".into());
    } else if chars(name) > MAX_NAME_CHARS || has_control(name) {
        err(
            "name",
            format!("Use a name of at most {MAX_NAME_CHARS} characters, on one line."),
        );
    } else if let Some(c) = bidi_control(name) {
        err(
            "name",
            format!(
                "Your name contains a hidden text-direction control ({}); remove it and send again.",
                code_point(c)
            ),
        );
    }

    let email = d.email.trim().to_lowercase();
    if email.is_empty() {
        err(
            "email",
            "Enter your email address: we send a link to it to confirm the comment is yours."
                .into(),
        );
    } else if !crate::mail::is_valid_address(&email)
        || !email
            .rsplit_once('@')
            .is_some_and(|(_, domain)| domain.contains('.'))
    {
        err(
            "email",
            "Enter an email address in the form name@example.org.".into(),
        );
    }

    let organization = d.organization.trim();
    if chars(organization) > MAX_ORGANIZATION_CHARS || has_control(organization) {
        err(
            "organization",
            format!("Use an organisation name of at most {MAX_ORGANIZATION_CHARS} characters, on one line."),
        );
    } else if let Some(c) = bidi_control(organization) {
        err(
            "organization",
            format!(
                "The organisation contains a hidden text-direction control ({}); remove it and send again.",
                code_point(c)
            ),
        );
    }

    let kind = match d.kind.trim().parse::<CommentKind>() {
        Ok(k) => Some(k),
        Err(_) => {
            err(
                "kind",
                "Choose the type of comment: general, technical or editorial.".into(),
            );
            None
        }
    };

    let body = normalise_newlines(&d.body);
    let body = body.trim();
    let body_len = chars(body);
    if body.is_empty() {
        err("body", "Write your comment.".into());
    } else if body_len > MAX_BODY_CHARS {
        err(
            "body",
            format!(
                "Your comment is {body_len} characters long; the limit is {MAX_BODY_CHARS}. Shorten it, or split it into several comments."
            ),
        );
    } else if let Some(c) = stray_control(body) {
        err(
            "body",
            format!(
                "Your comment contains an invisible control character ({}), often left by copying from another program; remove it and send again.",
                code_point(c)
            ),
        );
    }

    let proposed = normalise_newlines(&d.proposed_text);
    let proposed = proposed.trim();
    let proposed_len = chars(proposed);
    if !proposed.is_empty() && !proposals {
        err(
            "proposed_text",
            "Replacement text can be proposed only in a comment on a clause.".into(),
        );
    } else if proposed_len > MAX_PROPOSED_CHARS {
        err(
            "proposed_text",
            format!(
                "The proposed text is {proposed_len} characters long; the limit is {MAX_PROPOSED_CHARS}."
            ),
        );
    } else if let Some(c) = stray_control(proposed) {
        err(
            "proposed_text",
            format!(
                "The proposed text contains an invisible control character ({}); remove it and send again.",
                code_point(c)
            ),
        );
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Valid {
        name: name.to_string(),
        email,
        organization: (!organization.is_empty()).then(|| organization.to_string()),
        kind: kind.unwrap_or(CommentKind::General),
        body: body.to_string(),
        body_html: SafeHtml::from_markdown(body),
        proposed_text: (!proposed.is_empty()).then(|| proposed.to_string()),
    })
}

/// Where a new comment goes.
pub struct Target<'a> {
    pub standard: &'a Standard,
    pub version: &'a Version,
    /// The clause key, or `None` for the whole version.
    pub clause_key: Option<&'a str>,
    /// "clause 2.3 (Recruiting poll workers)" or "the whole version", for mail.
    pub clause_label: String,
    /// The comment replied to, if any; it must be public.
    pub parent: Option<&'a Comment>,
}

/// What happened to a submission.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub comment: Comment,
    /// A confirmation link was asked for; the comment waits for it.
    pub awaiting_verification: bool,
}

/// How long a second identical submission finds the first.
pub const RESUBMIT_HOURS: i64 = 1;

/// The key of a submission: a hash of the browser session's secret, the
/// address, where the comment goes and what it says. The same form sent
/// twice from one browser (a double click, a reload of the answer) has the
/// same key; anything else does not.
pub fn submission_key(session: &str, target: &Target<'_>, valid: &Valid) -> String {
    let parent = target.parent.map(|p| p.id.to_string()).unwrap_or_default();
    let fields = [
        "docket-submission-v1",
        session,
        &valid.email,
        &target.version.id.to_string(),
        target.clause_key.unwrap_or(""),
        &parent,
        &valid.body,
        valid.proposed_text.as_deref().unwrap_or(""),
    ];
    sha256_hex(fields.join("\u{1f}"))
}

/// The comment an identical submission (same `key`) stored within the last
/// [`RESUBMIT_HOURS`], if any. Call inside the write transaction that would
/// store the new one: it holds concurrent identical submissions back until
/// that transaction ends, so only one of them is stored.
pub fn earlier_submission(
    conn: &mut DbConn,
    key: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Comment>> {
    crate::db::models::RateEvent::lock(conn, "comment-submission", key)?;
    Comment::earlier_submission(conn, key, now - Duration::hours(RESUBMIT_HOURS))
}

/// A tracking number: standard initials and version, the comment's number
/// in the version, and a random check code, e.g. `PW2-0001-K7QM`.
pub fn tracking_number(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
) -> QueryResult<String> {
    let initials: String = standard
        .slug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|w| w.chars().next())
        .take(4)
        .collect::<String>()
        .to_ascii_uppercase();
    let label: String = version
        .label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    let n = Comment::count_for_version(conn, version.id)? + 1;
    loop {
        let candidate = format!("{initials}{label}-{n:04}-{}", random_code(4));
        if !Comment::tracking_number_taken(conn, &candidate)? {
            return Ok(candidate);
        }
    }
}

/// Store a comment and queue the mail it calls for. Call inside the
/// caller's [`crate::db::write_tx`] (which may also count the submission
/// against a rate limit), so the comment and its mail commit together.
/// `submission_key` (see [`submission_key`]) is stored with the comment so
/// that [`earlier_submission`] finds it.
pub fn submit(
    conn: &mut DbConn,
    settings: &Settings,
    target: &Target<'_>,
    valid: &Valid,
    remembered: Option<&str>,
    submission_key: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<Submitted> {
    // Below the deepest level allowed, a reply joins the replies to the
    // comment's parent, right after the comment it answers.
    let grandparent;
    let parent = match target.parent {
        Some(p) if p.depth >= MAX_REPLY_DEPTH => match p.parent_id {
            Some(id) => {
                grandparent = Comment::find(conn, id)?;
                Some(&grandparent)
            }
            None => Some(p),
        },
        other => other,
    };
    let commenter = match Commenter::by_email(conn, &valid.email)? {
        Some(c) => c,
        None => Commenter::insert(
            conn,
            &NewCommenter {
                email: &valid.email,
                display_name: &valid.name,
                organization: valid.organization.as_deref(),
                unsubscribe_token: &random_hex(24),
                created_at: now,
            },
        )?,
    };
    let trusted = commenter.verified_at.is_some()
        && remembered.is_some_and(|token| {
            commenter.remember_hash.as_deref() == Some(sha256_hex(token).as_str())
        });
    let status = match (trusted, settings.moderation) {
        (false, _) => CommentStatus::Unverified,
        (true, Moderation::Post) => CommentStatus::Published,
        (true, Moderation::Pre) => CommentStatus::Pending,
    };
    let tracking = tracking_number(conn, target.standard, target.version)?;
    let comment = super::campaigns::insert_signed(
        conn,
        &NewComment {
            version_id: target.version.id,
            clause_key: target.clause_key,
            parent_id: parent.map(|p| p.id),
            depth: parent.map_or(0, |p| p.depth + 1),
            kind: valid.kind.as_str(),
            body_md: &valid.body,
            body_html: valid.body_html.as_str(),
            proposed_text: valid.proposed_text.as_deref(),
            quoted_text: None,
            commenter_id: commenter.id,
            status: status.as_str(),
            tracking_number: &tracking,
            created_at: now,
            published_at: (status == CommentStatus::Published).then_some(now),
            // The name given with this comment. Until it is confirmed it is
            // shown to nobody; confirming fixes it (see `verify`).
            author_name: &valid.name,
            author_organization: valid.organization.as_deref(),
            submission_key,
        },
        parent.map(|p| p.path.as_str()),
    )?;
    if trusted {
        let place = Place {
            standard: target.standard,
            version: target.version,
            clause_label: target.clause_label.clone(),
        };
        // The profile names later mail (reply notices); comments already
        // made keep the author they were published with.
        Commenter::update_profile(
            conn,
            commenter.id,
            &valid.name,
            valid.organization.as_deref(),
        )?;
        let commenter = Commenter::find(conn, commenter.id)?;
        became_verified(conn, settings, &place, &comment, &commenter, now)?;
    } else {
        super::confirm_mail::request_link(
            conn,
            settings,
            &commenter,
            &comment,
            &valid.name,
            valid.organization.as_deref(),
            now,
        )?;
    }
    Ok(Submitted {
        comment,
        awaiting_verification: !trusted,
    })
}

/// A verified comment: publish it (ledger, receipt, reply notice) or, under
/// pre-moderation, hold it and send a receipt saying so.
fn became_verified(
    conn: &mut DbConn,
    settings: &Settings,
    place: &Place<'_>,
    comment: &Comment,
    commenter: &Commenter,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if comment.status() == CommentStatus::Published {
        super::moderation::record_publication(conn, place, comment, now)?;
        crate::mail::enqueue_at(
            conn,
            &notify::receipt(settings, place, &commenter.email, comment, true),
            now,
        )?;
        notify::reply_notice(conn, settings, place, comment, commenter, now)?;
    } else {
        crate::mail::enqueue_at(
            conn,
            &notify::receipt(settings, place, &commenter.email, comment, false),
            now,
        )?;
    }
    Ok(())
}

/// Why a verification link did nothing.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("unknown link")]
    Unknown,
    #[error("link expired")]
    Expired,
    #[error("link already used")]
    Used,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// The comment behind a link that can still be used: what the confirmation
/// page shows before its author presses the button.
#[derive(Debug, Clone)]
pub struct Unconfirmed {
    pub comment: Comment,
    /// The name and organisation the comment will be shown with.
    pub display_name: String,
    pub organization: Option<String>,
    pub expires_at: NaiveDateTime,
    pub standard: Standard,
    pub version: Version,
    pub clause_label: String,
}

fn usable_token(
    conn: &mut DbConn,
    hash: &str,
    now: NaiveDateTime,
) -> Result<VerificationToken, VerifyError> {
    let t = VerificationToken::by_hash(conn, hash)?.ok_or(VerifyError::Unknown)?;
    if t.used_at.is_some() {
        return Err(VerifyError::Used);
    }
    if now >= t.expires_at {
        return Err(VerifyError::Expired);
    }
    Ok(t)
}

/// Look at a link without using it. Opening a link (which mail scanners
/// do) changes nothing: only [`verify`], behind a button, does.
pub fn inspect(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> Result<Unconfirmed, VerifyError> {
    let t = usable_token(conn, &sha256_hex(token.trim()), now)?;
    let comment = Comment::find(conn, t.comment_id)?;
    let (standard, version) = super::place_of(conn, &comment)?;
    let clause_label = super::clause_label(conn, &version, comment.clause_key.as_deref())?;
    Ok(Unconfirmed {
        comment,
        display_name: t.display_name,
        organization: t.organization,
        expires_at: t.expires_at,
        standard,
        version,
        clause_label,
    })
}

/// A comment whose link was used.
#[derive(Debug, Clone)]
pub struct Verified {
    pub comment: Comment,
    /// Set in the browser that confirmed, so this address can comment
    /// again from it without another link.
    pub remember_token: String,
}

/// Use a verification link: the author pressed the button on the page the
/// link opens. Fixes the name and organisation shown with this comment (and
/// only this one) to those given with it, and publishes it or passes it to
/// the moderators. Expired, reused and unknown links change nothing.
pub fn verify(
    conn: &mut DbConn,
    settings: &Settings,
    token: &str,
    now: NaiveDateTime,
) -> Result<Verified, VerifyError> {
    let hash = sha256_hex(token.trim());
    write_tx(conn, |conn| {
        let t = usable_token(conn, &hash, now)?;
        if !VerificationToken::use_once(conn, t.id, now)? {
            return Err(VerifyError::Used);
        }
        let comment = Comment::find(conn, t.comment_id)?;
        let remember_token = random_hex(32);
        Commenter::mark_verified(
            conn,
            comment.commenter_id,
            &t.display_name,
            t.organization.as_deref(),
            &sha256_hex(&remember_token),
            now,
        )?;
        let commenter = Commenter::find(conn, comment.commenter_id)?;
        if comment.status() != CommentStatus::Unverified {
            // Opened after a moderator acted on it: nothing more to do.
            return Ok(Verified {
                comment,
                remember_token,
            });
        }
        Comment::set_author(conn, comment.id, &t.display_name, t.organization.as_deref())?;
        let status = match settings.moderation {
            Moderation::Post => CommentStatus::Published,
            Moderation::Pre => CommentStatus::Pending,
        };
        let published_at = (status == CommentStatus::Published).then_some(now);
        Comment::set_status(conn, comment.id, status, published_at)?;
        let comment = Comment::find(conn, comment.id)?;
        let (standard, version) = super::place_of(conn, &comment)?;
        let clause_label = super::clause_label(conn, &version, comment.clause_key.as_deref())?;
        let place = Place {
            standard: &standard,
            version: &version,
            clause_label,
        };
        became_verified(conn, settings, &place, &comment, &commenter, now)?;
        Ok(Verified {
            comment,
            remember_token,
        })
    })
}

/// A new link for a comment whose link expired before it was used, mailed
/// to the same address (within that address's mail limit). The old link is
/// spent by this, so each expired link can be renewed once.
pub fn renew(
    conn: &mut DbConn,
    settings: &Settings,
    token: &str,
    now: NaiveDateTime,
) -> Result<Comment, VerifyError> {
    let hash = sha256_hex(token.trim());
    write_tx(conn, |conn| {
        let t = VerificationToken::by_hash(conn, &hash)?.ok_or(VerifyError::Unknown)?;
        if t.used_at.is_some() {
            return Err(VerifyError::Used);
        }
        let comment = Comment::find(conn, t.comment_id)?;
        if comment.status() != CommentStatus::Unverified {
            return Err(VerifyError::Used);
        }
        if now < t.expires_at {
            // Still valid: nothing to renew.
            return Ok(comment);
        }
        if !VerificationToken::use_once(conn, t.id, now)? {
            return Err(VerifyError::Used);
        }
        let commenter = Commenter::find(conn, comment.commenter_id)?;
        super::confirm_mail::request_link(
            conn,
            settings,
            &commenter,
            &comment,
            &t.display_name,
            t.organization.as_deref(),
            now,
        )?;
        Ok(comment)
    })
}

/// What the receipt page after a submission shows.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub comment: Comment,
    pub standard: Standard,
    pub version: Version,
    pub clause_label: String,
    /// For a comment waiting for its author: when the mail with its link is
    /// (or was) sent, and until when the link works.
    pub link: Option<(NaiveDateTime, NaiveDateTime)>,
}

/// The receipt of a comment.
pub fn receipt(conn: &mut DbConn, comment_id: i32) -> QueryResult<Receipt> {
    let comment = Comment::find(conn, comment_id)?;
    let (standard, version) = super::place_of(conn, &comment)?;
    let clause_label = super::clause_label(conn, &version, comment.clause_key.as_deref())?;
    let link = if comment.status() == CommentStatus::Unverified {
        VerificationToken::latest_for_comment(conn, comment.id)?
            .map(|(t, sent)| (sent.unwrap_or(t.created_at), t.expires_at))
    } else {
        None
    };
    Ok(Receipt {
        comment,
        standard,
        version,
        clause_label,
        link,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            name: "Ana".into(),
            email: " Ana@Example.org ".into(),
            organization: String::new(),
            kind: "technical".into(),
            body: "Text".into(),
            proposed_text: String::new(),
        }
    }

    #[test]
    fn a_good_draft_is_normalised() {
        let v = validate(&draft(), true).unwrap();
        assert_eq!(v.email, "ana@example.org");
        assert_eq!(v.kind, CommentKind::Technical);
        assert_eq!(v.organization, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        let d = Draft {
            name: " ".into(),
            email: "not an address".into(),
            kind: "rant".into(),
            body: "x".repeat(MAX_BODY_CHARS + 1),
            proposed_text: "y".into(),
            ..draft()
        };
        let fields: Vec<&str> = validate(&d, false)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "email", "kind", "body", "proposed_text"]);
    }
}
