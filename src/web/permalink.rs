//! A comment's permalink page: the comment, what it answers, its replies,
//! and the forms to answer or flag it. The page is read by
//! `crate::comments::discussion::permalink`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::pages::PageQuery;
use super::respond::private_page;
use super::views::VersionView;
use super::{csrf, AppState};
use crate::comments::discussion;
use crate::comments::paging::Pager;
use crate::comments::threads::{CommentView, Thread};
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
}

/// `GET /comments/{id}`: a comment with a page of its replies
/// (`?after=` / `?before=`).
pub async fn permalink(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let slice = query.slice(false)?;
    let (p, newer) = state
        .db(move |conn| {
            let p = discussion::permalink(conn, id, slice)?.ok_or(AppError::NotFound)?;
            let key = p.comment.clause_key.clone();
            let newer = releases::newer_than(conn, &p.standard, &p.version, key.as_deref())?;
            Ok((p, newer))
        })
        .await?;
    let page = PermalinkPage {
        version: VersionView::new(&p.version, p.standard.tz()),
        target_label: p.target_label,
        back_href: p.back_href,
        comment: p.comment,
        thread: p.thread,
        pager: p.pager,
        replies: p.replies,
        open: p.open,
        csrf_token: csrf::token(&req),
        newer,
        standard: p.standard,
    };
    private_page(StatusCode::OK, &page)
}
