//! The database layer: one diesel schema for SQLite and PostgreSQL.
//!
//! The backend is chosen from the URL scheme here and only here
//! (`sqlite://PATH` or `postgres://…`); diesel alone would accept any string
//! as a SQLite file name, so an unknown scheme is refused instead. Every
//! pooled SQLite connection gets WAL, a busy timeout and foreign keys, and
//! writes go through [`write_tx`], which takes SQLite's write lock up front
//! (`BEGIN IMMEDIATE`) so two writers wait for each other instead of failing.
//! Queries live with their models in `db::models`; handlers never build SQL.

pub mod group;
pub mod models;
mod prepared;
pub mod schema;

pub use prepared::{prepared, Prepared};

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which engine a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DbUrl {
    pub fn parse(url: &str) -> anyhow::Result<DbUrl> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("database URL `{url}` names no file; use sqlite://PATH, for example sqlite://data/docket.db");
            }
            Ok(DbUrl::Sqlite(PathBuf::from(path)))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DbUrl::Postgres(url.to_string()))
        } else {
            bail!(
                "database URL `{}` has an unknown scheme; use sqlite://PATH or postgres://USER@HOST/DATABASE",
                redact(url)
            )
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DbUrl::Sqlite(_) => "SQLite",
            DbUrl::Postgres(_) => "PostgreSQL",
        }
    }
}

/// A URL with any password removed, fit for logs and error messages.
pub fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((userinfo, host)) = rest.split_once('@') {
            let user = userinfo.split(':').next().unwrap_or("");
            return format!("{scheme}://{user}@{host}");
        }
    }
    url.to_string()
}

/// Opens connections for the pool, with per-connection settings.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DbUrl,
}

impl Manager {
    pub fn new(url: DbUrl) -> Self {
        Manager { url }
    }
}

/// The settings every SQLite connection runs with, in order. The busy
/// timeout comes first: switching a new database to WAL takes a lock, and
/// the pool opens several connections at once. `synchronous = FULL` makes
/// every commit durable through a power cut, not only a crash of the
/// process: a tracking number shown to a commenter is a promise. Temporary
/// storage stays in memory: each submission in a group commit runs in a
/// savepoint, whose undo journal would otherwise spill to a new temporary
/// file every time. Each connection keeps at most 8 MiB of pages: the
/// operating system caches the file for all of them, and a pool of
/// connections each holding a large cache would put the server's memory
/// far above what a streamed download of a million comments needs.
pub const SQLITE_SETTINGS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8192;";

/// Open one connection and apply the per-connection settings.
pub fn establish(url: &DbUrl) -> anyhow::Result<DbConn> {
    match url {
        DbUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(&path.to_string_lossy())
                .with_context(|| format!("cannot open SQLite database {}", path.display()))?;
            // Each setting is its own statement: a multi-statement string
            // sent through `sql_query` runs only its first statement.
            conn.batch_execute(SQLITE_SETTINGS)
                .context("cannot configure SQLite connection")?;
            Ok(DbConn::Sqlite(conn))
        }
        DbUrl::Postgres(url) => {
            let conn = PgConnection::establish(url)
                .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(url)))?;
            Ok(DbConn::Pg(conn))
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0:#}")]
pub struct ManagerError(anyhow::Error);

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = ManagerError;

    fn connect(&self) -> Result<DbConn, ManagerError> {
        establish(&self.url).map_err(ManagerError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), ManagerError> {
        prepared("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(|e| ManagerError(e.into()))
    }

    /// A connection given back inside a transaction (work that panicked
    /// half-way), or whose transaction state was lost (the database cut it
    /// mid-transaction), is closed rather than reused.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        !is_sound(conn)
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Connect, creating the SQLite file's directory if needed, and run any
/// pending migrations.
pub fn connect(url: &str, pool_size: u32) -> anyhow::Result<Pool> {
    let parsed = DbUrl::parse(url)?;
    if let DbUrl::Sqlite(path) = &parsed {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create directory {}", dir.display()))?;
            }
        }
    }
    if matches!(parsed, DbUrl::Sqlite(_)) {
        // One connection first switches a new file to WAL, which lasts. The
        // pool then opens its connections at once; had they raced to switch
        // the journal mode, SQLite could refuse one of them outright
        // ("database is locked") without waiting on the busy timeout.
        establish(&parsed)?;
    }
    let pool = r2d2::Pool::builder()
        .max_size(pool_size.max(1))
        .connection_timeout(Duration::from_secs(30))
        // A SQLite file does not go away under an open connection: no
        // `SELECT 1` before every use. A PostgreSQL connection may have been
        // cut while idle (a restart, a failover), so it is checked.
        .test_on_check_out(matches!(parsed, DbUrl::Postgres(_)))
        .build(Manager::new(parsed.clone()))
        .map_err(|e| anyhow::anyhow!("cannot open the {} database: {e}", parsed.backend_name()))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    migrate(&mut conn)?;
    Ok(pool)
}

/// Run pending migrations; returns the names of those applied.
pub fn migrate(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))?;
    Ok(applied.iter().map(|m| m.to_string()).collect())
}

/// Revert every migration (used by tests that check the down migrations).
pub fn revert_all(conn: &mut DbConn) -> anyhow::Result<()> {
    match conn {
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConn::Pg(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    }
    .map_err(|e| anyhow::anyhow!("reverting migrations failed: {e}"))
}

/// Whether a transaction is open on this connection.
fn in_transaction(conn: &mut DbConn) -> bool {
    crate::per_backend!(conn => AnsiTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .is_ok_and(|depth| depth.is_some()))
}

/// Whether this connection can be used again as it is: no transaction
/// open, and its transaction state known (Diesel marks it broken when a
/// commit or rollback fails, as when the database cuts the connection).
pub fn is_sound(conn: &mut DbConn) -> bool {
    crate::per_backend!(conn => AnsiTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .is_ok_and(|depth| depth.is_none()))
}

/// Run `f` in a write transaction. On SQLite the write lock is taken at the
/// start (`BEGIN IMMEDIATE`), so concurrent writers queue on the busy timeout
/// rather than failing when a read lock cannot be upgraded.
pub fn write_tx<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    if matches!(conn, DbConn::Pg(_)) || in_transaction(conn) {
        // PostgreSQL needs no lock up front; inside a transaction (a batch
        // of the group writer) this is a savepoint.
        return conn.transaction(f);
    }
    if let DbConn::Sqlite(c) = &mut *conn {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
    }
    let result = f(conn);
    let DbConn::Sqlite(c) = conn else {
        unreachable!("backend cannot change inside a transaction")
    };
    match result {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(c)?;
            Ok(value)
        }
        Err(err) => {
            if let Err(rollback) = AnsiTransactionManager::rollback_transaction(c) {
                tracing::error!(error = %rollback, "rollback failed");
            }
            Err(err)
        }
    }
}

/// Run the same diesel code on the concrete connection of each backend.
///
/// `MultiConnection` covers ordinary queries; `RETURNING` and multi-row
/// inserts need the concrete backend, so they go through this one macro
/// and nowhere else.
#[macro_export]
macro_rules! per_backend {
    ($conn:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($conn) => $body,
            $crate::db::DbConn::Pg($conn) => $body,
        }
    };
}
