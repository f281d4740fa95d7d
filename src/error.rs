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
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(err.into())
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
            AppError::Internal(_) => (
                "Something went wrong",
                "The server could not complete this request. Nothing you submitted was lost; please try again in a moment."
                    .to_string(),
            ),
        }
    }

    fn log(&self) {
        if let AppError::Internal(err) = self {
            tracing::error!(error = ?err, "request failed");
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
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        let (title, message) = self.public_message();
        crate::web::pages::error_page(self.status_code(), title, &message)
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
        HttpResponse::build(self.status_code()).json(ErrorBody {
            error: ErrorDetail {
                status: self.status_code().as_u16(),
                title,
                message,
            },
        })
    }
}
