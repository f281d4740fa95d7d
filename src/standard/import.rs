//! `docket import`: the content directory into the database.
//!
//! Everything is read and parsed before anything is written, so a bad file
//! stops the import with nothing changed. Each standard is then written in
//! one transaction. Import is idempotent: a version whose source hash is
//! already stored is left alone. A published version whose source changed
//! is refused with the file's name; only drafts may be replaced.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chrono::Utc;
use serde::Deserialize;

use super::parse::{parse_version, ParsedVersion};
use super::translation::{self, ParsedTranslation};
use super::{keys, Clause};
use crate::comments::ledger;
use crate::db::models::{
    ClauseRow, NewStandard, NewVersion, Standard, Version, VersionTranslation,
};
use crate::db::{write_tx, DbConn};

/// `standard.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardMeta {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default = "default_tz")]
    pub time_zone: String,
}

fn default_tz() -> String {
    "UTC".to_string()
}

/// One standard's directory, read and parsed.
#[derive(Debug, Clone)]
pub struct StandardSource {
    pub slug: String,
    pub meta: StandardMeta,
    pub versions: Vec<ParsedVersion>,
    /// Translations (`2.es.md`), each checked against its version.
    pub translations: Vec<ParsedTranslation>,
}

/// What an import did, line by line.
#[derive(Debug, Default, Clone)]
pub struct ImportReport {
    pub lines: Vec<String>,
    pub standards: usize,
    pub versions_added: usize,
    pub versions_replaced: usize,
    pub versions_unchanged: usize,
    pub standards_updated: usize,
    /// Translations stored for the first time or replaced.
    pub translations_changed: usize,
}

impl ImportReport {
    pub fn changed(&self) -> bool {
        self.versions_added
            + self.versions_replaced
            + self.standards_updated
            + self.translations_changed
            > 0
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        if self.changed() {
            write!(
                f,
                "Imported {} standard(s): {} version(s) added, {} draft(s) replaced, {} unchanged{}.",
                self.standards,
                self.versions_added,
                self.versions_replaced,
                self.versions_unchanged,
                match self.translations_changed {
                    0 => String::new(),
                    n => format!(", {n} translation(s) added or replaced"),
                }
            )
        } else {
            write!(
                f,
                "Nothing changed: {} standard(s) and {} version(s) are already up to date.",
                self.standards, self.versions_unchanged
            )
        }
    }
}

/// Order labels naturally: "2" < "10", "1.1" < "1.2".
pub fn label_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> Vec<(u64, String)> {
        s.split(['.', '-', '_'])
            .map(|p| (p.parse::<u64>().unwrap_or(u64::MAX), p.to_string()))
            .collect()
    }
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

/// Read and parse every standard under `dir`, touching no database.
pub fn load_content(dir: &Path) -> anyhow::Result<Vec<StandardSource>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the content directory {}", dir.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.join("standard.toml").is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        bail!(
            "{} holds no standards: each standard is a directory with a standard.toml and one NUMBER.md file per version",
            dir.display()
        );
    }
    dirs.iter().map(|d| load_standard(d)).collect()
}

