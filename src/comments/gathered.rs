//! A list of comments gathered from several forms ("Add to my list"), sent
//! together and confirmed by one mail with one link.
//!
//! An office commenting clause by clause need not confirm each comment on
//! its own: each form's "Add to my list" keeps the comment, checked as if
//! it were sent, among the browser's kept drafts (see [`super::drafts_kept`])
//! marked as gathered. The list page sends them all under one name and
//! address; each is stored and counted like any comment, and one mail
//! lists them with one link. Opening that link changes nothing; its
//! button confirms every comment the mail lists, each as its own link
//! would have.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use super::confirm_mail::LINKS_PER_MAIL;
use super::drafts_kept::{self, cutoff};
use super::notify::Place;
use super::subject::{Subject, Where};
use super::submit::{self, Draft, FieldError, Valid, VerifyError};
use super::{random_hex, Settings};
use crate::db::models::{
    Comment, Commenter, KeptDraft, Standard, VerificationMail, VerificationToken, Version,
};
use crate::db::{write_tx, DbConn};
use crate::standard::sha256_hex;

/// Most comments in one list: one mail carries them all.
pub const MAX_GATHERED: usize = LINKS_PER_MAIL as usize;

/// A comment in a browser's list.
pub struct Gathered {
    /// The kept draft's id, to remove it from the list.
    pub id: i32,
    pub subject: Subject,
    pub draft: Draft,
    pub saved_at: NaiveDateTime,
}

