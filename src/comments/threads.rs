//! Threads as readers see them: comments in path order, nested as lists,
//! indentation capped at [`MAX_INDENT`] levels (deeper replies sit at the
//! last level and say whom they answer), hidden comments as tombstones.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::sanitize::SafeHtml;
use crate::db::models::{Author, ClauseRow, Comment, CommentStatus};
use crate::redline;

/// Deepest indentation shown.
pub const MAX_INDENT: usize = 4;

/// The comment a reply answers.
#[derive(Debug, Clone)]
pub struct ReplyTo {
    pub id: i32,
    pub name: String,
}

/// One comment as a page shows it. Never carries an email address.
#[derive(Debug, Clone)]
pub struct CommentView {
    pub id: i32,
    pub tracking_number: String,
    pub author: String,
    pub organization: Option<String>,
    pub kind: &'static str,
    /// In the standard's time zone.
    pub created: String,
    /// RFC 3339, UTC, for `<time datetime>`.
    pub created_iso: String,
    /// The reason shown instead of a hidden or removed comment.
    pub tombstone: Option<String>,
    pub body: SafeHtml,
    /// The proposed text, marked up as changes to the clause.
    pub proposed: Option<SafeHtml>,
    /// The comment replied to: its id and its author's name.
    pub in_reply_to: Option<ReplyTo>,
    pub clause_key: Option<String>,
    pub flags: i32,
    /// Published (not a tombstone): can be replied to and flagged.
    pub live: bool,
    /// The editors' decision on it, once recorded; see `comments::dispositions`.
    pub disposition: Option<DispositionNote>,
}

fn iso(t: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&t)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Proposed replacement text as a word redline against the clause's body.
pub fn proposed_redline(clause: &ClauseRow, proposed: &str) -> SafeHtml {
    let old = redline::blocks::join(&redline::blocks::body_blocks(&clause.body_md));
    let new = redline::blocks::join(&redline::blocks::body_blocks(proposed));
    let deadline = Instant::now() + Duration::from_millis(200);
    let spans = redline::words::diff_words(&old, &new, deadline);
    let mut html = String::new();
    for s in &spans {
        html.push_str(&redline::html::mark(s.op, &s.text));
    }
    SafeHtml::clean(&html)
}

impl CommentView {
    pub fn new(
        c: &Comment,
        a: &Author,
        tz: Tz,
        clause: Option<&ClauseRow>,
        in_reply_to: Option<ReplyTo>,
    ) -> CommentView {
        let status = c.status();
        let tombstone = match status {
            CommentStatus::Hidden => Some(format!(
                "This comment was hidden by a moderator. Reason: {}",
                c.hidden_reason.as_deref().unwrap_or("none given")
            )),
            CommentStatus::Spam => Some("This comment was removed as spam.".to_string()),
            _ => None,
        };
        let live = tombstone.is_none();
        CommentView {
            id: c.id,
            tracking_number: c.tracking_number.clone(),
            author: if live {
                a.display_name.clone()
            } else {
                String::new()
            },
            organization: if live { a.organization.clone() } else { None },
            kind: c.kind().display(),
            created: crate::clock::local_time(c.created_at, tz),
            created_iso: iso(c.created_at),
            body: if live {
                SafeHtml::from_stored(c.body_html.clone())
            } else {
                SafeHtml::default()
            },
            proposed: match (live, clause, c.proposed_text.as_deref()) {
                (true, Some(cl), Some(p)) => Some(proposed_redline(cl, p)),
                (true, None, Some(p)) => Some(SafeHtml::text(p)),
                _ => None,
            },
            tombstone,
            in_reply_to,
            clause_key: c.clause_key.clone(),
            flags: c.flags,
            live,
            disposition: None,
        }
    }
}

/// One item of a nested thread, with the list markup around it.
#[derive(Debug, Clone)]
pub struct Node {
    pub c: CommentView,
    /// Indentation level, 0 to [`MAX_INDENT`].
    pub level: usize,
    /// Open a nested list before this item.
    pub open: bool,
    /// Lists to close (after closing the previous item) before this item.
    pub close: usize,
}

