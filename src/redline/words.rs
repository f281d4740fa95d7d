//! The word diff inside a clause present in both versions.
//!
//! The clause's blocks are aligned first (equal blocks by their text with
//! `similar`'s patience diff, the rest paired by word similarity), then each
//! pair of blocks is diffed on [`tokens`] (a word or a punctuation mark with
//! the space before it) with `similar`'s Myers diff, under a deadline. Spans
//! are tidied for reading: each run of changes reads as one deletion then
//! one insertion, and space both sides of a change begin with stays equal.
//!
//! Two blocks too different to diff (less than [`MIN_WORD_SIMILARITY`] of
//! their words in common) are shown as one deleted and one inserted. A
//! clause whose diff outlives its deadline is shown replaced: all its old
//! blocks deleted, then all its new ones inserted. A clause whose text did
//! not change skips all this.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use super::blocks::{self, Block, Frame, SEPARATOR};
pub use super::tokens::{diff_words, tokens};
use super::tokens::{non_empty, push};
use super::{BlockDiff, Change, ClauseDiff, Op, Side, Status};
use crate::standard::Clause;

/// Share of words two blocks must have in common (Dice coefficient of
/// their word multisets) to be paired as one block that changed.
pub const MIN_BLOCK_SIMILARITY: f64 = 0.35;

pub use super::tokens::MIN_WORD_SIMILARITY;

/// Largest number of candidate pairs weighed when pairing changed blocks;
/// beyond it, blocks pair one for one only when as many were deleted as
/// inserted.
const MAX_PAIRING_CELLS: usize = 4096;

/// Frame ids of the old version that have no counterpart in the new one.
const OLD_FRAME: u32 = 1 << 31;

/// An added (`Op::Insert`) or removed (`Op::Delete`) clause, whole.
pub fn whole(clause: &Clause, op: Op) -> ClauseDiff {
    let blocks = blocks::clause_blocks(clause);
    let text = blocks::join(&blocks);
    let side = |b: &Block| {
        Some(Side {
            kind: b.kind,
            path: b.path.clone(),
        })
    };
    let diffs = blocks
        .iter()
        .map(|b| BlockDiff {
            kind: b.kind,
            path: match op {
                Op::Delete => old_path(&b.path, &HashMap::new()),
                _ => b.path.clone(),
            },
            old: if op == Op::Delete { side(b) } else { None },
            new: if op == Op::Insert { side(b) } else { None },
            spans: non_empty(op, &b.text),
        })
        .collect();
    let added = op == Op::Insert;
    ClauseDiff {
        key: clause.key.clone(),
        status: if added {
            Status::Added
        } else {
            Status::Removed
        },
        moved: false,
        renumbered: false,
        from_number: (!added).then(|| clause.number.clone()),
        to_number: added.then(|| clause.number.clone()),
        from_heading: (!added).then(|| clause.heading.clone()),
        to_heading: added.then(|| clause.heading.clone()),
        level: clause.level,
        replaced: false,
        changes: non_empty(op, &text),
        blocks: diffs,
        html: Some(clause.html.clone()),
    }
}

/// How one block of the old version relates to the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Equal(usize, usize),
    Pair(usize, usize),
    Old(usize),
    New(usize),
}

