//! What the ledger says every public record looks like now, and the check
//! that the database agrees: the second half of `docket verify`.
//!
//! Folding the chain in order gives, for each comment, the state its
//! entries record (status, hidden reason, digests of its text, the author
//! shown, the decision on it) and, for each published version, its title
//! and source digest. The database is then read a page at a time and
//! compared field by field; the first difference is reported, naming the
//! record. Old payload shapes are compared on what they hold: an entry
//! written before `body_html_sha256` was recorded has the body shown
//! recomputed from the Markdown with the same sanitizer.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::QueryResult;
use serde_json::Value;

use super::{kinds, rfc3339, Broken};
use crate::comments::sanitize::SafeHtml;
use crate::db::models::{Attachment, Comment, Disposition, LedgerRow, Standard, Version};
use crate::db::DbConn;
use crate::standard::sha256_hex;

/// A comment as its entries record it.
#[derive(Debug, Clone)]
struct CommentState {
    /// The last entry about it.
    seq: i32,
    tracking_number: String,
    /// The publication entry's payload, if it was published.
    facts: Option<Value>,
    status: String,
    hidden_reason: Option<String>,
    author: Value,
    organization: Value,
    /// The last decision entry's payload and its number.
    decision: Option<(i32, Value)>,
}

/// A published version as its entry records it.
#[derive(Debug, Clone)]
struct VersionState {
    seq: i32,
    facts: Value,
}

/// The state of every record, folded from the chain.
#[derive(Debug, Default)]
pub struct Expected {
    comments: HashMap<i32, CommentState>,
    /// By (standard slug, version label).
    versions: BTreeMap<(String, String), VersionState>,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn field(v: &Value, key: &str) -> Value {
    v.get(key).cloned().unwrap_or(Value::Null)
}

fn opt_digest(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::String(sha256_hex(s)))
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.to_string()))
}

impl Expected {
    /// Take one entry into account. Entries whose payload does not parse
    /// are left to the chain check, which reports them.
    pub fn apply(&mut self, row: &LedgerRow) {
        let Ok(p) = serde_json::from_str::<Value>(&row.payload) else {
            return;
        };
        if row.kind == kinds::VERSION_PUBLISHED {
            if let (Some(standard), Some(label)) = (text(&p, "standard"), text(&p, "version")) {
                self.versions.insert(
                    (standard, label),
                    VersionState {
                        seq: row.seq,
                        facts: p,
                    },
                );
            }
            return;
        }
        let Some(id) = row.comment_id else { return };
        let state = self.comments.entry(id).or_insert_with(|| CommentState {
            seq: row.seq,
            tracking_number: text(&p, "tracking_number").unwrap_or_default(),
            facts: None,
            status: String::new(),
            hidden_reason: None,
            author: Value::Null,
            organization: Value::Null,
            decision: None,
        });
        state.seq = row.seq;
        match row.kind.as_str() {
            kinds::PUBLISHED => {
                state.status = "published".to_string();
                state.hidden_reason = None;
                state.author = field(&p, "author");
                state.organization = field(&p, "organization");
                state.facts = Some(p);
            }
            kinds::HIDDEN => {
                state.status = "hidden".to_string();
                state.hidden_reason = text(&p, "reason");
            }
            kinds::SPAM => {
                state.status = "spam".to_string();
                state.hidden_reason = None;
            }
            kinds::REDACTED => {
                // The text shown from now on is the redacted one.
                if let Some(facts) = &mut state.facts {
                    facts["body_sha256"] = field(&p, "body_sha256");
                    facts["body_html_sha256"] = field(&p, "body_html_sha256");
                }
            }
            kinds::DISPOSITION => state.decision = Some((row.seq, p)),
            kinds::DISPOSITION_RESOLVED => {
                if let Some((seq, d)) = &mut state.decision {
                    *seq = row.seq;
                    d["resolved_version"] = field(&p, "resolved_version");
                }
            }
            // Approval follows its publication entry; dismissing flags
            // changes nothing the public sees. A kind added later that
            // changes a comment's status says so in a `status` field.
            _ => {
                if let Some(s) = text(&p, "status") {
                    state.status = s;
                    state.hidden_reason = text(&p, "hidden_reason");
                }
            }
        }
    }
}

