//! Markdown standards: front matter, clauses, keys, and import.
//!
//! Parsing is pure (no database): a version file becomes a [`ParsedVersion`]
//! with its clauses. Keys are settled against the previous version in
//! [`keys`], and [`import`] writes whole standards to the database, one
//! transaction per standard. Every error names the file, and the line where
//! there is one.

pub mod clause;
pub mod edit;
pub mod frontmatter;
pub mod import;
pub mod keys;
pub mod markdown;
pub mod parse;
pub mod translation;

pub use clause::Clause;
pub use frontmatter::FrontMatter;
pub use parse::{parse_clauses, parse_version, ParseError, ParsedVersion};

use sha2::{Digest, Sha256};

/// Hex SHA-256 of a version's source bytes, as shown on the site.
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(bytes.as_ref()))
}