/// Diff a clause present in both versions. The deadline bounds the word
/// diff; past it the clause is shown replaced.
pub fn diff_clause(old: &Clause, new: &Clause, deadline: Instant) -> ClauseDiff {
    let ob = blocks::clause_blocks(old);
    // Most clauses do not change at all: read those once.
    if old.heading == new.heading && old.body_md == new.body_md {
        return unchanged(old, new, ob, None);
    }
    let nb = blocks::clause_blocks(new);
    if ob.len() == nb.len() && ob.iter().zip(&nb).all(|(a, b)| a.text == b.text) {
        return unchanged(old, new, ob, Some(nb));
    }

    let mut units = if Instant::now() >= deadline {
        None
    } else {
        let mut units = vec![if ob[0].text == nb[0].text {
            Unit::Equal(0, 0)
        } else {
            Unit::Pair(0, 0)
        }];
        units.extend(
            align_blocks(&ob[1..], &nb[1..], deadline)
                .into_iter()
                .map(|u| match u {
                    Unit::Equal(i, j) => Unit::Equal(i + 1, j + 1),
                    Unit::Pair(i, j) => Unit::Pair(i + 1, j + 1),
                    Unit::Old(i) => Unit::Old(i + 1),
                    Unit::New(j) => Unit::New(j + 1),
                }),
        );
        Some(units)
    };
    let mut spans: Vec<Vec<Change>> = Vec::new();
    if let Some(list) = &units {
        spans = list
            .iter()
            .map(|unit| match *unit {
                Unit::Equal(i, _) => non_empty(Op::Equal, &ob[i].text),
                Unit::Old(i) => non_empty(Op::Delete, &ob[i].text),
                Unit::New(j) => non_empty(Op::Insert, &nb[j].text),
                Unit::Pair(i, j) => diff_words(&ob[i].text, &nb[j].text, deadline),
            })
            .collect();
    }
    if Instant::now() >= deadline {
        // The diff may have been cut short.
        units = None;
    }
    match units {
        Some(units) => build(old, new, &ob, &nb, &units, spans, false),
        None => {
            // Out of time: show the clause replaced.
            let units = replace_units(&ob, &nb);
            let spans = units
                .iter()
                .map(|u| match *u {
                    Unit::Equal(i, _) => non_empty(Op::Equal, &ob[i].text),
                    Unit::Old(i) => non_empty(Op::Delete, &ob[i].text),
                    Unit::New(j) => non_empty(Op::Insert, &nb[j].text),
                    Unit::Pair(i, j) => {
                        let mut out = non_empty(Op::Delete, &ob[i].text);
                        out.extend(non_empty(Op::Insert, &nb[j].text));
                        out
                    }
                })
                .collect();
            build(old, new, &ob, &nb, &units, spans, true)
        }
    }
}

/// A clause whose text did not change. Its blocks are moved, not copied:
/// most clauses of a comparison are like this. `nb` is given when the new
/// version's blocks differ in where they sit (a paragraph that became a
/// list item with the same words).
fn unchanged(old: &Clause, new: &Clause, ob: Vec<Block>, nb: Option<Vec<Block>>) -> ClauseDiff {
    let len = ob.iter().map(|b| b.text.len() + SEPARATOR.len()).sum();
    let mut text = String::with_capacity(len);
    let mut diffs = Vec::with_capacity(ob.len());
    let mut news = nb.map(Vec::into_iter);
    for (k, o) in ob.into_iter().enumerate() {
        if k > 0 {
            text.push_str(SEPARATOR);
        }
        text.push_str(&o.text);
        let (kind, path) = match news.as_mut().and_then(Iterator::next) {
            Some(n) => (n.kind, n.path),
            None => (o.kind, o.path.clone()),
        };
        diffs.push(BlockDiff {
            kind,
            path: path.clone(),
            old: Some(Side {
                kind: o.kind,
                path: o.path,
            }),
            new: Some(Side { kind, path }),
            spans: if o.text.is_empty() {
                Vec::new()
            } else {
                vec![Change::new(Op::Equal, o.text)]
            },
        });
    }
    let changes = if text.is_empty() {
        Vec::new()
    } else {
        vec![Change::new(Op::Equal, text)]
    };
    in_both(old, new, changes, diffs, false)
}

/// A clause present in both versions, as its changes make it: modified
/// when any span is not `equal`, else unchanged (with the new HTML to show
/// as it is). `replaced`: shown as all old blocks deleted, then all new.
fn in_both(
    old: &Clause,
    new: &Clause,
    changes: Vec<Change>,
    blocks: Vec<BlockDiff>,
    replaced: bool,
) -> ClauseDiff {
    let changed = changes.iter().any(|c| c.op != Op::Equal);
    ClauseDiff {
        key: new.key.clone(),
        status: if changed {
            Status::Modified
        } else {
            Status::Unchanged
        },
        moved: false,
        renumbered: old.number != new.number,
        from_number: Some(old.number.clone()),
        to_number: Some(new.number.clone()),
        from_heading: Some(old.heading.clone()),
        to_heading: Some(new.heading.clone()),
        level: new.level,
        replaced: replaced && changed,
        changes,
        blocks,
        html: (!changed).then(|| new.html.clone()),
    }
}