/// Read and parse one standard's directory.
pub fn load_standard(dir: &Path) -> anyhow::Result<StandardSource> {
    let slug = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    if !keys::is_valid_key(&slug) {
        bail!(
            "{}: the directory name `{slug}` is used as the standard's address and must use lowercase letters, digits and hyphens",
            dir.display()
        );
    }
    let meta_path = dir.join("standard.toml");
    let meta_text = std::fs::read_to_string(&meta_path).with_context(|| {
        format!(
            "{}: cannot read the file (is it UTF-8?)",
            meta_path.display()
        )
    })?;
    let meta: StandardMeta = toml::from_str(&meta_text).map_err(|e| {
        anyhow::anyhow!(
            "{}: invalid standard.toml: {}",
            meta_path.display(),
            e.message()
        )
    })?;
    if meta.title.trim().is_empty() {
        bail!("{}: title is empty", meta_path.display());
    }
    if meta.time_zone.parse::<chrono_tz::Tz>().is_err() {
        bail!(
            "{}: unknown time zone `{}`; use a name from the tz database such as America/Chicago",
            meta_path.display(),
            meta.time_zone
        );
    }

    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .filter(|p| {
            !p.file_stem()
                .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
        })
        .collect();
    let (translation_files, mut files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| translation::split_stem(&stem(p)).is_some());
    files.sort_by(|a, b| label_order(&stem(a), &stem(b)));
    if files.is_empty() {
        bail!(
            "{}: the standard has no version files (1.md, 2.md, …)",
            dir.display()
        );
    }

    let mut versions: Vec<ParsedVersion> = Vec::with_capacity(files.len());
    for path in &files {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let previous: Option<&[Clause]> = versions.last().map(|v| v.clauses.as_slice());
        let parsed = parse_version(&path.display().to_string(), &bytes, previous)?;
        if parsed.front.label != stem(path) {
            bail!(
                "{}: the front matter says label \"{}\" but the file is named {}; name each version file after its label",
                path.display(),
                parsed.front.label,
                path.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        versions.push(parsed);
    }
    let translations = load_translations(&translation_files, &versions)?;
    Ok(StandardSource {
        slug,
        meta: StandardMeta {
            title: meta.title.trim().to_string(),
            summary: meta.summary.trim().to_string(),
            time_zone: meta.time_zone,
        },
        versions,
        translations,
    })
}

/// Read and parse the translation files of a standard whose versions are
/// parsed already; a translation of no version is refused.
fn load_translations(
    files: &[PathBuf],
    versions: &[ParsedVersion],
) -> anyhow::Result<Vec<ParsedTranslation>> {
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let stem = stem(path);
        let Some((label, lang)) = translation::split_stem(&stem) else {
            continue;
        };
        let Some(original) = versions.iter().find(|v| v.front.label == label) else {
            bail!(
                "{}: this is a {} translation of version {label}, but there is no {label}.md beside it",
                path.display(),
                translation::english_name(lang)
            );
        };
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        out.push(translation::parse_translation(
            &path.display().to_string(),
            lang,
            &bytes,
            original,
        )?);
    }
    out.sort_by(|a, b| label_order(&a.label, &b.label).then_with(|| a.lang.cmp(&b.lang)));
    Ok(out)
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Import a whole content directory.
pub fn import_dir(conn: &mut DbConn, dir: &Path) -> anyhow::Result<ImportReport> {
    let sources = load_content(dir)?;
    let mut report = ImportReport::default();
    for source in &sources {
        import_standard(conn, source, &mut report)?;
    }
    Ok(report)
}

/// Write one standard in a single transaction.
pub fn import_standard(
    conn: &mut DbConn,
    source: &StandardSource,
    report: &mut ImportReport,
) -> anyhow::Result<()> {
    let mut lines = Vec::new();
    let mut counts = (0usize, 0usize, 0usize, 0usize);
    let mut translations_changed = 0usize;
    write_tx(conn, |conn| -> anyhow::Result<()> {
        let now = Utc::now().naive_utc();
        let standard = match Standard::find_by_slug(conn, &source.slug)? {
            Some(existing) => {
                if existing.update_meta(
                    conn,
                    &source.meta.title,
                    &source.meta.summary,
                    &source.meta.time_zone,
                    now,
                )? {
                    lines.push(format!(
                        "{}: title, summary or time zone updated",
                        source.slug
                    ));
                    counts.3 += 1;
                }
                existing
            }
            None => {
                lines.push(format!(
                    "{}: new standard \"{}\"",
                    source.slug, source.meta.title
                ));
                counts.3 += 1;
                Standard::insert(
                    conn,
                    &NewStandard {
                        slug: &source.slug,
                        title: &source.meta.title,
                        summary: &source.meta.summary,
                        time_zone: &source.meta.time_zone,
                        created_at: now,
                        updated_at: now,
                    },
                )?
            }
        };
        for (position, parsed) in source.versions.iter().enumerate() {
            let new = new_version(parsed, standard.id, position as i32, &parsed.file, now);
            let existing =
                Version::by_label(conn, standard.id, &parsed.front.label).optional_row()?;
            let version_id = match existing {
                Some(v) if v.sha256 == parsed.sha256 => {
                    ClauseRow::refresh_html(conn, v.id, &parsed.clauses)?;
                    Version::refresh_preamble_html(conn, &v, &parsed.preamble_html)?;
                    counts.2 += 1;
                    v.id
                }
                Some(v) if v.status().is_published() => {
                    bail!(
                        "{}: refused: version {} of {} is published (status {}) and cannot change, but this file differs from what was imported \
                         (stored SHA-256 {}, file {}). Put the changes in a new version file instead; nothing was imported for {}.",
                        parsed.file,
                        v.label,
                        source.slug,
                        v.status,
                        &v.sha256[..12],
                        &parsed.sha256[..12],
                        source.slug
                    );
                }
                Some(v) => {
                    // A replaced draft's translations are stored again below
                    // from their files, checked against the new text.
                    VersionTranslation::delete_for_version(conn, v.id)?;
                    ClauseRow::delete_for_version(conn, v.id)?;
                    Version::replace(conn, v.id, &new)?;
                    ClauseRow::insert_all(conn, v.id, &parsed.clauses)?;
                    if parsed.front.status.is_published() {
                        // A draft published by import: recorded like any other.
                        let published = Version::by_id(conn, v.id)?;
                        ledger::record_version(conn, &published, now)?;
                    }
                    lines.push(format!(
                        "{}: draft version {} replaced from {} ({} clauses)",
                        source.slug,
                        parsed.front.label,
                        parsed.file,
                        parsed.clauses.len()
                    ));
                    counts.1 += 1;
                    v.id
                }
                None => {
                    let v = insert_version(conn, &new, &parsed.clauses)?;
                    lines.push(format!(
                        "{}: version {} imported from {} ({} clauses, {})",
                        source.slug,
                        parsed.front.label,
                        parsed.file,
                        parsed.clauses.len(),
                        parsed.front.status
                    ));
                    counts.0 += 1;
                    v.id
                }
            };
            for t in source
                .translations
                .iter()
                .filter(|t| t.label == parsed.front.label)
            {
                if VersionTranslation::store(conn, version_id, t, now)? {
                    lines.push(format!(
                        "{}: {} translation of version {} imported from {} ({} clauses)",
                        source.slug,
                        translation::english_name(&t.lang),
                        t.label,
                        t.file,
                        t.clauses.len()
                    ));
                    translations_changed += 1;
                }
            }
        }
        Ok(())
    })?;
    report.lines.extend(lines);
    report.standards += 1;
    report.versions_added += counts.0;
    report.versions_replaced += counts.1;
    report.versions_unchanged += counts.2;
    report.standards_updated += counts.3;
    report.translations_changed += translations_changed;
    Ok(())
}

/// The row of a version parsed from its file: the one place a version is
/// built from a parsed file, for `docket import` and for publishing a draft.
pub fn new_version<'a>(
    parsed: &'a ParsedVersion,
    standard_id: i32,
    position: i32,
    source_path: &'a str,
    now: chrono::NaiveDateTime,
) -> NewVersion<'a> {
    NewVersion {
        standard_id,
        label: &parsed.front.label,
        position,
        title: &parsed.front.title,
        status: parsed.front.status.as_str(),
        published: parsed.front.published,
        comment_opens: parsed.front.comment_opens,
        comment_closes: parsed.front.comment_closes,
        notes: &parsed.front.notes,
        preamble_html: &parsed.preamble_html,
        source: &parsed.source,
        sha256: &parsed.sha256,
        source_path,
        imported_at: now,
    }
}

/// Store a new version and its clauses: the one code path for `docket
/// import` and for publishing a draft from the browser, so a version is
/// stored the same way whichever way it arrives. A published version is
/// appended to the integrity ledger in the caller's transaction. Keys were settled by the
/// parser against the previous version.
pub fn insert_version(
    conn: &mut DbConn,
    new: &NewVersion<'_>,
    clauses: &[Clause],
) -> diesel::QueryResult<Version> {
    let v = Version::insert(conn, new)?;
    ClauseRow::insert_all(conn, v.id, clauses)?;
    if v.status().is_published() {
        ledger::record_version(conn, &v, new.imported_at)?;
    }
    Ok(v)
}

trait OptionalRow<T> {
    fn optional_row(self) -> diesel::QueryResult<Option<T>>;
}

impl<T> OptionalRow<T> for diesel::QueryResult<T> {
    fn optional_row(self) -> diesel::QueryResult<Option<T>> {
        diesel::OptionalExtension::optional(self)
    }
}
