//! One clause of a draft as text: its number, heading and body read out of
//! the version file, and written back into it.
//!
//! The policy: writing a clause changes that clause's lines and no other
//! byte of the file. A heading line that is rewritten always carries its
//! key as `{#key}`, so a new heading or number can never cost the clause
//! its key (and with it its comments and history).

use crate::standard::edit::{self, EditError};
use crate::standard::parse::{parse_version, split_number};
use crate::standard::Clause;

/// Most bytes in one clause's body.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// What an editor edits of one clause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClauseText {
    /// `2.3`, or empty for an unnumbered clause.
    pub number: String,
    /// The heading's words as written (Markdown), without number or key.
    pub heading: String,
    /// The body's Markdown, tidied ([`edit::tidy_body`]).
    pub body: String,
}

impl ClauseText {
    /// The text as a form sent it: line ends made plain, ends trimmed.
    pub fn from_form(number: &str, heading: &str, body: &str) -> ClauseText {
        ClauseText {
            number: number.trim().to_string(),
            heading: heading
                .replace("\r\n", " ")
                .replace('\n', " ")
                .trim()
                .to_string(),
            body: edit::tidy_body(body),
        }
    }

    /// Why it cannot be written, in words; `None` when it can.
    pub fn problem(&self) -> Option<String> {
        if !self.number.is_empty() && split_number(&format!("{} x", self.number)).0.is_empty() {
            return Some(crate::i18n::t1(
                "drafting-clause-bad-number",
                "number",
                &self.number,
            ));
        }
        if self.heading.is_empty() {
            return Some(crate::i18n::t("drafting-clause-no-heading"));
        }
        if self.heading.contains("{#") {
            return Some(crate::i18n::t("drafting-clause-key-in-heading"));
        }
        if self.body.len() > MAX_BODY_BYTES {
            return Some(crate::i18n::t("drafting-clause-too-large"));
        }
        None
    }
}

/// A single-line ATX heading, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingLine {
    pub level: usize,
    pub number: String,
    pub words: String,
    pub key: Option<String>,
}

impl HeadingLine {
    /// Read `# 2.3 Words {#key}`; `None` when the line is not an ATX heading.
    pub fn read(line: &str) -> Option<HeadingLine> {
        let line = line.trim_end_matches(['\n', '\r']);
        let level = line.bytes().take_while(|&b| b == b'#').count();
        if !(1..=6).contains(&level) || !matches!(line.as_bytes().get(level), Some(b' ') | None) {
            return None;
        }
        let mut rest = line[level..].trim();
        let mut key = None;
        if let Some(head) = rest.strip_suffix('}') {
            if let Some((words, attr)) = head.rsplit_once("{#") {
                if !attr.contains(['{', '}', ' ']) {
                    key = Some(attr.to_string());
                    rest = words.trim_end();
                }
            }
        }
        let (number, words) = split_number(rest);
        Some(HeadingLine {
            level,
            number,
            words,
            key,
        })
    }

    /// The line, without its line end.
    pub fn write(&self) -> String {
        let mut out = "#".repeat(self.level);
        if !self.number.is_empty() {
            out.push(' ');
            out.push_str(&self.number);
        }
        if !self.words.is_empty() {
            out.push(' ');
            out.push_str(&self.words);
        }
        if let Some(k) = &self.key {
            out.push_str(&format!(" {{#{k}}}"));
        }
        out
    }
}

/// The clause `key` of `source` as parsed and as the editor edits it.
pub fn read(
    source: &str,
    previous: Option<&[Clause]>,
    key: &str,
) -> Result<(Clause, ClauseText), EditError> {
    let parsed = parse_version("draft", source.as_bytes(), previous).map_err(EditError::Parse)?;
    let clause = parsed
        .clauses
        .into_iter()
        .find(|c| c.key == key)
        .ok_or_else(|| EditError::NoSuchClause(key.to_string()))?;
    let heading = heading_line(source, &clause)?;
    let text = ClauseText {
        number: heading.number.clone(),
        heading: heading.words,
        body: edit::tidy_body(&clause.body_md),
    };
    Ok((clause, text))
}

/// The heading line of `clause` in `source`, taken apart.
pub fn heading_line(source: &str, clause: &Clause) -> Result<HeadingLine, EditError> {
    source
        .split('\n')
        .nth(clause.line - 1)
        .and_then(HeadingLine::read)
        .ok_or_else(|| EditError::Heading {
            key: clause.key.clone(),
            line: clause.line,
        })
}

/// Replace line `line` (1-based) of `source` with `text`, keeping its
/// line end and every other byte.
pub fn replace_line(source: &str, line: usize, text: &str) -> String {
    let mut out = String::with_capacity(source.len() + text.len());
    for (i, l) in source.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            out.push_str(text);
            if l.ends_with("\r\n") {
                out.push_str("\r\n");
            } else if l.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(l);
        }
    }
    out
}

