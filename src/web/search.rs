//! `/search` and `/api/v1/search`: the same search (see [`crate::search`])
//! as a page with a form that works without JavaScript, and as JSON.
//! The address is read leniently (any parameters, repeated or unknown,
//! in any encoding), so every input gets results or a message.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::respond;
use super::AppState;
use crate::error::{ApiError, AppError};
use crate::search::{self, Filters, Query, Results, Scope, SearchError};

/// What the address asked for.
struct Asked {
    q: String,
    filters: Result<Filters, String>,
    page: Result<i64, String>,
}

/// The first value of each parameter; the rest are ignored.
fn asked(pairs: &[(String, String)]) -> Asked {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let page = match get("page").map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(1),
        Some(p) => p
            .parse::<i64>()
            .map_err(|_| format!("`{p}` is not a page number.")),
    };
    Asked {
        q: get("q").unwrap_or("").to_string(),
        filters: Filters::parse(
            get("standard"),
            get("version"),
            get("what"),
            get("kind"),
            get("decided"),
        ),
        page,
    }
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    filters: Filters,
    scopes: Vec<Scope>,
    results: Option<Results>,
    problem: Option<String>,
    prev_href: Option<String>,
    next_href: Option<String>,
}

impl SearchPage {
    fn standard(&self) -> &str {
        self.filters.standard.as_deref().unwrap_or("")
    }

    fn version(&self) -> &str {
        self.filters.version.as_deref().unwrap_or("")
    }

    /// The versions of the standard chosen, for the version filter.
    fn versions(&self) -> Vec<String> {
        self.scopes
            .iter()
            .find(|s| Some(&s.slug) == self.filters.standard.as_ref())
            .map(|s| s.versions.clone())
            .unwrap_or_default()
    }
}

/// `GET /search?q=…[&standard=&version=&what=&kind=&decided=&page=]`
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    pairs: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let Asked { q, filters, page } = asked(&pairs);
    let checked = filters.clone().and_then(|f| page.clone().map(|p| (f, p)));
    let query = Query::parse(&q);
    let (scopes, outcome) = state
        .db(move |conn| {
            let scopes = search::scopes(conn)?;
            let outcome = match checked {
                Err(message) => Err(message),
                Ok((f, p)) => match search::search(conn, &query, &f, p) {
                    Ok(results) => Ok(results),
                    Err(SearchError::Invalid(message)) => Err(message),
                    Err(SearchError::Db(e)) => return Err(e.into()),
                },
            };
            Ok((scopes, outcome))
        })
        .await?;
    let filters = filters.unwrap_or_default();
    let (results, problem) = match outcome {
        Ok(r) => (Some(r), None),
        Err(message) => (None, Some(message)),
    };
    let link = |p: i64| search::address("/search", &q, &filters, p);
    let prev_href = results
        .as_ref()
        .filter(|r| r.page > 1)
        .map(|r| link(r.page - 1));
    let next_href = results
        .as_ref()
        .filter(|r| r.page < r.pages)
        .map(|r| link(r.page + 1));
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = SearchPage {
        q,
        filters,
        scopes,
        results,
        problem,
        prev_href,
        next_href,
    }
    .render()
    .map_err(AppError::internal)?;
    let mut resp = respond::html(&req, body);
    *resp.status_mut() = status;
    Ok(resp)
}

/// `GET /api/v1/search?q=…`: the same search as JSON; an empty query or a
/// filter that names nothing is a 400 with a message.
pub async fn api(
    req: HttpRequest,
    state: web::Data<AppState>,
    pairs: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    let Asked { q, filters, page } = asked(&pairs);
    let filters = filters.map_err(AppError::BadRequest)?;
    let page = page.map_err(AppError::BadRequest)?;
    let query = Query::parse(&q);
    if query.is_empty() {
        let mut notes = query.notes.clone();
        notes.push("Give the words to search for in `q`.".into());
        return Err(AppError::BadRequest(notes.join(" ")).into());
    }
    let base = state.config.base_url.clone();
    let body = state
        .db(move |conn| {
            // The API speaks English, whatever the request's language.
            crate::i18n::with(crate::i18n::Lang::En, || {
                match search::search(conn, &query, &filters, page) {
                    Ok(results) => Ok(search::to_json(&results, &q, &filters, &base)),
                    Err(SearchError::Invalid(message)) => Err(AppError::BadRequest(message)),
                    Err(SearchError::Db(e)) => Err(e.into()),
                }
            })
        })
        .await?;
    Ok(respond::json(&req, &body))
}
