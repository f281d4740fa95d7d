//! Signed letters as downloads: `/letters/{id}` answers with the PDF a
//! commenter attached, only while its comment is published (404 while it
//! waits for confirmation or review, and once it is hidden or marked as
//! spam). Always a download, never shown inside the site: the file is the
//! commenter's, not the site's, so it is sent with
//! `Content-Disposition: attachment`, as `application/pdf` whatever it
//! holds, and with `X-Content-Type-Options: nosniff`. Not kept in the page
//! cache: a hidden comment's letter must be gone at once.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::AppState;
use crate::comments::letters;
use crate::error::AppError;

/// `GET /letters/{id}`
pub async fn letter(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (letter, bytes) = state
        .db(move |conn| Ok(letters::public_letter(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    // The content never changes: its digest is its tag.
    let etag = format!("\"{}\"", letter.sha256);
    let cached = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if cached {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", letter.file_name),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        // Asked again each time, so a comment hidden since is not served
        // from a cache; the ETag makes asking cheap.
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::ETAG, etag))
        // PDFs are compressed already: keep the compression middleware off
        // (the marker is removed before sending).
        .insert_header((header::CONTENT_ENCODING, "identity"));
    if cached {
        return Ok(response.finish());
    }
    Ok(response.body(bytes))
}
