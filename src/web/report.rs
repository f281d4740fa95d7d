//! The public disposition report of a version: one row per comment with
//! the editors' decision, as paged HTML, and as CSV and JSON downloads
//! streamed chunk by chunk (each chunk one keyset page read on the
//! blocking pool), so memory stays flat whatever the number of comments.
//! Public names and organisations only: never an email address.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::pages::find_published;
use super::respond;
use super::views::VersionView;
use super::AppState;
use crate::comments::dispositions::{self, ReportRow};
use crate::db::models::{Standard, Version};
use crate::error::{ApiError, AppError};
use crate::releases::{self, Current};

/// Where a page of the HTML report starts.
#[derive(Debug, Default, Deserialize)]
pub struct Cursor {
    after: Option<i32>,
    before: Option<i32>,
    /// `yes`: only comments from election offices.
    office: Option<String>,
}

#[derive(Template)]
#[template(path = "dispositions.html")]
struct ReportPage {
    standard: Standard,
    version: VersionView,
    rows: Vec<ReportRow>,
    total: i64,
    decided: i64,
    /// Public comments from election offices, and whether only those are listed.
    from_offices: i64,
    offices_only: bool,
    overview: dispositions::report::Overview,
    first_href: Option<String>,
    prev_href: Option<String>,
    next_href: Option<String>,
    /// The current version, when this one is older.
    newer: Option<Current>,
}

/// `GET /standards/{slug}/{label}/dispositions[?after=ID|?before=ID]`
pub async fn html(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    cursor: web::Query<Cursor>,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let Cursor {
        after,
        before,
        office,
    } = cursor.into_inner();
    if after.is_some() && before.is_some() {
        return Err(AppError::BadRequest(crate::i18n::t("err-report-cursor")));
    }
    let offices_only = offices_only(office.as_deref())?;
    let (standard, version, rows, more, ((total, decided), overview, from_offices), newer) = state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let backwards = before.is_some();
            let (rows, more) = dispositions::page(
                conn,
                &standard,
                &version,
                after.or(before),
                backwards,
                dispositions::report::PAGE,
                offices_only,
            )?;
            let counts = (
                dispositions::summary(conn, &version)?,
                dispositions::report::overview(conn, &version)?,
                dispositions::report::office_count(conn, &version)?,
            );
            let newer = releases::newer_than(conn, &standard, &version, None)?;
            Ok((standard, version, rows, more, counts, newer))
        })
        .await?;
    let base = crate::urls::dispositions(&standard.slug, &version.label);
    let (first_href, prev_href, next_href) =
        pager(base, offices_only, &rows, more, (after, before));
    let page = ReportPage {
        newer,
        version: VersionView::new(&version, standard.tz()),
        first_href,
        prev_href,
        next_href,
        standard,
        rows,
        total,
        decided,
        from_offices,
        offices_only,
        overview,
    };
    let body = page.render().map_err(AppError::internal)?;
    Ok(respond::html(&req, body))
}

/// `?office=`: `yes` lists only comments from election offices.
fn offices_only(office: Option<&str>) -> Result<bool, AppError> {
    match office {
        None | Some("") | Some("no") => Ok(false),
        Some("yes") => Ok(true),
        Some(_) => Err(AppError::BadRequest(crate::i18n::t("err-report-office"))),
    }
}

/// The first, previous and next pages of a page of the report that was
/// asked for by `(after, before)`, keeping the office filter.
fn pager(
    mut base: String,
    offices_only: bool,
    rows: &[ReportRow],
    more: bool,
    (after, before): (Option<i32>, Option<i32>),
) -> (Option<String>, Option<String>, Option<String>) {
    if offices_only {
        base.push_str("?office=yes");
    }
    let sep = if offices_only { '&' } else { '?' };
    let link = |key: &str, id: Option<i32>| id.map(|id| format!("{base}{sep}{key}={id}"));
    let (first, last) = (
        rows.first().map(|r| r.comment_id),
        rows.last().map(|r| r.comment_id),
    );
    let has_prev = if before.is_some() {
        more
    } else {
        after.is_some()
    };
    let has_next = if before.is_some() { true } else { more };
    (
        has_prev.then(|| base.clone()),
        link("before", first.filter(|_| has_prev)),
        link("after", last.filter(|_| has_next)),
    )
}

