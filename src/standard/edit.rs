//! Editing a version file as text: the next label, a new draft made from a
//! published version, front-matter fields, and one clause's body replaced.
//!
//! Every function here works on the file's text and leaves everything it
//! was not asked to change byte for byte as it was, so an editor's own
//! formatting survives. Clauses are found with the normal parser, so a
//! clause is located by its key exactly as import would see it.

use super::frontmatter;
use super::parse::{parse_version, ParseError};
use super::Clause;

/// The label after `label`: its last number plus one ("1" → "2",
/// "1.9" → "1.10"); a label that does not end in a number gets ".1".
pub fn next_label(label: &str) -> String {
    let split_at = label
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i);
    match split_at.and_then(|i| Some((i, label[i..].parse::<u64>().ok()?))) {
        Some((i, n)) => format!("{}{}", &label[..i], n + 1),
        None => format!("{label}.1"),
    }
}

/// Whether a front-matter line sets `key` (`key = …` at the top level).
fn sets_key(line: &str, key: &str) -> bool {
    line.trim_start()
        .strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// Replace, add or remove top-level front-matter fields. Each value is
/// TOML (`"2"`, `2026-03-02`); `None` removes the field. Fields are set on
/// the line where they stood, new ones are added before the closing `+++`.
pub fn set_front_matter(source: &str, fields: &[(&str, Option<String>)]) -> Result<String, String> {
    let (toml_text, body, _) = frontmatter::split(source).map_err(|e| e.message)?;
    let mut out_lines: Vec<String> = Vec::new();
    let mut done: Vec<&str> = Vec::new();
    let mut in_multiline = false;
    // Whether the multi-line string being read belongs to a field that is
    // replaced, and so is dropped with it.
    let mut dropping = false;
    for line in toml_text.lines() {
        if in_multiline {
            if !dropping {
                out_lines.push(line.to_string());
            }
            if line.matches("\"\"\"").count() % 2 == 1 || line.matches("'''").count() % 2 == 1 {
                in_multiline = false;
            }
            continue;
        }
        dropping = false;
        match fields.iter().find(|(k, _)| sets_key(line, k)) {
            Some((k, value)) => {
                if !done.contains(k) {
                    if let Some(v) = value {
                        out_lines.push(format!("{k} = {v}"));
                    }
                    done.push(k);
                }
                dropping = true;
            }
            None => out_lines.push(line.to_string()),
        }
        if line.matches("\"\"\"").count() % 2 == 1 || line.matches("'''").count() % 2 == 1 {
            in_multiline = true;
        }
    }
    for (k, value) in fields {
        if !done.contains(k) {
            if let Some(v) = value {
                out_lines.push(format!("{k} = {v}"));
            }
        }
    }
    let mut out = String::from("+++\n");
    for l in out_lines {
        out.push_str(&l);
        out.push('\n');
    }
    out.push_str("+++\n");
    out.push_str(body);
    Ok(out)
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The first draft of the version after a published one: the same text,
/// labelled `label`, with status `draft` and no dates.
pub fn new_draft_source(base_source: &str, label: &str) -> Result<String, String> {
    let source = base_source.replace("\r\n", "\n");
    set_front_matter(
        &source,
        &[
            ("label", Some(toml_string(label))),
            ("status", Some(toml_string("draft"))),
            ("published", None),
            ("comment_opens", None),
            ("comment_closes", None),
        ],
    )
}

/// Why a clause's body could not be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file does not parse; fix it first.
    Parse(ParseError),
    /// No clause has this key.
    NoSuchClause(String),
    /// The clause's heading is not a single `#` line.
    Heading { key: String, line: usize },
}

/// In the current language.
impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::{t1, t2};
        f.write_str(&match self {
            EditError::Parse(e) => t1("drafting-edit-no-parse", "problem", e.to_string()),
            EditError::NoSuchClause(k) => t1("drafting-edit-no-clause", "key", k),
            EditError::Heading { key, line } => {
                t2("drafting-edit-heading", "key", key, "line", line)
            }
        })
    }
}

