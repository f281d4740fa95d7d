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