/// A response body fed chunk by chunk from a channel.
struct Chunks(mpsc::Receiver<Bytes>);

impl MessageBody for Chunks {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        self.get_mut().0.poll_recv(cx).map(|c| c.map(Ok))
    }
}

/// A download: `head`, then each chunk of rows as `render` writes it
/// (`first` tells whether it is the first chunk), then `tail`. Chunks are
/// read one keyset page at a time while the client keeps up; a database
/// error ends the download early (the client sees a truncated file).
fn stream(
    state: web::Data<AppState>,
    standard: Standard,
    version: Version,
    head: String,
    tail: String,
    render: fn(&[ReportRow], bool) -> String,
) -> Chunks {
    let (tx, rx) = mpsc::channel::<Bytes>(2);
    // A download's words are English whatever the request's language.
    let english = crate::i18n::Lang::En;
    actix_web::rt::spawn(crate::i18n::scope(english, async move {
        if tx.send(Bytes::from(head)).await.is_err() {
            return;
        }
        let v = version.clone();
        let Ok(layout) = state
            .db(move |conn| Ok(dispositions::report::Layout::load(conn, &v)?))
            .await
        else {
            tracing::error!("the disposition report download stopped on a database error");
            return;
        };
        let layout = std::sync::Arc::new(layout);
        let (mut after, mut first) = (None, true);
        loop {
            let (s, v, l) = (standard.clone(), version.clone(), layout.clone());
            let page = state
                .db(move |conn| {
                    let chunk = dispositions::report::CHUNK;
                    Ok(dispositions::report::page_in(
                        conn, &s, &v, &l, after, false, chunk,
                    )?)
                })
                .await;
            let Ok((rows, more)) = page else {
                tracing::error!("the disposition report download stopped on a database error");
                return;
            };
            after = rows.last().map(|r| r.comment_id);
            if !rows.is_empty() && tx.send(Bytes::from(render(&rows, first))).await.is_err() {
                return;
            }
            first = false;
            if !more || after.is_none() {
                break;
            }
        }
        let _ = tx.send(Bytes::from(tail)).await;
    }));
    Chunks(rx)
}

/// The version and its counts, or a 404.
async fn find(
    state: &AppState,
    path: web::Path<(String, String)>,
) -> Result<(Standard, Version, ((i64, i64), i64)), AppError> {
    let (slug, label) = path.into_inner();
    state
        .db(move |conn| {
            let (standard, version) = find_published(conn, &slug, &label)?;
            let summary = dispositions::summary(conn, &version)?;
            let offices = dispositions::report::office_count(conn, &version)?;
            Ok((standard, version, (summary, offices)))
        })
        .await
}

/// `GET /standards/{slug}/{label}/dispositions.csv`
pub async fn csv(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (standard, version, _) = find(&state, path).await?;
    let filename = format!(
        "{}-{}-dispositions.csv",
        standard.slug,
        version
            .label
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "-")
    );
    let body = stream(
        state,
        standard,
        version,
        dispositions::csv_header(),
        String::new(),
        |rows, _| dispositions::csv_rows(rows),
    );
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{filename}\""),
        ))
        .body(body))
}

#[derive(Serialize)]
struct JsonHead<'a> {
    standard: &'a str,
    version: &'a str,
    comments: i64,
    decided: i64,
    from_election_offices: i64,
}

/// `GET /standards/{slug}/{label}/dispositions.json`: the counts, then
/// `rows`, streamed.
pub async fn json(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (standard, version, ((comments, decided), from_election_offices)) =
        find(&state, path).await?;
    let head = serde_json::to_string(&JsonHead {
        standard: &standard.slug,
        version: &version.label,
        comments,
        decided,
        from_election_offices,
    })
    .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    // `{"standard":…,"decided":N}` becomes `{…,"decided":N,"rows":[` … `]}`.
    let head = format!("{},\"rows\":[", head.trim_end_matches('}'));
    let body = stream(
        state,
        standard,
        version,
        head,
        "]}".to_string(),
        |rows, first| {
            let mut out = String::new();
            for (i, r) in rows.iter().enumerate() {
                if !(first && i == 0) {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(r).unwrap_or_else(|_| "null".to_string()));
            }
            out
        },
    );
    Ok(HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(body))
}
