//! The moderation queue as plain data: comments waiting for a moderator
//! and published comments the public flagged, oldest first, each with its
//! open flags and where it stands.
//!
//! The policy a reader must know: a pending comment is not public, but the
//! queue shows its text anyway, for review. The queue costs a fixed number
//! of queries plus two per version that has comments in it, never one per
//! comment.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use diesel::{OptionalExtension, QueryResult};

use super::threads::CommentView;
use crate::db::models::{ClauseRow, Comment, CommentFlag, CommentStatus, Standard, Version};
use crate::db::DbConn;

/// One comment in the queue.
pub struct QueueItem {
    pub c: CommentView,
    pub status: String,
    pub pending: bool,
    /// The reasons of its open flags.
    pub flags: Vec<String>,
    /// "Ballot Handling, version 2, clause 1.2 (Heading)"
    pub place: String,
    pub place_href: String,
}

/// A version with comments in the queue, read once for all of them.
struct Place {
    standard: Standard,
    version: Version,
    clauses: Vec<ClauseRow>,
}

impl Place {
    fn load(conn: &mut DbConn, version_id: i32) -> QueryResult<Place> {
        let (standard, version) = Comment::place(conn, version_id)?;
        Ok(Place {
            clauses: ClauseRow::for_version(conn, version.id)?,
            standard,
            version,
        })
    }
}

/// Every comment waiting for a moderator, and every flagged one.
pub fn load(conn: &mut DbConn) -> QueryResult<Vec<QueueItem>> {
    let rows = Comment::queue(conn)?;
    let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let mut flags: HashMap<i32, Vec<String>> = HashMap::new();
    for f in CommentFlag::open_for(conn, &ids)? {
        let reason = if f.reason.trim().is_empty() {
            "(no reason given)".to_string()
        } else {
            f.reason
        };
        flags.entry(f.comment_id).or_default().push(reason);
    }
    let mut letters = super::letters::links_for_moderators(conn, &ids)?;
    let mut places: HashMap<i32, Place> = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for (c, a) in rows {
        let p = match places.entry(c.version_id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(Place::load(conn, c.version_id)?),
        };
        let key = c.clause_key.as_deref();
        let clause = key.and_then(|k| p.clauses.iter().find(|cl| cl.clause_key == k));
        let on = super::clause_label_of(key, clause);
        let mut view = CommentView::new(&c, &a, p.standard.tz(), clause, None);
        view.live = true;
        view.letter = letters.remove(&c.id);
        items.push(QueueItem {
            status: c.status.clone(),
            pending: c.status() == CommentStatus::Pending,
            flags: flags.remove(&c.id).unwrap_or_default(),
            place: format!("{}, version {}, {on}", p.standard.title, p.version.label),
            place_href: crate::urls::place(&p.standard.slug, &p.version.label, key),
            c: view,
        });
    }
    Ok(items)
}

/// "Comment 2-0003 published.", for the queue after an action, if the
/// comment and the action are known.
pub fn confirmation(conn: &mut DbConn, id: i32, action: &str) -> QueryResult<Option<String>> {
    if !matches!(action, "publish" | "hide" | "spam" | "dismiss" | "restore") {
        return Ok(None);
    }
    Ok(Comment::find(conn, id).optional()?.map(|c| {
        crate::i18n::t2(
            "staff-mod-queue-done",
            "tracking",
            &c.tracking_number,
            "action",
            action,
        )
    }))
}