/// Where a kept draft's place (see [`drafts_kept::place`]) is, if it still
/// exists.
fn place_where(conn: &mut DbConn, place: &str) -> QueryResult<Option<Where>> {
    if let Some(id) = place.strip_prefix("reply:") {
        return Ok(id.parse().ok().map(Where::Reply));
    }
    let Some(rest) = place.strip_prefix("version:") else {
        return Ok(None);
    };
    let (id, key) = match rest.split_once(":clause:") {
        Some((id, key)) => (id, Some(key)),
        None => (rest, None),
    };
    let Ok(version_id) = id.parse::<i32>() else {
        return Ok(None);
    };
    let (standard, version) = match Comment::place(conn, version_id) {
        Ok(found) => found,
        Err(diesel::result::Error::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(match key {
        Some(key) => Where::Clause {
            slug: standard.slug,
            label: version.label,
            key: key.to_string(),
        },
        None => Where::Version {
            slug: standard.slug,
            label: version.label,
        },
    }))
}

/// Put a comment, already checked as a submission would be, into the list
/// of the browser holding `token`, replacing what was gathered for the
/// same place. Returns `false`, keeping nothing, when the list is full.
pub fn gather(
    conn: &mut DbConn,
    token: &str,
    subject: &Subject,
    draft: &Draft,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let place = drafts_kept::place(subject);
    let hash = sha256_hex(token);
    let there = KeptDraft::find(conn, &hash, &place, cutoff(now))?.is_some_and(|k| k.gathered);
    if !there && KeptDraft::count_gathered(conn, &hash, cutoff(now))? >= MAX_GATHERED as i64 {
        return Ok(false);
    }
    let errors = drafts_kept::save(conn, token, &place, draft, true, now)?;
    Ok(errors.is_empty())
}

/// The list of the browser holding `token`, oldest first. A comment whose
/// clause, version or parent can no longer be commented on is left out.
pub fn list(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> QueryResult<Vec<Gathered>> {
    let rows = KeptDraft::gathered(conn, &sha256_hex(token), cutoff(now), MAX_GATHERED as i64)?;
    let mut list = Vec::with_capacity(rows.len());
    for k in rows {
        let Some(w) = place_where(conn, &k.place)? else {
            continue;
        };
        let subject = match Subject::load(conn, &w) {
            Ok(Some(s)) => s,
            Ok(None) | Err(diesel::result::Error::NotFound) => continue,
            Err(e) => return Err(e),
        };
        list.push(Gathered {
            id: k.id,
            subject,
            saved_at: k.saved_at,
            draft: drafts_kept::draft_of(k),
        });
    }
    Ok(list)
}

/// Take one comment out of the list.
pub fn remove(conn: &mut DbConn, token: &str, id: i32) -> QueryResult<bool> {
    Ok(KeptDraft::forget_id(conn, &sha256_hex(token), id)? == 1)
}

/// A list checked before it is sent.
pub struct Checked {
    pub list: Vec<Gathered>,
    /// Each comment's own problems, by its place in `list`.
    pub problems: Vec<Vec<String>>,
    /// Problems with the name, address or organisation given for them all.
    pub contact: Vec<FieldError>,
    valid: Vec<Valid>,
}

impl Checked {
    /// A list as it is, not checked yet.
    pub fn unchecked(list: Vec<Gathered>) -> Checked {
        Checked {
            problems: vec![Vec::new(); list.len()],
            list,
            contact: Vec::new(),
            valid: Vec::new(),
        }
    }

    /// Every comment, checked and ready to store, if nothing is wrong.
    pub fn ready(self) -> Result<Vec<(Subject, Valid)>, Checked> {
        let fine = self.contact.is_empty()
            && self.problems.iter().all(Vec::is_empty)
            && self.valid.len() == self.list.len()
            && !self.list.is_empty();
        if !fine {
            return Err(self);
        }
        Ok(self
            .list
            .into_iter()
            .map(|g| g.subject)
            .zip(self.valid)
            .collect())
    }
}

/// The fields of the form that sends the list: given once for every comment.
const CONTACT_FIELDS: [&str; 3] = ["name", "email", "organization"];

/// Check every comment of the list as a submission is checked, with the
/// name, address and organisation of `contact`; none is stored.
pub fn check(
    conn: &mut DbConn,
    token: &str,
    contact: &Draft,
    now: NaiveDateTime,
) -> QueryResult<Checked> {
    let list = list(conn, token, now)?;
    let mut problems = Vec::with_capacity(list.len());
    let mut contact_errors: Vec<FieldError> = Vec::new();
    let mut valid = Vec::with_capacity(list.len());
    for g in &list {
        let mut mine = Vec::new();
        if !g.subject.version.is_open_at(now) {
            mine.push(crate::i18n::t("gather-err-closed"));
        }
        let draft = Draft {
            name: contact.name.clone(),
            email: contact.email.clone(),
            organization: contact.organization.clone(),
            ..g.draft.clone()
        };
        match submit::validate(&draft, g.subject.proposals()) {
            Ok(v) => valid.push(v.against(g.subject.clause.as_ref())),
            Err(errors) => {
                for e in errors {
                    if !CONTACT_FIELDS.contains(&e.field) {
                        mine.push(e.message);
                    } else if !contact_errors.iter().any(|c| c.field == e.field) {
                        contact_errors.push(e);
                    }
                }
            }
        }
        problems.push(mine);
    }
    Ok(Checked {
        list,
        problems,
        contact: contact_errors,
        valid,
    })
}

/// The list, sent.
pub struct Sent {
    pub comments: Vec<Comment>,
    /// Waiting for the one link (not sent from a remembered browser).
    pub awaiting_verification: bool,
    /// When the mail with the link goes out.
    pub mail_at: Option<NaiveDateTime>,
}

/// Store every comment of a list (each checked, with the sender's name and
/// address, by the caller) and ask for one link confirming them all, then
/// empty the list. Call inside the caller's write transaction, after
/// counting the comments against the rate limit: all are stored or none.
pub fn send(
    conn: &mut DbConn,
    settings: &Settings,
    items: &[(Subject, Valid)],
    remembered: Option<&str>,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Sent> {
    let mut stored = Vec::with_capacity(items.len());
    for (subject, valid) in items {
        let s = submit::store(
            conn,
            settings,
            &subject.target(),
            valid,
            remembered,
            None,
            now,
        )?;
        drafts_kept::forget(conn, token, &drafts_kept::place(subject), now)?;
        stored.push(s);
    }
    let Some(first) = stored.first() else {
        return Ok(Sent {
            comments: Vec::new(),
            awaiting_verification: false,
            mail_at: None,
        });
    };
    let awaiting = !first.trusted;
    let commenter: Commenter = first.commenter.clone();
    let mut mail_at = None;
    if awaiting {
        let waiting: Vec<(Comment, Place<'_>)> = stored
            .iter()
            .zip(items)
            .map(|(s, (subject, _))| (s.comment.clone(), subject.target().place()))
            .collect();
        let (_, valid) = &items[0];
        mail_at = Some(super::confirm_mail::request_group_link(
            conn,
            settings,
            &commenter,
            &waiting,
            &valid.name,
            valid.organization.as_deref(),
            now,
        )?);
    }
    Ok(Sent {
        comments: stored.into_iter().map(|s| s.comment).collect(),
        awaiting_verification: awaiting,
        mail_at,
    })
}

/// A comment a list's link confirms, and where it is.
pub struct Listed {
    pub comment: Comment,
    pub standard: Standard,
    pub version: Version,
    pub label: String,
}

/// What a list's link confirms, before its button is pressed.
pub struct GroupUnconfirmed {
    pub comments: Vec<Listed>,
    pub display_name: String,
    pub organization: Option<String>,
    pub expires_at: NaiveDateTime,
}

/// The mail behind a list's link and its comments' own links, if the link
/// can still be used.
fn usable_group(
    conn: &mut DbConn,
    hash: &str,
    now: NaiveDateTime,
) -> Result<(VerificationMail, Vec<(VerificationToken, Comment)>), VerifyError> {
    let (mail, used_at) =
        VerificationMail::by_group_hash(conn, hash)?.ok_or(VerifyError::Unknown)?;
    if used_at.is_some() {
        return Err(VerifyError::Used);
    }
    let links = VerificationToken::for_mail(conn, mail.id)?;
    let Some((first, _)) = links.first() else {
        return Err(VerifyError::Used);
    };
    if now >= first.expires_at {
        return Err(VerifyError::Expired);
    }
    Ok((mail, links))
}

fn listed(conn: &mut DbConn, comment: Comment) -> QueryResult<Listed> {
    let (standard, version) = super::place_of(conn, &comment)?;
    let label = super::clause_label(conn, &version, comment.clause_key.as_deref())?;
    Ok(Listed {
        comment,
        standard,
        version,
        label,
    })
}

/// Look at a list's link without using it: opening it changes nothing.
pub fn inspect_group(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> Result<GroupUnconfirmed, VerifyError> {
    let (_, links) = usable_group(conn, &sha256_hex(token.trim()), now)?;
    let (first, _) = &links[0];
    let (display_name, organization, expires_at) = (
        first.display_name.clone(),
        first.organization.clone(),
        first.expires_at,
    );
    let mut comments = Vec::with_capacity(links.len());
    for (_, c) in links {
        comments.push(listed(conn, c)?);
    }
    Ok(GroupUnconfirmed {
        comments,
        display_name,
        organization,
        expires_at,
    })
}

/// The comments a list's link confirmed.
pub struct GroupVerified {
    pub comments: Vec<Listed>,
    /// Set in the browser that confirmed (see [`submit::Verified`]).
    pub remember_token: String,
}

/// Use a list's link: the button on the page it opens. Confirms every
/// comment the mail listed whose own link is unused, exactly as that link
/// would have. Expired, reused and unknown links change nothing.
pub fn verify_group(
    conn: &mut DbConn,
    settings: &Settings,
    token: &str,
    now: NaiveDateTime,
) -> Result<GroupVerified, VerifyError> {
    let hash = sha256_hex(token.trim());
    write_tx(conn, |conn| {
        let (mail, links) = usable_group(conn, &hash, now)?;
        if !VerificationMail::use_group_once(conn, mail.id, now)? {
            return Err(VerifyError::Used);
        }
        let remember_token = random_hex(32);
        let mut comments = Vec::with_capacity(links.len());
        for (t, _) in links {
            if !VerificationToken::use_once(conn, t.id, now)? {
                continue;
            }
            let c = submit::confirm(conn, settings, &t, &remember_token, now)?;
            comments.push(listed(conn, c)?);
        }
        Ok(GroupVerified {
            comments,
            remember_token,
        })
    })
}
