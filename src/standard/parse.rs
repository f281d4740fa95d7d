//! A version file becomes front matter, a preamble and clauses.
//!
//! Only top-level headings start clauses (a heading inside a list or a quote
//! is part of the body). A heading's text is `NUMBER WORDS {#key}`: the
//! number is optional and kept apart from the key, the key attribute is
//! optional and settled by [`super::keys`].

use std::fmt;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::frontmatter::{self, FrontMatter};
use super::keys;
use super::markdown;
use super::Clause;

/// A parse problem, naming the file and, where known, the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// A heading found in the source before keys are settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawClause {
    pub explicit_key: Option<String>,
    pub number: String,
    pub heading: String,
    pub level: u8,
    pub body_md: String,
    pub line: usize,
}

/// A whole version file, parsed.
#[derive(Debug, Clone)]
pub struct ParsedVersion {
    pub file: String,
    pub front: FrontMatter,
    pub preamble_md: String,
    pub preamble_html: String,
    pub clauses: Vec<Clause>,
    pub source: String,
    pub sha256: String,
}

/// Parse a version file. `previous` is the version before it, whose keys
/// unkeyed clauses may inherit.
pub fn parse_version(
    file: &str,
    bytes: &[u8],
    previous: Option<&[Clause]>,
) -> Result<ParsedVersion, ParseError> {
    let err = |line: Option<usize>, message: String| ParseError {
        file: file.to_string(),
        line,
        message,
    };
    let source = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        err(
            Some(line),
            format!("the file is not valid UTF-8 (bad byte at offset {at}); save it as UTF-8"),
        )
    })?;
    if source.trim().is_empty() {
        return Err(err(None, "the file is empty".to_string()));
    }
    let (toml_text, body, body_line) =
        frontmatter::split(source).map_err(|e| err(e.line, e.message))?;
    let front = frontmatter::parse(toml_text).map_err(|e| err(e.line, e.message))?;
    let (preamble_md, raw) = split_clauses(body, body_line).map_err(|(l, m)| err(Some(l), m))?;
    if raw.is_empty() {
        return Err(err(
            None,
            "the version has no clauses: each clause starts with a heading such as `## 1 Scope {#scope}`".to_string(),
        ));
    }
    let clauses = keys::assign(raw, previous).map_err(|(l, m)| err(Some(l), m))?;
    Ok(ParsedVersion {
        file: file.to_string(),
        preamble_html: markdown::render_html(&preamble_md),
        preamble_md,
        clauses,
        sha256: super::sha256_hex(bytes),
        source: source.to_string(),
        front,
    })
}

/// Parse a Markdown document (no front matter) into clauses with keys made
/// from their headings. Used by the fuzzer and for quick comparisons.
pub fn parse_clauses(text: &str) -> Result<Vec<Clause>, ParseError> {
    let (_, raw) = split_clauses(text, 1).map_err(|(line, message)| ParseError {
        file: "<input>".to_string(),
        line: Some(line),
        message,
    })?;
    keys::assign(raw, None).map_err(|(line, message)| ParseError {
        file: "<input>".to_string(),
        line: Some(line),
        message,
    })
}

struct Found {
    start: usize,
    end: usize,
    level: u8,
    id: Option<String>,
    text: String,
}

/// Split a Markdown body at its top-level headings. `first_line` is the
/// file line on which `body` starts, for error messages.
pub fn split_clauses(
    body: &str,
    first_line: usize,
) -> Result<(String, Vec<RawClause>), (usize, String)> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at = |offset: usize| line_starts.partition_point(|&s| s <= offset) + first_line - 1;

    let mut found: Vec<Found> = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Found> = None;
    for (event, range) in markdown::offset_parser(body) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if depth == 0 => {
                current = Some(Found {
                    start: range.start,
                    end: range.end,
                    level: level as u8,
                    id: id.map(|s| s.to_string()),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) if current.is_some() => {
                if let Some(f) = current.take() {
                    found.push(f);
                }
            }
            Event::Text(t) | Event::Code(t) if current.is_some() => {
                if let Some(f) = current.as_mut() {
                    f.text.push_str(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) if current.is_some() => {
                if let Some(f) = current.as_mut() {
                    f.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if current.is_some() => {
                if let Some(f) = current.as_mut() {
                    f.text.push(' ');
                }
            }
            Event::Start(tag) if current.is_none() && is_container(&tag) => depth += 1,
            Event::End(end) if current.is_none() && is_container_end(&end) => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }

    let preamble_end = found.first().map_or(body.len(), |f| f.start);
    let preamble = body[..preamble_end].trim().to_string();
    let mut raw = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let body_end = found.get(i + 1).map_or(body.len(), |n| n.start);
        let body_md = body[f.end.min(body_end)..body_end].trim_matches(['\n', '\r']);
        let line = line_at(f.start);
        let text = collapse_ws(&f.text);
        let (number, heading) = split_number(&text);
        if heading.is_empty() {
            return Err((
                line,
                "a clause heading has no words after its number".to_string(),
            ));
        }
        if let Some(id) = &f.id {
            if !keys::is_valid_key(id) {
                return Err((
                    line,
                    format!(
                        "invalid key `{{#{id}}}`: keys use lowercase letters, digits and hyphens, and start with a letter or digit"
                    ),
                ));
            }
        }
        raw.push(RawClause {
            explicit_key: f.id.clone(),
            number,
            heading,
            level: f.level,
            body_md: trim_trailing_blank_lines(body_md),
            line,
        });
    }
    Ok((preamble, raw))
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_) | Tag::Table(_)
    )
}

fn is_container_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
    )
}

fn trim_trailing_blank_lines(s: &str) -> String {
    let mut out = s.trim_end().to_string();
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `"2.3 Recruiting poll workers"` → (`"2.3"`, `"Recruiting poll workers"`).
/// A number is digits separated by dots, optionally ending in a dot.
pub fn split_number(text: &str) -> (String, String) {
    let (first, rest) = match text.split_once(' ') {
        Some((a, b)) => (a, b.trim()),
        None => (text, ""),
    };
    let candidate = first.strip_suffix('.').unwrap_or(first);
    let is_number = !candidate.is_empty()
        && candidate
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if is_number {
        (candidate.to_string(), rest.to_string())
    } else {
        (String::new(), text.to_string())
    }
}
