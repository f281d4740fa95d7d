//! The integrity ledger: an append-only hash chain.
//!
//! Every publication of a comment or of a version, every moderation action,
//! every decision and every change to the name shown with a comment is
//! appended, in the same transaction as the change it records. Entry `n` stores the
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
//! `/ledger.json` and recompute every hash; `docket verify` does so, then
//! compares every public record with what its entries say
//! ([`coverage`]), and checks the chain against heads published where
//! copies outlive the database: the footer of every mail, and the signed
//! daily [`checkpoint`]s.
//!
//! A comment's signed letter (see [`super::letters`]) is recorded the
//! same way, by the SHA-256 of its bytes (`letter_sha256`), with its size
//! and file name; `docket verify` hashes the stored bytes again.
//!
//! Entries keep their bytes forever, so payload shapes only grow: a new
//! field is added for new entries, and the checks read old shapes as they
//! were written. Staff are named in new entries by an opaque id, never by
//! their sign-in name (older entries keep the names they were written with).

use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::QueryResult;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub mod checkpoint;
pub mod coverage;

use crate::db::models::{Comment, LedgerRow, Version};
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
    /// A hidden comment (or one marked as spam) shown again; the payload's
    /// `status` says what it is now.
    pub const RESTORED: &str = "comment.restored";
    /// A passage of a published comment replaced by a notice; the payload
    /// has the digests of the text before and after.
    pub const REDACTED: &str = "comment.redacted";
    pub const FLAGS_DISMISSED: &str = "comment.flags_dismissed";
    /// An editor recorded (or revised) the disposition of a comment.
    pub const DISPOSITION: &str = "comment.disposition";
    /// Publishing the version named in a decision's resolving clause
    /// filled in the decision's resolving version.
    pub const DISPOSITION_RESOLVED: &str = "comment.disposition_resolved";
    /// A version of a standard was published (or, with `"backfill": true`,
    /// had been published before the ledger recorded versions).
    pub const VERSION_PUBLISHED: &str = "version.published";
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
    let mut facts = serde_json::json!({
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
        "body_html_sha256": sha256_hex(&c.body_html),
        "proposed_text_sha256": c.proposed_text.as_deref().map(sha256_hex),
        "quoted_text_sha256": c.quoted_text.as_deref().map(sha256_hex),
        "created_at": rfc3339(c.created_at),
    });
    // Added with election offices: only an entry for a comment shown from
    // one has these keys, so every older entry keeps its bytes and shape.
    if let (Some(office), Some(domain)) = (&c.office_name, &c.office_domain) {
        facts["office"] = Value::String(office.clone());
        facts["office_domain"] = Value::String(domain.clone());
    }
    facts
}

/// Add a comment's signed letter to its publication facts: the digest of
/// its bytes, their number and the file name it is served under. Only an
/// entry for a comment with a letter has these keys, so older entries keep
/// their shape.
pub fn add_letter(facts: &mut Value, letter: &crate::db::models::Attachment) {
    facts["letter_sha256"] = Value::String(letter.sha256.clone());
    facts["letter_bytes"] = Value::from(letter.size_bytes);
    facts["letter_name"] = Value::String(letter.file_name.clone());
}

/// What a version publication entry says: which version, its title and
/// the SHA-256 of its source (the digest shown on its page).
pub fn version_facts(standard_slug: &str, v: &Version) -> Value {
    serde_json::json!({
        "standard": standard_slug,
        "version": v.label,
        "title": v.title,
        "status": v.status,
        "source_sha256": v.sha256,
    })
}

/// Append the publication of version `v`. Call in the transaction that
/// publishes it (import, or publishing a draft).
pub fn record_version(conn: &mut DbConn, v: &Version, now: NaiveDateTime) -> QueryResult<()> {
    let standard = crate::db::models::Standard::by_id(conn, v.standard_id)?;
    append(
        conn,
        kinds::VERSION_PUBLISHED,
        None,
        version_facts(&standard.slug, v),
        now,
    )?;
    Ok(())
}

/// Record the versions that were published before the ledger recorded
/// versions (listed by the migration that began it), once each, marked
/// as a backfill. Returns a line per version recorded, for the log.
pub fn record_unrecorded_versions(
    conn: &mut DbConn,
    now: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    use crate::db::models::Standard;
    crate::db::write_tx(conn, |conn| {
        let ids = LedgerRow::backfill_list(conn)?;
        let mut lines = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(v) = diesel::OptionalExtension::optional(Version::by_id(conn, id))? else {
                continue;
            };
            if !v.status().is_published() {
                continue;
            }
            let standard = Standard::by_id(conn, v.standard_id)?;
            let mut facts = version_facts(&standard.slug, &v);
            facts["backfill"] = Value::Bool(true);
            let row = append(conn, kinds::VERSION_PUBLISHED, None, facts, now)?;
            lines.push(format!(
                "ledger: recorded version {} of {} (published before the ledger recorded versions) as entry {}",
                v.label, standard.slug, row.seq
            ));
        }
        LedgerRow::clear_backfill_list(conn)?;
        Ok(lines)
    })
}

