//! Comment forms: the forms for a comment on a clause, on a whole version
//! and for a reply, their submission, and the receipt shown after it. The
//! rules of a submission live in `crate::comments::submit`; these handlers
//! check the request (CSRF token, honeypot, comment window, rate limit),
//! call it and render the answer.
//!
//! Pages with a form embed this browser's CSRF token and are never cached.
//! No page built here carries an email address.

use std::time::Duration;

use actix_session::SessionExt;
use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{NaiveDateTime, Utc};

use super::respond::private_page;
use super::views::local_time;
use super::{csrf, security, AppState};
use crate::comments::letters::{Letter, Refusal};
use crate::comments::subject::{Subject, Where};
use crate::comments::submit::{self, Draft, FieldError};
use crate::comments::Settings;
use crate::comments::{drafts_kept, limits};
use crate::db::models::{Comment, CommentStatus, RateEvent, Standard, Version};
use crate::db::DbConn;
use crate::error::AppError;
use crate::urls;

/// The cookie that lets a verified commenter comment again from the same
/// browser without another link. Holds a random token; only its hash is stored.
pub const REMEMBER_COOKIE: &str = "docket_commenter";
pub use crate::comments::limits::COMMENTS_PER_HOUR;
mod form;
mod gather;
mod keep;
mod upload;
mod words;
pub use words::{kind_word, outcome_word, t3};

pub use form::CommentForm;
use form::{form_page, letter_notes, new_form, preview_page, too_many_page};
pub use gather::{
    remove as remove_gathered, send as send_gathered, sent as gathered_sent, show as show_gathered,
    SendForm, LIST as GATHERED_LIST,
};
pub use keep::KEPT_COOKIE;
use keep::{kept_token, save_draft};
pub use upload::{Posted, DRAIN_LIMIT, LETTER_FIELD};

pub(super) const HOUR: Duration = Duration::from_secs(3600);

pub(crate) fn settings(state: &AppState) -> Settings {
    Settings {
        base_url: state.config.base_url.trim_end_matches('/').to_string(),
        moderation: state.config.moderation,
    }
}

pub(super) fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn load_subject(conn: &mut DbConn, w: &Where) -> Result<Subject, AppError> {
    Subject::load(conn, w)?.ok_or(AppError::NotFound)
}

/// The site's error page, for a form that saved nothing.
#[derive(Template)]
#[template(path = "error.html")]
struct RefusalPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

fn refusal(status: StatusCode, title: &str, message: &str) -> Result<HttpResponse, AppError> {
    let page = RefusalPage {
        status: status.as_u16(),
        title,
        message,
    };
    private_page(status, &page)
}

/// Whether a form's version takes comments now; if not, the version of the
/// same standard that does, if any.
enum Period {
    Open,
    Closed { elsewhere: Option<Box<Version>> },
}

fn period(conn: &mut DbConn, s: &Subject, at: NaiveDateTime) -> Result<Period, AppError> {
    if s.version.is_open_at(at) {
        return Ok(Period::Open);
    }
    let elsewhere = crate::releases::open_for_comment(conn, s.standard.id, at)?.map(Box::new);
    Ok(Period::Closed { elsewhere })
}

/// A version open for comment, as the closed page offers it.
struct OpenVersion {
    label: String,
    href: String,
    closes: String,
}

#[derive(Template)]
#[template(path = "comments/closed.html")]
struct ClosedPage {
    status: u16,
    message: String,
    standard_title: String,
    open: Option<OpenVersion>,
    subscribe_href: String,
    back_href: String,
}

/// The page shown instead of a form, or after a refused submission, when
/// the comment period is not open: it points to the version open for
/// comment now, if there is one, and to following the standard by email.
fn closed_page(s: &Subject, elsewhere: Option<&Version>) -> Result<HttpResponse, AppError> {
    let tz = s.standard.tz();
    let window = match (s.version.comment_opens, s.version.comment_closes) {
        (Some(o), Some(c)) => format!(
            " {}",
            crate::i18n::t2(
                "comment-closed-period",
                "from",
                local_time(o, tz),
                "to",
                local_time(c, tz)
            )
        ),
        _ => format!(" {}", crate::i18n::t("comment-closed-no-period")),
    };
    let page = ClosedPage {
        status: StatusCode::CONFLICT.as_u16(),
        message: format!(
            "{}{window} {}",
            crate::i18n::t2(
                "comment-closed-not-open",
                "label",
                s.version.label.as_str(),
                "title",
                s.standard.title.as_str()
            ),
            crate::i18n::t("comment-closed-still-read")
        ),
        standard_title: s.standard.title.clone(),
        open: elsewhere.map(|v| OpenVersion {
            label: v.label.clone(),
            href: urls::version(&s.standard.slug, &v.label),
            closes: v
                .comment_closes
                .map(|c| local_time(c, tz))
                .unwrap_or_default(),
        }),
        subscribe_href: urls::subscribe(&s.standard.slug),
        back_href: s.back_href(),
    };
    private_page(StatusCode::CONFLICT, &page)
}

