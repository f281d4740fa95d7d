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

    /// Database connections in the pool (default: 8 on SQLite; 10 on
    /// PostgreSQL, where the two comment writers keep one each).
    #[arg(long, env = "DOCKET_POOL_SIZE")]
    pub pool_size: Option<u32>,

    /// SMTP server for outgoing mail, e.g. `smtp://127.0.0.1:25` or
    /// `smtps://user:pass@mail.example.org`. Without it, mail is written as
    /// `.eml` files in DATA/mail/.
    #[arg(long, env = "DOCKET_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The `From` address of outgoing mail.
    #[arg(long, env = "DOCKET_MAIL_FROM", default_value = crate::mail::DEFAULT_FROM)]
    pub mail_from: String,

    /// Behind a reverse proxy: take each client's address from the last
    /// `X-Forwarded-For` entry (for rate limits and login throttling).
    #[arg(
        long,
        env = "DOCKET_TRUST_FORWARDED_FOR",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub trust_forwarded_for: bool,

    /// Ed25519 key that signs the ledger's daily checkpoints: a file
    /// outside the data directory, created (readable by its owner only)
    /// if it does not exist. Without it, checkpoints are not made.
    #[arg(long, env = "DOCKET_LEDGER_KEY")]
    pub ledger_key: Option<PathBuf>,

    /// When a verified comment becomes public: `post` (at once; moderators
    /// act on flags afterwards) or `pre` (only after a moderator publishes it).
    #[arg(long, env = "DOCKET_MODERATION", default_value = "post")]
    pub moderation: crate::comments::Moderation,

    /// Memory for rendered public pages, in MiB (0: no page cache).
    #[arg(long, env = "DOCKET_PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: usize,

    /// How cached pages learn of changes: `watch` (read the database's
    /// page stamp five times a second; a change made on any app server
    /// shows everywhere within a second) or `exact` (ask on every request;
    /// never stale, slower).
    #[arg(long, env = "DOCKET_PAGE_FRESHNESS", default_value = "watch")]
    pub page_freshness: Freshness,
}

/// Settings the web application needs at run time.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub base_url: String,
    /// SMTP server for outgoing mail; without one, mail is written as
    /// `.eml` files under the data directory.
    pub smtp_url: Option<String>,
    /// The `From` of outgoing mail.
    pub mail_from: String,
    /// The master secret (session cookies, signed links); all app servers
    /// of one site must share it.
    pub secret_key: crate::secrets::SecretKey,
    /// Take client addresses from the proxy's `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// When verified comments become public.
    pub moderation: crate::comments::Moderation,
    /// Hex of the public key that signs ledger checkpoints, if the site
    /// has a ledger key (served at `/ledger/key`).
    pub ledger_public_key: Option<String>,
    /// The cache of rendered public pages.
    pub page_cache: PageCacheSettings,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            base_url: "http://127.0.0.1:8080".to_string(),
            smtp_url: None,
            mail_from: crate::mail::DEFAULT_FROM.to_string(),
            secret_key: crate::secrets::SecretKey::random(),
            trust_forwarded_for: false,
            moderation: crate::comments::Moderation::Post,
            ledger_public_key: None,
            page_cache: PageCacheSettings::default(),
        }
    }
}

/// How cached public pages learn that what they show has changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Freshness {
    /// A thread reads the page stamp every [`PageCacheSettings::watch_every`];
    /// requests never wait for the database.
    Watch,
    /// Every request reads the page stamp first (two small queries).
    Exact,
}

/// The cache of rendered public pages (see `web::cache`).
#[derive(Debug, Clone)]
pub struct PageCacheSettings {
    /// Bytes of pages kept (their compressed forms included); the least
    /// recently used go first. 0 turns the cache off.
    pub budget_bytes: usize,
    pub freshness: Freshness,
    /// How often the page stamp is read, in `Watch` mode.
    pub watch_every: std::time::Duration,
    /// How long a page with discussions or counts may go on being served
    /// after a new comment was published (it is then rendered again, once).
    pub lively_for: std::time::Duration,
}

impl Default for PageCacheSettings {
    fn default() -> Self {
        PageCacheSettings {
            budget_bytes: 64 * 1024 * 1024,
            freshness: Freshness::Watch,
            watch_every: std::time::Duration::from_millis(200),
            lively_for: std::time::Duration::from_millis(750),
        }
    }
}

impl PageCacheSettings {
    /// Never stale: every request checks the page stamp and a page with
    /// discussions is rendered again after every publication. For sites
    /// with little traffic, and for tests that look at a page right after
    /// changing the database behind the server's back.
    pub fn exact() -> Self {
        PageCacheSettings {
            freshness: Freshness::Exact,
            lively_for: std::time::Duration::ZERO,
            ..PageCacheSettings::default()
        }
    }
}
