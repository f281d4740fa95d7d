//! Dispositions: the editors' public decision on each comment, and the
//! disposition report built from them.
//!
//! Policy: a decision is checked completely before anything is written
//! (every comment is on the version named, is published, and the resolving
//! clause exists where the next version is being written); then, in one
//! transaction, the decision is stored, appended to the integrity ledger,
//! audited, and the commenter's email is queued. Either all of that
//! happens or none of it.

use std::collections::HashMap;

use askama::Template;
use chrono::NaiveDateTime;
use diesel::{OptionalExtension, QueryResult};
use serde::Serialize;

use super::Settings;
use crate::audit;
use crate::db::models::{
    Author, ClauseRow, Comment, CommentStatus, Commenter, Disposition, Draft, NewDisposition,
    Outcome, Standard, Version,
};
use crate::db::{write_tx, DbConn};
use crate::mail::Message;
use crate::web::auth::Staff;

/// Most characters in a rationale.
pub const MAX_RATIONALE_CHARS: usize = 5_000;
/// Most comments decided by one form.
pub const MAX_GROUP: usize = 1_000;

/// A decision as the editor entered it, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub rationale: String,
    pub resolved_clause_key: Option<String>,
}

impl Decision {
    /// Check a disposition form's fields; the message says what to fix.
    pub fn parse(outcome: &str, rationale: &str, clause_key: &str) -> Result<Decision, String> {
        let outcome = outcome.trim();
        if outcome.is_empty() {
            return Err("Choose an outcome for the comment.".to_string());
        }
        let outcome: Outcome = outcome.parse()?;
        let rationale = rationale.replace("\r\n", "\n").trim().to_string();
        if rationale.is_empty() {
            return Err(
                "Write a rationale: every decision is published with the reason for it."
                    .to_string(),
            );
        }
        if rationale.chars().count() > MAX_RATIONALE_CHARS {
            return Err(format!(
                "The rationale is longer than {MAX_RATIONALE_CHARS} characters; shorten it."
            ));
        }
        let key = clause_key.trim();
        let resolved_clause_key = if key.is_empty() {
            None
        } else if crate::standard::keys::is_valid_key(key) {
            Some(key.to_string())
        } else {
            return Err(format!(
                "“{key}” is not a clause key: keys use lowercase letters, digits and hyphens."
            ));
        };
        Ok(Decision {
            outcome,
            rationale,
            resolved_clause_key,
        })
    }
}

/// Comment ids from a form field: `12` or `12,13,14`.
pub fn parse_ids(field: &str) -> Result<Vec<i32>, String> {
    let mut ids = Vec::new();
    for part in field.split([',', ' ']).filter(|p| !p.is_empty()) {
        let id: i32 = part
            .parse()
            .map_err(|_| format!("“{part}” is not a comment number."))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err("No comment was named: choose the comment to decide.".to_string());
    }
    if ids.len() > MAX_GROUP {
        return Err(format!(
            "At most {MAX_GROUP} comments can be decided at once."
        ));
    }
    Ok(ids)
}

/// Where the comments of a version are resolved: the next published
/// version, else the working draft of it, else (nothing written yet) the
/// version itself.
#[derive(Debug, Clone)]
pub struct NextVersion {
    /// The next version's label, when it is published or being drafted.
    pub label: Option<String>,
    /// Whether that version is published.
    pub published: bool,
    /// The clause keys a resolving clause may name; `Err` when the draft
    /// does not parse.
    pub keys: Result<Vec<String>, String>,
}

impl NextVersion {
    pub fn load(conn: &mut DbConn, version: &Version) -> QueryResult<NextVersion> {
        if let Some(next) = next_published(conn, version)? {
            return Ok(NextVersion {
                keys: Ok(ClauseRow::keys_for_version(conn, next.id)?),
                label: Some(next.label),
                published: true,
            });
        }
        let base: Vec<crate::standard::Clause> = ClauseRow::for_version(conn, version.id)?
            .iter()
            .map(ClauseRow::to_clause)
            .collect();
        if let Some(draft) = Draft::open_for_base(conn, version.id)? {
            return Ok(NextVersion {
                keys: crate::standard::edit::clause_keys(&draft.source, Some(&base))
                    .map_err(|e| e.to_string()),
                label: Some(draft.label),
                published: false,
            });
        }
        Ok(NextVersion {
            label: None,
            published: false,
            keys: Ok(base.into_iter().map(|c| c.key).collect()),
        })
    }

