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
//! [`RESUBMIT_HOURS`] stores one comment ([`earlier_submission`]). A signed
//! letter sent with the form ([`Valid::letter`]) is stored with the comment,
//! in the same transaction and before anything can publish it, so the
//! publication entry records its digest (see [`super::letters`]).

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use super::notify::{self, Place};
use super::{random_code, random_hex, Moderation, Settings, MAX_REPLY_DEPTH};
use crate::db::models::{
    Comment, CommentStatus, Commenter, NewComment, NewCommenter, Standard, VerificationToken,
    Version,
};
use crate::db::{write_tx, DbConn};
use crate::standard::sha256_hex;

mod form;

pub use form::{bidi_control, same_text, stray_control, validate, Draft, FieldError, Valid};

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

impl<'a> Target<'a> {
    /// Where the comment is, as mail names it.
    pub fn place(&self) -> Place<'a> {
        Place {
            standard: self.standard,
            version: self.version,
            clause_label: self.clause_label.clone(),
        }
    }
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
    let key = sha256_hex(fields.join("\u{1f}"));
    // A letter is part of what was sent: the same text with another
    // letter is another submission. Without one the key is as it was.
    match &valid.letter {
        Some(l) => sha256_hex(format!("{key}\u{1f}letter\u{1f}{}", l.sha256)),
        None => key,
    }
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
    crate::db::models::RateEvent::lock(conn, SUBMISSION_LOCK, key)?;
    earlier_submission_locked(conn, key, now)
}

/// The lock bucket of a submission key: [`earlier_submission`] takes it;
/// a caller taking other locks as well takes them together
/// ([`crate::db::models::RateEvent::lock_all`]) and then calls
/// [`earlier_submission_locked`].
pub const SUBMISSION_LOCK: &str = "comment-submission";