/// Append an entry. Call inside the write transaction of the change it
/// records. The chain's tail is locked first, so two app servers cannot
/// append the same `seq` (SQLite: the transaction already holds the write
/// lock; PostgreSQL: a transaction-scoped advisory lock). Either lock is
/// held until the transaction ends, so entries commit in `seq` order: a
/// reader never sees entry `n + 1` without entry `n`, which is what lets
/// the API page through comments by the seq of their publication
/// (`comments.published_seq`).
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
        crate::db::prepared("SELECT pg_advisory_xact_lock(1685021547)").execute(conn)?;
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

/// The first entry that does not check out, or the first record that
/// differs from what the ledger says about it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The broken entry; for a record, the last entry about it (0 when
    /// no entry covers it at all).
    pub seq: i32,
    pub reason: String,
    /// For a record that differs (the chain itself checks out): what it
    /// is, e.g. `comment 12 (BH2-0003-K7QM)` or `version 2 of ballots`.
    pub record: Option<String>,
}

impl Broken {
    fn entry(seq: i32, reason: String) -> Broken {
        Broken {
            seq,
            reason,
            record: None,
        }
    }
}

/// A head of the chain published elsewhere (`SEQ:HASH`), to check the
/// chain against: it must hold entry `seq` with exactly that hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub seq: i32,
    pub hash: String,
    /// Where it comes from, for the message: "--head", "the checkpoint of 2026-12-01".
    pub source: String,
}

impl Pin {
    /// Parse `SEQ:HASH`.
    pub fn parse(s: &str, source: &str) -> Result<Pin, String> {
        let (seq, hash) = s.trim().split_once(':').ok_or_else(|| {
            format!("`{s}` is not SEQ:HASH (e.g. 42:3f1c…, from a mail footer or /ledger.json)")
        })?;
        let seq: i32 = seq
            .trim()
            .parse()
            .map_err(|_| format!("`{seq}` is not an entry number"))?;
        let hash = hash.trim().to_ascii_lowercase();
        if seq < 1 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "`{s}` is not SEQ:HASH with an entry number from 1 and a 64-digit hex hash"
            ));
        }
        Ok(Pin {
            seq,
            hash,
            source: source.to_string(),
        })
    }
}

/// What checking a chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Entries that checked out before the first broken one (all, if none).
    pub checked: usize,
    pub head: Option<String>,
    pub broken: Option<Broken>,
    /// Published heads (`--head`, checkpoints) that were checked.
    pub pins_checked: usize,
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
    pins: Vec<Pin>,
}

impl Default for Checker {
    fn default() -> Self {
        Checker {
            expect_seq: 1,
            prev: GENESIS.to_string(),
            checked: 0,
            pins: Vec::new(),
        }
    }
}

impl Checker {
    /// Also check that the chain holds these published heads.
    pub fn with_pins(pins: Vec<Pin>) -> Checker {
        Checker {
            pins,
            ..Checker::default()
        }
    }

    /// After the last entry: a pinned head past the end means entries were
    /// cut off the end of the chain.
    pub fn finish(&self) -> Result<(), Broken> {
        let last = self.expect_seq - 1;
        match self.pins.iter().filter(|p| p.seq > last).min_by_key(|p| p.seq) {
            Some(p) => Err(Broken::entry(
                p.seq,
                format!(
                    "{} records entry {} (hash {}), but the ledger ends at entry {last}: entries were cut off the end",
                    p.source, p.seq, p.hash
                ),
            )),
            None => Ok(()),
        }
    }

