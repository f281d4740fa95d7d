//! Dispositions: recording the editors' public decision on each comment.
//! How decisions read under their comments is [`notes`]; the report built
//! from them is [`report`].
//!
//! Policy: a decision is checked completely before anything is written
//! (every comment is on the version named, is published, and the resolving
//! clause exists where the next version is being written); then, in one
//! transaction, the decision is stored, appended to the integrity ledger,
//! audited, and the commenter's email is queued. Either all of that
//! happens or none of it.
//!
//! A standard under review and release ([`review`]) keeps a recorded
//! decision as a draft for staff instead; releasing it later does what
//! recording does here ([`apply`] for each comment), in one transaction.

use askama::Template;
use chrono::NaiveDateTime;
use diesel::{OptionalExtension, QueryResult};

pub mod decisions;
pub mod notes;
pub mod report;
pub mod review;

pub use notes::{notes_for, DispositionNote};
pub use report::{csv_cell, csv_header, csv_rows, page, summary, to_csv, ReportRow, CSV_COLUMNS};

use super::Settings;
use crate::actor::Actor;
use crate::audit;
use crate::db::models::{
    Author, ClauseRow, Comment, CommentStatus, Commenter, Disposition, Draft, NewDisposition,
    Outcome, Standard, Version,
};
use crate::db::{write_tx, DbConn};
use crate::i18n::{t, t1, t2, t_with_three};
use crate::mail::Message;
use crate::standard::clause::naming;
use crate::urls;

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
            return Err(t("decisions-err-choose-outcome"));
        }
        let outcome: Outcome = outcome.parse()?;
        let rationale = rationale.replace("\r\n", "\n").trim().to_string();
        if rationale.is_empty() {
            return Err(t("decisions-err-no-rationale"));
        }
        if rationale.chars().count() > MAX_RATIONALE_CHARS {
            return Err(t1(
                "decisions-err-rationale-long",
                "max",
                MAX_RATIONALE_CHARS,
            ));
        }
        let key = clause_key.trim();
        let resolved_clause_key = if key.is_empty() {
            None
        } else if crate::standard::keys::is_valid_key(key) {
            Some(key.to_string())
        } else {
            return Err(t1("decisions-err-clause-key", "key", key));
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
            .map_err(|_| t1("decisions-err-comment-number", "value", part))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(t("decisions-err-no-comment"));
    }
    if ids.len() > MAX_GROUP {
        return Err(t1("decisions-err-too-many", "max", MAX_GROUP));
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
    /// The clauses a resolving clause may name, as (key, number, heading);
    /// `Err` when the draft does not parse.
    pub keys: Result<Vec<(String, String, String)>, String>,
}

impl NextVersion {
    pub fn load(conn: &mut DbConn, version: &Version) -> QueryResult<NextVersion> {
        let named = |clauses: Vec<crate::standard::Clause>| {
            clauses
                .into_iter()
                .map(|c| (c.key, c.number, c.heading))
                .collect::<Vec<_>>()
        };
        let clauses_of =
            |conn: &mut DbConn, id: i32| -> QueryResult<Vec<crate::standard::Clause>> {
                Ok(ClauseRow::for_version(conn, id)?
                    .iter()
                    .map(ClauseRow::to_clause)
                    .collect())
            };
        if let Some(next) = next_published(conn, version)? {
            return Ok(NextVersion {
                keys: Ok(named(clauses_of(conn, next.id)?)),
                label: Some(next.label),
                published: true,
            });
        }
        let base = clauses_of(conn, version.id)?;
        if let Some(draft) = Draft::open_for_base(conn, version.id)? {
            return Ok(NextVersion {
                keys: crate::standard::edit::clauses(&draft.source, Some(&base))
                    .map(named)
                    .map_err(|e| e.to_string()),
                label: Some(draft.label),
                published: false,
            });
        }
        Ok(NextVersion {
            label: None,
            published: false,
            keys: Ok(named(base)),
        })
    }

    /// The resolving clause in words, by its number and heading in the
    /// next version ("clause 3.2 (Seals)"), or by its key when that version
    /// cannot say.
    pub fn name(&self, key: &str) -> String {
        match self.keys.iter().flatten().find(|(k, _, _)| k == key) {
            Some((_, number, heading)) => naming::full(number, heading),
            None => naming::by_key(key),
        }
    }

