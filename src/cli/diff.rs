//! `docket diff`: compare two versions from the command line.
//!
//! `docket diff --files OLD.md NEW.md` needs no database: both files are
//! parsed as import parses them, and clauses of NEW without an explicit key
//! inherit the keys of OLD's clauses exactly as they would on import. A file
//! may be a version file (front matter between `+++` lines) or plain
//! Markdown. `docket diff STANDARD FROM TO` compares versions already in
//! the database, drafts included (the command is for editors).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};

use crate::config::DataArgs;
use crate::db::{self, models::ClauseRow, models::Standard, models::Version};
use crate::redline::{self, html, Redline, Status};
use crate::standard::{keys, markdown, parse, Clause};

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
    let mut files_read = None;
    let redline = match (&args.files, &args.standard, &args.from, &args.to) {
        (Some(files), None, None, None) => {
            let (redline, pair) = read_files(&files[0], &files[1])?.into_redline();
            files_read = Some(pair);
            redline
        }
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
    let written = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    // The process ends here: freeing a large comparison piece by piece
    // would only delay the exit.
    std::mem::forget((redline, files_read, out));
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `docket diff … | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write the comparison to standard output"),
    }
}

/// Compare two files; NEW inherits OLD's keys as on import.
pub fn compare_files(old: &Path, new: &Path) -> anyhow::Result<Redline> {
    Ok(read_files(old, new)?.compare())
}

/// Two versions read from files, keys settled (see [`read_files`]).
pub struct FilePair {
    pub from: String,
    pub to: String,
    pub old: Vec<Clause>,
    pub new: Vec<Clause>,
}

impl FilePair {
    pub fn compare(&self) -> Redline {
        redline::compare(&self.from, &self.to, &self.old, &self.new)
    }

    /// The same comparison, with the rendered bodies moved into it instead
    /// of copied (for a large standard they are megabytes). The clauses
    /// are given back without them.
    pub fn into_redline(mut self) -> (Redline, FilePair) {
        let take = |clauses: &mut [Clause]| -> HashMap<String, String> {
            clauses
                .iter_mut()
                .filter(|c| !c.html.is_empty())
                .map(|c| (c.key.clone(), std::mem::take(&mut c.html)))
                .collect()
        };
        let (mut old_html, mut new_html) = (take(&mut self.old), take(&mut self.new));
        let mut redline = self.compare();
        for diff in &mut redline.clauses {
            let Some(html) = diff.html.as_mut() else {
                continue;
            };
            let rendered = match diff.status {
                Status::Removed => old_html.remove(&diff.key),
                _ => new_html.remove(&diff.key),
            };
            if let Some(rendered) = rendered {
                *html = rendered;
            }
        }
        (redline, self)
    }
}

/// Read two files and settle their keys, NEW inheriting OLD's as on import.
///
/// Both files are read and split at once, on two threads. OLD has no
/// previous version, so its keys come from its headings alone, and NEW's
/// keys are settled against it exactly as import would. Then the bodies
/// shown as they are get rendered ([`render_shown`]); the other old clauses
/// keep an empty `html`.
pub fn read_files(old: &Path, new: &Path) -> anyhow::Result<FilePair> {
    std::thread::scope(|scope| {
        let new_split = scope.spawn(|| split_file(new));
        let mut old_split = split_file(old)?;
        // The check below settles a copy in full; release builds skip it.
        let full_check = cfg!(debug_assertions).then(|| SplitFile {
            name: old_split.name.clone(),
            label: old_split.label.clone(),
            raw: old_split.raw.clone(),
        });
        // Keys need no rendering: bodies are rendered below, only those shown.
        for raw in &mut old_split.raw {
            raw.html = Some(String::new());
        }
        let (from, mut old_clauses) = old_split.settle(None)?;
        let mut new_split = new_split
            .join()
            .map_err(|_| anyhow!("reading {} failed", new.display()))??;
        for raw in &mut new_split.raw {
            raw.html = Some(String::new());
        }
        let (to, mut new_clauses) = new_split.settle(Some(&old_clauses))?;
        render_shown(&mut old_clauses, &mut new_clauses);
        if let Some(full_check) = full_check {
            // The shortcut must agree with settling OLD in full.
            let full = full_check.settle(None)?.1;
            for (quick, full) in old_clauses.iter().zip(&full) {
                assert_eq!(quick.key, full.key);
                assert_eq!(quick.parent_key, full.parent_key);
                assert!(quick.html.is_empty() || quick.html == full.html);
            }
        }
        Ok(FilePair {
            from,
            to,
            old: old_clauses,
            new: new_clauses,
        })
    })
}

/// Render the bodies a comparison shows as they are: all of NEW's (added
/// and unchanged clauses show their body), and OLD's removed clauses. A
/// long list is shared between two threads.
fn render_shown(old: &mut [Clause], new: &mut [Clause]) {
    let kept: std::collections::HashSet<&str> = new.iter().map(|c| c.key.as_str()).collect();
    let removed: Vec<bool> = old.iter().map(|c| !kept.contains(c.key.as_str())).collect();
    drop(kept);
    let mut shown: Vec<&mut Clause> = new
        .iter_mut()
        .chain(
            old.iter_mut()
                .zip(removed)
                .filter_map(|(c, r)| r.then_some(c)),
        )
        .collect();
    let render = |part: &mut [&mut Clause]| {
        for clause in part {
            clause.html = markdown::render_html(&clause.body_md);
        }
    };
    let two = shown.len() >= 200 && redline::cores() > 1;
    if two {
        let half = shown.len() / 2;
        let (first, second) = shown.split_at_mut(half);
        std::thread::scope(|scope| {
            scope.spawn(|| render(second));
            render(first);
        });
    } else {
        render(&mut shown);
    }
}

/// A file split into clauses whose keys are not settled yet.
struct SplitFile {
    name: String,
    label: String,
    raw: Vec<parse::RawClause>,
}

impl SplitFile {
    /// Settle the keys (against the previous version's, if any), exactly
    /// as import does, and render the clauses.
    fn settle(self, previous: Option<&[Clause]>) -> anyhow::Result<(String, Vec<Clause>)> {
        let name = self.name;
        let clauses =
            keys::assign(self.raw, previous).map_err(|(line, message)| parse::ParseError {
                file: name,
                line: Some(line),
                message,
            })?;
        Ok((self.label, clauses))
    }
}

/// Read a version file (front matter between `+++` lines, as in `content/`)
/// or a plain Markdown file, and split it into clauses with the importer's
/// own functions. A version file is labelled by its front matter, a plain
/// file by its name.
fn split_file(path: &Path) -> anyhow::Result<SplitFile> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let (label, raw) = parse::split_document(&name, &bytes, &stem)?;
    Ok(SplitFile { name, label, raw })
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
