//! The command line: `serve`, `migrate`, `import`, `diff` and `user`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{DataArgs, ServeArgs, SiteConfig};
use crate::db;
use crate::standard::import;

pub mod diff;
pub mod logging;
mod user;

#[derive(Debug, Parser)]
#[command(
    name = "docket",
    version,
    about = "Draft standards, versioned, redlined and open for public comment"
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the data directory, migrate, import the content directory and serve the site.
    Serve(ServeArgs),
    /// Apply pending database migrations.
    Migrate,
    /// Import standards from a content directory (idempotent).
    Import {
        /// Directory of standards.
        #[arg(default_value = "content")]
        dir: PathBuf,
    },
    /// Compare two versions: `docket diff STANDARD FROM TO`, or two files
    /// with `--files OLD.md NEW.md` (no database needed).
    Diff(diff::DiffArgs),
    /// Manage staff accounts (admins, editors, moderators).
    #[command(subcommand)]
    User(user::UserCommand),
    /// Check the integrity ledger: recompute every hash and report the
    /// first broken entry (exit status 1 if there is one).
    Verify {
        /// Check a downloaded copy of /ledger.json instead of the database.
        #[arg(long)]
        file: Option<PathBuf>,
        /// A head of the chain kept elsewhere, `SEQ:HASH` (from a mail
        /// footer, a signed checkpoint or a saved /ledger.json): the chain
        /// must hold that entry with that hash. May be given more than once.
        #[arg(long = "head", value_name = "SEQ:HASH")]
        heads: Vec<String>,
        /// The site's checkpoint key (hex, from /ledger/key or the
        /// operator): every stored checkpoint must be signed by it.
        #[arg(long, value_name = "HEX")]
        public_key: Option<String>,
    },
}

/// Entry point used by `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve(&cli.data, args),
        Command::Migrate => {
            let url = cli.data.database_url();
            ensure_data_dir(&cli.data)?;
            let parsed = db::DbUrl::parse(&url)?;
            let mut conn = db::establish(&parsed)?;
            let applied = db::migrate(&mut conn)?;
            record_unrecorded_versions(&mut conn)?;
            if applied.is_empty() {
                println!("The {} database is up to date.", parsed.backend_name());
            } else {
                for name in &applied {
                    println!("applied {name}");
                }
                println!(
                    "{} migration(s) applied to the {} database.",
                    applied.len(),
                    parsed.backend_name()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { dir } => {
            ensure_data_dir(&cli.data)?;
            let pool = db::connect(&cli.data.database_url(), 1)?;
            let mut conn = pool.get().context("cannot get a database connection")?;
            record_unrecorded_versions(&mut conn)?;
            sign_unsigned_comments(&mut conn)?;
            let report = import::import_dir(&mut conn, &dir)?;
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(args) => diff::run(&cli.data, args),
        Command::User(command) => {
            ensure_data_dir(&cli.data)?;
            let pool = db::connect(&cli.data.database_url(), 1)?;
            let mut conn = pool.get().context("cannot get a database connection")?;
            user::run(&mut conn, command)
        }
        Command::Verify {
            file,
            heads,
            public_key,
        } => crate::comments::ledger::verify_command(
            &cli.data.database_url(),
            file.as_deref(),
            &heads,
            public_key.as_deref(),
        ),
    }
}

/// Record in the ledger the versions published before it recorded
/// versions (once; each is logged).
fn record_unrecorded_versions(conn: &mut db::DbConn) -> anyhow::Result<()> {
    let now = chrono::Utc::now().naive_utc();
    for line in crate::comments::ledger::record_unrecorded_versions(conn, now)
        .context("cannot record earlier versions in the ledger")?
    {
        tracing::info!("{line}");
    }
    Ok(())
}

/// Sign the comments that have no campaign signature yet (logged when
/// there were any), so every comment has its campaign. `serve` does the
/// same in the background ([`crate::comments::campaigns::spawn_grouper`]).
fn sign_unsigned_comments(conn: &mut db::DbConn) -> anyhow::Result<()> {
    let n = crate::comments::campaigns::sign_unsigned(conn, 500)
        .context("cannot sign earlier comments for campaign grouping")?;
    if n > 0 {
        tracing::info!("{n} earlier comment(s) signed for campaign grouping");
    }
    Ok(())
}

/// The checkpoint signing key, if one is configured; logs what it did.
fn ledger_key(
    data: &DataArgs,
    args: &ServeArgs,
) -> anyhow::Result<Option<crate::comments::ledger::checkpoint::LedgerKey>> {
    use crate::comments::ledger::checkpoint::LedgerKey;
    let Some(path) = args
        .ledger_key
        .as_deref()
        .filter(|p| !p.as_os_str().is_empty())
    else {
        tracing::warn!(
            "no ledger key (DOCKET_LEDGER_KEY or --ledger-key): ledger checkpoints are not signed; mail footers still carry the ledger head"
        );
        return Ok(None);
    };
    let (key, created) = LedgerKey::load_or_create(path, &data.data_dir)?;
    if created {
        tracing::warn!(
            path = %path.display(),
            public_key = %key.public_hex(),
            "generated a new ledger signing key; back it up apart from the data and publish the public key"
        );
    } else {
        tracing::info!(public_key = %key.public_hex(), "ledger signing key loaded");
    }
    Ok(Some(key))
}

fn ensure_data_dir(data: &DataArgs) -> anyhow::Result<()> {
    if data.database_url.is_none() {
        std::fs::create_dir_all(&data.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                data.data_dir.display()
            )
        })?;
    }
    Ok(())
}

