//! Moderation where the comment is: the panel that moderators (and admins)
//! see on a comment's own page, and the forms it and the editors'
//! workspace post to: hide, mark as spam or restore (each with a required
//! reason), and redact a passage. The rules, the ledger and the mail to the
//! author are in `crate::comments::moderation` and
//! `crate::comments::redaction`. A refused form comes back on the comment's
//! page with the message and everything typed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{safe_next, Staff};
use super::comments::settings;
use super::permalink::show;
use super::staff::see_other;
use super::AppState;
use crate::comments::moderation::{self, Action, ModerationError};
use crate::comments::redaction::{self, RedactionView, StaffView};
use crate::comments::SafeHtml;
use crate::db::models::comment_paging::Slice;
use crate::db::models::{Comment, CommentStatus};
use crate::error::AppError;

/// What the panel keeps from the last form: the action done, or the
/// message of a refusal and what was typed.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub done: Option<String>,
    pub error: Option<String>,
    /// Which form was refused: "status" or "redact".
    pub form: String,
    pub reason: String,
    pub passage: String,
}

/// The moderation panel of a comment's page.
#[derive(Debug, Clone)]
pub struct ModPanel {
    pub csrf_token: String,
    pub id: i32,
    pub tracking: String,
    pub status: String,
    pub hidden_reason: Option<String>,
    pub body: SafeHtml,
    pub body_md: String,
    pub live: bool,
    pub taken_down: bool,
    pub redactions: Vec<RedactionView>,
    pub done: Option<String>,
    pub error: Option<String>,
    /// The refusal, beside the form it concerns ("" for none).
    pub status_error: String,
    pub redact_error: String,
    pub reason: String,
    pub redact_reason: String,
    pub passage: String,
}

impl ModPanel {
    pub fn new(v: StaffView, kept: Kept, csrf_token: &str) -> ModPanel {
        let done = kept.done.as_deref().and_then(|d| {
            let what = match d {
                "hidden" => "hidden; its author has been emailed the reason",
                "spam" => "marked as spam; its author is not emailed",
                "restored" => "restored; its author has been emailed the reason",
                "redacted" => "redacted; its author has been emailed the reason",
                _ => return None,
            };
            Some(format!("Comment {} {what}.", v.tracking_number))
        });
        let message = kept.error.clone().unwrap_or_default();
        let (reason, redact_reason, status_error, redact_error) = match kept.form.as_str() {
            "redact" => (String::new(), kept.reason, String::new(), message),
            _ => (kept.reason, String::new(), message, String::new()),
        };
        ModPanel {
            csrf_token: csrf_token.to_string(),
            id: v.comment_id,
            tracking: v.tracking_number,
            status: v.status,
            hidden_reason: v.hidden_reason,
            body: v.body,
            body_md: v.body_md,
            live: v.live,
            taken_down: v.taken_down,
            redactions: v.redactions,
            done,
            error: kept.error,
            status_error,
            redact_error,
            reason,
            redact_reason,
            passage: kept.passage,
        }
    }
}

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
            return Err(AppError::BadRequest(format!(
                "Unknown moderation action “{other}”: choose hide, spam or restore."
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
