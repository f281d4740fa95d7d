//! Public comment pages: the comment and reply forms, submission,
//! verification links, permalinks, flags, unsubscribe, and the comment
//! parts of the clause and version pages. Domain rules live in
//! `crate::comments`; these handlers check the request (CSRF token,
//! honeypot, comment window, rate limit) and render the answer.
//!
//! Pages with a form embed this browser's CSRF token and are never cached.
//! No page, feed or API answer built here carries an email address.

use std::collections::HashMap;
use std::time::Duration;

use actix_session::SessionExt;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use diesel::{OptionalExtension, QueryResult};
use serde::Deserialize;

use super::pages::{error_page, find_published, published};
use super::respond::private_page;
use super::views::{local_time, ClauseView, VersionView};
use super::{csrf, security, AppState};
use crate::comments::carry::{self, Carried, CarryForward};
use crate::comments::moderation::{self, ModerationError};
use crate::comments::submit::{self, Draft, FieldError, Target, VerifyError};
use crate::comments::threads::{CommentView, Thread};
use crate::comments::Settings;
use crate::db::models::{
    ClauseRow, Comment, CommentKind, CommentStatus, Commenter, LedgerRow, Standard, Version,
};
use crate::db::{write_tx, DbConn};
use crate::error::AppError;

/// The cookie that lets a verified commenter comment again from the same
/// browser without another link. Holds a random token; only its hash is stored.
pub const REMEMBER_COOKIE: &str = "docket_commenter";
/// Comments and replies accepted per client address per hour.
pub const COMMENTS_PER_HOUR: u32 = 10;
/// Flags accepted per client address per hour.
pub const FLAGS_PER_HOUR: u32 = 20;
const HOUR: Duration = Duration::from_secs(3600);