/// A thread ready for `templates/comments/thread.html`.
#[derive(Debug, Clone, Default)]
pub struct Thread {
    pub nodes: Vec<Node>,
    /// Lists to close after the last item.
    pub tail: usize,
}

impl Thread {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Build from rows in path order (as `Comment::thread` returns them).
    /// `clause` is the clause commented on, for redlines of proposed text.
    pub fn build(rows: &[(Comment, Author)], tz: Tz, clause: Option<&ClauseRow>) -> Thread {
        let names: HashMap<i32, (&str, bool)> = rows
            .iter()
            .map(|(c, a)| {
                (
                    c.id,
                    (
                        a.display_name.as_str(),
                        c.is_public() && c.status() == CommentStatus::Published,
                    ),
                )
            })
            .collect();
        let base = rows.iter().map(|(c, _)| c.depth).min().unwrap_or(0);
        let mut nodes: Vec<Node> = Vec::with_capacity(rows.len());
        let mut prev: Option<usize> = None;
        for (c, a) in rows {
            let want = usize::try_from(c.depth - base).unwrap_or(0).min(MAX_INDENT);
            // A step down is at most one level, whatever is missing above.
            let level = match prev {
                Some(p) => want.min(p + 1),
                None => 0,
            };
            let in_reply_to = c.parent_id.map(|id| ReplyTo {
                id,
                name: match names.get(&id) {
                    Some((n, true)) => n.to_string(),
                    _ => "an earlier comment".to_string(),
                },
            });
            let (open, close) = match prev {
                Some(p) if level > p => (true, 0),
                Some(p) => (false, p - level),
                None => (false, 0),
            };
            nodes.push(Node {
                c: CommentView::new(c, a, tz, clause, in_reply_to),
                level,
                open,
                close,
            });
            prev = Some(level);
        }
        Thread {
            tail: prev.unwrap_or(0),
            nodes,
        }
    }
}

/// A decision as a public page shows it under its comment.
#[derive(Debug, Clone)]
pub struct DispositionNote {
    pub outcome: crate::db::models::Outcome,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i32, depth: i32, parent: Option<i32>) -> (Comment, Author) {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        (
            Comment {
                id,
                version_id: 1,
                clause_key: None,
                parent_id: parent,
                path: String::new(),
                depth,
                kind: "general".into(),
                body_md: String::new(),
                body_html: String::new(),
                proposed_text: None,
                quoted_text: None,
                commenter_id: 1,
                status: "published".into(),
                hidden_reason: None,
                tracking_number: format!("T-{id}"),
                created_at: t,
                published_at: Some(t),
                flags: 0,
                author_name: format!("P{id}"),
                author_organization: None,
            },
            Author {
                display_name: format!("P{id}"),
                organization: None,
            },
        )
    }

    #[test]
    fn nesting_is_balanced_and_capped() {
        let rows = vec![
            row(1, 0, None),
            row(2, 1, Some(1)),
            row(3, 2, Some(2)),
            row(4, 3, Some(3)),
            row(5, 4, Some(4)),
            row(6, 5, Some(5)),
            row(7, 0, None),
        ];
        let t = Thread::build(&rows, chrono_tz::UTC, None);
        let levels: Vec<usize> = t.nodes.iter().map(|n| n.level).collect();
        assert_eq!(levels, [0, 1, 2, 3, 4, 4, 0]);
        let opens: usize = t.nodes.iter().filter(|n| n.open).count();
        let closes: usize = t.nodes.iter().map(|n| n.close).sum::<usize>() + t.tail;
        assert_eq!(opens, closes);
        assert_eq!(t.nodes[6].close, 4);
        assert_eq!(
            t.nodes[5].c.in_reply_to.as_ref().map(|r| r.name.as_str()),
            Some("P5")
        );
    }
}
