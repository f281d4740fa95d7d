//! The disposition report: every comment of a version with the editors'
//! decision, as rows for the HTML page, the CSV download and the JSON API.
//! Never an email address. Read a page at a time by keyset (the HTML report
//! pages, the downloads stream chunk by chunk), with the counts at the top
//! from SQL: nothing here holds a whole version's comments.

use std::collections::HashMap;

use diesel::QueryResult;
use serde::Serialize;

use super::notes::Places;
use crate::comments::face::{Face, Tombstone};
use crate::db::models::feedback::{self, CommentFilter, Decided, StatusScope};
use crate::db::models::{Author, ClauseRow, Comment, Disposition, Standard, Version};
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
    /// "Election office: <name>" is shown with the commenter: the office's
    /// name, fixed when the comment was confirmed; empty for others.
    pub election_office: String,
    /// How the office was recognised ("address confirmed on <domain>").
    pub office_badge: String,
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
    /// The comment as its page shows it: sanitised HTML, or the
    /// tombstone's words escaped.
    #[serde(skip)]
    pub comment_html: String,
    /// The proposed text as a redline against the clause, when there is one.
    #[serde(skip)]
    pub proposed_html: Option<String>,
}

impl ReportRow {
    pub fn decided(&self) -> bool {
        !self.outcome.is_empty()
    }

    /// "2.3 (chain-of-custody)", or "Whole version".
    pub fn clause_text(&self) -> String {
        match (self.clause_key.is_empty(), self.clause_number.is_empty()) {
            (true, _) => crate::i18n::t("report-whole-version"),
            (false, true) => self.clause_heading.clone(),
            (false, false) => format!("{} {}", self.clause_number, self.clause_heading),
        }
    }
}

/// Rows on one page of the HTML report.
pub const PAGE: usize = 150;
/// Rows read at a time for the CSV and JSON downloads.
pub const CHUNK: usize = 500;

/// How many public comments a version has, and how many are decided:
/// counted in SQL.
pub fn summary(conn: &mut DbConn, version: &Version) -> QueryResult<(i64, i64)> {
    let public = CommentFilter::version(version.id, StatusScope::Public);
    let total = public.count(conn)?;
    let decided = CommentFilter {
        decided: Decided::Yes,
        ..public
    }
    .count(conn)?;
    Ok((total, decided))
}

/// How many public comments of a version are from election offices:
/// one COUNT on the indexed column.
pub fn office_count(conn: &mut DbConn, version: &Version) -> QueryResult<i64> {
    CommentFilter {
        office: Some(true),
        ..CommentFilter::version(version.id, StatusScope::Public)
    }
    .count(conn)
}

/// What the report leads with: how many comments had each outcome, and
/// per clause how many were commented and decided. Counted in SQL and
/// from the tallies; a few rows whatever the number of comments.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// (outcome as it reads, comments).
    pub by_outcome: Vec<(String, i64)>,
    /// Clauses with public comments, in document order (whole-version
    /// comments first).
    pub by_clause: Vec<ClauseCount>,
}

#[derive(Debug, Clone)]
pub struct ClauseCount {
    /// "2.3 Recruiting poll workers", or "Whole version".
    pub name: String,
    pub key: String,
    pub total: i64,
    pub decided: i64,
}

