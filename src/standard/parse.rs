//! A version file becomes front matter, a preamble and clauses.
//!
//! Only top-level headings start clauses (a heading inside a list or a quote
//! is part of the body). A heading's text is `NUMBER WORDS {#key}`: the
//! number is optional and kept apart from the key, the key attribute is
//! optional and settled by [`super::keys`].

use std::fmt;

use pulldown_cmark::{Event, Tag, TagEnd};

pub use super::clause::RawClause;
use super::frontmatter::{self, FrontMatter};
use super::keys;
use super::markdown;
use super::Clause;

/// A parse problem, naming the file and, where known, the line; the
/// message is in the current language.
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
    let source = document_text(file, bytes)?;
    let (toml_text, body, body_line) =
        frontmatter::split(source).map_err(|e| err(e.line, e.message))?;
    let front = frontmatter::parse(toml_text).map_err(|e| err(e.line, e.message))?;
    let (preamble_md, raw) = clauses_of_body(file, body, body_line)?;
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

/// A file's bytes as text: valid UTF-8 and not empty, or why not.
pub(super) fn document_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ParseError> {
    let err = |line: Option<usize>, message: String| ParseError {
        file: file.to_string(),
        line,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        err(
            Some(line),
            crate::i18n::t1("drafting-parse-not-utf8", "offset", at),
        )
    })?;
    if text.trim().is_empty() {
        return Err(err(None, crate::i18n::t("drafting-parse-empty")));
    }
    Ok(text)
}

/// The preamble and the clauses of a body that starts on `first_line`;
/// a body without clauses is refused.
pub(super) fn clauses_of_body(
    file: &str,
    body: &str,
    first_line: usize,
) -> Result<(String, Vec<RawClause>), ParseError> {
    let err = |line: Option<usize>, message: String| ParseError {
        file: file.to_string(),
        line,
        message,
    };
    let (preamble_md, raw) = split_clauses(body, first_line).map_err(|(l, m)| err(Some(l), m))?;
    if raw.is_empty() {
        return Err(err(None, crate::i18n::t("drafting-parse-no-clauses")));
    }
    Ok((preamble_md, raw))
}

/// A version file (front matter between `+++` lines, as in `content/`) or
/// a plain Markdown file, split into clauses whose keys are not settled
/// yet. The label is the front matter's, else `plain_label`.
pub fn split_document(
    file: &str,
    bytes: &[u8],
    plain_label: &str,
) -> Result<(String, Vec<RawClause>), ParseError> {
    let text = document_text(file, bytes)?;
    let (label, body, first_line) = if text.trim_start_matches('\u{feff}').starts_with("+++") {
        let err = |e: frontmatter::FrontMatterError| ParseError {
            file: file.to_string(),
            line: e.line,
            message: e.message,
        };
        let (toml, body, first_line) = frontmatter::split(text).map_err(err)?;
        (
            frontmatter::parse(toml).map_err(err)?.label,
            body,
            first_line,
        )
    } else {
        (plain_label.to_string(), text, 1)
    };
    let (_, raw) = clauses_of_body(file, body, first_line)?;
    Ok((label, raw))
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
    /// 0-based line of `start` in the body, when the scanner found it.
    line: Option<usize>,
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
    let found = scan_headings(body).unwrap_or_else(|| parse_headings(body));
    split_at(body, first_line, &found)
}

/// Split a body at the given headings.
fn split_at(
    body: &str,
    first_line: usize,
    found: &[Found],
) -> Result<(String, Vec<RawClause>), (usize, String)> {
    // Lines of headings the parser found are counted here, once.
    let line_starts: Vec<usize> = if found.iter().any(|f| f.line.is_none()) {
        std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1))
            .collect()
    } else {
        Vec::new()
    };
    let line_at = |f: &Found| {
        f.line
            .unwrap_or_else(|| line_starts.partition_point(|&s| s <= f.start) - 1)
            + first_line
    };

    let preamble_end = found.first().map_or(body.len(), |f| f.start);
    let preamble = body[..preamble_end].trim().to_string();
    let mut raw = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let body_end = found.get(i + 1).map_or(body.len(), |n| n.start);
        let body_md = body[f.end.min(body_end)..body_end].trim_matches(['\n', '\r']);
        let line = line_at(f);
        let text = collapse_ws(&f.text);
        let (number, heading) = split_number(&text);
        if heading.is_empty() {
            return Err((line, crate::i18n::t("drafting-parse-no-words")));
        }
        if let Some(id) = &f.id {
            if !keys::is_valid_key(id) {
                return Err((line, crate::i18n::t1("drafting-parse-bad-key", "key", id)));
            }
        }
        raw.push(RawClause {
            explicit_key: f.id.clone(),
            number,
            heading,
            level: f.level,
            body_md: trim_trailing_blank_lines(body_md),
            line,
            html: None,
        });
    }
    Ok((preamble, raw))
}

