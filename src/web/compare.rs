//! Comparing versions: the redline views, a clause's history, and the same
//! comparison as JSON.
//!
//! A comparison of two published versions never changes, so each rendered
//! view is kept in the page cache under the two versions' hashes.

use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::cache::CachedPage;
use super::pages::published;
use super::respond;
use super::views::VersionOption;
use super::AppState;
use crate::db::models::{ClauseRow, Standard, Version};
use crate::db::DbConn;
use crate::error::{ApiError, AppError};
use crate::redline::{self, html as rhtml, Redline, Status};
use crate::standard::Clause;

/// The four ways to read a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum View {
    #[default]
    Inline,
    Side,
    Changes,
    Summary,
}

impl View {
    pub const ALL: [View; 4] = [View::Inline, View::Side, View::Changes, View::Summary];

    pub fn as_str(self) -> &'static str {
        match self {
            View::Inline => "inline",
            View::Side => "side",
            View::Changes => "changes",
            View::Summary => "summary",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            View::Inline => "Inline",
            View::Side => "Side by side",
            View::Changes => "Changes only",
            View::Summary => "Summary table",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ViewQuery {
    #[serde(default)]
    view: Option<String>,
}

fn parse_view(q: &ViewQuery) -> Result<View, AppError> {
    match q.view.as_deref() {
        None | Some("") | Some("inline") => Ok(View::Inline),
        Some("side") => Ok(View::Side),
        Some("changes") => Ok(View::Changes),
        Some("summary") => Ok(View::Summary),
        Some(other) => Err(AppError::BadRequest(format!(
            "Unknown view “{other}”. Choose inline, side, changes or summary."
        ))),
    }
}

/// `1...2` → ("1", "2").
fn split_range(range: &str) -> Result<(String, String), AppError> {
    match range.split_once("...") {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok((a.to_string(), b.to_string())),
        _ => Err(AppError::BadRequest(format!(
            "“{range}” is not a comparison. Name two versions as FROM...TO, for example 1...2."
        ))),
    }
}

fn clauses_of(conn: &mut DbConn, v: &Version) -> Result<Vec<Clause>, AppError> {
    Ok(ClauseRow::for_version(conn, v.id)?
        .iter()
        .map(ClauseRow::to_clause)
        .collect())
}

fn published_version(conn: &mut DbConn, s: &Standard, label: &str) -> Result<Version, AppError> {
    let v = Version::by_label(conn, s.id, label)?;
    if !v.status().is_published() {
        return Err(AppError::NotFound);
    }
    Ok(v)
}

/// Load two published versions of a standard and compare them.
fn load_compare(conn: &mut DbConn, slug: &str, from: &str, to: &str) -> Result<(Standard, Version, Version, Redline), AppError> {
    let s = Standard::by_slug(conn, slug)?;
    let a = published_version(conn, &s, from)?;
    let b = published_version(conn, &s, to)?;
    let old = clauses_of(conn, &a)?;
    let new = clauses_of(conn, &b)?;
    let r = redline::compare(&a.label, &b.label, &old, &new);
    Ok((s, a, b, r))
}


#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    standard: Standard,
    from: VersionOption,
    to: VersionOption,
    view: View,
    views: Vec<(View, String)>,
    versions: Vec<VersionOption>,
    summary_line: String,
    body: String,
    base: String,
}

pub async fn compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<ViewQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, range) = path.into_inner();
    let (from, to) = split_range(&range)?;
    let view = parse_view(&query)?;
    let cache = state.pages.clone();
    let page = state
        .db(move |conn| {
            let s = Standard::by_slug(conn, &slug)?;
            let a = published_version(conn, &s, &from)?;
            let b = published_version(conn, &s, &to)?;
            let key = format!("compare/{slug}/{from}/{to}/{}", view.as_str());
            let fingerprint = format!("{}|{}|{}|{}|{}", a.sha256, b.sha256, a.status, b.status, s.updated_at);
            if let Some(hit) = cache.get(&key, &fingerprint) {
                return Ok(hit);
            }
            let old = clauses_of(conn, &a)?;
            let new = clauses_of(conn, &b)?;
            let r = redline::compare(&a.label, &b.label, &old, &new);
            let base = format!("/standards/{}/compare/{}...{}", s.slug, a.label, b.label);
            let opts = rhtml::HtmlOptions {
                link_base: format!("{base}?view={}", view.as_str()),
                ..Default::default()
            };
            let body = match view {
                View::Inline => rhtml::inline(&r, &opts),
                View::Side => rhtml::side_by_side(&r, &opts),
                View::Changes => rhtml::changes_only(&r, &opts),
                View::Summary => rhtml::summary_table(&r, &rhtml::HtmlOptions {
                    link_base: base.clone(),
                    ..Default::default()
                }),
            };
            let sm = &r.summary;
            let summary_line = format!(
                "{} added, {} removed, {} modified, {} unchanged; {} moved.",
                sm.added, sm.removed, sm.modified, sm.unchanged, sm.moved
            );
            let versions = published(Version::for_standard(conn, s.id)?)
                .into_iter()
                .map(|v| VersionOption { label: v.label, title: v.title })
                .collect();
            let page = ComparePage {
                from: VersionOption { label: a.label.clone(), title: a.title.clone() },
                to: VersionOption { label: b.label.clone(), title: b.title.clone() },
                views: View::ALL.iter().map(|v| (*v, format!("{base}?view={}", v.as_str()))).collect(),
                view,
                versions,
                summary_line,
                body,
                base,
                standard: s,
            };
            let html = page.render().map_err(AppError::internal)?;
            let etag = respond::etag_for(html.as_bytes());
            let rendered = CachedPage { fingerprint, body: Bytes::from(html), etag };
            cache.put(key, rendered.clone());
            Ok(rendered)
        })
        .await?;
    Ok(respond::with_known_etag(&req, ContentType::html(), page.body, page.etag))
}