/// [`earlier_submission`] for a caller that holds the key's lock.
pub fn earlier_submission_locked(
    conn: &mut DbConn,
    key: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Comment>> {
    Comment::earlier_submission(conn, key, now - Duration::hours(RESUBMIT_HOURS))
}

/// A tracking number: standard initials and version, the comment's number
/// in the version, and a random check code, e.g. `PW2-0001-K7QM`.
pub fn tracking_number(standard: &Standard, version: &Version, number: i64) -> String {
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
    format!("{initials}{label}-{number:04}-{}", random_code(4))
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
    let stored = store(
        conn,
        settings,
        target,
        valid,
        remembered,
        submission_key,
        now,
    )?;
    if !stored.trusted {
        let place = target.place();
        if stored.new_commenter {
            // A new address has no mail waiting and none sent, and no other
            // transaction can see it before this one commits.
            let link = super::confirm_mail::Link {
                commenter: &stored.commenter,
                comment: &stored.comment,
                display_name: &valid.name,
                organization: valid.organization.as_deref(),
                place: &place,
                send_at: now,
            };
            super::confirm_mail::first_link(conn, settings, &link, now)?;
        } else {
            super::confirm_mail::request_link(
                conn,
                settings,
                &stored.commenter,
                &stored.comment,
                &valid.name,
                valid.organization.as_deref(),
                Some(&place),
                now,
            )?;
        }
    }
    Ok(Submitted {
        comment: stored.comment,
        awaiting_verification: !stored.trusted,
    })
}

/// A comment just stored, and who sent it.
pub(super) struct Stored {
    pub comment: Comment,
    pub commenter: Commenter,
    /// Sent from a browser that confirmed its address before: published
    /// (or passed to the moderators) already, with no link to ask for.
    pub trusted: bool,
    /// The address was new: its commenter was inserted in this transaction.
    pub new_commenter: bool,
}

/// Store a comment: published at once from a trusted browser, else
/// unconfirmed, waiting for a link the caller asks for.
pub(super) fn store(
    conn: &mut DbConn,
    settings: &Settings,
    target: &Target<'_>,
    valid: &Valid,
    remembered: Option<&str>,
    submission_key: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<Stored> {
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
    let (commenter, new_commenter) = Commenter::find_or_insert(
        conn,
        &NewCommenter {
            email: &valid.email,
            display_name: &valid.name,
            organization: valid.organization.as_deref(),
            unsubscribe_token: &random_hex(24),
            created_at: now,
        },
    )?;
    let trusted = super::limits::is_remembered(&commenter, remembered);
    let status = match (trusted, settings.moderation) {
        (false, _) => CommentStatus::Unverified,
        (true, Moderation::Post) => CommentStatus::Published,
        (true, Moderation::Pre) => CommentStatus::Pending,
    };
    // The number and id are drawn once; only the check code is drawn again
    // in the unlikely case that another standard's comment has the same
    // tracking number.
    let (number, id) = Comment::next_number_and_id(conn, target.version.id)?;
    let mut comment = loop {
        let tracking = tracking_number(target.standard, target.version, number);
        let new = NewComment {
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
            proposed_html: valid.proposed_html.clone(),
            // Later mail about the comment speaks the language it was sent in.
            lang: crate::i18n::current().tag(),
        };
        if let Some(c) =
            Comment::insert_unless_tracked(conn, id, &new, parent.map(|p| p.path.as_str()))?
        {
            break c;
        }
    };
    // Stored with the comment, before anything can publish it, so its
    // publication entry records the letter's digest.
    if let Some(letter) = &valid.letter {
        super::letters::store(conn, comment.id, letter, now)?;
    }
    if trusted {
        // An address confirmed before, from the browser that confirmed it.
        comment = super::offices::fix_on_confirmation(conn, comment, &commenter.email)?;
        let place = target.place();
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
        return Ok(Stored {
            comment,
            commenter,
            trusted,
            new_commenter,
        });
    }
    Ok(Stored {
        comment,
        commenter,
        trusted,
        new_commenter,
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
    /// The election office it will be shown from, and the badge, if its
    /// address is on a listed domain now (fixed only when confirmed).
    pub office: Option<(String, String)>,
    pub expires_at: NaiveDateTime,
    pub standard: Standard,
    pub version: Version,
    pub clause_label: String,
}

pub(super) fn usable_token(
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
    let email = Commenter::find(conn, comment.commenter_id)?.email;
    let office = super::offices::recognise(conn, &email)?
        .map(|(name, domain)| (name, super::offices::badge(&domain)));
    Ok(Unconfirmed {
        comment,
        display_name: t.display_name,
        organization: t.organization,
        office,
        expires_at: t.expires_at,
        standard,
        version,
        clause_label,
    })
}

/// The comment a used link was for, so the page saying the link is spent
/// can lead on to it.
#[derive(Debug, Clone)]
pub struct SpentLink {
    pub comment_id: i32,
    /// Shown in public (its own page exists), rather than waiting for a
    /// moderator.
    pub public: bool,
    /// Where it is shown, or will be once published: the comment it
    /// answers, its clause or its version.
    pub place_href: String,
}

/// What a link was for, whether used or not; `None` for a link we never
/// sent. Only reads: a link is used by [`verify`] and [`renew`] alone.
pub fn spent_link(conn: &mut DbConn, token: &str) -> QueryResult<Option<SpentLink>> {
    let Some(t) = VerificationToken::by_hash(conn, &sha256_hex(token.trim()))? else {
        return Ok(None);
    };
    let comment = Comment::find(conn, t.comment_id)?;
    let (standard, version) = super::place_of(conn, &comment)?;
    let place_href = match comment.parent_id {
        Some(p) => crate::urls::comment(p),
        None => crate::urls::place(
            &standard.slug,
            &version.label,
            comment.clause_key.as_deref(),
        ),
    };
    Ok(Some(SpentLink {
        comment_id: comment.id,
        public: comment.is_public(),
        place_href,
    }))
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
        let remember_token = random_hex(32);
        let comment = confirm(conn, settings, &t, &remember_token, now)?;
        Ok(Verified {
            comment,
            remember_token,
        })
    })
}

/// Confirm the comment of a link just used: fix the name, organisation
/// and office shown with it, and publish it or pass it to the moderators.
/// The commenter is remembered by `remember_token`'s hash. A comment a
/// moderator acted on first is left as it is.
pub(super) fn confirm(
    conn: &mut DbConn,
    settings: &Settings,
    t: &VerificationToken,
    remember_token: &str,
    now: NaiveDateTime,
) -> QueryResult<Comment> {
    let comment = Comment::find(conn, t.comment_id)?;
    Commenter::mark_verified(
        conn,
        comment.commenter_id,
        &t.display_name,
        t.organization.as_deref(),
        &sha256_hex(remember_token),
        now,
    )?;
    let commenter = Commenter::find(conn, comment.commenter_id)?;
    if comment.status() != CommentStatus::Unverified {
        // Opened after a moderator acted on it: nothing more to do.
        return Ok(comment);
    }
    Comment::set_author(conn, comment.id, &t.display_name, t.organization.as_deref())?;
    // Fixed now, before the publication (or a moderator's) is recorded.
    super::offices::fix_on_confirmation(conn, comment.clone(), &commenter.email)?;
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
    Ok(comment)
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
            None,
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
