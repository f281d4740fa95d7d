//! All of `/api/v1/`: the index of endpoints, standards, versions, a
//! version's comments and the editors' decisions on them a page at a time
//! (each by a cursor that only grows), the redline of two versions, a
//! clause's history, and the OpenAPI document describing them.
//! Only public fields: nothing private about commenters or staff ever
//! appears here, and a tombstone shows its reason, never its author or text.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::respond;
use super::views::{ApiClauseHistory, ApiDecision, ApiStandard, ApiStandardDetail, ApiVersion};
use super::AppState;
use crate::comments::dispositions::decisions;
use crate::comments::face::Face;
use crate::comments::ledger::rfc3339;
use crate::comments::published::{self, PageRequest, PublicComment};
use crate::db::models::{ClauseRow, OfficeDomain, Standard, Version};
use crate::db::DbConn;
use crate::error::{ApiError, AppError};
use crate::{comparison, releases, urls};

pub async fn standards(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let list = state
        .db(|conn| {
            let standards = Standard::all(conn)?;
            let versions = super::pages::published(Version::all(conn)?);
            Ok(standards
                .into_iter()
                .filter(|s| versions.iter().any(|v| v.standard_id == s.id))
                .map(|s| ApiStandard {
                    latest_version: versions
                        .iter()
                        .rfind(|v| v.standard_id == s.id)
                        .map(|v| v.label.clone()),
                    slug: s.slug,
                    title: s.title,
                    summary: s.summary,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(respond::json(
        &req,
        &serde_json::json!({ "standards": list }),
    ))
}

/// Answer with JSON made by `make` from a published version, found by the
/// path's slug and label; a draft or an unknown version is a JSON 404.
async fn from_version<T, F>(
    req: &HttpRequest,
    state: &AppState,
    path: web::Path<(String, String)>,
    make: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConn, Standard, Version) -> Result<T, AppError> + Send + 'static,
    T: Serialize + Send + 'static,
{
    let (slug, label) = path.into_inner();
    let body = state
        .db(move |conn| {
            let (standard, version) = Version::published_in(conn, &slug, &label)?;
            make(conn, standard, version)
        })
        .await?;
    Ok(respond::json(req, &body))
}

/// `GET /api/v1/standards/{slug}/versions/{label}`
pub async fn version(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    from_version(&req, &state, path, |conn, s, v| {
        let clauses = ClauseRow::for_version(conn, v.id)?;
        Ok(ApiVersion::new(&s, &v, &clauses))
    })
    .await
}

/// The OpenAPI document describing everything under `/api/v1/`.
const OPENAPI: &str = include_str!("openapi.json");

/// `GET /api/v1/openapi.json`
pub async fn openapi(req: HttpRequest) -> HttpResponse {
    respond::with_etag(
        &req,
        actix_web::http::header::ContentType::json(),
        OPENAPI.as_bytes().to_vec(),
    )
}

/// One comment in the API. Threads are rebuilt from `parent_id`: a reply
/// is always published after the comment it answers, so it comes later
/// in the pages.
#[derive(Debug, Serialize)]
pub struct ApiComment {
    pub id: i32,
    pub tracking_number: String,
    pub clause_key: Option<String>,
    pub parent_id: Option<i32>,
    /// `published`, or `hidden` / `spam` for a tombstone (no text).
    pub status: String,
    pub kind: Option<String>,
    pub author: Option<String>,
    pub organization: Option<String>,
    /// The election office the comment is from, fixed when it was confirmed.
    pub election_office: Option<String>,
    /// How the office was recognised: "address confirmed on <domain>".
    pub office_badge: Option<String>,
    pub created_at: String,
    pub published_at: Option<String>,
    pub hidden_reason: Option<String>,
    pub body_markdown: Option<String>,
    pub body_html: Option<String>,
    pub proposed_text: Option<String>,
    /// The editors' decision, once recorded.
    pub disposition: Option<ApiDisposition>,
    /// The signed letter (PDF) attached to it, if any.
    pub letter: Option<ApiLetter>,
}

/// A signed letter in the API: where to download it and what to check it by.
#[derive(Debug, Serialize)]
pub struct ApiLetter {
    pub href: String,
    pub file_name: String,
    pub size_bytes: i32,
    /// Hex SHA-256 of the file, as its comment's ledger entry records it.
    pub sha256: String,
}

/// An editors' decision in the API.
#[derive(Debug, Serialize)]
pub struct ApiDisposition {
    /// `accepted`, `accepted_modified`, `not_accepted`, `noted`, `duplicate` or `out_of_scope`.
    pub outcome: &'static str,
    pub rationale: String,
    /// Where it is resolved, in words ("version 2, clause 1.2 (Chain of custody)").
    pub resolved_in: Option<String>,
}

impl ApiComment {
    fn new(p: &PublicComment) -> ApiComment {
        let c = &p.comment;
        let shown = match p.face() {
            Face::Shown {
                author,
                body_md,
                body_html,
                proposed_text,
            } => Some((author, body_md, body_html, proposed_text)),
            Face::Tombstone(_) => None,
        };
        let office = shown.and_then(|s| crate::comments::threads::office_of(s.0));
        ApiComment {
            id: c.id,
            tracking_number: c.tracking_number.clone(),
            clause_key: c.clause_key.clone(),
            parent_id: c.parent_id,
            status: c.status.clone(),
            kind: shown.is_some().then(|| c.kind.clone()),
            author: shown.map(|s| s.0.display_name.clone()),
            organization: shown.and_then(|s| s.0.organization.clone()),
            election_office: office.as_ref().map(|o| o.0.clone()),
            office_badge: office.map(|o| o.1),
            created_at: rfc3339(c.created_at),
            published_at: c.published_at.map(rfc3339),
            hidden_reason: c.hidden_reason.clone(),
            body_markdown: shown.map(|s| s.1.to_string()),
            body_html: shown.map(|s| s.2.to_string()),
            proposed_text: shown.and_then(|s| s.3.map(str::to_string)),
            disposition: p.disposition.as_ref().map(|n| ApiDisposition {
                outcome: n.outcome.as_str(),
                rationale: n.rationale.clone(),
                resolved_in: n.resolved_text.clone(),
            }),
            letter: shown.and(p.letter.as_ref()).map(|l| ApiLetter {
                href: l.href.clone(),
                file_name: l.file_name.clone(),
                size_bytes: l.size_bytes,
                sha256: l.sha256.clone(),
            }),
        }
    }
}

/// `?limit=` and `?after=`, checked by [`PageRequest::parse`].
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    limit: Option<String>,
    after: Option<String>,
    /// `yes`: only comments from election offices (comments only).
    office: Option<String>,
}

/// `GET /api/v1/standards/{slug}/versions/{label}/comments`: a page of
/// the version's public comments in the order they became public, with
/// the address of the next page in `next` and in a `Link: rel="next"`
/// header.
pub async fn comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let asked = PageRequest::parse(query.limit.as_deref(), query.after.as_deref())
        .map_err(AppError::BadRequest)?;
    let offices = offices_only(query.office.as_deref())?;
    let (slug, label) = path.into_inner();
    let base = state.config.base_url.clone();
    // The answer's words (where a decision is resolved, an office's badge)
    // are English whatever the request's language.
    let body = state
        .db(move |conn| {
            english(|| {
                let (standard, version) = Version::published_in(conn, &slug, &label)?;
                let page = published::page(conn, &standard, &version, asked, offices)?;
                let from_offices = OfficeDomain::count_published(conn, version.id)?;
                let next = page.next.map(|after| {
                    let mut next = urls::api_comments_page(&slug, &label, asked.limit, after);
                    if offices {
                        next.push_str("&office=yes");
                    }
                    urls::absolute(&base, &next)
                });
                Ok(serde_json::json!({
                    "standard": standard.slug,
                    "version": version.label,
                    "limit": asked.limit,
                    "office": offices,
                    "from_election_offices": from_offices,
                    "comments": page.comments.iter().map(ApiComment::new).collect::<Vec<_>>(),
                    "next": next,
                    "cursor": page.last,
                }))
            })
        })
        .await?;
    Ok(with_next_link(respond::json(&req, &body), &body))
}

/// `work` in English: an answer's values stay the same whatever the
/// request's language (its error messages follow the request).
fn english<R>(work: impl FnOnce() -> R) -> R {
    crate::i18n::with(crate::i18n::Lang::En, work)
}

/// `?office=`: `yes` for comments from election offices only; absent or
/// `no` for every comment; anything else is refused.
fn offices_only(office: Option<&str>) -> Result<bool, AppError> {
    match office.map(str::trim) {
        None | Some("") | Some("no") => Ok(false),
        Some("yes") => Ok(true),
        Some(other) => Err(AppError::BadRequest(crate::i18n::t1(
            "decisions-err-api-office",
            "value",
            other,
        ))),
    }
}

/// `resp` with a `Link: <…>; rel="next"` header when `body` has a `next`
/// page.
fn with_next_link(mut resp: HttpResponse, body: &serde_json::Value) -> HttpResponse {
    if let Some(next) = body["next"].as_str() {
        if let Ok(link) = HeaderValue::from_str(&format!("<{next}>; rel=\"next\"")) {
            resp.headers_mut().insert(header::LINK, link);
        }
    }
    resp
}

/// `GET /api/v1/standards/{slug}/versions/{label}/dispositions`: a page of
/// the editors' decisions on the version's public comments, in the order
/// they were first recorded, with the address of the next page in `next`
/// and in a `Link: rel="next"` header.
pub async fn dispositions(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let asked = PageRequest::parse(query.limit.as_deref(), query.after.as_deref())
        .map_err(AppError::BadRequest)?;
    let (slug, label) = path.into_inner();
    let base = state.config.base_url.clone();
    let body = state
        .db(move |conn| {
            english(|| {
                let (standard, version) = Version::published_in(conn, &slug, &label)?;
                let page = decisions::page(conn, &standard, &version, asked.after, asked.limit)?;
                let next = page.next.map(|after| {
                    urls::absolute(
                        &base,
                        &urls::api_dispositions_page(&slug, &label, asked.limit, after),
                    )
                });
                let decisions: Vec<ApiDecision> = page
                    .decisions
                    .into_iter()
                    .map(|d| ApiDecision::new(&base, d))
                    .collect();
                Ok(serde_json::json!({
                    "standard": standard.slug,
                    "version": version.label,
                    "limit": asked.limit,
                    "decisions": decisions,
                    "next": next,
                    "cursor": page.last,
                }))
            })
        })
        .await?;
    Ok(with_next_link(respond::json(&req, &body), &body))
}

/// `GET /api/v1/standards/{slug}`: a standard and its published versions,
/// with the addresses of their pages, feeds and API answers; a JSON 404
/// until a version is published.
pub async fn standard(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = path.into_inner();
    let base = state.config.base_url.clone();
    let body = state
        .db(move |conn| {
            let (standard, versions) = releases::published(conn, &slug)?;
            Ok(ApiStandardDetail::new(&base, &standard, &versions))
        })
        .await?;
    Ok(respond::json(&req, &body))
}

/// `GET /api/v1/standards/{slug}/clauses/{key}/history`: the clause in
/// every published version (the page at `/standards/{slug}/clauses/{key}/history`
/// as data).
pub async fn clause_history(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, key) = path.into_inner();
    let base = state.config.base_url.clone();
    let body = state
        .db(move |conn| {
            let history = comparison::history(conn, &slug, &key)?;
            Ok(ApiClauseHistory::new(&base, history))
        })
        .await?;
    Ok(respond::json(&req, &body))
}

/// Open data outside `/api/`: the Atom feeds, each the latest 100 entries
/// newest first.
const FEEDS: [(&str, &str); 3] = [
    (
        "/standards/{slug}/versions.atom",
        "A standard's published versions, newest first",
    ),
    (
        "/standards/{slug}/{label}/comments.atom",
        "A version's published comments, newest first",
    ),
    (
        "/standards/{slug}/{label}/decisions.atom",
        "The editors' decisions on a version's comments, newest first",
    ),
];

/// Open data outside `/api/`: whole files.
const DOWNLOADS: [(&str, &str); 8] = [
    (
        "/standards/{slug}/{label}.md",
        "A version's Markdown source, byte for byte (its SHA-256 is on its page)",
    ),
    (
        "/standards/{slug}/{label}/comments.csv",
        "Every public comment of a version, as CSV",
    ),
    (
        "/standards/{slug}/{label}/comments.ndjson",
        "Every public comment of a version, one JSON object a line",
    ),
    (
        "/standards/{slug}/{label}/dispositions.csv",
        "A version's disposition report, as CSV",
    ),
    (
        "/standards/{slug}/{label}/dispositions.json",
        "A version's disposition report, as JSON",
    ),
    (
        "/ledger.json",
        "The integrity ledger of every public record",
    ),
    (
        "/ledger/checkpoints.json",
        "The ledger's signed checkpoints",
    ),
    ("/ledger/key", "The public key that signs the checkpoints"),
];

/// One endpoint in the index.
#[derive(Debug, Clone, Serialize)]
struct Endpoint {
    method: String,
    path: String,
    description: String,
}

/// Every operation the OpenAPI document describes, by path: the index is
/// read from the document, so the two cannot disagree.
fn endpoints() -> &'static [Endpoint] {
    static LIST: std::sync::OnceLock<Vec<Endpoint>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap_or_default();
        let mut list = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                list.push(Endpoint {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    description: op["summary"].as_str().unwrap_or_default().to_string(),
                });
            }
        }
        list.sort_by(|a, b| a.path.cmp(&b.path));
        list
    })
}