async fn show_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    w: Where,
) -> Result<HttpResponse, AppError> {
    let token = kept_token(&req);
    let (subject, period, kept) = state
        .db(move |conn| {
            let subject = load_subject(conn, &w)?;
            let at = now();
            let period = period(conn, &subject, at)?;
            let kept = match token {
                Some(t) => drafts_kept::load(conn, &t, &drafts_kept::place(&subject), at)?,
                None => None,
            };
            Ok((subject, period, kept))
        })
        .await?;
    if let Period::Closed { elsewhere } = period {
        return closed_page(&subject, elsewhere.as_deref());
    }
    new_form(&req, subject, kept)
}

/// `GET /standards/{slug}/{label}/clauses/{key}/comments/new`
pub async fn new_clause_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label, key) = path.into_inner();
    show_form(req, state, Where::Clause { slug, label, key }).await
}

/// `GET /standards/{slug}/{label}/comments/new`
pub async fn new_version_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    show_form(req, state, Where::Version { slug, label }).await
}

/// `GET /comments/{id}/replies/new`
pub async fn new_reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    show_form(req, state, Where::Reply(path.into_inner())).await
}

#[derive(Template)]
#[template(path = "comments/submitted.html")]
struct SubmittedPage {
    standard: Standard,
    version_label: String,
    target_label: String,
    back_href: String,
    tracking_number: String,
    comment_id: i32,
    awaiting_verification: bool,
    published: bool,
    /// When the mail with the link goes out, if it waits for this
    /// address's turn under the mail limit.
    mail_later: Option<String>,
    expires: String,
    time_zone: String,
    mails_per_hour: usize,
}

enum Outcome {
    /// The period is over; the version open for comment instead, if any.
    Closed(Subject, Option<Box<Version>>),
    Invalid(Subject, Draft, Vec<FieldError>),
    /// Checked and ready to store.
    Ready(Box<Ready>),
}

/// What became of a form sent to be stored.
enum Done {
    /// Stored: the comment's id.
    Stored(i32),
    /// Not stored: the period is over or the form has problems.
    Refused(Box<Outcome>),
}

/// A submission that passed every check that needs no write lock.
struct Ready {
    subject: Subject,
    valid: submit::Valid,
    key: String,
    now: NaiveDateTime,
}

/// The session key of the receipts this browser may open.
const RECEIPTS: &str = "receipts";
/// How many receipts a browser keeps (the newest).
const RECEIPTS_KEPT: usize = 20;

fn keep_receipt(req: &HttpRequest, id: i32) {
    let session = req.get_session();
    let mut ids: Vec<i32> = session.get(RECEIPTS).ok().flatten().unwrap_or_default();
    ids.retain(|i| *i != id);
    ids.push(id);
    if ids.len() > RECEIPTS_KEPT {
        ids.drain(..ids.len() - RECEIPTS_KEPT);
    }
    if let Err(err) = session.insert(RECEIPTS, &ids) {
        tracing::error!(error = %err, "cannot keep the receipt in the session");
    }
}

fn has_receipt(req: &HttpRequest, id: i32) -> bool {
    req.get_session()
        .get::<Vec<i32>>(RECEIPTS)
        .ok()
        .flatten()
        .is_some_and(|ids| ids.contains(&id))
}

/// Who sends a form, as far as storing it needs to know.
struct Sender {
    addr: String,
    /// The "remembered" cookie's token, if this browser has one.
    remembered: Option<String>,
    /// The browser session's secret: the CSRF token just checked.
    session: String,
    /// This browser's token for drafts kept with "Save for later".
    kept: Option<String>,
    settings: Settings,
}

/// A comment form as sent, before it is checked.
struct Sent {
    place: Where,
    draft: Draft,
    letter: Result<Option<Letter>, Refusal>,
    /// The browser session's secret: the CSRF token just checked.
    session: String,
}

impl Sent {
    /// Everything that needs no write lock: load where the comment goes,
    /// check the period, the form and the letter, render the body.
    fn check(self, conn: &mut DbConn) -> Result<Outcome, AppError> {
        prepare(conn, &self.place, self.draft, self.letter, &self.session)
    }
}

