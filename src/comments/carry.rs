//! Comments carried forward: on a newer version, comments made on earlier
//! versions of a clause are listed with what became of the clause since
//! (unchanged, revised, moved or removed). They are never re-attached: each
//! stays on the version it was made on and is shown as such.
//!
//! A clause's fate follows the redline's rules: clauses are matched by key,
//! "revised" means its text (heading words and body, not its number)
//! changed, "moved" that its order relative to the other clauses changed.

use std::collections::HashMap;

use chrono_tz::Tz;
use diesel::QueryResult;

use super::paging::{self, Where};
use super::threads::Thread;
use crate::db::models::comment_paging::{Place, Slice};
use crate::db::models::{ClauseRow, Comment, Standard, Version};
use crate::db::DbConn;
use crate::redline::{align, blocks};
use crate::urls;

/// What became of a clause between the version a comment was made on and
/// the version being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Unchanged,
    /// Its text changed (it may also have moved).
    Revised {
        moved: bool,
    },
    /// Same text, different place in the order of clauses.
    Moved,
    Removed,
}

impl Fate {
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Unchanged => "unchanged",
            Fate::Revised { .. } => "revised",
            Fate::Moved => "moved",
            Fate::Removed => "removed",
        }
    }
}

/// The fate of every clause of `old` in `new`, by key.
pub fn fates(old: &[ClauseRow], new: &[ClauseRow]) -> HashMap<String, Fate> {
    let old_keys: Vec<&str> = old.iter().map(|c| c.clause_key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|c| c.clause_key.as_str()).collect();
    let mut out = HashMap::new();
    for a in align::align(&old_keys, &new_keys) {
        match a.pair {
            align::Pair::Old(i) => {
                out.insert(old[i].clause_key.clone(), Fate::Removed);
            }
            align::Pair::Both(i, j) => {
                let same = blocks::clause_text(&old[i].to_clause())
                    == blocks::clause_text(&new[j].to_clause());
                let fate = match (same, a.moved) {
                    (true, false) => Fate::Unchanged,
                    (true, true) => Fate::Moved,
                    (false, moved) => Fate::Revised { moved },
                };
                out.insert(old[i].clause_key.clone(), fate);
            }
            align::Pair::New(_) => {}
        }
    }
    out
}

/// The comments on one clause of one earlier version.
#[derive(Debug, Clone)]
pub struct Carried {
    pub from_label: String,
    pub key: String,
    /// The clause's number and heading in the earlier version.
    pub old_number: String,
    pub old_heading: String,
    /// Its number now, if it is still there.
    pub new_number: Option<String>,
    pub fate: Fate,
    /// "Unchanged in version 2", "Revised in version 2 (and moved)"…
    pub fate_text: String,
    /// The clause's redline between the two versions, when it was revised.
    pub compare_href: Option<String>,
    /// Public comments on it, replies included (an SQL count).
    pub total: i64,
    /// The newest [`CARRIED_THREADS`] threads with their first replies;
    /// empty where only the count is shown (a version page).
    pub thread: Thread,
    /// The whole discussion, on the earlier version's clause page, when
    /// `thread` does not show it all.
    pub more_href: Option<String>,
}

/// Threads of one earlier version shown on a later version's page.
pub const CARRIED_THREADS: i64 = 10;

impl Carried {
    pub fn count(&self) -> i64 {
        self.total
    }

    pub fn count_text(&self) -> String {
        super::paging::thousands(self.total)
    }

    /// The clause's number now, if it changed.
    pub fn now_numbered(&self) -> Option<&str> {
        self.new_number
            .as_deref()
            .filter(|n| !n.is_empty() && *n != self.old_number)
    }

    /// "clause 2.3" or the heading, as it was in the earlier version.
    pub fn old_label(&self) -> String {
        if self.old_number.is_empty() {
            format!("“{}”", self.old_heading)
        } else {
            format!("clause {}", self.old_number)
        }
    }
}

/// Every earlier version's public clause comments, seen from `current`.
#[derive(Debug, Clone, Default)]
pub struct CarryForward {
    /// By clause key of the current version; oldest version first.
    pub by_key: HashMap<String, Vec<Carried>>,
    /// Comments on clauses the current version no longer has.
    pub removed: Vec<Carried>,
}