fn differs(seq: i32, record: String, reason: String) -> Option<Broken> {
    Some(Broken {
        seq,
        reason,
        record: Some(record),
    })
}

/// Compare the database with `expected`; the first difference, if any.
pub fn compare(conn: &mut DbConn, expected: &Expected) -> QueryResult<Option<Broken>> {
    let standards: HashMap<i32, String> = Standard::all(conn)?
        .into_iter()
        .map(|s| (s.id, s.slug))
        .collect();
    let versions = Version::all(conn)?;
    let places: HashMap<i32, (String, String)> = versions
        .iter()
        .map(|v| {
            let slug = standards.get(&v.standard_id).cloned().unwrap_or_default();
            (v.id, (slug, v.label.clone()))
        })
        .collect();
    if let Some(b) = compare_comments(conn, expected, &places)? {
        return Ok(Some(b));
    }
    if let Some(b) = compare_letter_bytes(conn, expected)? {
        return Ok(Some(b));
    }
    if let Some(b) = compare_decisions(conn, expected)? {
        return Ok(Some(b));
    }
    compare_versions(conn, expected, &standards, &versions)
}

fn compare_comments(
    conn: &mut DbConn,
    expected: &Expected,
    places: &HashMap<i32, (String, String)>,
) -> QueryResult<Option<Broken>> {
    let mut seen: HashSet<i32> = HashSet::new();
    let mut after = 0;
    loop {
        let page = Comment::page_with_author(conn, after, 1000)?;
        let Some((last, _)) = page.last() else { break };
        after = last.id;
        let ids: Vec<i32> = page.iter().map(|(c, _)| c.id).collect();
        let letters: HashMap<i32, Attachment> = Attachment::of_comments(conn, &ids)?
            .into_iter()
            .map(|l| (l.comment_id, l))
            .collect();
        for (c, a) in &page {
            seen.insert(c.id);
            let record = format!("comment {} ({})", c.id, c.tracking_number);
            let Some(s) = expected.comments.get(&c.id) else {
                if c.is_public() {
                    return Ok(differs(
                        0,
                        record,
                        format!(
                            "it is shown in public (status “{}”) but no ledger entry records it",
                            c.status
                        ),
                    ));
                }
                continue;
            };
            if c.status != s.status {
                return Ok(differs(
                    s.seq,
                    record,
                    format!(
                        "its status is “{}” but the ledger records “{}” (entry {})",
                        c.status, s.status, s.seq
                    ),
                ));
            }
            if c.hidden_reason != s.hidden_reason {
                return Ok(differs(
                    s.seq,
                    record,
                    format!(
                        "the reason shown for hiding it differs from the ledger (entry {})",
                        s.seq
                    ),
                ));
            }
            // Taken down before it was ever published: nothing else of it
            // was public.
            let Some(facts) = &s.facts else { continue };
            if field(facts, "body_sha256") != Value::String(sha256_hex(&c.body_md))
                || field(facts, "proposed_text_sha256") != opt_digest(c.proposed_text.as_deref())
                || field(facts, "quoted_text_sha256") != opt_digest(c.quoted_text.as_deref())
            {
                return Ok(differs(
                    s.seq,
                    record,
                    "it no longer has the text its ledger entry records: the comment was altered"
                        .to_string(),
                ));
            }
            let html_ok = match facts.get("body_html_sha256").and_then(Value::as_str) {
                Some(d) => d == sha256_hex(&c.body_html),
                None => c.body_html == SafeHtml::from_markdown(&c.body_md).as_str(),
            };
            if !html_ok {
                return Ok(differs(
                    s.seq,
                    record,
                    "the body shown differs from the ledger (its HTML is not what its recorded text renders to)"
                        .to_string(),
                ));
            }
            let (standard, version) = places.get(&c.version_id).cloned().unwrap_or_default();
            let now: [(&str, Value); 10] = [
                ("tracking_number", Value::String(c.tracking_number.clone())),
                ("standard", Value::String(standard)),
                ("version", Value::String(version)),
                ("clause_key", opt_text(c.clause_key.as_deref())),
                ("parent_id", c.parent_id.map_or(Value::Null, Value::from)),
                ("kind", Value::String(c.kind.clone())),
                ("created_at", Value::String(rfc3339(c.created_at))),
                ("comment_id", Value::from(c.id)),
                ("office", opt_text(c.office_name.as_deref())),
                ("office_domain", opt_text(c.office_domain.as_deref())),
            ];
            if let Some((name, _)) = now.iter().find(|(k, v)| &field(facts, k) != v) {
                return Ok(differs(
                    s.seq,
                    record,
                    format!("its {name} differs from the ledger"),
                ));
            }
            let letter = letters.get(&c.id);
            let letter_now: [(&str, Value); 3] = [
                (
                    "letter_sha256",
                    letter.map_or(Value::Null, |l| Value::String(l.sha256.clone())),
                ),
                (
                    "letter_bytes",
                    letter.map_or(Value::Null, |l| Value::from(l.size_bytes)),
                ),
                (
                    "letter_name",
                    letter.map_or(Value::Null, |l| Value::String(l.file_name.clone())),
                ),
            ];
            if letter_now.iter().any(|(k, v)| &field(facts, k) != v) {
                let reason = match (letter, facts.get("letter_sha256")) {
                    (Some(_), None) => "it has a signed letter that its ledger entry does not record",
                    (None, Some(_)) => "the ledger records a signed letter with it, but the letter no longer exists",
                    _ => "its signed letter differs from the one its ledger entry records",
                };
                return Ok(differs(s.seq, record, reason.to_string()));
            }
            if c.status == "published"
                && (Value::String(a.display_name.clone()) != s.author
                    || opt_text(a.organization.as_deref()) != s.organization)
            {
                return Ok(differs(
                    s.seq,
                    record,
                    "the author shown (name or organisation) differs from the ledger".to_string(),
                ));
            }
        }
    }
    let mut gone: Vec<(&i32, &CommentState)> = expected
        .comments
        .iter()
        .filter(|(id, _)| !seen.contains(id))
        .collect();
    gone.sort_by_key(|(id, _)| **id);
    if let Some((id, s)) = gone.first() {
        return Ok(differs(
            s.seq,
            format!("comment {id} ({})", s.tracking_number),
            "the ledger records it, but it no longer exists".to_string(),
        ));
    }
    Ok(None)
}