/// Check a form and store it. Nothing is stored unless the batch holding
/// it commits; a failure says so (`AppError::NotSaved`). With several
/// writers (PostgreSQL) the checks' reads run inside the writer's own
/// transaction, sparing the request a connection and a thread of its own;
/// with one (SQLite) they run first on a pooled connection, so the writer
/// does nothing but write.
async fn check_and_store(state: &AppState, sent: Sent, from: Sender) -> Result<Done, AppError> {
    if state.writer.is_parallel() {
        return state
            .write(move |conn| {
                let outcome = sent.check(conn)?;
                store_checked(conn, outcome, &from)
            })
            .await;
    }
    match state.db(move |conn| sent.check(conn)).await? {
        Outcome::Ready(ready) => state
            .write(move |conn| store(conn, &ready, &from))
            .await
            .map(Done::Stored),
        refused => Ok(Done::Refused(Box::new(refused))),
    }
}

/// Store a form that passed its checks; one that did not stays refused.
fn store_checked(conn: &mut DbConn, outcome: Outcome, from: &Sender) -> Result<Done, AppError> {
    match outcome {
        Outcome::Ready(ready) => store(conn, &ready, from).map(Done::Stored),
        refused => Ok(Done::Refused(Box::new(refused))),
    }
}

fn prepare(
    conn: &mut DbConn,
    w: &Where,
    draft: Draft,
    letter: Result<Option<Letter>, Refusal>,
    session: &str,
) -> Result<Outcome, AppError> {
    let subject = load_subject(conn, w)?;
    let now = now();
    if let Period::Closed { elsewhere } = period(conn, &subject, now)? {
        return Ok(Outcome::Closed(subject, elsewhere));
    }
    let checked = submit::validate(&draft, subject.proposals());
    let valid = match (checked, letter) {
        (Ok(v), Ok(letter)) => v.against(subject.clause.as_ref()).with_letter(letter),
        (checked, letter) => {
            let mut errors = checked.err().unwrap_or_default();
            if let Err(r) = letter {
                errors.push(FieldError {
                    field: upload::LETTER_FIELD,
                    message: r.message(),
                });
            }
            return Ok(Outcome::Invalid(subject, draft, errors));
        }
    };
    let key = submit::submission_key(session, &subject.target(), &valid);
    Ok(Outcome::Ready(Box::new(Ready {
        subject,
        valid,
        key,
        now,
    })))
}

/// Store a checked submission: runs in the group writer, in its own
/// savepoint of a batch (SQLite) or its own transaction (PostgreSQL). An
/// identical submission sent before finds the comment
/// it stored; the rate limit counts only what commits.
fn store(conn: &mut DbConn, ready: &Ready, from: &Sender) -> Result<i32, AppError> {
    if let Some(t) = &from.kept {
        drafts_kept::forget(conn, t, &drafts_kept::place(&ready.subject), ready.now)?;
    }
    let limit = limits::comment_limit(
        conn,
        &ready.valid.email,
        from.remembered.as_deref(),
        &from.addr,
    )?;
    // Both locks in one statement: an identical form sent twice waits for
    // the first, and one sender's submissions are counted one at a time.
    RateEvent::lock_all(
        conn,
        &[
            (submit::SUBMISSION_LOCK, &ready.key),
            (limit.bucket, &limit.key),
        ],
    )?;
    if let Some(first) = submit::earlier_submission_locked(conn, &ready.key, ready.now)? {
        return Ok(first.id);
    }
    security::rate_limit_locked(conn, limit.bucket, &limit.key, limit.max, HOUR)?;
    let done = submit::submit(
        conn,
        &from.settings,
        &ready.subject.target(),
        &ready.valid,
        from.remembered.as_deref(),
        Some(&ready.key),
        ready.now,
    )?;
    Ok(done.comment.id)
}

fn sender(req: &HttpRequest, state: &AppState) -> Sender {
    Sender {
        addr: security::client_addr(req),
        remembered: req.cookie(REMEMBER_COOKIE).map(|c| c.value().to_string()),
        session: csrf::token(req),
        kept: kept_token(req),
        settings: settings(state),
    }
}

/// Post/Redirect/Get: reloading the answer does not send the form again.
fn to_receipt(req: &HttpRequest, id: i32) -> Result<HttpResponse, AppError> {
    keep_receipt(req, id);
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, urls::receipt(id)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}

