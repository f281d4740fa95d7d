//! Stopping reply notices: the unsubscribe link in every notice of a reply
//! to one's comment. Opening the link shows a button; the POST stops the
//! notices (`crate::comments::notify`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::respond::private_page;
use super::{csrf, AppState};
use crate::comments::notify;
use crate::db::DbConn;
use crate::error::AppError;
use crate::urls;

#[derive(Template)]
#[template(path = "comments/unsubscribe.html")]
struct UnsubscribePage {
    action: String,
    csrf_token: String,
    done: bool,
}

fn valid_token(token: &str) -> bool {
    !token.is_empty() && token.len() <= 128 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// Check the token's form, then run `known` on it: false (not a token we
/// sent) is a 404.
async fn with_token(
    state: &AppState,
    token: &str,
    known: fn(&mut DbConn, &str) -> Result<bool, AppError>,
) -> Result<(), AppError> {
    if !valid_token(token) {
        return Err(AppError::NotFound);
    }
    let t = token.to_string();
    match state.db(move |conn| known(conn, &t)).await? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}

fn page(token: &str, csrf_token: String, done: bool) -> Result<HttpResponse, AppError> {
    let page = UnsubscribePage {
        action: urls::unsubscribe(token),
        csrf_token,
        done,
    };
    private_page(StatusCode::OK, &page)
}

/// `GET /unsubscribe/{token}`: confirm stopping reply notices.
pub async fn unsubscribe_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    with_token(&state, &token, |conn, t| {
        Ok(notify::unsubscribe_token_known(conn, t)?)
    })
    .await?;
    page(&token, csrf::token(&req), false)
}

/// `POST /unsubscribe/{token}`: stop reply notices. The unguessable token
/// is the authority here, so mail programs' one-click unsubscribe (a POST
/// without the form's CSRF token) works too.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    with_token(&state, &token, |conn, t| {
        Ok(notify::stop_reply_notices(conn, t)?)
    })
    .await?;
    page(&token, String::new(), true)
}
