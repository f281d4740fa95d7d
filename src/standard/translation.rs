//! Translations of a version: `<label>.<lang>.md` beside `<label>.md`.
//!
//! A translation is read with the same parser and rendered with the same
//! renderer as the version it translates, and must have exactly the same
//! clause keys, so that a comment made on a translated clause belongs to
//! the same clause and the redline can compare two translations clause by
//! clause. The English text stays the official one: a translation never
//! changes its version, its source or its SHA-256.
//!
//! A translation's keys are not inherited from anywhere (a translated
//! heading shares no words with the English one), so every heading of a
//! translation carries the English clause's key as `{#key}`.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::parse::{clauses_of_body, document_text, ParseError, ParsedVersion};
use super::{frontmatter, keys, markdown, Clause};

/// The languages a version may be translated into, as language tags. The
/// official text is always English.
pub const LANGUAGES: &[&str] = &["es"];

/// The official language of every version.
pub const OFFICIAL: &str = "en";

/// Whether `tag` is one of [`LANGUAGES`].
pub fn is_supported(tag: &str) -> bool {
    LANGUAGES.contains(&tag)
}

/// A language's name in English ("Spanish").
pub fn english_name(tag: &str) -> &'static str {
    match tag {
        "es" => "Spanish",
        "en" => "English",
        _ => "another language",
    }
}

/// A language's name in that language ("español").
pub fn native_name(tag: &str) -> &'static str {
    match tag {
        "es" => "español",
        "en" => "English",
        _ => "",
    }
}

/// `2.es` (a file stem) → `("2", "es")` when the last part is a supported
/// language; `None` for a version's own file (`2`, `1.1`).
pub fn split_stem(stem: &str) -> Option<(&str, &str)> {
    let (label, lang) = stem.rsplit_once('.')?;
    (!label.is_empty() && is_supported(lang)).then_some((label, lang))
}

/// Which language a version's text is shown in: the one asked for with
/// `?text=`, else the page's language, when the version has a translation
/// into it; else the official English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChoice {
    /// The language of the text shown (`"en"` or a translation's tag).
    pub shown: &'static str,
    /// A language asked for with `?text=` that this version has no
    /// translation into: the English text is shown instead, and says so.
    pub missing: Option<&'static str>,
}

/// Choose the text to show. `page` is the page's language, `asked` a
/// valid `?text=` value, `available` the version's translations.
pub fn choose_text(page: &str, asked: Option<&'static str>, available: &[String]) -> TextChoice {
    let has = |tag: &str| available.iter().any(|a| a == tag);
    match asked {
        Some(OFFICIAL) => TextChoice {
            shown: OFFICIAL,
            missing: None,
        },
        Some(tag) if has(tag) => TextChoice {
            shown: tag,
            missing: None,
        },
        Some(tag) => TextChoice {
            shown: OFFICIAL,
            missing: Some(tag),
        },
        None => TextChoice {
            shown: LANGUAGES
                .iter()
                .copied()
                .find(|t| *t == page && has(t))
                .unwrap_or(OFFICIAL),
            missing: None,
        },
    }
}

/// A `?text=` value as a language tag: `en` or one of [`LANGUAGES`].
pub fn parse_text_tag(value: &str) -> Option<&'static str> {
    std::iter::once(OFFICIAL)
        .chain(LANGUAGES.iter().copied())
        .find(|t| *t == value)
}

/// The front matter of a translation: what is translated. Status and dates
/// belong to the version and are not repeated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    label: String,
    title: String,
    #[serde(default)]
    notes: String,
}

/// A translation file, parsed and checked against its version.
#[derive(Debug, Clone)]
pub struct ParsedTranslation {
    pub file: String,
    /// The label of the version it translates.
    pub label: String,
    pub lang: String,
    pub title: String,
    pub notes: String,
    pub preamble_html: String,
    pub clauses: Vec<Clause>,
    pub source: String,
    pub sha256: String,
}

/// Parse a translation of `original` into `lang`. Refused, with the file
/// named, when its label is not the version's or its clause keys are not
/// exactly the version's.
pub fn parse_translation(
    file: &str,
    lang: &str,
    bytes: &[u8],
    original: &ParsedVersion,
) -> Result<ParsedTranslation, ParseError> {
    let err = |line: Option<usize>, message: String| ParseError {
        file: file.to_string(),
        line,
        message,
    };
    if !is_supported(lang) {
        return Err(err(
            None,
            format!(
                "`{lang}` is not a language translations may be in; use one of: {}",
                LANGUAGES.join(", ")
            ),
        ));
    }
    let source = document_text(file, bytes)?;
    let (toml_text, body, body_line) =
        frontmatter::split(source).map_err(|e| err(e.line, e.message))?;
    let front: RawFront = toml::from_str(toml_text).map_err(|e| {
        err(
            None,
            format!(
                "invalid front matter: {} (a translation gives only label, title and notes; status and dates come from the English version)",
                e.message()
            ),
        )
    })?;
    let label = front.label.trim().to_string();
    if label != original.front.label {
        return Err(err(
            Some(2),
            format!(
                "the front matter says label \"{label}\" but this file translates version \"{}\"",
                original.front.label
            ),
        ));
    }
    if front.title.trim().is_empty() {
        return Err(err(None, "title is empty".to_string()));
    }
    let (preamble_md, raw) = clauses_of_body(file, body, body_line)?;
    let clauses = keys::assign(raw, None).map_err(|(l, m)| err(Some(l), m))?;
    check_keys(&original.clauses, &clauses).map_err(|m| err(None, m))?;
    Ok(ParsedTranslation {
        file: file.to_string(),
        label,
        lang: lang.to_string(),
        title: front.title.trim().to_string(),
        notes: front.notes.trim().to_string(),
        preamble_html: markdown::render_html(&preamble_md),
        clauses,
        source: source.to_string(),
        sha256: super::sha256_hex(bytes),
    })
}

