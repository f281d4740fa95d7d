//! Discussions a page at a time. A page holds at most
//! [`THREADS_PER_PAGE`] threads (newest first on a clause or version, oldest
//! first under a comment) read by keyset, and under each thread at most
//! [`REPLIES_SHOWN`] replies, at most [`DEPTH_SHOWN`] levels deep. The rest
//! is behind plain links: older and newer pages (`?before=` / `?after=`
//! cursors), "N more replies" and "Continue this thread" to a comment's own
//! page. A page costs a fixed number of queries whatever the number of
//! comments, and its size does not grow with them.

use std::collections::HashMap;

use chrono_tz::Tz;
use diesel::QueryResult;

use super::threads::{More, Thread};
use crate::db::models::comment_paging::{Cursor, Place, Slice};
use crate::db::models::{Author, ClauseRow, Comment};
use crate::db::DbConn;
use crate::urls;

/// Threads per page.
pub const THREADS_PER_PAGE: i64 = 50;
/// Replies shown under one thread; the rest are on the comment's own page.
pub const REPLIES_SHOWN: i64 = 10;
/// Levels of replies shown under a thread; deeper ones continue on the
/// page of the last comment shown.
pub const DEPTH_SHOWN: i32 = 4;

/// A cursor as it appears in an address: publication time in nanoseconds
/// since 1970, an underscore, and the comment's id.
pub fn cursor_text(c: &Comment) -> String {
    let at = c.published_at.unwrap_or(c.created_at);
    let nanos = at.and_utc().timestamp_nanos_opt().unwrap_or(0);
    format!("{nanos}_{}", c.id)
}

fn parse_cursor(s: &str) -> Option<Cursor> {
    let (nanos, id) = s.split_once('_')?;
    let nanos: i64 = nanos.parse().ok()?;
    let id: i32 = id.parse().ok()?;
    let at = chrono::DateTime::from_timestamp_nanos(nanos).naive_utc();
    Some(Cursor { at, id })
}

/// The slice a page's `before` / `after` parameters ask for. `before` reads
/// comments published earlier than the cursor, `after` later ones; on a
/// clause or version (newest first) earlier is further on, under a comment
/// (oldest first) it is further back.
pub fn slice(
    before: Option<&str>,
    after: Option<&str>,
    newest_first: bool,
) -> Result<Slice, String> {
    let parse = |name: &str, s: &str| {
        parse_cursor(s).ok_or_else(|| {
            format!("The `{name}` parameter is not a page position this site made; follow the page links instead.")
        })
    };
    match (before, after) {
        (None, None) => Ok(Slice::First),
        (Some(b), None) => {
            let c = parse("before", b)?;
            Ok(if newest_first {
                Slice::Next(c)
            } else {
                Slice::Prev(c)
            })
        }
        (None, Some(a)) => {
            let c = parse("after", a)?;
            Ok(if newest_first {
                Slice::Prev(c)
            } else {
                Slice::Next(c)
            })
        }
        (Some(_), Some(_)) => Err("Give `before` or `after`, not both.".to_string()),
    }
}

/// Links between the pages of one list.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    /// Further on in the list (`rel="next"`).
    pub next_href: Option<String>,
    pub next_text: &'static str,
    /// Back towards the start (`rel="prev"`).
    pub prev_href: Option<String>,
    pub prev_text: &'static str,
    /// The first page, when this is not it.
    pub first_href: Option<String>,
    pub first_text: &'static str,
}

impl Pager {
    pub fn is_empty(&self) -> bool {
        self.next_href.is_none() && self.prev_href.is_none() && self.first_href.is_none()
    }
}

/// One page of threads.
#[derive(Debug, Clone, Default)]
pub struct Paged {
    pub thread: Thread,
    /// Threads on this page.
    pub shown: usize,
    pub pager: Pager,
}

/// "1,234".
pub fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Where a page of `place` lives and how its pieces read.
pub struct Where<'a> {
    pub place: Place<'a>,
    /// The page's address without query or fragment.
    pub href: String,
    /// Appended to page links: "#comments".
    pub fragment: &'static str,
    pub tz: Tz,
    /// The clause commented on, for redlines of proposed text.
    pub clause: Option<&'a ClauseRow>,
    /// Shown before the threads, and what they answer (a permalink's comment).
    pub head: Option<&'a (Comment, Author)>,
}

