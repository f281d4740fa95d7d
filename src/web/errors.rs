//! How an error is answered over HTTP: the status code, the site's HTML
//! error page (or a sign-in redirect), JSON under `/api/`, and the headers
//! that go with them (`Retry-After`). The errors themselves, and which
//! failures they stand for, are [`crate::error`].

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use serde::Serialize;

use crate::error::{wait_text, ApiError, AppError};

/// Title and explanation shown to the user, in the current language.
pub fn public_message(err: &AppError) -> (String, String) {
    use crate::i18n::{t, t1};
    match err {
        AppError::NotFound => (t("err-not-found-title"), t("err-not-found")),
        AppError::BadRequest(msg) => (t("err-bad-request-title"), msg.clone()),
        AppError::Forbidden(msg) => (t("err-forbidden-title"), msg.clone()),
        AppError::Unauthorized { .. } => (t("err-sign-in-title"), t("err-sign-in")),
        AppError::TooManyRequests { retry_after } => (
            t("err-too-many-title"),
            t1("err-too-many", "wait", wait_text(*retry_after)),
        ),
        AppError::PayloadTooLarge => (
            t("err-too-large-title"),
            t1(
                "err-too-large",
                "kib",
                (super::security::BODY_LIMIT / 1024).to_string(),
            ),
        ),
        AppError::Internal(_) => (t("err-internal-title"), t("err-internal")),
        AppError::NotSaved(_) => (t("err-not-saved-title"), t("err-not-saved")),
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("worker thread failed: {err}"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError(err.into())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) | AppError::NotSaved(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        if let AppError::Unauthorized { next } = self {
            return super::auth::login_redirect(next);
        }
        let (title, message) = public_message(self);
        let mut resp = error_page(self.status_code(), &title, &message);
        add_retry_after(self, &mut resp);
        resp
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    status: u16,
    title: &'a str,
    message: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log();
        // The API speaks English, whatever the request's language.
        let (title, message) = crate::i18n::with(crate::i18n::Lang::En, || public_message(&self.0));
        let mut resp = HttpResponse::build(self.status_code()).json(ErrorBody {
            error: ErrorDetail {
                status: self.status_code().as_u16(),
                title: &title,
                message,
            },
        });
        add_retry_after(&self.0, &mut resp);
        resp
    }
}

fn add_retry_after(err: &AppError, resp: &mut HttpResponse) {
    if let AppError::TooManyRequests { retry_after } = err {
        resp.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(*retry_after),
        );
    }
}

/// Any address no route answers: the 404 page, or JSON under `/api/`.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    if req.path().starts_with("/api/") {
        return ApiError(AppError::NotFound).error_response();
    }
    let (title, message) = public_message(&AppError::NotFound);
    error_page(StatusCode::NOT_FOUND, &title, &message)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

/// The error page for any status.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> HttpResponse {
    let page = ErrorPage {
        status: status.as_u16(),
        title,
        message,
    };
    let body = page
        .render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), title));
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}
