//! The bulk download of a version's public comments
//! (`/standards/{slug}/{label}/comments.csv` and `.ndjson`), streamed: the
//! body is read a chunk at a time ([`crate::comments::open_data`]), each
//! chunk on the blocking thread pool when the client is ready for it, so
//! the server holds one chunk whatever the number of comments. A client
//! that accepts gzip gets it compressed by the compression middleware as
//! it streams (the download is public, the same for everyone).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header;
use actix_web::rt::task::JoinHandle;
use actix_web::web::{self, Bytes};
use actix_web::HttpResponse;

use super::AppState;
use crate::comments::open_data::{Chunk, Export, Format};
use crate::db::Pool;
use crate::error::AppError;

/// `GET /standards/{slug}/{label}/comments.csv`
pub async fn csv(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    download(&state, path, Format::Csv).await
}

/// `GET /standards/{slug}/{label}/comments.ndjson`
pub async fn ndjson(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    download(&state, path, Format::Ndjson).await
}

async fn download(
    state: &AppState,
    path: web::Path<(String, String)>,
    format: Format,
) -> Result<HttpResponse, AppError> {
    let (slug, label) = path.into_inner();
    let export = state
        .db(move |conn| Ok(Export::open(conn, &slug, &label, format)?))
        .await?;
    let disposition = format!("attachment; filename=\"{}\"", export.file_name());
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(Chunks {
            pool: state.pool.clone(),
            export: Arc::new(export),
            after: Some(0),
            pending: None,
        }))
}

/// The body: the next chunk is read only when the one before has been
/// taken by the client.
struct Chunks {
    pool: Pool,
    export: Arc<Export>,
    /// The cursor of the next chunk to read; none after the last.
    after: Option<i32>,
    pending: Option<JoinHandle<Result<Chunk, AppError>>>,
}

impl MessageBody for Chunks {
    type Error = std::io::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = &mut *self;
        if this.pending.is_none() {
            let Some(after) = this.after else {
                return Poll::Ready(None);
            };
            let (pool, export) = (this.pool.clone(), this.export.clone());
            this.pending = Some(actix_web::rt::task::spawn_blocking(move || {
                let mut conn = pool.get()?;
                Ok(export.chunk(&mut conn, after)?)
            }));
        }
        let Some(pending) = this.pending.as_mut() else {
            return Poll::Ready(None);
        };
        let done = match Pin::new(pending).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(done) => done,
        };
        this.pending = None;
        match done {
            Ok(Ok(chunk)) => {
                this.after = chunk.next;
                Poll::Ready(Some(Ok(Bytes::from(chunk.bytes))))
            }
            Ok(Err(err)) => {
                this.after = None;
                tracing::error!(error = %err, "comment download stopped");
                Poll::Ready(Some(Err(std::io::Error::other(err.to_string()))))
            }
            Err(err) => {
                this.after = None;
                Poll::Ready(Some(Err(std::io::Error::other(err.to_string()))))
            }
        }
    }
}
