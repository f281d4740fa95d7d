//! Settings shared by the commands, from flags and `DOCKET_*` environment
//! variables. Flags win over the environment; both win over the defaults,
//! which are chosen so that `docket serve` works with no set-up at all.

use std::path::{Path, PathBuf};

use clap::Args;

/// Where the data lives. Used by every command that touches the database.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Directory for the SQLite database and files written by the site.
    #[arg(
        long = "data",
        env = "DOCKET_DATA",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite://PATH` or `postgres://USER@HOST/DB`.
    /// Defaults to `sqlite://DATA/docket.db`.
    #[arg(long = "database-url", env = "DOCKET_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
}

impl DataArgs {
    /// The database URL, falling back to the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_string(),
            _ => default_sqlite_url(&self.data_dir),
        }
    }
}

/// `sqlite://<data>/docket.db`
pub fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("docket.db").display())
}

/// Settings of the web server.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "DOCKET_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Directory of standards imported at start-up.
    #[arg(long, env = "DOCKET_CONTENT", default_value = "content")]
    pub content: PathBuf,

    /// Do not import the content directory at start-up.
    #[arg(long)]
    pub no_import: bool,

    /// Public address of the site, used in links that leave it (feeds, mail).
    #[arg(long, env = "DOCKET_BASE_URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,

    /// Number of HTTP worker threads (default: one per CPU).
    #[arg(long, env = "DOCKET_WORKERS")]
    pub workers: Option<usize>,

    /// Database connections in the pool.
    #[arg(long, env = "DOCKET_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,
}

/// Settings the web application needs at run time.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub base_url: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            base_url: "http://127.0.0.1:8080".to_string(),
        }
    }
}