/// The heading paired with the heading, then every old block deleted and
/// every new block inserted.
fn replace_units(ob: &[Block], nb: &[Block]) -> Vec<Unit> {
    let mut units = vec![if ob[0].text == nb[0].text {
        Unit::Equal(0, 0)
    } else {
        Unit::Pair(0, 0)
    }];
    units.extend((1..ob.len()).map(Unit::Old));
    units.extend((1..nb.len()).map(Unit::New));
    units
}

fn build(
    old: &Clause,
    new: &Clause,
    ob: &[Block],
    nb: &[Block],
    units: &[Unit],
    spans: Vec<Vec<Change>>,
    replaced: bool,
) -> ClauseDiff {
    // Map the old version's containers onto the new one's along every pair
    // of blocks, so a deleted list item shows inside the list it left.
    let mut map: HashMap<u32, u32> = HashMap::new();
    let mut taken: HashSet<u32> = HashSet::new();
    for unit in units {
        if let Unit::Equal(i, j) | Unit::Pair(i, j) = *unit {
            for (fo, fnew) in ob[i].path.iter().zip(&nb[j].path) {
                if fo.kind != fnew.kind {
                    break;
                }
                match map.get(&fo.id) {
                    Some(&m) if m == fnew.id => continue,
                    Some(_) => break,
                    None if taken.contains(&fnew.id) => break,
                    None => {
                        map.insert(fo.id, fnew.id);
                        taken.insert(fnew.id);
                    }
                }
            }
        }
    }

    let side = |b: &Block| Side {
        kind: b.kind,
        path: b.path.clone(),
    };
    let seps = separators(units);
    let mut block_diffs = Vec::with_capacity(units.len());
    let mut changes: Vec<Change> = Vec::new();
    for (k, (unit, spans)) in units.iter().zip(spans).enumerate() {
        let (o, n) = match *unit {
            Unit::Equal(i, j) | Unit::Pair(i, j) => (Some(&ob[i]), Some(&nb[j])),
            Unit::Old(i) => (Some(&ob[i]), None),
            Unit::New(j) => (None, Some(&nb[j])),
        };
        if let Some(op) = seps[k] {
            push(&mut changes, op, SEPARATOR);
        }
        for s in &spans {
            push(&mut changes, s.op, &s.text);
        }
        block_diffs.push(BlockDiff {
            kind: n
                .or(o)
                .map(|b| b.kind)
                .unwrap_or(blocks::BlockKind::Paragraph),
            path: match (o, n) {
                (_, Some(n)) => n.path.clone(),
                (Some(o), None) => old_path(&o.path, &map),
                (None, None) => Vec::new(),
            },
            old: o.map(side),
            new: n.map(side),
            spans,
        });
    }
    in_both(old, new, changes, block_diffs, replaced)
}

/// The separator before each block (none before the heading). In a run of
/// unpaired blocks with both deletions and insertions, one `equal`
/// separator opens the run and stands for the first block of each side;
/// the other blocks have their own.
fn separators(units: &[Unit]) -> Vec<Option<Op>> {
    let unpaired = |u: &Unit| matches!(u, Unit::Old(_) | Unit::New(_));
    let mut out = vec![None; units.len()];
    let mut k = 1;
    while k < units.len() {
        if !unpaired(&units[k]) {
            out[k] = Some(Op::Equal);
            k += 1;
            continue;
        }
        let start = k;
        let end = units[k..]
            .iter()
            .position(|u| !unpaired(u))
            .map_or(units.len(), |p| k + p);
        let run = &units[start..end];
        let shared = run.iter().any(|u| matches!(u, Unit::Old(_)))
            && run.iter().any(|u| matches!(u, Unit::New(_)));
        let (mut seen_old, mut seen_new) = (false, false);
        for (i, u) in run.iter().enumerate() {
            let is_old = matches!(u, Unit::Old(_));
            let first = if is_old { !seen_old } else { !seen_new };
            out[start + i] = match (shared && first, i == 0, is_old) {
                (true, true, _) => Some(Op::Equal),
                (true, false, _) => None,
                (false, _, true) => Some(Op::Delete),
                (false, _, false) => Some(Op::Insert),
            };
            if is_old {
                seen_old = true;
            } else {
                seen_new = true;
            }
        }
        k = end;
    }
    out
}