#[derive(Debug, Deserialize)]
pub struct PickForm {
    from: Option<String>,
    to: Option<String>,
    view: Option<String>,
}

/// The version picker on a standard's page submits here (GET, no script);
/// it redirects to the comparison's own address.
pub async fn pick(path: web::Path<String>, form: web::Query<PickForm>) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (Some(from), Some(to)) = (form.from.as_deref(), form.to.as_deref()) else {
        return Err(AppError::BadRequest(
            "Choose two versions to compare.".to_string(),
        ));
    };
    let view = parse_view(&ViewQuery { view: form.view.clone() })?;
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !ok(from) || !ok(to) || !ok(&slug) {
        return Err(AppError::BadRequest("That is not a version of this standard.".to_string()));
    }
    let mut location = format!("/standards/{slug}/compare/{from}...{to}");
    if view != View::Inline {
        location.push_str(&format!("?view={}", view.as_str()));
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish())
}

pub struct HistoryStep {
    pub from_label: String,
    pub to_label: String,
    pub status: String,
    pub flags: Vec<&'static str>,
    pub number: String,
    pub body: String,
    pub compare_href: String,
}

pub struct Appearance {
    pub label: String,
    pub number: Option<String>,
    pub heading: Option<String>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    standard: Standard,
    key: String,
    heading: String,
    appearances: Vec<Appearance>,
    steps: Vec<HistoryStep>,
}

pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, key) = path.into_inner();
    let page = state
        .db(move |conn| {
            let s = Standard::by_slug(conn, &slug)?;
            let versions = published(Version::for_standard(conn, s.id)?);
            let mut found: Vec<(Version, Option<Clause>)> = Vec::new();
            for v in versions {
                let c = ClauseRow::by_key(conn, v.id, &key).ok().map(|row| row.to_clause());
                found.push((v, c));
            }
            if found.iter().all(|(_, c)| c.is_none()) {
                return Err(AppError::NotFound);
            }
            let heading = found
                .iter()
                .rev()
                .find_map(|(_, c)| c.as_ref().map(|c| c.heading.clone()))
                .unwrap_or_default();
            let appearances = found
                .iter()
                .map(|(v, c)| Appearance {
                    label: v.label.clone(),
                    number: c.as_ref().map(|c| c.number.clone()),
                    heading: c.as_ref().map(|c| c.heading.clone()),
                })
                .collect();
            let mut steps = Vec::new();
            for pair in found.windows(2) {
                let (a, ca) = &pair[0];
                let (b, cb) = &pair[1];
                if ca.is_none() && cb.is_none() {
                    continue;
                }
                let old: Vec<Clause> = ca.iter().cloned().collect();
                let new: Vec<Clause> = cb.iter().cloned().collect();
                let r = redline::compare(&a.label, &b.label, &old, &new);
                let Some(d) = r.clauses.first() else { continue };
                let mut flags = Vec::new();
                if d.renumbered {
                    flags.push("renumbered");
                }
                let number = match (&d.from_number, &d.to_number) {
                    (Some(x), Some(y)) if x != y => format!("{x} → {y}"),
                    (_, Some(y)) => y.clone(),
                    (Some(x), None) => x.clone(),
                    _ => String::new(),
                };
                steps.push(HistoryStep {
                    from_label: a.label.clone(),
                    to_label: b.label.clone(),
                    status: status_word(d.status).to_string(),
                    flags,
                    number,
                    body: rhtml::inline(&r, &rhtml::HtmlOptions::default()),
                    compare_href: format!("/standards/{}/compare/{}...{}#c-{}", s.slug, a.label, b.label, key),
                });
            }
            Ok(HistoryPage { standard: s, key, heading, appearances, steps })
        })
        .await?;
    let body = page.render().map_err(AppError::internal)?;
    Ok(respond::html(&req, body))
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Modified => "modified",
        Status::Unchanged => "unchanged",
    }
}

/// `GET /api/v1/standards/{slug}/compare/{from}...{to}`: the redline JSON.
pub async fn api_compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, range) = path.into_inner();
    let (from, to) = split_range(&range)?;
    let json = state
        .db(move |conn| {
            let (_, _, _, r) = load_compare(conn, &slug, &from, &to)?;
            Ok(r.to_json())
        })
        .await?;
    Ok(respond::with_etag(&req, ContentType::json(), json.into_bytes()))
}