    /// Check a resolving clause key against the next version.
    pub fn check(&self, key: &str) -> Result<(), String> {
        match &self.keys {
            Ok(keys) if keys.iter().any(|(k, _, _)| k == key) => Ok(()),
            Ok(_) => Err(match (&self.label, self.published) {
                (Some(l), true) => t2("decisions-err-no-key-in-version", "version", l, "key", key),
                (Some(l), false) => t2("decisions-err-no-key-in-draft", "version", l, "key", key),
                (None, _) => t1("decisions-err-no-key-no-draft", "key", key),
            }),
            Err(e) => Err(t2(
                "decisions-err-draft-unparsed",
                "version",
                self.label.as_deref().unwrap_or(""),
                "problem",
                e,
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
    let path = match (key, next) {
        (Some(k), Some(n)) => urls::compare_clause(&standard.slug, &version.label, n, k),
        (Some(k), None) if key_in_version => urls::clause(&standard.slug, &version.label, k),
        _ => urls::version(&standard.slug, &version.label),
    };
    urls::absolute(base_url, &path)
}

#[derive(Template)]
#[template(path = "comments/mail/disposition.txt")]
struct DispositionMail<'a> {
    name: &'a str,
    version: &'a Version,
    /// "The editors of … have recorded a decision on your comment …".
    heading: String,
    outcome: String,
    rationale: &'a str,
    resolved: Option<String>,
    link_text: String,
    link: String,
    permalink: String,
    report: String,
}

/// The comments named by a decision form, each checked: it exists, is on
/// `version` and is published. Nothing is written.
fn checked_rows(
    conn: &mut DbConn,
    version: &Version,
    ids: &[i32],
) -> Result<Vec<(Comment, Author)>, DispositionError> {
    let mut rows: Vec<(Comment, Author)> = Vec::with_capacity(ids.len());
    for &id in ids {
        let Some((c, a)) = Comment::with_author(conn, id).optional()? else {
            return Err(DispositionError::Refused(t1(
                "decisions-err-no-such-comment",
                "id",
                id,
            )));
        };
        if c.version_id != version.id {
            let (_, other) = Comment::place(conn, c.version_id)?;
            return Err(DispositionError::Refused(t_with_three(
                "decisions-err-other-version",
                [
                    ("tracking", c.tracking_number),
                    ("other", other.label),
                    ("version", version.label.clone()),
                ],
            )));
        }
        if c.status() != CommentStatus::Published {
            return Err(DispositionError::Refused(t2(
                "decisions-err-not-published",
                "tracking",
                &c.tracking_number,
                "status",
                &c.status,
            )));
        }
        rows.push((c, a));
    }
    Ok(rows)
}

/// Where a decision is resolved, as stored: the resolving clause is
/// checked against the next version, whose label is kept with it.
fn resolved_version(
    next: &NextVersion,
    decision: &Decision,
) -> Result<Option<String>, DispositionError> {
    match &decision.resolved_clause_key {
        Some(k) => {
            next.check(k).map_err(DispositionError::Refused)?;
            Ok(next.label.clone())
        }
        None => Ok(None),
    }
}

/// Record `decision` on every comment in `ids`, all on `version`, by
/// `staff`. Returns how many comments were decided. Under review and
/// release (`review::is_review`) the decision is saved as a draft for
/// staff instead: nothing public, mailed or in the ledger until released.
#[allow(clippy::too_many_arguments)]
pub fn record(
    conn: &mut DbConn,
    settings: &Settings,
    standard: &Standard,
    version: &Version,
    staff: &Actor,
    ids: &[i32],
    decision: &Decision,
    now: NaiveDateTime,
) -> Result<usize, DispositionError> {
    write_tx(conn, |conn| {
        let rows = checked_rows(conn, version, ids)?;
        let next = NextVersion::load(conn, version)?;
        let resolved_version = resolved_version(&next, decision)?;
        let group_id = (rows.len() > 1).then(|| rows.iter().map(|(c, _)| c.id).min().unwrap_or(0));
        if review::is_review(conn, standard)? {
            review::save_drafts(
                conn,
                standard,
                version,
                staff,
                &rows,
                decision,
                resolved_version.as_deref(),
                group_id,
                now,
            )?;
            return Ok(rows.len());
        }
        let version_keys = ClauseRow::keys_for_version(conn, version.id)?;
        let applied = Applied {
            editor_id: staff.id,
            resolved_version: resolved_version.as_deref(),
            group_id,
            next: &next,
            version_keys: &version_keys,
        };
        for row in &rows {
            apply(
                conn,
                &settings.base_url,
                standard,
                version,
                row,
                decision,
                &applied,
                now,
            )?;
        }
        let target = target(&rows);
        let detail = audit_detail(decision, resolved_version.as_deref(), &next);
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

/// What the audit log records of a decision. Stored with the record, so in
/// English whatever the editor's language.
fn audit_detail(decision: &Decision, resolved_version: Option<&str>, next: &NextVersion) -> String {
    crate::i18n::with(crate::i18n::Lang::En, || {
        let mut detail = format!("{}. {}", decision.outcome.display(), decision.rationale);
        if let Some(k) = &decision.resolved_clause_key {
            detail.push_str(&format!(
                " Resolved in {}{}.",
                resolved_version
                    .map(|l| format!("version {l}, "))
                    .unwrap_or_default(),
                next.name(k)
            ));
        }
        detail
    })
}

/// The comments of a form, as the audit log names them.
fn target(rows: &[(Comment, Author)]) -> String {
    match rows {
        [(c, _)] => format!("comment {}", c.tracking_number),
        many => format!(
            "{} comments ({})",
            many.len(),
            many.iter()
                .map(|(c, _)| c.tracking_number.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What a decision carries besides its outcome and rationale.
pub(crate) struct Applied<'a> {
    /// The editor who decided (the one who drafted it, under review).
    pub editor_id: i32,
    pub resolved_version: Option<&'a str>,
    pub group_id: Option<i32>,
    /// Where the version's comments are resolved, and its clause keys:
    /// read once for every comment decided together.
    pub next: &'a NextVersion,
    pub version_keys: &'a [String],
}

/// Make a decision on one comment public: store it, append it to the
/// ledger and queue the commenter's email (when the comment is still
/// published). The caller holds the transaction and writes the audit.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply(
    conn: &mut DbConn,
    base_url: &str,
    standard: &Standard,
    version: &Version,
    (c, a): &(Comment, Author),
    decision: &Decision,
    applied: &Applied<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let resolved_version = applied.resolved_version;
    Disposition::upsert(
        conn,
        &NewDisposition {
            comment_id: c.id,
            outcome: decision.outcome.as_str(),
            rationale: &decision.rationale,
            staff_id: applied.editor_id,
            decided_at: now,
            resolved_version,
            resolved_clause_key: decision.resolved_clause_key.as_deref(),
            group_id: applied.group_id,
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
            "editor_id": applied.editor_id,
        }),
        now,
    )?;
    let commenter = Commenter::find(conn, c.commenter_id)?;
    if !crate::mail::is_valid_address(&commenter.email) || c.status() != CommentStatus::Published {
        return Ok(());
    }
    let (next, version_keys) = (applied.next, applied.version_keys);
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
        base_url,
        standard,
        version,
        link_key,
        next_published.filter(|_| link_key.is_some()),
        key_in_version,
    );
    let on = super::clause_label(conn, version, c.clause_key.as_deref())?;
    // In the language the comment was sent in, not the editor's.
    let (subject, text) = crate::i18n::with(c.language(), || {
        let t = crate::i18n::t;
        let outcome = t(&format!(
            "mail-outcome-{}",
            decision.outcome.as_str().replace('_', "-")
        ));
        let heading = crate::i18n::current().t_with(
            "mail-decision-heading",
            &[
                ("title", &standard.title),
                ("tracking", &c.tracking_number),
                ("on", &on),
                ("version", &version.label),
            ],
        );
        let text = DispositionMail {
            name: &a.display_name,
            version,
            heading,
            outcome: outcome.clone(),
            rationale: &decision.rationale,
            resolved: match (&decision.resolved_clause_key, resolved_version) {
                (Some(k), Some(l)) => Some(crate::i18n::t2(
                    "mail-decision-resolved-in",
                    "version",
                    l,
                    "clause",
                    next.name(k),
                )),
                (Some(k), None) => Some(crate::i18n::t1(
                    "mail-decision-resolved-next",
                    "clause",
                    next.name(k),
                )),
                _ => None,
            },
            link_text: if next_published.is_some() && link_key.is_some() {
                t("mail-decision-link-changed")
            } else if key_in_version {
                t("mail-decision-link-clause")
            } else {
                t("mail-decision-link-version")
            },
            link,
            permalink: urls::absolute(base_url, &urls::comment(c.id)),
            report: urls::absolute(
                base_url,
                &urls::dispositions(&standard.slug, &version.label),
            ),
        }
        .render()
        .unwrap_or_else(|err| format!("(this message could not be written: {err})\n"));
        let subject = crate::i18n::t2(
            "mail-decision-subject",
            "tracking",
            c.tracking_number.as_str(),
            "outcome",
            outcome,
        );
        (subject, text)
    });
    crate::mail::enqueue_at(
        conn,
        &Message {
            to: commenter.email.clone(),
            subject,
            text,
            list_unsubscribe: None,
        },
        now,
    )
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

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
