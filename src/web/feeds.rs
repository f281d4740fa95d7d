//! Atom feeds: a version's published comments, newest first. The entries
//! are read by `crate::comments::published::feed`; the XML is written by
//! an askama template, which escapes every value with [`Xml`] (set for
//! `.atom` templates in `askama.toml`).

use actix_web::http::header::ContentType;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::comments::settings;
use super::respond;
use super::AppState;
use crate::comments::published::{self, Feed};
use crate::db::models::Version;
use crate::error::AppError;

/// XML escaping for askama: `&`, `<`, `>` and both quotes become entities,
/// so a value is safe in text and in attribute values.
#[derive(Debug, Clone, Copy)]
pub struct Xml;

impl askama::filters::Escaper for Xml {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, text: &str) -> std::fmt::Result {
        dest.write_str(&crate::standard::markdown::escape(text))
    }
}

#[derive(Template)]
#[template(path = "feeds/comments.atom")]
struct CommentsFeed {
    feed: Feed,
}

/// `GET /standards/{slug}/{label}/comments.atom`: published comments, newest first.
pub async fn comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let base = settings(&state).base_url;
    let feed = state
        .db(move |conn| {
            let (standard, version) = Version::published_in(conn, &slug, &label)?;
            Ok(published::feed(conn, &standard, &version, &base)?)
        })
        .await?;
    let xml = CommentsFeed { feed }.render().map_err(AppError::internal)?;
    let content_type: actix_web::mime::Mime = "application/atom+xml; charset=utf-8"
        .parse()
        .map_err(AppError::internal)?;
    Ok(respond::with_etag(
        &req,
        ContentType(content_type),
        xml.into_bytes(),
    ))
}
