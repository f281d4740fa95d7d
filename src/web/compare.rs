//! Comparing versions: the redline views, a clause's history, and the same
//! comparison as JSON.
//!
//! Any two published versions compare, in either direction. A comparison of
//! two published versions never changes, so each rendered view is kept in
//! the page cache, fingerprinted with both versions' hashes.

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
use crate::redline::html::{self as rhtml, View};
use crate::redline::{self, align, Redline};
use crate::standard::Clause;

#[derive(Debug, Deserialize)]
pub struct ViewQuery {
    #[serde(default)]
    view: Option<String>,
}

fn parse_view(view: Option<&str>) -> Result<View, AppError> {
    match view {
        None | Some("") => Ok(View::Inline),
        Some(v) => View::parse(v).ok_or_else(|| {
            AppError::BadRequest(format!(
                "There is no view called “{v}”. Choose inline, side, changes or summary."
            ))
        }),
    }
}

/// `1...2` → ("1", "2").
pub fn split_range(range: &str) -> Result<(String, String), AppError> {
    match range.split_once("...") {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains("...") => {
            Ok((a.to_string(), b.to_string()))
        }
        _ => Err(AppError::BadRequest(format!(
            "“{range}” does not name two versions. Write FROM...TO with three dots, for example 1...2."
        ))),
    }
}

fn published_version(conn: &mut DbConn, s: &Standard, label: &str) -> Result<Version, AppError> {
    let v = Version::by_label(conn, s.id, label)?;
    if !v.status().is_published() {
        return Err(AppError::NotFound);
    }
    Ok(v)
}

fn option(v: &Version) -> VersionOption {
    VersionOption {
        label: v.label.clone(),
        title: v.title.clone(),
    }
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    standard: Standard,
    from: VersionOption,
    to: VersionOption,
    view: View,
    /// Each view with its address.
    views: Vec<(View, String)>,
    /// Every published version, for the form.
    options: Vec<VersionOption>,
    summary_line: String,
    legend: String,
    body: String,
    base: String,
    reverse: String,
    json: String,
}

/// `GET /standards/{slug}/compare/{from}...{to}?view=inline|side|changes|summary`
pub async fn compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<ViewQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, range) = path.into_inner();
    let (from, to) = split_range(&range)?;
    let view = parse_view(query.view.as_deref())?;
    let cache = state.pages.clone();
    let page = state
        .db(move |conn| {
            let s = Standard::by_slug(conn, &slug)?;
            let a = published_version(conn, &s, &from)?;
            let b = published_version(conn, &s, &to)?;
            let all = published(Version::for_standard(conn, s.id)?);
            let labels: Vec<&str> = all.iter().map(|v| v.label.as_str()).collect();
            let cache_key = format!(
                "compare/{}/{}/{}/{}",
                s.slug,
                a.label,
                b.label,
                view.as_str()
            );
            let fingerprint = format!(
                "{}|{}|{}|{}|{}|{}",
                a.sha256,
                b.sha256,
                a.title,
                b.title,
                s.updated_at,
                labels.join(",")
            );
            if let Some(hit) = cache.get(&cache_key, &fingerprint) {
                return Ok(hit);
            }
            let old = ClauseRow::clauses_of(conn, a.id)?;
            let new = ClauseRow::clauses_of(conn, b.id)?;
            let r = redline::compare(&a.label, &b.label, &old, &new);
            let base = format!("/standards/{}/compare/{}...{}", s.slug, a.label, b.label);
            let href = |v: View| match v {
                View::Inline => base.clone(),
                other => format!("{base}?view={}", other.as_str()),
            };
            let opts = rhtml::HtmlOptions {
                link_base: match view {
                    // The summary links into the full inline view.
                    View::Summary => base.clone(),
                    other => href(other),
                },
                history_base: Some(format!("/standards/{}/clauses", s.slug)),
                to_base: Some(format!("/standards/{}/{}", s.slug, b.label)),
                min_level: 2,
            };
            let body = match view {
                View::Inline => rhtml::inline(&r, &opts),
                View::Side => rhtml::side_by_side(&r, &opts),
                View::Changes => rhtml::changes_only(&r, &opts),
                View::Summary => rhtml::summary_table(&r, &opts),
            };
            let reverse = {
                let rev = format!("/standards/{}/compare/{}...{}", s.slug, b.label, a.label);
                match view {
                    View::Inline => rev,
                    other => format!("{rev}?view={}", other.as_str()),
                }
            };
            let page = ComparePage {
                from: option(&a),
                to: option(&b),
                views: View::ALL.iter().map(|v| (*v, href(*v))).collect(),
                view,
                options: all.iter().map(option).collect(),
                summary_line: r.summary_line(),
                legend: rhtml::legend(),
                body,
                json: format!(
                    "/api/v1/standards/{}/compare/{}...{}",
                    s.slug, a.label, b.label
                ),
                reverse,
                base,
                standard: s,
            };
            let html = page.render().map_err(AppError::internal)?;
            let etag = respond::etag_for(html.as_bytes());
            let rendered = CachedPage {
                fingerprint,
                body: Bytes::from(html),
                etag,
            };
            cache.put(cache_key, rendered.clone());
            Ok(rendered)
        })
        .await?;
    Ok(respond::with_known_etag(
        &req,
        ContentType::html(),
        page.body,
        page.etag,
    ))
}