pub(crate) fn settings(state: &AppState) -> Settings {
    Settings {
        base_url: state.config.base_url.trim_end_matches('/').to_string(),
        moderation: state.config.moderation,
    }
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// "2.3" or "“Heading”": how a link names a clause briefly.
fn short_label(c: &ClauseRow) -> String {
    if c.number.is_empty() {
        format!("“{}”", c.heading)
    } else {
        c.number.clone()
    }
}

/// What a form comments on.
pub struct Subject {
    standard: Standard,
    version: Version,
    clause: Option<ClauseRow>,
    parent: Option<(Comment, CommentView)>,
}

impl Subject {
    fn target_label(&self) -> String {
        match &self.clause {
            Some(c) if !c.number.is_empty() => format!("clause {} ({})", c.number, c.heading),
            Some(c) => format!("“{}”", c.heading),
            None => "the whole version".to_string(),
        }
    }

    /// Where the form posts.
    fn action(&self) -> String {
        match (&self.parent, &self.clause) {
            (Some((p, _)), _) => format!("/comments/{}/replies", p.id),
            (None, Some(c)) => format!(
                "/standards/{}/{}/clauses/{}/comments",
                self.standard.slug, self.version.label, c.clause_key
            ),
            (None, None) => format!(
                "/standards/{}/{}/comments",
                self.standard.slug, self.version.label
            ),
        }
    }

    /// Where to go back to.
    fn back_href(&self) -> String {
        match (&self.parent, &self.clause) {
            (Some((p, _)), _) => format!("/comments/{}", p.id),
            (None, Some(c)) => format!(
                "/standards/{}/{}/clauses/{}",
                self.standard.slug, self.version.label, c.clause_key
            ),
            (None, None) => format!("/standards/{}/{}", self.standard.slug, self.version.label),
        }
    }

    /// Proposed replacement text is offered for a clause, not for replies.
    fn proposals(&self) -> bool {
        self.clause.is_some() && self.parent.is_none()
    }
}

/// Which form: on a clause, on a whole version, or a reply.
enum Where {
    Clause {
        slug: String,
        label: String,
        key: String,
    },
    Version {
        slug: String,
        label: String,
    },
    Reply(i32),
}

fn load_subject(conn: &mut DbConn, w: &Where) -> Result<Subject, AppError> {
    match w {
        Where::Clause { slug, label, key } => {
            let (standard, version) = find_published(conn, slug, label)?;
            let clause = ClauseRow::by_key(conn, version.id, key)?;
            Ok(Subject {
                standard,
                version,
                clause: Some(clause),
                parent: None,
            })
        }
        Where::Version { slug, label } => {
            let (standard, version) = find_published(conn, slug, label)?;
            Ok(Subject {
                standard,
                version,
                clause: None,
                parent: None,
            })
        }
        Where::Reply(id) => {
            let (parent, author) = Comment::with_author(conn, *id)?;
            // Only a published comment can be answered.
            if parent.status() != CommentStatus::Published {
                return Err(AppError::NotFound);
            }
            let (standard, version) = Comment::place(conn, parent.version_id)?;
            if !version.status().is_published() {
                return Err(AppError::NotFound);
            }
            let clause = match &parent.clause_key {
                Some(k) => ClauseRow::by_key(conn, version.id, k).optional()?,
                None => None,
            };
            let view = CommentView::new(&parent, &author, standard.tz(), clause.as_ref(), None);
            Ok(Subject {
                standard,
                version,
                clause,
                parent: Some((parent, view)),
            })
        }
    }
}

/// A radio button of the comment type.
pub struct KindOption {
    pub value: &'static str,
    pub name: &'static str,
    pub hint: &'static str,
}

fn kind_options() -> Vec<KindOption> {
    CommentKind::ALL
        .iter()
        .map(|k| KindOption {
            value: k.as_str(),
            name: k.display(),
            hint: match k {
                CommentKind::General => "about what the clause asks for, or why",
                CommentKind::Technical => "about whether it can be carried out, or how",
                CommentKind::Editorial => "about wording, spelling or layout",
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "comments/form.html")]
struct FormPage {
    standard: Standard,
    version: VersionView,
    time_zone: String,
    target_label: String,
    clause: Option<ClauseView>,
    parent: Option<CommentView>,
    action: String,
    back_href: String,
    proposals: bool,
    csrf_token: String,
    draft: Draft,
    errors: Vec<FieldError>,
    kinds: Vec<KindOption>,
    max_body: usize,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    fn kind_checked(&self, value: &str) -> bool {
        if self.draft.kind.is_empty() {
            value == "general"
        } else {
            self.draft.kind == value
        }
    }
}

fn form_page(req: &HttpRequest, s: Subject, draft: Draft, errors: Vec<FieldError>) -> FormPage {
    let tz = s.standard.tz();
    FormPage {
        version: VersionView::new(&s.version, tz),
        time_zone: s.standard.time_zone.clone(),
        target_label: s.target_label(),
        clause: s.clause.as_ref().map(ClauseView::new),
        action: s.action(),
        back_href: s.back_href(),
        proposals: s.proposals(),
        parent: s.parent.map(|(_, v)| v),
        csrf_token: csrf::token(req),
        draft,
        errors,
        kinds: kind_options(),
        max_body: crate::comments::MAX_BODY_CHARS,
        standard: s.standard,
    }
}

/// The page shown instead of a form, or after a refused submission, when
/// the comment period is not open.
fn closed_page(s: &Subject) -> HttpResponse {
    let tz = s.standard.tz();
    let window = match (s.version.comment_opens, s.version.comment_closes) {
        (Some(o), Some(c)) => format!(
            " Its comment period runs from {} to {}.",
            local_time(o, tz),
            local_time(c, tz)
        ),
        _ => " It has no comment period.".to_string(),
    };
    error_page(
        StatusCode::CONFLICT,
        "Comments are closed",
        &format!(
            "Version {} of {} is not open for comment now, so nothing was saved.{window} You can still read every comment made.",
            s.version.label, s.standard.title
        ),
    )
}

async fn show_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    w: Where,
) -> Result<HttpResponse, AppError> {
    let subject = state.db(move |conn| load_subject(conn, &w)).await?;
    if !subject.version.is_open_at(now()) {
        return Ok(closed_page(&subject));
    }
    let page = form_page(&req, subject, Draft::default(), Vec::new());
    private_page(StatusCode::OK, &page)
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

/// The comment form as posted.
#[derive(Debug, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    proposed_text: String,
    #[serde(default)]
    csrf_token: String,
    /// The honeypot: hidden from people and screen readers, so only a
    /// robot fills it in.
    #[serde(default)]
    website: String,
}

impl CommentForm {
    fn draft(self) -> Draft {
        Draft {
            name: self.name,
            email: self.email,
            organization: self.organization,
            kind: self.kind,
            body: self.body,
            proposed_text: self.proposed_text,
        }
    }
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
    Closed(Subject),
    Invalid(Subject, Draft, Vec<FieldError>),
    /// Stored now, or by an identical submission before: the comment's id.
    Stored(i32),
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

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    w: Where,
    form: CommentForm,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    if !form.website.trim().is_empty() {
        return Ok(refused_page());
    }
    let addr = security::client_addr(&req);
    let remembered = req.cookie(REMEMBER_COOKIE).map(|c| c.value().to_string());
    // The browser session's secret: the CSRF token just checked.
    let session = csrf::token(&req);
    let settings = settings(&state);
    let draft = form.draft();
    // Nothing is stored unless the write transaction commits; a failure
    // says so (`AppError::NotSaved`).
    let outcome = state
        .write(move |conn| {
            let subject = load_subject(conn, &w)?;
            let now = now();
            if !subject.version.is_open_at(now) {
                return Ok(Outcome::Closed(subject));
            }
            let valid = match submit::validate(&draft, subject.proposals()) {
                Ok(v) => v,
                Err(errors) => return Ok(Outcome::Invalid(subject, draft, errors)),
            };
            let target = Target {
                standard: &subject.standard,
                version: &subject.version,
                clause_key: subject.clause.as_ref().map(|c| c.clause_key.as_str()),
                clause_label: subject.target_label(),
                parent: subject.parent.as_ref().map(|(p, _)| p),
            };
            let key = submit::submission_key(&session, &target, &valid);
            let id = write_tx(conn, |conn| {
                if let Some(first) = submit::earlier_submission(conn, &key, now)? {
                    return Ok::<_, AppError>(first.id);
                }
                security::rate_limit(conn, "comment", &addr, COMMENTS_PER_HOUR, HOUR)?;
                let done = submit::submit(
                    conn,
                    &settings,
                    &target,
                    &valid,
                    remembered.as_deref(),
                    Some(&key),
                    now,
                )?;
                Ok(done.comment.id)
            })?;
            Ok(Outcome::Stored(id))
        })
        .await?;
    match outcome {
        Outcome::Closed(s) => Ok(closed_page(&s)),
        Outcome::Invalid(s, draft, errors) => {
            let page = form_page(&req, s, draft, errors);
            private_page(StatusCode::BAD_REQUEST, &page)
        }
        Outcome::Stored(id) => {
            // Post/Redirect/Get: reloading the answer does not send the form again.
            keep_receipt(&req, id);
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("/receipts/{id}")))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .finish())
        }
    }
}

