//! CSRF tokens for every form, signed-in or not.
//!
//! Each browser gets one random token, kept in its encrypted session cookie
//! (set by the page that shows the form, so anonymous public forms work
//! too). A form carries it in a hidden `csrf_token` field; a submission is
//! accepted only if the field matches the cookie. Another site can neither
//! read the cookie nor, with SameSite=Lax, make the browser send it on a
//! cross-site POST.
//!
//! Pages that embed a token are per-browser: answer them with
//! `Cache-Control: no-store` or `private`, never a shared-cache policy.

use actix_session::SessionExt;
use actix_web::HttpRequest;

use super::security::{constant_time_eq, random_token};
use crate::error::AppError;

/// The form field that carries the token.
pub const FIELD: &str = "csrf_token";

const SESSION_KEY: &str = "csrf";

/// This browser's token, for a hidden `csrf_token` field. Creates one (and
/// with it the session cookie on the response) if the browser has none.
pub fn token(req: &HttpRequest) -> String {
    let session = req.get_session();
    if let Ok(Some(existing)) = session.get::<String>(SESSION_KEY) {
        if !existing.is_empty() {
            return existing;
        }
    }
    renew(req)
}

/// Replace this browser's token with a fresh one (at sign-in). Pages
/// opened before then must be reloaded to send their forms.
pub fn renew(req: &HttpRequest) -> String {
    let fresh = random_token(32);
    if let Err(err) = req.get_session().insert(SESSION_KEY, &fresh) {
        tracing::error!(error = %err, "cannot store the CSRF token in the session");
    }
    fresh
}

/// Accept the submission only if `submitted` is this browser's token;
/// otherwise a 403 page that says what to do.
pub fn verify(req: &HttpRequest, submitted: &str) -> Result<(), AppError> {
    let expected = req
        .get_session()
        .get::<String>(SESSION_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    if expected.is_empty() || submitted.is_empty() {
        return Err(AppError::Forbidden(crate::i18n::t("err-csrf-missing")));
    }
    if !constant_time_eq(expected.as_bytes(), submitted.trim().as_bytes()) {
        return Err(AppError::Forbidden(crate::i18n::t("err-csrf-mismatch")));
    }
    Ok(())
}
