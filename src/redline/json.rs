//! The redline as JSON: the contract of `docket diff --format json` and of
//! `/api/v1/standards/{slug}/compare/{from}...{to}`, exactly as DESIGN.md
//! gives it. Only the fields below appear, in this order; anything else a
//! [`Redline`] holds (headings, blocks, rendered HTML) is for the views.
//!
//! ```json
//! {"from": "1", "to": "2",
//!  "summary": {"added": 0, "removed": 0, "modified": 0, "unchanged": 0, "moved": 0},
//!  "clauses": [{"key": "pw-recruit", "status": "modified", "moved": false, "renumbered": true,
//!               "from_number": "2.3", "to_number": "2.4",
//!               "changes": [{"op": "equal", "text": "..."}]}]}
//! ```
//!
//! `from_number` is null for an added clause and `to_number` for a removed
//! one; an unnumbered clause has the number `""`.

use serde::Serialize;

use super::{Change, ClauseDiff, Redline, Status, Summary};

#[derive(Serialize)]
struct JsonRedline<'a> {
    from: &'a str,
    to: &'a str,
    summary: &'a Summary,
    clauses: Vec<JsonClause<'a>>,
}

#[derive(Serialize)]
struct JsonClause<'a> {
    key: &'a str,
    status: Status,
    moved: bool,
    renumbered: bool,
    from_number: Option<&'a str>,
    to_number: Option<&'a str>,
    changes: &'a [Change],
}

impl<'a> From<&'a ClauseDiff> for JsonClause<'a> {
    fn from(c: &'a ClauseDiff) -> Self {
        JsonClause {
            key: &c.key,
            status: c.status,
            moved: c.moved,
            renumbered: c.renumbered,
            from_number: c.from_number.as_deref(),
            to_number: c.to_number.as_deref(),
            changes: &c.changes,
        }
    }
}

fn view(r: &Redline) -> JsonRedline<'_> {
    JsonRedline {
        from: &r.from,
        to: &r.to,
        summary: &r.summary,
        clauses: r.clauses.iter().map(JsonClause::from).collect(),
    }
}

/// Compact JSON.
pub fn to_string(r: &Redline) -> String {
    // Serialising plain strings, numbers and booleans cannot fail.
    serde_json::to_string(&view(r)).unwrap_or_default()
}

/// Indented JSON, for people.
pub fn to_string_pretty(r: &Redline) -> String {
    serde_json::to_string_pretty(&view(r)).unwrap_or_default()
}

/// The JSON as a value, for embedding.
pub fn to_value(r: &Redline) -> serde_json::Value {
    serde_json::to_value(view(r)).unwrap_or_default()
}
