//! The bulk download of a version's public comments, for open data: CSV
//! or NDJSON (one JSON object a line), read a chunk at a time in
//! publication order ([`super::published`]'s cursor), so the server holds
//! one chunk however many comments there are. Each comment is read
//! through its public face: a tombstone gives its status and reason, never
//! its author or text; no email address is ever written.

use std::collections::HashMap;

use diesel::QueryResult;
use serde::Serialize;

use super::dispositions::report::csv_cell;
use super::face::Face;
use super::ledger::rfc3339;
use super::published::{public_page, with_notes, PublicComment};
use crate::db::models::{ClauseRow, Standard, Version};
use crate::db::DbConn;

/// Comments read per chunk.
pub const CHUNK: i64 = 1000;

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ndjson,
}

impl Format {
    /// From the file extension, `csv` or `ndjson`.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "csv" => Some(Format::Csv),
            "ndjson" => Some(Format::Ndjson),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ndjson => "application/x-ndjson",
        }
    }
}

/// The columns of the CSV, in order; the NDJSON objects have the same keys.
pub const COLUMNS: [&str; 22] = [
    "tracking_number",
    "comment_id",
    "clause_key",
    "clause_number",
    "parent_id",
    "kind",
    "status",
    "hidden_reason",
    "author",
    "organization",
    "created_at",
    "published_at",
    "body_markdown",
    "proposed_text",
    "outcome",
    "rationale",
    "resolved_in",
    "published_seq",
    "election_office",
    "office_badge",
    "letter_url",
    "letter_sha256",
];

/// One comment as downloaded. Field order is [`COLUMNS`].
#[derive(Debug, Serialize)]
pub struct Row {
    pub tracking_number: String,
    pub comment_id: i32,
    pub clause_key: Option<String>,
    pub clause_number: Option<String>,
    pub parent_id: Option<i32>,
    pub kind: Option<String>,
    /// `published`, or `hidden` / `spam` for a tombstone.
    pub status: String,
    pub hidden_reason: Option<String>,
    pub author: Option<String>,
    pub organization: Option<String>,
    pub created_at: String,
    pub published_at: Option<String>,
    pub body_markdown: Option<String>,
    pub proposed_text: Option<String>,
    pub outcome: Option<&'static str>,
    pub rationale: Option<String>,
    pub resolved_in: Option<String>,
    /// The election office the comment is from, fixed when it was confirmed.
    pub election_office: Option<String>,
    /// "address confirmed on <domain>"; never the address.
    pub office_badge: Option<String>,
    /// The signed letter's address on this site (a path), if it has one.
    pub letter_url: Option<String>,
    pub letter_sha256: Option<String>,
}

impl Row {
    fn new(p: &PublicComment, numbers: &HashMap<String, String>) -> Row {
        let c = &p.comment;
        let shown = match p.face() {
            Face::Shown {
                author,
                body_md,
                proposed_text,
                ..
            } => Some((author, body_md, proposed_text)),
            Face::Tombstone(_) => None,
        };
        let office = shown.and_then(|s| super::threads::office_of(s.0));
        Row {
            tracking_number: c.tracking_number.clone(),
            comment_id: c.id,
            clause_key: c.clause_key.clone(),
            clause_number: c.clause_key.as_ref().and_then(|k| numbers.get(k).cloned()),
            parent_id: c.parent_id,
            kind: shown.is_some().then(|| c.kind.clone()),
            status: c.status.clone(),
            hidden_reason: c.hidden_reason.clone(),
            author: shown.map(|s| s.0.display_name.clone()),
            organization: shown.and_then(|s| s.0.organization.clone()),
            created_at: rfc3339(c.created_at),
            published_at: c.published_at.map(rfc3339),
            body_markdown: shown.map(|s| s.1.to_string()),
            proposed_text: shown.and_then(|s| s.2.map(str::to_string)),
            outcome: p.disposition.as_ref().map(|n| n.outcome.as_str()),
            rationale: p.disposition.as_ref().map(|n| n.rationale.clone()),
            resolved_in: p.disposition.as_ref().and_then(|n| n.resolved_text.clone()),
            election_office: office.as_ref().map(|o| o.0.clone()),
            office_badge: office.map(|o| o.1),
            letter_url: shown.and(p.letter.as_ref()).map(|l| l.href.clone()),
            letter_sha256: shown.and(p.letter.as_ref()).map(|l| l.sha256.clone()),
        }
    }

