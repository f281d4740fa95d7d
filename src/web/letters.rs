//! Signed letters as downloads: `/letters/{id}` answers with the PDF a
//! commenter attached, only while its comment is published (404 while it
//! waits for confirmation or review, and once it is hidden or marked as
//! spam). Always a download, never shown inside the site: the file is the
//! commenter's, not the site's, so it is sent with
//! `Content-Disposition: attachment`, as `application/pdf` whatever it
//! holds, and with `X-Content-Type-Options: nosniff`. Not kept in the page
//! cache: a hidden comment's letter must be gone at once. Moderators open
//! any comment's letter at `/moderation/letters/{id}`, to review it before
//! publishing the comment.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::AppState;
use crate::comments::letters;
use crate::db::models::Attachment;
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
    // Asked again each time, so a comment hidden since is not served from
    // a cache; the ETag makes asking cheap.
    Ok(download(&req, &letter, bytes, "no-cache"))
}

/// `GET /moderation/letters/{id}`: the letter of any comment, for the
/// moderators who review it before it is public. Never kept by a cache.
pub async fn for_moderators(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (letter, bytes) = state
        .db(move |conn| Ok(letters::any_letter(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(download(&req, &letter, bytes, "private, no-store"))
}

/// The letter as a download (or `304` when the client has it already).
fn download(
    req: &HttpRequest,
    letter: &Attachment,
    bytes: Vec<u8>,
    cache_control: &'static str,
) -> HttpResponse {
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
        .insert_header((header::CACHE_CONTROL, cache_control))
        .insert_header((header::ETAG, etag))
        // PDFs are compressed already: keep the compression middleware off
        // (the marker is removed before sending).
        .insert_header((header::CONTENT_ENCODING, "identity"));
    if cached {
        return response.finish();
    }
    response.body(bytes)
}
