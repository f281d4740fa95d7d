//! The public reading pages: home, a standard, a version, a clause, the
//! stylesheet, health and error pages. Drafts are not public: only
//! published versions are listed or served.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::views::{ClauseView, VersionOption, VersionView};
use super::AppState;
use super::{cache, reading, respond};
use crate::comments::{discussion, paging};
use crate::db::models::{ClauseRow, Heartbeat, Standard, Version};
use crate::error::AppError;
use crate::releases::{self, Current};

/// `?before=` / `?after=`: which page of a discussion to show.
#[derive(Debug, serde::Deserialize)]
pub struct PageQuery {
    pub before: Option<String>,
    pub after: Option<String>,
    /// `?text=es`: the version's text in a translation (`en`: the official
    /// English text).
    pub text: Option<String>,
}

impl PageQuery {
    /// The slice asked for; a cursor this site did not make is a 400.
    pub fn slice(
        &self,
        newest_first: bool,
    ) -> Result<crate::db::models::comment_paging::Slice, AppError> {
        paging::slice(self.before.as_deref(), self.after.as_deref(), newest_first)
            .map_err(AppError::BadRequest)
    }

    /// What the page cache keeps this page under beside its path: nothing
    /// for the first page, else the slice asked for.
    pub fn variant(&self, slice: &crate::db::models::comment_paging::Slice) -> Option<String> {
        (self.before.is_some() || self.after.is_some()).then(|| format!("{slice:?}"))
    }
}

/// The stylesheet, compiled into the binary.
const STYLE_CSS: &str = include_str!("../../static/style.css");

/// A page for the cache ([`cache::page`]): shown until `until` (a comment
/// window's next change); `lively` if it shows comments or their counts.
fn rendered<T: Template>(
    t: &T,
    until: Option<chrono::NaiveDateTime>,
    lively: bool,
) -> Result<cache::Rendered, AppError> {
    Ok(cache::Rendered {
        html: t.render().map_err(AppError::internal)?,
        until,
        lively,
    })
}

fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

pub(crate) fn published(versions: Vec<Version>) -> Vec<Version> {
    versions
        .into_iter()
        .filter(|v| v.status().is_published())
        .collect()
}

/// A published version of a standard, or 404 (drafts are never public).
pub(crate) fn find_published(
    conn: &mut crate::db::DbConn,
    slug: &str,
    label: &str,
) -> Result<(Standard, Version), AppError> {
    Ok(Version::published_in(conn, slug, label)?)
}

pub struct StandardItem {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub latest: Option<VersionView>,
    pub version_count: usize,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    standards: Vec<StandardItem>,
}

pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    cache::page(&state, &req, cache::key(&req, None), |conn| {
        let standards = Standard::all(conn)?;
        let versions = published(Version::all(conn)?);
        let until = Version::next_window_change(&versions, now());
        let standards = standards
            .into_iter()
            .map(|s| {
                let mine: Vec<&Version> =
                    versions.iter().filter(|v| v.standard_id == s.id).collect();
                StandardItem {
                    latest: mine.last().map(|v| VersionView::new(v, s.tz())),
                    version_count: mine.len(),
                    slug: s.slug,
                    title: s.title,
                    summary: s.summary,
                }
            })
            .filter(|item| item.version_count > 0)
            .collect::<Vec<_>>();
        rendered(&HomePage { standards }, until, false)
    })
    .await
}

#[derive(Template)]
#[template(path = "standard.html")]
struct StandardPage {
    standard: Standard,
    versions: Vec<VersionView>,
    time_zone: String,
    /// Options of the comparison form, oldest first.
    options: Vec<VersionOption>,
    from: VersionOption,
    to: VersionOption,
}

pub async fn standard(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let key = cache::key(&req, None);
    cache::page(&state, &req, key, move |conn| {
        let standard = Standard::by_slug(conn, &slug)?;
        let tz = standard.tz();
        let all = Version::published_for_standard(conn, standard.id)?;
        let until = Version::next_window_change(&all, now());
        let versions: Vec<VersionView> =
            all.iter().rev().map(|v| VersionView::new(v, tz)).collect();
        let option = VersionOption::of;
        let options: Vec<_> = all.iter().map(option).collect();
        let n = all.len();
        let (from, to) = match n {
            0 => (VersionOption::empty(), VersionOption::empty()),
            1 => (option(&all[0]), option(&all[0])),
            _ => (option(&all[n - 2]), option(&all[n - 1])),
        };
        let page = StandardPage {
            options,
            from,
            to,
            time_zone: standard.time_zone.clone(),
            standard,
            versions,
        };
        rendered(&page, until, false)
    })
    .await
}

#[derive(Template)]
#[template(path = "version.html")]
struct VersionPage {
    standard: Standard,
    version: VersionView,
    /// The published version before this one, for "what changed" links.
    previous: Option<String>,
    preamble_html: String,
    clauses: Vec<ClauseView>,
    time_zone: String,
    discussion: discussion::VersionDiscussion,
    /// The current version, when this one is older.
    newer: Option<Current>,
    /// The language of the text shown, and the translations offered.
    reading: reading::Reading,
    /// ` lang="…"` of the notes, when not in the page's language.
    notes_lang: String,
}

