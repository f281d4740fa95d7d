//! `docket-flood-seed`: publish many comments on one version through the
//! project's own code (`docket::comments::seed`), in large transactions,
//! so the ledger stays valid (`docket verify` passes afterwards). For the
//! flood benchmark (`bench/flood/run.sh`); not part of the site.
//!
//! ```text
//! docket-flood-seed DATABASE_URL STANDARD LABEL CLAUSE_KEY ON_CLAUSE ON_VERSION [BATCH]
//! ```
//! puts ON_CLAUSE comments on clause CLAUSE_KEY, then ON_VERSION comments
//! spread over every clause of the version and the version as a whole,
//! BATCH (default 5,000) per transaction, printing progress. With
//! `SEED_TEXT=varied` in the environment each comment gets its own text
//! (for the search benchmark) instead of one text with a number in it.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use docket::comments::seed::Seeder;
use docket::db::models::{ClauseRow, Standard, Version};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("docket-flood-seed: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 6 {
        anyhow::bail!(
            "usage: docket-flood-seed DATABASE_URL STANDARD LABEL CLAUSE_KEY ON_CLAUSE ON_VERSION [BATCH]"
        );
    }
    let number = |i: usize, what: &str| -> anyhow::Result<usize> {
        args[i]
            .replace([',', '_'], "")
            .parse()
            .with_context(|| format!("{what} `{}` is not a number", args[i]))
    };
    let (on_clause, on_version) = (number(4, "ON_CLAUSE")?, number(5, "ON_VERSION")?);
    let batch = if args.len() > 6 {
        number(6, "BATCH")?
    } else {
        5000
    }
    .max(1);
    let pool = docket::db::connect(&args[0], 1)?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    let mut seeder = Seeder::new(&mut conn, &args[1], &args[2], "http://127.0.0.1:8080")
        .context("cannot find the version to seed")?;
    if std::env::var("SEED_TEXT").as_deref() == Ok("varied") {
        seeder = seeder.with_varied_text();
    }
    let standard = Standard::by_slug(&mut conn, &args[1])?;
    let version = Version::by_label(&mut conn, standard.id, &args[2])?;
    let mut spread: Vec<Option<String>> = ClauseRow::for_version(&mut conn, version.id)?
        .into_iter()
        .map(|c| Some(c.clause_key))
        .collect();
    spread.push(None);
    let one = vec![Some(args[3].clone())];
    if !spread.contains(&one[0]) {
        anyhow::bail!("version {} has no clause `{}`", args[2], args[3]);
    }
    for (what, keys, total) in [
        (format!("clause {}", args[3]), &one, on_clause),
        ("the whole version".to_string(), &spread, on_version),
    ] {
        let started = Instant::now();
        let mut done = 0;
        while done < total {
            let n = batch.min(total - done);
            let now = chrono::Utc::now().naive_utc();
            seeder.batch(&mut conn, keys, n, now)?;
            done += n;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{what}: {done}/{total} comments ({:.0}/s)",
                done as f64 / secs.max(0.001)
            );
        }
    }
    Ok(())
}
