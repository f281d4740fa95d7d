//! Error policy.
//!
//! - Outside requests (the CLI, start-up, import) errors are `anyhow::Error`
//!   with context that names the file, version or setting at fault.
//! - Model code returns `diesel::QueryResult`.
//! - Handlers return [`AppError`], rendered as an HTML page, or as JSON by
//!   wrapping it in [`ApiError`]. `diesel::NotFound` becomes
//!   [`AppError::NotFound`] here and nowhere else; any other failure is
//!   logged in full and shown to the user as a plain "something went wrong"
//!   without internal detail.
//!
//! This module knows nothing of HTTP: how each error is answered (status,
//! page, JSON, headers) is `web::errors`.

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

    /// Log what the person is not shown.
    pub fn log(&self) {
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

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        AppError::Internal(anyhow::anyhow!("database connection unavailable: {err}"))
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

/// "3 minutes", "1 second": a wait, for messages.
pub fn wait_text(secs: u64) -> String {
    if secs >= 120 {
        crate::i18n::t1("err-wait-minutes", "count", secs.div_ceil(60))
    } else {
        crate::i18n::t1("err-wait-seconds", "count", secs.max(1))
    }
}
