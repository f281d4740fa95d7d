//! Stopping reply notices: the unsubscribe link in every notice of a reply
//! to one's comment. Opening the link shows a button; the POST stops the
//! notices (`crate::comments::notify`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::respond::private_page;
use super::{csrf, AppState};
use crate::comments::notify;
use crate::error::AppError;

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

/// `GET /unsubscribe/{token}`: confirm stopping reply notices.
pub async fn unsubscribe_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if !valid_token(&token) {
        return Err(AppError::NotFound);
    }
    let t = token.clone();
    if !state
        .db(move |conn| Ok(notify::unsubscribe_token_known(conn, &t)?))
        .await?
    {
        return Err(AppError::NotFound);
    }
    private_page(
        StatusCode::OK,
        &UnsubscribePage {
            action: format!("/unsubscribe/{token}"),
            csrf_token: csrf::token(&req),
            done: false,
        },
    )
}

/// `POST /unsubscribe/{token}`: stop reply notices. The unguessable token
/// is the authority here, so mail programs' one-click unsubscribe (a POST
/// without the form's CSRF token) works too.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if !valid_token(&token) {
        return Err(AppError::NotFound);
    }
    let t = token.clone();
    if !state
        .db(move |conn| Ok(notify::stop_reply_notices(conn, &t)?))
        .await?
    {
        return Err(AppError::NotFound);
    }
    private_page(
        StatusCode::OK,
        &UnsubscribePage {
            action: format!("/unsubscribe/{token}"),
            csrf_token: String::new(),
            done: true,
        },
    )
}
