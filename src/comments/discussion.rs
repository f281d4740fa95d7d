//! The discussions the pages show, read from the database as plain data: a
//! clause's discussion, a version's discussion and a comment's permalink
//! thread. Each is loaded with a fixed number of queries, whatever the
//! number of comments: threads by materialised path, decisions for a whole
//! page at once.

use std::collections::HashMap;

use diesel::{OptionalExtension, QueryResult};

use super::carry::{self, Carried, CarryForward};
use super::dispositions::notes::attach_all;
use super::threads::{reply_to, CommentView, Thread};
use crate::db::models::{ClauseRow, Comment, LedgerRow, Standard, Version};
use crate::db::DbConn;
use crate::urls;

/// "2.3" or "“Heading”": how a link names a clause briefly.
fn short_label(c: &ClauseRow) -> String {
    if c.number.is_empty() {
        format!("“{}”", c.heading)
    } else {
        c.number.clone()
    }
}

/// The published versions of a standard before `version`.
fn earlier_versions(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
) -> QueryResult<Vec<Version>> {
    Ok(Version::for_standard(conn, standard.id)?
        .into_iter()
        .filter(|v| v.status().is_published() && v.position < version.position)
        .collect())
}

/// The comments part of a clause page.
pub struct ClauseDiscussion {
    pub thread: Thread,
    /// Comments on this clause in earlier versions, with its fate since.
    pub carried: Vec<Carried>,
    pub open: bool,
    pub new_href: String,
    /// "Comment on 2.3", and the accessible name naming the clause.
    pub link_text: String,
    pub link_label: String,
}

impl ClauseDiscussion {
    pub fn count(&self) -> usize {
        self.thread.len()
    }

    pub fn carried_count(&self) -> usize {
        self.carried.iter().map(Carried::count).sum()
    }
}

/// Load the comments part of a clause page: the thread (one query) and the
/// comments carried forward from earlier versions.
pub fn clause_discussion(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clause: &ClauseRow,
    all_clauses: &[ClauseRow],
) -> QueryResult<ClauseDiscussion> {
    let rows = Comment::thread(conn, version.id, Some(&clause.clause_key))?;
    let earlier = earlier_versions(conn, standard, version)?;
    let carried = carry::load(
        conn,
        standard,
        &earlier,
        version,
        all_clauses,
        Some(&clause.clause_key),
    )?;
    let mut thread = Thread::build(&rows, standard.tz(), Some(clause));
    attach_all(conn, standard, &mut [&mut thread])?;
    Ok(ClauseDiscussion {
        thread,
        carried: carried.for_key(&clause.clause_key).to_vec(),
        open: version.is_open_now(),
        new_href: format!(
            "{}/comments/new",
            urls::clause(&standard.slug, &version.label, &clause.clause_key)
        ),
        link_text: format!("Comment on {}", short_label(clause)),
        link_label: format!("Comment on {}: {}", short_label(clause), clause.heading),
    })
}

/// The comments part of a version page.
pub struct VersionDiscussion {
    /// Published comments per clause key.
    pub counts: HashMap<String, i64>,
    pub carried: CarryForward,
    /// Comments on the whole version.
    pub general: Thread,
    pub open: bool,
    pub new_href: String,
    pub feed_href: String,
}

impl VersionDiscussion {
    pub fn count(&self, key: &str) -> i64 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    pub fn earlier(&self, key: &str) -> usize {
        self.carried.count(key)
    }

    /// "3 comments", "1 comment", "No comments yet".
    pub fn count_text(&self, key: &str) -> String {
        plural(self.count(key), "No comments yet")
    }

    pub fn earlier_text(&self, key: &str) -> String {
        plural(self.earlier(key) as i64, "")
    }
}

fn plural(n: i64, none: &str) -> String {
    match n {
        0 => none.to_string(),
        1 => "1 comment".to_string(),
        n => format!("{n} comments"),
    }
}

/// Load the comments part of a version page: counts per clause (one
/// query), whole-version comments, and comments on earlier versions.
pub fn version_discussion(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clauses: &[ClauseRow],
) -> QueryResult<VersionDiscussion> {
    let counts = Comment::published_counts(conn, version.id)?
        .into_iter()
        .filter_map(|(k, n)| k.map(|k| (k, n)))
        .collect();
    let rows = Comment::thread(conn, version.id, None)?;
    let earlier = earlier_versions(conn, standard, version)?;
    let carried = carry::load(conn, standard, &earlier, version, clauses, None)?;
    let mut general = Thread::build(&rows, standard.tz(), None);
    attach_all(conn, standard, &mut [&mut general])?;
    Ok(VersionDiscussion {
        counts,
        carried,
        general,
        open: version.is_open_now(),
        new_href: format!(
            "{}/comments/new",
            urls::version(&standard.slug, &version.label)
        ),
        feed_href: urls::comments_feed(&standard.slug, &version.label),
    })
}

/// Part of a cached page's fingerprint: changes whenever any comment is
/// published or moderated (each such change appends to the ledger).
pub fn comments_stamp(conn: &mut DbConn) -> QueryResult<String> {
    Ok(format!("ledger:{}", LedgerRow::head_seq(conn)?))
}

/// A comment's own page: the comment, what it answers, and its replies.
pub struct Permalink {
    pub standard: Standard,
    pub version: Version,
    /// What it is on: "clause 2.3 (Heading)" or "the whole version".
    pub target_label: String,
    /// The discussion it belongs to.
    pub back_href: String,
    pub comment: CommentView,
    /// The comment and every reply under it.
    pub thread: Thread,
    pub open: bool,
}

/// Load a comment's page, or `None` if it is not public (never published,
/// or on a draft).
pub fn permalink(conn: &mut DbConn, id: i32) -> QueryResult<Option<Permalink>> {
    let (c, author) = Comment::with_author(conn, id)?;
    if !c.is_public() {
        return Ok(None);
    }
    let (standard, version) = Comment::place(conn, c.version_id)?;
    if !version.status().is_published() {
        return Ok(None);
    }
    let clause = match &c.clause_key {
        Some(k) => ClauseRow::by_key(conn, version.id, k).optional()?,
        None => None,
    };
    let rows = Comment::subtree(conn, &c)?;
    let tz = standard.tz();
    let mut thread = Thread::build(&rows, tz, clause.as_ref());
    attach_all(conn, &standard, &mut [&mut thread])?;
    let in_reply_to = match c.parent_id {
        Some(pid) => {
            let (p, pa) = Comment::with_author(conn, pid)?;
            Some(reply_to(&p, &pa))
        }
        None => None,
    };
    let comment = CommentView::new(&c, &author, tz, clause.as_ref(), in_reply_to);
    let target_label = super::clause_label(conn, &version, c.clause_key.as_deref())?;
    let back_href = format!(
        "{}#comments",
        urls::place(&standard.slug, &version.label, c.clause_key.as_deref())
    );
    Ok(Some(Permalink {
        open: version.is_open_now(),
        target_label,
        back_href,
        comment,
        thread,
        standard,
        version,
    }))
}
