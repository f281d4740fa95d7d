//! The disposition report: every comment of a version with the editors'
//! decision, as rows for the HTML page, the CSV download and the JSON API.
//! Never an email address.

use std::collections::HashMap;

use diesel::QueryResult;
use serde::Serialize;

use super::notes::Places;
use crate::comments::face::{Face, Tombstone};
use crate::db::models::{ClauseRow, Comment, Disposition, Standard, Version};
use crate::db::DbConn;

/// One row of the disposition report. Never an email address.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    pub comment_id: i32,
    pub tracking_number: String,
    pub clause_number: String,
    /// Empty for a comment on the whole version.
    pub clause_key: String,
    pub clause_heading: String,
    /// The comment this one replies to, by tracking number.
    pub in_reply_to: Option<String>,
    /// The commenter's public name; empty for a hidden comment.
    pub commenter: String,
    pub organization: String,
    pub kind: String,
    /// The comment's text (Markdown as written), or for a hidden comment
    /// the moderator's public reason.
    pub comment: String,
    pub proposed_text: String,
    pub status: String,
    /// The outcome's code, or empty when no decision is recorded yet.
    pub outcome: String,
    pub outcome_text: String,
    pub rationale: String,
    pub resolved_version: String,
    pub resolved_clause_key: String,
    pub resolved_clause: String,
    #[serde(skip)]
    pub resolved_href: Option<String>,
    #[serde(skip)]
    pub redline_href: Option<String>,
}

impl ReportRow {
    pub fn decided(&self) -> bool {
        !self.outcome.is_empty()
    }

    /// "2.3 (chain-of-custody)", or "Whole version".
    pub fn clause_text(&self) -> String {
        match (self.clause_key.is_empty(), self.clause_number.is_empty()) {
            (true, _) => "Whole version".to_string(),
            (false, true) => self.clause_heading.clone(),
            (false, false) => format!("{} {}", self.clause_number, self.clause_heading),
        }
    }
}

/// The disposition report of a version: one row per public comment,
/// whole-version comments first, then by clause in document order, each
/// thread in order.
pub fn report(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
) -> QueryResult<Vec<ReportRow>> {
    let clauses = ClauseRow::for_version(conn, version.id)?;
    let order: HashMap<&str, usize> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clause_key.as_str(), i))
        .collect();
    let mut rows = Comment::public_for_version(conn, version.id)?;
    rows.sort_by_key(|(c, _)| {
        (
            c.clause_key
                .as_deref()
                .map_or(0, |k| order.get(k).map_or(usize::MAX, |i| i + 1)),
            c.path.clone(),
        )
    });
    let all_decided = Disposition::for_version(conn, version.id)?;
    let places = Places::load(conn, standard, &all_decided)?;
    let decided: HashMap<i32, Disposition> =
        all_decided.into_iter().map(|d| (d.comment_id, d)).collect();
    let tracking: HashMap<i32, String> = rows
        .iter()
        .map(|(c, _)| (c.id, c.tracking_number.clone()))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for (c, a) in rows {
        let clause = c
            .clause_key
            .as_deref()
            .and_then(|k| clauses.iter().find(|cl| cl.clause_key == k));
        let face = Face::of(&c, &a);
        let d = decided.get(&c.id);
        let (resolved_clause, resolved_href, redline_href) = match d {
            Some(d) => places.resolve(standard, version, d),
            None => (None, None, None),
        };
        out.push(ReportRow {
            comment_id: c.id,
            tracking_number: c.tracking_number.clone(),
            clause_number: clause.map(|cl| cl.number.clone()).unwrap_or_default(),
            clause_key: c.clause_key.clone().unwrap_or_default(),
            clause_heading: clause.map(|cl| cl.heading.clone()).unwrap_or_default(),
            in_reply_to: c.parent_id.map(|p| {
                tracking
                    .get(&p)
                    .cloned()
                    .unwrap_or_else(|| "an earlier comment".to_string())
            }),
            commenter: face
                .author()
                .map(|a| a.display_name.clone())
                .unwrap_or_default(),
            organization: face
                .author()
                .and_then(|a| a.organization.clone())
                .unwrap_or_default(),
            kind: c.kind().as_str().to_string(),
            comment: match face {
                Face::Shown { body_md, .. } => body_md.to_string(),
                Face::Tombstone(Tombstone::Hidden(reason)) => format!(
                    "(Hidden by a moderator. Reason: {})",
                    reason.unwrap_or("none given")
                ),
                Face::Tombstone(Tombstone::Spam) => "(Removed as spam.)".to_string(),
            },
            proposed_text: match face {
                Face::Shown { proposed_text, .. } => proposed_text.unwrap_or_default().to_string(),
                Face::Tombstone(_) => String::new(),
            },
            status: c.status.clone(),
            outcome: d
                .map(|d| d.outcome().as_str().to_string())
                .unwrap_or_default(),
            outcome_text: d
                .map(|d| d.outcome().display().to_string())
                .unwrap_or_default(),
            rationale: d.map(|d| d.rationale.clone()).unwrap_or_default(),
            resolved_version: d
                .and_then(|d| d.resolved_version.clone())
                .unwrap_or_default(),
            resolved_clause_key: d
                .and_then(|d| d.resolved_clause_key.clone())
                .unwrap_or_default(),
            resolved_clause: resolved_clause.unwrap_or_default(),
            resolved_href,
            redline_href,
        });
    }
    Ok(out)
}

/// One CSV cell: quoted when it must be, and never read as a formula by a
/// spreadsheet (a leading `=`, `+`, `-`, `@`, tab or carriage return gets
/// a `'` in front).
pub fn csv_cell(value: &str) -> String {
    let guarded = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ')
    {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The column names of the CSV report, in order.
pub const CSV_COLUMNS: [&str; 16] = [
    "tracking_number",
    "clause_number",
    "clause_key",
    "clause_heading",
    "in_reply_to",
    "commenter",
    "organization",
    "kind",
    "comment",
    "proposed_text",
    "status",
    "outcome",
    "rationale",
    "resolved_version",
    "resolved_clause_key",
    "resolved_clause",
];

/// The report as CSV (RFC 4180, CRLF line ends, a header row).
pub fn to_csv(rows: &[ReportRow]) -> String {
    let mut out = String::new();
    out.push_str(&CSV_COLUMNS.join(","));
    out.push_str("\r\n");
    for r in rows {
        let cells = [
            r.tracking_number.as_str(),
            &r.clause_number,
            &r.clause_key,
            &r.clause_heading,
            r.in_reply_to.as_deref().unwrap_or(""),
            &r.commenter,
            &r.organization,
            &r.kind,
            &r.comment,
            &r.proposed_text,
            &r.status,
            &r.outcome,
            &r.rationale,
            &r.resolved_version,
            &r.resolved_clause_key,
            &r.resolved_clause,
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@cmd"), "'@cmd");
        assert_eq!(
            csv_cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell(""), "");
    }
}
