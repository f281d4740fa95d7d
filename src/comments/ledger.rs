//! The integrity ledger: an append-only hash chain.
//!
//! Every publication of a comment and every moderation action is appended,
//! in the same transaction as the change it records. Entry `n` stores the
//! canonical JSON of what happened (`payload`), the hash of entry `n - 1`
//! (`prev_hash`; 64 zeros for the first) and its own hash:
//!
//! ```text
//! hash = hex(SHA-256("docket-ledger-v1\n" + seq + "\n" + kind + "\n" + prev_hash + "\n" + payload))
//! ```
//!
//! Canonical JSON is compact, with object keys sorted by byte order. The
//! payload holds SHA-256 digests of a comment's text rather than the text,
//! so a comment hidden for a good reason is not kept public by the ledger,
//! yet anyone holding the text can check it. Anyone can download
//! `/ledger.json` and recompute every hash; `docket verify` does so.

use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::QueryResult;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::db::models::{Comment, LedgerRow};
use crate::db::DbConn;
use crate::standard::sha256_hex;

/// `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Domain separation for the hash input.
const PREFIX: &str = "docket-ledger-v1";

/// What an entry records.
pub mod kinds {
    pub const PUBLISHED: &str = "comment.published";
    /// A moderator published a held comment (recorded after its publication).
    pub const APPROVED: &str = "comment.approved";
    pub const HIDDEN: &str = "comment.hidden";
    pub const SPAM: &str = "comment.spam";
    pub const FLAGS_DISMISSED: &str = "comment.flags_dismissed";
    /// An editor recorded (or revised) the disposition of a comment.
    pub const DISPOSITION: &str = "comment.disposition";
}

/// Compact JSON with object keys sorted, recursively.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The hash of an entry.
pub fn entry_hash(seq: i32, kind: &str, prev_hash: &str, payload: &str) -> String {
    let mut h = Sha256::new();
    h.update(format!("{PREFIX}\n{seq}\n{kind}\n{prev_hash}\n").as_bytes());
    h.update(payload.as_bytes());
    hex::encode(h.finalize())
}

pub fn rfc3339(t: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&t)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What a publication entry says about a comment: where it is, who wrote
/// it (public name only) and digests of its text.
pub fn comment_facts(
    c: &Comment,
    standard_slug: &str,
    version_label: &str,
    author: &str,
    organization: Option<&str>,
) -> Value {
    serde_json::json!({
        "comment_id": c.id,
        "tracking_number": c.tracking_number,
        "standard": standard_slug,
        "version": version_label,
        "clause_key": c.clause_key,
        "parent_id": c.parent_id,
        "kind": c.kind,
        "author": author,
        "organization": organization,
        "body_sha256": sha256_hex(&c.body_md),
        "proposed_text_sha256": c.proposed_text.as_deref().map(sha256_hex),
        "created_at": rfc3339(c.created_at),
    })
}

/// Append an entry. Call inside the write transaction of the change it
/// records. The chain's tail is locked first, so two app servers cannot
/// append the same `seq` (SQLite: the transaction already holds the write
/// lock; PostgreSQL: a transaction-scoped advisory lock).
pub fn append(
    conn: &mut DbConn,
    kind: &str,
    comment_id: Option<i32>,
    mut payload: Value,
    now: NaiveDateTime,
) -> QueryResult<LedgerRow> {
    if let DbConn::Pg(_) = conn {
        use diesel::RunQueryDsl;
        // 0x646f636b = "dock": the ledger's lock number.
        diesel::sql_query("SELECT pg_advisory_xact_lock(1685021547)").execute(conn)?;
    }
    if let Value::Object(map) = &mut payload {
        map.insert("at".to_string(), Value::String(rfc3339(now)));
    }
    let payload = canonical_json(&payload);
    let (seq, prev_hash) = match LedgerRow::head(conn)? {
        Some(head) => (head.seq + 1, head.hash),
        None => (1, GENESIS.to_string()),
    };
    let row = LedgerRow {
        seq,
        kind: kind.to_string(),
        comment_id,
        hash: entry_hash(seq, kind, &prev_hash, &payload),
        payload,
        prev_hash,
        created_at: now,
    };
    LedgerRow::insert(conn, &row)?;
    Ok(row)
}

/// One entry as published in `/ledger.json` and read back by `docket verify --file`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub seq: i32,
    pub kind: String,
    /// The canonical JSON exactly as hashed.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

impl From<LedgerRow> for Entry {
    fn from(r: LedgerRow) -> Entry {
        Entry {
            seq: r.seq,
            kind: r.kind,
            payload: r.payload,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// The first entry that does not check out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub seq: i32,
    pub reason: String,
}

/// What checking a chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Entries that checked out before the first broken one (all, if none).
    pub checked: usize,
    pub head: Option<String>,
    pub broken: Option<Broken>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.broken.is_none()
    }
}

/// Check a chain: numbering, links and hashes, in order.
pub struct Checker {
    expect_seq: i32,
    prev: String,
    checked: usize,
}

impl Default for Checker {
    fn default() -> Self {
        Checker {
            expect_seq: 1,
            prev: GENESIS.to_string(),
            checked: 0,
        }
    }
}

