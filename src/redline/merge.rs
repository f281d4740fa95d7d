//! Three-way merge of a clause's Markdown source, word by word: the
//! published text (base), the draft's text (ours) and a commenter's
//! proposed text (theirs). Each side is compared with the base using the
//! redline's own tokens ([`super::tokens::tokens`]: a word or a mark with
//! the space before it), so list markers, table pipes and link syntax are
//! tokens like any other and survive.
//!
//! The policy a reader must know: changes whose base ranges neither
//! overlap nor touch are combined; the same change made on both sides is
//! taken once; anything else is a [`Conflict`], never a silent choice.
//! Nothing is lost: a clean merge keeps every word both sides kept and
//! every change either side made.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use super::tokens::tokens;

/// A place where both sides changed the same words (or words next to each
/// other) differently: the three texts of that stretch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    Clean(String),
    /// At least one conflict; nothing was combined.
    Conflicts(Vec<Conflict>),
}

/// One change of a side against the base: base tokens `base` replaced by
/// that side's tokens `new`.
#[derive(Debug, Clone)]
struct Hunk {
    base: Range<usize>,
    new: Range<usize>,
}

/// How long one comparison may search before settling for a coarser (but
/// still exact) answer.
const DEADLINE: Duration = Duration::from_secs(2);

fn hunks(base: &[&str], side: &[&str]) -> Vec<Hunk> {
    let ops = capture_diff_slices_deadline(
        Algorithm::Myers,
        base,
        side,
        Some(Instant::now() + DEADLINE),
    );
    let mut out: Vec<Hunk> = Vec::new();
    for op in ops {
        let (b, n) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        // A deletion next to an insertion is one change.
        match out.last_mut() {
            Some(last) if last.base.end == b.start && last.new.end == n.start => {
                last.base.end = b.end;
                last.new.end = n.end;
            }
            _ => out.push(Hunk { base: b, new: n }),
        }
    }
    out
}

