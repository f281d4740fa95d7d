//! The word-level diff of two texts: split into tokens (a word or a
//! punctuation mark with the space before it), compared with `similar`'s
//! Myers diff under a deadline, and tidied for reading, so each run of
//! changes reads as one deletion then one insertion. The spans are
//! lossless. [`super::words`] decides which blocks to compare.

use std::ops::Range;
use std::time::Instant;

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use super::{Change, Op};

/// Share of characters of words two paired blocks must have in common for
/// a word-by-word diff; below it the block reads better replaced.
pub const MIN_WORD_SIMILARITY: f64 = 0.25;

pub(super) fn non_empty(op: Op, text: &str) -> Vec<Change> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Change::new(op, text)]
    }
}

/// Append a span, merging it into the last one when the op is the same.
pub(super) fn push(out: &mut Vec<Change>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Change::new(op, text)),
    }
}

/// Split text into tokens: a run of letters and digits, or any other single
/// character, each with the white space before it (text ending in white
/// space ends with a token of white space alone). The tokens concatenate to
/// the text. Carrying the space with the word halves the tokens to diff.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut start = 0;
    // What the current token holds after its white space: nothing yet,
    // a run of letters and digits, or another character.
    let mut body: Option<bool> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if body.is_some() {
                out.push(&text[start..i]);
                start = i;
                body = None;
            }
        } else {
            let word = c.is_alphanumeric();
            match body {
                Some(true) if word => {}
                Some(_) => {
                    out.push(&text[start..i]);
                    start = i;
                    body = Some(word);
                }
                None => body = Some(word),
            }
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn is_space(token: &str) -> bool {
    token.chars().all(char::is_whitespace)
}

/// Diff two block texts word by word. The spans are lossless: `equal` +
/// `delete` give `old`, `equal` + `insert` give `new`.
pub fn diff_words(old: &str, new: &str, deadline: Instant) -> Vec<Change> {
    if old == new {
        return non_empty(Op::Equal, old);
    }
    let ot = tokens(old);
    let nt = tokens(new);
    // Myers, like `git diff`: on words, patience's search for unique tokens
    // costs more than it improves.
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ot, &nt, Some(deadline));

    // Too different to read word by word?
    let content = |ts: &[&str]| -> usize { ts.iter().map(|t| t.trim_start().len()).sum::<usize>() };
    let mut common = 0;
    for op in &ops {
        if let DiffOp::Equal { old_index, len, .. } = *op {
            common += content(&ot[old_index..old_index + len]);
        }
    }
    let total = content(&ot) + content(&nt);
    if total > 0 && (2 * common) as f64 / (total as f64) < MIN_WORD_SIMILARITY {
        let mut out = non_empty(Op::Delete, old);
        out.extend(non_empty(Op::Insert, new));
        return out;
    }

    // Byte offsets of token boundaries.
    let offsets = |ts: &[&str]| -> Vec<usize> {
        let mut v = Vec::with_capacity(ts.len() + 1);
        let mut at = 0;
        v.push(0);
        for t in ts {
            at += t.len();
            v.push(at);
        }
        v
    };
    let oo = offsets(&ot);
    let no = offsets(&nt);

    let mut out: Vec<Change> = Vec::new();
    // A pending run of changes: old and new token ranges.
    let mut run: Option<(Range<usize>, Range<usize>)> = None;
    let flush = |run: &mut Option<(Range<usize>, Range<usize>)>, out: &mut Vec<Change>| {
        if let Some((o, n)) = run.take() {
            let (gone, came) = (&old[oo[o.start]..oo[o.end]], &new[no[n.start]..no[n.end]]);
            // White space both sides start with is not part of the change.
            let same = if gone.is_empty() || came.is_empty() {
                0
            } else {
                gone.bytes()
                    .zip(came.bytes())
                    .take_while(|(a, b)| a == b && a.is_ascii_whitespace())
                    .count()
            };
            push(out, Op::Equal, &gone[..same]);
            push(out, Op::Delete, &gone[same..]);
            push(out, Op::Insert, &came[same..]);
        }
    };
    // Positions are counted here rather than read from the ops: a deletion's
    // `new_index` is only a hint and need not follow the previous op.
    let (mut at_old, mut at_new) = (0, 0);
    for (k, op) in ops.iter().enumerate() {
        let (lo, ln) = match *op {
            DiffOp::Equal { len, .. } => (len, len),
            DiffOp::Delete { old_len, .. } => (old_len, 0),
            DiffOp::Insert { new_len, .. } => (0, new_len),
            DiffOp::Replace {
                old_len, new_len, ..
            } => (old_len, new_len),
        };
        let (o, n) = (at_old..at_old + lo, at_new..at_new + ln);
        at_old += lo;
        at_new += ln;
        match op {
            DiffOp::Equal { .. } => {
                let lone_space = o.len() == 1 && is_space(ot[o.start]);
                let more_changes = ops
                    .get(k + 1)
                    .is_some_and(|next| !matches!(next, DiffOp::Equal { .. }));
                match &mut run {
                    Some((ro, rn)) if lone_space && more_changes => {
                        ro.end = o.end;
                        rn.end = n.end;
                    }
                    _ => {
                        flush(&mut run, &mut out);
                        push(&mut out, Op::Equal, &old[oo[o.start]..oo[o.end]]);
                    }
                }
            }
            _ => match &mut run {
                Some((ro, rn)) => {
                    ro.end = o.end;
                    rn.end = n.end;
                }
                None => run = Some((o, n)),
            },
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn later() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn tokens_concatenate_to_the_text() {
        let t = "Ballots, (sealed) are  logged—twice.";
        assert_eq!(tokens(t).concat(), t);
        assert_eq!(tokens("a  b"), vec!["a", "  b"]);
        assert_eq!(tokens("x (y) z "), vec!["x", " (", "y", ")", " z", " "]);
    }

    #[test]
    fn word_changes_read_as_deletion_then_insertion() {
        let spans = diff_words(
            "Ballots shall be logged at every hand-off.",
            "Ballots shall be recorded at each hand-off.",
            later(),
        );
        let texts: Vec<(Op, &str)> = spans.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![
                (Op::Equal, "Ballots shall be "),
                (Op::Delete, "logged"),
                (Op::Insert, "recorded"),
                (Op::Equal, " at "),
                (Op::Delete, "every"),
                (Op::Insert, "each"),
                (Op::Equal, " hand-off."),
            ]
        );
        // A lone space between two changes is folded into them.
        let spans = diff_words("a b c", "x y c", later());
        let texts: Vec<(Op, &str)> = spans.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![(Op::Delete, "a b"), (Op::Insert, "x y"), (Op::Equal, " c")]
        );
    }
}