/// Where a comment's page of origin is: its parent, its clause, or its version.
fn origin_href(standard: &Standard, version: &Version, c: &Comment) -> String {
    match (c.parent_id, &c.clause_key) {
        (Some(p), _) => format!("/comments/{p}"),
        (None, Some(k)) => format!("/standards/{}/{}/clauses/{k}", standard.slug, version.label),
        (None, None) => format!("/standards/{}/{}", standard.slug, version.label),
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
fn refused_page() -> HttpResponse {
    error_page(
        StatusCode::BAD_REQUEST,
        "Your comment could not be accepted",
        "This submission could not be accepted and nothing was saved. If you are a person, please go back, \
         reload the form and send it again.",
    )
}

/// `POST /standards/{slug}/{label}/clauses/{key}/comments`
pub async fn create_clause_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, label, key) = path.into_inner();
    create(
        req,
        state,
        Where::Clause { slug, label, key },
        form.into_inner(),
    )
    .await
}

/// `POST /standards/{slug}/{label}/comments`
pub async fn create_version_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    create(
        req,
        state,
        Where::Version { slug, label },
        form.into_inner(),
    )
    .await
}

/// `POST /comments/{id}/replies`
pub async fn create_reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse, AppError> {
    create(
        req,
        state,
        Where::Reply(path.into_inner()),
        form.into_inner(),
    )
    .await
}

#[derive(Template)]
#[template(path = "comments/verified.html")]
struct VerifiedPage {
    tracking_number: String,
    comment_id: i32,
    published: bool,
    back_href: String,
    target_label: String,
    standard_title: String,
    version_label: String,
}

#[derive(Template)]
#[template(path = "comments/link_problem.html")]
struct LinkProblemPage {
    title: &'static str,
    message: &'static str,
    /// Offer a fresh link (the old one expired unused).
    renew: Option<String>,
    csrf_token: String,
}

fn link_problem(
    req: &HttpRequest,
    err: VerifyError,
    token: &str,
) -> Result<HttpResponse, AppError> {
    let (status, title, message, renew) = match err {
        VerifyError::Unknown => (
            StatusCode::NOT_FOUND,
            "This link is not valid",
            "This verification link is not one we sent, or it was copied incompletely. Nothing was changed. \
             Open the link from the email again, or copy all of it into the address bar.",
            false,
        ),
        VerifyError::Expired => (
            StatusCode::GONE,
            "This link has expired",
            "Verification links work for 48 hours, and this one is older. Nothing was changed: your comment is \
             kept but not shown. We can send a new link to the same address.",
            true,
        ),
        VerifyError::Used => (
            StatusCode::GONE,
            "This link was already used",
            "Each verification link works once, and this one has been used to confirm its comment already. Nothing was changed. \
             If it was you who confirmed it, your comment is verified: the receipt we sent has its tracking number.",
            false,
        ),
        VerifyError::Db(e) => return Err(e.into()),
    };
    let page = LinkProblemPage {
        title,
        message,
        renew: renew.then(|| format!("/verify/{token}/renew")),
        csrf_token: if renew {
            csrf::token(req)
        } else {
            String::new()
        },
    };
    private_page(status, &page)
}

