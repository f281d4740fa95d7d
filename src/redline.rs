//! The redline: what changed between two versions of a standard, clause by
//! clause and word by word.
//!
//! [`compare`] aligns the clauses of two versions by key ([`align`]), then
//! diffs the words of each clause present in both ([`words`]). The result, a
//! [`Redline`], is written out as JSON ([`json`], the contract of
//! `docket diff --format json` and the API), HTML views ([`html`]) or plain
//! text for terminals ([`text`]).
//!
//! # The text of a clause
//!
//! Everything is compared on one precisely defined string per clause, its
//! *text* ([`ClauseDiff::old_text`], [`ClauseDiff::new_text`]):
//!
//! - the clause's heading words (not its number: a renumbered clause is
//!   flagged `renumbered`, not `modified`), then
//! - the plain text of each block of its rendered body, in document order:
//!   paragraphs, list items, table cells, headings inside quotes or lists,
//!   code blocks (see [`blocks`]);
//! - joined by a blank line, `"\n\n"`.
//!
//! Inside a block every run of white space becomes one space and the ends
//! are trimmed, so re-wrapping a paragraph is not a change; code blocks are
//! kept verbatim. Formatting that a reader does not read as words
//! (emphasis, a link's target, a heading's level) is not part of the text.
//!
//! # The one policy: lossless
//!
//! For every clause, the `equal` and `delete` spans of [`ClauseDiff::changes`]
//! concatenate to exactly the old text, and the `equal` and `insert` spans to
//! exactly the new text. An added clause is one `insert` of its text, a
//! removed one one `delete`, an unchanged one one `equal`.
//!
//! # Bounded time
//!
//! Word diffs run with a deadline ([`Limits`]). A clause whose diff does not
//! finish in time, or that is too different to diff word by word, is shown
//! as replaced: all its old blocks deleted, then all its new blocks inserted.
//! No input can make a comparison run away.

pub mod align;
pub mod blocks;
pub mod html;
pub mod json;
pub mod merge;
pub mod text;
pub mod tokens;
pub mod words;

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::standard::Clause;

pub use blocks::{Block, BlockKind, Frame, FrameKind};

/// How a clause fared between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Modified,
    Unchanged,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Modified => "modified",
            Status::Unchanged => "unchanged",
        }
    }

    /// Capitalised, for headings and badges.
    pub fn title(self) -> &'static str {
        match self {
            Status::Added => "Added",
            Status::Removed => "Removed",
            Status::Modified => "Modified",
            Status::Unchanged => "Unchanged",
        }
    }
}

/// What a span of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A span of a clause's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub op: Op,
    pub text: String,
}

impl Change {
    pub fn new(op: Op, text: impl Into<String>) -> Self {
        Change {
            op,
            text: text.into(),
        }
    }
}

/// Counts of clauses by status; `moved` counts clauses of any status that
/// changed their relative order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub modified: usize,
    pub unchanged: usize,
    pub moved: usize,
}

/// One side of a block: its kind and where it sits (lists, tables, quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub kind: BlockKind,
    pub path: Vec<Frame>,
}

/// One block of a clause in the comparison, with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockDiff {
    /// The block's kind (the new one if the block is in the new version).
    pub kind: BlockKind,
    /// Where the block sits when both versions are shown interleaved: the
    /// new version's containers, and the old version's for deleted blocks
    /// (mapped onto the new containers wherever they correspond).
    pub path: Vec<Frame>,
    /// The block in the old version, if it is there.
    pub old: Option<Side>,
    /// The block in the new version, if it is there.
    pub new: Option<Side>,
    /// The block's spans: `equal`+`delete` give its old text, `equal`+`insert`
    /// its new text.
    pub spans: Vec<Change>,
}

/// One clause of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseDiff {
    pub key: String,
    pub status: Status,
    /// Its order relative to the other clauses of both versions changed (not
    /// merely shifted because clauses were added or removed around it).
    pub moved: bool,
    /// Present in both versions with different numbers.
    pub renumbered: bool,
    pub from_number: Option<String>,
    pub to_number: Option<String>,
    pub from_heading: Option<String>,
    pub to_heading: Option<String>,
    /// Heading level, 1 to 6 (the new version's when it has the clause).
    pub level: u8,
    /// The word diff gave up (too slow) and the clause is shown replaced.
    pub replaced: bool,
    /// The clause's text as spans; see the module documentation.
    pub changes: Vec<Change>,
    /// The same spans block by block, heading first, for views that keep
    /// lists and tables.
    pub blocks: Vec<BlockDiff>,
    /// The rendered body of an added, removed or unchanged clause, so those
    /// are shown with their formatting.
    pub html: Option<String>,
}

impl ClauseDiff {
    /// The clause's text in the old version (`equal` + `delete` spans).
    pub fn old_text(&self) -> String {
        spans_text(&self.changes, Op::Delete)
    }

