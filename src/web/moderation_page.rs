//! Moderation where the comment is: the forms that the moderation panel of
//! a comment's page (`super::moderation_panel`) and the editors' workspace
//! post to: hide, mark as spam or restore (each with a required reason),
//! and redact a passage. Moderators and admins only. The rules, the ledger and the mail to the
//! author are in `crate::comments::moderation` and
//! `crate::comments::redaction`. A refused form comes back on the comment's
//! page with the message and everything typed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{safe_next, Staff};
use super::comments::settings;
use super::moderation_panel::Kept;
use super::permalink::show;
use super::staff::see_other;
use super::AppState;
use crate::comments::moderation::{self, Action, ModerationError};
use crate::comments::redaction;
use crate::db::models::comment_paging::Slice;
use crate::db::models::{Comment, CommentStatus};
use crate::error::AppError;

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
    /// A page of ours to go back to (the workspace); else the comment's page.
    #[serde(default)]
    return_to: String,
}

/// Where to go after an action that was carried out.
fn after(c: &Comment, done: &str, return_to: &str) -> HttpResponse {
    if let Some(back) = safe_next(return_to) {
        return see_other(back);
    }
    if c.status() == CommentStatus::Pending {
        // Restored to the queue: its page is not public yet.
        return see_other(&format!("/moderation?done={}&action=restore", c.id));
    }
    see_other(&format!("/comments/{}?done={done}#moderation", c.id))
}

/// The comment's page again with the refusal and the form as typed (400);
/// a plain error page if the comment has no public page.
async fn refused(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    id: i32,
    kept: Kept,
) -> Result<HttpResponse, AppError> {
    let message = kept.error.clone().unwrap_or_default();
    match show(req, state, id, Slice::First, kept, StatusCode::BAD_REQUEST).await {
        Err(AppError::NotFound) => Err(AppError::BadRequest(message)),
        other => other,
    }
}

/// `POST /moderation/comments/{id}/status`: hide, mark as spam or restore.
pub async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    super::csrf::verify(&req, &form.csrf_token)?;
    let (id, form) = (path.into_inner(), form.into_inner());
    let (action, done) = match form.action.as_str() {
        "hide" => (Action::Hide(form.reason.clone()), "hidden"),
        "spam" => (Action::Spam(form.reason.clone()), "spam"),
        "restore" => (Action::Restore(form.reason.clone()), "restored"),
        other => {
            return Err(AppError::BadRequest(crate::i18n::t1(
                "staff-mod-unknown-action",
                "action",
                other,
            )))
        }
    };
    let settings = settings(&state);
    let now = chrono::Utc::now().naive_utc();
    let result = state
        .db(
            move |conn| match moderation::act(conn, &settings, id, &action, &staff, now) {
                Ok(c) => Ok(Ok(c)),
                Err(ModerationError::Refused(m)) => Ok(Err(m)),
                Err(ModerationError::Db(e)) => Err(e.into()),
            },
        )
        .await?;
    match result {
        Ok(c) => Ok(after(&c, done, &form.return_to)),
        Err(message) => {
            let kept = Kept {
                error: Some(message),
                form: "status".to_string(),
                reason: form.reason,
                ..Kept::default()
            };
            refused(&req, &state, id, kept).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RedactForm {
    #[serde(default)]
    passage: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

/// `POST /moderation/comments/{id}/redact`: redact a passage.
pub async fn redact(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<i32>,
    form: web::Form<RedactForm>,
) -> Result<HttpResponse, AppError> {
    super::csrf::verify(&req, &form.csrf_token)?;
    let (id, form) = (path.into_inner(), form.into_inner());
    let settings = settings(&state);
    let now = chrono::Utc::now().naive_utc();
    let (passage, reason) = (form.passage.clone(), form.reason.clone());
    let result = state
        .db(move |conn| {
            match redaction::redact(conn, &settings, id, &passage, &reason, &staff, now) {
                Ok(c) => Ok(Ok(c)),
                Err(ModerationError::Refused(m)) => Ok(Err(m)),
                Err(ModerationError::Db(e)) => Err(e.into()),
            }
        })
        .await?;
    match result {
        Ok(c) => Ok(after(&c, "redacted", "")),
        Err(message) => {
            let kept = Kept {
                error: Some(message),
                form: "redact".to_string(),
                reason: form.reason,
                passage: form.passage,
                ..Kept::default()
            };
            refused(&req, &state, id, kept).await
        }
    }
}