/// An old path in the interleaved view: containers that correspond to new
/// ones take their ids; the others get ids of their own.
fn old_path(path: &[Frame], map: &HashMap<u32, u32>) -> Vec<Frame> {
    path.iter()
        .map(|f| Frame {
            kind: f.kind,
            id: map.get(&f.id).copied().unwrap_or(f.id | OLD_FRAME),
        })
        .collect()
}

/// Align the body blocks of two versions of a clause.
fn align_blocks(old: &[Block], new: &[Block], deadline: Instant) -> Vec<Unit> {
    let ot: Vec<&str> = old.iter().map(|b| b.text.as_str()).collect();
    let nt: Vec<&str> = new.iter().map(|b| b.text.as_str()).collect();
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &ot, &nt, Some(deadline));
    let mut units = Vec::with_capacity(old.len().max(new.len()));
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => units.extend((0..len).map(|k| Unit::Equal(old_index + k, new_index + k))),
            DiffOp::Delete {
                old_index, old_len, ..
            } => units.extend((old_index..old_index + old_len).map(Unit::Old)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => units.extend((new_index..new_index + new_len).map(Unit::New)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => pair_blocks(
                &old[old_index..old_index + old_len],
                old_index,
                &new[new_index..new_index + new_len],
                new_index,
                &mut units,
            ),
        }
    }
    units
}

/// Pair changed blocks in order: first the pairs that maximise their total
/// word similarity; then, between two such pairs (or the ends), as many
/// deleted as inserted blocks pair one for one, so a rewritten paragraph
/// stays one paragraph and a changed cell one cell. Blocks left unpaired
/// are deleted or inserted (deletions first).
fn pair_blocks(old: &[Block], old_at: usize, new: &[Block], new_at: usize, out: &mut Vec<Unit>) {
    let (n, m) = (old.len(), new.len());
    let mut similar: Vec<(usize, usize)> = Vec::new();
    if n * m > 1 && n * m <= MAX_PAIRING_CELLS {
        let ob: Vec<HashMap<&str, u32>> = old.iter().map(|b| bag(&b.text)).collect();
        let nb: Vec<HashMap<&str, u32>> = new.iter().map(|b| bag(&b.text)).collect();
        let score: Vec<Vec<f64>> = ob
            .iter()
            .map(|a| nb.iter().map(|b| dice(a, b)).collect())
            .collect();
        // best[i][j]: best total over old[i..] and new[j..].
        let mut best = vec![vec![0.0f64; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let mut v = best[i + 1][j].max(best[i][j + 1]);
                if score[i][j] >= MIN_BLOCK_SIMILARITY {
                    v = v.max(best[i + 1][j + 1] + score[i][j]);
                }
                best[i][j] = v;
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            let s = score[i][j];
            if s >= MIN_BLOCK_SIMILARITY && best[i][j] == best[i + 1][j + 1] + s {
                similar.push((i, j));
                i += 1;
                j += 1;
            } else if best[i][j] == best[i + 1][j] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in similar.into_iter().chain(std::iter::once((n, m))) {
        if pi - i == pj - j {
            out.extend((0..pi - i).map(|k| Unit::Pair(old_at + i + k, new_at + j + k)));
        } else {
            out.extend((i..pi).map(|k| Unit::Old(old_at + k)));
            out.extend((j..pj).map(|k| Unit::New(new_at + k)));
        }
        if pi < n && pj < m {
            out.push(Unit::Pair(old_at + pi, new_at + pj));
        }
        i = pi + 1;
        j = pj + 1;
    }
}

/// The words of a text with their counts.
fn bag(text: &str) -> HashMap<&str, u32> {
    let mut bag = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

/// Dice coefficient of two word multisets, 0–1 (1 for two empty texts).
fn dice(a: &HashMap<&str, u32>, b: &HashMap<&str, u32>) -> f64 {
    let total: u32 = a.values().sum::<u32>() + b.values().sum::<u32>();
    if total == 0 {
        return 1.0;
    }
    let shared: u32 = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    2.0 * f64::from(shared) / f64::from(total)
}