#[derive(Debug, Deserialize)]
pub struct PickForm {
    from: Option<String>,
    to: Option<String>,
    view: Option<String>,
}

/// `GET /standards/{slug}/compare?from=1&to=2&view=side`: the version picker
/// submits here (a plain GET form, no script) and is redirected to the
/// comparison's own address.
pub async fn pick(
    path: web::Path<String>,
    form: web::Query<PickForm>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (Some(from), Some(to)) = (form.from.as_deref(), form.to.as_deref()) else {
        return Err(AppError::BadRequest(
            "Choose two versions to compare: one in “From” and one in “To”.".to_string(),
        ));
    };
    let view = parse_view(form.view.as_deref())?;
    let label_like = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    if !label_like(from) || !label_like(to) || !label_like(&slug) {
        return Err(AppError::BadRequest(
            "That is not a version of this standard. Choose versions from the lists.".to_string(),
        ));
    }
    let mut location = format!("/standards/{slug}/compare/{from}...{to}");
    if view != View::Inline {
        location.push_str("?view=");
        location.push_str(view.as_str());
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish())
}

/// One published version, and the clause in it if it is there.
pub struct Appearance {
    pub label: String,
    pub number: Option<String>,
    pub heading: Option<String>,
}

/// What happened to the clause from one published version to the next.
pub struct HistoryStep {
    pub from_label: String,
    pub to_label: String,
    /// "Modified, moved, renumbered"
    pub description: String,
    pub body: String,
    pub compare_href: String,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    standard: Standard,
    key: String,
    heading: String,
    appearances: Vec<Appearance>,
    steps: Vec<HistoryStep>,
    legend: String,
}

/// `GET /standards/{slug}/clauses/{key}/history`
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
            let mut found: Vec<(Version, Option<Clause>)> = Vec::with_capacity(versions.len());
            for v in versions {
                let c = match ClauseRow::by_key(conn, v.id, &key) {
                    Ok(row) => Some(row.to_clause()),
                    Err(diesel::result::Error::NotFound) => None,
                    Err(e) => return Err(e.into()),
                };
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
            let opts = rhtml::HtmlOptions {
                min_level: 3,
                ..Default::default()
            };
            let mut steps = Vec::new();
            for pair in found.windows(2) {
                let ((a, ca), (b, cb)) = (&pair[0], &pair[1]);
                if ca.is_none() && cb.is_none() {
                    continue;
                }
                let old: Vec<Clause> = ca.iter().cloned().collect();
                let new: Vec<Clause> = cb.iter().cloned().collect();
                let r = redline::compare(&a.label, &b.label, &old, &new);
                let Some(mut d) = r.clauses.into_iter().next() else {
                    continue;
                };
                if ca.is_some() && cb.is_some() {
                    // Moved is about the clause's place among all the others.
                    let ka = ClauseRow::keys_for_version(conn, a.id)?;
                    let kb = ClauseRow::keys_for_version(conn, b.id)?;
                    let ka: Vec<&str> = ka.iter().map(String::as_str).collect();
                    let kb: Vec<&str> = kb.iter().map(String::as_str).collect();
                    d.moved = align::align(&ka, &kb).iter().any(|x| {
                        x.moved && matches!(x.pair, align::Pair::Both(_, j) if kb[j] == key)
                    });
                }
                let mut words = vec![d.status.title().to_string()];
                if d.moved {
                    words.push("moved".to_string());
                }
                if d.renumbered {
                    words.push(format!(
                        "renumbered from {} to {}",
                        d.from_number.as_deref().unwrap_or_default(),
                        d.to_number.as_deref().unwrap_or_default()
                    ));
                }
                steps.push(HistoryStep {
                    from_label: a.label.clone(),
                    to_label: b.label.clone(),
                    description: words.join(", "),
                    body: rhtml::clause_inline(&d, &opts),
                    compare_href: format!(
                        "/standards/{}/compare/{}...{}#c-{}",
                        s.slug, a.label, b.label, key
                    ),
                });
            }
            Ok(HistoryPage {
                standard: s,
                key,
                heading,
                appearances,
                steps,
                legend: rhtml::legend(),
            })
        })
        .await?;
    let body = page.render().map_err(AppError::internal)?;
    Ok(respond::html(&req, body))
}

/// `GET /api/v1/standards/{slug}/compare/{from}...{to}`: the redline as JSON
/// (DESIGN.md's contract).
pub async fn api_compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, range) = path.into_inner();
    let (from, to) = split_range(&range)?;
    let json = state
        .db(move |conn| {
            let r = load(conn, &slug, &from, &to)?;
            Ok(r.to_json())
        })
        .await?;
    Ok(respond::with_etag(
        &req,
        ContentType::json(),
        json.into_bytes(),
    ))
}

/// Compare two published versions of a standard.
fn load(conn: &mut DbConn, slug: &str, from: &str, to: &str) -> Result<Redline, AppError> {
    let s = Standard::by_slug(conn, slug)?;
    let a = published_version(conn, &s, from)?;
    let b = published_version(conn, &s, to)?;
    let old = ClauseRow::clauses_of(conn, a.id)?;
    let new = ClauseRow::clauses_of(conn, b.id)?;
    Ok(redline::compare(&a.label, &b.label, &old, &new))
}
