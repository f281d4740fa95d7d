//! Rows and the queries that read and write them, one file per table.
//! Plain methods (no database) sit beside the query functions.

pub mod clause;
pub mod standard;
pub mod version;

pub use clause::{ClauseRow, NewClause};
pub use standard::{NewStandard, Standard};
pub use version::{NewVersion, Version, VersionStatus};