impl Checker {
    /// Check the next entry; `Err` describes the first problem.
    pub fn check(&mut self, e: &Entry) -> Result<(), Broken> {
        let broken = |reason: String| Broken { seq: e.seq, reason };
        if e.seq != self.expect_seq {
            return Err(broken(format!(
                "expected entry {} here, found entry {}: an entry is missing or out of order",
                self.expect_seq, e.seq
            )));
        }
        if e.prev_hash != self.prev {
            return Err(broken(format!(
                "prev_hash {} does not match the hash of the entry before ({})",
                e.prev_hash, self.prev
            )));
        }
        match serde_json::from_str::<Value>(&e.payload) {
            Ok(v) if canonical_json(&v) == e.payload => {}
            Ok(_) => return Err(broken("payload is not in canonical form".to_string())),
            Err(err) => return Err(broken(format!("payload is not JSON: {err}"))),
        }
        let computed = entry_hash(e.seq, &e.kind, &e.prev_hash, &e.payload);
        if computed != e.hash {
            return Err(broken(format!(
                "stored hash {} but the content hashes to {computed}: the entry was altered",
                e.hash
            )));
        }
        self.expect_seq += 1;
        self.prev = e.hash.clone();
        self.checked += 1;
        Ok(())
    }

    fn report(&self, broken: Option<Broken>) -> Report {
        Report {
            checked: self.checked,
            head: (self.checked > 0).then(|| self.prev.clone()),
            broken,
        }
    }
}

/// Check a list of entries, such as a downloaded `/ledger.json`.
pub fn verify_entries(entries: &[Entry]) -> Report {
    let mut checker = Checker::default();
    for e in entries {
        if let Err(b) = checker.check(e) {
            return checker.report(Some(b));
        }
    }
    checker.report(None)
}

/// Check the database's ledger, a page at a time, then check that every
/// published comment still has the text its publication entry recorded.
pub fn verify_db(conn: &mut DbConn) -> QueryResult<Report> {
    let mut checker = Checker::default();
    let mut after = 0;
    let mut published: Vec<(i32, i32, Value)> = Vec::new();
    loop {
        let page = LedgerRow::page(conn, after, 1000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for row in page {
            if row.kind == kinds::PUBLISHED {
                if let (Some(id), Ok(v)) = (row.comment_id, serde_json::from_str(&row.payload)) {
                    published.push((row.seq, id, v));
                }
            }
            if let Err(b) = checker.check(&Entry::from(row)) {
                return Ok(checker.report(Some(b)));
            }
        }
    }
    for (seq, id, facts) in published {
        let Some(c) = diesel::OptionalExtension::optional(Comment::find(conn, id))? else {
            return Ok(checker.report(Some(Broken {
                seq,
                reason: format!("comment {id} that this entry published no longer exists"),
            })));
        };
        let expect = |k: &str| facts.get(k).cloned().unwrap_or(Value::Null);
        let body = Value::String(sha256_hex(&c.body_md));
        let proposed = c
            .proposed_text
            .as_deref()
            .map_or(Value::Null, |p| Value::String(sha256_hex(p)));
        if expect("body_sha256") != body
            || expect("proposed_text_sha256") != proposed
            || expect("tracking_number") != Value::String(c.tracking_number.clone())
        {
            return Ok(checker.report(Some(Broken {
                seq,
                reason: format!(
                    "comment {id} ({}) no longer has the text this entry published: the comment was altered",
                    c.tracking_number
                ),
            })));
        }
    }
    Ok(checker.report(None))
}

/// `docket verify`: check the database's ledger (or, with `file`, a
/// downloaded `/ledger.json`), print what was found, and fail on a break.
pub fn verify_command(
    database_url: &str,
    file: Option<&std::path::Path>,
) -> anyhow::Result<std::process::ExitCode> {
    use anyhow::Context;
    let (source, report) = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            #[derive(Deserialize)]
            struct Download {
                entries: Vec<Entry>,
            }
            let doc: Download = serde_json::from_str(&text).with_context(|| {
                format!(
                    "{} is not a ledger download (a JSON object with an `entries` list)",
                    path.display()
                )
            })?;
            (path.display().to_string(), verify_entries(&doc.entries))
        }
        None => {
            let pool = crate::db::connect(database_url, 1)?;
            let mut conn = pool.get().context("cannot get a database connection")?;
            let report = verify_db(&mut conn).context("cannot read the ledger")?;
            (
                format!("the {} database", crate::db::redact(database_url)),
                report,
            )
        }
    };
    match &report.broken {
        None => {
            println!(
                "Ledger OK: {} entries in {source} check out{}.",
                report.checked,
                report
                    .head
                    .as_deref()
                    .map(|h| format!("; head {h}"))
                    .unwrap_or_default()
            );
            Ok(std::process::ExitCode::SUCCESS)
        }
        Some(b) => {
            println!(
                "Ledger BROKEN at entry {}: {}. {} entries before it check out.",
                b.seq, b.reason, report.checked
            );
            Ok(std::process::ExitCode::FAILURE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_is_compact() {
        let v = serde_json::json!({"b": 1, "a": {"d": [1, "x"], "c": null}});
        assert_eq!(canonical_json(&v), r#"{"a":{"c":null,"d":[1,"x"]},"b":1}"#);
    }

    #[test]
    fn a_changed_entry_is_found() {
        let p1 = canonical_json(&serde_json::json!({"n": 1}));
        let h1 = entry_hash(1, "k", GENESIS, &p1);
        let p2 = canonical_json(&serde_json::json!({"n": 2}));
        let h2 = entry_hash(2, "k", &h1, &p2);
        let mut entries = vec![
            Entry {
                seq: 1,
                kind: "k".into(),
                payload: p1,
                prev_hash: GENESIS.into(),
                hash: h1.clone(),
            },
            Entry {
                seq: 2,
                kind: "k".into(),
                payload: p2,
                prev_hash: h1,
                hash: h2,
            },
        ];
        assert!(verify_entries(&entries).ok());
        entries[0].payload = r#"{"n":3}"#.into();
        let r = verify_entries(&entries);
        assert_eq!(r.broken.map(|b| b.seq), Some(1));
        assert_eq!(r.checked, 0);
    }
}
