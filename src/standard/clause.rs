//! A clause: one heading of a version and the body under it.
//!
//! The key is stable across versions and is what comments and the redline
//! hold on to; the number (`2.3`) is only how the clause is shown and may
//! change from one version to the next.

use serde::Serialize;

/// One clause of a parsed version, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// Stable identifier, unique within a version (`pw-recruit`).
    pub key: String,
    /// Display number taken from the start of the heading (`2.3`); may be empty.
    pub number: String,
    /// Heading words, without the number and without the `{#key}` attribute.
    pub heading: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// Markdown source of the body: everything after the heading line up to
    /// the next heading of any level.
    pub body_md: String,
    /// The body rendered once to HTML (raw HTML in the source is escaped).
    pub html: String,
    /// Key of the closest enclosing clause (a heading of a lower level), if any.
    pub parent_key: Option<String>,
    /// 1-based line of the heading in the source file.
    pub line: usize,
}

/// A heading found in the source before keys are settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawClause {
    pub explicit_key: Option<String>,
    pub number: String,
    pub heading: String,
    pub level: u8,
    pub body_md: String,
    pub line: usize,
    /// The body rendered already, by a caller that renders while it waits
    /// for something else; `None` leaves it to [`super::keys::assign`].
    pub html: Option<String>,
}

/// How Docket names clauses in words, on pages, in mail and in reports: one
/// function per form, so every place says it the same way.
pub mod naming {
    use crate::i18n::{t, t1, t2};

    /// What a comment on the whole version is said to be on, in the
    /// current language: "the whole version".
    pub fn whole_version() -> String {
        t("clause-name-whole-version")
    }

    /// An unnumbered clause: its heading in quotation marks.
    fn unnumbered(heading: &str) -> String {
        t1("clause-name-unnumbered", "heading", heading)
    }

    /// In full: "clause 2.3 (Recruiting poll workers)", or the heading in
    /// quotation marks when the clause has no number.
    pub fn full(number: &str, heading: &str) -> String {
        if number.is_empty() {
            unnumbered(heading)
        } else {
            t2("clause-name-full", "number", number, "heading", heading)
        }
    }

    /// Short, for link labels: "clause 2.3", or the heading in quotation
    /// marks when the clause has no number.
    pub fn short(number: &str, heading: &str) -> String {
        if number.is_empty() {
            unnumbered(heading)
        } else {
            t1("clause-name-short", "number", number)
        }
    }

    /// A clause known only by its key (one not in the version at hand):
    /// "clause “pw-oath”".
    pub fn by_key(key: &str) -> String {
        t1("clause-name-by-key", "key", key)
    }

    /// A clause known only by its key, as the object of a sentence: "the
    /// clause “pw-oath”".
    pub fn gone(key: &str) -> String {
        t1("clause-name-gone", "key", key)
    }

    /// What a comment is on: a clause in full, or the whole version.
    pub fn place(clause: Option<(&str, &str)>) -> String {
        match clause {
            Some((number, heading)) => full(number, heading),
            None => whole_version(),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn clauses_are_named_one_way() {
            assert_eq!(full("2.3", "Oaths"), "clause 2.3 (Oaths)");
            assert_eq!(full("", "Scope"), "“Scope”");
            assert_eq!(short("2.3", "Oaths"), "clause 2.3");
            assert_eq!(by_key("pw-oath"), "clause “pw-oath”");
            assert_eq!(place(None), "the whole version");
            assert_eq!(gone("pw-oath"), "the clause “pw-oath”");
        }
    }
}
