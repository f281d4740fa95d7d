//! Following a standard by email: the subscribe form, the confirmation
//! link and the unsubscribe link. The rules are in `crate::subscriptions`.
//!
//! The unsubscribe POST takes no CSRF token: mail programs send it without
//! a session (RFC 8058 one-click). The unguessable token in the address is
//! the authority, and all it can do is stop mail, once (it is idempotent).

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::respond::private_page;
use super::{csrf, security, AppState};
use crate::db::models::Standard;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::{t, t1, t2};
use crate::subscriptions::{self, Confirmation};
use crate::urls;

/// Subscription requests allowed per client address per hour.
pub const REQUESTS_PER_HOUR: u32 = 10;
/// Confirmation mails allowed per email address per day.
pub const MAILS_PER_ADDRESS_PER_DAY: u32 = 3;
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

#[derive(Template)]
#[template(path = "subscriptions/form.html")]
struct FormPage {
    standard: Standard,
    csrf_token: String,
    email: String,
    error: Option<String>,
}

/// `GET /standards/{slug}/subscribe`
pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let standard = state
        .db(move |conn| Ok(Standard::by_slug(conn, &slug)?))
        .await?;
    private_page(
        StatusCode::OK,
        &FormPage {
            standard,
            csrf_token: csrf::token(&req),
            email: String::new(),
            error: None,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct SubscribeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    /// The honeypot: hidden from people, so only a robot fills it in.
    #[serde(default)]
    website: String,
}

#[derive(Template)]
#[template(path = "subscriptions/notice.html")]
struct NoticePage {
    title: String,
    paragraphs: Vec<String>,
    standard: Option<Standard>,
}

fn notice(
    status: StatusCode,
    title: &str,
    paragraphs: Vec<String>,
    standard: Option<Standard>,
) -> Result<HttpResponse, AppError> {
    private_page(
        status,
        &NoticePage {
            title: title.to_string(),
            paragraphs,
            standard,
        },
    )
}

fn check_your_mail(standard: Standard) -> Result<HttpResponse, AppError> {
    notice(
        StatusCode::OK,
        &t("sub-check-mail"),
        vec![
            t2(
                "sub-check-mail-sent",
                "title",
                standard.title.as_str(),
                "hours",
                subscriptions::CONFIRM_HOURS,
            ),
            t("sub-check-mail-nothing"),
        ],
        Some(standard),
    )
}

/// `POST /standards/{slug}/subscribe`
pub async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<SubscribeForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let form = form.into_inner();
    let slug = path.into_inner();
    let standard = state
        .db(move |conn| Ok(Standard::by_slug(conn, &slug)?))
        .await?;
    if !form.website.trim().is_empty() {
        // A robot: answer as if all went well, and store nothing.
        return check_your_mail(standard);
    }
    let email = match subscriptions::normalize_email(&form.email) {
        Ok(e) => e,
        Err(msg) => {
            let page = FormPage {
                standard,
                csrf_token: csrf::token(&req),
                email: form.email,
                error: Some(msg),
            };
            return private_page(StatusCode::BAD_REQUEST, &page);
        }
    };
    let addr = security::client_addr(&req);
    let base_url = state.config.base_url.clone();
    let s = standard.clone();
    state
        .db(move |conn| {
            write_tx(conn, |conn| {
                security::rate_limit(conn, "subscribe", &addr, REQUESTS_PER_HOUR, HOUR)?;
                // Per recipient too, so nobody can flood someone's inbox
                // with confirmation requests from many addresses.
                let recipient = format!("mail:{}", hex::encode(&Sha256::digest(&email)[..16]));
                security::rate_limit(
                    conn,
                    "subscribe-mail",
                    &recipient,
                    MAILS_PER_ADDRESS_PER_DAY,
                    DAY,
                )?;
                subscriptions::request(conn, &s, &email, &base_url, Utc::now().naive_utc())?;
                Ok(())
            })
        })
        .await?;
    check_your_mail(standard)
}