    /// Check a resolving clause key against the next version.
    pub fn check(&self, key: &str) -> Result<(), String> {
        match &self.keys {
            Ok(keys) if keys.iter().any(|k| k == key) => Ok(()),
            Ok(_) => Err(match (&self.label, self.published) {
                (Some(l), true) => format!("Version {l} has no clause with the key “{key}”."),
                (Some(l), false) => {
                    format!("The draft of version {l} has no clause with the key “{key}”.")
                }
                (None, _) => format!(
                    "There is no clause with the key “{key}”, and no draft of the next version yet."
                ),
            }),
            Err(e) => Err(format!(
                "The resolving clause cannot be checked because the draft of version {} does not parse ({e}). Fix the draft, or leave the clause empty.",
                self.label.as_deref().unwrap_or("")
            )),
        }
    }
}

/// The published version after `version`, if any.
pub fn next_published(conn: &mut DbConn, version: &Version) -> QueryResult<Option<Version>> {
    Ok(Version::for_standard(conn, version.standard_id)?
        .into_iter()
        .filter(|v| v.status().is_published() && v.position > version.position)
        .min_by_key(|v| v.position))
}

/// Why a decision was not recorded.
#[derive(Debug)]
pub enum DispositionError {
    /// Bad input; the message says what to fix. Nothing was written.
    Refused(String),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for DispositionError {
    fn from(e: diesel::result::Error) -> Self {
        DispositionError::Db(e)
    }
}

/// Where a decision sends its reader: the clause's redline into the next
/// version when it is published, else the clause as it stands.
pub fn decision_link(
    base_url: &str,
    standard: &Standard,
    version: &Version,
    key: Option<&str>,
    next: Option<&str>,
    key_in_version: bool,
) -> String {
    match (key, next) {
        (Some(k), Some(n)) => format!(
            "{base_url}/standards/{}/compare/{}...{n}#c-{k}",
            standard.slug, version.label
        ),
        (Some(k), None) if key_in_version => format!(
            "{base_url}/standards/{}/{}/clauses/{k}",
            standard.slug, version.label
        ),
        _ => format!("{base_url}/standards/{}/{}", standard.slug, version.label),
    }
}

#[derive(Template)]
#[template(path = "comments/mail/disposition.txt")]
struct DispositionMail<'a> {
    name: &'a str,
    standard: &'a Standard,
    version: &'a Version,
    tracking: &'a str,
    on: String,
    outcome: &'static str,
    rationale: &'a str,
    resolved: Option<String>,
    link_text: &'static str,
    link: String,
    permalink: String,
    report: String,
}