pub async fn version(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let slice = query.slice(true)?;
    let (page_lang, asked) = (reading::page_lang(), reading::asked(query.text.as_deref())?);
    let variant = reading::cache_variant(asked, query.variant(&slice));
    let (key, here) = (cache::key(&req, variant), req.path().to_string());
    cache::page(&state, &req, key, move |conn| {
        let (standard, v) = find_published(conn, &slug, &label)?;
        let (reading, translated) = reading::load(conn, &v, page_lang, asked, &here)?;
        let siblings = Version::published_for_standard(conn, standard.id)?;
        let clauses = ClauseRow::for_version(conn, v.id)?;
        let previous = siblings
            .iter()
            .rfind(|p| p.position < v.position)
            .map(|p| p.label.clone());
        let discussion = discussion::version_discussion(conn, &standard, &v, &clauses, slice)?;
        let until = v.window_change_after(now());
        let mut version = VersionView::new(&v, standard.tz());
        let mut preamble_html = v.preamble_html.clone();
        let mut views: Vec<ClauseView> = clauses.iter().map(ClauseView::new).collect();
        let notes_lang = match &translated {
            Some(t) if t.apply_version(&mut version, &mut preamble_html, &mut views) => {
                reading.text_lang_attr()
            }
            _ => reading.official_lang_attr(),
        };
        let page = VersionPage {
            newer: releases::newer_than(conn, &standard, &v, None)?,
            discussion,
            previous,
            version,
            preamble_html,
            clauses: views,
            time_zone: standard.time_zone.clone(),
            standard,
            reading,
            notes_lang,
        };
        rendered(&page, until, true)
    })
    .await
}

/// `GET /standards/{slug}/{label}.md`: a published version's Markdown
/// source, byte for byte, so anyone can check the SHA-256 on its page and
/// in the ledger. Drafts are 404 like their pages.
pub async fn source(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let source = state
        .db(move |conn| {
            let (_, v) = find_published(conn, &slug, &label)?;
            Ok(Version::source(conn, v.id)?)
        })
        .await?;
    Ok(respond::with_etag(
        &req,
        ContentType(
            "text/markdown; charset=utf-8"
                .parse()
                .expect("a valid media type"),
        ),
        source.into_bytes(),
    ))
}

#[derive(Template)]
#[template(path = "clause.html")]
struct ClausePage {
    standard: Standard,
    version: VersionView,
    clause: ClauseView,
    parent: Option<ClauseView>,
    children: Vec<ClauseView>,
    previous: Option<ClauseView>,
    next: Option<ClauseView>,
    discussion: discussion::ClauseDiscussion,
    /// The current version (and this clause in it), when this one is older.
    newer: Option<Current>,
    /// The language of the text shown, and the translations offered.
    reading: reading::Reading,
}

pub async fn clause(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, label, key) = path.into_inner();
    let slice = query.slice(true)?;
    let (page_lang, asked) = (reading::page_lang(), reading::asked(query.text.as_deref())?);
    let variant = reading::cache_variant(asked, query.variant(&slice));
    let (cache_key, here) = (cache::key(&req, variant), req.path().to_string());
    cache::page(&state, &req, cache_key, move |conn| {
        let (standard, v) = find_published(conn, &slug, &label)?;
        let (reading, translated) = reading::load(conn, &v, page_lang, asked, &here)?;
        let view = |c: &ClauseRow| {
            let mut view = ClauseView::new(c);
            if let Some(t) = &translated {
                t.apply(&mut view);
            }
            view
        };
        let all = ClauseRow::for_version(conn, v.id)?;
        let idx = all
            .iter()
            .position(|c| c.clause_key == key)
            .ok_or(AppError::NotFound)?;
        let this = &all[idx];
        let discussion = discussion::clause_discussion(conn, &standard, &v, this, &all, slice)?;
        let until = v.window_change_after(now());
        let page = ClausePage {
            newer: releases::newer_than(conn, &standard, &v, Some(&key))?,
            discussion,
            version: VersionView::new(&v, standard.tz()),
            clause: view(this),
            parent: this
                .parent_key
                .as_ref()
                .and_then(|p| all.iter().find(|c| &c.clause_key == p))
                .map(view),
            children: all
                .iter()
                .filter(|c| c.parent_key.as_deref() == Some(this.clause_key.as_str()))
                .map(view)
                .collect(),
            previous: idx.checked_sub(1).map(|i| view(&all[i])),
            next: all.get(idx + 1).map(view),
            standard,
            reading,
        };
        rendered(&page, until, true)
    })
    .await
}

pub async fn stylesheet(req: HttpRequest) -> HttpResponse {
    respond::with_etag(&req, ContentType(mime_css()), STYLE_CSS.as_bytes().to_vec())
}

fn mime_css() -> actix_web::mime::Mime {
    "text/css; charset=utf-8"
        .parse()
        .unwrap_or(actix_web::mime::TEXT_CSS)
}

/// `GET /healthz`: 200 only when the database answers and takes a write
/// (the heartbeat row), else 503, so a load balancer stops sending
/// comments to a server that could not store them.
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let outcome = state
        .db(|conn| {
            let backend = match conn {
                crate::db::DbConn::Sqlite(_) => "sqlite",
                crate::db::DbConn::Pg(_) => "postgres",
            };
            Ok((
                backend,
                Heartbeat::beat(conn, chrono::Utc::now().naive_utc()),
            ))
        })
        .await;
    let (status, body) = match outcome {
        Ok((backend, Ok(()))) => (
            StatusCode::OK,
            serde_json::json!({ "status": "ok", "database": backend }),
        ),
        Ok((backend, Err(err))) => {
            tracing::warn!(error = %err, "health check: the database refuses writes");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({
                    "status": "error",
                    "database": backend,
                    "message": "the database cannot be written",
                }),
            )
        }
        Err(err) => {
            tracing::warn!(error = %err, "health check: the database is unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({
                    "status": "error",
                    "message": "the database is unavailable",
                }),
            )
        }
    };
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

pub use super::errors::error_page;
