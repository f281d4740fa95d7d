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

/// Title and explanation shown to the user.
pub fn public_message(err: &AppError) -> (&'static str, String) {
    match err {
        AppError::NotFound => (
            "Page not found",
            "There is no page at this address. It may have been mistyped, or the standard or version may not exist."
                .to_string(),
        ),
        AppError::BadRequest(msg) => ("The request could not be processed", msg.clone()),
        AppError::Forbidden(msg) => ("Not allowed", msg.clone()),
        AppError::Unauthorized { .. } => (
            "Sign-in required",
            "This page is for signed-in staff. Sign in at /staff/login.".to_string(),
        ),
        AppError::TooManyRequests { retry_after } => (
            "Too many requests",
            format!(
                "You have sent more than this site accepts from one address in a short time. Nothing was saved from this request; please wait {} and try again.",
                wait_text(*retry_after)
            ),
        ),
        AppError::PayloadTooLarge => (
            "Too much text",
            format!(
                "What you sent is larger than this site accepts ({} KiB). Nothing was saved; please shorten it and send it again.",
                super::security::BODY_LIMIT / 1024
            ),
        ),
        AppError::Internal(_) => (
            "Something went wrong",
            "The server could not complete this request. Please try again in a moment."
                .to_string(),
        ),
        AppError::NotSaved(_) => (
            "Not saved",
            "What you sent was not saved: the server could not store it just now. \
             Keep a copy of your text, and send it again in a little while."
                .to_string(),
        ),
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
        let mut resp = error_page(self.status_code(), title, &message);
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
        let (title, message) = public_message(&self.0);
        let mut resp = HttpResponse::build(self.status_code()).json(ErrorBody {
            error: ErrorDetail {
                status: self.status_code().as_u16(),
                title,
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
    error_page(StatusCode::NOT_FOUND, title, &message)
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