fn plausible_link(token: &str) -> bool {
    token.len() <= 128 && token.chars().all(|c| c.is_ascii_hexdigit())
}

#[derive(Template)]
#[template(path = "comments/confirm.html")]
struct ConfirmPage {
    action: String,
    csrf_token: String,
    tracking_number: String,
    target_label: String,
    standard_title: String,
    version_label: String,
    name: String,
    organization: Option<String>,
    body_html: String,
    expires: String,
    time_zone: String,
}

/// `GET /verify/{token}`: the link in the verification email. Shows the
/// comment and a button; opening the link (as mail scanners do) changes
/// nothing and sets no cookie.
pub async fn verify_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if !plausible_link(&token) {
        return link_problem(&req, VerifyError::Unknown, "");
    }
    let t = token.clone();
    let result = state
        .db(move |conn| match submit::inspect(conn, &t, now()) {
            Ok(u) => Ok(Ok(u)),
            Err(VerifyError::Db(e)) => Err(e.into()),
            Err(e) => Ok(Err(e)),
        })
        .await?;
    let u = match result {
        Ok(u) => u,
        Err(e) => return link_problem(&req, e, &token),
    };
    let tz = u.standard.tz();
    let page = ConfirmPage {
        action: format!("/verify/{token}"),
        csrf_token: csrf::token(&req),
        tracking_number: u.comment.tracking_number.clone(),
        target_label: u.clause_label,
        standard_title: u.standard.title.clone(),
        version_label: u.version.label.clone(),
        name: u.display_name,
        organization: u.organization,
        body_html: u.comment.body_html.clone(),
        expires: local_time(u.expires_at, tz),
        time_zone: u.standard.time_zone.clone(),
    };
    private_page(StatusCode::OK, &page)
}

/// `POST /verify/{token}`: the button on the page the link opens. Confirms
/// the comment, and gives the "remembered" cookie to this browser.
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let token = path.into_inner();
    if !plausible_link(&token) {
        return link_problem(&req, VerifyError::Unknown, "");
    }
    let settings = settings(&state);
    let t = token.clone();
    let result = state
        .db(move |conn| {
            let v = match submit::verify(conn, &settings, &t, now()) {
                Ok(v) => v,
                Err(VerifyError::Db(e)) => return Err(e.into()),
                Err(e) => return Ok(Err(e)),
            };
            let (standard, version) = Comment::place(conn, v.comment.version_id)?;
            let label =
                crate::comments::clause_label(conn, &version, v.comment.clause_key.as_deref())?;
            Ok(Ok((v, standard, version, label)))
        })
        .await?;
    let (v, standard, version, target_label) = match result {
        Ok(x) => x,
        Err(e) => return link_problem(&req, e, &token),
    };
    let back_href = match &v.comment.clause_key {
        Some(k) => format!("/standards/{}/{}/clauses/{k}", standard.slug, version.label),
        None => format!("/standards/{}/{}", standard.slug, version.label),
    };
    let page = VerifiedPage {
        tracking_number: v.comment.tracking_number.clone(),
        comment_id: v.comment.id,
        published: v.comment.status() == CommentStatus::Published,
        back_href,
        target_label,
        standard_title: standard.title,
        version_label: version.label,
    };
    let mut resp = private_page(StatusCode::OK, &page)?;
    let cookie = Cookie::build(REMEMBER_COOKIE, v.remember_token)
        .path("/")
        .http_only(true)
        .secure(state.config.base_url.starts_with("https://"))
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish();
    resp.add_cookie(&cookie).map_err(AppError::internal)?;
    Ok(resp)
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "comments/notice.html")]
struct NoticePage {
    title: String,
    message: String,
    back_href: String,
    back_text: String,
}

/// `POST /verify/{token}/renew`: a new link for an expired one.
pub async fn renew(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let token = path.into_inner();
    let settings = settings(&state);
    let t = token.clone();
    let result = state
        .db(
            move |conn| match submit::renew(conn, &settings, &t, now()) {
                Ok(_) => Ok(Ok(())),
                Err(VerifyError::Db(e)) => Err(e.into()),
                Err(e) => Ok(Err(e)),
            },
        )
        .await?;
    if let Err(e) = result {
        return link_problem(&req, e, &token);
    }
    private_page(
        StatusCode::OK,
        &NoticePage {
            title: "Check your email".to_string(),
            message: "We sent a new verification link to the address you gave with your comment. It works once, \
                      for 48 hours. Your comment is shown once you open it."
                .to_string(),
            back_href: "/".to_string(),
            back_text: "Go to the list of standards".to_string(),
        },
    )
}

#[derive(Template)]
#[template(path = "comments/permalink.html")]
struct PermalinkPage {
    standard: Standard,
    version: VersionView,
    target_label: String,
    back_href: String,
    comment: CommentView,
    thread: Thread,
    open: bool,
    csrf_token: String,
}

