//! The discussions the pages show, read from the database as plain data: a
//! clause's discussion, a version's discussion and a comment's permalink
//! thread. Each is one page of threads (see [`super::paging`]) loaded with a
//! fixed number of queries, whatever the number of comments: threads by
//! keyset, replies by materialised path, counts by SQL aggregates,
//! decisions for a whole page at once.

use std::collections::HashMap;

use diesel::{OptionalExtension, QueryResult};

use super::carry::{self, Carried, CarryForward};
use super::paging::{self, Pager, Where, THREADS_PER_PAGE};
use super::threads::{reply_to, CommentView, Thread};
use crate::db::models::comment_paging::{Place, Slice};
use crate::db::models::{ClauseRow, Comment, LedgerRow, Standard, Version};
use crate::db::DbConn;
use crate::urls;

/// Decorate the shown comments of some threads with what is loaded for a
/// whole page at once: the editors' decisions and the signed letters.
fn attach_all(
    conn: &mut DbConn,
    standard: &Standard,
    threads: &mut [&mut Thread],
) -> QueryResult<()> {
    super::dispositions::notes::attach_all(conn, standard, threads)?;
    let ids: Vec<i32> = threads
        .iter()
        .flat_map(|t| t.nodes.iter())
        .filter(|n| n.c.live)
        .map(|n| n.c.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut letters = super::letters::links_for(conn, &ids)?;
    for n in threads.iter_mut().flat_map(|t| t.nodes.iter_mut()) {
        n.c.letter = letters.remove(&n.c.id);
    }
    Ok(())
}

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
    /// One page of threads, newest first.
    pub thread: Thread,
    pub pager: Pager,
    /// Public comments on the clause in this version, replies included.
    pub total: i64,
    /// Comments on this clause in earlier versions, with its fate since.
    pub carried: Vec<Carried>,
    pub open: bool,
    pub new_href: String,
    /// "Comment on 2.3", and the accessible name naming the clause.
    pub link_text: String,
    pub link_label: String,
}

impl ClauseDiscussion {
    pub fn count(&self) -> i64 {
        self.total
    }

    /// "1,234".
    pub fn count_text(&self) -> String {
        paging::thousands(self.total)
    }

    pub fn carried_count(&self) -> String {
        paging::thousands(self.carried.iter().map(|c| c.total).sum())
    }
}

/// Load the comments part of a clause page: one page of threads (`slice`
/// of them, see [`paging::slice`]) and the comments carried forward from
/// earlier versions.
pub fn clause_discussion(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clause: &ClauseRow,
    all_clauses: &[ClauseRow],
    slice: Slice,
) -> QueryResult<ClauseDiscussion> {
    let href = urls::clause(&standard.slug, &version.label, &clause.clause_key);
    let at = Where {
        place: Place::Top {
            version_id: version.id,
            clause_key: Some(&clause.clause_key),
        },
        href: href.clone(),
        fragment: "#comments",
        tz: standard.tz(),
        clause: Some(clause),
        head: None,
    };
    let total = Comment::count_public(conn, version.id, Some(&clause.clause_key))?;
    let page = paging::load(conn, &at, slice, THREADS_PER_PAGE)?;
    let earlier = earlier_versions(conn, standard, version)?;
    let mut carried = carry::load(
        conn,
        standard,
        &earlier,
        version,
        all_clauses,
        Some(&clause.clause_key),
    )?;
    let mut thread = page.thread;
    let mut threads: Vec<&mut Thread> = vec![&mut thread];
    threads.extend(carried.threads_mut());
    attach_all(conn, standard, &mut threads)?;
    Ok(ClauseDiscussion {
        thread,
        pager: page.pager,
        total,
        carried: carried.for_key(&clause.clause_key).to_vec(),
        open: version.is_open_now(),
        new_href: format!("{href}/comments/new"),
        link_text: format!("Comment on {}", short_label(clause)),
        link_label: format!("Comment on {}: {}", short_label(clause), clause.heading),
    })
}

