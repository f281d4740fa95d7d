//! The background sender started by `docket serve`.
//!
//! One plain thread per process: diesel and lettre's SMTP client block, so
//! the worker stays off the HTTP workers entirely. Several processes may
//! run one each against the same database; claims keep them apart.
//!
//! While comments flood in, the worker steps aside: after each full batch
//! of [`super::BATCH`] messages it waits [`FLOOD_PAUSE`] before the next,
//! so confirmation mail still goes out (up to a hundred a second) while the
//! database and the processor serve the submissions first. What queues up
//! in a flood is sent right after it. None is lost: every message is in
//! the outbox from the transaction that stored its comment.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;

use super::{drain_paced, Transport};
use crate::db::group::{FloodWatch, GroupWriter};
use crate::db::Pool;

/// How long the worker waits between full batches while submissions are
/// arriving.
pub const FLOOD_PAUSE: Duration = Duration::from_millis(500);

/// Start a thread that sends due mail every `interval`, for the life of
/// the process, stepping aside while `writer` is busy with submissions.
pub fn spawn_worker(
    pool: Pool,
    transport: Arc<dyn Transport>,
    interval: Duration,
    writer: GroupWriter,
) -> std::io::Result<JoinHandle<()>> {
    tracing::info!(transport = %transport.describe(), "mail worker started");
    let mut watch = FloodWatch::new(writer);
    std::thread::Builder::new()
        .name("docket-mail".to_string())
        .spawn(move || loop {
            let between = || {
                if watch.flooded() {
                    std::thread::sleep(FLOOD_PAUSE);
                }
            };
            match drain_paced(
                &pool,
                transport.as_ref(),
                || Utc::now().naive_utc(),
                between,
            ) {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "mail sent"),
                Err(err) => tracing::warn!(error = %format!("{err:#}"), "mail worker: will retry"),
            }
            std::thread::sleep(interval);
        })
}