/// Whether two changes overlap or touch: they cannot both be applied
/// without one deciding about the other's words.
fn meet(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// A value merged as a whole, not word by word (a clause number, a title):
/// whichever side changed it wins; `None` when both changed it differently.
pub fn merge_whole(base: &str, current: &str, mine: &str) -> Option<String> {
    if mine == base || mine == current {
        Some(current.to_string())
    } else if current == base {
        Some(mine.to_string())
    } else {
        None
    }
}

/// Merge `ours` and `theirs`, both edited from `base`.
pub fn merge3(base: &str, ours: &str, theirs: &str) -> Merged {
    if ours == theirs || theirs == base {
        return Merged::Clean(ours.to_string());
    }
    if ours == base {
        return Merged::Clean(theirs.to_string());
    }
    let tb = tokens(base);
    let to = tokens(ours);
    let tt = tokens(theirs);
    let ho = hunks(&tb, &to);
    let ht = hunks(&tb, &tt);
    let text = |ts: &[&str], r: &Range<usize>| ts[r.clone()].concat();

    let mut out = String::with_capacity(ours.len().max(theirs.len()) + 16);
    let mut conflicts = Vec::new();
    let mut at = 0;
    let (mut i, mut j) = (0, 0);
    while i < ho.len() || j < ht.len() {
        let next_o = ho.get(i);
        let next_t = ht.get(j);
        match (next_o, next_t) {
            (Some(o), Some(t)) if meet(&o.base, &t.base) => {
                // Gather every change on either side that meets this one.
                let mut region = o.base.start.min(t.base.start)..o.base.end.max(t.base.end);
                let (i0, j0) = (i, j);
                loop {
                    let mut grew = false;
                    while let Some(h) = ho.get(i).filter(|h| meet(&h.base, &region)) {
                        region = region.start.min(h.base.start)..region.end.max(h.base.end);
                        i += 1;
                        grew = true;
                    }
                    while let Some(h) = ht.get(j).filter(|h| meet(&h.base, &region)) {
                        region = region.start.min(h.base.start)..region.end.max(h.base.end);
                        j += 1;
                        grew = true;
                    }
                    if !grew {
                        break;
                    }
                }
                let side = |hs: &[Hunk], ts: &[&str]| -> String {
                    // The side's text over the region: its changes, and the
                    // base between them.
                    let mut s = String::new();
                    let mut pos = region.start;
                    for h in hs {
                        s.push_str(&tb[pos..h.base.start].concat());
                        s.push_str(&text(ts, &h.new));
                        pos = h.base.end;
                    }
                    s.push_str(&tb[pos..region.end].concat());
                    s
                };
                let ours_text = side(&ho[i0..i], &to);
                let theirs_text = side(&ht[j0..j], &tt);
                out.push_str(&tb[at..region.start].concat());
                if ours_text == theirs_text {
                    out.push_str(&ours_text);
                } else {
                    conflicts.push(Conflict {
                        base: text(&tb, &region),
                        ours: ours_text,
                        theirs: theirs_text,
                    });
                }
                at = region.end;
            }
            (Some(o), t) if t.is_none_or(|t| o.base.start < t.base.start) => {
                out.push_str(&tb[at..o.base.start].concat());
                out.push_str(&text(&to, &o.new));
                at = o.base.end;
                i += 1;
            }
            (_, Some(t)) => {
                out.push_str(&tb[at..t.base.start].concat());
                out.push_str(&text(&tt, &t.new));
                at = t.base.end;
                j += 1;
            }
            (Some(_), None) | (None, None) => unreachable!("handled above"),
        }
    }
    out.push_str(&tb[at..].concat());
    if conflicts.is_empty() {
        Merged::Clean(out)
    } else {
        Merged::Conflicts(conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn disjoint_changes_combine_and_overlapping_ones_conflict() {
        let base = "Ballots shall be logged at every hand-off, with two signatures.";
        let ours = "Ballots shall be logged at every hand-off, with three signatures.";
        let theirs = "All ballots shall be logged at every hand-off, with two signatures.";
        assert_eq!(
            merge3(base, ours, theirs),
            Merged::Clean(
                "All ballots shall be logged at every hand-off, with three signatures.".into()
            )
        );
        let theirs = "Ballots shall be logged at every hand-off, with four signatures.";
        match merge3(base, ours, theirs) {
            Merged::Conflicts(c) => {
                assert_eq!(c.len(), 1);
                assert_eq!(c[0].base, " two");
                assert_eq!(c[0].ours, " three");
                assert_eq!(c[0].theirs, " four");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let base = "- one\n- two\n- three";
        let both = "- one\n- 2\n- three";
        assert_eq!(merge3(base, both, both), Merged::Clean(both.into()));
        let theirs = "- one\n- 2\n- three\n- four";
        assert_eq!(
            merge3(base, both, theirs),
            Merged::Clean("- one\n- 2\n- three\n- four".into())
        );
    }

    #[test]
    fn lists_and_tables_keep_their_marks() {
        let base = "| Role | Count |\n| --- | --- |\n| Clerk | 2 |\n| Judge | 1 |\n\n- Seal the box.\n- Sign the log.";
        let ours = "| Role | Count |\n| --- | --- |\n| Clerk | 3 |\n| Judge | 1 |\n\n- Seal the box.\n- Sign the log.";
        let theirs = "| Role | Count |\n| --- | --- |\n| Clerk | 2 |\n| Judge | 1 |\n\n- Seal the box.\n- Sign and date the log.";
        assert_eq!(
            merge3(base, ours, theirs),
            Merged::Clean("| Role | Count |\n| --- | --- |\n| Clerk | 3 |\n| Judge | 1 |\n\n- Seal the box.\n- Sign and date the log.".into())
        );
    }

    /// The mark before word `k`: list items, table cells, links and
    /// plain spaces, so the texts are Markdown with structure.
    fn sep(k: usize) -> &'static str {
        match k % 7 {
            0 if k > 0 => "\n- ",
            0 => "",
            3 => " | ",
            5 => " [",
            6 => "](x) ",
            _ => " ",
        }
    }

    /// What each side does to one base word.
    #[derive(Debug, Clone, Copy)]
    enum Edit {
        Keep,
        Ours(u8),
        Theirs(u8),
        Both(u8, u8),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            6 => Just(Edit::Keep),
            2 => (0u8..3).prop_map(Edit::Ours),
            2 => (0u8..3).prop_map(Edit::Theirs),
            1 => (0u8..3, 0u8..3).prop_map(|(a, b)| Edit::Both(a, b)),
        ]
    }

    /// Word `k` with its mark as a side leaves it: gone with its mark (0
    /// words), or replaced by `n` new words of that side.
    fn part(side: &str, k: usize, n: u8) -> String {
        if n == 0 {
            return String::new();
        }
        let words: Vec<String> = (0..n).map(|m| format!("{side}{k}x{m}")).collect();
        format!("{}{}", sep(k), words.join(" "))
    }

    fn kept(k: usize) -> String {
        format!("{}w{k}", sep(k))
    }

    /// The text with `pick` deciding each word's part.
    fn text(edits: &[Edit], pick: impl Fn(usize, &Edit) -> String) -> String {
        edits.iter().enumerate().map(|(k, e)| pick(k, e)).collect()
    }

    fn ours_of(k: usize, e: &Edit) -> String {
        match e {
            Edit::Ours(n) | Edit::Both(n, _) => part("o", k, *n),
            _ => kept(k),
        }
    }

    fn theirs_of(k: usize, e: &Edit) -> String {
        match e {
            Edit::Theirs(n) | Edit::Both(_, n) => part("t", k, *n),
            _ => kept(k),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Edits of different words, never next to each other, always
        /// combine, into exactly the text with both applied.
        #[test]
        fn disjoint_edits_always_combine(edits in proptest::collection::vec(edit(), 1..40)) {
            // One untouched word between any two changes, so none meet.
            let mut spaced: Vec<Edit> = Vec::new();
            for e in edits {
                let e = match e { Edit::Both(a, _) => Edit::Ours(a), e => e };
                if !matches!(e, Edit::Keep) && spaced.last().is_some_and(|l| !matches!(l, Edit::Keep)) {
                    spaced.push(Edit::Keep);
                }
                spaced.push(e);
            }
            let base = text(&spaced, |k, _| kept(k));
            let ours = text(&spaced, ours_of);
            let theirs = text(&spaced, theirs_of);
            let both = text(&spaced, |k, e| match e {
                Edit::Ours(_) => ours_of(k, e),
                Edit::Theirs(_) => theirs_of(k, e),
                _ => kept(k),
            });
            prop_assert_eq!(merge3(&base, &ours, &theirs), Merged::Clean(both));
        }

        /// Whatever the edits: a clean merge keeps every word both sides
        /// kept, and when both sides changed one word differently the
        /// merge is a conflict.
        #[test]
        fn nothing_kept_is_lost_and_no_conflict_is_silent(edits in proptest::collection::vec(edit(), 1..40)) {
            let base = text(&edits, |k, _| kept(k));
            let ours = text(&edits, ours_of);
            let theirs = text(&edits, theirs_of);
            // Both deleting a word is the same change; anything else on
            // both sides of one word differs.
            let clash = edits.iter().any(|e| matches!(e, Edit::Both(a, b) if (*a, *b) != (0, 0)));
            match merge3(&base, &ours, &theirs) {
                Merged::Clean(text) => {
                    prop_assert!(!clash, "a word changed differently on both sides merged: {}", text);
                    let merged: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
                    for (k, e) in edits.iter().enumerate() {
                        let w = format!("w{k}");
                        if matches!(e, Edit::Keep) {
                            prop_assert!(merged.contains(&w.as_str()), "{} lost from {}", w, text);
                        }
                    }
                    for side in [&ours, &theirs] {
                        for w in side.split(|c: char| !c.is_alphanumeric()) {
                            if w.starts_with('o') || w.starts_with('t') {
                                prop_assert!(merged.contains(&w), "{} added but lost from {}", w, text);
                            }
                        }
                    }
                }
                Merged::Conflicts(c) => prop_assert!(!c.is_empty()),
            }
        }
    }
}