/// The form again with the problems found: 413 when the letter was too
/// large, 400 otherwise. A file chosen is not in it any more; unless the
/// letter itself was the problem, a line next to the input says so.
fn invalid_page(
    req: &HttpRequest,
    s: Subject,
    draft: Draft,
    errors: Vec<FieldError>,
    file: (bool, bool),
) -> Result<HttpResponse, AppError> {
    let (chosen, too_large) = file;
    let letter_refused = errors.iter().any(|e| e.field == upload::LETTER_FIELD);
    let mut page = form_page(req, s, draft, errors);
    if chosen && !letter_refused {
        page.letter_note = Some(letter_notes::NOT_SENT);
    }
    let status = if too_large {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::BAD_REQUEST
    };
    private_page(status, &page)
}

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    w: Where,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    let Posted { form, file } = posted;
    csrf::verify(&req, &form.csrf_token)?;
    if !form.website.trim().is_empty() {
        return refused_page();
    }
    let chosen = file.name().is_some();
    if form.is_gather() {
        return gather::gather(&req, &state, w, form.draft(), chosen).await;
    }
    if form.is_keep() {
        let note = chosen.then_some(letter_notes::KEPT);
        return save_draft(&req, &state, w, form.draft(), note).await;
    }
    let preview = form.is_preview();
    let from = sender(&req, &state);
    let too_large = file.too_large();
    let draft = form.draft();
    let typed = draft.clone();
    let sent = Sent {
        place: w.clone(),
        draft,
        letter: file.check(),
        session: from.session.clone(),
    };
    // A preview only reads: nothing is stored, mailed or counted.
    let outcome = if preview {
        state.db(move |conn| sent.check(conn)).await?
    } else {
        match check_and_store(&state, sent, from).await {
            Ok(Done::Stored(id)) => return to_receipt(&req, id),
            Ok(Done::Refused(outcome)) => *outcome,
            Err(AppError::TooManyRequests { retry_after }) => {
                let subject = state.db(move |conn| load_subject(conn, &w)).await?;
                let note = chosen.then_some(letter_notes::NOT_SENT);
                return too_many_page(&req, subject, typed, retry_after, note);
            }
            Err(err) => return Err(err),
        }
    };
    match outcome {
        Outcome::Ready(ready) => preview_page(&req, ready.subject, &ready.valid, typed),
        Outcome::Closed(s, elsewhere) => closed_page(&s, elsewhere.as_deref()),
        Outcome::Invalid(s, draft, errors) => {
            invalid_page(&req, s, draft, errors, (chosen, too_large))
        }
    }
}

/// Where a comment's page of origin is: its parent, its clause, or its version.
fn origin_href(standard: &Standard, version: &Version, c: &Comment) -> String {
    match c.parent_id {
        Some(p) => urls::comment(p),
        None => urls::place(&standard.slug, &version.label, c.clause_key.as_deref()),
    }
}

/// `GET /receipts/{id}`: the answer to a comment form, for the browser that
/// sent it (and only that one: an unconfirmed comment is nobody else's
/// business).
pub async fn receipt(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if !has_receipt(&req, id) {
        return Err(AppError::NotFound);
    }
    let r = state.db(move |conn| Ok(submit::receipt(conn, id)?)).await?;
    let tz = r.standard.tz();
    let c = &r.comment;
    let (mail_later, expires) = match r.link {
        Some((send_at, expires)) => (
            (send_at > now()).then(|| local_time(send_at, tz)),
            local_time(expires, tz),
        ),
        None => (None, String::new()),
    };
    let page = SubmittedPage {
        version_label: r.version.label.clone(),
        target_label: r.clause_label.clone(),
        back_href: origin_href(&r.standard, &r.version, c),
        tracking_number: c.tracking_number.clone(),
        comment_id: c.id,
        awaiting_verification: c.status() == CommentStatus::Unverified,
        published: c.status() == CommentStatus::Published,
        mail_later,
        expires,
        time_zone: r.standard.time_zone.clone(),
        mails_per_hour: crate::comments::confirm_mail::MAILS_PER_HOUR,
        standard: r.standard,
    };
    private_page(StatusCode::OK, &page)
}

/// A filled-in honeypot: refuse without saying why, and store nothing.
fn refused_page() -> Result<HttpResponse, AppError> {
    refusal(
        StatusCode::BAD_REQUEST,
        &crate::i18n::t("comment-refused-title"),
        &crate::i18n::t("comment-refused-text"),
    )
}

/// `POST /standards/{slug}/{label}/clauses/{key}/comments`
pub async fn create_clause_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    let (slug, label, key) = path.into_inner();
    create(req, state, Where::Clause { slug, label, key }, posted).await
}

/// `POST /standards/{slug}/{label}/comments`
pub async fn create_version_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    create(req, state, Where::Version { slug, label }, posted).await
}

/// `POST /comments/{id}/replies`
pub async fn create_reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    create(req, state, Where::Reply(path.into_inner()), posted).await
}

#[derive(Template)]
#[template(path = "comments/notice.html")]
struct NoticePage<'a> {
    title: &'a str,
    message: &'a str,
    back_href: &'a str,
    back_text: &'a str,
}

/// A short page saying what happened, with one link onwards: the answer to
/// a renewed link or a flag.
pub(super) fn notice(
    title: &str,
    message: &str,
    back_href: &str,
    back_text: &str,
) -> Result<HttpResponse, AppError> {
    let page = NoticePage {
        title,
        message,
        back_href,
        back_text,
    };
    private_page(StatusCode::OK, &page)
}
