//! JSON under `/api/v1/`. Only public fields: nothing private about
//! commenters or staff ever appears here.

use actix_web::{web, HttpRequest, HttpResponse};

use super::respond;
use super::views::{ApiStandard, ApiVersion};
use super::AppState;
use crate::db::models::{ClauseRow, Standard, Version};
use crate::error::{ApiError, AppError};

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

pub async fn version(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, label) = path.into_inner();
    let body = state
        .db(move |conn| {
            let s = Standard::by_slug(conn, &slug)?;
            let v = Version::by_label(conn, s.id, &label)?;
            if !v.status().is_published() {
                return Err(AppError::NotFound);
            }
            let clauses = ClauseRow::for_version(conn, v.id)?;
            Ok(ApiVersion::new(&s, &v, &clauses))
        })
        .await?;
    Ok(respond::json(&req, &body))
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