/// `GET /subscriptions/confirm/{token}`: a page with a button; opening the
/// link confirms nothing.
pub async fn confirm_form(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token(path)?;
    let t = token.clone();
    let found = state
        .db(move |conn| {
            Ok(subscriptions::confirmation_state(
                conn,
                &t,
                Utc::now().naive_utc(),
            )?)
        })
        .await?;
    match found {
        Some((_, Confirmation::Pending(standard))) => private_page(
            StatusCode::OK,
            &ConfirmPage {
                action: urls::subscription_confirm(&token),
                standard,
            },
        ),
        other => confirmation_notice(other.map(|(_, state)| state)),
    }
}

/// `POST /subscriptions/confirm/{token}`: the button.
pub async fn confirm(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token(path)?;
    let outcome = state
        .db(move |conn| {
            let now = Utc::now().naive_utc();
            write_tx(conn, |conn| {
                Ok::<_, AppError>(subscriptions::confirm(conn, &token, now)?)
            })
        })
        .await?;
    confirmation_notice(outcome)
}

#[derive(Template)]
#[template(path = "subscriptions/confirm.html")]
struct ConfirmPage {
    standard: Standard,
    action: String,
}

/// What a confirmation link's state says to its owner.
fn confirmation_notice(state: Option<Confirmation>) -> Result<HttpResponse, AppError> {
    match state {
        None => notice(
            StatusCode::NOT_FOUND,
            &t("sub-link-broken"),
            vec![t("sub-link-broken-text")],
            None,
        ),
        Some(Confirmation::Confirmed(standard)) => notice(
            StatusCode::OK,
            &t("sub-following"),
            vec![t1("sub-following-text", "title", standard.title.as_str())],
            Some(standard),
        ),
        Some(Confirmation::AlreadyConfirmed(standard)) => notice(
            StatusCode::OK,
            &t("sub-already"),
            vec![t1("sub-already-text", "title", standard.title.as_str())],
            Some(standard),
        ),
        Some(Confirmation::Expired(standard)) => notice(
            StatusCode::GONE,
            &t("sub-expired"),
            vec![t1(
                "sub-expired-text",
                "hours",
                subscriptions::CONFIRM_HOURS,
            )],
            Some(standard),
        ),
        // Not an outcome of pressing the button: it confirms or says why not.
        Some(Confirmation::Pending(standard)) => notice(
            StatusCode::OK,
            &t("sub-not-yet"),
            vec![t("sub-not-yet-text")],
            Some(standard),
        ),
    }
}

#[derive(Template)]
#[template(path = "subscriptions/unsubscribe.html")]
struct UnsubscribePage {
    standard: Standard,
    action: String,
    done: bool,
}

/// The token of a link, if it could be one; else 404 without asking the
/// database.
fn token(path: web::Path<String>) -> Result<String, AppError> {
    let token = path.into_inner();
    if subscriptions::plausible_token(&token) {
        Ok(token)
    } else {
        Err(AppError::NotFound)
    }
}

fn unsubscribe_page(standard: Standard, token: &str, done: bool) -> Result<HttpResponse, AppError> {
    let action = urls::subscription_unsubscribe(token);
    let page = UnsubscribePage {
        standard,
        action,
        done,
    };
    private_page(StatusCode::OK, &page)
}

/// `GET /subscriptions/unsubscribe/{token}`: a button that confirms.
pub async fn unsubscribe_form(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token(path)?;
    let t = token.clone();
    let (sub, standard) = state
        .db(move |conn| subscriptions::by_unsubscribe_token(conn, &t)?.ok_or(AppError::NotFound))
        .await?;
    let done = sub.status == crate::db::models::subscription::UNSUBSCRIBED;
    unsubscribe_page(standard, &token, done)
}

/// `POST /subscriptions/unsubscribe/{token}`: stop the notices (one click).
pub async fn unsubscribe(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token(path)?;
    let t = token.clone();
    let standard = state
        .db(move |conn| {
            let now = Utc::now().naive_utc();
            write_tx(conn, |conn| {
                subscriptions::unsubscribe(conn, &t, now)?.ok_or(AppError::NotFound)
            })
        })
        .await?;
    unsubscribe_page(standard, &token, true)
}