/// Replace the body of the clause `key` with `new_body`, keeping its
/// heading line and every other line as they were. `previous` is the
/// version the draft revises, whose keys unkeyed headings inherit.
pub fn replace_clause_body(
    source: &str,
    previous: Option<&[Clause]>,
    key: &str,
    new_body: &str,
) -> Result<String, EditError> {
    let parsed = parse_version("draft", source.as_bytes(), previous).map_err(EditError::Parse)?;
    let idx = parsed
        .clauses
        .iter()
        .position(|c| c.key == key)
        .ok_or_else(|| EditError::NoSuchClause(key.to_string()))?;
    let heading_line = parsed.clauses[idx].line;
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let heading = lines.get(heading_line - 1).copied().unwrap_or("");
    if !heading.trim_start().starts_with('#') {
        return Err(EditError::Heading {
            key: key.to_string(),
            line: heading_line,
        });
    }
    // The body runs to the next heading of any level, or the end.
    let end = parsed
        .clauses
        .get(idx + 1)
        .map_or(lines.len(), |next| next.line - 1);
    let mut out = String::with_capacity(source.len() + new_body.len());
    for l in &lines[..heading_line] {
        out.push_str(l);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let body = tidy_body(new_body);
    out.push('\n');
    if !body.is_empty() {
        out.push_str(&body);
        out.push('\n');
    }
    if end < lines.len() {
        out.push('\n');
        for l in &lines[end..] {
            out.push_str(l);
        }
    }
    Ok(out)
}

/// A clause body as it is written into a file and compared: Windows line
/// ends made plain, blank lines and trailing white space at either end
/// dropped.
pub fn tidy_body(body: &str) -> String {
    body.replace("\r\n", "\n")
        .trim_matches('\n')
        .trim_end()
        .to_string()
}

/// The Markdown body of clause `key` in `source`, as the parser reads it.
pub fn clause_body(
    source: &str,
    previous: Option<&[Clause]>,
    key: &str,
) -> Result<String, EditError> {
    let parsed = parse_version("draft", source.as_bytes(), previous).map_err(EditError::Parse)?;
    parsed
        .clauses
        .into_iter()
        .find(|c| c.key == key)
        .map(|c| c.body_md)
        .ok_or_else(|| EditError::NoSuchClause(key.to_string()))
}

/// The keys of a draft's clauses, as import would settle them.
pub fn clause_keys(source: &str, previous: Option<&[Clause]>) -> Result<Vec<String>, ParseError> {
    Ok(clauses(source, previous)?
        .into_iter()
        .map(|c| c.key)
        .collect())
}

/// The clauses of a draft's source, keyed as publishing it would key them.
pub fn clauses(source: &str, previous: Option<&[Clause]>) -> Result<Vec<Clause>, ParseError> {
    Ok(parse_version("draft", source.as_bytes(), previous)?.clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "+++\nlabel = \"1\"\ntitle = \"Ballots\"\nstatus = \"open\"\npublished = 2026-01-01\ncomment_opens = 2026-01-01T00:00:00Z\ncomment_closes = 2026-02-01T00:00:00Z\nnotes = \"\"\"\nstatus = not a field\n\"\"\"\n+++\n\nPreamble.\n\n## 1 Custody {#custody}\n\nBallots are logged.\n\n### 1.1 Seals\n\nSeals are numbered.\n\nAnd recorded.\n\n## 2 Storage\n\nLocked rooms.\n";

    #[test]
    fn labels_count_up_from_their_last_number() {
        assert_eq!(next_label("1"), "2");
        assert_eq!(next_label("9"), "10");
        assert_eq!(next_label("1.9"), "1.10");
        assert_eq!(next_label("draft"), "draft.1");
    }

    #[test]
    fn a_new_draft_is_the_same_text_with_a_new_label_and_no_dates() {
        let d = new_draft_source(V1, "2").unwrap();
        let parsed = parse_version("2.md", d.as_bytes(), None).unwrap();
        assert_eq!(parsed.front.label, "2");
        assert_eq!(parsed.front.status.as_str(), "draft");
        assert_eq!(parsed.front.comment_opens, None);
        assert_eq!(parsed.front.published, None);
        assert_eq!(parsed.front.notes, "status = not a field");
        assert!(d.ends_with("## 2 Storage\n\nLocked rooms.\n"));
        assert!(d.contains("title = \"Ballots\"\n"));
    }

    #[test]
    fn replacing_a_body_keeps_the_heading_and_every_other_line() {
        let out = replace_clause_body(V1, None, "seals", "Seals are numbered\nand photographed.")
            .unwrap();
        let expected = V1.replace(
            "Seals are numbered.\n\nAnd recorded.\n",
            "Seals are numbered\nand photographed.\n",
        );
        assert_eq!(out, expected);
        let last = replace_clause_body(V1, None, "storage", "Rooms are locked.\n").unwrap();
        assert!(
            last.ends_with("## 2 Storage\n\nRooms are locked.\n"),
            "{last}"
        );
        assert!(matches!(
            replace_clause_body(V1, None, "nope", "x"),
            Err(EditError::NoSuchClause(_))
        ));
    }

    #[test]
    fn keys_are_inherited_from_the_previous_version() {
        let prev = parse_version("1.md", V1.as_bytes(), None).unwrap().clauses;
        let renamed = V1.replace("### 1.1 Seals", "### 1.1 Seals on containers");
        let keys = clause_keys(&renamed, Some(&prev)).unwrap();
        assert_eq!(keys, ["custody", "seals", "storage"]);
        let out = replace_clause_body(&renamed, Some(&prev), "seals", "New.").unwrap();
        assert!(out.contains("### 1.1 Seals on containers\n\nNew.\n\n## 2 Storage"));
    }

    #[test]
    fn a_multi_line_field_is_replaced_whole() {
        let out = set_front_matter(V1, &[("notes", Some(toml_string("New notes.")))]).unwrap();
        let parsed = parse_version("1.md", out.as_bytes(), None).unwrap();
        assert_eq!(parsed.front.notes, "New notes.");
        assert!(!out.contains("not a field"), "{out}");
        assert!(out.ends_with(V1.split("+++\n").nth(2).unwrap()));
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        assert_eq!(toml_string("a \"b\"\\"), "\"a \\\"b\\\"\\\\\"");
    }
}