    /// The clause's text in the new version (`equal` + `insert` spans).
    pub fn new_text(&self) -> String {
        spans_text(&self.changes, Op::Insert)
    }

    /// The heading to show: the new one if the clause is in the new version.
    pub fn heading(&self) -> &str {
        self.to_heading
            .as_deref()
            .or(self.from_heading.as_deref())
            .unwrap_or_default()
    }

    /// The number to show: the new one if the clause is in the new version.
    pub fn number(&self) -> &str {
        self.to_number
            .as_deref()
            .or(self.from_number.as_deref())
            .unwrap_or_default()
    }

    /// Whether a reader has anything to see: any status but unchanged, or a
    /// move. Renumbering alone is not a change of the clause.
    pub fn is_change(&self) -> bool {
        self.status != Status::Unchanged || self.moved
    }
}

/// Concatenate the `equal` spans and the spans of `op`.
pub fn spans_text(spans: &[Change], op: Op) -> String {
    let mut out = String::new();
    for s in spans {
        if s.op == Op::Equal || s.op == op {
            out.push_str(&s.text);
        }
    }
    out
}

/// A comparison of two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redline {
    /// Label of the old version.
    pub from: String,
    /// Label of the new version.
    pub to: String,
    pub summary: Summary,
    /// In the order of the new version; removed clauses where they stood.
    pub clauses: Vec<ClauseDiff>,
}

impl Redline {
    /// The JSON of DESIGN.md's contract.
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// Clauses a reader has something to see in (see [`ClauseDiff::is_change`]).
    pub fn changed(&self) -> impl Iterator<Item = &ClauseDiff> {
        self.clauses.iter().filter(|c| c.is_change())
    }

    /// "1 added, 0 removed, 2 modified, 5 unchanged; 1 moved."
    pub fn summary_line(&self) -> String {
        let s = &self.summary;
        format!(
            "{} added, {} removed, {} modified, {} unchanged; {} moved.",
            s.added, s.removed, s.modified, s.unchanged, s.moved
        )
    }
}

/// Time limits of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most time spent diffing the words of one clause.
    pub clause: Duration,
    /// Most time spent on word diffs in the whole comparison; clauses left
    /// when it runs out are shown replaced.
    pub total: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            clause: Duration::from_millis(200),
            total: Duration::from_secs(3),
        }
    }
}

/// How many threads a large comparison may use: the cores this process
/// may run on, asked once (the answer reads files under `/proc` and
/// `/sys` on Linux).
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Fewest clauses per thread worth starting a thread for.
const PARALLEL_MIN_CLAUSES: usize = 200;

/// Compare two versions' clauses with the default [`Limits`].
pub fn compare(from: &str, to: &str, old: &[Clause], new: &[Clause]) -> Redline {
    compare_with(from, to, old, new, Limits::default())
}

/// Compare two versions' clauses.
pub fn compare_with(
    from: &str,
    to: &str,
    old: &[Clause],
    new: &[Clause],
    limits: Limits,
) -> Redline {
    let started = Instant::now();
    let total_deadline = started + limits.total;
    let old_keys: Vec<&str> = old.iter().map(|c| c.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|c| c.key.as_str()).collect();
    let aligned = align::align(&old_keys, &new_keys);

    let diff_one = |a: &align::Aligned| {
        let diff = match a.pair {
            align::Pair::Old(i) => words::whole(&old[i], Op::Delete),
            align::Pair::New(j) => words::whole(&new[j], Op::Insert),
            align::Pair::Both(i, j) => {
                let deadline = (Instant::now() + limits.clause).min(total_deadline);
                words::diff_clause(&old[i], &new[j], deadline)
            }
        };
        ClauseDiff {
            moved: a.moved,
            ..diff
        }
    };
    // Clauses are independent: large comparisons share them out among the
    // available cores, keeping their order.
    let threads = cores().min(aligned.len() / PARALLEL_MIN_CLAUSES).max(1);
    let clauses: Vec<ClauseDiff> = if threads == 1 {
        aligned.iter().map(diff_one).collect()
    } else {
        let chunk = aligned.len().div_ceil(threads);
        let mut parts = aligned.chunks(chunk);
        let first = parts.next().unwrap_or_default();
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .map(|part| scope.spawn(|| part.iter().map(diff_one).collect::<Vec<_>>()))
                .collect();
            // This thread takes the first share itself.
            let mut all: Vec<ClauseDiff> = Vec::with_capacity(aligned.len());
            all.extend(first.iter().map(diff_one));
            for h in handles {
                match h.join() {
                    Ok(part) => all.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    };

    let mut summary = Summary::default();
    for diff in &clauses {
        match diff.status {
            Status::Added => summary.added += 1,
            Status::Removed => summary.removed += 1,
            Status::Modified => summary.modified += 1,
            Status::Unchanged => summary.unchanged += 1,
        }
        if diff.moved {
            summary.moved += 1;
        }
    }
    Redline {
        from: from.to_string(),
        to: to.to_string(),
        summary,
        clauses,
    }
}
