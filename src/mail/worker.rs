//! The background sender started by `docket serve`.
//!
//! One plain thread per process: diesel and lettre's SMTP client block, so
//! the worker stays off the HTTP workers entirely. Several processes may
//! run one each against the same database; claims keep them apart.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use super::{drain_once, Transport};
use crate::db::Pool;

/// Start a thread that sends due mail every `interval`, for the life of
/// the process.
pub fn spawn_worker(
    pool: Pool,
    transport: Arc<dyn Transport>,
    interval: Duration,
) -> std::io::Result<JoinHandle<()>> {
    tracing::info!(transport = %transport.describe(), "mail worker started");
    std::thread::Builder::new()
        .name("docket-mail".to_string())
        .spawn(move || loop {
            match drain_once(&pool, transport.as_ref()) {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "mail sent"),
                Err(err) => tracing::warn!(error = %format!("{err:#}"), "mail worker: will retry"),
            }
            std::thread::sleep(interval);
        })
}
