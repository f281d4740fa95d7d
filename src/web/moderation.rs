//! The moderation queue in the browser: the list of comments waiting for
//! review or flagged by the public (read by `crate::comments::queue`), and
//! the form with which moderators (and admins) publish, hide with a public
//! reason, mark spam, or keep a comment; `crate::comments::moderation`
//! records each action in the ledger.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::auth::Staff;
use super::comments::settings;
use super::respond::private_page;
use super::{csrf, AppState};
use crate::comments::moderation::{self, Action, ModerationError};
use crate::comments::queue::{self, QueueItem};
use crate::error::AppError;

#[derive(Template)]
#[template(path = "comments/moderation.html")]
struct QueuePage {
    items: Vec<QueueItem>,
    csrf_token: String,
    done: Option<String>,
    staff_name: String,
}

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    /// The comment just acted on, and the action, to confirm it.
    #[serde(default)]
    done: Option<i32>,
    #[serde(default)]
    action: Option<String>,
}

/// `GET /moderation`
pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let (items, done) = state
        .db(move |conn| {
            let done = match (query.done, query.action.as_deref()) {
                (Some(id), Some(action)) => queue::confirmation(conn, id, action)?,
                _ => None,
            };
            Ok((queue::load(conn)?, done))
        })
        .await?;
    private_page(
        StatusCode::OK,
        &QueuePage {
            items,
            csrf_token: csrf::token(&req),
            done,
            staff_name: staff.name,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

/// `POST /moderation/comments/{id}`: publish, hide, spam or dismiss.
pub async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    form: web::Form<ActionForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let form_action = form.action.clone();
    let action = match form.action.as_str() {
        "publish" => Action::Publish,
        "hide" => Action::Hide(form.reason),
        "spam" => Action::Spam(form.reason),
        "dismiss" => Action::Dismiss,
        other => {
            return Err(AppError::BadRequest(crate::i18n::t1(
                "staff-mod-unknown-queue-action",
                "action",
                other,
            )))
        }
    };
    let settings = settings(&state);
    let actor = staff.clone();
    let c = state
        .db(move |conn| {
            match moderation::act(
                conn,
                &settings,
                id,
                &action,
                &actor,
                chrono::Utc::now().naive_utc(),
            ) {
                Ok(c) => Ok(c),
                Err(ModerationError::Refused(msg)) => Err(AppError::BadRequest(msg)),
                Err(ModerationError::Db(e)) => Err(e.into()),
            }
        })
        .await?;
    let location = format!("/moderation?done={}&action={}", c.id, form_action);
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}