/// Load one page of threads of `at.place`, with the first replies under
/// each and links to the rest. Decisions are not attached here: callers
/// attach those of every thread on a page at once.
pub fn load(conn: &mut DbConn, at: &Where<'_>, slice: Slice, limit: i64) -> QueryResult<Paged> {
    let newest_first = matches!(at.place, Place::Top { .. });
    let mut roots = Comment::threads_page(conn, at.place, slice, limit)?;
    let more = roots.len() as i64 > limit;
    if more {
        match slice {
            Slice::Prev(_) => {
                roots.remove(0);
            }
            _ => roots.truncate(limit as usize),
        }
    }
    let link =
        |param: &str, c: &Comment| format!("{}?{param}={}{}", at.href, cursor_text(c), at.fragment);
    let (next_param, prev_param) = if newest_first {
        ("before", "after")
    } else {
        ("after", "before")
    };
    let (has_next, has_prev) = match slice {
        Slice::First => (more, false),
        Slice::Next(_) => (more, true),
        Slice::Prev(_) => (true, more),
    };
    let mut pager = Pager {
        next_text: if newest_first {
            "Older comments"
        } else {
            "Later replies"
        },
        prev_text: if newest_first {
            "Newer comments"
        } else {
            "Earlier replies"
        },
        first_text: if newest_first {
            "Newest comments"
        } else {
            "First replies"
        },
        ..Pager::default()
    };
    if let (Some((last, _)), Some((first, _))) = (roots.last(), roots.first()) {
        pager.next_href = has_next.then(|| link(next_param, last));
        pager.prev_href = has_prev.then(|| link(prev_param, first));
    }
    if slice != Slice::First {
        pager.first_href = Some(format!("{}{}", at.href, at.fragment));
    }
    let root_refs: Vec<&Comment> = roots.iter().map(|(c, _)| c).collect();
    let replies = Comment::first_replies(conn, &root_refs, REPLIES_SHOWN, DEPTH_SHOWN)?;
    let counts = Comment::reply_counts(conn, &root_refs)?;
    let deepest: Vec<i32> = replies
        .iter()
        .filter(|(c, _)| root_refs.iter().any(|r| c.depth == r.depth + DEPTH_SHOWN))
        .map(|(c, _)| c.id)
        .collect();
    let continued = Comment::with_replies(conn, &deepest)?;
    // Each root followed by its replies, in thread order.
    let mut by_root: HashMap<&str, Vec<&(Comment, Author)>> = HashMap::new();
    for r in &replies {
        if let Some(root) = root_refs.iter().find(|p| r.0.path.starts_with(&p.path)) {
            by_root.entry(root.path.as_str()).or_default().push(r);
        }
    }
    let mut rows: Vec<(Comment, Author)> = Vec::new();
    rows.extend(at.head.cloned());
    let mut shown: HashMap<i32, usize> = HashMap::new();
    for root in &roots {
        rows.push(root.clone());
        let mine = by_root.remove(root.0.path.as_str()).unwrap_or_default();
        shown.insert(root.0.id, mine.len());
        rows.extend(mine.into_iter().cloned());
    }
    let mut thread = Thread::build(&rows, at.tz, at.clause);
    for node in &mut thread.nodes {
        let id = node.c.id;
        if let Some(&n) = shown.get(&id) {
            let hidden = counts.get(&id).copied().unwrap_or(0) - n as i64;
            if hidden > 0 {
                node.more = Some(More {
                    href: urls::comment(id),
                    text: if hidden == 1 {
                        "1 more reply".to_string()
                    } else {
                        format!("{} more replies", thousands(hidden))
                    },
                    label: format!(" to comment {}", node.c.tracking_number),
                });
            }
        } else if continued.contains(&id) {
            node.more = Some(More {
                href: urls::comment(id),
                text: "Continue this thread".to_string(),
                label: format!(" below comment {}", node.c.tracking_number),
            });
        }
    }
    Ok(Paged {
        thread,
        shown: roots.len(),
        pager,
    })
}
