//! "Add to my list" on the comment form, and the list page that sends the
//! comments gathered from several forms together, to be confirmed by one
//! mail with one link. The rules live in `crate::comments::gathered`.

use actix_session::SessionExt;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::super::respond::private_page;
use super::super::verify::CsrfForm;
use super::super::views::local_time;
use super::super::{csrf, security, AppState};
use super::form::{form_page, kind_name, too_many_answer, too_many_text};
use super::keep::{kept_cookie, kept_token};
use super::{keep_receipt, now, prepare, refused_page, sender, Outcome, HOUR};
use crate::comments::gathered::{self, Checked, Gathered, MAX_GATHERED};
use crate::comments::letters::Letter;
use crate::comments::subject::Where;
use crate::comments::submit::{self, Draft, FieldError};
use crate::comments::{drafts_kept, limits};
use crate::db::models::{CommentKind, CommentStatus};
use crate::error::AppError;

/// The list page's address.
pub const LIST: &str = "/comments/gathered";
/// The session key of the comments the list just sent.
const SENT: &str = "gathered_sent";

fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// "Add to my list": check the comment as if it were sent, keep it in this
/// browser's list and go to the list. A problem gives the form back.
pub(super) async fn gather(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    w: Where,
    draft: Draft,
    letter_chosen: bool,
) -> Result<HttpResponse, AppError> {
    let token = kept_token(req).unwrap_or_else(drafts_kept::new_token);
    let session = csrf::token(req);
    let typed = draft.clone();
    let checked = draft.clone();
    let no_letter: Result<Option<Letter>, _> = Ok(None);
    let outcome = state
        .db(move |conn| prepare(conn, &w, checked, no_letter, &session))
        .await?;
    let ready = match outcome {
        // A list keeps what was typed; a letter goes with a comment sent
        // on its own.
        Outcome::Ready(ready) if letter_chosen => {
            let error = FieldError {
                field: super::upload::LETTER_FIELD,
                message: crate::i18n::t("gather-err-letter"),
            };
            return super::invalid_page(req, ready.subject, typed, vec![error], (false, false));
        }
        Outcome::Ready(ready) => ready,
        Outcome::Closed(s, elsewhere) => return super::closed_page(&s, elsewhere.as_deref()),
        Outcome::Invalid(s, draft, errors) => {
            return super::invalid_page(req, s, draft, errors, (false, false))
        }
    };
    let t = token.clone();
    let (subject, kept) = state
        .write(move |conn| {
            let kept = gathered::gather(conn, &t, &ready.subject, &draft, ready.now)?;
            Ok((ready.subject, kept))
        })
        .await?;
    if !kept {
        let full = FieldError {
            field: "body",
            message: crate::i18n::t1("gather-err-full", "max", MAX_GATHERED),
        };
        let page = form_page(req, subject, typed, vec![full]);
        return private_page(StatusCode::CONFLICT, &page);
    }
    let mut resp = see_other(LIST);
    resp.add_cookie(&kept_cookie(state, token))
        .map_err(AppError::internal)?;
    Ok(resp)
}

/// One comment of the list, as the list page shows it.
struct ItemView {
    id: i32,
    target_label: String,
    standard_title: String,
    version_label: String,
    kind: String,
    body: String,
    proposes: bool,
    edit_href: String,
    problems: Vec<String>,
}

fn item_view(g: &Gathered, problems: Vec<String>) -> ItemView {
    let kind = CommentKind::ALL
        .iter()
        .find(|k| k.as_str() == g.draft.kind)
        .map(|k| kind_name(*k))
        .unwrap_or_default();
    ItemView {
        id: g.id,
        target_label: g.subject.target_label(),
        standard_title: g.subject.standard.title.clone(),
        version_label: g.subject.version.label.clone(),
        kind,
        body: g.draft.body.clone(),
        proposes: g.subject.clause.as_ref().is_some_and(|c| {
            !g.draft.proposed_text.trim().is_empty()
                && !submit::same_text(&g.draft.proposed_text, &c.body_md)
        }),
        edit_href: format!("{}/new", g.subject.action()),
        problems,
    }
}

#[derive(Template)]
#[template(path = "comments/gathered.html")]
struct ListPage {
    items: Vec<ItemView>,
    csrf_token: String,
    contact: Draft,
    errors: Vec<FieldError>,
    /// Why the rate limit held the list back, and for how long.
    refusal: Option<String>,
    max: usize,
}

impl ListPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    fn problems(&self) -> bool {
        !self.errors.is_empty() || self.items.iter().any(|i| !i.problems.is_empty())
    }
}

fn list_page(req: &HttpRequest, checked: Checked, contact: Draft) -> ListPage {
    let Checked {
        list,
        mut problems,
        contact: errors,
        ..
    } = checked;
    problems.resize(list.len(), Vec::new());
    ListPage {
        items: list
            .iter()
            .zip(problems)
            .map(|(g, p)| item_view(g, p))
            .collect(),
        csrf_token: csrf::token(req),
        contact,
        errors,
        refusal: None,
        max: MAX_GATHERED,
    }
}

/// `GET /comments/gathered`: this browser's list, and the form that sends it.
/// The name, address and organisation start as typed with the newest comment.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let token = kept_token(&req);
    let list = match token {
        Some(t) => {
            state
                .db(move |conn| Ok(gathered::list(conn, &t, now())?))
                .await?
        }
        None => Vec::new(),
    };
    let contact = list
        .iter()
        .max_by_key(|g| g.saved_at)
        .map(|g| Draft {
            name: g.draft.name.clone(),
            email: g.draft.email.clone(),
            organization: g.draft.organization.clone(),
            ..Draft::default()
        })
        .unwrap_or_default();
    let checked = Checked::unchecked(list);
    private_page(StatusCode::OK, &list_page(&req, checked, contact))
}