/// `GET /comments/{id}`: a comment with its replies.
pub async fn permalink(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let page = state
        .db(move |conn| {
            let (c, author) = Comment::with_author(conn, id)?;
            if !c.is_public() {
                return Err(AppError::NotFound);
            }
            let (standard, version) = Comment::place(conn, c.version_id)?;
            if !version.status().is_published() {
                return Err(AppError::NotFound);
            }
            let clause = match &c.clause_key {
                Some(k) => ClauseRow::by_key(conn, version.id, k).optional()?,
                None => None,
            };
            let rows = Comment::subtree(conn, &c)?;
            let tz = standard.tz();
            let mut thread = Thread::build(&rows, tz, clause.as_ref());
            crate::comments::dispositions::attach(conn, &standard, &mut thread)?;
            let in_reply_to = match c.parent_id {
                Some(pid) => {
                    let (p, pa) = Comment::with_author(conn, pid)?;
                    Some(crate::comments::threads::ReplyTo {
                        id: p.id,
                        name: if p.status() == CommentStatus::Published {
                            pa.display_name
                        } else {
                            "an earlier comment".to_string()
                        },
                    })
                }
                None => None,
            };
            let comment = CommentView::new(&c, &author, tz, clause.as_ref(), in_reply_to);
            let target_label =
                crate::comments::clause_label(conn, &version, c.clause_key.as_deref())?;
            let back_href = match &c.clause_key {
                Some(k) => format!(
                    "/standards/{}/{}/clauses/{k}#comments",
                    standard.slug, version.label
                ),
                None => format!("/standards/{}/{}#comments", standard.slug, version.label),
            };
            Ok(PermalinkPage {
                version: VersionView::new(&version, tz),
                open: version.is_open_now(),
                target_label,
                back_href,
                comment,
                thread,
                csrf_token: String::new(),
                standard,
            })
        })
        .await?;
    let page = PermalinkPage {
        csrf_token: csrf::token(&req),
        ..page
    };
    private_page(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

/// `POST /comments/{id}/flag`: ask the moderators to look at a comment.
pub async fn flag(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<FlagForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let id = path.into_inner();
    let addr = security::client_addr(&req);
    let reason = form.into_inner().reason;
    let c = state
        .db(move |conn| {
            write_tx(conn, |conn| {
                security::rate_limit(conn, "flag", &addr, FLAGS_PER_HOUR, HOUR)?;
                match moderation::flag(conn, id, &reason, now()) {
                    Ok(c) => Ok(c),
                    Err(ModerationError::Refused(msg)) => Err(AppError::BadRequest(msg)),
                    Err(ModerationError::Db(e)) => Err(e.into()),
                }
            })
        })
        .await?;
    private_page(
        StatusCode::OK,
        &NoticePage {
            title: "Thank you for the report".to_string(),
            message: format!(
                "Comment {} is now in the moderators' queue. They will keep it, or hide it with a public reason.",
                c.tracking_number
            ),
            back_href: format!("/comments/{}", c.id),
            back_text: "Back to the comment".to_string(),
        },
    )
}

#[derive(Template)]
#[template(path = "comments/unsubscribe.html")]
struct UnsubscribePage {
    action: String,
    csrf_token: String,
    done: bool,
}

fn valid_token(token: &str) -> bool {
    !token.is_empty() && token.len() <= 128 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// `GET /unsubscribe/{token}`: confirm stopping reply notices.
pub async fn unsubscribe_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if !valid_token(&token) {
        return Err(AppError::NotFound);
    }
    let t = token.clone();
    state
        .db(move |conn| {
            Commenter::by_unsubscribe_token(conn, &t)?.ok_or(AppError::NotFound)?;
            Ok(())
        })
        .await?;
    private_page(
        StatusCode::OK,
        &UnsubscribePage {
            action: format!("/unsubscribe/{token}"),
            csrf_token: csrf::token(&req),
            done: false,
        },
    )
}

/// `POST /unsubscribe/{token}`: stop reply notices. The unguessable token
/// is the authority here, so mail programs' one-click unsubscribe (a POST
/// without the form's CSRF token) works too.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if !valid_token(&token) {
        return Err(AppError::NotFound);
    }
    let t = token.clone();
    state
        .db(move |conn| {
            write_tx(conn, |conn| {
                let c = Commenter::by_unsubscribe_token(conn, &t)?.ok_or(AppError::NotFound)?;
                Commenter::set_notify_replies(conn, c.id, false)?;
                Ok(())
            })
        })
        .await?;
    private_page(
        StatusCode::OK,
        &UnsubscribePage {
            action: format!("/unsubscribe/{token}"),
            csrf_token: String::new(),
            done: true,
        },
    )
}