/// The comments part of a version page.
pub struct VersionDiscussion {
    /// Published comments per clause key.
    pub counts: HashMap<String, i64>,
    pub carried: CarryForward,
    /// One page of the comments on the whole version, newest first.
    pub general: Thread,
    pub pager: Pager,
    pub open: bool,
    pub new_href: String,
    pub feed_href: String,
}

impl VersionDiscussion {
    pub fn count(&self, key: &str) -> i64 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    pub fn earlier(&self, key: &str) -> i64 {
        self.carried.count(key)
    }

    /// "3 comments", "1 comment", "No comments yet".
    pub fn count_text(&self, key: &str) -> String {
        plural(self.count(key), &crate::i18n::t("discussion-count-none"))
    }

    pub fn earlier_text(&self, key: &str) -> String {
        plural(self.earlier(key), "")
    }
}

fn plural(n: i64, none: &str) -> String {
    match n {
        0 => none.to_string(),
        n => crate::i18n::t2(
            "discussion-count",
            "count",
            n,
            "shown",
            paging::thousands(n),
        ),
    }
}

/// Load the comments part of a version page: counts per clause (GROUP BY
/// queries), one page of whole-version comments (`slice` of them), and
/// comments on earlier versions.
pub fn version_discussion(
    conn: &mut DbConn,
    standard: &Standard,
    version: &Version,
    clauses: &[ClauseRow],
    slice: Slice,
) -> QueryResult<VersionDiscussion> {
    let counts = Comment::published_counts(conn, version.id)?
        .into_iter()
        .filter_map(|(k, n)| k.map(|k| (k, n)))
        .collect();
    let at = Where {
        place: Place::Top {
            version_id: version.id,
            clause_key: None,
        },
        href: urls::version(&standard.slug, &version.label),
        fragment: "#comments",
        tz: standard.tz(),
        clause: None,
        head: None,
    };
    let page = paging::load(conn, &at, slice, THREADS_PER_PAGE)?;
    let earlier = earlier_versions(conn, standard, version)?;
    let mut carried = carry::load(conn, standard, &earlier, version, clauses, None)?;
    let mut general = page.thread;
    let mut threads: Vec<&mut Thread> = vec![&mut general];
    threads.extend(carried.threads_mut());
    attach_all(conn, standard, &mut threads)?;
    Ok(VersionDiscussion {
        counts,
        carried,
        general,
        pager: page.pager,
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
    /// The comment and one page of its replies, oldest first.
    pub thread: Thread,
    pub pager: Pager,
    /// Direct replies in all.
    pub replies: i64,
    pub open: bool,
}

/// Load a comment's page with `slice` of its direct replies, or `None` if
/// it is not public (never published, or on a draft).
pub fn permalink(conn: &mut DbConn, id: i32, slice: Slice) -> QueryResult<Option<Permalink>> {
    let head = Comment::with_author(conn, id)?;
    let (c, author) = &head;
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
    let tz = standard.tz();
    let at = Where {
        place: Place::Under(c.id),
        href: urls::comment(c.id),
        fragment: "#replies",
        tz,
        clause: clause.as_ref(),
        head: Some(&head),
    };
    let replies = Comment::count_threads(conn, at.place)?;
    let page = paging::load(conn, &at, slice, THREADS_PER_PAGE)?;
    let mut thread = page.thread;
    attach_all(conn, &standard, &mut [&mut thread])?;
    let in_reply_to = match c.parent_id {
        Some(pid) => {
            let (p, pa) = Comment::with_author(conn, pid)?;
            Some(reply_to(&p, &pa))
        }
        None => None,
    };
    let comment = CommentView::new(c, author, tz, clause.as_ref(), in_reply_to);
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
        pager: page.pager,
        replies,
        standard,
        version,
    }))
}
