//! The command line: `serve`, `migrate`, `import` and `diff`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{DataArgs, ServeArgs, SiteConfig};
use crate::db;
use crate::standard::import;

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
}

/// Entry point used by `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
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
            let report = import::import_dir(&mut conn, &dir)?;
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
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
    let pool = db::connect(&url, args.pool_size)?;
    tracing::info!(database = %db::redact(&url), "database ready");

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

    let state = crate::web::AppState::new(
        pool,
        SiteConfig {
            base_url: args.base_url.trim_end_matches('/').to_string(),
        },
    );
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
        println!("Docket is serving on http://{bind}/  (Ctrl+C to stop)");
        server
            .run()
            .await
            .context("the server stopped with an error")
    })?;
    Ok(ExitCode::SUCCESS)
}
