//! TOML front matter between `+++` lines at the top of a version file.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Deserialize;

use crate::db::models::VersionStatus;
use crate::i18n::{t, t1};

/// The front matter of a version file, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub label: String,
    pub title: String,
    pub status: VersionStatus,
    pub published: Option<NaiveDate>,
    /// UTC.
    pub comment_opens: Option<NaiveDateTime>,
    /// UTC.
    pub comment_closes: Option<NaiveDateTime>,
    pub notes: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    label: String,
    title: String,
    status: String,
    published: Option<toml::value::Datetime>,
    comment_opens: Option<toml::value::Datetime>,
    comment_closes: Option<toml::value::Datetime>,
    #[serde(default)]
    notes: String,
}

/// A front-matter problem, with the 1-based line of the file where known;
/// the message is in the current language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: Option<usize>,
    pub message: String,
}

impl FrontMatterError {
    fn at(line: Option<usize>, message: impl Into<String>) -> Self {
        FrontMatterError {
            line,
            message: message.into(),
        }
    }
}

/// Split a file into front matter and body. Returns the TOML text, the
/// Markdown body, and the 1-based line on which the body starts.
pub fn split(text: &str) -> Result<(&str, &str, usize), FrontMatterError> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text_no_bom.lines().next().unwrap_or("");
    if first_line.trim_end() != "+++" {
        return Err(FrontMatterError::at(Some(1), t("drafting-fm-missing")));
    }
    let after_open = &text_no_bom[first_line.len()..];
    let after_open = after_open
        .strip_prefix("\r\n")
        .or_else(|| after_open.strip_prefix('\n'))
        .unwrap_or(after_open);
    let mut offset = 0;
    for (line_no, line) in (2..).zip(after_open.split_inclusive('\n')) {
        if line.trim_end() == "+++" {
            let toml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Ok((toml, body, line_no + 1));
        }
        offset += line.len();
    }
    Err(FrontMatterError::at(Some(1), t("drafting-fm-not-closed")))
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Parse and validate the TOML (its first line is line 2 of the file).
pub fn parse(toml_text: &str) -> Result<FrontMatter, FrontMatterError> {
    let raw: Raw = toml::from_str(toml_text).map_err(|e| {
        let line = e.span().map(|s| line_of(toml_text, s.start) + 1);
        FrontMatterError::at(line, t1("drafting-fm-invalid", "problem", e.message()))
    })?;
    let find_line = |field: &str| {
        toml_text
            .lines()
            .position(|l| l.trim_start().starts_with(field))
            .map(|i| i + 2)
    };
    let label = raw.label.trim().to_string();
    if label.is_empty()
        || !label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
    {
        return Err(FrontMatterError::at(
            find_line("label"),
            t1("drafting-fm-bad-label", "label", &raw.label),
        ));
    }
    if raw.title.trim().is_empty() {
        return Err(FrontMatterError::at(
            find_line("title"),
            t("drafting-fm-no-title"),
        ));
    }
    let status: VersionStatus = raw
        .status
        .parse()
        .map_err(|m: String| FrontMatterError::at(find_line("status"), m))?;
    let published = raw
        .published
        .map(|d| {
            to_date(&d).ok_or_else(|| {
                FrontMatterError::at(find_line("published"), t("drafting-fm-bad-published"))
            })
        })
        .transpose()?;
    let comment_opens = raw
        .comment_opens
        .map(|d| {
            to_utc(&d).ok_or_else(|| {
                FrontMatterError::at(find_line("comment_opens"), t("drafting-fm-bad-opens"))
            })
        })
        .transpose()?;
    let comment_closes = raw
        .comment_closes
        .map(|d| {
            to_utc(&d).ok_or_else(|| {
                FrontMatterError::at(find_line("comment_closes"), t("drafting-fm-bad-closes"))
            })
        })
        .transpose()?;
    if let (Some(o), Some(c)) = (comment_opens, comment_closes) {
        if c <= o {
            return Err(FrontMatterError::at(
                find_line("comment_closes"),
                t("drafting-fm-closes-before"),
            ));
        }
    }
    if comment_opens.is_some() != comment_closes.is_some() {
        return Err(FrontMatterError::at(
            find_line("comment_opens").or(find_line("comment_closes")),
            t("drafting-fm-both-or-neither"),
        ));
    }
    if status == VersionStatus::Open && comment_opens.is_none() {
        return Err(FrontMatterError::at(
            find_line("status"),
            t("drafting-fm-open-needs-window"),
        ));
    }
    Ok(FrontMatter {
        label,
        title: raw.title.trim().to_string(),
        status,
        published,
        comment_opens,
        comment_closes,
        notes: raw.notes.trim().to_string(),
    })
}

fn to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    if d.time.is_some() {
        return None;
    }
    NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d").ok()
}

fn to_utc(d: &toml::value::Datetime) -> Option<NaiveDateTime> {
    d.offset?;
    DateTime::parse_from_rfc3339(&d.to_string())
        .ok()
        .map(|dt| dt.naive_utc())
}