/// The comments part of a clause page.
pub struct ClauseDiscussion {
    pub thread: Thread,
    /// Comments on this clause in earlier versions, with its fate since.
    pub carried: Vec<Carried>,
    pub open: bool,
    pub new_href: String,
    /// "Comment on 2.3", and the accessible name naming the clause.
    pub link_text: String,
    pub link_label: String,
}

impl ClauseDiscussion {
    pub fn count(&self) -> usize {
        self.thread.len()
    }

    pub fn carried_count(&self) -> usize {
        self.carried.iter().map(Carried::count).sum()
    }
}

fn earlier_versions(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
) -> QueryResult<Vec<Version>> {
    Ok(published(Version::for_standard(conn, standard.id)?)
        .into_iter()
        .filter(|v| v.position < version.position)
        .collect())
}

/// Load the comments part of a clause page: the thread (one query) and the
/// comments carried forward from earlier versions.
pub fn clause_discussion(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clause: &ClauseRow,
    all_clauses: &[ClauseRow],
) -> QueryResult<ClauseDiscussion> {
    let rows = Comment::thread(conn, version.id, Some(&clause.clause_key))?;
    let earlier = earlier_versions(conn, standard, version)?;
    let carried = carry::load(
        conn,
        standard,
        &earlier,
        version,
        all_clauses,
        Some(&clause.clause_key),
    )?;
    let mut thread = Thread::build(&rows, standard.tz(), Some(clause));
    crate::comments::dispositions::attach(conn, standard, &mut thread)?;
    Ok(ClauseDiscussion {
        thread,
        carried: carried.for_key(&clause.clause_key).to_vec(),
        open: version.is_open_now(),
        new_href: format!(
            "/standards/{}/{}/clauses/{}/comments/new",
            standard.slug, version.label, clause.clause_key
        ),
        link_text: format!("Comment on {}", short_label(clause)),
        link_label: format!("Comment on {}: {}", short_label(clause), clause.heading),
    })
}

/// The comments part of a version page.
pub struct VersionDiscussion {
    /// Published comments per clause key.
    pub counts: HashMap<String, i64>,
    pub carried: CarryForward,
    /// Comments on the whole version.
    pub general: Thread,
    pub open: bool,
    pub new_href: String,
    pub feed_href: String,
}

impl VersionDiscussion {
    pub fn count(&self, key: &str) -> i64 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    pub fn earlier(&self, key: &str) -> usize {
        self.carried.count(key)
    }

    /// "3 comments", "1 comment", "No comments yet".
    pub fn count_text(&self, key: &str) -> String {
        plural(self.count(key), "No comments yet")
    }

    pub fn earlier_text(&self, key: &str) -> String {
        plural(self.earlier(key) as i64, "")
    }
}

fn plural(n: i64, none: &str) -> String {
    match n {
        0 => none.to_string(),
        1 => "1 comment".to_string(),
        n => format!("{n} comments"),
    }
}

/// Load the comments part of a version page: counts per clause (one
/// query), whole-version comments, and comments on earlier versions.
pub fn version_discussion(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clauses: &[ClauseRow],
) -> QueryResult<VersionDiscussion> {
    let counts = Comment::published_counts(conn, version.id)?
        .into_iter()
        .filter_map(|(k, n)| k.map(|k| (k, n)))
        .collect();
    let rows = Comment::thread(conn, version.id, None)?;
    let earlier = earlier_versions(conn, standard, version)?;
    let carried = carry::load(conn, standard, &earlier, version, clauses, None)?;
    let mut general = Thread::build(&rows, standard.tz(), None);
    crate::comments::dispositions::attach(conn, standard, &mut general)?;
    Ok(VersionDiscussion {
        counts,
        carried,
        general,
        open: version.is_open_now(),
        new_href: format!(
            "/standards/{}/{}/comments/new",
            standard.slug, version.label
        ),
        feed_href: format!(
            "/standards/{}/{}/comments.atom",
            standard.slug, version.label
        ),
    })
}

/// Part of a cached page's fingerprint: changes whenever any comment is
/// published or moderated (each such change appends to the ledger).
pub fn comments_stamp(conn: &mut DbConn) -> QueryResult<String> {
    Ok(format!("ledger:{}", LedgerRow::head_seq(conn)?))
}