/// The counts the report leads with.
pub fn overview(conn: &mut DbConn, version: &Version) -> QueryResult<Overview> {
    let by_outcome = crate::db::models::tally::outcomes(conn, version.id)?
        .into_iter()
        .map(|(code, n)| {
            let name = code
                .parse::<crate::db::models::Outcome>()
                .map_or(code.clone(), |o| o.display().to_string());
            (name, n)
        })
        .collect();
    let public = CommentFilter::version(version.id, StatusScope::Public);
    let totals = public.count_by_clause(conn)?;
    let decided: HashMap<Option<String>, i64> = CommentFilter {
        decided: Decided::Yes,
        ..public
    }
    .count_by_clause(conn)?
    .into_iter()
    .collect();
    let clauses = ClauseRow::for_version(conn, version.id)?;
    let mut by_clause: Vec<(usize, ClauseCount)> = totals
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, total)| {
            let clause = key
                .as_deref()
                .and_then(|k| clauses.iter().position(|c| c.clause_key == k));
            let name = match (&key, clause) {
                (None, _) => crate::i18n::t("report-whole-version"),
                (Some(_), Some(i)) => clauses[i].numbered_heading(),
                (Some(k), None) => crate::standard::clause::naming::by_key(k),
            };
            let order = match (&key, clause) {
                (None, _) => 0,
                (_, Some(i)) => i + 1,
                (_, None) => usize::MAX,
            };
            let count = ClauseCount {
                name,
                decided: decided.get(&key).copied().unwrap_or(0),
                key: key.unwrap_or_default(),
                total,
            };
            (order, count)
        })
        .collect();
    by_clause.sort_by_key(|(order, _)| *order);
    Ok(Overview {
        by_outcome,
        by_clause: by_clause.into_iter().map(|(_, c)| c).collect(),
    })
}

/// The report's sections in order, and the clauses they name: what every
/// page and every chunk of a download walks. Read once per page, and once
/// for a whole download.
pub struct Layout {
    clauses: Vec<ClauseRow>,
    /// Whole-version comments first, then each clause in document order,
    /// then keys this version lacks.
    sections: Vec<Option<String>>,
    /// The sections that hold comments of any status.
    keys: Vec<Option<String>>,
    /// Only comments from election offices.
    pub offices_only: bool,
}

impl Layout {
    pub fn load(conn: &mut DbConn, version: &Version) -> QueryResult<Layout> {
        let clauses = ClauseRow::for_version(conn, version.id)?;
        // Which sections hold comments, from the index alone: counting the
        // public ones of a whole version would read every comment.
        let keys = CommentFilter::clause_keys(conn, version.id)?;
        let mut sections: Vec<Option<String>> = vec![None];
        sections.extend(clauses.iter().map(|c| Some(c.clause_key.clone())));
        let mut extra: Vec<Option<String>> = keys
            .iter()
            .filter(|k| !sections.contains(k))
            .cloned()
            .collect();
        extra.sort();
        sections.extend(extra);
        Ok(Layout {
            clauses,
            sections,
            keys,
            offices_only: false,
        })
    }
}

/// One page of the report in its order (whole-version comments first,
/// then by clause in document order, then keys this version lacks, each
/// thread in order): up to `limit` rows after the comment `after`, or,
/// with `backwards`, before it. Returns the rows and whether more lie
/// beyond them in that direction. `NotFound` for a cursor on another
/// version.
pub fn page(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    cursor: Option<i32>,
    backwards: bool,
    limit: usize,
    offices_only: bool,
) -> QueryResult<(Vec<ReportRow>, bool)> {
    let mut layout = Layout::load(conn, version)?;
    layout.offices_only = offices_only;
    page_in(conn, standard, version, &layout, cursor, backwards, limit)
}

/// [`page`] with the sections already read (a download reads them once).
pub fn page_in(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    layout: &Layout,
    cursor: Option<i32>,
    backwards: bool,
    limit: usize,
) -> QueryResult<(Vec<ReportRow>, bool)> {
    let Layout {
        clauses,
        sections,
        keys,
        offices_only,
    } = layout;
    let public = CommentFilter {
        office: offices_only.then_some(true),
        ..CommentFilter::version(version.id, StatusScope::Public)
    };
    let (mut idx, mut path) = match cursor {
        None => (0, None),
        Some(id) => {
            let (v, key, path) = feedback::position(conn, id)?.ok_or(diesel::NotFound)?;
            if v != version.id {
                return Err(diesel::NotFound);
            }
            let idx = sections.iter().position(|k| *k == key).unwrap_or(0);
            (idx, Some(path))
        }
    };
    let mut rows: Vec<(Comment, Author)> = Vec::new();
    while rows.len() <= limit && idx < sections.len() {
        if keys.contains(&sections[idx]) {
            let want = (limit + 1 - rows.len()) as i64;
            let key = sections[idx].as_deref();
            let got = public.page_in_clause(conn, key, path.as_deref(), backwards, want)?;
            rows.extend(got.into_iter().map(|(c, a, _)| (c, a)));
        }
        path = None;
        match (backwards, idx) {
            (true, 0) => break,
            (true, _) => idx -= 1,
            (false, _) => idx += 1,
        }
    }
    let more = rows.len() > limit;
    rows.truncate(limit);
    if backwards {
        rows.reverse();
    }
    Ok((rows_of(conn, standard, version, clauses, rows)?, more))
}