impl CarryForward {
    pub fn for_key(&self, key: &str) -> &[Carried] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// How many earlier comments a clause has.
    pub fn count(&self, key: &str) -> i64 {
        self.for_key(key).iter().map(Carried::count).sum()
    }

    /// Every thread shown, for attaching decisions to all at once.
    pub fn threads_mut(&mut self) -> Vec<&mut Thread> {
        self.by_key
            .values_mut()
            .flatten()
            .chain(self.removed.iter_mut())
            .map(|c| &mut c.thread)
            .collect()
    }
}

/// Load what earlier published versions' clause comments look like from
/// `current`: counts per version and clause (one GROUP BY query), each
/// earlier version's clauses, and a bounded preview of the threads where a
/// page shows them (on a clause page, `only_key`'s; on a version page,
/// those of removed clauses). Decisions are attached by the caller.
pub fn load(
    conn: &mut DbConn,
    standard: &Standard,
    earlier: &[Version],
    current: &Version,
    current_clauses: &[ClauseRow],
    only_key: Option<&str>,
) -> QueryResult<CarryForward> {
    let tz: Tz = standard.tz();
    let ids: Vec<i32> = earlier.iter().map(|v| v.id).collect();
    let counts = Comment::clause_counts_for_versions(conn, &ids, only_key)?;
    let mut all: Vec<Carried> = Vec::new();
    for v in earlier {
        let mine: Vec<(String, i64)> = counts
            .iter()
            .filter(|(vid, _, _)| *vid == v.id)
            .filter_map(|(_, k, n)| k.clone().map(|k| (k, *n)))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let old_clauses = ClauseRow::for_version(conn, v.id)?;
        let fates = fates(&old_clauses, current_clauses);
        for (key, total) in mine {
            let old = old_clauses.iter().find(|c| c.clause_key == key);
            let now = current_clauses.iter().find(|c| c.clause_key == key);
            let fate = fates.get(&key).copied().unwrap_or(Fate::Removed);
            let fate_key = match fate {
                Fate::Unchanged => "carry-fate-unchanged",
                Fate::Moved => "carry-fate-moved",
                Fate::Revised { moved: false } => "carry-fate-revised",
                Fate::Revised { moved: true } => "carry-fate-revised-moved",
                Fate::Removed => "carry-fate-removed",
            };
            let fate_text = crate::i18n::t1(fate_key, "version", current.label.as_str());
            let compare_href = matches!(fate, Fate::Revised { .. })
                .then(|| urls::compare_clause(&standard.slug, &v.label, &current.label, &key));
            let href = urls::clause(&standard.slug, &v.label, &key);
            let (thread, more_href) = if only_key.is_some() || fate == Fate::Removed {
                let at = Where {
                    place: Place::Top {
                        version_id: v.id,
                        clause_key: Some(&key),
                    },
                    href: href.clone(),
                    fragment: "#comments",
                    tz,
                    clause: old,
                    head: None,
                };
                let page = paging::load(conn, &at, Slice::First, CARRIED_THREADS)?;
                let partial = page.pager.next_href.is_some()
                    || page.thread.nodes.iter().any(|n| n.more.is_some());
                (page.thread, partial.then(|| format!("{href}#comments")))
            } else {
                (Thread::default(), Some(format!("{href}#comments")))
            };
            all.push(Carried {
                from_label: v.label.clone(),
                old_number: old.map(|c| c.number.clone()).unwrap_or_default(),
                old_heading: old
                    .map(|c| c.heading.clone())
                    .unwrap_or_else(|| key.clone()),
                new_number: now.map(|c| c.number.clone()),
                fate,
                fate_text,
                compare_href,
                total,
                thread,
                more_href,
                key,
            });
        }
    }
    let mut out = CarryForward::default();
    for carried in all {
        if carried.fate == Fate::Removed {
            out.removed.push(carried);
        } else {
            out.by_key
                .entry(carried.key.clone())
                .or_default()
                .push(carried);
        }
    }
    Ok(out)
}