/// How many letters are read at once (each up to 10 MB).
const LETTERS_AT_ONCE: i64 = 4;

/// Hash every stored letter again: its bytes must still have the digest
/// and size stored with it, which for a published comment the comparison
/// above has matched with the ledger.
fn compare_letter_bytes(conn: &mut DbConn, expected: &Expected) -> QueryResult<Option<Broken>> {
    let mut after = 0;
    loop {
        let page = Attachment::content_page(conn, after, LETTERS_AT_ONCE)?;
        let Some((last, _)) = page.last() else { break };
        after = last.id;
        for (l, bytes) in &page {
            if sha256_hex(bytes) == l.sha256 && bytes.len() == l.size_bytes as usize {
                continue;
            }
            let state = expected.comments.get(&l.comment_id);
            let record = match state {
                Some(s) => format!(
                    "the signed letter of comment {} ({})",
                    l.comment_id, s.tracking_number
                ),
                None => format!("the signed letter of comment {}", l.comment_id),
            };
            return Ok(differs(
                state.map_or(0, |s| s.seq),
                record,
                "its stored bytes no longer hash to the SHA-256 recorded for it: the letter was altered"
                    .to_string(),
            ));
        }
    }
    Ok(None)
}

fn compare_decisions(conn: &mut DbConn, expected: &Expected) -> QueryResult<Option<Broken>> {
    let mut seen: HashSet<i32> = HashSet::new();
    let mut after = 0;
    loop {
        let page = Disposition::page(conn, after, 1000)?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for d in &page {
            seen.insert(d.comment_id);
            let state = expected.comments.get(&d.comment_id);
            let record = match state {
                Some(s) => format!(
                    "the decision on comment {} ({})",
                    d.comment_id, s.tracking_number
                ),
                None => format!("the decision on comment {}", d.comment_id),
            };
            let Some((seq, p)) = state.and_then(|s| s.decision.as_ref()) else {
                return Ok(differs(
                    0,
                    record,
                    "it is published but no ledger entry records it".to_string(),
                ));
            };
            let mut now: Vec<(&str, Value)> = vec![
                ("outcome", Value::String(d.outcome.clone())),
                ("rationale_sha256", Value::String(sha256_hex(&d.rationale))),
                ("resolved_version", opt_text(d.resolved_version.as_deref())),
                (
                    "resolved_clause_key",
                    opt_text(d.resolved_clause_key.as_deref()),
                ),
            ];
            if p.get("editor_id").is_some() {
                now.push(("editor_id", Value::from(d.staff_id)));
            }
            if let Some((name, _)) = now.iter().find(|(k, v)| &field(p, k) != v) {
                let what = match *name {
                    "rationale_sha256" => "rationale",
                    "editor_id" => "editor",
                    other => other,
                };
                return Ok(differs(
                    *seq,
                    record,
                    format!("its {what} differs from the ledger (entry {seq})"),
                ));
            }
        }
    }
    let mut gone: Vec<(&i32, &CommentState)> = expected
        .comments
        .iter()
        .filter(|(id, s)| s.decision.is_some() && !seen.contains(id))
        .collect();
    gone.sort_by_key(|(id, _)| **id);
    if let Some((id, s)) = gone.first() {
        let seq = s.decision.as_ref().map_or(s.seq, |(q, _)| *q);
        return Ok(differs(
            seq,
            format!("the decision on comment {id} ({})", s.tracking_number),
            format!("the ledger records it (entry {seq}), but it no longer exists"),
        ));
    }
    Ok(None)
}