/// Report rows for comments in order: their decisions, resolving places
/// and the comments they reply to, each read in one query.
fn rows_of(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clauses: &[ClauseRow],
    rows: Vec<(Comment, Author)>,
) -> QueryResult<Vec<ReportRow>> {
    let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let parents: Vec<i32> = rows.iter().filter_map(|(c, _)| c.parent_id).collect();
    let all_decided = Disposition::for_comments(conn, &ids)?;
    let places = Places::load(conn, standard, &all_decided)?;
    let decided: HashMap<i32, Disposition> =
        all_decided.into_iter().map(|d| (d.comment_id, d)).collect();
    let tracking: HashMap<i32, String> = feedback::names(conn, &parents)?
        .into_iter()
        .map(|(id, t, _)| (id, t))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for (c, a) in rows {
        let clause = c
            .clause_key
            .as_deref()
            .and_then(|k| clauses.iter().find(|cl| cl.clause_key == k));
        let face = Face::of(&c, &a);
        let office = face.author().and_then(crate::comments::threads::office_of);
        let d = decided.get(&c.id);
        let comment = match face {
            Face::Shown { body_md, .. } => body_md.to_string(),
            Face::Tombstone(Tombstone::Hidden(reason)) => crate::i18n::t1(
                "decisions-report-hidden",
                "reason",
                reason.map_or_else(
                    || crate::i18n::t("comment-hidden-no-reason"),
                    str::to_string,
                ),
            ),
            Face::Tombstone(Tombstone::Spam) => crate::i18n::t("decisions-report-spam"),
        };
        let comment_html = match face {
            Face::Shown { body_html, .. } => body_html.to_string(),
            // A tombstone reads as in the downloads, escaped.
            Face::Tombstone(_) => crate::standard::markdown::escape(&comment),
        };
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
                    .unwrap_or_else(|| crate::i18n::t("decisions-earlier-comment"))
            }),
            commenter: face
                .author()
                .map(|a| a.display_name.clone())
                .unwrap_or_default(),
            organization: face
                .author()
                .and_then(|a| a.organization.clone())
                .unwrap_or_default(),
            election_office: office.as_ref().map(|o| o.0.clone()).unwrap_or_default(),
            office_badge: office.map(|o| o.1).unwrap_or_default(),
            kind: c.kind().as_str().to_string(),
            comment,
            comment_html,
            proposed_text: match face {
                Face::Shown { proposed_text, .. } => proposed_text.unwrap_or_default().to_string(),
                Face::Tombstone(_) => String::new(),
            },
            proposed_html: match face {
                Face::Shown {
                    proposed_text: Some(p),
                    ..
                } => Some(match (&c.proposed_html, clause) {
                    (Some(h), _) => crate::redline::html::marks_here(h),
                    (None, Some(cl)) => crate::redline::html::marks_here(
                        crate::comments::threads::proposed_redline(cl, p).as_str(),
                    ),
                    (None, None) => crate::standard::markdown::escape(p),
                }),
                _ => None,
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
pub const CSV_COLUMNS: [&str; 18] = [
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
    "election_office",
    "office_badge",
];

/// The CSV header row, CRLF-terminated.
pub fn csv_header() -> String {
    format!("{}\r\n", CSV_COLUMNS.join(","))
}

/// The report as CSV (RFC 4180, CRLF line ends, a header row).
pub fn to_csv(rows: &[ReportRow]) -> String {
    format!("{}{}", csv_header(), csv_rows(rows))
}

/// Rows as CSV lines, without the header: one chunk of a download.
pub fn csv_rows(rows: &[ReportRow]) -> String {
    let mut out = String::new();
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
            &r.election_office,
            &r.office_badge,
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