/// `GET /ledger.json`: the whole integrity ledger, for anyone to check.
pub async fn ledger_json(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    use crate::comments::ledger::{Entry, GENESIS};
    let entries = state
        .db(|conn| {
            let mut out: Vec<Entry> = Vec::new();
            let mut after = 0;
            loop {
                let page = LedgerRow::page(conn, after, 1000)?;
                let Some(last) = page.last() else { break };
                after = last.seq;
                out.extend(page.into_iter().map(Entry::from));
            }
            Ok(out)
        })
        .await?;
    let body = serde_json::json!({
        "description": "Docket's integrity ledger: every publication of a comment or a version, every moderation action, decision and change of a comment's author shown, as a hash chain.",
        "algorithm": "sha256",
        "hash_input": "hex(SHA-256(\"docket-ledger-v1\\n\" + seq + \"\\n\" + kind + \"\\n\" + prev_hash + \"\\n\" + payload)); payload is canonical JSON (compact, keys sorted)",
        "genesis": GENESIS,
        "head_seq": entries.last().map(|e| e.seq),
        "head": entries.last().map(|e| e.hash.clone()),
        "count": entries.len(),
        "entries": entries,
    });
    Ok(super::respond::json(&req, &body))
}

/// `GET /ledger/key`: the public key that signs the ledger's checkpoints
/// (hex), or 404 saying that this site does not sign them.
pub async fn ledger_key(state: web::Data<AppState>) -> HttpResponse {
    let plain = ContentType::plaintext();
    match &state.config.ledger_public_key {
        Some(key) => HttpResponse::Ok().content_type(plain).body(format!("{key}\n")),
        None => HttpResponse::NotFound().content_type(plain).body(
            "This site has no ledger key, so its ledger checkpoints are not signed. \
             The head of the ledger is still in /ledger.json and in the footer of every mail it sends.\n",
        ),
    }
}

/// `GET /ledger/checkpoints.json`: the signed daily checkpoints.
pub async fn ledger_checkpoints(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let key = state.config.ledger_public_key.clone();
    let checkpoints = state
        .db(|conn| Ok(crate::db::models::CheckpointRow::all(conn)?))
        .await?;
    let body = serde_json::json!({
        "description": "Signed checkpoints of the integrity ledger: its head (entry number and hash) once a day, signed with Ed25519. Check the ledger against one with `docket verify --head SEQ:HASH`.",
        "signed": key.is_some(),
        "public_key": key,
        "signed_message": "\"docket-ledger-checkpoint-v1\\n\" + day + \"\\n\" + seq + \"\\n\" + hash + \"\\n\" + signed_at (RFC 3339, UTC, seconds)",
        "checkpoints": checkpoints.iter().map(|c| serde_json::json!({
            "day": c.day,
            "seq": c.seq,
            "hash": c.hash,
            "signed_at": rfc3339(c.signed_at),
            "public_key": c.public_key,
            "signature": c.signature,
        })).collect::<Vec<_>>(),
    });
    Ok(super::respond::json(&req, &body))
}

fn xml_escape(s: &str) -> String {
    crate::standard::markdown::escape(s)
}

fn rfc3339(t: NaiveDateTime) -> String {
    crate::comments::ledger::rfc3339(t)
}

/// `GET /standards/{slug}/{label}/comments.atom`: published comments, newest first.
pub async fn atom(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let base = settings(&state).base_url;
    let xml = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let clauses = ClauseRow::for_version(conn, version.id)?;
            let mut rows: Vec<_> = Comment::public_for_version(conn, version.id)?
                .into_iter()
                .filter(|(c, _)| c.status() == CommentStatus::Published)
                .collect();
            rows.sort_by(|a, b| {
                (b.0.published_at, b.0.id).cmp(&(a.0.published_at, a.0.id))
            });
            let self_href = format!("{base}/standards/{}/{}/comments.atom", standard.slug, version.label);
            let updated = rows
                .iter()
                .filter_map(|(c, _)| c.published_at)
                .max()
                .unwrap_or(version.imported_at);
            let mut out = String::new();
            out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
            out.push_str(&format!(
                "<title>Comments on {}, version {}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/standards/{}/{}#comments\"/>\n<updated>{}</updated>\n",
                xml_escape(&standard.title),
                xml_escape(&version.label),
                xml_escape(&self_href),
                xml_escape(&self_href),
                xml_escape(&standard.slug),
                xml_escape(&version.label),
                rfc3339(updated)
            ));
            for (c, a) in &rows {
                let on = match &c.clause_key {
                    Some(k) => match clauses.iter().find(|cl| &cl.clause_key == k) {
                        Some(cl) if !cl.number.is_empty() => format!("clause {}", cl.number),
                        Some(cl) => format!("“{}”", cl.heading),
                        None => format!("“{k}”"),
                    },
                    None => "the whole version".to_string(),
                };
                let what = if c.parent_id.is_some() { "Reply" } else { "Comment" };
                let href = format!("{base}/comments/{}", c.id);
                let author = match &a.organization {
                    Some(o) => format!("{} ({o})", a.display_name),
                    None => a.display_name.clone(),
                };
                let when = rfc3339(c.published_at.unwrap_or(c.created_at));
                out.push_str(&format!(
                    "<entry>\n<title>{} on {} by {} ({})</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<published>{when}</published>\n<updated>{when}</updated>\n<author><name>{}</name></author>\n<content type=\"html\">{}</content>\n</entry>\n",
                    what,
                    xml_escape(&on),
                    xml_escape(&a.display_name),
                    xml_escape(&c.tracking_number),
                    xml_escape(&href),
                    xml_escape(&href),
                    xml_escape(&author),
                    xml_escape(&c.body_html),
                ));
            }
            out.push_str("</feed>\n");
            Ok(out)
        })
        .await?;
    let content_type: actix_web::mime::Mime = "application/atom+xml; charset=utf-8"
        .parse()
        .map_err(AppError::internal)?;
    Ok(super::respond::with_etag(
        &req,
        ContentType(content_type),
        xml.into_bytes(),
    ))
}

