//! The one link that confirms a list of comments sent together (see
//! `crate::comments::gathered`): the page it opens, listing them, and the
//! button that confirms them all. Opening the link changes nothing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::comments::{now, settings};
use super::respond::private_page;
use super::verify::{link_problem, link_result, plausible_link, remember_cookie, CsrfForm};
use super::views::local_time;
use super::{csrf, AppState};
use crate::comments::gathered::{self, Listed};
use crate::comments::submit::VerifyError;
use crate::db::models::CommentStatus;
use crate::error::AppError;
use crate::urls;

/// One comment of the list, as both pages show it.
struct ListedView {
    tracking_number: String,
    target_label: String,
    standard_title: String,
    version_label: String,
    body_html: String,
    published: bool,
    href: String,
}

fn view(l: Listed) -> ListedView {
    ListedView {
        href: match l.comment.is_public() {
            true => urls::comment(l.comment.id),
            false => urls::place(
                &l.standard.slug,
                &l.version.label,
                l.comment.clause_key.as_deref(),
            ),
        },
        published: l.comment.status() == CommentStatus::Published,
        tracking_number: l.comment.tracking_number,
        target_label: l.label,
        standard_title: l.standard.title,
        version_label: l.version.label,
        body_html: l.comment.body_html,
    }
}

#[derive(Template)]
#[template(path = "comments/confirm_list.html")]
struct ConfirmListPage {
    action: String,
    csrf_token: String,
    comments: Vec<ListedView>,
    name: String,
    organization: Option<String>,
    expires: String,
    time_zone: String,
}

/// `GET /verify/list/{token}`: the link in the mail for a list. Shows the
/// comments and one button; sets no cookie and changes nothing.
pub async fn confirm_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    if !plausible_link(&token) {
        return link_problem(&req, VerifyError::Unknown, "", None);
    }
    let t = token.clone();
    let found = state
        .db(move |conn| link_result(gathered::inspect_group(conn, &t, now())))
        .await?;
    let u = match found {
        Ok(u) => u,
        Err(e) => return link_problem(&req, e, "", None),
    };
    let standard = &u.comments[0].standard;
    let (expires, time_zone) = (
        local_time(u.expires_at, standard.tz()),
        standard.time_zone.clone(),
    );
    let page = ConfirmListPage {
        action: urls::verify_list(&token),
        csrf_token: csrf::token(&req),
        comments: u.comments.into_iter().map(view).collect(),
        name: u.display_name,
        organization: u.organization,
        expires,
        time_zone,
    };
    private_page(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "comments/verified_list.html")]
struct VerifiedListPage {
    comments: Vec<ListedView>,
}

/// `POST /verify/list/{token}`: the button. Confirms every comment of the
/// list and gives this browser the "remembered" cookie.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let token = path.into_inner();
    if !plausible_link(&token) {
        return link_problem(&req, VerifyError::Unknown, "", None);
    }
    let settings = settings(&state);
    let done = state
        .db(move |conn| link_result(gathered::verify_group(conn, &settings, &token, now())))
        .await?;
    let v = match done {
        Ok(v) => v,
        Err(e) => return link_problem(&req, e, "", None),
    };
    let page = VerifiedListPage {
        comments: v.comments.into_iter().map(view).collect(),
    };
    let mut resp = private_page(StatusCode::OK, &page)?;
    resp.add_cookie(&remember_cookie(&state, v.remember_token))
        .map_err(AppError::internal)?;
    Ok(resp)
}
