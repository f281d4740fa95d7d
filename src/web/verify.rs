//! Confirmation links: the page a verification link opens, the button on
//! it that confirms the comment, and a fresh link for an expired one.
//! Opening a link (as mail scanners do) changes nothing; only the button's
//! POST confirms, and gives this browser the "remembered" cookie.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::comments::{notice, now, settings, REMEMBER_COOKIE};
use super::respond::private_page;
use super::views::local_time;
use super::{csrf, AppState};
use crate::comments::submit::{self, SpentLink, VerifyError};
use crate::comments::Settings;
use crate::db::models::CommentStatus;
use crate::db::DbConn;
use crate::error::AppError;
use crate::i18n::t;
use crate::urls;

/// A form whose only field is the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub(super) csrf_token: String,
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

/// Where a page about a used link leads on to.
struct Onward {
    href: String,
    text: String,
}

#[derive(Template)]
#[template(path = "comments/link_problem.html")]
struct LinkProblemPage {
    title: String,
    message: String,
    /// Offer a fresh link (the old one expired unused).
    renew: Option<String>,
    csrf_token: String,
    /// The comment a used link confirmed, or where it will be shown.
    onward: Option<Onward>,
}

/// A used link leads to its comment's page, or, while the comment waits
/// for a moderator, to where it will be shown.
fn onward(spent: Option<SpentLink>) -> Option<Onward> {
    spent.map(|s| match s.public {
        true => Onward {
            href: urls::comment(s.comment_id),
            text: t("verify-see-comment"),
        },
        false => Onward {
            href: s.place_href,
            text: t("verify-see-discussion"),
        },
    })
}

pub(super) fn link_problem(
    req: &HttpRequest,
    err: VerifyError,
    token: &str,
    spent: Option<SpentLink>,
) -> Result<HttpResponse, AppError> {
    let (status, title, message, renew) = match err {
        VerifyError::Unknown => (
            StatusCode::NOT_FOUND,
            t("verify-unknown-title"),
            t("verify-unknown-text"),
            false,
        ),
        // A list's link (no token here) is not renewed: its comments are
        // sent again from their clauses.
        VerifyError::Expired if token.is_empty() => (
            StatusCode::GONE,
            t("verify-expired-title"),
            t("verify-list-expired-text"),
            false,
        ),
        VerifyError::Expired => (
            StatusCode::GONE,
            t("verify-expired-title"),
            t("verify-expired-text"),
            true,
        ),
        VerifyError::Used => (
            StatusCode::GONE,
            t("verify-used-title"),
            t("verify-used-text"),
            false,
        ),
        VerifyError::Db(e) => return Err(e.into()),
    };
    let page = LinkProblemPage {
        onward: onward(spent),
        title,
        message,
        renew: renew.then(|| urls::verify_renew(token)),
        csrf_token: if renew {
            csrf::token(req)
        } else {
            String::new()
        },
    };
    private_page(status, &page)
}

/// A link's own problems (unknown, expired, used) apart from a database
/// failure, which is the request's error.
pub(super) fn link_result<T>(
    r: Result<T, VerifyError>,
) -> Result<Result<T, VerifyError>, AppError> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(VerifyError::Db(e)) => Err(e.into()),
        Err(e) => Ok(Err(e)),
    }
}

/// The "remembered" cookie given to the browser that confirmed.
pub(super) fn remember_cookie<'a>(state: &AppState, token: String) -> Cookie<'a> {
    Cookie::build(REMEMBER_COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(state.config.base_url.starts_with("https://"))
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
}

pub(super) fn plausible_link(token: &str) -> bool {
    token.len() <= 128 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// Run `act` on a link's token on the blocking pool, after checking the
/// CSRF token of the form posted from the link's page, if any. `Err(page)`
/// is the answer for a link that is not one we sent, has expired or was
/// used; a token that cannot be one we sent is refused without asking the
/// database.
async fn on_link<T, F>(
    req: &HttpRequest,
    state: &AppState,
    form: Option<&CsrfForm>,
    token: &str,
    act: F,
) -> Result<Result<T, HttpResponse>, AppError>
where
    F: FnOnce(&mut DbConn, &Settings, &str) -> Result<T, VerifyError> + Send + 'static,
    T: Send + 'static,
{
    if let Some(form) = form {
        csrf::verify(req, &form.csrf_token)?;
    }
    let settings = settings(state);
    if !plausible_link(token) {
        return link_problem(req, VerifyError::Unknown, "", None).map(Err);
    }
    let t = token.to_string();
    let (outcome, spent) = state
        .db(move |conn| {
            let outcome = act(conn, &settings, &t);
            let spent = match outcome {
                Err(VerifyError::Used) => submit::spent_link(conn, &t)?,
                _ => None,
            };
            Ok((link_result(outcome)?, spent))
        })
        .await?;
    match outcome {
        Ok(v) => Ok(Ok(v)),
        Err(e) => link_problem(req, e, token, spent).map(Err),
    }
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
    /// The election office and its badge, when the address is on a listed domain.
    office: Option<(String, String)>,
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
    let u = match on_link(&req, &state, None, &token, |conn, _, t| {
        submit::inspect(conn, t, now())
    })
    .await?
    {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
    let tz = u.standard.tz();
    let page = ConfirmPage {
        action: urls::verify(&token),
        csrf_token: csrf::token(&req),
        tracking_number: u.comment.tracking_number.clone(),
        target_label: u.clause_label,
        standard_title: u.standard.title.clone(),
        version_label: u.version.label.clone(),
        name: u.display_name,
        organization: u.organization,
        office: u.office,
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
    let confirm = |conn: &mut DbConn, settings: &Settings, t: &str| {
        let v = submit::verify(conn, settings, t, now())?;
        let (standard, version) = crate::comments::place_of(conn, &v.comment)?;
        let label = crate::comments::clause_label(conn, &version, v.comment.clause_key.as_deref())?;
        Ok((v, standard, version, label))
    };
    let (v, standard, version, target_label) =
        match on_link(&req, &state, Some(&form), &path.into_inner(), confirm).await? {
            Ok(x) => x,
            Err(page) => return Ok(page),
        };
    let back_href = urls::place(
        &standard.slug,
        &version.label,
        v.comment.clause_key.as_deref(),
    );
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
    resp.add_cookie(&remember_cookie(&state, v.remember_token))
        .map_err(AppError::internal)?;
    Ok(resp)
}

/// `POST /verify/{token}/renew`: a new link for an expired one.
pub async fn renew(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    let renew = |conn: &mut DbConn, settings: &Settings, t: &str| {
        submit::renew(conn, settings, t, now()).map(|_| ())
    };
    if let Err(page) = on_link(&req, &state, Some(&form), &path.into_inner(), renew).await? {
        return Ok(page);
    }
    notice(
        &t("comment-check-mail"),
        &t("verify-renewed-text"),
        "/",
        &t("comment-go-to-standards"),
    )
}