/// `Ok` when `translated` has exactly the keys of `original`, else what is
/// missing and what is extra, in words.
pub fn check_keys(original: &[Clause], translated: &[Clause]) -> Result<(), String> {
    let want: BTreeSet<&str> = original.iter().map(|c| c.key.as_str()).collect();
    let have: BTreeSet<&str> = translated.iter().map(|c| c.key.as_str()).collect();
    let missing: Vec<&str> = want.difference(&have).copied().collect();
    let extra: Vec<&str> = have.difference(&want).copied().collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    let list = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!(
            "missing key(s) {} that the English version has",
            list(&missing)
        ));
    }
    if !extra.is_empty() {
        parts.push(format!(
            "extra key(s) {} that the English version does not have",
            list(&extra)
        ));
    }
    Err(format!(
        "refused: a translation must have exactly the clause keys of the version it translates: {}. \
         Give every translated heading the English clause's key, such as `## 2 Título {{#integrity}}`.",
        parts.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standard::parse_version;

    const ORIGINAL: &str = "+++\nlabel = \"1\"\ntitle = \"T\"\nstatus = \"final\"\npublished = 2026-01-01\n+++\n\nIntro.\n\n## 1 Scope {#scope}\n\nText.\n\n### 1.1 Oaths\n\nSworn.\n";

    fn original() -> ParsedVersion {
        parse_version("1.md", ORIGINAL.as_bytes(), None).unwrap()
    }

    #[test]
    fn the_text_follows_the_query_then_the_page() {
        let es = vec!["es".to_string()];
        assert_eq!(choose_text("es", None, &es).shown, "es");
        assert_eq!(choose_text("en", None, &es).shown, "en");
        assert_eq!(choose_text("es", Some("en"), &es).shown, "en");
        assert_eq!(choose_text("en", Some("es"), &es).shown, "es");
        assert_eq!(choose_text("es", None, &[]).shown, "en");
        let missing = choose_text("en", Some("es"), &[]);
        assert_eq!((missing.shown, missing.missing), ("en", Some("es")));
        assert_eq!(parse_text_tag("es"), Some("es"));
        assert_eq!(parse_text_tag("en"), Some("en"));
        assert_eq!(parse_text_tag("fr"), None);
    }

    #[test]
    fn stems_name_a_label_and_a_language() {
        assert_eq!(split_stem("2.es"), Some(("2", "es")));
        assert_eq!(split_stem("1.1.es"), Some(("1.1", "es")));
        assert_eq!(split_stem("2"), None);
        assert_eq!(split_stem("1.1"), None);
        assert_eq!(split_stem("2.xx"), None);
    }

    #[test]
    fn a_translation_with_the_same_keys_is_read() {
        let es = "+++\nlabel = \"1\"\ntitle = \"Título\"\n+++\n\nIntroducción.\n\n## 1 Alcance {#scope}\n\nTexto.\n\n### 1.1 Juramentos {#oaths}\n\nJurado.\n";
        let t = parse_translation("1.es.md", "es", es.as_bytes(), &original()).unwrap();
        assert_eq!(t.title, "Título");
        assert_eq!(t.clauses.len(), 2);
        assert_eq!(t.clauses[1].key, "oaths");
        assert_eq!(t.clauses[1].parent_key.as_deref(), Some("scope"));
        assert!(t.preamble_html.contains("Introducción"));
    }

    #[test]
    fn missing_and_extra_keys_are_named() {
        let es = "+++\nlabel = \"1\"\ntitle = \"Título\"\n+++\n\n## 1 Alcance {#scope}\n\nTexto.\n\n### 1.1 Juramentos\n\nJurado.\n";
        let e = parse_translation("1.es.md", "es", es.as_bytes(), &original()).unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("1.es.md: refused"), "{m}");
        assert!(m.contains("missing key(s) `oaths`"), "{m}");
        assert!(m.contains("extra key(s) `juramentos`"), "{m}");
    }

    #[test]
    fn status_and_dates_are_not_repeated_in_a_translation() {
        let es = "+++\nlabel = \"1\"\ntitle = \"Título\"\nstatus = \"final\"\n+++\n\n## 1 Alcance {#scope}\n\nTexto.\n";
        let m = parse_translation("1.es.md", "es", es.as_bytes(), &original())
            .unwrap_err()
            .to_string();
        assert!(
            m.contains("status and dates come from the English version"),
            "{m}"
        );
    }

    #[test]
    fn the_label_must_be_the_versions() {
        let es = "+++\nlabel = \"2\"\ntitle = \"Título\"\n+++\n\n## 1 Alcance {#scope}\n\nTexto.\n\n### 1.1 J {#oaths}\n\nJ.\n";
        let m = parse_translation("1.es.md", "es", es.as_bytes(), &original())
            .unwrap_err()
            .to_string();
        assert!(m.contains("translates version \"1\""), "{m}");
    }
}
