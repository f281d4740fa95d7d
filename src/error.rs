//! Error policy.
//!
//! - Outside requests (the CLI, start-up, import) errors are `anyhow::Error`
//!   with context that names the file, version or setting at fault.
//! - Model code returns `diesel::QueryResult`.
//! - Handlers return [`AppError`], rendered as an HTML page, or as JSON by
//!   wrapping it in [`ApiError`]. `diesel::NotFound` becomes a 404 here and
//!   nowhere else; any other failure is logged in full and shown to the user
//!   as a plain "something went wrong" without internal detail.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// The one error type of request handlers.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    /// The request is understood but refused (wrong role, bad CSRF token).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Staff only: HTML answers redirect to the sign-in page, then back to `next`.
    #[error("sign-in required")]
    Unauthorized { next: String },
    /// A rate limit was reached; the client may try again after `retry_after` seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
    /// A submission could not be stored (a full disk, a database that
    /// refuses writes): its transaction was rolled back, and the person is
    /// told plainly that nothing was saved.
    #[error("not saved: {0}")]
    NotSaved(anyhow::Error),
}

impl AppError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(err.into())
    }

    /// For work whose failure means that nothing was stored: an internal
    /// failure becomes [`AppError::NotSaved`]; every other answer (a bad
    /// form, a rate limit) stays as it is.
    pub fn unsaved(self) -> Self {
        match self {
            AppError::Internal(err) => AppError::NotSaved(err),
            other => other,
        }
    }

    /// Title and explanation shown to the user.
    pub fn public_message(&self) -> (&'static str, String) {
        match self {
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
                    crate::web::security::BODY_LIMIT / 1024
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

    fn log(&self) {
        match self {
            AppError::Internal(err) => tracing::error!(error = ?err, "request failed"),
            AppError::NotSaved(err) => {
                tracing::error!(error = ?err, "request failed; nothing was saved")
            }
            _ => {}
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("worker thread failed: {err}"))
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        AppError::Internal(anyhow::anyhow!("database connection unavailable: {err}"))
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
            return crate::web::auth::login_redirect(next);
        }
        let (title, message) = self.public_message();
        let mut resp = crate::web::pages::error_page(self.status_code(), title, &message);
        add_retry_after(self, &mut resp);
        resp
    }
}

/// An [`AppError`] answered as JSON, for `/api/` routes.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub AppError);

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        ApiError(err.into())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError(err.into())
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
        let (title, message) = self.0.public_message();
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

/// "3 minutes", "1 second": a wait, for messages.
pub fn wait_text(secs: u64) -> String {
    let (n, unit) = if secs >= 120 {
        (secs.div_ceil(60), "minute")
    } else {
        (secs.max(1), "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}