/// One comment in the API, with its replies nested.
#[derive(Debug, serde::Serialize)]
pub struct ApiComment {
    pub id: i32,
    pub tracking_number: String,
    pub clause_key: Option<String>,
    pub parent_id: Option<i32>,
    /// `published`, or `hidden` / `spam` for a tombstone (no text).
    pub status: String,
    pub kind: Option<String>,
    pub author: Option<String>,
    pub organization: Option<String>,
    pub created_at: String,
    pub published_at: Option<String>,
    pub hidden_reason: Option<String>,
    pub body_markdown: Option<String>,
    pub body_html: Option<String>,
    pub proposed_text: Option<String>,
    /// The editors' decision, once recorded.
    pub disposition: Option<ApiDisposition>,
    pub replies: Vec<ApiComment>,
}

/// An editors' decision in the API.
#[derive(Debug, serde::Serialize)]
pub struct ApiDisposition {
    /// `accepted`, `accepted_modified`, `not_accepted`, `noted`, `duplicate` or `out_of_scope`.
    pub outcome: &'static str,
    pub rationale: String,
    /// Where it is resolved, in words ("version 2, clause 1.2 (Chain of custody)").
    pub resolved_in: Option<String>,
}

/// Rows in path order (parents before their replies) → nested threads.
fn nest(
    rows: Vec<(Comment, crate::db::models::Author)>,
    mut notes: HashMap<i32, crate::comments::dispositions::DispositionNote>,
) -> Vec<ApiComment> {
    let index: HashMap<i32, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.id, i))
        .collect();
    let mut slots: Vec<Option<ApiComment>> = rows
        .into_iter()
        .map(|(c, a)| {
            let live = c.status() == CommentStatus::Published;
            Some(ApiComment {
                id: c.id,
                tracking_number: c.tracking_number.clone(),
                clause_key: c.clause_key.clone(),
                parent_id: c.parent_id,
                status: c.status.clone(),
                kind: live.then(|| c.kind.clone()),
                author: live.then(|| a.display_name.clone()),
                organization: if live { a.organization.clone() } else { None },
                created_at: rfc3339(c.created_at),
                published_at: c.published_at.map(rfc3339),
                hidden_reason: c.hidden_reason.clone(),
                body_markdown: live.then(|| c.body_md.clone()),
                body_html: live.then(|| c.body_html.clone()),
                proposed_text: if live { c.proposed_text.clone() } else { None },
                disposition: notes.remove(&c.id).map(|n| ApiDisposition {
                    outcome: n.outcome.as_str(),
                    rationale: n.rationale,
                    resolved_in: n.resolved_text,
                }),
                replies: Vec::new(),
            })
        })
        .collect();
    // Last first, so each reply is moved under its parent before the parent moves.
    for i in (0..slots.len()).rev() {
        let parent = slots[i]
            .as_ref()
            .and_then(|n| n.parent_id)
            .and_then(|p| index.get(&p).copied())
            .filter(|&j| j < i);
        if let Some(j) = parent {
            if let Some(node) = slots[i].take() {
                if let Some(p) = slots[j].as_mut() {
                    p.replies.insert(0, node);
                }
            }
        }
    }
    slots.into_iter().flatten().collect()
}

/// `GET /api/v1/standards/{slug}/versions/{label}/comments`
pub async fn api_comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, crate::error::ApiError> {
    let (slug, label) = path.into_inner();
    let body = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let rows = Comment::public_for_version(conn, version.id)?;
            let count = rows.len();
            // Whole-version threads first, then by clause key; each in path order.
            let mut rows = rows;
            rows.sort_by(|a, b| (&a.0.clause_key, &a.0.path).cmp(&(&b.0.clause_key, &b.0.path)));
            let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
            let notes = crate::comments::dispositions::notes_for(conn, &standard, &ids)?;
            Ok(serde_json::json!({
                "standard": standard.slug,
                "version": version.label,
                "count": count,
                "comments": nest(rows, notes),
            }))
        })
        .await?;
    Ok(super::respond::json(&req, &body))
}
