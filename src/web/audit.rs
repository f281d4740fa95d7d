//! The audit log in the browser: `/staff/audit` (admins: every event,
//! newest first, a page at a time, filtered by action) and the public
//! changelog of a version, `/standards/{slug}/{label}/changelog`, which
//! lists only the events marked public (comment periods, dispositions,
//! publications).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::respond;
use super::respond::private_page;
use super::views::{local_time, VersionView};
use super::AppState;
use crate::audit;
use crate::db::models::{AuditEvent, Standard, Version};
use crate::error::AppError;
use crate::releases::{self, Current};

/// Events per page of `/staff/audit`.
pub const PAGE_SIZE: i64 = 50;

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub action_text: String,
    pub target: String,
    pub detail: String,
    pub public: bool,
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
struct AuditPage {
    rows: Vec<AuditRow>,
    actions: Vec<(String, String)>,
    action: String,
    page: i64,
    pages: i64,
    total: i64,
    prev_href: Option<String>,
    next_href: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    page: Option<String>,
}

fn audit_href(action: &str, page: i64) -> String {
    let mut href = format!("/staff/audit?page={page}");
    if !action.is_empty() {
        href.push_str("&action=");
        for b in action.bytes() {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                href.push(b as char);
            } else {
                href.push_str(&format!("%{b:02X}"));
            }
        }
    }
    href
}

/// `?page=` as a number from 1, or a message saying what to write.
fn page_number(page: Option<&str>) -> Result<i64, AppError> {
    match page.map(str::trim) {
        None | Some("") => Ok(1),
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1 && *p <= 1_000_000)
            .ok_or_else(|| {
                AppError::BadRequest(crate::i18n::t1("staff-audit-bad-page", "page", p))
            }),
    }
}

/// `GET /staff/audit`
pub async fn log(
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = page_number(query.page.as_deref())?;
    let action = query.action.trim().to_string();
    let page_data = state
        .db(move |conn| {
            let known = AuditEvent::actions(conn)?;
            let filter = if action.is_empty() {
                None
            } else if known.contains(&action) {
                Some(action.as_str())
            } else {
                return Err(AppError::BadRequest(crate::i18n::t1(
                    "staff-audit-unknown-action",
                    "action",
                    &action,
                )));
            };
            let total = AuditEvent::count(conn, filter)?;
            let rows = AuditEvent::page(conn, filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)?;
            let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
            Ok(AuditPage {
                rows: rows
                    .into_iter()
                    .map(|e| AuditRow {
                        at: e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                        action_text: audit::describe(&e.action),
                        action: e.action,
                        actor: e.actor_name,
                        target: e.target,
                        detail: e.detail,
                        public: e.public,
                    })
                    .collect(),
                actions: known
                    .into_iter()
                    .map(|a| {
                        let text = audit::describe(&a);
                        (a, text)
                    })
                    .collect(),
                prev_href: (page > 1).then(|| audit_href(&action, page - 1)),
                next_href: (page < pages).then(|| audit_href(&action, page + 1)),
                action,
                page,
                pages,
                total,
            })
        })
        .await?;
    private_page(StatusCode::OK, &page_data)
}

pub struct ChangeRow {
    pub at: String,
    pub what: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "changelog.html")]
struct ChangelogPage {
    standard: Standard,
    version: VersionView,
    time_zone: String,
    rows: Vec<ChangeRow>,
    /// The current version, when this one is older.
    newer: Option<Current>,
}

/// `GET /standards/{slug}/{label}/changelog`: what editors did to a version.
pub async fn changelog(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let page = state
        .db(move |conn| {
            let (standard, v) = Version::published_in(conn, &slug, &label)?;
            let tz = standard.tz();
            let rows = AuditEvent::public_for_version(conn, v.id)?
                .into_iter()
                .map(|e| ChangeRow {
                    at: local_time(e.at, tz),
                    what: audit::describe(&e.action),
                    detail: e.detail,
                })
                .collect();
            Ok(ChangelogPage {
                newer: releases::newer_than(conn, &standard, &v, None)?,
                version: VersionView::new(&v, tz),
                time_zone: standard.time_zone.clone(),
                standard,
                rows,
            })
        })
        .await?;
    let body = page.render().map_err(AppError::internal)?;
    Ok(respond::html(&req, body))
}
