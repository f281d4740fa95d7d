//! A comment's permalink page: the comment, what it answers, its replies,
//! and the forms to answer or flag it. The page is read by
//! `crate::comments::discussion::permalink`. Moderators (and admins) also
//! see the moderation panel (`super::moderation_panel`) on it; the page is
//! per browser, so it is never cached.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::auth::{current_staff, MODERATORS};
use super::moderation_panel::{Kept, ModPanel};
use super::pages::PageQuery;
use super::respond::private_page;
use super::views::VersionView;
use super::{csrf, AppState};
use crate::comments::paging::Pager;
use crate::comments::threads::{CommentView, Thread};
use crate::comments::{discussion, redaction};
use crate::db::models::comment_paging::Slice;
use crate::db::models::Standard;
use crate::error::AppError;
use crate::releases::{self, Current};

#[derive(Template)]
#[template(path = "comments/permalink.html")]
struct PermalinkPage {
    standard: Standard,
    version: VersionView,
    target_label: String,
    back_href: String,
    comment: CommentView,
    thread: Thread,
    pager: Pager,
    replies: i64,
    open: bool,
    csrf_token: String,
    /// The current version (and the comment's clause in it), when the
    /// comment's version is older.
    newer: Option<Current>,
    /// For moderators and admins only.
    moderation: Option<ModPanel>,
}

/// `?done=`: the moderation action just carried out, to confirm it.
#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /comments/{id}`: a comment with a page of its replies
/// (`?after=` / `?before=`).
pub async fn permalink(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    query: web::Query<PageQuery>,
    done: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let slice = query.slice(false)?;
    let kept = Kept {
        done: done.into_inner().done,
        ..Kept::default()
    };
    show(&req, &state, path.into_inner(), slice, kept, StatusCode::OK).await
}

/// Render the page of comment `id`; with the moderation panel (holding
/// `kept`: a form refused and what was typed in it, or the action done)
/// when a moderator or admin is signed in.
pub async fn show(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    id: i32,
    slice: Slice,
    kept: Kept,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let moderator = current_staff(req)
        .await?
        .is_some_and(|s| s.require(&MODERATORS).is_ok());
    let (p, newer, staff_view) = state
        .db(move |conn| {
            let p = discussion::permalink(conn, id, slice)?.ok_or(AppError::NotFound)?;
            let key = p.comment.clause_key.clone();
            let newer = releases::newer_than(conn, &p.standard, &p.version, key.as_deref())?;
            let staff_view = if moderator {
                Some(redaction::staff_view(conn, id)?)
            } else {
                None
            };
            Ok((p, newer, staff_view))
        })
        .await?;
    let csrf_token = csrf::token(req);
    let page = PermalinkPage {
        version: VersionView::new(&p.version, p.standard.tz()),
        target_label: p.target_label,
        back_href: p.back_href,
        comment: p.comment,
        thread: p.thread,
        pager: p.pager,
        replies: p.replies,
        open: p.open,
        moderation: staff_view.map(|v| ModPanel::new(v, kept, &csrf_token)),
        csrf_token,
        newer,
        standard: p.standard,
    };
    private_page(status, &page)
}
