//! The public disposition report of a version: one row per comment with
//! the editors' decision, as an HTML page, CSV and JSON. Public names and
//! organisations only: never an email address.

use actix_web::http::header::{self, ContentType};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Serialize;

use super::pages::find_published;
use super::respond;
use super::views::VersionView;
use super::AppState;
use crate::comments::dispositions::{self, ReportRow};
use crate::db::models::Standard;
use crate::error::{ApiError, AppError};

/// Everything the three formats share.
struct Report {
    standard: Standard,
    version: VersionView,
    rows: Vec<ReportRow>,
}

async fn load(state: &AppState, path: web::Path<(String, String)>) -> Result<Report, AppError> {
    let (slug, label) = path.into_inner();
    state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let rows = dispositions::report(conn, &standard, &version)?;
            Ok(Report {
                version: VersionView::new(&version, standard.tz()),
                standard,
                rows,
            })
        })
        .await
}

#[derive(Template)]
#[template(path = "dispositions.html")]
struct ReportPage {
    standard: Standard,
    version: VersionView,
    rows: Vec<ReportRow>,
    decided: usize,
}

/// `GET /standards/{slug}/{label}/dispositions`
pub async fn html(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let r = load(&state, path).await?;
    let page = ReportPage {
        decided: r.rows.iter().filter(|row| row.decided()).count(),
        standard: r.standard,
        version: r.version,
        rows: r.rows,
    };
    let body = page.render().map_err(AppError::internal)?;
    Ok(respond::html(&req, body))
}

/// `GET /standards/{slug}/{label}/dispositions.csv`
pub async fn csv(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let r = load(&state, path).await?;
    let body = dispositions::to_csv(&r.rows);
    let mut resp = respond::with_etag(
        &req,
        ContentType(
            "text/csv; charset=utf-8"
                .parse()
                .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?,
        ),
        body.into_bytes(),
    );
    let filename = format!(
        "{}-{}-dispositions.csv",
        r.standard.slug,
        r.version
            .label
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "-")
    );
    if let Ok(v) = header::HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

#[derive(Serialize)]
struct JsonReport<'a> {
    standard: &'a str,
    version: &'a str,
    comments: usize,
    decided: usize,
    rows: &'a [ReportRow],
}

/// `GET /standards/{slug}/{label}/dispositions.json`
pub async fn json(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let r = load(&state, path).await?;
    Ok(respond::json(
        &req,
        &JsonReport {
            standard: &r.standard.slug,
            version: &r.version.label,
            comments: r.rows.len(),
            decided: r.rows.iter().filter(|row| row.decided()).count(),
            rows: &r.rows,
        },
    ))
}