/// Write `text` as the clause `key` of `source`. The heading line is kept
/// byte for byte when its number and words are unchanged.
pub fn write(
    source: &str,
    previous: Option<&[Clause]>,
    key: &str,
    text: &ClauseText,
) -> Result<String, EditError> {
    write_with(source, previous, key, text, false)
}

/// [`write`], with the heading line always written out with its key, for
/// a clause whose inherited key its new text would otherwise change.
pub fn write_keyed(
    source: &str,
    previous: Option<&[Clause]>,
    key: &str,
    text: &ClauseText,
) -> Result<String, EditError> {
    write_with(source, previous, key, text, true)
}

fn write_with(
    source: &str,
    previous: Option<&[Clause]>,
    key: &str,
    text: &ClauseText,
    keyed: bool,
) -> Result<String, EditError> {
    let (clause, now) = read(source, previous, key)?;
    let mut out = if now.body == text.body {
        source.to_string()
    } else {
        edit::replace_clause_body(source, previous, key, &text.body)?
    };
    let old = heading_line(source, &clause)?;
    let unkeyed = old.key.as_deref() != Some(key);
    if now.number != text.number || now.heading != text.heading || (keyed && unkeyed) {
        let line = HeadingLine {
            level: old.level,
            number: text.number.clone(),
            words: text.heading.clone(),
            key: Some(key.to_string()),
        };
        out = replace_line(&out, clause.line, &line.write());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "+++\nlabel = \"2\"\ntitle = \"T\"\nstatus = \"draft\"\n+++\n\n## 1 Integrity {#integrity}\n\n### 1.1 Chain of *custody*\n\nBallots are logged.\n\n- one\n- two\n\n### 1.2 Seals {#seals}\n\nSealed.\n";

    #[test]
    fn heading_lines_are_read_and_written_back() {
        let h = HeadingLine::read("### 1.2 Seals and *locks* {#seals}").unwrap();
        assert_eq!(h.number, "1.2");
        assert_eq!(h.words, "Seals and *locks*");
        assert_eq!(h.key.as_deref(), Some("seals"));
        assert_eq!(h.write(), "### 1.2 Seals and *locks* {#seals}");
        let plain = HeadingLine::read("## Annex").unwrap();
        assert_eq!((plain.number.as_str(), plain.key), ("", None));
        assert!(HeadingLine::read("Not a heading").is_none());
        assert!(HeadingLine::read("####### seven").is_none());
    }

    #[test]
    fn a_clause_is_read_with_its_markdown_heading() {
        let (c, t) = read(FILE, None, "chain-of-custody").unwrap();
        assert_eq!(c.number, "1.1");
        assert_eq!(t.heading, "Chain of *custody*");
        assert_eq!(t.body, "Ballots are logged.\n\n- one\n- two");
    }

    #[test]
    fn writing_one_clause_changes_only_its_lines() {
        let mut t = read(FILE, None, "seals").unwrap().1;
        t.body = "Sealed twice.".to_string();
        let out = write(FILE, None, "seals", &t).unwrap();
        assert_eq!(out, FILE.replace("Sealed.", "Sealed twice."));
        t.number = "1.3".to_string();
        t.heading = "Seals on containers".to_string();
        let out = write(FILE, None, "seals", &t).unwrap();
        assert!(out.contains("### 1.3 Seals on containers {#seals}\n\nSealed twice.\n"));
        assert!(out.starts_with(&FILE[..FILE.find("### 1.2").unwrap()]));
        // An unkeyed heading gains its key when rewritten.
        let mut c = read(FILE, None, "chain-of-custody").unwrap().1;
        c.heading = "Custody".to_string();
        let out = write(FILE, None, "chain-of-custody", &c).unwrap();
        assert!(out.contains("### 1.1 Custody {#chain-of-custody}\n\nBallots are logged."));
    }

    #[test]
    fn a_keyed_write_spells_out_the_key_of_an_unchanged_heading() {
        let t = read(FILE, None, "chain-of-custody").unwrap().1;
        assert_eq!(write(FILE, None, "chain-of-custody", &t).unwrap(), FILE);
        let out = write_keyed(FILE, None, "chain-of-custody", &t).unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "### 1.1 Chain of *custody*\n",
                "### 1.1 Chain of *custody* {#chain-of-custody}\n"
            )
        );
        assert_eq!(
            write_keyed(FILE, None, "seals", &read(FILE, None, "seals").unwrap().1).unwrap(),
            FILE
        );
    }

    #[test]
    fn bad_numbers_and_empty_headings_are_named() {
        let t = ClauseText::from_form("3.x", "Words", "");
        assert!(t.problem().unwrap().contains("not a clause number"));
        assert!(ClauseText::from_form("3.", "", "b").problem().is_some());
        assert!(ClauseText::from_form("", "Annex", "b").problem().is_none());
        assert!(ClauseText::from_form("3.4", "W {#k}", "b")
            .problem()
            .is_some());
    }
}
