//! Drafts kept with "Save for later": what a person typed into a comment
//! form, stored for [`KEEP_DAYS`] days for the browser holding a random
//! token (a cookie), so that opening the same form again from that browser
//! gives it back. Only the token's SHA-256 is stored. Saving a draft sends,
//! mails and counts nothing; sending the comment deletes the draft.

use chrono::{Duration, NaiveDateTime};

use super::subject::Subject;
use super::submit::{Draft, FieldError};
use super::{random_hex, MAX_PROPOSED_CHARS};
use super::{MAX_BODY_CHARS, MAX_EMAIL_BYTES, MAX_NAME_CHARS, MAX_ORGANIZATION_CHARS};
use crate::db::models::{CommentKind, KeptDraft, NewKeptDraft};
use crate::db::DbConn;
use crate::standard::sha256_hex;

/// How many days a saved draft is kept.
pub const KEEP_DAYS: i64 = 7;
/// Most drafts kept for one browser; saving one more replaces the oldest.
pub const MAX_PER_TOKEN: usize = 50;

/// A new random token for the cookie.
pub fn new_token() -> String {
    random_hex(32)
}

/// Whether a cookie's value can be a token this site gave out.
pub fn plausible_token(token: &str) -> bool {
    token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// Where a form's comment goes: a reply's parent comment, or a version
/// and, on a clause, the clause's key.
pub fn place(s: &Subject) -> String {
    match (&s.parent, &s.clause) {
        (Some((p, _)), _) => format!("reply:{}", p.id),
        (None, Some(c)) => format!("version:{}:clause:{}", s.version.id, c.clause_key),
        (None, None) => format!("version:{}", s.version.id),
    }
}

pub(super) fn cutoff(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::days(KEEP_DAYS)
}

/// The problems that stop a draft from being kept: only sizes, as the
/// comment form limits them (an unfinished draft may lack any field).
pub fn size_errors(d: &Draft) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut over = |field: &'static str, value: &str, max: usize, what: &str| {
        let n = value.chars().count();
        if n > max {
            errors.push(FieldError {
                field,
                message: crate::i18n::t_with_three(
                    "form-err-too-long",
                    [
                        ("what", crate::i18n::t(what)),
                        ("length", n.to_string()),
                        ("max", max.to_string()),
                    ],
                ),
            });
        }
    };
    over("name", &d.name, MAX_NAME_CHARS, "form-name");
    over("email", &d.email, MAX_EMAIL_BYTES, "form-email");
    over(
        "organization",
        &d.organization,
        MAX_ORGANIZATION_CHARS,
        "form-what-organization",
    );
    over("body", &d.body, MAX_BODY_CHARS, "form-body");
    over(
        "proposed_text",
        &d.proposed_text,
        MAX_PROPOSED_CHARS,
        "form-what-proposed",
    );
    if !d.kind.is_empty() && !CommentKind::ALL.iter().any(|k| k.as_str() == d.kind) {
        errors.push(FieldError {
            field: "kind",
            message: crate::i18n::t("form-err-kind-list"),
        });
    }
    errors
}

/// Keep `d` for the browser holding `token` at `place`, replacing the
/// draft kept there before. With `gather`, the draft goes into the
/// browser's list (see `super::gathered`); without it, a draft already in
/// the list stays there. Drafts past their time are deleted, and the
/// browser keeps at most [`MAX_PER_TOKEN`]. Returns the problems instead,
/// keeping nothing, when the draft is too large.
pub fn save(
    conn: &mut DbConn,
    token: &str,
    place: &str,
    d: &Draft,
    gather: bool,
    now: NaiveDateTime,
) -> diesel::QueryResult<Vec<FieldError>> {
    let errors = size_errors(d);
    if !errors.is_empty() {
        return Ok(errors);
    }
    KeptDraft::prune(conn, cutoff(now))?;
    let hash = sha256_hex(token);
    let gathered =
        gather || KeptDraft::find(conn, &hash, place, cutoff(now))?.is_some_and(|k| k.gathered);
    KeptDraft::replace(
        conn,
        &NewKeptDraft {
            token_hash: &hash,
            place,
            name: &d.name,
            email: &d.email,
            organization: &d.organization,
            kind: &d.kind,
            body: &d.body,
            proposed_text: &d.proposed_text,
            saved_at: now,
            gathered,
        },
    )?;
    KeptDraft::trim(conn, &hash, MAX_PER_TOKEN)?;
    Ok(errors)
}

/// The draft kept for `token` at `place`, and when it was saved, unless
/// it is past its time.
pub fn load(
    conn: &mut DbConn,
    token: &str,
    place: &str,
    now: NaiveDateTime,
) -> diesel::QueryResult<Option<(Draft, NaiveDateTime)>> {
    let found = KeptDraft::find(conn, &sha256_hex(token), place, cutoff(now))?;
    Ok(found.map(|k| {
        let saved_at = k.saved_at;
        (draft_of(k), saved_at)
    }))
}

/// What a kept draft holds, as the form takes it.
pub(super) fn draft_of(k: KeptDraft) -> Draft {
    Draft {
        name: k.name,
        email: k.email,
        organization: k.organization,
        kind: k.kind,
        body: k.body,
        proposed_text: k.proposed_text,
    }
}

/// Delete the draft kept for `token` at `place` (its comment was sent),
/// and every draft past its time.
pub fn forget(
    conn: &mut DbConn,
    token: &str,
    place: &str,
    now: NaiveDateTime,
) -> diesel::QueryResult<()> {
    KeptDraft::forget(conn, &sha256_hex(token), place)?;
    KeptDraft::prune(conn, cutoff(now))?;
    Ok(())
}