    fn write_csv(&self, seq: &str, out: &mut String) {
        let id = self.comment_id.to_string();
        let parent = self.parent_id.map(|p| p.to_string());
        let cells: [Option<&str>; 22] = [
            Some(&self.tracking_number),
            Some(&id),
            self.clause_key.as_deref(),
            self.clause_number.as_deref(),
            parent.as_deref(),
            self.kind.as_deref(),
            Some(&self.status),
            self.hidden_reason.as_deref(),
            self.author.as_deref(),
            self.organization.as_deref(),
            Some(&self.created_at),
            self.published_at.as_deref(),
            self.body_markdown.as_deref(),
            self.proposed_text.as_deref(),
            self.outcome,
            self.rationale.as_deref(),
            self.resolved_in.as_deref(),
            Some(seq),
            self.election_office.as_deref(),
            self.office_badge.as_deref(),
            self.letter_url.as_deref(),
            self.letter_sha256.as_deref(),
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&csv_cell(cell.unwrap_or("")));
        }
        out.push_str("\r\n");
    }
}

/// A download in progress: what every chunk needs, read once.
pub struct Export {
    pub standard: Standard,
    pub version: Version,
    pub format: Format,
    /// Clause numbers by key.
    numbers: HashMap<String, String>,
}

/// One chunk of a download, and the cursor of the next (none: the end).
pub struct Chunk {
    pub bytes: Vec<u8>,
    pub next: Option<i32>,
}

impl Export {
    /// Start the download of a published version's comments; not found
    /// for a draft or an unknown version.
    pub fn open(conn: &mut DbConn, slug: &str, label: &str, format: Format) -> QueryResult<Export> {
        let (standard, version) = Version::published_in(conn, slug, label)?;
        let numbers = ClauseRow::for_version(conn, version.id)?
            .into_iter()
            .map(|c| (c.clause_key, c.number))
            .collect();
        Ok(Export {
            standard,
            version,
            format,
            numbers,
        })
    }

    /// The file name offered to save it under.
    pub fn file_name(&self) -> String {
        format!(
            "{}-{}-comments.{}",
            self.standard.slug,
            self.version.label,
            self.format.extension()
        )
    }

    /// The chunk after cursor `after` (0: the first, which starts with the
    /// CSV's header line): at most [`CHUNK`] comments, a fixed number of
    /// queries.
    pub fn chunk(&self, conn: &mut DbConn, after: i32) -> QueryResult<Chunk> {
        let (rows, next) = public_page(conn, self.version.id, after, CHUNK, false)?;
        let (seqs, rows): (Vec<i32>, Vec<_>) =
            rows.into_iter().map(|(seq, c, a)| (seq, (c, a))).unzip();
        let comments = with_notes(conn, &self.standard, rows)?;
        let mut out = String::with_capacity(comments.len() * 512);
        if after == 0 && self.format == Format::Csv {
            out.push_str(&COLUMNS.join(","));
            out.push_str("\r\n");
        }
        for (p, seq) in comments.iter().zip(seqs) {
            let row = Row::new(p, &self.numbers);
            match self.format {
                Format::Csv => row.write_csv(&seq.to_string(), &mut out),
                Format::Ndjson => {
                    let mut v = serde_json::to_value(&row).unwrap_or_default();
                    v["published_seq"] = seq.into();
                    out.push_str(&v.to_string());
                    out.push('\n');
                }
            }
        }
        Ok(Chunk {
            bytes: out.into_bytes(),
            next,
        })
    }
}