fn compare_versions(
    conn: &mut DbConn,
    expected: &Expected,
    standards: &HashMap<i32, String>,
    versions: &[Version],
) -> QueryResult<Option<Broken>> {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for v in versions {
        let slug = standards.get(&v.standard_id).cloned().unwrap_or_default();
        let key = (slug.clone(), v.label.clone());
        let record = format!("version {} of {slug}", v.label);
        let state = expected.versions.get(&key);
        seen.insert(key);
        let Some(s) = state else {
            if v.status().is_published() {
                return Ok(differs(
                    0,
                    record,
                    "it is published but no ledger entry records its publication".to_string(),
                ));
            }
            continue;
        };
        if !v.status().is_published() {
            return Ok(differs(
                s.seq,
                record,
                format!(
                    "the ledger records its publication (entry {}), but it is now a draft",
                    s.seq
                ),
            ));
        }
        if sha256_hex(Version::source(conn, v.id)?) != v.sha256 {
            return Ok(differs(
                s.seq,
                record,
                "its source no longer hashes to the SHA-256 shown: the source was altered"
                    .to_string(),
            ));
        }
        if field(&s.facts, "source_sha256") != Value::String(v.sha256.clone()) {
            return Ok(differs(
                s.seq,
                record,
                format!(
                    "the SHA-256 of its source differs from the ledger (entry {})",
                    s.seq
                ),
            ));
        }
        if field(&s.facts, "title") != Value::String(v.title.clone()) {
            return Ok(differs(
                s.seq,
                record,
                format!("its title differs from the ledger (entry {})", s.seq),
            ));
        }
    }
    if let Some(((slug, label), s)) = expected.versions.iter().find(|(k, _)| !seen.contains(*k)) {
        return Ok(differs(
            s.seq,
            format!("version {label} of {slug}"),
            format!(
                "the ledger records its publication (entry {}), but it no longer exists",
                s.seq
            ),
        ));
    }
    Ok(None)
}