    /// Check the next entry; `Err` describes the first problem.
    pub fn check(&mut self, e: &Entry) -> Result<(), Broken> {
        let broken = |reason: String| Broken::entry(e.seq, reason);
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
        if let Some(p) = self
            .pins
            .iter()
            .find(|p| p.seq == e.seq && p.hash != e.hash)
        {
            return Err(broken(format!(
                "{} records hash {} for entry {}, but the ledger's entry {} has hash {}: the chain was rewritten from here or before",
                p.source, p.hash, p.seq, e.seq, e.hash
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
            pins_checked: self.pins.len(),
        }
    }
}

/// Check a list of entries, such as a downloaded `/ledger.json`.
pub fn verify_entries(entries: &[Entry]) -> Report {
    verify_entries_with(entries, Vec::new())
}

/// [`verify_entries`], also checking published heads.
pub fn verify_entries_with(entries: &[Entry], pins: Vec<Pin>) -> Report {
    let mut checker = Checker::with_pins(pins);
    for e in entries {
        if let Err(b) = checker.check(e) {
            return checker.report(Some(b));
        }
    }
    let end = checker.finish().err();
    checker.report(end)
}

/// What `docket verify` checks besides the chain itself.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Heads published elsewhere (`--head SEQ:HASH`, from a mail footer,
    /// a saved `/ledger.json` or a checkpoint).
    pub heads: Vec<Pin>,
    /// The site's checkpoint key (hex, as served at `/ledger/key`). Without
    /// it each checkpoint is checked against the key stored beside it,
    /// which proves less: whoever rewrites the database can re-sign.
    pub public_key: Option<String>,
}

/// Check the database's ledger with no published head to compare.
pub fn verify_db(conn: &mut DbConn) -> QueryResult<Report> {
    verify_db_with(conn, &VerifyOptions::default())
}

/// Check the database's ledger, a page at a time: the chain, the heads
/// given and the signed checkpoints stored, then that every public
/// comment, decision and published version is what its entries record.
pub fn verify_db_with(conn: &mut DbConn, opts: &VerifyOptions) -> QueryResult<Report> {
    let mut pins = opts.heads.clone();
    for cp in crate::db::models::CheckpointRow::all(conn)? {
        if let Err(reason) = checkpoint::check_signature(&cp, opts.public_key.as_deref()) {
            return Ok(Report {
                checked: 0,
                head: None,
                broken: Some(Broken {
                    seq: cp.seq,
                    reason,
                    record: Some(format!("the checkpoint of {}", cp.day)),
                }),
                pins_checked: 0,
            });
        }
        pins.push(Pin {
            seq: cp.seq,
            hash: cp.hash.clone(),
            source: format!("the signed checkpoint of {}", cp.day),
        });
    }
    let mut checker = Checker::with_pins(pins);
    let mut expected = coverage::Expected::default();
    let mut after = 0;
    loop {
        let page = LedgerRow::page(conn, after, 1000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for row in page {
            expected.apply(&row);
            if let Err(b) = checker.check(&Entry::from(row)) {
                return Ok(checker.report(Some(b)));
            }
        }
    }
    if let Err(b) = checker.finish() {
        return Ok(checker.report(Some(b)));
    }
    let differs = coverage::compare(conn, &expected)?;
    Ok(checker.report(differs))
}

/// `docket verify`: check the database's ledger (or, with `file`, a
/// downloaded `/ledger.json`), print what was found, and fail on a break.
pub fn verify_command(
    database_url: &str,
    file: Option<&std::path::Path>,
    heads: &[String],
    public_key: Option<&str>,
) -> anyhow::Result<std::process::ExitCode> {
    use anyhow::Context;
    let heads = heads
        .iter()
        .map(|h| Pin::parse(h, &format!("the head {h} given with --head")))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("--head: {e}"))?;
    if let Some(k) = public_key {
        checkpoint::parse_public_key(k).map_err(|e| anyhow::anyhow!("--public-key: {e}"))?;
    }
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
            (
                path.display().to_string(),
                verify_entries_with(&doc.entries, heads),
            )
        }
        None => {
            let pool = crate::db::connect(database_url, 1)?;
            let mut conn = pool.get().context("cannot get a database connection")?;
            let opts = VerifyOptions {
                heads,
                public_key: public_key.map(str::to_string),
            };
            let report = verify_db_with(&mut conn, &opts).context("cannot read the ledger")?;
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
                    .map(|h| format!("; head {}:{h}", report.checked))
                    .unwrap_or_default()
            );
            if file.is_none() {
                println!(
                    "Every public comment, decision and published version matches its entries."
                );
            }
            if report.pins_checked > 0 {
                println!(
                    "{} published head(s) (--head, signed checkpoints) are in the chain.",
                    report.pins_checked
                );
            }
            Ok(std::process::ExitCode::SUCCESS)
        }
        Some(b) => {
            match &b.record {
                Some(record) => {
                    println!("Ledger check FAILED: {record}: {}.", b.reason);
                    if report.checked > 0 {
                        println!(
                            "The chain itself checks out ({} entries); the database no longer matches it.",
                            report.checked
                        );
                    }
                }
                None => println!(
                    "Ledger BROKEN at entry {}: {}. {} entries before it check out.",
                    b.seq, b.reason, report.checked
                ),
            }
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
