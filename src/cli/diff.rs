//! `docket diff`: compare two versions from the command line.
//!
//! `docket diff --files OLD.md NEW.md` needs no database: both files are
//! parsed as import parses them, and clauses of NEW without an explicit key
//! inherit the keys of OLD's clauses exactly as they would on import. A file
//! may be a version file (front matter between `+++` lines) or plain
//! Markdown. `docket diff STANDARD FROM TO` compares versions already in
//! the database, drafts included (the command is for editors).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};

use crate::config::DataArgs;
use crate::db::{self, models::ClauseRow, models::Standard, models::Version};
use crate::redline::{self, html, Redline};
use crate::standard::{keys, parse, parse_version, Clause};

/// The stylesheet of the site, inlined into HTML output.
const STYLE_CSS: &str = include_str!("../../static/style.css");

/// Arguments of `docket diff`.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  docket diff --files 1.md 2.md --format html > changes.html\n  docket diff poll-workers 1 2"
)]
pub struct DiffArgs {
    /// Compare two Markdown files instead of imported versions (no database needed).
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    pub files: Option<Vec<PathBuf>>,

    /// The standard's slug, to compare two of its imported versions.
    pub standard: Option<String>,
    /// Label of the old version.
    pub from: Option<String>,
    /// Label of the new version.
    pub to: Option<String>,

    /// Output: `text` for terminals, `html` (a standalone page) or `json`
    /// (the contract documented in DESIGN.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Which view `--format html` writes.
    #[arg(long, value_enum, default_value_t = ViewArg::Inline)]
    pub view: ViewArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Inline,
    Side,
    Changes,
    Summary,
}

impl From<ViewArg> for html::View {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::Inline => html::View::Inline,
            ViewArg::Side => html::View::Side,
            ViewArg::Changes => html::View::Changes,
            ViewArg::Summary => html::View::Summary,
        }
    }
}

/// Run `docket diff`.
pub fn run(data: &DataArgs, args: DiffArgs) -> anyhow::Result<ExitCode> {
    let redline = match (&args.files, &args.standard, &args.from, &args.to) {
        (Some(files), None, None, None) => compare_files(&files[0], &files[1])?,
        (Some(_), _, _, _) => {
            bail!("give either --files OLD.md NEW.md or STANDARD FROM TO, not both")
        }
        (None, Some(standard), Some(from), Some(to)) => compare_imported(data, standard, from, to)?,
        (None, _, _, _) => bail!(
            "name what to compare: `docket diff STANDARD FROM TO` for imported versions \
             (for example `docket diff poll-workers 1 2`), or `docket diff --files OLD.md NEW.md`"
        ),
    };
    let out = match args.format {
        Format::Json => {
            let mut json = redline.to_json();
            json.push('\n');
            json
        }
        Format::Html => html::document(
            &redline,
            args.view.into(),
            &html::HtmlOptions::default(),
            STYLE_CSS,
        ),
        Format::Text => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            redline::text::render(&redline, color)
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `docket diff … | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write the comparison to standard output"),
    }
}

/// Compare two files; NEW inherits OLD's keys as on import.
pub fn compare_files(old: &Path, new: &Path) -> anyhow::Result<Redline> {
    let (from, old_clauses) = read_version(old, None)?;
    let (to, new_clauses) = read_version(new, Some(&old_clauses))?;
    Ok(redline::compare(&from, &to, &old_clauses, &new_clauses))
}

/// A version file or a plain Markdown file: its label and its clauses.
fn read_version(path: &Path, previous: Option<&[Clause]>) -> anyhow::Result<(String, Vec<Clause>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.display().to_string();
    let has_front_matter = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(&bytes)
        .starts_with(b"+++");
    if has_front_matter {
        let parsed = parse_version(&name, &bytes, previous)?;
        return Ok((parsed.front.label, parsed.clauses));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        anyhow!(
            "{name}: the file is not valid UTF-8 (bad byte at offset {}); save it as UTF-8",
            e.valid_up_to()
        )
    })?;
    let at = |line: usize, message: String| parse::ParseError {
        file: name.clone(),
        line: Some(line),
        message,
    };
    let (_, raw) = parse::split_clauses(text, 1).map_err(|(l, m)| at(l, m))?;
    if raw.is_empty() {
        bail!(
            "{name}: the file has no clauses: each clause starts with a heading such as `## 1 Scope {{#scope}}`"
        );
    }
    let clauses = keys::assign(raw, previous).map_err(|(l, m)| at(l, m))?;
    let label = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or(name);
    Ok((label, clauses))
}

/// Compare two versions stored in the database.
fn compare_imported(data: &DataArgs, slug: &str, from: &str, to: &str) -> anyhow::Result<Redline> {
    let url = data.database_url();
    if let db::DbUrl::Sqlite(path) = db::DbUrl::parse(&url)? {
        if !path.exists() {
            bail!(
                "there is no database at {}: import the standards first (`docket import`), \
                 point --data or DOCKET_DATABASE_URL at the database, or compare files with --files OLD.md NEW.md",
                path.display()
            );
        }
    }
    let pool = db::connect(&url, 1)?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    let Some(standard) = Standard::find_by_slug(&mut conn, slug)? else {
        let known: Vec<String> = Standard::all(&mut conn)?
            .into_iter()
            .map(|s| s.slug)
            .collect();
        bail!(
            "there is no standard `{slug}`; {}",
            if known.is_empty() {
                "the database holds none yet (run `docket import`)".to_string()
            } else {
                format!("the standards are: {}", known.join(", "))
            }
        );
    };
    let versions = Version::for_standard(&mut conn, standard.id)?;
    let find = |label: &str| -> anyhow::Result<&Version> {
        versions.iter().find(|v| v.label == label).ok_or_else(|| {
            let labels: Vec<&str> = versions.iter().map(|v| v.label.as_str()).collect();
            anyhow!(
                "{slug} has no version `{label}`; its versions are: {}",
                labels.join(", ")
            )
        })
    };
    let (a, b) = (find(from)?, find(to)?);
    let old: Vec<Clause> = ClauseRow::for_version(&mut conn, a.id)?
        .iter()
        .map(ClauseRow::to_clause)
        .collect();
    let new: Vec<Clause> = ClauseRow::for_version(&mut conn, b.id)?
        .iter()
        .map(ClauseRow::to_clause)
        .collect();
    Ok(redline::compare(&a.label, &b.label, &old, &new))
}