/// The top-level headings of a body, found by the Markdown parser.
fn parse_headings(body: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Found> = None;
    for (event, range) in markdown::offset_parser(body) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if depth == 0 => {
                current = Some(Found {
                    start: range.start,
                    end: range.end,
                    line: None,
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
    found
}

/// The top-level headings of a body, found by reading its lines, when that
/// is certain to agree with the parser (a property test holds the two to
/// it); `None` sends the body to [`parse_headings`].
///
/// A line starting with `#` at the left margin is always a top-level ATX
/// heading: it closes any list, quote or indented code above it, and
/// interrupts a paragraph. It is not one inside a fenced code block or an
/// HTML block, and a paragraph can become a setext heading; so a body with
/// a line that may open a fence or an HTML block (`` ` ``, `~` or `<` after
/// at most three spaces), a line that may underline a setext heading (only
/// `=` or only `-`), a heading indented by one to three spaces, a carriage
/// return or a NUL is left to the parser. So is a heading whose words hold
/// anything Markdown reads (emphasis, code, links, entities, escapes), or
/// whose `{…}` attribute is other than a plain ` {#key}` at its end.
fn scan_headings(body: &str) -> Option<Vec<Found>> {
    let bytes = body.as_bytes();
    if memchr::memchr2(b'\r', 0, bytes).is_some() {
        return None;
    }
    let mut found = Vec::new();
    let mut start = 0;
    let mut line_no = 0;
    while start <= bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line_start = start;
        let line = &body[start..end];
        start = end + 1;
        line_no += 1;
        // Most lines start with a letter: nothing to look at.
        if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let bytes = line.as_bytes();
        let indent = bytes.iter().take(4).take_while(|b| **b == b' ').count();
        if indent == 4 {
            continue;
        }
        let rest = &bytes[indent..];
        match rest.first() {
            None => continue,
            Some(b'`' | b'~' | b'<') => return None,
            Some(b'#') if indent > 0 => return None,
            Some(b'#') => found.push(scan_heading(line, line_start, line_no - 1)?),
            Some(&c @ (b'=' | b'-')) => {
                let trimmed = line.trim_end_matches([' ', '\t']).as_bytes();
                if trimmed[indent..].iter().all(|&b| b == c) {
                    return None;
                }
            }
            Some(_) => {}
        }
    }
    Some(found)
}

/// Bytes that may mean something to Markdown inside a heading's words.
const HEADING_SYNTAX: [bool; 256] = markdown::byte_set(b"\\`*_[]<>&!|~#{}\t\x0b\x0c");

/// An ATX heading line starting at the left margin, read without the
/// parser; `None` when it is not plainly words and an optional ` {#key}`.
fn scan_heading(line: &str, start: usize, line_no: usize) -> Option<Found> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if level > 6 {
        return None;
    }
    let content = match line.as_bytes().get(level) {
        None => "",
        Some(b' ') => line[level..].trim_matches(' '),
        Some(_) => return None,
    };
    let (words, id) = match content.strip_suffix('}') {
        Some(head) => {
            let (words, key) = head.rsplit_once(" {#")?;
            let plain_key = !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !plain_key {
                return None;
            }
            (words.trim_end_matches(' '), Some(key.to_string()))
        }
        None => (content, None),
    };
    if words.bytes().any(|b| HEADING_SYNTAX[b as usize]) {
        return None;
    }
    Some(Found {
        start,
        end: start + line.len(),
        line: Some(line_no),
        level: level as u8,
        id,
        text: words.to_string(),
    })
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
    let s = s.trim_end();
    let mut out = String::with_capacity(s.len() + 1);
    out.push_str(s);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines of every kind the scanner must either read as the parser does
    /// or hand over to it.
    fn line() -> impl Strategy<Value = &'static str> {
        let common = proptest::sample::select(vec![
            "",
            "",
            "",
            "Plain words here.",
            "more words",
            "\"Quoted\" words",
            "- item",
            "- item two",
            "  continued",
            "    indented code",
            "\tcode after a tab",
            "1. first",
            "> quoted",
            "> # heading in a quote",
            "- # heading in an item",
            "## 1 Scope {#scope}",
            "## 2.1 Words",
            "# Top",
            "### Deep {#deep-3}",
            "## Trailing spaces   ",
            "##",
            "## ",
            "## {#only-key}",
            "## é café",
            "## Non\u{a0}breaking",
            "    ## indented four",
            "| a | b |",
            "|---|---|",
            "| c | d |",
            "- - -",
            "***",
            "[ref]: /url",
            "#hashtag",
            "####### seven",
            "## Odd {#Key_2}",
            "Text {#not-a-heading}",
            "## 3 Key {#k} x",
        ]);
        let rare = proptest::sample::select(vec![
            "  # indented heading",
            "   # three spaces",
            "## Closed ##",
            "## With *emphasis*",
            "## With `code`",
            "## A & B",
            "## [link]",
            "## See [ref]",
            "## Odd {.class}",
            "## Two {#a} {#b}",
            "## Brace } here",
            "## Tab\there",
            "##\tTab",
            "```",
            "```rust",
            "~~~",
            "<div>",
            "</div>",
            "<!-- c",
            "-->",
            "===",
            "---",
            "  ===",
            "Text\r",
            "<pre>",
            "</pre>",
            "\u{0}",
        ]);
        prop_oneof![30 => common, 1 => rare]
    }

    /// How many generated bodies the scanner read itself.
    static SCANNED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]
        #[test]
        fn scanned_headings_split_as_the_parser_splits(lines in proptest::collection::vec(line(), 0..30)) {
            let body = lines.join("\n");
            if let Some(scanned) = scan_headings(&body) {
                SCANNED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let parsed = parse_headings(&body);
                prop_assert_eq!(split_at(&body, 1, &scanned), split_at(&body, 1, &parsed), "{:?}", body);
            }
        }
    }

    #[test]
    fn the_property_test_exercises_the_scanner() {
        scanned_headings_split_as_the_parser_splits();
        assert!(SCANNED.load(std::sync::atomic::Ordering::Relaxed) > 1000);
    }

    #[test]
    fn ordinary_standards_are_split_without_the_parser() {
        let body = "Preamble.\n\n## 1 Scope {#scope}\n\nWords and \"quotes\".\n\n\
                    - item\n  more\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### 1.1 Sub\n\nText *em*.\n";
        let scanned = scan_headings(body).expect("the scanner reads an ordinary standard");
        assert_eq!(scanned.len(), 2);
        assert_eq!(
            split_at(body, 1, &scanned),
            split_at(body, 1, &parse_headings(body))
        );
        for sample in ["poll-workers/1.md", "voter-communications/2.md"] {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/content/").to_string() + sample;
            let text = std::fs::read_to_string(&path).unwrap();
            let (_, body, _) = frontmatter::split(&text).unwrap();
            let scanned = scan_headings(body).expect("the sample standards take the fast path");
            assert_eq!(
                split_at(body, 1, &scanned),
                split_at(body, 1, &parse_headings(body))
            );
        }
    }

    #[test]
    fn unusual_bodies_go_to_the_parser() {
        for body in [
            "## A\n```\n# not a heading\n```\n",
            "## A\nText\n===\n",
            "## A\n  # indented\n",
            "## With *emphasis*\n",
            "## A\r\n",
            "<pre>\n# code\n</pre>\n",
        ] {
            assert!(scan_headings(body).is_none(), "{body:?}");
        }
    }
}
