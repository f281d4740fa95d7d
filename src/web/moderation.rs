//! The moderation queue: comments waiting for review and comments the
//! public flagged. Moderators (and admins) publish, hide with a public
//! reason, mark spam, or keep a flagged comment; `crate::comments::moderation`
//! records each action in the ledger.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::auth::{Role, Staff};
use super::comments::settings;
use super::respond::private_page;
use super::{csrf, AppState};
use crate::comments::moderation::{self, Action, Actor, ModerationError};
use crate::comments::threads::CommentView;
use crate::db::models::{ClauseRow, Comment, CommentFlag, CommentStatus};
use crate::error::AppError;

const ROLES: [Role; 2] = [Role::Moderator, Role::Admin];

/// One comment in the queue.
pub struct QueueItem {
    pub c: CommentView,
    pub status: String,
    pub pending: bool,
    pub flags: Vec<String>,
    /// "Ballot Handling, version 2, clause 1.2"
    pub place: String,
    pub place_href: String,
}

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

fn done_text(tracking: &str, action: &str) -> Option<String> {
    let verb = match action {
        "publish" => "published",
        "hide" => "hidden",
        "spam" => "marked as spam",
        "dismiss" => "kept, and its reports cleared",
        _ => return None,
    };
    Some(format!("Comment {tracking} {verb}."))
}

/// `GET /moderation`
pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(&ROLES)?;
    let query = query.into_inner();
    let (items, done) = state
        .db(move |conn| {
            let done = match (query.done, query.action.as_deref()) {
                (Some(id), Some(action)) => {
                    diesel::OptionalExtension::optional(Comment::find(conn, id))?
                        .and_then(|c| done_text(&c.tracking_number, action))
                }
                _ => None,
            };
            let rows = Comment::queue(conn)?;
            let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
            let flags = CommentFlag::open_for(conn, &ids)?;
            let mut items = Vec::with_capacity(rows.len());
            for (c, a) in rows {
                let (standard, version) = Comment::place(conn, c.version_id)?;
                let clause = match &c.clause_key {
                    Some(k) => {
                        diesel::OptionalExtension::optional(ClauseRow::by_key(conn, version.id, k))?
                    }
                    None => None,
                };
                let on = crate::comments::clause_label(conn, &version, c.clause_key.as_deref())?;
                let place_href = match &c.clause_key {
                    Some(k) => {
                        format!("/standards/{}/{}/clauses/{k}", standard.slug, version.label)
                    }
                    None => format!("/standards/{}/{}", standard.slug, version.label),
                };
                // A pending comment is not public: show its text anyway, for review.
                let mut view = CommentView::new(&c, &a, standard.tz(), clause.as_ref(), None);
                view.live = true;
                items.push(QueueItem {
                    status: c.status.clone(),
                    pending: c.status() == CommentStatus::Pending,
                    flags: flags
                        .iter()
                        .filter(|f| f.comment_id == c.id)
                        .map(|f| {
                            if f.reason.trim().is_empty() {
                                "(no reason given)".to_string()
                            } else {
                                f.reason.clone()
                            }
                        })
                        .collect(),
                    place: format!("{}, version {}, {on}", standard.title, version.label),
                    place_href,
                    c: view,
                });
            }
            Ok((items, done))
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
    staff.require(&ROLES)?;
    csrf::verify(&req, &form.csrf_token)?;
    let id = path.into_inner();
    let form = form.into_inner();
    let form_action = form.action.clone();
    let action = match form.action.as_str() {
        "publish" => Action::Publish,
        "hide" => Action::Hide(form.reason),
        "spam" => Action::Spam,
        "dismiss" => Action::Dismiss,
        other => {
            return Err(AppError::BadRequest(format!(
                "Unknown moderation action “{other}”: choose publish, hide, spam or keep."
            )))
        }
    };
    let settings = settings(&state);
    let actor = Actor {
        id: staff.id,
        name: staff.name.clone(),
    };
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
