//! "Save for later" on the comment form: keep what was typed on the server
//! for this browser (see `crate::comments::drafts_kept`), and give it back
//! when the same form is opened again. Nothing is sent, mailed or counted.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::super::respond::private_page;
use super::super::AppState;
use super::form::form_page;
use super::{closed_page, load_subject, now, period, Period};
use crate::comments::drafts_kept::{self, KEEP_DAYS};
use crate::comments::subject::Where;
use crate::comments::submit::Draft;
use crate::error::AppError;

/// The cookie holding this browser's random token for kept drafts. Only
/// the token's hash is stored.
pub const KEPT_COOKIE: &str = "docket_drafts";

/// This browser's token for kept drafts, if it holds a plausible one.
pub(super) fn kept_token(req: &HttpRequest) -> Option<String> {
    req.cookie(KEPT_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|t| drafts_kept::plausible_token(t))
}

pub(super) fn kept_cookie<'a>(state: &AppState, token: String) -> Cookie<'a> {
    Cookie::build(KEPT_COOKIE, token)
        .path("/")
        .http_only(true)
        .secure(state.config.base_url.starts_with("https://"))
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(KEEP_DAYS))
        .finish()
}

/// Keep a draft (after the CSRF check): the form again, with everything
/// typed and a line saying it was kept, or with the problems found. A file
/// chosen for the letter is not kept; `letter_note` says so.
pub(super) async fn save_draft(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    w: Where,
    draft: Draft,
    letter_note: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let token = kept_token(req).unwrap_or_else(drafts_kept::new_token);
    let t = token.clone();
    let typed = draft.clone();
    let (subject, closed, errors) = state
        .write(move |conn| {
            let subject = load_subject(conn, &w)?;
            let at = now();
            if let Period::Closed { elsewhere } = period(conn, &subject, at)? {
                return Ok((subject, Some(elsewhere), Vec::new()));
            }
            let place = drafts_kept::place(&subject);
            let errors = drafts_kept::save(conn, &t, &place, &draft, false, at)?;
            Ok((subject, None, errors))
        })
        .await?;
    if let Some(elsewhere) = closed {
        return closed_page(&subject, elsewhere.as_deref());
    }
    if !errors.is_empty() {
        let mut page = form_page(req, subject, typed, errors);
        page.letter_note = letter_note;
        return private_page(StatusCode::BAD_REQUEST, &page);
    }
    let mut page = form_page(req, subject, typed, Vec::new());
    page.saved = true;
    page.letter_note = letter_note;
    let mut resp = private_page(StatusCode::OK, &page)?;
    resp.add_cookie(&kept_cookie(state, token))
        .map_err(AppError::internal)?;
    Ok(resp)
}