/// Record `decision` on every comment in `ids`, all on `version`, by
/// `staff`. Returns how many comments were decided.
#[allow(clippy::too_many_arguments)]
pub fn record(
    conn: &mut DbConn,
    settings: &Settings,
    standard: &Standard,
    version: &Version,
    staff: &Staff,
    ids: &[i32],
    decision: &Decision,
    now: NaiveDateTime,
) -> Result<usize, DispositionError> {
    write_tx(conn, |conn| {
        let mut rows: Vec<(Comment, Author)> = Vec::with_capacity(ids.len());
        for &id in ids {
            let Some((c, a)) = Comment::with_author(conn, id).optional()? else {
                return Err(DispositionError::Refused(format!(
                    "There is no comment number {id}."
                )));
            };
            if c.version_id != version.id {
                let (_, other) = Comment::place(conn, c.version_id)?;
                return Err(DispositionError::Refused(format!(
                    "Comment {} is on version {}, not version {}: record its disposition from version {}'s feedback page.",
                    c.tracking_number, other.label, version.label, other.label
                )));
            }
            if c.status() != CommentStatus::Published {
                return Err(DispositionError::Refused(format!(
                    "Comment {} is not published (it is {}), so it cannot be given a disposition.",
                    c.tracking_number, c.status
                )));
            }
            rows.push((c, a));
        }
        let next = NextVersion::load(conn, version)?;
        if let Some(k) = &decision.resolved_clause_key {
            next.check(k).map_err(DispositionError::Refused)?;
        }
        let version_keys = ClauseRow::keys_for_version(conn, version.id)?;
        let resolved_version = match &decision.resolved_clause_key {
            Some(_) => next.label.clone(),
            None => None,
        };
        let group_id = (rows.len() > 1).then(|| rows.iter().map(|(c, _)| c.id).min().unwrap_or(0));
        for (c, a) in &rows {
            Disposition::upsert(
                conn,
                &NewDisposition {
                    comment_id: c.id,
                    outcome: decision.outcome.as_str(),
                    rationale: &decision.rationale,
                    staff_id: staff.id,
                    decided_at: now,
                    resolved_version: resolved_version.as_deref(),
                    resolved_clause_key: decision.resolved_clause_key.as_deref(),
                    group_id,
                },
            )?;
            super::ledger::append(
                conn,
                super::ledger::kinds::DISPOSITION,
                Some(c.id),
                serde_json::json!({
                    "comment_id": c.id,
                    "tracking_number": c.tracking_number,
                    "standard": standard.slug,
                    "version": version.label,
                    "outcome": decision.outcome.as_str(),
                    "rationale_sha256": crate::standard::sha256_hex(&decision.rationale),
                    "resolved_version": resolved_version,
                    "resolved_clause_key": decision.resolved_clause_key,
                    "editor_id": staff.id,
                }),
                now,
            )?;
            let commenter = Commenter::find(conn, c.commenter_id)?;
            if crate::mail::is_valid_address(&commenter.email) {
                let link_key = decision
                    .resolved_clause_key
                    .as_deref()
                    .or(c.clause_key.as_deref());
                let next_published = if next.published {
                    next.label.as_deref()
                } else {
                    None
                };
                let key_in_version = link_key.is_some_and(|k| version_keys.iter().any(|v| v == k));
                let link = decision_link(
                    &settings.base_url,
                    standard,
                    version,
                    link_key,
                    next_published.filter(|_| link_key.is_some()),
                    key_in_version,
                );
                let text = DispositionMail {
                    name: &a.display_name,
                    standard,
                    version,
                    tracking: &c.tracking_number,
                    on: super::clause_label(conn, version, c.clause_key.as_deref())?,
                    outcome: decision.outcome.display(),
                    rationale: &decision.rationale,
                    resolved: match (&decision.resolved_clause_key, &resolved_version) {
                        (Some(k), Some(l)) => Some(format!("version {l}, clause “{k}”")),
                        (Some(k), None) => Some(format!("the next version, clause “{k}”")),
                        _ => None,
                    },
                    link_text: if next_published.is_some() && link_key.is_some() {
                        "What changed in the clause"
                    } else if key_in_version {
                        "The clause"
                    } else {
                        "The version"
                    },
                    link,
                    permalink: format!("{}/comments/{}", settings.base_url, c.id),
                    report: format!(
                        "{}/standards/{}/{}/dispositions",
                        settings.base_url, standard.slug, version.label
                    ),
                }
                .render()
                .unwrap_or_else(|err| format!("(this message could not be written: {err})\n"));
                crate::mail::enqueue_at(
                    conn,
                    &Message {
                        to: commenter.email.clone(),
                        subject: format!(
                            "Decision on your comment {}: {}",
                            c.tracking_number,
                            decision.outcome.display()
                        ),
                        text,
                        list_unsubscribe: None,
                    },
                    now,
                )?;
            }
        }
        let target = match rows.as_slice() {
            [(c, _)] => format!("comment {}", c.tracking_number),
            many => format!(
                "{} comments ({})",
                many.len(),
                many.iter()
                    .map(|(c, _)| c.tracking_number.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let mut detail = format!("{}. {}", decision.outcome.display(), decision.rationale);
        if let Some(k) = &decision.resolved_clause_key {
            detail.push_str(&format!(
                " Resolved in {}clause “{k}”.",
                resolved_version
                    .as_deref()
                    .map(|l| format!("version {l}, "))
                    .unwrap_or_default()
            ));
        }
        audit::record_at(
            conn,
            &audit::Event::by(staff, audit::actions::DISPOSITION_RECORDED)
                .on_version(standard.id, version.id)
                .target(target)
                .detail(detail)
                .public(),
            now,
        )?;
        Ok(rows.len())
    })
}

/// A decision as a public page shows it under its comment.
#[derive(Debug, Clone)]
pub struct DispositionNote {
    pub outcome: Outcome,
    pub rationale: String,
    /// "Resolved in version 2, clause 1.2 (Chain of custody)".
    pub resolved_text: Option<String>,
    pub resolved_href: Option<String>,
    /// The clause's redline into the resolving version.
    pub redline_href: Option<String>,
}

impl DispositionNote {
    pub fn outcome_text(&self) -> &'static str {
        self.outcome.display()
    }

    pub fn outcome_class(&self) -> &'static str {
        self.outcome.as_str()
    }
}

/// How a disposition's resolving clause reads and links: (text, clause
/// address, redline address).
pub fn resolved_place(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    d: &Disposition,
) -> QueryResult<(Option<String>, Option<String>, Option<String>)> {
    let Some(key) = d.resolved_clause_key.as_deref() else {
        return Ok((None, None, None));
    };
    let target = match d.resolved_version.as_deref() {
        Some(l) => Version::by_label(conn, standard.id, l)
            .optional()?
            .filter(|v| v.status().is_published()),
        None => None,
    };
    Ok(match (target, d.resolved_version.as_deref()) {
        (Some(v), _) => {
            let clause = ClauseRow::by_key(conn, v.id, key).optional()?;
            let name = clause
                .as_ref()
                .map(|c| format!("clause {}", c.numbered_heading()))
                .unwrap_or_else(|| format!("clause “{key}”"));
            (
                Some(format!("version {}, {name}", v.label)),
                clause.map(|_| format!("/standards/{}/{}/clauses/{key}", standard.slug, v.label)),
                Some(format!(
                    "/standards/{}/compare/{}...{}#c-{key}",
                    standard.slug, version.label, v.label
                )),
            )
        }
        (None, Some(l)) => (
            Some(format!("version {l} (not yet published), clause “{key}”")),
            None,
            None,
        ),
        (None, None) => (
            Some(format!("the next version, clause “{key}”")),
            None,
            None,
        ),
    })
}

/// The public notes for the dispositions of the listed comments, by
/// comment id. `place` gives each comment's standard and version.
pub fn notes_for(
    conn: &mut DbConn,
    standard: &Standard,
    ids: &[i32],
) -> QueryResult<HashMap<i32, DispositionNote>> {
    let mut out = HashMap::new();
    let decided = Disposition::for_comments(conn, ids)?;
    let mut versions: HashMap<i32, Version> = HashMap::new();
    for d in decided {
        let c = Comment::find(conn, d.comment_id)?;
        let version = match versions.get(&c.version_id) {
            Some(v) => v.clone(),
            None => {
                let (_, v) = Comment::place(conn, c.version_id)?;
                versions.insert(c.version_id, v.clone());
                v
            }
        };
        let (resolved_text, resolved_href, redline_href) =
            resolved_place(conn, standard, &version, &d)?;
        out.insert(
            d.comment_id,
            DispositionNote {
                outcome: d.outcome(),
                rationale: d.rationale.clone(),
                resolved_text,
                resolved_href,
                redline_href,
            },
        );
    }
    Ok(out)
}

/// Attach the public disposition notes to every comment of a thread.
pub fn attach(
    conn: &mut DbConn,
    standard: &Standard,
    thread: &mut super::threads::Thread,
) -> QueryResult<()> {
    let ids: Vec<i32> = thread
        .nodes
        .iter()
        .filter(|n| n.c.live)
        .map(|n| n.c.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut notes = notes_for(conn, standard, &ids)?;
    for n in &mut thread.nodes {
        n.c.disposition = notes.remove(&n.c.id);
    }
    Ok(())
}

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
    let decided: HashMap<i32, Disposition> = Disposition::for_version(conn, version.id)?
        .into_iter()
        .map(|d| (d.comment_id, d))
        .collect();
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
        let live = c.status() == CommentStatus::Published;
        let d = decided.get(&c.id);
        let (resolved_clause, resolved_href, redline_href) = match d {
            Some(d) => resolved_place(conn, standard, version, d)?,
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
            commenter: if live {
                a.display_name.clone()
            } else {
                String::new()
            },
            organization: if live {
                a.organization.clone().unwrap_or_default()
            } else {
                String::new()
            },
            kind: c.kind().as_str().to_string(),
            comment: if live {
                c.body_md.clone()
            } else if c.status() == CommentStatus::Hidden {
                format!(
                    "(Hidden by a moderator. Reason: {})",
                    c.hidden_reason.as_deref().unwrap_or("none given")
                )
            } else {
                "(Removed as spam.)".to_string()
            },
            proposed_text: if live {
                c.proposed_text.clone().unwrap_or_default()
            } else {
                String::new()
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

    #[test]
    fn decisions_need_a_known_outcome_and_a_rationale() {
        let ok = Decision::parse("accepted", "  Good point.\r\n ", "custody").unwrap();
        assert_eq!(ok.outcome, Outcome::Accepted);
        assert_eq!(ok.rationale, "Good point.");
        assert_eq!(ok.resolved_clause_key.as_deref(), Some("custody"));
        assert!(Decision::parse("", "x", "")
            .unwrap_err()
            .contains("outcome"));
        assert!(Decision::parse("maybe", "x", "")
            .unwrap_err()
            .contains("Unknown outcome"));
        assert!(Decision::parse("noted", "   ", "")
            .unwrap_err()
            .contains("rationale"));
        assert!(Decision::parse("noted", "x", "Bad Key").is_err());
        assert_eq!(
            Decision::parse("noted", "x", " ")
                .unwrap()
                .resolved_clause_key,
            None
        );
    }

    #[test]
    fn comment_ids_are_numbers_without_repeats() {
        assert_eq!(parse_ids("3").unwrap(), [3]);
        assert_eq!(parse_ids("3,4, 3").unwrap(), [3, 4]);
        assert!(parse_ids("").is_err());
        assert!(parse_ids("3,x").is_err());
    }
}