fn serve(data: &DataArgs, args: ServeArgs) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&data.data_dir).with_context(|| {
        format!(
            "cannot create the data directory {}",
            data.data_dir.display()
        )
    })?;
    let url = data.database_url();
    let pool_size = args.pool_size.unwrap_or(match db::DbUrl::parse(&url)? {
        db::DbUrl::Sqlite(_) => 8,
        db::DbUrl::Postgres(_) => 8 + crate::web::PG_WRITERS as u32,
    });
    let pool = db::connect(&url, pool_size)?;
    tracing::info!(database = %db::redact(&url), "database ready");
    record_unrecorded_versions(&mut *pool.get().context("cannot get a database connection")?)?;

    if args.no_import {
        tracing::info!("skipping content import (--no-import)");
    } else if args.content.is_dir() {
        let mut conn = pool.get().context("cannot get a database connection")?;
        let report = import::import_dir(&mut conn, &args.content).with_context(|| {
            format!(
                "importing {} failed; fix the file or start with --no-import",
                args.content.display()
            )
        })?;
        for line in report.to_string().lines() {
            tracing::info!("{line}");
        }
    } else {
        tracing::warn!(dir = %args.content.display(), "content directory not found; serving what the database holds");
    }

    let secret = std::env::var("DOCKET_SECRET_KEY").ok();
    let (secret_key, key_source) =
        crate::secrets::SecretKey::load(secret.as_deref(), &data.data_dir)?;
    tracing::info!(source = %key_source, "secret key loaded");
    let mut config = SiteConfig {
        base_url: args.base_url.trim_end_matches('/').to_string(),
        smtp_url: args.smtp_url.clone().filter(|u| !u.trim().is_empty()),
        mail_from: args.mail_from.clone(),
        secret_key,
        trust_forwarded_for: args.trust_forwarded_for,
        moderation: args.moderation,
        ledger_public_key: None,
        page_cache: crate::config::PageCacheSettings {
            budget_bytes: args.page_cache_mb.saturating_mul(1024 * 1024),
            freshness: args.page_freshness,
            ..Default::default()
        },
    };
    if let Some(key) = ledger_key(data, &args)? {
        config.ledger_public_key = Some(key.public_hex());
        crate::comments::ledger::checkpoint::spawn_checkpointer(
            pool.clone(),
            key,
            std::time::Duration::from_secs(3600),
        )
        .context("cannot start the ledger checkpoint thread")?;
    }
    let transport = crate::mail::transport_from_settings(
        config.smtp_url.as_deref(),
        &data.data_dir,
        &config.mail_from,
    )?;
    let state = crate::web::AppState::new(pool, config);
    crate::mail::spawn_worker(
        state.pool.clone(),
        std::sync::Arc::from(transport),
        std::time::Duration::from_secs(5),
        state.writer.clone(),
    )
    .context("cannot start the mail worker")?;
    // Comments are put in their campaigns just after they arrive (and any
    // stored before signatures existed, oldest first).
    crate::comments::campaigns::spawn_grouper(state.pool.clone(), state.writer.clone())
        .context("cannot start the campaign grouping thread")?;
    let bind = args.bind.clone();
    let workers = args.workers;
    actix_web::rt::System::new().block_on(async move {
        let mut server = actix_web::HttpServer::new(move || crate::web::app(state.clone()));
        if let Some(n) = workers {
            server = server.workers(n.max(1));
        }
        let server = server.bind(&bind).with_context(|| {
            format!(
                "cannot listen on {bind}; is another program using it? Choose another with --bind"
            )
        })?;
        tracing::info!("Docket is serving on http://{bind}/");
        logging::say(&format!(
            "Docket is serving on http://{bind}/  (Ctrl+C to stop)"
        ));
        server
            .run()
            .await
            .context("the server stopped with an error")
    })?;
    Ok(ExitCode::SUCCESS)
}