/// The form that sends the list.
#[derive(Debug, Deserialize)]
pub struct SendForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    csrf_token: String,
    /// The honeypot, as on the comment form.
    #[serde(default)]
    website: String,
}

/// `POST /comments/gathered`: check every comment of the list; store them
/// all, each counted against the rate limit, and ask for one link; or
/// give the list back with the problems, or the wait, and nothing stored.
pub async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SendForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    csrf::verify(&req, &form.csrf_token)?;
    if !form.website.trim().is_empty() {
        return refused_page();
    }
    let Some(token) = kept_token(&req) else {
        return Ok(see_other(LIST));
    };
    let contact = Draft {
        name: form.name,
        email: form.email,
        organization: form.organization,
        ..Draft::default()
    };
    let (t, c) = (token.clone(), contact.clone());
    let checked = state
        .db(move |conn| Ok(gathered::check(conn, &t, &c, now())?))
        .await?;
    let items = match checked.ready() {
        Ok(items) => items,
        Err(checked) if checked.list.is_empty() => return Ok(see_other(LIST)),
        Err(checked) => {
            return private_page(StatusCode::BAD_REQUEST, &list_page(&req, checked, contact))
        }
    };
    let from = sender(&req, &state);
    let stored = state
        .write(move |conn| {
            for (_, valid) in &items {
                let limit = limits::comment_limit(
                    conn,
                    &valid.email,
                    from.remembered.as_deref(),
                    &from.addr,
                )?;
                security::rate_limit(conn, limit.bucket, &limit.key, limit.max, HOUR)?;
            }
            let remembered = from.remembered.as_deref();
            let sent = gathered::send(conn, &from.settings, &items, remembered, &token, now())?;
            Ok(sent.comments.iter().map(|c| c.id).collect::<Vec<i32>>())
        })
        .await;
    match stored {
        Ok(ids) => sent_redirect(&req, ids),
        Err(AppError::TooManyRequests { retry_after }) => {
            too_many(req, state, contact, retry_after).await
        }
        Err(err) => Err(err),
    }
}

fn sent_redirect(req: &HttpRequest, ids: Vec<i32>) -> Result<HttpResponse, AppError> {
    for id in &ids {
        keep_receipt(req, *id);
    }
    req.get_session()
        .insert(SENT, &ids)
        .map_err(AppError::internal)?;
    Ok(see_other(&format!("{LIST}/sent")))
}

/// The list again, unsent, with the wait in words and `Retry-After`.
async fn too_many(
    req: HttpRequest,
    state: web::Data<AppState>,
    contact: Draft,
    retry_after: u64,
) -> Result<HttpResponse, AppError> {
    let token = kept_token(&req).unwrap_or_default();
    let list = state
        .db(move |conn| Ok(gathered::list(conn, &token, now())?))
        .await?;
    let mut page = list_page(&req, Checked::unchecked(list), contact);
    page.refusal = Some(too_many_text(retry_after));
    too_many_answer(&page, retry_after)
}

/// `POST /comments/gathered/{id}/remove`: take one comment out of the list.
pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    if let Some(token) = kept_token(&req) {
        let id = path.into_inner();
        state
            .write(move |conn| Ok(gathered::remove(conn, &token, id)?))
            .await?;
    }
    Ok(see_other(LIST))
}

/// One comment the list sent, as the page after sending shows it.
struct SentView {
    tracking_number: String,
    target_label: String,
    standard_title: String,
    version_label: String,
    published: bool,
    href: String,
}

#[derive(Template)]
#[template(path = "comments/gathered_sent.html")]
struct SentPage {
    comments: Vec<SentView>,
    awaiting_verification: bool,
    /// When the mail with the link goes out, if it waits its turn.
    mail_later: Option<String>,
}

/// `GET /comments/gathered/sent`: what the list just sent, for the browser
/// that sent it.
pub async fn sent(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ids: Vec<i32> = req
        .get_session()
        .get(SENT)
        .ok()
        .flatten()
        .unwrap_or_default();
    if ids.is_empty() {
        return Ok(see_other(LIST));
    }
    let receipts = state
        .db(move |conn| {
            let mut all = Vec::with_capacity(ids.len());
            for id in ids {
                all.push(submit::receipt(conn, id)?);
            }
            Ok(all)
        })
        .await?;
    let mut mail_later = None;
    let mut awaiting = false;
    let comments = receipts
        .into_iter()
        .map(|r| {
            if r.comment.status() == CommentStatus::Unverified {
                awaiting = true;
                if let Some((send_at, _)) = r.link.filter(|(at, _)| *at > now()) {
                    mail_later = Some(local_time(send_at, r.standard.tz()));
                }
            }
            SentView {
                tracking_number: r.comment.tracking_number.clone(),
                target_label: r.clause_label.clone(),
                standard_title: r.standard.title.clone(),
                version_label: r.version.label.clone(),
                published: r.comment.status() == CommentStatus::Published,
                href: crate::urls::comment(r.comment.id),
            }
        })
        .collect();
    let page = SentPage {
        comments,
        awaiting_verification: awaiting,
        mail_later,
    };
    private_page(StatusCode::OK, &page)
}
