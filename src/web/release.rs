//! Review and release in the browser: a version's decisions waiting for
//! release (`crate::comments::dispositions::review`), the steps of review,
//! the release button, a standard's choice of release mode, and marking
//! replies as needing no decision. Editors and admins only; each form is a
//! POST with a CSRF token, and each refusal changes nothing.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::auth::Staff;
use super::comments::settings;
use super::pages::find_published;
use super::respond::private_page;
use super::staff::see_other;
use super::{csrf, AppState};
use crate::comments::dispositions::review::{self, Desk, DraftState, Step};
use crate::comments::dispositions::{parse_ids, DispositionError};
use crate::db::models::Standard;
use crate::error::AppError;
use crate::urls;

/// A refusal becomes a clear page; nothing was changed.
fn refused(e: DispositionError) -> AppError {
    match e {
        DispositionError::Refused(m) => AppError::BadRequest(crate::i18n::t1(
            "drafting-err-nothing-changed",
            "message",
            m,
        )),
        DispositionError::Db(e) => e.into(),
    }
}

#[derive(Template)]
#[template(path = "editor/release.html")]
struct ReleasePage {
    desk: Desk,
    csrf_token: String,
    staff_name: String,
    notice: Option<String>,
    /// The listed drafts, to mark ready at once.
    to_mark_ready: String,
    /// The listed decisions marked ready that this person may approve.
    to_approve: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    released: Option<usize>,
    #[serde(default)]
    moved: Option<usize>,
    #[serde(default)]
    mode: Option<String>,
}

fn notice(d: &Done) -> Option<String> {
    match (d.released, d.moved, d.mode.as_deref()) {
        (Some(n), _, _) => Some(crate::i18n::t1("editor-release-released", "count", n)),
        (_, Some(n), _) => Some(crate::i18n::t1("editor-release-updated", "count", n)),
        (_, _, Some("review")) => Some(crate::i18n::t("editor-release-mode-review")),
        (_, _, Some(_)) => Some(crate::i18n::t("editor-release-mode-immediate")),
        _ => None,
    }
}

/// `GET /editor/standards/{slug}/{label}/release`
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    query: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let name = staff.name.clone();
    let desk = state
        .db(move |conn| Ok(review::desk(conn, &slug, &label, &staff)?))
        .await?;
    let page = ReleasePage {
        to_mark_ready: desk.ids(DraftState::Draft, false),
        to_approve: desk.ids(DraftState::Ready, true),
        notice: notice(&query),
        desk,
        csrf_token: csrf::token(&req),
        staff_name: name,
    };
    private_page(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct ReleaseForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /editor/standards/{slug}/{label}/release`: release every approved
/// decision of the version at once.
pub async fn release(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<ReleaseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let base_url = settings(&state).base_url;
    let back = urls::editor_release(&slug, &label);
    let n = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let now = Utc::now().naive_utc();
            review::release(conn, &base_url, &standard, &version, &staff, now).map_err(refused)
        })
        .await?;
    Ok(see_other(&format!("{back}?released={n}")))
}

#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    comment_ids: String,
    #[serde(default)]
    step: String,
}

/// `POST /editor/standards/{slug}/{label}/review`: mark decisions ready,
/// approve them, or withdraw them.
pub async fn step(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let (slug, label) = path.into_inner();
    let ids = parse_ids(&form.comment_ids).map_err(AppError::BadRequest)?;
    let step = Step::parse(&form.step).map_err(AppError::BadRequest)?;
    let back = urls::editor_release(&slug, &label);
    let n = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let now = Utc::now().naive_utc();
            review::review(conn, &standard, &version, &staff, &ids, step, now).map_err(refused)
        })
        .await?;
    Ok(see_other(&format!("{back}?moved={n}")))
}

#[derive(Debug, Deserialize)]
pub struct ModeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    mode: String,
    /// The version whose release page to return to.
    #[serde(default)]
    label: String,
}

/// `POST /editor/standards/{slug}/release-mode`: choose immediate release
/// or review and release for a standard.
pub async fn mode(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<String>,
    form: web::Form<ModeForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, &form.csrf_token)?;
    let slug = path.into_inner();
    let form = form.into_inner();
    let label_ok = !form.label.is_empty()
        && form
            .label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c));
    let back = if label_ok {
        urls::editor_release(&slug, &form.label)
    } else {
        "/editor/feedback".to_string()
    };
    let mode = form.mode.clone();
    state
        .db(move |conn| {
            let standard = Standard::by_slug(conn, &slug)?;
            let now = Utc::now().naive_utc();
            review::set_mode(conn, &standard, &staff, &mode, now).map_err(refused)
        })
        .await?;
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!(
        "{back}{sep}mode={}",
        urls::query_value(&form.mode)
    )))
}

/// `POST /editor/standards/{slug}/{label}/no-decision`: mark the ticked
/// replies (fields `reply-{id}`) as needing no decision.
pub async fn no_decision(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    csrf::verify(&req, form.get("csrf_token").map_or("", String::as_str))?;
    let (slug, label) = path.into_inner();
    let mut ids: Vec<i32> = form
        .keys()
        .filter_map(|k| k.strip_prefix("reply-"))
        .map(|id| {
            id.parse().map_err(|_| {
                AppError::BadRequest(crate::i18n::t1("editor-not-a-comment-number", "id", id))
            })
        })
        .collect::<Result<_, _>>()?;
    ids.sort_unstable();
    if ids.len() > crate::comments::dispositions::MAX_GROUP {
        return Err(AppError::BadRequest(crate::i18n::t(
            "editor-too-many-replies",
        )));
    }
    if ids.is_empty() {
        return Err(AppError::BadRequest(crate::i18n::t(
            "editor-no-reply-ticked",
        )));
    }
    let back = urls::editor_feedback(&slug, &label);
    let n = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let now = Utc::now().naive_utc();
            review::no_decision_needed(conn, &standard, &version, &staff, &ids, now)
                .map_err(refused)
        })
        .await?;
    Ok(see_other(&format!("{back}?waived={n}#no-decision")))
}
