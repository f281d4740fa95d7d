//! Threads as readers see them: comments in path order, nested as lists,
//! indentation capped at [`MAX_INDENT`] levels (deeper replies sit at the
//! last level and say whom they answer), hidden comments as tombstones.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::face::Face;
use super::sanitize::SafeHtml;
use crate::db::models::{Author, ClauseRow, Comment};
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
    /// "Election office: <name>" and its badge ("address confirmed on
    /// <domain>"), when the comment was confirmed from a listed domain.
    pub office: Option<(String, String)>,
    pub kind: String,
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
    /// The signed letter attached to it, if any; see `comments::letters`.
    pub letter: Option<super::letters::LetterLink>,
}

fn iso(t: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&t)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The redline a new comment stores: its proposed text against the clause
/// it is on (`None` without proposed text or without a clause). A pure
/// function of the two texts.
pub fn stored_redline(clause: Option<&ClauseRow>, proposed: Option<&str>) -> Option<String> {
    Some(proposed_redline(clause?, proposed?).as_str().to_string())
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
        let face = Face::of(c, a);
        let (author, organization, body, proposed) = match face {
            Face::Shown {
                author,
                body_html,
                proposed_text,
                ..
            } => (
                author.display_name.clone(),
                author.organization.clone(),
                SafeHtml::from_stored(body_html.to_string()),
                // Stored when the comment was; computed only for older rows.
                match (proposed_text, &c.proposed_html, clause) {
                    (Some(_), Some(h), _) => {
                        Some(SafeHtml::from_stored(crate::redline::html::marks_here(h)))
                    }
                    (Some(p), None, Some(cl)) => Some(SafeHtml::from_stored(
                        crate::redline::html::marks_here(proposed_redline(cl, p).as_str()),
                    )),
                    (Some(p), None, None) => Some(SafeHtml::text(p)),
                    (None, _, _) => None,
                },
            ),
            Face::Tombstone(_) => (String::new(), None, SafeHtml::default(), None),
        };
        let office = face.author().and_then(office_of);
        CommentView {
            id: c.id,
            tracking_number: c.tracking_number.clone(),
            author,
            organization,
            office,
            kind: c.kind().display(),
            created: crate::clock::local_time(c.created_at, tz),
            created_iso: iso(c.created_at),
            body,
            proposed,
            tombstone: face.tombstone().map(|t| t.text()),
            in_reply_to,
            clause_key: c.clause_key.clone(),
            flags: c.flags,
            live: face.shown(),
            disposition: None,
            letter: None,
        }
    }
}

/// The office a shown author speaks for and the badge saying how it was
/// recognised (never the address).
pub fn office_of(a: &Author) -> Option<(String, String)> {
    match (&a.office_name, &a.office_domain) {
        (Some(name), Some(domain)) => Some((name.clone(), super::offices::badge(domain))),
        _ => None,
    }
}

/// The name a reply shows for the comment it answers: its author's, unless
/// that comment is a tombstone now.
pub fn reply_to(parent: &Comment, author: &Author) -> ReplyTo {
    ReplyTo {
        id: parent.id,
        name: match Face::of(parent, author).author() {
            Some(a) => a.display_name.clone(),
            None => earlier(),
        },
    }
}

/// What a reply calls the comment it answers when no name can be shown.
fn earlier() -> String {
    crate::i18n::t("decisions-earlier-comment")
}

/// One comment of a nested thread with the replies under it.
#[derive(Debug, Clone)]
pub struct Branch<T> {
    pub item: T,
    pub replies: Vec<Branch<T>>,
}

/// Nest items given in path order (each parent before its replies) into
/// trees: an item goes under its parent when the parent came earlier in the
/// list, and starts a tree of its own otherwise. The pages' threads and the
/// API's both nest through this.
pub fn nest<T>(
    items: Vec<T>,
    id: impl Fn(&T) -> i32,
    parent: impl Fn(&T) -> Option<i32>,
) -> Vec<Branch<T>> {
    let index: HashMap<i32, usize> = items.iter().enumerate().map(|(i, t)| (id(t), i)).collect();
    let parents: Vec<Option<usize>> = items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            parent(t)
                .and_then(|p| index.get(&p).copied())
                .filter(|&j| j < i)
        })
        .collect();
    let mut slots: Vec<Option<Branch<T>>> = items
        .into_iter()
        .map(|item| {
            Some(Branch {
                item,
                replies: Vec::new(),
            })
        })
        .collect();
    // Last first, so each reply is moved under its parent before the parent moves.
    for i in (0..slots.len()).rev() {
        if let Some(j) = parents[i] {
            if let Some(node) = slots[i].take() {
                if let Some(p) = slots[j].as_mut() {
                    p.replies.insert(0, node);
                }
            }
        }
    }
    slots.into_iter().flatten().collect()
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
    /// A link to the replies not shown under it; see `comments::paging`.
    pub more: Option<More>,
}

/// "12 more replies" or "Continue this thread": a link to a comment's page.
#[derive(Debug, Clone)]
pub struct More {
    pub href: String,
    pub text: String,
    /// Read only by screen readers after `text`: " to comment T-…".
    pub label: String,
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
        let names: HashMap<i32, ReplyTo> =
            rows.iter().map(|(c, a)| (c.id, reply_to(c, a))).collect();
        let trees = nest(rows.iter().collect(), |(c, _)| c.id, |(c, _)| c.parent_id);
        let mut thread = Thread::default();
        let mut prev: Option<usize> = None;
        let mut stack: Vec<(&Branch<&(Comment, Author)>, usize)> =
            trees.iter().rev().map(|b| (b, 0)).collect();
        while let Some((branch, depth)) = stack.pop() {
            let (c, a) = branch.item;
            let level = depth.min(MAX_INDENT);
            let in_reply_to = c.parent_id.map(|id| ReplyTo {
                id,
                name: names.get(&id).map_or_else(earlier, |r| r.name.clone()),
            });
            let (open, close) = match prev {
                Some(p) if level > p => (true, 0),
                Some(p) => (false, p - level),
                None => (false, 0),
            };
            thread.nodes.push(Node {
                c: CommentView::new(c, a, tz, clause, in_reply_to),
                level,
                open,
                close,
                more: None,
            });
            prev = Some(level);
            stack.extend(branch.replies.iter().rev().map(|b| (b, depth + 1)));
        }
        thread.tail = prev.unwrap_or(0);
        thread
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
    pub fn outcome_text(&self) -> String {
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
                proposed_html: None,
                office_name: None,
                office_domain: None,
                lang: "en".into(),
            },
            Author {
                display_name: format!("P{id}"),
                organization: None,
                office_name: None,
                office_domain: None,
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