/// `GET /api/v1/` (and `/api/v1`): every endpoint of the API with a line
/// on what it answers, the OpenAPI document, and the feeds and files of
/// open data beside the API.
pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let base = &state.config.base_url;
    let listed = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(path, description)| {
                serde_json::json!({ "method": "GET", "path": path, "description": description })
            })
            .collect::<Vec<_>>()
    };
    respond::json(
        &req,
        &serde_json::json!({
            "name": "Docket open data",
            "version": "1",
            "base_url": base.trim_end_matches('/'),
            "openapi": urls::absolute(base, &urls::api_openapi()),
            "notes": "Read-only; HEAD works wherever GET does; every answer allows any origin. Paths are relative to base_url; {slug}, {label} and {key} come from the answers.",
            "endpoints": endpoints(),
            "feeds": listed(&FEEDS),
            "downloads": listed(&DOWNLOADS),
        }),
    )
}

/// `GET /api/v1/standards/{slug}/compare/{from}...{to}`: the redline as JSON
/// (DESIGN.md's contract).
pub async fn compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, range) = path.into_inner();
    let (from, to) = super::compare::split_range(&range)?;
    let json = state
        .db(move |conn| Ok(crate::comparison::between(conn, &slug, &from, &to)?.to_json()))
        .await?;
    Ok(respond::with_etag(
        &req,
        actix_web::http::header::ContentType::json(),
        json.into_bytes(),
    ))
}

/// Middleware: the open data may be read by a page of any other site.
/// Every `GET` and `HEAD` answer under `/api/` says so (CORS), and lets such
/// a page read its `ETag` and its `Link` to the next page. Nothing under
/// `/api/` writes, and no cookie is needed, so any origin is allowed.
pub async fn open_to_every_origin<B: actix_web::body::MessageBody>(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<B>,
) -> Result<actix_web::dev::ServiceResponse<B>, actix_web::Error> {
    let reads = matches!(
        *req.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    );
    let api = req.path().starts_with("/api/");
    let mut res = next.call(req).await?;
    if reads && api {
        let headers = res.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("ETag, Link"),
        );
    }
    Ok(res)
}
